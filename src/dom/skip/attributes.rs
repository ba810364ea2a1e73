//! Tags read ahead of html5ever's tokenizer, in the input queue, to take
//! out of them what would cost the tokenizer and the tree for nothing:
//!
//! - Attributes that nothing reads: `data-*` and `aria-*` attributes,
//!   event handlers and a few more. On the readability pages they are 1 MB
//!   of the 13 MB left to tokenize once scripts and styles are skipped, and
//!   they cost more than their bytes: each `data-*` name is a new interned
//!   atom, and every attribute one more allocation in the tree. What goes
//!   is chosen by name ([`UnreadAttributes::drops`]): the names a stage
//!   reads ([`READ`]) and every name the rules can ask about (attribute
//!   conditions, attribute selectors, XPath `@name`) stay.
//! - Any tag's attributes past [`MAX_ATTRIBUTES`]: the tokenizer's check
//!   for duplicates is quadratic in a tag's attributes (see `attrs.rs`).
//! - White space between two tags beyond its first byte (the indentation
//!   of the markup: 13% of the readability pages' bytes), outside
//!   preformatted text and code ([`KEEPS_SPACES`]). The text node stays,
//!   and every stage reads white space as one space; html5ever reads,
//!   copies and allocates a byte instead of a run.
//!
//! The scan follows the tokenizer's states through text, tags, comments,
//! doctypes and bogus comments, so it reads only what the tokenizer will
//! read as markup (a script's text, skipped or not, is never mistaken for
//! tags), and an attribute is cut out only where the tokenizer reads the
//! rest of the tag the same way without it (see [`Attribute::can_go`]).
//! Where the tokenizer's way on depends on the tree builder, the scan
//! waits for its decision: after a start tag that can open a raw-text
//! element it waits for that tag's token, then reads on, or finds the end
//! tag of the raw text and waits for that. A CDATA section (text in SVG
//! and MathML, a comment elsewhere) is decided when the tokenizer gets
//! there, so the rest of the page is bounded by [`bound`] there, which
//! assumes nothing about it, and read as it is.
//!
//! Comparing the trees html5ever builds with and without the scan, on
//! real pages and on generated tags, is in the tests.

use super::Scan;
use crate::dom::attrs::{MAX_ATTRIBUTES, bound};
use crate::dom::tag::{
    self, Attribute, EQUALS, GT, SLASH, SPACE, is_space, markup_declaration_end, run_end, tag_name,
};
use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult};
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Names [`is_unread`] takes that a stage reads:
/// lazy-loading image sources (the Markdown stage and the assets), and
/// ARIA's hidden flag and labels (rules, embeds). A stage that starts
/// reading another such attribute must list it here (a test checks the
/// sources for names they use that would be dropped).
pub(crate) const READ: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "data-srcset",
    "aria-hidden",
    "aria-label",
];

/// Which attributes are taken out of start tags before tokenizing.
#[derive(Debug, Default, Clone)]
pub(crate) struct UnreadAttributes {
    /// Names the rules read, in lower case: never dropped.
    read: FxHashSet<String>,
}

