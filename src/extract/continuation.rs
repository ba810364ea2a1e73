//! An article split into boxes that are not siblings: the page template
//! closes one container after the lead and opens another for the rest
//! (`div.row` then `section.blog-post > … > div.post-text`), or lists
//! several posts, each in its own wrapper. The chosen block's siblings do
//! not reach the other part; a near-equal candidate right next to the
//! article in reading order, with almost no text between the two, does.

use super::stats::Stats;
use crate::dom::{Dom, NodeId};

/// A continuation scores at least this share of the top block (Readability
/// merges siblings from 0.2 up; a part found further away must be a
/// serious candidate on its own).
const MIN_SHARE: f64 = 0.5;
/// At most this much weighted text (a sub-headline, a photo credit, a
/// date line) may stand between the article and its continuation.
const MAX_GAP: u32 = 200;
/// Continuations are prose, not lists of links.
const MAX_LINK_DENSITY: f64 = 0.1;
/// How many parts may be added: each step reads the ranked list once.
const MAX_PARTS: usize = 4;

/// `roots` (in document order) with the near-equal candidates that
/// continue them before or after, in document order.
pub(super) fn with_continuations(
    dom: &Dom,
    stats: &Stats,
    ranked: &[(NodeId, f64)],
    mut roots: Vec<NodeId>,
    top_score: f64,
) -> Vec<NodeId> {
    for _ in 0..MAX_PARTS {
        let (Some(&first), Some(&last)) = (roots.first(), roots.last()) else {
            break;
        };
        let start = first.index();
        let end = dom.subtree_range(last).end;
        let next = ranked
            .iter()
            .take_while(|(_, s)| *s >= MIN_SHARE * top_score)
            .map(|&(id, _)| id)
            .find(|&c| {
                let range = dom.subtree_range(c);
                let gap = if range.start >= end {
                    stats.text_between(end, range.start)
                } else if range.end <= start {
                    stats.text_between(range.end, start)
                } else {
                    return false;
                };
                gap <= MAX_GAP && stats.link_density(c) < MAX_LINK_DENSITY
            });
        let Some(part) = next else { break };
        if part.index() < start {
            roots.insert(0, part);
        } else {
            roots.push(part);
        }
    }
    roots
}

/// Whether the sibling `id` holds, deeper than the levels a block's score
/// reaches, a candidate that scores like a part of the article (a
/// section wrapped in five layers of layout), among little link text.
pub(super) fn holds_a_part(
    dom: &Dom,
    stats: &Stats,
    scores: &[Option<f64>],
    id: NodeId,
    top_score: f64,
) -> bool {
    stats.link_density(id) < MAX_LINK_DENSITY
        && dom
            .subtree(id)
            .any(|d| scores[d.index()].is_some_and(|s| s >= MIN_SHARE * top_score))
}
