//! The configured converter: rules compiled once, pages converted many times.

use crate::metadata::Metadata;
use crate::{Error, Options, input};

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

/// Converts pages with one set of [`Options`].
#[derive(Debug)]
pub struct Cleaner {
    options: Options,
}

impl Cleaner {
    /// Compiles the rule set; fails on an invalid rules file.
    pub fn new(options: Options) -> Result<Self, Error> {
        Ok(Cleaner { options })
    }

    /// Converts one page.
    pub fn convert(&self, bytes: &[u8]) -> Result<Document, Error> {
        let decoded = input::decode(bytes, self.options.url.as_deref());
        Ok(Document {
            markdown: decoded.text,
            metadata: Metadata::default(),
            report: Report::default(),
        })
    }
}