impl UnreadAttributes {
    /// Drops the unread attributes but those named in `read` (any case).
    pub(crate) fn new<I, S>(read: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        UnreadAttributes {
            read: read
                .into_iter()
                .map(|n| n.as_ref().to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether the attribute named `name` (as written in the tag, or as
    /// the tree has it) goes. Names with a NUL or a U+FFFD are kept: the
    /// tokenizer reads a NUL as U+FFFD, and both spellings must agree.
    pub(crate) fn drops(&self, name: &[u8]) -> bool {
        // Most names are in lower case already.
        let lower = if name.iter().any(u8::is_ascii_uppercase) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        is_unread(&lower)
            && !lower.contains(&0)
            && !lower.windows(3).any(|w| w == "\u{fffd}".as_bytes())
            && !READ.iter().any(|r| r.as_bytes() == &*lower)
            && std::str::from_utf8(&lower).is_ok_and(|n| !self.read.contains(n))
    }
}

/// Names no stage reads: `data-*` and `aria-*` (but [`READ`]), event
/// handlers (`on` and letters: `onclick`, `onload`), and attributes that
/// tell a browser how and when to load, focus or edit an element, and
/// script frameworks' hooks.
fn is_unread(name: &[u8]) -> bool {
    match name {
        [b'd', b'a', b't', b'a', b'-', ..] | [b'a', b'r', b'i', b'a', b'-', ..] => true,
        [b'o', b'n', rest @ ..] => !rest.is_empty() && rest.iter().all(u8::is_ascii_lowercase),
        b"allow" | b"allowfullscreen" | b"allowtransparency" | b"async" | b"autocomplete"
        | b"contenteditable" | b"crossorigin" | b"decoding" | b"defer" | b"draggable"
        | b"fetchpriority" | b"frameborder" | b"hreflang" | b"integrity" | b"jsaction"
        | b"jscontroller" | b"jsdata" | b"jslog" | b"jsmodel" | b"jsname" | b"loading"
        | b"marginheight" | b"marginwidth" | b"nonce" | b"referrerpolicy" | b"scrolling"
        | b"sizes" | b"spellcheck" | b"tabindex" | b"target" => true,
        _ => false,
    }
}

/// Forwards tokens to `inner` and, whenever the tokenizer is in its data
/// state at a place the scan has not read yet, reads ahead in `queue`:
/// takes the unread attributes out of start tags, and every attribute
/// past [`MAX_ATTRIBUTES`] out of any tag, up to the next start tag after
/// which the tree builder decides how the tokenizer goes on (a raw-text
/// element's), where it waits for that tag's token. It sits before the
/// depth cap, so it sees every token the tokenizer emits.
///
/// It reads the whole page from one piece of input (`start`); a page fed
/// in pieces is bounded beforehand by [`crate::dom::attrs::bound`].
pub(crate) struct Ahead<'a, S> {
    pub(crate) inner: S,
    queue: Rc<BufferQueue>,
    /// `None`: only the attribute bound is applied.
    unread: Option<&'a UnreadAttributes>,
    mode: Cell<Mode>,
    /// The address just past the page's text: the piece of the queue that
    /// ends there is the rest of the page.
    text_end: Cell<usize>,
    scratch: RefCell<Scratch>,
}

/// Where the scan is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Not reading (the page comes in pieces, or the rest of it is read).
    Off,
    /// Read up to a tag after which the tree builder decides, and this
    /// many bytes of the page follow that tag.
    Waiting { after: u32 },
}

/// Scratch space kept between scans.
#[derive(Default)]
struct Scratch {
    attributes: Vec<Attribute>,
    cuts: Vec<(u32, u32)>,
    /// Per name of [`KEEPS_SPACES`], its start tags read so far less its
    /// end tags (never below zero).
    open: [u32; KEEPS_SPACES.len()],
}

/// Elements whose white space is theirs to keep: preformatted text and
/// code (the Markdown stage writes their text as it is), and SVG and
/// MathML, whose text the scan leaves as it is. Between the start tag of
/// one and its end tag, white space is never collapsed. (The text of
/// `<textarea>` and `<xmp>` is raw text, which the scan never reads.)
/// The count follows tags, not the tree: a start tag the tree builder
/// ignores keeps runs from being collapsed for nothing, and since an end
/// tag it may ignore (a `</pre>` in a table cell inside the `<pre>`)
/// cannot be told from one it honours, a scope boundary inside one of
/// these elements holds it open for the rest of the page (see
/// [`hold_open`]).
const KEEPS_SPACES: [&[u8]; 8] = [
    b"pre", b"listing", b"code", b"kbd", b"samp", b"tt", b"svg", b"math",
];

impl<'a, S: TokenSink> Ahead<'a, S> {
    /// Off until [`Ahead::start`].
    pub(crate) fn new(
        inner: S,
        queue: Rc<BufferQueue>,
        unread: Option<&'a UnreadAttributes>,
    ) -> Self {
        Ahead {
            inner,
            queue,
            unread,
            mode: Cell::new(Mode::Off),
            text_end: Cell::new(0),
            scratch: RefCell::default(),
        }
    }

    /// Reads ahead from the start of the page, which must be all of the
    /// queue, before the tokenizer reads it.
    pub(crate) fn start(&self) {
        let Some(front) = self.queue.peek_front_chunk_mut() else {
            return;
        };
        self.text_end.set(front.as_ptr() as usize + front.len());
        drop(front);
        self.read_ahead();
    }

    /// Whether the tokenizer has read the tag the scan waits at: the rest
    /// of the page is then one piece, no longer than what followed it.
    fn reached(&self, after: u32) -> bool {
        self.queue.peek_front_chunk_mut().is_none_or(|front| {
            front.as_ptr() as usize + front.len() == self.text_end.get() && front.len32() <= after
        })
    }

    /// Scans from the front of the queue (data-state text) and applies
    /// the cuts.
    fn read_ahead(&self) {
        let mut scratch = self.scratch.borrow_mut();
        let Some(front) = self.queue.pop_front() else {
            self.mode.set(Mode::Off);
            return;
        };
        let stop = plan(front.as_bytes(), self.unread, &mut scratch);
        let len = front.len32();
        let (mode, rest) = match stop {
            Stop::After(end) => (
                Mode::Waiting {
                    after: len - end as u32,
                },
                None,
            ),
            Stop::End => (Mode::Off, None),
            Stop::Unsure(at) => (Mode::Off, Some(at)),
        };
        self.mode.set(mode);
        // Past a CDATA section the scan cannot tell markup from text: the
        // rest is bounded as a page fed in pieces is, and read as it is.
        let tail = rest.map(|at| match bound(&front[at..]) {
            Cow::Owned(bounded) => StrTendril::from_slice(&bounded),
            Cow::Borrowed(_) => front.subtendril(at as u32, len - at as u32),
        });
        let end = rest.map_or(len, |at| at as u32);
        push_pieces(&self.queue, &front, &scratch.cuts, end, tail);
    }

    /// Stops reading ahead, and bounds the rest of the page as a page fed
    /// in pieces is (for a raw-text element the scan does not know).
    fn give_up(&self) {
        self.mode.set(Mode::Off);
        if let Some(front) = self.queue.pop_front() {
            match bound(&front) {
                Cow::Owned(bounded) => self.queue.push_front(StrTendril::from_slice(&bounded)),
                Cow::Borrowed(_) => self.queue.push_front(front),
            }
        }
    }

    /// After a raw-text element's start tag: bounds the end tag that ends
    /// its text, and waits for it.
    fn at_raw_text(&self, name: &LocalName, script: bool) {
        let Some(name) = RAW_TEXT.iter().find(|n| name.as_bytes() == **n) else {
            self.give_up();
            return;
        };
        let mut scratch = self.scratch.borrow_mut();
        scratch.cuts.clear();
        let Some(front) = self.queue.pop_front() else {
            self.mode.set(Mode::Off);
            return;
        };
        let text = front.as_bytes();
        let end = Scan::of(name, script)
            .end_in(text)
            .and_then(|lt| tag::scan(text, lt + 2, &mut scratch.attributes));
        match end {
            Some((end, _)) => {
                let Scratch {
                    attributes, cuts, ..
                } = &mut *scratch;
                bound_cut(attributes, end, cuts);
                let len = front.len32();
                self.mode.set(Mode::Waiting {
                    after: len - end as u32,
                });
                push_pieces(&self.queue, &front, cuts, len, None);
            }
            None => {
                self.mode.set(Mode::Off);
                self.queue.push_front(front);
            }
        }
    }
}

impl<S: TokenSink> TokenSink for Ahead<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        // Tags, comments and doctypes end at a `>` the tokenizer has just
        // read: the queue's front is what follows.
        let ends_at_gt = matches!(
            token,
            Token::TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_)
        );
        let start_tag = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => Some(tag.name.clone()),
            _ => None,
        };
        let result = self.inner.process_token(token, line_number);
        if let Mode::Waiting { after } = self.mode.get()
            && ends_at_gt
            && self.reached(after)
        {
            match &result {
                TokenSinkResult::Continue
                | TokenSinkResult::Script(_)
                | TokenSinkResult::EncodingIndicator(_) => self.read_ahead(),
                TokenSinkResult::RawData(kind) => match &start_tag {
                    Some(name) => self.at_raw_text(name, *kind == RawKind::ScriptData),
                    None => self.give_up(),
                },
                TokenSinkResult::Plaintext => self.mode.set(Mode::Off),
            }
        }
        result
    }

    pass_on_to_inner!();
}

