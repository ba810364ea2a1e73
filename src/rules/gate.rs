//! Gates: what a text must begin or end with for a text pattern to match
//! it, worked out from the pattern, so that most texts are ruled out by a
//! few table lookups instead of a run of the patterns' automaton.
//!
//! The combined text patterns make a large lazy DFA (many languages, case
//! ignored: a state is a row of about 200 byte classes), and each page's
//! parse pushes its rows out of the caches: a search pays a cache miss
//! for nearly every byte it reads. A pattern anchored at the start
//! (`^(share|tweet)`) can only match a text whose first bytes are one of
//! a few strings ("shar", "twee", case folded); one anchored at the end
//! (`...(comments?)$`), a text whose last bytes are. A gate lists those
//! strings; a text that starts (ends) with none of them cannot match.
//!
//! A gate is sound, never exact: the strings are found by walking the
//! pattern's syntax tree with every choice taken (alternatives, optional
//! parts, each count of a repetition), up to [`WIDTH`] bytes, so every
//! text the pattern matches passes; some that pass do not match. The
//! texts are folded (see `folding`): words joined by single spaces, no
//! other white space, none at either end. So a class's white space is a
//! space, and a string that begins (ends) with one is never met.

use regex_syntax::hir::{Class, ClassUnicodeRange, Hir, HirKind, Look};
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// Bytes of a text's start (end) that a gate reads.
const WIDTH: usize = 4;
/// Past this many strings, the strings are cut a byte shorter (and so
/// fewer), which keeps the walk small; the gate lets more texts through.
const MAX_STRINGS: usize = 4096;
/// A class of more characters than this (`[a-z]`, `\w`, `.`) is not
/// listed character by character: only the bytes its characters begin
/// (end) with are, and the string stops there. (Listing `[a-z]*` would
/// take 26 to the fourth strings, for little.)
const MAX_CLASS_CHARS: usize = 16;

/// Which end of a text a gate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Start,
    End,
}

/// The strings, ASCII letters lowercased, one of which begins (ends) every
/// text a pattern matches; at the end they read backwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Affixes {
    pub(super) side: Side,
    strings: BTreeSet<Vec<u8>>,
}

impl Affixes {
    /// The strings of `hir` at `side`; none when a match need not touch
    /// that end of the text (no `^`, or `$`, on every path) or may begin
    /// (end) with nothing known.
    pub(super) fn of(hir: &Hir, side: Side) -> Option<Affixes> {
        let anchors = match side {
            Side::Start => hir.properties().look_set_prefix(),
            Side::End => hir.properties().look_set_suffix(),
        };
        let anchor = match side {
            Side::Start => Look::Start,
            Side::End => Look::End,
        };
        if !anchors.contains(anchor) {
            return None;
        }
        // A folded text neither begins nor ends with a space, and has no
        // two together.
        let strings: BTreeSet<Vec<u8>> = walk(hir, side)
            .into_iter()
            .map(Partial::bytes)
            .filter(|s| s.first() != Some(&b' ') && !s.windows(2).any(|w| w == b"  "))
            .collect();
        let known = !strings.is_empty() && strings.iter().all(|s| !s.is_empty());
        known.then_some(Affixes { side, strings })
    }

    /// The gate `pattern` goes behind: the start's when it tells most
    /// texts apart, else the end's; none when neither does (a broad gate
    /// would let most texts through to all the patterns behind it).
    pub(super) fn best(hir: &Hir) -> Option<Affixes> {
        let start = Affixes::of(hir, Side::Start).filter(|a| !a.is_broad());
        start.or_else(|| Affixes::of(hir, Side::End).filter(|a| !a.is_broad()))
    }

    /// Whether the gate lets through most texts anyway: some string is a
    /// single letter, as when a pattern starts with `\p{Lu}` or `\w+`.
    pub(super) fn is_broad(&self) -> bool {
        self.strings
            .iter()
            .any(|s| s.len() == 1 && s[0].is_ascii_alphabetic())
    }
}

/// The union of several patterns' affixes at one side, for lookups: a
/// text passes when one of its first (last) 1 to [`WIDTH`] bytes, ASCII
/// letters lowercased, is listed.
#[derive(Debug)]
pub(super) struct Gate {
    side: Side,
    /// Strings of one byte.
    single: [bool; 256],
    /// Longer strings, by [`key`].
    longer: FxHashSet<u64>,
}

