//! The command line: arguments (no I/O), a plan of jobs with their
//! destinations, a parallel batch that delivers results in input order.
//!
//! Exit codes: 0 when every input converted, 1 when one or more inputs
//! failed (each named on stderr; the others are still converted), when
//! `--write` wrote a file or when `--check` found a copy missing or stale;
//! 2 for a usage error or an invalid rules file (nothing is converted);
//! 130 when interrupted by Ctrl-C.

mod args;
mod batch;
mod inputs;
mod interrupt;
mod names;
mod output;
mod plan;
mod report;
mod rules;
mod run;

use clap::Parser;
use std::process::ExitCode;

pub(crate) fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if rules::is_rules_command(&argv) {
        return match rules::run(argv) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("declutter: {message}");
                ExitCode::from(2)
            }
        };
    }
    let args = args::Args::parse_from(argv);
    match run::run(&args) {
        Ok(run::Outcome::AllConverted) => ExitCode::SUCCESS,
        Ok(run::Outcome::SomeFailed) => ExitCode::from(1),
        Err(message) => {
            eprintln!("declutter: {message}");
            ExitCode::from(2)
        }
    }
}
