//! Converting the jobs in parallel (rayon, `--jobs`) while every result is
//! delivered in input order: workers read pages and convert them, a writer
//! thread writes their files (each is synced to disk before its rename, so
//! a worker would otherwise wait on the disk instead of converting), and
//! what each job came to goes, numbered, to the calling thread, which
//! prints and counts in order. A [`Window`] bounds how far the
//! workers run ahead of that thread, so memory is bounded by the pages in
//! flight, not by the number of pages.

use super::args::Format;
use super::output::{self, Existing, Stdout};
use super::plan::{Dest, Job, Jobs, Mode, Plan, Source, Target};
use super::report::{self, Progress, Tally};
use super::window::Window;
use declutter::output::JsonPage;
use declutter::{Cleaner, Document, Input};
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// What one job came to.
pub(crate) enum Done {
    /// Text for stdout or the `-o` file.
    Text(String),
    Written,
    Unchanged,
    /// `--check`: the file on disk compared with the result.
    Checked(PathBuf, Existing),
    Failed(String),
}

/// A job's result and the `--explain` lines that go with it.
struct Outcome {
    done: Done,
    notes: String,
}

/// Pages each worker may have in flight (being converted, or finished and
/// waiting for a slower page before them): enough that workers rarely wait
/// for the output, few enough that memory stays bounded.
const IN_FLIGHT_PER_WORKER: usize = 4;

/// Runs every job on `threads` workers and returns the counts.
pub(crate) fn run(
    cleaner: &Cleaner,
    plan: &Plan,
    jobs: Jobs<'_>,
    threads: usize,
    progress: Progress,
) -> Result<Tally, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} workers: {e}"))?;
    let stop = AtomicBool::new(false);
    let window = Window::new(threads * IN_FLIGHT_PER_WORKER);
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(threads * IN_FLIGHT_PER_WORKER);
    let (to_write, writes) = mpsc::sync_channel::<(usize, Write)>(threads * IN_FLIGHT_PER_WORKER);
    let mut sink = Sink::new(plan, progress);
    std::thread::scope(|scope| {
        let written = tx.clone();
        scope.spawn(move || {
            for (i, write) in writes {
                let _ = written.send((i, write.run()));
            }
        });
        scope.spawn(|| {
            let work = jobs.enumerate().take_while(|(i, _)| window.admit(*i));
            pool.install(|| {
                work.par_bridge()
                    .for_each_with((tx, to_write), |(tx, to_write), (i, job)| {
                        // A panicking worker never delivers its job: let the
                        // others go instead of waiting for it forever.
                        let _guard = window.close_on_panic();
                        let step = match job {
                            _ if stop.load(Ordering::Relaxed) => return,
                            Ok(job) => process(cleaner, plan, &job),
                            Err(message) => Step::Done(Outcome {
                                done: Done::Failed(message),
                                notes: String::new(),
                            }),
                        };
                        match step {
                            Step::Done(outcome) => {
                                let _ = tx.send((i, outcome));
                            }
                            Step::Write(write) => {
                                let _ = to_write.send((i, write));
                            }
                        }
                    });
            });
        });
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                next += 1;
                if sink.take(outcome) == Stdout::Closed {
                    stop.store(true, Ordering::Relaxed);
                    window.close();
                }
            }
            window.delivered(next);
        }
    });
    sink.finish()
}

/// What a worker hands on for one job.
enum Step {
    Done(Outcome),
    /// A file for the writer thread to write.
    Write(Write),
}

/// A page's file to write, and the `--explain` lines that go with it.
struct Write {
    path: PathBuf,
    text: String,
    notes: String,
}

impl Write {
    /// Writes the file (see [`output::write_atomic`]).
    fn run(self) -> Outcome {
        let done = match output::write_atomic(&self.path, self.text.as_bytes()) {
            Ok(()) => Done::Written,
            Err(e) => Done::Failed(format!("{}: cannot write: {e}", self.path.display())),
        };
        Outcome {
            done,
            notes: self.notes,
        }
    }
}

/// Converts one page and delivers it (a file to write goes to the writer
/// thread; text for the sink goes back to the caller).
fn process(cleaner: &Cleaner, plan: &Plan, job: &Job) -> Step {
    let mut notes = String::new();
    let done = match convert(cleaner, plan, job) {
        Ok(doc) => {
            if plan.explain {
                notes = report::explain(&job.name, &doc);
            }
            match deliver(plan, job, &doc) {
                Delivery::Done(done) => done,
                Delivery::Write(path, text) => return Step::Write(Write { path, text, notes }),
            }
        }
        Err(message) => Done::Failed(message),
    };
    Step::Done(Outcome { done, notes })
}

/// What delivering a page leaves to do.
enum Delivery {
    Done(Done),
    /// The page's file, changed or new, to write.
    Write(PathBuf, String),
}

fn convert(cleaner: &Cleaner, plan: &Plan, job: &Job) -> Result<Document, String> {
    let mut input = Input {
        asset_prefix: job.asset_prefix.as_deref(),
        ..Input::default()
    };
    let converted = match &job.source {
        Source::Stdin(bytes) => {
            input.bytes = bytes;
            cleaner.convert_input(input)
        }
        // The file's bytes are handed over, so they are freed once read.
        Source::File(path) => {
            let bytes = super::plan::read_file_limited(path, plan.max_size)
                .map_err(|e| format!("{}: cannot read: {e}", job.name))?;
            cleaner.convert_owned(bytes, input)
        }
        Source::Record { response, .. } => {
            input.bytes = &response.body;
            input.url = Some(&response.target_uri);
            input.charset = response.charset.as_deref();
            cleaner.convert_input(input)
        }
    };
    converted.map_err(|e| format!("{}: {e}", job.name))
}

