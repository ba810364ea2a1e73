//! Golden tests: every `samples/NAME.html` is converted and compared with
//! `samples/NAME.md`, and checked against `samples/NAME.notes.txt` (lines
//! `KEEP: text` that must appear, `DROP: text` that must not).
//!
//! `samples/known-failures.txt` lists the notes problems the extractor has
//! today, one `NAME: missing: text` or `NAME: not dropped: text` a line, in
//! the words this test prints. A listed problem does not fail the test; a
//! new one does, and so does a listed one that is gone (delete its line: the
//! extractor got better). The eval tool still scores every note.
//!
//! `cargo test --test samples -- NAME` runs one sample;
//! `UPDATE_SAMPLES=1 cargo test --test samples` rewrites the `.md` files,
//! whose diff must then be read before it is committed.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut trials = Vec::new();
    for html in pages(&dir) {
        let name = html.file_stem().unwrap().to_string_lossy().into_owned();
        let page = html.clone();
        trials.push(Trial::test(format!("golden::{name}"), move || {
            golden(&page)
        }));
        let notes = html.with_extension("notes.txt");
        if notes.exists() {
            trials.push(Trial::test(format!("notes::{name}"), move || {
                check_notes(&html, &notes)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

fn convert(page: &Path) -> String {
    let bytes = std::fs::read(page).expect("sample readable");
    declutter::convert(&bytes)
        .expect("sample converts")
        .markdown
}

fn golden(page: &Path) -> Result<(), Failed> {
    let actual = convert(page);
    let expected_path = page.with_extension("md");
    if std::env::var_os("UPDATE_SAMPLES").is_some() {
        std::fs::write(&expected_path, &actual).expect("write expectation");
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_SAMPLES=1 to create it, then read it)",
            expected_path.display()
        )
    })?;
    if actual == expected {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string();
    Err(format!(
        "{} differs from the output:\n{diff}",
        expected_path.display()
    )
    .into())
}

fn check_notes(page: &Path, notes: &Path) -> Result<(), Failed> {
    let text = fold(&visible_text(&convert(page)));
    let mut problems = Vec::new();
    for line in std::fs::read_to_string(notes)
        .expect("notes readable")
        .lines()
    {
        if let Some(keep) = line.strip_prefix("KEEP: ") {
            if !text.contains(&fold(keep)) {
                problems.push(format!("missing: {keep}"));
            }
        } else if let Some(drop) = line.strip_prefix("DROP: ")
            && text.contains(&fold(drop))
        {
            problems.push(format!("not dropped: {drop}"));
        }
    }
    let known = known_failures(page);
    let mut failures: Vec<String> = problems
        .iter()
        .filter(|p| !known.contains(p))
        .cloned()
        .collect();
    failures.extend(
        known
            .iter()
            .filter(|k| !problems.contains(k))
            .map(|k| format!("fixed, delete from samples/known-failures.txt: {k}")),
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// The lines of `samples/known-failures.txt` about `page`, without the name.
fn known_failures(page: &Path) -> Vec<String> {
    let list = page.with_file_name("known-failures.txt");
    let Ok(text) = std::fs::read_to_string(list) else {
        return Vec::new();
    };
    let name = page.file_stem().unwrap().to_string_lossy();
    let prefix = format!("{name}: ");
    text.lines()
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .map(str::to_string)
        .collect()
}

/// The text a reader sees once the Markdown is rendered.
fn visible_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = String::new();
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
