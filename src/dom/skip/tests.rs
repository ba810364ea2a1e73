//! Skipping must leave the tree exactly as html5ever builds it, apart from
//! the emptied elements: every test parses a page twice, without skipping
//! and with it (in pieces of many sizes, so that the end of a piece falls
//! everywhere inside the raw text), and compares the two trees.

use super::*;
use crate::dom::parse::parse_with;
use crate::dom::{Dom, Namespace, NodeData, NodeId};
use std::fmt::Write;
use std::path::Path;

/// The tree, one node per line with its depth; `emptied`: without the
/// text of the elements whose text is skipped. What is inside an `<svg>`
/// is left out in both: its content is skipped when the scan can follow
/// it (see `svg.rs`), and what must not change is the tree around it.
fn dump(dom: &Dom, emptied: bool) -> String {
    let mut depth = vec![0usize; dom.len()];
    let mut in_svg = vec![false; dom.len()];
    let mut out = String::new();
    for id in dom.ids() {
        let parent = dom.parent(id);
        if let Some(p) = parent {
            depth[id.index()] = depth[p.index()] + 1;
            in_svg[id.index()] = in_svg[p.index()] || is_svg(dom, p);
        }
        if in_svg[id.index()] {
            continue;
        }
        let d = depth[id.index()];
        match dom.data(id) {
            NodeData::Document => writeln!(out, "{d} #document"),
            NodeData::Element(e) => {
                let attrs: Vec<String> = e
                    .attrs()
                    .map(|(name, value)| format!("{name}={value:?}"))
                    .collect();
                writeln!(out, "{d} <{:?} {} {}>", e.ns, &*e.name, attrs.join(" "))
            }
            NodeData::Text(_) if emptied && parent.is_some_and(|p| is_skipped(dom, p)) => Ok(()),
            NodeData::Text(t) => writeln!(out, "{d} {:?}", t),
        }
        .expect("writing to a String");
    }
    out
}

fn is_svg(dom: &Dom, id: NodeId) -> bool {
    dom.element(id)
        .is_some_and(|e| e.ns == Namespace::Svg && &*e.name == "svg")
}

/// An HTML `<style>`, or an HTML `<script>` of a type nothing reads.
fn is_skipped(dom: &Dom, id: NodeId) -> bool {
    dom.element(id).is_some_and(|e| {
        e.ns == Namespace::Html
            && (&*e.name == "style"
                || (&*e.name == "script" && !e.attr("type").is_some_and(text_is_read)))
    })
}

/// Parses `html` whole without skipping, then with skipping in pieces of
/// each size, and compares; returns how many text nodes were skipped.
fn check(html: &str, chunks: &[usize]) -> usize {
    let plain = parse_with(html, usize::MAX, false, None);
    let expected = dump(&plain, true);
    for &chunk in chunks {
        let skipped = dump(&parse_with(html, chunk, true, None), false);
        if skipped != expected {
            let diff = similar::TextDiff::from_lines(&expected, &skipped);
            panic!(
                "pieces of {chunk} bytes: the trees differ for {:.200}\n{}",
                html,
                diff.unified_diff().context_radius(2)
            );
        }
    }
    let all = dump(&plain, false).lines().count();
    all - expected.lines().count()
}

const EVERY_SIZE: &[usize] = &[1, 2, 3, 4, 5, 7, 11, 16, usize::MAX];

#[test]
fn script_and_style_text_is_skipped_up_to_the_end_tag() {
    for html in [
        "<script>a</script>b",
        "<p>x<script>if (a<b) x = '</scriptx>' + '</scrip>';</script >after",
        "<SCRIPT>x</ScRiPt/>y<script>z</script\n>w<script>v</script\r\n foo=bar>u",
        "<script>a</script\x0c>b<script>c</script\t>d",
        "<style>a { b: c }</style>b<STYLE>x</sTyle >y",
        "<style><!-- </style> --></style>tail",
        "<script>a</script><script>b</script><style>c</style>d",
        "<script>é 漢字 </script>ü<style>ß</style>ö",
        "<script>\0</script>after",
        "<script>x</script",
        "<script>abc </scr",
        "<script>abc <!-- ",
        "<head><script>a</script><style>b</style></head><body>c</body>",
    ] {
        assert!(check(html, EVERY_SIZE) > 0, "nothing skipped in {html}");
    }
}

#[test]
fn escaped_script_text_ends_where_the_tokenizer_says() {
    for html in [
        // `</script>` inside `<!--` ... `-->` still ends the script...
        "<script><!-- x </script>after -->",
        // ...unless a `<script>` inside made it double-escaped.
        "<script><!-- <script> </script> still --></script>after",
        "<script><!--<script>--></script>after",
        "<script><!-- <script x> --><script></script>z",
        "<script><!--<script></script><script></script>--></script>tail",
        "<script><!-- <scripts> </script>after",
        "<script><!-- <SCRIPT/></SCRIPT/> --></script>after",
        "<script><!-- <script>--- <</script> --></script>after",
        "<script><!-- - -- --> x </script>after",
        "<script>--></script>a<script><!--></script>b<script><!---></script>c",
        "<script><!- -></script>a<script><!x</script>b<script><</script>c",
        "<script><!--<!--<script>--><script></script>--></script>d",
        "<script><!-- <script> <!-- </script--> --></script>e",
        "<script><!-- </scr</script>f",
        "<script><!--<</script>g<script><!--</</script>h",
    ] {
        check(html, EVERY_SIZE);
    }
}

