//! Throughput of declutter on real saved pages, against the floor: the
//! time html5ever alone takes to parse the same pages into
//! markup5ever_rcdom.
//!
//! `cargo bench --bench pipeline` (single-threaded). Loads every page of
//! `../shared/corpus/readability` into memory, then times over the whole
//! corpus: html5ever alone (the floor), the full `convert`, and each stage
//! on its own. Every measurement runs once per round, the rounds
//! interleaved (each round in a rotated order, so none always runs on the
//! caches another left warm) and the median reported. Then the scaling
//! with page size (1, 10 and 50 MB pages made by repeating a real
//! article's body) and with nesting depth (skipped with `BENCH_QUICK=1`);
//! then the cost of a large adblock list (see `rule_sets`). Skips with a
//! message when the corpus is absent. `BENCH_CORPUS=DIR` measures another
//! folder laid out the same way (`DIR/NAME/source.html`).

use declutter::{Cleaner, Options, RuleSource, stages};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const CORPUS: &str = "../shared/corpus/readability";

/// Rounds per measurement (`BENCH_ROUNDS`, default 7); `BENCH_ROUNDS=1
/// BENCH_QUICK=1` suits `valgrind --tool=callgrind`, whose instruction
/// counts do not depend on what else the machine is doing.
fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(7)
}

fn quick() -> bool {
    std::env::var_os("BENCH_QUICK").is_some_and(|v| v != "0")
}

fn main() {
    let dir = std::env::var_os("BENCH_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS),
        Into::into,
    );
    let Some(pages) = load(&dir) else {
        println!("bench: skipping: {} not found", dir.display());
        return;
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    println!(
        "{} pages, {:.1} MB, median of {} interleaved rounds, one thread\n",
        pages.len(),
        mb(bytes),
        rounds()
    );
    let cleaner = Cleaner::new(Options::default()).expect("built-in rules compile");
    let texts: Vec<String> = pages.iter().map(|p| stages::decode(p)).collect();
    let prepared = LATER_STAGES
        .iter()
        .any(|s| selected(s))
        .then(|| Prepared::new(&cleaner, &texts));
    let mut runs = measurements(&cleaner, &pages, &texts, prepared.as_ref());
    runs.retain(|(name, _)| selected(name));
    let times = interleaved(&mut runs);
    header();
    for ((name, _), t) in runs.iter().zip(&times) {
        row(name, t, bytes, pages.len());
    }
    if let [floor, full, ..] = &times[..]
        && runs[1].0 == FULL
    {
        ratios(floor, full);
    }
    if selected(RULE_SETS) {
        rule_sets(&cleaner, &texts);
    }
    if !quick() {
        scaling(&cleaner, &texts);
    }
}

const FLOOR: &str = "html5ever parse alone (floor)";
const FULL: &str = "full convert";
/// The cost of a large adblock list (see `rule_sets`).
const RULE_SETS: &str = "rule sets";
/// The stages that need the results of the stages before them.
const LATER_STAGES: [&str; 4] = ["  metadata", "  rules", "  extract", "  markdown"];

/// Whether a measurement runs: `BENCH_ONLY=floor,markdown` keeps those
/// whose names contain one of the words (for profiling one stage).
fn selected(name: &str) -> bool {
    match std::env::var("BENCH_ONLY") {
        Ok(only) => only.split(',').any(|word| name.contains(word.trim())),
        Err(_) => true,
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

/// Each stage's input, made once by the stages before it.
struct Prepared {
    parsed: Vec<stages::Parsed>,
    meta: Vec<declutter::Metadata>,
    cleaned: Vec<stages::Cleaned>,
    chosen: Vec<stages::Chosen>,
}

impl Prepared {
    fn new(cleaner: &Cleaner, texts: &[String]) -> Self {
        let parsed: Vec<_> = texts.iter().map(|t| stages::parse(cleaner, t)).collect();
        let meta: Vec<_> = parsed.iter().map(stages::metadata).collect();
        let cleaned: Vec<_> = (0..parsed.len())
            .map(|i| stages::rules(cleaner, &parsed[i], meta[i].url.as_deref()))
            .collect();
        let chosen = (0..parsed.len())
            .map(|i| stages::extract(&parsed[i], &cleaned[i], meta[i].title.as_deref()))
            .collect();
        Prepared {
            parsed,
            meta,
            cleaned,
            chosen,
        }
    }
}

/// A named measurement: one pass over the corpus, returning something
/// derived from every result so that nothing is optimised away.
type Run<'a> = (&'static str, Box<dyn FnMut() -> usize + 'a>);

/// The floor first and the full conversion second (the ratio reads them
/// there), then the stages.
fn measurements<'a>(
    cleaner: &'a Cleaner,
    pages: &'a [Vec<u8>],
    texts: &'a [String],
    prepared: Option<&'a Prepared>,
) -> Vec<Run<'a>> {
    let mut runs: Vec<Run<'a>> = vec![
        (
            FLOOR,
            Box::new(|| texts.iter().map(|t| stages::html5ever_only(t)).sum()),
        ),
        (
            FULL,
            Box::new(|| {
                pages
                    .iter()
                    .map(|b| cleaner.convert(b).expect("converts").markdown.len())
                    .sum()
            }),
        ),
        (
            "  decode",
            Box::new(|| pages.iter().map(|b| stages::decode(b).len()).sum()),
        ),
        (
            "  parse (capped, into the arena)",
            Box::new(|| {
                texts
                    .iter()
                    .map(|t| consume(stages::parse(cleaner, t)))
                    .sum()
            }),
        ),
    ];
    if let Some(p) = prepared {
        runs.extend(later_stages(cleaner, p));
    }
    runs
}

