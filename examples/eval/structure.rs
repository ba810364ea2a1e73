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
//! A footnote reference in the output adds its label to the text around
//! it (a reader sees the number), and a reference note's back-links
//! (`^ a b`: same-page links of one letter or an arrow) are not counted:
//! GFM footnotes get theirs from the renderer.
//!
//! A reference table counts only when it is a data table: two rows or more
//! with two cells or more, holding no table, list or heading. declutter
//! writes other tables (layout tables) as their content, on purpose. A
//! reference link inside `<pre>` is not counted (a CommonMark code block
//! cannot hold links), nor an image that renders a formula (declutter
//! writes the formula's TeX).
//!
//! "Kept recall" is recall over the reference instances whose content the
//! output has at all (see [`compare`]): it tells what the Markdown lost
//! apart from what extraction left out.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use html5ever::Attribute;
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

/// Keys of each construct's instances.
type Keys = [Vec<String>; 7];

/// Compares the constructs of the reference HTML with the Markdown's.
///
/// Recall against the reference mixes two things: content the extraction
/// left out (a table of contents, a sidebar: the rules drop them on
/// purpose) and structure the Markdown lost. The second is measured on the
/// reference instances whose text the output shows somewhere (`kept`): a
/// heading whose words are in the output but not as a heading was lost by
/// the writer. A heading is kept when its words and the next few words
/// after it are in the output, and a link when the text around it (its
/// paragraph, item or cell) is, since a short heading or link text alone
/// is found anywhere; a link without text counts only through its image;
/// an image is kept when its file name or its alt text is in the output.
pub fn compare(expected_html: &str, markdown: &str) -> Structure {
    let (expected, scopes) = html_keys(expected_html);
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
        for (k, scope) in expected[i].iter().zip(kept(&scopes[i], &text, markdown)) {
            let found = left
                .get_mut(k.as_str())
                .filter(|n| **n > 0)
                .map(|n| *n -= 1);
            s.matched[i] += usize::from(found.is_some());
            s.kept[i] += usize::from(scope);
            s.kept_matched[i] += usize::from(scope && found.is_some());
        }
    }
    s
}

/// Whether each reference instance is kept in the output (its scope's
/// words are in `text`, or its image is in `markdown`).
fn kept<'a>(
    scopes: &'a [Scope],
    text: &'a str,
    markdown: &'a str,
) -> impl Iterator<Item = bool> + 'a {
    let in_text = move |k: &str| k.is_empty() || text.contains(&format!(" {k} "));
    // Image keys are lowercased file names.
    let markdown = markdown.to_lowercase();
    scopes.iter().map(move |scope| match scope {
        Scope::Text(words) => in_text(words),
        Scope::Image { file, alt } => {
            (!file.is_empty() && markdown.contains(file.as_str()))
                || (!alt.is_empty() && in_text(alt))
        }
    })
}

