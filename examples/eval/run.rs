//! Running conversions: panics caught per page, timing, and a work-sharing
//! thread pool whose results come back in input order.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use declutter::{Cleaner, Document, Options};

/// Worker stack size: generous, since a stack overflow cannot be caught.
const STACK_BYTES: usize = 64 * 1024 * 1024;

thread_local! {
    /// Set while a conversion runs: its panics are recorded, not printed.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the last captured panic.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The last cleaner built on this thread, with the URL it was built for.
    static CLEANER: RefCell<Option<Rc<Cleaner>>> = const { RefCell::new(None) };
}

/// Routes panics inside [`guarded`] to [`LAST_PANIC`]; others print as usual.
pub fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !CAPTURING.get() {
            return default(info);
        }
        let message = info.payload_as_str().unwrap_or("(non-string payload)");
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        LAST_PANIC.set(Some(format!("{message}{place}")));
    }));
}

/// Runs `f`, turning an `Err` or a panic into a message.
fn guarded<T>(f: impl FnOnce() -> Result<T, declutter::Error>) -> Result<T, String> {
    CAPTURING.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.set(false);
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(format!("error: {e}")),
        Err(_) => Err(format!("panic: {}", LAST_PANIC.take().unwrap_or_default())),
    }
}

/// What converting one page gave.
#[derive(Debug, Default)]
pub struct Outcome {
    pub markdown: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Why the page failed (read error, `Err` or panic); its output is empty.
    pub error: Option<String>,
    /// Time spent in `Cleaner::convert` alone.
    pub convert: Duration,
    /// Time spent getting the `Cleaner` (`Cleaner::new` unless reused).
    pub setup: Duration,
}

/// Reads and converts one page; failures leave the output empty.
pub fn convert_page(source: &Path, url: Option<&str>) -> Outcome {
    let bytes = match std::fs::read(source) {
        Ok(bytes) => bytes,
        Err(e) => return failed(format!("read {}: {e}", source.display())),
    };
    let start = Instant::now();
    let cleaner = cleaner_for();
    let setup = start.elapsed();
    let mut outcome = match cleaner {
        Ok(cleaner) => timed_convert(&cleaner, &bytes, url),
        Err(e) => failed(e),
    };
    outcome.setup = setup;
    outcome
}

/// This thread's cleaner, built once: the page's URL is given per call.
fn cleaner_for() -> Result<Rc<Cleaner>, String> {
    CLEANER.with_borrow_mut(|slot| {
        if let Some(cleaner) = slot.as_ref() {
            return Ok(Rc::clone(cleaner));
        }
        let cleaner = Rc::new(guarded(|| Cleaner::new(Options::default()))?);
        *slot = Some(Rc::clone(&cleaner));
        Ok(cleaner)
    })
}

/// Converts with panics caught, timing `Cleaner::convert` alone.
fn timed_convert(cleaner: &Cleaner, bytes: &[u8], url: Option<&str>) -> Outcome {
    let start = Instant::now();
    let result = guarded(|| cleaner.convert_at(bytes, url));
    let convert = start.elapsed();
    let mut outcome = match result {
        Ok(doc) => succeeded(doc),
        Err(e) => failed(e),
    };
    outcome.convert = convert;
    outcome
}

fn failed(error: String) -> Outcome {
    Outcome {
        error: Some(error),
        ..Outcome::default()
    }
}

fn succeeded(doc: Document) -> Outcome {
    Outcome {
        markdown: doc.markdown,
        title: doc.metadata.title,
        byline: doc.metadata.byline,
        ..Outcome::default()
    }
}

/// Maps `f` over `items` on `jobs` threads; results keep the input order.
pub fn parallel_map<T, R, F>(items: &[T], jobs: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break done };
            done.push((i, f(item)));
        }
    };
    let mut results = thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs.clamp(1, items.len().max(1)))
            .map(|_| spawn(scope, &worker))
            .collect();
        let joined = handles.into_iter().flat_map(|h| h.join().expect("worker"));
        joined.collect::<Vec<_>>()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Starts one worker with a large stack.
fn spawn<'scope, 'env, R: Send + 'scope>(
    scope: &'scope thread::Scope<'scope, 'env>,
    work: &'scope (impl Fn() -> R + Sync),
) -> thread::ScopedJoinHandle<'scope, R> {
    thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn_scoped(scope, work)
        .expect("spawn worker thread")
}

/// All cores unless told otherwise.
pub fn default_jobs() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..100).collect();
        assert_eq!(
            parallel_map(&items, 4, |x| x * 2),
            (0..200).step_by(2).collect::<Vec<_>>()
        );
        assert!(parallel_map(&Vec::<u8>::new(), 4, |x| *x).is_empty());
    }

    #[test]
    fn panics_and_errors_become_messages() {
        install_panic_hook();
        let p: Result<(), String> = guarded(|| panic!("boom"));
        let message = p.unwrap_err();
        assert!(message.starts_with("panic: boom at "), "{message}");
        let e: Result<(), String> =
            guarded(|| Err(declutter::Error::TooLarge { size: 2, limit: 1 }));
        assert!(e.unwrap_err().starts_with("error: input is 2 bytes"));
    }

    #[test]
    fn missing_page_is_a_failure() {
        let outcome = convert_page(Path::new("/nonexistent/page.html"), None);
        assert!(outcome.error.unwrap().starts_with("read "));
        assert!(outcome.markdown.is_empty());
    }
}
