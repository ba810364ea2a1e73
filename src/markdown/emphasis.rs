//! Choosing emphasis delimiters CommonMark will actually parse.
//!
//! `**x**` only works when each delimiter run is flanking on the right
//! side (CommonMark 0.31, "Emphasis and strong emphasis"): Korean
//! `**마크다운(Markdown)**을` does not close, because `)` inside meets a
//! letter outside. Each span therefore tries its representations in order
//! (`*`, `_`, then the HTML tag) against the characters actually around
//! its delimiters in the final output, and keeps the first that parses.

use std::borrow::Cow;

/// One piece of a rendered inline run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    /// Finished output: escaped text, code, a link's syntax, a break
    /// (borrowed from the part it renders when nothing needs escaping).
    Fixed(Cow<'a, str>),
    /// The opening or closing delimiter of `pairs[pair]`.
    Delim { pair: usize, open: bool },
}

/// Which emphasis a pair of delimiters writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Emphasis,
    Strong,
    Strike,
}

/// A span's delimiters: where they are and the representation chosen.
#[derive(Debug, Clone)]
pub(super) struct Pair {
    pub(super) style: Style,
    pub(super) open_at: usize,
    pub(super) close_at: usize,
    choice: usize,
}

impl Pair {
    pub(super) fn new(style: Style, open_at: usize) -> Pair {
        Pair {
            style,
            open_at,
            close_at: open_at,
            choice: 0,
        }
    }

    /// The text of the opening or closing delimiter as chosen.
    pub(super) fn delimiter(&self, open: bool) -> &'static str {
        let forms = forms(self.style);
        let (opener, closer) = forms[self.choice.min(forms.len() - 1)];
        if open { opener } else { closer }
    }

    fn is_html(&self) -> bool {
        self.choice + 1 >= forms(self.style).len()
    }
}

/// Representations in order of preference; the last (HTML) always parses.
fn forms(style: Style) -> &'static [(&'static str, &'static str)] {
    match style {
        Style::Emphasis => &[("*", "*"), ("_", "_"), ("<em>", "</em>")],
        Style::Strong => &[("**", "**"), ("__", "__"), ("<strong>", "</strong>")],
        Style::Strike => &[("~~", "~~"), ("<del>", "</del>")],
    }
}