/// The reference's instances the output lacks though it kept their
/// content, per construct (for `--page`), at most `max` each.
pub fn missing(expected_html: &str, markdown: &str, max: usize) -> Vec<(usize, String)> {
    let (expected, scopes) = html_keys(expected_html);
    let produced = markdown_keys(markdown);
    let text = format!(
        " {} ",
        tokens(&crate::text::markdown_visible_text(markdown)).join(" ")
    );
    let mut out = Vec::new();
    for i in 0..CONSTRUCTS.len() {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for k in &produced[i] {
            *left.entry(k.as_str()).or_insert(0) += 1;
        }
        let lacking = expected[i]
            .iter()
            .zip(kept(&scopes[i], &text, markdown))
            .filter(|(k, kept)| match left.get_mut(k.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => *kept,
            });
        out.extend(lacking.take(max).map(|(k, _)| (i, k.clone())));
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

/// What tells that a reference instance's content is in the output.
#[derive(Debug, Clone)]
enum Scope {
    /// These words, in this order.
    Text(String),
    /// An image: its file name in the Markdown, or its alt text's words.
    Image { file: String, alt: String },
}

/// Elements whose text is a link's context: the link is kept when its
/// context is (a short link text alone is found anywhere).
fn is_context(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li" | "td" | "th" | "dd" | "dt" | "figcaption" | "caption" | "blockquote"
    ) || html_construct(tag) == Some(0)
}

/// Words after a heading that tell it is kept: its own are often a word
/// or two ("Introduction") found anywhere.
const HEADING_CONTEXT: usize = 8;

/// One step of the reference walk.
enum Visit {
    /// A node, with its link context and whether it is inside `<pre>`.
    Node(Handle, Rc<str>, bool),
    /// The end of heading number `n` (its scope is completed then).
    HeadingEnd(usize),
}

fn html_keys(html: &str) -> (Keys, [Vec<Scope>; 7]) {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut keys: Keys = Default::default();
    let mut scopes: [Vec<Scope>; 7] = Default::default();
    // The document's words, and where each heading's words start and end.
    let mut words: Vec<String> = Vec::new();
    let mut headings: Vec<(usize, usize)> = Vec::new();
    let mut stack = vec![Visit::Node(dom.document.clone(), Rc::from(""), false)];
    while let Some(visit) = stack.pop() {
        let (node, mut context, mut in_pre) = match visit {
            Visit::Node(node, context, in_pre) => (node, context, in_pre),
            Visit::HeadingEnd(n) => {
                headings[n].1 = words.len();
                continue;
            }
        };
        match &node.data {
            NodeData::Text { contents } => words.extend(tokens(&contents.borrow())),
            NodeData::Element { name, .. } if matches!(&*name.local, "script" | "style") => {
                continue;
            }
            NodeData::Element { name, attrs, .. } => {
                let tag: &str = &name.local;
                let attr = |n: &str| attr_of(attrs, n);
                if is_context(tag) {
                    context = Rc::from(text_key(&text_of(&node)));
                }
                in_pre |= tag == "pre";
                match html_construct(tag) {
                    // A rendering of a formula is written as math, not an image.
                    Some(3) if is_formula(&attr) => {}
                    Some(3) => {
                        let file = image_key(&reference_source(&attr));
                        let alt = text_key(&attr("alt").unwrap_or_default());
                        keys[3].push(file.clone());
                        scopes[3].push(Scope::Image { file, alt });
                    }
                    // A footnote's way back to where it is cited: a GFM
                    // footnote gets its own from the renderer.
                    Some(2) if is_back_reference(&node) => continue,
                    // CommonMark code blocks cannot hold links.
                    Some(2) if attr("href").is_some() && !in_pre => {
                        if let Some((key, scope)) = link_scope(&node, &context) {
                            keys[2].push(key);
                            scopes[2].push(scope);
                        }
                    }
                    Some(2) => {}
                    Some(5) if !is_data_table(&node) => {}
                    Some(0) => {
                        keys[0].push(text_key(&text_of(&node)));
                        scopes[0].push(Scope::Text(String::new()));
                        stack.push(Visit::HeadingEnd(headings.len()));
                        headings.push((words.len(), 0));
                    }
                    Some(i) => {
                        let key = text_key(&text_of(&node));
                        keys[i].push(key.clone());
                        scopes[i].push(Scope::Text(key));
                    }
                    None => {}
                }
            }
            _ => {}
        }
        let children = node.children.borrow();
        stack.extend(
            children
                .iter()
                .rev()
                .map(|c| Visit::Node(c.clone(), Rc::clone(&context), in_pre)),
        );
    }
    for (scope, (start, end)) in scopes[0].iter_mut().zip(headings) {
        let end = (end + HEADING_CONTEXT).min(words.len());
        *scope = Scope::Text(words[start..end].join(" "));
    }
    (keys, scopes)
}

/// A link's key (its text) and scope: the text around it, or its image
/// when it has no text; `None` for a link a reader cannot see.
fn link_scope(node: &Handle, context: &str) -> Option<(String, Scope)> {
    let key = text_key(&text_of(node));
    let scope = if key.is_empty() {
        first_image(node)?
    } else if context.is_empty() {
        Scope::Text(key.clone())
    } else {
        Scope::Text(context.to_string())
    };
    Some((key, scope))
}

/// The value of attribute `name`.
fn attr_of(attrs: &RefCell<Vec<Attribute>>, name: &str) -> Option<String> {
    attrs
        .borrow()
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// The first `<img>` under a link, as an image scope.
fn first_image(node: &Handle) -> Option<Scope> {
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &n.data
            && &*name.local == "img"
        {
            let attr = |k: &str| attr_of(attrs, k);
            let file = image_key(&reference_source(&attr));
            let alt = text_key(&attr("alt").unwrap_or_default());
            return Some(Scope::Image { file, alt });
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    None
}

/// The text under `node` (iterative); a table's caption is not part of
/// it (declutter writes it after the table).
fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. }
                if matches!(&*name.local, "script" | "style" | "caption") =>
            {
                continue;
            }
            NodeData::Element { .. } if is_back_reference(&n) => continue,
            _ => {}
        }
        out.push(' ');
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    out
}

