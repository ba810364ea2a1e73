//! TEMPORARY stub: plain text, replaced by the real writer.
use crate::dom::{Dom, NodeId, NodeSet};

#[derive(Debug, Default)]
pub(crate) struct MarkdownOptions {}

pub(crate) fn render(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    _o: &MarkdownOptions,
) -> String {
    let mut out = String::new();
    for &r in roots {
        let mut i = r.index();
        let end = dom.subtree_range(r).end;
        while i < end {
            let id = NodeId::from_index(i);
            if removed.contains(id) {
                i = dom.subtree_range(id).end;
                continue;
            }
            if let Some(t) = dom.text(id) {
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    out.push_str(&t);
                    out.push_str("\n\n");
                }
            }
            i += 1;
        }
    }
    let t = out.trim_end().to_string();
    if t.is_empty() { t } else { t + "\n" }
}

pub(crate) fn heading(level: usize, text: &str) -> String {
    format!(
        "{} {}",
        "#".repeat(level),
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}
