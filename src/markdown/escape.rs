//! Every backslash escape the writer emits, in one place.
//!
//! Text is escaped with its context in view (where the line starts, what
//! character follows), so ordinary punctuation stays readable: `.`, `(`,
//! `!`, `#` and `-` mid-line are left alone. Brackets: inside link text and
//! image descriptions every bracket is escaped; elsewhere only a `]` that
//! would close a link or a link reference definition (followed by `(`,
//! `[` or `:`) is, which is enough for no text to become a link because we
//! never write reference definitions.

/// Where a run of text sits in the output.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TextContext {
    /// The run starts an output line, where block syntax is recognised.
    pub(super) line_start: bool,
    /// Nothing follows the run on its line.
    pub(super) ends_line: bool,
    /// The first character written after the run, if any.
    pub(super) next: Option<char>,
    /// Inside link text or an image description: escape every bracket.
    pub(super) in_brackets: bool,
    /// The paragraph has several lines, so `|` could start a GFM table.
    pub(super) pipes: bool,
    /// The run holds two `$` or more, which could pair into math.
    pub(super) dollars: bool,
    /// Links are written as references: any `[text]` could match a
    /// definition, so every `]` is escaped.
    pub(super) references: bool,
}

/// Appends `s` to `out` with the backslashes CommonMark needs to read it
/// back as the same literal text. `s` holds no line break.
///
/// Every character that may need a backslash is ASCII, so the text is
/// scanned as bytes and copied in slices between those characters.
pub(super) fn text(s: &str, ctx: &TextContext, out: &mut String) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut from = 0;
    // Only digits come before a line-start escape, so it is the first.
    if ctx.line_start
        && let Some(i) = line_start_escape(s, ctx.ends_line)
    {
        out.push_str(&s[..i]);
        out.push('\\');
        (copied, from) = (i, i + 1);
    }
    while let Some(offset) = bytes[from..].iter().position(|&b| TO_CHECK[usize::from(b)]) {
        let i = from + offset;
        if needs_escape(s, i, ctx) {
            out.push_str(&s[copied..i]);
            out.push('\\');
            copied = i;
        }
        from = i + 1;
    }
    out.push_str(&s[copied..]);
}

/// The bytes [`needs_escape`] may answer yes for, as a table (the scan
/// looks up every byte of the text).
static TO_CHECK: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\\*`~_[]$!<&|";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether the (ASCII) character at byte `i` needs a backslash wherever it
/// appears.
fn needs_escape(s: &str, i: usize, ctx: &TextContext) -> bool {
    let prev = s[..i].chars().next_back();
    let after = s[i + 1..].chars().next();
    let next = after.or(ctx.next);
    match s.as_bytes()[i] {
        b'\\' | b'*' | b'`' | b'~' => true,
        // Intraword `_` never opens or closes emphasis; at the edge of the
        // run its neighbour is unknown, so it is escaped.
        b'_' => !(is_alnum(prev) && is_alnum(after)),
        b'[' => ctx.in_brackets,
        b']' => ctx.in_brackets || ctx.references || matches!(next, Some('(' | '[' | ':')),
        b'$' => ctx.dollars,
        b'!' => next == Some('['),
        b'<' => {
            next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                || email_like(&s[i + 1..], ctx.next)
        }
        b'&' => entity_like(&s.as_bytes()[i + 1..]),
        b'|' => ctx.pipes,
        _ => false,
    }
}

/// Whether `<` before `rest` (then `next`) could open an email autolink
/// such as `<a.b@c.d>` or `<'''@x>`: a word with an `@` before any
/// space or `>`, in the run or, for the run's last word, possibly in
/// what follows it.
fn email_like(rest: &str, next: Option<char>) -> bool {
    match rest.find(|c: char| c.is_whitespace() || c == '>' || c == '<') {
        Some(end) => rest[..end].contains('@'),
        // The word goes on past the run when what follows can be part of
        // an address; at the end of the line it cannot.
        None => {
            rest.contains('@')
                || next.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-@".contains(c)
                })
        }
    }
}

/// What ends a block marker: CommonMark says a space or a tab, but
/// pulldown-cmark (and so its users) also takes a vertical tab or a form
/// feed, which HTML keeps as ordinary characters.
fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | 0x0b | 0x0c)
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// True when `rest` (what follows a `&`) would be read as an entity or a
/// numeric character reference: `amp;`, `#123;`, `#x1F;`. Every byte that
/// counts is ASCII, so bytes serve as well as characters.
fn entity_like(rest: &[u8]) -> bool {
    let (skip, max, ok): (usize, usize, fn(&u8) -> bool) = match rest {
        [b'#', b'x' | b'X', ..] => (2, 6, u8::is_ascii_hexdigit),
        [b'#', ..] => (1, 7, u8::is_ascii_digit),
        [c, ..] if c.is_ascii_alphabetic() => (0, 32, u8::is_ascii_alphanumeric),
        _ => return false,
    };
    let body = rest[skip..]
        .iter()
        .take(max + 1)
        .take_while(|c| ok(c))
        .count();
    (1..=max).contains(&body) && rest.get(skip + body) == Some(&b';')
}

