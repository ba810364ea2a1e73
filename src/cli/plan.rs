//! What the run does: the settings the arguments resolve to, and the list
//! of jobs (one per page, one per HTML record of a WARC archive), each with
//! its destination decided up front, in input order, so that outputs are
//! the same whatever order the pages finish in.

use super::args::{Args, Format};
use super::inputs::{self, Page};
use super::names::Names;
use declutter::input::warc::{self, Response, Responses};
use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{BufRead, Read};
use std::path::{Component, Path, PathBuf};

/// What happens to each page's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Print it or write it (files whose content is already right are left
    /// untouched).
    Convert,
    /// `--write`: like `Convert`, but exit 1 when a file was written.
    Write,
    /// `--check`: compare with the file on disk, write nothing.
    Check,
}

/// Where results go, as the arguments say.
#[derive(Debug, Clone)]
pub(crate) enum Dest {
    Stdout,
    /// `-o FILE`: everything that would go to stdout.
    File(PathBuf),
    /// `--out-dir DIR`: one file per page, sub-folders mirrored.
    OutDir(PathBuf),
    /// `--write`/`--check` without `--out-dir`: beside each input.
    Beside,
}

/// The run's settings, resolved from the arguments.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) mode: Mode,
    pub(crate) dest: Dest,
    pub(crate) format: Format,
    /// `Some` when forced by `--front-matter`/`--no-front-matter`.
    pub(crate) front_matter: Option<bool>,
    pub(crate) assets: Option<PathBuf>,
    pub(crate) explain: bool,
    pub(crate) max_size: usize,
}

impl Plan {
    pub(crate) fn new(args: &Args) -> Plan {
        let mode = if args.check {
            Mode::Check
        } else if args.write {
            Mode::Write
        } else {
            Mode::Convert
        };
        let dest = match (&args.output, &args.out_dir) {
            (Some(file), _) => Dest::File(file.clone()),
            (None, Some(dir)) => Dest::OutDir(dir.clone()),
            (None, None) if mode != Mode::Convert => Dest::Beside,
            (None, None) => Dest::Stdout,
        };
        let front_matter = if args.no_front_matter {
            Some(false)
        } else {
            args.front_matter.then_some(true)
        };
        Plan {
            mode,
            dest,
            format: args.format,
            front_matter,
            assets: args.assets.clone(),
            explain: args.explain,
            max_size: args.max_size,
        }
    }

    /// Front matter is on by default in files written to disk, off on
    /// stdout (where the Markdown usually feeds another program).
    pub(crate) fn front_matter_for(&self, target: &Target) -> bool {
        self.front_matter.unwrap_or(match target {
            Target::File(_) => true,
            Target::Sink => matches!(self.dest, Dest::File(_)),
        })
    }

    fn extension(&self) -> &'static str {
        match self.format {
            Format::Markdown => "md",
            Format::Json | Format::Jsonl => "json",
        }
    }
}

/// Where one page's result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Stdout, or the single `-o` file: results are joined in input order.
    Sink,
    /// A file of its own.
    File(PathBuf),
}

/// Where a page's bytes come from.
#[derive(Debug)]
pub(crate) enum Source {
    Stdin(Vec<u8>),
    File(PathBuf),
    Record {
        /// The archive's file; `None` for stdin.
        archive: Option<PathBuf>,
        response: Response,
    },
}

/// One page to convert.
#[derive(Debug)]
pub(crate) struct Job {
    /// How messages name it: the path, or the archive and the page's URI.
    pub(crate) name: String,
    pub(crate) source: Source,
    pub(crate) target: Target,
    /// Where its Markdown links saved images to (`--assets`).
    pub(crate) asset_prefix: Option<String>,
}

/// The jobs of a run, produced one at a time (a WARC archive's records are
/// read as they are needed); a problem that keeps a page from being a job
/// is an `Err` with its message, in its place in the order.
pub(crate) struct Jobs<'a> {
    plan: &'a Plan,
    pages: std::vec::IntoIter<Page>,
    archive: Option<Archive>,
    targets: HashSet<PathBuf>,
}

/// The WARC archive being read.
struct Archive {
    /// The archive's file; `None` for stdin.
    path: Option<PathBuf>,
    folder: Option<PathBuf>,
    records: Responses<Box<dyn BufRead + Send>>,
    names: Names,
}

impl<'a> Jobs<'a> {
    pub(crate) fn new(plan: &'a Plan, pages: Vec<Page>) -> Self {
        Jobs {
            plan,
            pages: pages.into_iter(),
            archive: None,
            targets: HashSet::new(),
        }
    }

