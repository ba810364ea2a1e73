//! Each saved-page format, built here byte by byte: MHTML with
//! quoted-printable and a `cid:` image, SingleFile `data:` images, gzip
//! (and a gzip bomb), WARC with HTML and image records; and the metadata
//! ways out: front matter (read back by a YAML parser), JSON, JSON lines.

use super::{PAGE, declutter, file_names, stderr, stdout, temp_with_page};
use base64::Engine;
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::path::Path;

/// Bytes that look like a PNG and are big enough to be kept.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(0..=255u8);
    bytes
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Quoted-printable as a mail client writes it: `=XX` for `=` and
/// non-ASCII bytes, soft line breaks every 70 characters.
fn quoted_printable(text: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in text {
        let piece = if b == b'=' || !(b == b'\n' || (32..127).contains(&b)) {
            format!("={b:02X}")
        } else {
            (b as char).to_string()
        };
        if line + piece.len() > 70 && b != b'\n' {
            out.push_str("=\r\n");
            line = 0;
        }
        line = if b == b'\n' { 0 } else { line + piece.len() };
        out.push_str(&piece);
    }
    out
}

/// An MHTML file as Chrome saves it: the page (windows-1252, in
/// quoted-printable) and its image (base64, referenced by `cid:`).
fn mhtml() -> Vec<u8> {
    let page = "<html><head><title>Caf\u{e9} tides | Coast News</title>\
<meta property=\"og:site_name\" content=\"Coast News\"></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Caf\u{e9} tides</h1>\
<p>The harbour caf\u{e9} now prints the tide tables on its menu, every day of the year.</p>\
<figure><img src=\"cid:chart@mhtml.blink\" alt=\"Tide chart\"><figcaption>March tides</figcaption></figure>\
<p>Fishermen said the tables, long delayed, would help them plan the season.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let image = base64::engine::general_purpose::STANDARD.encode(png());
    let wrapped: Vec<&str> = image
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://coast.example/news/cafe-tides\r\n\
Subject: =?utf-8?Q?Caf=C3=A9_tides?=\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x1----\"\r\n\r\n\
------MultipartBoundary--x1----\r\nContent-Type: text/html; charset=windows-1252\r\n\
Content-ID: <frame-0@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://coast.example/news/cafe-tides\r\n\r\n{}\r\n\
------MultipartBoundary--x1----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\
Content-Location: https://coast.example/img/chart.png\r\nContent-ID: <chart@mhtml.blink>\r\n\r\n{}\r\n\
------MultipartBoundary--x1------\r\n",
        quoted_printable(&latin1),
        wrapped.join("\r\n")
    )
    .into_bytes()
}

#[test]
fn mhtml_with_quoted_printable_links_its_cid_image_to_the_original_address() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cafe.mhtml"), mhtml()).unwrap();
    // Detected by content, whatever the extension says.
    std::fs::write(dir.path().join("misnamed.html"), mhtml()).unwrap();
    for name in ["cafe.mhtml", "misnamed.html"] {
        let out = declutter(&[name], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let md = stdout(&out);
        assert!(md.starts_with("# Café tides\n\n"), "{md}");
        assert!(
            md.contains("The harbour café now prints the tide tables"),
            "{md}"
        );
        assert!(
            md.contains("![Tide chart](https://coast.example/img/chart.png)"),
            "{md}"
        );
        assert!(!md.contains("Home") && !md.contains("cid:"), "{md}");
    }
}

#[test]
fn mhtml_images_are_saved_under_assets_and_linked_by_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("saved")).unwrap();
    std::fs::write(dir.path().join("saved/cafe.mht"), mhtml()).unwrap();
    let out = declutter(
        &[
            "saved",
            "--out-dir",
            "notes/2026",
            "--assets",
            "notes/media",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("notes/2026/cafe.md")).unwrap();
    let media = file_names(&dir.path().join("notes/media"));
    assert_eq!(media.len(), 1, "{media:?}");
    assert!(media[0].starts_with("chart-") && media[0].ends_with(".png"));
    assert_eq!(
        std::fs::read(dir.path().join("notes/media").join(&media[0])).unwrap(),
        png()
    );
    assert!(
        md.contains(&format!("![Tide chart](../media/{})", media[0])),
        "{md}"
    );
    assert!(
        md.contains("source_url: \"https://coast.example/news/cafe-tides\""),
        "{md}"
    );
}

