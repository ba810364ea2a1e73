//! The real `declutter` binary, run in temporary folders: exit codes,
//! files written, error messages, one bad input among good ones.

use std::path::Path;
use std::process::{Command, Output, Stdio};

pub(crate) const PAGE: &str = r##"<!doctype html><html><head><title>Tide tables | Coast News</title>
<meta property="og:site_name" content="Coast News"></head><body>
<nav><a href="/">Home</a> <a href="/sea">Sea</a></nav>
<div class="share-bar"><a href="#">Share</a></div>
<article><h1>Tide tables</h1>
<p>The harbour office published new tide tables on Monday, covering the whole year.</p>
<p>Fishermen said the tables, long delayed, would help them plan the season.</p></article>
<footer>Copyright Coast News</footer></body></html>"##;

pub(crate) fn declutter(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

pub(crate) fn temp_with_page() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    dir
}

/// The names in a folder, sorted.
pub(crate) fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn converts_a_file_to_stdout() {
    let dir = temp_with_page();
    let out = declutter(&["page.html"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Tide tables\n\n"), "{md}");
    assert!(md.contains("Fishermen said the tables, long delayed"));
    assert!(!md.contains("Home") && !md.contains("Share") && !md.contains("Copyright"));
}

#[test]
fn reads_stdin_when_given_dash() {
    let dir = temp_with_page();
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("harbour office"));
    drop(dir);
}

#[test]
fn output_file_is_written_whole_and_no_temp_file_is_left() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "-o", "page.md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
    // Files on disk get front matter by default.
    assert!(
        written.starts_with(
            "---\ntitle: \"Tide tables\"\nsite_name: \"Coast News\"\n---\n\n# Tide tables\n"
        ),
        "{written}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn out_dir_mirrors_sub_folders_and_takes_only_pages() {
    let dir = temp_with_page();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("2026/jan")).unwrap();
    std::fs::write(site.join("2026/jan/a.HTM"), PAGE).unwrap();
    std::fs::write(site.join("b.xhtml"), PAGE).unwrap();
    std::fs::write(site.join("notes.txt"), "not a page").unwrap();
    let out = declutter(&["site", "--out-dir", "md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("md/2026/jan/a.md").is_file());
    assert!(dir.path().join("md/b.md").is_file());
    assert!(!dir.path().join("md/notes.md").exists());
}

#[test]
fn a_missing_file_is_named_and_the_others_still_convert() {
    let dir = temp_with_page();
    let out = declutter(&["missing.html", "page.html"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing.html: no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("harbour office"));
}

#[test]
fn a_folder_without_pages_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = declutter(&["empty"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("empty: no saved pages"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_rules_file_stops_everything_with_its_location() {
    let dir = temp_with_page();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[rule]]\nname = \"x\"\nclass_id = '(['\n",
    )
    .unwrap();
    let out = declutter(
        &["page.html", "--rules", "bad.toml", "-o", "page.md"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("declutter: bad.toml:3:12: rule 'x': invalid regex"),
        "{err}"
    );
    assert!(!dir.path().join("page.md").exists());
}

#[test]
fn a_users_rule_removes_more() {
    let dir = temp_with_page();
    let rules = "[[rule]]\nname = \"no fishermen\"\ntext = '^Fishermen'\nmax_chars = 500\n";
    std::fs::write(dir.path().join("mine.toml"), rules).unwrap();
    let out = declutter(&["page.html", "--rules", "mine.toml"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("Fishermen"));
    assert!(stdout(&out).contains("harbour office"));
}

#[test]
fn output_option_takes_one_input() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "page.html", "-o", "x.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o/--output takes one input"));
}

#[test]
fn never_overwrites_its_input() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "-o", "page.html"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to overwrite the input"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.html")).unwrap(),
        PAGE
    );
}

