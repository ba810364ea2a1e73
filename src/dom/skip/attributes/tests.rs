//! Taking attributes out before the tokenizer reads them must leave the
//! tree html5ever builds, but for attributes that [`UnreadAttributes`]
//! drops; and the attribute bound must hold for every tag the tokenizer
//! reads, wherever the scan had to wait.

use super::*;
use crate::dom::parse::parse_with;
use crate::dom::{Dom, Namespace, NodeData};
use html5ever::tokenizer::{Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{TokenizerResult, local_name};
use markup5ever_rcdom::RcDom;

/// One node per line: its depth and what it is; an element's attributes
/// apart. SVG content is left out (it is skipped when it can be), and so
/// is the text of scripts and styles (skipped too).
fn lines(dom: &Dom) -> Vec<(String, Vec<(String, String)>)> {
    let mut depth = vec![0usize; dom.len()];
    let mut hidden = vec![false; dom.len()];
    let mut out = Vec::new();
    for id in dom.ids() {
        if let Some(p) = dom.parent(id) {
            depth[id.index()] = depth[p.index()] + 1;
            let svg = dom
                .element(p)
                .is_some_and(|e| e.is_named(&local_name!("svg")) || &*e.name == "svg");
            let raw = dom
                .element(p)
                .is_some_and(|e| matches!(&*e.name, "script" | "style"));
            hidden[id.index()] = hidden[p.index()] || svg || (raw && dom.text(id).is_some());
        }
        if hidden[id.index()] {
            continue;
        }
        let d = depth[id.index()];
        out.push(match dom.data(id) {
            NodeData::Document => (format!("{d} #document"), Vec::new()),
            NodeData::Element(e) => (
                format!("{d} <{:?} {}>", e.ns, &*e.name),
                e.attrs()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
            ),
            NodeData::Text(t) => {
                // Text inside preformatted text and code keeps its white
                // space: compared whole. (In SVG and MathML, an end tag
                // the tree builder ignores can let runs after it be cut:
                // see `hold_open`.)
                let code = dom.ancestors(id).any(|a| {
                    dom.element(a).is_some_and(|e| {
                        e.ns == Namespace::Html
                            && KEEPS_SPACES[..SVG].iter().any(|k| e.name.as_bytes() == *k)
                    })
                });
                let kind = if code { "#code" } else { "#text" };
                (format!("{d} {kind}"), vec![(String::new(), t.to_string())])
            }
        });
    }
    out
}

/// `text` with each run of white space (as the scan collapses it) cut to
/// its first character.
fn squeezed(text: &str) -> String {
    let blank = |c: char| c.is_ascii() && is_space(c as u8);
    let mut out = String::new();
    for c in text.chars() {
        if !(blank(c) && out.chars().last().is_some_and(blank)) {
            out.push(c);
        }
    }
    out
}

/// Parses `html` whole with the unread attributes taken out, and without,
/// and checks that the trees are the same but for attributes `unread`
/// drops (which may also stay), and for runs of white space between tags
/// cut short (a text node keeps at least the first character of each
/// run); returns how many attributes went.
fn check_dropped(html: &str, unread: &UnreadAttributes) -> usize {
    let plain = lines(&parse_with(html, usize::MAX, true, None));
    let dropped = lines(&parse_with(html, usize::MAX, true, Some(unread)));
    assert_eq!(
        plain.len(),
        dropped.len(),
        "node counts differ for {html:.300}"
    );
    let mut gone = 0;
    for ((head, all), (head2, kept)) in plain.iter().zip(&dropped) {
        assert_eq!(head, head2, "in {html:.300}");
        if head.ends_with("#code") {
            assert_eq!(all, kept, "{head} in {html:.300}");
            continue;
        }
        if head.ends_with("#text") {
            let (text, scanned) = (&all[0].1, &kept[0].1);
            assert!(scanned.len() <= text.len(), "{scanned:?} from {text:?}");
            assert_eq!(squeezed(text), squeezed(scanned), "in {html:.300}");
            continue;
        }
        let expected: Vec<&(String, String)> = all
            .iter()
            .filter(|a| !unread.drops(a.0.as_bytes()) || kept.contains(a))
            .collect();
        assert_eq!(
            kept.iter().collect::<Vec<_>>(),
            expected,
            "{head} in {html:.300}"
        );
        gone += all.len() - kept.len();
    }
    gone
}

/// Strings of `parts` picked at random (xorshift64 from `seed`: the same
/// each run), as many parts as `len` says for the seed at the start.
fn strings<'a>(
    parts: &'a [&str],
    mut seed: u64,
    len: impl Fn(u64) -> u64 + 'a,
) -> impl Iterator<Item = String> + 'a {
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    std::iter::from_fn(move || {
        let count = len(next());
        Some(
            (0..count)
                .map(|_| parts[(next() % parts.len() as u64) as usize])
                .collect(),
        )
    })
}

