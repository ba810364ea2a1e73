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
//! - [`escape`] owns every backslash escape; [`table`] owns GFM tables;
//! - [`links`] resolves addresses and writes reference links; [`footnote`],
//!   [`math`] and [`embed`] recognise footnotes, formulas and players;
//!   [`wrap`] wraps paragraphs;
//! - `audit` (tests only) reads the DOM's visible text and constructs for
//!   the round-trip property.
//!
//! Nothing here recurses: pages can be 100,000 elements deep. The maps
//! used are looked up, never iterated, so output never depends on their
//! order.
//!
//! Choices worth knowing (`tests/spec/` shows each with an example):
//!
//! - Brackets: only a `]` that would close a link or a reference
//!   definition (followed by `(`, `[` or `:`) is escaped in text; inside
//!   link text and alt text every bracket is, and with reference links
//!   every `]` is (any `[text]` could match a definition).
//! - `$` in text is escaped only when two could pair into math; `$` in an
//!   address is written `%24`.
//! - `<sup>`, `<sub>`, `<mark>` are inline HTML; `<kbd>` is code.
//! - Two lists of the same kind in a row would merge into one, so the
//!   second switches marker (`-` to `*`, `.` to `)`).
//! - `<dt>` is a bold paragraph, `<dd>` a plain paragraph.
//! - A table is a GFM pipe table only when it has two columns or more and
//!   its cells hold inline content (one `<p>` per cell allowed); otherwise
//!   its cells are written as ordinary blocks, row by row.
//! - Emphasis that CommonMark would not parse where it stands (CJK text
//!   next to punctuation) is written as `<strong>`, `<em>` or `<del>`.

#[cfg(any(test, feature = "roundtrip"))]
pub(crate) mod audit;
mod elements;
mod embed;
mod emphasis;
mod escape;
mod event;
mod footnote;
mod gallery;
mod image;
mod inline;
mod links;
mod math;
mod permalink;
#[cfg(any(test, feature = "roundtrip"))]
pub(crate) mod readback;
mod section;
mod table;
mod trailing;
mod walk;
mod wrap;
mod writer;

pub(crate) use gallery::thumbnail_strips;
pub(crate) use links::base;
pub(crate) use permalink::permalinks;
pub(crate) use trailing::trailing_furniture;

use crate::dom::{Dom, NodeId, NodeSet};
use crate::options::LinkStyle;
use event::{Block, Event};
use url::Url;

/// How Markdown is written. The default writes what the library's
/// default [`crate::Options`] ask for.
#[derive(Debug, Clone, Default)]
pub(crate) struct MarkdownOptions {
    /// What relative links and images are resolved against.
    pub(crate) base: Option<Url>,
    pub(crate) link_style: LinkStyle,
    /// Wrap paragraphs at this many columns.
    pub(crate) wrap: Option<usize>,
    /// Where saved assets are linked from (the stage before rewrote their
    /// images to `{prefix}{name}`): such links stay relative.
    pub(crate) asset_prefix: Option<String>,
}

/// The Markdown of some roots, and the files it links to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    pub(crate) markdown: String,
}

/// What the walk knows about the whole page before it starts.
pub(crate) struct Page<'a> {
    dom: &'a Dom,
    removed: &'a NodeSet,
    base: Option<&'a Url>,
    asset_prefix: Option<&'a str>,
    anchors: links::Anchors<'a>,
    notes: footnote::Notes,
}

/// What becomes of a link's `href`.
pub(crate) enum Destination {
    /// A link to this (resolved) address.
    Keep(String),
    /// Just the link's text: no address worth keeping.
    Text,
    /// Nothing: a note's back-link to its reference.
    Drop,
}

impl<'a> Page<'a> {
    fn new(
        dom: &'a Dom,
        roots: &[NodeId],
        removed: &'a NodeSet,
        options: &'a MarkdownOptions,
    ) -> Self {
        let anchors = links::Anchors::collect(dom, roots, removed);
        let notes = footnote::Notes::detect(dom, removed, &anchors);
        Page {
            dom,
            removed,
            base: options.base.as_ref(),
            asset_prefix: options.asset_prefix.as_deref(),
            anchors,
            notes,
        }
    }

    /// An image's address as written: saved assets stay relative, others
    /// are made absolute.
    fn image_source(&self, src: &str) -> String {
        match self.asset_prefix {
            Some(prefix) if src.starts_with(prefix) => src.to_string(),
            _ => links::resolve(self.base, src),
        }
    }

    /// Same-page anchors are kept only when their target is written;
    /// scripts, inline data and empty addresses leave the text alone. In a
    /// note (`in_note`), a link back to a footnote reference goes whole.
    fn destination(&self, href: &str, in_note: bool) -> Destination {
        if let Some(fragment) = href.strip_prefix('#') {
            return match self.anchors.get(fragment) {
                Some(t) if self.notes.is_backlink_target(t) && in_note => Destination::Drop,
                // The reference is written `[^n]`: it has no address.
                Some(t) if self.notes.is_backlink_target(t) => Destination::Text,
                Some(_) => Destination::Keep(href.to_string()),
                None => Destination::Text,
            };
        }
        if links::is_followable(href) {
            Destination::Keep(links::resolve(self.base, href))
        } else {
            Destination::Text
        }
    }
}

/// Renders the given roots (in order) as Markdown, skipping every node in
/// `removed` (and its subtree).
///
/// The output has no leading blank lines, blocks separated by exactly one
/// blank line, hard breaks written as a backslash (so no trailing spaces
/// outside code blocks), and ends with exactly one `"\n"`, or is `""`.
/// Footnotes and reference definitions come last.
pub(crate) fn render_page(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    options: &MarkdownOptions,
) -> Rendered {
    let page = Page::new(dom, roots, removed, options);
    let references = links::References::new(options.link_style);
    let mut writer = writer::Writer::new(references, options.wrap);
    for &root in roots {
        walk::walk(&page, root, &mut writer, false);
    }
    for note in &page.notes.notes {
        writer.event(Event::Start(Block::Footnote(note.label.clone())));
        walk::walk(&page, note.target, &mut writer, true);
        writer.event(Event::End(Block::Footnote(note.label.clone())));
    }
    Rendered {
        markdown: composed(without_edge_rules(writer.finish())),
    }
}

/// [`render_page`]'s Markdown alone.
#[cfg(test)]
pub(crate) fn render(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    options: &MarkdownOptions,
) -> String {
    render_page(dom, roots, removed, options).markdown
}

/// The text in Unicode NFC: a page may write "ü" as "u" and a combining
/// diaeresis; the output is the same text, composed, so it matches and
/// searches like the same words on other pages (letters excluded from
/// composition, such as Bengali U+09DC, are written as NFC has them).
fn composed(md: String) -> String {
    match icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&md) {
        std::borrow::Cow::Borrowed(_) => md,
        std::borrow::Cow::Owned(nfc) => nfc,
    }
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
    let mut references = links::References::default();
    let mut env = inline::Env {
        references: &mut references,
        wrap: None,
    };
    let content = inline::render(tokens, inline::Mode::Heading, None, &mut env);
    if content.is_empty() {
        hashes
    } else {
        format!("{hashes} {content}")
    }
}

#[cfg(test)]
mod tests;
