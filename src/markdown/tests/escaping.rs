//! Text escaping: what must be escaped, and what must stay readable.

use super::check;

#[test]
fn always_escaped_characters() {
    check(
        r"<p>a\b *c* `d` ~e~</p>",
        "a\\\\b \\*c\\* \\`d\\` \\~e\\~\n",
    );
}

#[test]
fn underscores_inside_words_stay() {
    check(
        "<p>snake_case _x_ a_ _b</p>",
        "snake_case \\_x\\_ a\\_ \\_b\n",
    );
}

#[test]
fn only_brackets_that_could_make_a_link_are_escaped() {
    check(
        "<p>[a] [b](c) [d][e] [f]: g</p>",
        "[a] [b\\](c) [d\\][e] [f\\]: g\n",
    );
}

#[test]
fn exclamation_before_bracket() {
    check("<p>Wow![1] wow!</p>", "Wow\\![1] wow!\n");
}

#[test]
fn angle_brackets_that_look_like_html() {
    check(
        "<p>&lt;div&gt; a &lt; b &lt;/p&gt; &lt;!-- x --&gt; &lt;?x</p>",
        "\\<div> a < b \\</p> \\<!-- x --> \\<?x\n",
    );
}

#[test]
fn ampersands_that_look_like_entities() {
    check(
        "<p>&amp;amp; &amp;#123; &amp;#x1F; &amp;copy; AT&amp;T &amp; x &amp;;</p>",
        "\\&amp; \\&#123; \\&#x1F; \\&copy; AT&T & x &;\n",
    );
}

#[test]
fn line_start_block_markers() {
    check("<p># not heading</p>", "\\# not heading\n");
    check("<p>#hashtag</p>", "#hashtag\n");
    check("<p>####### seven</p>", "####### seven\n");
    check("<p>- item</p>", "\\- item\n");
    check("<p>+ x</p>", "\\+ x\n");
    check("<p>* x</p>", "\\* x\n");
    check("<p>&gt; quote</p>", "\\> quote\n");
    check("<p>-5 degrees</p>", "-5 degrees\n");
}

#[test]
fn line_start_ordered_list_markers() {
    check("<p>1. x</p>", "1\\. x\n");
    check("<p>2) x</p>", "2\\) x\n");
    check("<p>2024. Year</p>", "2024\\. Year\n");
    check("<p>1234567890. x</p>", "1234567890. x\n");
    check("<p>3.14 is pi</p>", "3.14 is pi\n");
}

#[test]
fn line_start_rules_and_setext_underlines() {
    check("<p>a<br>===</p>", "a\\\n\\===\n");
    check("<p>a<br>---</p>", "a\\\n\\---\n");
    check("<p>---</p>", "\\---\n");
    check("<p>- - -</p>", "\\- - -\n");
    check("<p>***</p>", "\\*\\*\\*\n");
    check("<p>==x</p>", "==x\n");
}

#[test]
fn line_start_fences() {
    check("<p>~~~</p>", "\\~\\~\\~\n");
    check("<p>```</p>", "\\`\\`\\`\n");
}

#[test]
fn line_start_after_a_break() {
    check("<p>a<br># b<br>1. c</p>", "a\\\n\\# b\\\n1\\. c\n");
}

#[test]
fn line_start_inside_a_list_item() {
    check("<ul><li>1. x</li><li>- y</li></ul>", "- 1\\. x\n- \\- y\n");
}

#[test]
fn task_box_lookalike_in_an_item() {
    check("<ul><li>[ ] not a task</li></ul>", "- \\[ ] not a task\n");
}

#[test]
fn pipes_escaped_only_where_a_table_could_form() {
    check("<p>a | b</p>", "a | b\n");
    check("<p>a | b<br>--- | ---</p>", "a \\| b\\\n--- \\| ---\n");
}

#[test]
fn readable_punctuation_is_left_alone() {
    check(
        "<p>Hello. (x) wow! 3 - 2 = 1 # ok + 안녕 “q” 100% $5 @me a/b {c} 'd' \"e\" a:b</p>",
        "Hello. (x) wow! 3 - 2 = 1 # ok + 안녕 “q” 100% $5 @me a/b {c} 'd' \"e\" a:b\n",
    );
}

#[test]
fn zero_width_characters_are_kept() {
    check("<p>a\u{200b}b\u{200d}c</p>", "a\u{200b}b\u{200d}c\n");
}

#[test]
fn decomposed_letters_are_written_composed() {
    // "geprüft" with "u" and a combining diaeresis.
    check(
        "<p>gepru\u{308}ft, <i>Cafe\u{301}</i></p>",
        "geprüft, *Café*\n",
    );
    // Bengali "ড়" (U+09DC) is excluded from composition: NFC writes it
    // as its base letter and a nukta, as most pages do.
    check("<p>সা\u{9dc}ে</p>", "সা\u{9a1}\u{9bc}ে\n");
}

#[test]
fn heading_text_trailing_hashes() {
    check("<h2>Issue #</h2>", "## Issue \\#\n");
    check("<h2>C#</h2>", "## C#\n");
    check("<h3>##</h3>", "### \\##\n");
    check("<h2># one</h2>", "## # one\n");
}
