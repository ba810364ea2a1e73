//! html5ever's tree builder writing into a compact tree of our own, in
//! place of markup5ever_rcdom.
//!
//! rcdom spends about 300 bytes on a node (a reference-counted node with a
//! vector of children, a weak parent, cells around its attributes), which
//! made it most of a large page's peak memory. Here a node is a slot in
//! one vector, linked to its parent and siblings by index (about 60 bytes
//! with its data), and the tree builder's handles are small shared records
//! that it drops as elements close. The tree is then moved into the
//! pre-order arena ([`super::Dom`]) by `parse.rs`.
//!
//! The operations follow rcdom's: adjacent text is merged, template
//! contents go to a fragment of their own (which, as with rcdom, is not
//! part of the document and so not converted), comments and doctypes are
//! kept out.

use super::NodeData;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, ExpandedName, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// No node: the end of a sibling list, or no parent.
const NONE: u32 = u32::MAX;

/// One node and its links.
pub(super) struct Slot {
    pub(super) parent: u32,
    pub(super) first_child: u32,
    last_child: u32,
    prev: u32,
    pub(super) next: u32,
    pub(super) data: Data,
}

/// What a slot holds.
pub(super) enum Data {
    /// The document, or a template's contents.
    Fragment,
    Element(QualName, Vec<Attribute>),
    Text(StrTendril),
    /// A comment or processing instruction: not kept.
    Other,
}

/// The tree builder's name for a node: its slot, and what the builder
/// asks of an element without looking into the tree.
#[derive(Debug)]
pub(super) struct Named {
    id: u32,
    name: QualName,
    template_contents: Option<Handle>,
    integration_point: bool,
}

pub(super) type Handle = Rc<Named>;

/// The tree being built.
pub(super) struct Sink {
    pub(super) slots: RefCell<Vec<Slot>>,
    document: Handle,
}

impl Default for Sink {
    fn default() -> Self {
        let sink = Sink {
            slots: RefCell::new(Vec::new()),
            document: Rc::new(Named {
                id: 0,
                name: QualName::new(None, ns!(), local_name!("")),
                template_contents: None,
                integration_point: false,
            }),
        };
        sink.push(Data::Fragment);
        sink
    }
}

impl Sink {
    /// A new, unattached slot.
    fn push(&self, data: Data) -> u32 {
        let mut slots = self.slots.borrow_mut();
        let id = u32::try_from(slots.len()).unwrap_or(NONE);
        slots.push(Slot {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        });
        id
    }

    fn handle(&self, data: Data) -> Handle {
        Rc::new(Named {
            id: self.push(data),
            name: QualName::new(None, ns!(), local_name!("")),
            template_contents: None,
            integration_point: false,
        })
    }

    /// The node `child` holds, or a new text slot; `None` when the text
    /// was merged into `merge_into`, a text node.
    fn node_or_merged(&self, child: NodeOrText<Handle>, merge_into: u32) -> Option<u32> {
        match child {
            NodeOrText::AppendNode(node) => Some(node.id),
            NodeOrText::AppendText(text) => {
                let mut slots = self.slots.borrow_mut();
                if let Some(Slot {
                    data: Data::Text(existing),
                    ..
                }) = slots.get_mut(merge_into as usize)
                {
                    existing.push_tendril(&text);
                    return None;
                }
                drop(slots);
                Some(self.push(Data::Text(text)))
            }
        }
    }

    /// Unlinks `id` from its parent, if it has one.
    fn detach(&self, id: u32) {
        let mut slots = self.slots.borrow_mut();
        let Some(slot) = slots.get(id as usize) else {
            return;
        };
        let (parent, prev, next) = (slot.parent, slot.prev, slot.next);
        if parent == NONE {
            return;
        }
        join(&mut slots, parent, prev, next);
        let slot = &mut slots[id as usize];
        (slot.parent, slot.prev, slot.next) = (NONE, NONE, NONE);
    }

