//! YAML front matter, as static site generators and note apps read it:
//! `---`, one `key: value` line per known field (lists as `- item` lines),
//! `---`.
//!
//! Every value is a double-quoted scalar (YAML 1.2, 7.3.1): quotes,
//! colons, `#`, leading indicators, words like `yes` or `null` and dates
//! all stay strings, and the escapes below keep line breaks and
//! non-printable characters inside the one line. Other non-ASCII text is
//! written as it is (YAML is UTF-8).

use crate::Metadata;
use std::fmt::Write;

/// The front matter for `metadata`, ending with `---\n`; empty when no
/// field is known. Keys, in order: `title`, `authors`, `published`,
/// `modified`, `site_name`, `language`, `description`, `canonical_url`,
/// `source_url`, `image`.
pub fn front_matter(metadata: &Metadata) -> String {
    let m = metadata;
    let mut out = String::new();
    field(&mut out, "title", &m.title);
    let authors: Vec<&str> = m
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        out.push_str("authors:\n");
        for a in authors {
            let _ = writeln!(out, "  - {}", quoted(a));
        }
    }
    field(&mut out, "published", &m.published);
    field(&mut out, "modified", &m.modified);
    field(&mut out, "site_name", &m.site_name);
    field(&mut out, "language", &m.lang);
    field(&mut out, "description", &m.description);
    field(&mut out, "canonical_url", &m.url);
    field(&mut out, "source_url", &m.source_url);
    field(&mut out, "image", &m.image);
    if out.is_empty() {
        out
    } else {
        format!("---\n{out}---\n")
    }
}

/// `key: "value"` and a line break, when the value is not empty.
fn field(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        let _ = writeln!(out, "{key}: {}", quoted(v));
    }
}

/// A YAML double-quoted scalar.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's printable set (`c-printable`), less the byte order mark.
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFEFE | 0xFF00..=0xFFFD | 0x10000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use super::{front_matter, quoted};
    use crate::Metadata;

    #[test]
    fn fields_in_order_and_absent_ones_left_out() {
        let m = Metadata {
            title: Some("Tide tables".into()),
            authors: vec!["Ana Lima".into(), "Bo Chen".into()],
            published: Some("2024-03-05".into()),
            lang: Some("en".into()),
            ..Metadata::default()
        };
        assert_eq!(
            front_matter(&m),
            "---\ntitle: \"Tide tables\"\nauthors:\n  - \"Ana Lima\"\n  - \"Bo Chen\"\n\
             published: \"2024-03-05\"\nlanguage: \"en\"\n---\n"
        );
        assert_eq!(front_matter(&Metadata::default()), "");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Parsed {
        title: String,
        authors: Vec<String>,
        description: String,
        site_name: String,
        published: String,
    }

    #[test]
    fn a_yaml_parser_reads_back_every_value_exactly() {
        let nasty = [
            "Tide: \"tables\" # 2024 — part 1",
            "- not a list item",
            "yes",
            "null",
            "@handle & *alias !tag %directive | > { } [ ]",
            "line one\nline two\r\n\tindented",
            "서울 東京 Ω 😀 \u{85}\u{2028}\u{2029}\u{FEFF}\u{1}\u{7F}\u{9F}",
            "back\\slash and 'single' quotes",
            "   ",
        ];
        for value in nasty {
            let m = Metadata {
                title: Some(value.into()),
                authors: vec![value.into(), "Bo".into()],
                description: Some(format!("{value}{value}")),
                site_name: Some(value.replace(' ', "")),
                published: Some("2024-03-05".into()),
                ..Metadata::default()
            };
            let fm = front_matter(&m);
            if value.trim().is_empty() {
                assert!(!fm.contains("title:") && !fm.contains("site_name:"), "{fm}");
                continue;
            }
            let yaml = fm
                .strip_prefix("---\n")
                .unwrap()
                .strip_suffix("---\n")
                .unwrap();
            let parsed: Parsed =
                serde_norway::from_str(yaml).unwrap_or_else(|e| panic!("{e}: {fm}"));
            assert_eq!(parsed.title, value.trim());
            assert_eq!(parsed.authors, [value.trim(), "Bo"]);
            assert_eq!(parsed.description, format!("{value}{value}").trim());
            assert_eq!(parsed.site_name, value.replace(' ', ""));
            assert_eq!(parsed.published, "2024-03-05");
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(quoted("a \"b\": c\\d"), r#""a \"b\": c\\d""#);
        assert_eq!(quoted("x\ny\u{2028}\u{7}\u{FEFF}"), r#""x\ny\L\x07\uFEFF""#);
        assert_eq!(quoted("서울 — 東京 😀"), "\"서울 — 東京 😀\"");
    }
}
