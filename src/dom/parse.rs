//! html5ever into markup5ever_rcdom, then the rcdom tree into the arena.

use super::cap::DepthCap;
use super::{Dom, Element, Namespace, Node, NodeData, NodeId};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{TokenizerResult, ns};
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

/// Input is handed to the tokenizer in pieces of this many bytes (a
/// tendril holds at most 4 GiB, and smaller pieces are gentler on memory).
const CHUNK: usize = 1 << 20;

pub(super) fn parse(html: &str) -> Dom {
    from_rcdom(&parse_rcdom(html).document)
}

/// html5ever's tokenizer, the depth cap, then its tree builder into rcdom
/// (what `html5ever::parse_document` does, with the cap in between).
pub(super) fn parse_rcdom(html: &str) -> RcDom {
    let builder = TreeBuilder::new(RcDom::default(), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(DepthCap::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    for piece in chunks(html, CHUNK) {
        input.push_back(StrTendril::from_slice(piece));
    }
    // `Script` results ask a browser to run a script: we never do, go on.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink
}

/// html5ever's `parse_document` into rcdom alone, without the depth cap
/// or the arena: the floor the benchmark compares against. Returns the
/// document's child count, so the parse is not optimised away.
pub(crate) fn parse_plain_rcdom(html: &str) -> usize {
    use html5ever::tendril::TendrilSink;
    let rc = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    rc.document.children.borrow().len()
}

/// `text` in pieces of about `size` bytes, cut at character boundaries.
fn chunks(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// Copies the rcdom tree in document order with an explicit stack, so ids
/// are pre-order and a deep page cannot overflow the call stack.
fn from_rcdom(document: &Handle) -> Dom {
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<(Handle, Option<NodeId>)> = vec![(document.clone(), None)];
    while let Some((handle, parent)) = stack.pop() {
        let Some(data) = convert(&handle) else {
            continue;
        };
        let id = NodeId(nodes.len() as u32);
        nodes.push(Node {
            parent,
            children: Vec::new(),
            end: id,
            data,
        });
        if let Some(p) = parent {
            nodes[p.index()].children.push(id);
        }
        let children = handle.children.borrow();
        stack.extend(children.iter().rev().map(|c| (c.clone(), Some(id))));
    }
    set_subtree_ends(&mut nodes);
    Dom { nodes }
}

/// Children have larger ids than their parent, so one backward pass sees
/// every child's end before its parent's.
fn set_subtree_ends(nodes: &mut [Node]) {
    for i in (0..nodes.len()).rev() {
        let end = match nodes[i].children.last() {
            Some(last) => nodes[last.index()].end,
            None => NodeId(i as u32 + 1),
        };
        nodes[i].end = end;
    }
}

fn convert(handle: &Handle) -> Option<NodeData> {
    match &handle.data {
        RcData::Document => Some(NodeData::Document),
        RcData::Text { contents } => Some(NodeData::Text(contents.borrow().as_ref().into())),
        RcData::Element { name, attrs, .. } => {
            let ns = if name.ns == ns!(svg) {
                Namespace::Svg
            } else if name.ns == ns!(mathml) {
                Namespace::MathMl
            } else {
                Namespace::Html
            };
            let attrs = attrs
                .borrow()
                .iter()
                .map(|a| (Box::from(&*a.name.local), Box::from(&*a.value)))
                .collect();
            Some(NodeData::Element(Element {
                name: Box::from(&*name.local),
                ns,
                attrs,
            }))
        }
        RcData::Doctype { .. } | RcData::Comment { .. } | RcData::ProcessingInstruction { .. } => {
            None
        }
    }
}
