//! Choosing the article: an explicit marker (`<article>`, `<main>`,
//! `[itemprop=articleBody]`, `[role=main]`) when it holds most of the
//! page's text (a `<main>` column holding nearly all of it is searched
//! for the article inside), else the best-scoring block and the siblings
//! that continue it. "No article found" is not an error: the whole body
//! is the answer.

mod budget;
mod continuation;
mod header;
mod inside;
mod lead;
mod score;
mod stats;

use crate::cleaner::ArticleChoice;
use crate::dom::{Dom, NodeId, NodeSet, is_blank, is_heading, local_name};
use crate::rules::{is_article_marker, names_article};
use stats::Stats;

pub(crate) use budget::Budget;

/// A marker qualifies when it holds at least this share of the body's text.
const MARKER_SHARE: f64 = 0.5;
/// An enclosing marker is preferred while it adds at most this much text
/// (headline, standfirst, captions) to the marker inside it.
const MARKER_GROWTH: f64 = 1.3;
/// A layout marker holding this share of the body's text is the page's
/// main column: the article is looked for inside it.
const LAYOUT_MARKER_SHARE: f64 = 0.9;
/// The block scored best inside such a column is the article when it holds
/// at least this share of the column's text (at 0.6, sections of a long
/// encyclopedia article were cut: structure recall fell below 0.95).
const MIN_SHARE_OF_COLUMN: f64 = 0.8;
/// Text inside a named article before its best-scoring block that makes
/// it more than a header: the weighted characters of a paragraph or
/// three (headline, byline, standfirst and captions before the body
/// stay below 700 on the corpus pages).
const MIN_TEXT_BEFORE: u32 = 1000;

/// The chosen article: its root elements in document order.
#[derive(Debug)]
pub(crate) struct Article {
    pub(crate) roots: Vec<NodeId>,
    pub(crate) choice: ArticleChoice,
    /// Boxes inside the roots named as page furniture, to leave out.
    pub(crate) furniture: Vec<NodeId>,
}

/// Finds the article among what the rules left.
/// `title` is the page's headline, when known: the article starts there.
pub(crate) fn extract(dom: &Dom, removed: &NodeSet, title: Option<&str>) -> Article {
    extract_within(dom, removed, title, &Budget::for_page(dom.len()))
}

/// [`extract`] within `budget`: once it is spent, the best answer so far.
pub(crate) fn extract_within(
    dom: &Dom,
    removed: &NodeSet,
    title: Option<&str>,
    budget: &Budget,
) -> Article {
    let stats = Stats::new(dom, removed);
    let mut article = choose(dom, &stats, title, budget);
    if !budget.spent() {
        article.roots = lead::with_lead(dom, &stats, article.roots);
        article.roots = fill_gaps(dom, &stats, article.roots);
        article.furniture = inside::furniture(dom, &stats, &article.roots);
    }
    article
}

/// The article's roots, from markers or scoring.
fn choose(dom: &Dom, stats: &Stats, title: Option<&str>, budget: &Budget) -> Article {
    let body = dom.body().unwrap_or(dom.root());
    if budget.spent() {
        return whole(dom, body, &budget.cut_short("the whole body"));
    }
    if let Some(mut article) = by_marker(dom, stats, body, title) {
        if let Some(scored) = scored_within(dom, stats, &article, title) {
            return scored;
        }
        if let Some(title) = title {
            article.roots = header::with_header_prose(dom, stats, article.roots, title);
        }
        return article;
    }
    if budget.spent() {
        return whole(dom, body, &budget.cut_short("the whole body"));
    }
    let Some(mut article) = by_score(dom, stats) else {
        return whole(dom, body, "no article found: the whole body");
    };
    if budget.spent() {
        article.choice.reason = budget.cut_short(&article.choice.reason);
    } else if let Some(title) = title {
        article.roots = header::with_header(dom, stats, article.roots, title);
    }
    article
}

