//! A bound on nesting depth, applied between html5ever's tokenizer and its
//! tree builder.
//!
//! The tree builder scans its stack of open elements for many tags, so a
//! page nested 100,000 elements deep takes it tens of seconds (quadratic
//! time). Browsers cap the tree's depth (Chromium at 512); we do the same
//! before the tree builder sees the tags: a start tag that would open an
//! element deeper than the cap is dropped, with its end tag, and its
//! content goes into the element at the cap. Nothing is lost, the deepest
//! levels are flattened.
//!
//! Depth is estimated from the tags themselves, with the implicit closings
//! that matter for real pages (`<p>` by a block, `<li>` by the next
//! `<li>`, cells and rows, options, links), so ordinary pages, whose depth
//! is a few dozen, are never touched.

use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{LocalName, local_name};
use std::cell::RefCell;

/// Deepest level of elements opened by tags (Chromium's limit).
pub(crate) const MAX_DEPTH: usize = 512;

/// How far down the stack an implicit closing is looked for: real pages
/// leave a `<li>` or `<td>` open under an inline element or two, and a
/// bounded look keeps each tag O(1).
const NEAR: usize = 4;

/// Forwards tokens to `inner`, dropping start tags past [`MAX_DEPTH`].
pub(super) struct DepthCap<S> {
    pub(super) inner: S,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// Names of the elements the tags opened, outermost first.
    open: Vec<LocalName>,
    /// Indexes into `open` of the `<p>` elements still open.
    paragraphs: Vec<usize>,
    /// Start tags dropped and not yet closed, by name.
    dropped: Vec<(LocalName, usize)>,
    /// Start tags passed on: about the number of elements built.
    admitted: usize,
    /// Attributes of the start tags passed on: about the number kept.
    attributes: usize,
}

impl<S: TokenSink> DepthCap<S> {
    pub(super) fn new(inner: S) -> Self {
        DepthCap {
            inner,
            state: RefCell::new(State::default()),
        }
    }

    /// How many start tags went on to the tree builder, and how many
    /// attributes they had.
    pub(super) fn admitted(&self) -> (usize, usize) {
        let state = self.state.borrow();
        (state.admitted, state.attributes)
    }

    /// Whether the tag goes on to the tree builder.
    fn admit(&self, tag: &Tag) -> bool {
        let mut state = self.state.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                let admitted = !opens_element(tag) || state.start(&tag.name);
                if admitted {
                    state.admitted += 1;
                    state.attributes += tag.attrs.len();
                }
                admitted
            }
            TagKind::EndTag => state.end(&tag.name),
        }
    }
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token
            && !self.admit(tag)
        {
            return TokenSinkResult::Continue;
        }
        self.inner.process_token(token, line_number)
    }

    pass_on_to_inner!();
}

impl State {
    fn start(&mut self, name: &LocalName) -> bool {
        self.close_implied(name);
        if self.open.len() >= MAX_DEPTH {
            match self.dropped.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count += 1,
                None => self.dropped.push((name.clone(), 1)),
            }
            return false;
        }
        if *name == local_name!("p") {
            self.paragraphs.push(self.open.len());
        }
        self.open.push(name.clone());
        true
    }

    fn end(&mut self, name: &LocalName) -> bool {
        if let Some((_, count)) = self.dropped.iter_mut().find(|(n, c)| n == name && *c > 0) {
            *count -= 1;
            return false;
        }
        // The stack is at most MAX_DEPTH long: a bounded search.
        if let Some(at) = self.open.iter().rposition(|n| n == name) {
            self.truncate(at);
        }
        true
    }

    /// The closings HTML implies when `name` starts.
    fn close_implied(&mut self, name: &LocalName) {
        if closes_paragraph(name)
            && let Some(&at) = self.paragraphs.last()
        {
            self.truncate(at);
        }
        if let Some(peers) = peers(name) {
            let near = self.open.len().saturating_sub(NEAR);
            // Innermost first, stopping at an element the peer cannot be
            // closed through: a `<li>` in a list inside a `<li>` opens a
            // nested item, it does not close the outer one.
            for at in (near..self.open.len()).rev() {
                if peers.contains(&self.open[at]) {
                    self.truncate(at);
                    break;
                }
                if is_boundary(name, &self.open[at]) {
                    break;
                }
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        self.open.truncate(len);
        while self.paragraphs.last().is_some_and(|&p| p >= len) {
            self.paragraphs.pop();
        }
    }
}

/// Start tags that open an element that stays open: not void, not
/// self-closed, not raw text (whose end tag the tokenizer itself finds).
fn opens_element(tag: &Tag) -> bool {
    !tag.self_closing
        && !matches!(
            tag.name,
            local_name!("area")
                | local_name!("base")
                | local_name!("br")
                | local_name!("col")
                | local_name!("embed")
                | local_name!("hr")
                | local_name!("img")
                | local_name!("input")
                | local_name!("link")
                | local_name!("meta")
                | local_name!("source")
                | local_name!("track")
                | local_name!("wbr")
                | local_name!("param")
                | local_name!("keygen")
                | local_name!("script")
                | local_name!("style")
                | local_name!("textarea")
                | local_name!("title")
                | local_name!("xmp")
                | local_name!("iframe")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("plaintext")
        )
}

/// Block starts that close an open `<p>` (HTML's "close a p element").
fn closes_paragraph(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("details")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("main")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("table")
            | local_name!("ul")
    )
}

/// Whether an open `element` stops the search for the peers `name` closes
/// (HTML's "special" elements for list items, the table for cells, the
/// select for options).
fn is_boundary(name: &LocalName, element: &LocalName) -> bool {
    match *name {
        local_name!("li") | local_name!("dt") | local_name!("dd") => {
            closes_paragraph(element)
                && !matches!(
                    *element,
                    local_name!("p") | local_name!("div") | local_name!("address")
                )
        }
        local_name!("td") | local_name!("th") | local_name!("tr") => {
            *element == local_name!("table")
        }
        local_name!("option") => *element == local_name!("select"),
        _ => false,
    }
}

/// Elements a start tag closes when one is open just above it.
fn peers(name: &LocalName) -> Option<&'static [LocalName]> {
    static LI: [LocalName; 1] = [local_name!("li")];
    static DTDD: [LocalName; 2] = [local_name!("dt"), local_name!("dd")];
    static CELL: [LocalName; 2] = [local_name!("td"), local_name!("th")];
    static ROW: [LocalName; 3] = [local_name!("tr"), local_name!("td"), local_name!("th")];
    static OPTION: [LocalName; 1] = [local_name!("option")];
    static A: [LocalName; 1] = [local_name!("a")];
    static BUTTON: [LocalName; 1] = [local_name!("button")];
    Some(match *name {
        local_name!("li") => &LI,
        local_name!("dt") | local_name!("dd") => &DTDD,
        local_name!("td") | local_name!("th") => &CELL,
        local_name!("tr") => &ROW,
        local_name!("option") => &OPTION,
        local_name!("a") => &A,
        local_name!("button") => &BUTTON,
        _ => return None,
    })
}
