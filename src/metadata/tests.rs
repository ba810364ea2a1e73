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
    assert_eq!(m.title.as_deref(), Some("A long headline here"));
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
