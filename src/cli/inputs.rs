//! Turning the command line's inputs into a list of pages to convert.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions of saved pages looked for inside folders; each may also be
/// followed by `.gz`.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "mhtml", "mht", "warc"];

/// One page to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Page {
    Stdin,
    /// A file; `relative` is its path below the folder it was found in
    /// (just the file name for a file given directly).
    File {
        path: PathBuf,
        relative: PathBuf,
    },
}

impl Page {
    pub(crate) fn name(&self) -> String {
        match self {
            Page::Stdin => "<stdin>".to_string(),
            Page::File { path, .. } => path.display().to_string(),
        }
    }
}

/// Expands folders into their pages, sorted by path. Problems (a missing
/// path, a folder without pages, an unreadable folder entry) are returned
/// beside the pages, so that the other inputs still run.
pub(crate) fn expand(inputs: &[PathBuf]) -> (Vec<Page>, Vec<String>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    if inputs.is_empty() {
        pages.push(Page::Stdin);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            pages.push(Page::Stdin);
        } else if input.is_dir() {
            walk_folder(input, &mut pages, &mut problems);
        } else if input.exists() {
            let relative = PathBuf::from(input.file_name().unwrap_or(input.as_os_str()));
            pages.push(Page::File {
                path: input.clone(),
                relative,
            });
        } else {
            problems.push(format!("{}: no such file or folder", input.display()));
        }
    }
    (pages, problems)
}

fn walk_folder(dir: &Path, pages: &mut Vec<Page>, problems: &mut Vec<String>) {
    let before = pages.len();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_page(e.path()) => {
                let relative = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
                pages.push(Page::File {
                    path: e.path().to_path_buf(),
                    relative,
                });
            }
            Ok(_) => {}
            Err(err) => problems.push(walk_error(dir, &err)),
        }
    }
    if pages.len() == before {
        problems.push(format!(
            "{}: no saved pages (.html, .htm, .xhtml, .mhtml, .mht, .warc, or .gz of them) in this folder",
            dir.display()
        ));
    }
}

fn walk_error(dir: &Path, err: &walkdir::Error) -> String {
    let path = err.path().unwrap_or(dir).display();
    if err.loop_ancestor().is_some() {
        format!("{path}: skipped: a symbolic link loops back to a folder above it")
    } else {
        let cause = err
            .io_error()
            .map_or_else(|| err.to_string(), |e| e.to_string());
        format!("{path}: cannot read: {cause}")
    }
}

fn is_page(path: &Path) -> bool {
    let has = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("gz") => has(&path.with_extension("")),
        _ => has(path),
    }
}

/// The file name without its page extensions: `a.html` and `a.html.gz`
/// give `a`, `crawl.warc.gz` gives `crawl`.
pub(crate) fn stem(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..2 {
        if path.extension().is_some() && is_page_or_gz(&path) {
            path = path.with_extension("");
        }
    }
    path
}

fn is_page_or_gz(path: &Path) -> bool {
    is_page(path)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}
