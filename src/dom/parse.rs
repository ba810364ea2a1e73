//! html5ever into markup5ever_rcdom, then the rcdom tree into the arena.

use super::attrs;
use super::cap::DepthCap;
use super::skip::{Ahead, SkipUnread, UnreadAttributes};
use super::{Attr, Dom, ElementData, Namespace, Node, NodeId, Stored, push_value};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{TokenizerResult, ns};
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};
use std::borrow::Cow;
use std::rc::Rc;

/// Input is handed to the tokenizer whole up to this many bytes, so that
/// the scan ahead of it sees the page whole (see `skip/attributes.rs`),
/// and in pieces of this many bytes beyond (a tendril holds at most
/// 4 GiB). The text the tokenizer is given stays alive as long as the
/// tree's text nodes, which share it, either way.
const CHUNK: usize = 16 << 20;

/// Parses `html`, which is dropped (when owned) as soon as the tokenizer
/// has read it, before the tree is moved into the arena: a large page's
/// text, its built tree and its arena are never all alive at once. The
/// `unread` attributes are left out of the tree.
pub(super) fn parse(html: Cow<'_, str>, unread: Option<&UnreadAttributes>) -> Dom {
    let len = html.len();
    let (rcdom, seen) = parse_rcdom(html, CHUNK, true, unread);
    from_rcdom(rcdom.document, seen, len)
}

