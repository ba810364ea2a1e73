//! The byline written in the page's markup: the first visible element
//! marked as the author's (`rel=author`, `itemprop=author`, or a class or
//! id naming a byline, an author or a dateline) whose text is short enough
//! to be one, skipping page furniture (headers, menus, sidebars, comments)
//! where the names are those of other articles' authors or commenters.

use crate::dom::{Dom, Element, NodeId};
use regex::Regex;
use std::sync::LazyLock;

/// Words in a class or id that mark a byline.
static BYLINE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?i)byline|author|dateline|writtenby|p-author").expect("valid regex")
});

/// Words in a class or id that mark page furniture, not the article.
static FURNITURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|\
         footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|\
         skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|\
         yom-remote",
    )
    .expect("valid regex")
});

/// Words that clear a furniture match: the element may hold the article.
static CONTENT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?i)and|article|body|column|content|main|mathjax|shadow").expect("valid regex")
});

/// Roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// A byline is shorter than this many characters.
const MAX_CHARS: usize = 100;

/// Elements with more nodes than this are not read as bylines: a byline
/// is a few nodes, and the bound keeps the search linear.
const MAX_NODES: usize = 256;

/// The text of the page's byline markup, folded, if it has one.
pub(super) fn find(dom: &Dom) -> Option<String> {
    let (mut next, len) = (0, dom.len());
    while next < len {
        let id = NodeId::from_index(next);
        next += 1;
        let Some(el) = dom.element(id) else { continue };
        let past = dom.subtree_range(id).end;
        if skipped_tag(el) || !visible(el) {
            next = past;
            continue;
        }
        if marks_byline(el) && past - id.index() <= MAX_NODES {
            let text = super::fold(&dom.text_content(id));
            if !text.is_empty() && text.chars().count() < MAX_CHARS {
                return Some(name_inside(dom, id).unwrap_or(text));
            }
        }
        if is_furniture(dom, id, el) {
            next = past;
        }
    }
    None
}

/// Whether the class attribute or the id has a match of `words`.
fn hinted(el: &Element, words: &Regex) -> bool {
    [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| words.is_match(v))
}

fn skipped_tag(el: &Element) -> bool {
    matches!(
        &*el.name,
        "head" | "script" | "style" | "noscript" | "template" | "svg"
    )
}

/// Not hidden by `display:none`, `visibility:hidden`, `hidden` or
/// `aria-hidden` (image fallbacks excepted).
fn visible(el: &Element) -> bool {
    let style = el
        .attr("style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(char::is_whitespace, "");
    let aria_hidden = el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        && !el.attr("class").unwrap_or("").contains("fallback-image");
    !(style.contains("display:none")
        || style.contains("visibility:hidden")
        || el.attr("hidden").is_some()
        || aria_hidden)
}

fn marks_byline(el: &Element) -> bool {
    el.attr("rel").is_some_and(|r| r.trim() == "author")
        || el.attr("itemprop").is_some_and(|p| p.contains("author"))
        || hinted(el, &BYLINE_WORDS)
}

/// An element inside the byline marked `itemprop=name`: the name alone,
/// without "By" or the date beside it.
fn name_inside(dom: &Dom, id: NodeId) -> Option<String> {
    dom.subtree(id).skip(1).find_map(|d| {
        let el = dom.element(d)?;
        el.attr("itemprop")
            .is_some_and(|p| p.contains("name"))
            .then(|| super::fold(&dom.text_content(d)))
            .filter(|t| !t.is_empty())
    })
}

fn is_furniture(dom: &Dom, id: NodeId, el: &Element) -> bool {
    if el
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()))
    {
        return true;
    }
    hinted(el, &FURNITURE_WORDS)
        && !hinted(el, &CONTENT_WORDS)
        && !matches!(&*el.name, "body" | "a")
        && !near_table_or_code(dom, id)
}

/// Inside a table (within three levels) or a code element: layout and
/// examples, not furniture.
fn near_table_or_code(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).enumerate().any(|(depth, a)| {
        dom.element(a)
            .is_some_and(|e| (&*e.name == "table" && depth < 3) || &*e.name == "code")
    })
}
