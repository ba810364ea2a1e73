//! Applying a compiled rule set to a page: which elements are removed.
//!
//! Keep wins over drop: a kept element is never removed, nor are its
//! ancestors; an ancestor that a drop rule matched loses everything except
//! the paths to what is kept.

use super::compile::{Compiled, Rule};
use super::folding::visible_chars;
use super::format::Action;
use super::matching::Matcher;
use crate::cleaner::{Removal, first_words};
use crate::dom::{Dom, Element, NodeData, NodeId, NodeSet, Paths, local_name};
use rustc_hash::FxHashMap;

/// What the rules removed from one page.
#[derive(Debug)]
pub(crate) struct Pruned {
    pub(crate) removed: NodeSet,
    pub(crate) removals: Vec<Removal>,
}

/// Facts about the page computed once, shared by every rule.
pub(super) struct Page<'a> {
    pub(super) dom: &'a Dom,
    /// `chars_before[i]`: non-whitespace characters in text nodes before node i.
    chars_before: Vec<u32>,
    /// `control_before[i]`: of which inside links, buttons and form
    /// controls (a menu's own text).
    control_before: Vec<u32>,
    /// Text nodes with visible characters, in document order: a text rule
    /// reads only these, so its cost is bounded by its `max_chars`, not by
    /// the size of the subtree (deeply nested pages).
    pub(super) texts: Vec<NodeId>,
    pub(super) inside_article: NodeSet,
    /// Never dropped: `html`, `body`, the main article marker's path.
    protected: NodeSet,
    /// Elements holding over half the page's text, or named as the
    /// article's content and holding much of it: class/id patterns are
    /// guesses, and a guess never takes most of the page or its article.
    pub(super) large: NodeSet,
}

/// Applies the rules to a page whose addresses have these `hosts` (for
/// rules limited to sites).
pub(crate) fn apply(dom: &Dom, compiled: &Compiled, hosts: &[String]) -> Pruned {
    let page = Page::new(dom);
    let mut matcher = Matcher::new(compiled, hosts);
    let keeps = Keeps::new(dom.len(), matcher.has(Action::Keep));
    prune(&page, &mut matcher, keeps)
}

/// The elements keep rules match, looked for only inside the elements a
/// drop rule matches: a kept element elsewhere changes nothing, and most
/// of a page is never matched (the keep pass had read every element).
struct Keeps {
    /// Whether any keep rule applies to the page.
    active: bool,
    kept: NodeSet,
    /// The elements before this index that can be kept have been looked
    /// at: checked ranges are subtrees, met in document order, so what is
    /// checked is known by where it ends.
    checked_until: usize,
}

impl Keeps {
    fn new(len: usize, active: bool) -> Keeps {
        Keeps {
            active,
            kept: NodeSet::new(len),
            checked_until: 0,
        }
    }

    /// Finds the kept elements of the subtree of `id` (once).
    fn check<'p>(&mut self, page: &Page<'p>, matcher: &mut Matcher<'_, 'p>, id: NodeId) {
        let range = page.dom.subtree_range(id);
        if !self.active || range.end <= self.checked_until {
            return;
        }
        for i in range.start.max(self.checked_until)..range.end {
            let id = NodeId::from_index(i);
            if matcher.first(page, id, Action::Keep).is_some() {
                self.kept.insert(id);
            }
        }
        self.checked_until = range.end;
    }

    /// Whether `id` (checked) is kept.
    fn is_kept(&self, id: NodeId) -> bool {
        self.kept.contains(id)
    }

    /// Whether something inside `id` (checked) is kept: it is then a
    /// shell, not removed whole.
    fn holds_kept(&self, dom: &Dom, id: NodeId) -> bool {
        self.kept.any_in(id.index() + 1..dom.subtree_range(id).end)
    }
}

impl<'a> Page<'a> {
    fn new(dom: &'a Dom) -> Self {
        let scan = Scan::new(dom);
        let mut page = Page {
            dom,
            chars_before: scan.chars_before,
            control_before: scan.control_before,
            texts: scan.texts,
            inside_article: below_any(dom, &scan.markers),
            protected: NodeSet::default(),
            large: NodeSet::default(),
        };
        page.protected = page.protect_containers(&scan.markers, &scan.roots, &scan.pres);
        page.large = page.large_elements();
        page
    }

