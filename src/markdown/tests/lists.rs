//! Bullets, numbers, nesting, loose items, tasks, list separation.

use super::{check, md_removing};

#[test]
fn bullet_and_ordered_lists() {
    check("<ul><li>a</li><li>b</li></ul>", "- a\n- b\n");
    check("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b\n");
}

#[test]
fn ordered_list_starts_at_start_attribute() {
    check("<ol start=\"7\"><li>a</li><li>b</li></ol>", "7. a\n8. b\n");
}

#[test]
fn ordered_list_start_is_clamped() {
    check("<ol start=\"-5\"><li>a</li></ol>", "0. a\n");
    check(
        "<ol start=\"12345678901\"><li>a</li></ol>",
        "999999999. a\n",
    );
    check("<ol start=\"x\"><li>a</li></ol>", "1. a\n");
}

#[test]
fn lists_nest_three_deep_at_the_content_column() {
    check(
        "<ul><li>one<ul><li>two<ol><li>three</li></ol></li></ul></li><li>four</li></ul>",
        "- one\n  - two\n    1. three\n- four\n",
    );
    check(
        "<ol start=9><li>a<ul><li>b</li></ul></li><li>c<ul><li>d</li></ul></li></ol>",
        "9. a\n   - b\n10. c\n    - d\n",
    );
}

#[test]
fn nested_ordered_list_not_starting_at_one_needs_a_blank_line() {
    // `3.` cannot interrupt a paragraph, so it must not follow `a` directly.
    check(
        "<ul><li>a<ol start=3><li>b</li></ol></li></ul>",
        "- a\n\n  3. b\n",
    );
}

#[test]
fn item_with_two_paragraphs_keeps_both_inside() {
    check(
        "<ol><li><p>first</p><p>second</p></li><li>next</li></ol>",
        "1. first\n\n   second\n2. next\n",
    );
    check(
        "<ol start=9><li>a</li><li><p>b</p><p>c</p></li></ol>",
        "9. a\n10. b\n\n    c\n",
    );
}

#[test]
fn item_with_a_code_block() {
    check(
        "<ul><li>Run:<pre>make\n\nmake install</pre></li></ul>",
        "- Run:\n\n  ```\n  make\n\n  make install\n  ```\n",
    );
}

#[test]
fn item_with_a_quote_and_a_paragraph_after_a_nested_list() {
    check("<ul><li><blockquote>q</blockquote></li></ul>", "- > q\n");
    check(
        "<ul><li>a<ul><li>b</li></ul>c</li></ul>",
        "- a\n  - b\n\n  c\n",
    );
}

#[test]
fn item_starting_with_a_list() {
    check("<ul><li><ul><li>x</li></ul></li></ul>", "- - x\n");
}

#[test]
fn task_list_items() {
    check(
        "<ul><li><input type=\"checkbox\" checked> done</li><li><input type=\"checkbox\"> todo</li></ul>",
        "- [x] done\n- [ ] todo\n",
    );
}

#[test]
fn checkbox_not_at_item_start_is_ignored() {
    check("<ul><li>a <input type=checkbox> b</li></ul>", "- a b\n");
}

#[test]
fn empty_items_are_dropped_and_take_no_number() {
    check("<ul><li>a</li><li> </li><li>b</li></ul>", "- a\n- b\n");
    check(
        "<ol><li>a</li><li><b></b></li><li>b</li></ol>",
        "1. a\n2. b\n",
    );
    assert_eq!(
        md_removing("<ol><li>a</li><li id=ad>ad</li><li>b</li></ol>", &["ad"]),
        "1. a\n2. b\n"
    );
    check("<ul><li> </li></ul><p>x</p>", "x\n");
}

#[test]
fn consecutive_lists_switch_marker_instead_of_merging() {
    check(
        "<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul>",
        "- a\n\n* b\n\n- c\n",
    );
    check("<ol><li>a</li></ol><ol><li>b</li></ol>", "1. a\n\n1) b\n");
    check(
        "<ul><li>x<ul><li>a</li></ul><ul><li>b</li></ul></li></ul>",
        "- x\n  - a\n\n  * b\n",
    );
}

#[test]
fn lists_separated_by_a_paragraph_keep_their_marker() {
    check(
        "<ul><li>a</li></ul><p>p</p><ul><li>b</li></ul>",
        "- a\n\np\n\n- b\n",
    );
    check("<ul><li>a</li></ul><ol><li>b</li></ol>", "- a\n\n1. b\n");
}

#[test]
fn li_outside_a_list_is_a_bullet_item() {
    check("<div><li>a</li> <li>b</li></div>", "- a\n- b\n");
    check(
        "<div><li>a</li>text<li>b</li></div>",
        "- a\n\ntext\n\n- b\n",
    );
}

#[test]
fn list_in_a_quote_and_quote_in_a_list() {
    check(
        "<blockquote><ul><li>a</li><li>b</li></ul></blockquote>",
        "> - a\n> - b\n",
    );
    check(
        "<ul><li><p>a</p><blockquote><p>q1</p><p>q2</p></blockquote></li></ul>",
        "- a\n\n  > q1\n  >\n  > q2\n",
    );
}

#[test]
fn hr_as_first_block_of_an_item() {
    check("<ul><li><hr>x</li></ul>", "- ___\n\n  x\n");
}

#[test]
fn task_checkbox_inside_the_item_paragraph() {
    check(
        "<ul><li><p><label><input type=checkbox disabled> a</label></p></li></ul>",
        "- [ ] a\n",
    );
}

#[test]
fn breaks_inside_items_keep_the_continuation_indent() {
    check("<ol><li>a<br>b</li></ol>", "1. a\\\n   b\n");
    check("<ul><li>a<br><br>b</li></ul>", "- a\n\n  b\n");
}

#[test]
fn heading_inside_an_item() {
    check("<ul><li><h3>T</h3><p>x</p></li></ul>", "- ### T\n\n  x\n");
}
