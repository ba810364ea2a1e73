//! Raw text that nothing reads, taken out of the input before html5ever's
//! tokenizer reads it: the code of `<script>` elements and the sheets of
//! `<style>` elements, 45% of the bytes of the readability corpus.
//!
//! Whether the tokenizer reads a raw-text element at all is the tree
//! builder's decision (an HTML `<script>` is raw text, an SVG one is
//! markup), so the skipping sits between them: when the tree builder
//! answers a `<script>` or `<style>` start tag by switching the tokenizer
//! to script data or RAWTEXT, this sink removes the element's text from
//! the input queue itself, following the tokenizer's states for that text
//! (for scripts, the escaped and double-escaped states `<!--`, `<script>`
//! and `-->` lead through), and stops where the tokenizer would find the
//! end tag, which it leaves for the tokenizer. The element is built empty;
//! everything else is parsed as it would have been.
//!
//! Scripts whose text is read are kept whole: JSON-LD (metadata) and
//! `math/tex` (formulas). A stage that starts reading another kind of
//! script must be named in [`text_is_read`].
//!
//! The same sink takes out the content of inline `<svg>` images, which is
//! markup, not raw text, when it can follow it exactly (see [`svg`]).
//! The attributes nothing reads are taken out of tags by another sink,
//! before the depth cap (see [`attributes`]).

use html5ever::local_name;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use std::cell::Cell;
use std::rc::Rc;

pub(crate) use attributes::{Ahead, UnreadAttributes};

/// Forwards tokens to `inner`, taking the text of unread raw-text elements
/// out of `queue` (the queue the tokenizer is fed from; `None`: nothing is
/// skipped).
pub(super) struct SkipUnread<S> {
    pub(super) inner: S,
    queue: Option<Rc<BufferQueue>>,
    /// An element's text being skipped, when the input queued so far ended
    /// before its end tag.
    skipping: Cell<Option<Scan>>,
}

impl<S: TokenSink> SkipUnread<S> {
    pub(super) fn new(inner: S, queue: Option<Rc<BufferQueue>>) -> Self {
        SkipUnread {
            inner,
            queue,
            skipping: Cell::new(None),
        }
    }

    /// Goes on skipping, once more input is queued, the text of an element
    /// whose end tag had not arrived.
    pub(super) fn resume(&self) {
        if let (Some(mut scan), Some(queue)) = (self.skipping.take(), &self.queue)
            && !scan.skip(queue)
        {
            self.skipping.set(Some(scan));
        }
    }
}

impl<S: TokenSink> TokenSink for SkipUnread<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let unread = match &token {
            _ if self.queue.is_none() => None,
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => unread(tag),
            _ => None,
        };
        let svg = self.queue.is_some()
            && matches!(&token, Token::TagToken(tag) if tag.kind == TagKind::StartTag
                && !tag.self_closing
                && tag.name == local_name!("svg"));
        let result = self.inner.process_token(token, line_number);
        if let (Some(kind), TokenSinkResult::RawData(raw)) = (unread, &result)
            && kind.raw_kind() == *raw
        {
            self.skipping.set(Some(Scan::new(kind)));
            self.resume();
        }
        // The tree builder opened the SVG element, which is now the
        // current node (a tag it ignored leaves an HTML element current):
        // its content can go.
        if svg
            && matches!(result, TokenSinkResult::Continue)
            && self
                .inner
                .adjusted_current_node_present_but_not_in_html_namespace()
            && let Some(queue) = &self.queue
        {
            skip_svg_content(queue);
        }
        result
    }

    pass_on_to_inner!();
}

/// Takes the content of the SVG element just opened out of the front of
/// `queue`, when [`svg::content_end`] can follow it there; leaves the
/// queue as it is otherwise.
fn skip_svg_content(queue: &BufferQueue) {
    let Some(front) = queue.pop_front() else {
        return;
    };
    match svg::content_end(front.as_bytes()) {
        Some(at) => queue.push_front(front.subtendril(at as u32, front.len32() - at as u32)),
        None => queue.push_front(front),
    }
}

/// The raw-text elements whose text is skipped.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Unread {
    Script,
    Style,
}

impl Unread {
    /// The tokenizer state the tree builder asks for at its start tag.
    fn raw_kind(self) -> RawKind {
        match self {
            Unread::Script => RawKind::ScriptData,
            Unread::Style => RawKind::Rawtext,
        }
    }

    fn name(self) -> &'static [u8] {
        match self {
            Unread::Script => b"script",
            Unread::Style => b"style",
        }
    }
}