    /// Nodes holding over half the page's text, and elements named as its
    /// content holding much of it (see `Page::large`).
    fn large_elements(&self) -> NodeSet {
        let dom = self.dom;
        let mut set = NodeSet::new(dom.len());
        let half = self.chars(dom.root()) / 2;
        for id in dom.ids() {
            let chars = self.chars(id);
            if chars <= half && chars < BODY_CHARS.min(CONTENT_CHARS) {
                continue;
            }
            let large = chars > half
                || dom.element(id).is_some_and(|e| {
                    (chars >= CONTENT_CHARS && (named_content(e) || is_article_marker(e)))
                        || (chars >= BODY_CHARS && named_body(e))
                });
            if large {
                set.insert(id);
            }
        }
        set
    }

    /// Non-whitespace characters of text in the subtree of `id`.
    pub(super) fn chars(&self, id: NodeId) -> usize {
        let r = self.dom.subtree_range(id);
        (self.chars_before[r.end] - self.chars_before[r.start]) as usize
    }

    /// Of [`Page::chars`], those outside links, buttons and form controls:
    /// the text a menu does not have.
    pub(super) fn prose_chars(&self, id: NodeId) -> usize {
        let r = self.dom.subtree_range(id);
        let linked = self.control_before[r.end] - self.control_before[r.start];
        self.chars(id) - linked as usize
    }

    /// `html`, `body`, the path to the article marker holding the most
    /// text and to the markers inside it holding most of its text are
    /// never dropped: a boilerplate rule must not take the page.
    /// Nor is anything inside `<pre>`.
    fn protect_containers(&self, markers: &[NodeId], roots: &[NodeId], pres: &[NodeId]) -> NodeSet {
        let dom = self.dom;
        let mut set = NodeSet::new(dom.len());
        let best = markers.iter().copied().max_by_key(|&id| self.chars(id));
        roots.iter().for_each(|&id| set.insert(id));
        // Down through markers nested in it that hold most of its text
        // (an <article> inside <main>): the innermost is the article.
        let mut best = best;
        while let Some(outer) = best {
            set.insert(outer);
            dom.ancestors(outer).for_each(|a| set.insert(a));
            best = markers
                .iter()
                .copied()
                .filter(|&m| m > outer && dom.contains(outer, m))
                .find(|&m| 2 * self.chars(m) > self.chars(outer));
        }
        // Inside code, class names are syntax highlighting ("hljs-comment"),
        // not page furniture.
        for &pre in pres {
            set.insert_range(pre.index() + 1..dom.subtree_range(pre).end);
        }
        set
    }
}

/// A block named as the article's content, or marked as an article,
/// holding at least this many characters is not a widget, whatever else
/// its classes say.
const CONTENT_CHARS: usize = 1000;

/// A block whose class or id is the usual name of an article's body
/// (`entry-content`, `article-body`) holding at least this many
/// characters is not a widget either.
const BODY_CHARS: usize = 300;

/// Class tokens and ids that name the article's text itself, in one
/// spelling (lower case, `_` and `__` as `-`). Whole tokens only:
/// "comment-content" or "widget-content" do not count.
const CONTENT_NAMES: &[&str] = &["content", "entry", "main-content", "post-entry"];

/// The usual names of an article's body.
const BODY_NAMES: &[&str] = &[
    "entry-content",
    "entry-body",
    "post-content",
    "post-body",
    "article-content",
    "article-body",
    "article-text",
    "articlebody",
    "story-body",
    "story-content",
];

/// Named as the page's content by a class token or the id.
fn named_content(e: Element<'_>) -> bool {
    named(e, CONTENT_NAMES) || named(e, BODY_NAMES)
}

/// Named as the article's body by a class token or the id.
fn named_body(e: Element<'_>) -> bool {
    named(e, BODY_NAMES)
}

/// A class token or the id is one of `names`, read in one spelling:
/// ASCII case ignored, `_` and `__` as `-` ("entry__content").
fn named(e: Element<'_>, names: &[&str]) -> bool {
    e.classes()
        .chain(e.id())
        .any(|t| names.iter().any(|n| same_name(t, n)))
}

fn same_name(token: &str, name: &str) -> bool {
    let mut spelled = token.bytes().peekable();
    let mut wanted = name.bytes();
    loop {
        let b = match spelled.next() {
            Some(b'_') => {
                while spelled.peek() == Some(&b'_') {
                    spelled.next();
                }
                b'-'
            }
            other => match other {
                Some(b) => b.to_ascii_lowercase(),
                None => return wanted.next().is_none(),
            },
        };
        if wanted.next() != Some(b) {
            return false;
        }
    }
}

/// Text of `<script>`, `<style>` and the like is not page text.
fn in_code_element(dom: &Dom, text: NodeId) -> bool {
    dom.parent(text)
        .and_then(|p| dom.element(p))
        .is_some_and(|e| {
            matches!(
                e.name,
                local_name!("script")
                    | local_name!("style")
                    | local_name!("template")
                    | local_name!("noscript")
            )
        })
}