/// A `<main>` (or `role=main`) holding nearly the whole page is the
/// layout's main column, not the article: the player, gallery, comment
/// and "more stories" widgets sit in it beside the story. The article is
/// then the best-scoring block inside it, when that block holds most of
/// the column's text (else the column is the article, split into parts
/// that scoring alone would not join: sections of an encyclopedia page),
/// or when it shares a box with the headline beside a stream of teasers
/// ([`story_within`]). `<article>` and `itemprop=articleBody` name the article itself and are
/// kept whole, also inside such a column when much of their text comes
/// before the best block ([`named_article_around`]).
fn scored_within(
    dom: &Dom,
    stats: &Stats,
    chosen: &Article,
    title: Option<&str>,
) -> Option<Article> {
    let &[marker] = chosen.roots.as_slice() else {
        return None;
    };
    let layout = dom.element(marker).is_some_and(|e| !names_article(e));
    if !layout || chosen.choice.score < LAYOUT_MARKER_SHARE {
        return None;
    }
    let mut article = by_score(dom, stats)?;
    // Scoring agreeing with the marker (or leaving it) changes nothing.
    if article.roots == [marker] || !article.roots.iter().all(|&r| dom.contains(marker, r)) {
        return None;
    }
    let held: u32 = article.roots.iter().map(|r| stats.text[r.index()]).sum();
    if let Some(named) = named_article_around(dom, stats, marker, &article.roots) {
        article.roots = vec![named];
    }
    if f64::from(held) < MIN_SHARE_OF_COLUMN * f64::from(stats.text[marker.index()]) {
        let story = title.and_then(|t| story_within(dom, stats, marker, &article.roots, t))?;
        article.roots = vec![story];
        return Some(article);
    }
    if let Some(title) = title {
        article.roots = header::with_header(dom, stats, article.roots, title);
    }
    Some(article)
}

/// The `<article>` (or `itemprop=articleBody`) inside the column that
/// holds the best-scoring blocks, most of the column's text, and a
/// substantial text before them: an abstract and sections that a long
/// list of references outscored. It names the article, which is then
/// kept whole rather than cut to its best-scoring part. (A headline,
/// byline and standfirst before the scored body are far shorter.)
fn named_article_around(
    dom: &Dom,
    stats: &Stats,
    column: NodeId,
    roots: &[NodeId],
) -> Option<NodeId> {
    let &first = roots.first()?;
    let column_text = f64::from(stats.text[column.index()]);
    dom.ancestors(first)
        .take_while(|&a| a != column)
        .filter(|&a| dom.element(a).is_some_and(names_article))
        .filter(|&a| roots.iter().all(|&r| dom.contains(a, r)))
        .filter(|&a| MARKER_GROWTH * f64::from(stats.text[a.index()]) >= column_text)
        .find(|&a| stats.text_between(a.index(), first.index()) >= MIN_TEXT_BEFORE)
}

/// The story's own box inside a layout column: the smallest element
/// holding both the page's headline `<h1>` and the best-scoring block,
/// when that element is not the column itself. A column whose story is a
/// minor share of its text (a long stream of teasers below it) is then
/// still cut to the story, while an article split into sections under
/// the column's own headline (an encyclopedia page) is kept whole.
fn story_within(
    dom: &Dom,
    stats: &Stats,
    column: NodeId,
    roots: &[NodeId],
    title: &str,
) -> Option<NodeId> {
    let h1 = header::headline_h1(dom, stats, title)?;
    let &first = roots.first()?;
    let story = std::iter::once(first)
        .chain(dom.ancestors(first))
        .take_while(|&a| a != column)
        .find(|&a| dom.contains(a, h1))?;
    let inside = roots.iter().all(|&r| dom.contains(story, r));
    (inside && teasers_beside(dom, stats, column, story)).then_some(story)
}

/// A stream of teasers needs this many linked headlines at least.
const MIN_TEASERS: usize = 3;

