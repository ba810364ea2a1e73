//! html5ever into our tree sink (`sink.rs`), then that tree into the
//! pre-order arena.

use super::attrs;
use super::cap::DepthCap;
use super::sink::{Data, Sink};
use super::{Dom, Namespace, Node, NodeId};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{QualName, TokenizerResult, ns};
use markup5ever_rcdom::RcDom;
use std::borrow::Cow;

/// Input is handed to the tokenizer in pieces of this many bytes (a
/// tendril holds at most 4 GiB, and smaller pieces are gentler on memory).
const CHUNK: usize = 1 << 20;

/// Parses `html`, which is dropped (when owned) as soon as the tokenizer
/// has read it, before the tree is moved into the arena: a large page's
/// text, its built tree and its arena are never all alive at once.
pub(super) fn parse(html: Cow<'_, str>) -> Dom {
    from_sink(parse_sink(html))
}

/// The attribute bound, html5ever's tokenizer, the depth cap, then its
/// tree builder into our sink (what `html5ever::parse_document` does, with
/// the bounds in between).
fn parse_sink(html: Cow<'_, str>) -> Sink {
    let builder = TreeBuilder::new(Sink::default(), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(DepthCap::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    let bounded = match attrs::bound(&html) {
        Cow::Owned(cut) => Some(cut),
        Cow::Borrowed(_) => None,
    };
    let html = bounded.map_or(html, Cow::Owned);
    // One piece at a time: the tokenizer's copy of the text is made, and
    // freed, a piece at a time, not all at once.
    for piece in chunks(&html, CHUNK) {
        input.push_back(StrTendril::from_slice(piece));
        // `Script` results ask a browser to run a script: we never do, go on.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    }
    drop(html);
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

/// Moves the built tree into the arena in document order with an explicit
/// stack, so ids are pre-order and a deep page cannot overflow the call
/// stack. Names, attributes and text are moved, not copied; children
/// lists share one vector.
fn from_sink(sink: Sink) -> Dom {
    let mut slots = sink.slots.into_inner();
    let mut nodes: Vec<Node> = Vec::new();
    let mut child_ids: Vec<NodeId> = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    // (slot, its parent, its place in child_ids)
    let mut stack: Vec<(u32, Option<NodeId>, usize)> = vec![(0, None, usize::MAX)];
    while let Some((slot, parent, place)) = stack.pop() {
        let Some(data) = slots[slot as usize].data.take() else {
            continue;
        };
        let id = NodeId(nodes.len() as u32);
        if let Some(p) = child_ids.get_mut(place) {
            *p = id;
        }
        kept.clear();
        let mut child = slots[slot as usize].first_child;
        while let Some(c) = slots.get(child as usize) {
            if !matches!(c.data, Data::Other) {
                kept.push(child);
            }
            child = c.next;
        }
        let start = child_ids.len();
        child_ids.resize(start + kept.len(), id);
        nodes.push(Node {
            parent,
            children: start as u32..child_ids.len() as u32,
            end: id,
            data,
        });
        let places = (start..child_ids.len()).rev();
        stack.extend(
            kept.iter()
                .rev()
                .zip(places)
                .map(|(&c, p)| (c, Some(id), p)),
        );
    }
    set_subtree_ends(&mut nodes, &child_ids);
    Dom { nodes, child_ids }
}

/// Children have larger ids than their parent, so one backward pass sees
/// every child's end before its parent's.
fn set_subtree_ends(nodes: &mut [Node], child_ids: &[NodeId]) {
    for i in (0..nodes.len()).rev() {
        let children = &nodes[i].children;
        let end = if children.is_empty() {
            NodeId(i as u32 + 1)
        } else {
            let last = child_ids[children.end as usize - 1];
            nodes[last.index()].end
        };
        nodes[i].end = end;
    }
}

/// The namespace of an element's name: only the three the HTML parser
/// produces.
pub(super) fn namespace(name: &QualName) -> Namespace {
    if name.ns == ns!(svg) {
        Namespace::Svg
    } else if name.ns == ns!(mathml) {
        Namespace::MathMl
    } else {
        Namespace::Html
    }
}
