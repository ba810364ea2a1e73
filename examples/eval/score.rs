//! Scoring: word 4-gram shingles (readability) and sentence look-ups
//! (trafilatura-eval, notes), with the shared precision/recall rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Shingle length in words.
const SHINGLE: usize = 4;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// Precision and recall from counts, with the empty cases defined:
/// - nothing expected (`tp + fn == 0`): recall is 1 (nothing was missed);
/// - nothing produced (`tp + fp == 0`): precision is 1 if nothing was
///   expected either, else 0 (an empty answer is a failure, not a precise one).
pub fn precision_recall(tp: f64, fp: f64, fn_: f64) -> (f64, f64) {
    let expected = tp + fn_;
    let produced = tp + fp;
    let recall = if expected > 0.0 { tp / expected } else { 1.0 };
    let precision = match (produced > 0.0, expected > 0.0) {
        (true, _) => tp / produced,
        (false, true) => 0.0,
        (false, false) => 1.0,
    };
    (precision, recall)
}

/// The harmonic mean of precision and recall; 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Lowercased Unicode `\w+` runs.
pub fn tokens(text: &str) -> Vec<String> {
    WORD.find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Word 4-grams joined by spaces; a text of 1 to 3 words is one shingle,
/// an empty text has none.
pub fn shingles(tokens: &[String]) -> Vec<String> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let size = SHINGLE.min(tokens.len());
    tokens.windows(size).map(|w| w.join(" ")).collect()
}

/// How often each shingle occurs.
fn counts(shingles: &[String]) -> HashMap<&str, usize> {
    let mut map = HashMap::new();
    for s in shingles {
        *map.entry(s.as_str()).or_insert(0) += 1;
    }
    map
}

/// One page's shingle comparison; tp + fp + fn is 1 unless both are empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShingleScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    pub precision: f64,
    pub recall: f64,
}

/// Compares the shingle multisets of the expected and produced texts.
pub fn shingle_score(expected: &str, produced: &str) -> ShingleScore {
    let exp = shingles(&tokens(expected));
    let prod = shingles(&tokens(produced));
    let prod_counts = counts(&prod);
    let shared: usize = counts(&exp)
        .iter()
        .map(|(s, n)| (*n).min(prod_counts.get(s).copied().unwrap_or(0)))
        .sum();
    let raw = [shared, prod.len() - shared, exp.len() - shared].map(|n| n as f64);
    let total = raw.iter().sum::<f64>().max(1.0);
    let [tp, fp, fn_] = raw.map(|n| n / total);
    let (precision, recall) = precision_recall(tp, fp, fn_);
    ShingleScore {
        tp,
        fp,
        fn_,
        precision,
        recall,
    }
}

/// Runs of `text` whose shingles `other` lacks, as word spans (at most
/// `limit` of them), to show what is missing or extra.
pub fn unmatched_spans(text: &str, other: &str, limit: usize) -> Vec<String> {
    let words = tokens(text);
    let mine = shingles(&words);
    let theirs = shingles(&tokens(other));
    let mut budget = counts(&theirs);
    let unmatched: Vec<bool> = mine
        .iter()
        .map(|s| match budget.get_mut(s.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    let size = SHINGLE.min(words.len());
    runs(&unmatched)
        .take(limit)
        .map(|(a, b)| words[a..(b + size).min(words.len())].join(" "))
        .collect()
}

/// Maximal runs of `true` as half-open index ranges.
fn runs(flags: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < flags.len() && !flags[i] {
            i += 1;
        }
        let start = i;
        while i < flags.len() && flags[i] {
            i += 1;
        }
        (i > start).then_some((start, i - 1))
    })
}

/// One page's sentence look-ups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    /// `with` sentences not found.
    pub missed: Vec<String>,
    /// `without` sentences found.
    pub boilerplate: Vec<String>,
}

impl SentenceScore {
    /// Precision and recall of this page (or of summed counts).
    pub fn precision_recall(&self) -> (f64, f64) {
        precision_recall(self.tp as f64, self.fp as f64, self.fn_ as f64)
    }

    /// Adds another page's counts (not its sentence lists).
    pub fn add(&mut self, other: &SentenceScore) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }
}

