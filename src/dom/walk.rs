//! Enter/leave traversal of a subtree with an explicit stack.

use super::{Dom, NodeId};

/// One step of a [`Walker`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Entering a node; its children follow unless skipped.
    Enter(NodeId),
    /// Leaving a node entered before.
    Leave(NodeId),
}

/// Walks a subtree in document order, reporting each node on the way in
/// and on the way out; [`Walker::skip_children`] prunes the node just
/// entered.
#[derive(Debug)]
pub(crate) struct Walker {
    /// Nodes entered and not yet left, each with the index of its next child.
    stack: Vec<(NodeId, usize)>,
    start: Option<NodeId>,
}

impl Walker {
    pub(crate) fn new(root: NodeId) -> Self {
        Walker {
            stack: Vec::new(),
            start: Some(root),
        }
    }

    /// Do not descend into the node returned by the last `Enter`.
    pub(crate) fn skip_children(&mut self, dom: &Dom) {
        if let Some(top) = self.stack.last_mut() {
            top.1 = dom.children(top.0).len();
        }
    }

    pub(crate) fn next(&mut self, dom: &Dom) -> Option<Step> {
        if let Some(root) = self.start.take() {
            self.stack.push((root, 0));
            return Some(Step::Enter(root));
        }
        let (node, next) = self.stack.last_mut()?;
        let node = *node;
        match dom.children(node).get(*next) {
            Some(&child) => {
                *next += 1;
                self.stack.push((child, 0));
                Some(Step::Enter(child))
            }
            None => {
                self.stack.pop();
                Some(Step::Leave(node))
            }
        }
    }
}
