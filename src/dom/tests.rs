use super::*;

fn names(dom: &Dom, ids: impl Iterator<Item = NodeId>) -> Vec<String> {
    ids.filter_map(|id| match dom.data(id) {
        NodeData::Element(e) => Some(e.name.to_string()),
        NodeData::Text(t) => Some(format!("'{t}'")),
        NodeData::Document => None,
    })
    .collect()
}

#[test]
fn ids_are_document_order_and_subtrees_are_ranges() {
    let dom = Dom::parse("<p>a<b>b</b></p><div>c</div>");
    let all = names(&dom, dom.ids());
    assert_eq!(
        all,
        ["html", "head", "body", "p", "'a'", "b", "'b'", "div", "'c'"]
    );
    let p = dom.find("p").unwrap();
    assert_eq!(names(&dom, dom.subtree(p)), ["p", "'a'", "b", "'b'"]);
    let div = dom.find("div").unwrap();
    assert!(!dom.contains(p, div));
    assert!(dom.contains(dom.find("body").unwrap(), div));
    assert_eq!(dom.text_content(p), "ab");
}

#[test]
fn comments_and_doctype_are_not_kept() {
    let dom = Dom::parse("<!DOCTYPE html><!-- x --><p>y<!-- z --></p>");
    let p = dom.find("p").unwrap();
    assert_eq!(dom.children(p).len(), 1);
    assert_eq!(dom.text_content(dom.root()), "y");
}

#[test]
fn walker_enters_and_leaves_and_can_skip() {
    let dom = Dom::parse("<div><p>a</p><p>b</p></div>");
    let div = dom.find("div").unwrap();
    let mut w = Walker::new(div);
    let (mut seen, mut skipped) = (Vec::new(), false);
    while let Some(step) = w.next(&dom) {
        if let Step::Enter(id) = step {
            seen.push(id);
            if !skipped && dom.element(id).is_some_and(|e| e.is("p")) {
                w.skip_children(&dom);
                skipped = true;
            }
        }
    }
    // div, p (children skipped), p, 'b'
    assert_eq!(names(&dom, seen.into_iter()), ["div", "p", "p", "'b'"]);
}

fn max_depth(dom: &Dom) -> usize {
    let mut depth = vec![0usize; dom.len()];
    for id in dom.ids() {
        if let Some(p) = dom.parent(id) {
            depth[id.index()] = depth[p.index()] + 1;
        }
    }
    depth.into_iter().max().unwrap_or(0)
}

#[test]
fn nesting_is_capped_and_the_content_kept() {
    let n = 100_000;
    let html = "<div>".repeat(n) + "deep text" + &"</div>".repeat(n) + "<p>after</p>";
    let dom = Dom::parse(&html);
    assert!(max_depth(&dom) <= cap::MAX_DEPTH + 4, "{}", max_depth(&dom));
    assert_eq!(dom.text_content(dom.root()), "deep textafter");
    // The closing tags brought the parser back up: <p> is the body's child.
    let p = dom.find("p").unwrap();
    assert!(dom.element(dom.parent(p).unwrap()).unwrap().is("body"));
}

#[test]
fn nesting_under_the_cap_is_untouched() {
    let n = cap::MAX_DEPTH - 10;
    let html = "<div>".repeat(n) + "x" + &"</div>".repeat(n);
    let dom = Dom::parse(&html);
    // html, body and n divs above the text.
    assert_eq!(max_depth(&dom), n + 3);
}

#[test]
fn implied_closings_do_not_count_as_depth() {
    let html = "<ul>".to_string() + &"<li><p>item".repeat(5_000) + "</ul><div>end</div>";
    let dom = Dom::parse(&html);
    let lis = dom
        .ids()
        .filter(|&id| dom.element(id).is_some_and(|e| e.is("li")))
        .count();
    assert_eq!(lis, 5_000);
    assert!(max_depth(&dom) < 10);
}

#[test]
fn nested_lists_count_toward_the_cap() {
    // Each <li> is inside the previous one's list, not its peer: the cap
    // once closed the outer item here, lost count of the depth, and let
    // html5ever's tree builder scan a 200,000-deep stack (minutes).
    let n = 100_000;
    let html = "<ul><li>".repeat(n) + "deep text" + &"</li></ul>".repeat(n);
    let dom = Dom::parse(&html);
    assert!(max_depth(&dom) <= cap::MAX_DEPTH + 4, "{}", max_depth(&dom));
    assert_eq!(dom.text_content(dom.root()), "deep text");
}

