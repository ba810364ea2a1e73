//! Choosing an image's source (lazy-loading attributes, `srcset`,
//! `<picture>`) and its alt text, and matching figure captions.

use super::escape::fold_whitespace;
use super::event::Image;
use super::inline::is_html_space;
use crate::dom::{Dom, Element, NodeId, NodeSet};

/// Attributes lazy-loading scripts read the real source from, in order.
const LAZY_ATTRS: &[&str] = &["data-src", "data-original", "data-lazy-src", "data-url"];

/// How many children of a `<picture>` are searched for sources.
const MAX_PICTURE_CHILDREN: usize = 32;

/// File names that mark a placeholder shown until a script swaps in the
/// real image.
const PLACEHOLDER_HINTS: &[&str] = &[
    "blank.",
    "spacer.",
    "pixel.",
    "1x1",
    "placeholder",
    "transparent.",
    "lazy",
    "loading",
    "grey.gif",
    "gray.gif",
    "empty.",
];

/// The image `<img>` at `id` shows, or `None` for tracking pixels and
/// images with no usable source. `caption` is the text of the enclosing
/// figure's caption: an alt repeating it is left empty.
pub(super) fn image(
    dom: &Dom,
    id: NodeId,
    removed: &NodeSet,
    caption: Option<&str>,
) -> Option<Image> {
    let el = dom.element(id)?;
    if is_tracking_pixel(el) {
        return None;
    }
    let src = source(dom, id, el, removed)?;
    let mut alt = fold_whitespace(el.attr("alt").unwrap_or(""));
    if caption.is_some_and(|c| repeats(&alt, c)) || is_file_name(&alt) {
        alt.clear();
    }
    let title = el
        .attr("title")
        .map(fold_whitespace)
        .filter(|t| !t.is_empty());
    Some(Image {
        src: src.to_string(),
        alt,
        title,
    })
}

/// A 1×1 (or 0×0) image is a tracking pixel, not content.
fn is_tracking_pixel(el: Element<'_>) -> bool {
    ["width", "height"].iter().any(|&name| {
        el.attr(name).is_some_and(|v| {
            let v = v.trim().trim_end_matches("px").trim();
            v == "0" || v == "1"
        })
    })
}

/// What tells the same picture apart from others whatever size it is
/// served in: its address without the query, and without a `-640x480` or
/// `-scaled` suffix to its file name (WordPress and many other systems
/// name the thumbnails of `photo.jpg` `photo-150x150.jpg`, in the same
/// folder), lower case.
pub(super) fn picture_key(dom: &Dom, id: NodeId, removed: &NodeSet) -> Option<String> {
    let el = dom.element(id)?;
    let src = source(dom, id, el, removed)?;
    let path = src
        .split(['?', '#'])
        .next()
        .unwrap_or(src)
        .to_ascii_lowercase();
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", &path));
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    let stem = match stem.rsplit_once('-') {
        Some((base, size)) if is_size(size) => base,
        _ => stem,
    };
    (!stem.is_empty()).then(|| format!("{folder}/{stem}.{ext}"))
}

/// `150x150`, `1024x683`: a thumbnail's size in its file name.
fn is_size(s: &str) -> bool {
    s.split_once('x').is_some_and(|(w, h)| {
        [w, h]
            .iter()
            .all(|n| (2..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `src` unless it is missing or a placeholder, then the lazy-loading
/// attributes, the largest `srcset` candidate, `<picture>` sources, and
/// last a placeholder-looking `src` when there is nothing else.
fn source<'a>(dom: &'a Dom, id: NodeId, el: Element<'a>, removed: &NodeSet) -> Option<&'a str> {
    let src = el.attr("src").map(str::trim);
    let src = src.filter(|s| usable(s));
    if let Some(src) = src.filter(|s| !is_placeholder(s)) {
        return Some(src);
    }
    LAZY_ATTRS
        .iter()
        .filter_map(|&a| el.attr(a).map(str::trim))
        .find(|s| usable(s))
        .or_else(|| srcset_of(el))
        .or_else(|| picture_source(dom, id, removed))
        .or(src)
}

fn srcset_of(el: Element<'_>) -> Option<&str> {
    ["srcset", "data-srcset"]
        .iter()
        .find_map(|&a| el.attr(a).and_then(largest_candidate))
}

/// The first `<source>` of an enclosing `<picture>` with a usable
/// candidate (sources are listed in order of preference).
fn picture_source<'a>(dom: &'a Dom, id: NodeId, removed: &NodeSet) -> Option<&'a str> {
    let parent = dom.parent(id)?;
    if !dom.element(parent)?.is("picture") {
        return None;
    }
    // A real <picture> has a handful of sources; the cap keeps a page
    // with thousands of children linear.
    dom.children(parent)
        .iter()
        .take(MAX_PICTURE_CHILDREN)
        .filter(|&&c| !removed.contains(c))
        .filter_map(|&c| dom.element(c).filter(|e| e.is("source")))
        .find_map(srcset_of)
}

/// A source worth writing: not empty, not inline data, not a script.
fn usable(src: &str) -> bool {
    let lower = src
        .trim_start()
        .get(..11)
        .unwrap_or(src)
        .to_ascii_lowercase();
    !src.trim().is_empty() && !lower.starts_with("data:") && !lower.starts_with("javascript:")
}

fn is_placeholder(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    PLACEHOLDER_HINTS.iter().any(|hint| name.contains(hint))
}

/// The candidate of a `srcset` with the largest width (`w`), or when
/// there is no width the largest density (`x`, 1 when absent). Parsed as
/// the HTML spec does: a URL runs to whitespace; a trailing comma ends it.
pub(super) fn largest_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<((bool, f64), &str)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c| is_html_space(c) || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(is_html_space).unwrap_or(rest.len());
        let (mut url, mut descriptor) = (&rest[..url_end], "");
        rest = &rest[url_end..];
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..end].trim_matches(is_html_space);
            rest = &rest[end..];
        }
        let size = size(descriptor);
        if usable(url) && best.is_none_or(|(b, _)| size > b) {
            best = Some((size, url));
        }
    }
    best.map(|(_, url)| url)
}

/// A candidate's size for comparison: widths rank above densities.
fn size(descriptor: &str) -> (bool, f64) {
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    if let Some(w) = descriptor.strip_suffix('w').and_then(number) {
        (true, w)
    } else if let Some(x) = descriptor.strip_suffix('x').and_then(number) {
        (false, x)
    } else {
        (false, 1.0)
    }
}

/// CMSs fill empty alt texts with the upload's file name
/// ("218734_90211_4412.jpg"): that describes nothing.
fn is_file_name(alt: &str) -> bool {
    let Some((stem, ext)) = alt.rsplit_once('.') else {
        return false;
    };
    let image_ext = [
        "jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "svg", "tif", "tiff",
    ];
    !stem.is_empty()
        && !stem.contains(char::is_whitespace)
        && image_ext.iter().any(|e| ext.eq_ignore_ascii_case(e))
}

/// True when an alt text repeats a caption: equal, or one contains the
/// other, once whitespace is folded.
fn repeats(alt: &str, caption: &str) -> bool {
    let caption = fold_whitespace(caption);
    !alt.is_empty() && !caption.is_empty() && (alt.contains(&caption) || caption.contains(alt))
}
