//! One element against the rule set: the candidate rules come from the
//! index, and are checked in rule order, first match wins. What several
//! rules ask of an element (which class/id and text patterns match) is
//! worked out once; pattern results are remembered per page, since pages
//! repeat the same class names and labels hundreds of times; buffers are
//! reused from element to element.

use super::apply::Page;
use super::compile::{Compiled, Rule};
use super::format::Action;
use crate::dom::{Element, NodeId};
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
}

/// Which patterns of a set match the current element, once computed.
struct Hits {
    known: bool,
    hit: Vec<bool>,
    cache: FxHashMap<String, Vec<usize>>,
}

impl<'c> Matcher<'c> {
    pub(super) fn new(compiled: &'c Compiled) -> Self {
        Matcher {
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

    /// Whether any rule has this action.
    pub(super) fn has(&self, action: Action) -> bool {
        self.compiled.rules.iter().any(|r| r.action == action)
    }

    /// Index of the first rule with `action` matching element `id`.
    pub(super) fn first(&mut self, page: &Page, id: NodeId, action: Action) -> Option<usize> {
        let el = page.dom.element(id)?;
        self.classes.known = false;
        self.texts.known = false;
        self.collect_candidates(page, el, id);
        let candidates = std::mem::take(&mut self.candidates);
        let found = candidates
            .iter()
            .copied()
            .find(|&r| self.rule(r).action == action && self.matches(page, self.rule(r), el, id));
        self.candidates = candidates;
        found
    }

    /// The rules filed under the element's tag, classes, attributes or
    /// short text, in rule order.
    fn collect_candidates(&mut self, page: &Page, el: &Element, id: NodeId) {
        let index = &self.compiled.index;
        self.candidates.clear();
        if let Some(rules) = index.by_tag.get(&*el.name) {
            self.candidates.extend(rules);
        }
        if el.attr("class").is_some() || el.attr("id").is_some() {
            self.class_hits(el);
            extend_hits(&mut self.candidates, &self.classes.hit, &index.by_class);
        }
        for name in el.attr_names() {
            if let Some(rules) = index.by_attribute.get(name) {
                self.candidates.extend(rules);
            }
        }
        if !index.by_text.is_empty() && page.chars(id) <= index.max_text_chars {
            self.text_hits(page, id);
            extend_hits(&mut self.candidates, &self.texts.hit, &index.by_text);
        }
        self.candidates.sort_unstable();
        self.candidates.dedup();
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
    }

    fn class_hits(&mut self, el: &Element) {
        if self.classes.known {
            return;
        }
        self.classes.clear();
        let id = el.attr("id").filter(|v| !v.is_empty());
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
/// "no-share", "has-paywall", "with-sidebar", "modal-enabled".
fn is_modifier(token: &str) -> bool {
    let t = token.as_bytes();
    let starts = |p: &str| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let ends =
        |p: &str| t.len() > p.len() && t[t.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    ["no-", "no_", "has-", "has_", "with-", "without-", "not-"]
        .iter()
        .any(|p| starts(p))
        || ["-enabled", "-disabled", "-active"].iter().any(|p| ends(p))
}

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
    let t = token.as_bytes();
    ["category-", "tag-"]
        .iter()
        .any(|p| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
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
