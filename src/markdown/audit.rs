//! The round-trip property's DOM side: the visible text and the count of
//! each construct in the cleaned DOM's chosen roots, read by a walk of its
//! own (not the writer's), so that the Markdown read back by a CommonMark
//! parser can be compared with it.
//!
//! The walk applies the stage's documented policies through the same
//! predicates the writer uses (what is hidden, which images and links are
//! kept, which tables are pipe tables, footnotes, math, embeds), and the
//! documented transformations: a footnote reference reads as its label
//! and its note comes at the end; math reads as its TeX; an embed as its
//! link text; a figure's or table's late caption after its owner.
//! Everything else (escaping, emphasis, nesting, whitespace) is what the
//! comparison checks.

use super::elements::{self, Kind, heading_level};
use super::embed;
use super::inline::is_html_space;
use super::math::{self, Math};
use super::table;
use super::{Destination, MarkdownOptions, Page, image};
use crate::dom::{Dom, Element, NodeData, NodeId, NodeSet, Step, Walker};

/// How many of each construct a document has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) headings: usize,
    pub(crate) items: usize,
    pub(crate) links: usize,
    pub(crate) images: usize,
    pub(crate) code_blocks: usize,
    pub(crate) tables: usize,
    pub(crate) quotes: usize,
    pub(crate) footnotes: usize,
}

/// A document's visible text (whitespace folded) and construct counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) text: String,
    pub(crate) counts: Counts,
}

/// Markers that make a short paragraph a section heading (see
/// `section.rs`); headings starting with one are left out of the counts
/// on both sides, since the writer makes some paragraphs such headings.
pub(crate) fn is_section_heading(text: &str) -> bool {
    text.trim_start()
        .starts_with(['◇', '◆', '■', '□', '▣', '◈'])
}

/// What the DOM under `roots` shows.
pub(crate) fn dom_summary(
    dom: &Dom,
    roots: &[NodeId],
    removed: &NodeSet,
    options: &MarkdownOptions,
) -> Summary {
    let page = Page::new(dom, roots, removed, options);
    let mut audit = Audit {
        page: &page,
        text: String::new(),
        visible: 0,
        link_segment: false,
        after_break: false,
        in_note: false,
        counts: Counts::default(),
        inline_only: 0,
        links: 0,
        tables: Vec::new(),
        open: Vec::new(),
        deferred: Vec::new(),
        moved_header: None,
        walk_first: None,
    };
    for &root in roots {
        audit.walk(root, false);
    }
    for note in &page.notes.notes {
        audit.write(" ");
        audit.walk(note.target, true);
    }
    Summary {
        text: fold(&audit.text),
        counts: audit.counts,
    }
}

/// Whitespace folded to single spaces, trimmed.
pub(crate) fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What an element counts as when it ends, if it showed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Construct {
    None,
    Heading,
    Item,
    Link,
    Quote,
    Table,
    Caption,
    /// A table written as its cells' content.
    LayoutTable,
}

struct Open {
    construct: Construct,
    /// Visible characters and images seen before the element started.
    seen: usize,
    /// Text written from here on belongs to a heading (for the section
    /// marker check).
    text_at: usize,
    /// Leaving the element ends an inline-only context, or a link.
    inline_only: bool,
    block: bool,
}

struct Audit<'a> {
    page: &'a Page<'a>,
    text: String,
    /// Non-whitespace characters in `text`.
    visible: usize,
    /// The open link has shown content in the current block.
    link_segment: bool,
    /// A `<br>` was the last thing written (whitespace aside).
    after_break: bool,
    /// A footnote's note is being walked.
    in_note: bool,
    counts: Counts,
    inline_only: usize,
    links: usize,
    tables: Vec<(bool, bool)>,
    open: Vec<Open>,
    /// Captions written when their owner ends: (owner, caption).
    deferred: Vec<(NodeId, NodeId)>,
    /// A pipe table's header row that the writer moves to the top: walked
    /// first, then skipped where it stands (with whether it was walked).
    moved_header: Option<(NodeId, bool)>,
    /// A walk to start before the current one goes on.
    walk_first: Option<NodeId>,
}