fn unread() -> UnreadAttributes {
    UnreadAttributes::new(["data-keep", "ONKEEP"])
}

#[test]
fn unread_names_are_dropped_and_read_ones_kept() {
    let u = unread();
    for name in [
        "data-id",
        "DATA-Track",
        "aria-controls",
        "onclick",
        "onLoad",
        "tabindex",
        "target",
    ] {
        assert!(u.drops(name.as_bytes()), "{name}");
    }
    for name in [
        "class",
        "id",
        "href",
        "src",
        "style",
        "data-src",
        "data-srcset",
        "aria-hidden",
        "aria-label",
        "data-keep",
        "onkeep",
        "on",
        "one-2",
        "data\0-x",
        "data-\0x",
        "data-\u{fffd}",
        "hidden",
        "role",
    ] {
        assert!(!u.drops(name.as_bytes()), "{name}");
    }
}

#[test]
fn tags_lose_only_unread_attributes() {
    let u = unread();
    for html in [
        r#"<div data-x="1" class="a" onclick="f()">t</div><p data-y=2>x</p>"#,
        r#"<a href="/a"data-x="1"title="t">x</a><a data-x = "1" href=b>y</a>"#,
        r#"<img src=a.png data-x=1/><br/data-x=1><br data-x/><br data-x="1"/>"#,
        r#"<p checked data-x="1" ="v">a</p><p checked data-x="1"="v">b</p>"#,
        r#"<p data-x=1 =y data-z>c</p><p =x data-a>d</p><p data-a data-a=2 DATA-A=3>e</p>"#,
        "<p\tdata-x='1'\r\ndata-y=\"2\"\x0cclass=c>f</p><P DATA-X=1 CLASS=D>g</P>",
        r#"<p data-x="a > b" class='c "d" e'>h</p><p data-x='>'>i</p><p data-x=">>">j</p>"#,
        r#"<p data-x=a"b class=c>k</p><p data-x=`x` data-y=<>l</p><p data-keep=1 onkeep=2>m</p>"#,
        "<p data-\0x=1 data-x\0=2>n</p><p data-\u{fffd}=3>o</p>",
        r#"<svg data-x="1" class="i"><path data-y="2" d="M0"/></svg><p data-z>p</p>"#,
        r#"<title data-x=1>a <b data-y=2>t</title><textarea data-x>a <b data-y=2></textarea><p data-z=3>q</p>"#,
        r#"<script data-x=1>var a = "<p data-y=2>";</script><style data-x>p{}</style><p data-z>r</p>"#,
        r#"<script type="application/ld+json" data-x>{"a": "<p data-y>"}</script><p data-z>s</p>"#,
        r#"<noscript data-x><p data-y>t</p></noscript><iframe data-x><p data-y></iframe><p data-z>u</p>"#,
        r#"<!-- <p data-x=1> --><p data-y>v</p><!--><p data-z>w</p><!---><p data-q>x</p>"#,
        r#"<!-- a --!><p data-y>v</p><!DOCTYPE html data-x><p data-z>w</p><?pi data-x><p data-q>x</p>"#,
        r#"</p data-x=1><p data-y>a</p></><p data-z>b</p></ x data-q><p data-r>c</p>"#,
        r#"<svg><![CDATA[<p data-x>]]></svg><p data-y>a</p><![CDATA[ <p data-z> ]]><p data-q>b</p>"#,
        r#"<math><mi data-x>x</mi></math><select data-x><option data-y>o</select><p data-z>a</p>"#,
        r#"<table data-x><tr data-y><td data-z>a</td></tr></table><p data-q>b</p>"#,
        r#"a < b <p data-x>c</p> d <3 <p data-y>e</p>&lt;p data-z&gt;<p data-q>f</p>"#,
        r#"<plaintext data-x><p data-y>a</p>"#,
        r#"<p data-x="unclosed>a</p><p data-y>b</p>"#,
        r#"<p data-x=1"#,
        r#"<xmp data-x><p data-y></xmp><noembed><p data-z></noembed><p data-q>a</p>"#,
    ] {
        check_dropped(html, &u);
    }
}