#[test]
fn scripts_past_the_cap_stay_scripts() {
    // A kind of script whose text is read (see `skip.rs`).
    let html =
        "<span>".repeat(1_000) + "<script type=math/tex>if (a < b) { x = '<div>'; }</script>text";
    let dom = Dom::parse(&html);
    let script = dom.find("script").unwrap();
    assert_eq!(dom.text_content(script), "if (a < b) { x = '<div>'; }");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(3_000) + "x";
    let dom = Dom::parse(&html);
    assert_eq!(dom.text_content(dom.root()), "x");
    let mut w = Walker::new(dom.root());
    let mut steps = 0;
    while w.next(&dom).is_some() {
        steps += 1;
    }
    assert_eq!(steps, 2 * dom.len());
}

#[test]
fn paths_written_one_after_another_are_each_nodes_own() {
    // Paths keeps the last path and rewrites only what differs: in any
    // order, each path must be the one written from scratch.
    let dom = Dom::parse(
        r#"<div id="a"><p class="x y">t<b>u</b></p><p>v</p></div><ul class="l"><li>w<li id="">z</ul>"#,
    );
    let from_scratch = |id: NodeId| {
        let mut parts: Vec<String> = std::iter::once(id)
            .chain(dom.ancestors(id))
            .filter_map(|n| dom.element(n))
            .take_while(|e| !e.is("html"))
            .map(
                |e| match (e.attr("id").filter(|v| !v.is_empty()), e.classes().next()) {
                    (Some(id), _) => format!("{}#{id}", e.name),
                    (None, Some(class)) => format!("{}.{class}", e.name),
                    (None, None) => e.name.to_string(),
                },
            )
            .collect();
        parts.reverse();
        parts.join(" > ")
    };
    let mut order: Vec<NodeId> = dom.ids().collect();
    order.extend(dom.ids().rev());
    order.extend(dom.ids().step_by(3));
    let mut paths = Paths::default();
    for id in order {
        assert_eq!(paths.path(&dom, id), from_scratch(id), "{id:?}");
    }
}

