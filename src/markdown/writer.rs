//! Formats the walk's events as Markdown text.
//!
//! The writer owns the container stack (blockquotes and list items) that
//! gives every output line its prefix, the blank lines between blocks, and
//! the inline content of the paragraph, heading or table cell being
//! collected; that content is rendered by [`super::inline`] when the block
//! ends. Everything is appended to one `String`.

use super::escape;
use super::event::{Block, Event, Span};
use super::inline::{self, Env, Mode, Token, is_html_space};
use super::links::References;
use super::section;
use super::table::Table;

/// A block that contains other blocks and prefixes their lines.
#[derive(Debug)]
enum Container {
    /// `> ` on every line; `lines` is the line count when it started.
    Quote { lines: usize },
    /// Numbering and bullet of a list; `lines` as for a quote.
    List {
        ordered: bool,
        next: u64,
        delim: char,
        lines: usize,
    },
    /// A list item: its marker is chosen when its first line is written,
    /// so empty items take no number; later lines are indented by `width`.
    Item { width: Option<usize> },
    /// A footnote definition: `[^label]: ` before its first line, four
    /// spaces before the others.
    Note { label: String, started: bool },
}

/// Turns events into Markdown.
#[derive(Debug)]
pub(crate) struct Writer {
    out: String,
    lines: usize,
    containers: Vec<Container>,
    /// A blank line is due before the next line; it belongs to the first
    /// `gap` containers (the block that asked for it was inside them).
    gap: Option<usize>,
    /// The due blank line follows a paragraph (a nested list may then
    /// follow tightly).
    gap_after_paragraph: bool,
    /// The due blank line follows a list item (the list's next item may
    /// then follow tightly).
    gap_after_item: bool,
    /// The list that just ended: its depth and marker character, so that
    /// a list of the same kind right after it switches character instead
    /// of merging into it.
    prev_list: Option<(usize, char)>,
    tokens: Vec<Token>,
    /// `tokens` holds the spans still open from before (see `seed`).
    seeded: bool,
    task: Option<bool>,
    leaf: Mode,
    heading: u8,
    colspan: usize,
    /// Inline spans open right now; they are closed at the end of each
    /// block and opened again in the next one.
    spans: Vec<Span>,
    table: Option<Table>,
    /// Link destinations, written inline or collected as references.
    references: References,
    /// `--wrap`: the column paragraphs are wrapped at.
    wrap: Option<usize>,
}

impl Writer {
    pub(crate) fn new(references: References, wrap: Option<usize>) -> Writer {
        Writer {
            out: String::new(),
            lines: 0,
            containers: Vec::new(),
            gap: None,
            gap_after_paragraph: false,
            gap_after_item: false,
            prev_list: None,
            tokens: Vec::new(),
            seeded: false,
            task: None,
            leaf: Mode::Paragraph,
            heading: 1,
            colspan: 1,
            spans: Vec::new(),
            table: None,
            references,
            wrap,
        }
    }

    /// Ends every open block and returns the Markdown.
    pub(crate) fn finish(mut self) -> String {
        self.flush();
        if self.table.is_some() {
            self.end(Block::Table);
        }
        while let Some(container) = self.containers.last() {
            let block = match container {
                Container::Quote { .. } => Block::Quote,
                Container::List { .. } => Block::List {
                    ordered: false,
                    start: 1,
                },
                Container::Item { .. } => Block::Item,
                Container::Note { .. } => Block::Footnote(String::new()),
            };
            self.end(block);
        }
        let definitions = self.references.definitions();
        self.write_block(definitions.iter().map(String::as_str));
        self.out
    }