/// `<article>`, `<main>`, `[role=main]`, `[itemprop~=articleBody]`.
pub(crate) fn is_article_marker(e: Element<'_>) -> bool {
    e.is_named(&local_name!("article"))
        || e.is_named(&local_name!("main"))
        || e.attr_named(&local_name!("role"))
            .is_some_and(|v| v.eq_ignore_ascii_case("main"))
        || e.attr_named(&local_name!("itemprop"))
            .is_some_and(is_article_body)
}

/// A marker that names the article itself (`<article>`,
/// `itemprop=articleBody`), not the page's main column (`<main>`,
/// `role=main`), which may hold other things beside it.
pub(crate) fn names_article(e: Element<'_>) -> bool {
    e.is_named(&local_name!("article"))
        || e.attr_named(&local_name!("itemprop"))
            .is_some_and(is_article_body)
}

fn is_article_body(itemprop: &str) -> bool {
    itemprop
        .split_ascii_whitespace()
        .any(|t| t == "articleBody")
}

/// Everything below one of `markers`. Subtrees are id ranges, and a
/// marker inside another is already covered.
fn below_any(dom: &Dom, markers: &[NodeId]) -> NodeSet {
    let mut set = NodeSet::new(dom.len());
    for &marker in markers {
        if !set.contains(marker) {
            set.insert_range(marker.index() + 1..dom.subtree_range(marker).end);
        }
    }
    set
}

/// A link, a button or a form control: what a menu is made of.
fn is_control(e: Element<'_>) -> bool {
    matches!(
        e.name,
        local_name!("a")
            | local_name!("button")
            | local_name!("select")
            | local_name!("option")
            | local_name!("label")
            | local_name!("input")
            | local_name!("textarea")
    )
}

/// What one walk over the page finds, before anything is measured.
#[derive(Default)]
struct Scan {
    /// See `Page::chars_before`.
    chars_before: Vec<u32>,
    /// See `Page::control_before`.
    control_before: Vec<u32>,
    /// See `Page::texts`.
    texts: Vec<NodeId>,
    /// Article markers (see `is_article_marker`).
    markers: Vec<NodeId>,
    /// `html` and `body` elements.
    roots: Vec<NodeId>,
    /// `pre` elements.
    pres: Vec<NodeId>,
}

impl Scan {
    fn new(dom: &Dom) -> Scan {
        let mut scan = Scan {
            chars_before: Vec::with_capacity(dom.len() + 1),
            control_before: Vec::with_capacity(dom.len() + 1),
            ..Scan::default()
        };
        let (mut total, mut control) = (0u32, 0u32);
        // Nodes before this index are inside a link or a control.
        let mut control_until = 0;
        for id in dom.ids() {
            scan.chars_before.push(total);
            scan.control_before.push(control);
            match dom.data(id) {
                NodeData::Text(t) if !in_code_element(dom, id) => {
                    let chars = visible_chars(t);
                    if chars > 0 {
                        scan.texts.push(id);
                    }
                    total += chars;
                    if id.index() < control_until {
                        control += chars;
                    }
                }
                NodeData::Element(e) => {
                    if is_control(e) {
                        control_until = control_until.max(dom.subtree_range(id).end);
                    }
                    scan.element(id, e);
                }
                _ => {}
            }
        }
        scan.chars_before.push(total);
        scan.control_before.push(control);
        scan
    }

    fn element(&mut self, id: NodeId, e: Element<'_>) {
        if is_article_marker(e) {
            self.markers.push(id);
        }
        if e.is_named(&local_name!("html")) || e.is_named(&local_name!("body")) {
            self.roots.push(id);
        } else if e.is_named(&local_name!("pre")) {
            self.pres.push(id);
        }
    }
}

