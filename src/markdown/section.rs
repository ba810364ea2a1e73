//! Section markers of Korean (and Japanese) news: a short paragraph that
//! starts with `◇`, `◆`, `■` or `□` is the article's section heading,
//! written in the page as a bold or plain line. It becomes a `##` heading
//! so the article keeps its outline.

use super::event::Span;
use super::inline::Token;

/// Markers that open a section line (▲ and ● are not: they start list
/// items inside sentences).
const MARKERS: &[char] = &['◇', '◆', '■', '□', '▣', '◈'];
/// A section heading is a line, not a paragraph that happens to start
/// with a marker.
const MAX_CHARS: usize = 60;
/// The level: under the article's `#` headline.
pub(super) const LEVEL: u8 = 2;

/// The paragraph's tokens as a heading's (emphasis dropped: the heading is
/// emphasis enough), when the paragraph is a section line.
pub(super) fn as_heading(tokens: &[Token]) -> Option<Vec<Token>> {
    let mut text = String::new();
    for token in tokens {
        match token {
            Token::Text(t) => text.push_str(t),
            Token::Open(Span::Strong | Span::Emphasis)
            | Token::Close(Span::Strong | Span::Emphasis) => {}
            _ => return None,
        }
    }
    let text = text.trim();
    let starts = text.chars().next().is_some_and(|c| MARKERS.contains(&c));
    if !starts || text.chars().count() > MAX_CHARS {
        return None;
    }
    Some(
        tokens
            .iter()
            .filter(|t| matches!(t, Token::Text(_)))
            .cloned()
            .collect(),
    )
}
