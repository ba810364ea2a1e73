//! `--wrap N`: a paragraph's lines broken at spaces so that each fits in
//! N columns where it can.
//!
//! Only spaces of text are candidates (never one inside inline code, a
//! link destination or title, an image, math or an HTML tag: the inline
//! renderer reports where the text spaces are). A space is not used when
//! the text after it, starting a line, could be read as the start of a
//! block (a heading, quote, list item, setext underline, thematic break,
//! table delimiter row, fence, HTML block or footnote definition): the
//! line then runs longer instead. A word longer than the width stays
//! whole. Width counts East Asian wide characters as two columns.

/// Breaks `text` (one paragraph, possibly with hard breaks) at some of the
/// spaces at byte offsets `spaces` so that lines fit in `width` columns.
pub(super) fn wrap(text: &str, spaces: &[usize], width: usize) -> String {
    let width = width.max(1);
    let mut out = text.as_bytes().to_vec();
    let mut line_start = 0;
    let mut column = 0;
    // The last usable space on this line and the column just after it.
    let mut last: Option<(usize, usize)> = None;
    let mut next_space = spaces.iter().copied().peekable();
    for (i, c) in text.char_indices() {
        if c == '\n' {
            (line_start, column, last) = (i + 1, 0, None);
            continue;
        }
        if next_space.peek() == Some(&i) {
            next_space.next();
            if i > line_start && !starts_block(&text[i + 1..]) {
                last = Some((i, column + 1));
            }
        }
        column += columns(c);
        if column > width
            && let Some((at, after)) = last.take()
        {
            out[at] = b'\n';
            column -= after;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Whether `rest`, at the start of a line, could open a block or end the
/// paragraph. Conservative: a space it rejects merely is not used.
fn starts_block(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    match first {
        '#' | '>' | '-' | '+' | '*' | '=' | '_' | '|' | ':' | '~' | '`' | '<' | ' ' => true,
        '[' => chars.next() == Some('^'),
        '0'..='9' => {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            after.starts_with(['.', ')'])
        }
        _ => false,
    }
}

/// Display columns of a character: two for East Asian wide and fullwidth
/// characters (Hangul, CJK, kana, fullwidth forms, emoji), one otherwise.
fn columns(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaces(s: &str) -> Vec<usize> {
        s.match_indices(' ').map(|(i, _)| i).collect()
    }

    #[test]
    fn breaks_at_the_last_space_that_fits() {
        let s = "aaa bbb ccc ddd";
        assert_eq!(wrap(s, &spaces(s), 7), "aaa bbb\nccc ddd");
        assert_eq!(wrap(s, &spaces(s), 8), "aaa bbb\nccc ddd");
        assert_eq!(wrap(s, &spaces(s), 3), "aaa\nbbb\nccc\nddd");
    }

    #[test]
    fn long_words_stay_whole() {
        let s = "a verylongword b";
        assert_eq!(wrap(s, &spaces(s), 4), "a\nverylongword\nb");
    }

    #[test]
    fn never_before_block_syntax() {
        let s = "aaaa # b - c 1. d";
        assert_eq!(wrap(s, &spaces(s), 4), "aaaa #\nb -\nc 1.\nd");
        assert_eq!(wrap(s, &spaces(s), 8), "aaaa #\nb - c 1.\nd");
    }

    #[test]
    fn only_given_spaces_are_used() {
        let s = "aa [b](<c d>) ee";
        let text_spaces = vec![2, 13];
        assert_eq!(wrap(s, &text_spaces, 4), "aa\n[b](<c d>)\nee");
    }

    #[test]
    fn hard_breaks_restart_the_count() {
        let s = "aa bb\\\ncc dd";
        assert_eq!(wrap(s, &spaces(s), 6), "aa bb\\\ncc dd");
    }

    #[test]
    fn wide_characters_count_two() {
        let s = "한국 어로 된";
        assert_eq!(wrap(s, &spaces(s), 6), "한국\n어로\n된");
    }
}
