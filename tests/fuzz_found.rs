//! Inputs the fuzzer found (`fuzz/`, see DEVELOPING.md), each pinned with
//! what it must give. The round-trip ones are pages whose Markdown, read
//! back by a CommonMark parser, showed something other than the page.

use declutter::{Cleaner, Options};

/// The Markdown of the whole `<body>` of `html`, no rules, no extraction.
fn whole_body(html: &str) -> String {
    let cleaner = Cleaner::new(Options {
        extract: false,
        default_rules: false,
        ..Options::default()
    })
    .expect("no rules to compile");
    cleaner.convert(html.as_bytes()).expect("converts").markdown
}

/// A vertical tab is an ordinary character to HTML but ends a block
/// marker for pulldown-cmark: `#`, `-` or `1.` before one must be escaped,
/// or the line reads back as a heading or a list item.
#[test]
fn a_vertical_tab_after_a_block_marker_does_not_make_a_heading_or_list() {
    assert_eq!(whole_body("<p>#\u{b}%?dl</p>"), "\\#\u{b}%?dl\n");
    assert_eq!(whole_body("<p>-\u{b}item</p>"), "\\-\u{b}item\n");
    assert_eq!(whole_body("<p>1.\u{b}x</p>"), "1\\.\u{b}x\n");
}
