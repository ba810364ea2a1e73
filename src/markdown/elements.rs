//! What each HTML element is to Markdown (skipped, inline or block), and
//! the text of a subtree as code and captions need it.

use crate::dom::{Dom, Element, Namespace, NodeData, NodeId, NodeSet};

/// Elements whose content is never article text. Math, iframes, video
/// and audio are caught before this test by the walk (`math.rs`,
/// `embed.rs`) when they have a Markdown form. A `match` on the name, which
/// the compiler turns into a switch on length and a few comparisons: the
/// walk asks for every element.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "iframe"
            | "frame"
            | "frameset"
            | "noframes"
            | "object"
            | "embed"
            | "applet"
            | "param"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "map"
            | "area"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "option"
            | "optgroup"
            | "datalist"
            | "noembed"
            | "portal"
    )
}

/// HTML's phrasing elements: they stay inside the current paragraph.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "br"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "meter"
            | "nobr"
            | "output"
            | "picture"
            | "progress"
            | "q"
            | "rb"
            | "rp"
            | "rt"
            | "rtc"
            | "ruby"
            | "s"
            | "samp"
            | "slot"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
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
    match &*el.name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
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
