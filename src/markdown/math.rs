//! Math: the TeX source of formulas, written as `$...$` (inline) or
//! `$$...$$` (display), the syntax GitHub, pandoc and pulldown-cmark read.
//!
//! Sources, in the forms pages carry them:
//!
//! - MathML `<math>` with an `alttext` attribute or a TeX `<annotation>`;
//!   without either, its text (the formula's symbols, space-separated);
//! - MathJax 2's `<script type="math/tex">` (`; mode=display` for display);
//!   the rendering MathJax put beside it is skipped;
//! - KaTeX's `.katex` span, whose MathML half carries the TeX annotation
//!   (its HTML half is the rendering, skipped);
//! - MathJax 3's `<mjx-container>`, whose assistive MathML is read.
//!
//! TeX that the `$` syntax cannot hold (an unbalanced brace, a `$` of its
//! own) is written as inline code instead, so it still reads as written.

use super::escape;
use crate::dom::{Dom, Element, Namespace, NodeData, NodeId};

/// How many nodes of a formula are read for its source; formulas are
/// small, and the bound keeps a pathological page linear.
const MAX_NODES: usize = 20_000;

/// What a math element becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Math {
    /// TeX source.
    Tex { tex: String, display: bool },
    /// MathML without TeX: its symbols as text.
    Text(String),
    /// A rendering of a formula whose source is elsewhere: nothing.
    Rendering,
}

/// The formula at `id`, when it is one.
pub(super) fn math(dom: &Dom, id: NodeId, el: Element<'_>) -> Option<Math> {
    if el.ns == Namespace::MathMl && &*el.name == "math" {
        return Some(mathml(dom, id, el));
    }
    if el.ns != Namespace::Html {
        return None;
    }
    if el.is("script") {
        let kind = el.attr("type")?.to_ascii_lowercase();
        if !kind.starts_with("math/tex") {
            return None;
        }
        let tex = dom.text_content(id);
        let display = kind.contains("mode=display");
        return Some(Math::Tex { tex, display });
    }
    if &*el.name == "mjx-container" {
        let display = el
            .attr("display")
            .is_some_and(|d| d == "true" || d == "block");
        let inner = find(dom, id, |e| e.ns == Namespace::MathMl && &*e.name == "math");
        let found = inner.and_then(|m| dom.element(m).map(|e| mathml(dom, m, e)));
        return Some(match found {
            Some(Math::Tex { tex, .. }) => Math::Tex { tex, display },
            Some(other) => other,
            None => Math::Rendering,
        });
    }
    // What follows is read from the class: without one, no math.
    let classes = el.attr("class")?;
    let class = |name: &str| classes.split_ascii_whitespace().any(|c| c == name);
    if class("katex") {
        let display = dom
            .parent(id)
            .and_then(|p| dom.element(p))
            .is_some_and(|p| p.classes().any(|c| c == "katex-display"));
        return Some(match annotation(dom, id) {
            Some(tex) => Math::Tex { tex, display },
            None => Math::Rendering,
        });
    }
    let rendering = classes.split_ascii_whitespace().any(|c| {
        c.starts_with("MathJax_Preview")
            || c == "MathJax"
            || c.starts_with("MathJax_SVG")
            || c.starts_with("MathJax_CHTML")
            || c == "MathJax_Display"
    });
    rendering.then_some(Math::Rendering)
}

/// A `<math>` element's TeX, or its text when it has none.
fn mathml(dom: &Dom, id: NodeId, el: Element<'_>) -> Math {
    let display = el.attr("display").is_some_and(|d| d == "block");
    let tex = el
        .attr("alttext")
        .map(str::to_string)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| annotation(dom, id));
    match tex {
        Some(tex) => Math::Tex {
            tex: unwrap_style(&tex).to_string(),
            display,
        },
        None => Math::Text(symbols(dom, id)),
    }
}

/// `{\displaystyle x}` as `x`: Wikipedia wraps every formula's TeX in a
/// style group that only sets the size.
fn unwrap_style(tex: &str) -> &str {
    let t = tex.trim();
    ["{\\displaystyle", "{\\textstyle"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .and_then(|rest| rest.strip_suffix('}'))
        .filter(|inner| inner.starts_with(char::is_whitespace))
        .map_or(t, str::trim)
}

/// The text of the first TeX `<annotation>` under `id`.
fn annotation(dom: &Dom, id: NodeId) -> Option<String> {
    let found = find(dom, id, |e| {
        &*e.name == "annotation"
            && e.attr("encoding")
                .is_some_and(|enc| enc.to_ascii_lowercase().contains("tex"))
    })?;
    Some(dom.text_content(found)).filter(|t| !t.trim().is_empty())
}

/// The first element under `id` (bounded scan) that `wanted` accepts.
fn find(dom: &Dom, id: NodeId, wanted: impl Fn(Element) -> bool) -> Option<NodeId> {
    dom.subtree(id)
        .skip(1)
        .take(MAX_NODES)
        .find(|&n| dom.element(n).is_some_and(&wanted))
}

/// MathML's text, one space between its token elements' texts.
fn symbols(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    for n in dom.subtree(id).take(MAX_NODES) {
        if let NodeData::Text(t) = dom.data(n) {
            let t = t.trim();
            if !t.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
    }
    out
}

/// The TeX as Markdown: `$tex$` or `$$tex$$` when the `$` syntax can hold
/// it, else inline code.
pub(super) fn syntax(tex: &str, display: bool) -> String {
    let tex = one_line(tex);
    if tex.is_empty() {
        return String::new();
    }
    if !fits_dollars(&tex) {
        return escape::code_span(&tex);
    }
    if display {
        format!("$${tex}$$")
    } else {
        format!("${tex}$")
    }
}

/// TeX on one line: `%` comments dropped (they would swallow the rest of
/// the formula once lines are joined) and whitespace folded. A blank line
/// or a line that looks like a list or a quote would break the paragraph
/// the formula sits in.
pub(super) fn one_line(tex: &str) -> String {
    let mut kept = String::with_capacity(tex.len());
    for line in tex.lines() {
        let mut escaped = false;
        for c in line.chars() {
            if c == '%' && !escaped {
                break;
            }
            escaped = c == '\\' && !escaped;
            kept.push(c);
        }
        kept.push(' ');
    }
    escape::fold_whitespace(&kept)
}

/// Whether `$tex$` parses as math: braces balanced (unescaped), no `$`
/// of its own, no backtick (a code span would take precedence).
fn fits_dollars(tex: &str) -> bool {
    let mut depth = 0i64;
    let mut escaped = false;
    for c in tex.chars() {
        match c {
            _ if escaped => {}
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            '$' | '`' => return false,
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    depth == 0
}
