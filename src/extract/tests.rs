use super::*;
use crate::dom::Dom;

fn chosen(html: &str) -> (Dom, Article) {
    let dom = Dom::parse(html);
    let removed = NodeSet::new(dom.len());
    let article = extract(&dom, &removed, None);
    (dom, article)
}

/// The paths of the chosen article's roots.
fn chosen_paths(html: &str) -> Vec<String> {
    let (dom, a) = chosen(html);
    a.roots.iter().map(|&r| dom.path(r)).collect()
}

fn para(text: &str, n: usize) -> String {
    format!("<p>{}</p>", vec![text; n].join(" "))
}

#[test]
fn marker_holding_most_text_is_chosen() {
    let body = para("The council approved the plan, after a long debate.", 6);
    let html =
        format!("<div class=menu><a>Home</a></div><article id=a>{body}</article><div>short</div>");
    let (dom, a) = chosen(&html);
    assert_eq!(a.roots.len(), 1);
    assert_eq!(dom.path(a.roots[0]), "body > article#a");
    assert!(a.choice.reason.starts_with("article marker"));
}

#[test]
fn small_marker_is_ignored_in_favour_of_scoring() {
    let body = para("Long body text, with commas, that goes on and on.", 8);
    let html = format!("<article><p>teaser</p></article><div id=story>{body}{body}</div>");
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > div#story");
    assert_eq!(a.choice.reason, "highest text score");
}

#[test]
fn enclosing_marker_that_adds_little_is_preferred() {
    let body = para("Paragraph text of the article, long enough to count.", 6);
    let menu = "<a href=/>Home page</a> <a href=/news>All the news</a> ".repeat(3);
    let html = format!(
        "<div>{menu}</div><main id=m><article id=a><h1>Headline</h1><div itemprop=articleBody id=b>{body}</div></article></main>"
    );
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > main#m");
}

#[test]
fn main_column_holding_the_whole_page_is_searched_for_the_article() {
    let story = para("The council approved the plan, after a long debate.", 30);
    let player = "<ul><li>Quality</li><li>Auto</li><li>Subtitles</li><li>Off</li></ul>";
    let more = "<li><a href=x>Another story from the same section, worth a look</a></li>".repeat(4);
    let html = format!(
        "<main id=col><div class=player>{player}</div><div id=story>{story}</div><ul>{more}</ul></main>"
    );
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > main#col > div#story");
    assert_eq!(a.choice.reason, "highest text score");
}

#[test]
fn article_element_holding_the_whole_page_is_kept_whole() {
    let story = para("The council approved the plan, after a long debate.", 8);
    let more = "<li><a href=x>Another story from the same section, worth a look</a></li>".repeat(4);
    let html = format!("<article id=a><div id=story>{story}</div><ul>{more}</ul></article>");
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > article#a");
}

/// A `<main>` grown from the `<article>` it wraps is searched for the
/// article, but a best block (here a long list of references) with an
/// abstract and a section before it inside the `<article>` is only part
/// of it: the `<article>` is kept whole.
#[test]
fn named_article_with_much_text_before_its_best_block_is_kept_whole() {
    let abstract_ = para(
        "The purpose of the review is to summarise, briefly, the findings.",
        10,
    );
    let section = para(
        "Patients were treated, in most cases, with the usual drugs.",
        10,
    );
    let reference =
        "<li>Author A, Author B, Author C. A study of something, in a journal, 2017.</li>";
    let html = format!(
        "<main id=m><h1>Review</h1><article id=a>\
         <section><h2>Abstract</h2><div id=abs>{abstract_}</div></section>\
         <section><h2>Methods</h2><div id=text>{section}</div></section>\
         <section><h2>References</h2><div><ol id=refs>{}</ol></div></section></article></main>",
        reference.repeat(100)
    );
    assert_eq!(chosen_paths(&html), ["body > main#m > article#a"]);
}

