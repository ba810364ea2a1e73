//! Rules files from the command line: `--rules FILE|DIR` read into
//! sources, `--verbose` notes about them, and the `declutter rules`
//! command that prints the effective rule set.

use clap::Parser;
use declutter::rules::{RuleNote, RuleSet, RuleSource};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Extensions of rules files looked for inside a `--rules` folder (a
/// collection of site configs, or of lists).
const RULES_EXTENSIONS: &[&str] = &["toml", "txt"];

/// Print the effective rule set (the built-in rules, then those of each
/// --rules file, as one TOML rules file) to stdout, and what was skipped
/// in adblock lists and site configs to stderr.
#[derive(Debug, Parser)]
#[command(name = "declutter rules", bin_name = "declutter rules")]
pub(crate) struct RulesArgs {
    /// Add the rules in FILE, or in every .toml and .txt file of a folder
    /// (TOML, adblock list or site config); repeat for several.
    #[arg(long = "rules", value_name = "FILE")]
    pub(crate) rules: Vec<PathBuf>,

    /// Leave out the built-in rules.
    #[arg(long)]
    pub(crate) no_default_rules: bool,

    /// Also list each skipped line, not only the counts per file.
    #[arg(short = 'v', long)]
    pub(crate) verbose: bool,
}

/// Whether the command line is `declutter rules ...`: the first argument
/// is the word itself (a file named `rules` is converted as `./rules`).
pub(crate) fn is_rules_command(argv: &[OsString]) -> bool {
    argv.get(1).is_some_and(|a| a == "rules")
}

/// Runs `declutter rules`; the error is a message for stderr.
pub(crate) fn run(argv: Vec<OsString>) -> Result<(), String> {
    let args = RulesArgs::parse_from(argv.into_iter().skip(1));
    let rules =
        RuleSet::new(!args.no_default_rules, &load(&args.rules)?).map_err(|e| e.to_string())?;
    print_notes(rules.notes(), args.verbose);
    let listing = rules.to_toml();
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`declutter rules | head`) is not an error.
    let _ = std::io::Write::write_all(&mut stdout, listing.as_bytes());
    Ok(())
}

/// The notes on stderr: per-file counts always, each skipped line only
/// when `verbose`.
pub(crate) fn print_notes(notes: &[RuleNote], verbose: bool) {
    for note in notes.iter().filter(|n| verbose || n.line.is_none()) {
        eprintln!("declutter: {note}");
    }
}

/// Reads the `--rules` paths: files, and the rules files of folders
/// (sorted, not recursive). Any unreadable file stops the run.
pub(crate) fn load(paths: &[PathBuf]) -> Result<Vec<RuleSource>, String> {
    let mut sources = Vec::new();
    for path in paths {
        if path.is_dir() {
            for file in folder_files(path)? {
                sources.push(read(&file)?);
            }
        } else {
            sources.push(read(path)?);
        }
    }
    Ok(sources)
}

fn folder_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read rules folder: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| RULES_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<RuleSource, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: cannot read rules: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: cannot read rules: not UTF-8 text", path.display()))?;
    Ok(RuleSource {
        name: path.display().to_string(),
        text,
    })
}
