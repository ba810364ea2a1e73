//! `eval`: measures declutter's extraction quality on reference corpora
//! (readability, trafilatura-eval, notes folders); see `--help`.
//!
//! ```text
//! cargo run --release --example eval -- ../shared/corpus/readability ../shared/corpus/trafilatura-eval
//! ```

/// `println!` for the report: a closed stdout (`eval ... | head`) ends the
/// run quietly instead of panicking, as a broken pipe is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod corpus;
mod page;
mod report;
mod run;
mod score;
mod structure;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use serde_json::json;

use corpus::{Corpus, Page};
use report::Summary;

/// Scores declutter's output on saved pages with reference answers.
///
/// Exit status: 0 when all went well, 1 when a corpus's F1 is below
/// --min-f1, 2 when a corpus or the JSON file could not be used.
#[derive(Parser, Debug)]
#[command(name = "eval")]
struct Args {
    /// List this many worst pages per corpus.
    #[arg(long, value_name = "N", default_value_t = 10)]
    worst: usize,
    /// Score only pages whose name contains NAME, and print their details.
    #[arg(long, value_name = "NAME")]
    page: Option<String>,
    /// Write the per-page scores as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Exit 1 if any corpus's F1 is below X.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
    /// Exit 1 if a readability corpus's share of exact titles is below X.
    #[arg(long, value_name = "X")]
    min_title: Option<f64>,
    /// Exit 1 if a readability corpus's share of exact bylines is below X.
    #[arg(long, value_name = "X")]
    min_byline: Option<f64>,
    /// Exit 1 if a readability corpus's recall of any construct
    /// (headings, list items, links, images, code blocks, tables,
    /// blockquotes) is below X.
    #[arg(long, value_name = "X")]
    min_structure: Option<f64>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", default_value_t = run::default_jobs())]
    jobs: usize,
    /// Corpus folders: readability, trafilatura-eval or notes layout.
    #[arg(required = true, value_name = "CORPUS_DIR")]
    corpus_dirs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    run::install_panic_hook();
    let start = Instant::now();
    let (summaries, json, mut failed) = evaluate_all(&args);
    if let Some(path) = &args.json {
        failed |= !write_json(path, json);
    }
    say!("eval: total {:.1}s", start.elapsed().as_secs_f64());
    let mut below = args
        .min_f1
        .map_or_else(Vec::new, |x| report::below_floor(&summaries, x));
    below.extend(report::below_metadata_floor(
        &summaries,
        args.min_title,
        args.min_byline,
    ));
    below.extend(report::below_structure_floor(
        &summaries,
        args.min_structure,
    ));
    for line in &below {
        eprintln!("eval: {line}");
    }
    match (failed, below.is_empty()) {
        (true, _) => ExitCode::from(2),
        (false, false) => ExitCode::from(1),
        (false, true) => ExitCode::SUCCESS,
    }
}

/// Every corpus in turn: summaries, their JSON, and whether any failed.
fn evaluate_all(args: &Args) -> (Vec<Summary>, Vec<serde_json::Value>, bool) {
    let (mut summaries, mut json, mut failed) = (Vec::new(), Vec::new(), false);
    for dir in &args.corpus_dirs {
        match corpus::load(dir) {
            Ok(None) => eprintln!("eval: skipping {}: not found", dir.display()),
            Err(e) => {
                eprintln!("eval: {}: {e}", dir.display());
                failed = true;
            }
            Ok(Some(corpus)) => {
                if let Some((s, j)) = evaluate_corpus(&corpus, args) {
                    summaries.push(s);
                    json.push(j);
                }
            }
        }
    }
    (summaries, json, failed)
}

/// Converts and scores the selected pages of one corpus and prints the report.
fn evaluate_corpus(corpus: &Corpus, args: &Args) -> Option<(Summary, serde_json::Value)> {
    let pages: Vec<&Page> = corpus
        .pages
        .iter()
        .filter(|p| {
            args.page
                .as_ref()
                .is_none_or(|n| p.name.contains(n.as_str()))
        })
        .collect();
    if pages.is_empty() {
        say!("{}: no pages to score", corpus.name);
        return None;
    }
    let start = Instant::now();
    let results = run::parallel_map(&pages, args.jobs, |p| page::evaluate(p));
    let summary = report::summarise(corpus, &results, start.elapsed());
    report::print(&summary, &results, args.worst);
    if args.page.is_some() {
        for (p, r) in pages.iter().zip(&results) {
            report::print_detail(&corpus.name, p, r);
        }
    }
    let json = report::corpus_json(&summary, &results);
    Some((summary, json))
}

/// Writes the JSON report; false (after saying why) when it cannot.
fn write_json(path: &PathBuf, corpora: Vec<serde_json::Value>) -> bool {
    let text = serde_json::to_string_pretty(&json!({ "corpora": corpora }))
        .expect("JSON values always serialise");
    match std::fs::write(path, text + "\n") {
        Ok(()) => true,
        Err(e) => {
            eprintln!("eval: cannot write {}: {e}", path.display());
            false
        }
    }
}