    fn next_page(&mut self, page: Page) -> Option<Result<Job, String>> {
        let (path, relative) = match page {
            Page::Stdin => return self.stdin_page(),
            Page::File { path, relative } => (path, relative),
        };
        let name = path.display().to_string();
        match is_warc(&path) {
            Ok(true) => {
                let folder = match &self.plan.dest {
                    Dest::Stdout | Dest::File(_) => None,
                    Dest::OutDir(dir) => Some(dir.join(inputs::stem(&relative))),
                    Dest::Beside => Some(inputs::stem(&path)),
                };
                return match std::fs::File::open(&path) {
                    Ok(file) => self.open_archive(Some(path), file, folder),
                    Err(e) => Some(Err(format!("{name}: cannot read: {e}"))),
                };
            }
            Ok(false) => {}
            Err(e) => return Some(Err(format!("{name}: cannot read: {e}"))),
        }
        let target = match &self.plan.dest {
            Dest::Stdout | Dest::File(_) => Target::Sink,
            Dest::OutDir(dir) => {
                Target::File(dir.join(output_name(&relative, self.plan.extension())))
            }
            Dest::Beside => Target::File(output_name(&path, self.plan.extension())),
        };
        Some(self.job(name, Source::File(path), target))
    }

    /// One page from stdin, or a WARC archive streamed from it
    /// (`zcat crawl.warc.gz | declutter --format jsonl`).
    fn stdin_page(&mut self) -> Option<Result<Job, String>> {
        let mut prefix = Vec::new();
        let mut stdin = std::io::stdin();
        if let Err(e) = (&mut stdin).take(SNIFF_BYTES).read_to_end(&mut prefix) {
            return Some(Err(format!("<stdin>: cannot read: {e}")));
        }
        let whole = std::io::Cursor::new(prefix).chain(stdin);
        if is_warc_start(whole.get_ref().0.get_ref()) {
            return self.open_archive(None, whole, None);
        }
        let job = read_limited(whole, self.plan.max_size)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))
            .and_then(|bytes| self.job("<stdin>".to_string(), Source::Stdin(bytes), Target::Sink));
        Some(job)
    }

    /// Starts reading a WARC archive; its pages go into `folder` (named
    /// after the archive, beside it or under `--out-dir`) or to the sink.
    fn open_archive(
        &mut self,
        path: Option<PathBuf>,
        reader: impl Read + Send + 'static,
        folder: Option<PathBuf>,
    ) -> Option<Result<Job, String>> {
        let shown = path
            .as_deref()
            .map_or("<stdin>".into(), |p| p.display().to_string());
        let records = match warc::responses(reader, self.plan.max_size) {
            Ok(r) => r,
            Err(e) => return Some(Err(format!("{shown}: {e}"))),
        };
        self.archive = Some(Archive {
            path,
            folder,
            records,
            names: Names::default(),
        });
        self.next()
    }

    fn next_record(&mut self) -> Option<Result<Job, String>> {
        let archive = self.archive.as_mut()?;
        let shown = archive
            .path
            .as_deref()
            .map_or("<stdin>".into(), |p| p.display().to_string());
        let response = match archive.records.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(format!("{shown}: {e}"))),
        };
        let name = format!("{shown}: {}", response.target_uri);
        let target = match &archive.folder {
            None => Target::Sink,
            Some(folder) => {
                let file = archive.names.name_for(&response.target_uri);
                Target::File(folder.join(format!("{file}.{}", self.plan.extension())))
            }
        };
        let source = Source::Record {
            archive: archive.path.clone(),
            response,
        };
        Some(self.job(name, source, target))
    }

    /// The job, unless its target would overwrite its input or an output
    /// written for an earlier page.
    fn job(&mut self, name: String, source: Source, target: Target) -> Result<Job, String> {
        let written = match (&target, &self.plan.dest) {
            (Target::File(path), _) | (Target::Sink, Dest::File(path)) => Some(path),
            (Target::Sink, _) => None,
        };
        if let (Some(path), Source::File(input)) = (written, &source)
            && same_file(input, path)
        {
            return Err(format!(
                "{}: refusing to overwrite the input with its own output",
                path.display()
            ));
        }
        if let Target::File(path) = &target
            && !self.targets.insert(path.clone())
        {
            return Err(format!(
                "{name}: skipped: {} was already written from another input with the same name",
                path.display()
            ));
        }
        let asset_prefix = self
            .plan
            .assets
            .as_deref()
            .map(|dir| self.link_prefix(dir, &target));
        Ok(Job {
            name,
            source,
            target,
            asset_prefix,
        })
    }

    /// The assets folder as a relative link from where the output is read.
    fn link_prefix(&self, assets: &Path, target: &Target) -> String {
        let from = match (target, &self.plan.dest) {
            (Target::File(path), _) => path.parent().map(Path::to_path_buf),
            (Target::Sink, Dest::File(file)) => file.parent().map(Path::to_path_buf),
            (Target::Sink, _) => None,
        };
        let from = from.unwrap_or_default();
        let relative = relative_path(&from, assets);
        let mut link = relative
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        if !link.is_empty() && !link.ends_with('/') {
            link.push('/');
        }
        link
    }
}