/// A link from a note back to where it is cited (Wikipedia's `^ a b`):
/// same-page, and its text one lowercase letter or an arrow. declutter
/// writes such notes as GFM footnotes, whose renderer makes these links.
fn is_back_reference(node: &Handle) -> bool {
    let NodeData::Element { name, attrs, .. } = &node.data else {
        return false;
    };
    if &*name.local != "a" || !attr_of(attrs, "href").is_some_and(|h| h.starts_with('#')) {
        return false;
    }
    let mut text = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if let NodeData::Text { contents } = &n.data {
            text.push_str(&contents.borrow());
        }
        stack.extend(n.children.borrow().iter().cloned());
    }
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_ascii_lowercase() || matches!(c, '^' | '↑' | '↩'),
        _ => false,
    }
}

/// Two rows or more that have two cells or more each (a frame whose
/// content row spans the whole width is layout), and no block content
/// inside.
fn is_data_table(table: &Handle) -> bool {
    let mut rows = 0;
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
                if cells >= 2 {
                    rows += 1;
                }
            }
            _ => {}
        }
        stack.extend(n.children.borrow().iter().cloned());
    }
    rows >= 2
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
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                keys[3].push(image_key(&dest_url));
                in_image += 1;
            }
            // Alt text is not text a reader sees (nor is it in the
            // reference's keys).
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(_) if in_image > 0 => {}
            // A footnote was a link to a note in a list: count it as both.
            // Its label is what a reader sees where it stands (GitHub shows
            // the number), as the reference shows `[1]`.
            Event::FootnoteReference(label) => {
                keys[2].push(text_key(&label));
                for (_, text) in &mut open {
                    text.push(' ');
                    text.push_str(&label);
                    text.push(' ');
                }
            }
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
        let md = "## Intro\n\n- one\n- two [link](u)\n\n![](https://o/pic.JPG)\n\n\
                  ```\ncode\n```\n\n> q\n\n| a | b |\n| --- | --- |\n| c | d |\n\n* three\n";
        let s = compare(html, md);
        assert_eq!(s.expected, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.produced, [1, 3, 1, 1, 1, 1, 1]);
        assert_eq!(s.matched, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.kept, [1, 2, 1, 1, 1, 1, 1]);
        assert_eq!(s.recall_precision(1), (1.0, 2.0 / 3.0));
    }

    #[test]
    fn footnotes_match_the_notes_they_were() {
        // Wikipedia's notes: back-links `^ a b` and a citation inside.
        let html = "<p>Text<sup><a href='#n1'>[1]</a></sup></p><ol>\
                    <li id=n1>^ <a href='#r1'>a</a> <a href='#r2'>b</a> Smith 2005, \
                    p. 6.<sup><a href='#n2'>[2]</a></sup></li>\
                    <li id=n2><a href='#r3'>^</a> Jones.</li></ol>";
        let md = "Text[^1]\n\n[^1]: Smith 2005, p. 6.[^2]\n\n[^2]: Jones.\n";
        let s = compare(html, md);
        // Links: the two citations (`^` has no words, and is not counted).
        assert_eq!(s.expected[1..3], [2, 2]);
        assert_eq!(s.matched[1..3], [2, 2]);
    }

    #[test]
    fn a_frame_whose_content_row_spans_the_width_is_layout() {
        let frame = "<table><tr><td><img src=c1.gif><td>Title<td><img src=c2.gif>\
                     <tr><td colspan=3>The content.</table>";
        let data = "<table><tr><td>a<td>b<tr><td>c<td>d</table>";
        assert_eq!(compare(frame, "The content.\n").expected[5], 0);
        assert_eq!(compare(data, "a b c d\n").expected[5], 1);
    }
}
