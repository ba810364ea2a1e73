//! Emphasis, CommonMark flanking fallbacks, inline code, sup/sub.

use super::check;

#[test]
fn emphasis_strong_and_strikethrough() {
    check(
        "<p><em>a</em> <i>b</i> <strong>c</strong> <b>d</b> <del>e</del> <s>f</s> <strike>g</strike></p>",
        "*a* *b* **c** **d** ~~e~~ ~~f~~ ~~g~~\n",
    );
}

#[test]
fn spaces_at_span_edges_move_outside() {
    check("<p>foo<b> bar </b>baz</p>", "foo **bar** baz\n");
    check("<p>a<i> b</i>c</p>", "a *b*c\n");
}

#[test]
fn non_breaking_spaces_at_span_edges_move_outside() {
    // Inside, they would stop `**` from opening or closing, and the span
    // would fall back to an HTML tag.
    check(
        "<p>a<strong>&nbsp;Ein Genuss!&nbsp;</strong>b</p>",
        "a\u{a0}**Ein Genuss!**\u{a0}b\n",
    );
    check(
        "<p>x <em>&nbsp;&nbsp;y</em> <a href=\"/u\">&nbsp;z</a></p>",
        "x \u{a0}\u{a0}*y* \u{a0}[z](/u)\n",
    );
    check("<p>a<b>&nbsp;</b>b</p>", "a\u{a0}b\n");
    check(
        "<p>a<em><strong>&nbsp;Neu!&nbsp;</strong></em>b</p>",
        "a\u{a0}*__Neu!__*\u{a0}b\n",
    );
}

#[test]
fn empty_emphasis_is_dropped() {
    check("<p>a<b> </b>b<i></i>c</p>", "a bc\n");
    check("<p><b><i> </i></b></p>", "");
}

#[test]
fn breaks_at_span_edges_move_outside() {
    check("<p><b>a<br></b>b</p>", "**a**\\\nb\n");
}

#[test]
fn nested_same_emphasis_writes_once() {
    check("<p><b><b>x</b></b></p>", "**x**\n");
    check("<p><b>a <strong>b</strong> c</b></p>", "**a b c**\n");
    check("<p><i>a <em>b</em></i></p>", "*a b*\n");
}

#[test]
fn nested_different_emphasis_does_not_merge_runs() {
    check("<p><b><i>x</i></b></p>", "**_x_**\n");
    check("<p><i><b>y</b></i></p>", "*__y__*\n");
    check("<p><b>a <i>b</i> c</b></p>", "**a *b* c**\n");
}

#[test]
fn korean_strong_before_particle_falls_back_to_html() {
    // `)` inside meets `을` outside: `**` would not close.
    check(
        "<p><b>마크다운(Markdown)</b>을 배우자</p>",
        "<strong>마크다운(Markdown)</strong>을 배우자\n",
    );
}

#[test]
fn japanese_strong_around_brackets_falls_back_to_html() {
    // `は` before and `「` after: `**` would not open.
    check(
        "<p>これは<b>「重要」</b>です</p>",
        "これは<strong>「重要」</strong>です\n",
    );
    check(
        "<p>これは<del>「古い」</del>です</p>",
        "これは<del>「古い」</del>です\n",
    );
}

#[test]
fn cjk_emphasis_between_letters_stays_markdown() {
    check(
        "<p>이것은 <b>중요</b>한 문장</p>",
        "이것은 **중요**한 문장\n",
    );
    check("<p>これは<b>重要</b>です</p>", "これは**重要**です\n");
}

#[test]
fn punctuation_inside_letters_outside_falls_back() {
    check("<p>a<em>\"quoted\"</em>b</p>", "a<em>\"quoted\"</em>b\n");
    check(
        "<p>see<b><a href=\"u\">x</a></b></p>",
        "see<strong>[x](u)</strong>\n",
    );
}

#[test]
fn intraword_emphasis_uses_asterisks() {
    check(
        "<p>un<b>frigging</b>believable</p>",
        "un**frigging**believable\n",
    );
}

#[test]
fn emphasis_continues_across_blocks() {
    check("<b><p>a</p><p>b</p></b>", "**a**\n\n**b**\n");
    check("<b><h2>T</h2></b>", "## **T**\n");
}

#[test]
fn inline_code() {
    check(
        "<p>Use <code>let x = 1;</code> here</p>",
        "Use `let x = 1;` here\n",
    );
    check("<p><kbd>Ctrl</kbd>+<kbd>C</kbd></p>", "`Ctrl`+`C`\n");
    check("<p><code>*a* &lt;b&gt; \\</code></p>", "`*a* <b> \\`\n");
}

#[test]
fn inline_code_fence_outgrows_backticks() {
    check("<p><code>a`b</code></p>", "``a`b``\n");
    check("<p><code>`a</code></p>", "`` `a ``\n");
    check("<p><code>a``b</code></p>", "```a``b```\n");
}

#[test]
fn inline_code_collapses_whitespace_and_moves_edges_out() {
    check("<p><code>a   b\n c</code></p>", "`a b c`\n");
    check("<p>x<code> y </code>z</p>", "x `y` z\n");
}

#[test]
fn code_inside_pre_is_the_code_block() {
    check("<pre><code>a  b</code></pre>", "```\na  b\n```\n");
}

#[test]
fn sup_and_sub_stay_html() {
    check(
        "<p>x<sup>2</sup> H<sub>2</sub>O</p>",
        "x<sup>2</sup> H<sub>2</sub>O\n",
    );
    check("<p>a<sup>*</sup></p>", "a<sup>\\*</sup>\n");
}

#[test]
fn other_inline_elements_are_plain_text() {
    check(
        "<p><span>a</span> <q>b</q> <abbr title=t>c</abbr> <u>d</u> <small>f</small></p>",
        "a b c d f\n",
    );
}

#[test]
fn mark_is_inline_html_like_sup_and_sub() {
    check("<p>a <mark>key</mark> b</p>", "a <mark>key</mark> b\n");
}

#[test]
fn ideographic_indents_are_dropped_at_line_starts() {
    check(
        "<p>\u{3000}\u{3000}第一段。<br>\u{3000}\u{3000}第二行，中间\u{3000}空格。</p><p><strong>\u{3000}\u{3000}小标题</strong></p>",
        "第一段。\\\n第二行，中间\u{3000}空格。\n\n**小标题**\n",
    );
}