#[test]
fn br_separated_korean_text_in_a_div_is_found() {
    let line = "울산시가 연초부터 인공지능 수도를 실현하기 위한 행보에 나섰다, 시는 밝혔다.";
    let text = [line; 6].join("<br><br>");
    let links = "<a>홈</a> <a>정치</a> <a>경제</a> <a>사회</a>".repeat(5);
    let html = format!(
        "<div id=gnb>{links}</div><div id=articletxt>{text}</div><div id=foot>{links}</div>"
    );
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > div#articletxt");
}

#[test]
fn link_lists_lose_to_prose() {
    let links = "<li><a href=x>A related headline that is quite long indeed</a></li>".repeat(20);
    let body = para("Prose, with commas, and a full stop.", 5);
    let html = format!("<div id=rel><ul>{links}</ul></div><div id=body>{body}{body}</div>");
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > div#body");
    let runner = a.choice.runner_up.expect("a runner-up");
    assert!(runner.0.contains("div#rel") || runner.1 < a.choice.score);
}

#[test]
fn prose_siblings_are_joined() {
    let body = para("Many words, many commas, many sentences in the body.", 8);
    let html = format!(
        "<div id=wrap><p>Lead paragraph of the story that sits outside the main box, and it matters a lot.</p>\
         <div id=main>{body}</div><p><a href=x>Next story link that is long enough to count</a></p></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(paths, ["body > div#wrap > p", "body > div#wrap > div#main"]);
}

/// A standfirst in a layout column of its own (`div.col > p`) between
/// the header and the body is a paragraph of prose too; a wrapper that
/// holds a paragraph of links is not.
#[test]
fn a_paragraph_alone_in_a_wrapper_is_a_prose_sibling() {
    let body = para("Many words, many commas, many sentences in the body.", 8);
    let html = format!(
        "<div id=wrap><div class=col><div><p>The standfirst of the story, in a column of its own, and it matters.</p></div></div>\
         <div id=main>{body}</div><div class=col><p><a href=x>Next story link that is long enough to count</a></p></div></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(
        paths,
        ["body > div#wrap > div.col", "body > div#wrap > div#main"]
    );
}

/// A heading or a paragraph standing between two of the article's
/// blocks (a standfirst set as an `<h2>` between the lead photo and the
/// body) belongs to the article; a row of links there does not.
#[test]
fn a_text_block_between_two_of_the_articles_blocks_is_kept() {
    let body = para("Many words, many commas, many sentences in the body.", 8);
    let html = format!(
        "<div id=story><figure><img src=p.jpg><figcaption>The field.</figcaption></figure>\
         <h2>Neighbours worry about what the officials said of the area</h2>\
         <div class=more><a href=x>Weather</a> <a href=y>Sport</a></div>\
         <div id=body>{body}</div></div><div id=side><a href=x>Other</a></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(
        paths,
        [
            "body > div#story > figure",
            "body > div#story > h2",
            "body > div#story > div#body"
        ]
    );
}

/// The article's last section in a module of its own after a photo
/// module (`section > div > h2 + p`) scores too little on its own but
/// reads as a section: a heading, then paragraphs. A box of paragraphs
/// without a heading after the article is not taken.
#[test]
fn a_headed_run_of_paragraphs_beside_the_article_is_a_section_of_it() {
    let body = para("Many words, many commas, many sentences in the body.", 8).repeat(6);
    let html = format!(
        "<main><section id=s1><div>{body}</div></section>\
         <section id=gallery><div class=slider><img src=a.jpg></div></section>\
         <section id=s2><div class=text><h2>Release</h2><p>In summer the fish are put back in the warmer water, where they recover much better than in winter.</p></div></section>\
         <section id=s3><div class=note><p>Cookies are set on this site to give you the best experience of it, if you go on reading its pages.</p></div></section>\
         </main>"
    );
    let paths = chosen_paths(&html);
    assert!(
        paths.contains(&"body > main > section#s2".to_string()),
        "{paths:?}"
    );
    assert!(
        !paths.contains(&"body > main > section#s3".to_string()),
        "{paths:?}"
    );
}

#[test]
fn empty_page_falls_back_to_body() {
    let (dom, a) = chosen("<p>hi</p>");
    assert_eq!(dom.path(a.roots[0]), "body");
    assert!(a.choice.reason.starts_with("no article found"));
}

#[test]
fn removed_nodes_do_not_count() {
    let body = para("Real article text, with commas, that is long.", 6);
    let html = format!("<div id=junk>{body}{body}{body}</div><div id=real>{body}</div>");
    let dom = Dom::parse(&html);
    let mut removed = NodeSet::new(dom.len());
    removed.insert(
        dom.ids()
            .find(|&id| dom.path(id) == "body > div#junk")
            .unwrap(),
    );
    let a = extract(&dom, &removed, None);
    assert_eq!(dom.path(a.roots[0]), "body > div#real");
}

#[test]
fn wrappers_are_climbed_and_a_photo_beside_the_body_is_kept() {
    let body = para("Body text of the story, with commas, long enough.", 8);
    let html = format!(
        "<div id=col><div id=photo><img src=a.jpg><div>Caption of the photo.</div></div>\
         <div id=bdy><div id=inner>{body}</div></div></div><div id=side><a href=x>Other story</a></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(
        paths,
        ["body > div#col > div#photo", "body > div#col > div#bdy"]
    );
}

#[test]
fn near_equal_posts_lift_the_choice_to_their_thread() {
    let post = |n: usize| {
        format!(
            "<div class=post id=p{n}><div class=content>{}</div></div>",
            ["Post text, a sentence, another clause."; 6].join("<br>")
        )
    };
    let posts: String = (1..=4).map(post).collect();
    let html = format!("<div id=thread>{posts}</div><div id=side><a>x</a></div>");
    let (dom, a) = chosen(&html);
    assert_eq!(dom.path(a.roots[0]), "body > div#thread");
}

#[test]
fn blocks_between_the_headline_and_the_body_are_kept() {
    let body = para("The body text of the story, with commas, long enough.", 8);
    let html = format!(
        "<table><tr><td><a href=/>Home</a> &gt; <a href=/n>News</a></td></tr>\
         <tr><td id=t>Abalone exports grow</td></tr><tr><td id=sub>- New markets in Asia</td></tr>\
         <tr><td id=b>{body}</td></tr></table><div id=side><a href=x>Other</a></div>"
    );
    let dom = Dom::parse(&html);
    let removed = NodeSet::new(dom.len());
    let a = extract(&dom, &removed, Some("Abalone exports grow"));
    let paths: Vec<String> = a.roots.iter().map(|&r| dom.path(r)).collect();
    assert_eq!(
        paths,
        [
            "body > table > tbody > tr",
            "body > table > tbody > tr",
            "body > table > tbody > tr"
        ]
    );
    assert!(dom.contains(
        a.roots[0],
        dom.ids().find(|&i| dom.path(i).ends_with("td#t")).unwrap()
    ));
    let without_title = extract(&dom, &removed, None);
    assert_eq!(without_title.roots.len(), 1);
}

/// A pathological page for scoring: twenty thousand sibling blocks, each
/// a candidate. With its budget spent, extraction keeps the whole body
/// and says why, instead of failing or losing text.
#[test]
fn spent_budget_keeps_the_whole_body_and_says_so() {
    let block = format!(
        "<div class=post>{}</div>",
        para("Text, with commas, of a post.", 3)
    );
    let html = format!("<body>{}</body>", block.repeat(20_000));
    let dom = Dom::parse(&html);
    let removed = NodeSet::new(dom.len());
    let spent = Budget::new(std::time::Duration::ZERO);
    let a = extract_within(&dom, &removed, Some("Title"), &spent);
    assert_eq!(a.roots, vec![dom.find("body").expect("a body")]);
    assert!(
        a.choice
            .reason
            .starts_with("the whole body (the time budget"),
        "{}",
        a.choice.reason
    );
    assert!(a.choice.reason.contains("ran out"), "{}", a.choice.reason);
}

/// The budget a page gets grows with its size and is far above what a
/// real page takes, so ordinary pages never see it.
#[test]
fn page_budget_grows_with_the_page() {
    let small = Budget::for_page(1_000);
    let large = Budget::for_page(2_000_000);
    assert!(!small.spent() && !large.spent());
    assert!(
        small.cut_short("x").contains("2002 ms"),
        "{}",
        small.cut_short("x")
    );
    assert!(
        large.cut_short("x").contains("6000 ms"),
        "{}",
        large.cut_short("x")
    );
}

#[test]
fn the_marker_holding_the_headline_beats_a_bigger_comment_thread() {
    let body = para("The council approved the plan, after a long debate.", 12);
    let comments = para("I think this is wrong, and so do my neighbours here.", 40);
    let html = format!(
        "<span role=main id=a><h1>Plan approved</h1>{body}</span>\
         <span role=main id=c><h2>Comments</h2>{comments}</span>"
    );
    let dom = Dom::parse(&html);
    let removed = NodeSet::new(dom.len());
    let a = extract(&dom, &removed, Some("Kicker: Plan approved"));
    assert_eq!(dom.path(a.roots[0]), "body > span#a");
    // Without a headline to go by, the marker holding most text wins.
    let a = extract(&dom, &removed, None);
    assert_eq!(dom.path(a.roots[0]), "body > span#c");
}

#[test]
fn an_article_continued_in_another_container_is_kept_whole() {
    let lead = para("The first part of the story, with commas, goes on here.", 5);
    let rest = para(
        "The second part of the story, with commas, continues there.",
        5,
    );
    let links = "<li><a href=x>Another headline that is long enough</a></li>".repeat(8);
    let html = format!(
        "<div class=container><div class=row>{lead}</div></div>\
         <section class=blog-post><div class=container><div class=post-text>{rest}</div></div></section>\
         <div class=teasers><ul>{links}</ul></div>"
    );
    let (dom, a) = chosen(&html);
    let text: String = a.roots.iter().map(|&r| dom.text_content(r)).collect();
    assert!(
        text.contains("first part") && text.contains("second part"),
        "{text}"
    );
    assert!(!text.contains("Another headline"), "{text}");
}

#[test]
fn a_teaser_list_after_the_article_is_not_its_continuation() {
    let body = para(
        "The story itself, with commas, and a full stop at the end.",
        6,
    );
    let teaser = "<h4><a href=x>Another story</a></h4><p>A summary of another story, with commas, in one line.</p>";
    let html = format!(
        "<div class=a><div class=wrap><div id=story>{body}</div><div>Share</div></div></div>\
         <div class=b><div class=more>{}</div><div>Footer</div></div>",
        teaser.repeat(10)
    );
    let (dom, a) = chosen(&html);
    let text: String = a.roots.iter().map(|&r| dom.text_content(r)).collect();
    assert!(text.contains("The story itself"), "{text}");
    assert!(!text.contains("Another story"), "{:?} {text}", a.choice);
}

#[test]
fn the_lead_beside_the_box_holding_the_rest_comes_with_the_headline() {
    let lead = para("The lead paragraph, short, sits beside the box.", 1);
    let rest = para("The rest of the text, with commas, goes on and on here.", 8);
    let html = format!(
        "<div id=story><h1>Angry media</h1><div class=story-body>{lead}\
         <div id=more><div id=more-content>{rest}</div><a href=x>Read more</a></div></div>\
         <div class=links><a href=y>Home</a> <a href=z>News</a></div></div>"
    );
    let dom = Dom::parse(&html);
    let removed = NodeSet::new(dom.len());
    let a = extract(&dom, &removed, Some("Angry media"));
    let text: String = a.roots.iter().map(|&r| dom.text_content(r)).collect();
    assert!(text.starts_with("Angry media"), "{text}");
    assert!(text.contains("The lead paragraph"), "{text}");
    assert!(text.contains("The rest of the text"), "{text}");
    assert!(!text.contains("Home"), "{text}");
}

#[test]
fn a_sibling_section_nested_deeper_than_scores_reach_is_kept() {
    let lead = para("The lead section of the article, with commas, is deep.", 8);
    let rest = para("The main section of the article, with commas, is big.", 10);
    let deep = format!(
        "<div><div><div><section><div><div><div>{lead}</div></div></div></section></div></div></div>"
    );
    let html = format!(
        "<div id=post><figure><img src=l.jpg></figure><div class=acf-content>{deep}</div><figure><img src=a.jpg></figure>\
         <div class=acf-content><div>{rest}</div></div><div class=footer><a href=x>Home</a></div></div>"
    );
    let (dom, a) = chosen(&html);
    let text: String = a.roots.iter().map(|&r| dom.text_content(r)).collect();
    assert!(text.contains("The lead section"), "{text}");
    assert!(text.contains("The main section"), "{text}");
    assert!(!text.contains("Home"), "{text}");
}

/// A `<main>` column whose story (headline, body) is a minor share of its
/// text, above a stream of items (a heading, a summary and the linked
/// name of its source each).
fn column_with_teaser_stream(teaser_heading: &str) -> String {
    let story = para("The council approved the plan, after a long debate.", 6);
    let summary = para(
        "Another story of the day, summed up in a sentence, and more.",
        2,
    );
    let source = "<a href=/source>Morning News Network</a>";
    let stream = format!("<li>{teaser_heading}{summary}{source}</li>").repeat(6);
    format!(
        "<main id=col><section id=story><header><h1>Plan approved</h1></header>\
         <div class=body>{story}</div></section><ul id=stream>{stream}</ul></main>"
    )
}

fn choose_with_title(html: &str, title: &str) -> (Dom, Article) {
    let dom = Dom::parse(html);
    let removed = NodeSet::new(dom.len());
    let article = extract(&dom, &removed, Some(title));
    (dom, article)
}

/// Teasers (headings that link elsewhere): the story's own box is the
/// article.
#[test]
fn the_story_box_beside_a_stream_of_teasers_is_the_article() {
    let heading = "<h3><a href=/other>Another story of the same day, worth a look</a></h3>";
    let html = column_with_teaser_stream(heading);
    let (dom, a) = choose_with_title(&html, "Plan approved");
    let paths: Vec<String> = a.roots.iter().map(|&r| dom.path(r)).collect();
    assert_eq!(paths, ["body > main#col > section#story"]);
}

/// Sections under plain headings: the column stays whole.
#[test]
fn sections_under_plain_headings_keep_the_whole_column() {
    let html = column_with_teaser_stream("<h3>Another section of the same report</h3>");
    let (dom, a) = choose_with_title(&html, "Plan approved");
    let paths: Vec<String> = a.roots.iter().map(|&r| dom.path(r)).collect();
    assert_eq!(paths, ["body > main#col"]);
}

fn furniture_paths(html: &str) -> Vec<String> {
    let (dom, a) = chosen(html);
    a.furniture.iter().map(|&f| dom.path(f)).collect()
}

/// Boxes inside the article named as furniture in compound class names
/// (which rules, matching whole words, leave) are left out.
#[test]
fn furniture_boxes_inside_the_article_are_left_out() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let html = format!(
        "<article id=a>{body}<div class=cnnVidFooter>Watch more videos now</div>\
         <div class=wp-gal-promo-stub><a href=/g>Photos of the day</a></div>{body}</article>"
    );
    assert_eq!(
        furniture_paths(&html),
        [
            "body > article#a > div.cnnVidFooter",
            "body > article#a > div.wp-gal-promo-stub"
        ]
    );
}

