//! Rules compiled once per run: regexes built, class/id patterns combined
//! into one `RegexSet` so each class token is matched once for all rules.

use super::RuleNote;
use super::draft::{Draft, Located};
use super::format::Action;
use super::gate::Affixes;
use super::index::Index;
use super::sites::{HostIndex, Sites};
use super::text_sets::TextSets;
use crate::Error;
use crate::dom::{CompiledSelector, LocalName, parse_selector};
use rayon::prelude::*;
use regex::{Regex, RegexSet};
use regex_syntax::hir::{Hir, Look};

/// Default `max_chars` of a text rule: boilerplate labels are short.
const DEFAULT_TEXT_MAX_CHARS: usize = 200;

/// One compiled rule.
#[derive(Debug)]
pub(super) struct Rule {
    pub(super) name: String,
    pub(super) action: Action,
    /// Interned, so an element's tag is compared as an integer.
    pub(super) tags: Vec<LocalName>,
    /// Index into the combined class/id `RegexSet`.
    pub(super) class_id: Option<usize>,
    pub(super) attribute: Option<(String, Option<Regex>)>,
    /// Index into the combined text `RegexSet`.
    pub(super) text: Option<usize>,
    pub(super) max_chars: Option<usize>,
    /// Only elements with at most this many characters outside links,
    /// buttons and form controls (a menu is those and a few labels; a tab
    /// panel under a "menu" class holds prose).
    pub(super) max_prose_chars: Option<usize>,
    pub(super) outside_article: bool,
    /// A removed element takes the link lists right after it along.
    pub(super) with_list_after: bool,
    /// A selector list: any of them matches.
    pub(super) selectors: Vec<CompiledSelector>,
    pub(super) sites: Sites,
    /// The rule's origin and name, e.g. `built-in rules: scripts`.
    pub(super) source: String,
    /// The rule as written, for `declutter rules`.
    pub(super) draft: Draft,
}

/// The class/id patterns of the rules with one action, combined: the keep
/// pass and the drop pass each run only their own rules' patterns (the
/// keep pass reads every element, and a handful of keep patterns make a
/// small, cheap automaton beside the drop rules' hundreds).
#[derive(Debug)]
pub(super) struct ClassSet {
    pub(super) set: RegexSet,
    /// The rule set's number of each of `set`'s patterns.
    pub(super) patterns: Vec<usize>,
}

impl ClassSet {
    /// The class/id patterns of the `rules` with `action`, out of all
    /// the rule set's `patterns`.
    fn new(rules: &[Rule], action: Action, patterns: &[String]) -> Result<ClassSet, Error> {
        let numbers: Vec<usize> = rules
            .iter()
            .filter(|r| r.action == action)
            .filter_map(|r| r.class_id)
            .collect();
        let own: Vec<&str> = numbers.iter().map(|&i| patterns[i].as_str()).collect();
        Ok(ClassSet {
            set: combine("class_id", &own)?,
            patterns: numbers,
        })
    }
}

/// A whole compiled rule set, in the order the rules were given.
#[derive(Debug)]
pub(super) struct Compiled {
    pub(super) rules: Vec<Rule>,
    /// How many class/id patterns the rules have in all.
    pub(super) class_patterns: usize,
    /// The drop rules' class/id patterns, and the keep rules'.
    pub(super) drop_classes: ClassSet,
    pub(super) keep_classes: ClassSet,
    pub(super) text: TextSets,
    /// The drop rules' index.
    pub(super) drop: Index,
    /// The keep rules' index.
    pub(super) keep: Index,
    pub(super) hosts: HostIndex,
}

/// Patterns of one kind, combined into one `RegexSet` at the end (the
/// text patterns into a few, by their rules' `max_chars`).
#[derive(Default)]
struct Patterns {
    class_id: Vec<String>,
    text: Vec<String>,
    text_max_chars: Vec<usize>,
    /// Each text pattern's gate (from its syntax, parsed once).
    text_gates: Vec<Option<Affixes>>,
    /// Text patterns that will make every page's rules stage slower.
    notes: Vec<RuleNote>,
}

