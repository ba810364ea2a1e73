//! Rule sets: what to drop from a page and what to keep.

/// Rules in TOML form, with the name used in error messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Where the rules came from, e.g. a file path.
    pub name: String,
    /// The TOML text.
    pub text: String,
}
