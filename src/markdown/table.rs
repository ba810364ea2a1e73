//! GFM pipe tables: which tables can be one, and how their rows are
//! written.
//!
//! A table is written as a pipe table when it has at least two rows and
//! two columns (a single row is a layout: a byline beside its buttons),
//! is not marked `role="presentation"`, and every cell holds inline
//! content only: a cell may hold one `<p>`
//! (CMS tables wrap every cell in one) but not two, nor lists, headings,
//! quotes, code blocks, rules, figures or nested tables. Any other table
//! is a layout table: the walk writes its cells' content as ordinary
//! blocks, row by row.

use super::elements;
use crate::dom::{Dom, NodeId, NodeSet};

/// Elements that make a cell's content block-level.
const STRUCTURAL: &[&str] = &[
    "table",
    "ul",
    "ol",
    "menu",
    "dl",
    "dt",
    "dd",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "details",
];

/// HTML caps `colspan` at 1000.
const MAX_COLSPAN: usize = 1000;

/// The columns a cell spans, from its `colspan` attribute.
pub(super) fn colspan(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_COLSPAN)
}

/// Whether `table` can be written as a GFM pipe table. The scan stops at
/// the first nested table, so nested tables are each scanned once.
pub(super) fn is_pipe_table(dom: &Dom, table: NodeId, removed: &NodeSet) -> bool {
    let role = dom.element(table).and_then(|e| e.attr("role"));
    if role
        .is_some_and(|r| r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none"))
    {
        return false;
    }
    let mut shape = Shape::default();
    let mut skip_until = 0;
    for node in dom.subtree(table).skip(1) {
        if node.index() < skip_until {
            continue;
        }
        let Some(el) = dom.element(node) else {
            continue;
        };
        if elements::is_hidden(dom, node, removed) || el.is("caption") {
            skip_until = dom.subtree_range(node).end;
            continue;
        }
        if STRUCTURAL.contains(&&*el.name) {
            return false;
        }
        match &*el.name {
            "tr" => shape.row(),
            "td" | "th" => shape.cell(colspan(el.attr("colspan")), dom.subtree_range(node).end),
            "p" if node.index() < shape.cell_end => {
                shape.paragraphs += 1;
                if shape.paragraphs > 1 {
                    return false;
                }
            }
            _ => {}
        }
    }
    shape.row();
    shape.columns >= 2 && shape.rows >= 2
}

/// Rows and columns seen so far by [`is_pipe_table`].
#[derive(Default)]
struct Shape {
    /// Rows with at least one cell.
    rows: usize,
    columns: usize,
    row_columns: usize,
    cell_end: usize,
    paragraphs: usize,
}

impl Shape {
    fn row(&mut self) {
        self.rows += usize::from(self.row_columns > 0);
        self.columns = self.columns.max(self.row_columns);
        self.row_columns = 0;
    }

    fn cell(&mut self, span: usize, end: usize) {
        self.row_columns += span;
        self.cell_end = end;
        self.paragraphs = 0;
    }
}

/// A pipe table being collected, cell by cell.
#[derive(Debug, Default)]
pub(super) struct Table {
    rows: Vec<Row>,
}

#[derive(Debug)]
struct Row {
    head: bool,
    cells: Vec<String>,
}

impl Table {
    pub(super) fn start_row(&mut self, head: bool) {
        self.rows.push(Row {
            head,
            cells: Vec::new(),
        });
    }

    /// Adds a rendered cell (already escaped for a table) and the empty
    /// cells its colspan covers.
    pub(super) fn push_cell(&mut self, cell: String, colspan: usize) {
        if self.rows.is_empty() {
            self.start_row(false);
        }
        if let Some(row) = self.rows.last_mut() {
            row.cells.push(cell);
            row.cells.extend((1..colspan).map(|_| String::new()));
        }
    }

    /// The table's lines: the header (the first `<thead>` row, else the
    /// first row), the delimiter row, then the other rows; rows with no
    /// text are dropped and every row is padded to the same width.
    pub(super) fn into_lines(self) -> Vec<String> {
        let mut rows: Vec<Row> = self
            .rows
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            return Vec::new();
        }
        let head = rows.iter().position(|r| r.head).unwrap_or(0);
        let header = rows.remove(head);
        let columns = rows
            .iter()
            .chain([&header])
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        let mut lines = vec![line(&header.cells, columns), delimiter_row(columns)];
        lines.extend(rows.iter().map(|r| line(&r.cells, columns)));
        lines
    }
}

fn line(cells: &[String], columns: usize) -> String {
    let mut out = String::from("|");
    for i in 0..columns {
        out.push(' ');
        out.push_str(cells.get(i).map_or("", String::as_str));
        out.push_str(" |");
    }
    out
}

fn delimiter_row(columns: usize) -> String {
    let mut out = String::from("|");
    for _ in 0..columns {
        out.push_str(" --- |");
    }
    out
}