/// Whether a start tag opens an element whose text nothing reads.
fn unread(tag: &Tag) -> Option<Unread> {
    match tag.name {
        local_name!("style") => Some(Unread::Style),
        local_name!("script") => {
            let kind = tag
                .attrs
                .iter()
                .find(|a| a.name.local == local_name!("type"));
            (!kind.is_some_and(|k| text_is_read(&k.value))).then_some(Unread::Script)
        }
        _ => None,
    }
}

/// Script types whose text a later stage reads: JSON-LD (metadata) and
/// MathJax's `math/tex` (the Markdown stage's formulas).
fn text_is_read(kind: &str) -> bool {
    let kind = kind.trim().to_ascii_lowercase();
    kind == "application/ld+json" || kind.starts_with("math/")
}

/// Where the tokenizer is in an element's raw text: the states of the HTML
/// standard's script data and RAWTEXT sections (RAWTEXT uses only `Text`,
/// `LessThan` and the end tag states). The escaped and double-escaped
/// states behave alike but for where `<` leads, so they share variants.
#[derive(Clone, Copy, PartialEq, Debug)]
enum State {
    /// Script data, or RAWTEXT.
    Text,
    LessThan,
    /// After `<!`, and after `<!-`.
    EscapeStart,
    EscapeStartDash,
    Escaped(Escape),
    EscapedDash(Escape),
    EscapedDashDash(Escape),
    EscapedLessThan(Escape),
    /// After `<` (escaped) or `</` (double-escaped) and letters: the
    /// letters spell `script` to switch to the other escape.
    EscapeSwitch {
        from: Escape,
        name: Name,
    },
    /// After `</`; `escaped` tells the state to go back to otherwise.
    EndTagOpen {
        escaped: bool,
    },
    EndTagName {
        name: Name,
        escaped: bool,
    },
}

/// Inside `<!--` in a script: escaped, or double-escaped after a
/// `<script>` there (where `</script>` does not end the element).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Escape {
    Single,
    Double,
}

impl Escape {
    fn other(self) -> Escape {
        match self {
            Escape::Single => Escape::Double,
            Escape::Double => Escape::Single,
        }
    }
}

/// The letters read after `<` or `</`, as far as they spell the element's
/// own name: how many of its letters matched, or `MISMATCH`.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Name(u8);

const MISMATCH: u8 = u8::MAX;

impl Name {
    fn push(self, letter: u8, name: &[u8]) -> Name {
        match name.get(usize::from(self.0)) {
            Some(&want) if want == letter.to_ascii_lowercase() => Name(self.0 + 1),
            _ => Name(MISMATCH),
        }
    }

    fn is(self, name: &[u8]) -> bool {
        usize::from(self.0) == name.len()
    }
}

/// The reading of one raw-text element's text, to its end tag.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scan {
    /// The element's name, in lower case: the end tag's.
    name: &'static [u8],
    /// Script data (with its escapes), or RAWTEXT and RCDATA.
    script: bool,
    state: State,
}

/// What [`Scan::scan`] found in a piece of text.
#[derive(Debug, PartialEq)]
enum Found {
    /// The end tag, from this offset on, after the `carried` start it had
    /// in the pieces before (already taken out of the queue): `<`, `</`
    /// or `</` and some of the name's letters, or nothing.
    EndTag { at: usize, carried: String },
    /// No end tag in the piece: all of it is the element's text.
    Nothing,
}

impl Scan {
    fn new(kind: Unread) -> Self {
        Scan::of(kind.name(), kind == Unread::Script)
    }

    /// The scan of the text of an element named `name`: script data when
    /// `script`, else RAWTEXT or RCDATA (which end alike).
    pub(super) fn of(name: &'static [u8], script: bool) -> Self {
        Scan {
            name,
            script,
            state: State::Text,
        }
    }

    /// Where the end tag begins in `text`, read from the start of the
    /// element's text; `None` when `text` ends first.
    pub(super) fn end_in(mut self, text: &[u8]) -> Option<usize> {
        match self.scan(text) {
            Found::EndTag { at, .. } => Some(at),
            Found::Nothing => None,
        }
    }

    /// Takes the element's text out of the front of `queue`; true once
    /// the end tag is next in it, false when the queue ran out first.
    fn skip(&mut self, queue: &BufferQueue) -> bool {
        while let Some(piece) = queue.pop_front() {
            if let Found::EndTag { at, carried } = self.scan(piece.as_bytes()) {
                queue.push_front(piece.subtendril(at as u32, piece.len32() - at as u32));
                queue.push_front(StrTendril::from_slice(&carried));
                return true;
            }
        }
        false
    }