/// Tags made of names, values and separators in every order, with the
/// bytes that change the tokenizer's state among them.
#[test]
fn generated_tags_lose_only_unread_attributes() {
    let u = unread();
    let parts = [
        "data-x",
        "class",
        "DATA-Y",
        "onclick",
        "=",
        "\"",
        "'",
        "a",
        " ",
        "/",
        "\n",
        "\r",
        "\"v\"",
        "'w'",
        "x=y",
        "data-z=\"1\"",
        "<",
        "&amp;",
        "`",
        "title",
        "aria-b",
    ];
    let mut gone = 0;
    for tag in strings(&parts, 0x9E37_79B9_7F4A_7C15, |_| 8).take(4000) {
        let html = format!("<div><p {tag}>t</p><p data-after class=c>u</p></div>");
        gone += check_dropped(&html, &u);
    }
    assert!(gone > 1000, "{gone}");
}

/// Real pages (see `pages` in the skipping tests).
#[test]
fn real_pages_lose_only_unread_attributes() {
    let u = UnreadAttributes::new(Vec::<String>::new());
    let mut gone = 0;
    for page in super::super::tests::pages() {
        let Ok(bytes) = std::fs::read(&page) else {
            continue;
        };
        let text = crate::input::decode(&bytes, None).text;
        gone += check_dropped(&text, &u);
    }
    assert!(gone > 0);
}

/// Forwards tokens to the tree builder, noting the most attributes any
/// tag had when it reached it.
struct Widest<S> {
    inner: S,
    most: Cell<usize>,
}

