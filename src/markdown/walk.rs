//! The DOM walk: elements become [`Event`]s for the writer.
//!
//! One loop over [`Walker`] steps with explicit stacks (no recursion): on
//! entering a node the walk emits its start events and pushes an [`Exit`]
//! saying what to emit when the node is left. A few things are written
//! out of document order (a figure's caption after its images, a table's
//! late caption after the table): they are deferred and walked by a
//! second [`Walker`] pushed on top of the first when their owner ends.

use super::elements::{self, Kind, heading_level, is_hidden, visible_text};
use super::embed;
use super::escape::fold_whitespace;
use super::event::{Block, Event, Span};
use super::image;
use super::inline::is_html_space;
use super::math::{self, Math};
use super::table;
use super::writer::Writer;
use super::{Destination, Page};
use crate::dom::{Dom, Element, NodeData, NodeId, NodeSet, Step, Walker};

/// Caption text is read ahead for alt comparison; this bounds the read
/// so nested figures stay linear.
const CAPTION_SCAN_NODES: usize = 512;

/// Ordered list numbers CommonMark accepts: at most nine digits.
const MAX_START: i64 = 999_999_999;

/// Emphasis-like spans, counted so that nested same spans write once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanKind {
    Emphasis = 0,
    Strong = 1,
    Strike = 2,
    Sup = 3,
    Sub = 4,
    Mark = 5,
}

/// What to do when leaving a node.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Exit {
    Nothing,
    Boundary,
    End(Block),
    /// End a heading or a cell, whose content is inline only.
    EndInlineOnly(Block),
    /// Close a span; `false` when a same span outside already writes it.
    Span(SpanKind, bool),
    Link,
    /// A `<dt>`: its paragraph, in bold unless already bold.
    Term(bool),
    /// An `<li>` outside any list; `true` when it closes the implicit list.
    OrphanItem(bool),
    Table,
    Figure,
}

/// A table being walked: pipe tables start writing at their first row.
#[derive(Debug, Clone, Copy)]
struct TableState {
    pipe: bool,
    started: bool,
}

/// A figure being walked and its caption's folded text.
#[derive(Debug)]
struct Figure {
    caption: String,
}

/// Walks `root` (an element, a text node or the document) into `writer`.
/// A footnote's note is walked with `note` set: its own element is then
/// only a container of its content (an `<li>` is not a list item there).
pub(super) fn walk(page: &Page, root: NodeId, writer: &mut Writer, note: bool) {
    let mut walk = Walk {
        dom: page.dom,
        removed: page.removed,
        page,
        note_root: note.then_some(root),
        writer,
        walkers: vec![(Walker::new(root), None)],
        exits: Vec::new(),
        inline_only: 0,
        spans: [0; 6],
        links: 0,
        tables: Vec::new(),
        figures: Vec::new(),
        deferred: Vec::new(),
    };
    walk.run();
}

struct Walk<'a> {
    dom: &'a Dom,
    removed: &'a NodeSet,
    page: &'a Page<'a>,
    /// The note being written at the end, when this walk writes one.
    note_root: Option<NodeId>,
    writer: &'a mut Writer,
    /// The running walker is the last; each deferred walk records its root.
    walkers: Vec<(Walker, Option<NodeId>)>,
    exits: Vec<Exit>,
    /// Inside a heading or a pipe-table cell: blocks become spaces.
    inline_only: usize,
    spans: [u32; 6],
    links: u32,
    tables: Vec<TableState>,
    figures: Vec<Figure>,
    /// Captions to write when their owner (figure or table) ends.
    deferred: Vec<(NodeId, NodeId)>,
}

