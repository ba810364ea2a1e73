//! Images a saved page carries inside itself: `data:` URIs (SingleFile and
//! similar savers) and the image parts of an MHTML file.
//!
//! With an asset prefix (the CLI's `--assets DIR`), each becomes an
//! [`Asset`] in [`crate::Document::assets`], and the image links to
//! `{prefix}{name}`; the caller writes the files. Without one, an MHTML
//! image links to its original address (a `cid:` reference is replaced by
//! the part's `Content-Location`), and a `data:` image is left to the
//! Markdown stage, which never pastes inline data into the output.
//!
//! The step rewrites `src` attributes in the parsed page before the
//! Markdown is written, so the Markdown stage needs to know nothing of it.

use crate::dom::{Dom, NodeId, local_name};
use crate::input::mhtml::Resource;
use crate::input::mime::base64_lenient;
use std::collections::HashMap;
use url::Url;

/// `data:` images smaller than this are spacers and tracking pixels.
const MIN_DATA_IMAGE_BYTES: usize = 100;

/// Attributes lazy-loading scripts keep the real source in: a `data:` `src`
/// beside one of these is a placeholder.
const LAZY_ATTRS: &[&str] = &["data-src", "data-original", "data-lazy-src", "data-srcset"];

/// An image the page carried inside itself, for the caller to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file name the Markdown links to, after the asset prefix: the
    /// original file name's stem and a hash of the bytes, so the same image
    /// always gets the same name and different images never share one
    /// (`chart-1a2b3c4d5e6f.png`).
    pub name: String,
    /// Its media type, e.g. `image/png`.
    pub media_type: String,
    /// Its original address, or `None` for a `data:` URI.
    pub source: Option<String>,
    /// The image.
    pub bytes: Vec<u8>,
}

/// The parts of an MHTML file, found by address or `cid:`.
#[derive(Debug, Default)]
pub(crate) struct Resources {
    list: Vec<Resource>,
    by_key: HashMap<String, usize>,
}

impl Resources {
    /// Indexes `resources` by their absolute `Content-Location` (resolved
    /// against `page_url`, for the relative ones Internet Explorer writes)
    /// and by `cid:` + `Content-ID`.
    pub(crate) fn new(list: Vec<Resource>, page_url: Option<&str>) -> Self {
        let base = page_url.and_then(|u| Url::parse(u).ok());
        let mut by_key = HashMap::new();
        for (i, r) in list.iter().enumerate() {
            if let Some(loc) = &r.location {
                by_key.entry(absolute(base.as_ref(), loc)).or_insert(i);
            }
            if let Some(id) = &r.content_id {
                by_key.entry(format!("cid:{id}")).or_insert(i);
            }
        }
        Resources { list, by_key }
    }

    fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    fn find(&self, reference: &str, base: Option<&Url>) -> Option<&Resource> {
        let key = match reference.get(..4) {
            Some(scheme) if scheme.eq_ignore_ascii_case("cid:") => {
                format!("cid:{}", percent_decode_str(&reference[4..]))
            }
            _ => absolute(base, reference),
        };
        self.by_key.get(&key).map(|&i| &self.list[i])
    }
}

/// Points every `<img>` that shows an embedded image at its saved copy or
/// its original address (see the module docs), and returns the assets.
pub(crate) fn resolve(
    dom: &mut Dom,
    resources: &Resources,
    page_url: Option<&str>,
    prefix: Option<&str>,
) -> Vec<Asset> {
    // Only an image found among the resources needs the base address:
    // most pages have no resources, and looking for `<base>` reads them whole.
    let mut base = None;
    let mut assets: Vec<Asset> = Vec::new();
    let images: Vec<NodeId> = dom
        .ids()
        .filter(|&id| {
            dom.element(id)
                .is_some_and(|e| e.is_named(&local_name!("img")))
        })
        .collect();
    for id in images {
        let Some(el) = dom.element(id) else { continue };
        let Some(src) = el.attr("src").map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        let found = if is_data_uri(src) {
            let lazy = LAZY_ATTRS.iter().any(|a| {
                el.attr(a)
                    .is_some_and(|v| !v.trim().is_empty() && !is_data_uri(v))
            });
            (!lazy).then(|| data_image(src)).flatten()
        } else if resources.is_empty() {
            None
        } else {
            let base = base.get_or_insert_with(|| base_url(dom, page_url));
            resources.find(src, base.as_ref()).and_then(part_image)
        };
        let Some(asset) = found else { continue };
        let link = match prefix {
            Some(prefix) => format!("{prefix}{}", asset.name),
            None => match &asset.source {
                Some(original) => original.clone(),
                None => continue,
            },
        };
        dom.set_attr(id, "src", &link);
        if prefix.is_some() && !assets.iter().any(|a| a.name == asset.name) {
            assets.push(asset);
        }
    }
    assets
}

