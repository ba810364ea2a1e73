//! The content of inline `<svg>` images, taken out of the input before the
//! tokenizer reads it. Nothing downstream reads inside an SVG (the
//! Markdown stage writes nothing of it, and the rules and the extraction
//! see the `<svg>` element with its attributes, as before), and icons'
//! path data is dense markup: 4% of the readability pages' bytes.
//!
//! The content is skipped only when the scan can follow it exactly as the
//! tree builder would: well-nested SVG elements, text, comments and CDATA
//! sections, with `<title>` and `<desc>` holding text alone (they are HTML
//! integration points, where tags would be read as HTML). Anything else
//! (an HTML tag that breaks out of foreign content, `<foreignObject>`,
//! MathML, an end tag that does not close the element open in the scan,
//! an end of input first) and the scan gives up: the SVG is then parsed
//! as html5ever always did. The end tag itself is left to the tokenizer.

use crate::dom::tag::{self, markup_declaration_end, tag_name};

/// Start tags that end foreign content (the HTML standard's list for
/// parsing tokens in foreign content), and the elements whose content is
/// read as HTML or MathML.
const GIVE_UP_AT: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"font",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"foreignobject",
    b"math",
];

/// Elements open in the scan, at most: deeper SVG is left to the parser
/// (and to its depth cap).
const MAX_OPEN: usize = 256;

/// Where the end tag of the `<svg>` element whose start tag was just read
/// begins in `text` (the input after that start tag), when the scan can
/// follow everything before it; `None` when it gives up.
pub(super) fn content_end(text: &[u8]) -> Option<usize> {
    let mut open: Vec<&[u8]> = Vec::new();
    let mut attributes = Vec::new();
    let mut i = 0;
    loop {
        let lt = i + memchr::memchr(b'<', &text[i..])?;
        // Inside `<title>` or `<desc>`, only their own end tag may follow.
        let text_only = open.last().is_some_and(|n| is_text_only(n));
        let rest = &text[lt + 1..];
        i = match rest.first()? {
            b'!' if text_only => return None,
            b'!' => markup_declaration_end(text, lt)?,
            b'?' => lt + memchr::memchr(b'>', rest)? + 2,
            b'/' => {
                let name_at = lt + 2;
                let name = tag_name(text, name_at);
                if name.is_empty() {
                    // `</>` is dropped, `</` and another byte a comment.
                    lt + memchr::memchr(b'>', rest)? + 2
                } else {
                    match open.pop() {
                        None if name.eq_ignore_ascii_case(b"svg") => return Some(lt),
                        Some(top) if name.eq_ignore_ascii_case(top) => {}
                        _ => return None,
                    }
                    tag::scan(text, name_at, &mut attributes)?.0
                }
            }
            b if b.is_ascii_alphabetic() && !text_only => {
                let name = tag_name(text, lt + 1);
                if GIVE_UP_AT.iter().any(|g| name.eq_ignore_ascii_case(g)) {
                    return None;
                }
                let (end, self_closing) = tag::scan(text, lt + 1, &mut attributes)?;
                if !self_closing {
                    if open.len() == MAX_OPEN {
                        return None;
                    }
                    open.push(name);
                }
                end
            }
            _ if text_only => return None,
            // A `<` that starts no tag is text.
            _ => lt + 1,
        };
    }
}

/// SVG's HTML integration points that the scan follows: text alone.
fn is_text_only(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"title") || name.eq_ignore_ascii_case(b"desc")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str) -> Option<usize> {
        content_end(text.as_bytes())
    }

    #[test]
    fn the_content_ends_at_the_elements_own_end_tag() {
        assert_eq!(end("<path d='M0 0'/></svg>after"), Some(16));
        assert_eq!(end("<g><circle r=2></circle></g></SVG >"), Some(28));
        assert_eq!(end("<svg><g/></svg><use href=#a /></svg\t>"), Some(30));
        assert_eq!(end("</svg>"), Some(0));
        assert_eq!(end("text < more </svg/>"), Some(12));
    }

    #[test]
    fn end_tags_inside_comments_cdata_and_values_are_passed() {
        assert_eq!(end("<!-- </svg> --></svg>"), Some(15));
        assert_eq!(end("<!----></svg>"), Some(7));
        assert_eq!(end("<!--></svg>"), Some(5));
        assert_eq!(end("<!-- a --!></svg>"), Some(11));
        assert_eq!(end("<![CDATA[</svg>]]></svg>"), Some(18));
        assert_eq!(end("<a title='</svg>' href=\"x>\"></a></svg>"), Some(32));
        assert_eq!(end("<!DOCTYPE x></svg><?pi ?></svg>"), Some(12));
        assert_eq!(end("<svgx></svgx></svg>"), Some(13));
    }

    #[test]
    fn titles_with_text_alone_are_followed() {
        assert_eq!(end("<title>Share &amp; like</title></svg>"), Some(31));
        assert_eq!(end("<desc>a</desc><title/></svg>"), Some(22));
        assert_eq!(end("<title>a <b>b</b></title></svg>"), None);
        assert_eq!(end("<title><!-- x --></title></svg>"), None);
        assert_eq!(end("<title>a < b</title></svg>"), None);
    }

    #[test]
    fn anything_the_tree_builder_reads_otherwise_gives_up() {
        for text in [
            "<path/><p>breaks out</p></svg>",
            "<g><DIV></DIV></g></svg>",
            "<foreignObject><span>x</span></foreignObject></svg>",
            "<math><mi>x</mi></math></svg>",
            "<font color=red>x</font></svg>",
            // Stray or crossed end tags can close elements outside.
            "<g></div></g></svg>",
            "<g><a></g></a></svg>",
            // No end: the rest of the input is not known here.
            "<path/>",
            "<g></g></sv",
            "<!-- </svg>",
            "<path d='</svg>",
            "<![CDATA[ </svg>",
        ] {
            assert_eq!(end(text), None, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_left_to_the_parser() {
        let deep = format!("{}</svg>", "<g>".repeat(MAX_OPEN + 1));
        assert_eq!(end(&deep), None);
        let ok = format!(
            "{}{}</svg>",
            "<g>".repeat(MAX_OPEN),
            "</g>".repeat(MAX_OPEN)
        );
        assert_eq!(end(&ok), Some(ok.len() - 6));
    }
}
