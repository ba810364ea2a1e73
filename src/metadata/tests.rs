use super::*;

fn meta_of(html: &str) -> Metadata {
    read(&Dom::parse(html))
}

#[test]
fn og_title_contained_in_title_wins() {
    let m = meta_of(
        r#"<title>Big news today | The Paper</title><meta property="og:title" content="Big news today">"#,
    );
    assert_eq!(m.title.as_deref(), Some("Big news today"));
}

#[test]
fn h1_contained_in_title_wins_over_raw_title() {
    let m = meta_of("<title>Site — A long headline here</title><h1>A long headline here</h1>");
    assert_eq!(m.headline.as_deref(), Some("A long headline here"));
    // Four words are too few to be sure the cut left the headline whole.
    assert_eq!(m.title.as_deref(), Some("Site — A long headline here"));
}

#[test]
fn a_site_name_heading_linking_home_is_not_the_headline() {
    let page = |logo: &str| {
        format!(
            "<title>How to bake rye bread | Kitchen Notes</title><h1>{logo}</h1>\
             <article><h1>How to bake rye bread</h1><p>Text.</p></article>"
        )
    };
    for logo in [
        r#"<a href="/">Kitchen Notes</a>"#,
        r#"<a href="https://kitchen.example.com/">Kitchen Notes</a>"#,
        r#"<a href="https://web.archive.org/web/2019/http://kitchen.example.com/">Kitchen Notes</a>"#,
        r#"<a href="https://kitchen.example.com/about" rel="home">Kitchen Notes</a>"#,
    ] {
        let m = meta_of(&page(logo));
        assert_eq!(
            m.headline.as_deref(),
            Some("How to bake rye bread"),
            "{logo}"
        );
    }
    // A headline linking to its own article is still the headline.
    let m = meta_of(
        r#"<title>How to bake rye bread | Kitchen Notes</title>
        <h1><a href="/2019/rye-bread/">How to bake rye bread</a></h1>"#,
    );
    assert_eq!(m.headline.as_deref(), Some("How to bake rye bread"));
}

#[test]
fn the_declared_site_name_is_not_the_headline() {
    let m = meta_of(
        r#"<title>Rye bread | Kitchen Notes</title>
        <meta property="og:site_name" content="Kitchen Notes"><h1>Kitchen Notes</h1>"#,
    );
    assert_eq!(m.headline.as_deref(), Some("Rye bread"));
}

#[test]
fn a_title_that_is_only_the_site_name_gives_way_to_the_declared_headline() {
    let m = meta_of(
        r#"<title>Car &amp; Trade - The monthly for the motor trade</title>
        <meta property="og:site_name" content="Car &amp; Trade - The monthly for the motor trade">
        <meta property="og:title" content="Camper vans at the caravan fair ">
        <h1>Camper vans at the caravan fair</h1>"#,
    );
    assert_eq!(
        m.headline.as_deref(),
        Some("Camper vans at the caravan fair")
    );
}

#[test]
fn home_addresses() {
    for home in [
        "/",
        "./",
        "/index.html",
        "https://a.example/",
        "http://a.example",
        "/?lang=de",
    ] {
        assert!(is_home_address(home), "{home}");
    }
    for other in [
        "",
        "#top",
        "/news/",
        "https://a.example/story",
        "story.html",
    ] {
        assert!(!is_home_address(other), "{other}");
    }
}

#[test]
fn declared_titles_dublin_core_first_last_meta_wins() {
    let m = meta_of(
        r#"<title>Title Element</title>
        <meta property="og:title twitter:title" content="A title">
        <meta name="DC.title" content="Name title">
        <meta property="x:title dc:title" content="Preferred title">
        <meta property="dc:creator twitter:site_name" content="Creator Name">
        <meta name="author" content="Not this one">"#,
    );
    assert_eq!(m.title.as_deref(), Some("Preferred title"));
    assert_eq!(m.byline.as_deref(), Some("Creator Name"));
    let m = meta_of(
        r#"<meta name="parsely-title" content="P"><meta name="parsely-author" content="Jo">"#,
    );
    assert_eq!(m.title.as_deref(), Some("P"));
    assert_eq!(m.byline.as_deref(), Some("Jo"));
}