/// Compiles drafts in order; the first invalid rule stops everything,
/// so no page is ever converted with a half-loaded rule set. Also returns
/// notes on text patterns that are costly to run (see [`text_cost`]).
pub(super) fn compile(drafts: Vec<Draft>) -> Result<(Compiled, Vec<RuleNote>), Error> {
    // Each rule on its own in parallel (a large adblock list has tens of
    // thousands); the first invalid one in order is the error.
    let prepared: Vec<Result<Prepared, Error>> = drafts.into_par_iter().map(prepare).collect();
    let mut rules = Vec::with_capacity(prepared.len());
    let mut patterns = Patterns::default();
    for rule in prepared {
        rules.push(number(rule?, &mut patterns));
    }
    let (classes, texts) = (patterns.class_id.len(), patterns.text.len());
    let drop = Index::new(&rules, Action::Drop, classes, texts);
    let keep = Index::new(&rules, Action::Keep, classes, texts);
    let hosts = HostIndex::new(&rules);
    let text: Vec<(String, usize)> = patterns
        .text
        .into_iter()
        .zip(patterns.text_max_chars)
        .collect();
    // The combined sets take most of the compile time: built in parallel.
    let ((drop_classes, keep_classes), text) = rayon::join(
        || {
            rayon::join(
                || ClassSet::new(&rules, Action::Drop, &patterns.class_id),
                || ClassSet::new(&rules, Action::Keep, &patterns.class_id),
            )
        },
        || TextSets::new(&text, &patterns.text_gates),
    );
    let compiled = Compiled {
        rules,
        class_patterns: classes,
        drop_classes: drop_classes?,
        keep_classes: keep_classes?,
        text: text?,
        drop,
        keep,
        hosts,
    };
    Ok((compiled, patterns.notes))
}

/// Lazy-DFA cache for a combined set (the regex crate's default: 2 MiB).
const DFA_CACHE_BYTES: usize = 8 << 20;

/// Each pattern was checked alone; together they can still exceed the
/// regex size limit.
pub(super) fn combine(kind: &str, patterns: &[impl AsRef<str>]) -> Result<RegexSet, Error> {
    // Many multilingual, case-insensitive text patterns make a large
    // automaton: with the default lazy-DFA cache (2 MiB) the search keeps
    // clearing it and falls back to the much slower PikeVM.
    regex::RegexSetBuilder::new(patterns)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .map_err(|e| Error::Rules {
            source_name: "rules".into(),
            line: None,
            column: None,
            message: format!("the {kind} patterns do not combine: {e}"),
        })
}

/// An error about `draft`, at `at` (a value's place) or at the rule.
fn error(draft: &Draft, at: Option<(usize, usize)>, message: String) -> Error {
    let (line, column) = at.unwrap_or((draft.line, draft.column));
    Error::Rules {
        source_name: draft.file.clone(),
        line: Some(line),
        column: Some(column),
        message: format!("rule '{}': {message}", draft.name),
    }
}

fn place<T>(v: &Located<T>) -> Option<(usize, usize)> {
    Some((v.line, v.column))
}

/// A rule compiled but for its patterns' numbers in the combined sets:
/// what [`prepare`] works out for each rule on its own, in parallel.
struct Prepared {
    draft: Draft,
    class_id: Option<String>,
    /// The text pattern, its notes and its gate.
    text: Option<(String, Vec<RuleNote>, Option<Affixes>)>,
    attribute: Option<(String, Option<Regex>)>,
    selectors: Vec<CompiledSelector>,
    sites: Sites,
}

/// Checks and parses one rule's matchers (parsing the patterns is the
/// costly part).
fn prepare(draft: Draft) -> Result<Prepared, Error> {
    check_has_matcher(&draft)?;
    check_pattern(&draft, draft.class_id.as_ref())?;
    let attribute = compile_attribute(&draft)?;
    let text = match (check_pattern(&draft, draft.text.as_ref())?, &draft.text) {
        (Some(hir), Some(pattern)) => Some((
            pattern.value.clone(),
            text_cost(&draft, pattern, &hir),
            Affixes::best(&hir),
        )),
        _ => None,
    };
    Ok(Prepared {
        class_id: draft.class_id.as_ref().map(|p| p.value.clone()),
        text,
        attribute,
        selectors: compile_selector(&draft)?,
        sites: compile_sites(&draft)?,
        draft,
    })
}