/// html5ever's tokenizer, the scan ahead of it (unread attributes and the
/// attribute bound; a page fed in pieces is bounded beforehand), the
/// depth cap, the skipping of unread raw text, then its tree builder into
/// rcdom (what `html5ever::parse_document` does, with the bounds in
/// between), feeding
/// pieces of `chunk` bytes, skipping unread raw text or not (and the
/// `unread` attributes, when skipping). Also returns how many start tags
/// reached the tree builder, and their attributes.
fn parse_rcdom(
    html: Cow<'_, str>,
    chunk: usize,
    skip: bool,
    unread: Option<&UnreadAttributes>,
) -> (RcDom, (usize, usize)) {
    let input = Rc::new(BufferQueue::default());
    let builder = TreeBuilder::new(RcDom::default(), TreeBuilderOpts::default());
    let skipper = SkipUnread::new(builder, skip.then(|| Rc::clone(&input)));
    // A page read in one piece is bounded (and loses its unread
    // attributes) as the tokenizer goes; one in pieces is bounded first.
    let whole = skip && html.len() <= chunk;
    let unread = unread.filter(|_| whole);
    let ahead = Ahead::new(DepthCap::new(skipper), Rc::clone(&input), unread);
    let tokenizer = Tokenizer::new(ahead, TokenizerOpts::default());
    let bounded = match whole {
        true => None,
        false => match attrs::bound(&html) {
            Cow::Owned(cut) => Some(cut),
            Cow::Borrowed(_) => None,
        },
    };
    let html = bounded.map_or(html, Cow::Owned);
    // One piece at a time: the tokenizer's copy of the text is made, and
    // freed, a piece at a time, not all at once.
    for piece in chunks(&html, chunk) {
        input.push_back(StrTendril::from_slice(piece));
        if whole {
            tokenizer.sink.start();
        }
        tokenizer.sink.inner.inner.resume();
        // `Script` results ask a browser to run a script: we never do, go on.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    }
    drop(html);
    tokenizer.end();
    let seen = tokenizer.sink.inner.admitted();
    (tokenizer.sink.inner.inner.inner.sink, seen)
}

/// [`parse`] feeding pieces of `chunk` bytes, skipping unread raw text
/// (and `unread` attributes) or not: the tests compare both.
#[cfg(test)]
pub(super) fn parse_with(
    html: &str,
    chunk: usize,
    skip: bool,
    unread: Option<&UnreadAttributes>,
) -> Dom {
    let (rcdom, seen) = parse_rcdom(Cow::Borrowed(html), chunk, skip, unread);
    from_rcdom(rcdom.document, seen, html.len())
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

/// Moves the rcdom tree into the arena in document order with an explicit
/// stack, so ids are pre-order and a deep page cannot overflow the call
/// stack. Names are moved out of rcdom, not copied; children lists share
/// one vector, and so do attributes (moved into it in document order:
/// see [`super::Element`]); their values and the text are copied into one
/// string each. Each rcdom node gives up its children
/// as it is visited and is dropped right after, so the tree is taken
/// apart in the same walk instead of in a second one when it is dropped.
/// `(tags, attributes)`, the start tags the tree builder saw and their
/// attributes, and `html_len`, the page's length, size the arena.
fn from_rcdom(document: Handle, (tags, attributes): (usize, usize), html_len: usize) -> Dom {
    let estimate = node_estimate(tags);
    let mut nodes: Vec<Node> = Vec::with_capacity(estimate);
    let mut child_ids: Vec<NodeId> = Vec::with_capacity(estimate);
    // (node, its parent, its slot in child_ids); only kept nodes.
    let mut stack: Vec<(Handle, Option<NodeId>, usize)> = Vec::with_capacity(64);
    let mut attrs: Vec<Attr> = Vec::with_capacity(attributes);
    let mut attr_text = String::with_capacity(html_len / STRING_SHARE);
    let mut text = String::with_capacity(html_len / STRING_SHARE);
    stack.push((document, None, usize::MAX));
    while let Some((handle, parent, slot)) = stack.pop() {
        let id = NodeId(nodes.len() as u32);
        if let Some(p) = child_ids.get_mut(slot) {
            *p = id;
        }
        let children = std::mem::take(&mut *handle.children.borrow_mut());
        let start = child_ids.len();
        let kept = children.iter().filter(|c| is_kept(c)).count();
        child_ids.resize(start + kept, id);
        nodes.push(Node {
            parent,
            children: start as u32..child_ids.len() as u32,
            end: id,
            data: take(&handle, &mut attrs, &mut attr_text, &mut text),
        });
        drop(handle);
        let mut slot = child_ids.len();
        for child in children.into_iter().rev() {
            if is_kept(&child) {
                slot -= 1;
                stack.push((child, Some(id), slot));
            }
        }
    }
    set_subtree_ends(&mut nodes, &child_ids);
    Dom {
        nodes,
        child_ids,
        attrs,
        attr_text,
        text,
    }
}

/// The arena's size for a page of `tags` start tags: an element for each,
/// the text around them and the few the tree builder adds (`html`, `head`,
/// `body`). The readability pages have 2.5 nodes per start tag, 3 at
/// most; a page past the estimate only grows the vectors as before.
fn node_estimate(tags: usize) -> usize {
    tags.saturating_mul(3).saturating_add(16)
}

/// The text, and the attribute values, each start with room for this
/// share of the page's bytes: on the readability pages they take 22% and
/// 18% of it on average, so most pages never copy them to grow.
const STRING_SHARE: usize = 4;

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

/// Comments, doctypes and processing instructions are not kept.
fn is_kept(handle: &Handle) -> bool {
    matches!(
        handle.data,
        RcData::Document | RcData::Text { .. } | RcData::Element { .. }
    )
}

/// The node's data, moved out of the rcdom node (which is dropped after),
/// its attributes onto the end of `attrs` (their values onto the end of
/// `attr_text`) and its text onto the end of `text`; only called for kept
/// nodes (see [`is_kept`]).
fn take(
    handle: &Handle,
    attrs: &mut Vec<Attr>,
    attr_text: &mut String,
    text: &mut String,
) -> Stored {
    match &handle.data {
        RcData::Text { contents } => {
            let start = text.len();
            text.push_str(&contents.borrow());
            Stored::Text(start..text.len())
        }
        RcData::Element {
            name, attrs: own, ..
        } => {
            let ns = if name.ns == ns!(svg) {
                Namespace::Svg
            } else if name.ns == ns!(mathml) {
                Namespace::MathMl
            } else {
                Namespace::Html
            };
            let start = attrs.len() as u32;
            attrs.extend(own.borrow_mut().drain(..).map(|a| Attr {
                value: push_value(attr_text, &a.value),
                name: a.name.local,
            }));
            Stored::Element(ElementData {
                name: name.local.clone(),
                ns,
                attrs: start..attrs.len() as u32,
            })
        }
        _ => Stored::Document,
    }
}