/// Whether the column's headings outside the story are mostly headlines
/// of other pages: headings whose whole text is a link. A section of the
/// same article is headed by plain text.
fn teasers_beside(dom: &Dom, stats: &Stats, column: NodeId, story: NodeId) -> bool {
    let story_range = dom.subtree_range(story);
    let (mut linked, mut plain) = (0, 0);
    for id in dom.subtree(column) {
        if story_range.contains(&id.index()) || stats.gone.contains(id) {
            continue;
        }
        let heading = dom
            .element(id)
            .is_some_and(|e| is_heading(&e.name) && e.name != local_name!("h1"));
        let text = stats.text[id.index()];
        if !heading || text == 0 {
            continue;
        }
        if stats.link[id.index()] == text {
            linked += 1;
        } else {
            plain += 1;
        }
    }
    linked >= MIN_TEASERS && linked > plain
}

fn whole(dom: &Dom, body: NodeId, reason: &str) -> Article {
    Article {
        roots: vec![body],
        choice: ArticleChoice {
            path: dom.path(body),
            reason: reason.to_string(),
            score: 0.0,
            runner_up: None,
        },
        furniture: Vec::new(),
    }
}

fn by_marker(dom: &Dom, stats: &Stats, body: NodeId, title: Option<&str>) -> Option<Article> {
    let body_text = f64::from(stats.text[body.index()]);
    let markers: Vec<NodeId> = dom
        .subtree(body)
        .filter(|&id| !stats.gone.contains(id))
        .filter(|&id| dom.element(id).is_some_and(is_article_marker))
        .collect();
    let qualifying: Vec<NodeId> = markers
        .iter()
        .copied()
        .filter(|&id| {
            body_text > 0.0 && f64::from(stats.text[id.index()]) >= MARKER_SHARE * body_text
        })
        .collect();
    // Qualifying markers each hold over half the text, so they nest: the
    // last in document order is the innermost.
    let mut chosen = *qualifying.last()?;
    // A marker holding most of the text but not the headline, beside a
    // substantial one that holds it, is the comment thread's or the
    // related stories' <main>: the headline's marker is the article.
    if let Some(with_headline) = header::headline_marker(dom, stats, &markers, title)
        && !dom.contains(chosen, with_headline)
        && !dom.contains(with_headline, chosen)
    {
        chosen = with_headline;
    }
    for &outer in qualifying.iter().rev().skip(1) {
        if f64::from(stats.text[outer.index()])
            <= MARKER_GROWTH * f64::from(stats.text[chosen.index()])
        {
            chosen = outer;
        }
    }
    let share = f64::from(stats.text[chosen.index()]) / body_text;
    Some(Article {
        roots: vec![chosen],
        choice: ArticleChoice {
            path: dom.path(chosen),
            reason: format!(
                "article marker holding {:.0}% of the page's text",
                share * 100.0
            ),
            score: share,
            runner_up: None,
        },
        furniture: Vec::new(),
    })
}

