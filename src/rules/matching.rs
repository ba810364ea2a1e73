//! One element against the rule set: the candidate rules come from the
//! index, and are checked in rule order, first match wins. What several
//! rules ask of an element (which class/id and text patterns match) is
//! worked out once; pattern results are remembered per page, since pages
//! repeat the same class names and labels hundreds of times; buffers are
//! reused from element to element.

use super::apply::Page;
use super::classes::ClassCache;
use super::compile::{Compiled, Rule};
use super::folding::FoldedTexts;
use super::format::Action;
use super::index::Index;
use crate::dom::{Ancestors, Dom, Element, NodeId, SelectCaches, selector_matches};
use std::ops::Range;

/// Matches elements of one page (whose text lives for `'p`); build one
/// per page.
pub(super) struct Matcher<'c, 'p> {
    compiled: &'c Compiled,
    candidates: Vec<usize>,
    classes: Hits,
    /// Per action (drop, keep): the patterns each class or id matches.
    class_caches: [ClassCache<'p>; 2],
    texts: Hits,
    folded: FoldedTexts,
    /// The text nodes (as a range of `Page::texts`) whose text `texts`
    /// last matched: a wrapper and what it wraps often share all their
    /// text (`<li><a><span>Share</span></a></li>`), so it is read once.
    last_text: Option<Range<usize>>,
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
    /// Per pattern, whether it matches.
    hit: Vec<bool>,
    /// The patterns that match: what to reset, and what to look up.
    found: Vec<usize>,
}

impl<'c, 'p> Matcher<'c, 'p> {
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
            classes: Hits::new(compiled.class_patterns),
            class_caches: Default::default(),
            texts: Hits::new(compiled.text.len()),
            folded: FoldedTexts::default(),
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
    pub(super) fn first(&mut self, page: &Page<'p>, id: NodeId, action: Action) -> Option<usize> {
        let el = page.dom.element(id)?;
        let index = self.index(action);
        if index.only_tags && !index.by_tag.contains_key(&el.name) {
            return None;
        }
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

    fn index(&self, action: Action) -> &'c Index {
        match action {
            Action::Drop => &self.compiled.drop,
            Action::Keep => &self.compiled.keep,
        }
    }

    /// The rules filed under the element's tag, classes, attributes or
    /// short text (in rule order when few: see `SORT_AT_MOST`).
    fn collect_candidates(&mut self, page: &Page, el: Element<'p>, id: NodeId, action: Action) {
        let index = self.index(action);
        self.candidates.clear();
        if let Some(rules) = index.by_tag.get(&el.name) {
            self.candidates.extend(rules);
        }
        self.candidates.extend(&index.any);
        if !index.by_id.is_empty()
            && let Some(rules) = el.id().and_then(|v| index.by_id.get(v))
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
        if index.class_patterns && (el.class().is_some() || el.id().is_some()) {
            self.class_hits(el, action);
            extend_hits(&mut self.candidates, &self.classes.found, &index.by_class);
        }
        if !index.by_attribute.is_empty() {
            for name in el.attr_names() {
                if let Some(rules) = index.by_attribute.get(name) {
                    self.candidates.extend(rules);
                }
            }
        }
        if index.text_patterns && page.chars(id) <= index.max_text_chars {
            self.text_hits(page, id);
            extend_hits(&mut self.candidates, &self.texts.found, &index.by_text);
        }
        self.sorted = self.candidates.len() <= SORT_AT_MOST;
        if self.sorted {
            self.candidates.sort_unstable();
            self.candidates.dedup();
        }
    }

