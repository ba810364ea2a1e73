//! Running the command: build the cleaner, plan the jobs, run them,
//! report.

use super::args::{Args, Format, LinkStyleArg};
use super::batch;
use super::inputs::{self, Page};
use super::interrupt;
use super::plan::{Dest, Jobs, Mode, Plan};
use super::report::Progress;
use super::rules;
use declutter::{Cleaner, LinkStyle, Options};
use std::io::IsTerminal;
use std::time::Instant;

pub(crate) enum Outcome {
    /// Every page converted; with --write nothing needed writing, with
    /// --check every copy is current.
    AllConverted,
    /// A page failed, or --write wrote, or --check found stale copies.
    SomeFailed,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, String> {
    let started = Instant::now();
    let cleaner = build_cleaner(args)?;
    let (pages, problems) = inputs::expand(&args.inputs);
    check_usage(args, &pages)?;
    problems.iter().for_each(|p| eprintln!("declutter: {p}"));
    let plan = Plan::new(args);
    if !matches!(plan.dest, Dest::Stdout) || plan.assets.is_some() {
        interrupt::install();
    }
    let archive = pages
        .iter()
        .any(|p| p.name().to_ascii_lowercase().contains(".warc"));
    let progress = Progress::new(args.quiet, pages.len(), archive);
    let threads = args
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let tally = batch::run(&cleaner, &plan, Jobs::new(&plan, pages), threads, progress)?;
    if !args.quiet && tally.pages() > 1 {
        eprintln!(
            "declutter: {}",
            tally.summary(plan.mode == Mode::Check, started)
        );
    }
    let unclean = match plan.mode {
        Mode::Convert => false,
        Mode::Write => tally.converted > 0,
        Mode::Check => tally.stale > 0,
    };
    Ok(if tally.failed > 0 || !problems.is_empty() || unclean {
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
    if stdin && (args.out_dir.is_some() || args.write || args.check) {
        return Err(
            "--out-dir, --write and --check need file or folder inputs; use -o FILE for stdin"
                .into(),
        );
    }
    if args.format == Format::Jsonl && (args.out_dir.is_some() || args.write || args.check) {
        return Err("--format jsonl writes to stdout or to the -o file".into());
    }
    if stdin && args.inputs.is_empty() && std::io::stdin().is_terminal() {
        return Err(
            "no input: give saved pages or folders, or pipe a page into stdin (see --help)".into(),
        );
    }
    Ok(())
}

fn build_cleaner(args: &Args) -> Result<Cleaner, String> {
    let rules = rules::load(&args.rules)?;
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
        assets: None,
    };
    let cleaner = Cleaner::new(options).map_err(|e| e.to_string())?;
    if args.verbose {
        rules::print_notes(cleaner.rule_notes(), true);
    }
    Ok(cleaner)
}
