//! The library's error type: every failure names what it is about.

use std::fmt;

/// Why a page or a rule set could not be used.
///
/// Messy HTML is never an error: html5ever repairs it. Errors are for
/// rule files that do not parse or compile, and for limits the input
/// exceeds.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rules file is not valid TOML or holds an invalid rule.
    #[error("{source_name}{}: {message}", location(*.line, *.column))]
    Rules {
        /// The name the rules were loaded under (usually a file path).
        source_name: String,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column of the problem, when known.
        column: Option<usize>,
        /// What is wrong, including the rule's name when known.
        message: String,
    },
    /// The input is larger than [`crate::Options::max_input_bytes`].
    #[error("input is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A compressed input (gzip) decompresses to more than
    /// [`crate::Options::max_input_bytes`]: a gzip bomb, or a page too large.
    #[error("decompresses to more than {limit} bytes, over the limit (raise it with --max-size)")]
    TooLargeDecompressed {
        /// The configured limit.
        limit: usize,
    },
    /// A saved-page container (gzip, MHTML, WARC) that cannot be read, or
    /// one that holds no page.
    #[error("{format}: {message}")]
    Format {
        /// The container's format: `"gzip"`, `"MHTML"` or `"WARC"`.
        format: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

fn location(line: Option<usize>, column: Option<usize>) -> impl fmt::Display {
    struct Loc(Option<usize>, Option<usize>);
    impl fmt::Display for Loc {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match (self.0, self.1) {
                (Some(l), Some(c)) => write!(f, ":{l}:{c}"),
                (Some(l), None) => write!(f, ":{l}"),
                _ => Ok(()),
            }
        }
    }
    Loc(line, column)
}
