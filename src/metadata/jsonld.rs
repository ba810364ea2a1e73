//! JSON-LD (`<script type="application/ld+json">`): the schema.org Article
//! that many CMSs embed, with headline, authors, dates and publisher.

use serde_json::Value;

/// What an embedded schema.org Article says.
#[derive(Debug, Default)]
pub(crate) struct Article {
    pub(crate) headline: Option<String>,
    /// The Article's `name`: usually the headline again, sometimes the
    /// site's name.
    pub(crate) name: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) authors: Vec<String>,
    pub(crate) published: Option<String>,
    pub(crate) modified: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) description: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "SatiricalArticle",
    "MedicalScholarlyArticle",
    "DiscussionForumPosting",
    "APIReference",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
    "LiveBlogPosting",
];

/// Reads one script's JSON; the first Article found fills what is empty.
pub(crate) fn read(json: &str, into: &mut Article) {
    let Ok(value) = serde_json::from_str::<Value>(unwrap_markup(json)) else {
        return;
    };
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if is_article(v) {
                    fill(v, into);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
}

/// The JSON inside the `<![CDATA[...]]>` or `<!--...-->` wrapper that
/// XHTML-minded pages put around their script text.
fn unwrap_markup(json: &str) -> &str {
    let mut json = json.trim();
    for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
        json = json.strip_prefix(open).unwrap_or(json).trim_start();
        json = json.strip_suffix(close).unwrap_or(json).trim_end();
    }
    json.strip_suffix(';').unwrap_or(json).trim_end()
}

fn is_article(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn fill(v: &Value, into: &mut Article) {
    let text = |key: &str| v.get(key).and_then(Value::as_str).map(super::fold);
    if into.headline.is_none() && into.name.is_none() {
        into.headline = text("headline");
        into.name = text("name");
    }
    into.published = into.published.take().or_else(|| text("datePublished"));
    into.modified = into.modified.take().or_else(|| text("dateModified"));
    into.description = into.description.take().or_else(|| text("description"));
    into.image = into.image.take().or_else(|| v.get("image").and_then(image));
    if into.authors.is_empty() {
        into.authors = v.get("author").map(name_list).unwrap_or_default();
    }
    into.author = into
        .author
        .take()
        .or_else(|| v.get("author").and_then(names));
    into.publisher = into
        .publisher
        .take()
        .or_else(|| v.get("publisher").and_then(names));
}

/// A person or organisation, a name string, or a list of them, as
/// "A, B and C"-free plain "A, B".
fn names(v: &Value) -> Option<String> {
    let list = name_list(v);
    (!list.is_empty()).then(|| list.join(", "))
}

fn name_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(one_name).collect(),
        other => one_name(other).into_iter().collect(),
    }
}

/// An `image`: a URL, an ImageObject with a `url`, or a list of either
/// (the first is taken).
fn image(v: &Value) -> Option<String> {
    let url = match v {
        Value::String(s) => s.as_str(),
        Value::Object(_) => v.get("url").or_else(|| v.get("contentUrl"))?.as_str()?,
        Value::Array(items) => return items.iter().find_map(image),
        _ => return None,
    };
    let url = url.trim();
    (!url.is_empty()).then(|| url.to_string())
}

fn one_name(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => s.as_str(),
        Value::Object(_) => v.get("name")?.as_str()?,
        _ => return None,
    };
    let name = super::fold(name);
    (!name.is_empty() && !name.starts_with("http")).then_some(name)
}
