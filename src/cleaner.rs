//! The configured converter: rules compiled once, pages converted many times.

use crate::assets::{self, Asset, Resources};
use crate::dom::{Dom, NodeData, NodeId, NodeSet, UnreadAttributes, local_name};
use crate::markdown::{self, MarkdownOptions};
use crate::metadata::{self, Metadata};
use crate::rules::RuleSet;
use crate::unpack::{self, Input};
use crate::{Error, Options, extract, input};
use std::borrow::Cow;

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
    /// Images the page carried inside itself (`data:` URIs, MHTML parts),
    /// collected when an asset prefix is set ([`Options::assets`]); the
    /// Markdown links to each as the prefix followed by its name.
    pub assets: Vec<Asset>,
}

/// What the pipeline knows about a page beside its HTML.
#[derive(Default)]
struct Context<'a> {
    url: Option<&'a str>,
    resources: Option<&'a Resources>,
    asset_prefix: Option<&'a str>,
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
    /// The first words of its text (about 60 characters), to recognise it.
    pub text: String,
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
    /// The attributes no stage and no rule reads, left out when parsing.
    unread: UnreadAttributes,
}

impl Cleaner {
    /// Compiles the rule set; fails on an invalid rules file.
    pub fn new(options: Options) -> Result<Self, Error> {
        let rules = RuleSet::new(options.default_rules, &options.rules)?;
        let unread = UnreadAttributes::new(rules.attribute_names());
        Ok(Cleaner {
            options,
            rules,
            unread,
        })
    }

    /// Converts one page. Fails only when the page is over the size limit.
    pub fn convert(&self, bytes: &[u8]) -> Result<Document, Error> {
        self.convert_at(bytes, self.options.url.as_deref())
    }

    /// Converts one page whose address is `url` (overriding
    /// [`Options::url`] for this page), without compiling the rules again.
    pub fn convert_at(&self, bytes: &[u8], url: Option<&str>) -> Result<Document, Error> {
        self.convert_input(Input {
            bytes,
            url,
            ..Input::default()
        })
    }

    /// Converts one page with what the caller knows about it (see
    /// [`Input`]): HTML, gzip-compressed HTML (decompressed up to
    /// [`Options::max_input_bytes`]) or MHTML, told apart by content.
    pub fn convert_input(&self, page: Input<'_>) -> Result<Document, Error> {
        self.convert_bytes(Cow::Borrowed(page.bytes), &page)
    }

    /// [`Cleaner::convert_input`] for bytes the caller gives away, with
    /// what else is known about the page in `page` (whose own `bytes` are
    /// not read). The bytes become the page's text without a copy when
    /// they already are its text (UTF-8 or ASCII), and are freed once
    /// parsed: a large page's peak memory is lower than with
    /// `convert_input`.
    pub fn convert_owned(&self, bytes: Vec<u8>, page: Input<'_>) -> Result<Document, Error> {
        self.convert_bytes(Cow::Owned(bytes), &page)
    }