#[test]
fn an_unwritable_destination_is_reported() {
    let dir = temp_with_page();
    std::fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    let out = declutter(&["page.html", "--out-dir", "blocker/sub"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "--max-size", "100"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("page.html: input is 101 bytes, over the limit of 100"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn converting_twice_gives_the_same_bytes() {
    let dir = temp_with_page();
    let a = declutter(&["page.html"], dir.path());
    let b = declutter(&["page.html"], dir.path());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn explain_names_rules_and_the_article() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "--explain"], dir.path());
    let err = stderr(&out);
    assert!(
        err.contains("removed by 'share and social': body > div.share-bar"),
        "{err}"
    );
    assert!(
        err.contains("page.html: article body > article: article marker"),
        "{err}"
    );
}

#[test]
fn no_extract_keeps_the_whole_cleaned_body() {
    let dir = temp_with_page();
    std::fs::write(
        dir.path().join("two.html"),
        "<div><p>One block of text.</p></div><div><p>Another block.</p></div>",
    )
    .unwrap();
    let out = declutter(&["two.html", "--no-extract"], dir.path());
    assert_eq!(stdout(&out), "One block of text.\n\nAnother block.\n");
}

const LINKED: &str = r##"<!doctype html><html><head><title>Harbour notes</title></head><body>
<article><h1>Harbour notes</h1>
<p>The <a href="/tides">tide tables</a> and the <a href="boats.html">boat list</a> were
updated this week, after the harbour office finished its yearly survey of moorings.</p>
<p>A map: <img alt="dot" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAA00lEQVR4AQHIADf/AP8AAP8AAP8AAP8AAP8AAP8AAP8AAP8AAAD/AAD/AAD/AAD/AAD/AAD/AAD/AAD/AAAA/wAA/wAA/wAA/wAA/wAA/wAA/wAA/wAAAP8AAP8AAP8AAP8AAP8AAP8AAP8AAP8AAAD/AAD/AAD/AAD/AAD/AAD/AAD/AAD/AAAA/wAA/wAA/wAA/wAA/wAA/wAA/wAA/wAAAP8AAP8AAP8AAP8AAP8AAP8AAP8AAP8AAAD/AAD/AAD/AAD/AAD/AAD/AAD/AAD/AAAo/z/BgmUMEAAAAABJRU5ErkJggg=="></p>
</article></body></html>"##;

fn temp_with_linked_page() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), LINKED).unwrap();
    dir
}

#[test]
fn base_url_makes_relative_links_absolute() {
    let dir = temp_with_linked_page();
    let out = declutter(
        &["page.html", "--base-url", "https://port.example/news/"],
        dir.path(),
    );
    let md = stdout(&out);
    for link in [
        "[tide tables](https://port.example/tides)",
        "[boat list](https://port.example/news/boats.html)",
    ] {
        assert!(md.contains(link), "{link} in {md}");
    }
}

#[test]
fn reference_links_are_listed_at_the_end() {
    let dir = temp_with_linked_page();
    let out = declutter(&["page.html", "--link-style", "reference"], dir.path());
    let md = stdout(&out);
    assert!(
        md.contains("[tide tables][1] and the [boat list][2]"),
        "{md}"
    );
    assert!(md.ends_with("[1]: /tides\n[2]: boats.html\n"), "{md}");
}

#[test]
fn wrap_keeps_lines_within_the_width() {
    let dir = temp_with_linked_page();
    let out = declutter(&["page.html", "--wrap", "30"], dir.path());
    let md = stdout(&out);
    assert!(md.lines().all(|l| l.chars().count() <= 30), "{md}");
    assert!(md.lines().count() > 6, "{md}");
    let zero = declutter(&["page.html", "--wrap", "0"], dir.path());
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn data_images_are_dropped_unless_assets_are_asked_for() {
    let dir = temp_with_linked_page();
    let plain = stdout(&declutter(&["page.html"], dir.path()));
    assert!(
        plain.contains("A map:\n") && !plain.contains("!["),
        "{plain}"
    );

    let out = declutter(
        &["page.html", "--assets", "img", "-o", "notes/page.md"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // DIR is taken from the current folder; the link is relative to the
    // Markdown file, so it reads from notes/ into img/.
    let md = std::fs::read_to_string(dir.path().join("notes/page.md")).unwrap();
    let start = md.find("](../img/image-").expect("asset linked") + 2;
    let link = &md[start..md[start..].find(')').unwrap() + start];
    let bytes = std::fs::read(dir.path().join("notes").join(link)).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "{link}");
}

// Saved-page formats, metadata out, and batches, each in its own file
// under tests/cli/ (one test binary, as every integration test here).
#[path = "cli/batch.rs"]
mod batch;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/precommit.rs"]
mod precommit;
#[path = "cli/rules.rs"]
mod rules;