fn by_score(dom: &Dom, stats: &Stats) -> Option<Article> {
    let scores = score::score(dom, stats);
    let mut ranked: Vec<(NodeId, f64)> = dom
        .ids()
        .filter_map(|id| scores[id.index()].map(|s| (id, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(first, first_score) = ranked.first()?;
    let top = climb(dom, stats, &ranked, first);
    let top_score = scores[top.index()].unwrap_or(first_score).max(first_score);
    let runner_up = ranked
        .iter()
        .find(|(id, _)| !dom.contains(*id, top) && !dom.contains(top, *id))
        .map(|&(id, s)| (dom.path(id), s));
    let roots = with_siblings(dom, stats, &scores, top, top_score);
    Some(Article {
        roots: continuation::with_continuations(dom, stats, &ranked, roots, top_score),
        choice: ArticleChoice {
            path: dom.path(top),
            reason: "highest text score".to_string(),
            score: top_score,
            runner_up,
        },
        furniture: Vec::new(),
    })
}

/// How many near-equal candidates must share an ancestor for it to be
/// chosen instead (Readability's MINIMUM_TOPCANDIDATES: posts in a thread,
/// sections of one article split into separate boxes).
const SHARED_ANCESTOR_CANDIDATES: usize = 3;
/// What "near-equal" means, against the top score (Readability: 0.75).
const NEAR_EQUAL: f64 = 0.75;

/// Moves from the best block to the element that really holds the
/// article: an ancestor shared by several near-equal candidates, then up
/// through wrappers that hold nothing else.
fn climb(dom: &Dom, stats: &Stats, ranked: &[(NodeId, f64)], top: NodeId) -> NodeId {
    let top_score = ranked[0].1;
    let near: Vec<NodeId> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| *s >= NEAR_EQUAL * top_score)
        .map(|&(id, _)| id)
        .collect();
    let mut chosen = top;
    if near.len() >= SHARED_ANCESTOR_CANDIDATES {
        let shared = dom
            .ancestors(top)
            .take_while(|&a| !is_body(dom, a))
            .find(|&a| {
                near.iter().filter(|&&c| dom.contains(a, c)).count() >= SHARED_ANCESTOR_CANDIDATES
            });
        chosen = shared.unwrap_or(top);
    }
    while let Some(parent) = dom.parent(chosen).filter(|&p| !is_body(dom, p)) {
        if element_children(dom, stats, parent).count() != 1 {
            break;
        }
        chosen = parent;
    }
    chosen
}

fn is_body(dom: &Dom, id: NodeId) -> bool {
    dom.element(id).is_none_or(|e| e.is("body") || e.is("html"))
}

/// Children that are elements or non-blank text, and not removed.
fn element_children<'a>(
    dom: &'a Dom,
    stats: &'a Stats,
    id: NodeId,
) -> impl Iterator<Item = NodeId> + 'a {
    dom.children(id)
        .iter()
        .copied()
        .filter(move |&c| !stats.gone.contains(c) && dom.text(c).is_none_or(|t| !is_blank(t)))
}

/// Siblings of the top block that continue the article: well-scored
/// blocks, or paragraphs of plain prose (Readability's sibling rule).
fn with_siblings(
    dom: &Dom,
    stats: &Stats,
    scores: &[Option<f64>],
    top: NodeId,
    top_score: f64,
) -> Vec<NodeId> {
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom
        .element(top)
        .and_then(|e| e.attr("class"))
        .filter(|c| !c.is_empty());
    dom.children(parent)
        .iter()
        .copied()
        .filter(|&s| !stats.gone.contains(s))
        .filter(|&s| {
            if s == top {
                return true;
            }
            let Some(el) = dom.element(s) else {
                return false;
            };
            let same_class = top_class.is_some() && el.attr("class") == top_class;
            let bonus = if same_class { top_score * 0.2 } else { 0.0 };
            scores[s.index()].is_some_and(|sc| sc + bonus >= threshold)
                || continuation::holds_a_part(dom, stats, scores, s, top_score)
                || is_prose(dom, stats, s)
                || is_prose_run(dom, stats, s)
                || is_figure(dom, stats, s)
        })
        .collect()
}

/// A block between two of the article's with at most this share of its
/// text in links is part of it.
const GAP_LINK_DENSITY: f64 = 0.5;
/// ...and at most this much weighted text: a standfirst or a heading,
/// not a section the scores left out on purpose.
const GAP_TEXT: u32 = 600;

/// Siblings standing between two of the article's roots that are a
/// paragraph or a heading with few links belong to it too (a standfirst
/// between the lead photo and the body, a sub-headline between two runs
/// of paragraphs, a note on where the story first appeared).
fn fill_gaps(dom: &Dom, stats: &Stats, roots: Vec<NodeId>) -> Vec<NodeId> {
    let mut filled = Vec::with_capacity(roots.len());
    for (i, &root) in roots.iter().enumerate() {
        filled.push(root);
        let Some(&next) = roots.get(i + 1) else {
            break;
        };
        let Some(parent) = dom.parent(root).filter(|&p| dom.parent(next) == Some(p)) else {
            continue;
        };
        let siblings = dom.children(parent);
        let (Ok(from), Ok(to)) = (siblings.binary_search(&root), siblings.binary_search(&next))
        else {
            continue;
        };
        filled.extend(
            siblings
                .get(from + 1..to)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&s| {
                    !stats.gone.contains(s)
                        && (1..=GAP_TEXT).contains(&stats.text[s.index()])
                        && stats.link_density(s) < GAP_LINK_DENSITY
                        && is_text_block(dom, stats, s)
                }),
        );
    }
    filled
}

