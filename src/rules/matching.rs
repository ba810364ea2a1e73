//! One element against the rule set: the candidate rules come from the
//! index, and are checked in rule order, first match wins. What several
//! rules ask of an element (which class/id and text patterns match) is
//! worked out once; pattern results are remembered per page, since pages
//! repeat the same class names and labels hundreds of times; buffers are
//! reused from element to element.

use super::apply::Page;
use super::compile::{Compiled, Rule};
use super::format::Action;
use crate::dom::{Ancestors, Element, NodeId, SelectCaches, selector_matches};
use regex::RegexSet;
use rustc_hash::FxHashMap;

/// Matches elements of one page; build one per page.
pub(super) struct Matcher<'c> {
    compiled: &'c Compiled,
    candidates: Vec<usize>,
    classes: Hits,
    texts: Hits,
    folded: String,
    /// The text nodes (as a range of `Page::texts`) whose text `texts`
    /// last matched: a wrapper and what it wraps often share all their
    /// text (`<li><a><span>Share</span></a></li>`), so it is read once.
    last_text: Option<(usize, usize)>,
    /// Which rules apply to this page's host; `None`: all of them.
    active: Option<Vec<bool>>,
    selector_caches: SelectCaches,
    /// The ancestor Bloom filter, when some selector asks about ancestors.
    ancestors: Option<Ancestors>,
    /// Whether `candidates` is in rule order.
    sorted: bool,
}

/// Candidate lists up to this long are sorted (a few dozen rules at most
/// for the built-in set); longer ones are scanned as they are.
const SORT_AT_MOST: usize = 64;

/// Which patterns of a set match the current element, once computed.
struct Hits {
    known: bool,
    hit: Vec<bool>,
    cache: FxHashMap<String, Vec<usize>>,
}

impl<'c> Matcher<'c> {
    /// A matcher for a page whose addresses have these `hosts`.
    pub(super) fn new(compiled: &'c Compiled, hosts: &[String]) -> Self {
        Matcher {
            active: compiled.hosts.active(&compiled.rules, hosts),
            selector_caches: SelectCaches::default(),
            sorted: true,
            ancestors: compiled
                .rules
                .iter()
                .any(|r| r.selectors.iter().any(|s| s.has_ancestor_names()))
                .then(Ancestors::default),
            compiled,
            candidates: Vec::new(),
            classes: Hits::new(compiled.class_id.len()),
            texts: Hits::new(compiled.text.len()),
            folded: String::new(),
            last_text: None,
        }
    }

    pub(super) fn rule(&self, i: usize) -> &'c Rule {
        &self.compiled.rules[i]
    }

    /// Whether any rule that applies to the page has this action.
    pub(super) fn has(&self, action: Action) -> bool {
        let rules = &self.compiled.rules;
        (0..rules.len()).any(|i| rules[i].action == action && self.is_active(i))
    }

    fn is_active(&self, rule: usize) -> bool {
        self.active.as_ref().is_none_or(|a| a[rule])
    }

    /// Index of the first rule with `action` matching element `id`.
    pub(super) fn first(&mut self, page: &Page, id: NodeId, action: Action) -> Option<usize> {
        let el = page.dom.element(id)?;
        self.classes.known = false;
        self.texts.known = false;
        self.collect_candidates(page, el, id, action);
        let candidates = std::mem::take(&mut self.candidates);
        let mut found = None;
        // Sorted candidates stop at the first match; a long list (a large
        // adblock list files hundreds of rules under `a` or `class`) is
        // cheaper to scan unsorted, skipping rules after the best so far.
        for &r in &candidates {
            if found.is_some_and(|best| r >= best) {
                if self.sorted {
                    break;
                }
                continue;
            }
            if self.rule(r).action == action
                && self.is_active(r)
                && self.matches(page, self.rule(r), el, id)
            {
                found = Some(r);
            }
        }
        self.candidates = candidates;
        found
    }

    /// The rules filed under the element's tag, classes, attributes or
    /// short text (in rule order when few: see `SORT_AT_MOST`).
    fn collect_candidates(&mut self, page: &Page, el: &Element, id: NodeId, action: Action) {
        let index = match action {
            Action::Drop => &self.compiled.drop,
            Action::Keep => &self.compiled.keep,
        };
        self.candidates.clear();
        if let Some(rules) = index.by_tag.get(&*el.name) {
            self.candidates.extend(rules);
        }
        self.candidates.extend(&index.any);
        if !index.by_id.is_empty()
            && let Some(rules) = el.attr("id").and_then(|v| index.by_id.get(v))
        {
            self.candidates.extend(rules);
        }
        if !index.by_class_name.is_empty() {
            for class in el.classes() {
                if let Some(rules) = index.by_class_name.get(class) {
                    self.candidates.extend(rules);
                }
            }
        }
        if index.class_patterns && (el.attr("class").is_some() || el.attr("id").is_some()) {
            self.class_hits(el);
            extend_hits(&mut self.candidates, &self.classes.hit, &index.by_class);
        }
        for name in el.attr_names() {
            if let Some(rules) = index.by_attribute.get(name) {
                self.candidates.extend(rules);
            }
        }
        if index.text_patterns && page.chars(id) <= index.max_text_chars {
            self.text_hits(page, id);
            extend_hits(&mut self.candidates, &self.texts.hit, &index.by_text);
        }
        self.sorted = self.candidates.len() <= SORT_AT_MOST;
        if self.sorted {
            self.candidates.sort_unstable();
            self.candidates.dedup();
        }
    }

    /// All of a rule's matchers, cheapest first.
    fn matches(&mut self, page: &Page, rule: &Rule, el: &Element, id: NodeId) -> bool {
        (rule.tags.is_empty() || rule.tags.iter().any(|t| **t == *el.name))
            && !(rule.class_id.is_some() && page.large.contains(id))
            && rule.max_chars.is_none_or(|m| page.chars(id) <= m)
            && !(rule.outside_article && page.inside_article.contains(id))
            && attribute_match(rule, el)
            && rule.class_id.is_none_or(|i| {
                self.class_hits(el);
                self.classes.hit[i]
            })
            && rule.text.is_none_or(|i| {
                self.text_hits(page, id);
                self.texts.hit[i]
            })
            && (rule.selectors.is_empty()
                || rule.selectors.iter().any(|s| {
                    let ancestors = self.ancestors.as_mut();
                    selector_matches(page.dom, id, s, &mut self.selector_caches, ancestors)
                }))
    }

    fn class_hits(&mut self, el: &Element) {
        if self.classes.known {
            return;
        }
        self.classes.clear();
        let id = el
            .attr("id")
            .filter(|v| !v.is_empty() && !is_anchor_id(el, v));
        let post = is_cms_post(el);
        let role = |t: &&str| !(is_modifier(t) || (post && is_taxonomy(t)));
        for token in el.classes().filter(role).chain(id) {
            self.classes.add(&self.compiled.class_id, token);
        }
    }

    /// The element's whole text, whitespace folded, against the text
    /// patterns. Only visible text nodes inside are read, so the cost is
    /// bounded by the text's length, not by the subtree's size.
    fn text_hits(&mut self, page: &Page, id: NodeId) {
        if self.texts.known {
            return;
        }
        let range = page.dom.subtree_range(id);
        let first = page.texts.partition_point(|t| t.index() < range.start);
        let count = page.texts[first..]
            .iter()
            .take_while(|t| t.index() < range.end)
            .count();
        if self.last_text == Some((first, count)) {
            self.texts.known = true;
            return;
        }
        self.last_text = Some((first, count));
        self.texts.clear();
        self.folded.clear();
        for text in page.texts[first..first + count]
            .iter()
            .filter_map(|&n| page.dom.text(n))
        {
            for word in text.split_whitespace() {
                if !self.folded.is_empty() {
                    self.folded.push(' ');
                }
                self.folded.push_str(word);
            }
        }
        self.texts.add(&self.compiled.text, &self.folded);
    }
}

