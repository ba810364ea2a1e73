//! The round-trip property on real pages: for every page of
//! `../shared/corpus/readability` and every sample, the Markdown read back
//! by pulldown-cmark shows the same text (whitespace folded) and the same
//! number of headings, list items, links, images, code blocks, tables,
//! blockquotes and footnote references as the cleaned DOM it was written
//! from (see `audit.rs` for the DOM side). This catches escaping bugs
//! (text that turns into a heading, a list, emphasis or a link) and lost
//! content. Each page is checked with the default options, and again with
//! reference links and `--wrap 40`, which must not change what is read;
//! and each is converted twice, by two cleaners, to the same bytes.
//!
//! The corpus is optional: without it the test says so and checks the
//! samples only. `ROUNDTRIP_DEBUG=NAME cargo test --lib roundtrip --
//! --nocapture` prints the Markdown and the DOM's text of matching pages.

use crate::markdown::readback::first_difference;
use crate::options::LinkStyle;
use crate::{Cleaner, Options};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The pages checked: the readability corpus (when present) and samples.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/readability");
    let mut pages = Vec::new();
    match std::fs::read_dir(&corpus) {
        Ok(entries) => pages.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().join("source.html"))
                .filter(|p| p.exists()),
        ),
        Err(_) => println!(
            "round trip: skipping {}: not found (samples only)",
            corpus.display()
        ),
    }
    let samples = std::fs::read_dir(root.join("samples")).expect("samples/ exists");
    pages.extend(
        samples
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html")),
    );
    pages.sort();
    pages
}

/// The differences between what the DOM shows and what the Markdown
/// shows, for one page and one set of options; empty when they agree.
fn check_page(path: &Path, cleaner: &Cleaner) -> Vec<String> {
    let bytes = std::fs::read(path).expect("page readable");
    let decoded = crate::input::decode(&bytes, None);
    let checked = cleaner.round_trip(&decoded.text);
    if std::env::var("ROUNDTRIP_DEBUG").is_ok_and(|p| path.display().to_string().contains(&p)) {
        println!(
            "--- {}\n{}\n--- DOM text\n{}",
            path.display(),
            checked.markdown,
            checked.dom_text
        );
    }
    checked.problems
}

/// Idempotence: the same page converted twice, by two cleaners (whose
/// hash maps are seeded differently), gives the same bytes.
fn check_deterministic(path: &Path, cleaners: [&Cleaner; 2]) -> Option<String> {
    let bytes = std::fs::read(path).expect("page readable");
    let convert = |c: &Cleaner| c.convert(&bytes).expect("page converts").markdown;
    let (first, second) = (convert(cleaners[0]), convert(cleaners[1]));
    (first != second).then(|| first_difference(&first, &second).replace("DOM     ", "first   "))
}

/// Pages the fuzzer (`fuzz/`) found that did not round-trip: a block
/// marker before a vertical tab, an address-like word in angle brackets,
/// blocks and links inside inline code, a link across a double `<br>`
/// (which ends a paragraph) or around a code block, a pipe table whose
/// `<thead>` comes after a body row.
#[test]
fn fuzz_found_pages_round_trip() {
    let pages = [
        "#\u{b}%?d l<html>",
        "<p>-\u{b}item</p><p>1.\u{b}x</p>",
        "<'''@di><'''@di>",
        "&lt;a@b.c&gt; &lt;!x&gt;",
        "<kbd><h5>x</h5></kbd>",
        "<td><a href=\"/\"><br>one<br> <br>two<br>three<br><br></a></td>",
        "<a href=\"http://x.y/\"><h2>h</h2><pre>code</pre><p>t</p></a>",
        "<table><tr><td>a</td><td>b</td></tr><thead><tr><th>H1</th><th>H2</th></tr></thead></table>",
        "<p>a <code><a href=\"http://x.y/\">link</a> <img src=\"http://x.y/i.png\" alt=\"i\"></code> b</p>",
    ];
    for extract in [true, false] {
        let cleaner = Cleaner::new(Options {
            extract,
            ..Options::default()
        })
        .expect("default rules compile");
        for page in pages {
            let problems = cleaner.round_trip(page).problems;
            assert!(problems.is_empty(), "{page:?}: {}", problems.join("\n"));
        }
    }
}

#[test]
fn markdown_read_back_shows_what_the_dom_showed() {
    let variants = [
        ("default", Options::default()),
        (
            "reference links, wrap 40",
            Options {
                link_style: LinkStyle::Reference,
                wrap: Some(40),
                ..Options::default()
            },
        ),
    ];
    let pages = pages();
    // Two workers (the machines have two cores) take pages in turn; the
    // failures are sorted back into page order.
    let next = AtomicUsize::new(0);
    let check = |i: usize, cleaners: &[Cleaner]| {
        let path = &pages[i];
        let start = std::time::Instant::now();
        let mut failures = Vec::new();
        if let Some(problem) = check_deterministic(path, [&cleaners[0], &cleaners[2]]) {
            failures.push(format!("{}: not deterministic: {problem}", path.display()));
        }
        for ((name, _), cleaner) in variants.iter().zip(cleaners) {
            for problem in check_page(path, cleaner) {
                failures.push(format!("{} ({name}): {problem}", path.display()));
            }
        }
        if std::env::var("ROUNDTRIP_TIMES").is_ok() {
            println!("{:>6} ms {}", start.elapsed().as_millis(), path.display());
        }
        (i, failures)
    };
    let worker = || {
        // One cleaner per variant, and a second default one.
        let cleaners: Vec<Cleaner> = variants
            .iter()
            .map(|(_, o)| o.clone())
            .chain([Options::default()])
            .map(|o| Cleaner::new(o).expect("default rules compile"))
            .collect();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= pages.len() {
                break done;
            }
            done.push(check(i, &cleaners));
        }
    };
    let mut results: Vec<(usize, Vec<String>)> = std::thread::scope(|scope| {
        let workers = [scope.spawn(worker), scope.spawn(worker)];
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("round-trip worker"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let failures: Vec<String> = results.into_iter().flat_map(|(_, f)| f).collect();
    println!(
        "round trip: {} pages, {} mismatches",
        pages.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
