//! Running the command: build the cleaner, convert each page, report.

use super::args::{Args, LinkStyleArg};
use super::inputs::{self, Page};
use super::output::{self, Stdout};
use declutter::{Cleaner, Document, LinkStyle, Options, RuleSource};
use std::collections::HashSet;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

pub(crate) enum Outcome {
    AllConverted,
    SomeFailed,
}

/// Where converted pages go.
enum Dest<'a> {
    Stdout,
    File(&'a Path),
    Dir(&'a Path),
}

pub(crate) fn run(args: &Args) -> Result<Outcome, String> {
    let cleaner = build_cleaner(args)?;
    let (pages, problems) = inputs::expand(&args.inputs);
    check_usage(args, &pages)?;
    problems.iter().for_each(|p| eprintln!("declutter: {p}"));
    let dest = match (&args.output, &args.out_dir) {
        (Some(file), _) => Dest::File(file),
        (None, Some(dir)) => Dest::Dir(dir),
        (None, None) => Dest::Stdout,
    };
    let mut failed = !problems.is_empty();
    let mut written = HashSet::new();
    for (i, page) in pages.iter().enumerate() {
        match convert_page(&cleaner, args, page)
            .and_then(|doc| deliver(&dest, page, &doc, i, &mut written, args))
        {
            Ok(Stdout::Open) => {}
            Ok(Stdout::Closed) => break,
            Err(message) => {
                eprintln!("declutter: {message}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllConverted
    })
}

fn check_usage(args: &Args, pages: &[Page]) -> Result<(), String> {
    if args.output.is_some() && (pages.len() > 1 || args.inputs.iter().any(|p| p.is_dir())) {
        return Err(
            "-o/--output takes one input; use --out-dir for several pages or a folder".into(),
        );
    }
    let stdin = pages.contains(&Page::Stdin);
    if stdin && args.out_dir.is_some() {
        return Err("--out-dir needs file or folder inputs; use -o FILE for stdin".into());
    }
    if stdin && args.inputs.is_empty() && std::io::stdin().is_terminal() {
        return Err(
            "no input: give saved pages or folders, or pipe a page into stdin (see --help)".into(),
        );
    }
    Ok(())
}

fn build_cleaner(args: &Args) -> Result<Cleaner, String> {
    let rules = args
        .rules
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot read rules: {e}", path.display()))?;
            Ok(RuleSource {
                name: path.display().to_string(),
                text,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let options = Options {
        extract: !args.no_extract,
        default_rules: !args.no_default_rules,
        rules,
        url: args.url.clone(),
        max_input_bytes: args.max_size,
        base_url: args.base_url.clone(),
        link_style: match args.link_style {
            LinkStyleArg::Inline => LinkStyle::Inline,
            LinkStyleArg::Reference => LinkStyle::Reference,
        },
        wrap: args.wrap.map(usize::from),
        assets: args
            .assets
            .as_ref()
            .map(|d| d.to_string_lossy().into_owned()),
    };
    Cleaner::new(options).map_err(|e| e.to_string())
}

fn convert_page(cleaner: &Cleaner, args: &Args, page: &Page) -> Result<Document, String> {
    let name = page.name();
    let bytes = read_page(page, args.max_size).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let doc = cleaner
        .convert(&bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if args.explain {
        explain(&name, &doc);
    }
    Ok(doc)
}

/// Reads at most one byte over the limit, so a huge file is refused
/// without being loaded.
fn read_page(page: &Page, max: usize) -> std::io::Result<Vec<u8>> {
    let limit = max.saturating_add(1) as u64;
    let mut bytes = Vec::new();
    match page {
        Page::Stdin => std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?,
        Page::File { path, .. } => std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut bytes)?,
    };
    Ok(bytes)
}

fn deliver(
    dest: &Dest,
    page: &Page,
    doc: &Document,
    index: usize,
    written: &mut HashSet<PathBuf>,
    args: &Args,
) -> Result<Stdout, String> {
    let target = match (dest, page) {
        (Dest::Stdout, _) => {
            write_assets(Path::new(""), doc, args)?;
            let sep = if index > 0 { "\n" } else { "" };
            return output::print(&format!("{sep}{}", doc.markdown))
                .map_err(|e| format!("stdout: {e}"));
        }
        (Dest::File(file), _) => file.to_path_buf(),
        (Dest::Dir(dir), Page::File { relative, .. }) => dir.join(relative).with_extension("md"),
        (Dest::Dir(_), Page::Stdin) => unreachable!("usage check rejects stdin with --out-dir"),
    };
    check_target(page, &target, written)?;
    write_assets(target.parent().unwrap_or(Path::new("")), doc, args)?;
    output::write_atomic(&target, doc.markdown.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    Ok(Stdout::Open)
}

/// Saves the page's assets into `--assets DIR`, taken relative to the
/// folder the Markdown goes to (the links in it are relative to that
/// folder too). Names are content hashes: an existing file is the same.
fn write_assets(markdown_dir: &Path, doc: &Document, args: &Args) -> Result<(), String> {
    let Some(dir) = &args.assets else {
        return Ok(());
    };
    let dir = markdown_dir.join(dir);
    for asset in &doc.assets {
        let path = dir.join(&asset.name);
        if !path.exists() {
            output::write_atomic(&path, &asset.bytes)
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Never overwrite an input, and never write one output twice.
fn check_target(page: &Page, target: &Path, written: &mut HashSet<PathBuf>) -> Result<(), String> {
    if let Page::File { path, .. } = page
        && same_file(path, target)
    {
        return Err(format!(
            "{}: refusing to overwrite the input with its own output",
            target.display()
        ));
    }
    if !written.insert(target.to_path_buf()) {
        return Err(format!(
            "{}: skipped: {} was already written from another input with the same name",
            page.name(),
            target.display()
        ));
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn explain(name: &str, doc: &Document) {
    let r = &doc.report;
    let source = r
        .encoding_source
        .map_or(String::new(), |s| format!(" ({s:?})"));
    eprintln!("{name}: encoding {}{source}", r.encoding);
    for removal in &r.removed {
        eprintln!(
            "{name}: removed by '{}': {} ({} chars)",
            removal.rule, removal.path, removal.chars
        );
    }
    if let Some(a) = &r.article {
        let runner = a.runner_up.as_ref().map_or(String::new(), |(p, s)| {
            format!("; runner-up {p} scored {s:.1}")
        });
        eprintln!(
            "{name}: article {}: {} (score {:.1}{runner})",
            a.path, a.reason, a.score
        );
    }
}
