//! What a page says about itself: title, byline, dates, site, language,
//! read from `<meta>`, OpenGraph, JSON-LD and the markup, before any rule
//! removes anything.
//!
//! Sources, strongest first for each field: JSON-LD (schema.org Article)
//! for authors; OpenGraph (`article:*`, `og:*`), then Dublin Core
//! (`dc.*`, `dcterms.*`) and Twitter cards, then plain `<meta>`, then the
//! markup (`<time>`, `rel=author`, byline classes) for the rest. Dates are
//! rewritten as ISO 8601 when they can be read (see `date`).

mod byline;
mod date;
mod jsonld;
mod title;

use crate::dom::{Dom, Element, NodeId, local_name};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Metadata read from the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The title the page declares for itself: its JSON-LD Article's, its
    /// `<meta>` title (Dublin Core, OpenGraph, Twitter...), else its
    /// `<title>` without the site's name.
    pub title: Option<String>,
    /// The headline the page shows: the declared title's clean form, or
    /// the `<h1>` that `<title>` contains. It heads the Markdown.
    pub headline: Option<String>,
    /// The author(s), as the page writes them.
    pub byline: Option<String>,
    /// Each author, as the page names them (JSON-LD authors, every
    /// `<meta name=author>`, or the byline markup).
    pub authors: Vec<String>,
    /// Publication date/time: ISO 8601 when the page's value could be read
    /// as a date, else as the page gives it.
    pub published: Option<String>,
    /// Last modification date/time, like `published`.
    pub modified: Option<String>,
    /// The lead image's address (`og:image`, `twitter:image`, JSON-LD).
    pub image: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The page's language (BCP 47 tag as written).
    pub lang: Option<String>,
    /// A short description of the article.
    pub description: Option<String>,
    /// The canonical address of the page.
    pub url: Option<String>,
    /// Where the page was saved from: the caller's address for it, an
    /// MHTML file's `Snapshot-Content-Location`, a WARC record's target URI.
    pub source_url: Option<String>,
}

/// Everything collected in one pass over the page, before choosing.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// `<meta name|property|itemprop=K content=V>`, keys lower-cased, first wins.
    pub(crate) meta: HashMap<String, String>,
    /// The `<meta>` titles, authors, descriptions and site names under
    /// normalised keys (`dc:title`, `og:title`, `author`...), last wins.
    pub(crate) declared: HashMap<String, String>,
    pub(crate) title: Option<String>,
    pub(crate) canonical: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) h1s: Vec<String>,
    /// How many `<h1>` the page has.
    pub(crate) h1_count: usize,
    /// The text of the first `<h1>` and `<h2>` elements.
    pub(crate) headings: Vec<String>,
    /// Every author `<meta>`, in document order (pages list co-authors so).
    pub(crate) meta_authors: Vec<String>,
    /// `<time>` elements: marked as published, marked as modified, first.
    pub(crate) time_published: Option<String>,
    pub(crate) time_modified: Option<String>,
    pub(crate) time_first: Option<String>,
    /// `<link rel=image_src>`.
    pub(crate) image_link: Option<String>,
    pub(crate) ld: jsonld::Article,
}

/// `<meta>` keys naming the author, in order of trust.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
];

/// Reads the page's metadata.
pub(crate) fn read(dom: &Dom) -> Metadata {
    let found = collect(dom);
    let byline = byline(&found, dom);
    Metadata {
        title: title::declared(&found),
        headline: title::headline(&found),
        authors: authors(&found, byline.as_deref()),
        byline,
        published: date(
            &found,
            PUBLISHED_KEYS,
            [
                &found.ld.published,
                &found.time_published,
                &found.time_first,
            ],
        ),
        modified: date(
            &found,
            MODIFIED_KEYS,
            [&found.ld.modified, &found.time_modified],
        ),
        image: first(&found, IMAGE_KEYS)
            .or_else(|| found.ld.image.clone())
            .or_else(|| found.image_link.clone()),
        site_name: first(
            &found,
            &["og:site_name", "application-name", "dc.publisher"],
        )
        .or_else(|| found.ld.publisher.clone()),
        lang: found
            .lang
            .clone()
            .or_else(|| first(&found, &["content-language", "dc.language", "og:locale"])),
        description: first(
            &found,
            &[
                "description",
                "og:description",
                "twitter:description",
                "dc.description",
                "dcterms.description",
            ],
        )
        .or_else(|| found.ld.description.clone()),
        url: found
            .canonical
            .clone()
            .or_else(|| first(&found, &["og:url"])),
        source_url: None,
    }
}

const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "image",
    "thumbnailurl",
];

fn first(found: &Found, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| found.meta.get(*k).cloned())
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
];