/// A short list of other stories' headlines between the paragraphs is
/// left out; a list of short links, a longer one, or a table of contents
/// stays.
#[test]
fn teaser_lists_between_the_paragraphs_are_left_out() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let teasers = "<ul id=t><li><a href=/news/1>Four out of five jobs affected by virus</a>\
        <li><a href=/news/2>Airline cuts a third of its flights until June</a></ul>";
    let html = format!("<article id=a>{body}{teasers}{body}</article>");
    assert_eq!(furniture_paths(&html), ["body > article#a > ul#t"]);
    let kept = [
        "<li><a href=/t/1>Energy</a><li><a href=/t/2>Climate</a>",
        "<li><a href=#s1>How the council voted on the plan</a>",
        &"<li><a href=/n>A headline of another story on the site</a>".repeat(4),
    ];
    for list in kept {
        let html = format!("<article id=a>{body}<ul>{list}</ul>{body}</article>");
        assert!(furniture_paths(&html).is_empty(), "{list}");
    }
}

/// A teaser list whose label is written inside the `ul`, before its
/// items, is left out too; a label holding a link, or a long text before
/// the items, keeps the list.
#[test]
fn teaser_lists_labelled_inside_the_list_are_left_out() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let items = "<li><a href=/news/1>Four out of five jobs affected by virus</a>\
        <li><a href=/news/2>Airline cuts a third of its flights until June</a>";
    let html = format!(
        "<article id=a>{body}<ul id=t><span>More on this</span>{items}</ul>{body}</article>"
    );
    assert_eq!(furniture_paths(&html), ["body > article#a > ul#t"]);
    let kept = [
        "<span><a href=/topic>More on this</a></span>",
        "<span>A long introduction to the list that follows, which says what it is about and why it matters.</span>",
    ];
    for label in kept {
        let html = format!("<article id=a>{body}<ul>{label}{items}</ul>{body}</article>");
        assert!(furniture_paths(&html).is_empty(), "{label}");
    }
}

