//! The XPath that site configs use most, translated to CSS selectors:
//! `//` and `/` steps over element names or `*`, and predicates on
//! attributes: `@a`, `@a='v'`, `@a!='v'`, `contains(@a, 'v')`,
//! `starts-with(@a, 'v')`, the class-token idiom
//! `contains(concat(' ', normalize-space(@class), ' '), ' v ')`, positions
//! (`[1]`, `[last()]`), combined with `and`, `or`, `not()`; and unions
//! (`a | b`). Anything else (axes, `text()`, functions over text) is
//! refused with the reason, for the caller to report.

/// The CSS selector list equivalent to `xpath`, or why there is none.
pub(super) fn to_css(xpath: &str) -> Result<String, String> {
    let mut p = Cursor {
        s: xpath.trim(),
        at: 0,
    };
    let mut paths = vec![p.path()?];
    while p.eat("|") {
        paths.push(p.path()?);
    }
    p.skip_space();
    if p.at < p.s.len() {
        return Err(format!("cannot translate `{}`", &p.s[p.at..]));
    }
    Ok(paths.join(", "))
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.s[self.at..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.at = self.s.len() - trimmed.len();
    }

    /// Consumes `token` (after spaces) when it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(format!("expected `{token}` at `{}`", self.rest()))
        }
    }

    /// `//div[...]/p`: steps joined by CSS combinators.
    fn path(&mut self) -> Result<String, String> {
        let mut css = String::new();
        let absolute = !self.eat("//") && self.eat("/");
        let mut first = true;
        loop {
            let step = self.step()?;
            if first && absolute {
                css.push_str(&step);
                css.push_str(":root");
            } else {
                css.push_str(&step);
            }
            first = false;
            if self.eat("//") {
                css.push(' ');
            } else if self.eat("/") {
                css.push_str(" > ");
            } else {
                return Ok(css);
            }
        }
    }

    /// A name test and its predicates.
    fn step(&mut self) -> Result<String, String> {
        self.skip_space();
        if self.rest().starts_with('@') || self.rest().starts_with("text()") {
            return Err("selects attributes or text, not elements".into());
        }
        let axes = "axes (`..`, `::`) have no CSS equivalent here";
        if self.rest().starts_with('.') {
            return Err(axes.into());
        }
        let name = if self.eat("*") {
            "*".to_string()
        } else {
            self.name()?.to_ascii_lowercase()
        };
        if self.rest().starts_with("::") || self.rest().starts_with('(') {
            return Err(axes.into());
        }
        let mut css = name.clone();
        while self.eat("[") {
            let predicate = self.or(&name)?;
            self.expect("]")?;
            css.push_str(&predicate);
        }
        if css.len() > 1 && css.starts_with('*') {
            css.remove(0);
        }
        Ok(css)
    }

    fn name(&mut self) -> Result<String, String> {
        self.skip_space();
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(self.rest().len());
        if len == 0 {
            return Err(format!("expected a name at `{}`", self.rest()));
        }
        let name = self.rest()[..len].to_string();
        self.at += len;
        Ok(name)
    }

    /// `a or b`: one compound, `:is(a, b)`.
    fn or(&mut self, element: &str) -> Result<String, String> {
        let mut parts = vec![self.and(element)?];
        while self.eat_word("or") {
            parts.push(self.and(element)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            format!(":is({})", parts.join(", "))
        })
    }

    /// `a and b`: both conditions, concatenated into one compound.
    fn and(&mut self, element: &str) -> Result<String, String> {
        let mut css = self.unary(element)?;
        while self.eat_word("and") {
            css.push_str(&self.unary(element)?);
        }
        Ok(css)
    }

    /// A keyword followed by a space or a parenthesis.
    fn eat_word(&mut self, word: &str) -> bool {
        self.skip_space();
        let rest = self.rest();
        let follows = rest
            .strip_prefix(word)
            .is_some_and(|after| after.starts_with([' ', '(']));
        if follows {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    fn unary(&mut self, element: &str) -> Result<String, String> {
        if self.eat("not(") {
            let inner = self.or(element)?;
            self.expect(")")?;
            return Ok(format!(":not({inner})"));
        }
        if self.eat("(") {
            let inner = self.or(element)?;
            self.expect(")")?;
            return Ok(inner);
        }
        self.test(element)
    }

    fn test(&mut self, element: &str) -> Result<String, String> {
        if self.eat("@") {
            let attr = self.name()?.to_ascii_lowercase();
            if self.eat("!=") {
                return Ok(format!(":not([{attr}={}])", self.string()?));
            }
            if self.eat("=") {
                return Ok(format!("[{attr}={}]", self.string()?));
            }
            return Ok(format!("[{attr}]"));
        }
        if self.eat("contains(") {
            return self.contains();
        }
        if self.eat("starts-with(") {
            let attr = self.attribute()?;
            self.expect(",")?;
            let value = self.string()?;
            self.expect(")")?;
            return Ok(format!("[{attr}^={value}]"));
        }
        if self.eat("last()") {
            return Ok(of_type(element, "last"));
        }
        let digits = self
            .rest()
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest().len());
        if digits > 0 {
            let n = &self.rest()[..digits].to_string();
            self.at += digits;
            return Ok(of_type(element, &format!("nth({n})")));
        }
        Err(format!("cannot translate the condition `{}`", self.rest()))
    }

    /// `contains(@a, 'v')`, or the class-token idiom.
    fn contains(&mut self) -> Result<String, String> {
        if self.eat("concat(") {
            self.string()?;
            self.expect(",")?;
            self.expect("normalize-space(")?;
            let attr = self.attribute()?;
            self.expect(")")?;
            self.expect(",")?;
            self.string()?;
            self.expect(")")?;
            self.expect(",")?;
            let token = self.raw_string()?;
            self.expect(")")?;
            let token = token.trim();
            if token.is_empty() || token.contains(char::is_whitespace) {
                return Err("the class-token idiom needs one token".into());
            }
            return Ok(format!("[{attr}~={}]", quote(token)));
        }
        let normalized = self.eat("normalize-space(");
        let attr = self.attribute()?;
        if normalized {
            self.expect(")")?;
        }
        self.expect(",")?;
        let value = self.string()?;
        self.expect(")")?;
        Ok(format!("[{attr}*={value}]"))
    }

    fn attribute(&mut self) -> Result<String, String> {
        self.expect("@")?;
        Ok(self.name()?.to_ascii_lowercase())
    }

    /// A quoted XPath string, as a quoted CSS string.
    fn string(&mut self) -> Result<String, String> {
        self.raw_string().map(|s| quote(&s))
    }

    fn raw_string(&mut self) -> Result<String, String> {
        self.skip_space();
        let Some(q) = self
            .rest()
            .chars()
            .next()
            .filter(|&c| c == '\'' || c == '"')
        else {
            return Err(format!("expected a quoted string at `{}`", self.rest()));
        };
        let body = &self.rest()[1..];
        let Some(end) = body.find(q) else {
            return Err("a string is not closed".into());
        };
        let value = body[..end].to_string();
        self.at += end + 2;
        Ok(value)
    }
}

