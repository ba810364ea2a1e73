//! FiveFilters site configs (the ftr-site-config collection): one file per
//! host, named after it (`example.com.txt`; `.example.com.txt` for every
//! subdomain too), with `directive: value` lines.
//!
//! What becomes a rule, limited to the file's host:
//! - `strip: XPATH`: a drop rule;
//! - `strip_id_or_class: word`: a drop rule for any class or id containing
//!   the word, as FiveFilters does;
//! - `strip_image_src: text`: a drop rule for images whose `src` contains it;
//! - `body: XPATH`: a keep rule. It protects the article's container (and
//!   the path to it) from drop rules, so a broad boilerplate rule can never
//!   take the article; the extraction still chooses the block itself.
//!
//! `title:`, `author:` and `date:` are not translated (the metadata stage
//! reads them from the page itself) and each is noted, as is any XPath
//! outside the subset `xpath` translates. Directives about fetching pages
//! (`test_url`, `single_page_link`, `http_header`, ...) are not for saved
//! pages and are only counted.

use super::RuleNote;
use super::draft::{Draft, Located};
use super::format::Action;
use super::xpath::{self, quote};

/// Every directive of the format, so a site config is recognised.
const DIRECTIVES: &[&str] = &[
    "body",
    "strip",
    "strip_id_or_class",
    "strip_image_src",
    "strip_attr",
    "title",
    "author",
    "date",
    "test_url",
    "test_contains",
    "single_page_link",
    "single_page_link_in_feed",
    "next_page_link",
    "tidy",
    "prune",
    "autodetect_on_failure",
    "parser",
    "find_string",
    "replace_string",
    "http_header",
    "native_ad_clue",
    "dissolve",
    "src_lazy_load_attr",
    "skip_json_ld",
    "insert_detected_image",
    "wrap_in",
    "move_into",
    "if_page_contains",
    "login_uri",
    "login_username_field",
    "login_password_field",
    "login_extra_fields",
    "not_logged_in_xpath",
];

/// The directive of a line (`replace_string(a): b` gives `replace_string`),
/// if it has one of the format's.
fn directive(line: &str) -> Option<(&str, &str)> {
    let end = line.find([':', '('])?;
    let key = line[..end].trim();
    if !DIRECTIVES.contains(&key) {
        return None;
    }
    let after_args = if line[end..].starts_with('(') {
        end + line[end..].find("):")? + 1
    } else {
        end
    };
    let value = line[after_args..].strip_prefix(':')?;
    Some((key, value.trim()))
}

/// Whether a line is a site-config directive.
pub(super) fn is_directive(line: &str) -> bool {
    directive(line).is_some()
}

/// The host a site config is for, from its file name: `example.com.txt`
/// is `example.com` (and `www.example.com`); `.example.com.txt` is
/// `*.example.com`. A name without a dot (`global.txt`) applies everywhere.
fn site_of(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let host = base.strip_suffix(".txt").unwrap_or(base);
    match host.strip_prefix('.') {
        Some(rest) if rest.contains('.') => Some(format!("*.{rest}")),
        _ if host.contains('.') => Some(host.to_string()),
        _ => None,
    }
}

/// The rules of one site config; lines that cannot be translated are noted.
pub(super) fn drafts(name: &str, text: &str, notes: &mut Vec<RuleNote>) -> Vec<Draft> {
    let site = site_of(name);
    let mut drafts = Vec::new();
    let (mut untranslated, mut ignored) = (0, 0);
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let number = i + 1;
        let Some((key, value)) = directive(line) else {
            continue;
        };
        let rule = |action| {
            let mut d = Draft::new(name, number, format!("{name}:{number}: {line}"), action);
            d.site
                .extend(site.iter().map(|s| Located::new(s.clone(), number, 1)));
            d
        };
        let translated = match key {
            "strip" | "body" => xpath::to_css(value),
            "strip_id_or_class" => Ok(id_or_class(value)),
            "strip_image_src" => Ok(format!("img[src*={}]", quote(value))),
            "title" | "author" | "date" => {
                Err("not translated: the title, author and date are read from the page".into())
            }
            _ => {
                ignored += 1;
                continue;
            }
        };
        match translated {
            Ok(css) => {
                let action = if key == "body" {
                    Action::Keep
                } else {
                    Action::Drop
                };
                let mut d = rule(action);
                let column = raw.len() - raw.trim_start().len() + line.len() - value.len() + 1;
                d.selector = Some(Located::new(css, number, column));
                drafts.push(d);
            }
            Err(why) => {
                untranslated += 1;
                notes.push(RuleNote {
                    source: name.to_string(),
                    line: Some(number),
                    message: format!("{why}: {line}"),
                });
            }
        }
    }
    notes.push(RuleNote {
        source: name.to_string(),
        line: None,
        message: format!(
            "site config for {}: {} rules; {untranslated} lines not translated, \
             {ignored} directives about fetching ignored",
            site.as_deref().unwrap_or("every site"),
            drafts.len()
        ),
    });
    drafts
}

/// FiveFilters' `strip_id_or_class`: any element whose class attribute or
/// id contains the text.
fn id_or_class(value: &str) -> String {
    let v = quote(value.trim_matches(['\'', '"']));
    format!("[class*={v}], [id*={v}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_recognised_with_and_without_arguments() {
        assert_eq!(directive("body: //article"), Some(("body", "//article")));
        assert_eq!(
            directive("replace_string(<p>): <div>"),
            Some(("replace_string", "<div>"))
        );
        assert_eq!(directive("http://example.com/##.ad"), None);
        assert_eq!(directive("##.ad"), None);
        assert_eq!(directive("bodyguard: x"), None);
    }

    #[test]
    fn the_host_comes_from_the_file_name() {
        assert_eq!(
            site_of("configs/example.com.txt").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            site_of(".example.org.txt").as_deref(),
            Some("*.example.org")
        );
        assert_eq!(site_of("global.txt"), None);
    }
}