/// A slideshow inside the article (a box named as a gallery holding a
/// reel of slides) is left out even when its captions outweigh the
/// story; a few pictures in such a box, or a gallery that is the whole
/// page, stay.
#[test]
fn slideshows_inside_the_article_are_left_out() {
    let body = para("The council approved the plan, after a long debate.", 24);
    let slide = "<li><img src=s.jpg><h2>Another picture of the day</h2>\
        <p>A caption long enough to tell a small story of its own, with a credit.</p></li>";
    let reel = |n: usize| format!("<div class=type-gallery><ul>{}</ul></div>", slide.repeat(n));
    let html = format!("<article id=a>{body}{}</article>", reel(20));
    assert_eq!(
        furniture_paths(&html),
        ["body > article#a > div.type-gallery"]
    );
    let few = format!("<article id=a>{body}{}</article>", reel(9));
    assert!(furniture_paths(&few).is_empty());
    let essay = format!(
        "<article id=a><p>Our pictures of the year.</p>{}</article>",
        reel(20)
    );
    assert!(furniture_paths(&essay).is_empty());
}

/// A box so named that holds much of the article, or boxes so named that
/// hold most of it together (a forum thread's posts), are its content.
#[test]
fn furniture_names_on_the_articles_own_text_are_ignored() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let wrapped = format!("<article id=a><div class=share-zone>{body}</div><p>End.</p></article>");
    assert!(furniture_paths(&wrapped).is_empty());
    let post = para(
        "I had the same problem with the update, and a reset fixed it.",
        2,
    );
    let thread = format!(
        "<main id=m>{}</main>",
        format!("<div class=comment>{post}</div>").repeat(6)
    );
    assert!(furniture_paths(&thread).is_empty());
    let inside_a_word =
        format!("<article id=a>{body}<div class=printfooter>Retrieved from x</div></article>");
    assert!(furniture_paths(&inside_a_word).is_empty());
}

