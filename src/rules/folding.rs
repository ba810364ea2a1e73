//! Text as the rules count and read it. Characters are counted without
//! white space; text patterns read an element's text with its words
//! joined by single spaces ("folded"). Both run over every text of the
//! page, so both read bytes rather than characters: outside ASCII, white
//! space starts with one of four bytes, and only those are decoded.

use super::apply::Page;
use crate::dom::chars::{count_bytes, wide_space_at, wide_spaces};
use std::ops::Range;

/// The text of elements as the text patterns read it, for one page: each
/// text node is folded once, when first needed, and an element's text is
/// its text nodes' folded words, joined by spaces.
#[derive(Default)]
pub(super) struct FoldedTexts {
    /// Folded text nodes, one after another.
    arena: String,
    /// Per entry of `Page::texts`: its folded words in `arena`, once
    /// folded (sized on first use).
    spans: Vec<Option<(u32, u32)>>,
    /// The last text asked for, when it has several text nodes.
    joined: String,
}

impl FoldedTexts {
    /// The folded text of the text nodes `page.texts[range]`: their words,
    /// each after one space but the first.
    pub(super) fn text(&mut self, page: &Page, range: Range<usize>) -> &str {
        self.spans.resize(page.texts.len(), None);
        if range.len() == 1 {
            let (start, end) = self.fold(page, range.start);
            return &self.arena[start as usize..end as usize];
        }
        self.joined.clear();
        for i in range {
            let (start, end) = self.fold(page, i);
            let words = &self.arena[start as usize..end as usize];
            if words.is_empty() {
                continue;
            }
            if !self.joined.is_empty() {
                self.joined.push(' ');
            }
            self.joined.push_str(words);
        }
        &self.joined
    }

    /// The span in `arena` of the folded words of `page.texts[i]`.
    fn fold(&mut self, page: &Page, i: usize) -> (u32, u32) {
        if let Some(span) = self.spans[i] {
            return span;
        }
        let start = self.arena.len() as u32;
        fold_words(&mut self.arena, page.dom.text(page.texts[i]).unwrap_or(""));
        let span = (start, self.arena.len() as u32);
        self.spans[i] = Some(span);
        span
    }
}

/// Appends the words of `text` to `out`, one space between them: what
/// `split_whitespace` gives, joined by spaces. Words already one space
/// apart (most running text) are copied together.
fn fold_words(out: &mut String, text: &str) {
    let len = text.len();
    let (mut i, mut first) = (0, true);
    loop {
        while i < len && space_at(text, i) > 0 {
            i += space_at(text, i);
        }
        if i == len {
            return;
        }
        let start = i;
        loop {
            while i < len && space_at(text, i) == 0 {
                i += 1;
            }
            let single_space = i + 1 < len && text.as_bytes()[i] == b' ';
            if !(single_space && space_at(text, i + 1) == 0) {
                break;
            }
            i += 1;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(&text[start..i]);
    }
}

/// The length in bytes of the white-space character (`char::is_whitespace`)
/// starting at byte `i` of `text`, or 0 when none does.
#[inline]
fn space_at(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        usize::from(b == b' ' || (b'\t'..=b'\r').contains(&b))
    } else {
        wide_space_at(text, i)
    }
}

/// Characters other than white space. ASCII text counts its bytes other
/// than `u8::is_ascii_whitespace` (a vertical tab counts as visible);
/// other text its characters other than `char::is_whitespace`.
pub(super) fn visible_chars(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let count = if text.is_ascii() {
        bytes.len() - count_bytes(bytes, |b| b.is_ascii_whitespace())
    } else {
        // A character is a byte that does not continue one.
        let chars = count_bytes(bytes, |b| b & 0xC0 != 0x80);
        let ascii = count_bytes(bytes, |b| b == b' ' || (b'\t'..=b'\r').contains(&b));
        chars - ascii - wide_spaces(text)
    };
    count as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every white-space character, the ASCII controls next to them, and
    /// characters sharing the first bytes of the non-ASCII ones.
    const CHARS: &str = "a \t\n\u{b}\u{c}\r\u{1c}\u{1f}\u{85}\u{a0}\u{a2}\u{1680}\u{1681}\
        \u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}\u{3000}\u{3001}é字";

    /// Texts of three of `CHARS` around an `x`.
    fn texts() -> impl Iterator<Item = String> {
        let chars: Vec<char> = CHARS.chars().collect();
        let n = chars.len();
        (0..n * n * n).map(move |k| {
            let (a, b, c) = (chars[k % n], chars[k / n % n], chars[k / n / n]);
            [a, b, c, 'x', a, 'y', ' ', b, 'z', c].iter().collect()
        })
    }

    #[test]
    fn folding_joins_the_words_split_whitespace_finds() {
        for text in texts() {
            let mut folded = String::from("before");
            fold_words(&mut folded, &text);
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(folded, format!("before{}", words.join(" ")), "{text:?}");
        }
    }

    #[test]
    fn visible_characters_are_counted_as_before() {
        let long = "Ein Satz mit Wörtern,\u{a0}\u{3000}und\t\u{b}Leerraum. ".repeat(40);
        for text in texts().chain([long.clone(), long.replace(['ö', '\u{a0}', '\u{3000}'], "o")]) {
            let expected = if text.is_ascii() {
                text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
            } else {
                text.chars().filter(|c| !c.is_whitespace()).count()
            };
            assert_eq!(visible_chars(&text) as usize, expected, "{text:?}");
        }
    }
}
