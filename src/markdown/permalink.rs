//! Permalink anchors: the "¶", "#" or invisible link that documentation
//! generators and CMSs put inside every heading so a reader can copy its
//! address. In Markdown they would be noise (`## Options[​](#options)`),
//! so the page's headings are written without them.

use super::elements::heading_level;
use crate::dom::{Dom, NodeId, NodeSet, local_name};

/// What a permalink shows: symbols, or nothing visible at all.
const MARKS: &[char] = &[
    '¶', '#', '§', '🔗', '⚓', '∞', '\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}',
];

/// A permalink's text is short; longer links are not read.
const MAX_NODES: usize = 8;

/// The same-page links inside headings under `roots` that show only a
/// mark, to be left out of the Markdown.
pub(crate) fn permalinks(dom: &Dom, roots: &[NodeId], removed: &NodeSet) -> Vec<NodeId> {
    let mut found = Vec::new();
    for &root in roots {
        for id in dom.subtree_except(root, removed) {
            let Some(el) = dom.element(id).filter(|e| e.is_named(&local_name!("a"))) else {
                continue;
            };
            let same_page = el.attr("href").is_some_and(|h| h.trim().starts_with('#'));
            if same_page && in_heading(dom, id) && shows_only_a_mark(dom, id, removed) {
                found.push(id);
            }
        }
    }
    found
}

fn in_heading(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id)
        .take(4)
        .any(|a| dom.element(a).and_then(heading_level).is_some())
}

/// No image, and text made only of marks and spaces.
fn shows_only_a_mark(dom: &Dom, id: NodeId, removed: &NodeSet) -> bool {
    if dom.subtree_range(id).len() > MAX_NODES {
        return false;
    }
    let has_image = dom
        .subtree_except(id, removed)
        .any(|n| dom.element(n).is_some_and(|e| e.is("img")));
    let text = dom.text_content_except(id, removed);
    !has_image
        && text
            .chars()
            .all(|c| c.is_whitespace() || MARKS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let removed = NodeSet::new(dom.len());
        let body = dom.body().unwrap();
        permalinks(&dom, &[body], &removed)
            .into_iter()
            .map(|id| dom.text_content(id))
            .collect()
    }

    #[test]
    fn heading_marks_are_permalinks() {
        let html = "<h2 id=o>Options<a href='#o' class=hash-link>\u{200b}</a></h2>\
            <h3>Usage <a class=headerlink href='#u'>¶</a></h3><h4><a href='#x'></a>Empty</h4>";
        assert_eq!(marked(html), ["\u{200b}", "¶", ""]);
    }

    #[test]
    fn links_with_words_or_elsewhere_stay() {
        let html = "<h2><a href='#o'>Options</a></h2><p><a href='#n'>¶</a></p>\
            <h2>T <a href='https://x.example/#o'>#</a></h2><h2><a href='#i'><img src=i.png alt=''></a></h2>";
        assert!(marked(html).is_empty());
    }
}