impl Gate {
    /// One gate for all of `affixes` (all at the same side).
    pub(super) fn new<'a>(side: Side, affixes: impl IntoIterator<Item = &'a Affixes>) -> Gate {
        let mut gate = Gate {
            side,
            single: [false; 256],
            longer: FxHashSet::default(),
        };
        for string in affixes.into_iter().flat_map(|a| &a.strings) {
            match string.as_slice() {
                [byte] => gate.single[usize::from(*byte)] = true,
                _ => {
                    gate.longer.insert(key(string));
                }
            }
        }
        gate
    }

    /// Whether `text` may match one of the gate's patterns.
    pub(super) fn passes(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut read = [0u8; WIDTH];
        let len = bytes.len().min(WIDTH);
        for (i, slot) in read[..len].iter_mut().enumerate() {
            let byte = match self.side {
                Side::Start => bytes[i],
                Side::End => bytes[bytes.len() - 1 - i],
            };
            *slot = byte.to_ascii_lowercase();
        }
        if len == 0 {
            return false;
        }
        self.single[usize::from(read[0])]
            || (2..=len).any(|n| self.longer.contains(&key(&read[..n])))
    }
}

/// A string of 2 to [`WIDTH`] bytes as one number: its bytes and length.
fn key(string: &[u8]) -> u64 {
    let mut k = string.len() as u64;
    for &b in string {
        k = (k << 8) | u64::from(b);
    }
    k
}

/// A string found so far, in one number (the walk makes many): up to
/// [`WIDTH`] bytes (byte `i` in bits `8i..8i+8`), the length in bits
/// 32..40, and in bit 40 whether anything at all may follow the bytes (a
/// large class was met), so that the string is not extended.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Partial(u64);

const LEN_SHIFT: u32 = 32;
const OPEN_BIT: u64 = 1 << 40;

impl Partial {
    const EMPTY: Partial = Partial(0);

    /// The first [`WIDTH`] of `bytes`.
    fn new(bytes: &[u8], open: bool) -> Partial {
        let bytes = &bytes[..bytes.len().min(WIDTH)];
        let packed = bytes
            .iter()
            .rev()
            .fold(0u64, |p, &b| (p << 8) | u64::from(b));
        Partial(packed | (bytes.len() as u64) << LEN_SHIFT).opened(open)
    }

    fn len(self) -> usize {
        ((self.0 >> LEN_SHIFT) & 0xFF) as usize
    }

    fn is_open(self) -> bool {
        self.0 & OPEN_BIT != 0
    }

    fn opened(self, open: bool) -> Partial {
        if open && self.len() < WIDTH {
            Partial(self.0 | OPEN_BIT)
        } else {
            self
        }
    }

    fn is_done(self) -> bool {
        self.is_open() || self.len() >= WIDTH
    }

    fn bytes(self) -> Vec<u8> {
        (0..self.len()).map(|i| (self.0 >> (8 * i)) as u8).collect()
    }

    /// `self` followed by `next`, cut at [`WIDTH`] bytes.
    fn then(self, next: Partial) -> Partial {
        let len = self.len();
        let added = next.len().min(WIDTH - len);
        let mask = (1u64 << (8 * added)) - 1;
        let bytes = (self.0 & 0xFFFF_FFFF) | ((next.0 & mask) << (8 * len));
        Partial(bytes | ((len + added) as u64) << LEN_SHIFT).opened(next.is_open())
    }

    /// One byte shorter, and open: what began with `self` began so.
    fn shortened(self) -> Partial {
        let len = self.len() - 1;
        let bytes = self.0 & ((1u64 << (8 * len)) - 1);
        Partial(bytes | (len as u64) << LEN_SHIFT | OPEN_BIT)
    }
}

/// Kept sorted and without repeats (see [`tidy`]).
type Partials = Vec<Partial>;

fn empty() -> Partials {
    vec![Partial::EMPTY]
}

