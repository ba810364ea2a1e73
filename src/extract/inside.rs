//! Furniture inside the chosen article: boxes whose class or id names
//! them as page furniture (a video's footer, a promotion, a share box)
//! that no rule removed, because rules match whole words and these names
//! are compounds ("cnnVidFooter", "wp-volt-gal-promo-stub") or because
//! the box sits inside the article marker, where rules spare more;
//! short lists of other stories' headlines set between the paragraphs;
//! and slideshows, reels of captioned pictures beside the story.

use super::stats::Stats;
use crate::dom::{Dom, Element, NodeId, local_name};
use regex::Regex;
use std::sync::LazyLock;

/// Words that name furniture where a word starts in a class or id (after
/// `-` or `_`, or in camel case): a subset of the negative words of
/// Readability's class weighting (`score::NEGATIVE`), without those that
/// also name content on real pages ("media" and "widget" wrappers holding
/// the text, "meta" boxes of recipe facts, "hidden-xs" responsive
/// classes). Inside a word they are something else ("printfooter" closes
/// an encyclopedia article, and taking it makes the link boxes above it
/// trailing furniture, which costs the structure the reference keeps).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(^|[-_])(?i:footer|comment|promo|related|share|sponsor|outbrain|sidebar|banner|scroller)",
        r"|[a-z](Footer|Comment|Promo|Related|Share|Sponsor|Outbrain|Sidebar|Banner|Scroller)",
    ))
    .expect("valid regex")
});

/// A box holding more than this share of the article's text is part of
/// it, whatever its name ("share-zone" around a whole post).
const MAX_SHARE: f64 = 0.25;
/// When such boxes hold more than this share of the article's text
/// together, they are its content: the posts of a forum thread, each in
/// a "comment" box.
const MAX_TOTAL_SHARE: f64 = 0.5;

/// Block containers below the `roots` (not the roots themselves) named as
/// furniture, each holding a small share of the article's text.
pub(super) fn furniture(dom: &Dom, stats: &Stats, roots: &[NodeId]) -> Vec<NodeId> {
    let total: u32 = roots.iter().map(|r| stats.text[r.index()]).sum();
    let small = |id: NodeId| f64::from(stats.text[id.index()]) <= MAX_SHARE * f64::from(total);
    let (mut found, mut slideshows) = (Vec::new(), Vec::new());
    for &root in roots {
        let mut skip_until = root.index() + 1;
        for id in dom.subtree(root) {
            if id.index() < skip_until || stats.gone.contains(id) {
                continue;
            }
            if (dom.element(id).is_some_and(is_furniture) || is_teaser_list(dom, stats, id))
                && small(id)
            {
                found.push(id);
                skip_until = dom.subtree_range(id).end;
            } else if is_slideshow(dom, stats, id, total) {
                slideshows.push(id);
                skip_until = dom.subtree_range(id).end;
            }
        }
    }
    let held: u32 = found.iter().map(|f| stats.text[f.index()]).sum();
    if f64::from(held) > MAX_TOTAL_SHARE * f64::from(total) {
        found.clear();
    }
    found.extend(slideshows);
    found.sort_unstable();
    found
}

/// Words that name a slideshow where a word starts in a class or id.
static SLIDESHOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(^|[-_])(?i:gallery|galleries|slideshow|slides|slider|carousel|lightbox)",
        r"|[a-z](Gallery|Galleries|Slideshow|Slides|Slider|Carousel|Lightbox)",
    ))
    .expect("valid regex")
});

/// A slideshow holds at least this many slides: a few pictures side by
/// side are the article's illustrations, a reel of them is a feature of
/// its own.
const MIN_SLIDES: usize = 10;

/// The article keeps at least this share of its text outside a
/// slideshow, and at least this many weighted characters (a few
/// paragraphs): a photo essay, a short introduction over its slides, is
/// the gallery and keeps it.
const MIN_SHARE_BESIDE_SLIDESHOW: f64 = 0.1;
const MIN_CHARS_BESIDE_SLIDESHOW: u32 = 1000;

