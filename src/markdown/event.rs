//! The events the walk sends to the writer: the only vocabulary the two
//! halves share.

/// A block that has a start and an end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// An explicit paragraph (`<p>`, `<dt>`, `<figcaption>`...).
    Paragraph,
    /// An ATX heading of level 1 to 6.
    Heading(u8),
    /// A blockquote: every line inside gets `> `.
    Quote,
    /// A list; `start` is the first number of an ordered list.
    List { ordered: bool, start: u32 },
    /// One list item.
    Item,
    /// A GFM pipe table (the walk decided it is one).
    Table,
    /// A table row; `head` when it sits in `<thead>`.
    Row { head: bool },
    /// A table cell spanning `colspan` columns.
    Cell { colspan: usize },
    /// A GFM footnote definition, `[^label]: ...`, written at the end.
    Footnote(String),
}

/// An inline span with a start and an end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Span {
    Emphasis,
    Strong,
    Strike,
    Sup,
    Sub,
    /// Highlighted text, `<mark>`.
    Mark,
    /// A link; `href` is already checked (no `javascript:` and the like).
    Link {
        href: String,
        title: Option<String>,
    },
}

/// An image with a usable source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    pub(crate) src: String,
    pub(crate) alt: String,
    pub(crate) title: Option<String>,
}

/// One step of the document, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event<'a> {
    Start(Block),
    End(Block),
    /// The edge of a block element with no Markdown form of its own
    /// (`<div>`, `<section>`...): it ends the current paragraph.
    Boundary,
    /// Raw text from the DOM, whitespace not yet collapsed.
    Text(&'a str),
    SpanStart(Span),
    SpanEnd,
    /// Inline code: its text, whitespace already collapsed.
    Code(String),
    Image(Image),
    /// `<br>`.
    HardBreak,
    /// A task-list checkbox; `true` when checked.
    Task(bool),
    /// A fenced code block with its exact text.
    CodeBlock {
        lang: String,
        text: String,
    },
    ThematicBreak,
    /// A reference to the footnote with this label: `[^label]`.
    FootnoteRef(String),
    /// TeX math: `$tex$` inline, `$$tex$$` on its own when `display`.
    Math {
        tex: String,
        display: bool,
    },
}