/// The byte index of the character that needs a backslash so that a line
/// starting with `s` stays paragraph text: ATX headings, list markers,
/// blockquotes, thematic breaks, setext underlines and task boxes. The
/// markers are ASCII, so byte and character positions agree up to them.
fn line_start_escape(s: &str, ends_line: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let blank_or_end = |i: usize| bytes.get(i).map_or(ends_line, |&c| is_blank(c));
    let first = *bytes.first()?;
    let run = bytes.iter().take_while(|&&c| c == first).count();
    match first {
        b'#' if run <= 6 && blank_or_end(run) => Some(0),
        b'>' => Some(0),
        b'-' | b'+' if blank_or_end(1) => Some(0),
        b'-' | b'=' if ends_line && bytes.iter().all(|&c| c == first || is_blank(c)) => Some(0),
        b'[' if matches!(bytes, [b'[', b' ' | b'x' | b'X', b']', ..]) => Some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
            let marker = matches!(bytes.get(digits), Some(b'.' | b')'));
            (digits <= 9 && marker && blank_or_end(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

/// Folds runs of whitespace (including line breaks) to one space and trims.
pub(super) fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An image description (alt text), folded to one line.
pub(super) fn alt(s: &str) -> String {
    let mut out = String::new();
    let ctx = TextContext {
        in_brackets: true,
        ..TextContext::default()
    };
    text(&fold_whitespace(s), &ctx, &mut out);
    out
}

/// Appends a link or image destination to `out`. Tabs and line breaks
/// are dropped (browsers drop them too); a URL with spaces, angle
/// brackets, control characters or unbalanced parentheses is written in
/// the `<...>` form; `$` is written `%24`.
fn push_destination(url: &str, out: &mut String) {
    // Most addresses hold nothing to drop, wrap or escape.
    let bytes = url.as_bytes();
    let plain = !url.is_empty()
        && bytes.iter().enumerate().all(|(i, &b)| {
            b.is_ascii_graphic()
                && !matches!(b, b'<' | b'>' | b'$' | b'\\' | b'(' | b')')
                && !(b == b'&' && entity_like(&bytes[i + 1..]))
        });
    if plain {
        out.push_str(url);
        return;
    }
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_matches(' ');
    let pointy = url.is_empty()
        || url
            .chars()
            .any(|c| c == ' ' || c == '<' || c == '>' || c.is_control())
        || !balanced_parens(url);
    out.reserve(url.len() + 2);
    if pointy {
        out.push('<');
    }
    for (i, c) in url.char_indices() {
        // Math spans are recognised before links: two `$` in an address
        // could pair into one. `%24` is the same address.
        if c == '$' {
            out.push_str("%24");
            continue;
        }
        let special =
            matches!(c, '\\' | '<' | '>') || (c == '&' && entity_like(&url.as_bytes()[i + 1..]));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    if pointy {
        out.push('>');
    }
}

/// Parentheses that a bare destination may hold: balanced, nested at most
/// three deep (the depth every CommonMark parser accepts).
fn balanced_parens(url: &str) -> bool {
    let mut depth = 0usize;
    for c in url.chars() {
        match c {
            '(' if depth == 3 => return false,
            '(' => depth += 1,
            ')' if depth == 0 => return false,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// `](destination "title")`, closing an inline link or image.
pub(super) fn inline_link_end(href: &str, title: Option<&str>) -> String {
    let mut out = String::with_capacity(href.len() + 3);
    out.push_str("](");
    push_destination_and_title(href, title, &mut out);
    out.push(')');
    out
}

/// `destination "title"`, as inline links and reference definitions
/// write them, appended to `out`.
pub(super) fn push_destination_and_title(href: &str, title: Option<&str>, out: &mut String) {
    push_destination(href, out);
    // A title of whitespace alone folds to nothing.
    if let Some(title) = title.filter(|t| t.split_ascii_whitespace().next().is_some()) {
        out.push(' ');
        push_title(title, out);
    }
}

/// A link or image title in double quotes, folded to one line (`$`
/// escaped: it could pair into math with one outside), appended to `out`.
fn push_title(t: &str, out: &mut String) {
    let folded = fold_whitespace(t);
    out.reserve(folded.len() + 2);
    out.push('"');
    for (i, c) in folded.char_indices() {
        if matches!(c, '"' | '\\' | '$') || (c == '&' && entity_like(&folded.as_bytes()[i + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// The longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// An inline code span: a fence longer than any backtick run inside, and a
/// space of padding when the content starts or ends with a backtick.
pub(super) fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(code) + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// The fence of a code block: backticks, at least three, longer than any
/// run inside.
pub(super) fn code_fence(code: &str) -> String {
    "`".repeat((longest_backtick_run(code) + 1).max(3))
}

/// A code block's info string: the language name up to the first
/// character a language name does not use (never a backtick).
pub(super) fn info_string(lang: &str) -> String {
    lang.chars()
        .take_while(|&c| c.is_alphanumeric() || matches!(c, '-' | '+' | '_' | '.' | '#'))
        .collect()
}

/// A table cell: GFM splits rows on `|` before anything else, so every
/// pipe (in text, code, URLs) is escaped.
pub(super) fn table_cell(cell: &str) -> String {
    cell.replace('|', "\\|")
}

/// Escapes a run of `#` ending a heading, which ATX would take as the
/// closing sequence (only when it follows a space or is the whole text).
pub(super) fn heading_end(heading: &mut String) {
    let kept = heading.trim_end_matches('#').len();
    if kept < heading.len() && (kept == 0 || heading[..kept].ends_with(' ')) {
        heading.insert(kept, '\\');
    }
}
