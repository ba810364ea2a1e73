//! The configured converter: rules compiled once, pages converted many times.

use crate::dom::{Dom, NodeId, NodeSet};
use crate::markdown::{self, Asset, MarkdownOptions};
use crate::metadata::{self, Metadata};
use crate::rules::RuleSet;
use crate::{Error, Options, extract, input};

/// A converted page: the Markdown, what the page said about itself, and
/// what was removed.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article as CommonMark/GFM, ending with one newline.
    pub markdown: String,
    /// Title, byline, dates and the like.
    pub metadata: Metadata,
    /// How the page was read and what was removed.
    pub report: Report,
    /// Files the Markdown links to (`data:` images decoded when
    /// [`Options::assets`] is set), for the caller to save.
    pub assets: Vec<Asset>,
}

/// What happened while converting one page.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The WHATWG name of the encoding the page was decoded with.
    pub encoding: &'static str,
    /// Why that encoding.
    pub encoding_source: Option<input::EncodingSource>,
    /// Elements the rules removed, in document order.
    pub removed: Vec<Removal>,
    /// The element chosen as the article, when extraction ran.
    pub article: Option<ArticleChoice>,
}

/// One element removed by a rule.
#[derive(Debug, Clone)]
pub struct Removal {
    /// The rule's name.
    pub rule: String,
    /// A short CSS-like path to the element, e.g. `body > div.share`.
    pub path: String,
    /// How many characters of text went with it.
    pub chars: usize,
}

/// The element chosen as the article and why.
#[derive(Debug, Clone)]
pub struct ArticleChoice {
    /// A short CSS-like path to the chosen element.
    pub path: String,
    /// How it was found: a semantic marker or the score.
    pub reason: String,
    /// Its score.
    pub score: f64,
    /// The runner-up's path and score, when there was one.
    pub runner_up: Option<(String, f64)>,
}

/// Converts pages with one set of [`Options`]; the rule set is compiled
/// once, in [`Cleaner::new`].
#[derive(Debug)]
pub struct Cleaner {
    options: Options,
    rules: RuleSet,
}

impl Cleaner {
    /// Compiles the rule set; fails on an invalid rules file.
    pub fn new(options: Options) -> Result<Self, Error> {
        let rules = RuleSet::new(options.default_rules, &options.rules)?;
        Ok(Cleaner { options, rules })
    }

    /// Converts one page. Fails only when the page is over the size limit.
    pub fn convert(&self, bytes: &[u8]) -> Result<Document, Error> {
        self.convert_at(bytes, self.options.url.as_deref())
    }

    /// Converts one page whose address is `url` (overriding
    /// [`Options::url`] for this page), without compiling the rules again.
    pub fn convert_at(&self, bytes: &[u8], url: Option<&str>) -> Result<Document, Error> {
        let limit = self.options.max_input_bytes;
        if bytes.len() > limit {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit,
            });
        }
        let decoded = input::decode(bytes, url);
        let mut doc = self.convert_text_at(&decoded.text, url);
        doc.report.encoding = decoded.encoding;
        doc.report.encoding_source = Some(decoded.source);
        Ok(doc)
    }

    /// Converts a page that is already text.
    pub fn convert_text(&self, html: &str) -> Document {
        self.convert_text_at(html, self.options.url.as_deref())
    }

    fn convert_text_at(&self, html: &str, url: Option<&str>) -> Document {
        let page = self.prepare(html);
        let options = self.markdown_options(&page, url);
        let body = markdown::render_page(&page.dom, &page.roots, &page.removed, &options);
        let title = page
            .metadata
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty());
        Document {
            markdown: with_headline(title, body.markdown),
            report: Report {
                encoding: "UTF-8",
                encoding_source: None,
                removed: page.removals,
                article: page.article,
            },
            metadata: page.metadata,
            assets: body.assets,
        }
    }

    /// How the Markdown of `page` (whose address is `url`) is written.
    pub(crate) fn markdown_options(&self, page: &Prepared, url: Option<&str>) -> MarkdownOptions {
        let addresses = [
            page.metadata.url.as_deref(),
            url,
            self.options.base_url.as_deref(),
        ];
        MarkdownOptions {
            base: markdown::base(&page.dom, &addresses),
            link_style: self.options.link_style,
            wrap: self.options.wrap,
            assets: self.options.assets.clone(),
        }
    }

    /// Everything before Markdown: the page parsed, its metadata read, the
    /// rules applied and the article chosen.
    pub(crate) fn prepare(&self, html: &str) -> Prepared {
        let dom = Dom::parse(html);
        let metadata = metadata::read(&dom);
        let mut pruned = self.rules.apply(&dom);
        let title = metadata.title.as_deref().filter(|t| !t.trim().is_empty());
        let (roots, article) = if self.options.extract {
            let a = extract::extract(&dom, &pruned.removed, title);
            (a.roots, Some(a.choice))
        } else {
            (vec![dom.find("body").unwrap_or(dom.root())], None)
        };
        if let Some(heading) = title.and_then(|t| title_heading(&dom, &roots, &pruned.removed, t)) {
            pruned.removed.insert(heading);
        }
        Prepared {
            dom,
            metadata,
            roots,
            removed: pruned.removed,
            removals: pruned.removals,
            article,
        }
    }
}

/// A page ready for the Markdown stage.
pub(crate) struct Prepared {
    pub(crate) dom: Dom,
    pub(crate) metadata: Metadata,
    /// The elements to write, in order.
    pub(crate) roots: Vec<NodeId>,
    /// Everything the rules removed, and the article's repeated headline.
    pub(crate) removed: NodeSet,
    removals: Vec<Removal>,
    article: Option<ArticleChoice>,
}

/// The headline always comes first, as a `# ` heading.
fn with_headline(title: Option<&str>, body: String) -> String {
    let Some(title) = title else {
        return body;
    };
    let heading = markdown::heading(1, title);
    if body.is_empty() {
        heading + "\n"
    } else {
        format!("{heading}\n\n{body}")
    }
}

/// The article's own heading repeating the headline, which is then left
/// out so the headline appears once, first, whatever stood above it in the
/// page (a kicker, a date line): an `<h1>`-`<h3>` with the same text, or
/// the block the article's text starts with (a headline styled with a
/// `<div>`).
fn title_heading(dom: &Dom, roots: &[NodeId], removed: &NodeSet, title: &str) -> Option<NodeId> {
    let wanted = metadata::fold(title).to_lowercase();
    let visible = |id: NodeId| !dom.ancestors(id).chain([id]).any(|a| removed.contains(a));
    let same = |id: NodeId| {
        visible(id)
            && metadata::fold(&dom.text_content_except(id, removed)).to_lowercase() == wanted
    };
    let headings = roots.iter().flat_map(|&r| dom.subtree(r)).filter(|&id| {
        dom.element(id)
            .is_some_and(|e| matches!(&*e.name, "h1" | "h2" | "h3"))
    });
    opening_blocks(dom, roots, removed)
        .chain(headings)
        .find(|&id| same(id))
}

/// The first visible text's nearest element ancestors, within the roots.
fn opening_blocks<'a>(
    dom: &'a Dom,
    roots: &'a [NodeId],
    removed: &'a NodeSet,
) -> impl Iterator<Item = NodeId> + 'a {
    let first_text = roots
        .iter()
        .flat_map(|&root| dom.subtree_except(root, removed))
        .find(|&id| dom.text(id).is_some_and(|t| !t.trim().is_empty()));
    first_text
        .into_iter()
        .flat_map(|t| dom.ancestors(t))
        .take_while(|&a| roots.iter().any(|&r| dom.contains(r, a)))
        .take(4)
}
