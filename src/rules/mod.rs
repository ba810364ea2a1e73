//! Rule sets: which parts of a page are widgets and furniture to drop, and
//! which must be kept whatever else matches.
//!
//! Rules are data: the built-in set is `default.toml`, embedded in the
//! binary, in the same format users write. Users add TOML files, adblock
//! element-hiding lists and FiveFilters site configs; each is read into
//! drafts, and all drafts are compiled together. See the README.

mod adblock;
mod apply;
mod classes;
mod compile;
mod draft;
mod folding;
mod format;
mod ftr;
mod gate;
mod index;
mod matching;
mod php;
mod sites;
mod text_sets;
mod xpath;

pub(crate) use apply::{Pruned, is_article_marker, names_article};
pub use format::Action;

use crate::Error;
use crate::dom::{Dom, attribute_names};

/// The built-in rule set, as shipped.
pub const DEFAULT_RULES: &str = include_str!("default.toml");

/// A rules file: its name (used in messages and, for site configs, to know
/// the host) and its text. The format is told from the content: TOML
/// (`.toml`, or a `[[rule]]` table), a FiveFilters site config (`body:`,
/// `strip:` lines), or else an adblock element-hiding list.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Where the rules came from, e.g. a file path.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Something worth telling about a rules file that is not an error: lines
/// of an adblock list or site config that were skipped, and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleNote {
    /// The rules file.
    pub source: String,
    /// The line, for a note about one line.
    pub line: Option<usize>,
    /// What was skipped and why, or what was counted.
    pub message: String,
}

impl std::fmt::Display for RuleNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// A compiled rule set: validated and ready to apply to many pages.
#[derive(Debug)]
pub struct RuleSet {
    compiled: compile::Compiled,
    notes: Vec<RuleNote>,
    /// The built-in rules are in: PHP's error messages go too.
    defaults: bool,
}

/// One note per rules file with text patterns that are costly to run
/// (the notes on each are told with `-v`).
fn cost_summaries(costly: &[RuleNote]) -> Vec<RuleNote> {
    let mut summaries: Vec<RuleNote> = Vec::new();
    for note in costly {
        if summaries.iter().any(|s| s.source == note.source) {
            continue;
        }
        let count = costly.iter().filter(|n| n.source == note.source).count();
        summaries.push(RuleNote {
            source: note.source.clone(),
            line: None,
            message: format!(
                "{count} note{} on text patterns that slow the rules stage on every page (-v tells which)",
                if count == 1 { "" } else { "s" }
            ),
        });
    }
    summaries
}

/// The formats a rules file can be in.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Toml,
    SiteConfig,
    Adblock,
}

impl RuleSet {
    /// Compiles the built-in rules (when `defaults`) followed by `sources`.
    /// Any invalid rule fails the whole set; lines of adblock lists and site
    /// configs that cannot be used are skipped and told in [`Self::notes`].
    pub fn new(defaults: bool, sources: &[RuleSource]) -> Result<Self, Error> {
        let mut drafts = Vec::new();
        if defaults {
            drafts.extend(format::drafts("built-in rules", DEFAULT_RULES)?);
        }
        let mut notes = Vec::new();
        let mut lists = adblock::Lists::default();
        for source in sources {
            let (name, text) = (source.name.as_str(), source.text.as_str());
            match kind(name, text) {
                Kind::Toml => drafts.extend(format::drafts(name, text)?),
                Kind::SiteConfig => drafts.extend(ftr::drafts(name, text, &mut notes)),
                Kind::Adblock => lists.add(name, text, &mut notes),
            }
        }
        drafts.extend(lists.into_drafts());
        let (compiled, costly) = compile::compile(drafts)?;
        notes.extend(cost_summaries(&costly));
        notes.extend(costly);
        Ok(RuleSet {
            compiled,
            notes,
            defaults,
        })
    }

    /// Every attribute name a rule reads (its `attribute`, and the
    /// attribute selectors of its `selector`, XPath's `@name` included),
    /// in lower case: those must stay in the tree (see
    /// [`crate::dom::UnreadAttributes`]).
    pub(crate) fn attribute_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for rule in &self.compiled.rules {
            names.extend(rule.attribute.as_ref().map(|(name, _)| name.clone()));
            for selector in &rule.selectors {
                names.extend(attribute_names(selector.selector()));
            }
        }
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Lines skipped and counts, per rules file.
    pub fn notes(&self) -> &[RuleNote] {
        &self.notes
    }

    /// The effective rule set as one TOML rules file, each rule preceded by
    /// a comment naming its file and line: what `declutter rules` prints.
    pub fn to_toml(&self) -> String {
        let rules: Vec<String> = self
            .compiled
            .rules
            .iter()
            .map(|r| r.draft.to_toml())
            .collect();
        rules.join("\n")
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

    /// Applies the rules to a page known by the addresses `urls` (its
    /// canonical address, `og:url`, `--url`): rules limited to sites apply
    /// when any of their hosts matches.
    pub(crate) fn apply<'a>(&self, dom: &Dom, urls: impl IntoIterator<Item = &'a str>) -> Pruned {
        let mut pruned = apply::apply(dom, &self.compiled, &sites::hosts_of(urls));
        if self.defaults {
            // Reported after the rules' removals, which are in document
            // order among themselves.
            for message in php::php_errors(dom) {
                if message.iter().any(|&n| !pruned.removed.contains(n)) {
                    message.iter().for_each(|&n| pruned.removed.insert(n));
                    pruned.removals.push(php::removal(dom, &message));
                }
            }
        }
        pruned
    }
}

/// The format of a rules file, from its name and content.
fn kind(name: &str, text: &str) -> Kind {
    let meaningful = || {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('!'))
    };
    if name.to_ascii_lowercase().ends_with(".toml")
        || meaningful().any(|l| l.starts_with("[[rule]]"))
    {
        Kind::Toml
    } else if meaningful().any(ftr::is_directive) {
        Kind::SiteConfig
    } else {
        Kind::Adblock
    }
}

#[cfg(test)]
mod tests;
