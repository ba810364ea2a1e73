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

/// `<` before a character that can start an email address's local part
/// opens an autolink (`<'''@div>` is one): escaped, it stays text.
#[test]
fn angle_brackets_around_an_address_like_word_stay_text() {
    assert_eq!(whole_body("<p>&lt;'''@div&gt;</p>"), "\\<'''@div>\n");
    assert_eq!(whole_body("<p>&lt;1@x.y&gt;</p>"), "\\<1@x.y>\n");
    assert_eq!(
        whole_body("<p>a &lt; b, a &lt;= b, &lt;3 x, x&lt;=y(), &lt;3</p>"),
        "a < b, a <= b, <3 x, x<=y(), <3\n"
    );
}

/// Inline code is written as a code span of its text: a heading, link or
/// image inside it shows as its text (the round-trip check now counts it
/// that way too).
#[test]
fn blocks_and_links_inside_inline_code_are_its_text() {
    assert_eq!(whole_body("<kbd><h5>x</h5></kbd>"), "`x`\n");
    assert_eq!(
        whole_body("<p>a <code><a href=\"http://x.y/\">link</a></code> b</p>"),
        "a `link` b\n"
    );
}

/// Two `<br>` in a row end a paragraph; a link open across them is
/// written in each paragraph (the round-trip check counted it once).
#[test]
fn a_link_across_a_double_line_break_is_written_in_each_paragraph() {
    assert_eq!(
        whole_body("<p><a href=\"http://x.y/\">one<br><br>two</a></p>"),
        "[one](http://x.y/)\n\n[two](http://x.y/)\n"
    );
}

/// A code block cannot be link text: the link is closed around it and
/// opened again after (the round-trip check counted the block as link
/// text).
#[test]
fn a_code_block_inside_a_link_is_written_outside_it() {
    assert_eq!(
        whole_body("<p><a href=\"http://x.y/\">text<pre>code</pre>more</a></p>"),
        "[text](http://x.y/)\n\n```\ncode\n```\n\n[more](http://x.y/)\n"
    );
}

/// A pipe table's `<thead>` row is its header even when a body row comes
/// first in the page (a table left open, another's head merged into it):
/// the round-trip check read the rows in page order.
#[test]
fn a_late_table_head_is_the_header_row() {
    assert_eq!(
        whole_body(
            "<table><tr><td>a</td><td>b</td></tr><thead><tr><th>H1</th><th>H2</th></tr></thead></table>"
        ),
        "| H1 | H2 |\n| --- | --- |\n| a | b |\n"
    );
}