    fn convert_bytes(&self, bytes: Cow<'_, [u8]>, page: &Input<'_>) -> Result<Document, Error> {
        let limit = self.options.max_input_bytes;
        if bytes.len() > limit {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit,
            });
        }
        let unpacked = unpack::unpack(bytes, limit)?;
        let url = page
            .url
            .or(unpacked.url.as_deref())
            .or(self.options.url.as_deref());
        let charset = page.charset.or(unpacked.charset.as_deref());
        let (text, encoding, source) = input::decode_cow(unpacked.html, url, charset);
        let context = Context {
            url,
            resources: Some(&unpacked.resources),
            asset_prefix: page.asset_prefix.or(self.options.assets.as_deref()),
        };
        let mut doc = self.convert_html(text, &context);
        doc.report.encoding = encoding;
        doc.report.encoding_source = Some(source);
        Ok(doc)
    }

    /// Parses a page as [`Cleaner::convert`] does (for the benchmark's
    /// stages).
    pub(crate) fn parse(&self, html: &str) -> Dom {
        Dom::parse_owned(Cow::Borrowed(html), &self.unread)
    }

    /// What was skipped or counted while reading the rules files (adblock
    /// lists, site configs).
    pub fn rule_notes(&self) -> &[crate::RuleNote] {
        self.rules.notes()
    }

    /// The compiled rule set (for the stage benchmark).
    pub(crate) fn rule_set(&self) -> &RuleSet {
        &self.rules
    }

    /// Converts a page that is already text.
    pub fn convert_text(&self, html: &str) -> Document {
        let context = Context {
            asset_prefix: self.options.assets.as_deref(),
            ..Context::default()
        };
        self.convert_html(Cow::Borrowed(html), &context)
    }

    fn convert_html(&self, html: Cow<'_, str>, context: &Context<'_>) -> Document {
        let page = self.prepare_with(html, context);
        let options = self.markdown_options(&page, context.url, context.asset_prefix);
        let body = markdown::render_page(&page.dom, &page.roots, &page.removed, &options);
        Document {
            markdown: with_headline(page.headline.as_deref(), body.markdown),
            report: Report {
                encoding: "UTF-8",
                encoding_source: None,
                removed: page.removals,
                article: page.article,
            },
            metadata: page.metadata,
            assets: page.assets,
        }
    }

    /// How the Markdown of `page` (whose address is `url`) is written.
    pub(crate) fn markdown_options(
        &self,
        page: &Prepared,
        url: Option<&str>,
        asset_prefix: Option<&str>,
    ) -> MarkdownOptions {
        let addresses = [
            page.metadata.url.as_deref(),
            url,
            self.options.base_url.as_deref(),
        ];
        MarkdownOptions {
            base: markdown::base(&page.dom, &addresses),
            link_style: self.options.link_style,
            wrap: self.options.wrap,
            asset_prefix: asset_prefix.map(str::to_string),
        }
    }

    /// The round-trip check of a page that is already text (see
    /// `markdown/readback.rs`), with this cleaner's options but no address
    /// and no assets.
    #[cfg(any(test, feature = "roundtrip"))]
    pub(crate) fn round_trip(&self, html: &str) -> markdown::readback::RoundTrip {
        let page = self.prepare_with(Cow::Borrowed(html), &Context::default());
        let options = self.markdown_options(&page, None, None);
        markdown::readback::check(&page.dom, &page.roots, &page.removed, &options)
    }

    /// Everything before Markdown: the page parsed, its embedded images
    /// saved as assets, its metadata read, the rules applied and the
    /// article chosen.
    fn prepare_with(&self, html: Cow<'_, str>, context: &Context<'_>) -> Prepared {
        let mut dom = Dom::parse_owned(html, &self.unread);
        let no_resources = Resources::default();
        let resources = context.resources.unwrap_or(&no_resources);
        let assets = assets::resolve(&mut dom, resources, context.url, context.asset_prefix);
        let dom = dom;
        let mut metadata = metadata::read(&dom);
        metadata.source_url = context.url.map(str::to_string);
        let urls = [metadata.url.as_deref(), context.url].into_iter().flatten();
        let mut pruned = self.rules.apply(&dom, urls);
        let title = headline(&metadata);
        let (roots, article) = if self.options.extract {
            let a = extract::extract(&dom, &pruned.removed, title);
            for furniture in a.furniture {
                pruned.removals.push(furniture_removal(&dom, furniture));
                pruned.removed.insert(furniture);
            }
            (a.roots, Some(a.choice))
        } else {
            (vec![dom.body().unwrap_or(dom.root())], None)
        };
        let mut shown = title.map(str::to_string);
        if let Some(t) = title {
            if let Some(heading) = title_heading(&dom, &roots, &pruned.removed, t) {
                pruned.removed.insert(heading);
            } else if let Some(heading) = fuller_headline(&dom, &roots, &pruned.removed, t) {
                shown = Some(words_of(&dom, heading, &pruned.removed));
                pruned.removed.insert(heading);
            } else if let Some(declared) = metadata.title.as_deref().filter(|d| *d != t)
                && let Some(heading) = title_heading(&dom, &roots, &pruned.removed, declared)
            {
                // The article's heading is the title the page declares
                // (OpenGraph, Dublin Core), which its <title> words
                // otherwise: the page shows the declared one.
                shown = Some(declared.to_string());
                pruned.removed.insert(heading);
            }
        }
        for link in markdown::permalinks(&dom, &roots, &pruned.removed) {
            pruned.removed.insert(link);
        }
        for strip in markdown::thumbnail_strips(&dom, &roots, &pruned.removed) {
            pruned.removed.insert(strip);
        }
        for furniture in markdown::trailing_furniture(&dom, &roots, &pruned.removed) {
            pruned.removed.insert(furniture);
        }
        Prepared {
            dom,
            headline: shown,
            metadata,
            roots,
            removed: pruned.removed,
            removals: pruned.removals,
            article,
            assets,
        }
    }
}