/// The rule, with its patterns numbered in `patterns` (in rule order).
fn number(prepared: Prepared, patterns: &mut Patterns) -> Rule {
    let Prepared {
        draft,
        class_id,
        text,
        attribute,
        selectors,
        sites,
    } = prepared;
    let class_id = class_id.map(|pattern| {
        patterns.class_id.push(pattern);
        patterns.class_id.len() - 1
    });
    let max_chars = draft
        .max_chars
        .or(text.as_ref().map(|_| DEFAULT_TEXT_MAX_CHARS));
    let text = text.map(|(pattern, notes, gate)| {
        patterns.text.push(pattern);
        patterns.notes.extend(notes);
        patterns.text_gates.push(gate);
        patterns
            .text_max_chars
            .push(max_chars.unwrap_or(usize::MAX));
        patterns.text.len() - 1
    });
    Rule {
        name: draft.name.clone(),
        action: draft.action,
        tags: draft
            .tags
            .iter()
            .map(|t| LocalName::from(t.to_ascii_lowercase()))
            .collect(),
        class_id,
        attribute,
        text,
        max_chars,
        max_prose_chars: draft.max_prose_chars,
        outside_article: draft.outside_article,
        with_list_after: draft.with_list_after,
        selectors,
        sites,
        source: format!("{}: {}", draft.file, draft.name),
        draft,
    }
}

fn check_has_matcher(draft: &Draft) -> Result<(), Error> {
    let has = !draft.tags.is_empty()
        || draft.class_id.is_some()
        || draft.attribute.is_some()
        || draft.text.is_some()
        || draft.selector.is_some();
    if draft.value.is_some() && draft.attribute.is_none() {
        return Err(error(draft, None, "`value` needs an `attribute`".into()));
    }
    if has {
        Ok(())
    } else {
        Err(error(
            draft,
            None,
            "has no matcher: give tags, class_id, attribute, text or selector".into(),
        ))
    }
}

fn compile_attribute(draft: &Draft) -> Result<Option<(String, Option<Regex>)>, Error> {
    let Some(attr) = &draft.attribute else {
        return Ok(None);
    };
    let value = draft
        .value
        .as_ref()
        .map(|p| Regex::new(&p.value).map_err(|e| invalid_regex(draft, p, &e.to_string())))
        .transpose()?;
    Ok(Some((attr.to_ascii_lowercase(), value)))
}

/// Checks a pattern's syntax and queues it for its `RegexSet`; returns its
/// index there, and the pattern parsed.
/// The pattern parsed, or the error that names the rule and the place.
fn check_pattern(draft: &Draft, pattern: Option<&Located<String>>) -> Result<Option<Hir>, Error> {
    let Some(pattern) = pattern else {
        return Ok(None);
    };
    regex_syntax::Parser::new()
        .parse(&pattern.value)
        .map(Some)
        .map_err(|e| invalid_regex(draft, pattern, &e.to_string()))
}