/// The standfirst in its own box above the body (here inside the
/// article's header, beside the headline) comes with the body; WordPress
/// names it the post's excerpt (`p.article-excerpt`).
#[test]
fn the_standfirst_above_the_body_is_kept() {
    let body = para("The council approved the plan, after a long debate.", 8);
    for class in ["article-lead", "article-excerpt"] {
        let html = format!(
            "<div id=page><div class=head><h1>Plan approved</h1>\
             <p class={class}>After months of talks, the city has a budget for the bridge.</p></div>\
             <div id=body>{body}</div></div><div id=side><a href=x>Other</a></div>"
        );
        let paths = chosen_paths(&html);
        assert_eq!(
            paths,
            [
                format!("body > div#page > div.head > p.{class}"),
                "body > div#page > div#body".to_string()
            ]
        );
    }
}

/// A lead photo above the headline is taken beside the body; the
/// headline and the standfirst between it and the body come too, in
/// their place.
#[test]
fn the_header_below_a_lead_photo_comes_with_the_body() {
    let body = para(
        "The school stands in a protected area, with commas, long enough.",
        8,
    );
    let html = format!(
        "<div id=story><div class=photo><figure><img src=p.jpg><figcaption>The field.</figcaption>\
         </figure></div><div class=head><h1>Farmer sprayed a field</h1></div>\
         <h2 class=deck>Neighbours worry about what officials said of the area.</h2>\
         <div id=body>{body}</div></div><div id=side><a href=x>Other</a></div>"
    );
    let (dom, a) = choose_with_title(&html, "Farmer sprayed a field");
    let paths: Vec<String> = a.roots.iter().map(|&r| dom.path(r)).collect();
    assert_eq!(
        paths,
        [
            "body > div#story > div.photo",
            "body > div#story > div.head",
            "body > div#story > h2.deck",
            "body > div#story > div#body"
        ]
    );
}