/// An illustration beside the article: an image with at most a caption,
/// not a block of links.
fn is_figure(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let has_image = dom.subtree(id).any(|n| {
        !stats.gone.contains(n)
            && dom
                .element(n)
                .is_some_and(|e| e.is("img") || e.is("picture"))
    });
    has_image && stats.text[id.index()] <= 300 && stats.link_density(id) < 0.5
}

/// A paragraph of prose: long with few links, or short, linkless and
/// ending like a sentence; alone in its wrapper, it counts for it.
fn is_prose(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let id = lone_paragraph(dom, stats, id);
    if !dom.element(id).is_some_and(|e| e.is("p")) {
        return false;
    }
    let text = stats.text[id.index()];
    let density = stats.link_density(id);
    if text > 80 {
        return density < 0.25;
    }
    let content = dom.text_content(id);
    let ends_sentence = content
        .trim_end()
        .ends_with(['.', '。', '!', '?', '！', '？']);
    text > 0 && density == 0.0 && ends_sentence
}

/// A section of the article: a heading, then paragraphs and nothing else,
/// alone in up to [`MAX_WRAPPERS`] elements (a CMS's text module between
/// its photo modules: `section > div.rich-text > h2 + p + p`), with the
/// share of links of prose. A box of paragraphs without a heading (a
/// cookie notice, a plea for donations) is not one.
fn is_prose_run(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let text = stats.text[id.index()];
    if text <= 80 || stats.link_density(id) >= 0.25 {
        return false;
    }
    lone_chain(dom, stats, id).any(|inner| {
        let (mut paragraphs, mut headed, mut others) = (0, false, 0);
        for (i, c) in element_children(dom, stats, inner).enumerate() {
            match dom.element(c) {
                Some(e) if e.is("p") => paragraphs += 1,
                Some(e) if is_heading(&e.name) => headed |= i == 0,
                _ => others += 1,
            }
        }
        headed && paragraphs >= 1 && others == 0
    })
}

/// A paragraph or a heading, alone in up to [`MAX_WRAPPERS`] elements.
fn is_text_block(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    lone_chain(dom, stats, id).any(|n| {
        dom.element(n)
            .is_some_and(|e| e.is("p") || is_heading(&e.name))
    })
}

/// Wrappers a lone paragraph is looked for in (layout grids nest a
/// column in a row in a container).
const MAX_WRAPPERS: usize = 3;

/// The paragraph `id` holds alone, through a few `<div>`s with nothing
/// else in them (a layout column around a standfirst), else `id`.
fn lone_paragraph(dom: &Dom, stats: &Stats, id: NodeId) -> NodeId {
    let mut last = id;
    for inner in lone_chain(dom, stats, id) {
        last = inner;
        if !dom.element(inner).is_some_and(|e| e.is("div")) {
            break;
        }
    }
    last
}

/// `id`, then its only child, that child's only child, and so on: at
/// most [`MAX_WRAPPERS`] levels down.
fn lone_chain<'a>(dom: &'a Dom, stats: &'a Stats, id: NodeId) -> impl Iterator<Item = NodeId> + 'a {
    std::iter::successors(Some(id), move |&n| only_child(dom, stats, n)).take(MAX_WRAPPERS + 1)
}

/// The one child (element or non-blank text) of `id`, if it has one.
fn only_child(dom: &Dom, stats: &Stats, id: NodeId) -> Option<NodeId> {
    let mut children = element_children(dom, stats, id);
    match (children.next(), children.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