/// The first `<meta>` date among `keys`, else the first fallback that is
/// set, in ISO 8601 when readable.
fn date<'a>(
    found: &Found,
    keys: &[&str],
    fallbacks: impl IntoIterator<Item = &'a Option<String>>,
) -> Option<String> {
    first(found, keys)
        .or_else(|| fallbacks.into_iter().find_map(Clone::clone))
        .map(|d| date::normalize(&d))
}

/// JSON-LD's list of authors, else every author `<meta>`, else the byline
/// markup without its "By".
fn authors(found: &Found, byline: Option<&str>) -> Vec<String> {
    if !found.ld.authors.is_empty() {
        return found.ld.authors.clone();
    }
    let mut list: Vec<String> = Vec::new();
    for a in &found.meta_authors {
        if !list.contains(a) {
            list.push(a.clone());
        }
    }
    if list.is_empty()
        && let Some(markup) = byline
    {
        let name = markup
            .strip_prefix("By ")
            .or_else(|| markup.strip_prefix("by "))
            .unwrap_or(markup);
        list.push(name.trim().to_string());
    }
    list
}

/// `<meta>` authors, strongest first (keys as [`declared_key`] writes them).
const BYLINE_KEYS: &[&str] = &["dc:creator", "dcterm:creator", "author", "parsely-author"];

/// JSON-LD's authors, then the `<meta>` ones, then `article:author` when it
/// is a name rather than a profile address, then the byline markup.
fn byline(found: &Found, dom: &Dom) -> Option<String> {
    let meta = || {
        BYLINE_KEYS
            .iter()
            .find_map(|k| found.declared.get(*k).cloned())
    };
    let article_author = || {
        found
            .declared
            .get("article:author")
            .filter(|a| !is_url(a))
            .cloned()
    };
    found
        .ld
        .author
        .clone()
        .or_else(meta)
        .or_else(article_author)
        .or_else(|| byline::find(dom))
}

fn is_url(s: &str) -> bool {
    let s = s.trim_start().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

fn collect(dom: &Dom) -> Found {
    let mut found = Found::default();
    for id in dom.ids() {
        let Some(el) = dom.element(id) else { continue };
        // Interned names: integer comparisons, for every element.
        match el.name {
            local_name!("html") => {
                found.lang = el.attr("lang").map(fold).filter(|l| !l.is_empty());
            }
            local_name!("title") if el.is_named(&local_name!("title")) && found.title.is_none() => {
                found.title = Some(fold(&dom.text_content(id)));
            }
            local_name!("meta") => {
                read_meta(el, &mut found.meta);
                read_declared(el, &mut found.declared);
                read_meta_author(el, &mut found.meta_authors);
            }
            local_name!("time") => read_time(dom, id, el, &mut found),
            local_name!("link") => read_link(el, &mut found),
            local_name!("script") => read_script(dom, id, el, &mut found),
            local_name!("h1") | local_name!("h2") => read_heading(dom, id, &el.name, &mut found),
            _ => {}
        }
    }
    found
}

/// Headings bigger than this many nodes are not read: headlines are short,
/// and the bound keeps the reading linear on nested headings.
const MAX_HEADING_NODES: usize = 256;

fn read_heading(dom: &Dom, id: NodeId, name: &str, found: &mut Found) {
    let is_h1 = name == "h1";
    found.h1_count += usize::from(is_h1);
    if found.headings.len() >= 32 || dom.subtree_range(id).len() > MAX_HEADING_NODES {
        return;
    }
    let text = fold(&dom.text_content(id));
    if is_h1 && found.h1s.len() < 5 && !is_home_link(dom, id, &text) {
        found.h1s.push(text.clone());
    }
    found.headings.push(text);
}

/// Whether the heading (whose folded text is `text`) is a link to the
/// site's home page and nothing else: the site's name or logo, which many
/// themes set as the page's first `<h1>`, not the article's headline.
fn is_home_link(dom: &Dom, heading: NodeId, text: &str) -> bool {
    dom.subtree(heading).any(|id| {
        dom.element(id).is_some_and(|e| {
            e.is_named(&local_name!("a"))
                && (e.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("home"))
                }) || e.attr("href").is_some_and(is_home_address))
        }) && fold(&dom.text_content(id)) == text
    })
}

/// An address of a site's home page: its root, absolute or relative,
/// also when a web archive's address wraps it
/// (`https://web.archive.org/web/2019/http://example.com/`).
fn is_home_address(href: &str) -> bool {
    let href = href.trim().split(['?', '#']).next().unwrap_or("");
    if href.is_empty() {
        // The page itself.
        return false;
    }
    let path = match href.rfind("://") {
        Some(at) => {
            let rest = &href[at + 3..];
            rest.find('/').map_or("", |slash| &rest[slash..])
        }
        None => href,
    };
    matches!(
        path,
        "" | "/" | "./" | "index.html" | "/index.html" | "/index.php"
    )
}

