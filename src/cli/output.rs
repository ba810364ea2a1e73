//! Writing results: files atomically (a temp file in the same folder, then
//! a rename, so no reader ever sees half a file), stdout with broken pipes
//! treated as the reader having had enough.

use super::interrupt;
use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to `path` through a temp file and a rename. The temp
/// file is removed on error and on Ctrl-C (see `interrupt`).
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = interrupt::create_temp(dir)?;
    let written = tmp
        .write_all(contents)
        .and_then(|()| tmp.as_file().sync_all());
    match written {
        Ok(()) => interrupt::persist(tmp, path),
        Err(e) => {
            interrupt::discard(tmp);
            Err(e)
        }
    }
}

/// What a file already holds compared with what would be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    Missing,
    Stale,
    Current,
}

/// Compares `path`'s content with `contents`.
pub(crate) fn existing(path: &Path, contents: &[u8]) -> Existing {
    match std::fs::read(path) {
        Ok(old) if old == contents => Existing::Current,
        Ok(_) => Existing::Stale,
        Err(_) => Existing::Missing,
    }
}

/// Whether writing to stdout should go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stdout {
    Open,
    Closed,
}

pub(crate) fn print(text: &str) -> io::Result<Stdout> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(Stdout::Open),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Stdout::Closed),
        Err(e) => Err(e),
    }
}