/// Start tags after which the tree builder may switch the tokenizer to
/// raw text: the scan waits there for its decision.
const RAW_TEXT: &[&[u8]] = &[
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"plaintext",
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
];

/// Puts `front` back in the queue without the `cuts` (sorted, before
/// `end`), up to `end`, then `tail` (the rest, when it differs from
/// `front`'s).
fn push_pieces(
    queue: &BufferQueue,
    front: &StrTendril,
    cuts: &[(u32, u32)],
    end: u32,
    tail: Option<StrTendril>,
) {
    let len = front.len32();
    if cuts.is_empty() && end == len && tail.is_none() {
        queue.push_front(front.clone());
        return;
    }
    if let Some(tail) = tail {
        queue.push_front(tail);
    } else if end < len {
        queue.push_front(front.subtendril(end, len - end));
    }
    // The kept pieces, last first, since each goes to the queue's front.
    let mut to = end;
    for &(from, upto) in cuts.iter().rev() {
        queue.push_front(front.subtendril(upto, to - upto));
        to = from;
    }
    queue.push_front(front.subtendril(0, to));
}

/// How a scan ended.
#[derive(Debug, PartialEq)]
enum Stop {
    /// At the end of a start tag after which the tree builder decides
    /// what comes next: the offset after its `>`.
    After(usize),
    /// At the end of the text: nothing after is a tag.
    End,
    /// At a CDATA section (`<![CDATA[`), text in SVG and MathML but a
    /// comment up to the first `>` elsewhere, which the tokenizer decides
    /// when it gets there: its offset.
    Unsure(usize),
}