fn read_meta(el: Element<'_>, meta: &mut HashMap<String, String>) {
    let Some(content) = el.attr("content").map(fold).filter(|c| !c.is_empty()) else {
        return;
    };
    let keys = ["name", "property", "itemprop", "http-equiv"];
    for key in keys.iter().filter_map(|k| el.attr(k)) {
        for k in key.split_ascii_whitespace() {
            meta.entry(k.to_ascii_lowercase())
                .or_insert_with(|| content.clone());
        }
    }
}

/// Where `<meta>` keys are titles, authors, descriptions or site names:
/// every such key of a `property` list (`og:title twitter:title`), else
/// the `name`, in one spelling (`DC.Title` is `dc:title`).
fn read_declared(el: Element<'_>, declared: &mut HashMap<String, String>) {
    let Some(content) = el.attr("content").map(fold).filter(|c| !c.is_empty()) else {
        return;
    };
    let mut any = false;
    if let Some(property) = el.attr("property") {
        for m in PROPERTY_KEY.find_iter(property) {
            declared.insert(squeeze(m.as_str()), content.clone());
            any = true;
        }
    }
    if !any && let Some(name) = el.attr("name").filter(|n| NAME_KEY.is_match(n)) {
        declared.insert(squeeze(name).replace('.', ":"), content);
    }
}

/// A `property` token naming a declared field.
static PROPERTY_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)",
    )
    .expect("valid regex")
});

/// A `name` naming a declared field.
static NAME_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$",
    )
    .expect("valid regex")
});

/// Lower-cased, whitespace removed.
fn squeeze(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every author `<meta>`, not only the first (first wins in `meta`).
fn read_meta_author(el: Element<'_>, authors: &mut Vec<String>) {
    let Some(content) = el.attr("content").map(fold).filter(|c| !c.is_empty()) else {
        return;
    };
    let named = ["name", "property"]
        .iter()
        .filter_map(|k| el.attr(k))
        .any(|k| {
            let k = k.to_ascii_lowercase();
            AUTHOR_KEYS.contains(&k.as_str())
        });
    if named && !content.starts_with("http") {
        authors.push(content.strip_prefix("By ").unwrap_or(&content).to_string());
    }
}

/// `<time datetime>`: marked as the publication (`pubdate`, `itemprop`,
/// a `published` class) or modification date, else remembered as the
/// first date of the page, the last resort for `published`.
fn read_time(dom: &Dom, id: NodeId, el: Element<'_>, found: &mut Found) {
    let value = el
        .attr("datetime")
        .map(fold)
        .or_else(|| (dom.subtree_range(id).len() <= 4).then(|| fold(&dom.text_content(id))))
        .filter(|v| !v.is_empty());
    let Some(value) = value else { return };
    let marks = format!(
        "{} {}",
        el.attr("itemprop").unwrap_or(""),
        el.attr("class").unwrap_or("")
    )
    .to_ascii_lowercase();
    let slot = if el.attr("pubdate").is_some()
        || marks.contains("datepublished")
        || marks.contains("published")
    {
        &mut found.time_published
    } else if marks.contains("modified") || marks.contains("updated") {
        &mut found.time_modified
    } else if el.attr("datetime").is_some() {
        &mut found.time_first
    } else {
        return;
    };
    slot.get_or_insert(value);
}

fn read_link(el: Element<'_>, found: &mut Found) {
    let rel = el.attr("rel").unwrap_or("");
    if rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("image_src"))
        && found.image_link.is_none()
    {
        found.image_link = el.attr("href").map(|h| h.trim().to_string());
    }
    if rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("canonical"))
        && found.canonical.is_none()
    {
        found.canonical = el.attr("href").map(|h| h.trim().to_string());
    }
}

fn read_script(dom: &Dom, id: NodeId, el: Element<'_>, found: &mut Found) {
    let is_ld = el
        .attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
    if is_ld {
        jsonld::read(&dom.text_content(id), &mut found.ld);
    }
}

/// Whitespace folded to single spaces and trimmed.
/// Zero-width spaces and byte-order marks are dropped: a heading's
/// invisible permalink text must not make it differ from the title.
pub(crate) fn fold(s: &str) -> String {
    if is_folded_ascii(s) {
        return s.to_string();
    }
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.contains(['\u{200b}', '\u{feff}']) {
        let visible: String = folded
            .chars()
            .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
            .collect();
        return fold(&visible);
    }
    folded
}

/// Whether `s` is ASCII that [`fold`] leaves as it is: single spaces
/// between words and none at the edges (one pass over the bytes, for the
/// common case of text that is already folded).
fn is_folded_ascii(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut after_space = true;
    for &b in bytes {
        if b >= 0x80 || matches!(b, b'\t'..=b'\r') || (b == b' ' && after_space) {
            return false;
        }
        after_space = b == b' ';
    }
    !after_space || bytes.is_empty()
}

#[cfg(test)]
mod tests;
