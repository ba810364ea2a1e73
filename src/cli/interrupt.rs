//! Ctrl-C without partial files: every temp file a write creates is
//! registered until it is renamed into place, and the handler removes the
//! registered ones before exiting with status 130.
//!
//! The registry's lock is held while a temp file is created and while it
//! is renamed, and the handler exits while holding it, so no temp file can
//! appear or turn into an output file after the handler has looked.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tempfile::NamedTempFile;

/// The exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells
/// report it.
const INTERRUPTED: i32 = 130;

static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs the Ctrl-C handler (once per process; later calls do nothing).
pub(crate) fn install() {
    let _ = ctrlc::set_handler(|| {
        let temps = temps();
        for path in temps.iter() {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("declutter: interrupted; no partial file left");
        std::process::exit(INTERRUPTED);
    });
}

/// Creates a registered temp file in `dir`.
pub(crate) fn create_temp(dir: &Path) -> io::Result<NamedTempFile> {
    let mut temps = temps();
    let tmp = tempfile::Builder::new()
        .prefix(".declutter-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temps.push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Renames `tmp` to `path` (or, on error, deletes it) and unregisters it.
pub(crate) fn persist(tmp: NamedTempFile, path: &Path) -> io::Result<()> {
    let mut temps = temps();
    let tmp_path = tmp.path().to_path_buf();
    let result = tmp.persist(path).map(drop).map_err(|e| e.error);
    temps.retain(|p| p != &tmp_path);
    result
}

/// Deletes `tmp` after a failed write and unregisters it.
pub(crate) fn discard(tmp: NamedTempFile) {
    let mut temps = temps();
    temps.retain(|p| p != tmp.path());
    drop(tmp);
}
