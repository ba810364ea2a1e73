//! Pages built to break a converter: deep nesting, huge nodes, a tag with
//! a hundred thousand attributes, garbage bytes, broken encodings. Each
//! must convert without a panic or stack overflow and keep what a reader
//! would expect. Sizes stay at a few MB so the suite is quick in debug
//! builds; the release binary's times on larger inputs are in the issue
//! notes, never asserted here.

use declutter::{Cleaner, Options, convert};

/// The Markdown of `bytes`, which must convert.
fn markdown(bytes: &[u8]) -> String {
    convert(bytes).expect("converts").markdown
}

/// `depth` nested `open`/`close` pairs around `inner`, inside an article.
fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!(
        "<html><body><article><p>Before the nesting, an ordinary sentence.</p>{}{inner}{}</article></body></html>",
        open.repeat(depth),
        close.repeat(depth)
    )
}

#[test]
fn a_hundred_thousand_nested_divs_keep_their_text() {
    let md = markdown(nested("<div>", "</div>", 100_000, "deep text at the bottom").as_bytes());
    assert!(md.contains("deep text at the bottom"), "{md}");
}

#[test]
fn a_hundred_thousand_nested_inline_and_block_elements_keep_their_text() {
    for (open, close) in [
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<a href=\"/x\">", "</a>"),
    ] {
        let md = markdown(nested(open, close, 100_000, "deep text at the bottom").as_bytes());
        assert!(md.contains("deep text at the bottom"), "{open}: {md}");
    }
}

/// Without extraction (which rightly picks the deep block holding most of
/// the text), every level's text is in the output.
#[test]
fn unclosed_nesting_keeps_text_at_every_level() {
    let html: String = (0..20_000)
        .map(|i| format!("<div><span>level{i} "))
        .collect();
    let whole = Cleaner::new(Options {
        extract: false,
        ..Options::default()
    })
    .unwrap();
    let md = whole.convert(html.as_bytes()).unwrap().markdown;
    assert!(
        md.contains("level0") && md.contains("level19999"),
        "{}",
        md.len()
    );
}

#[test]
fn a_single_four_megabyte_text_node_is_kept_whole() {
    let text = "lorem ipsum dolor ".repeat(4 * 1024 * 1024 / 18);
    let html = format!("<html><body><article><p>{text}</p></article></body></html>");
    let md = markdown(html.as_bytes());
    assert!(md.contains(text.trim()), "{} of {}", md.len(), text.len());
}

#[test]
fn a_hundred_thousand_attributes_keep_the_element_and_its_first_attributes() {
    let attrs: String = (0..100_000).map(|i| format!(" data-a{i}=\"v\"")).collect();
    let html = format!(
        "<html><body><article><p>Some text and <a href=\"https://example.com/kept\"{attrs}>a link</a> after.</p></article></body></html>"
    );
    let md = markdown(html.as_bytes());
    assert!(md.contains("[a link](https://example.com/kept)"), "{md}");
    assert!(md.contains("after."), "{md}");
}

#[test]
fn a_million_duplicate_attributes_convert() {
    let html = format!("<p{}>still here</p>", " a=b".repeat(1_000_000));
    assert!(markdown(html.as_bytes()).contains("still here"));
}

/// Deterministic pseudo-random bytes (xorshift64).
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn binary_garbage_converts_to_valid_text() {
    for seed in 1..=8 {
        let doc = convert(&garbage(256 * 1024, seed)).expect("garbage is not an error");
        assert!(!doc.markdown.contains('\0'));
    }
}

#[test]
fn invalid_utf8_in_a_page_declaring_utf8_becomes_replacement_characters() {
    let page =
        b"<meta charset=\"utf-8\"><article><p>caf\xE9 au lait \xFF\xFE and more</p></article>";
    let doc = convert(page).unwrap();
    assert_eq!(doc.report.encoding, "UTF-8");
    assert!(
        doc.markdown.contains("caf\u{FFFD} au lait"),
        "{}",
        doc.markdown
    );
    assert!(doc.markdown.contains("and more"), "{}", doc.markdown);
}

#[test]
fn a_nul_byte_is_dropped_and_the_text_around_it_kept() {
    let md = markdown(b"<article><p>before\0after</p><p>x\0</p></article>");
    assert!(!md.contains('\0'), "{md:?}");
    assert!(md.contains("before") && md.contains("after"), "{md:?}");
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_pages_with_a_bom_are_decoded() {
    let page =
        "<html><body><article><p>Grüße aus Köln, 世界 and beyond.</p></article></body></html>";
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let doc = convert(&utf16(page, le)).unwrap();
        assert_eq!(doc.report.encoding, name);
        assert!(
            doc.markdown.contains("Grüße aus Köln, 世界"),
            "{}",
            doc.markdown
        );
    }
}

#[test]
fn an_empty_file_gives_empty_markdown() {
    assert_eq!(markdown(b""), "");
}

#[test]
fn a_page_of_only_a_script_gives_empty_markdown() {
    let md = markdown(b"<script>document.write('<p>injected</p>'); alert(1)</script>");
    assert_eq!(md, "");
}
