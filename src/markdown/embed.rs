//! Embedded media (`<iframe>`, `<video>`, `<audio>`) as a link to the
//! source, since Markdown cannot embed them.
//!
//! An iframe becomes a link only when it shows a known media or content
//! host (video, audio, maps, code sandboxes, charts): an iframe elsewhere
//! is an ad, a tracker or a widget far more often than article content.
//! YouTube and Vimeo player addresses are turned into the addresses a
//! reader opens (`youtube.com/watch?v=ID`, `vimeo.com/ID`).

use super::escape::fold_whitespace;
use super::links;
use crate::dom::{Dom, Element, Namespace, NodeId};
use url::Url;

/// Hosts (and their subdomains) whose iframes are content.
const MEDIA_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "twitch.tv",
    "soundcloud.com",
    "spotify.com",
    "bandcamp.com",
    "mixcloud.com",
    "ted.com",
    "archive.org",
    "loom.com",
    "wistia.com",
    "wistia.net",
    "streamable.com",
    "tiktok.com",
    "bilibili.com",
    "nicovideo.jp",
    "tv.naver.com",
    "tv.kakao.com",
    "v.qq.com",
    "youku.com",
    "codepen.io",
    "jsfiddle.net",
    "codesandbox.io",
    "replit.com",
    "observablehq.com",
    "datawrapper.dwcdn.net",
    "flo.uri.sh",
    "public.tableau.com",
    "google.com/maps",
    "openstreetmap.org",
    "slideshare.net",
    "speakerdeck.com",
    "gist.github.com",
];

/// A media element as a link: its label and absolute address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Embed {
    pub(super) label: String,
    pub(super) url: String,
}

/// The link for `<iframe>`, `<video>` or `<audio>` at `id`, if it has a
/// usable source (an iframe: on a known media host).
pub(super) fn embed(dom: &Dom, id: NodeId, el: Element<'_>, base: Option<&Url>) -> Option<Embed> {
    let kind = match &*el.name {
        "iframe" => "iframe",
        "video" => "Video",
        "audio" => "Audio",
        _ => return None,
    };
    if el.ns != Namespace::Html {
        return None;
    }
    let raw = source(dom, id, el)?;
    let url = Url::parse(&links::resolve(base, raw)).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    if kind == "iframe" && !is_media_host(&url) {
        return None;
    }
    let url = watch_url(&url).unwrap_or(url);
    let title = ["title", "aria-label"]
        .iter()
        .filter_map(|a| el.attr(a))
        .map(fold_whitespace)
        .find(|t| !t.is_empty());
    let label = title.unwrap_or_else(|| match kind {
        "iframe" => format!("Embedded content from {}", host(&url)),
        _ => format!("{kind} from {}", host(&url)),
    });
    Some(Embed {
        label,
        url: url.to_string(),
    })
}

/// `src`, a lazy-loading `data-src`, or a `<video>`'s first `<source>`.
fn source<'a>(dom: &'a Dom, id: NodeId, el: Element<'a>) -> Option<&'a str> {
    let usable = |s: &&str| !s.trim().is_empty();
    ["src", "data-src", "data-lazy-src"]
        .iter()
        .filter_map(|a| el.attr(a))
        .find(usable)
        .or_else(|| {
            dom.children(id)
                .iter()
                .take(32)
                .filter_map(|&c| dom.element(c).filter(|e| e.is("source")))
                .filter_map(|e| e.attr("src"))
                .find(usable)
        })
        .map(str::trim)
}

fn host(url: &Url) -> &str {
    let host = url.host_str().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host)
}

fn is_media_host(url: &Url) -> bool {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let with_path = format!("{host}{}", url.path());
    MEDIA_HOSTS.iter().any(|&known| {
        if known.contains('/') {
            with_path.starts_with(known) || with_path.contains(&format!(".{known}"))
        } else {
            host == known || host.ends_with(&format!(".{known}"))
        }
    })
}

/// The page a reader opens for a YouTube or Vimeo player address.
fn watch_url(url: &Url) -> Option<Url> {
    let host = url.host_str()?.trim_start_matches("www.");
    let mut segments = url.path_segments()?;
    match host {
        "youtube.com" | "youtube-nocookie.com" if segments.next() == Some("embed") => {
            let video = segments.next().filter(|v| !v.is_empty())?;
            let mut watch = Url::parse("https://www.youtube.com/watch").ok()?;
            watch.query_pairs_mut().append_pair("v", video);
            Some(watch)
        }
        "player.vimeo.com" if segments.next() == Some("video") => {
            let video = segments.next().filter(|v| !v.is_empty())?;
            Url::parse(&format!("https://vimeo.com/{video}")).ok()
        }
        _ => None,
    }
}
