//! A paragraph's inline content: collected as tokens while the walk goes
//! on, then normalised (whitespace collapsed as a browser does, spaces
//! moved out of spans, empty spans dropped) and rendered in one go, so
//! that escaping and emphasis can look at their neighbours.

use super::emphasis::{self, Pair, Piece, Style};
use super::escape::{self, TextContext};
use super::event::{Image, Span};
use super::links::References;
use super::math;
use super::wrap;
use std::borrow::Cow;

/// What the walk put into the current paragraph, heading or cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// Raw text, whitespace not yet collapsed.
    Text(String),
    Open(Span),
    Close(Span),
    /// Inline code, already trimmed and collapsed.
    Code(String),
    Image(Image),
    Break,
    /// A footnote reference, by label.
    Note(String),
    /// TeX math, display or inline.
    Math {
        tex: String,
        display: bool,
    },
}

/// What rendering a run needs from the whole document.
pub(super) struct Env<'a> {
    /// Where link destinations go (inline or reference definitions).
    pub(super) references: &'a mut References,
    /// Wrap a paragraph at this many columns.
    pub(super) wrap: Option<usize>,
}

/// Where the rendered run goes: it decides how breaks are written and
/// which escapes apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Paragraph,
    Heading,
    Cell,
}

const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// True for the whitespace HTML collapses: space, tab, LF, FF, CR.
pub(super) fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0C' | '\r')
}

/// Normalised content: text runs merged, one space at most between
/// words, no whitespace at the edges of spans or of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Norm {
    Text(String),
    Open(Span),
    Close(Span),
    Code(String),
    Image(Image),
    Break,
    Fixed(String),
}

/// Collapses whitespace and drops empty spans in one pass: spaces, breaks
/// and span openings are held back until content follows, so a space at
/// a span's edge ends up outside it and a span with no content vanishes.
#[derive(Default)]
struct Normalizer {
    out: Vec<Norm>,
    opens: Vec<Span>,
    space: bool,
    line_break: bool,
}

impl Normalizer {
    fn token(&mut self, token: Token) {
        match token {
            Token::Text(s) => self.text(&s),
            Token::Open(span) => self.opens.push(span),
            Token::Close(span) => {
                if self.opens.pop().is_none() {
                    self.close(span);
                }
            }
            Token::Code(c) => self.content(Norm::Code(c)),
            Token::Image(i) => self.content(Norm::Image(i)),
            Token::Break => self.line_break = !self.out.is_empty(),
            Token::Note(label) => self.content(Norm::Fixed(format!("[^{label}]"))),
            Token::Math { tex, display } => self.content(Norm::Fixed(math::syntax(&tex, display))),
        }
    }

    fn text(&mut self, s: &str) {
        let mut rest = s;
        let mut first = true;
        loop {
            let (word, separator) = match rest.find(is_html_space) {
                Some(at) => (&rest[..at], Some(at)),
                None => (rest, None),
            };
            if !first {
                self.space = true;
            }
            first = false;
            // Chinese and Japanese pages indent paragraphs with ideographic
            // spaces; a Markdown paragraph has no first-line indent.
            let at_line_start = self.out.is_empty() || self.line_break;
            let word = if at_line_start {
                word.trim_start_matches(IDEOGRAPHIC_SPACE)
            } else {
                word
            };
            let Some(at) = separator else {
                if !word.is_empty() {
                    self.word(word);
                }
                return;
            };
            if !word.is_empty() {
                self.word(word);
                // Now mid-line: the rest needs no look at its words.
                return self.push_collapsed(&rest[at..]);
            }
            rest = &rest[at + 1..];
        }
    }

    /// Writes a word (no HTML whitespace in it). White space that HTML
    /// keeps (a non-breaking space) at the start of spans about to open
    /// is written before them: emphasis cannot open before a space, and
    /// would otherwise fall back to an HTML tag.
    fn word(&mut self, word: &str) {
        let mut word = word;
        let rest = word.trim_start_matches(char::is_whitespace);
        if !self.opens.is_empty() && rest.len() < word.len() {
            let opens = std::mem::take(&mut self.opens);
            self.before_content();
            self.push_text(&word[..word.len() - rest.len()]);
            self.opens = opens;
            if rest.is_empty() {
                return;
            }
            word = rest;
        }
        self.before_content();
        self.push_text(word);
    }

