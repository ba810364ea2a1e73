//! Markdown output: the chosen roots of the cleaned DOM as CommonMark with
//! GFM tables.
//!
//! The stage is split the way pulldown-cmark splits parsing from rendering:
//!
//! - [`walk`] walks the DOM with an explicit stack and turns elements into
//!   [`event::Event`]s (block starts and ends, inline spans, text);
//! - [`writer`] consumes the events: it keeps the container stack
//!   (blockquotes, list items) that prefixes every line, manages blank
//!   lines, and collects each paragraph's inline content so that
//!   [`inline`] can render it with its neighbours in view;
//! - [`emphasis`] chooses, per emphasis span, a delimiter that CommonMark
//!   will actually parse (falling back to inline HTML);
//! - [`escape`] owns every backslash escape; [`table`] owns GFM tables.
//!
//! Nothing here recurses: pages can be 100,000 elements deep.
//!
//! Choices worth knowing:
//!
//! - Brackets: only a `]` that would close a link or a reference
//!   definition (followed by `(`, `[` or `:`) is escaped in text, since we
//!   never write reference definitions; inside link text and alt text
//!   every bracket is.
//! - Two lists of the same kind in a row would merge into one, so the
//!   second switches marker (`-` to `*`, `.` to `)`).
//! - `<dt>` is a bold paragraph, `<dd>` a plain paragraph.
//! - A table is a GFM pipe table only when it has two columns or more and
//!   its cells hold inline content (one `<p>` per cell allowed); otherwise
//!   its cells are written as ordinary blocks, row by row.
//! - Emphasis that CommonMark would not parse where it stands (CJK text
//!   next to punctuation) is written as `<strong>`, `<em>` or `<del>`.

mod elements;
mod emphasis;
mod escape;
mod event;
mod image;
mod inline;
mod section;
mod table;
mod walk;
mod writer;

use crate::dom::{Dom, NodeId, NodeSet};

/// How Markdown is written. Empty for now; every future field must have a
/// default that keeps today's output.
#[derive(Debug, Clone, Default)]
pub(crate) struct MarkdownOptions {}

/// Renders the given roots (in order) as Markdown, skipping every node in
/// `removed` (and its subtree).
///
/// The output has no leading blank lines, blocks separated by exactly one
/// blank line, hard breaks written as a backslash (so no trailing spaces
/// outside code blocks), and ends with exactly one `"\n"`, or is `""`.
pub(crate) fn render(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    options: &MarkdownOptions,
) -> String {
    let _ = options;
    let mut writer = writer::Writer::new();
    for &root in roots {
        walk::walk(dom, root, removed, &mut writer);
    }
    without_edge_rules(writer.finish())
}

/// A thematic break separates content: one before anything or after
/// everything (a divider under the last forum post) separates nothing.
fn without_edge_rules(mut md: String) -> String {
    while let Some(rest) = md.strip_prefix("---\n") {
        md = rest.trim_start_matches('\n').to_string();
    }
    while md.ends_with("\n---\n") || md == "---\n" {
        md.truncate(md.len() - "---\n".len());
        let kept = md.trim_end_matches('\n').len();
        md.truncate(kept);
        if !md.is_empty() {
            md.push('\n');
        }
    }
    md
}

/// An ATX heading line (without its newline) for plain text, such as the
/// page's title written above the article: whitespace folded, the text
/// escaped as in any heading. The level is clamped to 1..=6.
pub(crate) fn heading(level: usize, text: &str) -> String {
    let hashes = "#".repeat(level.clamp(1, 6));
    let tokens = vec![inline::Token::Text(text.to_string())];
    let content = inline::render(tokens, inline::Mode::Heading, None);
    if content.is_empty() {
        hashes
    } else {
        format!("{hashes} {content}")
    }
}

#[cfg(test)]
mod tests;
