//! A bound on the number of attributes in one tag, applied to the text
//! before html5ever's tokenizer sees it, when a page is fed to it in
//! pieces (a page read whole is bounded by the scan ahead of the
//! tokenizer, in `skip/attributes.rs`, which also uses this after a CDATA
//! section).
//!
//! The tokenizer compares each new attribute's name with every earlier one
//! of the same tag (to drop duplicates), so one tag with n attributes costs
//! n²/2 comparisons: 100,000 attributes took 17 s, a million would take
//! half an hour. Real elements carry a few dozen at most; past
//! [`MAX_ATTRIBUTES`] the rest of the tag (up to its `>`) is cut.
//!
//! The scan follows the tokenizer's tag and attribute states closely
//! enough to find attribute starts, quoted values and the tag's end, in
//! start and end tags; it skips comments but not the raw text of
//! `<script>` or `<style>`, whose text would be cut past `MAX_ATTRIBUTES`
//! words after a `<` and a letter (a script's `i<n; ...` can be). Text and quoted values are
//! skipped with `memchr`, so the scan costs little beside the tokenizer.

use std::borrow::Cow;

/// Attributes kept per tag; the rest of the tag is dropped.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

#[derive(Clone, Copy, PartialEq)]
enum State {
    Data,
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
}

/// The bytes that end a tag name, an attribute name or an unquoted value
/// (white space, `/`, `=`, `>`): the others leave those states as they are.
static ENDS_NAME: [bool; 256] = {
    let mut table = [false; 256];
    let ends = *b" \t\n\r\x0C/=>";
    let mut i = 0;
    while i < ends.len() {
        table[ends[i] as usize] = true;
        i += 1;
    }
    table
};

/// `html` with every tag's attributes past [`MAX_ATTRIBUTES`] removed;
/// borrowed unchanged when no tag has that many.
pub(super) fn bound(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`, or skipped
    let mut cut = false; // inside a tag, past the limit
    let mut count = 0;
    let mut state = State::Data;
    let mut i = 0;
    while i < bytes.len() {
        // Text, quoted values, names and unquoted values are most of a
        // page: jump to the next byte that can change the state there.
        let next = match state {
            State::Data => memchr::memchr(b'<', &bytes[i..]),
            State::Quoted(q) => memchr::memchr(q, &bytes[i..]),
            State::TagName | State::Name | State::Unquoted => {
                bytes[i..].iter().position(|&b| ENDS_NAME[usize::from(b)])
            }
            _ => Some(0),
        };
        match next {
            Some(at) => i += at,
            None => break,
        }
        let b = bytes[i];
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
        state = match state {
            State::Data if b == b'<' && html[i..].starts_with("<!--") => {
                i = html[i + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |end| i + 4 + end + 2);
                State::Data
            }
            State::Data if b == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                count = 0;
                State::TagName
            }
            // End tags carry attributes too (the tokenizer reads and checks
            // them, then drops them).
            State::Data
                if b == b'<'
                    && bytes.get(i + 1) == Some(&b'/')
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) =>
            {
                count = 0;
                i += 1;
                State::TagName
            }
            State::Data => State::Data,
            _ if b == b'>' && !matches!(state, State::Quoted(_)) => {
                if cut {
                    cut = false;
                    copied = i;
                }
                State::Data
            }
            State::TagName if space || b == b'/' => State::BeforeName,
            State::TagName => State::TagName,
            State::BeforeName | State::AfterName if space || b == b'/' => State::BeforeName,
            State::AfterName if b == b'=' => State::BeforeValue,
            State::BeforeName | State::AfterName => {
                count += 1;
                if count > MAX_ATTRIBUTES && !cut {
                    let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
                    kept.push_str(&html[copied..i]);
                    cut = true;
                }
                State::Name
            }
            State::Name if space => State::AfterName,
            State::Name if b == b'/' => State::BeforeName,
            State::Name if b == b'=' => State::BeforeValue,
            State::Name => State::Name,
            State::BeforeValue if space => State::BeforeValue,
            State::BeforeValue if b == b'"' || b == b'\'' => State::Quoted(b),
            State::BeforeValue => State::Unquoted,
            State::Quoted(q) if b == q => State::BeforeName,
            State::Quoted(q) => State::Quoted(q),
            State::Unquoted if space => State::BeforeName,
            State::Unquoted => State::Unquoted,
        };
        i += 1;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut kept) => {
            if !cut {
                kept.push_str(&html[copied..]);
            }
            Cow::Owned(kept)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(n: usize) -> String {
        let attrs: Vec<String> = (0..n).map(|i| format!("a{i}=\"x > y\"")).collect();
        format!("<p {}>text</p>", attrs.join(" "))
    }

    #[test]
    fn ordinary_pages_are_borrowed_unchanged() {
        let html = format!("<!-- <p {} --> {}", "a ".repeat(1000), tag(MAX_ATTRIBUTES));
        assert!(matches!(bound(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_past_the_limit_are_cut_up_to_the_tags_end() {
        let html = format!("<div>{}<b c=d>after</b></div>", tag(MAX_ATTRIBUTES + 10));
        let bounded = bound(&html);
        let expected = format!("<div>{}>text</p><b c=d>after</b></div>", {
            let t = tag(MAX_ATTRIBUTES);
            t[..t.len() - ">text</p>".len()].to_string() + " "
        });
        assert_eq!(bounded, expected);
    }

    /// Every way an attribute can be written (the tag name and unquoted
    /// values may hold `/` and `=`), so that the scan's jumps over names
    /// and values stop where each one ends.
    #[test]
    fn attributes_in_every_form_are_counted() {
        let forms = ["a", "b=c", "d=e/f=g", "h='i'", "j = \"k\"", "l/"];
        let attrs = |n: usize| (0..n).map(|i| forms[i % 6]).collect::<Vec<_>>().join(" ");
        let fits = format!("<p=q/ {}>text", attrs(MAX_ATTRIBUTES));
        assert!(matches!(bound(&fits), Cow::Borrowed(_)));
        let over = format!("<p {}>text", attrs(MAX_ATTRIBUTES + 1));
        assert_eq!(bound(&over), format!("<p {} >text", attrs(MAX_ATTRIBUTES)));
    }

    #[test]
    fn end_tags_are_bounded_too() {
        let many = "a ".repeat(MAX_ATTRIBUTES + 5);
        let html = format!("<p>x</p {many}><b>y</b>");
        assert_eq!(
            bound(&html),
            format!("<p>x</p {}><b>y</b>", "a ".repeat(MAX_ATTRIBUTES))
        );
        let bogus = format!("</ {many}>");
        assert!(matches!(bound(&bogus), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tag_cut_short_by_the_end_of_input_loses_only_its_excess() {
        let html = format!("<p {}", "a ".repeat(MAX_ATTRIBUTES + 5));
        let bounded = bound(&html);
        assert_eq!(bounded.len(), "<p ".len() + 2 * MAX_ATTRIBUTES);
    }
}
