//! The command line: arguments (no I/O), then a runner over the inputs.
//!
//! Exit codes: 0 when every input converted, 1 when one or more inputs
//! failed (each named on stderr; the others are still converted), 2 for a
//! usage error or an invalid rules file (nothing is converted).

mod args;
mod inputs;
mod output;
mod run;

use clap::Parser;
use std::process::ExitCode;

pub(crate) fn main() -> ExitCode {
    let args = args::Args::parse();
    match run::run(&args) {
        Ok(run::Outcome::AllConverted) => ExitCode::SUCCESS,
        Ok(run::Outcome::SomeFailed) => ExitCode::from(1),
        Err(message) => {
            eprintln!("declutter: {message}");
            ExitCode::from(2)
        }
    }
}
