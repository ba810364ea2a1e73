//! The text patterns, combined into a few `RegexSet`s by how long a text
//! their rules accept (`max_chars`) and by the gate that rules texts out
//! before the set runs (see `gate`).
//!
//! A text pattern only counts for an element no longer than its rule's
//! `max_chars`, and the elements whose text is read run up to the largest
//! of them. Most patterns are for short labels ("Share", "Advertisement"),
//! so a paragraph of 250 characters needs only the few patterns of rules
//! that take that much; one combined set would also carry it through the
//! automaton of every label pattern, whose lazy DFA then grows states for
//! every new paragraph. Grouped, a long text meets only its group.
//!
//! Within a group, patterns anchored at the start (`^share`) are one set,
//! run only on texts that begin with one of their first bytes; those
//! anchored at the end (`comments$`) another, run on texts that end so;
//! the rest a third, run on every text.

use super::compile::combine;
use super::gate::{Affixes, Gate, Side};
use crate::Error;
use rayon::prelude::*;
use regex::RegexSet;

/// Where groups split, in `max_chars`: labels and short lines (up to 60
/// characters, most built-in text rules), and longer lines. Measured on the
/// readability pages (instructions of the rules stage, lazy DFA warm /
/// cold): one set 266 M / 459 M, split at 40: 270 M / 458 M, at 60:
/// 273 M / 421 M, at 100: 274 M / 421 M, at 40 and 120: 279 M / 425 M.
/// Each set run costs a few hundred instructions however short the text,
/// and the cold cost is the lazy DFA building states: a long text kept
/// away from the label patterns builds far fewer.
const GROUP_LIMITS: [usize; 1] = [60];

/// The text patterns, in groups by their rules' `max_chars`.
#[derive(Debug)]
pub(super) struct TextSets {
    groups: Vec<Group>,
    len: usize,
}

/// Patterns whose rules accept at most `max_chars` characters.
#[derive(Debug)]
struct Group {
    max_chars: usize,
    sets: Vec<GatedSet>,
}

/// Patterns behind one gate (or none: run on every text).
#[derive(Debug)]
struct GatedSet {
    /// The largest `max_chars` of the set's rules: a longer text is not
    /// run through the set (a group's texts are as long as its most
    /// lenient set accepts; most sets accept far less).
    max_chars: usize,
    gate: Option<Gate>,
    set: RegexSet,
    /// The index of each of `set`'s patterns among all text patterns.
    patterns: Vec<usize>,
}

impl TextSets {
    /// Combines `patterns`, each with its rule's `max_chars` and its gate
    /// (see [`Affixes::best`]).
    pub(super) fn new(
        patterns: &[(String, usize)],
        gates: &[Option<Affixes>],
    ) -> Result<TextSets, Error> {
        assert_eq!(patterns.len(), gates.len(), "a gate per text pattern");
        // Which patterns go behind which gate in which group, first; the
        // sets are then built in parallel (they are most of the time it
        // takes to compile the rules, at the start of every run).
        let mut plan: Vec<(usize, Option<Side>, Vec<usize>)> = Vec::new();
        for g in 0..=GROUP_LIMITS.len() {
            let members: Vec<usize> = (0..patterns.len())
                .filter(|&i| group_of(patterns[i].1) == g)
                .collect();
            for side in [Some(Side::Start), Some(Side::End), None] {
                let behind: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| gates[i].as_ref().map(|a| a.side) == side)
                    .collect();
                if !behind.is_empty() {
                    plan.push((g, side, behind));
                }
            }
        }
        let built: Vec<Result<RegexSet, Error>> = plan
            .par_iter()
            .map(|(_, _, behind)| {
                let texts: Vec<&str> = behind.iter().map(|&i| patterns[i].0.as_str()).collect();
                combine("text", &texts)
            })
            .collect();
        let mut groups: Vec<(usize, Group)> = Vec::new();
        for ((g, side, behind), set) in plan.into_iter().zip(built) {
            let max_chars = behind.iter().map(|&i| patterns[i].1).max().unwrap_or(0);
            let set = GatedSet {
                max_chars,
                gate: side
                    .map(|side| Gate::new(side, behind.iter().filter_map(|&i| gates[i].as_ref()))),
                set: set?,
                patterns: behind,
            };
            match groups.last_mut() {
                Some((last, group)) if *last == g => {
                    group.max_chars = group.max_chars.max(max_chars);
                    group.sets.push(set);
                }
                _ => groups.push((
                    g,
                    Group {
                        max_chars,
                        sets: vec![set],
                    },
                )),
            }
        }
        Ok(TextSets {
            groups: groups.into_iter().map(|(_, group)| group).collect(),
            len: patterns.len(),
        })
    }

    /// Number of patterns.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The sets whose rules accept a text of `chars` characters.
    fn sets_for(&self, chars: usize) -> impl Iterator<Item = &GatedSet> {
        let groups = self.groups.iter().filter(move |g| chars <= g.max_chars);
        groups
            .flat_map(|g| &g.sets)
            .filter(move |s| chars <= s.max_chars)
    }

    /// Calls `hit` with the index of each pattern matching `text` (folded:
    /// words joined by single spaces) among those whose rules accept an
    /// element of `chars` characters; others may be reported too (their
    /// rules refuse the element anyway).
    pub(super) fn matches(&self, text: &str, chars: usize, mut hit: impl FnMut(usize)) {
        for gated in self.sets_for(chars) {
            // Most texts match nothing, which `is_match` tells cheaply.
            if gated.gate.as_ref().is_none_or(|g| g.passes(text)) && gated.set.is_match(text) {
                gated
                    .set
                    .matches(text)
                    .into_iter()
                    .for_each(|i| hit(gated.patterns[i]));
            }
        }
    }
}

/// The group of a pattern whose rule accepts `max_chars` characters.
fn group_of(max_chars: usize) -> usize {
    GROUP_LIMITS
        .iter()
        .filter(|&&limit| max_chars > limit)
        .count()
}
