//! Text statistics per element, over what the rules left, in two linear
//! passes: forward (what is gone, which block owns each text) and backward
//! (subtree sums).

use crate::dom::{Dom, NodeId, NodeSet};

/// Weight of one CJK character against one Latin letter: a Hangul syllable
/// or Han character carries about as much as two to three Latin letters
/// (translations between English and Chinese, Japanese or Korean run about
/// twice as long in Latin letters), so 2 keeps thresholds language-neutral.
const CJK_WEIGHT: u32 = 2;

/// Per-node sums over the subtree, and per-block sums of the text a block
/// owns directly (through inline elements, not through nested blocks).
#[derive(Debug)]
pub(super) struct Stats {
    pub(super) gone: NodeSet,
    /// Weighted non-whitespace characters in the subtree.
    pub(super) text: Vec<u32>,
    /// Of which inside links.
    pub(super) link: Vec<u32>,
    /// Text owned directly by this block element.
    pub(super) own_text: Vec<u32>,
    /// Commas and CJK commas/full stops owned directly by this block.
    pub(super) own_punct: Vec<u32>,
    /// `text_before[i]`: weighted text of the kept text nodes before node
    /// `i` in document order (one more entry than nodes), so the text
    /// between two blocks is one subtraction.
    pub(super) text_before: Vec<u32>,
}

impl Stats {
    pub(super) fn new(dom: &Dom, removed: &NodeSet) -> Stats {
        let n = dom.len();
        let mut s = Stats {
            gone: gone(dom, removed),
            text: vec![0; n],
            link: vec![0; n],
            own_text: vec![0; n],
            own_punct: vec![0; n],
            text_before: Vec::with_capacity(n + 1),
        };
        s.own_text_per_block(dom);
        s.sum_subtrees(dom);
        s
    }

    pub(super) fn link_density(&self, id: NodeId) -> f64 {
        let t = self.text[id.index()];
        if t == 0 {
            0.0
        } else {
            f64::from(self.link[id.index()]) / f64::from(t)
        }
    }

    fn own_text_per_block(&mut self, dom: &Dom) {
        let mut owner: Vec<Option<NodeId>> = vec![None; dom.len()];
        let mut total = 0;
        for id in dom.ids() {
            self.text_before.push(total);
            if self.gone.contains(id) {
                continue;
            }
            let parent = dom.parent(id);
            let parent_is_block = parent
                .and_then(|p| dom.element(p))
                .is_some_and(|e| is_block(&e.name));
            owner[id.index()] = if parent_is_block {
                parent
            } else {
                parent.and_then(|p| owner[p.index()])
            };
            if let (Some(t), Some(b)) = (dom.text(id), owner[id.index()]) {
                let (weight, punct) = measure(t);
                self.text[id.index()] = weight;
                self.own_text[b.index()] += weight;
                self.own_punct[b.index()] += punct;
            }
            total += self.text[id.index()];
        }
        self.text_before.push(total);
    }

    /// Weighted text of the kept text nodes in the id range `from..to`.
    pub(super) fn text_between(&self, from: usize, to: usize) -> u32 {
        self.text_before[to.max(from)] - self.text_before[from]
    }

    /// Children come after parents in id order, so one backward pass adds
    /// every finished subtree into its parent.
    fn sum_subtrees(&mut self, dom: &Dom) {
        for id in dom.ids().rev() {
            if self.gone.contains(id) {
                continue;
            }
            let i = id.index();
            if dom.element(id).is_some_and(|e| e.is("a")) {
                self.link[i] = self.text[i];
            }
            if let Some(p) = dom.parent(id) {
                self.text[p.index()] += self.text[i];
                self.link[p.index()] += self.link[i];
            }
        }
    }
}

/// Removed nodes and everything inside them.
fn gone(dom: &Dom, removed: &NodeSet) -> NodeSet {
    let mut set = NodeSet::new(dom.len());
    for id in dom.ids() {
        if removed.contains(id) || dom.parent(id).is_some_and(|p| set.contains(p)) {
            set.insert(id);
        }
    }
    set
}

/// Weighted non-whitespace characters and comma-like punctuation.
pub(super) fn measure(text: &str) -> (u32, u32) {
    if text.is_ascii() {
        let weight = text.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u32;
        let punct = text.bytes().filter(|&b| b == b',').count() as u32;
        return (weight, punct);
    }
    let (mut weight, mut punct) = (0, 0);
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        weight += if is_cjk(c) { CJK_WEIGHT } else { 1 };
        if matches!(c, ',' | '，' | '、' | '。' | '､') {
            punct += 1;
        }
    }
    (weight, punct)
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF)
}

/// Elements that start a new block of text.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "td"
            | "th"
            | "li"
            | "dd"
            | "dt"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "tr"
            | "tbody"
            | "thead"
            | "form"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "fieldset"
            | "hgroup"
            | "caption"
    )
}