    /// Closes a span that holds content; white space HTML keeps at its
    /// end moves after it, as at its start (see [`Normalizer::word`]).
    fn close(&mut self, span: Span) {
        // All of a text is moved unless the span opened right before it
        // (it would be left empty).
        let whole = self.out.len() >= 2 && !matches!(self.out[self.out.len() - 2], Norm::Open(_));
        let trailing = match self.out.last_mut() {
            Some(Norm::Text(t)) => {
                let kept = t.trim_end_matches(char::is_whitespace).len();
                (kept < t.len() && (kept > 0 || whole)).then(|| t.split_off(kept))
            }
            _ => None,
        };
        if matches!(self.out.last(), Some(Norm::Text(t)) if t.is_empty()) {
            self.out.pop();
        }
        self.out.push(Norm::Close(span));
        if let Some(trailing) = trailing {
            self.out.push(Norm::Text(trailing));
        }
    }

    /// Appends `tail` (text after a written word, starting at a space)
    /// to the last text item with every run of whitespace made one space;
    /// a run at the end is held back as [`Normalizer::space`]. Runs that
    /// already are one space are copied in bulk.
    fn push_collapsed(&mut self, tail: &str) {
        let Some(Norm::Text(out)) = self.out.last_mut() else {
            return;
        };
        let bytes = tail.as_bytes();
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r');
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                self.space = true;
                return;
            }
            // A stretch of words separated by single spaces, copied whole.
            let start = i;
            while i < bytes.len()
                && !(is_space(bytes[i])
                    && (bytes[i] != b' ' || bytes.get(i + 1).is_none_or(|&n| is_space(n))))
            {
                i += 1;
            }
            out.push(' ');
            out.push_str(&tail[start..i]);
        }
    }

    fn content(&mut self, item: Norm) {
        self.before_content();
        match (item, self.out.last_mut()) {
            (Norm::Text(word), _) => self.push_text(&word),
            // Touching code spans would merge their backtick fences.
            (Norm::Code(code), Some(Norm::Code(last))) => last.push_str(&code),
            (other, _) => self.out.push(other),
        }
    }

    /// Writes the space or break held back before the next content, and
    /// the spans opened since.
    fn before_content(&mut self) {
        if !self.out.is_empty() {
            if self.line_break {
                self.out.push(Norm::Break);
            } else if self.space {
                self.push_text(" ");
            }
        }
        self.space = false;
        self.line_break = false;
        self.out.extend(self.opens.drain(..).map(Norm::Open));
    }

    fn push_text(&mut self, s: &str) {
        match self.out.last_mut() {
            Some(Norm::Text(t)) => t.push_str(s),
            _ => self.out.push(Norm::Text(s.to_string())),
        }
    }
}

/// Renders collected tokens; `""` when nothing visible remains (a run of
/// non-breaking spaces alone is nothing visible either).
pub(super) fn render(tokens: Vec<Token>, mode: Mode, task: Option<bool>, env: &mut Env) -> String {
    let mut norm = Normalizer::default();
    for token in tokens {
        norm.token(token);
    }
    let items = norm.out;
    let visible = items.iter().any(|item| match item {
        Norm::Text(t) => t.chars().any(|c| !c.is_whitespace()),
        Norm::Code(_) | Norm::Image(_) | Norm::Fixed(_) => true,
        _ => false,
    });
    if !visible {
        return String::new();
    }
    let dollars = could_pair_dollars(&items);
    let mut builder = Builder::new(mode, env.references);
    builder.dollars = dollars;
    let width = env.wrap.filter(|_| mode == Mode::Paragraph);
    let (mut out, breaks) = builder.build(items, task, width.is_some());
    if let Some(width) = width {
        out = wrap::wrap(&out, &breaks, width);
    }
    match mode {
        Mode::Heading => escape::heading_end(&mut out),
        Mode::Cell => out = escape::table_cell(&out),
        Mode::Paragraph => {}
    }
    out
}

