//! What the run tells the person at the terminal: `--explain` lines, the
//! progress bar for large batches, and the closing summary.

use declutter::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write;
use std::io::IsTerminal;
use std::time::Instant;

/// Batches of at least this many pages get a progress bar (on a terminal):
/// fewer finish before a bar would tell anything.
const PROGRESS_MIN_PAGES: usize = 50;

/// The counts the summary reports.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    /// Pages printed or written.
    pub(crate) converted: usize,
    /// Pages whose file already held the same content (left untouched).
    pub(crate) unchanged: usize,
    pub(crate) failed: usize,
    /// `--check`: copies missing or stale, and copies current.
    pub(crate) stale: usize,
    pub(crate) current: usize,
}

impl Tally {
    /// The summary line, e.g. `12 converted, 3 unchanged, 1 failed in
    /// 0.84 s`.
    pub(crate) fn summary(&self, check: bool, started: Instant) -> String {
        let seconds = started.elapsed().as_secs_f64();
        if check {
            format!(
                "{} missing or stale, {} current, {} failed in {seconds:.2} s",
                self.stale, self.current, self.failed
            )
        } else {
            format!(
                "{} converted, {} unchanged, {} failed in {seconds:.2} s",
                self.converted, self.unchanged, self.failed
            )
        }
    }

    pub(crate) fn pages(&self) -> usize {
        self.converted + self.unchanged + self.failed + self.stale + self.current
    }
}

/// A progress bar on stderr, or nothing.
pub(crate) struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar when stderr is a terminal and the batch is large: `pages`
    /// known pages, or an archive of unknown size.
    pub(crate) fn new(quiet: bool, pages: usize, archive: bool) -> Progress {
        let large = pages >= PROGRESS_MIN_PAGES || archive;
        if quiet || !large || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = if archive {
            ProgressBar::no_length()
        } else {
            ProgressBar::new(pages as u64)
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        let template = if archive {
            "{spinner} {pos} pages {elapsed}"
        } else {
            "{bar:40} {pos}/{len} pages {elapsed}, {eta} left"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    pub(crate) fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// A message on stderr, above the bar.
    pub(crate) fn eprint(&self, message: &str) {
        self.suspend(|| eprintln!("{message}"));
    }

    /// Runs `f` with the bar hidden, so output does not mix with it.
    pub(crate) fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// The `--explain` lines for one page.
pub(crate) fn explain(name: &str, doc: &Document) -> String {
    let r = &doc.report;
    let mut out = String::new();
    let source = r
        .encoding_source
        .map_or(String::new(), |s| format!(" ({s:?})"));
    let _ = writeln!(out, "{name}: encoding {}{source}", r.encoding);
    for removal in &r.removed {
        let text = if removal.text.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", removal.text)
        };
        let _ = writeln!(
            out,
            "{name}: removed by '{}': {}{text} ({} chars)",
            removal.rule, removal.path, removal.chars
        );
    }
    if let Some(a) = &r.article {
        let runner = a.runner_up.as_ref().map_or(String::new(), |(p, s)| {
            format!("; runner-up {p} scored {s:.1}")
        });
        let _ = writeln!(
            out,
            "{name}: article {}: {} (score {:.1}{runner})",
            a.path, a.reason, a.score
        );
    }
    out
}