/// How `--explain` reports a box extraction left out of the article.
fn furniture_removal(dom: &Dom, id: NodeId) -> Removal {
    let text = dom.text_content(id);
    Removal {
        rule: "furniture inside the article".to_string(),
        path: dom.path(id),
        chars: text.split_whitespace().map(|w| w.chars().count()).sum(),
        text: first_words(text.split_whitespace()),
    }
}

/// How much of a removed element's text `--explain` shows.
const FIRST_WORDS_CHARS: usize = 60;

/// The first of `words`, joined by spaces, up to about
/// [`FIRST_WORDS_CHARS`] characters, with `…` when there are more: what
/// `--explain` shows of a removed element's text.
pub(crate) fn first_words<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    // Characters in `out`, kept rather than counted again.
    let mut chars = 0;
    for word in words {
        let word_chars = word.chars().count();
        if chars + word_chars > FIRST_WORDS_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(FIRST_WORDS_CHARS));
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word_chars;
    }
    out
}

/// A page ready for the Markdown stage.
pub(crate) struct Prepared {
    pub(crate) dom: Dom,
    /// What the Markdown opens with as its `# ` heading.
    headline: Option<String>,
    pub(crate) metadata: Metadata,
    /// The elements to write, in order.
    pub(crate) roots: Vec<NodeId>,
    /// Everything the rules removed, and the article's repeated headline.
    pub(crate) removed: NodeSet,
    removals: Vec<Removal>,
    article: Option<ArticleChoice>,
    assets: Vec<Asset>,
}

