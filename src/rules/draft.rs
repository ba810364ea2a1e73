//! A rule before it is compiled, whatever file format it came from (TOML,
//! an adblock list, a site config): plain strings, each with the place it
//! was written, so that compiling can report errors there.

use super::format::Action;
use std::fmt::Write;

/// A value and where it stands in its file (1-based line and column).
#[derive(Debug, Clone)]
pub(super) struct Located<T> {
    pub(super) value: T,
    pub(super) line: usize,
    pub(super) column: usize,
}

impl<T> Located<T> {
    pub(super) fn new(value: T, line: usize, column: usize) -> Self {
        Located {
            value,
            line,
            column,
        }
    }
}

/// One rule as written, in any of the formats.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    /// The file (or other source) the rule came from.
    pub(super) file: String,
    /// Where the rule starts.
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) name: String,
    pub(super) action: Action,
    pub(super) tags: Vec<String>,
    pub(super) class_id: Option<Located<String>>,
    pub(super) attribute: Option<String>,
    pub(super) value: Option<Located<String>>,
    pub(super) text: Option<Located<String>>,
    pub(super) max_chars: Option<usize>,
    pub(super) max_prose_chars: Option<usize>,
    pub(super) outside_article: bool,
    pub(super) with_list_after: bool,
    pub(super) selector: Option<Located<String>>,
    pub(super) site: Vec<Located<String>>,
    /// Whether values' columns are those of an opening quote (TOML), not
    /// of their first character.
    pub(super) quoted: bool,
}

impl Draft {
    /// A rule with only a name, an origin and an action; matchers are
    /// filled in by the caller.
    pub(super) fn new(file: &str, line: usize, name: String, action: Action) -> Draft {
        Draft {
            file: file.to_string(),
            line,
            column: 1,
            name,
            action,
            tags: Vec::new(),
            class_id: None,
            attribute: None,
            value: None,
            text: None,
            max_chars: None,
            max_prose_chars: None,
            outside_article: false,
            with_list_after: false,
            selector: None,
            site: Vec::new(),
            quoted: false,
        }
    }

    /// The rule in the TOML format, preceded by a comment naming where it
    /// came from: `declutter rules` prints these, and the output is itself
    /// a valid rules file.
    pub(super) fn to_toml(&self) -> String {
        let mut out = format!("# {}:{}\n[[rule]]\n", self.file, self.line);
        let mut field = |key: &str, value: toml::Value| {
            let _ = writeln!(out, "{key} = {value}");
        };
        field("name", self.name.clone().into());
        if self.action == Action::Keep {
            field("action", "keep".into());
        }
        if !self.tags.is_empty() {
            field("tags", strings(self.tags.iter()));
        }
        for (key, v) in [("class_id", &self.class_id), ("selector", &self.selector)] {
            if let Some(v) = v {
                field(key, v.value.clone().into());
            }
        }
        if let Some(a) = &self.attribute {
            field("attribute", a.clone().into());
        }
        if let Some(v) = &self.value {
            field("value", v.value.clone().into());
        }
        if let Some(t) = &self.text {
            field("text", t.value.clone().into());
        }
        if let Some(m) = self.max_chars {
            field("max_chars", (m as i64).into());
        }
        if let Some(m) = self.max_prose_chars {
            field("max_prose_chars", (m as i64).into());
        }
        if self.outside_article {
            field("outside_article", true.into());
        }
        if self.with_list_after {
            field("with_list_after", true.into());
        }
        if !self.site.is_empty() {
            field("site", strings(self.site.iter().map(|s| &s.value)));
        }
        out
    }
}

fn strings<'a>(items: impl Iterator<Item = &'a String>) -> toml::Value {
    toml::Value::Array(items.map(|s| s.clone().into()).collect())
}
