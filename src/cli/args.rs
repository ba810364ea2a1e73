//! Command-line arguments as clap parses them: plain data, no I/O.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  declutter page.html                    print the article of page.html as Markdown
  declutter < page.html > page.md        the same through stdin and stdout
  declutter page.html -o page.md         write to a file (atomically)
  declutter saved/ --out-dir notes/      convert a folder, mirroring its sub-folders
  declutter page.html --rules mine.toml  add your own rules to the built-in ones
  declutter page.html --explain          show what was removed and why
  declutter page.html --rules easylist.txt --rules ftr-site-config/
                                         add an adblock list and a folder of site configs
  declutter rules [--rules FILE]...      print the effective rule set (a file named
                                         `rules` is converted as ./rules)
  declutter saved/ --write               write NAME.md beside each page (as a pre-commit hook)
  declutter saved/ --check               list Markdown copies that are missing or stale
  declutter crawl.warc.gz --format jsonl one JSON line per archived page

Exit status: 0 all inputs converted (with --write: nothing needed writing;
with --check: every copy current), 1 some inputs failed (each is named on
stderr and the others are still converted), or --write wrote files, or
--check found copies missing or stale; 2 bad usage or a bad rules file;
130 interrupted (Ctrl-C; no partial file is left).";

/// Turn saved web pages into clean Markdown: the article alone, without the
/// navigation, ads, share bars, comments and banners around it.
#[derive(Debug, Parser)]
#[command(name = "declutter", version, after_help = EXAMPLES)]
pub(crate) struct Args {
    /// Saved pages (.html, .htm, .xhtml, .mhtml, .mht, .warc, each also
    /// gzip-compressed as .gz) or folders of them. `-` or nothing reads one
    /// page from stdin.
    #[arg(value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,

    /// Write the Markdown to FILE instead of stdout (one input only).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with_all = ["out_dir", "write", "check"]
    )]
    pub(crate) output: Option<PathBuf>,

    /// Write NAME.md into DIR for each input NAME.html; folder inputs keep
    /// their sub-folder structure under DIR.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,

    /// Add the rules in FILE after the built-in ones: a TOML rules file, an
    /// adblock element-hiding list or a FiveFilters site config (see the
    /// README); a folder adds each of its .toml and .txt files. Repeat for
    /// several.
    #[arg(long = "rules", value_name = "FILE")]
    pub(crate) rules: Vec<PathBuf>,

    /// Do not apply the built-in rules (only those given with --rules).
    #[arg(long)]
    pub(crate) no_default_rules: bool,

    /// Convert the whole cleaned page instead of finding the article.
    #[arg(long)]
    pub(crate) no_extract: bool,

    /// The page's address, when the saved file does not say it: relative
    /// links and images are resolved against it (unless the page names
    /// its own address), and it helps to guess the encoding of pages that
    /// declare none.
    #[arg(long, value_name = "URL")]
    pub(crate) url: Option<String>,

    /// Refuse inputs larger than this many bytes, and compressed inputs
    /// that decompress to more (a gzip bomb); in a WARC archive, the limit
    /// is per page.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub(crate) max_size: usize,

    /// Print to stderr, for each page: the encoding used, which rules
    /// removed which elements, and which block was chosen as the article.
    #[arg(long)]
    pub(crate) explain: bool,

    /// Output format: Markdown, one JSON object per page (metadata and
    /// Markdown), or one JSON line per page (jsonl, for batch engines).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Markdown)]
    pub(crate) format: Format,

    /// Put YAML front matter (title, authors, dates, site, language,
    /// description, addresses, lead image) above the Markdown. The default
    /// is on for files written to disk, off for stdout.
    #[arg(long, overrides_with = "no_front_matter")]
    pub(crate) front_matter: bool,

    /// No front matter, not even in files written to disk.
    #[arg(long, overrides_with = "front_matter")]
    pub(crate) no_front_matter: bool,

    /// Save images the page carries inside itself (MHTML parts, data: URIs)
    /// into DIR and link them by relative path; without it, MHTML images
    /// link to their original address and data: images are left out.
    #[arg(long, value_name = "DIR")]
    pub(crate) assets: Option<PathBuf>,

    /// Write NAME.md beside each input NAME.html (or under --out-dir),
    /// leaving files whose content would not change untouched; exit 1 when
    /// anything was written, as formatter hooks do.
    #[arg(long, conflicts_with = "check")]
    pub(crate) write: bool,

    /// Write nothing: list each Markdown copy (beside the input, or under
    /// --out-dir) that is missing or stale, and exit 1 if there is any.
    #[arg(long)]
    pub(crate) check: bool,

    /// Convert this many pages at once (default: the number of cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) jobs: Option<usize>,

    /// Resolve relative links and images against URL when the page names
    /// no address itself (<base href>, canonical link, og:url) and --url
    /// is not given.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,

    /// Write links inline, [text](url), or as references, [text][1], with
    /// the addresses listed at the end.
    #[arg(long, value_name = "STYLE", value_enum, default_value_t = LinkStyleArg::Inline)]
    pub(crate) link_style: LinkStyleArg,

    /// Wrap paragraphs at N columns (never inside a link address, inline
    /// code, or where a line would start a new block). Default: no wrap.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) wrap: Option<u16>,

    /// Tell what the rules files held: per file, the rules read and the
    /// lines skipped (network rules, scriptlets, XPath that does not
    /// translate), each skipped line with its number.
    #[arg(short = 'v', long)]
    pub(crate) verbose: bool,

    /// No summary line and no progress bar.
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
}

/// What each converted page becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// CommonMark/GFM (`.md`).
    Markdown,
    /// One indented JSON object per page (`.json`).
    Json,
    /// One JSON object per line, on stdout or in the -o file.
    Jsonl,
}

/// `--link-style` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LinkStyleArg {
    /// [text](https://example.com/)
    Inline,
    /// [text][1] and, at the end, [1]: https://example.com/
    Reference,
}
