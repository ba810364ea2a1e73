//! The spec files: `tests/spec/NAME.txt` hold Markdown behaviours as
//! readable examples (in pulldown-cmark's spec style): prose saying why,
//! then an example block with the HTML input, a line holding a single
//! `.`, and the exact Markdown expected.
//!
//! The opening fence may name options after `example`: `wrap=N`,
//! `link-style=reference`, `base-url=URL`, `url=URL`, `assets=DIR`. Pages
//! are converted whole (`--no-extract`, no built-in rules), so the
//! examples show the Markdown stage alone.
//!
//! Each example is a test named `FILE::N` (1-based, in file order), so
//! `cargo test --test spec -- escaping::3` runs one.

use declutter::{Cleaner, LinkStyle, Options};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;

/// The fence around examples: 32 backticks, as in the CommonMark spec.
const FENCE: &str = "````````````````````````````````";

struct Example {
    options: String,
    html: String,
    markdown: String,
}

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/spec exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut trials = Vec::new();
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).expect("spec file readable");
        for (i, example) in examples(&text).into_iter().enumerate() {
            trials.push(Trial::test(format!("{name}::{}", i + 1), move || {
                run(&example)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The examples of a spec file, in order.
fn examples(text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(options) = line
            .strip_prefix(FENCE)
            .and_then(|rest| rest.trim().strip_prefix("example"))
        else {
            continue;
        };
        let mut html = Vec::new();
        for line in lines.by_ref() {
            if line == "." {
                break;
            }
            html.push(line);
        }
        let mut markdown = Vec::new();
        for line in lines.by_ref() {
            if line == FENCE {
                break;
            }
            markdown.push(line);
        }
        let markdown = if markdown.is_empty() {
            String::new()
        } else {
            markdown.join("\n") + "\n"
        };
        out.push(Example {
            options: options.trim().to_string(),
            html: html.join("\n"),
            markdown,
        });
    }
    out
}

fn options(spec: &str) -> Result<Options, Failed> {
    let mut options = Options {
        extract: false,
        default_rules: false,
        ..Options::default()
    };
    for item in spec.split_whitespace() {
        let (key, value) = item.split_once('=').ok_or(format!("bad option {item}"))?;
        match key {
            "wrap" => options.wrap = Some(value.parse().map_err(|_| "bad wrap")?),
            "link-style" if value == "reference" => options.link_style = LinkStyle::Reference,
            "base-url" => options.base_url = Some(value.to_string()),
            "url" => options.url = Some(value.to_string()),
            "assets" => options.assets = Some(value.to_string()),
            _ => return Err(format!("unknown option {item}").into()),
        }
    }
    Ok(options)
}

fn run(example: &Example) -> Result<(), Failed> {
    let cleaner = Cleaner::new(options(&example.options)?).map_err(|e| e.to_string())?;
    let actual = cleaner.convert_text(&example.html).markdown;
    if actual == example.markdown {
        return Ok(());
    }
    Err(format!(
        "HTML:\n{}\nexpected:\n{}actual:\n{}",
        example.html, example.markdown, actual
    )
    .into())
}
