//! Each stage of the pipeline on its own, for the benchmark in `benches/`,
//! and the round-trip check for the fuzz targets in `fuzz/`.
//! Not part of the stable API: the types are opaque and may change.

use crate::dom::{Dom, NodeId};
use crate::{Cleaner, Metadata, extract, input, markdown, metadata, rules};

/// A parsed page.
pub struct Parsed(Dom);

/// A parsed page's removals.
pub struct Cleaned(rules::Pruned);

/// The article's roots.
pub struct Chosen(Vec<NodeId>);

/// Bytes to text.
pub fn decode(bytes: &[u8]) -> String {
    input::decode(bytes, None).text
}

/// The floor: html5ever's own `parse_document` into markup5ever_rcdom,
/// nothing else. Returns the document's child count, so the work is not
/// optimised away.
pub fn html5ever_only(html: &str) -> usize {
    crate::dom::parse_plain_rcdom(html)
}

/// html5ever (with the depth cap, and without the attributes `cleaner`
/// reads nothing of) and the copy into our arena.
pub fn parse(cleaner: &Cleaner, html: &str) -> Parsed {
    Parsed(cleaner.parse(html))
}

/// Metadata of a parsed page.
pub fn metadata(page: &Parsed) -> Metadata {
    metadata::read(&page.0)
}

/// The cleaner's rule set applied to a parsed page whose address is
/// `url` (for rules limited to sites).
pub fn rules(cleaner: &Cleaner, page: &Parsed, url: Option<&str>) -> Cleaned {
    Cleaned(cleaner.rule_set().apply(&page.0, url))
}

/// How many elements (with their subtrees) the rules removed.
pub fn removed_count(cleaned: &Cleaned) -> usize {
    cleaned.0.removals.len()
}

/// The article chosen among what the rules left.
pub fn extract(page: &Parsed, cleaned: &Cleaned, title: Option<&str>) -> Chosen {
    Chosen(extract::extract(&page.0, &cleaned.0.removed, title).roots)
}

/// The article written as Markdown.
pub fn markdown(page: &Parsed, cleaned: &Cleaned, chosen: &Chosen) -> String {
    let options = markdown::MarkdownOptions::default();
    markdown::render_page(&page.0, &chosen.0, &cleaned.0.removed, &options).markdown
}

/// The round-trip property on a page that is already text: its Markdown,
/// read back by pulldown-cmark, shows the same text and the same number of
/// headings, items, links, images, code blocks, tables, quotes and
/// footnotes as the cleaned DOM it was written from. Fails with how they
/// differ, the Markdown and the DOM's text. Needs the `roundtrip` feature.
#[cfg(feature = "roundtrip")]
pub fn round_trip(cleaner: &Cleaner, html: &str) -> Result<(), String> {
    let checked = cleaner.round_trip(html);
    if checked.problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\n--- Markdown\n{}\n--- DOM text\n{}",
        checked.problems.join("\n"),
        checked.markdown,
        checked.dom_text
    ))
}
