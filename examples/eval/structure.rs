//! Structure scores: how many of the reference's headings, list items,
//! links, images, code blocks, tables and blockquotes the output has.
//!
//! Each construct instance gets a key: its text as lowercased `\w+` tokens
//! (headings, list items, links, code blocks, blockquotes), its file name
//! (images: the reference resolved addresses against another host, so the
//! rest of the address cannot be compared), or nothing (tables). Per page
//! and construct, the instances are matched as multisets of keys; the
//! matches, reference and output counts are summed over pages, so recall
//! is matched / reference and precision matched / output.
//!
//! A reference table counts only when it is a data table: two rows or more
//! with two cells or more, holding no table, list or heading. declutter
//! writes other tables (layout tables) as their content, on purpose.

use std::collections::HashMap;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::score::tokens;

/// The constructs scored, in report order.
pub const CONSTRUCTS: [&str; 7] = [
    "headings",
    "list items",
    "links",
    "images",
    "code blocks",
    "tables",
    "blockquotes",
];

/// Matched, reference and output counts for each construct; `kept` and
/// `kept_matched` count the reference instances whose text the output
/// has at all (see [`compare`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Structure {
    pub matched: [usize; 7],
    pub expected: [usize; 7],
    pub produced: [usize; 7],
    pub kept: [usize; 7],
    pub kept_matched: [usize; 7],
}

impl Structure {
    pub fn add(&mut self, other: &Structure) {
        for i in 0..CONSTRUCTS.len() {
            self.matched[i] += other.matched[i];
            self.expected[i] += other.expected[i];
            self.produced[i] += other.produced[i];
            self.kept[i] += other.kept[i];
            self.kept_matched[i] += other.kept_matched[i];
        }
    }

    /// Recall over the reference instances whose content was kept.
    pub fn kept_recall(&self, i: usize) -> f64 {
        if self.kept[i] == 0 {
            1.0
        } else {
            self.kept_matched[i] as f64 / self.kept[i] as f64
        }
    }

    /// Recall and precision of construct `i` (1 when there is nothing to
    /// find or nothing produced).
    pub fn recall_precision(&self, i: usize) -> (f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        (
            ratio(self.matched[i], self.expected[i]),
            ratio(self.matched[i], self.produced[i]),
        )
    }
}

/// Keys of each construct's instances (and, last, each reference image's
/// alt text key).
type Keys = [Vec<String>; 8];

/// Compares the constructs of the reference HTML with the Markdown's.
///
/// Recall against the reference mixes two things: content the extraction
/// left out (a table of contents, a sidebar: the rules drop them on
/// purpose) and structure the Markdown lost. The second is measured on the
/// reference instances whose text the output shows somewhere (`kept`): a
/// heading whose words are in the output but not as a heading was lost by
/// the writer. Instances without text (image links) always count as kept;
/// an image counts as kept when its file name or its alt text is in the
/// output.
pub fn compare(expected_html: &str, markdown: &str) -> Structure {
    let expected = html_keys(expected_html);
    let produced = markdown_keys(markdown);
    let text = format!(
        " {} ",
        tokens(&crate::text::markdown_visible_text(markdown)).join(" ")
    );
    let mut s = Structure::default();
    for i in 0..CONSTRUCTS.len() {
        s.expected[i] = expected[i].len();
        s.produced[i] = produced[i].len();
        let mut left: HashMap<&str, usize> = HashMap::new();
        for k in &produced[i] {
            *left.entry(k.as_str()).or_insert(0) += 1;
        }
        for (k, scope) in expected[i]
            .iter()
            .zip(&expected_scope(i, &expected, &text, markdown))
        {
            let found = left
                .get_mut(k.as_str())
                .filter(|n| **n > 0)
                .map(|n| *n -= 1);
            s.matched[i] += usize::from(found.is_some());
            s.kept[i] += usize::from(*scope);
            s.kept_matched[i] += usize::from(*scope && found.is_some());
        }
    }
    s
}