/// A box named as the lead that holds a heading and the byline too is
/// the article's header, not its standfirst: it is not taken.
#[test]
fn a_lead_box_holding_a_heading_and_the_byline_is_not_a_standfirst() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let html = format!(
        "<div id=page><div class=lede><h2>After months of talks, the city has a budget.</h2>\
         <div class=byline>By A. Reporter, who covers the city council for the paper.</div>\
         </div><div id=body>{body}</div></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(paths, ["body > div#page > div#body"]);
}

/// A news template's "teaser-text" in a row of its own above the row
/// holding the marked body is the standfirst.
#[test]
fn a_teaser_text_row_above_the_body_is_the_standfirst() {
    let body = para(
        "The coalition approved more turbines, after a long debate.",
        8,
    );
    let html = format!(
        "<div class=article><div class=row><div class=col><div class=teaser-text>\
         <p>In its first year the coalition has done more than before.</p></div></div></div>\
         <div class=row><div class=col><div class=news-text itemprop=articleBody>{body}</div>\
         </div></div></div>"
    );
    let paths = chosen_paths(&html);
    assert_eq!(
        paths,
        [
            "body > div.article > div.row > div.col > div.teaser-text",
            "body > div.article > div.row > div.col > div.news-text"
        ]
    );
}

/// An `<article>` holding the body but not the headline: the standfirst
/// between the two comes with it, the date line does not.
#[test]
fn the_standfirst_between_the_headline_and_an_article_marker_is_kept() {
    let body = para("The council approved the plan, after a long debate.", 8);
    let html = format!(
        "<div id=page><h1>Plan approved</h1><p id=date>3 May 2024, 10:45</p>\
         <p id=lead>The city council approved the new transport plan on Monday evening.</p>\
         <article id=a>{body}</article></div>"
    );
    let (dom, a) = choose_with_title(&html, "Plan approved");
    let paths: Vec<String> = a.roots.iter().map(|&r| dom.path(r)).collect();
    assert_eq!(
        paths,
        ["body > div#page > p#lead", "body > div#page > article#a"]
    );
}