/// `:nth-of-type(n)` / `:last-of-type` for a named step; `-child` for `*`.
fn of_type(element: &str, which: &str) -> String {
    let kind = if element == "*" { "child" } else { "of-type" };
    match which {
        "last" => format!(":last-{kind}"),
        nth => format!(":{}-{kind}{}", &nth[..3], &nth[3..]),
    }
}

/// `s` as a double-quoted CSS string.
pub(super) fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::to_css;

    #[test]
    fn the_common_forms_translate() {
        let cases = [
            ("//div[@id='content']", r#"div[id="content"]"#),
            ("//div[contains(@class, 'share')]", r#"div[class*="share"]"#),
            (
                "//*[contains(concat(' ',normalize-space(@class),' '),' ad ')]",
                r#"[class~="ad"]"#,
            ),
            (
                "//article//div[@class='x']/p",
                r#"article div[class="x"] > p"#,
            ),
            ("//div[@id='a'] | //aside", r#"div[id="a"], aside"#),
            ("/html/body/div", "html:root > body > div"),
            (
                "//div[@class='a' and not(@id='b')]",
                r#"div[class="a"]:not([id="b"])"#,
            ),
            (
                "//p[@class='a' or contains(@id,'c')]",
                r#"p:is([class="a"], [id*="c"])"#,
            ),
            ("//ul/li[1]", "ul > li:nth-of-type(1)"),
            ("//div[last()]", "div:last-of-type"),
            ("//img[starts-with(@src, 'http')]", r#"img[src^="http"]"#),
            ("//div[@data-x]", "div[data-x]"),
        ];
        for (xpath, css) in cases {
            assert_eq!(to_css(xpath).as_deref(), Ok(css), "{xpath}");
        }
    }

    #[test]
    fn what_css_cannot_say_is_refused() {
        for xpath in [
            "//div/text()",
            "//img/@src",
            "//div/..",
            "//h1/following-sibling::p",
            "//div[contains(text(), 'Ad')]",
            "//div[@class='a'",
            "",
        ] {
            assert!(to_css(xpath).is_err(), "{xpath}");
        }
    }

    #[test]
    fn odd_input_is_refused_without_panicking() {
        for xpath in [
            "//p[@a='x' oé]",
            "//p[@a='x' o",
            "//é",
            "//p[\"unclosed]",
            "//p[@a=]",
            "//p[contains(concat(' ', normalize-space(@class), ' '), '  ')]",
            "|",
            "//p[",
            "//p[1",
        ] {
            assert!(to_css(xpath).is_err(), "{xpath}");
        }
    }

    #[test]
    fn every_translation_is_a_valid_selector() {
        for xpath in ["//div[@class='a\"b']", "//*[@id='x']//span[2]"] {
            let css = to_css(xpath).unwrap();
            assert!(crate::dom::parse_selector(&css).is_ok(), "{xpath} -> {css}");
        }
    }
}