/// The stages after parsing, each on the results of the ones before.
fn later_stages<'a>(cleaner: &'a Cleaner, p: &'a Prepared) -> Vec<Run<'a>> {
    let n = p.parsed.len();
    vec![
        (
            LATER_STAGES[0],
            Box::new(|| p.parsed.iter().map(|d| consume(stages::metadata(d))).sum()),
        ),
        (
            LATER_STAGES[1],
            Box::new(move || {
                (0..n)
                    .map(|i| {
                        let url = p.meta[i].url.as_deref();
                        consume(stages::rules(cleaner, &p.parsed[i], url))
                    })
                    .sum()
            }),
        ),
        (
            LATER_STAGES[2],
            Box::new(move || {
                (0..n)
                    .map(|i| {
                        let title = p.meta[i].title.as_deref();
                        consume(stages::extract(&p.parsed[i], &p.cleaned[i], title))
                    })
                    .sum()
            }),
        ),
        (
            LATER_STAGES[3],
            Box::new(move || {
                (0..n)
                    .map(|i| stages::markdown(&p.parsed[i], &p.cleaned[i], &p.chosen[i]).len())
                    .sum()
            }),
        ),
    ]
}

/// Drops a stage's result where the optimiser cannot see through it.
fn consume<T>(value: T) -> usize {
    drop(black_box(value));
    1
}

/// Runs every measurement once per round, round `r` starting at the
/// `r`-th measurement so that each runs after each other one in turn;
/// returns each measurement's median time.
/// Each measurement's time in every round, in round order.
fn interleaved(runs: &mut [Run<'_>]) -> Vec<Vec<Duration>> {
    let mut times = vec![Vec::new(); runs.len()];
    for round in 0..rounds() {
        for k in 0..runs.len() {
            let i = (round + k) % runs.len();
            let start = Instant::now();
            black_box((runs[i].1)());
            times[i].push(start.elapsed());
        }
    }
    times
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn seconds(times: &[Duration]) -> Vec<f64> {
    times.iter().map(Duration::as_secs_f64).collect()
}

fn fastest(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

fn header() {
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>10}",
        "stage", "ms", "min ms", "MB/s", "pages/s"
    );
}

/// The median round, the fastest round, and throughput at the median.
fn row(name: &str, times: &[Duration], bytes: usize, pages: usize) {
    let s = seconds(times);
    let (mid, min) = (median(&s), fastest(&s));
    println!(
        "{name:<34} {:>10.1} {:>10.1} {:>10.1} {:>10.0}",
        mid * 1e3,
        min * 1e3,
        mb(bytes) / mid,
        pages as f64 / mid
    );
}

/// The full conversion against the floor. On a shared machine whose
/// speed changes from second to second, the ratio within each round
/// (the two run one after the other) is steadier than the ratio of the
/// two medians; the fastest rounds are the least disturbed.
fn ratios(floor: &[Duration], full: &[Duration]) {
    let (floor, full) = (seconds(floor), seconds(full));
    let per_round: Vec<f64> = full.iter().zip(&floor).map(|(a, b)| a / b).collect();
    println!(
        "\nfull / floor = {:.2} (median of the rounds' ratios; medians {:.2}, fastest rounds {:.2})",
        median(&per_round),
        median(&full) / median(&floor),
        fastest(&full) / fastest(&floor)
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
    let parsed: Vec<_> = texts.iter().map(|t| stages::parse(&with_list, t)).collect();
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