/// "body" in a framework box's class (`panel-body`, `card-body`) is no
/// sign of the article: a shop's contact panel does not outscore the
/// description beside it.
#[test]
fn a_framework_panel_body_is_no_article_hint() {
    let line = "The region lies in the north of the country along the river. ";
    let text = [line; 10].join("<br><br>");
    let html = format!(
        "<div class=row><div class=col-9><div id=text>{text}</div></div>\
         <div class=col-3><div class=panel><div class=panel-body>\
         Call us, write to us, or visit the shop, Monday to Friday, ten to six.\
         </div></div></div></div>"
    );
    assert_eq!(chosen_paths(&html), ["body > div.row > div.col-9"]);
}

/// A rating widget ("post-ratings") is furniture: its "post" earns no
/// more than the "ratings" costs, unlike the post's own content box.
#[test]
fn a_rating_widget_earns_no_article_class_bonus() {
    let dom = Dom::parse(
        "<div class=post-content>Text.</div><div class=post-ratings>Rate me?</div>\
         <div class=decorating-tips>Tips.</div>",
    );
    let weight = |class: &str| {
        let id = dom
            .ids()
            .find(|&id| dom.element(id).is_some_and(|e| e.class() == Some(class)))
            .expect("the element is there");
        score::class_weight(dom.element(id).unwrap())
    };
    assert_eq!(weight("post-content"), 25.0);
    assert_eq!(weight("post-ratings"), 0.0);
    assert_eq!(weight("decorating-tips"), 0.0);
}
