//! Removed nodes, roots, deep nesting and other edge cases.

use super::{md, md_removing};
use crate::dom::{Dom, NodeSet};
use crate::markdown::{MarkdownOptions, render};

#[test]
fn removed_nodes_and_their_subtrees_are_skipped() {
    assert_eq!(
        md_removing(
            "<p>keep <span id=ad>AD</span>this</p><div id=gone><p>gone</p></div><p>end</p>",
            &["ad", "gone"]
        ),
        "keep this\n\nend\n"
    );
}

#[test]
fn removed_root_writes_nothing() {
    assert_eq!(md_removing("<div id=all><p>x</p></div>", &["all"]), "");
}

#[test]
fn roots_are_written_in_order_and_may_be_text_or_document() {
    let dom = Dom::parse("<p id=a>first</p><p>second</p>");
    let none = NodeSet::new(dom.len());
    let opts = MarkdownOptions::default();
    let p = dom.find("p").unwrap();
    let text = dom.children(p)[0];
    let body = dom.find("body").unwrap();
    let second = dom.children(body)[1];
    assert_eq!(
        render(&dom, &[second, p], &none, &opts),
        "second\n\nfirst\n"
    );
    assert_eq!(render(&dom, &[text], &none, &opts), "first\n");
    assert_eq!(
        render(&dom, &[dom.root()], &none, &opts),
        "first\n\nsecond\n"
    );
    assert_eq!(render(&dom, &[], &none, &opts), "");
}

#[test]
fn title_and_head_are_not_written_from_the_document() {
    let dom = Dom::parse("<title>T</title><p>x</p>");
    let none = NodeSet::new(dom.len());
    assert_eq!(
        render(&dom, &[dom.root()], &none, &MarkdownOptions::default()),
        "x\n"
    );
}

#[test]
fn deeply_nested_divs_do_not_overflow() {
    let html = "<div>".repeat(20_000) + "deep text" + &"</div>".repeat(20_000);
    assert_eq!(md(&html), "deep text\n");
}

#[test]
fn deeply_nested_blockquotes_do_not_overflow() {
    // The parser keeps MAX_DEPTH levels and flattens the rest into the last.
    let html = "<blockquote>".repeat(5_000) + "deep";
    let expected = "> ".repeat(crate::dom::MAX_DEPTH) + "deep\n";
    assert_eq!(md(&html), expected);
}

#[test]
fn deeply_nested_lists_and_spans_do_not_overflow() {
    let html = "<ul><li>".repeat(2_000) + "x";
    let out = md(&html);
    assert!(
        out.ends_with("- x\n"),
        "{}",
        &out[out.len().saturating_sub(40)..]
    );
    let html = "<b><i><s>".repeat(10_000) + "y";
    assert_eq!(md(&html), "**_~~y~~_**\n");
}

#[test]
fn many_breaks_and_empty_spans_stay_linear() {
    let html = "<p>".to_string() + &"a<br><b></b>".repeat(20_000) + "</p>";
    let out = md(&html);
    assert_eq!(out.matches('a').count(), 20_000);
}

#[test]
fn output_ends_with_one_newline_and_has_no_trailing_spaces() {
    let out =
        md("<div><p>a </p>\n<ul><li> b </li></ul><blockquote><p>c</p><p>d</p></blockquote></div>");
    assert_eq!(out, "a\n\n- b\n\n> c\n>\n> d\n");
    assert!(out.lines().all(|l| !l.ends_with(' ')));
}

/// Renders with every option that adds work (wrapping, references,
/// assets), so the new passes are exercised on the same inputs.
fn md_all_options(html: &str) -> String {
    let dom = Dom::parse(html);
    let body = dom.find("body").expect("body");
    let none = NodeSet::new(dom.len());
    let opts = MarkdownOptions {
        base: url::Url::parse("https://example.com/a/").ok(),
        link_style: crate::options::LinkStyle::Reference,
        wrap: Some(30),
        asset_prefix: Some("img/".to_string()),
    };
    render(&dom, &[body], &none, &opts)
}

#[test]
fn deeply_nested_footnotes_math_and_embeds_do_not_overflow() {
    let depth = 20_000;
    let html = "<sup><a href=\"#n\">1</a>".repeat(depth) + "<ol><li id=n>note</li></ol>";
    md_all_options(&html);
    // A formula's text is read from its first 20,000 nodes.
    let html = "<math><mrow>".repeat(5_000) + "<mi>x</mi>";
    assert!(md(&html).contains('x'));
    let html = "<math><mrow>".repeat(depth) + "<mi>x</mi>";
    md(&html);
    let html = "<span class=katex>".repeat(depth) + "k";
    md(&html);
    let html = "<a href=\"/x\"><iframe src=\"https://youtube.com/embed/v\"></iframe>".repeat(depth);
    md_all_options(&html);
}

#[test]
fn wide_pages_stay_linear() {
    // Many references to one note, a <sup> with many children, a long
    // paragraph to wrap, many dollars, many same-page anchors.
    let html = "<p>".to_string()
        + &"w<sup><a href=\"#n\">1</a></sup> $5 ($6) ".repeat(20_000)
        + "</p><ol><li id=n>note</li></ol>";
    let out = md_all_options(&html);
    assert_eq!(out.matches("[^1]").count(), 20_001);
    let html = "<sup>".to_string() + &"<a href=\"#n\">1</a>".repeat(50_000) + "</sup><p id=n>n</p>";
    md(&html);
    let html =
        "<p>".to_string() + &"<a href=\"#t\">x</a> [y] ".repeat(30_000) + "</p><p id=t>t</p>";
    assert!(
        md_all_options(&html)
            .lines()
            .all(|l| l.chars().count() <= 30)
    );
}
