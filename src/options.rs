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
    /// Where the Markdown links images the page carries inside itself
    /// (`data:` URIs, MHTML parts): with `Some(prefix)` each is returned in
    /// [`crate::Document::assets`] and linked as `{prefix}{name}` (e.g.
    /// `"assets/"`); with `None` MHTML images link to their original
    /// address and `data:` images are left out.
    pub assets: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extract: true,
            default_rules: true,
            rules: Vec::new(),
            url: None,
            max_input_bytes: 64 * 1024 * 1024,
            assets: None,
        }
    }
}