#[test]
fn singlefile_data_images_never_reach_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let image = base64::engine::general_purpose::STANDARD.encode(png());
    let page = PAGE.replace(
        "<p>Fishermen",
        &format!("<img alt=\"Chart\" src=\"data:image/png;base64,{image}\"><p>Fishermen"),
    );
    std::fs::write(dir.path().join("single.html"), page).unwrap();
    let out = declutter(&["single.html"], dir.path());
    assert!(!stdout(&out).contains("data:"), "{}", stdout(&out));
    let out = declutter(&["single.html", "--assets", "img"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    let name = std::fs::read_dir(dir.path().join("img"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let name = name.to_string_lossy();
    assert!(md.contains(&format!("![Chart](img/{name})")), "{md}");
    assert!(!md.contains("base64"));
}

#[test]
fn gzip_pages_convert_and_a_gzip_bomb_is_refused() {
    let dir = temp_with_page();
    std::fs::write(dir.path().join("page.html.gz"), gzip(PAGE.as_bytes())).unwrap();
    let out = declutter(&["page.html.gz"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("harbour office"));
    // 65 MiB of zeros: about 65 KiB compressed, over the default 64 MiB.
    let bomb = gzip(&vec![0u8; 65 * 1024 * 1024]);
    assert!(bomb.len() < 100 * 1024);
    std::fs::write(dir.path().join("bomb.html.gz"), bomb).unwrap();
    let out = declutter(&["bomb.html.gz", "page.html"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bomb.html.gz: decompresses to more than 67108864 bytes"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("harbour office"),
        "the other page still converts"
    );
}

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-02T03:04:05Z\r\n\
WARC-Record-ID: <urn:uuid:0000-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

fn response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let http = [
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
        body,
    ]
    .concat();
    record("response", uri, "application/http; msgtype=response", &http)
}

/// Two HTML pages and an image, each record its own gzip member.
fn warc_gz() -> Vec<u8> {
    let second = PAGE
        .replace("Tide tables", "Storm warning")
        .replace("tide tables", "storm warnings");
    let korean = second.replace("Storm warning", "폭풍 경보");
    let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(&korean);
    [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        response(
            "https://coast.example/news/tide-tables.html",
            "text/html",
            PAGE.as_bytes(),
        ),
        response("https://coast.example/img/chart.png", "image/png", &png()),
        response(
            "https://coast.example/news/storm?id=2",
            "text/html; charset=euc-kr",
            &euc_kr,
        ),
    ]
    .iter()
    .map(|r| gzip(r))
    .collect::<Vec<_>>()
    .concat()
}

#[test]
fn warc_html_records_become_one_file_each_named_from_their_uri() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crawl.warc.gz"), warc_gz()).unwrap();
    let out = declutter(&["crawl.warc.gz", "--out-dir", "pages"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let folder = dir.path().join("pages/crawl");
    assert_eq!(
        file_names(&folder),
        [
            "coast.example_news_storm_id-2.md",
            "coast.example_news_tide-tables.md"
        ]
    );
    let storm = std::fs::read_to_string(folder.join("coast.example_news_storm_id-2.md")).unwrap();
    assert!(
        storm.contains("# 폭풍 경보"),
        "the HTTP charset decodes it: {storm}"
    );
    assert!(
        storm.contains("source_url: \"https://coast.example/news/storm?id=2\""),
        "{storm}"
    );
    assert!(
        stderr(&out).contains("2 converted, 0 unchanged, 0 failed"),
        "{}",
        stderr(&out)
    );
}

/// Each line of a successful run's stdout, parsed as JSON.
fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn warc_as_json_lines_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crawl.warc.gz"), warc_gz()).unwrap();
    let out = declutter(&["crawl.warc.gz", "--format", "jsonl", "-q"], dir.path());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["url"],
        "https://coast.example/news/tide-tables.html"
    );
    assert_eq!(lines[0]["title"], "Tide tables");
    assert_eq!(lines[0]["site_name"], "Coast News");
    assert_eq!(lines[0]["warc_date"], "2026-01-02T03:04:05Z");
    assert_eq!(lines[0]["file"], "crawl.warc.gz");
    assert!(
        lines[0]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("# Tide tables\n")
    );
    assert_eq!(lines[1]["title"], "폭풍 경보");
    assert_eq!(stderr(&out), "");
}

#[test]
fn warc_names_are_safe_and_unique() {
    let dir = tempfile::tempdir().unwrap();
    let warc = [
        response(
            "https://x.example/../../../escape.html",
            "text/html",
            PAGE.as_bytes(),
        ),
        response("https://x.example/a", "text/html", PAGE.as_bytes()),
        response("https://x.example/A", "text/html", PAGE.as_bytes()),
        response("https://x.example/a", "text/html", PAGE.as_bytes()),
        response("../../etc/passwd", "text/html", PAGE.as_bytes()),
    ]
    .concat();
    std::fs::write(dir.path().join("odd.warc"), warc).unwrap();
    let out = declutter(&["odd.warc", "--write", "-q"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "files were written: {}",
        stderr(&out)
    );
    assert_eq!(
        file_names(&dir.path().join("odd")),
        [
            "etc-passwd.md",
            "x.example_A-2.md",
            "x.example_a-3.md",
            "x.example_a.md",
            "x.example_escape.md"
        ]
    );
    let top: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        top.len(),
        2,
        "nothing was written outside the archive's folder"
    );
}

#[derive(Debug, serde::Deserialize)]
struct FrontMatter {
    title: String,
    authors: Vec<String>,
    published: String,
    modified: String,
    site_name: String,
    language: String,
    description: String,
    canonical_url: String,
    image: String,
}

#[test]
fn front_matter_is_valid_yaml_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<!doctype html><html lang="ko"><head><title>"Quotes": a title | Coast</title>
<meta property="og:title" content='"Quotes": a title'>
<meta property="og:site_name" content="Coast: News # 1">
<meta name="description" content="Line one
line two — 서울, «quoted» 'single' \back\slash">
<meta property="article:published_time" content="2024-03-05T10:00:00+09:00">
<meta name="dcterms.modified" content="Tue, 05 Mar 2024 12:00:00 GMT">
<meta name="twitter:image" content="https://coast.example/lead.jpg?a=1&b=2">
<link rel="canonical" href="https://coast.example/quotes">
<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Ana: Lima"},{"name":"- Bo"}]}</script>
</head><body><article><h1>"Quotes": a title</h1><p>The body of the article, long enough to be the article.</p></article></body></html>"#;
    std::fs::write(dir.path().join("q.html"), page).unwrap();
    let out = declutter(&["q.html", "--out-dir", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("q.md")).unwrap();
    let yaml = md
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    let fm: FrontMatter = serde_norway::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{md}"));
    assert_eq!(fm.title, "\"Quotes\": a title");
    assert_eq!(fm.authors, ["Ana: Lima", "- Bo"]);
    assert_eq!(fm.published, "2024-03-05T10:00:00+09:00");
    assert_eq!(fm.modified, "2024-03-05T12:00:00Z");
    assert_eq!(fm.site_name, "Coast: News # 1");
    assert_eq!(fm.language, "ko");
    assert_eq!(
        fm.description,
        "Line one line two — 서울, «quoted» 'single' \\back\\slash"
    );
    assert_eq!(fm.canonical_url, "https://coast.example/quotes");
    assert_eq!(fm.image, "https://coast.example/lead.jpg?a=1&b=2");
    assert!(md.contains("\n---\n\n# \"Quotes\": a title\n"), "{md}");
}

#[test]
fn front_matter_defaults_on_for_files_and_off_for_stdout() {
    let dir = temp_with_page();
    let plain = stdout(&declutter(&["page.html"], dir.path()));
    assert!(plain.starts_with("# Tide tables"));
    let forced = stdout(&declutter(&["page.html", "--front-matter"], dir.path()));
    assert!(
        forced.starts_with("---\ntitle: \"Tide tables\"\n"),
        "{forced}"
    );
    let out = declutter(
        &["page.html", "-o", "plain.md", "--no-front-matter"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plain.md")).unwrap(),
        plain
    );
}

#[test]
fn json_format_is_one_object_with_metadata_and_markdown() {
    let dir = temp_with_page();
    let out = declutter(&["page.html", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["title"], "Tide tables");
    assert_eq!(v["site_name"], "Coast News");
    assert_eq!(v["authors"], serde_json::json!([]));
    assert_eq!(v["file"], "page.html");
    assert!(v["markdown"].as_str().unwrap().contains("harbour office"));
    let out = declutter(
        &["page.html", "--format", "json", "--out-dir", "j"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(Path::new(&dir.path().join("j/page.json")).is_file());
}

#[test]
fn a_warc_archive_streams_through_stdin() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(["--format", "jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&warc_gz()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["url"], "https://coast.example/news/storm?id=2");
    assert!(lines[1].get("file").is_none());
}
