//! Links and images.

use super::check;

#[test]
fn link_with_title() {
    check(
        "<a href=\"https://e.com/\" title=\"The &quot;site&quot;\">site</a>",
        "[site](https://e.com/ \"The \\\"site\\\"\")\n",
    );
}

#[test]
fn link_destinations_with_parens_and_spaces() {
    check(
        "<a href=\"https://e.com/a_(b)\">w</a>",
        "[w](https://e.com/a_(b))\n",
    );
    check(
        "<a href=\"https://e.com/a)\">w</a>",
        "[w](<https://e.com/a)>)\n",
    );
    check("<a href=\"/a b\">w</a>", "[w](</a b>)\n");
    check("<a href=\"u&lt;x&gt;\">t</a>", "[t](<u\\<x\\>>)\n");
    check("<a href=\"/a\\b\">t</a>", "[t](/a\\\\b)\n");
}

#[test]
fn script_links_are_just_text() {
    check(
        "<p><a href=\"javascript:alert(1)\">a</a> <a href=\" JavaScript:x\">b</a> \
         <a href=\"vbscript:x\">c</a> <a href=\"data:text/html,x\">d</a></p>",
        "a b c d\n",
    );
}

#[test]
fn links_without_destination_are_text() {
    check(
        "<p><a>plain</a> <a href=\"\">empty</a> <a href=\"#sec\">anchor</a></p>",
        "plain empty anchor\n",
    );
}

#[test]
fn link_with_empty_text_is_dropped() {
    check("<p>a <a href=\"u\"> </a>b</p>", "a b\n");
}

#[test]
fn image_inside_link_is_kept() {
    check(
        "<a href=\"/p\"><img src=\"i.png\" alt=\"pic\"></a>",
        "[![pic](i.png)](/p)\n",
    );
}

#[test]
fn brackets_in_link_text_are_escaped() {
    check("<a href=\"u\">[1]</a>", "[\\[1\\]](u)\n");
}

#[test]
fn emphasis_inside_links() {
    check("<a href=\"u\">a <b>b</b></a>", "[a **b**](u)\n");
}

#[test]
fn link_spanning_blocks_is_repeated_per_block() {
    check("<a href=\"u\"><p>a</p><p>b</p></a>", "[a](u)\n\n[b](u)\n");
}

#[test]
fn image_with_alt_and_title() {
    check(
        "<img src=\"a.png\" alt=\"An image\" title=\"T\">",
        "![An image](a.png \"T\")\n",
    );
    check(
        "<img src=\"a.png\" alt=\"a\n  [b]\">",
        "![a \\[b\\]](a.png)\n",
    );
}

#[test]
fn lazy_image_source_replaces_placeholder() {
    check(
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"real.jpg\" alt=\"x\">",
        "![x](real.jpg)\n",
    );
    check(
        "<img src=\"/img/1x1.gif\" data-original=\"real.jpg\">",
        "![](real.jpg)\n",
    );
    check("<img data-lazy-src=\"l.jpg\">", "![](l.jpg)\n");
}

#[test]
fn largest_srcset_candidate_is_used() {
    check(
        "<img srcset=\"s.jpg 320w, m.jpg 640w, l.jpg 1280w, x.jpg 2x\" alt=\"x\">",
        "![x](l.jpg)\n",
    );
    check(
        "<img src=\"data:,\" data-srcset=\"a.jpg, b.jpg 2x,c.jpg 1.5x\">",
        "![](b.jpg)\n",
    );
    check("<img src=\"a.jpg\" srcset=\"b.jpg 2x\">", "![](a.jpg)\n");
}

#[test]
fn picture_source_is_used_when_img_has_none() {
    check(
        "<picture><source srcset=\"p.webp 1x, p2.webp 2x\"><img alt=\"p\"></picture>",
        "![p](p2.webp)\n",
    );
}

#[test]
fn unusable_images_are_skipped() {
    check("<p>a<img src=\"data:image/png;base64,xx\">b</p>", "ab\n");
    check(
        "<p>a<img src=\"https://t.co/p.gif\" width=\"1\" height=\"1\">b</p>",
        "ab\n",
    );
    check(
        "<p>a<img src=\"x.gif\" width=\"0\">b<img alt=\"none\"></p>",
        "ab\n",
    );
}

#[test]
fn file_name_alt_texts_are_dropped() {
    check(
        r#"<p><img src="/a/218734_1.jpg" alt="218734_1.jpg"> <img src="b.png" alt="A harbour.png view"></p>"#,
        "![](/a/218734_1.jpg) ![A harbour.png view](b.png)\n",
    );
}
