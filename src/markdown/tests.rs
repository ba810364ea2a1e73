//! The Markdown stage's behaviour, case by case: each test gives an HTML
//! snippet and the exact Markdown expected, written by hand from the rules
//! in the module docs. A round-trip check renders our Markdown back with
//! pulldown-cmark and compares the visible text with the HTML's.

use super::*;
use pulldown_cmark::{Event as MdEvent, Options, Parser, Tag, TagEnd};

mod blocks;
mod escaping;
mod generated;
mod inline;
mod links;
mod lists;
mod robustness;
mod roundtrip;
mod tables;

/// Converts the `<body>` of `html` with nothing removed.
fn md(html: &str) -> String {
    md_removing(html, &[])
}

/// Converts the `<body>` of `html`, removing the elements whose `id` is
/// listed (as the rules stage would).
fn md_removing(html: &str, ids: &[&str]) -> String {
    let dom = Dom::parse(html);
    let body = dom.find("body").expect("html5ever always makes a body");
    let mut removed = NodeSet::new(dom.len());
    for id in dom.ids() {
        if dom
            .element(id)
            .and_then(|e| e.attr("id"))
            .is_some_and(|v| ids.contains(&v))
        {
            removed.insert(id);
        }
    }
    render(&dom, &[body], &removed, &MarkdownOptions::default())
}

#[track_caller]
fn check(html: &str, expected: &str) {
    let actual = md(html);
    assert_eq!(
        actual, expected,
        "\nHTML:     {html:?}\nexpected: {expected:?}\nactual:   {actual:?}"
    );
}

/// The text a reader sees in `html`, with all whitespace removed (block
/// boundaries and breaks are spacing, not text).
fn html_text(html: &str) -> String {
    let dom = Dom::parse(html);
    let body = dom.find("body").expect("body");
    squeeze(&dom.text_content(body))
}

/// The text pulldown-cmark reads from `markdown` (text and code, not image
/// descriptions or raw HTML), with all whitespace removed.
fn markdown_text(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    let mut in_image = 0;
    for event in Parser::new_ext(markdown, options) {
        match event {
            MdEvent::Start(Tag::Image { .. }) => in_image += 1,
            MdEvent::End(TagEnd::Image) => in_image -= 1,
            MdEvent::Text(t) | MdEvent::Code(t) if in_image == 0 => out.push_str(&t),
            _ => {}
        }
    }
    squeeze(&out)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Inputs whose text is easy to garble: every escape and every emphasis
/// fallback must read back as the same text.
const ROUND_TRIP: &[&str] = &[
    r"<p>a\b *c* `d` ~e~ ~~f~~ _g_ snake_case __init__</p>",
    "<p>[a] [b](c) [d][e] [f]: g ![h](i) x]y [ ] z</p>",
    "<p>&lt;div&gt; &lt;/p&gt; &lt;!-- c --&gt; &lt;?php &lt;http://x.y&gt; a &lt; b</p>",
    "<p>&amp;amp; &amp;#123; &amp;#x1F; &amp;copy; AT&amp;T</p>",
    "<p># h</p><p>## h</p><p>- a</p><p>+ b</p><p>* c</p><p>1. d</p><p>2) e</p><p>&gt; f</p>",
    "<p>a<br>===</p><p>b<br>---</p><p>---</p><p>***</p><p>___</p><p>- - -</p><p>~~~</p><p>```</p>",
    "<p>x | y<br>--- | ---</p><ul><li>[ ] no</li><li>[x] no</li></ul>",
    "<h2>Issue #</h2><h3>#</h3><h4>C#</h4>",
    "<p>이것은 <b>마크다운(Markdown)</b>을 배우자</p><p>これは<b>「重要」</b>です</p>",
    "<p>これは<b>重要</b>です</p><p>a<em>\"q\"</em>b <del>「古い」</del>だ</p>",
    "<p><b><i>x</i></b> <i><b>y</b></i> <b>a<i>b</i>c</b> <i>a<b>b</b>c</i></p>",
    "<p>see<b><a href=\"u\">x</a></b>y <b>*</b> <i>_</i> <s>~</s></p>",
    "<p><b>(a)</b>b a<b>(b)</b> <i>.x.</i>y 1<b>2</b>3</p>",
    "<p><code>a`b</code> <code>`x`</code> <kbd>*k*</kbd> <code>|</code></p>",
    "<table><tr><th>a|b</th><th><code>c|d</code></th></tr><tr><td>*e*</td><td>[f](g)</td></tr></table>",
    "<p><a href=\"u\">[1]</a> <a href=\"a b\">c</a> <a href=\"x)\">y</a> <a href=\"u\" title='t\"'>z</a></p>",
    "<p>Wow![1] !<a href=\"u\">x</a> 100% &amp; more</p>",
    "<blockquote><p>- a</p><blockquote><p>1. b</p></blockquote></blockquote>",
    "<ol><li><p>1. x</p><p># y</p></li></ol>",
    "<p>\u{a0}<b>\u{a0}x\u{a0}</b>\u{a0}y</p>",
    "<p><b>🔥hot</b>dog ©<i>x</i> →<b>y</b>z</p>",
];

#[test]
fn round_trip_keeps_the_visible_text() {
    for html in ROUND_TRIP {
        let markdown = md(html);
        assert_eq!(
            markdown_text(&markdown),
            html_text(html),
            "\nHTML: {html:?}\nMarkdown:\n{markdown}"
        );
    }
}

#[test]
fn round_trip_leaves_no_literal_delimiters() {
    // The HTML has no asterisks, underscores or tildes: any in the text
    // read back would be a delimiter that failed to parse.
    let html = "<p>이것은 <b>마크다운(Markdown)</b>을</p><p>これは<b>「重要」</b>です</p>\
                <p>a<i>(b)</i>c <s>「x」</s>y <b><i>z</i></b></p>";
    let text = markdown_text(&md(html));
    assert!(!text.contains(['*', '_', '~']), "{text}");
}

#[test]
fn round_trip_keeps_link_destinations_and_titles() {
    let cases = [
        ("/a b", "t\"q"),
        ("a)b", "a\\b"),
        ("a(b", "&copy;"),
        ("a(b)c", "x"),
        ("(((())))", "x"),
        ("x<y>", "x"),
        ("h&copy;", "x"),
        ("a\\b\\*c", "x"),
        ("https://e.com/ü?q=1&r=2#f", "line\nbreak"),
    ];
    for (href, title) in cases {
        let html = format!(
            "<a href=\"{}\" title=\"{}\">x</a>",
            attr_escape(href),
            attr_escape(title)
        );
        let markdown = md(&html);
        let link = Parser::new(&markdown).find_map(|e| match e {
            MdEvent::Start(Tag::Link {
                dest_url, title, ..
            }) => Some((dest_url.to_string(), title.to_string())),
            _ => None,
        });
        let folded_title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            link,
            Some((href.to_string(), folded_title)),
            "\nHTML: {html}\nMarkdown: {markdown}"
        );
    }
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
