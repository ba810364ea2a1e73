//! What a converted page looks like on the way out, beside the bare
//! Markdown: YAML front matter, and a JSON object (`--format json`,
//! `jsonl`) holding the metadata and the Markdown.

mod front_matter;
mod json;

pub use front_matter::front_matter;
pub use json::JsonPage;

use crate::Document;

impl Document {
    /// The Markdown with YAML front matter (see [`front_matter`]) above it,
    /// separated by an empty line; just the Markdown when the page gave no
    /// metadata at all.
    pub fn markdown_with_front_matter(&self) -> String {
        let yaml = front_matter(&self.metadata);
        if yaml.is_empty() {
            self.markdown.clone()
        } else {
            format!("{yaml}\n{}", self.markdown)
        }
    }
}
