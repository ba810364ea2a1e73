//! Text statistics per element, over what the rules left, in two linear
//! passes: forward (what is gone, which block owns each text) and backward
//! (subtree sums).

use crate::dom::{Dom, LocalName, NodeId, NodeSet, is_heading, local_name};

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
            if dom
                .element(id)
                .is_some_and(|e| e.is_named(&local_name!("a")))
            {
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
    let bytes = text.as_bytes();
    let counts = ByteCounts::of(bytes);
    if counts.high == 0 {
        // ASCII: `u8::is_ascii_whitespace`, which leaves out the vertical tab.
        return (bytes.len() as u32 - counts.space, counts.comma);
    }
    // Every character counts one at its first byte (continuation bytes
    // count nothing); `char::is_whitespace` takes the vertical tab too.
    let weight = bytes.len() as u32 - counts.continuation - counts.space - counts.vertical_tab;
    let (extra, punct) = wide_characters(bytes);
    (weight.wrapping_add_signed(extra), counts.comma + punct)
}

/// Byte classes counted in one pass (chunked into `u8` counters, which the
/// compiler turns into vector instructions).
#[derive(Default)]
struct ByteCounts {
    /// Space, tab, line feed, form feed, carriage return.
    space: u32,
    vertical_tab: u32,
    comma: u32,
    /// `0x80..=0xBF`: the second and later bytes of a character.
    continuation: u32,
    /// Bytes outside ASCII.
    high: u32,
}

impl ByteCounts {
    fn of(bytes: &[u8]) -> ByteCounts {
        let mut c = ByteCounts::default();
        for chunk in bytes.chunks(255) {
            let (mut space, mut vt, mut comma, mut cont, mut high) = (0u8, 0u8, 0u8, 0u8, 0u8);
            for &b in chunk {
                let is_space =
                    (b == b' ') | (b == b'\t') | (b == b'\n') | (b == 0x0C) | (b == b'\r');
                space += u8::from(is_space);
                vt += u8::from(b == 0x0B);
                comma += u8::from(b == b',');
                cont += u8::from((b as i8) < -64);
                high += u8::from(b >= 0x80);
            }
            c.space += u32::from(space);
            c.vertical_tab += u32::from(vt);
            c.comma += u32::from(comma);
            c.continuation += u32::from(cont);
            c.high += u32::from(high);
        }
        c
    }
}

/// The characters outside ASCII that do not count one: whitespace (none),
/// CJK ([`CJK_WEIGHT`]); and the CJK commas and full stops. Only the
/// first bytes that can start one are decoded (two-byte `C2`, three-byte
/// `E0`-`EF`). Returns the weight to add to one per character, and the
/// commas.
fn wide_characters(bytes: &[u8]) -> (i32, u32) {
    let (mut extra, mut punct) = (0i32, 0u32);
    for (i, &b) in bytes.iter().enumerate() {
        if !(0xC2..=0xEF).contains(&b) {
            continue;
        }
        let c = if b == 0xC2 {
            u32::from(bytes[i + 1] & 0x3F) | 0x80
        } else if b >= 0xE0 {
            (u32::from(b & 0x0F) << 12)
                | (u32::from(bytes[i + 1] & 0x3F) << 6)
                | u32::from(bytes[i + 2] & 0x3F)
        } else {
            continue;
        };
        let c = char::from_u32(c).unwrap_or('x');
        if c.is_whitespace() {
            extra -= 1;
        } else if is_cjk(c) {
            extra += CJK_WEIGHT as i32 - 1;
        }
        punct += u32::from(matches!(c, '，' | '、' | '。' | '､'));
    }
    (extra, punct)
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF)
}

/// Elements that start a new block of text.
pub(super) fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("body")
            | local_name!("td")
            | local_name!("th")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("aside")
            | local_name!("nav")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("table")
            | local_name!("tr")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("form")
            | local_name!("center")
            | local_name!("address")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("fieldset")
            | local_name!("hgroup")
            | local_name!("caption")
    ) || is_heading(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `measure_utf8` must agree with: char by char.
    fn by_chars(text: &str) -> (u32, u32) {
        let kept = text.chars().filter(|c| !c.is_whitespace());
        let weight = kept.clone().map(|c| if is_cjk(c) { CJK_WEIGHT } else { 1 });
        let punct = kept.filter(|c| matches!(c, ',' | '，' | '、' | '。' | '､'));
        (weight.sum(), punct.count() as u32)
    }

    #[test]
    fn measure_by_bytes_agrees_with_chars() {
        let texts = [
            "caf\u{e9}, na\u{ef}ve\u{a0}text\u{85}end",
            "\u{3000}한국어 문장，中文、句子。半角､カナ",
            "wide\u{2003}space\u{200a}and\u{202f}nbsp\u{2028}\u{205f}\u{1680}x",
            "emoji \u{1f600}, tab\t\x0b\x0c\r\n done\u{feff}\u{200b}",
            "\u{e000}\u{ffff}\u{800}\u{7ff}\u{80}",
        ];
        for text in texts {
            assert_eq!(measure(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn vertical_tab_counts_only_in_ascii_text() {
        assert_eq!(measure("a\x0bb"), (3, 0));
        assert_eq!(measure("\u{e9}\x0bb"), (2, 0));
    }
}