#[test]
fn path_names_ids_and_classes() {
    let dom = Dom::parse(r#"<div id="main"><p class="lead x">t</p></div>"#);
    let p = dom.find("p").unwrap();
    assert_eq!(dom.path(p), "body > div#main > p.lead");
}

#[test]
fn svg_elements_are_not_html() {
    let dom = Dom::parse("<svg><title>t</title></svg><title>u</title>");
    let first = dom.find("title").unwrap();
    assert_eq!(dom.text_content(first), "u");
}

#[test]
fn node_set_membership() {
    let mut set = NodeSet::new(130);
    set.insert(NodeId(129));
    assert!(set.contains(NodeId(129)));
    assert!(!set.contains(NodeId(128)));
    assert!(!set.contains(NodeId(1000)));
}

#[test]
fn node_set_ranges_set_the_same_nodes_as_one_by_one() {
    for (start, end) in [
        (0, 0),
        (0, 1),
        (3, 64),
        (0, 64),
        (63, 65),
        (5, 200),
        (64, 128),
        (70, 71),
    ] {
        let mut by_range = NodeSet::new(200);
        by_range.insert_range(start..end);
        let mut one_by_one = NodeSet::new(200);
        (start..end).for_each(|i| one_by_one.insert(NodeId::from_index(i)));
        for i in 0..200 {
            let id = NodeId::from_index(i);
            assert_eq!(
                by_range.contains(id),
                one_by_one.contains(id),
                "{start}..{end}: {i}"
            );
        }
    }
}

#[test]
fn node_set_any_in_a_range_agrees_with_contains() {
    let mut set = NodeSet::new(200);
    for i in [0, 63, 64, 130, 199] {
        set.insert(NodeId::from_index(i));
    }
    for start in 0..200 {
        for end in start..=200 {
            let expected = (start..end).any(|i| set.contains(NodeId::from_index(i)));
            assert_eq!(set.any_in(start..end), expected, "{start}..{end}");
        }
    }
}

#[test]
fn text_without_removed_subtrees() {
    let dom = Dom::parse("<h1>Title<a>¶</a></h1>");
    let h1 = dom.find("h1").unwrap();
    let mut removed = NodeSet::new(dom.len());
    removed.insert(dom.find("a").unwrap());
    assert_eq!(dom.text_content_except(h1, &removed), "Title");
    assert_eq!(dom.text_content(h1), "Title¶");
}

/// The tree as `names` lists it, with each element's attributes, read
/// from markup5ever_rcdom: the reference our arena must match.
fn rcdom_names(html: &str) -> Vec<String> {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData as Rc, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            Rc::Element { name, attrs, .. } => {
                let attrs: Vec<String> = attrs
                    .borrow()
                    .iter()
                    .map(|a| format!("{}={}", a.name.local, a.value))
                    .collect();
                out.push(format!("{}{:?}", name.local, attrs));
            }
            Rc::Text { contents } => out.push(format!("'{}'", contents.borrow())),
            _ => {}
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    out
}

fn names_and_attrs(dom: &Dom) -> Vec<String> {
    dom.ids()
        .filter_map(|id| match dom.data(id) {
            NodeData::Element(e) => {
                let attrs: Vec<String> = e
                    .attrs()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect();
                Some(format!("{}{:?}", e.name, attrs))
            }
            NodeData::Text(t) => Some(format!("'{t}'")),
            NodeData::Document => None,
        })
        .collect()
}

/// The arena holds the tree rcdom builds, on the tree builder's
/// hardest cases: misnested formatting (the adoption agency), content
/// fostered out of tables, text merged across removed nodes, templates
/// (whose contents are not part of the document), attributes added to an
/// existing `<html>` or `<body>`, foreign content and framesets.
#[test]
fn the_arena_holds_what_rcdom_builds() {
    let pages = [
        "<p>a<b>b<i>c</p>d</i>e</b>f",
        "<b>1<p>2</b>3</p>",
        "<a href=x>1<div>2<a href=y>3</a>4</div>5</a>",
        "<table>x<tr><td>c</td>y</tr>z<b>w</b></table>after",
        "<table><tr><td>1<table><tr>2</table></td></tr></table>",
        "a<!-- c -->b<script type=math/tex>s</script>c",
        "<template><p>inside</p></template><p>outside</p>",
        "<html lang=en><body class=a><html data-x=1><body id=b class=c>t",
        "<svg><title>t</title><foreignObject><p>p</p></foreignObject></svg>",
        "<math><annotation-xml encoding=text/html><div>d</div></annotation-xml></math>",
        "<frameset><frame src=a></frameset>",
        "<select><option>1<option>2<optgroup><option>3</select>",
        "<ul><li>1<li>2<ul><li>3</ul></ul><dl><dt>a<dd>b<dt>c</dl>",
        "<p><b><i><u>x</p><p>y",
        "<table><caption>c<td>d</table>",
        "text<title>t</title>more",
    ];
    for page in pages {
        assert_eq!(
            names_and_attrs(&Dom::parse(page)),
            rcdom_names(page),
            "{page}"
        );
    }
}

/// `body()` reads two lists of children where `find("body")` reads the
/// page: both must agree, whatever the markup around the body.
#[test]
fn body_is_the_first_body_element_in_document_order() {
    let pages = [
        "<p>no tags around</p>",
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>",
        "<title>t</title><body class=a><p>x</p><body class=b><p>y</p>",
        "<p>x</p></body></html><!-- after --><p>late</p>",
        "<svg><body>svg body</body></svg><div>x</div>",
        "<template><body>in a template</body></template><p>x</p>",
        "<html><head></head><frameset><frame src=a></frameset></html>",
        "",
    ];
    for html in pages {
        let dom = Dom::parse(html);
        assert_eq!(dom.body(), dom.find("body"), "{html}");
    }
    let frames = Dom::parse(pages[6]);
    assert_eq!(frames.body(), None, "a frameset page has no body");
}

/// `is_blank` reads ASCII as bytes: it must say what `trim` says, for
/// every white-space character and the controls and letters beside them.
#[test]
fn is_blank_agrees_with_trim() {
    let chars = [
        ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{85}', '\u{a0}', '\u{2000}',
        '\u{200b}', '\u{3000}', 'a', '字',
    ];
    for a in chars {
        for b in chars {
            for c in chars {
                let text: String = [a, b, c].iter().collect();
                assert_eq!(is_blank(&text), text.trim().is_empty(), "{text:?}");
            }
        }
    }
    assert!(is_blank(""));
}
