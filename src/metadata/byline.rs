//! The byline written in the page's markup: the first visible element
//! marked as the author's (`rel=author`, `itemprop=author`, or a class or
//! id naming a byline, an author or a dateline) whose text is short enough
//! to be one, skipping page furniture (headers, menus, sidebars, comments)
//! where the names are those of other articles' authors or commenters.

use crate::dom::{Dom, Element, NodeId};
use regex::RegexSet;
use std::sync::LazyLock;

/// Words in a class or id that mark a byline ([`BYLINE`]), page
/// furniture rather than the article ([`FURNITURE`]), and words that clear
/// a furniture match because the element may hold the article
/// ([`CONTENT`]): one set, so each class and id is scanned once.
static WORDS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        "(?i)byline|author|dateline|writtenby|p-author",
        "(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|\
         footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|\
         skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|\
         yom-remote",
        "(?i)and|article|body|column|content|main|mathjax|shadow",
    ])
    .expect("valid regexes")
});

/// Indexes into [`WORDS`].
const BYLINE: usize = 0;
const FURNITURE: usize = 1;
const CONTENT: usize = 2;

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
        if skipped_tag(el) {
            next = past;
            continue;
        }
        let mut attrs = Attrs::of(el);
        if !attrs.visible() {
            next = past;
            continue;
        }
        attrs.match_words();
        if attrs.marks_byline() && past - id.index() <= MAX_NODES {
            let text = super::fold(&dom.text_content(id));
            if !text.is_empty() && text.chars().count() < MAX_CHARS {
                return Some(name_inside(dom, id).unwrap_or(text));
            }
        }
        if attrs.is_furniture(dom, id, el) {
            next = past;
        }
    }
    None
}

/// The attributes the search reads, found in one pass over the element's
/// attributes (the first of a name counts, as with [`Element::attr`]), and
/// which of [`WORDS`] the class or id matches (see [`Attrs::match_words`]).
#[derive(Default)]
struct Attrs<'a> {
    style: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
    class: Option<&'a str>,
    id: Option<&'a str>,
    rel: Option<&'a str>,
    itemprop: Option<&'a str>,
    role: Option<&'a str>,
    /// Per pattern of [`WORDS`]: the class or the id matches it.
    words: [bool; 3],
}

impl<'a> Attrs<'a> {
    fn of(el: Element<'a>) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (name, value) in el.attrs() {
            let slot = match name {
                "style" => &mut a.style,
                "aria-hidden" => &mut a.aria_hidden,
                "class" => &mut a.class,
                "id" => &mut a.id,
                "rel" => &mut a.rel,
                "itemprop" => &mut a.itemprop,
                "role" => &mut a.role,
                "hidden" => {
                    a.hidden = true;
                    continue;
                }
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        a
    }

    /// Fills in `words` (once the element is known to be visible).
    fn match_words(&mut self) {
        for value in [self.class, self.id].into_iter().flatten() {
            for m in WORDS.matches(value).iter() {
                self.words[m] = true;
            }
        }
    }

    /// Not hidden by `display:none`, `visibility:hidden`, `hidden` or
    /// `aria-hidden` (image fallbacks excepted).
    fn visible(&self) -> bool {
        let style = self
            .style
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace(char::is_whitespace, "");
        let aria_hidden = self.aria_hidden.is_some_and(|v| v.trim() == "true")
            && !self.class.unwrap_or("").contains("fallback-image");
        !(style.contains("display:none")
            || style.contains("visibility:hidden")
            || self.hidden
            || aria_hidden)
    }

    fn marks_byline(&self) -> bool {
        self.rel.is_some_and(|r| r.trim() == "author")
            || self.itemprop.is_some_and(|p| p.contains("author"))
            || self.words[BYLINE]
    }

    fn is_furniture(&self, dom: &Dom, id: NodeId, el: Element<'_>) -> bool {
        if self
            .role
            .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()))
        {
            return true;
        }
        self.words[FURNITURE]
            && !self.words[CONTENT]
            && !matches!(&*el.name, "body" | "a")
            && !near_table_or_code(dom, id)
    }
}

fn skipped_tag(el: Element<'_>) -> bool {
    matches!(
        &*el.name,
        "head" | "script" | "style" | "noscript" | "template" | "svg"
    )
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

/// Inside a table (within three levels) or a code element: layout and
/// examples, not furniture.
fn near_table_or_code(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).enumerate().any(|(depth, a)| {
        dom.element(a)
            .is_some_and(|e| (&*e.name == "table" && depth < 3) || &*e.name == "code")
    })
}