/// A box named as a slideshow that holds a reel of slides (one element
/// repeating at least [`MIN_SLIDES`] times under one parent), beside an
/// article of its own. It goes whatever its share of the text: the
/// captions of fifty slides can outweigh the story they sit in.
fn is_slideshow(dom: &Dom, stats: &Stats, id: NodeId, total: u32) -> bool {
    let named = dom.element(id).is_some_and(|el| named_by(el, &SLIDESHOW));
    let beside = total.saturating_sub(stats.text[id.index()]);
    named
        && beside >= MIN_CHARS_BESIDE_SLIDESHOW
        && f64::from(beside) >= MIN_SHARE_BESIDE_SLIDESHOW * f64::from(total)
        && dom.subtree(id).any(|n| holds_reel(dom, stats, n))
}

/// `id` has at least [`MIN_SLIDES`] kept element children of one name.
fn holds_reel(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let mut kids = dom
        .children(id)
        .iter()
        .filter(|&&c| !stats.gone.contains(c))
        .filter_map(|&c| dom.element(c));
    let Some(first) = kids.next() else {
        return false;
    };
    let same = kids.take_while(|k| k.name == first.name).count() + 1;
    same >= MIN_SLIDES
}

/// A teaser's headline has this many weighted characters at least (menu
/// entries and tags are shorter).
const MIN_TEASER_CHARS: u32 = 25;

/// Such a list holds this many teasers at most: longer lists of links
/// inside an article are its matter more often (a "See also" section, a
/// list of sources), and leaving out lists of four or more cost the
/// readability corpus list items its reference keeps.
const MAX_TEASERS: usize = 3;

/// A list whose every item is one link with a headline's length, to
/// another page (not an anchor of this one): "more on this" set between
/// the article's paragraphs.
fn is_teaser_list(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let Some(el) = dom.element(id) else {
        return false;
    };
    // A label inside the list is its only text outside links: most lists
    // fail this before their items are looked at.
    let (text, link) = (stats.text[id.index()], stats.link[id.index()]);
    if !(el.is_named(&local_name!("ul")) || el.is_named(&local_name!("ol")))
        || link < text.saturating_sub(MAX_LABEL_CHARS)
    {
        return false;
    }
    let mut items: Vec<NodeId> = dom
        .children(id)
        .iter()
        .copied()
        .filter(|&c| !stats.gone.contains(c) && stats.text[c.index()] > 0)
        .collect();
    let label = match items.first() {
        Some(&first) if is_list_label(dom, stats, first) => {
            items.remove(0);
            stats.text[first.index()]
        }
        _ => 0,
    };
    link >= text.saturating_sub(label)
        && (1..=MAX_TEASERS).contains(&items.len())
        && items.iter().all(|&li| is_teaser_item(dom, stats, li))
}

/// A list's label has at most this many weighted characters.
const MAX_LABEL_CHARS: u32 = 60;

/// The list's heading written inside it, before its items (a `span` or
/// heading as the `ul`'s first child, where only `li` belongs): short
/// text without a link ("Articles on this topic").
fn is_list_label(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    dom.element(id)
        .is_some_and(|e| !e.is_named(&local_name!("li")))
        && stats.link[id.index()] == 0
        && stats.text[id.index()] <= MAX_LABEL_CHARS
}

fn is_teaser_item(dom: &Dom, stats: &Stats, li: NodeId) -> bool {
    let mut links = dom.subtree(li).filter(|&n| {
        dom.element(n)
            .is_some_and(|e| e.is_named(&local_name!("a")))
    });
    let (Some(link), None) = (links.next(), links.next()) else {
        return false;
    };
    let to_elsewhere = dom
        .element(link)
        .and_then(|e| e.attr("href"))
        .is_some_and(|h| !h.starts_with('#'));
    to_elsewhere && stats.text[link.index()] >= MIN_TEASER_CHARS
}

/// Asked of every element of the article: the names are interned, so
/// they compare as integers.
fn is_furniture(el: Element<'_>) -> bool {
    named_by(el, &FURNITURE)
}

/// A block container whose class or id `words` matches.
fn named_by(el: Element<'_>, words: &Regex) -> bool {
    is_container(el)
        && [el.class(), el.id()]
            .into_iter()
            .flatten()
            .any(|v| words.is_match(v))
}

fn is_container(el: Element<'_>) -> bool {
    matches!(
        el.name,
        local_name!("div")
            | local_name!("section")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("table")
            | local_name!("aside")
            | local_name!("form")
    )
}
