//! Paragraphs, whitespace, breaks, headings, code blocks, quotes, rules.

use super::{check, md};

#[test]
fn whitespace_collapses_like_a_browser() {
    check("<p>  Hello \n\t world  </p>", "Hello world\n");
    check("<p>a</p>\n\n<p>b</p>", "a\n\nb\n");
}

#[test]
fn empty_input_gives_empty_output() {
    check("", "");
    check("<p>   </p><div> \n </div>", "");
}

#[test]
fn non_breaking_spaces_are_text_but_not_content() {
    check("<p>a&nbsp;&nbsp;b</p>", "a\u{a0}\u{a0}b\n");
    check("<p>&nbsp;</p><p>x</p><p> &nbsp; </p>", "x\n");
}

#[test]
fn block_elements_end_the_paragraph() {
    check(
        "<span>a</span><section>b</section><span>c</span>",
        "a\n\nb\n\nc\n",
    );
    check("<div>intro<p>para</p>tail</div>", "intro\n\npara\n\ntail\n");
    check(
        "<article><header>h</header><main>m</main></article>",
        "h\n\nm\n",
    );
}

#[test]
fn br_is_a_backslash_hard_break() {
    check("<p>a<br>b</p>", "a\\\nb\n");
    check("<p>a <br> b</p>", "a\\\nb\n");
}

#[test]
fn breaks_at_paragraph_edges_are_dropped() {
    check("<p><br>a<br></p>", "a\n");
    check("<p><br><br></p><p>b</p>", "b\n");
}

#[test]
fn two_breaks_end_the_paragraph() {
    check("<p>a<br> <br>b</p>", "a\n\nb\n");
    check(
        "<div>첫 문단입니다.<br><br>둘째 문단입니다.<br><br><br>셋째</div>",
        "첫 문단입니다.\n\n둘째 문단입니다.\n\n셋째\n",
    );
}

#[test]
fn headings_are_atx_on_one_line() {
    check(
        "<h1>Title</h1><h3>Sub <em>x</em></h3>",
        "# Title\n\n### Sub *x*\n",
    );
    check("<h6>six</h6>", "###### six\n");
    check("<h2>a<br>b</h2>", "## a b\n");
    check("<h2><div>a</div><div>b</div></h2>", "## a b\n");
}

#[test]
fn empty_headings_are_dropped() {
    check("<h2> </h2><p>x</p>", "x\n");
}

#[test]
fn code_block_keeps_every_line_and_space() {
    check(
        "<pre>line1\n\n    indented\n&lt;tag&gt; &amp;amp;\n</pre>",
        "```\nline1\n\n    indented\n<tag> &amp;\n```\n",
    );
    check("<pre>a<br>b</pre>", "```\na\nb\n```\n");
    check("<pre>\nx</pre>", "```\nx\n```\n");
    check(
        "<pre><span class=k>fn</span> main</pre>",
        "```\nfn main\n```\n",
    );
}

#[test]
fn code_block_language_from_class() {
    check(
        "<pre><code class=\"language-python\">print(1)</code></pre>",
        "```python\nprint(1)\n```\n",
    );
    check("<pre class=\"lang-js\">x</pre>", "```js\nx\n```\n");
    check(
        "<pre class=\"highlight highlight-source-rust\">x</pre>",
        "```rust\nx\n```\n",
    );
    check("<pre class=\"highlight-go\">x</pre>", "```go\nx\n```\n");
}

#[test]
fn code_block_fence_outgrows_backticks_inside() {
    check("<pre>```\ncode\n```</pre>", "````\n```\ncode\n```\n````\n");
}

#[test]
fn whitespace_only_code_block_is_dropped() {
    check("<pre>  \n </pre><p>x</p>", "x\n");
}

#[test]
fn code_block_in_a_quote_prefixes_every_line() {
    check(
        "<blockquote><pre>a\n\nb</pre></blockquote>",
        "> ```\n> a\n>\n> b\n> ```\n",
    );
}

#[test]
fn blockquotes_nest() {
    check("<blockquote><p>a</p><p>b</p></blockquote>", "> a\n>\n> b\n");
    check(
        "<blockquote>outer<blockquote>inner</blockquote></blockquote>",
        "> outer\n>\n> > inner\n",
    );
    check("<blockquote>a<br>b</blockquote>", "> a\\\n> b\n");
}

