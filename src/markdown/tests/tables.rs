//! GFM pipe tables and layout tables.

use super::check;

#[test]
fn table_with_thead() {
    check(
        "<table><thead><tr><th>Name</th><th>Age</th></tr></thead>\
         <tbody><tr><td>Ann</td><td>30</td></tr></tbody></table>",
        "| Name | Age |\n| --- | --- |\n| Ann | 30 |\n",
    );
}

#[test]
fn table_without_thead_uses_first_row_as_header() {
    check(
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        "| a | b |\n| --- | --- |\n| c | d |\n",
    );
}

#[test]
fn thead_row_is_the_header_wherever_it_is() {
    check(
        "<table><tbody><tr><td>1</td><td>2</td></tr></tbody><thead><tr><th>h</th><th>i</th></tr></thead></table>",
        "| h | i |\n| --- | --- |\n| 1 | 2 |\n",
    );
}

#[test]
fn colspan_adds_empty_cells_and_rows_are_padded() {
    check(
        "<table><tr><th>a</th><th>b</th><th>c</th></tr>\
         <tr><td colspan=\"2\">wide</td><td>x</td></tr><tr><td>1</td></tr></table>",
        "| a | b | c |\n| --- | --- | --- |\n| wide |  | x |\n| 1 |  |  |\n",
    );
}

#[test]
fn pipes_in_cells_are_escaped_everywhere() {
    check(
        "<table><tr><th>a|b</th><th><code>c|d</code></th></tr><tr><td>1</td><td>2</td></tr></table>",
        "| a\\|b | `c\\|d` |\n| --- | --- |\n| 1 | 2 |\n",
    );
}

#[test]
fn breaks_in_cells_become_br_tags() {
    check(
        "<table><tr><th>h</th><th>i</th></tr><tr><td>a<br>b</td><td><div>c</div><div>d</div></td></tr></table>",
        "| h | i |\n| --- | --- |\n| a<br>b | c<br>d |\n",
    );
}

#[test]
fn inline_content_in_cells() {
    check(
        "<table><tr><th><b>x</b></th><th><a href=\"u\">l</a></th></tr><tr><td>- y</td><td>1. z</td></tr></table>",
        "| **x** | [l](u) |\n| --- | --- |\n| - y | 1. z |\n",
    );
}

#[test]
fn caption_is_a_paragraph_before_the_table() {
    check(
        "<table><caption>Prices</caption><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
        "Prices\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    );
}

#[test]
fn single_paragraph_in_a_cell_is_still_inline() {
    check(
        "<table><tr><th>h1</th><th>h2</th></tr><tr><td><p>a</p></td><td>b</td></tr></table>",
        "| h1 | h2 |\n| --- | --- |\n| a | b |\n",
    );
}

#[test]
fn one_column_table_is_layout() {
    check(
        "<table><tr><td>First</td></tr><tr><td>Second</td></tr></table>",
        "First\n\nSecond\n",
    );
    check("<table><tr><td><p>Only</p></td></tr></table>", "Only\n");
}

#[test]
fn block_content_in_a_cell_makes_a_layout_table() {
    check(
        "<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>",
        "a\n\nb\n\nc\n",
    );
    check(
        "<table><tr><td><ul><li>a</li></ul></td><td><h2>T</h2></td></tr></table>",
        "- a\n\n## T\n",
    );
}

#[test]
fn nested_table_makes_the_outer_one_layout() {
    check(
        "<table><tr><td>x</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table>",
        "x\n\n| a | b |\n| --- | --- |\n| c | d |\n",
    );
}

#[test]
fn table_in_a_list_item_is_indented() {
    check(
        "<ul><li><table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table></li></ul>",
        "- | a | b |\n  | --- | --- |\n  | 1 | 2 |\n",
    );
}

#[test]
fn empty_table_is_dropped() {
    check(
        "<table><tr><td> </td><td></td></tr><tr><td></td><td> </td></tr></table><p>x</p>",
        "x\n",
    );
}

#[test]
fn late_caption_goes_after_the_table() {
    check(
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr><caption>Late</caption></table>",
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nLate\n",
    );
}

#[test]
fn table_inside_a_div_is_a_block() {
    check(
        "<div><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></div><p>after</p>",
        "| a | b |\n| --- | --- |\n| c | d |\n\nafter\n",
    );
}

#[test]
fn single_row_table_is_layout() {
    // Old news pages put the byline and its buttons in one row.
    check(
        "<table><tr><td>Kim, reporter</td><td>Email | Font size</td></tr></table>",
        "Kim, reporter\n\nEmail | Font size\n",
    );
}

#[test]
fn presentation_table_is_layout() {
    check(
        "<table role=\"presentation\"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        "a\n\nb\n\nc\n\nd\n",
    );
}
