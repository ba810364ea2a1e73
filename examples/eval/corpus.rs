//! The three corpus layouts: detection, and loading pages with their references.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Which layout a corpus folder has, and so how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `DIR/*/source.html` + `expected.html` + `expected-metadata.json`.
    Readability,
    /// `DIR/truth.json` + `DIR/pages/NAME.html`.
    Trafilatura,
    /// `DIR/NAME.html` + `DIR/NAME.notes.txt` (`KEEP:` / `DROP:` lines).
    Notes,
}

impl Kind {
    /// The name used in the JSON output.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Readability => "readability",
            Kind::Trafilatura => "trafilatura-eval",
            Kind::Notes => "notes",
        }
    }
}

/// What a page is scored against.
#[derive(Debug, Clone)]
pub enum Truth {
    /// Readability's expected article HTML and metadata.
    Readability {
        expected_html: String,
        title: Option<String>,
        byline: Option<String>,
    },
    /// Sentences that must (`with`) and must not (`without`) appear.
    Sentences {
        with: Vec<String>,
        without: Vec<String>,
    },
}

/// One page to convert.
#[derive(Debug, Clone)]
pub struct Page {
    pub name: String,
    pub source: PathBuf,
    pub url: Option<String>,
    pub truth: Truth,
}

/// A loaded corpus; pages are sorted by name.
#[derive(Debug)]
pub struct Corpus {
    pub name: String,
    pub kind: Kind,
    pub pages: Vec<Page>,
}

/// Loads the corpus at `dir`: `Ok(None)` when the folder does not exist,
/// `Err` when its layout is unknown or a reference file is broken.
pub fn load(dir: &Path) -> Result<Option<Corpus>, String> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let kind = detect(dir)?.ok_or("unrecognised corpus layout")?;
    let mut pages = match kind {
        Kind::Readability => load_readability(dir)?,
        Kind::Trafilatura => load_trafilatura(dir)?,
        Kind::Notes => load_notes(dir)?,
    };
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    let name = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Some(Corpus { name, kind, pages }))
}

/// Recognises the layout from the files present.
fn detect(dir: &Path) -> Result<Option<Kind>, String> {
    if dir.join("truth.json").is_file() {
        return Ok(Some(Kind::Trafilatura));
    }
    let entries = list(dir)?;
    if entries.iter().any(|p| p.join("source.html").is_file()) {
        return Ok(Some(Kind::Readability));
    }
    let has_notes = entries.iter().any(|p| notes_stem(p).is_some());
    Ok(has_notes.then_some(Kind::Notes))
}

/// The entries of a folder.
fn list(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let read = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    read.map(|e| {
        e.map(|e| e.path())
            .map_err(|e| format!("{}: {e}", dir.display()))
    })
    .collect()
}

/// Reads a UTF-8 text file (invalid bytes replaced), naming it on error.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Fields of `expected-metadata.json` that are scored.
#[derive(Deserialize)]
struct ExpectedMetadata {
    title: Option<String>,
    byline: Option<String>,
}

/// Every sub-folder with a `source.html`.
fn load_readability(dir: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    for sub in list(dir)? {
        if sub.join("source.html").is_file() {
            pages.push(readability_page(&sub)?);
        }
    }
    Ok(pages)
}

/// One Readability test folder.
fn readability_page(sub: &Path) -> Result<Page, String> {
    let meta_path = sub.join("expected-metadata.json");
    let meta: ExpectedMetadata = serde_json::from_str(&read_text(&meta_path)?)
        .map_err(|e| format!("{}: {e}", meta_path.display()))?;
    let truth = Truth::Readability {
        expected_html: read_text(&sub.join("expected.html"))?,
        title: meta.title,
        byline: meta.byline,
    };
    Ok(Page {
        name: sub.file_name().unwrap_or_default().to_string_lossy().into(),
        source: sub.join("source.html"),
        url: None,
        truth,
    })
}

/// One entry of `truth.json`.
#[derive(Deserialize)]
struct TruthEntry {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// Every entry of `truth.json`; its key is the file name under `pages/`.
fn load_trafilatura(dir: &Path) -> Result<Vec<Page>, String> {
    let path = dir.join("truth.json");
    let truth: BTreeMap<String, TruthEntry> =
        serde_json::from_str(&read_text(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let pages = truth.into_iter().map(|(file, entry)| Page {
        name: file.strip_suffix(".html").unwrap_or(&file).to_string(),
        source: dir.join("pages").join(&file),
        url: entry.url.filter(|u| !u.trim().is_empty()),
        truth: Truth::Sentences {
            with: entry.with,
            without: entry.without,
        },
    });
    Ok(pages.collect())
}

/// `NAME` for a file called `NAME.notes.txt`.
fn notes_stem(path: &Path) -> Option<String> {
    let file = path.file_name()?.to_str()?;
    file.strip_suffix(".notes.txt").map(str::to_string)
}

/// Every `NAME.notes.txt` with its `NAME.html` beside it.
fn load_notes(dir: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    for path in list(dir)? {
        let Some(stem) = notes_stem(&path) else {
            continue;
        };
        let source = dir.join(format!("{stem}.html"));
        if !source.is_file() {
            return Err(format!("{}: no {stem}.html beside it", path.display()));
        }
        let (with, without) = parse_notes(&read_text(&path)?);
        let truth = Truth::Sentences { with, without };
        pages.push(Page {
            name: stem,
            source,
            url: None,
            truth,
        });
    }
    Ok(pages)
}

/// `KEEP: snippet` lines and `DROP: snippet` lines; other lines are ignored.
pub fn parse_notes(text: &str) -> (Vec<String>, Vec<String>) {
    let (mut keep, mut drop) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let line = line.trim();
        if let Some(s) = line.strip_prefix("KEEP:") {
            keep.push(s.trim().to_string());
        } else if let Some(s) = line.strip_prefix("DROP:") {
            drop.push(s.trim().to_string());
        }
    }
    (keep, drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_lines_are_parsed() {
        let text = "# comment\nKEEP: The article  \n\nDROP: Subscribe now\nother\n  KEEP:x";
        let (keep, drop) = parse_notes(text);
        assert_eq!(keep, ["The article", "x"]);
        assert_eq!(drop, ["Subscribe now"]);
    }

    #[test]
    fn missing_folder_is_none() {
        assert!(matches!(
            load(Path::new("/nonexistent/corpus/dir")),
            Ok(None)
        ));
    }

    #[test]
    fn layouts_are_detected() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).is_err());
        fs::write(dir.path().join("a.html"), "<p>hi</p>").unwrap();
        fs::write(dir.path().join("a.notes.txt"), "KEEP: hi\n").unwrap();
        let corpus = load(dir.path()).unwrap().unwrap();
        assert_eq!(corpus.kind, Kind::Notes);
        assert_eq!(corpus.pages.len(), 1);
        assert_eq!(corpus.pages[0].name, "a");
    }
}
