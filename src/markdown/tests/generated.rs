//! Generated pages: random trees of the elements and texts that are
//! hardest to write, checked for the output's shape and, read back with
//! pulldown-cmark, for the same visible text. Deterministic: a failure
//! prints its seed.

use super::{html_text, markdown_text, md};

/// A small linear congruential generator: no dependency, same sequence
/// everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const TEXTS: &[&str] = &[
    "*",
    "_",
    "a_b",
    "[x]",
    "](",
    "#",
    "1.",
    "- ",
    "-",
    " ",
    "\n",
    "&lt;",
    "&lt;a",
    "&amp;",
    "&amp;amp;",
    "`",
    "~",
    "|",
    "!",
    "(",
    ")",
    "한글",
    "「",
    "」",
    "は",
    "\\",
    "&gt;",
    "=",
    "+",
    "x",
    "。",
    ":",
    "'",
    "\"",
    "\u{a0}",
    "word",
    "2)",
    "***",
    "---",
    "[ ]",
    "&lt;/",
    "![",
    "&amp;#123;",
    "&lt;!--",
    "http://a.b",
    "[^1]",
    "\t",
    "~~",
    "**",
    "__",
    "1)",
    "#5",
];

const TAGS: &[&str] = &[
    "p",
    "div",
    "b",
    "i",
    "em",
    "strong",
    "s",
    "del",
    "code",
    "kbd",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "pre",
    "br",
    "hr",
    "img",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "sup",
    "sub",
    "span",
    "q",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "details",
    "summary",
];

const LINKS: &[&str] = &[
    "<a href=\"/u v(\">",
    "<a href=\"h&amp;copy;\" title=\"t\\&quot;\">",
    "<a href=\"#x\">",
    "<a href=\"http://e.com/a_(b)\">",
];

fn generate(rng: &mut Rng, depth: usize, out: &mut String) {
    for _ in 0..rng.next() % 4 + 1 {
        if depth == 0 || rng.next().is_multiple_of(3) {
            out.push_str(rng.pick(TEXTS));
            continue;
        }
        let tag = rng.pick(TAGS);
        match tag {
            "br" | "hr" => out.push_str(&format!("<{tag}>")),
            "img" => out.push_str("<img src=\"i(1).png\" alt=\"a*b\">"),
            _ => {
                if tag == "a" {
                    out.push_str(rng.pick(LINKS));
                } else {
                    out.push_str(&format!("<{tag}>"));
                }
                generate(rng, depth - 1, out);
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
}

/// One newline at the end, none at the start, no double blank lines and
/// no trailing spaces outside code blocks.
fn check_shape(markdown: &str, html: &str) {
    if markdown.is_empty() {
        return;
    }
    let context = format!("\nHTML: {html:?}\nMarkdown:\n{markdown}");
    assert!(
        markdown.ends_with('\n') && !markdown.ends_with("\n\n"),
        "{context}"
    );
    assert!(!markdown.starts_with('\n'), "{context}");
    let (mut in_code, mut blank) = (false, false);
    for line in markdown.lines() {
        let content = line.trim_start_matches(|c: char| {
            matches!(c, '>' | ' ' | '-' | '*' | '.' | ')') || c.is_ascii_digit()
        });
        if content.starts_with("```") && !content.trim_start_matches('`').contains('`') {
            in_code = !in_code;
        }
        if !in_code {
            assert!(!line.ends_with(' '), "trailing space in {line:?}{context}");
            let is_blank = line.trim_matches(' ').is_empty();
            assert!(!(is_blank && blank), "double blank line{context}");
            blank = is_blank;
        }
    }
}

/// Captions are moved (after a figure's images, after a table), so with
/// them only the characters are compared, not their order.
fn same_text(markdown: &str, html: &str) -> bool {
    let (ours, theirs) = (markdown_text(markdown), html_text(html));
    if !html.contains("caption") {
        return ours == theirs;
    }
    let sorted = |s: String| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    sorted(ours) == sorted(theirs)
}

#[test]
fn generated_pages_keep_shape_and_text() {
    for seed in 0..3_000u64 {
        let mut rng = Rng(seed);
        let mut html = String::new();
        generate(&mut rng, 4, &mut html);
        let markdown = md(&html);
        check_shape(&markdown, &html);
        assert!(
            same_text(&markdown, &html),
            "seed {seed}\nHTML: {html:?}\nMarkdown:\n{markdown}\nread back: {}\nexpected:  {}",
            markdown_text(&markdown),
            html_text(&html)
        );
    }
}