/// Every string of up to [`WIDTH`] bytes a match of `hir` can begin (end)
/// with (some cut shorter, see [`MAX_STRINGS`]).
fn walk(hir: &Hir, side: Side) -> Partials {
    match hir.kind() {
        // Assertions take no bytes; a gate reads the ends of the text and
        // is checked to be anchored there first.
        HirKind::Empty | HirKind::Look(_) => empty(),
        HirKind::Literal(literal) => {
            let mut bytes: Vec<u8> = literal.0.iter().map(u8::to_ascii_lowercase).collect();
            if side == Side::End {
                bytes.reverse();
            }
            vec![Partial::new(&bytes, false)]
        }
        HirKind::Class(class) => class_strings(class, side),
        HirKind::Capture(capture) => walk(&capture.sub, side),
        HirKind::Alternation(branches) => {
            let mut all = Partials::new();
            for branch in branches {
                all.extend(walk(branch, side));
                if all.len() > 4 * MAX_STRINGS {
                    all = tidy(all);
                }
            }
            tidy(all)
        }
        HirKind::Concat(items) => {
            let mut found = empty();
            let ordered: Box<dyn Iterator<Item = &Hir>> = match side {
                Side::Start => Box::new(items.iter()),
                Side::End => Box::new(items.iter().rev()),
            };
            for item in ordered {
                if found.iter().all(|p| p.is_done()) {
                    break;
                }
                found = then(&found, &walk(item, side));
            }
            found
        }
        HirKind::Repetition(repetition) => {
            let one = walk(&repetition.sub, side);
            let mut found = Partials::new();
            let mut so_far = empty();
            // Each count up to WIDTH: a longer run has a shorter one's
            // first WIDTH bytes (every pass adds a byte at least, or, when
            // it can add none, the strings are left open below). Once all
            // are done, more passes leave them as they are.
            for count in 0..=WIDTH as u32 {
                let done = so_far.iter().all(|p| p.is_done());
                if count >= repetition.min || done {
                    found.extend(&so_far);
                }
                if repetition.max == Some(count) || done {
                    return tidy(found);
                }
                so_far = then(&so_far, &one);
            }
            found.extend(so_far.into_iter().map(|p| p.opened(true)));
            tidy(found)
        }
    }
}

/// Each of `first` followed by each of `next`.
fn then(first: &Partials, next: &Partials) -> Partials {
    let mut joined = Partials::new();
    for &a in first {
        if a.is_done() {
            joined.push(a);
        } else {
            joined.extend(next.iter().map(|&b| a.then(b)));
        }
        if joined.len() > 4 * MAX_STRINGS {
            joined = tidy(joined);
        }
    }
    tidy(joined)
}

/// `found` sorted, without repeats, and its longest strings cut a byte
/// shorter until there are at most [`MAX_STRINGS`]: a string's start is
/// also the start of what it began, so the list stays sound.
fn tidy(mut found: Partials) -> Partials {
    found.sort_unstable();
    found.dedup();
    while found.len() > MAX_STRINGS {
        let longest = found.iter().map(|p| p.len()).max().unwrap_or(0);
        if longest <= 1 {
            break;
        }
        for p in &mut found {
            if p.len() == longest {
                *p = p.shortened();
            }
        }
        found.sort_unstable();
        found.dedup();
    }
    found
}

/// A class's characters as strings (UTF-8, backwards at the end); a large
/// class gives the bytes its characters begin (end) with, left open. Of
/// white space, only the space is in a folded text.
fn class_strings(class: &Class, side: Side) -> Partials {
    let kept = |c: char| c == ' ' || !c.is_whitespace();
    let found: Partials = match class {
        Class::Bytes(bytes) => {
            let listed: Vec<u8> = (bytes.ranges().iter())
                .flat_map(|r| r.start()..=r.end())
                .filter(|&b| kept(char::from(b)))
                .collect();
            let open = listed.len() > MAX_CLASS_CHARS;
            (listed.iter())
                .map(|b| Partial::new(&[b.to_ascii_lowercase()], open))
                .collect()
        }
        Class::Unicode(chars) => match listed_chars(chars.ranges(), kept) {
            Some(listed) => (listed.into_iter())
                .map(|c| {
                    let mut buf = [0u8; 4];
                    let mut bytes: Vec<u8> = (c.encode_utf8(&mut buf).bytes())
                        .map(|b| b.to_ascii_lowercase())
                        .collect();
                    if side == Side::End {
                        bytes.reverse();
                    }
                    Partial::new(&bytes, false)
                })
                .collect(),
            None => {
                let mut edges = [false; 256];
                for range in chars.ranges() {
                    for b in edge_bytes(range.start(), range.end(), side) {
                        edges[usize::from(b.to_ascii_lowercase())] = true;
                    }
                }
                (0..=255u8)
                    .filter(|&b| edges[usize::from(b)])
                    .map(|b| Partial::new(&[b], true))
                    .collect()
            }
        },
    };
    tidy(found)
}