#[test]
fn text_that_is_read_or_not_raw_is_kept() {
    for html in [
        r#"<script type="application/ld+json">{"@type": "NewsArticle"}</script>"#,
        r#"<script type=" Application/LD+JSON ">{}</script>"#,
        r#"<script type="math/tex; mode=display">x^2</script>"#,
        "<svg><style><p>x</p></style></svg>after",
        "<svg><script>a<b>c</b></script></svg>after",
        "<math><mi><script>x</script></mi><mrow><script>y<b></script></mrow></math>",
        "<svg><foreignObject><script>z</script><style>w</style></foreignObject></svg>",
        "<noscript><script>x</script></noscript>",
        "<textarea><script>x</script></textarea><title><style>y</style></title>",
        "<xmp><script>x</script></xmp><iframe><style>y</style></iframe>",
        "<!-- <script> --><p>x</p><!-- </script> -->",
        "<plaintext><script>x</script>",
        "<p title='<script>'>x</p><p data-x=\"<style>\">y</p>",
    ] {
        check(html, EVERY_SIZE);
    }
}

#[test]
fn raw_text_in_every_insertion_mode_is_skipped_alike() {
    for html in [
        "<template><script>x</script><style>y</style></template>",
        "<table><script>x</script><style>y</style><tr><td>a</table>",
        "<table><tr><script>x</script><td><style>y</style>a</table>",
        "<select><script>x</script><option>a</select>",
        "<frameset><script>x</script></frameset>",
        "</html><script>x</script>",
        "</body><style>y</style>",
        "<html><head></head><script>x</script><body>",
        "<div><p>a<script>x</script>b</p></div>",
    ] {
        check(html, EVERY_SIZE);
    }
}

/// The nodes inside `<svg>` elements.
fn inside_svg(dom: &Dom) -> usize {
    let svgs = dom.ids().filter(|&id| is_svg(dom, id));
    svgs.map(|id| dom.subtree_range(id).len() - 1).sum()
}

#[test]
fn svg_content_is_skipped_when_the_scan_can_follow_it() {
    for html in [
        "<p>a<svg viewBox='0 0 1 1'><path d='M0 0L1 1'/></svg>b</p>",
        "<a href=x><svg><title>Share</title><use href='#i'></use></svg></a>c",
        "<div><svg><g><svg><circle r=1 /></svg></g><!-- </svg> --></svg>d</div>",
        "<table><tr><td><svg><rect/></svg></td></tr></table>",
        "<svg><style>.a { fill: red }</style><text>t</text></svg>e",
    ] {
        check(html, EVERY_SIZE);
        let plain = parse_with(html, usize::MAX, false, None);
        assert!(inside_svg(&plain) > 0, "{html}");
        assert_eq!(
            inside_svg(&parse_with(html, usize::MAX, true, None)),
            0,
            "{html}"
        );
    }
}

#[test]
fn svg_content_the_scan_cannot_follow_is_parsed_as_before() {
    for html in [
        "<div><svg><path/><p>breaks out</p></svg></div>after",
        "<svg><foreignObject><div>x</div></foreignObject></svg>",
        "<div><svg><g></div>after</g></svg>",
        "<svg><title>a <b>b</b></title></svg>",
        "<svg><path d='unclosed",
        "<svg/><p>x</p>",
    ] {
        check(html, EVERY_SIZE);
        let plain = parse_with(html, usize::MAX, false, None);
        let skipped = parse_with(html, usize::MAX, true, None);
        assert_eq!(inside_svg(&plain), inside_svg(&skipped), "{html}");
    }
}

#[test]
fn script_and_style_types() {
    let kept = [
        "application/ld+json",
        " application/LD+JSON ",
        "math/tex",
        "math/asciimath",
    ];
    let skipped = [
        "",
        "text/javascript",
        "module",
        "application/json",
        "text/template",
    ];
    assert!(kept.iter().all(|t| text_is_read(t)));
    assert!(!skipped.iter().any(|t| text_is_read(t)));
}

/// Pages of the readability corpus (when present) and the samples.
pub(super) fn pages() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/readability");
    let mut pages: Vec<_> = std::fs::read_dir(corpus)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("source.html"))
        .collect();
    let samples = std::fs::read_dir(root.join("samples")).expect("samples/ exists");
    pages.extend(
        samples
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html")),
    );
    pages
}

/// Real pages, in 1 MiB pieces and in pieces of 4,093 bytes (so that
/// thousands of piece ends fall inside scripts).
#[test]
fn real_pages_parse_to_the_same_tree() {
    let mut skipped = 0;
    for page in pages() {
        let Ok(bytes) = std::fs::read(&page) else {
            continue;
        };
        let text = crate::input::decode(&bytes, None).text;
        skipped += check(&text, &[1 << 20, 4093]);
    }
    assert!(skipped > 0);
}
