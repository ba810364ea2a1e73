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
pub(super) fn text(s: &str, ctx: &TextContext, out: &mut String) {
    let chars: Vec<char> = s.chars().collect();
    let line_escape = if ctx.line_start {
        line_start_escape(&chars, ctx.ends_line)
    } else {
        None
    };
    for (i, &c) in chars.iter().enumerate() {
        if line_escape == Some(i) || needs_escape(&chars, i, ctx) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether the character at `i` needs a backslash wherever it appears.
fn needs_escape(chars: &[char], i: usize, ctx: &TextContext) -> bool {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied().or(ctx.next);
    match chars[i] {
        '\\' | '*' | '`' | '~' => true,
        // Intraword `_` never opens or closes emphasis; at the edge of the
        // run its neighbour is unknown, so it is escaped.
        '_' => !(is_alnum(prev) && is_alnum(chars.get(i + 1).copied())),
        '[' => ctx.in_brackets,
        ']' => ctx.in_brackets || ctx.references || matches!(next, Some('(' | '[' | ':')),
        '$' => ctx.dollars,
        '!' => next == Some('['),
        '<' => {
            next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                || email_like(&chars[i + 1..], ctx.next)
        }
        '&' => entity_like(&chars[i + 1..]),
        '|' => ctx.pipes,
        _ => false,
    }
}

/// Whether `<` before `rest` (then `next`) could open an email autolink
/// such as `<a.b@c.d>` or `<'''@x>`: a word with an `@` before any
/// space or `>`, in the run or, for the run's last word, possibly in
/// what follows it.
fn email_like(rest: &[char], next: Option<char>) -> bool {
    match rest
        .iter()
        .position(|&c| c.is_whitespace() || c == '>' || c == '<')
    {
        Some(end) => rest[..end].contains(&'@'),
        // The word goes on past the run when what follows can be part of
        // an address; at the end of the line it cannot.
        None => {
            rest.contains(&'@')
                || next.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-@".contains(c)
                })
        }
    }
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// True when `rest` (what follows a `&`) would be read as an entity or a
/// numeric character reference: `amp;`, `#123;`, `#x1F;`.
fn entity_like(rest: &[char]) -> bool {
    let (skip, max, ok): (usize, usize, fn(&char) -> bool) = match rest {
        ['#', 'x' | 'X', ..] => (2, 6, char::is_ascii_hexdigit),
        ['#', ..] => (1, 7, char::is_ascii_digit),
        [c, ..] if c.is_ascii_alphabetic() => (0, 32, char::is_ascii_alphanumeric),
        _ => return false,
    };
    let body = rest[skip..]
        .iter()
        .take(max + 1)
        .take_while(|c| ok(c))
        .count();
    (1..=max).contains(&body) && rest.get(skip + body) == Some(&';')
}

/// The index of the character that needs a backslash so that a line
/// starting with `chars` stays paragraph text: ATX headings, list markers,
/// blockquotes, thematic breaks, setext underlines and task boxes.
fn line_start_escape(chars: &[char], ends_line: bool) -> Option<usize> {
    let blank_or_end = |i: usize| chars.get(i).map_or(ends_line, |&c| is_blank(c));
    let first = *chars.first()?;
    let run = chars.iter().take_while(|&&c| c == first).count();
    match first {
        '#' if run <= 6 && blank_or_end(run) => Some(0),
        '>' => Some(0),
        '-' | '+' if blank_or_end(1) => Some(0),
        '-' | '=' if ends_line && chars.iter().all(|&c| c == first || is_blank(c)) => Some(0),
        '[' if matches!(chars, ['[', ' ' | 'x' | 'X', ']', ..]) => Some(0),
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let marker = matches!(chars.get(digits), Some('.' | ')'));
            (digits <= 9 && marker && blank_or_end(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

/// What ends a block marker: CommonMark says a space or a tab, but
/// pulldown-cmark (and so its users) also takes a vertical tab or a form
/// feed, which HTML keeps as ordinary characters.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}')
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

/// A link or image destination. Tabs and line breaks are dropped (browsers
/// drop them too); a URL with spaces, angle brackets, control characters or
/// unbalanced parentheses is written in the `<...>` form; `$` is written
/// `%24`.
pub(super) fn destination(url: &str) -> String {
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
    let chars: Vec<char> = url.chars().collect();
    let mut out = String::with_capacity(url.len() + 2);
    if pointy {
        out.push('<');
    }
    for (i, &c) in chars.iter().enumerate() {
        // Math spans are recognised before links: two `$` in an address
        // could pair into one. `%24` is the same address.
        if c == '$' {
            out.push_str("%24");
            continue;
        }
        let special = matches!(c, '\\' | '<' | '>') || (c == '&' && entity_like(&chars[i + 1..]));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    if pointy {
        out.push('>');
    }
    out
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
    let mut out = String::from("](");
    out.push_str(&destination_and_title(href, title));
    out.push(')');
    out
}

/// `destination "title"`, as inline links and reference definitions
/// write them.
pub(super) fn destination_and_title(href: &str, title: Option<&str>) -> String {
    let mut out = destination(href);
    if let Some(title) = title.filter(|t| !fold_whitespace(t).is_empty()) {
        out.push(' ');
        out.push_str(&self::title(title));
    }
    out
}

/// A link or image title in double quotes, folded to one line (`$`
/// escaped: it could pair into math with one outside).
pub(super) fn title(t: &str) -> String {
    let folded = fold_whitespace(t);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() + 2);
    out.push('"');
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '"' | '\\' | '$') || (c == '&' && entity_like(&chars[i + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
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
