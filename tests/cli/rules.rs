//! Rules from the command line: `declutter rules`, adblock lists, site
//! configs (alone and as a folder), `--verbose` and `--explain`.

use super::{declutter, stderr, stdout};
use std::path::Path;

const LIST: &str = include_str!("../rules/annoyances.txt");
const PAGE: &str = include_str!("../rules/page.html");
const SITE_CONFIG: &str = include_str!("../rules/example.com.txt");

fn temp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run_ok(args: &[&str], dir: &Path) -> (String, String) {
    let out = declutter(args, dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (stdout(&out), stderr(&out))
}

#[test]
fn rules_prints_the_effective_set_as_a_rules_file() {
    let dir = temp_with(&[(
        "mine.toml",
        "[[rule]]\nname = \"promo\"\nselector = '.promo'\n",
    )]);
    let (printed, _) = run_ok(&["rules", "--rules", "mine.toml"], dir.path());
    assert!(printed.starts_with("# built-in rules:"), "{printed}");
    assert!(
        printed.ends_with("# mine.toml:1\n[[rule]]\nname = \"promo\"\nselector = \".promo\"\n")
    );
    // The listing reads back as the same set.
    std::fs::write(dir.path().join("all.toml"), &printed).unwrap();
    let (again, _) = run_ok(
        &["rules", "--no-default-rules", "--rules", "all.toml"],
        dir.path(),
    );
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&again), body(&printed));
}

#[test]
fn a_file_named_rules_is_still_converted() {
    let dir = temp_with(&[("rules", PAGE)]);
    let (md, _) = run_ok(&["./rules"], dir.path());
    assert!(md.starts_with("# The story\n"), "{md}");
}

#[test]
fn an_adblock_list_hides_elements_on_its_hosts() {
    let dir = temp_with(&[("page.html", PAGE), ("annoyances.txt", LIST)]);
    // The whole body, not only the article, so what the list leaves shows.
    let args = [
        "page.html",
        "--no-extract",
        "--no-default-rules",
        "--rules",
        "annoyances.txt",
    ];
    let (md, err) = run_ok(&args, dir.path());
    assert_eq!(err, "", "nothing about the list without --verbose");
    assert!(
        !md.contains("Subscribe today"),
        "the canonical URL is example.com"
    );
    assert!(md.contains("Follow us"), "excepted everywhere: {md}");
    assert!(!md.contains("Sign up") && !md.contains("Wait!"), "{md}");
    // Without a canonical address, --url tells the host.
    let unaddressed = PAGE.replace("rel=\"canonical\"", "rel=\"alternate\"");
    std::fs::write(dir.path().join("page.html"), unaddressed).unwrap();
    let (md, _) = run_ok(&args, dir.path());
    assert!(md.contains("Subscribe today"), "{md}");
    let (md, _) = run_ok(
        &[&args[..], &["--url", "https://example.com/story"]].concat(),
        dir.path(),
    );
    assert!(!md.contains("Subscribe today"), "{md}");
}

#[test]
fn verbose_counts_what_a_list_ignores_and_names_skipped_lines() {
    let dir = temp_with(&[("page.html", PAGE), ("annoyances.txt", LIST)]);
    let (_, err) = run_ok(
        &["page.html", "-v", "--rules", "annoyances.txt"],
        dir.path(),
    );
    assert!(
        err.contains(
            "declutter: annoyances.txt: adblock list: 8 element-hiding rules, 2 exceptions; \
         ignored 3 network rules, 2 scriptlets and style injections, 3 unsupported lines\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("declutter: annoyances.txt:27: skipped (not a CSS selector)"),
        "{err}"
    );
}

#[test]
fn a_folder_of_site_configs_applies_each_to_its_host() {
    let page = r#"<html><head><link rel="canonical" href="https://example.com/a"></head><body>
        <div id="story-body"><p>The story text, long enough to be the article of the page.</p>
        <div class="inline-promo">Read our other stories</div></div></body></html>"#;
    let dir = temp_with(&[
        ("page.html", page),
        ("configs/example.com.txt", SITE_CONFIG),
        ("configs/other.org.txt", "strip: //p\n"),
        ("configs/notes.md", "not a rules file"),
    ]);
    let (md, err) = run_ok(&["page.html", "--rules", "configs", "-v"], dir.path());
    assert!(
        md.contains("The story text") && !md.contains("Read our other"),
        "{md}"
    );
    assert!(err.contains("configs/example.com.txt:10: axes"), "{err}");
    assert!(err.contains("site config for other.org: 1 rules"), "{err}");
    assert!(!err.contains("notes.md"), "{err}");
}

#[test]
fn a_bad_selector_stops_the_run_with_its_location() {
    let dir = temp_with(&[
        ("page.html", PAGE),
        (
            "bad.toml",
            "[[rule]]\nname = \"x\"\nselector = 'div:hover'\n",
        ),
    ]);
    for args in [
        &["page.html", "--rules", "bad.toml"][..],
        &["rules", "--rules", "bad.toml"],
    ] {
        let out = declutter(args, dir.path());
        assert_eq!(out.status.code(), Some(2));
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert!(err.starts_with("declutter: bad.toml:3:"), "{err}");
        assert!(
            err.contains("rule 'x': invalid selector 'div:hover': unsupported pseudo-class"),
            "{err}"
        );
    }
}

#[test]
fn explain_shows_rule_path_first_words_chars_and_the_runner_up() {
    let page = r#"<html><head><title>Tides</title></head><body>
        <div class="menu"><a href="/">Home</a> <a href="/sea">Sea</a></div>
        <div id="story"><p>The harbour office published new tide tables on Monday, covering the whole year.</p>
        <p>Fishermen said the tables, long delayed, would help them plan the season and avoid the storms.</p></div>
        <div id="other"><p>Letters to the editor are welcome, and we read every one of them.</p></div>
        <p>ADVERTISEMENT</p></body></html>"#;
    let dir = temp_with(&[("scored.html", page)]);
    let (_, err) = run_ok(&["scored.html", "--explain"], dir.path());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[1],
        "scored.html: removed by 'navigation classes': body > div.menu \"Home Sea\" (7 chars)"
    );
    assert_eq!(
        lines[2],
        "scored.html: removed by 'ad labels': body > p \"ADVERTISEMENT\" (13 chars)"
    );
    // The scores belong to the extraction stage; the line names the
    // chosen block, why, and the runner-up.
    assert!(
        lines[3].starts_with("scored.html: article body > div#story: highest text score (score "),
        "{}",
        lines[3]
    );
    assert!(
        lines[3].contains("; runner-up body > div#other scored "),
        "{}",
        lines[3]
    );
}

#[test]
fn rules_help_names_the_command() {
    let dir = temp_with(&[]);
    let (help, _) = run_ok(&["rules", "--help"], dir.path());
    assert!(help.contains("Usage: declutter rules [OPTIONS]"), "{help}");
}
