//! What the tool prints and writes: corpus summaries, worst pages, failures,
//! per-page debugging detail and the JSON file.

use std::time::Duration;

use serde_json::{Value, json};

use crate::corpus::{Corpus, Kind, Page, Truth};
use crate::page::{PageResult, Score};
use crate::score::{self, SentenceScore};
use crate::structure::{CONSTRUCTS, Structure};
use crate::text::{html_visible_text, markdown_visible_text};

/// Sentences listed per page in the worst-pages list.
const LISTED: usize = 2;
/// Characters kept of an abbreviated sentence.
const ABBREV: usize = 40;
/// Missing/extra spans shown by `--page`.
const SPANS: usize = 20;

/// One corpus's totals.
#[derive(Debug)]
pub struct Summary {
    pub corpus: String,
    pub kind: Kind,
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub title_ok: usize,
    pub byline_ok: usize,
    /// Summed sentence counts (sentence corpora only).
    pub totals: SentenceScore,
    /// Summed structure counts (readability only).
    pub structure: Structure,
    pub failures: usize,
    /// Wall-clock time for the whole corpus (reading, converting, scoring).
    pub wall: Duration,
    /// Time inside `Cleaner::convert`, summed over pages (all threads).
    pub convert: Duration,
    /// Time getting a `Cleaner` (mostly `Cleaner::new`), summed over pages.
    pub setup: Duration,
}

/// Readability: precision and recall averaged over pages; sentence corpora:
/// over all sentences of all pages. F1 is taken from the two.
pub fn summarise(corpus: &Corpus, results: &[PageResult], wall: Duration) -> Summary {
    let mut totals = SentenceScore::default();
    let (mut title_ok, mut byline_ok) = (0, 0);
    let mut structure = Structure::default();
    for r in results {
        match &r.score {
            Score::Sentence(s) => totals.add(s),
            Score::Shingle {
                title_ok: t,
                byline_ok: b,
                structure: st,
                ..
            } => {
                title_ok += usize::from(*t);
                byline_ok += usize::from(*b);
                structure.add(st);
            }
        }
    }
    let (precision, recall) = match corpus.kind {
        Kind::Readability => average_pr(results),
        Kind::Trafilatura | Kind::Notes => totals.precision_recall(),
    };
    Summary {
        corpus: corpus.name.clone(),
        kind: corpus.kind,
        pages: results.len(),
        precision,
        recall,
        f1: score::f1(precision, recall),
        title_ok,
        byline_ok,
        totals,
        structure,
        failures: results.iter().filter(|r| r.outcome.error.is_some()).count(),
        wall,
        convert: results.iter().map(|r| r.outcome.convert).sum(),
        setup: results.iter().map(|r| r.outcome.setup).sum(),
    }
}

/// Mean page precision and recall (0 for no pages).
fn average_pr(results: &[PageResult]) -> (f64, f64) {
    let n = results.len().max(1) as f64;
    let (p, r) = results
        .iter()
        .map(PageResult::precision_recall)
        .fold((0.0, 0.0), |(sp, sr), (p, r)| (sp + p, sr + r));
    (p / n, r / n)
}

/// The one-line summary of a corpus.
pub fn summary_line(s: &Summary) -> String {
    let n = s.pages;
    let head = format!(
        "{}: pages {n}  P {:.4}  R {:.4}  F1 {:.4}",
        s.corpus, s.precision, s.recall, s.f1
    );
    let middle = match s.kind {
        Kind::Readability => format!("title {}/{n}  byline {}/{n}", s.title_ok, s.byline_ok),
        Kind::Trafilatura | Kind::Notes => {
            let t = &s.totals;
            format!("TP {}  FP {}  FN {}  TN {}", t.tp, t.fp, t.fn_, t.tn)
        }
    };
    let tail = format!(
        "failed {}  time {:.1}s  convert {:.1}s  setup {:.1}s",
        s.failures,
        s.wall.as_secs_f64(),
        s.convert.as_secs_f64(),
        s.setup.as_secs_f64()
    );
    format!("{head}  {middle}  {tail}")
}

