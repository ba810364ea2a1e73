//! The page as a tree: html5ever parses, and the result is copied into a
//! compact arena that every later stage walks without recursion.
//!
//! Only this module names html5ever or markup5ever_rcdom types. Nodes are
//! numbered in document (pre-)order, so the descendants of a node are the
//! contiguous id range `id+1 .. end(id)`: most walks are plain loops.

/// The `TokenSink` methods a sink between html5ever's tokenizer and its
/// tree builder passes on to its `inner` sink as they are.
macro_rules! pass_on_to_inner {
    () => {
        fn end(&self) {
            self.inner.end();
        }

        fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
            self.inner
                .adjusted_current_node_present_but_not_in_html_namespace()
        }
    };
}

mod attrs;
mod cap;
pub(crate) mod chars;
mod parse;
mod path;
mod select;
mod skip;
mod tag;
mod walk;

#[cfg(test)]
pub(crate) use cap::MAX_DEPTH;
/// Tag names are html5ever's interned atoms: comparing two is comparing
/// two integers, where comparing their text means looking up a static
/// atom's string first.
pub(crate) use html5ever::{LocalName, local_name};
pub(crate) use parse::parse_plain_rcdom;
pub(crate) use path::Paths;
pub(crate) use select::{
    Ancestors, CompiledSelector, Key as SelectorKey, SelectCaches, attribute_names,
    key as selector_key, matches as selector_matches, parse_selector,
};
pub(crate) use skip::UnreadAttributes;
pub(crate) use walk::{Step, Walker};

use std::borrow::Cow;
use std::ops::Range;

/// Index of a node in the [`Dom`] arena, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeId(u32);

impl NodeId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    /// The id at position `i` of document order (`i < dom.len()`).
    pub(crate) fn from_index(i: usize) -> NodeId {
        NodeId(i as u32)
    }
}

/// Whether `text` is white space only (`char::is_whitespace`), as
/// `text.trim().is_empty()` says, reading ASCII text as bytes: most blank
/// text nodes are the line breaks and indentation between tags, which
/// every walk meets.
pub(crate) fn is_blank(text: &str) -> bool {
    for &b in text.as_bytes() {
        if b >= 0x80 {
            return text.trim().is_empty();
        }
        if !matches!(b, b' ' | b'\t'..=b'\r') {
            return false;
        }
    }
    true
}

/// `h1` to `h6` (by interned name).
pub(crate) fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// The namespace of an element: only the three the HTML parser produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// An attribute as the arena keeps it: its local name and where its
/// value sits in [`Dom::attr_text`]. html5ever's `Attribute` also carries
/// a prefix and a namespace, which nothing here reads, and keeps each
/// value in a buffer of its own: 16 bytes instead of 40 (a page dense
/// with attributes holds millions), and values in document order.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    name: LocalName,
    value: Range<u32>,
}

/// Appends `value` to `attr_text` and returns where it sits. Past 4 GiB of
/// values (a page of that size is refused long before, unless the input
/// limit was raised that far) a value is kept empty.
pub(super) fn push_value(attr_text: &mut String, value: &str) -> Range<u32> {
    let start = attr_text.len();
    match u32::try_from(start + value.len()) {
        Ok(end) => {
            attr_text.push_str(value);
            start as u32..end
        }
        Err(_) => 0..0,
    }
}

/// An element as the arena stores it: its lower-case local name, its
/// namespace, and where its attributes sit in [`Dom::attrs`]. The name
/// is html5ever's interned atom, moved out of the built tree.
#[derive(Debug, Clone)]
pub(crate) struct ElementData {
    pub(crate) name: LocalName,
    pub(crate) ns: Namespace,
    attrs: Range<u32>,
}

/// An element as other modules read it: its name and namespace (through
/// `Deref`) and its attributes in source order. A copyable view into the
/// arena; what it returns borrows the page, not the view.
///
/// The attributes of all elements are kept in one vector in document
/// order, not one vector per element where html5ever left them scattered
/// over the heap: a walk that reads every element's class and id then
/// reads memory in order (the rules stage ran 15 to 25% faster).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element<'a> {
    data: &'a ElementData,
    attrs: &'a [Attr],
    /// The page's [`Dom::attr_text`], where the values are.
    values: &'a str,
}

impl std::ops::Deref for Element<'_> {
    type Target = ElementData;

    fn deref(&self) -> &ElementData {
        self.data
    }
}