#[test]
fn consecutive_quotes_stay_apart() {
    check(
        "<blockquote>a</blockquote><blockquote>b</blockquote>",
        "> a\n\n> b\n",
    );
}

#[test]
fn empty_blockquote_is_dropped() {
    check(
        "<p>x</p><blockquote> <p></p> </blockquote><p>y</p>",
        "x\n\ny\n",
    );
}

#[test]
fn hr_is_a_thematic_break_between_blank_lines() {
    check("<p>a</p><hr><p>b</p>", "a\n\n---\n\nb\n");
    check("a<hr>b", "a\n\n---\n\nb\n");
}

#[test]
fn definition_lists_are_bold_terms_and_paragraphs() {
    check(
        "<dl><dt>Term</dt><dd>Definition</dd><dt><b>Bold</b></dt><dd>More</dd></dl>",
        "**Term**\n\nDefinition\n\n**Bold**\n\nMore\n",
    );
}

#[test]
fn figure_caption_equal_to_alt_is_written_once() {
    check(
        "<figure><img src=\"c.jpg\" alt=\"A cat on a mat\"><figcaption>A cat \n on a mat</figcaption></figure>",
        "![](c.jpg)\n\nA cat on a mat\n",
    );
    check(
        "<figure><img src=\"c.jpg\" alt=\"cat\"><figcaption>A cat on a mat</figcaption></figure>",
        "![](c.jpg)\n\nA cat on a mat\n",
    );
}

#[test]
fn figure_caption_different_from_alt_keeps_alt() {
    check(
        "<figure><img src=\"c.jpg\" alt=\"Tabby\"><figcaption>Photo: Ann</figcaption></figure>",
        "![Tabby](c.jpg)\n\nPhoto: Ann\n",
    );
}

#[test]
fn figure_caption_goes_after_the_images() {
    check(
        "<figure><figcaption>Cap</figcaption><img src=\"a.png\" alt=\"x\"></figure><p>next</p>",
        "![x](a.png)\n\nCap\n\nnext\n",
    );
}

#[test]
fn skipped_elements_write_nothing() {
    check(
        "<p>a<script>x</script><style>y</style>b</p><noscript>n</noscript><template>t</template>\
         <iframe src=u></iframe><svg><text>s</text></svg><button>Click</button><select><option>o</select>\
         <textarea>t</textarea><video>v</video><canvas>c</canvas>",
        "ab\n",
    );
}

#[test]
fn math_without_tex_is_its_text() {
    check(
        "<p>a<math><mi>m</mi><mo>=</mo><mn>1</mn></math>b</p>",
        "am = 1b\n",
    );
}

#[test]
fn details_and_summary_are_paragraphs() {
    check(
        "<details><summary>More</summary><p>Hidden</p></details>",
        "More\n\nHidden\n",
    );
}

#[test]
fn heading_line_for_plain_text() {
    use crate::markdown::heading;
    assert_eq!(
        heading(1, "  The *real*\n title #"),
        "# The \\*real\\* title \\#"
    );
    assert_eq!(heading(9, "x"), "###### x");
    assert_eq!(heading(0, "1. Intro"), "# 1. Intro");
    assert_eq!(heading(2, " \n "), "##");
}

#[test]
fn korean_section_markers_become_headings() {
    let html = "<div>본문 첫 문단이다.<br><br><b>◇ 바다에 데이터센터도 조성</b><br><br>다음 문단이다.<br><br>◇ 시 산하 ‘AI 컨트롤타워’ 발족<br><br>끝.</div>";
    assert_eq!(
        md(html),
        "본문 첫 문단이다.\n\n## ◇ 바다에 데이터센터도 조성\n\n다음 문단이다.\n\n## ◇ 시 산하 ‘AI 컨트롤타워’ 발족\n\n끝.\n"
    );
}

#[test]
fn a_long_paragraph_starting_with_a_marker_stays_a_paragraph() {
    let text = "◇ 이 문단은 표시로 시작하지만 길다. ".repeat(5);
    let out = md(&format!("<p>{text}</p>"));
    assert!(out.starts_with("◇ 이 문단은"), "{out}");
}

#[test]
fn section_markers_inside_lists_are_left_alone() {
    assert_eq!(md("<ul><li>◇ 항목</li></ul>"), "- ◇ 항목\n");
}

#[test]
fn rules_at_the_edges_are_dropped() {
    check("<hr><p>a</p><hr><p>b</p><hr><hr>", "a\n\n---\n\nb\n");
    check("<hr>", "");
}
