use super::*;
use crate::dom::{Dom, NodeData};

fn source(text: &str) -> RuleSource {
    RuleSource {
        name: "test.toml".into(),
        text: text.into(),
    }
}

/// The visible text left after the rules, words joined by single spaces.
fn remaining(rules: &RuleSet, html: &str) -> String {
    let dom = Dom::parse(html);
    let pruned = rules.apply(&dom);
    let mut words = Vec::new();
    for id in dom.subtree_except(dom.root(), &pruned.removed) {
        if let NodeData::Text(t) = dom.data(id) {
            words.extend(t.split_whitespace().map(str::to_string));
        }
    }
    words.join(" ")
}

fn only(toml: &str) -> RuleSet {
    RuleSet::new(false, &[source(toml)]).unwrap()
}

#[test]
fn the_built_in_rules_compile() {
    let rules = RuleSet::new(true, &[]).unwrap();
    assert!(rules.len() > 20);
    assert!(rules.names().all(|n| n.starts_with("built-in rules: ")));
}

#[test]
fn tag_rule_drops_elements() {
    let rules = only("[[rule]]\nname = \"s\"\ntags = [\"script\", \"aside\"]");
    let html = "<p>a</p><script>x()</script><aside>b</aside><p>c</p>";
    assert_eq!(remaining(&rules, html), "a c");
}

#[test]
fn class_id_rule_matches_tokens_and_id() {
    let rules = only("[[rule]]\nname = \"share\"\nclass_id = '(?i)^share'");
    let html =
        r#"<div class="x Share-bar">a</div><div id="sharebox">b</div><p class="preshare">c</p>"#;
    assert_eq!(remaining(&rules, html), "c");
}

#[test]
fn attribute_rule_with_and_without_value() {
    let rules = only(
        "[[rule]]\nname = \"h\"\nattribute = \"hidden\"\n\
         [[rule]]\nname = \"a\"\nattribute = \"aria-hidden\"\nvalue = '^true$'",
    );
    let html = r#"<p hidden>a</p><p aria-hidden="true">b</p><p aria-hidden="false">c</p><p>d</p>"#;
    assert_eq!(remaining(&rules, html), "c d");
}

#[test]
fn text_rule_matches_whole_text_within_length() {
    let rules = only("[[rule]]\nname = \"ad\"\ntext = '(?i)^advertisement$'\nmax_chars = 20");
    let html = "<div><span>ADVERTISEMENT</span></div><p>Advertisement revenue fell.</p>";
    assert_eq!(remaining(&rules, html), "Advertisement revenue fell.");
}

#[test]
fn max_chars_spares_large_elements() {
    let rules = only("[[rule]]\nname = \"f\"\ntags = [\"form\"]\nmax_chars = 10");
    let html = "<form>search</form><form><p>a whole page of text in a form</p></form>";
    assert_eq!(remaining(&rules, html), "a whole page of text in a form");
}

#[test]
fn outside_article_spares_the_articles_header() {
    let rules = only("[[rule]]\nname = \"h\"\ntags = [\"header\"]\noutside_article = true");
    let html = "<header>Site</header><article><header>Title</header><p>t</p></article>";
    assert_eq!(remaining(&rules, html), "Title t");
}

#[test]
fn keep_wins_and_protects_the_path_to_it() {
    let rules = only(
        "[[rule]]\nname = \"box\"\nclass_id = 'promo'\n\
         [[rule]]\nname = \"fig\"\naction = \"keep\"\ntags = [\"figure\"]",
    );
    let html = r#"<div class="promo"><a>Buy</a><div><figure>photo</figure><span>x</span></div></div><p>the article text</p>"#;
    assert_eq!(remaining(&rules, html), "photo the article text");
}

#[test]
fn the_main_article_container_is_never_dropped() {
    let rules = only("[[rule]]\nname = \"c\"\nclass_id = 'comments'");
    let html = r#"<div class="with-comments"><article><p>body text here</p></article>
        <div class="comments">c</div></div>"#;
    // The wrapper holds the article, so only the inner comments box goes.
    let rules2 = only("[[rule]]\nname = \"c\"\nclass_id = 'comments$'");
    assert_eq!(remaining(&rules2, html), "body text here");
    assert_eq!(remaining(&rules, html), "body text here");
}

#[test]
fn removals_are_reported_once_per_subtree() {
    let rules = only("[[rule]]\nname = \"nav\"\ntags = [\"nav\", \"a\"]");
    let dom = Dom::parse("<nav><a>x</a><a>y</a></nav><p>text</p>");
    let pruned = rules.apply(&dom);
    assert_eq!(pruned.removals.len(), 1);
    assert_eq!(pruned.removals[0].rule, "nav");
    assert_eq!(pruned.removals[0].path, "body > nav");
    assert_eq!(pruned.removals[0].chars, 2);
}

