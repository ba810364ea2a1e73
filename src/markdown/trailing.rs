//! Headings that end the article: a "Most viewed", "Comments" or "Related"
//! heading whose list or widget the rules removed (or that a script fills
//! in) is left with nothing under it. A heading introduces what follows;
//! with nothing following, it is written nowhere.

use super::elements::heading_level;
use crate::dom::{Dom, NodeId, NodeSet};

/// Elements that show something without text.
const MEDIA: &[&str] = &[
    "img", "picture", "video", "audio", "iframe", "embed", "object", "svg", "math",
];

/// Longer headings say something of their own.
const MAX_LABEL_WORDS: usize = 12;

/// The headings under `roots` (in order) after which nothing is shown,
/// to be left out of the Markdown. None when nothing but headings is
/// shown at all: then they are all there is.
pub(crate) fn trailing_headings(dom: &Dom, roots: &[NodeId], removed: &NodeSet) -> Vec<NodeId> {
    let mut pending: Vec<NodeId> = Vec::new();
    let mut content = false;
    for &root in roots {
        let mut inside_until = 0;
        for id in dom.subtree_except(root, removed) {
            if id.index() < inside_until {
                continue;
            }
            if dom.element(id).and_then(heading_level).is_some() {
                if is_label(&dom.text_content_except(id, removed)) {
                    pending.push(id);
                } else {
                    content = true;
                    pending.clear();
                }
                inside_until = dom.subtree_range(id).end;
            } else if shows_something(dom, id) {
                content = true;
                pending.clear();
            }
        }
    }
    if content { pending } else { Vec::new() }
}

/// A heading that names what should follow ("Comments", "Most read",
/// "Mehr zum Thema"), not one that says something itself: a sentence
/// (the last words before a paywall often are) is kept.
fn is_label(text: &str) -> bool {
    let text = text.trim();
    let sentence = text.ends_with(['.', '?', '!', '。', '？', '！', '…']);
    !sentence && text.split_whitespace().count() <= MAX_LABEL_WORDS
}

fn shows_something(dom: &Dom, id: NodeId) -> bool {
    match dom.text(id) {
        Some(text) => !text.trim().is_empty(),
        None => dom
            .element(id)
            .is_some_and(|e| MEDIA.iter().any(|m| e.is(m))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trailing(html: &str, removed_tag: Option<&str>) -> Vec<String> {
        let dom = Dom::parse(html);
        let mut removed = NodeSet::new(dom.len());
        if let Some(id) = removed_tag.and_then(|t| dom.find(t)) {
            removed.insert(id);
        }
        let body = dom.find("body").unwrap();
        trailing_headings(&dom, &[body], &removed)
            .into_iter()
            .map(|id| dom.text_content(id))
            .collect()
    }

    #[test]
    fn headings_left_empty_at_the_end_go() {
        let html = "<p>Body text.</p><h2>Most read <i>now</i></h2><div><ul><li>x</ul></div>\
            <h3>Comments</h3><div> </div>";
        assert_eq!(trailing(html, Some("ul")), ["Most read now", "Comments"]);
    }

    #[test]
    fn headings_with_something_after_stay() {
        let html = "<h2>One</h2><p>Text.</p><h2>Pictures</h2><figure><img src=a.png></figure>";
        assert!(trailing(html, None).is_empty());
    }

    #[test]
    fn headings_that_say_something_stay() {
        let html = "<p>Body text.</p><h2>How could it come to this?</h2>\
            <h2>Related</h2><h3>A headline that runs to thirteen words is no label but says things</h3>";
        assert!(trailing(html, None).is_empty());
    }

    #[test]
    fn a_page_of_headings_only_keeps_them() {
        assert!(trailing("<h1>Title</h1><h2>Sub</h2>", None).is_empty());
    }
}
