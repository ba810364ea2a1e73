//! Footnotes: a short superscript link to a note further down the page
//! (`<sup><a href="#fn1">1</a></sup>`, `<a href="#fn1"><sup>1</sup></a>`,
//! `role="doc-noteref"`) becomes a GFM footnote reference `[^1]`, and the
//! note it points to (the `<li>` of a notes list, or the block holding
//! the target) becomes the definition `[^1]: ...`, written at the end of
//! the document. Links in a note back to its reference ("↩", "^") are
//! dropped with their text: the reference no longer has an address.
//!
//! The pattern must be clear: a mark of at most [`MAX_MARK`] characters
//! without spaces, a target that is written, comes after the reference
//! and does not contain it. Anything else stays an ordinary link.

use super::elements::visible_text;
use super::escape::fold_whitespace;
use super::links::Anchors;
use crate::dom::{Dom, Element, NodeId, NodeSet};
use std::collections::{HashMap, HashSet};

/// The longest reference mark: `12`, `a`, `*`, `†`, `note3`.
const MAX_MARK: usize = 10;
/// Notes detected per page at most; a page is not a bibliography engine,
/// and the bound keeps the overlap checks linear in practice.
const MAX_NOTES: usize = 2_000;
/// How far up a note's target the `<li>` holding it is looked for.
const MAX_CLIMB: usize = 3;

/// One footnote definition.
#[derive(Debug, Clone)]
pub(super) struct Note {
    /// The element written as the definition.
    pub(super) target: NodeId,
    pub(super) label: String,
}

/// The footnotes of a page. The maps are looked up, never iterated.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Reference element to its note's index.
    refs: HashMap<NodeId, usize>,
    /// Definition element to its index.
    targets: HashMap<NodeId, usize>,
    /// Elements that back-links in notes point at.
    backlinked: HashSet<NodeId>,
    /// The notes in the order of their first reference.
    pub(super) notes: Vec<Note>,
}

impl Notes {
    /// Finds the footnote references among the written same-page links
    /// `anchors` found, and their notes.
    pub(super) fn detect(dom: &Dom, removed: &NodeSet, anchors: &Anchors) -> Notes {
        let mut notes = Notes::default();
        let mut labels: HashMap<String, NodeId> = HashMap::new();
        // Only a link to an anchor on the page can be a reference; the
        // anchors' pass listed the written ones under the roots.
        for &id in &anchors.same_page_links {
            if notes.notes.len() >= MAX_NOTES {
                return notes;
            }
            let Some(el) = dom.element(id) else { continue };
            if let Some((reference, target, mark)) = candidate(dom, id, el, removed, anchors) {
                notes.add(dom, reference, target, &mark, &mut labels);
                notes.backlinked.extend([reference, id]);
                notes.backlinked.extend(dom.parent(reference));
            }
        }
        notes
    }

    fn add(
        &mut self,
        dom: &Dom,
        reference: NodeId,
        target: NodeId,
        mark: &str,
        labels: &mut HashMap<String, NodeId>,
    ) {
        if let Some(&index) = self.targets.get(&target) {
            self.refs.insert(reference, index);
            return;
        }
        // Notes never nest: a target inside another note, or holding one,
        // is a wrapper of the notes list, not a note.
        let overlaps = self
            .notes
            .iter()
            .any(|n| dom.contains(n.target, target) || dom.contains(target, n.target));
        if overlaps || dom.contains(target, reference) {
            return;
        }
        // GFM matches labels case-insensitively.
        let label = match labels.get(&mark.to_lowercase()) {
            None if valid_label(mark) => mark.to_string(),
            _ => (self.notes.len() + 1..)
                .map(|n| n.to_string())
                .find(|l| !labels.contains_key(l))
                .unwrap_or_default(),
        };
        labels.insert(label.to_lowercase(), target);
        let index = self.notes.len();
        self.notes.push(Note { target, label });
        self.targets.insert(target, index);
        self.refs.insert(reference, index);
    }

    /// The label of the reference written for element `id`, if it is one.
    pub(super) fn reference(&self, id: NodeId) -> Option<&str> {
        self.refs.get(&id).map(|&i| self.notes[i].label.as_str())
    }

    /// Whether `id` is a note, written at the end rather than in place.
    pub(super) fn is_note(&self, id: NodeId) -> bool {
        self.targets.contains_key(&id)
    }

    /// Whether a link to `id` is a back-link to a reference.
    pub(super) fn is_backlink_target(&self, id: NodeId) -> bool {
        self.backlinked.contains(&id)
    }
}

/// For a link `a` (`id`): the reference element, the note it points to
/// and its mark, when the link is a footnote reference.
fn candidate(
    dom: &Dom,
    id: NodeId,
    a: Element<'_>,
    removed: &NodeSet,
    anchors: &Anchors,
) -> Option<(NodeId, NodeId, String)> {
    let fragment = a.attr("href")?.trim().strip_prefix('#')?;
    let target = note_element(dom, anchors.get(fragment)?)?;
    let reference = reference_element(dom, id, a, removed)?;
    let text = fold_whitespace(&visible_text(dom, id, removed, " ", 64));
    let mark: String = text
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '(' | ')'))
        .collect();
    let short = !mark.is_empty()
        && mark.chars().count() <= MAX_MARK
        && !mark.chars().any(char::is_whitespace);
    let after = target.index() > reference.index();
    let has_text = !visible_text(dom, target, removed, " ", 256)
        .trim()
        .is_empty();
    (short && after && has_text).then_some((reference, target, mark))
}

/// The element standing for the reference: the `<sup>` holding only the
/// link, the link holding a `<sup>`, or a link marked as a note reference.
fn reference_element(dom: &Dom, id: NodeId, a: Element<'_>, removed: &NodeSet) -> Option<NodeId> {
    let parent = dom.parent(id)?;
    let siblings = dom.children(parent);
    // A reference's <sup> holds the link and perhaps blank text: a few
    // children at most (the bound keeps a huge <sup> linear).
    let only_child = siblings.len() <= 8
        && siblings.iter().all(|&c| {
            c == id || removed.contains(c) || dom.text(c).is_some_and(|t| t.trim().is_empty())
        });
    if dom.element(parent).is_some_and(|p| p.is("sup")) && only_child {
        return Some(parent);
    }
    let holds_sup = dom
        .children(id)
        .iter()
        .any(|&c| dom.element(c).is_some_and(|e| e.is("sup")));
    let marked = a.attr("role") == Some("doc-noteref")
        || a.classes().any(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("footnote") || c.contains("fnref") || c == "noteref"
        });
    (holds_sup || marked).then_some(id)
}

/// The element a note's target stands in: the `<li>` holding it, or the
/// target itself when it is a block of its own.
fn note_element(dom: &Dom, target: NodeId) -> Option<NodeId> {
    let li = std::iter::once(target)
        .chain(dom.ancestors(target))
        .take(MAX_CLIMB + 1)
        .find(|&n| dom.element(n).is_some_and(|e| e.is("li")));
    if li.is_some() {
        return li;
    }
    let el = dom.element(target)?;
    let block = ["p", "div", "aside", "section", "dd"]
        .iter()
        .any(|&name| el.is(name));
    block.then_some(target)
}

/// GFM labels: no whitespace, brackets, backslash or caret.
fn valid_label(mark: &str) -> bool {
    mark.chars()
        .all(|c| !c.is_whitespace() && !matches!(c, '[' | ']' | '\\' | '^' | '`' | '*' | '_'))
}