/// Prints the summary, the worst `worst` pages and every failed page.
pub fn print(summary: &Summary, results: &[PageResult], worst: usize) {
    say!("{}", summary_line(summary));
    if summary.kind == Kind::Readability {
        for line in structure_lines(&summary.structure) {
            say!("  {line}");
        }
    }
    let ranked = worst_first(results);
    if worst > 0 {
        say!("  worst {}:", worst.min(ranked.len()));
    }
    for r in ranked.iter().take(worst) {
        say!("    {}", page_line(r));
    }
    let failed: Vec<_> = results
        .iter()
        .filter(|r| r.outcome.error.is_some())
        .collect();
    if !failed.is_empty() {
        say!("  failed {}:", failed.len());
    }
    for r in failed {
        say!(
            "    {}: {}",
            r.name,
            r.outcome.error.as_deref().unwrap_or("")
        );
    }
}

/// The structure table: one line per construct with recall, precision
/// and the counts behind them.
pub fn structure_lines(s: &Structure) -> Vec<String> {
    let mut lines = vec![format!(
        "{:<12} {:>11} {:>7} {:>9} {:>8} {:>9} {:>8}",
        "structure", "kept recall", "recall", "precision", "matched", "reference", "output"
    )];
    for (i, name) in CONSTRUCTS.iter().enumerate() {
        let (recall, precision) = s.recall_precision(i);
        lines.push(format!(
            "{name:<12} {:>11.4} {recall:>7.4} {precision:>9.4} {:>8} {:>9} {:>8}",
            s.kept_recall(i),
            s.matched[i],
            s.expected[i],
            s.produced[i]
        ));
    }
    lines
}

/// Pages by F1 ascending, then most mistakes, then name.
pub fn worst_first(results: &[PageResult]) -> Vec<&PageResult> {
    let mut ranked: Vec<_> = results.iter().collect();
    ranked.sort_by(|a, b| {
        a.f1()
            .total_cmp(&b.f1())
            .then_with(|| b.mistakes().total_cmp(&a.mistakes()))
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked
}

/// One page's scores on a line.
pub fn page_line(r: &PageResult) -> String {
    let (p, rc) = r.precision_recall();
    let mut line = format!("{}  P {p:.4}  R {rc:.4}  F1 {:.4}", r.name, r.f1());
    match &r.score {
        Score::Shingle {
            title_ok,
            byline_ok,
            ..
        } => line += &format!("  title {}  byline {}", mark(*title_ok), mark(*byline_ok)),
        Score::Sentence(s) => line += &sentence_notes(s),
    }
    if r.outcome.error.is_some() {
        line += "  FAILED";
    }
    line
}

fn mark(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISS" }
}

/// `  missed 3: "…", "…" +1  boilerplate 1: "…"`, empty parts left out.
fn sentence_notes(s: &SentenceScore) -> String {
    let mut out = String::new();
    for (label, list) in [("missed", &s.missed), ("boilerplate", &s.boilerplate)] {
        if list.is_empty() {
            continue;
        }
        let shown: Vec<_> = list.iter().take(LISTED).map(|x| quote(x, ABBREV)).collect();
        out += &format!("  {label} {}: {}", list.len(), shown.join(", "));
        if list.len() > LISTED {
            out += &format!(" +{}", list.len() - LISTED);
        }
    }
    out
}

/// `"text"` cut to `max` characters with an ellipsis.
pub fn quote(text: &str, max: usize) -> String {
    let folded = crate::text::fold_ws(text);
    if folded.chars().count() <= max {
        return format!("\"{folded}\"");
    }
    let cut: String = folded.chars().take(max.saturating_sub(1)).collect();
    format!("\"{cut}…\"")
}

/// `--page`: everything about one page, to debug it.
pub fn print_detail(corpus: &str, page: &Page, r: &PageResult) {
    say!("\n=== {corpus}/{} ===", r.name);
    say!("{}", page_line(r));
    let ms = r.outcome.convert.as_secs_f64() * 1000.0;
    say!("convert {ms:.1} ms  source {}", page.source.display());
    if let Some(e) = &r.outcome.error {
        say!("error: {e}");
    }
    say!(
        "--- produced markdown ---\n{}",
        r.outcome.markdown.trim_end()
    );
    match (&page.truth, &r.score) {
        (
            Truth::Readability {
                expected_html,
                title,
                byline,
            },
            _,
        ) => {
            print_meta("title", title, &r.outcome.title);
            print_meta("byline", byline, &r.outcome.byline);
            print_spans(&html_visible_text(expected_html), &r.outcome.markdown);
            let missing = crate::structure::missing(expected_html, &r.outcome.markdown, SPANS);
            say!("--- structure missing: {} ---", missing.len());
            for (i, key) in missing {
                say!("  {}: {}", CONSTRUCTS[i], quote(&key, 120));
            }
        }
        (_, Score::Sentence(s)) => {
            print_list("missed (with)", &s.missed);
            print_list("boilerplate found (without)", &s.boilerplate);
        }
        (_, Score::Shingle { .. }) => {}
    }
}

fn print_meta(label: &str, expected: &Option<String>, ours: &Option<String>) {
    say!("{label}: expected {expected:?}  got {ours:?}");
}

/// Missing and extra shingle runs of a readability page.
fn print_spans(expected: &str, markdown: &str) {
    let produced = markdown_visible_text(markdown);
    let missing = score::unmatched_spans(expected, &produced, SPANS);
    let extra = score::unmatched_spans(&produced, expected, SPANS);
    let cut = |v: Vec<String>| v.into_iter().map(|s| quote(&s, 300)).collect::<Vec<_>>();
    print_list("missing (expected, not produced)", &cut(missing));
    print_list("extra (produced, not expected)", &cut(extra));
}

fn print_list(label: &str, items: &[String]) {
    say!("--- {label}: {} ---", items.len());
    for item in items {
        say!("  {item}");
    }
}

/// Rounds to 4 decimals so that JSON files diff cleanly.
fn r4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A corpus's summary and page scores (sorted by name) as JSON.
pub fn corpus_json(s: &Summary, results: &[PageResult]) -> Value {
    let mut v = json!({
        "corpus": s.corpus, "kind": s.kind.label(), "pages": s.pages,
        "precision": r4(s.precision), "recall": r4(s.recall), "f1": r4(s.f1),
        "failed": s.failures,
        "time_s": r4(s.wall.as_secs_f64()), "convert_s": r4(s.convert.as_secs_f64()),
        "setup_s": r4(s.setup.as_secs_f64()),
    });
    let extra = match s.kind {
        Kind::Readability => {
            let structure: serde_json::Map<String, Value> = CONSTRUCTS
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let (recall, precision) = s.structure.recall_precision(i);
                    let kept = r4(s.structure.kept_recall(i));
                    let v = json!({"kept_recall": kept, "recall": r4(recall), "precision": r4(precision)});
                    (name.to_string(), v)
                })
                .collect();
            json!({"title_ok": s.title_ok, "byline_ok": s.byline_ok, "structure": structure})
        }
        Kind::Trafilatura | Kind::Notes => counts_json(&s.totals),
    };
    merge(&mut v, extra);
    v["page_scores"] = results.iter().map(page_json).collect();
    v
}

