//! The one options struct that configures a [`crate::Cleaner`].

use crate::rules::RuleSource;

/// Everything that changes how a page is converted.
///
/// `Options::default()` is what the command line uses without flags.
#[derive(Debug, Clone)]
pub struct Options {
    /// Find the article (true) or convert the whole cleaned `<body>` (false).
    pub extract: bool,
    /// Apply the built-in rule set before the user's rules.
    pub default_rules: bool,
    /// The user's rule sets, applied after the built-in ones.
    pub rules: Vec<RuleSource>,
    /// The page's address when known (`--url`); it helps encoding detection
    /// and resolves relative links.
    pub url: Option<String>,
    /// Pages larger than this many bytes are refused with
    /// [`crate::Error::TooLarge`].
    pub max_input_bytes: usize,
    /// The address relative links and images are resolved against when the
    /// page names none itself (`<base href>`, canonical link, `og:url`) and
    /// [`Options::url`] is not given (`--base-url`).
    pub base_url: Option<String>,
    /// How links are written (`--link-style`).
    pub link_style: LinkStyle,
    /// Wrap paragraphs at this many columns (`--wrap`); `None` writes each
    /// paragraph on one line (hard breaks aside).
    pub wrap: Option<usize>,
    /// Where the Markdown links images the page carries inside itself
    /// (`data:` URIs, MHTML parts): with `Some(prefix)` each is returned in
    /// [`crate::Document::assets`] and linked as `{prefix}{name}` (e.g.
    /// `"assets/"`); with `None` MHTML images link to their original
    /// address and `data:` images are left out.
    pub assets: Option<String>,
}

/// How links are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// `[text](https://example.com/)` where the link stands.
    #[default]
    Inline,
    /// `[text][1]` where the link stands, and `[1]: https://example.com/`
    /// at the end of the document (one number per distinct destination).
    Reference,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extract: true,
            default_rules: true,
            rules: Vec::new(),
            url: None,
            max_input_bytes: 64 * 1024 * 1024,
            base_url: None,
            link_style: LinkStyle::Inline,
            wrap: None,
            assets: None,
        }
    }
}
