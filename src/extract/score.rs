//! Scoring blocks of text to find the article when the page does not mark
//! it: each paragraph-sized block scores by its length and commas, and
//! gives that score to its container and, decaying, to their ancestors.
//!
//! The shape follows Mozilla Readability's content scoring (the weights
//! below are its published constants unless noted), with characters
//! counted CJK-aware instead of words split on spaces.

use super::stats::{Stats, is_block};
use crate::dom::{Dom, Element, LocalName, NodeId, is_heading, local_name};
use regex::Regex;
use std::sync::LazyLock;

/// A block shorter than this (weighted characters) is not a paragraph.
const MIN_BLOCK_TEXT: u32 = 25;
/// How many ancestors above a block receive part of its score.
const ANCESTOR_LEVELS: usize = 5;
/// Class/id hint weight (Readability: 25).
const CLASS_WEIGHT: f64 = 25.0;

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|news|view|detail|cont")
        .expect("valid regex")
});
/// Furniture words (Readability's and a few more); "rating" only as a
/// whole word, since a rating widget under the post ("post-ratings")
/// would otherwise earn the post's bonus.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)-ad-|hidden|^hid$|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|recommend|nav|menu|(^|[-_\s])ratings?($|[-_\s])")
        .expect("valid regex")
});

/// Scores per node: `Some` for every node that received a share.
pub(super) fn score(dom: &Dom, stats: &Stats) -> Vec<Option<f64>> {
    let mut scores: Vec<Option<f64>> = vec![None; dom.len()];
    for id in dom.ids() {
        let i = id.index();
        if stats.gone.contains(id) || stats.own_text[i] < MIN_BLOCK_TEXT {
            continue;
        }
        let Some(el) = dom.element(id) else { continue };
        let points =
            1.0 + f64::from(stats.own_punct[i]) + (f64::from(stats.own_text[i]) / 100.0).min(3.0);
        for (level, target) in receivers(dom, id, el).enumerate() {
            let share = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let s = scores[target.index()].get_or_insert_with(|| initial(dom.element(target)));
            *s += points / share;
        }
    }
    for id in dom.ids() {
        if let Some(s) = scores[id.index()].as_mut() {
            *s *= 1.0 - stats.link_density(id);
        }
    }
    scores
}

/// Who is credited for a block: a paragraph's container and its
/// ancestors; a container that holds text directly (`<br>`-separated
/// paragraphs) is itself the first receiver.
fn receivers<'a>(dom: &'a Dom, id: NodeId, el: Element<'_>) -> impl Iterator<Item = NodeId> + 'a {
    let start = if is_paragraph(&el.name) {
        dom.parent(id)
    } else {
        Some(id)
    };
    std::iter::successors(start, move |&n| dom.parent(n))
        .filter(move |&n| dom.element(n).is_some_and(|e| is_block(&e.name)))
        .take(ANCESTOR_LEVELS)
}

fn is_paragraph(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("pre")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("blockquote")
            | local_name!("figcaption")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("address")
            | local_name!("summary")
    ) || is_heading(name)
}

/// A candidate's starting score from its tag and class/id hints.
fn initial(el: Option<Element<'_>>) -> f64 {
    let Some(el) = el else { return 0.0 };
    let tag = match &*el.name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag + class_weight(el)
}

/// The body of a box from a layout framework (Bootstrap's `panel-body`,
/// `card-body`, `modal-body`): it says nothing about what the box holds,
/// a log-in panel as often as the article, so its "body" is no hint.
static WIDGET_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(panel|card|modal|toast|offcanvas|accordion|popover|widget)[-_]body$")
        .expect("valid regex")
});

/// +25 for article-like class or id words, -25 for furniture-like ones.
pub(super) fn class_weight(el: Element<'_>) -> f64 {
    let mut w = 0.0;
    for value in [el.class(), el.id()].into_iter().flatten() {
        if value.is_empty() {
            continue;
        }
        if NEGATIVE.is_match(value) {
            w -= CLASS_WEIGHT;
        }
        if positive(value) {
            w += CLASS_WEIGHT;
        }
    }
    w
}

/// Whether a class or id value holds an article-like word, leaving out
/// the tokens that name a framework box's body.
fn positive(value: &str) -> bool {
    if !POSITIVE.is_match(value) {
        return false;
    }
    value
        .split_ascii_whitespace()
        .any(|token| !WIDGET_BODY.is_match(token) && POSITIVE.is_match(token))
}
