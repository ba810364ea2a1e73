//! One page end to end: convert it, then score the output against its reference.

use crate::corpus::{Page, Truth};
use crate::run::{self, Outcome};
use crate::score::{self, SentenceScore, ShingleScore};
use crate::structure::{self, Structure};
use crate::text::{fold_ws, html_visible_text, markdown_visible_text};

/// How a page scored.
#[derive(Debug)]
pub enum Score {
    /// Readability: shingles plus metadata matches.
    Shingle {
        score: ShingleScore,
        title_ok: bool,
        byline_ok: bool,
        /// Headings, list items, links... found against the reference's.
        structure: Box<Structure>,
    },
    /// trafilatura-eval and notes: sentence look-ups.
    Sentence(SentenceScore),
}

/// A converted and scored page.
#[derive(Debug)]
pub struct PageResult {
    pub name: String,
    pub outcome: Outcome,
    pub score: Score,
}

impl PageResult {
    /// This page's precision and recall.
    pub fn precision_recall(&self) -> (f64, f64) {
        match &self.score {
            Score::Shingle { score, .. } => (score.precision, score.recall),
            Score::Sentence(s) => s.precision_recall(),
        }
    }

    /// This page's F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = self.precision_recall();
        score::f1(p, r)
    }

    /// How many reference items were got wrong (for ordering ties).
    pub fn mistakes(&self) -> f64 {
        match &self.score {
            Score::Shingle { score, .. } => score.fp + score.fn_,
            Score::Sentence(s) => (s.fp + s.fn_) as f64,
        }
    }
}

/// Converts `page` and scores it.
pub fn evaluate(page: &Page) -> PageResult {
    let outcome = run::convert_page(&page.source, page.url.as_deref());
    let produced = markdown_visible_text(&outcome.markdown);
    let score = match &page.truth {
        Truth::Readability {
            expected_html,
            title,
            byline,
        } => Score::Shingle {
            score: score::shingle_score(&html_visible_text(expected_html), &produced),
            title_ok: meta_matches(title.as_deref(), outcome.title.as_deref()),
            byline_ok: meta_matches(byline.as_deref(), outcome.byline.as_deref()),
            structure: Box::new(structure::compare(expected_html, &outcome.markdown)),
        },
        Truth::Sentences { with, without } => {
            Score::Sentence(score::sentence_score(&fold_ws(&produced), with, without))
        }
    };
    let name = page.name.clone();
    PageResult {
        name,
        outcome,
        score,
    }
}

/// Exact match after trimming and whitespace folding; an expected `None`
/// matches only a missing or empty value of ours.
pub fn meta_matches(expected: Option<&str>, ours: Option<&str>) -> bool {
    let ours = ours.map(fold_ws).unwrap_or_default();
    match expected {
        None => ours.is_empty(),
        Some(e) => fold_ws(e) == ours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_matching() {
        assert!(meta_matches(Some(" A  title\n"), Some("A title")));
        assert!(!meta_matches(Some("A title"), Some("A Title")));
        assert!(!meta_matches(Some("A title"), None));
        assert!(meta_matches(None, None));
        assert!(meta_matches(None, Some("  ")));
        assert!(!meta_matches(None, Some("Someone")));
    }
}