/// Looks up each whitespace-folded sentence as a substring of `folded`
/// (which must be whitespace-folded already).
pub fn sentence_score(folded: &str, with: &[String], without: &[String]) -> SentenceScore {
    let found = |s: &String| folded.contains(&crate::text::fold_ws(s));
    let (hit, missed): (Vec<_>, Vec<_>) = with.iter().partition(|s| found(s));
    let (boilerplate, clean): (Vec<_>, Vec<_>) = without.iter().partition(|s| found(s));
    SentenceScore {
        tp: hit.len(),
        fp: boilerplate.len(),
        fn_: missed.len(),
        tn: clean.len(),
        missed: missed.into_iter().cloned().collect(),
        boilerplate: boilerplate.into_iter().cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_lowercased_unicode_words() {
        assert_eq!(
            tokens("Über-Größe, l'été 42!"),
            ["über", "größe", "l", "été", "42"]
        );
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let t = tokens("a b c");
        assert_eq!(shingles(&t), ["a b c"]);
        assert!(shingles(&[]).is_empty());
        assert_eq!(shingles(&tokens("a b c d e")).len(), 2);
    }

    #[test]
    fn identical_texts_score_one() {
        let s = shingle_score("The quick brown fox jumps.", "the QUICK brown fox, jumps");
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0));
        assert!(close(s.tp, 1.0));
    }

    #[test]
    fn disjoint_texts_score_zero() {
        let s = shingle_score("one two three four five", "six seven eight nine ten");
        assert!(close(s.precision, 0.0) && close(s.recall, 0.0));
        assert!(close(s.tp + s.fp + s.fn_, 1.0));
    }

    #[test]
    fn partial_overlap_by_hand() {
        // expected: a b c d e f -> abcd bcde cdef (3 shingles)
        // produced: a b c d e x y -> abcd bcde cdex dexy (4 shingles)
        // shared 2, fp 2, fn 1: normalised 2/5, 2/5, 1/5.
        let s = shingle_score("a b c d e f", "a b c d e x y");
        assert!(close(s.tp, 0.4) && close(s.fp, 0.4) && close(s.fn_, 0.2));
        assert!(close(s.precision, 0.5));
        assert!(close(s.recall, 2.0 / 3.0));
    }

    #[test]
    fn shingles_compare_as_multisets() {
        // expected has "a b c d" twice, produced once.
        let s = shingle_score("a b c d. a b c d", "a b c d");
        // expected: abcd bcda cdab dabc abcd (5); produced: abcd (1); shared 1.
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 0.2));
    }

    #[test]
    fn empty_cases() {
        let both = shingle_score("", "");
        assert!(close(both.precision, 1.0) && close(both.recall, 1.0));
        let nothing_out = shingle_score("some words here", "");
        assert!(close(nothing_out.precision, 0.0) && close(nothing_out.recall, 0.0));
        let nothing_in = shingle_score("", "some words here");
        assert!(close(nothing_in.precision, 0.0) && close(nothing_in.recall, 1.0));
        assert!(close(f1(0.0, 0.0), 0.0));
    }

    #[test]
    fn unmatched_spans_show_words() {
        let missing = unmatched_spans("a b c d e f g h", "a b c d x", 5);
        assert_eq!(missing, ["b c d e f g h"]);
        assert!(unmatched_spans("a b c d", "a b c d", 5).is_empty());
        assert_eq!(unmatched_spans("a b", "", 5), ["a b"]);
    }

    #[test]
    fn sentences_found_as_folded_substrings() {
        let text = "Die GEMA dreht völlig am Zeiger! Impressum";
        let with = vec!["Die GEMA  dreht\nvöllig".to_string(), "absent".to_string()];
        let without = vec!["Impressum".to_string(), "Twitter".to_string()];
        let s = sentence_score(text, &with, &without);
        assert_eq!((s.tp, s.fp, s.fn_, s.tn), (1, 1, 1, 1));
        assert_eq!(s.missed, ["absent"]);
        assert_eq!(s.boilerplate, ["Impressum"]);
        let (p, r) = s.precision_recall();
        assert!(close(p, 0.5) && close(r, 0.5));
    }

    #[test]
    fn sentence_totals_add_up() {
        let mut total = SentenceScore::default();
        let page = sentence_score("x", &["x".into()], &["y".into()]);
        total.add(&page);
        total.add(&page);
        assert_eq!((total.tp, total.fp, total.fn_, total.tn), (2, 0, 0, 2));
        assert!(total.missed.is_empty());
    }
}
