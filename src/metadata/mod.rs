//! What a page says about itself: title, byline, dates, site, language,
//! read from `<meta>`, OpenGraph, JSON-LD and the markup, before any rule
//! removes anything.

mod jsonld;
mod title;

use crate::dom::{Dom, Element, NodeId};
use std::collections::HashMap;

/// Metadata read from the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The article's headline.
    pub title: Option<String>,
    /// The author(s), as the page writes them.
    pub byline: Option<String>,
    /// Publication date/time as given by the page.
    pub published: Option<String>,
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
    pub(crate) title: Option<String>,
    pub(crate) canonical: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) h1s: Vec<String>,
    pub(crate) author_markup: Option<String>,
    pub(crate) ld: jsonld::Article,
}

/// Reads the page's metadata.
pub(crate) fn read(dom: &Dom) -> Metadata {
    let found = collect(dom);
    Metadata {
        title: title::choose(&found),
        byline: byline(&found),
        published: first(
            &found,
            &["article:published_time", "datepublished", "dc.date", "date"],
        )
        .or_else(|| found.ld.published.clone()),
        site_name: first(&found, &["og:site_name", "application-name"])
            .or_else(|| found.ld.publisher.clone()),
        lang: found
            .lang
            .clone()
            .or_else(|| first(&found, &["content-language", "og:locale"])),
        description: first(
            &found,
            &["description", "og:description", "twitter:description"],
        ),
        url: found
            .canonical
            .clone()
            .or_else(|| first(&found, &["og:url"])),
        source_url: None,
    }
}

fn first(found: &Found, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| found.meta.get(*k).cloned())
}

fn byline(found: &Found) -> Option<String> {
    let meta = first(
        found,
        &[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
        ],
    )
    .filter(|a| !a.starts_with("http"));
    found
        .ld
        .author
        .clone()
        .or(meta)
        .or_else(|| found.author_markup.clone())
}

fn collect(dom: &Dom) -> Found {
    let mut found = Found::default();
    for id in dom.ids() {
        let Some(el) = dom.element(id) else { continue };
        match &*el.name {
            "html" => found.lang = el.attr("lang").map(fold).filter(|l| !l.is_empty()),
            "title" if el.is("title") && found.title.is_none() => {
                found.title = Some(fold(&dom.text_content(id)));
            }
            "meta" => read_meta(el, &mut found.meta),
            "link" => read_link(el, &mut found),
            "script" => read_script(dom, id, el, &mut found),
            "h1" if found.h1s.len() < 5 => found.h1s.push(fold(&dom.text_content(id))),
            _ => read_author_markup(dom, id, el, &mut found),
        }
    }
    found
}

fn read_meta(el: &Element, meta: &mut HashMap<String, String>) {
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

fn read_link(el: &Element, found: &mut Found) {
    let rel = el.attr("rel").unwrap_or("");
    if rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("canonical"))
        && found.canonical.is_none()
    {
        found.canonical = el.attr("href").map(|h| h.trim().to_string());
    }
}

fn read_script(dom: &Dom, id: NodeId, el: &Element, found: &mut Found) {
    let is_ld = el
        .attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
    if is_ld {
        jsonld::read(&dom.text_content(id), &mut found.ld);
    }
}

/// `rel=author`, `itemprop=author` or a `byline` class, when short.
fn read_author_markup(dom: &Dom, id: NodeId, el: &Element, found: &mut Found) {
    if found.author_markup.is_some() {
        return;
    }
    let marked = el.attr("rel") == Some("author")
        || el
            .attr("itemprop")
            .is_some_and(|p| p.split_ascii_whitespace().any(|t| t == "author"))
        || el
            .classes()
            .any(|c| c.eq_ignore_ascii_case("byline") || c.eq_ignore_ascii_case("author"));
    // A byline is a few nodes; larger elements are not read, which keeps
    // this linear on deeply nested pages.
    if marked && dom.subtree_range(id).len() <= 64 {
        let text = fold(&dom.text_content(id));
        if !text.is_empty() && text.chars().count() <= 100 {
            found.author_markup = Some(text);
        }
    }
}

/// Whitespace folded to single spaces and trimmed.
pub(crate) fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
