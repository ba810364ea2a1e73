//! What a page says about itself: title, byline, dates, site, language.

/// Metadata read from the page before anything is removed.
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
}