/// What makes a text pattern costly on every page, as a note at the
/// pattern. All text patterns run as one automaton over the text of
/// every short element: a pattern not anchored at the start (`^`) makes
/// that automaton read each text to its end instead of stopping after a
/// few characters, a long count of any character where a match begins
/// (see [`leading_count`]) takes a state per character, and a Unicode
/// word boundary (`\b`) stops the regex crate's lazy DFA at the first
/// non-ASCII character, leaving the whole set to a slower engine. Each
/// can make the rules stage several times slower; none is an error.
fn text_cost(draft: &Draft, pattern: &Located<String>, hir: &Hir) -> Vec<RuleNote> {
    let properties = hir.properties();
    let mut notes = Vec::new();
    let mut note = |message: String| {
        notes.push(RuleNote {
            source: draft.file.clone(),
            line: Some(pattern.line),
            message: format!("rule '{}': {message}", draft.name),
        });
    };
    if !properties.look_set_prefix().contains(Look::Start) {
        note(
            "its text pattern does not start with ^, so it is tried at every position of the \
             text of every short element, which slows every page; if its words begin the \
             text they match, start it with ^"
                .into(),
        );
    }
    if let Some(count) = leading_count(hir) {
        note(format!(
            "its text pattern starts with a count of up to {count} characters of any kind \
             (like .{{0,{count}}}), which the combined automaton follows one state per \
             character into the text of every short element, which slows every page; .* \
             costs far less, and starting with the words themselves least"
        ));
    }
    if properties.look_set().contains_word_unicode() {
        note(
            "its text pattern has a Unicode word boundary (\\b), which makes all text patterns \
             run on a slower engine on pages with non-ASCII text; (?-u:\\b) is an ASCII word \
             boundary"
                .into(),
        );
    }
    notes
}

/// Counted repetitions longer than this, of a class holding every letter,
/// are noted when they can begin a match (see [`leading_count`]).
const MAX_LEADING_COUNT: u32 = 40;

/// The largest bound of a counted repetition (`.{0,80}`, `\S{1,100}`) of
/// a class holding every letter that can begin a match, when it is over
/// [`MAX_LEADING_COUNT`]. Unlike `.*`, whose automaton loops in one state,
/// a count takes a state per character.
fn leading_count(hir: &Hir) -> Option<u32> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(capture) => leading_count(&capture.sub),
        HirKind::Alternation(branches) => branches.iter().filter_map(leading_count).max(),
        HirKind::Concat(items) => {
            let mut found = None;
            // Past assertions and what may match nothing, to the first
            // part that must match something.
            for item in items {
                found = found.max(leading_count(item));
                let empty = matches!(item.kind(), HirKind::Look(_))
                    || item.properties().minimum_len() == Some(0);
                if !empty {
                    break;
                }
            }
            found
        }
        HirKind::Repetition(rep) => {
            let counted = rep
                .max
                .filter(|&max| max > MAX_LEADING_COUNT && holds_every_letter(&rep.sub));
            counted.max(leading_count(&rep.sub))
        }
        _ => None,
    }
}

/// A class with every ASCII letter in it: `.`, `\S`, `\w`, `[^|]`.
fn holds_every_letter(hir: &Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => ('a'..='z').chain('A'..='Z').all(|c| {
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= c && c <= r.end())
        }),
        HirKind::Class(Class::Bytes(class)) => (b'a'..=b'z').chain(b'A'..=b'Z').all(|c| {
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= c && c <= r.end())
        }),
        _ => false,
    }
}

fn invalid_regex(draft: &Draft, pattern: &Located<String>, detail: &str) -> Error {
    let detail = detail.lines().last().unwrap_or("").trim();
    error(draft, place(pattern), format!("invalid regex: {detail}"))
}

/// Parses the selector list; an error points into the selector (exactly
/// for a one-line selector written without escapes, as most are).
fn compile_selector(draft: &Draft) -> Result<Vec<CompiledSelector>, Error> {
    let Some(selector) = &draft.selector else {
        return Ok(Vec::new());
    };
    let list = parse_selector(&selector.value).map_err(|e| {
        let at = if e.line == 1 {
            // The value's column is its opening quote in TOML, its first
            // character elsewhere.
            let quote = usize::from(draft.quoted);
            (selector.line, selector.column + quote + e.column - 1)
        } else {
            (selector.line + e.line - 1, e.column)
        };
        error(
            draft,
            Some(at),
            format!("invalid selector '{}': {}", selector.value, e.message),
        )
    })?;
    Ok(CompiledSelector::all(&list))
}

fn compile_sites(draft: &Draft) -> Result<Sites, Error> {
    let mut sites = Sites::default();
    for site in &draft.site {
        sites
            .add(&site.value)
            .map_err(|m| error(draft, place(site), m))?;
    }
    Ok(sites)
}
