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

use crate::markdown::audit::{self, Counts, Summary};
use crate::markdown::render_page;
use crate::options::LinkStyle;
use crate::{Cleaner, Options};
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a reader sees once `markdown` is rendered: text, code and math
/// (not image descriptions or raw HTML), footnote references as their
/// label; block edges and breaks as spaces.
pub(crate) fn markdown_summary(markdown: &str) -> Summary {
    let options = MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_MATH;
    let mut text = String::new();
    let mut counts = Counts::default();
    let (mut in_image, mut heading_at) = (0, 0);
    // For each open tag: whether its edges separate words.
    let mut separates = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                counts.images += 1;
                in_image += 1;
                separates.push(false);
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                separates.pop();
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if in_image == 0 =>
            {
                text.push_str(&t);
            }
            Event::FootnoteReference(label) => {
                counts.footnotes += 1;
                text.push_str(&label);
            }
            Event::InlineHtml(h) if h.starts_with("<br") => text.push(' '),
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::Html(_) => text.push(' '),
            Event::Start(tag) => {
                let inline = matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                        | Tag::Link { .. }
                );
                match tag {
                    Tag::Heading { .. } => heading_at = text.len(),
                    Tag::Item => counts.items += 1,
                    Tag::Link { .. } => counts.links += 1,
                    Tag::CodeBlock(_) => counts.code_blocks += 1,
                    Tag::Table(_) => counts.tables += 1,
                    Tag::BlockQuote(_) => counts.quotes += 1,
                    _ => {}
                }
                if !inline {
                    text.push(' ');
                }
                separates.push(!inline);
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Heading(_))
                    && !audit::is_section_heading(&text[heading_at..])
                {
                    counts.headings += 1;
                }
                if separates.pop().unwrap_or(true) {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    Summary {
        text: audit::fold(&text),
        counts,
    }
}

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
    let page = cleaner.prepare(&decoded.text);
    let md_options = cleaner.markdown_options(&page, None, None);
    let markdown = render_page(&page.dom, &page.roots, &page.removed, &md_options).markdown;
    let dom = audit::dom_summary(&page.dom, &page.roots, &page.removed, &md_options);
    let read_back = markdown_summary(&markdown);
    if std::env::var("ROUNDTRIP_DEBUG").is_ok_and(|p| path.display().to_string().contains(&p)) {
        println!(
            "--- {}\n{markdown}\n--- DOM text\n{}",
            path.display(),
            dom.text
        );
    }
    let mut problems = Vec::new();
    if dom.counts != read_back.counts {
        problems.push(format!(
            "counts differ:\n    DOM      {:?}\n    Markdown {:?}",
            dom.counts, read_back.counts
        ));
    }
    if dom.text != read_back.text {
        problems.push(first_difference(&dom.text, &read_back.text));
    }
    problems
}

/// Idempotence: the same page converted twice, by two cleaners (whose
/// hash maps are seeded differently), gives the same bytes.
fn check_deterministic(path: &Path, cleaners: [&Cleaner; 2]) -> Option<String> {
    let bytes = std::fs::read(path).expect("page readable");
    let convert = |c: &Cleaner| c.convert(&bytes).expect("page converts").markdown;
    let (first, second) = (convert(cleaners[0]), convert(cleaners[1]));
    (first != second).then(|| first_difference(&first, &second).replace("DOM     ", "first   "))
}

/// Where two texts first differ, with some context.
fn first_difference(dom: &str, markdown: &str) -> String {
    let at = dom
        .char_indices()
        .zip(markdown.chars())
        .find(|((_, a), b)| a != b)
        .map_or(dom.len().min(markdown.len()), |((i, _), _)| i);
    let from = dom.floor_char_boundary(at.saturating_sub(60));
    let context = |s: &str| {
        let start = s.floor_char_boundary(from.min(s.len()));
        let end = s.floor_char_boundary((at + 80).min(s.len()));
        s[start..end].to_string()
    };
    format!(
        "text differs at byte {at}:\n    DOM      …{}…\n    Markdown …{}…",
        context(dom),
        context(markdown)
    )
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