    /// All of a rule's matchers, cheapest first.
    fn matches(&mut self, page: &Page, rule: &Rule, el: Element<'p>, id: NodeId) -> bool {
        (rule.tags.is_empty() || rule.tags.contains(&el.name))
            && !(rule.class_id.is_some() && page.large.contains(id))
            && rule.max_chars.is_none_or(|m| page.chars(id) <= m)
            && rule
                .max_prose_chars
                .is_none_or(|m| page.prose_chars(id) <= m)
            && !(rule.outside_article && page.inside_article.contains(id))
            && attribute_match(rule, el)
            && rule.class_id.is_none_or(|i| {
                self.class_hits(el, rule.action);
                self.classes.hit[i]
            })
            && rule.text.is_none_or(|i| {
                self.text_hits(page, id);
                self.texts.hit[i] && !in_mid_sentence(page.dom, id, el)
            })
            && (rule.selectors.is_empty()
                || rule.selectors.iter().any(|s| {
                    let ancestors = self.ancestors.as_mut();
                    selector_matches(page.dom, id, s, &mut self.selector_caches, ancestors)
                }))
    }

    /// The class/id patterns of the rules with `action` that the
    /// element's class or id matches.
    fn class_hits(&mut self, el: Element<'p>, action: Action) {
        if self.classes.known {
            return;
        }
        self.classes.clear();
        let classes = &mut self.classes;
        let (set, cache) = match action {
            Action::Drop => (&self.compiled.drop_classes, &mut self.class_caches[0]),
            Action::Keep => (&self.compiled.keep_classes, &mut self.class_caches[1]),
        };
        cache.hits(&set.set, el, |i| classes.mark(set.patterns[i]));
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
        let nodes = first..first + count;
        if self.last_text.as_ref() == Some(&nodes) {
            self.texts.known = true;
            return;
        }
        self.last_text = Some(nodes.clone());
        self.texts.clear();
        let text = self.folded.text(page, nodes);
        let texts = &mut self.texts;
        self.compiled
            .text
            .matches(text, page.chars(id), |i| texts.mark(i));
    }
}

impl Hits {
    fn new(patterns: usize) -> Self {
        Hits {
            known: false,
            hit: vec![false; patterns],
            found: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &i in &self.found {
            self.hit[i] = false;
        }
        self.found.clear();
        self.known = true;
    }

    fn mark(&mut self, i: usize) {
        if !self.hit[i] {
            self.hit[i] = true;
            self.found.push(i);
        }
    }
}

/// The rules filed under the patterns `found`.
fn extend_hits(candidates: &mut Vec<usize>, found: &[usize], by: &[Vec<usize>]) {
    for &pattern in found {
        candidates.extend(&by[pattern]);
    }
}

fn attribute_match(rule: &Rule, el: Element<'_>) -> bool {
    match &rule.attribute {
        None => true,
        Some((name, value)) => el
            .attr(name)
            .is_some_and(|v| value.as_ref().is_none_or(|re| re.is_match(v))),
    }
}

/// Whether the inline element `id` stands inside a sentence: text on
/// both sides of it in its parent, words on at least one, and no
/// separator next to it ("the table of contents ([PDF]) shows"). A text
/// rule matches labels standing alone ("PDF", "Read more" ending a
/// teaser); the same words inside a sentence are the sentence's.
fn in_mid_sentence(dom: &Dom, id: NodeId, el: Element<'_>) -> bool {
    let inline = matches!(
        &*el.name,
        "a" | "span" | "b" | "strong" | "em" | "i" | "small" | "abbr" | "cite"
    );
    let Some(parent) = dom.parent(id).filter(|_| inline) else {
        return false;
    };
    let siblings = dom.children(parent);
    let Ok(at) = siblings.binary_search(&id) else {
        return false;
    };
    let text_at = |i: Option<usize>| i.and_then(|i| siblings.get(i)).and_then(|&s| dom.text(s));
    let (Some(before), Some(after)) = (text_at(at.checked_sub(1)), text_at(Some(at + 1))) else {
        return false;
    };
    // Next to the element: a character of the sentence, not a separator
    // between links ("Posted | Share | Top").
    let joins = |c: Option<char>| c.is_some_and(|c| !SEPARATORS.contains(c));
    let words = |t: &str| t.chars().any(char::is_alphabetic);
    joins(before.trim_end().chars().next_back())
        && joins(after.trim_start().chars().next())
        && (words(before) || words(after))
}

/// Characters that set links apart in a row of them.
const SEPARATORS: &str = "|·•/>»«›‹–—-:";
