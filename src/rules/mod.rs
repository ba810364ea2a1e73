//! Rule sets: which parts of a page are widgets and furniture to drop, and
//! which must be kept whatever else matches.
//!
//! Rules are data: the built-in set is `default.toml`, embedded in the
//! binary, in the same format users write. See the README for the format.

mod apply;
mod compile;
mod format;
mod index;
mod matching;

pub(crate) use apply::{Pruned, is_article_marker};
pub use format::Action;

use crate::Error;
use crate::dom::Dom;

/// The built-in rule set, as shipped.
pub const DEFAULT_RULES: &str = include_str!("default.toml");

/// Rules in TOML form, with the name used in error messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Where the rules came from, e.g. a file path.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// A compiled rule set: validated and ready to apply to many pages.
#[derive(Debug)]
pub struct RuleSet {
    compiled: compile::Compiled,
}

impl RuleSet {
    /// Compiles the built-in rules (when `defaults`) followed by `sources`.
    /// Any invalid rule fails the whole set.
    pub fn new(defaults: bool, sources: &[RuleSource]) -> Result<Self, Error> {
        let mut all: Vec<(&str, &str)> = Vec::new();
        if defaults {
            all.push(("built-in rules", DEFAULT_RULES));
        }
        all.extend(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())));
        Ok(RuleSet {
            compiled: compile::compile(&all)?,
        })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.compiled.rules.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.compiled.rules.is_empty()
    }

    /// Each rule's origin and name, in order, e.g. `built-in rules: scripts`.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.compiled.rules.iter().map(|r| r.source.as_str())
    }

    pub(crate) fn apply(&self, dom: &Dom) -> Pruned {
        apply::apply(dom, &self.compiled)
    }
}

#[cfg(test)]
mod tests;