    /// The start of an end tag read in earlier pieces, as the tokenizer
    /// would read it again (the name's letters in lower case).
    fn carried(&self) -> String {
        let name = self.name;
        let letters = match self.state {
            State::LessThan | State::EscapedLessThan(Escape::Single) => return "<".into(),
            State::EndTagOpen { .. } => 0,
            State::EndTagName { name: n, .. } => usize::from(n.0).min(name.len()),
            _ => return String::new(),
        };
        format!("</{}", String::from_utf8_lossy(&name[..letters]))
    }

    /// Reads `text` from the current state: where the end tag starts, or
    /// nothing. `self.state` is left at the state after `text`.
    fn scan(&mut self, text: &[u8]) -> Found {
        let name = self.name;
        let script = self.script;
        let carried = self.carried();
        // Offset of the `<` of the end tag being read, when in this piece.
        let mut lt = None;
        let mut i = 0;
        while i < text.len() {
            // Most of the text is plain: jump to the bytes that matter.
            let jump = match self.state {
                State::Text => memchr::memchr(b'<', &text[i..]),
                State::Escaped(_) => memchr::memchr2(b'-', b'<', &text[i..]),
                _ => Some(0),
            };
            match jump {
                Some(at) => i += at,
                None => return Found::Nothing,
            }
            let b = text[i];
            let delimiter = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>');
            use Escape::*;
            use State::*;
            let (next, consumed) = match self.state {
                Text => {
                    lt = Some(i);
                    (LessThan, true)
                }
                LessThan if b == b'/' => (EndTagOpen { escaped: false }, true),
                LessThan if b == b'!' && script => (EscapeStart, true),
                EscapeStart if b == b'-' => (EscapeStartDash, true),
                EscapeStartDash if b == b'-' => (EscapedDashDash(Single), true),
                LessThan | EscapeStart | EscapeStartDash => (Text, false),
                Escaped(e) | EscapedDash(e) | EscapedDashDash(e) if b == b'<' => {
                    lt = Some(i);
                    (EscapedLessThan(e), true)
                }
                Escaped(e) if b == b'-' => (EscapedDash(e), true),
                EscapedDash(e) | EscapedDashDash(e) if b == b'-' => (EscapedDashDash(e), true),
                EscapedDashDash(_) if b == b'>' => (Text, true),
                Escaped(e) | EscapedDash(e) | EscapedDashDash(e) => (Escaped(e), true),
                EscapedLessThan(Single) if b == b'/' => (EndTagOpen { escaped: true }, true),
                EscapedLessThan(Double) if b == b'/' => (
                    EscapeSwitch {
                        from: Double,
                        name: Name(0),
                    },
                    true,
                ),
                EscapedLessThan(Single) if b.is_ascii_alphabetic() => {
                    let name = Name(0).push(b, name);
                    (EscapeSwitch { from: Single, name }, true)
                }
                EscapedLessThan(e) => (Escaped(e), false),
                EscapeSwitch { from, name: n } if delimiter => {
                    (Escaped(if n.is(name) { from.other() } else { from }), true)
                }
                EscapeSwitch { from, name: n } if b.is_ascii_alphabetic() => (
                    EscapeSwitch {
                        from,
                        name: n.push(b, name),
                    },
                    true,
                ),
                EscapeSwitch { from, .. } => (Escaped(from), false),
                EndTagOpen { escaped } | EndTagName { escaped, .. } if !b.is_ascii_alphabetic() => {
                    if let EndTagName { name: n, .. } = self.state
                        && delimiter
                        && n.is(name)
                    {
                        self.state = Text;
                        return match lt {
                            Some(at) => Found::EndTag {
                                at,
                                carried: String::new(),
                            },
                            None => Found::EndTag { at: 0, carried },
                        };
                    }
                    (if escaped { Escaped(Single) } else { Text }, false)
                }
                EndTagOpen { escaped } => (
                    EndTagName {
                        name: Name(0).push(b, name),
                        escaped,
                    },
                    true,
                ),
                EndTagName { name: n, escaped } => (
                    EndTagName {
                        name: n.push(b, name),
                        escaped,
                    },
                    true,
                ),
            };
            self.state = next;
            i += usize::from(consumed);
        }
        Found::Nothing
    }
}

mod attributes;
mod svg;

#[cfg(test)]
mod tests;