/// Reads data-state `text` to where the tokenizer's reading depends on the
/// tree builder, following its states through tags, comments, doctypes
/// and bogus comments; fills `scratch.cuts` with the byte ranges to take
/// out on the way (the unread attributes of start tags, any tag's
/// attributes past [`MAX_ATTRIBUTES`], and white space between tags past
/// its first byte, when `unread` is given), in order.
fn plan(text: &[u8], unread: Option<&UnreadAttributes>, scratch: &mut Scratch) -> Stop {
    let Scratch {
        attributes,
        cuts,
        open,
    } = scratch;
    cuts.clear();
    // Inside an SVG image, whose content the skipping sink takes out when
    // it can follow it in one piece of the queue, attributes are only
    // bounded: a cut there would end that piece early.
    let mut svg_until = 0;
    let mut at = 0;
    // Where the text since the last tag, comment or doctype began.
    let mut text_start = 0;
    loop {
        let Some(lt) = memchr::memchr(b'<', &text[at..]).map(|i| at + i) else {
            return Stop::End;
        };
        let Some(&next) = text.get(lt + 1) else {
            return Stop::End;
        };
        if unread.is_some()
            && text_start == at
            && text_start >= svg_until
            && open.iter().all(|&n| n == 0)
        {
            collapse_blank(text, text_start, lt, cuts);
        }
        at = match next {
            b if b.is_ascii_alphabetic() => {
                let Some((end, self_closing)) = tag::scan(text, lt + 1, attributes) else {
                    // A tag the input ends in is dropped.
                    return Stop::End;
                };
                if let Some(unread) = unread.filter(|_| lt >= svg_until) {
                    let own = &attributes[..attributes.len().min(MAX_ATTRIBUTES)];
                    drop_unread(text, own, unread, cuts);
                }
                let written = tag_name(text, lt + 1);
                let name = Name::of(written);
                if open[..SVG].iter().any(|&n| n > 0) && is_scope_boundary(written) {
                    hold_open(open);
                }
                if lt >= svg_until
                    && !self_closing
                    && name == Name::Keeps(SVG)
                    && let Some(content) = super::svg::content_end(&text[end..])
                {
                    svg_until = end + content;
                }
                bound_cut(attributes, end, cuts);
                match name {
                    // A self-closing SVG or MathML element is closed at
                    // once; an HTML one is not (the flag is ignored).
                    Name::Keeps(SVG | MATH) if self_closing => {}
                    Name::Keeps(i) => open[i] = open[i].saturating_add(1),
                    Name::RawText => return Stop::After(end),
                    Name::Other => {}
                }
                text_start = end;
                end
            }
            b'/' => match text.get(lt + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let Some((end, _)) = tag::scan(text, lt + 2, attributes) else {
                        return Stop::End;
                    };
                    bound_cut(attributes, end, cuts);
                    if let Name::Keeps(i) = Name::of(tag_name(text, lt + 2)) {
                        open[i] = open[i].saturating_sub(1);
                    }
                    text_start = end;
                    end
                }
                // `</>` is nothing; `</` and another byte a bogus comment.
                Some(b'>') => lt + 3,
                Some(_) => match memchr::memchr(b'>', &text[lt + 2..]) {
                    Some(i) => lt + 2 + i + 1,
                    None => return Stop::End,
                },
                None => return Stop::End,
            },
            b'!' if text[lt..].starts_with(b"<![CDATA[") => return Stop::Unsure(lt),
            // A comment, a doctype or a bogus comment.
            b'!' => match markup_declaration_end(text, lt) {
                Some(end) => {
                    text_start = end;
                    end
                }
                None => return Stop::End,
            },
            // A bogus comment: it ends at the first `>`.
            b'?' => match memchr::memchr(b'>', &text[lt + 2..]) {
                Some(i) => lt + 2 + i + 1,
                None => return Stop::End,
            },
            // `<` and anything else is text.
            _ => lt + 1,
        };
    }
}

