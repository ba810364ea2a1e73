//! Which class/id patterns an element's class names and id hit. Only the
//! part of a name that says what the element is counts (see `role_part`).
//! Results are remembered for the page, by name and by whole `class`
//! attribute, keyed by slices of the page itself (nothing is copied):
//! pages repeat the same class attributes hundreds of times.

use crate::dom::Element;
use regex::RegexSet;
use rustc_hash::FxHashMap;

/// The class/id patterns hit, per name and per `class` attribute of one
/// page (whose text lives for `'p`).
#[derive(Default)]
pub(super) struct ClassCache<'p> {
    by_name: FxHashMap<&'p str, Span>,
    by_attribute: FxHashMap<&'p str, Span>,
    /// Pattern indexes; each cached list is a span of it.
    pool: Vec<u32>,
}

/// A list of pattern indexes: `pool[start..end]`.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl<'p> ClassCache<'p> {
    /// Calls `hit` with each pattern of `set` (the combined class/id
    /// patterns) that one of the element's role names matches; a pattern
    /// may be told more than once.
    pub(super) fn hits(&mut self, set: &RegexSet, el: Element<'p>, mut hit: impl FnMut(usize)) {
        if let Some(class) = el.class() {
            let span = match self.by_attribute.get(class) {
                Some(&span) => span,
                None => self.attribute_span(set, class),
            };
            self.tell(span, &mut hit);
        }
        let id = el
            .id()
            .filter(|v| !v.is_empty() && !is_anchor_id(el, v))
            .and_then(role_part);
        if let Some(name) = id {
            let span = self.name_span(set, name);
            self.tell(span, &mut hit);
        }
    }

    fn tell(&self, span: Span, hit: &mut impl FnMut(usize)) {
        let patterns = &self.pool[span.start as usize..span.end as usize];
        patterns.iter().for_each(|&p| hit(p as usize));
    }

    /// The patterns the role names of a `class` attribute match. A CMS
    /// post's topic classes are not roles (see `is_cms_post`).
    fn attribute_span(&mut self, set: &RegexSet, class: &'p str) -> Span {
        let post = is_cms_post(class);
        let roles = class
            .split_ascii_whitespace()
            .filter(|t| !(post && is_taxonomy(t)))
            .filter_map(role_part);
        let mut patterns = Vec::new();
        for name in roles {
            let span = self.name_span(set, name);
            patterns.extend_from_slice(&self.pool[span.start as usize..span.end as usize]);
        }
        let span = self.store(patterns.into_iter());
        self.by_attribute.insert(class, span);
        span
    }

    /// The patterns one role name matches. Most names match nothing, which
    /// `is_match` tells cheaply.
    fn name_span(&mut self, set: &RegexSet, name: &'p str) -> Span {
        if let Some(&span) = self.by_name.get(name) {
            return span;
        }
        let span = if set.is_match(name) {
            self.store(set.matches(name).into_iter().map(|i| i as u32))
        } else {
            self.store(std::iter::empty())
        };
        self.by_name.insert(name, span);
        span
    }

    fn store(&mut self, patterns: impl Iterator<Item = u32>) -> Span {
        let start = self.pool.len() as u32;
        self.pool.extend(patterns);
        Span {
            start,
            end: self.pool.len() as u32,
        }
    }
}

/// The part of a class token that names what the element is, if any.
/// A class stating what an element has or lacks names nothing ("no-share",
/// "has-paywall", "modal-enabled"); after a block name, such words start
/// a statement about the block ("o-section--has-ads" is an `o-section`,
/// "prefooter--no-ads" a `prefooter`). A page layout that makes room for
/// a role names nothing either ("c-fixed-sidebar-layout", "one-sidebar",
/// "two-sidebars").
fn role_part(token: &str) -> Option<&str> {
    let t = token.as_bytes();
    let ends =
        |p: &str| t.len() > p.len() && t[t.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    if ["-enabled", "-disabled", "-active"].iter().any(|p| ends(p)) {
        return None;
    }
    let mut end = token.len();
    let mut start = 0;
    for word in token.split(['-', '_']) {
        let is = |list: &[&str]| list.iter().any(|m| word.eq_ignore_ascii_case(m));
        if is(&["layout", "layouts"]) {
            return None;
        }
        let more = start + word.len() < token.len();
        if end == token.len() && more && is(STATE_WORDS) {
            end = start;
        }
        start += word.len() + 1;
    }
    let role = token[..end].trim_end_matches(['-', '_']);
    (!role.is_empty()).then_some(role)
}

/// Words that make the rest of a class a statement about the element
/// ("has-ads", "no-sidebar") or about the page's layout ("one-sidebar").
const STATE_WORDS: &[&str] = &[
    "no", "non", "not", "has", "with", "without", "one", "two", "three",
];

/// `token` is longer than one of `prefixes` and starts with it, ASCII
/// case ignored.
fn starts_with_any(token: &str, prefixes: &[&str]) -> bool {
    let t = token.as_bytes();
    prefixes
        .iter()
        .any(|p| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// An id that is a link target made from a heading's text, not a role: a
/// heading's own id ("signature", "share-your-data"), or a slug of a
/// phrase: five words or more, or three with a little word of running
/// text ("sharing-with-a-single-developer", a docs section). Role ids
/// are lists of nouns ("mvp-fly-soc-wrap", "comment-form-load-service").
fn is_anchor_id(el: Element<'_>, id: &str) -> bool {
    if matches!(&*el.name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return true;
    }
    let words = || id.split(['-', '_']).filter(|w| !w.is_empty());
    let count = words().count();
    count >= 5
        || (count >= 3 && words().any(|w| PHRASE_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p))))
}

/// Little words of running text that role names do not use.
const PHRASE_WORDS: &[&str] = &[
    "a", "an", "the", "with", "of", "to", "for", "and", "in", "on", "how", "your", "mit", "und",
    "der", "die", "das", "ein", "eine", "le", "la", "les", "et", "des", "du", "el", "los", "y",
    "con", "para",
];

/// A post as WordPress-style CMSs mark it (`hentry`, `type-post`,
/// `status-publish`): its `category-*` and `tag-*` classes name topics.
fn is_cms_post(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| {
        ["hentry", "type-post", "status-publish"]
            .iter()
            .any(|m| t.eq_ignore_ascii_case(m))
    })
}

/// A topic class: `category-social-issues`, `tag-newsletter`.
fn is_taxonomy(token: &str) -> bool {
    starts_with_any(token, &["category-", "tag-"])
}