impl Walk<'_> {
    fn run(&mut self) {
        while let Some((walker, _)) = self.walkers.last_mut() {
            match walker.next(self.dom) {
                Some(Step::Enter(id)) => {
                    let exit = self.enter(id);
                    self.exits.push(exit);
                }
                Some(Step::Leave(id)) => {
                    let exit = self.exits.pop().unwrap_or(Exit::Nothing);
                    self.leave(id, exit);
                }
                None => {
                    self.walkers.pop();
                }
            }
        }
    }

    fn emit(&mut self, event: Event<'_>) {
        self.writer.event(event);
    }

    fn skip_children(&mut self) {
        if let Some((walker, _)) = self.walkers.last_mut() {
            walker.skip_children(self.dom);
        }
    }

    fn enter(&mut self, id: NodeId) -> Exit {
        if self.removed.contains(id) {
            self.skip_children();
            return Exit::Nothing;
        }
        match self.dom.data(id) {
            NodeData::Document => Exit::Nothing,
            NodeData::Text(text) => {
                self.writer.event(Event::Text(text));
                Exit::Nothing
            }
            NodeData::Element(el) => self.element(id, el),
        }
    }

    fn element(&mut self, id: NodeId, el: Element<'_>) -> Exit {
        if self.note_root == Some(id) {
            return self.start_boundary();
        }
        if let Some(exit) = self.special(id, el) {
            self.skip_children();
            return exit;
        }
        match elements::kind(el) {
            Kind::Skip => {
                self.skip_children();
                if el.is("input")
                    && el
                        .attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("checkbox"))
                {
                    self.emit(Event::Task(el.attr("checked").is_some()));
                }
                Exit::Nothing
            }
            Kind::Inline => self.inline(id, el),
            Kind::Block if self.inline_only > 0 && !el.is("pre") => {
                self.emit(Event::Boundary);
                Exit::Boundary
            }
            Kind::Block => self.block(id, el),
        }
    }

    /// Elements written whole in a form of their own: footnote references
    /// and notes, math, embedded media. Their children are skipped.
    fn special(&mut self, id: NodeId, el: Element<'_>) -> Option<Exit> {
        if let Some(label) = self.page.notes.reference(id) {
            self.emit(Event::FootnoteRef(label.to_string()));
            return Some(Exit::Nothing);
        }
        if self.page.notes.is_note(id) {
            return Some(Exit::Nothing);
        }
        if let Some(found) = math::math(self.dom, id, el) {
            self.math(found);
            return Some(Exit::Nothing);
        }
        let embed = embed::embed(self.dom, id, el, self.page.base)?;
        // A player is a block of its own on the page; inside a link
        // (links do not nest) it is just its label.
        let block = self.inline_only == 0;
        if block {
            self.emit(Event::Boundary);
        }
        if self.links == 0 {
            let link = Span::Link {
                href: embed.url,
                title: None,
            };
            self.emit(Event::SpanStart(link));
            self.emit(Event::Text(&embed.label));
            self.emit(Event::SpanEnd);
        } else {
            self.emit(Event::Text(&embed.label));
        }
        if block {
            self.emit(Event::Boundary);
        }
        Some(Exit::Nothing)
    }

    fn math(&mut self, found: Math) {
        match found {
            Math::Tex { tex, display } => {
                let block = display && self.inline_only == 0;
                if block {
                    self.emit(Event::Boundary);
                }
                self.emit(Event::Math { tex, display });
                if block {
                    self.emit(Event::Boundary);
                }
            }
            Math::Text(text) => self.emit(Event::Text(&text)),
            Math::Rendering => {}
        }
    }

    fn inline(&mut self, id: NodeId, el: Element<'_>) -> Exit {
        match &*el.name {
            "br" => self.emit(Event::HardBreak),
            "img" => self.image(id),
            "code" | "kbd" | "samp" | "tt" => self.code(id),
            "a" => return self.link(el),
            "em" | "i" => return self.span(SpanKind::Emphasis, Span::Emphasis),
            "strong" | "b" => return self.span(SpanKind::Strong, Span::Strong),
            "del" | "s" | "strike" => return self.span(SpanKind::Strike, Span::Strike),
            "sup" => return self.span(SpanKind::Sup, Span::Sup),
            "sub" => return self.span(SpanKind::Sub, Span::Sub),
            "mark" => return self.span(SpanKind::Mark, Span::Mark),
            _ => {}
        }
        Exit::Nothing
    }

    fn image(&mut self, id: NodeId) {
        let caption = self.figures.last().map(|f| f.caption.as_str());
        // `data:` images were saved as assets (and their sources rewritten)
        // before this stage, or are left out.
        let Some(mut image) = image::image(self.dom, id, self.removed, caption) else {
            return;
        };
        image.src = self.page.image_source(&image.src);
        self.emit(Event::Image(image));
    }

    fn code(&mut self, id: NodeId) {
        self.skip_children();
        let text = visible_text(self.dom, id, self.removed, " ", usize::MAX);
        self.emit(Event::Code(text));
    }

    fn span(&mut self, kind: SpanKind, span: Span) -> Exit {
        let count = &mut self.spans[kind as usize];
        *count += 1;
        let first = *count == 1;
        if first {
            self.emit(Event::SpanStart(span));
        }
        Exit::Span(kind, first)
    }

    /// A link with a destination worth keeping; otherwise just its text
    /// (a back-link from a note to its reference: nothing at all).
    fn link(&mut self, el: Element<'_>) -> Exit {
        let raw = el.attr("href").map(str::trim).unwrap_or("");
        let href = match self.page.destination(raw, self.note_root.is_some()) {
            Destination::Keep(href) => href,
            Destination::Text => return Exit::Nothing,
            Destination::Drop => {
                self.skip_children();
                return Exit::Nothing;
            }
        };
        if self.links > 0 {
            return Exit::Nothing;
        }
        self.links += 1;
        let title = el
            .attr("title")
            .map(fold_whitespace)
            .filter(|t| !t.is_empty());
        self.emit(Event::SpanStart(Span::Link { href, title }));
        Exit::Link
    }

    fn block(&mut self, id: NodeId, el: Element<'_>) -> Exit {
        if let Some(level) = heading_level(el) {
            self.inline_only += 1;
            return self.start(
                Block::Heading(level),
                Exit::EndInlineOnly(Block::Heading(level)),
            );
        }
        match &*el.name {
            "p" | "summary" => self.start(Block::Paragraph, Exit::End(Block::Paragraph)),
            "hr" => {
                self.emit(Event::ThematicBreak);
                Exit::Nothing
            }
            "pre" => {
                self.pre(id, el);
                Exit::Nothing
            }
            "blockquote" => self.start(Block::Quote, Exit::End(Block::Quote)),
            "ul" | "ol" | "menu" => self.list(el),
            "li" => self.item(id),
            "dt" => self.term(),
            "dd" => self.start(Block::Paragraph, Exit::End(Block::Paragraph)),
            "figure" => self.figure(id),
            "figcaption" => self.caption(id, true),
            "table" => self.table(id),
            "caption" => self.caption(id, false),
            "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" => self.table_part(id, el),
            "colgroup" | "col" => {
                self.skip_children();
                Exit::Nothing
            }
            _ => self.start_boundary(),
        }
    }

    fn start(&mut self, block: Block, exit: Exit) -> Exit {
        self.emit(Event::Start(block));
        exit
    }

    fn start_boundary(&mut self) -> Exit {
        self.emit(Event::Boundary);
        Exit::Boundary
    }

    fn pre(&mut self, id: NodeId, el: Element<'_>) {
        self.skip_children();
        let br = if self.inline_only > 0 { " " } else { "\n" };
        let text = visible_text(self.dom, id, self.removed, br, usize::MAX);
        if self.inline_only > 0 {
            self.emit(Event::Code(text));
            return;
        }
        // Sphinx and GitHub put the language on wrappers around the <pre>.
        let wrappers = self
            .dom
            .ancestors(id)
            .take(2)
            .filter_map(|a| self.dom.element(a));
        let lang = code_language(el)
            .or_else(|| self.code_child(id).and_then(code_language))
            .or_else(|| wrappers.into_iter().find_map(code_language))
            .unwrap_or("");
        self.emit(Event::CodeBlock {
            lang: lang.to_string(),
            text,
        });
    }

    /// The `<code>` element that is the first element child of `id`.
    fn code_child(&self, id: NodeId) -> Option<Element<'_>> {
        let child = self
            .dom
            .children(id)
            .iter()
            .find(|&&c| self.significant(c))?;
        self.dom.element(*child).filter(|e| e.is("code"))
    }

    fn list(&mut self, el: Element<'_>) -> Exit {
        let ordered = el.is("ol");
        let start = el
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(0, MAX_START);
        let block = Block::List {
            ordered,
            start: u32::try_from(start).unwrap_or(1),
        };
        self.start(block.clone(), Exit::End(block))
    }

    /// A list item; an `<li>` outside a list is an item of an implicit
    /// bulleted list that its `<li>` siblings share.
    fn item(&mut self, id: NodeId) -> Exit {
        let in_list = self
            .dom
            .parent(id)
            .and_then(|p| self.dom.element(p))
            .is_some_and(|p| p.is("ul") || p.is("ol") || p.is("menu"));
        if in_list {
            return self.start(Block::Item, Exit::End(Block::Item));
        }
        if !self.sibling_is_li(id, false) {
            self.emit(Event::Start(Block::List {
                ordered: false,
                start: 1,
            }));
        }
        self.emit(Event::Start(Block::Item));
        Exit::OrphanItem(!self.sibling_is_li(id, true))
    }

    fn term(&mut self) -> Exit {
        self.emit(Event::Start(Block::Paragraph));
        let Exit::Span(_, strong) = self.span(SpanKind::Strong, Span::Strong) else {
            return Exit::Term(false);
        };
        Exit::Term(strong)
    }

    fn figure(&mut self, id: NodeId) -> Exit {
        let caption = self
            .dom
            .children(id)
            .iter()
            .copied()
            .filter(|&c| !self.removed.contains(c))
            .find(|&c| self.dom.element(c).is_some_and(|e| e.is("figcaption")))
            .map(|c| visible_text(self.dom, c, self.removed, " ", CAPTION_SCAN_NODES))
            .map(|t| fold_whitespace(&t))
            .unwrap_or_default();
        self.figures.push(Figure { caption });
        self.start_boundary();
        Exit::Figure
    }

    /// A `<figcaption>` before the figure's images, or a `<caption>` after
    /// a pipe table's first row, is written when its owner ends.
    fn caption(&mut self, id: NodeId, figure: bool) -> Exit {
        let replaying = self
            .walkers
            .last()
            .is_some_and(|(_, root)| *root == Some(id));
        let owner = self.dom.parent(id);
        let late = if figure {
            self.caption_precedes_image(id)
        } else {
            self.tables.last().is_some_and(|t| t.pipe && t.started)
        };
        if let (Some(owner), true, false) = (owner, late, replaying) {
            self.deferred.push((owner, id));
            self.skip_children();
            return Exit::Nothing;
        }
        self.start(Block::Paragraph, Exit::End(Block::Paragraph))
    }

    fn table(&mut self, id: NodeId) -> Exit {
        let pipe = table::is_pipe_table(self.dom, id, self.removed);
        self.tables.push(TableState {
            pipe,
            started: false,
        });
        if !pipe {
            self.start_boundary();
        }
        Exit::Table
    }

    fn table_part(&mut self, id: NodeId, el: Element<'_>) -> Exit {
        let Some(state) = self.tables.last_mut().filter(|t| t.pipe) else {
            return self.start_boundary();
        };
        match &*el.name {
            "tr" => {
                let start = !state.started;
                state.started = true;
                if start {
                    self.emit(Event::Start(Block::Table));
                }
                let head = self
                    .dom
                    .parent(id)
                    .and_then(|p| self.dom.element(p))
                    .is_some_and(|p| p.is("thead"));
                self.start(Block::Row { head }, Exit::End(Block::Row { head }))
            }
            "td" | "th" => {
                let colspan = table::colspan(el.attr("colspan"));
                self.inline_only += 1;
                let cell = Block::Cell { colspan };
                self.start(cell.clone(), Exit::EndInlineOnly(cell))
            }
            _ => Exit::Nothing,
        }
    }

    fn leave(&mut self, id: NodeId, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Boundary => self.emit(Event::Boundary),
            Exit::End(block) => self.emit(Event::End(block)),
            Exit::EndInlineOnly(block) => {
                self.inline_only = self.inline_only.saturating_sub(1);
                self.emit(Event::End(block));
            }
            Exit::Span(kind, written) => self.end_span(kind, written),
            Exit::Link => {
                self.links = self.links.saturating_sub(1);
                self.emit(Event::SpanEnd);
            }
            Exit::Term(strong) => {
                self.end_span(SpanKind::Strong, strong);
                self.emit(Event::End(Block::Paragraph));
            }
            Exit::OrphanItem(close_list) => {
                self.emit(Event::End(Block::Item));
                if close_list {
                    self.emit(Event::End(Block::List {
                        ordered: false,
                        start: 1,
                    }));
                }
            }
            Exit::Table => self.leave_table(id),
            Exit::Figure => {
                self.figures.pop();
                self.emit(Event::Boundary);
                self.replay_deferred(id);
            }
        }
    }

    fn end_span(&mut self, kind: SpanKind, written: bool) {
        let count = &mut self.spans[kind as usize];
        *count = count.saturating_sub(1);
        if written {
            self.emit(Event::SpanEnd);
        }
    }

    fn leave_table(&mut self, id: NodeId) {
        match self.tables.pop() {
            Some(TableState {
                pipe: true,
                started,
            }) => {
                if started {
                    self.emit(Event::End(Block::Table));
                }
            }
            _ => self.emit(Event::Boundary),
        }
        self.replay_deferred(id);
    }

    /// Walks the captions deferred until `owner` ended, in document order.
    fn replay_deferred(&mut self, owner: NodeId) {
        for caption in elements::take_deferred(&mut self.deferred, owner) {
            self.walkers.push((Walker::new(caption), Some(caption)));
        }
    }

    /// Whether a node is written at all: not hidden, not blank text.
    fn significant(&self, id: NodeId) -> bool {
        match self.dom.data(id) {
            NodeData::Text(t) => !t.chars().all(is_html_space),
            NodeData::Element(_) => !is_hidden(self.dom, id, self.removed),
            NodeData::Document => false,
        }
    }

    /// Whether a `<figcaption>` sits directly in the figure being walked
    /// with an image after it (looked for in a bounded number of nodes).
    fn caption_precedes_image(&self, id: NodeId) -> bool {
        let in_figure = self.dom.parent(id).and_then(|p| self.dom.element(p));
        if self.figures.is_empty() || !in_figure.is_some_and(|f| f.is("figure")) {
            return false;
        }
        self.siblings(id, true)
            .flat_map(|s| self.dom.subtree(s))
            .take(CAPTION_SCAN_NODES)
            .any(|n| self.dom.element(n).is_some_and(|e| e.is("img")) && !self.removed.contains(n))
    }

    /// Whether the nearest significant sibling before (or after) `id` is
    /// an `<li>`.
    fn sibling_is_li(&self, id: NodeId, after: bool) -> bool {
        self.siblings(id, after)
            .find(|&s| self.significant(s))
            .and_then(|s| self.dom.element(s))
            .is_some_and(|e| e.is("li"))
    }

    /// The siblings after `id` in order, or before it nearest first.
    fn siblings(&self, id: NodeId, after: bool) -> Box<dyn Iterator<Item = NodeId> + '_> {
        let Some(parent) = self.dom.parent(id) else {
            return Box::new(std::iter::empty());
        };
        let children = self.dom.children(parent);
        // Children are in document order, so their ids are sorted.
        let at = children.binary_search(&id).unwrap_or(0);
        if after {
            Box::new(children[at + 1..].iter().copied())
        } else {
            Box::new(children[..at].iter().rev().copied())
        }
    }
}

/// The language named by a `class` like `language-rust`, `lang-rust`,
/// `highlight-rust` or `highlight-source-rust`.
fn code_language(el: Element<'_>) -> Option<&str> {
    el.classes().find_map(|class| {
        ["language-", "lang-", "highlight-source-", "highlight-"]
            .iter()
            .find_map(|prefix| class.strip_prefix(prefix))
            .filter(|lang| !lang.is_empty())
    })
}
