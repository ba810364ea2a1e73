//! Writing results: files atomically (a temp file in the same folder, then
//! a rename, so no reader ever sees half a file), stdout with broken pipes
//! treated as the reader having had enough.

use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to `path` through a temp file and a rename.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".declutter-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether writing to stdout should go on.
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