/// Whether each reference instance of construct `i` is kept in the output.
fn expected_scope(i: usize, expected: &Keys, text: &str, markdown: &str) -> Vec<bool> {
    let alts = &expected[7];
    expected[i]
        .iter()
        .enumerate()
        .map(|(n, k)| {
            let in_text = |k: &str| k.is_empty() || text.contains(&format!(" {k} "));
            if i == 3 {
                let alt = alts.get(n).map_or("", String::as_str);
                (!k.is_empty() && markdown.contains(k.as_str()))
                    || (!alt.is_empty() && in_text(alt))
            } else {
                in_text(k)
            }
        })
        .collect()
}

/// The reference's instances the output lacks though it kept their
/// content, per construct (for `--page`), at most `max` each.
pub fn missing(expected_html: &str, markdown: &str, max: usize) -> Vec<(usize, String)> {
    let expected = html_keys(expected_html);
    let produced = markdown_keys(markdown);
    let mut out = Vec::new();
    for i in 0..CONSTRUCTS.len() {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for k in &produced[i] {
            *left.entry(k.as_str()).or_insert(0) += 1;
        }
        let text = format!(
            " {} ",
            tokens(&crate::text::markdown_visible_text(markdown)).join(" ")
        );
        let scope = expected_scope(i, &expected, &text, markdown);
        let kept = expected[i]
            .iter()
            .zip(scope)
            .filter(|(_, kept)| *kept)
            .map(|(k, _)| k);
        let lacking = kept.filter(|k| match left.get_mut(k.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        out.extend(lacking.take(max).map(|k| (i, k.clone())));
    }
    out
}

fn text_key(text: &str) -> String {
    tokens(text).join(" ")
}

/// An image address's file name, lowercased, without query or fragment.
fn image_key(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// An image of a formula (Wikipedia's fallback renderings): declutter
/// writes the formula's TeX instead.
fn is_formula(attr: &dyn Fn(&str) -> Option<String>) -> bool {
    attr("alt").is_some_and(|a| a.contains("\\displaystyle"))
        || attr("src").is_some_and(|s| s.contains("/math/render/"))
        || attr("class").is_some_and(|c| c.contains("math"))
}

/// The address a reference image shows: `src` unless it is missing or
/// inline data, else the largest `srcset` candidate, else a lazy-loading
/// attribute (Readability keeps the attributes as the page had them).
fn reference_source(attr: &dyn Fn(&str) -> Option<String>) -> String {
    let usable = |s: &String| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    if let Some(src) = attr("src").filter(usable) {
        return src;
    }
    let largest = ["srcset", "data-srcset"].iter().find_map(|a| {
        let set = attr(a)?;
        set.split(',')
            .filter_map(|c| {
                let mut parts = c.split_whitespace();
                let url = parts.next()?.to_string();
                let size = parts
                    .next()
                    .and_then(|d| d.trim_end_matches(['w', 'x']).parse::<f64>().ok())
                    .unwrap_or(1.0);
                Some((size, url))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, url)| url)
    });
    largest
        .or_else(|| attr("data-src"))
        .or_else(|| attr("data-original"))
        .unwrap_or_default()
}

/// The index of a construct, by the element that makes it.
fn html_construct(tag: &str) -> Option<usize> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => 0,
        "li" => 1,
        "a" => 2,
        "img" => 3,
        "pre" => 4,
        "table" => 5,
        "blockquote" => 6,
        _ => return None,
    })
}

fn html_keys(html: &str) -> Keys {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut keys: Keys = Default::default();
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag: &str = &name.local;
            let attr = |n: &str| {
                attrs
                    .borrow()
                    .iter()
                    .find(|a| &*a.name.local == n)
                    .map(|a| a.value.to_string())
            };
            match html_construct(tag) {
                // A rendering of a formula is written as math, not an image.
                Some(3) if is_formula(&attr) => {}
                Some(3) => {
                    keys[3].push(image_key(&reference_source(&attr)));
                    keys[7].push(text_key(&attr("alt").unwrap_or_default()));
                }
                Some(2) if attr("href").is_none() => {}
                Some(5) if !is_data_table(&node) => {}
                Some(5) => keys[5].push(text_key(&text_of(&node))),
                Some(i) => keys[i].push(text_key(&text_of(&node))),
                None => {}
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    keys
}

/// The text under `node` (iterative).
fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if matches!(&*name.local, "script" | "style") => {
                continue;
            }
            _ => {}
        }
        out.push(' ');
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    out
}

