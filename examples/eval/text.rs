//! Visible text: from reference HTML, from produced Markdown, and whitespace folding.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Elements whose contents a reader never sees.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "head"];

/// Elements that start a new block: their edges separate words.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Folds every run of whitespace (Unicode White_Space, so NBSP too) into one
/// space and trims both ends.
pub fn fold_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One step of the iterative walk: a node to visit, or the end of a block.
enum Step {
    Node(Handle),
    BlockEnd,
}

/// The text a browser would show for `html`, blocks separated by newlines.
///
/// The walk uses its own stack, so deeply nested pages cannot overflow ours.
pub fn html_visible_text(html: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut out = String::new();
    let mut stack = vec![Step::Node(dom.document.clone())];
    while let Some(step) = stack.pop() {
        match step {
            Step::BlockEnd => out.push('\n'),
            Step::Node(node) => visit(&node, &mut out, &mut stack),
        }
    }
    out
}

/// Emits a text node, or schedules an element's children (with block edges).
fn visit(node: &Handle, out: &mut String, stack: &mut Vec<Step>) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Document => push_children(node, stack),
        NodeData::Element { name, .. } => {
            let tag: &str = &name.local;
            if HIDDEN.contains(&tag) {
                return;
            }
            if BLOCKS.contains(&tag) {
                out.push('\n');
                stack.push(Step::BlockEnd);
            }
            push_children(node, stack);
        }
        _ => {}
    }
}

/// Pushes children in reverse so that they pop in document order.
fn push_children(node: &Handle, stack: &mut Vec<Step>) {
    let children = node.children.borrow();
    stack.extend(children.iter().rev().map(|c| Step::Node(c.clone())));
}

/// The text a reader sees once `markdown` is rendered: Text and Code events,
/// blocks separated by newlines; no syntax, link destinations, image alt
/// text or raw HTML. Math (`$...$`) is left out too: a reader sees the
/// formula, not its TeX source, and the references show formulas as
/// images or MathML, whose words cannot be compared with TeX commands.
pub fn markdown_visible_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    let mut out = String::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(tag) if is_block(&tag.to_end()) => out.push('\n'),
            Event::End(tag) if is_block(&tag) => out.push('\n'),
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Whether a Markdown element is a block (its edges separate words).
fn is_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_joins_runs_and_trims() {
        assert_eq!(fold_ws("  a \n\t b\u{a0}\u{a0}c  "), "a b c");
        assert_eq!(fold_ws(" \n "), "");
    }

    #[test]
    fn html_skips_hidden_elements() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <p>one<script>var x = 1;</script></p><noscript>ns</noscript>\
                    <template>tpl</template>two</body></html>";
        assert_eq!(fold_ws(&html_visible_text(html)), "one two");
    }

    #[test]
    fn html_blocks_do_not_fuse_words() {
        assert_eq!(fold_ws(&html_visible_text("<p>a</p><p>b</p>")), "a b");
        assert_eq!(
            fold_ws(&html_visible_text("x<br>y<table><tr><td>z<td>w</table>")),
            "x y z w"
        );
        assert_eq!(fold_ws(&html_visible_text("<b>in</b>line")), "inline");
    }

    #[test]
    fn markdown_drops_syntax_and_urls() {
        let md = "# Title\n\nSome *emphasis* and **strong** [link](http://x.example/u) \
                  `code` ![alt text](img.png)\n\n- item\n- two\n";
        let text = fold_ws(&markdown_visible_text(md));
        assert_eq!(text, "Title Some emphasis and strong link code item two");
    }

    #[test]
    fn markdown_separates_blocks_and_cells() {
        let md = "a\n\nb\n\n| h1 | h2 |\n|---|---|\n| c | d |\n\n~~gone~~ed";
        assert_eq!(fold_ws(&markdown_visible_text(md)), "a b h1 h2 c d goneed");
    }
}