#[test]
fn json_ld_in_cdata_and_name_against_headline() {
    let ld = |name: &str, headline: &str| {
        format!(
            r#"<title>Quiet river towns are booming again | Daily</title>
            <script type="application/ld+json"><![CDATA[
            {{"@type":"NewsArticle","name":"{name}","headline":"{headline}"}}
            ]]></script>"#
        )
    };
    // The site's name in `name`: the headline resembles the <title>.
    let m = meta_of(&ld("Daily", "Quiet river towns are booming again"));
    assert_eq!(
        m.title.as_deref(),
        Some("Quiet river towns are booming again")
    );
    // Both resemble it: `name` wins.
    let m = meta_of(&ld(
        "Quiet river towns are booming",
        "Quiet river towns are booming again",
    ));
    assert_eq!(m.title.as_deref(), Some("Quiet river towns are booming"));
}

#[test]
fn title_element_cuts() {
    let title = |t: &str| {
        meta_of(&format!("<title>{t}</title>"))
            .title
            .unwrap_or_default()
    };
    // The last part goes; the rest keeps its own separators.
    assert_eq!(
        title("Get your Frontend Code Covered | Code | Nicolas P"),
        "Get your Frontend Code Covered | Code"
    );
    // A site name first: the first part goes instead.
    assert_eq!(
        title("Daily - How river towns got their ferries back"),
        "How river towns got their ferries back"
    );
    // "Site: Headline" loses the site; a long part before the colon stays.
    assert_eq!(
        title("Outside the web: standalone WebAssembly binaries using Emscripten"),
        "standalone WebAssembly binaries using Emscripten"
    );
    assert_eq!(
        title("Why seven of the ten biggest towns said no: a vote"),
        "Why seven of the ten biggest towns said no: a vote"
    );
    // Chinese counts two characters a word: the cut is made.
    assert_eq!(
        title("宇航员在太空中喝酒会怎么样 - 光明网"),
        "宇航员在太空中喝酒会怎么样"
    );
}

#[test]
fn a_heading_equal_to_a_colon_title_keeps_it_whole() {
    let m = meta_of("<title>Evolve: Shared History</title><h2>Evolve: Shared History</h2>");
    assert_eq!(m.title.as_deref(), Some("Evolve: Shared History"));
}

#[test]
fn site_name_is_cut_from_title() {
    let m = meta_of(
        r#"<title>Rust 2.0 released - TechSite</title><meta property="og:site_name" content="TechSite">"#,
    );
    assert_eq!(m.title.as_deref(), Some("Rust 2.0 released"));
    assert_eq!(m.site_name.as_deref(), Some("TechSite"));
}

#[test]
fn short_title_parts_are_kept_whole() {
    let m = meta_of("<title>Home - Blog</title>");
    assert_eq!(m.title.as_deref(), Some("Home - Blog"));
}

#[test]
fn korean_title_with_site_suffix() {
    let m = meta_of("<title>\"AI 수도를 향해\"…울산, 연초부터 내달린다 | 한국경제</title>");
    assert_eq!(
        m.title.as_deref(),
        Some("\"AI 수도를 향해\"…울산, 연초부터 내달린다")
    );
}

#[test]
fn json_ld_article_gives_author_date_and_publisher() {
    let m = meta_of(
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"x"},
            {"@type":["NewsArticle"],"headline":"H","datePublished":"2026-01-05T09:00:00+09:00",
             "author":[{"@type":"Person","name":"Kim"},{"name":"Lee"}],
             "publisher":{"@type":"Organization","name":"Daily"}}]}</script>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Kim, Lee"));
    assert_eq!(m.published.as_deref(), Some("2026-01-05T09:00:00+09:00"));
    assert_eq!(m.site_name.as_deref(), Some("Daily"));
    assert_eq!(m.title.as_deref(), Some("H"));
}

#[test]
fn broken_json_ld_is_ignored() {
    let m = meta_of(
        r#"<script type="application/ld+json">{"@type":"Article",</script><title>T</title>"#,
    );
    assert_eq!(m.title.as_deref(), Some("T"));
    assert_eq!(m.byline, None);
}

