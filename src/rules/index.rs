//! Which rules can match an element, looked up instead of tried one by
//! one: every rule is filed under its most selective matcher (its tags,
//! else its class/id pattern, else its attribute, else its text pattern),
//! so an element only meets the rules that name its tag, its classes,
//! its attributes or its (short) text. A CSS selector is filed under what
//! its rightmost compound requires (an id, else a class, a tag or an
//! attribute), as browsers do; a selector that requires nothing of the
//! kind (`:not(a, span)`) leaves its rule to the rule's other matchers
//! when it has one, and only a rule that has none is tried on every
//! element.

use super::compile::Rule;
use super::format::Action;
use crate::dom::{LocalName, SelectorKey, selector_key};
use rustc_hash::FxHashMap;

/// Rule indexes by what must be true of an element for them to match.
/// Looked up for every element, with keys from the rules (not from the
/// page): FxHash, several times cheaper than SipHash on short names.
#[derive(Debug, Default)]
pub(super) struct Index {
    pub(super) by_tag: FxHashMap<LocalName, Vec<usize>>,
    /// By class/id pattern index.
    pub(super) by_class: Vec<Vec<usize>>,
    pub(super) by_attribute: FxHashMap<String, Vec<usize>>,
    /// By text pattern index.
    pub(super) by_text: Vec<Vec<usize>>,
    /// The largest `max_chars` of the rules filed under text: longer
    /// elements never need their text read.
    pub(super) max_text_chars: usize,
    /// Whether any rule is filed under a class/id pattern, or under a text
    /// pattern: the patterns are only run for an index that needs them.
    pub(super) class_patterns: bool,
    pub(super) text_patterns: bool,
    /// Selector rules by the id their rightmost compound requires.
    pub(super) by_id: FxHashMap<String, Vec<usize>>,
    /// Selector rules by a class their rightmost compound requires.
    pub(super) by_class_name: FxHashMap<String, Vec<usize>>,
    /// Selector rules that require nothing indexable (`*`, `:not(p)`):
    /// tried on every element.
    pub(super) any: Vec<usize>,
    /// Every rule is filed under tags (the built-in keep rules): an
    /// element whose tag has none needs nothing else looked up.
    pub(super) only_tags: bool,
}

impl Index {
    /// The index of the rules with `action`: the keep pass and the drop
    /// pass each meet only their own rules.
    pub(super) fn new(
        rules: &[Rule],
        action: Action,
        class_patterns: usize,
        text_patterns: usize,
    ) -> Index {
        let mut index = Index {
            by_class: vec![Vec::new(); class_patterns],
            by_text: vec![Vec::new(); text_patterns],
            ..Index::default()
        };
        for (i, rule) in rules.iter().enumerate() {
            if rule.action == action {
                index.file(i, rule);
            }
        }
        index.class_patterns = index.by_class.iter().any(|r| !r.is_empty());
        index.text_patterns = index.by_text.iter().any(|r| !r.is_empty());
        index.only_tags = !index.class_patterns
            && !index.text_patterns
            && index.by_attribute.is_empty()
            && index.by_id.is_empty()
            && index.by_class_name.is_empty()
            && index.any.is_empty();
        index
    }

    /// Files rule `i` under its most selective matcher. A rule whose
    /// selectors do not all require something indexable (`:not(a, span)`)
    /// goes under its class/id pattern, attribute or text pattern when it
    /// has one: filed under `any`, every element of every page would meet
    /// it (14 built-in rules, 14 candidates more for each element).
    fn file(&mut self, i: usize, rule: &Rule) {
        let other = rule.class_id.is_some() || rule.attribute.is_some() || rule.text.is_some();
        let by_selectors = !rule.selectors.is_empty() && (!other || all_selectors_keyed(rule));
        if !rule.tags.is_empty() {
            for tag in &rule.tags {
                self.by_tag.entry(tag.clone()).or_default().push(i);
            }
        } else if by_selectors {
            self.file_selectors(i, rule);
        } else if let Some(c) = rule.class_id {
            self.by_class[c].push(i);
        } else if let Some((name, _)) = &rule.attribute {
            self.by_attribute.entry(name.clone()).or_default().push(i);
        } else if let Some(t) = rule.text {
            self.by_text[t].push(i);
            let max = rule.max_chars.unwrap_or(usize::MAX);
            self.max_text_chars = self.max_text_chars.max(max);
        }
    }

    /// A rule of several selectors (`a, b`) is filed under each one's key.
    fn file_selectors(&mut self, i: usize, rule: &Rule) {
        for selector in &rule.selectors {
            let list = match selector_key(selector.selector()) {
                SelectorKey::Id(id) => self.by_id.entry(id).or_default(),
                SelectorKey::Class(c) => self.by_class_name.entry(c).or_default(),
                SelectorKey::Tag(t) => self.by_tag.entry(LocalName::from(t)).or_default(),
                SelectorKey::Attribute(a) => self.by_attribute.entry(a).or_default(),
                SelectorKey::Any => &mut self.any,
            };
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
}

/// Whether each of the rule's selectors requires something indexable.
fn all_selectors_keyed(rule: &Rule) -> bool {
    rule.selectors
        .iter()
        .all(|s| selector_key(s.selector()) != SelectorKey::Any)
}
