//! Throughput of declutter on real saved pages, against the floor: the
//! time html5ever alone takes to parse the same pages into
//! markup5ever_rcdom.
//!
//! `cargo bench --bench pipeline` (single-threaded). Loads every page of
//! `../shared/corpus/readability` into memory, then times, over the whole
//! corpus and the best of several rounds: html5ever alone (the floor), the
//! full `convert`, and each stage on its own. Then the scaling with page
//! size (1, 10 and 50 MB pages made by repeating a real article's body)
//! and with nesting depth. Skips with a message when the corpus is absent.

use declutter::{Cleaner, Options, stages};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const CORPUS: &str = "../shared/corpus/readability";
const ROUNDS: usize = 5;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let Some(pages) = load(&dir) else {
        println!("bench: skipping: {} not found", dir.display());
        return;
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    println!(
        "{} pages, {:.1} MB, best of {ROUNDS} rounds, one thread\n",
        pages.len(),
        mb(bytes)
    );
    let cleaner = Cleaner::new(Options::default()).expect("built-in rules compile");
    let texts: Vec<String> = pages.iter().map(|p| stages::decode(p)).collect();
    let floor = time(|| {
        texts
            .iter()
            .map(|t| stages::html5ever_only(t))
            .sum::<usize>()
    });
    let full = time(|| {
        pages
            .iter()
            .map(|p| cleaner.convert(p).expect("converts").markdown.len())
            .sum::<usize>()
    });
    header();
    row("html5ever parse alone (floor)", floor, bytes, pages.len());
    row("full convert", full, bytes, pages.len());
    stage_rows(&cleaner, &pages, &texts, bytes);
    println!(
        "\nfull / floor = {:.2}",
        full.as_secs_f64() / floor.as_secs_f64()
    );
    scaling(&cleaner, &texts);
}

fn load(dir: &Path) -> Option<Vec<Vec<u8>>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path().join("source.html"))
        .collect();
    paths.sort();
    Some(paths.iter().filter_map(|p| std::fs::read(p).ok()).collect())
}

/// The best of `ROUNDS` runs of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .expect("at least one round")
}

fn stage_rows(cleaner: &Cleaner, pages: &[Vec<u8>], texts: &[String], bytes: usize) {
    let parsed: Vec<_> = texts.iter().map(|t| stages::parse(t)).collect();
    let meta: Vec<_> = parsed.iter().map(stages::metadata).collect();
    let cleaned: Vec<_> = parsed.iter().map(|p| stages::rules(cleaner, p)).collect();
    let chosen: Vec<_> = (0..parsed.len())
        .map(|i| stages::extract(&parsed[i], &cleaned[i], meta[i].title.as_deref()))
        .collect();
    let n = pages.len();
    row(
        "  decode",
        time(|| pages.iter().map(|p| stages::decode(p).len()).sum::<usize>()),
        bytes,
        n,
    );
    row(
        "  parse (capped, into the arena)",
        time(|| texts.iter().for_each(|t| drop(black_box(stages::parse(t))))),
        bytes,
        n,
    );
    row(
        "  metadata",
        time(|| {
            parsed
                .iter()
                .for_each(|p| drop(black_box(stages::metadata(p))))
        }),
        bytes,
        n,
    );
    row(
        "  rules",
        time(|| {
            parsed
                .iter()
                .for_each(|p| drop(black_box(stages::rules(cleaner, p))))
        }),
        bytes,
        n,
    );
    let extract = || {
        (0..n).for_each(|i| {
            drop(black_box(stages::extract(
                &parsed[i],
                &cleaned[i],
                meta[i].title.as_deref(),
            )))
        })
    };
    row("  extract", time(extract), bytes, n);
    let markdown = || {
        (0..n)
            .map(|i| stages::markdown(&parsed[i], &cleaned[i], &chosen[i]).len())
            .sum::<usize>()
    };
    row("  markdown", time(markdown), bytes, n);
}

fn header() {
    println!(
        "{:<34} {:>10} {:>10} {:>10}",
        "stage", "ms", "MB/s", "pages/s"
    );
}

fn row(name: &str, t: Duration, bytes: usize, pages: usize) {
    let s = t.as_secs_f64();
    println!(
        "{name:<34} {:>10.1} {:>10.1} {:>10.0}",
        s * 1e3,
        mb(bytes) / s,
        pages as f64 / s
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Time against page size (a real article's body repeated) and nesting.
fn scaling(cleaner: &Cleaner, texts: &[String]) {
    let body = texts
        .iter()
        .filter_map(|t| body_of(t))
        .max_by_key(|b| b.len())
        .unwrap_or("<p>text</p>");
    println!(
        "\n{:<34} {:>10} {:>10} {:>10}",
        "page", "ms", "MB/s", "floor ms"
    );
    for size in [1_000_000, 10_000_000, 50_000_000] {
        let page = format!(
            "<html><body>{}</body></html>",
            body.repeat(size / body.len() + 1)
        );
        let t = once(|| cleaner.convert_text(&page).markdown.len());
        let floor = once(|| stages::html5ever_only(&page));
        println!(
            "{:<34} {:>10.0} {:>10.1} {:>10.0}",
            format!("{} MB", size / 1_000_000),
            ms(t),
            mb(page.len()) / t.as_secs_f64(),
            ms(floor)
        );
    }
    for depth in [1_000, 10_000, 100_000] {
        let page = "<div>".repeat(depth) + "deep" + &"</div>".repeat(depth);
        let t = once(|| cleaner.convert_text(&page).markdown.len());
        println!("{:<34} {:>10.1}", format!("{depth} nested <div>"), ms(t));
    }
}

fn once<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

/// The inside of `<body>`, when the page has one.
fn body_of(page: &str) -> Option<&str> {
    let lower = page.to_ascii_lowercase();
    let start = lower.find("<body")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let end = lower.rfind("</body>")?;
    (end > open_end).then(|| &page[open_end..end])
}