    /// Links the unattached `id` as the last child of `parent`.
    fn link_last(&self, parent: u32, id: u32) {
        let last = self.slots.borrow()[parent as usize].last_child;
        self.link(parent, last, NONE, id);
    }

    /// Links the unattached `id` just before `sibling`, which has a parent.
    fn link_before(&self, sibling: u32, id: u32) {
        let (parent, prev) = {
            let slots = self.slots.borrow();
            (slots[sibling as usize].parent, slots[sibling as usize].prev)
        };
        self.link(parent, prev, sibling, id);
    }

    /// Links the unattached `id` under `parent`, between the siblings
    /// `prev` and `next` (either may be `NONE`: the list's ends).
    fn link(&self, parent: u32, prev: u32, next: u32, id: u32) {
        let mut slots = self.slots.borrow_mut();
        join(&mut slots, parent, prev, id);
        join(&mut slots, parent, id, next);
        let slot = &mut slots[id as usize];
        (slot.parent, slot.prev, slot.next) = (parent, prev, next);
    }

    fn parent_of(&self, id: u32) -> u32 {
        self.slots.borrow()[id as usize].parent
    }
}

/// Makes `first` and `second` adjacent children of `parent`; `NONE` for
/// either is the list's start or end.
fn join(slots: &mut [Slot], parent: u32, first: u32, second: u32) {
    match slots.get_mut(first as usize) {
        Some(f) => f.next = second,
        None => slots[parent as usize].first_child = second,
    }
    match slots.get_mut(second as usize) {
        Some(s) => s.prev = first,
        None => slots[parent as usize].last_child = first,
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Self {
        self
    }

    // Parse errors are html5ever's to repair; nothing to record.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let template_contents = flags.template.then(|| self.handle(Data::Fragment));
        Rc::new(Named {
            id: self.push(Data::Element(name.clone(), attrs)),
            name,
            template_contents,
            integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.handle(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.handle(Data::Other)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let last = self.slots.borrow()[parent.id as usize].last_child;
        if let Some(id) = self.node_or_merged(child, last) {
            self.detach(id);
            self.link_last(parent.id, id);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if self.parent_of(element.id) == NONE {
            self.append(prev_element, child);
        } else {
            self.append_before_sibling(element, child);
        }
    }

    // Doctypes are not kept.
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // Only templates are asked for; anything else gets a fragment of
        // its own rather than a panic.
        match &target.template_contents {
            Some(contents) => contents.clone(),
            None => self.handle(Data::Fragment),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        if self.parent_of(sibling.id) == NONE {
            return;
        }
        let prev = self.slots.borrow()[sibling.id as usize].prev;
        if let Some(id) = self.node_or_merged(child, prev) {
            self.detach(id);
            self.link_before(sibling.id, id);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut slots = self.slots.borrow_mut();
        if let Data::Element(_, existing) = &mut slots[target.id as usize].data {
            let names: HashSet<_> = existing.iter().map(|a| a.name.clone()).collect();
            existing.extend(attrs.into_iter().filter(|a| !names.contains(&a.name)));
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut child = self.slots.borrow()[node.id as usize].first_child;
        while child != NONE {
            let next = self.slots.borrow()[child as usize].next;
            self.detach(child);
            self.link_last(new_parent.id, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.integration_point
    }
}

impl Data {
    /// The arena's data for this node, moved out; `None` for nodes the
    /// arena does not keep.
    pub(super) fn take(&mut self) -> Option<NodeData> {
        match std::mem::replace(self, Data::Other) {
            Data::Fragment => Some(NodeData::Document),
            Data::Text(text) => Some(NodeData::Text(text)),
            Data::Element(name, attrs) => Some(NodeData::Element(super::Element {
                ns: super::parse::namespace(&name),
                name: name.local,
                attrs,
            })),
            Data::Other => None,
        }
    }
}