/// The page as its format and destination want it.
fn render(plan: &Plan, job: &Job, doc: &Document) -> String {
    if plan.format == Format::Markdown {
        return if plan.front_matter_for(&job.target) {
            doc.markdown_with_front_matter()
        } else {
            doc.markdown.clone()
        };
    }
    let mut page = JsonPage::new(doc);
    let file;
    match &job.source {
        Source::File(path) => {
            file = Some(path.display().to_string());
            page.file = file.as_deref();
        }
        Source::Record { archive, response } => {
            file = archive.as_deref().map(|a| a.display().to_string());
            page.file = file.as_deref();
            page.warc_date = response.date.as_deref();
            page.warc_record_id = response.record_id.as_deref();
        }
        Source::Stdin(_) => {}
    }
    match plan.format {
        Format::Jsonl => page.to_line() + "\n",
        _ => page.to_pretty(),
    }
}

fn deliver(plan: &Plan, job: &Job, doc: &Document) -> Delivery {
    let text = render(plan, job, doc);
    let Target::File(path) = &job.target else {
        return Delivery::Done(match write_assets(plan, doc) {
            Ok(()) => Done::Text(text),
            Err(message) => Done::Failed(format!("{}: {message}", job.name)),
        });
    };
    let state = output::existing(path, text.as_bytes());
    if plan.mode == Mode::Check {
        return Delivery::Done(Done::Checked(path.clone(), state));
    }
    if let Err(message) = write_assets(plan, doc) {
        return Delivery::Done(Done::Failed(format!("{}: {message}", job.name)));
    }
    if state == Existing::Current {
        return Delivery::Done(Done::Unchanged);
    }
    Delivery::Write(path.clone(), text)
}

/// Saves the page's images under `--assets DIR`. A name holds a hash of
/// the bytes, so a file that exists already holds the same image.
fn write_assets(plan: &Plan, doc: &Document) -> Result<(), String> {
    let Some(dir) = &plan.assets else {
        return Ok(());
    };
    for asset in &doc.assets {
        let path = dir.join(&asset.name);
        if !path.exists() {
            output::write_atomic(&path, &asset.bytes)
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The calling thread's side: results in order, to stdout or the `-o`
/// file, messages to stderr, counts for the summary.
struct Sink<'a> {
    plan: &'a Plan,
    progress: Progress,
    tally: Tally,
    /// What goes into the `-o` file.
    collected: String,
    printed: bool,
    stdout_open: bool,
}

impl<'a> Sink<'a> {
    fn new(plan: &'a Plan, progress: Progress) -> Self {
        Sink {
            plan,
            progress,
            tally: Tally::default(),
            collected: String::new(),
            printed: false,
            stdout_open: true,
        }
    }

    fn take(&mut self, outcome: Outcome) -> Stdout {
        if !outcome.notes.is_empty() {
            self.progress.eprint(outcome.notes.trim_end());
        }
        match outcome.done {
            Done::Text(text) => self.text(text),
            Done::Written => self.tally.converted += 1,
            Done::Unchanged => self.tally.unchanged += 1,
            Done::Checked(path, state) => self.checked(path, state),
            Done::Failed(message) => {
                self.tally.failed += 1;
                self.progress.eprint(&format!("declutter: {message}"));
            }
        }
        self.progress.tick();
        if self.stdout_open {
            Stdout::Open
        } else {
            Stdout::Closed
        }
    }

    fn text(&mut self, text: String) {
        self.tally.converted += 1;
        let sep = if self.printed && self.plan.format == Format::Markdown {
            "\n"
        } else {
            ""
        };
        self.printed = true;
        if let Dest::File(_) = self.plan.dest {
            self.collected.push_str(sep);
            self.collected.push_str(&text);
            return;
        }
        match self
            .progress
            .suspend(|| output::print(&format!("{sep}{text}")))
        {
            Ok(Stdout::Open) => {}
            Ok(Stdout::Closed) => self.stdout_open = false,
            Err(e) => {
                self.progress.eprint(&format!("declutter: stdout: {e}"));
                self.stdout_open = false;
                self.tally.failed += 1;
            }
        }
    }

    fn checked(&mut self, path: PathBuf, state: Existing) {
        let word = match state {
            Existing::Current => {
                self.tally.current += 1;
                return;
            }
            Existing::Missing => "missing",
            Existing::Stale => "stale",
        };
        self.tally.stale += 1;
        let line = format!("{}: {word}\n", path.display());
        if self.progress.suspend(|| output::print(&line)).is_err() {
            self.stdout_open = false;
        }
    }

    /// Writes the `-o` file, then returns the counts.
    fn finish(mut self) -> Result<Tally, String> {
        self.progress.finish();
        if let Dest::File(path) = &self.plan.dest
            && self.printed
        {
            let state = output::existing(path, self.collected.as_bytes());
            if state != Existing::Current
                && let Err(e) = output::write_atomic(path, self.collected.as_bytes())
            {
                eprintln!("declutter: {}: cannot write: {e}", path.display());
                self.tally.failed += 1;
                self.tally.converted = 0;
            }
        }
        Ok(self.tally)
    }
}
