//! Structure-aware HTML: a generated tree of tags, attributes, text and
//! entities, rendered to markup, encoded in one of several encodings, into
//! `Cleaner::convert`: no panic, the Markdown is valid UTF-8, no script
//! link survives, and the round-trip property holds (the Markdown read
//! back shows the text and constructs of the cleaned DOM).

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use declutter::{Cleaner, Options, stages};
use libfuzzer_sys::fuzz_target;

static CLEANER: LazyLock<Cleaner> =
    LazyLock::new(|| Cleaner::new(Options::default()).expect("the built-in rules compile"));

static WHOLE_PAGE: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Options {
        extract: false,
        assets: Some("media/".to_string()),
        ..Options::default()
    })
    .expect("the built-in rules compile")
});

/// Tags the pipeline treats specially, plus any name at all.
const TAGS: &[&str] = &[
    "html", "head", "body", "title", "meta", "base", "div", "p", "span", "a", "b", "i", "em",
    "strong", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "img", "picture",
    "source", "figure", "figcaption", "br", "hr", "article", "main", "nav", "aside", "header",
    "footer", "section", "script", "style", "noscript", "template", "svg", "math", "iframe",
    "form", "input", "button", "sup", "sub", "del", "s", "mark", "time", "address", "details",
    "summary", "textarea", "select", "option", "kbd", "var", "q", "abbr", "wbr", "center",
];

const ATTRS: &[&str] = &[
    "class", "id", "href", "src", "srcset", "alt", "title", "content", "name", "property",
    "charset", "http-equiv", "lang", "datetime", "rel", "role", "hidden", "style", "data-src",
    "colspan", "rowspan", "start", "type", "itemprop", "aria-hidden", "width", "height",
];

const VALUES: &[&str] = &[
    "", "article", "content", "nav", "share", "comment", "related", "ad", "byline", "author",
    "javascript:alert(1)", "JaVaScRiPt:x", "vbscript:x", "data:text/html,<b>x</b>",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "../../etc/passwd", "/abs/path.png", "cid:part1", "https://example.com/a/b.html",
    "#frag", "mailto:a@b.c", "utf-8", "shift_jis", "euc-kr", "windows-1252", "UTF-16",
    "og:title", "article:published_time", "2024-02-30T25:61:00Z", "999999999", "-1", "0",
    "application/ld+json",
];

const ENTITIES: &[&str] = &[
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&quot;", "&#0;", "&#x0;", "&#xD800;", "&#x110000;",
    "&#99999999999;", "&notin", "&amp", "&#", "&#x;", "&copy;", "&zwj;", "&#128512;", "&;",
];

const ENCODINGS: &[&str] = &[
    "utf-8", "utf-16le", "utf-16be", "shift_jis", "euc-kr", "gbk", "windows-1252", "koi8-r",
    "iso-2022-jp", "big5", "euc-jp",
];

#[derive(Arbitrary, Debug)]
enum Name {
    Known(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum Value {
    Known(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum Node {
    Element {
        tag: Name,
        attrs: Vec<(Name, Value)>,
        children: Vec<Node>,
        close: bool,
    },
    Text(String),
    Entity(u8),
    Comment(String),
    /// Markup fragments the tree shape cannot produce (stray `</p>`, `<!`).
    Raw(String),
    /// A chain of `depth` open tags, cheap in input bytes.
    Nest { tag: Name, depth: u16 },
}

#[derive(Arbitrary, Debug)]
struct Page {
    nodes: Vec<Node>,
    encoding: u8,
    /// Declare the encoding with `<meta charset>`.
    declare: bool,
    bom: bool,
    whole_page: bool,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

fn name(n: &Name, list: &[&'static str]) -> String {
    match n {
        Name::Known(i) => pick(list, *i).to_string(),
        Name::Any(s) => s.clone(),
    }
}

/// Rendered with an explicit stack: a generated tree can be deep.
fn render(nodes: &[Node], out: &mut String) {
    enum Step<'a> {
        Open(&'a Node),
        Close(String),
    }
    let mut stack: Vec<Step> = nodes.iter().rev().map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Close(tag) => {
                out.push_str(&format!("</{tag}>"));
                continue;
            }
            Step::Open(node) => node,
        };
        match node {
            Node::Element { tag, attrs, children, close } => {
                let tag = name(tag, TAGS);
                out.push('<');
                out.push_str(&tag);
                for (n, v) in attrs {
                    let v = match v {
                        Value::Known(i) => pick(VALUES, *i).to_string(),
                        Value::Any(s) => s.clone(),
                    };
                    out.push_str(&format!(" {}=\"{}\"", name(n, ATTRS), v.replace('"', "&quot;")));
                }
                out.push('>');
                if *close {
                    stack.push(Step::Close(tag));
                }
                stack.extend(children.iter().rev().map(Step::Open));
            }
            Node::Text(s) => out.push_str(s),
            Node::Entity(i) => out.push_str(pick(ENTITIES, *i)),
            Node::Comment(s) => out.push_str(&format!("<!--{s}-->")),
            Node::Raw(s) => out.push_str(s),
            Node::Nest { tag, depth } => {
                let tag = name(tag, TAGS);
                for _ in 0..(*depth % 2048) {
                    out.push_str(&format!("<{tag}>"));
                }
            }
        }
    }
}

fn encode(page: &Page, html: &str) -> Vec<u8> {
    let label = pick(ENCODINGS, page.encoding);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).expect("a known label");
    let mut text = String::new();
    if page.declare {
        text.push_str(&format!("<meta charset=\"{label}\">"));
    }
    text.push_str(html);
    let mut bytes = Vec::new();
    match label {
        // encoding_rs encodes UTF-16 as UTF-8 (per WHATWG): do it by hand.
        "utf-16le" | "utf-16be" => {
            let le = label == "utf-16le";
            if page.bom {
                bytes.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            }
            for unit in text.encode_utf16() {
                let b = if le { unit.to_le_bytes() } else { unit.to_be_bytes() };
                bytes.extend_from_slice(&b);
            }
        }
        _ => {
            if page.bom && label == "utf-8" {
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            bytes.extend_from_slice(&encoding.encode(&text).0);
        }
    }
    bytes
}

/// Every link and image destination, as a CommonMark reader sees them.
fn link_destinations(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

fuzz_target!(|page: Page| {
    let mut html = String::new();
    render(&page.nodes, &mut html);
    let bytes = encode(&page, &html);
    let cleaner = if page.whole_page { &*WHOLE_PAGE } else { &*CLEANER };
    if let Ok(doc) = cleaner.convert(&bytes) {
        assert!(std::str::from_utf8(doc.markdown.as_bytes()).is_ok());
        for dest in link_destinations(&doc.markdown) {
            let lower = dest.trim().to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(!lower.starts_with(scheme), "{dest} in {:?}", doc.markdown);
            }
        }
    }
    // The page as text, before any encoding: the round trip is about the
    // Markdown stage, and decoding has checks of its own above.
    if let Err(problem) = stages::round_trip(cleaner, &html) {
        panic!("round trip: {problem}\n--- HTML\n{html}");
    }
});