/// Cuts all but the first byte of `text[from..to]` when it is two or more
/// bytes of white space and nothing else: the text between two tags
/// (an indented page has one such run between most tags, 13% of the
/// readability pages' bytes). The tree still gets its white-space text
/// node, which every stage reads as one space, for a copy of one byte;
/// the tokenizer reads a byte instead of the run.
fn collapse_blank(text: &[u8], from: usize, to: usize, cuts: &mut Vec<(u32, u32)>) {
    if to - from >= 2 && text[from..to].iter().all(|&b| is_space(b)) {
        cuts.push((from as u32 + 1, to as u32));
    }
}

/// Elements that bound "in scope" for the tree builder: an end tag
/// (`</pre>`, `</code>`) whose element is open outside one of them is
/// ignored, and the element stays open.
const SCOPE_BOUNDARIES: [&[u8]; 18] = [
    b"applet",
    b"caption",
    b"html",
    b"table",
    b"td",
    b"th",
    b"marquee",
    b"object",
    b"template",
    b"mi",
    b"mo",
    b"mn",
    b"ms",
    b"mtext",
    b"annotation-xml",
    b"foreignobject",
    b"desc",
    b"title",
];

fn is_scope_boundary(name: &[u8]) -> bool {
    SCOPE_BOUNDARIES
        .iter()
        .any(|b| name.eq_ignore_ascii_case(b))
}

/// Inside a scope boundary, the end tag of an HTML element of
/// [`KEEPS_SPACES`] open outside it may be ignored
/// (`<pre><table><td></pre>`), and the count cannot tell: the HTML ones
/// open now are held open for the rest of the page (their counts never
/// come down to zero). SVG and MathML are not held: their end tags close
/// them from inside their own boundaries (`<svg><title>…</svg>`), which
/// most inline images have. Only from HTML content inside them (an HTML
/// element in a `<foreignObject>` or an `<mi>`) can their end tag be
/// ignored, and then the runs after it, still inside that element in the
/// tree, are cut (a test compares SVG and MathML text with runs squeezed,
/// HTML code text whole).
fn hold_open(open: &mut [u32; KEEPS_SPACES.len()]) {
    for n in open[..SVG].iter_mut().filter(|n| **n > 0) {
        *n = u32::MAX;
    }
}