impl<'a> Element<'a> {
    /// The value of attribute `name` (lower-case), if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| self.value(a))
    }

    fn value(&self, a: &Attr) -> &'a str {
        &self.values[a.value.start as usize..a.value.end as usize]
    }

    /// [`Element::attr`] for a name already interned: the names are
    /// compared as integers, not as text.
    pub(crate) fn attr_named(&self, name: &LocalName) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| a.name == *name)
            .map(|a| self.value(a))
    }

    /// The `class` attribute.
    pub(crate) fn class(&self) -> Option<&'a str> {
        self.attr_named(&local_name!("class"))
    }

    /// The `id` attribute.
    pub(crate) fn id(&self) -> Option<&'a str> {
        self.attr_named(&local_name!("id"))
    }

    /// Its attributes as name and value, in source order (for reading
    /// several in one pass instead of one [`Element::attr`] scan each).
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let view = *self;
        self.attrs.iter().map(move |a| (&*a.name, view.value(a)))
    }

    /// The names of its attributes, in source order.
    pub(crate) fn attr_names(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.attrs.iter().map(|a| &*a.name)
    }

    /// The whitespace-separated tokens of the `class` attribute.
    pub(crate) fn classes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.class().unwrap_or("").split_ascii_whitespace()
    }
}

impl ElementData {
    /// True for an HTML element named `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        self.ns == Namespace::Html && &*self.name == name
    }

    /// [`ElementData::is`] for a name already interned (`local_name!("p")`):
    /// an integer comparison, for the walks that ask of every element.
    pub(crate) fn is_named(&self, name: &LocalName) -> bool {
        self.ns == Namespace::Html && self.name == *name
    }
}

/// What a node holds, as the arena stores it. Comments, doctypes and
/// processing instructions are not kept: nothing downstream reads them.
#[derive(Debug, Clone)]
enum Stored {
    Document,
    Element(ElementData),
    /// Where its text sits in [`Dom::text`].
    Text(Range<usize>),
}

/// What a node holds, as other modules read it (see [`Dom::data`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum NodeData<'a> {
    Document,
    Element(Element<'a>),
    Text(&'a str),
}

#[derive(Debug, Clone)]
struct Node {
    parent: Option<NodeId>,
    /// Where this node's children sit in [`Dom::child_ids`].
    children: Range<u32>,
    /// One past the last descendant's id.
    end: NodeId,
    data: Stored,
}

/// A parsed page.
#[derive(Debug, Clone)]
pub(crate) struct Dom {
    nodes: Vec<Node>,
    /// Every node's children, each node's in one contiguous run.
    child_ids: Vec<NodeId>,
    /// Every element's attributes, each element's in one contiguous run,
    /// in document order (see [`Element`]).
    attrs: Vec<Attr>,
    /// Every attribute's value, one after another in document order (see
    /// [`Attr`]).
    attr_text: String,
    /// Every text node's text, one after another in document order: the
    /// walks that read text read memory in order, not a buffer per node
    /// wherever the tree builder left it.
    text: String,
}

impl Dom {
    /// Parses HTML text with every attribute; never fails (html5ever
    /// repairs any input).
    #[cfg(test)]
    pub(crate) fn parse(html: &str) -> Dom {
        parse::parse(Cow::Borrowed(html), None)
    }

    /// [`Dom::parse`] for text the caller gives away: it is freed as soon
    /// as it is read, before the tree is built (see `parse.rs`). The
    /// `unread` attributes are left out.
    pub(crate) fn parse_owned(html: Cow<'_, str>, unread: &UnreadAttributes) -> Dom {
        parse::parse(html, Some(unread))
    }

    /// The document node.
    pub(crate) fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn data(&self, id: NodeId) -> NodeData<'_> {
        match &self.nodes[id.index()].data {
            Stored::Element(e) => NodeData::Element(self.view(e)),
            Stored::Text(t) => NodeData::Text(&self.text[t.clone()]),
            Stored::Document => NodeData::Document,
        }
    }

    pub(crate) fn element(&self, id: NodeId) -> Option<Element<'_>> {
        match &self.nodes[id.index()].data {
            Stored::Element(e) => Some(self.view(e)),
            _ => None,
        }
    }

    fn view<'a>(&'a self, data: &'a ElementData) -> Element<'a> {
        let Range { start, end } = data.attrs;
        Element {
            data,
            attrs: &self.attrs[start as usize..end as usize],
            values: &self.attr_text,
        }
    }

    pub(crate) fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].data {
            Stored::Text(t) => Some(&self.text[t.clone()]),
            _ => None,
        }
    }

    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }

    pub(crate) fn children(&self, id: NodeId) -> &[NodeId] {
        let Range { start, end } = self.nodes[id.index()].children;
        &self.child_ids[start as usize..end as usize]
    }

    /// The ids of `id` and all its descendants, in document order.
    pub(crate) fn subtree(&self, id: NodeId) -> impl Iterator<Item = NodeId> + use<> {
        let Range { start, end } = self.subtree_range(id);
        (start..end).map(|i| NodeId(i as u32))
    }

    /// `id` and its descendants as an index range.
    pub(crate) fn subtree_range(&self, id: NodeId) -> Range<usize> {
        id.index()..self.nodes[id.index()].end.index()
    }

    /// True when `inner` is `outer` or one of its descendants.
    pub(crate) fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        self.subtree_range(outer).contains(&inner.index())
    }

    /// Ancestors of `id`, nearest first (not including `id`).
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), |&p| self.parent(p))
    }

    /// Every node id, in document order.
    pub(crate) fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> + use<> {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// The `<body>` element. The parser always puts it (when there is one:
    /// a frameset page has none) in `<html>`, the document's element, so
    /// two short lists of children are read, not the page.
    pub(crate) fn body(&self) -> Option<NodeId> {
        let child = |parent: NodeId, name: &LocalName| {
            self.children(parent)
                .iter()
                .copied()
                .find(|&c| self.element(c).is_some_and(|e| e.is_named(name)))
        };
        child(self.root(), &local_name!("html")).and_then(|html| child(html, &local_name!("body")))
    }

    /// The first element named `name` (HTML namespace), in document order.
    pub(crate) fn find(&self, name: &str) -> Option<NodeId> {
        self.ids()
            .find(|&id| self.element(id).is_some_and(|e| e.is(name)))
    }

    /// The concatenated text of the subtree, as in the DOM's `textContent`.
    pub(crate) fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.subtree(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// The text of the subtree without the subtrees in `removed`.
    pub(crate) fn text_content_except(&self, id: NodeId, removed: &NodeSet) -> String {
        self.subtree_except(id, removed)
            .filter_map(|n| self.text(n))
            .collect()
    }

    /// The subtree of `id` in document order, leaving out every subtree
    /// rooted in `removed` (`id` itself included when not removed).
    pub(crate) fn subtree_except<'a>(
        &'a self,
        id: NodeId,
        removed: &'a NodeSet,
    ) -> impl Iterator<Item = NodeId> + 'a {
        let Range { start, end } = self.subtree_range(id);
        let mut i = start;
        std::iter::from_fn(move || {
            while i < end {
                let node = NodeId::from_index(i);
                if removed.contains(node) {
                    i = self.subtree_range(node).end;
                } else {
                    i += 1;
                    return Some(node);
                }
            }
            None
        })
    }

    /// Replaces the value of attribute `name` of element `id`, when it has
    /// one. Only the cleaner's asset step uses it, to point images at saved
    /// copies.
    pub(crate) fn set_attr(&mut self, id: NodeId, name: &str, value: &str) {
        if let Stored::Element(e) = &self.nodes[id.index()].data
            && let Some(a) = self.attrs[e.attrs.start as usize..e.attrs.end as usize]
                .iter_mut()
                .find(|a| &*a.name == name)
        {
            a.value = push_value(&mut self.attr_text, value);
        }
    }

    /// A short CSS-like path for messages, e.g. `body > div#main > p.lead`.
    pub(crate) fn path(&self, id: NodeId) -> String {
        Paths::default().path(self, id)
    }
}

