//! The article starts at its headline: when scoring chose the body and the
//! headline stands just above it (a table row, a sibling `<div>`), the
//! blocks between the two (standfirst, lead photo, sub-headlines) belong
//! to the article too. An article marker that leaves the headline out
//! gets only the blocks of prose in between (a standfirst).

use super::stats::Stats;
use crate::dom::{Dom, NodeId};
use crate::metadata::fold;

/// How far above the body the headline's and the body's common ancestor
/// may be: further up, the "headline" is the site's header, not the
/// article's.
const MAX_LEVELS: usize = 4;
/// A headline is a line of text, a few nodes at most: bigger elements are
/// not read (which keeps the search linear on deeply nested pages).
const MAX_HEADLINE_NODES: usize = 64;
/// Blocks between headline and body that are mostly links are navigation.
const MAX_LINK_DENSITY: f64 = 0.5;

/// `roots` with the blocks from the headline down to the body put before
/// the first root after the headline (a lead photo taken as a sibling of
/// the body can stand above the headline).
pub(super) fn with_header(
    dom: &Dom,
    stats: &Stats,
    roots: Vec<NodeId>,
    title: &str,
) -> Vec<NodeId> {
    with_header_blocks(dom, stats, roots, title, 0)
}

/// A block of the header that carries a sentence of prose outside links
/// holds this much weighted text at least (a standfirst, a caption); a
/// date, a view count, a photo credit or a row of category links is less.
const MIN_PROSE: u32 = 60;

/// [`with_header`] for an article marker that leaves out its headline:
/// only the blocks in between that carry prose (a standfirst the template
/// puts beside the marker) are added, not the date and meta lines a
/// marker leaves out on purpose.
pub(super) fn with_header_prose(
    dom: &Dom,
    stats: &Stats,
    roots: Vec<NodeId>,
    title: &str,
) -> Vec<NodeId> {
    with_header_blocks(dom, stats, roots, title, MIN_PROSE)
}

fn with_header_blocks(
    dom: &Dom,
    stats: &Stats,
    mut roots: Vec<NodeId>,
    title: &str,
    min_prose: u32,
) -> Vec<NodeId> {
    let Some(headline) = find_headline(dom, stats, title) else {
        return roots;
    };
    if roots.iter().any(|&r| dom.contains(r, headline)) {
        return roots;
    }
    let Some(at) = roots.iter().position(|&r| r > headline) else {
        return roots;
    };
    let first = roots[at];
    let Some(common) = dom
        .ancestors(first)
        .take(MAX_LEVELS)
        .find(|&a| dom.contains(a, headline))
    else {
        return roots;
    };
    let keep = |c: &NodeId| {
        let i = c.index();
        !stats.gone.contains(*c)
            && stats.link_density(*c) < MAX_LINK_DENSITY
            && stats.text[i].saturating_sub(stats.link[i]) >= min_prose
    };
    let mut header: Vec<NodeId> = dom
        .children(common)
        .iter()
        .copied()
        .skip_while(|&c| !dom.contains(c, headline))
        .take_while(|&c| !dom.contains(c, first))
        .filter(keep)
        .collect();
    // Below the common ancestor, the blocks before the body inside each
    // wrapper on the way down to it (a lead paragraph beside the box that
    // holds the rest of the text) come after the headline too.
    let mut path: Vec<NodeId> = dom.ancestors(first).take_while(|&a| a != common).collect();
    path.reverse();
    for pair in path.windows(2) {
        let (outer, inner) = (pair[0], pair[1]);
        let before = dom.children(outer).iter().copied();
        header.extend(before.take_while(|&c| c != inner).filter(keep));
    }
    if let Some(&last) = path.last() {
        let before = dom.children(last).iter().copied();
        header.extend(before.take_while(|&c| c != first).filter(keep));
    }
    roots.splice(at..at, header);
    roots
}

/// The deepest element whose whole text is the headline.
fn find_headline(dom: &Dom, stats: &Stats, title: &str) -> Option<NodeId> {
    let wanted = fold(title);
    let weight = super::stats::measure(&wanted).0;
    if weight == 0 {
        return None;
    }
    let body = dom.body()?;
    let mut found = None;
    for id in dom.subtree(body) {
        let small = dom.subtree_range(id).len() <= MAX_HEADLINE_NODES;
        if !small || stats.gone.contains(id) || stats.text[id.index()] != weight {
            continue;
        }
        if dom.element(id).is_none() {
            continue;
        }
        if fold(&dom.text_content_except(id, &stats.gone)) == wanted {
            found = Some(id);
        } else if found.is_some() {
            break;
        }
    }
    found
}

/// A marker holding this much weighted text at least can be the article
/// on the strength of holding its headline.
const MIN_HEADLINE_MARKER_TEXT: u32 = 500;

/// The innermost of `markers` (article markers, in document order) that
/// holds the page's headline `<h1>` and at least
/// [`MIN_HEADLINE_MARKER_TEXT`] of text.
pub(super) fn headline_marker(
    dom: &Dom,
    stats: &Stats,
    markers: &[NodeId],
    title: Option<&str>,
) -> Option<NodeId> {
    let h1 = headline_h1(dom, stats, title?)?;
    markers
        .iter()
        .rev()
        .copied()
        .find(|&m| dom.contains(m, h1) && stats.text[m.index()] >= MIN_HEADLINE_MARKER_TEXT)
}

/// The first `<h1>` whose text is the headline (or the part of it the
/// `<title>` keeps).
pub(super) fn headline_h1(dom: &Dom, stats: &Stats, title: &str) -> Option<NodeId> {
    let wanted = fold(title).to_lowercase();
    dom.ids().find(|&id| {
        !stats.gone.contains(id)
            && dom.element(id).is_some_and(|e| e.is("h1"))
            && dom.subtree_range(id).len() <= MAX_HEADLINE_NODES
            && is_headline(&fold(&dom.text_content_except(id, &stats.gone)), &wanted)
    })
}

/// An `<h1>` text that is the headline, or the part of it the `<title>`
/// keeps ("Kicker: Headline" beside an `<h1>` of "Headline").
fn is_headline(text: &str, wanted: &str) -> bool {
    let text = text.to_lowercase();
    text.chars().count() >= 3 && (text == wanted || wanted.contains(&text))
}