/// What the scan makes of a tag's name.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Name {
    /// One of [`RAW_TEXT`].
    RawText,
    /// The one at this index in [`KEEPS_SPACES`].
    Keeps(usize),
    Other,
}

/// Indexes in [`KEEPS_SPACES`].
const SVG: usize = 6;
const MATH: usize = 7;

impl Name {
    /// Reads a tag name as the tokenizer does (ASCII case ignored), once
    /// per tag.
    fn of(name: &[u8]) -> Name {
        let mut lower = [0u8; LONGEST];
        let Some(copy) = lower.get_mut(..name.len()) else {
            return Name::Other;
        };
        for (to, from) in copy.iter_mut().zip(name) {
            *to = from.to_ascii_lowercase();
        }
        if RAW_TEXT.contains(&&*copy) {
            return Name::RawText;
        }
        KEEPS_SPACES
            .iter()
            .position(|k| *k == &*copy)
            .map_or(Name::Other, Name::Keeps)
    }
}

/// The longest name in [`RAW_TEXT`] and [`KEEPS_SPACES`] (`plaintext`).
const LONGEST: usize = 9;

/// Cuts the unread `attributes` of a start tag. A name goes with all its
/// copies or not at all: the tokenizer keeps the first of a name, so
/// taking out some copies could let another one's value stand.
fn drop_unread(
    text: &[u8],
    attributes: &[Attribute],
    unread: &UnreadAttributes,
    cuts: &mut Vec<(u32, u32)>,
) {
    let name = |a: &Attribute| &text[a.name.0..a.name.1];
    // Names with a copy that cannot go: almost always none, and a tag
    // with many of them keeps all its attributes.
    let mut stuck = [&b""[..]; MAX_STUCK];
    let mut count = 0;
    let first = cuts.len();
    for a in attributes.iter().filter(|a| unread.drops(name(a))) {
        if a.can_go(text) {
            cuts.push((a.name.0 as u32, a.end as u32));
        } else if count == MAX_STUCK {
            cuts.truncate(first);
            return;
        } else {
            stuck[count] = name(a);
            count += 1;
        }
    }
    if count > 0 {
        let mut i = first;
        while i < cuts.len() {
            let from = cuts[i].0 as usize;
            let name =
                &text[from..run_end(text, from, SPACE | SLASH | GT | EQUALS).unwrap_or(from)];
            if stuck[..count].iter().any(|s| s.eq_ignore_ascii_case(name)) {
                cuts.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// Names a tag can have that [`drop_unread`] cannot take out everywhere.
const MAX_STUCK: usize = 4;

/// Cuts a tag's attributes past [`MAX_ATTRIBUTES`], up to its `>` at
/// `end - 1`, as [`bound`] does.
fn bound_cut(attributes: &[Attribute], end: usize, cuts: &mut Vec<(u32, u32)>) {
    if let Some(first) = attributes.get(MAX_ATTRIBUTES) {
        cuts.push((first.name.0 as u32, (end - 1) as u32));
    }
}

impl Attribute {
    /// Whether the tokenizer reads the tag without this attribute as it
    /// reads it with it, but for the attribute. It does when the attribute
    /// starts after white space or a quote (after `/`, as in `<br/x>`, the
    /// `/` would then close the tag) and no `=` comes next (which, after an
    /// attribute with no value, would give that one a value).
    fn can_go(&self, text: &[u8]) -> bool {
        let after_slash = self.name.0 > 0 && text[self.name.0 - 1] == b'/';
        let next = text[self.end..].iter().find(|&&b| !is_space(b));
        !after_slash && next != Some(&b'=')
    }
}

#[cfg(test)]
mod tests;
