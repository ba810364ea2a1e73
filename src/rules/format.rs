//! The rules file format: TOML read with serde, errors with line and column.

use super::draft::{Draft, Located};
use crate::Error;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// A rules file: a list of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RulesFile {
    #[serde(default)]
    pub(super) rule: Vec<Spanned<RuleSpec>>,
}

/// What a rule does to the elements it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Remove the element and everything in it.
    #[default]
    Drop,
    /// Protect the element (and the path to it) from every drop rule.
    Keep,
}

/// One rule as written. Every matcher given must match (they are ANDed);
/// at least one matcher is required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleSpec {
    pub(super) name: String,
    #[serde(default)]
    pub(super) action: Action,
    /// Element names, any of which matches.
    #[serde(default)]
    pub(super) tags: Vec<String>,
    /// Regex over each class token and over the id.
    pub(super) class_id: Option<Spanned<String>>,
    /// An attribute that must be present...
    pub(super) attribute: Option<String>,
    /// ...and, if given, whose value matches this regex.
    pub(super) value: Option<Spanned<String>>,
    /// Regex over the element's whole text, whitespace folded and trimmed.
    pub(super) text: Option<Spanned<String>>,
    /// Only elements with at most this many non-whitespace characters.
    pub(super) max_chars: Option<usize>,
    /// Only elements with at most this many non-whitespace characters
    /// outside links, buttons and form controls.
    pub(super) max_prose_chars: Option<usize>,
    /// Only elements outside `<article>`, `<main>`, `[role=main]` and
    /// `[itemprop=articleBody]`.
    #[serde(default)]
    pub(super) outside_article: bool,
    /// A removed element also takes the blocks right after it (or after
    /// the wrapper it stands alone in) that are mostly links, up to the
    /// next heading: the list a "Related" heading opens.
    #[serde(default)]
    pub(super) with_list_after: bool,
    /// A CSS selector list.
    pub(super) selector: Option<Spanned<String>>,
    /// Hosts the rule is limited to: `example.com`, `*.example.org`, and
    /// `~host` for a host it must not apply to.
    #[serde(default)]
    pub(super) site: Vec<Spanned<String>>,
}

/// The rules of a TOML file as drafts, each value with its line and
/// column.
pub(super) fn drafts(source_name: &str, text: &str) -> Result<Vec<Draft>, Error> {
    let file = parse(source_name, text)?;
    Ok(file
        .rule
        .into_iter()
        .map(|spec| to_draft(source_name, text, spec))
        .collect())
}

fn to_draft(source_name: &str, text: &str, spec: Spanned<RuleSpec>) -> Draft {
    let (line, column) = line_column(text, spec.span().start);
    let spec = spec.into_inner();
    let locate = |v: Spanned<String>| {
        let (line, column) = line_column(text, v.span().start);
        Located::new(v.into_inner(), line, column)
    };
    let mut draft = Draft::new(source_name, line, spec.name, spec.action);
    draft.column = column;
    draft.quoted = true;
    draft.tags = spec.tags;
    draft.class_id = spec.class_id.map(locate);
    draft.attribute = spec.attribute;
    draft.value = spec.value.map(locate);
    draft.text = spec.text.map(locate);
    draft.max_chars = spec.max_chars;
    draft.max_prose_chars = spec.max_prose_chars;
    draft.outside_article = spec.outside_article;
    draft.with_list_after = spec.with_list_after;
    draft.selector = spec.selector.map(locate);
    draft.site = spec.site.into_iter().map(locate).collect();
    draft
}

/// Parses a rules file; a TOML or schema error names the line and column.
fn parse(source_name: &str, text: &str) -> Result<RulesFile, Error> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        error_at(source_name, text, e.span(), message)
    })
}

/// Builds an [`Error::Rules`] pointing at the start of `span` in `text`.
pub(super) fn error_at(
    source_name: &str,
    text: &str,
    span: Option<Range<usize>>,
    message: String,
) -> Error {
    let (line, column) = match span {
        Some(span) => {
            let (l, c) = line_column(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    Error::Rules {
        source_name: source_name.to_string(),
        line,
        column,
        message,
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
pub(super) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at.min(text.len()));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