/// The characters of `ranges` that `kept` keeps, when there are at most
/// [`MAX_CLASS_CHARS`] (counting stops there).
fn listed_chars(ranges: &[ClassUnicodeRange], kept: impl Fn(char) -> bool) -> Option<Vec<char>> {
    let mut listed = Vec::new();
    for range in ranges {
        for c in (range.start()..=range.end()).filter(|&c| kept(c)) {
            listed.push(c);
            if listed.len() > MAX_CLASS_CHARS {
                return None;
            }
        }
    }
    Some(listed)
}

/// The bytes the characters `start..=end` begin (end) with in UTF-8: a
/// superset. A character's first byte grows with the character, so those
/// between the first bytes of `start` and `end` cover the range; the last
/// byte of a character outside ASCII is a continuation byte.
fn edge_bytes(start: char, end: char, side: Side) -> impl Iterator<Item = u8> {
    let first = |c: char| {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).as_bytes()[0]
    };
    let (leading, continuation) = match side {
        Side::Start => (Some(first(start)..=first(end)), None),
        Side::End => (
            start
                .is_ascii()
                .then(|| start as u8..=end.min('\u{7f}') as u8),
            (!end.is_ascii()).then_some(0x80..=0xBF),
        ),
    };
    leading.into_iter().chain(continuation).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::text_sets::TextSets;

    fn gate(pattern: &str, side: Side) -> Option<Gate> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        Affixes::of(&hir, side).map(|a| Gate::new(side, [&a]))
    }

    #[test]
    fn a_start_gate_reads_the_first_bytes_case_folded() {
        let g = gate("(?i)^(share|tweet)( this)?$", Side::Start).unwrap();
        for text in ["Share", "SHARE this", "tweet", "Shared widely"] {
            assert!(g.passes(text), "{text}");
        }
        for text in ["The share", "", "sh", "Twitter"] {
            assert!(!g.passes(text), "{text}");
        }
    }

    #[test]
    fn an_end_gate_reads_the_last_bytes() {
        let g = gate("(?i)^.*[|·] \\d+ comments?$", Side::End).unwrap();
        assert!(g.passes("Posted | 12 Comments"));
        assert!(g.passes("no comment"));
        assert!(!g.passes("Comments are closed"));
        let hir = regex_syntax::Parser::new()
            .parse("(?i)^.*[|·] \\d+ comments?$")
            .unwrap();
        assert!(Affixes::of(&hir, Side::Start).unwrap().is_broad());
    }

    /// A pattern that may match away from an end, or match nothing there,
    /// has no gate at that end.
    #[test]
    fn unanchored_and_empty_matches_have_no_gate() {
        for pattern in ["share", "(?m)^share", "^(share)?", "^(a|b$)|c$"] {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            assert_eq!(Affixes::of(&hir, Side::Start), None, "{pattern}");
        }
        assert!(gate("^(a|b$)|c$", Side::End).is_none());
        assert!(gate("(?m)share$", Side::End).is_none());
    }

    /// White space in a pattern is a single space in the folded texts, and
    /// never begins one: `^\s*\[?ad` needs only "[ad" and "ad".
    #[test]
    fn white_space_is_a_space_and_never_leads() {
        let hir = regex_syntax::Parser::new()
            .parse("(?i)^\\s*\\[?ad$")
            .unwrap();
        let a = Affixes::of(&hir, Side::Start).unwrap();
        let strings: Vec<&[u8]> = a.strings.iter().map(Vec::as_slice).collect();
        assert_eq!(strings, [&b"[ad"[..], b"ad"]);
    }

    /// `\p{Lu}` or `\w+` at the start lets most texts through: broad.
    #[test]
    fn a_leading_letter_class_is_broad() {
        let hir = regex_syntax::Parser::new()
            .parse("^\\p{Lu}\\w+ —$")
            .unwrap();
        assert!(Affixes::of(&hir, Side::Start).unwrap().is_broad());
        let end = Affixes::of(&hir, Side::End).unwrap();
        assert!(!end.is_broad());
        assert!(Gate::new(Side::End, [&end]).passes("WASHINGTON —"));
    }

    /// A long or repeated pattern is cut shorter, not dropped: the gate
    /// still lets every match through.
    #[test]
    fn many_strings_are_cut_shorter() {
        let pattern = "^[a-p]{2}[q-z0-9]{2}x";
        let g = gate(pattern, Side::Start).unwrap();
        assert!(g.passes("ab9zx"));
        assert!(g.passes("pp00x"));
        assert!(!g.passes("zzzzx"));
    }

    /// The property every gate must keep: for texts made from the
    /// built-in patterns themselves (each alternative, class and count
    /// picked at random), the gated sets report exactly the patterns one
    /// plain set does.
    #[test]
    fn gated_sets_report_what_a_plain_set_does_on_the_built_in_patterns() {
        let patterns = builtin_text_patterns();
        let gates: Vec<Option<Affixes>> = patterns
            .iter()
            .map(|(p, _)| Affixes::best(&regex_syntax::Parser::new().parse(p).unwrap()))
            .collect();
        let sets = TextSets::new(&patterns, &gates).unwrap();
        let plain = regex::RegexSet::new(patterns.iter().map(|(p, _)| p)).unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut matched = 0;
        for (pattern, _) in &patterns {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            for _ in 0..300 {
                let mut text = String::new();
                sample(&hir, &mut rng, &mut text);
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut want: Vec<usize> = plain.matches(&text).into_iter().collect();
                let mut got = Vec::new();
                sets.matches(&text, 0, |i| got.push(i));
                got.sort_unstable();
                got.dedup();
                want.sort_unstable();
                assert_eq!(got, want, "{text:?}");
                matched += usize::from(!want.is_empty());
            }
        }
        // Most samples match their pattern (a few miss a `\\b` or `$`).
        assert!(matched > patterns.len() * 200, "{matched}");
    }

    /// A set runs only on texts its own rules accept: a text too long for
    /// the gated set's rules meets only the ungated set of its group.
    #[test]
    fn a_text_longer_than_a_sets_rules_accept_skips_that_set() {
        let patterns = vec![
            ("(?i)^foo".to_string(), 100),
            ("(?i)^.*bar".to_string(), 300),
        ];
        let gates: Vec<Option<Affixes>> = patterns
            .iter()
            .map(|(p, _)| Affixes::best(&regex_syntax::Parser::new().parse(p).unwrap()))
            .collect();
        assert!(gates[0].is_some() && gates[1].is_none());
        let sets = TextSets::new(&patterns, &gates).unwrap();
        let hits = |chars| {
            let mut got = Vec::new();
            sets.matches("foo and bar", chars, |i| got.push(i));
            got
        };
        assert_eq!(hits(80), vec![0, 1]);
        assert_eq!(hits(200), vec![1]);
        assert_eq!(hits(400), Vec::<usize>::new());
    }

    /// Every built-in text pattern is gated at one end but the two whose
    /// words may stand anywhere in a line: a new ungated one would run on
    /// every short text of every page, so it has to be named here.
    #[test]
    fn built_in_text_patterns_are_gated_but_two() {
        let ungated: Vec<String> = builtin_text_patterns()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| Affixes::best(&regex_syntax::Parser::new().parse(p).unwrap()).is_none())
            .collect();
        assert_eq!(ungated.len(), 2, "{ungated:#?}");
        assert!(ungated[0].contains("canal de (telegram"), "{}", ungated[0]);
        assert!(ungated[1].contains("all rights reserved"), "{}", ungated[1]);
    }

    fn builtin_text_patterns() -> Vec<(String, usize)> {
        let doc: toml::Table = crate::rules::DEFAULT_RULES.parse().unwrap();
        doc["rule"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.get("text").and_then(|t| t.as_str()))
            .map(|t| (t.to_string(), usize::MAX))
            .collect()
    }

    /// xorshift64: random enough to pick branches, and the same each run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    /// A text `hir` may match: a random alternative, count and character
    /// at each step (assertions are left to chance).
    fn sample(hir: &Hir, rng: &mut Rng, out: &mut String) {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).unwrap()),
            HirKind::Class(Class::Unicode(class)) => {
                let range = class.ranges()[rng.below(class.ranges().len())];
                let span = u32::from(range.end()) - u32::from(range.start()) + 1;
                let c = u32::from(range.start()) + rng.below(span as usize) as u32;
                out.push(char::from_u32(c).unwrap_or(range.start()));
            }
            HirKind::Class(Class::Bytes(class)) => {
                let range = class.ranges()[rng.below(class.ranges().len())];
                out.push(char::from(range.start()));
            }
            HirKind::Capture(capture) => sample(&capture.sub, rng, out),
            HirKind::Concat(items) => items.iter().for_each(|h| sample(h, rng, out)),
            HirKind::Alternation(branches) => {
                sample(&branches[rng.below(branches.len())], rng, out)
            }
            HirKind::Repetition(rep) => {
                let most = rep.max.unwrap_or(rep.min + 3).min(rep.min + 3);
                let count = rep.min + rng.below((most - rep.min + 1) as usize) as u32;
                (0..count).for_each(|_| sample(&rep.sub, rng, out));
            }
        }
    }
}