fn counts_json(t: &SentenceScore) -> Value {
    json!({"tp": t.tp, "fp": t.fp, "fn": t.fn_, "tn": t.tn})
}

/// One page's scores as JSON (no timings, so that runs diff cleanly).
fn page_json(r: &PageResult) -> Value {
    let (p, rc) = r.precision_recall();
    let mut v = json!({
        "name": r.name, "precision": r4(p), "recall": r4(rc), "f1": r4(r.f1()),
        "error": r.outcome.error,
    });
    let extra = match &r.score {
        Score::Shingle {
            score: s,
            title_ok,
            byline_ok,
            structure,
        } => json!({
            "tp": r4(s.tp), "fp": r4(s.fp), "fn": r4(s.fn_),
            "title_ok": title_ok, "byline_ok": byline_ok,
            "title": r.outcome.title, "byline": r.outcome.byline,
            "structure": {"matched": structure.matched, "reference": structure.expected,
                          "output": structure.produced, "kept": structure.kept,
                          "kept_matched": structure.kept_matched},
        }),
        Score::Sentence(s) => {
            let mut c = counts_json(s);
            merge(
                &mut c,
                json!({"missed": s.missed, "boilerplate": s.boilerplate}),
            );
            c
        }
    };
    merge(&mut v, extra);
    v
}

/// Copies the fields of object `extra` into object `into`.
fn merge(into: &mut Value, extra: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), extra) {
        a.extend(b);
    }
}

/// Corpora whose F1 is below `floor`, as messages.
pub fn below_floor(summaries: &[Summary], floor: f64) -> Vec<String> {
    summaries
        .iter()
        .filter(|s| s.f1 < floor)
        .map(|s| format!("{}: F1 {:.4} is below --min-f1 {floor}", s.corpus, s.f1))
        .collect()
}