impl<S: TokenSink> TokenSink for Widest<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            self.most.set(self.most.get().max(tag.attrs.len()));
        }
        self.inner.process_token(token, line)
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The most attributes a tag had when html5ever's tree builder got it,
/// with the scan ahead of the tokenizer and no other bound.
fn widest(html: &str) -> usize {
    let queue = Rc::new(BufferQueue::default());
    let builder = TreeBuilder::new(RcDom::default(), TreeBuilderOpts::default());
    let sink = Widest {
        inner: builder,
        most: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(
        Ahead::new(sink, Rc::clone(&queue), None),
        TokenizerOpts::default(),
    );
    queue.push_back(StrTendril::from_slice(html));
    tokenizer.sink.start();
    while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.most.get()
}

/// A tag of each kind with far too many attributes after each place
/// where the scan waits or gives up: each reaches the tree builder
/// bounded.
#[test]
fn every_tag_is_bounded_wherever_the_scan_waited() {
    let many: String = (0..1000).map(|i| format!(" a{i}=\"v\"")).collect();
    let wide = format!("<p{many}>x</p{many}>");
    for before in [
        "",
        "<title>t</title>",
        "<textarea>a</textarea>",
        "<script>var a;</script>",
        "<script type=application/ld+json>{}</script>",
        "<style>p{}</style>",
        "<noscript>n</noscript>",
        "<iframe>i</iframe>",
        "<xmp>x</xmp>",
        "<svg><style>s</style></svg>",
        "<svg><![CDATA[ c ]]></svg>",
        "<![CDATA[ c ]]>",
        "</>",
        "<!-- c -->",
        "<!-->",
        "<!DOCTYPE html>",
        "<?pi?>",
        "</ x>",
        "a < b",
        "<svg><title>t</title></svg>",
    ] {
        let html = format!("{before}{wide}<title{many}>t</title{many}><p>after{wide}");
        assert_eq!(widest(&html), MAX_ATTRIBUTES, "after {before:?}");
    }
    // Raw text ends at an end tag that can carry attributes too.
    for element in [
        "title", "textarea", "script", "style", "noscript", "iframe", "xmp",
    ] {
        let html = format!("<{element}>t</{element}{many}><p>x");
        assert_eq!(widest(&html), MAX_ATTRIBUTES, "{element}");
    }
}

/// Unread attributes inside an SVG image are left for the skipping sink,
/// which takes the whole content out when it is in one piece.
#[test]
fn svg_content_with_unread_attributes_is_still_skipped() {
    let u = unread();
    let html = r#"<p data-a>a<svg data-b viewBox="0 0 1 1"><g data-c><path data-d d="M0"/></g></svg>b<SVG><i data-e></i></SVG></p>"#;
    let dom = parse_with(html, usize::MAX, true, Some(&u));
    let svgs: Vec<_> = dom
        .ids()
        .filter(|&id| dom.element(id).is_some_and(|e| &*e.name == "svg"))
        .collect();
    assert_eq!(svgs.len(), 2);
    for svg in svgs {
        assert_eq!(dom.subtree_range(svg).len(), 1, "{html}");
    }
    assert!(check_dropped(html, &u) >= 2);
}

/// Every string in the sources that names an attribute this module drops
/// must be one no stage reads: a stage that starts reading `data-caption`
/// needs it in [`READ`], or the parser would leave it out. Strings that
/// are not attribute names are listed here.
#[test]
fn no_stage_reads_an_attribute_the_parser_drops() {
    // Words, and a placeholder image's address ("loading.gif").
    const NOT_ATTRIBUTES: &[&str] = &["one", "only", "once", "online", "loading"];
    let u = UnreadAttributes::default();
    let literal = regex::Regex::new(r#""([A-Za-z][A-Za-z0-9:_-]*)""#).unwrap();
    let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut found = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path()),
            );
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        if !name.ends_with(".rs") || name == "tests.rs" || path.ends_with("skip/attributes.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests at the end of a file are not a stage.
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap();
        for c in literal.captures_iter(code) {
            let s = &c[1];
            if u.drops(s.as_bytes()) && !NOT_ATTRIBUTES.contains(&s) {
                found.push(format!("{}: {s}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Tag soup from the pieces that change the tokenizer's state, in random
/// order: the scan must neither panic nor change the tree but for dropped
/// attributes, wherever its waits and gives up fall.
#[test]
fn generated_soup_parses_as_without_the_scan() {
    let u = unread();
    let parts = [
        "<",
        ">",
        "/",
        "!",
        "-",
        "<!--",
        "-->",
        "--!>",
        "<![CDATA[",
        "]]>",
        "<svg>",
        "</svg>",
        "<title>",
        "</title>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<textarea>",
        "<plaintext>",
        "<math>",
        "<p",
        "</p",
        "<?",
        "<!DOCTYPE",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r",
        "\0",
        "é",
        "data-x",
        "data-y=1",
        "class=c",
        "onclick",
        "a",
        "<b ",
        "<svg data-z>",
        "&amp;",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<svg/>",
        "<table>",
        "<td>",
        "<tt>",
        "</tt>",
        "<foreignObject>",
        "<desc>",
        "<mi>",
        "</math>",
        "<div>",
        "  ",
        "\n  ",
        "\t",
    ];
    for html in strings(&parts, 0x2545_F491_4F6C_DD1D, |seed| 8 + seed % 64).take(5000) {
        check_dropped(&html, &u);
    }
}

/// The text nodes of `dom`, in document order.
fn texts(dom: &Dom) -> Vec<String> {
    dom.ids()
        .filter_map(|id| dom.text(id).map(str::to_string))
        .collect()
}

#[test]
fn blank_runs_between_tags_shrink_to_their_first_byte_but_not_in_code() {
    let html = "<body>\n    <div>\n\t\t<p>a</p>  \r\n  <pre>\n  x  <b>y</b>\n    <i>z</i>\n</pre>\n   \
        <p><code>f</code>  <kbd>k</kbd></p><code><b>1</b>   <b>2</b></code>\
        <math><mi>m</mi>   <mo>+</mo></math>\n\n<p>after</p>  text  <b>b</b>\n  </body>";
    let scanned = texts(&parse_with(html, usize::MAX, true, Some(&unread())));
    let expected = [
        "\n", "\n", "a", " ", // blank runs between tags: their first byte
        "  x  ", "y", "\n    ", "z", "\n", // inside <pre>: as written
        "\n", "f", " ", "k", // after </pre>, and between two code elements
        "1", "   ", "2", // inside <code>
        "m", "   ", "+", // inside <math>
        "\n", "after", "  text  ", "b", "\n", // text with words is left alone
    ];
    assert_eq!(scanned, expected);
    // Without the scan, the runs are as written.
    let plain = texts(&parse_with(html, usize::MAX, true, None));
    assert_eq!(plain[..4], ["\n    ", "\n\t\t", "a", "  \n  "]);
}

#[test]
fn an_unclosed_code_element_keeps_every_blank_run_after_it() {
    let html = "<p><code>x</p>\n   <p>y</p>\n   <p>z</p>";
    let scanned = texts(&parse_with(html, usize::MAX, true, Some(&unread())));
    assert!(
        scanned.iter().filter(|t| *t == "\n   ").count() == 2,
        "{scanned:?}"
    );
}

#[test]
fn a_self_closed_svg_does_not_keep_the_runs_after_it() {
    let html = "<p>a<svg/>b</p>\n   <p>c</p>";
    let scanned = texts(&parse_with(html, usize::MAX, true, Some(&unread())));
    assert_eq!(scanned, ["a", "b", "\n", "c"]);
}

#[test]
fn tag_names_are_read_in_any_case() {
    assert_eq!(KEEPS_SPACES[SVG], b"svg");
    assert_eq!(KEEPS_SPACES[MATH], b"math");
    for (i, name) in KEEPS_SPACES.iter().enumerate() {
        assert_eq!(Name::of(name), Name::Keeps(i));
        assert_eq!(Name::of(&name.to_ascii_uppercase()), Name::Keeps(i));
    }
    for name in RAW_TEXT {
        assert_eq!(Name::of(&name.to_ascii_uppercase()), Name::RawText);
    }
    for name in [&b"div"[..], b"prefix", b"s", b"plaintexts", b""] {
        assert_eq!(Name::of(name), Name::Other);
    }
}

#[test]
fn an_end_tag_inside_a_table_in_pre_leaves_the_rest_of_the_page_alone() {
    // The `</pre>` in the cell is ignored (no node: the text after it
    // goes on the cell's text): the runs after it are still in the
    // `<pre>`, and the scan cannot tell, so it cuts none after the table
    // began.
    let html = "<pre><table><tr><td>x</pre>\n   <b>y</b></td></tr></table>\n   </pre>\n   <p>z</p>";
    let scanned = texts(&parse_with(html, usize::MAX, true, Some(&unread())));
    assert_eq!(scanned, ["x\n   ", "y", "\n   ", "\n   ", "z"]);
}