impl Iterator for Jobs<'_> {
    type Item = Result<Job, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.archive.is_some() {
                match self.next_record() {
                    Some(item) => return Some(item),
                    None => self.archive = None,
                }
            }
            let page = self.pages.next()?;
            if let Some(item) = self.next_page(page) {
                return Some(item);
            }
        }
    }
}

/// `relative`'s page extensions replaced by `extension`: `a/b.html.gz` to
/// `a/b.md`; a name without a page extension has its extension replaced.
fn output_name(relative: &Path, extension: &str) -> PathBuf {
    let stem = inputs::stem(relative);
    if stem == relative {
        return relative.with_extension(extension);
    }
    let mut name: OsString = stem.into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// How much of an input is read to tell a WARC archive from a page: the
/// gzip header and the first deflate block's tables fit easily.
const SNIFF_BYTES: u64 = 16 * 1024;

/// True when the file starts with a WARC version line, compressed or not.
fn is_warc(path: &Path) -> std::io::Result<bool> {
    let mut prefix = Vec::new();
    std::fs::File::open(path)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut prefix)?;
    Ok(is_warc_start(&prefix))
}

/// True when `prefix` (the first bytes of an input) is the start of a
/// WARC archive, or of a gzip stream that decompresses to one.
fn is_warc_start(prefix: &[u8]) -> bool {
    if !prefix.starts_with(&[0x1f, 0x8b]) {
        return prefix.starts_with(b"WARC/");
    }
    let mut start = Vec::new();
    // A prefix cut inside the stream ends in an error: what was decoded
    // before it is enough.
    let _ = flate2::read::MultiGzDecoder::new(prefix)
        .take(5)
        .read_to_end(&mut start);
    start == b"WARC/"
}

/// A file's bytes, read as [`read_limited`] does into a buffer sized from
/// the file's length, so a large page takes its own size in memory, not
/// up to twice that from the buffer's doubling.
pub(crate) fn read_file_limited(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let capacity = usize::try_from(size)
        .unwrap_or(max)
        .min(max.saturating_add(1));
    read_limited_into(file, max, Vec::with_capacity(capacity))
}

/// Reads at most one byte over the limit, so a huge input is refused
/// without being loaded.
pub(crate) fn read_limited(reader: impl Read, max: usize) -> std::io::Result<Vec<u8>> {
    read_limited_into(reader, max, Vec::new())
}

fn read_limited_into(
    reader: impl Read,
    max: usize,
    mut bytes: Vec<u8>,
) -> std::io::Result<Vec<u8>> {
    reader
        .take(max.saturating_add(1) as u64)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `to` as seen from the folder `from`: both made absolute against the
/// current folder (without resolving links), then `..` for each component
/// of `from` below their common part.
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (std::path::absolute(from), std::path::absolute(to)) else {
        return to.to_path_buf();
    };
    let from: Vec<Component> = normal(&from);
    let to: Vec<Component> = normal(&to);
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    out.extend(&to[common..]);
    out
}

/// Components with `.` dropped and `..` applied.
fn normal(path: &Path) -> Vec<Component<'_>> {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{output_name, relative_path};
    use std::path::Path;

    #[test]
    fn output_names_drop_page_extensions() {
        let md = |p: &str| output_name(Path::new(p), "md");
        assert_eq!(md("a/b.html"), Path::new("a/b.md"));
        assert_eq!(md("my.story.html.gz"), Path::new("my.story.md"));
        assert_eq!(md("page.MHTML"), Path::new("page.md"));
        assert_eq!(md("page.php"), Path::new("page.md"));
        assert_eq!(md("README"), Path::new("README.md"));
    }

    #[test]
    fn relative_paths_between_folders() {
        let rel = |a: &str, b: &str| relative_path(Path::new(a), Path::new(b));
        assert_eq!(rel("/n/2024", "/n/assets"), Path::new("../assets"));
        assert_eq!(rel("/n", "/n/assets"), Path::new("assets"));
        assert_eq!(rel("/n/./x/../y", "/n/a"), Path::new("../a"));
        assert_eq!(rel("", "assets"), Path::new("assets"));
    }
}
