//! PHP's error messages printed into a page by a misconfigured server
//! ("**Warning**: Creating default object from empty value in
//! **/www/htdocs/wp-includes/classes.php** on line **407**"): never the
//! page's text, and loose in whatever element the script was writing
//! (a list of categories, the article's body), so no element rule can
//! take them without the text around them.

use crate::cleaner::{Removal, first_words};
use crate::dom::{Dom, NodeId, local_name};

/// The levels PHP prints in bold before its messages.
const LEVELS: [&str; 8] = [
    "warning",
    "notice",
    "deprecated",
    "strict standards",
    "fatal error",
    "parse error",
    "catchable fatal error",
    "recoverable fatal error",
];

/// A message is the level, its text, the file in bold, " on line " and
/// the line number in bold: five nodes; a few more allow for a message
/// with a bold word of its own.
const MAX_PARTS: usize = 9;

/// Every PHP error message in the page, each as its nodes: from the bold
/// level to the bold line number, siblings under one parent.
pub(crate) fn php_errors(dom: &Dom) -> Vec<Vec<NodeId>> {
    dom.ids()
        .filter(|&id| is_level(dom, id))
        .map(|id| message_from(dom, id))
        .filter(|m| !m.is_empty())
        .collect()
}

/// How `--explain` reports a message: the element it was printed into.
pub(crate) fn removal(dom: &Dom, message: &[NodeId]) -> Removal {
    let text: String = message
        .iter()
        .map(|&n| {
            dom.text(n)
                .map_or_else(|| dom.text_content(n), str::to_string)
        })
        .collect();
    Removal {
        rule: "built-in rules: PHP error messages".to_string(),
        path: message
            .first()
            .and_then(|&n| dom.parent(n))
            .map(|p| dom.path(p))
            .unwrap_or_default(),
        chars: text.chars().filter(|c| !c.is_whitespace()).count(),
        text: first_words(text.split_whitespace()),
    }
}

fn is_bold(dom: &Dom, id: NodeId) -> bool {
    dom.element(id)
        .is_some_and(|e| e.is_named(&local_name!("b")))
}

/// A `<b>` holding one of [`LEVELS`] as its only child (as PHP prints
/// it): asked of every element, so nothing is copied.
fn is_level(dom: &Dom, id: NodeId) -> bool {
    is_bold(dom, id)
        && matches!(dom.children(id), [only] if dom.text(*only).is_some_and(|t| {
            LEVELS.iter().any(|l| t.trim().eq_ignore_ascii_case(l))
        }))
}

/// The siblings from the level `start` to the line number, when they
/// read as PHP's message: ": ... in FILE on line N".
fn message_from(dom: &Dom, start: NodeId) -> Vec<NodeId> {
    let Some(parent) = dom.parent(start) else {
        return Vec::new();
    };
    let siblings = dom.children(parent);
    let Some(at) = siblings.iter().position(|&s| s == start) else {
        return Vec::new();
    };
    let parts = &siblings[at..siblings.len().min(at + MAX_PARTS)];
    let opens_message = parts
        .get(1)
        .and_then(|&n| dom.text(n))
        .is_some_and(|t| t.starts_with(':'));
    if !opens_message {
        return Vec::new();
    }
    for (i, pair) in parts.windows(2).enumerate().skip(1) {
        let on_line = dom.text(pair[0]).is_some_and(|t| t.trim() == "on line");
        if on_line && is_bold(dom, pair[1]) && is_number(&dom.text_content(pair[1])) {
            return parts[..i + 2].to_vec();
        }
    }
    Vec::new()
}

fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}