/// Whether two `$` of the run could pair into math: one followed by a
/// non-space (an opener) before one preceded by a non-space (a closer).
/// `$5 and $10` cannot; `$5 (or $6)` could, and then every `$` of the
/// text is escaped.
fn could_pair_dollars(items: &[Norm]) -> bool {
    // Only text, code and fixed syntax write `$`: without two of them
    // there is nothing to pair.
    let dollars: usize = items
        .iter()
        .map(|item| match item {
            Norm::Text(t) | Norm::Fixed(t) | Norm::Code(t) => {
                memchr::memchr_iter(b'$', t.as_bytes()).count()
            }
            _ => 0,
        })
        .sum();
    if dollars < 2 {
        return false;
    }
    // The characters around each `$` as written (a link's text is
    // preceded by `[`, emphasis by a delimiter).
    let mut text = String::new();
    for item in items {
        match item {
            Norm::Text(t) | Norm::Fixed(t) | Norm::Code(t) => text.push_str(t),
            Norm::Open(Span::Link { .. }) => text.push('['),
            Norm::Close(Span::Link { .. }) => text.push_str("]()"),
            Norm::Open(_) | Norm::Close(_) => text.push('*'),
            Norm::Image(_) => text.push_str("![]()"),
            Norm::Break => text.push(' '),
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut opener = false;
    for (i, &c) in chars.iter().enumerate() {
        if c != '$' {
            continue;
        }
        let before = i.checked_sub(1).map(|p| chars[p]);
        if opener && before.is_some_and(|b| !b.is_whitespace()) {
            return true;
        }
        opener |= chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
    }
    false
}

/// A part of the output before text is escaped and emphasis resolved.
enum Part {
    Text { raw: String, in_brackets: bool },
    Fixed(String),
    Break,
    Delim { pair: usize, open: bool },
}

/// Turns normalised items into parts, then into the final string.
struct Builder<'r> {
    mode: Mode,
    references: &'r mut References,
    /// The run holds two `$` or more: every `$` in text is escaped, so
    /// that none pairs into math.
    dollars: bool,
    parts: Vec<Part>,
    pairs: Vec<Pair>,
    /// For each open span, its pair (emphasis) or `None` (link, sup, sub).
    open: Vec<Option<usize>>,
    links: usize,
}

impl<'r> Builder<'r> {
    fn new(mode: Mode, references: &'r mut References) -> Builder<'r> {
        Builder {
            mode,
            references,
            dollars: false,
            parts: Vec::new(),
            pairs: Vec::new(),
            open: Vec::new(),
            links: 0,
        }
    }

    /// The rendered run, and (when `wrap`) the byte offsets of the spaces
    /// a line may be wrapped at (spaces of text, never inside code,
    /// destinations or tags).
    fn build(mut self, items: Vec<Norm>, task: Option<bool>, wrap: bool) -> (String, Vec<usize>) {
        if let (Some(checked), Mode::Paragraph) = (task, self.mode) {
            let marker = if checked { "[x] " } else { "[ ] " };
            self.parts.push(Part::Fixed(marker.to_string()));
        }
        for item in items {
            self.item(item);
        }
        while let Some(pair) = self.open.pop() {
            self.close(pair, None);
        }
        self.finish(wrap)
    }

    fn item(&mut self, item: Norm) {
        match item {
            Norm::Text(raw) => {
                let in_brackets = self.links > 0;
                self.parts.push(Part::Text { raw, in_brackets });
            }
            Norm::Open(span) => self.open(&span),
            Norm::Close(span) => {
                if let Some(pair) = self.open.pop() {
                    self.close(pair, Some(&span));
                }
            }
            Norm::Code(code) => self.parts.push(Part::Fixed(escape::code_span(&code))),
            Norm::Image(image) => self.parts.push(Part::Fixed(image_syntax(&image))),
            Norm::Fixed(s) => self.parts.push(Part::Fixed(s)),
            Norm::Break => self.parts.push(Part::Break),
        }
    }

    fn open(&mut self, span: &Span) {
        let style = match span {
            Span::Emphasis => Style::Emphasis,
            Span::Strong => Style::Strong,
            Span::Strike => Style::Strike,
            Span::Sup | Span::Sub | Span::Mark | Span::Link { .. } => {
                let text = match span {
                    Span::Sup => "<sup>",
                    Span::Mark => "<mark>",
                    Span::Sub => "<sub>",
                    _ => "[",
                };
                self.links += usize::from(text == "[");
                self.parts.push(Part::Fixed(text.to_string()));
                self.open.push(None);
                return;
            }
        };
        let pair = self.pairs.len();
        self.pairs.push(Pair::new(style, self.parts.len()));
        self.parts.push(Part::Delim { pair, open: true });
        self.open.push(Some(pair));
    }

    /// Closes the innermost open span; `span` is its closing token when
    /// known (a link needs it for its destination).
    fn close(&mut self, pair: Option<usize>, span: Option<&Span>) {
        if let Some(pair) = pair {
            self.pairs[pair].close_at = self.parts.len();
            self.parts.push(Part::Delim { pair, open: false });
            return;
        }
        let text = match span {
            Some(Span::Sup) => "</sup>".to_string(),
            Some(Span::Mark) => "</mark>".to_string(),
            Some(Span::Sub) => "</sub>".to_string(),
            Some(Span::Link { href, title }) => self.references.link_end(href, title.as_deref()),
            _ => "]()".to_string(),
        };
        self.links = self
            .links
            .saturating_sub(usize::from(text.starts_with(']')));
        self.parts.push(Part::Fixed(text));
    }

    fn finish(mut self, wrap: bool) -> (String, Vec<usize>) {
        let pipes =
            self.mode == Mode::Paragraph && self.parts.iter().any(|p| matches!(p, Part::Break));
        let mut pairs = std::mem::take(&mut self.pairs);
        let mut pieces = Vec::with_capacity(self.parts.len());
        for i in 0..self.parts.len() {
            pieces.push(self.piece(i, pipes));
        }
        emphasis::resolve(&pieces, &mut pairs);
        let length = pieces.iter().map(|piece| match piece {
            Piece::Fixed(s) => s.len(),
            Piece::Delim { .. } => 2,
        });
        let mut out = String::with_capacity(length.sum());
        let mut breaks = Vec::new();
        for (piece, part) in pieces.iter().zip(&self.parts) {
            match piece {
                Piece::Fixed(s) => {
                    if wrap && matches!(part, Part::Text { .. }) {
                        let at = out.len();
                        breaks.extend(s.match_indices(' ').map(|(i, _)| at + i));
                    }
                    out.push_str(s);
                }
                Piece::Delim { pair, open } => out.push_str(pairs[*pair].delimiter(*open)),
            }
        }
        (out, breaks)
    }

    /// The finished piece for part `i`: text escaped in its context.
    fn piece(&self, i: usize, pipes: bool) -> Piece<'_> {
        match &self.parts[i] {
            Part::Text { raw, in_brackets } => {
                let before = i.checked_sub(1).map(|p| &self.parts[p]);
                let after = self.parts.get(i + 1);
                let ctx = TextContext {
                    line_start: self.mode == Mode::Paragraph
                        && matches!(before, None | Some(Part::Break)),
                    ends_line: matches!(after, None | Some(Part::Break)),
                    next: after.and_then(|p| self.first_char(p)),
                    in_brackets: *in_brackets,
                    pipes,
                    dollars: self.dollars,
                    references: self.references.is_reference(),
                };
                let mut out = String::with_capacity(raw.len() + 4);
                escape::text(raw, &ctx, &mut out);
                Piece::Fixed(Cow::Owned(out))
            }
            Part::Fixed(s) => Piece::Fixed(Cow::Borrowed(s)),
            Part::Break => Piece::Fixed(Cow::Borrowed(self.break_text())),
            Part::Delim { pair, open } => Piece::Delim {
                pair: *pair,
                open: *open,
            },
        }
    }

    /// The first character a part writes; a delimiter's is not known yet
    /// but none of them (`*`, `_`, `~`, `<`) matters to text escaping.
    fn first_char(&self, part: &Part) -> Option<char> {
        match part {
            Part::Text { raw, .. } => raw.chars().next(),
            Part::Fixed(s) => s.chars().next(),
            Part::Break => self.break_text().chars().next(),
            Part::Delim { .. } => Some('*'),
        }
    }

    fn break_text(&self) -> &'static str {
        match self.mode {
            Mode::Paragraph => "\\\n",
            Mode::Cell => "<br>",
            Mode::Heading => " ",
        }
    }
}

/// `![alt](src "title")`: images are always written inline.
fn image_syntax(image: &Image) -> String {
    let mut out = String::from("![");
    out.push_str(&escape::alt(&image.alt));
    out.push_str(&escape::inline_link_end(&image.src, image.title.as_deref()));
    out
}