fn error_of(toml: &str) -> String {
    RuleSet::new(false, &[source(toml)])
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_regex_names_file_line_column_and_rule() {
    let err = error_of("[[rule]]\nname = \"bad\"\nclass_id = '(unclosed'\n");
    assert!(
        err.starts_with("test.toml:3:12: rule 'bad': invalid regex"),
        "{err}"
    );
}

#[test]
fn unknown_key_is_an_error_with_location() {
    let err = error_of("[[rule]]\nname = \"x\"\ntag = [\"p\"]\n");
    assert!(err.starts_with("test.toml:3:1: "), "{err}");
    assert!(err.contains("unknown field `tag`"), "{err}");
}

#[test]
fn rule_without_matcher_is_an_error() {
    let err = error_of("[[rule]]\nname = \"empty\"\n");
    assert!(err.contains("rule 'empty' has no matcher"), "{err}");
    assert!(err.starts_with("test.toml:1:1: "), "{err}");
}

#[test]
fn invalid_toml_and_bad_action_are_errors() {
    assert!(error_of("[[rule]\n").starts_with("test.toml:1:"));
    let err = error_of("[[rule]]\nname = \"x\"\naction = \"remove\"\ntags = [\"p\"]\n");
    assert!(err.contains("remove"), "{err}");
}

#[test]
fn built_in_rules_drop_common_widgets_in_many_languages() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r##"<a href="#c" class="skip">본문 바로가기</a>
      <div class="ad-wrap"><span>ADVERTISEMENT</span></div>
      <ul class="article-tools"><li><button>공유</button></li><li><a>프린트</a></li></ul>
      <div id="cookie-consent">We use cookies</div>
      <div class="share-bar"><a>Facebook</a></div>
      <p>기사 본문입니다.</p>
      <div><span>広告</span></div>
      <section id="comments"><p>Nice!</p></section>
      <div class="related-news"><ol><li>다른 기사</li></ol></div>
      <p style="display: none">hidden</p>"##;
    assert_eq!(remaining(&rules, html), "기사 본문입니다.");
}

#[test]
fn an_element_holding_most_of_the_page_is_never_dropped() {
    let rules = only("[[rule]]\nname = \"side\"\nclass_id = 'sidebar'");
    let html = r#"<div class="layout-with-sidebar"><p>The whole article is in here, long text.</p>
        <div class="sidebar">links</div></div><p>x</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "The whole article is in here, long text. x"
    );
}

#[test]
fn nothing_inside_pre_is_matched() {
    let rules = only("[[rule]]\nname = \"c\"\nclass_id = 'comment'");
    let html = r#"<pre><span class="hljs-comment">// note</span> code()</pre><div class="comment">c</div><p>text</p>"#;
    assert_eq!(remaining(&rules, html), "// note code() text");
}

#[test]
fn an_article_inside_main_holding_most_of_it_is_never_dropped() {
    let rules = only("[[rule]]\nname = \"n\"\nclass_id = '(^|[-_])newsletter([-_]|$)'");
    // WordPress tags the post with its categories; one is about newsletters.
    let html = r#"<main><article class="post category-no-newsletter-rss">Post text here</article>
        <div class="newsletter-box">Sign up</div></main>"#;
    assert_eq!(remaining(&rules, html), "Post text here");
}

#[test]
fn a_block_named_as_content_with_much_text_is_not_a_widget() {
    let rules = only("[[rule]]\nname = \"s\"\nclass_id = '^share$'");
    let long = "Words of the article itself. ".repeat(60);
    let html = format!(
        r#"<div class="entry themeform share"><p>{long}</p></div>
        <div class="share">Share</div><div class="content share">Short</div>
        <p>{long}</p><p>{long}</p>"#
    );
    let left = remaining(&rules, &html);
    assert!(left.starts_with("Words of the article itself."), "{left}");
    assert!(!left.contains("Share") && !left.contains("Short"), "{left}");
}

#[test]
fn modifier_and_cms_topic_classes_are_not_roles() {
    let rules =
        only("[[rule]]\nname = \"s\"\nclass_id = '(^|[-_])(share|social|paywall|modal)([-_]|$)'");
    let html = r#"<div class="no-share">A</div><div class="has-paywall">B</div>
        <div class="modal-enabled">C</div>
        <div class="post type-post hentry category-social-issues">D</div>
        <div class="category-social-links">E</div><div class="share">F</div>"#;
    assert_eq!(remaining(&rules, html), "A B C D");
}

#[test]
fn a_block_named_as_the_article_body_with_300_characters_stays() {
    let rules = only("[[rule]]\nname = \"p\"\nclass_id = '(^|[-_])paywall([-_]|$)'");
    let text = "A short article, a few sentences long. ".repeat(9);
    let html = format!(
        r#"<div class="entry__content steady-paywall-container">{text}</div>
        <div class="paywall-box">Subscribe</div>"#
    );
    let left = remaining(&rules, &html);
    assert!(left.starts_with("A short article"), "{left}");
    assert!(!left.contains("Subscribe"), "{left}");
}