impl Audit<'_> {
    fn dom(&self) -> &Dom {
        self.page.dom
    }

    /// Visible characters and images so far: what tells an element that
    /// wrote something from one that did not.
    fn seen(&self) -> usize {
        self.counts.images + self.visible
    }

    fn write(&mut self, s: &str) {
        let visible = s.chars().filter(|c| !c.is_whitespace()).count();
        if visible > 0 {
            self.link_content();
        }
        if !s.chars().all(is_html_space) {
            self.after_break = false;
        }
        self.visible += visible;
        self.text.push_str(s);
    }

    /// Visible content inside a link: the writer repeats a link in each
    /// block its content spans, so each block's part counts as one.
    fn link_content(&mut self) {
        if self.links > 0 && !self.link_segment {
            self.counts.links += 1;
            self.link_segment = true;
        }
    }

    /// A block edge: outside headings and pipe cells it ends the block.
    fn block_edge(&mut self) {
        self.write(" ");
        self.after_break = false;
        if self.inline_only == 0 {
            self.link_segment = false;
        }
    }

    /// A `<br>`. In a paragraph (not a heading or a pipe table), a second
    /// one with nothing visible since the first ends the paragraph, as the
    /// writer does, and a link open across it is written again after.
    fn line_break(&mut self) {
        let in_paragraph = self.inline_only == 0 && !self.tables.last().is_some_and(|t| t.0);
        if self.after_break && in_paragraph {
            self.block_edge();
        } else {
            self.write(" ");
            self.after_break = true;
        }
    }

    fn walk(&mut self, root: NodeId, note: bool) {
        self.in_note = note;
        let mut walkers = vec![Walker::new(root)];
        while let Some(walker) = walkers.last_mut() {
            match walker.next(self.page.dom) {
                Some(Step::Enter(id)) => {
                    let skip = self.enter(id, note && id == root, walkers.len() > 1);
                    if skip && let Some(w) = walkers.last_mut() {
                        w.skip_children(self.page.dom);
                    }
                    walkers.extend(self.walk_first.take().map(Walker::new));
                }
                Some(Step::Leave(id)) => {
                    self.leave();
                    let captions = elements::take_deferred(&mut self.deferred, id);
                    walkers.extend(captions.into_iter().map(Walker::new));
                }
                None => {
                    walkers.pop();
                }
            }
        }
    }

    fn push(&mut self, construct: Construct, inline_only: bool, block: bool) {
        if block {
            self.block_edge();
        }
        let open = Open {
            construct,
            seen: self.seen(),
            text_at: self.text.len(),
            inline_only,
            block,
        };
        self.open.push(open);
    }

    /// Enters `id`; true when its children are to be skipped. Every call
    /// pushes one [`Open`], popped by [`Audit::leave`].
    fn enter(&mut self, id: NodeId, note_root: bool, replaying: bool) -> bool {
        let dom = self.page.dom;
        if self.page.removed.contains(id) {
            self.push(Construct::None, false, false);
            return true;
        }
        if let Some((row, walked)) = &mut self.moved_header
            && *row == id
        {
            if *walked {
                self.push(Construct::None, false, false);
                return true;
            }
            *walked = true;
        }
        let el = match dom.data(id) {
            NodeData::Element(el) => el,
            NodeData::Text(t) => {
                self.write(t);
                self.push(Construct::None, false, false);
                return false;
            }
            NodeData::Document => {
                self.push(Construct::None, false, false);
                return false;
            }
        };
        if note_root {
            self.push(Construct::None, false, true);
            return false;
        }
        if let Some(skip) = self.special(id, el) {
            return skip;
        }
        match elements::kind(el) {
            Kind::Skip => {
                self.push(Construct::None, false, false);
                true
            }
            Kind::Inline => self.inline(id, el),
            Kind::Block => self.block(id, el, replaying),
        }
    }

    fn special(&mut self, id: NodeId, el: Element<'_>) -> Option<bool> {
        let page = self.page;
        if let Some(label) = page.notes.reference(id) {
            self.counts.footnotes += 1;
            self.write(label);
        } else if page.notes.is_note(id) {
        } else if let Some(found) = math::math(page.dom, id, el) {
            match found {
                Math::Tex { tex, display } => {
                    let block = display && self.inline_only == 0;
                    self.write(if block { " " } else { "" });
                    self.write(&math::one_line(&tex));
                    self.write(if block { " " } else { "" });
                }
                Math::Text(text) => self.write(&text),
                Math::Rendering => {}
            }
        } else {
            let embed = embed::embed(page.dom, id, el, page.base)?;
            let block = self.inline_only == 0;
            if block {
                self.block_edge();
            }
            self.counts.links += usize::from(self.links == 0);
            self.write(&embed.label);
            if block {
                self.block_edge();
            }
        }
        self.push(Construct::None, false, false);
        Some(true)
    }

    fn inline(&mut self, id: NodeId, el: Element<'_>) -> bool {
        let dom = self.page.dom;
        match &*el.name {
            "br" => self.line_break(),
            // A code span of the element's text: what it holds is no
            // heading, link or image, whatever the tags say.
            "code" | "kbd" | "samp" | "tt" => {
                let text = elements::visible_text(dom, id, self.page.removed, " ", usize::MAX);
                self.write(&text);
                self.push(Construct::None, false, false);
                return true;
            }
            "img" if image::image(dom, id, self.page.removed, None).is_some() => {
                self.counts.images += 1;
                self.after_break = false;
                self.link_content();
            }
            "a" => {
                let href = el.attr("href").map(str::trim).unwrap_or("");
                match self.page.destination(href, self.in_note) {
                    Destination::Keep(_) if self.links == 0 => {
                        self.links += 1;
                        self.link_segment = false;
                        self.push(Construct::Link, false, false);
                        return false;
                    }
                    Destination::Drop => {
                        self.push(Construct::None, false, false);
                        return true;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.push(Construct::None, false, false);
        false
    }

    fn block(&mut self, id: NodeId, el: Element<'_>, replaying: bool) -> bool {
        if self.inline_only > 0 && !el.is("pre") {
            self.push(Construct::None, false, true);
            return false;
        }
        if heading_level(el).is_some() {
            self.push(Construct::Heading, true, true);
            self.inline_only += 1;
            return false;
        }
        match &*el.name {
            "pre" => self.pre(id),
            "li" => self.push(Construct::Item, false, true),
            "blockquote" => self.push(Construct::Quote, false, true),
            "table" => {
                let pipe = table::is_pipe_table(self.dom(), id, self.page.removed);
                self.tables.push((pipe, false));
                if pipe {
                    self.move_header(id);
                }
                let construct = if pipe {
                    Construct::Table
                } else {
                    Construct::LayoutTable
                };
                self.push(construct, false, true);
            }
            "td" | "th" if self.tables.last().is_some_and(|t| t.0) => {
                self.push(Construct::None, true, true);
                self.inline_only += 1;
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.1 = true;
                }
                self.push(Construct::None, false, true);
            }
            "caption" | "figcaption" if !replaying && self.late_caption(id, el) => {
                self.push(Construct::Caption, false, false);
                return true;
            }
            "colgroup" | "col" => {
                self.push(Construct::None, false, false);
                return true;
            }
            _ => self.push(Construct::None, false, true),
        }
        el.is("pre")
    }

    /// The writer writes a pipe table's first `<thead>` row with text
    /// first, wherever it stands: when it is not the first row with text,
    /// it is walked before the table's rows and skipped in its place.
    fn move_header(&mut self, table: NodeId) {
        let dom = self.page.dom;
        let removed = self.page.removed;
        let mut rows = dom.subtree(table).filter(|&r| {
            dom.element(r).is_some_and(|e| e.is("tr"))
                && !dom.ancestors(r).any(|a| removed.contains(a))
                && !dom.text_content_except(r, removed).trim().is_empty()
        });
        let Some(first) = rows.next() else {
            return;
        };
        let in_head = |r: NodeId| {
            dom.parent(r)
                .and_then(|p| dom.element(p))
                .is_some_and(|p| p.is("thead"))
        };
        if in_head(first) {
            return;
        }
        if let Some(header) = rows.find(|&r| in_head(r)) {
            self.moved_header = Some((header, false));
            self.walk_first = Some(header);
        }
    }

    fn pre(&mut self, id: NodeId) {
        let text = elements::visible_text(self.dom(), id, self.page.removed, "\n", usize::MAX);
        let block = self.inline_only == 0;
        if block && !text.trim().is_empty() {
            self.counts.code_blocks += 1;
        }
        self.push(Construct::None, false, block);
        // A code block cannot be link text: the writer closes a link
        // around it and opens it again after.
        let links = if block {
            std::mem::take(&mut self.links)
        } else {
            self.links
        };
        self.write(&text);
        self.links = links;
    }

    /// A `<figcaption>` before an image of its figure, or a `<caption>`
    /// after a pipe table's first row: written when the owner ends.
    fn late_caption(&mut self, id: NodeId, el: Element<'_>) -> bool {
        let dom = self.page.dom;
        let Some(owner) = dom.parent(id) else {
            return false;
        };
        let late = if el.is("figcaption") {
            dom.element(owner).is_some_and(|o| o.is("figure"))
                && dom
                    .subtree(owner)
                    .filter(|&n| n > id && !dom.contains(id, n))
                    .take(512)
                    .any(|n| {
                        dom.element(n).is_some_and(|e| e.is("img"))
                            && !self.page.removed.contains(n)
                    })
        } else {
            self.tables
                .last()
                .is_some_and(|&(pipe, started)| pipe && started)
        };
        if late {
            self.deferred.push((owner, id));
        }
        late
    }

    fn leave(&mut self) {
        let Some(open) = self.open.pop() else { return };
        let wrote = self.seen() > open.seen;
        if open.inline_only {
            self.inline_only = self.inline_only.saturating_sub(1);
        }
        match open.construct {
            Construct::Heading if wrote && !is_section_heading(&self.text[open.text_at..]) => {
                self.counts.headings += 1;
            }
            Construct::Item if wrote => self.counts.items += 1,
            Construct::Quote if wrote => self.counts.quotes += 1,
            Construct::Table => {
                self.tables.pop();
                self.counts.tables += usize::from(wrote);
            }
            Construct::LayoutTable => {
                self.tables.pop();
            }
            Construct::Link => self.links -= 1,
            _ => {}
        }
        if open.block {
            self.block_edge();
        }
    }
}
