//! Short CSS-like paths to elements, for messages and reports:
//! `body > div#main > p.lead`.

use super::{Dom, Element, NodeId};

/// Writes the paths of many nodes of one page. The last path is kept with
/// the element each part names, so the next one, usually a sibling or a
/// cousin, only describes the elements it does not share.
#[derive(Debug, Default)]
pub(crate) struct Paths {
    /// The elements of the last path, from the top, each with where its
    /// part of `text` ends.
    parts: Vec<(NodeId, usize)>,
    text: String,
    /// The elements of the path being written, from the bottom.
    elements: Vec<NodeId>,
}

impl Paths {
    /// The path of `id`: its element ancestors below `html`, then itself
    /// (when an element), each as its name with its id or first class.
    pub(crate) fn path(&mut self, dom: &Dom, id: NodeId) -> String {
        self.elements.clear();
        let chain = std::iter::once(id).chain(dom.ancestors(id));
        for n in chain {
            match dom.element(n) {
                Some(e) if e.is("html") => break,
                Some(_) => self.elements.push(n),
                None => {}
            }
        }
        let shared = self
            .parts
            .iter()
            .zip(self.elements.iter().rev())
            .take_while(|((kept, _), n)| kept == *n)
            .count();
        self.parts.truncate(shared);
        self.text
            .truncate(self.parts.last().map_or(0, |&(_, end)| end));
        for &n in self.elements[..self.elements.len() - shared].iter().rev() {
            if !self.text.is_empty() {
                self.text.push_str(" > ");
            }
            if let Some(e) = dom.element(n) {
                describe(e, &mut self.text);
            }
            self.parts.push((n, self.text.len()));
        }
        self.text.clone()
    }
}

fn describe(e: Element<'_>, out: &mut String) {
    out.push_str(&e.name);
    if let Some(id) = e.attr("id").filter(|v| !v.is_empty()) {
        out.push('#');
        out.push_str(id);
    } else if let Some(class) = e.classes().next() {
        out.push('.');
        out.push_str(class);
    }
}
