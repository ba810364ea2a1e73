//! What each HTML element is to Markdown (skipped, inline or block), and
//! the text of a subtree as code and captions need it.

use crate::dom::{Dom, Element, LocalName, Namespace, NodeData, NodeId, NodeSet, local_name};

/// Elements whose content is never article text. Math, iframes, video
/// and audio are caught before this test by the walk (`math.rs`,
/// `embed.rs`) when they have a Markdown form. The walk asks for every
/// element: the names are interned, so each is an integer comparison
/// (`portal`, not among html5ever's interned names, is compared as text).
fn is_skipped(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("noscript")
            | local_name!("head")
            | local_name!("title")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("base")
            | local_name!("iframe")
            | local_name!("frame")
            | local_name!("frameset")
            | local_name!("noframes")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("applet")
            | local_name!("param")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("source")
            | local_name!("track")
            | local_name!("map")
            | local_name!("area")
            | local_name!("input")
            | local_name!("button")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("datalist")
            | local_name!("noembed")
    ) || &**name == "portal"
}

/// HTML's phrasing elements: they stay inside the current paragraph.
fn is_inline(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("abbr")
            | local_name!("acronym")
            | local_name!("b")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("big")
            | local_name!("br")
            | local_name!("cite")
            | local_name!("code")
            | local_name!("data")
            | local_name!("del")
            | local_name!("dfn")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("img")
            | local_name!("ins")
            | local_name!("kbd")
            | local_name!("label")
            | local_name!("mark")
            | local_name!("meter")
            | local_name!("nobr")
            | local_name!("output")
            | local_name!("picture")
            | local_name!("progress")
            | local_name!("q")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
            | local_name!("ruby")
            | local_name!("s")
            | local_name!("samp")
            | local_name!("slot")
            | local_name!("small")
            | local_name!("span")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("time")
            | local_name!("tt")
            | local_name!("u")
            | local_name!("var")
            | local_name!("wbr")
    )
}

/// How the walk treats an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Neither the element nor its content is written.
    Skip,
    /// Stays inside the current paragraph.
    Inline,
    /// Ends the current paragraph.
    Block,
}

/// The kind of an element; SVG and MathML content is skipped as a whole.
pub(super) fn kind(el: Element<'_>) -> Kind {
    if el.ns != Namespace::Html || is_skipped(&el.name) {
        Kind::Skip
    } else if is_inline(&el.name) {
        Kind::Inline
    } else {
        Kind::Block
    }
}

/// True when the walk never enters `id`: removed, or a skipped element.
pub(super) fn is_hidden(dom: &Dom, id: NodeId, removed: &NodeSet) -> bool {
    removed.contains(id) || dom.element(id).is_some_and(|e| kind(e) == Kind::Skip)
}

/// The heading level of `h1`..`h6`.
pub(super) fn heading_level(el: Element<'_>) -> Option<u8> {
    // Interned names: integer comparisons, for a test every walk makes
    // of every element.
    match el.name {
        local_name!("h1") => Some(1),
        local_name!("h2") => Some(2),
        local_name!("h3") => Some(3),
        local_name!("h4") => Some(4),
        local_name!("h5") => Some(5),
        local_name!("h6") => Some(6),
        _ => None,
    }
}

/// The text of `id`'s subtree as the reader sees it: hidden subtrees left
/// out, each `<br>` replaced by `br`. Stops after `max_nodes` nodes, which
/// keeps look-ahead scans (figure captions) linear on nested pages.
pub(super) fn visible_text(
    dom: &Dom,
    id: NodeId,
    removed: &NodeSet,
    br: &str,
    max_nodes: usize,
) -> String {
    let mut out = String::new();
    let mut skip_until = 0;
    for node in dom.subtree(id).take(max_nodes) {
        if node.index() < skip_until {
            continue;
        }
        if node != id && is_hidden(dom, node, removed) {
            skip_until = dom.subtree_range(node).end;
            continue;
        }
        match dom.data(node) {
            NodeData::Text(t) => out.push_str(t),
            NodeData::Element(e) if e.is("br") => out.push_str(br),
            _ => {}
        }
    }
    out
}

/// The nodes under `root` (itself included) the walk enters: hidden
/// subtrees are left out whole.
pub(super) fn visible_nodes<'a>(
    dom: &'a Dom,
    root: NodeId,
    removed: &'a NodeSet,
) -> impl Iterator<Item = NodeId> + 'a {
    let end = dom.subtree_range(root).end;
    let mut i = root.index();
    std::iter::from_fn(move || {
        while i < end {
            let node = NodeId::from_index(i);
            if is_hidden(dom, node, removed) {
                i = dom.subtree_range(node).end;
            } else {
                i += 1;
                return Some(node);
            }
        }
        None
    })
}

/// Takes the captions deferred until `owner` ended from `deferred`, in the
/// order their walkers are to be pushed: the last pushed runs first, so
/// the first caption comes last.
pub(super) fn take_deferred(deferred: &mut Vec<(NodeId, NodeId)>, owner: NodeId) -> Vec<NodeId> {
    let mut captions = Vec::new();
    while let Some(&(o, caption)) = deferred.last() {
        if o != owner {
            break;
        }
        deferred.pop();
        captions.push(caption);
    }
    captions
}