/// Picks each pair's representation. A change can invalidate the pairs
/// whose delimiters touch it, so those are checked again; choices only
/// move forward, so this ends after a linear number of checks.
pub(super) fn resolve(pieces: &[Piece<'_>], pairs: &mut [Pair]) {
    // Innermost spans come last in opening order: they choose first, so
    // `<b><i>x</i></b>` becomes `**_x_**` rather than losing the outer `**`.
    let mut todo: Vec<usize> = (0..pairs.len()).collect();
    while let Some(p) = todo.pop() {
        let before = pairs[p].choice;
        while !pairs[p].is_html() && !parses(pieces, pairs, p) {
            pairs[p].choice += 1;
        }
        if pairs[p].choice != before {
            let (open, close) = (pairs[p].open_at, pairs[p].close_at);
            for at in [
                open.wrapping_sub(1),
                open + 1,
                close.wrapping_sub(1),
                close + 1,
            ] {
                if let Some(Piece::Delim { pair, .. }) = pieces.get(at)
                    && *pair != p
                {
                    todo.push(*pair);
                }
            }
        }
    }
}

/// Whether both delimiters of `pairs[p]`, as currently chosen, open and
/// close in CommonMark.
fn parses(pieces: &[Piece<'_>], pairs: &[Pair], p: usize) -> bool {
    let pair = &pairs[p];
    let ch = pair.delimiter(true).chars().next().unwrap_or('*');
    let works = |at: usize, open: bool| {
        let prev = char_before(pieces, pairs, at);
        let next = char_after(pieces, pairs, at);
        // A neighbour of the same character would merge the two runs.
        if prev == Some(ch) || next == Some(ch) {
            return false;
        }
        // Non-ASCII symbols are punctuation since CommonMark 0.31 but not
        // before (cmark-gfm): the delimiter must work under both readings.
        [true, false]
            .into_iter()
            .all(|symbols| delimits(ch, class(prev, symbols), class(next, symbols), open))
    };
    works(pair.open_at, true) && works(pair.close_at, false)
}

fn char_before(pieces: &[Piece<'_>], pairs: &[Pair], at: usize) -> Option<char> {
    pieces[..at]
        .iter()
        .rev()
        .find_map(|piece| render(piece, pairs).chars().next_back())
}

fn char_after(pieces: &[Piece<'_>], pairs: &[Pair], at: usize) -> Option<char> {
    pieces[at + 1..]
        .iter()
        .find_map(|piece| render(piece, pairs).chars().next())
}

fn render<'a>(piece: &'a Piece<'_>, pairs: &[Pair]) -> &'a str {
    match piece {
        Piece::Fixed(s) => s,
        Piece::Delim { pair, open } => pairs[*pair].delimiter(*open),
    }
}

/// A neighbour's class for the flanking rules; the edge of the line counts
/// as whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Punct,
    Other,
}

fn class(c: Option<char>, symbols_are_punct: bool) -> Class {
    match c {
        None => Class::Space,
        Some(c) if c.is_whitespace() => Class::Space,
        Some(c) if is_punctuation(c) => Class::Punct,
        Some(c) if symbols_are_punct && is_symbol(c) => Class::Punct,
        Some(_) => Class::Other,
    }
}

/// Left- and right-flanking, then the extra rules for `_`.
fn delimits(ch: char, prev: Class, next: Class, open: bool) -> bool {
    let left = next != Class::Space
        && (next != Class::Punct || prev == Class::Space || prev == Class::Punct);
    let right = prev != Class::Space
        && (prev != Class::Punct || next == Class::Space || next == Class::Punct);
    match (ch, open) {
        ('_', true) => left && (!right || prev == Class::Punct),
        ('_', false) => right && (!left || next == Class::Punct),
        (_, true) => left,
        (_, false) => right,
    }
}

/// Unicode punctuation (general categories P*), approximated by the
/// blocks that hold it: ASCII, Latin-1, General Punctuation, Supplemental
/// Punctuation, CJK Symbols and Punctuation, CJK compatibility and
/// fullwidth forms, and a few script-specific marks.
pub(super) fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c as u32,
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF
        | 0x37E | 0x387 | 0x55A..=0x55F | 0x589 | 0x58A | 0x5BE | 0x5C0 | 0x5C3 | 0x5C6
        | 0x5F3 | 0x5F4 | 0x60C | 0x60D | 0x61B | 0x61F | 0x66A..=0x66D | 0x6D4
        | 0x964 | 0x965 | 0x970 | 0xE4F | 0xE5A | 0xE5B | 0x104A..=0x104F | 0x10FB
        | 0x1360..=0x1368 | 0x166E | 0x1800..=0x180A
        | 0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x207D | 0x207E | 0x208D | 0x208E | 0x2308..=0x230B | 0x2329 | 0x232A
        | 0x2768..=0x2775 | 0x27C5 | 0x27C6 | 0x27E6..=0x27EF | 0x2983..=0x2998
        | 0x29D8..=0x29DB | 0x29FC | 0x29FD | 0x2CF9..=0x2CFC | 0x2CFE | 0x2CFF
        | 0x2E00..=0x2E7F
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 | 0x303D
        | 0x30A0 | 0x30FB
        | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE61 | 0xFE63 | 0xFE68
        | 0xFE6A | 0xFE6B
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B
        | 0xFF1F | 0xFF20 | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65
    )
}

/// Unicode symbols (general categories S*) outside ASCII, approximated by
/// blocks: Latin-1 signs, modifier letters' symbols, currency, letterlike
/// and number forms, arrows through dingbats, CJK symbols, fullwidth signs
/// and emoji.
pub(super) fn is_symbol(c: char) -> bool {
    matches!(c as u32,
        0xA2..=0xA6 | 0xA8 | 0xA9 | 0xAC | 0xAE..=0xB1 | 0xB4 | 0xB8 | 0xD7 | 0xF7
        | 0x2C2..=0x2C5 | 0x2D2..=0x2DF | 0x2E5..=0x2EB | 0x2ED | 0x2EF..=0x2FF
        | 0x384 | 0x385 | 0x3F6 | 0x482 | 0x58D..=0x58F | 0x606..=0x608 | 0x60B
        | 0x60E | 0x60F | 0x6DE | 0x6E9 | 0x6FD | 0x6FE | 0xE3F
        | 0x2044 | 0x2052 | 0x207A..=0x207C | 0x208A..=0x208C | 0x20A0..=0x20C0
        | 0x2100 | 0x2101 | 0x2103..=0x2106 | 0x2108 | 0x2109 | 0x2114 | 0x2116..=0x2118
        | 0x211E..=0x2123 | 0x2125 | 0x2127 | 0x2129 | 0x212E | 0x213A | 0x213B
        | 0x2140..=0x2144 | 0x214A..=0x214D | 0x214F | 0x218A | 0x218B
        | 0x2190..=0x2307 | 0x230C..=0x2328 | 0x232B..=0x2426 | 0x2440..=0x244A
        | 0x249C..=0x24E9 | 0x2500..=0x2767 | 0x2794..=0x27C4 | 0x27C7..=0x27E5
        | 0x27F0..=0x2982 | 0x2999..=0x29D7 | 0x29DC..=0x29FB | 0x29FE..=0x2B73
        | 0x2B76..=0x2BFF | 0x2CE5..=0x2CEA | 0x2E80..=0x2FFB
        | 0x3004 | 0x3012 | 0x3013 | 0x3020 | 0x3036 | 0x3037 | 0x303E | 0x303F
        | 0x309B | 0x309C | 0x3190 | 0x3191 | 0x3196..=0x319F | 0x31C0..=0x31E3
        | 0x3200..=0x321E | 0x322A..=0x3247 | 0x3250 | 0x3260..=0x327F
        | 0x328A..=0x32B0 | 0x32C0..=0x33FF | 0x4DC0..=0x4DFF
        | 0xFB29 | 0xFE62 | 0xFE64..=0xFE66 | 0xFE69
        | 0xFF04 | 0xFF0B | 0xFF1C..=0xFF1E | 0xFF3E | 0xFF40 | 0xFF5C | 0xFF5E
        | 0xFFE0..=0xFFE6 | 0xFFE8..=0xFFEE | 0xFFFC | 0xFFFD
        | 0x1F000..=0x1FAFF
    )
}