/// One pre-order pass. A matched element with nothing kept inside is
/// removed whole (its subtree skipped); one with kept descendants becomes a
/// shell whose other children are removed under the same rule.
fn prune<'p>(page: &Page<'p>, matcher: &mut Matcher<'_, 'p>, mut keeps: Keeps) -> Pruned {
    let dom = page.dom;
    let mut removed = NodeSet::new(dom.len());
    let mut removals = Vec::new();
    // Shells and the rule that matched them: few, and only on pages
    // with keep rules matching inside dropped elements.
    let mut shell_rule: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut list_headings = Vec::new();
    let mut paths = Paths::default();
    // Nothing in <head> is ever written out: rules start at <body>.
    let mut i = dom.body().map_or(0, NodeId::index);
    while i < dom.len() {
        let id = NodeId::from_index(i);
        let inherited = match dom.parent(id) {
            Some(p) if !shell_rule.is_empty() => shell_rule.get(&p).copied(),
            _ => None,
        };
        let mut rule = inherited.or_else(|| {
            (!page.protected.contains(id))
                .then(|| matcher.first(page, id, Action::Drop))
                .flatten()
        });
        if rule.is_some() {
            keeps.check(page, matcher, id);
            if keeps.is_kept(id) {
                rule = None;
            }
        }
        match rule {
            Some(r) if !keeps.holds_kept(dom, id) => {
                removed.insert(id);
                if matcher.rule(r).with_list_after {
                    list_headings.push((id, matcher.rule(r).name.clone()));
                }
                removals.push(removal(page, &mut paths, matcher.rule(r), id));
                i = dom.subtree_range(id).end;
                continue;
            }
            Some(r) => {
                shell_rule.insert(id, r);
            }
            None => {}
        }
        i += 1;
    }
    let mut pruned = Pruned { removed, removals };
    lists_after_headings(page, &mut paths, &list_headings, &mut pruned);
    pruned
}

/// Whether `child` is the only element or text with visible characters
/// in `parent` (which is not `<body>`).
fn alone_in(dom: &Dom, parent: NodeId, child: NodeId) -> bool {
    !dom.element(parent)
        .is_none_or(|e| e.is("body") || e.is("html"))
        && dom.children(parent).iter().all(|&c| {
            c == child
                || dom.text(c).is_some_and(|t| t.trim().is_empty())
                || (dom.element(c).is_none() && dom.text(c).is_none())
        })
}

/// At least 60% of the block's text is link text.
fn mostly_links(page: &Page, block: NodeId) -> bool {
    let dom = page.dom;
    let range = dom.subtree_range(block);
    let (mut all, mut linked, mut link_until) = (0usize, 0usize, 0usize);
    for i in range {
        let id = NodeId::from_index(i);
        if dom.element(id).is_some_and(|e| e.is("a")) {
            link_until = link_until.max(dom.subtree_range(id).end);
        } else if let Some(t) = dom.text(id) {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            all += n;
            if i < link_until {
                linked += n;
            }
        }
    }
    all > 0 && linked * 10 >= all * 6
}

/// How many blocks after a removed list heading are looked at.
const MAX_LIST_BLOCKS: usize = 4;

/// Elements removed by a `with_list_after` rule (a heading that opens a
/// list of other articles: "Related", "Mehr zum Thema", "관련기사") take
/// the list along: the blocks right after them (or after the wrapper
/// they stand alone in) that are mostly links, up to the next heading.
fn lists_after_headings(
    page: &Page,
    paths: &mut Paths,
    headings: &[(NodeId, String)],
    pruned: &mut Pruned,
) {
    let dom = page.dom;
    for &(heading, ref rule) in headings {
        let mut anchor = heading;
        while let Some(parent) = dom.parent(anchor).filter(|&p| alone_in(dom, p, anchor)) {
            anchor = parent;
        }
        let Some(parent) = dom.parent(anchor) else {
            continue;
        };
        let after = dom
            .children(parent)
            .iter()
            .copied()
            .skip_while(|&c| c != anchor)
            .skip(1)
            .filter(|&c| dom.element(c).is_some())
            .take(MAX_LIST_BLOCKS);
        for block in after {
            let heading_like = dom
                .element(block)
                .is_some_and(|e| matches!(&*e.name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
            if heading_like || pruned.removed.contains(block) || !mostly_links(page, block) {
                break;
            }
            pruned.removed.insert(block);
            pruned.removals.push(Removal {
                rule: rule.clone(),
                path: paths.path(dom, block),
                chars: page.chars(block),
                text: page.first_words(block),
            });
        }
    }
}

fn removal(page: &Page, paths: &mut Paths, rule: &Rule, id: NodeId) -> Removal {
    Removal {
        rule: rule.name.clone(),
        path: paths.path(page.dom, id),
        chars: page.chars(id),
        text: page.first_words(id),
    }
}

impl Page<'_> {
    /// The first words of the element's visible text (see
    /// [`first_words`]). Only the text nodes needed are read.
    fn first_words(&self, id: NodeId) -> String {
        let range = self.dom.subtree_range(id);
        let first = self.texts.partition_point(|t| t.index() < range.start);
        let nodes = self.texts[first..]
            .iter()
            .take_while(|t| t.index() < range.end);
        first_words(
            nodes
                .filter_map(|&n| self.dom.text(n))
                .flat_map(str::split_whitespace),
        )
    }
}