/// Two rows or more of two cells or more, and no block content inside.
fn is_data_table(table: &Handle) -> bool {
    let (mut rows, mut columns) = (0, 0);
    let mut stack: Vec<Handle> = table.children.borrow().iter().cloned().collect();
    while let Some(n) = stack.pop() {
        let NodeData::Element { name, .. } = &n.data else {
            continue;
        };
        match &*name.local {
            "table" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
            | "blockquote" => return false,
            "tr" => {
                let cells = n
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| {
                        matches!(&c.data, NodeData::Element { name, .. }
                            if matches!(&*name.local, "td" | "th"))
                    })
                    .count();
                if cells > 0 {
                    rows += 1;
                }
                columns = columns.max(cells);
            }
            _ => {}
        }
        stack.extend(n.children.borrow().iter().cloned());
    }
    rows >= 2 && columns >= 2
}

/// Keys of the Markdown's constructs, read with pulldown-cmark.
fn markdown_keys(markdown: &str) -> Keys {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH;
    let mut keys: Keys = Default::default();
    // Open constructs: index and the text collected since.
    let mut open: Vec<(usize, String)> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => keys[3].push(image_key(&dest_url)),
            // A footnote was a link to a note in a list: count it as both.
            Event::FootnoteReference(label) => keys[2].push(text_key(&label)),
            Event::Start(Tag::FootnoteDefinition(_)) => open.push((1, String::new())),
            Event::Start(tag) => {
                if !matches!(
                    tag,
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
                ) {
                    for (_, text) in &mut open {
                        text.push(' ');
                    }
                }
                let index = match tag {
                    Tag::Heading { .. } => 0,
                    Tag::Item => 1,
                    Tag::Link { .. } => 2,
                    Tag::CodeBlock(_) => 4,
                    Tag::Table(_) => 5,
                    Tag::BlockQuote(_) => 6,
                    _ => continue,
                };
                open.push((index, String::new()));
            }
            Event::End(tag) => {
                let closes = matches!(
                    tag,
                    TagEnd::Heading(_)
                        | TagEnd::Item
                        | TagEnd::FootnoteDefinition
                        | TagEnd::Link
                        | TagEnd::CodeBlock
                        | TagEnd::Table
                        | TagEnd::BlockQuote(_)
                );
                if closes && let Some((index, text)) = open.pop() {
                    keys[index].push(text_key(&text));
                }
                let inline = matches!(
                    tag,
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                );
                if !inline {
                    for (_, text) in &mut open {
                        text.push(' ');
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                for (_, text) in &mut open {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                for (_, text) in &mut open {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructs_are_matched_by_key() {
        let html = "<h2>Intro</h2><ul><li>one</li><li>two <a href=x>link</a></li></ul>\
                    <img src='http://h/a/pic.jpg?x=1'><pre>code</pre><blockquote>q</blockquote>\
                    <table><tr><td>a<td>b<tr><td>c<td>d</table><table><tr><td>layout</table>";
        let md = "## Intro\n\n- one\n- two [link](u)\n- three\n\n![](https://o/pic.JPG)\n\n\
                  ```\ncode\n```\n\n> q\n\n| a | b |\n| --- | --- |\n| c | d |\n";
        let s = compare(html, md);
        assert_eq!(s.expected, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.produced, [1, 3, 1, 1, 1, 1, 1]);
        assert_eq!(s.matched, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.kept, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.recall_precision(1), (1.0, 2.0 / 3.0));
    }
}
