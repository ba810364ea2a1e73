//! The standfirst: the lead paragraph a template puts above the body, in
//! a box of its own (`p.lead`, `div.leadIn`, `h2.article-deck`,
//! `div.vorspann`, `div.chapo`), which scoring leaves out because it sits
//! outside the block of paragraphs it chose.

use super::stats::Stats;
use crate::dom::{Dom, Element, NodeId, is_heading, local_name};
use regex::Regex;
use std::sync::LazyLock;

/// Class and id words that name a standfirst, in the languages of the
/// corpora: English lead/lede/deck/standfirst/intro/summary/teaser (a news
/// template's "teaser-text" above the body; another page's teaser is a
/// link, which the link density below leaves out; WordPress's "excerpt"
/// when the template shows it above the body), German
/// Vorspann/Anreißer, French chapô. Not "description": that names image
/// captions and editors' hints as often as standfirsts.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[-_])(lead|leadin|lede|deck|standfirst|intro|intro[-_]?text|summary|excerpt|teaser|subheadline|sub[-_]?headline|vorspann|anreisser|chapo|chapeau)([-_]|$)")
        .expect("valid regex")
});

/// How far up from the first root the standfirst's box is looked for.
const LEVELS: usize = 3;
/// How many boxes before each of those are looked at.
const SIBLINGS: usize = 3;
/// A standfirst is a sentence or a few: this much weighted text at least,
/// and at most...
const MIN_TEXT: u32 = 40;
const MAX_TEXT: u32 = 800;
/// ...and prose, not a list of links.
const MAX_LINK_DENSITY: f64 = 0.2;
/// A standfirst is a paragraph or two.
const MAX_PARAGRAPHS: usize = 2;
/// A box before the body holding more text than this is not a header
/// (its standfirst would be part of something else).
const MAX_HEADER_TEXT: u32 = 2000;

/// `roots` with the standfirst that stands just before them prepended.
pub(super) fn with_lead(dom: &Dom, stats: &Stats, roots: Vec<NodeId>) -> Vec<NodeId> {
    let Some(&first) = roots.first() else {
        return roots;
    };
    let lead = std::iter::once(first)
        .chain(dom.ancestors(first))
        .take(LEVELS + 1)
        .find_map(|node| lead_before(dom, stats, node));
    match lead {
        Some(lead) => std::iter::once(lead).chain(roots).collect(),
        None => roots,
    }
}

/// The standfirst in one of the few boxes just before `node`.
fn lead_before(dom: &Dom, stats: &Stats, node: NodeId) -> Option<NodeId> {
    let parent = dom.parent(node)?;
    let siblings = dom.children(parent);
    let at = siblings.binary_search(&node).ok()?;
    siblings[..at]
        .iter()
        .rev()
        .copied()
        .filter(|&s| !stats.gone.contains(s) && stats.text[s.index()] > 0)
        .take(SIBLINGS)
        .take_while(|&s| stats.text[s.index()] <= MAX_HEADER_TEXT)
        .find_map(|s| dom.subtree(s).find(|&d| is_lead(dom, stats, d)))
}

fn is_lead(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let text = stats.text[id.index()];
    !stats.gone.contains(id)
        && dom.element(id).is_some_and(named_lead)
        && (MIN_TEXT..=MAX_TEXT).contains(&text)
        && stats.link_density(id) <= MAX_LINK_DENSITY
        && is_plain_prose(dom, stats, id)
}

/// At most a couple of paragraphs: no heading, list, picture or caption
/// inside (a box holding those is the whole article header, byline and
/// lead photo included).
fn is_plain_prose(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let mut paragraphs = 0;
    for d in dom.subtree(id).skip(1) {
        let Some(el) = dom.element(d) else { continue };
        if stats.gone.contains(d) {
            continue;
        }
        match el.name {
            local_name!("p") | local_name!("div") => paragraphs += 1,
            ref name if is_heading(name) => return false,
            local_name!("ul")
            | local_name!("ol")
            | local_name!("img")
            | local_name!("picture")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("table")
            | local_name!("address")
            | local_name!("time") => return false,
            _ => {}
        }
    }
    paragraphs <= MAX_PARAGRAPHS
}

fn named_lead(el: Element<'_>) -> bool {
    el.classes().any(|c| LEAD.is_match(c)) || el.id().is_some_and(|i| LEAD.is_match(i))
}
