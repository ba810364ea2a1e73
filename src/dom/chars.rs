//! Counting characters of page text fast: most of it is ASCII, and the
//! few non-ASCII white-space characters start with bytes that are found
//! with `memchr`, so counts are made on bytes, in vector code.

/// Characters of `text` other than white space (`char::is_whitespace`).
pub(crate) fn non_whitespace_chars(text: &str) -> u32 {
    let bytes = text.as_bytes();
    // A character is a byte that does not continue one.
    let chars = if text.is_ascii() {
        bytes.len()
    } else {
        count_bytes(bytes, |b| b & 0xC0 != 0x80)
    };
    let ascii = count_bytes(bytes, |b| b == b' ' || (b'\t'..=b'\r').contains(&b));
    let wide = if text.is_ascii() {
        0
    } else {
        wide_spaces(text)
    };
    (chars - ascii - wide) as u32
}

/// The non-ASCII white-space characters of `text`, found from the bytes
/// that can start one.
pub(crate) fn wide_spaces(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
        .chain(memchr::memchr_iter(0xE1, bytes))
        .filter(|&i| wide_space_at(text, i) > 0)
        .count()
}

/// The bytes `is` holds for, counted in blocks short enough to sum in a
/// byte, which compilers turn into vector code.
pub(crate) fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| block.iter().fold(0u8, |n, &b| n + u8::from(is(b))) as usize)
        .sum()
}

/// The length of the non-ASCII white-space character starting at byte `i`
/// of `text`, or 0. Each starts with one of the bytes C2 (U+0085, U+00A0),
/// E1 (U+1680), E2 (U+2000 to U+205F) or E3 (U+3000), which are never in
/// the middle of a character: only those are decoded.
pub(crate) fn wide_space_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        0xC2 | 0xE1..=0xE3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_char_is_whitespace() {
        let chars = "a \t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{a2}\u{1680}\u{1681}\
            \u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}\u{3000}\u{3001}é字";
        let chars: Vec<char> = chars.chars().collect();
        let long = "Ein Satz mit Wörtern,\u{a0}\u{3000}und\t\u{b}Leerraum. ".repeat(40);
        let texts = chars
            .iter()
            .flat_map(|&a| chars.iter().map(move |&b| format!("{a}x{b}{a} y{b}")))
            .chain([
                long.clone(),
                long.replace(['ö', '\u{a0}', '\u{3000}'], "o"),
                String::new(),
            ]);
        for text in texts {
            let expected = text.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_whitespace_chars(&text) as usize, expected, "{text:?}");
        }
    }
}
