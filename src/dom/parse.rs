//! html5ever into markup5ever_rcdom, then the rcdom tree into the arena.

use super::{Dom, Element, Namespace, Node, NodeData, NodeId};
use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, ns, parse_document};
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

pub(super) fn parse(html: &str) -> Dom {
    let rc = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    from_rcdom(&rc.document)
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
