//! Link destinations: relative addresses made absolute, same-page anchors
//! kept only when their target is written, and reference-style links.
//!
//! The base address follows the HTML standard's order: the document's
//! `<base href>`, itself resolved against the document's address; the
//! document's address is the first that parses of the page's canonical
//! link or `og:url`, the caller's `--url` and `--base-url`. Resolution is
//! the WHATWG URL parser's (the `url` crate), so `../a`, `//host/a` and
//! `?q` come out as a browser would make them.

use super::escape;
use crate::dom::{Dom, NodeId, NodeSet};
use crate::options::LinkStyle;
use std::collections::HashMap;
use url::Url;

/// The address relative links are resolved against, if any is known.
/// `addresses` are candidates for the document's own address, best first.
pub(crate) fn base(dom: &Dom, addresses: &[Option<&str>]) -> Option<Url> {
    let document = addresses
        .iter()
        .flatten()
        .find_map(|a| Url::parse(a.trim()).ok().filter(|u| !u.cannot_be_a_base()));
    let base_href = dom
        .find("base")
        .and_then(|b| dom.element(b)?.attr("href"))
        .map(str::trim)
        .filter(|h| !h.is_empty());
    let from_base = match (base_href, &document) {
        (Some(href), Some(doc)) => doc.join(href).ok(),
        (Some(href), None) => Url::parse(href).ok(),
        (None, _) => None,
    };
    from_base.filter(|u| !u.cannot_be_a_base()).or(document)
}

/// `href` made absolute against `base`; unchanged when there is no base,
/// when it does not parse, or when it is a same-page anchor (`#x`).
/// Letters outside ASCII stay readable (`/tag/한결`, not `/tag/%ED%95%9C...`).
pub(super) fn resolve(base: Option<&Url>, href: &str) -> String {
    match base {
        Some(base) if !href.starts_with('#') => base
            .join(href)
            .map_or_else(|_| href.to_string(), |u| readable(u.as_str())),
        _ => href.to_string(),
    }
}

/// Decodes the percent-escapes that spell non-ASCII letters and digits
/// in UTF-8; others (`%20`, `%2F`, invisible characters) stay escaped.
fn readable(url: &str) -> String {
    if !url.contains('%') {
        return url.to_string();
    }
    let bytes = url.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // A run of %XX escapes of bytes >= 0x80.
        let mut run = Vec::new();
        let mut j = i;
        while j + 2 < bytes.len() && bytes[j] == b'%' {
            match (hex(bytes[j + 1]), hex(bytes[j + 2])) {
                (Some(h), Some(l)) if h >= 8 => run.push((h * 16 + l) as u8),
                _ => break,
            }
            j += 3;
        }
        match std::str::from_utf8(&run) {
            Ok(text) if !run.is_empty() && text.chars().all(char::is_alphanumeric) => {
                out.extend_from_slice(text.as_bytes());
                i = j;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_string())
}

/// The `id`s (and `<a name>`s) of the elements that will be written: a
/// same-page link is kept only when its target is one of them.
#[derive(Debug, Default)]
pub(super) struct Anchors<'a> {
    /// Each name's first element. Lookup only, never iterated.
    names: HashMap<&'a str, NodeId>,
    /// The written `<a>` elements whose `href` is a same-page anchor
    /// (`#...`), in document order: the footnote references are among
    /// them, so their search need not walk the page again.
    pub(super) same_page_links: Vec<NodeId>,
}

impl<'a> Anchors<'a> {
    /// Collects the anchors of the visible elements under `roots`.
    pub(super) fn collect(dom: &'a Dom, roots: &[NodeId], removed: &NodeSet) -> Anchors<'a> {
        let mut anchors = Anchors::default();
        for &root in roots {
            for id in super::elements::visible_nodes(dom, root, removed) {
                let Some(el) = dom.element(id) else { continue };
                let (mut anchor_id, mut name, mut href) = (None, None, None);
                for (attr, value) in el.attrs() {
                    let slot = match attr {
                        "id" => &mut anchor_id,
                        "name" => &mut name,
                        "href" => &mut href,
                        _ => continue,
                    };
                    slot.get_or_insert(value);
                }
                let link = el.is("a");
                let name = name.filter(|_| link);
                for anchor in [anchor_id, name].into_iter().flatten() {
                    if !anchor.is_empty() {
                        anchors.names.entry(anchor).or_insert(id);
                    }
                }
                if link && href.is_some_and(|h| h.trim().starts_with('#')) {
                    anchors.same_page_links.push(id);
                }
            }
        }
        anchors
    }

    /// The written element `#fragment` points at.
    pub(super) fn get(&self, fragment: &str) -> Option<NodeId> {
        self.names.get(fragment).copied()
    }
}

/// Where link destinations go: inline, or numbered definitions at the end.
#[derive(Debug, Default)]
pub(crate) struct References {
    style: LinkStyle,
    /// Destination and title of each reference, in order of first use.
    defs: Vec<(String, Option<String>)>,
    /// Lookup only (never iterated, so output does not depend on its order).
    numbers: HashMap<(String, Option<String>), usize>,
}

impl References {
    pub(crate) fn new(style: LinkStyle) -> References {
        References {
            style,
            ..References::default()
        }
    }

    /// Whether links are written as references.
    pub(super) fn is_reference(&self) -> bool {
        self.style == LinkStyle::Reference
    }

    /// What closes a link's text: `](dest "title")`, or `][n]`.
    pub(super) fn link_end(&mut self, href: &str, title: Option<&str>) -> String {
        if self.style == LinkStyle::Inline {
            return escape::inline_link_end(href, title);
        }
        let title = title.map(escape::fold_whitespace).filter(|t| !t.is_empty());
        let key = (href.to_string(), title);
        let next = self.defs.len() + 1;
        let number = *self.numbers.entry(key.clone()).or_insert(next);
        if number == next {
            self.defs.push(key);
        }
        format!("][{number}]")
    }

    /// The reference definitions, `[n]: dest "title"`, in number order.
    pub(super) fn definitions(&self) -> Vec<String> {
        self.defs
            .iter()
            .enumerate()
            .map(|(i, (href, title))| {
                let mut definition = format!("[{}]: ", i + 1);
                escape::push_destination_and_title(href, title.as_deref(), &mut definition);
                definition
            })
            .collect()
    }
}

/// Whether a link's destination is worth writing: not empty, not a
/// script or inline data.
pub(super) fn is_followable(href: &str) -> bool {
    // The first eleven characters that are not whitespace or controls,
    // ASCII lower-cased; any other character stands as a byte no scheme
    // has.
    let mut scheme = [0u8; 11];
    let kept = href
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(scheme.len());
    let mut len = 0;
    for (slot, c) in scheme.iter_mut().zip(kept) {
        *slot = if c.is_ascii() {
            (c as u8).to_ascii_lowercase()
        } else {
            0xFF
        };
        len += 1;
    }
    !href.is_empty()
        && ![&b"javascript:"[..], b"vbscript:", b"data:"]
            .iter()
            .any(|s| scheme[..len].starts_with(s))
}
