//! Throughput of declutter on real saved pages, against the floor: the
//! time html5ever alone takes to parse the same pages into
//! markup5ever_rcdom.
//!
//! `cargo bench --bench pipeline` (single-threaded). Loads every page of
//! `../shared/corpus/readability` into memory, then times, over the whole
//! corpus and the best of several rounds: html5ever alone (the floor), the
//! full `convert`, and each stage on its own. Then the scaling with page
//! size (1, 10 and 50 MB pages made by repeating a real article's body)
//! and with nesting depth; then the cost of a large adblock list (see
//! `rule_sets`). Skips with a message when the corpus is absent.

use declutter::{Cleaner, Options, RuleSource, stages};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const CORPUS: &str = "../shared/corpus/readability";

/// Rounds per measurement (`BENCH_ROUNDS`, default 5); `BENCH_ROUNDS=1
/// BENCH_QUICK=1` suits `valgrind --tool=callgrind`, whose instruction
/// counts do not depend on what else the machine is doing.
fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let Some(pages) = load(&dir) else {
        println!("bench: skipping: {} not found", dir.display());
        return;
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    println!(
        "{} pages, {:.1} MB, best of {} rounds, one thread\n",
        pages.len(),
        mb(bytes),
        rounds()
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
    rule_sets(&cleaner, &texts);
    // `BENCH_QUICK=1` leaves out the large synthetic pages.
    if std::env::var_os("BENCH_QUICK").is_none() {
        scaling(&cleaner, &texts);
    }
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

/// The best of `rounds()` runs of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..rounds())
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
    let cleaned: Vec<_> = (0..parsed.len())
        .map(|i| stages::rules(cleaner, &parsed[i], meta[i].url.as_deref()))
        .collect();
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
    row("  rules", time_rules(cleaner, &parsed, &meta), bytes, n);
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

/// The rules stage alone over parsed pages, each at its own address.
fn time_rules(
    cleaner: &Cleaner,
    parsed: &[stages::Parsed],
    meta: &[declutter::Metadata],
) -> Duration {
    time(|| {
        (0..parsed.len()).for_each(|i| {
            drop(black_box(stages::rules(
                cleaner,
                &parsed[i],
                meta[i].url.as_deref(),
            )))
        })
    })
}

/// Rules in an adblock list made for the benchmark.
const LIST_RULES: usize = 10_000;

/// The built-in rules alone against the built-in rules plus a
/// [`LIST_RULES`]-line adblock list: compile time and the rules stage.
fn rule_sets(default: &Cleaner, texts: &[String]) {
    let list = adblock_list(texts, LIST_RULES);
    // `BENCH_LIST_OUT=FILE` keeps the list, to try it with the command.
    if let Some(path) = std::env::var_os("BENCH_LIST_OUT") {
        std::fs::write(path, &list).expect("the list is written");
    }
    let options = Options {
        rules: vec![RuleSource {
            name: "generated.txt".into(),
            text: list,
        }],
        ..Options::default()
    };
    let compile = time(|| Cleaner::new(options.clone()).expect("the list compiles"));
    let compile_default = time(|| Cleaner::new(Options::default()).expect("compiles"));
    let with_list = Cleaner::new(options).expect("the list compiles");
    let parsed: Vec<_> = texts.iter().map(|t| stages::parse(t)).collect();
    let meta: Vec<_> = parsed.iter().map(stages::metadata).collect();
    let base = time_rules(default, &parsed, &meta);
    let big = time_rules(&with_list, &parsed, &meta);
    let removed = |c: &Cleaner| -> usize {
        (0..parsed.len())
            .map(|i| stages::removed_count(&stages::rules(c, &parsed[i], meta[i].url.as_deref())))
            .sum()
    };
    println!(
        "\n{:<34} {:>10} {:>10}",
        "rule set", "compile ms", "rules ms"
    );
    println!(
        "{:<34} {:>10.1} {:>10.1}",
        "built-in",
        ms(compile_default),
        ms(base)
    );
    println!(
        "{:<34} {:>10.1} {:>10.1}",
        format!("built-in + {LIST_RULES} adblock rules"),
        ms(compile),
        ms(big)
    );
    println!(
        "rules with the list / without = {:.2}; elements removed {} / {}",
        big.as_secs_f64() / base.as_secs_f64(),
        removed(&with_list),
        removed(default)
    );
}

/// An adblock list of `n` hiding rules over the class and id names the
/// pages use (so rules do match), in the shapes EasyList uses most: 55%
/// generic `##.class`, 15% `###id`, 15% limited to a host, 10% with a
/// combinator, 5% attribute prefixes (`##[class^="x"]`, which every
/// element with that attribute must try). Deterministic: the same pages
/// give the same list.
fn adblock_list(texts: &[String], n: usize) -> String {
    let attr = regex::Regex::new(r#"\b(class|id)\s*=\s*"([A-Za-z][\w-]{2,40})"#).unwrap();
    let mut tokens: Vec<(bool, String)> = texts
        .iter()
        .flat_map(|t| {
            attr.captures_iter(t)
                .map(|c| (&c[1] == "id", c[2].to_string()))
        })
        .collect();
    tokens.sort();
    tokens.dedup();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut list = String::from("[Adblock Plus 2.0]\n! generated for the benchmark\n");
    for i in 0..n {
        let (is_id, token) = &tokens[next() as usize % tokens.len()];
        let simple = if *is_id {
            format!("#{token}")
        } else {
            format!(".{token}")
        };
        let line = match i % 20 {
            0..=10 => format!("##{simple}"),
            11..=13 => format!("###{token}"),
            14..=16 => format!(
                "site{}.example,news{}.example##{simple}",
                next() % 500,
                next() % 500
            ),
            17 | 18 => format!("##div > {simple} a"),
            _ => format!(
                "##[{}^=\"{}\"]",
                if *is_id { "id" } else { "class" },
                &token[..3]
            ),
        };
        list.push_str(&line);
        list.push('\n');
    }
    list
}