/// A class stating what an element has or lacks, not what it is:
/// "no-share", "has-paywall", "with-sidebar", "modal-enabled", and the
/// same as a BEM modifier ("fig--has-shares": a figure with share
/// buttons).
fn is_modifier(token: &str) -> bool {
    let token = token.rsplit_once("--").map_or(token, |(_, m)| m);
    let t = token.as_bytes();
    let ends =
        |p: &str| t.len() > p.len() && t[t.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    starts_with_any(
        token,
        &["no-", "no_", "has-", "has_", "with-", "without-", "not-"],
    ) || ["-enabled", "-disabled", "-active"].iter().any(|p| ends(p))
}

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
fn is_anchor_id(el: &Element, id: &str) -> bool {
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
fn is_cms_post(el: &Element) -> bool {
    el.classes().any(|t| {
        ["hentry", "type-post", "status-publish"]
            .iter()
            .any(|m| t.eq_ignore_ascii_case(m))
    })
}

/// A topic class: `category-social-issues`, `tag-newsletter`.
fn is_taxonomy(token: &str) -> bool {
    starts_with_any(token, &["category-", "tag-"])
}

impl Hits {
    fn new(patterns: usize) -> Self {
        Hits {
            known: false,
            hit: vec![false; patterns],
            cache: FxHashMap::default(),
        }
    }

    fn clear(&mut self) {
        self.hit.fill(false);
        self.known = true;
    }

    /// Marks the patterns of `set` matching `haystack`. Most haystacks
    /// match nothing, which `is_match` tells cheaply.
    fn add(&mut self, set: &RegexSet, haystack: &str) {
        if let Some(found) = self.cache.get(haystack) {
            found.iter().for_each(|&i| self.hit[i] = true);
            return;
        }
        let found: Vec<usize> = if set.is_match(haystack) {
            set.matches(haystack).into_iter().collect()
        } else {
            Vec::new()
        };
        found.iter().for_each(|&i| self.hit[i] = true);
        self.cache.insert(haystack.to_string(), found);
    }
}

fn extend_hits(candidates: &mut Vec<usize>, hits: &[bool], by: &[Vec<usize>]) {
    for (_, rules) in hits.iter().zip(by).filter(|(hit, _)| **hit) {
        candidates.extend(rules);
    }
}

fn attribute_match(rule: &Rule, el: &Element) -> bool {
    match &rule.attribute {
        None => true,
        Some((name, value)) => el
            .attr(name)
            .is_some_and(|v| value.as_ref().is_none_or(|re| re.is_match(v))),
    }
}