/// A line per readability corpus whose share of exactly matched titles
/// or bylines is below its floor.
pub fn below_metadata_floor(
    summaries: &[Summary],
    title: Option<f64>,
    byline: Option<f64>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for s in summaries
        .iter()
        .filter(|s| s.kind == Kind::Readability && s.pages > 0)
    {
        let checks = [
            ("title", s.title_ok, title, "--min-title"),
            ("byline", s.byline_ok, byline, "--min-byline"),
        ];
        for (what, ok, floor, flag) in checks {
            let share = ok as f64 / s.pages as f64;
            if let Some(floor) = floor.filter(|&f| share < f) {
                lines.push(format!(
                    "{}: {what} {share:.4} is below {flag} {floor}",
                    s.corpus
                ));
            }
        }
    }
    lines
}

/// Lines for each construct whose recall on a readability corpus is
/// below `floor`.
pub fn below_structure_floor(summaries: &[Summary], floor: Option<f64>) -> Vec<String> {
    let Some(floor) = floor else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for s in summaries
        .iter()
        .filter(|s| s.kind == Kind::Readability && s.pages > 0)
    {
        for (i, name) in CONSTRUCTS.iter().enumerate() {
            let (recall, _) = s.structure.recall_precision(i);
            if recall < floor {
                lines.push(format!(
                    "{}: {name} recall {recall:.4} is below --min-structure {floor}",
                    s.corpus
                ));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Outcome;

    fn sentence_page(name: &str, tp: usize, fp: usize, fn_: usize) -> PageResult {
        let score = SentenceScore {
            tp,
            fp,
            fn_,
            ..SentenceScore::default()
        };
        PageResult {
            name: name.into(),
            outcome: Outcome::default(),
            score: Score::Sentence(score),
        }
    }

    fn corpus(kind: Kind) -> Corpus {
        Corpus {
            name: "c".into(),
            kind,
            pages: Vec::new(),
        }
    }

    #[test]
    fn sentence_corpora_are_micro_averaged() {
        let results = [sentence_page("a", 3, 1, 0), sentence_page("b", 0, 0, 1)];
        let s = summarise(&corpus(Kind::Trafilatura), &results, Duration::ZERO);
        assert!((s.precision - 0.75).abs() < 1e-9 && (s.recall - 0.75).abs() < 1e-9);
        assert!(summary_line(&s).contains("TP 3  FP 1  FN 1  TN 0"));
        assert_eq!(worst_first(&results)[0].name, "b");
    }

    #[test]
    fn readability_is_averaged_over_pages() {
        let page = |name: &str, expected: &str, produced: &str| PageResult {
            name: name.into(),
            outcome: Outcome::default(),
            score: Score::Shingle {
                score: score::shingle_score(expected, produced),
                title_ok: true,
                byline_ok: false,
                structure: Box::default(),
            },
        };
        let results = [page("a", "w x y z", "w x y z"), page("b", "w x y z", "")];
        let s = summarise(&corpus(Kind::Readability), &results, Duration::ZERO);
        assert!((s.precision - 0.5).abs() < 1e-9 && (s.recall - 0.5).abs() < 1e-9);
        assert!(summary_line(&s).contains("title 2/2  byline 0/2"));
        assert_eq!(below_floor(std::slice::from_ref(&s), 0.6).len(), 1);
        // All titles match, no byline does.
        assert!(below_metadata_floor(std::slice::from_ref(&s), Some(1.0), None).is_empty());
        let lines = below_metadata_floor(&[s], Some(1.0), Some(0.5));
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].contains("byline 0.0000 is below --min-byline 0.5"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_construct_below_the_structure_floor_is_named() {
        let mut s = summarise(&corpus(Kind::Readability), &[], Duration::ZERO);
        s.pages = 1;
        s.structure.expected = [10; 7];
        s.structure.matched = [10, 9, 10, 10, 10, 10, 10];
        assert!(below_structure_floor(std::slice::from_ref(&s), None).is_empty());
        assert!(below_structure_floor(std::slice::from_ref(&s), Some(0.9)).is_empty());
        let lines = below_structure_floor(&[s], Some(0.95));
        assert_eq!(lines.len(), 1);
        assert!(lines[0].contains("list items recall 0.9000"), "{lines:?}");
    }

    #[test]
    fn quotes_are_abbreviated() {
        assert_eq!(quote("short  one", 40), "\"short one\"");
        assert_eq!(quote("abcdef", 4), "\"abc…\"");
    }

    #[test]
    fn sentence_notes_list_a_few() {
        let s = SentenceScore {
            missed: vec!["a".into(), "b".into(), "c".into()],
            ..SentenceScore::default()
        };
        assert_eq!(sentence_notes(&s), "  missed 3: \"a\", \"b\" +1");
    }
}