/// The page's `<base href>` resolved against its address, else its address.
fn base_url(dom: &Dom, page_url: Option<&str>) -> Option<Url> {
    let page = page_url.and_then(|u| Url::parse(u).ok());
    let href = dom.find("base").and_then(|b| dom.element(b)?.attr("href"));
    match href {
        Some(href) => Url::options()
            .base_url(page.as_ref())
            .parse(href.trim())
            .ok()
            .or(page),
        None => page,
    }
}

fn absolute(base: Option<&Url>, reference: &str) -> String {
    Url::options()
        .base_url(base)
        .parse(reference.trim())
        .map_or_else(|_| reference.trim().to_string(), String::from)
}

fn is_data_uri(s: &str) -> bool {
    s.trim_start()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
}

/// A `data:` URI (RFC 2397) holding an image of a useful size.
fn data_image(uri: &str) -> Option<Asset> {
    let (meta, data) = uri.trim()[5..].split_once(',')?;
    let mut params = meta.split(';').map(str::trim);
    let media_type = params.next().unwrap_or("").to_ascii_lowercase();
    let base64 = params.any(|p| p.eq_ignore_ascii_case("base64"));
    let bytes = percent_decode(data.as_bytes());
    let bytes = if base64 {
        base64_lenient(&bytes)?
    } else {
        bytes
    };
    if !media_type.starts_with("image/") || bytes.len() < MIN_DATA_IMAGE_BYTES {
        return None;
    }
    Some(asset(None, &media_type, bytes))
}

/// An MHTML part that is an image.
fn part_image(part: &Resource) -> Option<Asset> {
    if !part.media_type.starts_with("image/") {
        return None;
    }
    let source = part
        .location
        .clone()
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
    Some(asset(source, &part.media_type, part.body.clone()))
}

fn asset(source: Option<String>, media_type: &str, bytes: Vec<u8>) -> Asset {
    let stem = source.as_deref().map_or(String::new(), file_stem);
    let stem = if stem.is_empty() {
        "image".to_string()
    } else {
        stem
    };
    let name = format!(
        "{stem}-{:012x}.{}",
        fnv1a(&bytes) >> 16,
        extension(media_type)
    );
    Asset {
        name,
        media_type: media_type.to_string(),
        source,
        bytes,
    }
}

/// The last path segment of a URL without its extension, as a safe file
/// name: ASCII letters, digits, `-` and `_`, at most 40 characters.
fn file_stem(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    let stem = last.rsplit_once('.').map_or(last, |(s, _)| s);
    let mut out = String::new();
    for c in percent_decode_str(stem).chars() {
        match c {
            'a'..='z' | '0'..='9' | '_' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn extension(media_type: &str) -> &str {
    match media_type {
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/svg+xml" => "svg",
        "image/x-icon" | "image/vnd.microsoft.icon" => "ico",
        "image/tiff" => "tif",
        other => {
            let sub = other.strip_prefix("image/").unwrap_or("");
            if !sub.is_empty() && sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
                sub
            } else {
                "img"
            }
        }
    }
}

/// FNV-1a, 64 bits: asset names must not change between Rust versions or
/// machines (they are committed beside the Markdown), so no `std` hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `%XX` escapes decoded; a malformed `%` is kept.
fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let hex = |j: usize| input.get(j).and_then(|&b| (b as char).to_digit(16));
        match (input[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn percent_decode_str(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode(s.as_bytes())).into_owned()
}

#[cfg(test)]
mod tests;
