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
//! Tags, start and end, are read with the tokenizer's attribute states
//! (`tag.rs`); comments are skipped, but not the raw text of `<script>` or
//! `<style>`, whose text would be cut past `MAX_ATTRIBUTES` words after a
//! `<` and a letter (a script's `i<n; ...` can be).

use super::tag::{self, markup_declaration_end};
use std::borrow::Cow;

/// Attributes kept per tag; the rest of the tag is dropped.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// `html` with every tag's attributes past [`MAX_ATTRIBUTES`] removed;
/// borrowed unchanged when no tag has that many.
pub(super) fn bound(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`, or skipped
    let mut attributes = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let name_at = match bytes.get(lt + 1) {
            Some(b) if b.is_ascii_alphabetic() => lt + 1,
            // End tags carry attributes too (the tokenizer reads and checks
            // them, then drops them).
            Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => lt + 2,
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                at = markup_declaration_end(bytes, lt).unwrap_or(bytes.len());
                continue;
            }
            _ => {
                at = lt + 1;
                continue;
            }
        };
        // A tag the input ends in loses its excess up to the end.
        let end = tag::scan(bytes, name_at, &mut attributes).map(|(end, _)| end - 1);
        if let Some(first) = attributes.get(MAX_ATTRIBUTES) {
            let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
            kept.push_str(&html[copied..first.name.0]);
            copied = end.unwrap_or(bytes.len());
        }
        at = end.map_or(bytes.len(), |gt| gt + 1);
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut kept) => {
            kept.push_str(&html[copied..]);
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
