//! The round-trip property's Markdown side, and the comparison: the
//! Markdown read back by pulldown-cmark must show the same text
//! (whitespace folded) and the same number of headings, list items, links,
//! images, code blocks, tables, blockquotes and footnote references as the
//! cleaned DOM it was written from (`audit.rs`). Shared by the round-trip
//! test on real pages and the fuzz targets (through the doc-hidden
//! `roundtrip` feature), so both check one property.

use super::audit::{self, Counts, Summary};
use super::{MarkdownOptions, render_page};
use crate::dom::{Dom, NodeId, NodeSet};
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};

/// One page checked.
pub(crate) struct RoundTrip {
    /// The Markdown written.
    pub(crate) markdown: String,
    /// The text the DOM shows, whitespace folded.
    pub(crate) dom_text: String,
    /// How what the Markdown shows differs from what the DOM shows; empty
    /// when they agree.
    pub(crate) problems: Vec<String>,
}

/// The Markdown of `roots`, checked against the DOM.
pub(crate) fn check(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    options: &MarkdownOptions,
) -> RoundTrip {
    let markdown = render_page(dom, roots, removed, options).markdown;
    let shown = audit::dom_summary(dom, roots, removed, options);
    let read_back = markdown_summary(&markdown);
    let mut problems = Vec::new();
    if shown.counts != read_back.counts {
        problems.push(format!(
            "counts differ:\n    DOM      {:?}\n    Markdown {:?}",
            shown.counts, read_back.counts
        ));
    }
    if shown.text != read_back.text {
        problems.push(first_difference(&shown.text, &read_back.text));
    }
    RoundTrip {
        markdown,
        dom_text: shown.text,
        problems,
    }
}

/// What a reader sees once `markdown` is rendered: text, code and math
/// (not image descriptions or raw HTML), footnote references as their
/// label; block edges and breaks as spaces.
pub(crate) fn markdown_summary(markdown: &str) -> Summary {
    let options = MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_MATH;
    let mut text = String::new();
    let mut counts = Counts::default();
    let (mut in_image, mut heading_at) = (0, 0);
    // For each open tag: whether its edges separate words.
    let mut separates = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                counts.images += 1;
                in_image += 1;
                separates.push(false);
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                separates.pop();
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if in_image == 0 =>
            {
                text.push_str(&t);
            }
            Event::FootnoteReference(label) => {
                counts.footnotes += 1;
                text.push_str(&label);
            }
            Event::InlineHtml(h) if h.starts_with("<br") => text.push(' '),
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::Html(_) => text.push(' '),
            Event::Start(tag) => {
                let inline = matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                        | Tag::Link { .. }
                );
                match tag {
                    Tag::Heading { .. } => heading_at = text.len(),
                    Tag::Item => counts.items += 1,
                    Tag::Link { .. } => counts.links += 1,
                    Tag::CodeBlock(_) => counts.code_blocks += 1,
                    Tag::Table(_) => counts.tables += 1,
                    Tag::BlockQuote(_) => counts.quotes += 1,
                    _ => {}
                }
                if !inline {
                    text.push(' ');
                }
                separates.push(!inline);
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Heading(_))
                    && !audit::is_section_heading(&text[heading_at..])
                {
                    counts.headings += 1;
                }
                if separates.pop().unwrap_or(true) {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    Summary {
        text: audit::fold(&text),
        counts,
    }
}

/// Where two texts first differ, with some context.
pub(crate) fn first_difference(dom: &str, markdown: &str) -> String {
    let at = dom
        .char_indices()
        .zip(markdown.chars())
        .find(|((_, a), b)| a != b)
        .map_or(dom.len().min(markdown.len()), |((i, _), _)| i);
    let from = dom.floor_char_boundary(at.saturating_sub(60));
    let context = |s: &str| {
        let start = s.floor_char_boundary(from.min(s.len()));
        let end = s.floor_char_boundary((at + 80).min(s.len()));
        s[start..end].to_string()
    };
    format!(
        "text differs at byte {at}:\n    DOM      …{}…\n    Markdown …{}…",
        context(dom),
        context(markdown)
    )
}