    pub(crate) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(block) => self.start(block),
            Event::End(block) => self.end(block),
            Event::Boundary => self.boundary(),
            Event::Text(text) => self.text(text),
            Event::SpanStart(span) => self.span_start(span),
            Event::SpanEnd => self.span_end(),
            Event::Code(code) => self.code(&code),
            Event::Image(image) => self.push(Token::Image(image)),
            Event::HardBreak => self.hard_break(),
            Event::Task(checked) => self.task(checked),
            Event::CodeBlock { lang, text } => self.code_block(&lang, &text),
            Event::ThematicBreak => self.thematic_break(),
            Event::FootnoteRef(label) => self.push(Token::Note(label)),
            Event::Math { tex, display } => self.push(Token::Math { tex, display }),
        }
    }

    fn start(&mut self, block: Block) {
        match block {
            Block::Paragraph => self.flush(),
            Block::Heading(level) => {
                self.flush();
                self.leaf = Mode::Heading;
                self.heading = level.clamp(1, 6);
            }
            Block::Quote => {
                self.flush();
                self.containers.push(Container::Quote { lines: self.lines });
            }
            Block::List { ordered, start } => self.start_list(ordered, start),
            Block::Item => {
                self.flush();
                self.containers.push(Container::Item { width: None });
            }
            Block::Table => {
                self.flush();
                self.table = Some(Table::default());
            }
            Block::Row { head } => {
                if let Some(table) = &mut self.table {
                    table.start_row(head);
                }
            }
            Block::Cell { colspan } => {
                self.flush();
                self.leaf = Mode::Cell;
                self.colspan = colspan;
            }
            Block::Footnote(label) => {
                self.flush();
                let started = false;
                self.containers.push(Container::Note { label, started });
            }
        }
    }

    fn end(&mut self, block: Block) {
        match block {
            Block::Paragraph | Block::Heading(_) => {
                self.flush();
                self.leaf = Mode::Paragraph;
            }
            Block::Quote | Block::List { .. } | Block::Footnote(_) => self.end_container(),
            Block::Item => {
                self.flush();
                let wrote = matches!(
                    self.containers.last(),
                    Some(Container::Item { width: Some(_) })
                );
                self.pop();
                // Items of one list stay tight (see `write_line`), but any
                // other block after the item needs its blank line.
                if wrote {
                    self.set_gap(false);
                    self.gap_after_item = true;
                }
            }
            Block::Table => self.end_table(),
            Block::Row { .. } => {}
            Block::Cell { .. } => self.end_cell(),
        }
    }

    fn start_list(&mut self, ordered: bool, start: u32) {
        self.flush();
        let depth = self.containers.len();
        let (first, second) = if ordered { ('.', ')') } else { ('-', '*') };
        let delim = match self.prev_list {
            Some((d, c)) if d == depth && c == first => second,
            _ => first,
        };
        // `- a` then a nested list on the next line is the tight form; an
        // ordered list can interrupt a paragraph only when it starts at 1.
        let in_item = matches!(
            self.containers.last(),
            Some(Container::Item { width: Some(_) })
        );
        if in_item
            && self.gap == Some(depth)
            && self.gap_after_paragraph
            && (!ordered || start == 1)
        {
            self.gap = None;
        }
        self.containers.push(Container::List {
            ordered,
            next: u64::from(start),
            delim,
            lines: self.lines,
        });
    }

    /// Ends a quote or a list: it is a block of its own when it wrote
    /// anything.
    fn end_container(&mut self) {
        self.flush();
        let Some(container) = self.pop() else {
            return;
        };
        let (lines, list_delim) = match container {
            Container::Quote { lines } => (lines, None),
            Container::List { lines, delim, .. } => (lines, Some(delim)),
            Container::Item { .. } => return,
            Container::Note { started, .. } => {
                if started {
                    self.set_gap(false);
                }
                return;
            }
        };
        if self.lines > lines {
            self.set_gap(false);
            if let Some(delim) = list_delim {
                self.prev_list = Some((self.containers.len(), delim));
            }
        }
    }

    fn pop(&mut self) -> Option<Container> {
        let container = self.containers.pop();
        let depth = self.containers.len();
        if let Some(g) = self.gap {
            self.gap = Some(g.min(depth));
        }
        container
    }

    fn set_gap(&mut self, after_paragraph: bool) {
        self.gap = Some(self.containers.len());
        self.gap_after_paragraph = after_paragraph;
        self.gap_after_item = false;
    }

    fn boundary(&mut self) {
        match self.leaf {
            Mode::Paragraph => self.flush(),
            Mode::Heading => self.push(Token::Text(" ".to_string())),
            Mode::Cell => self.push(Token::Break),
        }
    }

    /// Inline content is kept only where it can be written: anywhere but
    /// between the cells of a pipe table.
    fn accepts_inline(&self) -> bool {
        self.table.is_none() || self.leaf == Mode::Cell
    }

    fn text(&mut self, text: &str) {
        if !self.seeded && text.chars().all(is_html_space) {
            return;
        }
        let accepts = self.accepts_inline();
        if let (Some(Token::Text(last)), true) = (self.tokens.last_mut(), accepts) {
            last.push_str(text);
            return;
        }
        self.push(Token::Text(text.to_string()));
    }

    /// Adds an inline token, first opening again the spans still open
    /// from an earlier block.
    fn push(&mut self, token: Token) {
        if !self.accepts_inline() {
            return;
        }
        if !self.seeded {
            self.seeded = true;
            self.tokens
                .extend(self.spans.iter().cloned().map(Token::Open));
        }
        self.tokens.push(token);
    }

    fn span_start(&mut self, span: Span) {
        self.push(Token::Open(span.clone()));
        self.spans.push(span);
    }

    fn span_end(&mut self) {
        if let Some(span) = self.spans.last().cloned() {
            self.push(Token::Close(span));
            self.spans.pop();
        }
    }

    /// Inline code; a space at its edge is written outside the backticks.
    fn code(&mut self, raw: &str) {
        let code = escape::fold_whitespace(raw);
        if raw.starts_with(is_html_space) {
            self.push(Token::Text(" ".to_string()));
        }
        if !code.is_empty() {
            self.push(Token::Code(code));
        }
        if raw.ends_with(is_html_space) {
            self.push(Token::Text(" ".to_string()));
        }
    }

    /// `<br>`: a hard break; a second one in a row ends the paragraph
    /// (pages that separate paragraphs with `<br><br>`).
    fn hard_break(&mut self) {
        match self.leaf {
            Mode::Heading => self.push(Token::Text(" ".to_string())),
            Mode::Cell => self.push(Token::Break),
            Mode::Paragraph => match self.last_break() {
                Some(at) if self.table.is_none() => {
                    self.tokens.remove(at);
                    self.flush();
                }
                _ => self.push(Token::Break),
            },
        }
    }

    /// The index of a break with nothing visible after it.
    fn last_break(&self) -> Option<usize> {
        for (i, token) in self.tokens.iter().enumerate().rev() {
            match token {
                Token::Break => return Some(i),
                Token::Open(_) | Token::Close(_) => {}
                Token::Text(t) if t.chars().all(is_html_space) => {}
                _ => return None,
            }
        }
        None
    }

    /// A checkbox at the very start of a list item makes it a task.
    fn task(&mut self, checked: bool) {
        let at_item_start = matches!(
            self.containers.last(),
            Some(Container::Item { width: None })
        );
        let empty = self.tokens.iter().all(|t| {
            matches!(t, Token::Open(_))
                || matches!(t, Token::Text(s) if s.chars().all(is_html_space))
        });
        if at_item_start && empty && self.leaf == Mode::Paragraph && self.table.is_none() {
            self.task = Some(checked);
        }
    }

    /// Renders the collected inline content as the current leaf block.
    fn flush(&mut self) {
        if !self.seeded {
            return;
        }
        for span in self.spans.iter().rev() {
            self.tokens.push(Token::Close(span.clone()));
        }
        let mut tokens = std::mem::take(&mut self.tokens);
        self.seeded = false;
        let task = self.task.take();
        let mut leaf = self.leaf;
        if leaf == Mode::Paragraph
            && self.containers.is_empty()
            && let Some(heading) = section::as_heading(&tokens)
        {
            (tokens, leaf, self.heading) = (heading, Mode::Heading, section::LEVEL);
        }
        let width = match (leaf, self.wrap) {
            (Mode::Paragraph, Some(w)) => Some(w.saturating_sub(self.prefix_width())),
            _ => None,
        };
        let mut env = Env {
            references: &mut self.references,
            wrap: width,
        };
        let text = inline::render(tokens, leaf, task, &mut env);
        match leaf {
            Mode::Paragraph if !text.is_empty() => {
                self.write_block(text.split('\n'));
                self.gap_after_paragraph = true;
            }
            Mode::Heading if !text.is_empty() => {
                let line = format!("{} {text}", "#".repeat(usize::from(self.heading)));
                self.write_block(std::iter::once(line.as_str()));
            }
            Mode::Cell => {
                if let Some(table) = &mut self.table {
                    table.push_cell(text, self.colspan);
                }
            }
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        if !self.seeded {
            // An empty cell still takes its columns.
            self.seeded = true;
        }
        self.flush();
        self.leaf = Mode::Paragraph;
    }

    fn end_table(&mut self) {
        self.flush();
        self.leaf = Mode::Paragraph;
        if let Some(table) = self.table.take() {
            let lines = table.into_lines();
            self.write_block(lines.iter().map(String::as_str));
        }
    }

    fn code_block(&mut self, lang: &str, text: &str) {
        self.flush();
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.trim().is_empty() {
            return;
        }
        let fence = escape::code_fence(text);
        let open = format!("{fence}{}", escape::info_string(lang));
        let lines = std::iter::once(open.as_str())
            .chain(text.split('\n'))
            .chain(std::iter::once(fence.as_str()));
        self.write_block(lines);
    }

    fn thematic_break(&mut self) {
        self.flush();
        // `- ---` would be one thematic break, not an item holding one.
        let rule = if matches!(
            self.containers.last(),
            Some(Container::Item { width: None })
        ) {
            "___"
        } else {
            "---"
        };
        self.write_block(std::iter::once(rule));
    }

    /// Writes a block's lines and asks for a blank line after it.
    fn write_block<'a>(&mut self, lines: impl Iterator<Item = &'a str>) {
        for line in lines {
            self.write_line(line);
        }
        self.set_gap(false);
    }

    fn write_line(&mut self, line: &str) {
        // The next item of the same list follows without a blank line.
        let next_item = self.gap_after_item
            && self.gap.is_some_and(|g| {
                matches!(
                    self.containers.get(g),
                    Some(Container::Item { width: None })
                )
            });
        if let Some(g) = self.gap.take()
            && !self.out.is_empty()
            && !next_item
        {
            let prefix = self.prefix(g.min(self.containers.len()), false);
            self.out.push_str(prefix.trim_end());
            self.out.push('\n');
        }
        let prefix = self.prefix(self.containers.len(), true);
        if line.is_empty() {
            self.out.push_str(prefix.trim_end());
        } else {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
        self.out.push('\n');
        self.lines += 1;
        self.prev_list = None;
    }

    /// The prefix of a line inside the first `depth` containers; `content`
    /// lines give items that have not started yet their marker.
    fn prefix(&mut self, depth: usize, content: bool) -> String {
        let mut prefix = String::new();
        for i in 0..depth {
            match &mut self.containers[i] {
                Container::Quote { .. } => prefix.push_str("> "),
                Container::List { .. } => {}
                Container::Item { width: Some(w) } => prefix.extend(std::iter::repeat_n(' ', *w)),
                Container::Item { width: None } if content => {
                    let marker = self.next_marker(i);
                    prefix.push_str(&marker);
                    prefix.push(' ');
                    self.containers[i] = Container::Item {
                        width: Some(marker.len() + 1),
                    };
                }
                Container::Item { width: None } => {}
                Container::Note { started: true, .. } => prefix.push_str("    "),
                Container::Note { label, started } if content => {
                    prefix.push_str(&format!("[^{label}]: "));
                    *started = true;
                }
                Container::Note { .. } => {}
            }
        }
        prefix
    }

    /// The columns the prefix of the next content line takes, for
    /// wrapping (an item that has not started counts its marker).
    fn prefix_width(&self) -> usize {
        let mut width = 0;
        for (i, container) in self.containers.iter().enumerate() {
            width += match container {
                Container::Quote { .. } => 2,
                Container::List { .. } => 0,
                Container::Item { width: Some(w) } => *w,
                Container::Item { width: None } => {
                    match i.checked_sub(1).map(|l| &self.containers[l]) {
                        Some(Container::List {
                            ordered: true,
                            next,
                            ..
                        }) => next.to_string().len() + 2,
                        _ => 2,
                    }
                }
                Container::Note { label, started } => {
                    if *started {
                        4
                    } else {
                        label.len() + 5
                    }
                }
            };
        }
        width
    }

    /// The marker of the item at `index`: its list's bullet, or its number
    /// (the list's counter, which it advances).
    fn next_marker(&mut self, index: usize) -> String {
        let list = index
            .checked_sub(1)
            .and_then(|i| self.containers.get_mut(i));
        match list {
            Some(Container::List {
                ordered: true,
                next,
                delim,
                ..
            }) => {
                let number = (*next).min(999_999_999);
                *next = number + 1;
                format!("{number}{delim}")
            }
            Some(Container::List { delim, .. }) => delim.to_string(),
            _ => "-".to_string(),
        }
    }
}
