//! One page as a JSON object: `--format json` (pretty, one object per
//! page) and `--format jsonl` (one line per page, for batch engines).

use crate::Document;
use serde::Serialize;

/// A converted page in its JSON shape. Every key is always present (a
/// field the page did not give is `null`, authors an empty list), so
/// consumers see one schema; `file`, `warc_date` and `warc_record_id`
/// appear only when set.
#[derive(Debug, Clone, Serialize)]
pub struct JsonPage<'a> {
    /// The page's address: where it was saved from, else its canonical
    /// address.
    pub url: Option<&'a str>,
    /// The headline.
    pub title: Option<&'a str>,
    /// The authors.
    pub authors: &'a [String],
    /// Publication date (ISO 8601 when readable).
    pub published: Option<&'a str>,
    /// Modification date (ISO 8601 when readable).
    pub modified: Option<&'a str>,
    /// The site's name.
    pub site_name: Option<&'a str>,
    /// The page's language.
    pub language: Option<&'a str>,
    /// Its description.
    pub description: Option<&'a str>,
    /// The canonical address the page gives.
    pub canonical_url: Option<&'a str>,
    /// The lead image.
    pub image: Option<&'a str>,
    /// The input file the page was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// When a WARC archive captured the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc_date: Option<&'a str>,
    /// The WARC record the page came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<&'a str>,
    /// The article as Markdown.
    pub markdown: &'a str,
}

impl<'a> JsonPage<'a> {
    /// The JSON shape of `doc`, without `file` or WARC fields.
    pub fn new(doc: &'a Document) -> Self {
        let m = &doc.metadata;
        JsonPage {
            url: m.source_url.as_deref().or(m.url.as_deref()),
            title: m.title.as_deref(),
            authors: &m.authors,
            published: m.published.as_deref(),
            modified: m.modified.as_deref(),
            site_name: m.site_name.as_deref(),
            language: m.lang.as_deref(),
            description: m.description.as_deref(),
            canonical_url: m.url.as_deref(),
            image: m.image.as_deref(),
            file: None,
            warc_date: None,
            warc_record_id: None,
            markdown: &doc.markdown,
        }
    }

    /// One line of JSON, without the line break.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("strings and lists always serialize")
    }

    /// Indented JSON ending with a line break.
    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("strings and lists always serialize") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::JsonPage;

    #[test]
    fn every_key_is_present_and_url_comes_first() {
        let doc = crate::convert(b"<title>T</title><p>Body text.</p>").unwrap();
        let line = JsonPage::new(&doc).to_line();
        assert!(
            line.starts_with(r#"{"url":null,"title":"T","authors":[],"#),
            "{line}"
        );
        assert!(
            line.ends_with(r##""markdown":"# T\n\nBody text.\n"}"##),
            "{line}"
        );
        assert!(!line.contains("warc"));
    }
}