#[test]
fn meta_author_canonical_lang_and_description() {
    let m = meta_of(
        r#"<html lang="ko"><head><meta name="author" content=" Ha  In-sik "><link rel="canonical" href="https://e.com/a">
        <meta name="description" content="d"></head></html>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ha In-sik"));
    assert_eq!(m.url.as_deref(), Some("https://e.com/a"));
    assert_eq!(m.lang.as_deref(), Some("ko"));
    assert_eq!(m.description.as_deref(), Some("d"));
}

#[test]
fn author_url_is_not_a_byline_but_markup_is() {
    let m = meta_of(
        r#"<meta property="article:author" content="https://fb.com/x"><p class="byline">By Jane Roe</p>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("By Jane Roe"));
}

#[test]
fn json_ld_authors_dates_and_image() {
    let m = meta_of(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
        "author":[{"@type":"Person","name":"Ana Lima"},{"name":"Bo Chen"}],
        "datePublished":"2024-03-05T10:00:00+09:00","dateModified":"2024-03-06",
        "image":{"@type":"ImageObject","url":"https://x.example/lead.jpg"}}</script>"#,
    );
    assert_eq!(m.authors, ["Ana Lima", "Bo Chen"]);
    assert_eq!(m.byline.as_deref(), Some("Ana Lima, Bo Chen"));
    assert_eq!(m.published.as_deref(), Some("2024-03-05T10:00:00+09:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-03-06"));
    assert_eq!(m.image.as_deref(), Some("https://x.example/lead.jpg"));
}

#[test]
fn opengraph_twitter_and_dublin_core() {
    let m = meta_of(
        r#"<meta name="twitter:image" content="https://x.example/t.png">
        <meta property="article:modified_time" content="Tue, 05 Mar 2024 10:00:00 GMT">
        <meta name="DC.date.issued" content="2024/03/01">
        <meta name="DC.language" content="ko">
        <meta name="DC.publisher" content="Coast News">
        <meta name="author" content="Ana Lima"><meta name="author" content="Bo Chen">"#,
    );
    assert_eq!(m.image.as_deref(), Some("https://x.example/t.png"));
    assert_eq!(m.modified.as_deref(), Some("2024-03-05T10:00:00Z"));
    assert_eq!(m.published.as_deref(), Some("2024-03-01"));
    assert_eq!(m.lang.as_deref(), Some("ko"));
    assert_eq!(m.site_name.as_deref(), Some("Coast News"));
    assert_eq!(m.authors, ["Ana Lima", "Bo Chen"]);
}

#[test]
fn byline_markup_outside_page_furniture() {
    let m = meta_of(
        r#"<body><div class="header"><span class="author">Site Staff</span></div>
        <p class="byline" style="display: none">Hidden Name</p>
        <div class="post-meta"><span class="entry-author">By <span itemprop="name">Ana Lima</span> 8h</span></div></body>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ana Lima"));
    // Too long to be a byline.
    let long = "word ".repeat(30);
    let m = meta_of(&format!(r#"<p class="author-note">{long}</p>"#));
    assert_eq!(m.byline, None);
}

#[test]
fn time_elements_and_byline_markup() {
    let m = meta_of(
        r#"<article><p class="byline">By Ana Lima</p>
        <time datetime="2024-01-02T03:04">Jan 2</time>
        <time class="updated" datetime="2024-02-03">Feb 3</time>
        <time itemprop="datePublished">2023년 12월 1일</time></article>"#,
    );
    assert_eq!(m.authors, ["Ana Lima"]);
    assert_eq!(m.published.as_deref(), Some("2023-12-01"));
    assert_eq!(m.modified.as_deref(), Some("2024-02-03"));
    let m = meta_of(r#"<time datetime="2024-01-02T03:04">Jan 2</time><time>later</time>"#);
    assert_eq!(m.published.as_deref(), Some("2024-01-02T03:04:00"));
}

#[test]
fn unreadable_dates_are_kept_as_written() {
    let m = meta_of(r#"<meta property="article:published_time" content="the other day">"#);
    assert_eq!(m.published.as_deref(), Some("the other day"));
}

#[test]
fn a_permalinks_zero_width_text_does_not_hide_the_h1_in_the_title() {
    let m = meta_of(
        "<title>createLimiter() | tidemark</title><h1>createLimiter()<a href='#t'>\u{200b}</a></h1>",
    );
    assert_eq!(m.headline.as_deref(), Some("createLimiter()"));
}

#[test]
fn fold_leaves_folded_ascii_alone_and_folds_the_rest() {
    let cases = [
        ("", ""),
        ("one two", "one two"),
        ("one  two", "one two"),
        (" one two", "one two"),
        ("one two ", "one two"),
        ("one\ttwo\x0bthree", "one two three"),
        ("caf\u{e9}\u{a0}au lait", "caf\u{e9} au lait"),
        ("zero\u{200b}width", "zerowidth"),
        (" ", ""),
    ];
    for (raw, folded) in cases {
        assert_eq!(fold(raw), folded, "{raw:?}");
        assert_eq!(
            is_folded_ascii(raw),
            raw == folded && raw.is_ascii(),
            "{raw:?}"
        );
    }
}