/// A set of nodes, one bit per node.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeSet {
    bits: Vec<u64>,
}

impl NodeSet {
    pub(crate) fn new(len: usize) -> Self {
        NodeSet {
            bits: vec![0; len.div_ceil(64)],
        }
    }

    pub(crate) fn insert(&mut self, id: NodeId) {
        self.bits[id.index() / 64] |= 1 << (id.index() % 64);
    }

    /// Inserts the nodes whose indexes are in `range` (a subtree, or a
    /// subtree without its root), a word at a time.
    pub(crate) fn insert_range(&mut self, range: Range<usize>) {
        for (word, mask) in words(range) {
            self.bits[word] |= mask;
        }
    }

    pub(crate) fn contains(&self, id: NodeId) -> bool {
        self.bits
            .get(id.index() / 64)
            .is_some_and(|w| w & (1 << (id.index() % 64)) != 0)
    }

    /// Whether any node of `range` (of indexes) is in the set.
    pub(crate) fn any_in(&self, range: Range<usize>) -> bool {
        words(range).any(|(word, mask)| self.bits.get(word).is_some_and(|w| w & mask != 0))
    }
}

/// The words of a [`NodeSet`] that `range` (of indexes) covers, each with
/// the mask of its bits in the range.
fn words(range: Range<usize>) -> impl Iterator<Item = (usize, u64)> {
    let Range { mut start, end } = range;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let bit = start % 64;
        let n = (64 - bit).min(end - start);
        let mask = if n == 64 {
            u64::MAX
        } else {
            ((1 << n) - 1) << bit
        };
        let word = start / 64;
        start += n;
        Some((word, mask))
    })
}

#[cfg(test)]
mod tests;
