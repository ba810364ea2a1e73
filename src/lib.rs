//! declutter turns a saved web page into the article alone, as clean Markdown.
//!
//! The pipeline has one module per stage:
//!
//! 0. unpacking: gzip and MHTML containers are opened (detected by
//!    content, see [`input::sniff`]); WARC archives are read page by page
//!    with [`input::warc`]; images carried inside the page become
//!    [`Document::assets`].
//! 1. [`input`]: bytes to text (BOM, UTF-8, `<meta charset>`, detection).
//! 2. `dom`: html5ever parses the text; the tree is copied into a compact
//!    arena that the other stages walk without recursion.
//! 3. [`metadata`]: title, byline, dates, site and language, read before
//!    anything is removed.
//! 4. [`rules`]: the rule set (built-in defaults plus the user's own) marks
//!    widgets, ads and page furniture as removed.
//! 5. `extract`: chooses the element that holds the article.
//! 6. `markdown`: writes CommonMark with GFM tables.
//!
//! [`output`] turns a [`Document`] into front matter and JSON.
//!
//! ```
//! let page = br#"<html><head><title>Hello</title></head>
//!   <body><nav><a href="/">Home</a></nav>
//!   <article><h1>Hello</h1><p>The first paragraph of the article.</p></article>
//!   </body></html>"#;
//! let doc = declutter::convert(page).unwrap();
//! assert_eq!(doc.markdown, "# Hello\n\nThe first paragraph of the article.\n");
//! assert_eq!(doc.metadata.title.as_deref(), Some("Hello"));
//! ```
#![forbid(unsafe_code)]

mod assets;
mod cleaner;
mod dom;
mod extract;
mod markdown;

pub mod error;

pub mod input;

pub mod metadata;
mod options;
pub mod output;
pub mod rules;
#[doc(hidden)]
pub mod stages;
mod unpack;

pub use assets::Asset;
pub use cleaner::{ArticleChoice, Cleaner, Document, Removal, Report};
pub use error::Error;
pub use input::{Decoded, EncodingSource};
pub use metadata::Metadata;
pub use options::{LinkStyle, Options};
pub use rules::{RuleNote, RuleSource};
pub use unpack::Input;

/// Converts one saved page with the default [`Options`].
///
/// For many pages, build a [`Cleaner`] once: it compiles the rule set a
/// single time.
pub fn convert(bytes: &[u8]) -> Result<Document, Error> {
    Cleaner::new(Options::default())?.convert(bytes)
}