/// The headline the Markdown starts with: the one the page shows, else
/// the title it declares.
fn headline(metadata: &Metadata) -> Option<&str> {
    [&metadata.headline, &metadata.title]
        .into_iter()
        .find_map(|t| t.as_deref().filter(|t| !t.trim().is_empty()))
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
/// page (a kicker, a date line): an `<h1>`-`<h3>` with the same words, or
/// the block the article's text starts with (a headline styled with a
/// `<div>`). Words are compared by their letters and digits alone: the
/// page's heading often differs from the declared title only in its
/// quotation marks or dashes ("Stadt „feiert“" against `Stadt "feiert"`),
/// or in a line break where the title has " - ".
fn title_heading(dom: &Dom, roots: &[NodeId], removed: &NodeSet, title: &str) -> Option<NodeId> {
    let wanted = spelling(title);
    if wanted.is_empty() {
        return None;
    }
    // Quotation marks and dashes can be longer or shorter than the title's.
    let limit = 2 * title.chars().count() + 16;
    let visible = |id: NodeId| !dom.ancestors(id).chain([id]).any(|a| removed.contains(a));
    let same = |id: NodeId| {
        visible(id)
            && letters_within(dom, id, removed, limit)
            && spelling(&dom.text_content_except(id, removed)) == wanted
    };
    let headings = roots.iter().flat_map(|&r| dom.subtree(r)).filter(|&id| {
        dom.element(id)
            .is_some_and(|e| matches!(&*e.name, "h1" | "h2" | "h3"))
    });
    opening_blocks(dom, roots, removed)
        .chain(headings)
        .find(|&id| same(id))
}

/// The article's first `<h1>` when it is the headline with more words
/// around it ("Bhindi masala (okra stir fry)" for the declared "Bhindi
/// masala", a quoted kicker before it): the page's own, fuller form,
/// which then replaces the declared one instead of following it. At
/// most twice the headline's length, so a heading that merely mentions
/// the headline's words is not taken.
fn fuller_headline(dom: &Dom, roots: &[NodeId], removed: &NodeSet, title: &str) -> Option<NodeId> {
    let wanted = spelling(title);
    if wanted.is_empty() {
        return None;
    }
    let limit = 2 * title.chars().count();
    let h1 = roots
        .iter()
        .flat_map(|&r| dom.subtree_except(r, removed))
        .find(|&id| {
            dom.element(id)
                .is_some_and(|e| e.is_named(&local_name!("h1")))
        })?;
    (letters_within(dom, h1, removed, limit)
        && spelling(&dom.text_content_except(h1, removed)).contains(&wanted))
    .then_some(h1)
}

/// The words of a heading, a line break or a block inside it (a kicker
/// above the headline) parting them as the Markdown would.
fn words_of(dom: &Dom, heading: NodeId, removed: &NodeSet) -> String {
    let mut text = String::new();
    for id in dom.subtree_except(heading, removed) {
        match dom.data(id) {
            NodeData::Text(t) => text.push_str(t),
            NodeData::Element(e)
                if matches!(
                    e.name,
                    local_name!("br") | local_name!("p") | local_name!("div")
                ) =>
            {
                text.push(' ');
            }
            _ => {}
        }
    }
    metadata::fold(&text)
}

/// A text's letters and digits, lower case: how a heading and a title
/// are told to be the same words.
fn spelling(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the text of `id` (without the subtrees in `removed`) has at
/// most `limit` characters that folding keeps (all but whitespace and
/// zero-width ones): its folded, lowercased form has at least as many
/// characters, so a longer text cannot equal a title of `limit`. Reads
/// no further than the limit, so a candidate holding the whole article
/// is not copied, folded and lowercased only to differ.
fn letters_within(dom: &Dom, id: NodeId, removed: &NodeSet, limit: usize) -> bool {
    let kept = |c: &char| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}');
    let mut count = 0;
    for text in dom.subtree_except(id, removed).filter_map(|n| dom.text(n)) {
        count += text.chars().filter(kept).take(limit + 1 - count).count();
        if count > limit {
            return false;
        }
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(html: &str) -> String {
        Cleaner::new(Options::default())
            .unwrap()
            .convert_text(html)
            .markdown
    }

    fn article(title: &str, heading: &str) -> String {
        let words = "Words of the article itself, long enough to be chosen. ".repeat(12);
        format!(
            "<html><head><meta property=\"og:title\" content='{title}'></head><body><article>\
             <h1>{heading}</h1><p>{words}</p><p>{words}</p></article></body></html>"
        )
    }

    /// Attributes no stage reads are left out when parsing, unless a rule
    /// names them: a user's rules on `data-*` and `aria-*` attributes, in
    /// each format, work as written.
    #[test]
    fn rules_on_attributes_nothing_else_reads_still_match() {
        let words = "Words of the article itself, long enough to be chosen. ".repeat(12);
        let html = format!(
            "<html><body><article><h1>Ferry</h1><p>{words}</p>\
             <div data-component=\"share\">Share widget</div>\
             <div data-role=\"promo\">Promo widget</div>\
             <div data-kind=\"teaser\">Teaser widget</div>\
             <div data-ad-slot=\"x\">Ad widget</div>\
             <div aria-describedby=\"n\">Note widget</div>\
             <p>{words}</p></article></body></html>"
        );
        let widgets = ["Share", "Promo", "Teaser", "Ad", "Note"];
        let plain = markdown(&html);
        for w in widgets {
            assert!(plain.contains(&format!("{w} widget")), "{w}: {plain}");
        }
        let sources = [
            (
                "a.toml",
                "[[rule]]\nname = \"s\"\nselector = '[data-component=\"share\"]'\n",
            ),
            ("b.txt", "strip: //div[@data-role='promo']\n"),
            (
                "c.toml",
                "[[rule]]\nname = \"t\"\nattribute = \"DATA-KIND\"\nvalue = 'teaser'\n",
            ),
            ("d.txt", "##[data-ad-slot]\n"),
            (
                "e.toml",
                "[[rule]]\nname = \"n\"\nselector = ':is(div:has(> b), [aria-describedby])'\n",
            ),
        ];
        let rules = sources
            .iter()
            .map(|(name, text)| crate::RuleSource {
                name: (*name).into(),
                text: (*text).into(),
            })
            .collect();
        let cleaner = Cleaner::new(Options {
            rules,
            ..Options::default()
        })
        .unwrap();
        let md = cleaner.convert_text(&html).markdown;
        for w in widgets {
            assert!(!md.contains(&format!("{w} widget")), "{w}: {md}");
        }
        assert!(md.contains("Words of the article"), "{md}");
    }

    #[test]
    fn the_headline_is_written_once_whatever_its_quotation_marks() {
        for heading in [
            "Council „approves“ the ferry – at last",
            "Council <i>\u{201c}approves\u{201d}</i> the ferry<br>at last",
            "Council 'approves' the ferry: at last",
        ] {
            let md = markdown(&article(
                "Council \"approves\" the ferry - at last",
                heading,
            ));
            assert_eq!(md.matches("# ").count(), 1, "{heading}:\n{md}");
            assert!(
                md.starts_with("# Council \"approves\" the ferry - at last"),
                "{md}"
            );
        }
    }

    #[test]
    fn the_pages_fuller_headline_replaces_the_declared_one() {
        let md = markdown(&article("Bhindi masala", "Bhindi masala (okra stir fry)"));
        assert_eq!(md.matches("# ").count(), 1, "{md}");
        assert!(md.starts_with("# Bhindi masala (okra stir fry)\n"), "{md}");
        let kicker = "<span>Open Progress</span><br><span>Why thinking together wins</span>";
        let md = markdown(&article("Why thinking together wins", kicker));
        assert!(
            md.starts_with("# Open Progress Why thinking together wins\n"),
            "{md}"
        );
        assert_eq!(md.matches("# ").count(), 1, "{md}");
    }

    #[test]
    fn the_declared_title_the_article_shows_is_the_headline() {
        // The <title> words it for search engines; OpenGraph declares the
        // headline the article shows.
        let words = "Words of the article itself, long enough to be chosen. ".repeat(12);
        let html = format!(
            "<html><head><title>Ferry vote: what it means for Pell Island | The Ledger</title>\
             <meta property=\"og:title\" content=\"Council approves the ferry\"></head><body>\
             <article><h1>Council approves the ferry</h1><p>{words}</p></article></body></html>"
        );
        let md = markdown(&html);
        assert!(md.starts_with("# Council approves the ferry\n"), "{md}");
        assert_eq!(md.matches("# ").count(), 1, "{md}");
    }

    #[test]
    fn a_heading_with_other_words_stays() {
        let md = markdown(&article(
            "Council approves the ferry",
            "Council approves the ferry, finally",
        ));
        assert!(md.contains("# Council approves the ferry, finally"), "{md}");
    }
}
