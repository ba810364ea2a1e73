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
    text_after(rules, html, [])
}

/// The text left after the rules, on a page known by `urls`.
fn text_after<'a>(rules: &RuleSet, html: &str, urls: impl IntoIterator<Item = &'a str>) -> String {
    let dom = Dom::parse(html);
    let pruned = rules.apply(&dom, urls);
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
fn max_prose_chars_counts_text_outside_links_and_controls() {
    let rules = only("[[rule]]\nname = \"m\"\nclass_id = 'menu'\nmax_prose_chars = 10");
    let html = "<div class=menu><a href=/a>Home and garden</a> <b>Shop</b></div>\
        <div class=menu><select><option>Chapter one of many</option></select></div>\
        <div class=menu><p>Served cool, this wine goes well with fish.</p></div>";
    assert_eq!(
        remaining(&rules, html),
        "Served cool, this wine goes well with fish."
    );
}

#[test]
fn a_tab_set_named_menu_keeps_its_panels_and_a_menu_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<div class="main-menu"><ul><li><a href=/w>Wein</a></li>
      <li><a href=/s>Sekt</a></li></ul><span>Menü schließen</span></div>
      <div class="tab-menu--product"><a href=#d>Beschreibung</a><div class="tab--content">
      <p>Besonders gut passt er zu asiatischen Gerichten. Dekantieren ist nicht notwendig,
      denn der Wein öffnet sich im Glas binnen weniger Minuten und zeigt dann seine
      Frucht: Brombeere, Pflaume und ein Hauch von Pfeffer. Er passt zu Gegrilltem.</p>
      </div></div>"#;
    let text = remaining(&rules, html);
    assert!(
        text.starts_with("Beschreibung Besonders gut passt"),
        "{text}"
    );
}

#[test]
fn a_title_bar_named_nav_keeps_its_heading_and_a_menu_with_one_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<div class="side-nav"><h3>Sections</h3><ul><li><a href=/a>Home</a></li>
      <li><a href=/b>News</a></li></ul></div>
      <div class="steps-nav"><div class="steps-nav-item"><h2>Method step by step</h2></div></div>
      <div class="tabs-nav"><h2>Reviews</h2><button>Next</button></div>
      <p>Boil the water.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Method step by step Boil the water."
    );
}

#[test]
fn a_tooltip_goes_with_the_default_rules() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Chaos began here.</p>
      <div role="tooltip"><h6>Read Later</h6></div>"#;
    assert_eq!(remaining(&rules, html), "Chaos began here.");
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

/// Keep rules are looked for inside what drop rules match, one subtree
/// after another: shells nested in shells, a dropped box after them, and
/// a kept element outside any of them.
#[test]
fn kept_elements_inside_nested_and_later_drops() {
    let rules = only(
        "[[rule]]\nname = \"promo\"\nclass_id = '^promo$'\n\
         [[rule]]\nname = \"box\"\nclass_id = '^box$'\n\
         [[rule]]\nname = \"fig\"\naction = \"keep\"\ntags = [\"figure\"]",
    );
    let html = r#"<div class="promo"><div class="box"><figure>f1</figure><span>a</span></div>
        <span>b</span></div><div class="box"><span>c</span></div>
        <div class="box"><p><figure class="box">f2</figure></p></div>
        <figure>f3</figure><p>text</p>"#;
    assert_eq!(remaining(&rules, html), "f1 f2 f3 text");
}

/// Keep and drop rules' class patterns are combined apart (each pass runs
/// its own): with their patterns interleaved in rule order, each rule
/// still meets its own pattern.
#[test]
fn keep_and_drop_class_patterns_each_match_their_own_rules() {
    let rules = only(
        "[[rule]]\nname = \"a\"\nclass_id = '^promo$'\n\
         [[rule]]\nname = \"k\"\naction = \"keep\"\nclass_id = '^chart$'\n\
         [[rule]]\nname = \"b\"\nclass_id = '^teaser$'\n\
         [[rule]]\nname = \"k2\"\naction = \"keep\"\nclass_id = '^quote$'",
    );
    let html = r#"<div class="promo"><p class="chart">c</p><span>x</span></div>
        <div class="teaser"><p class="quote">q</p><span>y</span></div>
        <p class="chart teaser">both</p><p>the article text</p>"#;
    assert_eq!(remaining(&rules, html), "c q both the article text");
    let drop_only = only("[[rule]]\nname = \"b\"\nclass_id = '^teaser$'");
    assert_eq!(remaining(&drop_only, html), "c x the article text");
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
    let pruned = rules.apply(&dom, []);
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

/// Rules are checked in parallel; the error is still the first invalid
/// rule's, whichever finishes first.
#[test]
fn of_many_invalid_rules_the_first_is_the_error() {
    let mut toml = String::new();
    for i in 0..200 {
        toml.push_str(&format!("[[rule]]\nname = \"r{i}\"\nclass_id = 'a{i}'\n"));
    }
    toml.push_str("[[rule]]\nname = \"first\"\ntext = '(x'\n");
    for i in 0..200 {
        toml.push_str(&format!(
            "[[rule]]\nname = \"bad{i}\"\nclass_id = '[z{i}'\n"
        ));
    }
    let err = error_of(&toml);
    assert!(err.contains("rule 'first': invalid regex"), "{err}");
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
    assert!(err.contains("rule 'empty': has no matcher"), "{err}");
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
fn a_link_that_opens_a_popup_is_a_word_of_the_text_and_the_popup_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>I am a <a class="popup" href="n1.htm">rather elderly</a> man,
      <span class="modal-trigger">a lawyer</span> by trade.</p>
      <div class="popup"><p>A note on the word.</p></div>
      <section class="cookie-notice"><a class="cookie-link" href=/p>Privacy</a></section>"#;
    assert_eq!(
        remaining(&rules, html),
        "I am a rather elderly man, a lawyer by trade."
    );
}

#[test]
fn a_place_dateline_opening_the_story_stays_and_a_date_line_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p class="dateline">May 3, 2019 at 6:01 am</p>
      <p><span class="dateline">KOBE –</span> A total of 6,000 masks were stolen.</p>
      <p><span class="ArticlePage-dateline">WASHINGTON (AP) —</span> Congress met.</p>
      <span class="dateline">Sunday, Feb 1, 2015 11:57 AM UTC</span>"#;
    assert_eq!(
        remaining(&rules, html),
        "KOBE – A total of 6,000 masks were stolen. WASHINGTON (AP) — Congress met."
    );
}

#[test]
fn cross_reference_notes_go_and_an_editors_note_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<h2>Firefox</h2><div role="note" class="hatnote">Main article:
      <a href="/wiki/Firefox">Firefox</a></div><p>Firefox is a web browser.</p>
      <div role="note">Editor's note: this story was corrected on May 3.</div>"#;
    assert_eq!(
        remaining(&rules, html),
        "Firefox Firefox is a web browser. Editor's note: this story was corrected on May 3."
    );
}

#[test]
fn off_screen_labels_and_prefixed_screen_reader_classes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<figcaption><span class="off-screen">Media caption</span>
      <span class="media-caption__text">Mr Obama spoke to the BBC</span></figcaption>
      <a href=/x><span class="u-visually-hidden">Opens in a new window</span>Read</a>
      <p class="assistive-text">Search</p><p class="off-screen-content">Kept.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Mr Obama spoke to the BBC Read Kept."
    );
}

#[test]
fn a_sponsored_link_in_a_sentence_keeps_its_words_and_a_shop_button_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>The water in the <a rel="sponsored nofollow" href=/t>Vulkanland</a>
      heals.</p><ul><li><a rel=sponsored href=/s>Six spas</a></li></ul>
      <div class=box><a rel="noopener sponsored" href=/b>To the shop</a></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "The water in the Vulkanland heals. Six spas"
    );
}

#[test]
fn a_label_inside_a_sentence_is_a_word_of_it_and_a_label_alone_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>A look at the contents (<a href=/toc.pdf>PDF</a>) shows it all.</p>
      <p>A teaser of the next story. <a href=/next>Read more</a></p>
      <p><a href=/a.pdf>PDF</a></p><p>Posted | <a href=/s>Share</a> | Top</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "A look at the contents ( PDF ) shows it all. A teaser of the next story. Posted | | Top"
    );
}

#[test]
fn compound_related_class_names_are_related_lists() {
    // "relatedposts" written as one word (a common blog plugin's class),
    // but a word that merely starts with "related" is not a list.
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="jp-relatedposts"><a href=/a>Another post</a></div>
      <div class="relatedness-study"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn read_also_boxes_named_in_other_languages_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="lee-tambien-caja"><a href=/a>Otra noticia del día</a></div>
      <div class="lire_aussi"><a href=/b>Un autre article</a></div>
      <div class="box-read-also"><a href=/c>Another story</a></div>
      <div class="mira-tambien-el-video"><a href=/d>Un video</a></div>
      <div class="readalsomething"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn user_bios_and_starbox_author_boxes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="user-bio"><p>Jo is a reporter based in Leeds.</p></div>
      <div class="c-member-profile__bio">Blogger since 2009.</div>
      <div class="abh_box abh_box_down"><p>My blog is about gardens.</p></div>
      <div class="biology-notes"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn follow_the_author_buttons_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <p><a class="followAuthor twitter" href=/t>Folge Oliver Baroni auf Twitter</a></p>
      <div class="author-follow"><a href=/f>Follow Jane on Facebook</a></div>
      <div class="follow-up"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn keep_reading_boxes_go_and_a_keep_reading_sentence_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="callout"><div role="heading">Keep Reading</div>
        <div>The latest on <a href=/ai>artificial intelligence</a>, from machine learning to more</div></div>
      <p>Keep reading to find out why the robots won.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Body text of the article. Keep reading to find out why the robots won."
    );
}

#[test]
fn a_video_players_state_screens_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="xp-error-screen"><div>Video Not Available</div></div>
      <div class="pause-screen"><span>Now watching</span><p>Next video starts in: 7</p></div>
      <div class="splash-screen"><p>Title of the video</p></div>
      <div class="player-overlay"><span class="player-overlay__title">Next up</span></div>
      <div class="screenshots"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn facebook_comment_modules_named_in_one_word_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div id="fbcommentsmodule"><h2>Report inappropriate content</h2></div>
      <div class="fbcomments_wrapper">Leave your comment</div>
      <div class="fbcdn-photos"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn live_commentary_stays_and_readers_comments_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="live-match-comment"><span>55'</span>The corner comes to nothing.</div>
      <section class="livecomments"><p>Both sides feel their way in.</p></section>
      <div class="comments"><p>Nice match!</p></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "Body text of the article. 55' The corner comes to nothing. Both sides feel their way in."
    );
}

#[test]
fn hidden_slides_of_a_gallery_stay_and_other_hidden_text_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let prose = "It will put a smile on your face whenever you do the laundry at home. ".repeat(8);
    let html = format!(
        r#"<div class="slide"><h2>1. A pin</h2><p>Shown.</p></div>
      <div class="slide" style="display: none"><h2>2. A laundry bag</h2><p>{prose}</p></div>
      <div style="display:none"><h2>Sign up</h2><p>Get our newsletter.</p></div>
      <p style="display: none">{prose}</p>"#
    );
    let left = remaining(&rules, &html);
    assert!(
        left.starts_with("1. A pin Shown. 2. A laundry bag It will"),
        "{left}"
    );
    assert!(!left.contains("newsletter"), "{left}");
    assert_eq!(left.matches("smile").count(), 8, "{left}");
}

#[test]
fn php_error_messages_go_and_the_text_around_them_stays() {
    let html = "<ul class=cat><br />\n<b>Warning</b>:  Creating default object from empty \
        value in <b>/www/htdocs/wp-includes/classes.php</b> on line <b>407</b><br />\n\
        <li>Andalusien</li></ul><p><b>Notice</b>: the shop opens at nine, on line <b>4</b>.</p>\
        <p>A <b>warning</b>: keep left.</p>";
    let rules = RuleSet::new(true, &[]).unwrap();
    assert_eq!(
        remaining(&rules, html),
        "Andalusien Notice : the shop opens at nine, on line 4 . A warning : keep left."
    );
    let without_defaults = RuleSet::new(false, &[]).unwrap();
    assert!(remaining(&without_defaults, html).starts_with("Warning"));
}

#[test]
fn read_next_and_link_tip_boxes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="news-list-view nextread"><a href=/n>The next story</a></div>
      <aside class="js-readNext"><a href=/m>Another story</a></aside>
      <div class="text-marginale linktipps"><a href=/t>A tip</a></div>
      <span class="linkbox_large"><a href=/d>Read the paper online</a></span>
      <div class="nextreading-level"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn qr_codes_named_in_pinyin_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="s-ewm"><img src=qr.png><div>关注新华网</div></div>
      <div id="erweima-box"><div>扫码关注</div></div>
      <div class="ewmap-legend"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn skip_links_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r##"<p>Body text of the article.</p>
      <a class="mw-jump-link" href="#mw-head">Jump to navigation</a>
      <a class="skipLink" href="#main">Skip to content</a>
      <div id="skip-to-content"><a href="#c">Zum Inhalt springen</a></div>
      <div class="skipper-bio"><p>Kept.</p></div>"##;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn affiliate_notices_by_class_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div id="affiliateText"><p>We earn money when you sign up through our links.</p></div>
      <div class="alice-affiliate-info">Links marked * are affiliate links.</div>
      <div class="affiliates-network"><p>Kept.</p></div>"#;
    assert_eq!(remaining(&rules, html), "Body text of the article. Kept.");
}

#[test]
fn ranking_lists_go_but_other_uses_of_rank_stay() {
    // "rank" alone names an item's number, a user's standing or a
    // plugin's prefix ("rank-math-faq" around an article's questions and
    // answers); a list of most-read stories says "ranking" or "rank-list".
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <div class="rank-list"><a href=/a>Most read story</a></div>
      <div class="ranking"><a href=/b>Another story</a></div>
      <div class="rank-math-faq"><h3>Is it safe?</h3><p>Yes, it is.</p></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "Body text of the article. Is it safe? Yes, it is."
    );
}

#[test]
fn section_titles_are_labels_unless_they_are_headings() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Body text of the article.</p>
      <h2 class="article__section-title">Glossary</h2><p>Terms.</p>
      <div class="section-title"><p>Most read</p></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "Body text of the article. Glossary Terms."
    );
}

#[test]
fn generated_two_letter_classes_are_not_screen_reader_text() {
    // Medium's atomic class names: "ir" there is no image replacement.
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<blockquote><p>We process <a class="bh gp ir is" href="/m">@marco</a>'s
      apps.</p></blockquote><span class="sr-only">Opens in a new window</span>"#;
    assert_eq!(remaining(&rules, html), "We process @marco 's apps.");
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

/// The visible text left on a page at `url`.
fn remaining_at(rules: &RuleSet, html: &str, url: &str) -> String {
    text_after(rules, html, [url])
}

#[test]
fn selector_rules_match_css_level_3_and_has() {
    let rules = only(
        r#"[[rule]]
name = "css"
selector = 'div.promo > a, ul li:nth-child(2), [data-ad^="slot"], section:has(> h2.ad), p:not(.keep) ~ span, #box'"#,
    );
    let html = r#"<div class="promo"><a>x1</a><b>b</b></div><ul><li>l1</li><li>x2</li></ul>
        <div data-ad="slot-3">x3</div><div data-ad="noslot">d</div>
        <section><h2 class="ad">x4</h2>x5</section><section><h2>h</h2></section>
        <p class="keep">k</p><span>s</span><p>q</p><span>x6</span><div id="box">x7</div><div id="boxer">e</div>"#;
    assert_eq!(remaining(&rules, html), "b l1 d h k s q e");
}

#[test]
fn selectors_are_case_sensitive_in_classes_and_insensitive_in_tags() {
    let rules = only("[[rule]]\nname = \"c\"\nselector = 'DIV.Ad'");
    let html = r#"<div class="Ad">x</div><div class="ad">y</div>"#;
    assert_eq!(remaining(&rules, html), "y");
}

#[test]
fn selector_rules_combine_with_other_matchers() {
    let rules = only("[[rule]]\nname = \"c\"\nselector = '.box'\ntext = '^Sponsored'");
    let html =
        r#"<div class="box">Sponsored by X</div><div class="box">News</div><p>Sponsored</p>"#;
    assert_eq!(remaining(&rules, html), "News Sponsored");
}

#[test]
fn a_selector_that_requires_nothing_indexable_is_filed_under_the_rules_other_matcher() {
    let rules = only(
        "[[rule]]\nname = \"c\"\nselector = ':not(a, span)'\nclass_id = 'promo'\n\
         [[rule]]\nname = \"a\"\nselector = ':not(h2)'\nattribute = 'role'\nvalue = '^banner$'\n\
         [[rule]]\nname = \"t\"\nselector = ':not(p)'\ntext = '^Sponsored$'\n\
         [[rule]]\nname = \"s\"\nselector = ':not(div, p, span, h2, body, html, head)'",
    );
    let drop = &rules.compiled.drop;
    // Only the rule with nothing but its selector meets every element.
    assert_eq!(drop.any, vec![3]);
    assert_eq!(drop.by_class.concat(), vec![0]);
    assert_eq!(drop.by_attribute["role"], vec![1]);
    assert_eq!(drop.by_text.concat(), vec![2]);
    let html = r#"<div class="promo">a</div><span class="promo">b</span>
        <div role="banner">c</div><h2 role="banner">d</h2>
        <div>Sponsored</div><p>Sponsored</p><em>e</em>"#;
    assert_eq!(remaining(&rules, html), "b d Sponsored");
}

#[test]
fn no_built_in_rule_with_another_matcher_is_tried_on_every_element() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let compiled = &rules.compiled;
    for index in [&compiled.drop, &compiled.keep] {
        for &i in &index.any {
            let rule = &compiled.rules[i];
            let other = rule.class_id.is_some() || rule.attribute.is_some() || rule.text.is_some();
            assert!(!other, "rule '{}' is tried on every element", rule.name);
        }
    }
}

#[test]
fn a_selector_keep_rule_wins_over_a_drop_rule() {
    let rules = only(
        "[[rule]]\nname = \"d\"\nselector = 'aside'\n\
         [[rule]]\nname = \"k\"\naction = \"keep\"\nselector = 'aside figure.chart'",
    );
    let html = r#"<aside><p>links</p><figure class="chart">data</figure></aside><p>text</p>"#;
    assert_eq!(remaining(&rules, html), "data text");
}

#[test]
fn site_rules_apply_only_on_their_hosts() {
    let rules = only(
        "[[rule]]\nname = \"s\"\nselector = '.promo'\nsite = [\"example.com\", \"*.example.org\"]",
    );
    let html = r#"<div class="promo">promo</div><p>text</p>"#;
    assert_eq!(
        remaining_at(&rules, html, "https://www.example.com/a"),
        "text"
    );
    assert_eq!(
        remaining_at(&rules, html, "https://news.example.org/a"),
        "text"
    );
    assert_eq!(
        remaining_at(&rules, html, "https://example.net/"),
        "promo text"
    );
    assert_eq!(remaining(&rules, html), "promo text");
}

#[test]
fn the_canonical_address_scopes_rules_when_no_url_is_given() {
    let rules = only("[[rule]]\nname = \"s\"\nselector = '.buy-box'\nsite = [\"example.com\"]");
    let cleaner = crate::Cleaner::new(crate::Options {
        default_rules: false,
        rules: vec![source(
            "[[rule]]\nname = \"s\"\nselector = '.buy-box'\nsite = [\"example.com\"]",
        )],
        ..crate::Options::default()
    })
    .unwrap();
    assert_eq!(rules.len(), 1);
    let page = |head: &str| {
        format!(
            "<html><head>{head}</head><body><article><p>Body text of the story.</p><div class=buy-box>Buy now</div></article></body></html>"
        )
    };
    let canonical = page(r#"<link rel="canonical" href="https://example.com/story">"#);
    let og = page(r#"<meta property="og:url" content="https://example.com/story">"#);
    let other = page(r#"<link rel="canonical" href="https://other.com/story">"#);
    assert!(
        !cleaner
            .convert_text(&canonical)
            .markdown
            .contains("Buy now")
    );
    assert!(!cleaner.convert_text(&og).markdown.contains("Buy now"));
    assert!(cleaner.convert_text(&other).markdown.contains("Buy now"));
    let at = cleaner
        .convert_at(other.as_bytes(), Some("https://example.com/x"))
        .unwrap();
    assert!(!at.markdown.contains("Buy now"), "--url counts too");
}

#[test]
fn bad_selector_names_file_line_and_column_inside_it() {
    let err = error_of("[[rule]]\nname = \"bad\"\nselector = 'div > > p'\n");
    assert!(err.starts_with("test.toml:3:"), "{err}");
    assert!(
        err.contains("rule 'bad': invalid selector 'div > > p'"),
        "{err}"
    );
    let err = error_of("[[rule]]\nname = \"hover\"\nselector = 'a:hover'\n");
    assert!(err.contains("unsupported pseudo-class"), "{err}");
}

#[test]
fn bad_site_is_an_error_at_the_site() {
    let err = error_of(
        "[[rule]]\nname = \"s\"\ntags = [\"p\"]\nsite = [\"ok.com\", \"http://x.com/\"]\n",
    );
    assert!(
        err.starts_with("test.toml:4:19: rule 's': invalid site 'http://x.com/'"),
        "{err}"
    );
}

#[test]
fn a_bad_rule_in_a_later_file_fails_the_whole_set() {
    let good = source("[[rule]]\nname = \"g\"\ntags = [\"aside\"]");
    let bad = RuleSource {
        name: "later.toml".into(),
        text: "[[rule]]\nname = \"b\"\ntext = '['".into(),
    };
    let err = RuleSet::new(true, &[good, bad]).unwrap_err().to_string();
    assert!(
        err.starts_with("later.toml:3:8: rule 'b': invalid regex"),
        "{err}"
    );
}

#[test]
fn the_effective_set_prints_as_a_rules_file_that_reads_back() {
    let rules = RuleSet::new(
        true,
        &[source(
            "[[rule]]\nname = \"mine\"\nselector = '.x'\nsite = [\"a.com\"]",
        )],
    )
    .unwrap();
    let printed = rules.to_toml();
    assert!(printed.starts_with("# built-in rules:"), "{printed}");
    assert!(
        printed.contains(
            "# test.toml:1\n[[rule]]\nname = \"mine\"\nselector = \".x\"\nsite = [\"a.com\"]\n"
        ),
        "{printed}"
    );
    let again = RuleSet::new(false, &[source(&printed)]).unwrap();
    assert_eq!(again.len(), rules.len());
    assert_eq!(
        again
            .to_toml()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        printed
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_built_in_rule_has_a_comment() {
    // The comment stands right above the rule, blank lines aside.
    let mut previous = "";
    for (i, line) in DEFAULT_RULES.lines().enumerate() {
        if line == "[[rule]]" {
            assert!(
                previous.starts_with('#'),
                "the rule at line {} has no comment",
                i + 1
            );
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
}

#[test]
fn built_in_patterns_use_no_unicode_word_boundary() {
    // The regex crate's lazy DFA cannot run a Unicode `\b` over non-ASCII
    // text and falls back to its PikeVM for the whole combined set: the
    // rules stage took three times as long with one such pattern. Write
    // `(?-u:\b)` instead.
    for (i, line) in DEFAULT_RULES.lines().enumerate() {
        let unicode = line.replace("(?-u:\\b)", "");
        assert!(
            line.starts_with('#') || !unicode.contains("\\b"),
            "line {}: a Unicode \\b: {line}",
            i + 1
        );
    }
}

const SITE_CONFIG: &str = include_str!("../../tests/rules/example.com.txt");

fn site_config_rules() -> RuleSet {
    let config = RuleSource {
        name: "site-configs/example.com.txt".into(),
        text: SITE_CONFIG.into(),
    };
    let wrapper_rule = source("[[rule]]\nname = \"wrapper\"\nselector = '.story-wrap'");
    RuleSet::new(false, &[wrapper_rule, config]).unwrap()
}

#[test]
fn site_configs_translate_strip_and_body_for_their_host() {
    let rules = site_config_rules();
    let html = r#"<div class="story-wrap"><div id="story-body"><p>Story text.</p>
        <div class="box inline-promo-2">Promo</div><ul class="x related">Related</ul>
        <figure class="ad">Ad</figure><div id="newsletter-box">Sign up</div>
        <img src="/t/pixel.gif"><figure class="photo">Photo</figure></div></div><p>tail</p>"#;
    // `body:` keeps the story (the wrapper rule would take it); `strip:`
    // lines, `strip_id_or_class` and `strip_image_src` remove the rest.
    assert_eq!(
        remaining_at(&rules, html, "https://www.example.com/a"),
        "Story text. Photo tail"
    );
    // Another host: only the TOML rule applies.
    assert_eq!(remaining_at(&rules, html, "https://example.net/a"), "tail");
}

#[test]
fn site_config_lines_that_cannot_be_translated_are_noted() {
    let rules = site_config_rules();
    let notes: Vec<String> = rules.notes().iter().map(ToString::to_string).collect();
    let name = "site-configs/example.com.txt";
    assert_eq!(notes.len(), 5, "{notes:#?}");
    assert!(notes[0].starts_with(&format!("{name}:3: not translated: the title")));
    assert!(notes[1].starts_with(&format!("{name}:4: not translated")));
    assert!(
        notes[2].starts_with(&format!("{name}:10: axes")),
        "{}",
        notes[2]
    );
    assert!(
        notes[3].starts_with(&format!("{name}:11: ")),
        "{}",
        notes[3]
    );
    assert_eq!(
        notes[4],
        format!(
            "{name}: site config for example.com: 5 rules; 4 lines not translated, 2 directives about fetching ignored"
        )
    );
}

#[test]
fn descendant_selectors_follow_the_ancestors_of_each_element() {
    // The ancestor filter is kept in step as matching moves through the
    // page, skipping removed subtrees: a stale or missing ancestor would
    // show as a wrong match or a miss here.
    let rules = only(
        "[[rule]]\nname = \"nav\"\ntags = [\"nav\"]\n\
         [[rule]]\nname = \"a span\"\nselector = '.a span, #b > i'\n\
         [[rule]]\nname = \"k\"\naction = \"keep\"\nselector = 'section.a em'",
    );
    let html = r#"<div class="a"><p><span>x1</span></p></div><p><span>y1</span></p>
        <nav class="a"><span>x2</span></nav><span>y2</span>
        <section class="a"><div><div><span>x3</span><em>kept</em></div></div></section>
        <div id="b"><i>x4</i><p><i>y3</i></p></div><i>y4</i>"#;
    assert_eq!(remaining(&rules, html), "y1 y2 kept y3 y4");
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
fn with_many_candidates_the_earliest_matching_rule_still_wins() {
    // r0 is filed under a class, r1..r99 under `p`: past the sorting
    // threshold the candidates are scanned as collected (tag first), and
    // the reported rule must still be the first in rule order.
    let mut toml = String::from("[[rule]]\nname = \"r0\"\nselector = '.target'\n");
    for i in 1..100 {
        toml += &format!("[[rule]]\nname = \"r{i}\"\nselector = 'p:not(.n{i})'\n");
    }
    let rules = only(&toml);
    let dom = Dom::parse(r#"<p class="target">x</p><p class="n1">y</p>"#);
    let pruned = rules.apply(&dom, []);
    let names: Vec<&str> = pruned.removals.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(names, ["r0", "r2"]);
}

#[test]
fn modifier_and_cms_topic_classes_are_not_roles() {
    let rules =
        only("[[rule]]\nname = \"s\"\nclass_id = '(^|[-_])(share|social|paywall|modal)([-_]|$)'");
    let html = r#"<div class="no-share">A</div><div class="has-paywall">B</div>
        <div class="modal-enabled">C</div>
        <div class="post type-post hentry category-social-issues">D</div>
        <div class="category-social-links">E</div><div class="share">F</div>
        <figure class="element fig--has-shares">G</figure><div class="bar--share">H</div>"#;
    assert_eq!(remaining(&rules, html), "A B C D G");
}

#[test]
fn state_words_after_a_block_name_and_layouts_are_not_roles() {
    let rules = only("[[rule]]\nname = \"s\"\nclass_id = '(^|[-_])(ads?|paywall|sidebar)([-_]|$)'");
    let html = r#"<section class="o-section--has-ads">A</section>
        <section class="row non-paywall">B</section><div class="prefooter--no-ads_1">C</div>
        <div class="c-fixed-sidebar-layout--140">D</div><div class="zen-one-sidebar-second">E</div>
        <div class="ad-no-1">F</div><div class="sidebar-one">G</div><div id="x-has-ads">H</div>"#;
    assert_eq!(remaining(&rules, html), "A B C D E H");
}

#[test]
fn print_and_type_styles_on_blocks_of_text_are_not_tool_buttons() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let text = "A paragraph of the recipe, long enough to be more than a button. ".repeat(3);
    let html = format!(
        r#"<div class="col-md-6 print-full"><p>{text}</p></div>
        <p class="font-size-xs">{text}</p><a class="btn-print">Drucken</a>
        <div class="font-size">A+ A-</div><div class="cmp-container"><p>{text}</p></div>"#
    );
    let left = remaining(&rules, &html);
    assert_eq!(left.matches("A paragraph").count(), 9, "{left}");
    assert!(!left.contains("Drucken") && !left.contains("A+"), "{left}");
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

#[test]
fn heading_ids_and_sentence_slugs_are_anchors_not_roles() {
    let rules =
        only("[[rule]]\nname = \"s\"\nclass_id = '(^|[-_])(share|sharing|signature)([-_]|$)'");
    let html = r#"<h2 id="signature">Signature</h2>
        <div id="sharing-with-a-single-developer"><p>Docs section</p></div>
        <div id="share-bar">Share</div><div id="article-sharing-tools">Tools</div>"#;
    assert_eq!(remaining(&rules, html), "Signature Docs section");
}

#[test]
fn with_list_after_takes_the_link_lists_a_heading_opens() {
    let rules = only("[[rule]]\nname = \"r\"\ntext = '^Related$'\nwith_list_after = true");
    let html = r#"<p>Body text.</p><div class="t"><h3>Related</h3></div>
        <ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>
        <div><a href="/c">Third story</a> (Mon)</div>
        <p>Back in the article, a paragraph of prose with <a href="/x">a link</a>.</p>
        <h3>Related</h3><h2>Next</h2><ul><li><a href="/d">Kept</a></li></ul>"#;
    assert_eq!(
        remaining(&rules, html),
        "Body text. Back in the article, a paragraph of prose with a link . Next Kept"
    );
    // Without the key, only the heading goes.
    let rules = only("[[rule]]\nname = \"r\"\ntext = '^Related$'");
    assert!(remaining(&rules, html).contains("Other story one"));
}

#[test]
fn a_read_more_box_goes_but_the_text_a_read_more_button_unfolds_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let rest = "The rest of the story, unfolded by the button, goes on at length. ".repeat(12);
    let html = format!(
        r#"<p>Lead paragraph.</p><div id="read-more"><p>{rest}</p></div>
        <div class="read-more"><a href="/a">Other story</a> <a href="/b">Another</a></div>"#
    );
    let left = remaining(&rules, &html);
    assert!(left.contains("The rest of the story"), "{left}");
    assert!(!left.contains("Other story"), "{left}");
    // A short description folded behind the button is prose too.
    let html = r#"<p class="box-txt js_readmore">The idyllic village lies among meadows and
      woods; the house has a garden, a terrace and room for six guests.</p>
      <div class="read-more"><a href="/next">Read next ></a></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "The idyllic village lies among meadows and woods; the house has a garden, \
         a terrace and room for six guests."
    );
}

#[test]
fn ruby_readings_are_dropped_and_the_base_text_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p><ruby>子<rt>こ</rt></ruby>ども and <ruby>痴漢<rp>（</rp><rt>ちかん</rt><rp>）</rp></ruby></p>";
    // The helper joins text nodes with spaces; the readings are gone.
    assert_eq!(remaining(&rules, html), "子 ども and 痴漢");
}

#[test]
fn related_headings_and_lead_ins_in_many_languages() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Der Artikel selbst.</p>
        <p><strong>Lea también:</strong> <a href="/a">Otra noticia</a></p>
        <p>VEA TAMBIÉN: <a href="/b">Más noticias de hoy</a></p>
        <div><h3>Das könnte Sie auch interessieren!</h3></div>
        <ul><li><a href="/c">Ein anderer Artikel</a></li></ul>
        <h2>Weiterführende Links</h2><ul><li><a href="/d">Ein Link</a></li></ul>
        <h2>Temas Relacionados</h2><div><a href="/e">Tema</a> <a href="/f">Otro</a></div>
        <h4>Zobacz również</h4>
        <p>Das Ende des Artikels.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Der Artikel selbst. Das Ende des Artikels."
    );
}

/// "Entdecke weitere ..." and "Seguí leyendo" open lists of other
/// articles as "Mehr zum Thema" does; a heading that says more stays.
#[test]
fn discover_more_and_keep_reading_headings_take_their_lists() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Der Artikel selbst.</p>
        <h2>Entdecke weitere Homestorys</h2><ul><li><a href="/a">Ein Zuhause</a></li></ul>
        <h3>Seguí leyendo</h3><ul><li><a href="/b">Otra nota</a></li></ul>
        <h2>Entdecke die Altstadt zu Fuß</h2><p>Das Ende.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Der Artikel selbst. Entdecke die Altstadt zu Fuß Das Ende."
    );
}

/// A disclaimer on the author's opinions goes however far it runs on
/// into the site's policies.
#[test]
fn long_opinion_disclaimers_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let policies = "For more on our editorial policies see our guidelines. ".repeat(10);
    let html = format!(
        "<p>The article itself.</p><p><em>Disclaimer: articles on this site may \
         contain opinions of the author. {policies}</em></p><p>The end.</p>"
    );
    assert_eq!(remaining(&rules, &html), "The article itself. The end.");
}

/// A request for support opens with a question about the publication:
/// "Gefällt dir unser Magazin?", "Like our work?"; a question about a
/// thing in the article stays.
#[test]
fn questions_opening_support_requests_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Der Artikel selbst.</p>
        <p><strong>Gefällt dir unser Klettermagazin? Wir haben keine Bezahlschranke.</strong></p>
        <p>Like our work? Chip in.</p>
        <p>Gefällt dir der neue Schuh? Er ist leicht.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Der Artikel selbst. Gefällt dir der neue Schuh? Er ist leicht."
    );
}

/// A shop's empty cart and the count over its product list are the
/// shop's state, not the page's text.
#[test]
fn shop_status_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Ein Rioja aus dem Norden.</p>
        <p class="woocommerce-result-count">Showing 1–12 of 40 results</p>
        <div><a href="/cart">Ihr Warenkorb ist leer</a></div>
        <p>Your cart is empty.</p><p>Der Warenkorb der Woche: drei Weine.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Ein Rioja aus dem Norden. Der Warenkorb der Woche: drei Weine."
    );
}

/// A site's licence notice speaks of every page; an article's own
/// sentence about a licence stays.
#[test]
fn site_licence_notices_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Wie funktionieren die Lizenzen?</p>
        <p>Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter <a href="/by">CC-BY</a></p>
        <p>Except where otherwise noted, content on this site is licensed under a Creative Commons license.</p>
        <p>Unless otherwise noted, the photos are by the author.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Wie funktionieren die Lizenzen? Unless otherwise noted, the photos are by the author."
    );
}

/// A plug for the site's own service opens with a question about it; a
/// question about something else stays.
#[test]
fn own_service_plugs_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Strick ist schick.</p>
        <p>Kennt ihr schon unseren Brandfinder? Dort findet ihr faire Labels.</p>
        <p>Have you tried our recipe finder?</p>
        <p>Kennt ihr schon die Wolle aus Peru? Sie ist weich.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Strick ist schick. Kennt ihr schon die Wolle aus Peru? Sie ist weich."
    );
}

/// The letters page's note on how to write in goes; a letter that
/// speaks of writing stays.
#[test]
fn letters_to_the_editor_instructions_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<h4>The DA is coddling criminals</h4>
        <p><em>Submit your letter to the editor via <a href="/l">this form</a>.</em></p>
        <p>Schreiben Sie uns einen Leserbrief!</p>
        <p>Write a letter to your council member.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "The DA is coddling criminals Write a letter to your council member."
    );
}

/// An order button for the book or issue a post presents is a shop's
/// button; the sentence that tells where to order it stays.
#[test]
fn order_the_book_buttons_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Die Autorin stellt ihr Buch vor.</p>
        <p><strong><a href="/shop">Buch bestellen</a></strong></p>
        <p><a href="/shop">Order the book</a></p>
        <p>Das Buch bestellen Sie im Buchhandel.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Die Autorin stellt ihr Buch vor. Das Buch bestellen Sie im Buchhandel."
    );
}

/// A magazine's notice of its new issue goes; a sentence about an issue
/// stays.
#[test]
fn new_issue_notices_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Ein Stolperstein für Hertha Kraus.</p>
        <p><em><b>Die aktuelle Ausgabe der L-MAG</b> jetzt an</em> jedem <a href="/k">Bahnhofskiosk</a>, im Abo.</p>
        <p>The latest issue of Wired is on sale now.</p>
        <p>Die aktuelle Ausgabe der Zeitschrift widmet sich dem Gedenken.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Ein Stolperstein für Hertha Kraus. Die aktuelle Ausgabe der Zeitschrift widmet sich dem Gedenken."
    );
}

/// A request for the reader's experience goes when it asks it of the
/// site; the same words as advice stay.
#[test]
fn requests_for_the_readers_experience_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Ein Espresso aus Turin.</p>
        <div>Bitte teilen Sie uns Ihre Erfahrungen mit, wenn Sie ihn probiert haben.</div>
        <p>Share your thoughts and debate the big issues.</p>
        <p>Teilen Sie Ihre Erfahrungen mit anderen Eltern.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Ein Espresso aus Turin. Teilen Sie Ihre Erfahrungen mit anderen Eltern."
    );
}

/// A recipe site's prompt under the recipe goes; the recipe's own words
/// about liking stay.
#[test]
fn recipe_prompts_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Roast the chicken for an hour.</p>
        <p>Like recipe? Add the ingredients to your basket and deliver to you.</p>
        <p>Hope you enjoyed our recipe. We would love to hear your feedback.</p>
        <p>Kids like this recipe with extra rice.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Roast the chicken for an hour. Kids like this recipe with extra rice."
    );
}

/// The note on the print issue a web article comes from goes; a sentence
/// about an issue stays.
#[test]
fn print_issue_notes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Lithium aus dem Schredder.</p>
        <p>Dieser Beitrag stammt aus Ausgabe 7/2019 der Technology Review. Das Heft ist im Handel erhältlich. Highlights aus dem Heft:</p>
        <p>This article appears in the March 2020 issue of The Atlantic.</p>
        <p>Der Beitrag stammt aus einer Studie der Universität.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Lithium aus dem Schredder. Der Beitrag stammt aus einer Studie der Universität."
    );
}

/// A note on what kind of post this is goes; a sentence about a post of
/// that kind stays.
#[test]
fn post_kind_notes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Heute schon an morgen denken.</p>
        <div>Bei diesem Beitrag handelt es sich um ein Blog aus der Freitag-Community</div>
        <p>This is a sponsored post.</p>
        <p>Ein Gastbeitrag im Blog der Partei sorgte für Streit.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Heute schon an morgen denken. Ein Gastbeitrag im Blog der Partei sorgte für Streit."
    );
}

/// A line of legal links goes wherever it stands; a sentence that names
/// the privacy policy stays.
#[test]
fn legal_link_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Bereit für Runde 2?</p>
        <p><a href="/i">IMPRESSUM</a> | <a href="/d">DATENSCHUTZ</a> | COPYRIGHT ANDRÉ LOIBL</p>
        <div><a href="/p">Privacy Policy</a> · <a href="/t">Terms</a></div>
        <p>Datenschutz ist ein Grundrecht.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Bereit für Runde 2? Datenschutz ist ein Grundrecht."
    );
}

/// A line that only points to a web address goes; a sentence that says
/// more about the address stays.
#[test]
fn web_address_pointer_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Die Doppelfinals sind am Freitag.</p>
        <p><strong>Weitere Infos unter <a href="http://www.itfjuniors.de">www.itfjuniors.de</a></strong>.</p>
        <p>More information at https://example.org/event</p>
        <p>Mehr Infos auch auf der Seite des Verbands unter www.dtb.de.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "Die Doppelfinals sind am Freitag. Mehr Infos auch auf der Seite des Verbands unter www.dtb.de."
    );
}

#[test]
fn credits_feedback_comment_and_newsletter_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<figure><img src="a.jpg"><figcaption>Der Hafen im Winter.</figcaption>
        <span>Foto: Max Muster</span></figure>
        <p>Der Artikel selbst, mit einer Quelle: dem Amt.</p>
        <p>Kuva: ALEXANDER BECHER</p>
        <figure><img src="b.jpg"><figcaption>. Imagen: Télam</figcaption></figure>
        <div>War der Artikel nützlich?</div><div>(Noch keine Bewertungen)</div>
        <h3>120 Kommentare</h3><p>Comments are closed.</p>
        <p>Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.</p>
        <div>Jetzt zum kostenlosen Newsletter anmelden</div>
        <p>To view the full story, please subscribe to The Daily.</p>
        <p>*Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision.</p>
        <table><tr><th>Name</th><th>Comment</th></tr></table>"#;
    assert_eq!(
        remaining(&rules, html),
        "Der Hafen im Winter. Der Artikel selbst, mit einer Quelle: dem Amt. Name Comment"
    );
    // A phrase that starts a notice does not take the wrapper it ends.
    let html = r#"<div><h1>Skillet Cornbread</h1>
        <p>This post may contain affiliate links.</p></div><p>Body.</p>"#;
    assert_eq!(remaining(&rules, html), "Skillet Cornbread Body.");
}

#[test]
fn tag_labels_post_metadata_follow_lines_and_player_controls_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>The article, <a href="/p">posted</a> here.</p>
        <p><a href="/f"><b>Follow us</b></a> to stay up to date.</p>
        <div class="video-js"><div class="vjs-control-bar"><span>Play</span>
        <span>Current Time 0:00</span></div><div>Loaded: 0%</div></div>
        <span>Tags:</span><ul><li><a href="/t/a">Alpha</a></li><li><a href="/t/b">Beta</a></li></ul>
        <p>Themen: Ehrenamt Jugendverbände</p>
        <footer class="x">Dieser Eintrag wurde veröffentlicht in Allgemein von Anna.</footer>
        <div>Aktualisiert am 3. Mai 2021</div>
        <div>Folgen Sie uns auf</div>
        <h4>Über den Autor</h4>"#;
    assert_eq!(
        remaining(&rules, html),
        "The article, posted here. Follow us to stay up to date."
    );
}

#[test]
fn linked_teasers_go_and_a_standfirst_teaser_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p class="teaser">The standfirst of the article.</p>
        <p>The body.</p>
        <div class="m-teaser m-teaser--row"><h2 class="m-teaser__title">
        <a href="/other">Another story</a></h2><p>Its summary.</p></div>
        <div class="teaser-text">Cold paws? Read our <a href="/tips">tips</a>.</div>
        <div class="teaser"><a href="/x">A third</a><p class="teaser-text">Its text.</p></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "The standfirst of the article. The body. Cold paws? Read our tips ."
    );
}

#[test]
fn share_prompts_read_time_recipe_calls_and_edit_links_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r##"<p>Vorbereitung: <span>25 Minuten</span></p>
        <span>5 min read</span><div>Diesen Artikel teilen</div><p>- Anzeige-</p>
        <a href="/a.pdf">Pressemitteilung als PDF</a><a href="/more">weiterlesen</a>
        <section><span>Lire aussi |</span> <a href="/x">Un autre article</a></section>
        <a href="#recipe">Zum Rezept springen</a><span>4.8 von 212 Bewertungen</span>
        <h3>Hast du das Rezept ausprobiert?</h3><p>Markiere @ofenliebe auf Instagram!</p>
        <h2>Weitere Informationen</h2><ul><li><a href="/i">Info</a></li></ul>
        <a href="/edit">Edit this page</a><li>댓글 3</li>"##;
    assert_eq!(remaining(&rules, html), "Vorbereitung: 25 Minuten");
}

#[test]
fn text_rules_read_text_nodes_folded_and_joined_by_a_space() {
    // Each text node is folded once and reused by every element around
    // it: the wrapper's text is its nodes' words joined by single spaces,
    // whatever white space (or none) stood between them.
    let rules = only(
        "[[rule]]\nname = \"two\"\ntags = [\"div\"]\ntext = '^Share this page$'\n\
         [[rule]]\nname = \"one\"\ntags = [\"b\"]\ntext = '^this$'",
    );
    let html = "<div><span>\n Share\u{a0}</span><b>this</b>\tpage </div>\
        <div><i>Share this</i><b>this</b></div><p><i>Share</i><b>this</b>page</p>";
    assert_eq!(remaining(&rules, html), "Share this Share page");
}

#[test]
fn text_patterns_of_short_labels_skip_long_texts_only_when_their_rules_do() {
    // Text patterns are grouped by their rules' max_chars; a long text is
    // still read by the patterns of rules that take it.
    let rules = only(
        "[[rule]]\nname = \"short\"\ntext = '(?i)^note'\nmax_chars = 10\n\
         [[rule]]\nname = \"long\"\ntext = '(?i)note$'\nmax_chars = 500",
    );
    let long = "word ".repeat(60);
    // "Note: abcde" has exactly 10 characters besides white space.
    let html =
        format!("<p>Note: abcde</p><p>Note: {long}</p><p>{long} keep</p><p>{long} a note</p>");
    assert_eq!(
        remaining(&rules, &html),
        format!("Note: {long}{long}keep").trim_end()
    );
}

#[test]
fn newsletter_app_and_support_calls_are_dropped() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>The harbour reopened on Monday.</p>
      <p>Never miss the latest news by signing up to our newsletter today!</p>
      <p>For the latest stories download the Daily News apps for iOS and Android.</p>
      <p>If you enjoyed reading this post, would you consider supporting our work?</p>
      <p>To get the new version of the app, the store sends a patch.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "The harbour reopened on Monday. To get the new version of the app, the store sends a patch."
    );
}

#[test]
fn opinion_disclaimers_and_reprint_notices_are_dropped() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>Die Brücke wird im Mai eröffnet.</p>
      <p>Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.</p>
      <p>Written permission must be obtained before reprint in online or print media.</p>
      <h3>Mehr zum Thema auf Beispiel.de</h3>"#;
    assert_eq!(remaining(&rules, html), "Die Brücke wird im Mai eröffnet.");
}

/// Text patterns that slow every page are told (one summary per file,
/// then each rule at its line); anchored ones without a Unicode `\b`,
/// the built-in ones among them, are not.
#[test]
fn costly_text_patterns_are_noted_at_their_rule() {
    assert_eq!(RuleSet::new(true, &[]).unwrap().notes(), &[]);
    let rules = only(
        "[[rule]]\nname = \"anchored\"\ntext = '(?i)^(share|tweet)$'\n\n\
         [[rule]]\nname = \"anywhere\"\ntext = 'all rights reserved'\n\n\
         [[rule]]\nname = \"words\"\ntext = '^\\bsponsored\\b'\n\n\
         [[rule]]\nname = \"ascii words\"\ntext = '^(?-u:\\b)promoted(?-u:\\b)'\n\n\
         [[rule]]\nname = \"counted\"\ntext = '(?i)^(a|(\\S{0,80} )?join our channel)'\n\n\
         [[rule]]\nname = \"looped\"\ntext = '(?i)^.*join our channel$'\n\n\
         [[rule]]\nname = \"digits\"\ntext = '^\\d{1,99} comments'\n",
    );
    let notes: Vec<String> = rules.notes().iter().map(ToString::to_string).collect();
    assert_eq!(notes.len(), 4, "{notes:#?}");
    assert!(
        notes[3].starts_with(
            "test.toml:19: rule 'counted': its text pattern starts with a count of up to 80"
        ),
        "{}",
        notes[3]
    );
    assert!(
        notes[0].starts_with("test.toml: 3 notes on text patterns"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1]
            .starts_with("test.toml:7: rule 'anywhere': its text pattern does not start with ^"),
        "{}",
        notes[1]
    );
    assert!(
        notes[2].starts_with(
            "test.toml:11: rule 'words': its text pattern has a Unicode word boundary"
        ),
        "{}",
        notes[2]
    );
}

#[test]
fn log_in_forms_go_with_their_messages_and_a_page_wide_form_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let messages = "<p>Das Passwort muss mindestens 8 Zeichen lang sein.</p>".repeat(8);
    let html = format!(
        r#"<article><h2>Neues Konto anlegen</h2><form>{messages}
        <input type=password name=password></form></article>
        <p>Der Spielbetrieb ruht seit März.</p>"#
    );
    assert_eq!(
        remaining(&rules, &html),
        "Neues Konto anlegen Der Spielbetrieb ruht seit März."
    );
    let story = "<p>Der Spielbetrieb ruht seit März, und die Ligen warten ab.</p>".repeat(100);
    let page = format!("<form id=aspnetForm>{story}<input type=password></form>");
    assert!(remaining(&rules, &page).starts_with("Der Spielbetrieb ruht seit März"));
}

#[test]
fn an_aside_wrapping_the_article_body_stays_and_a_sidebar_goes() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<main><aside class=direct-content><article>
        <div itemprop=articleBody><p>Der Roman gewinnt den Preis.</p></div></article></aside>
        <aside><article><p>Anderer Artikel</p></article></aside></main>"#;
    assert_eq!(remaining(&rules, html), "Der Roman gewinnt den Preis.");
}

#[test]
fn spanish_and_french_read_also_lines_go_and_prose_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>La deuda externa aumentó en 2021.</p>
      <p><strong>Lea: <a href=/x>Consejo de la OEA aborda la confiscación</a></strong></p>
      <h6><strong>Mire: </strong><a href=/y>El cantante da positivo</a></h6>
      <p><b>LE PUEDE INTERESAR: <a href=/z>La ficha del expresidente</a></b></p>
      <p><strong>À lire aussi »</strong> <a href=/w>Quel est votre profil digestif ?</a></p>
      <p>Mira la tabla de abajo para ver las cifras.</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "La deuda externa aumentó en 2021. Mira la tabla de abajo para ver las cifras."
    );
}

#[test]
fn author_boxes_go_and_a_posts_author_line_and_a_long_block_stay() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<p>The robot solved the puzzle.</p>
      <div class=contributor-bio><p>Will Knight is a senior writer, covering AI.</p></div>
      <div class="cbx-Author_details"><p>Redakteur in der Wirtschaft.</p></div>
      <ul class=authors><li>Has written for the site since 2003.</li></ul>
      <p class=author>by <a href=/u/7>wrenfield</a> » Tue Apr 22, 2025</p>"#;
    assert_eq!(
        remaining(&rules, html),
        "The robot solved the puzzle. by wrenfield » Tue Apr 22, 2025"
    );
    let post = "<p>A long post by the author, with much to say.</p>".repeat(20);
    let long = format!("<div class=author-text>{post}</div>");
    assert!(remaining(&rules, &long).starts_with("A long post by the author"));
}

#[test]
fn ad_slots_go_and_a_section_with_room_for_ads_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let section = "<p>Der Grill heizt in zehn Minuten auf, das Steak gelingt.</p>".repeat(12);
    let html = format!(
        r#"<div class="ad-slot">Anzeige</div>
        <section class="TestReport__Section TestReport__Section--Ads">{section}</section>"#
    );
    assert!(remaining(&rules, &html).starts_with("Der Grill heizt"));
}

#[test]
fn a_page_header_goes_and_an_article_header_with_the_headline_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = r#"<header><a href=/>Skate News</a> <span>Since 1990</span></header>
      <div class=post><header><h1>Contest in Dormagen</h1>
      <p>The third contest of the season comes to town.</p></header>
      <p>Riders from ten countries take part.</p></div>"#;
    assert_eq!(
        remaining(&rules, html),
        "Contest in Dormagen The third contest of the season comes to town. Riders from ten countries take part."
    );
}

#[test]
fn plural_french_photo_credits_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Le surnom vient de son enfance.</p><p>Crédits photos : Bestimage</p>";
    assert_eq!(remaining(&rules, html), "Le surnom vient de son enfance.");
}

#[test]
fn portuguese_follow_us_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>A polícia investiga o caso.</p><p>Nos siga no <a href=/i>Instagram</a></p>";
    assert_eq!(remaining(&rules, html), "A polícia investiga o caso.");
}

#[test]
fn contact_labels_go_and_the_contact_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Das Labor startet im Mai.</p><h3>Ansprechpartnerin zum Thema:</h3>\
        <p>Dr. Anna Berg, Telefon 030 1234</p><p><strong>Kontakt:</strong></p>\
        <p>Presse, presse@example.org</p><p>Kontakt zu den Teams hält die Leitung.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Das Labor startet im Mai. Dr. Anna Berg, Telefon 030 1234 Presse, presse@example.org \
         Kontakt zu den Teams hält die Leitung."
    );
}

#[test]
fn previous_and_next_links_go_in_german_french_and_spanish() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Der Text endet hier.</p><p><a href=/1>Vorheriges</a> <a href=/3>Weiter »</a></p>\
        <p><a href=/0>« Précédent</a></p><p><a href=/4>Siguiente</a></p><p>Weiter geht es im Mai.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Der Text endet hier. Weiter geht es im Mai."
    );
}

#[test]
fn shop_rating_and_viewer_buttons_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Sneaker gibt es in drei Farben.</p><p><a href=/s>Zum Shop</a></p>\
        <div><span>Bild anzeigen</span> <span>Bild schließen</span></div>\
        <p>Bewerten Sie dieses Produkt</p><p>Zum Shop geht es über den Hof.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Sneaker gibt es in drei Farben. Zum Shop geht es über den Hof."
    );
}

#[test]
fn fold_out_toggles_go_and_their_box_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Soziale Ängste sind häufig.</p><button>Quellen ausblenden</button>\
        <div><span>Quellen ausblenden</span><ol><li>Studie, 2019</li></ol></div>\
        <a href=#m>Show more</a><p>Mehr anzeigen lässt sich das nicht.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Soziale Ängste sind häufig. Studie, 2019 Mehr anzeigen lässt sich das nicht."
    );
}

#[test]
fn permalink_lines_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>La perte des terres fertiles.</p><ul><li><b>Permalien</b> https://p.dw.com/p/RPYx</li>\
        <li>Date 12.05.2010</li></ul><p>Permalink</p><p>Les commentaires sont fermés.</p>";
    assert_eq!(
        remaining(&rules, html),
        "La perte des terres fertiles. Date 12.05.2010"
    );
}

#[test]
fn advertising_notes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p><em>*Werbung. Dieser Beitrag enthält Werbung für Marini.</em></p>\
        <p>Der Bikini ist aus recyceltem Garn.</p><p><b>ANZEIGE - Heute mal ausgehen? \
        Wie wäre es mit:</b></p><p>Anzeige erstattet hat die Nachbarin.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Der Bikini ist aus recyceltem Garn. Anzeige erstattet hat die Nachbarin."
    );
}

#[test]
fn contents_labels_go_and_the_outline_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Wein braucht Luft.</p><p><b>Inhaltsverzeichnis</b></p>\
        <ul><li><a href=#a>Warum dekantieren?</a></li></ul>\
        <p>Das Inhaltsverzeichnis steht oben.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Wein braucht Luft. Warum dekantieren? Das Inhaltsverzeichnis steht oben."
    );
}

#[test]
fn newsletter_calls_with_an_arrow_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Der Urlaubsanspruch bleibt.</p>\
        <ul><li><a href=/nl>Jetzt zum kostenlosen Newsletter anmelden »</a></li></ul>";
    assert_eq!(remaining(&rules, html), "Der Urlaubsanspruch bleibt.");
}

#[test]
fn view_and_visitor_counters_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Versammlung wählte neu.</p><p>Aufrufe: 1120 | Hinzugefügt von: Posh</p>\
        <div><b>13</b> Besucher sind online (<b>8</b> im Bereich News)</div>\
        <p>1.200 Besucher kamen zum Fest.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Versammlung wählte neu. 1.200 Besucher kamen zum Fest."
    );
}

#[test]
fn blog_post_footers_and_comment_feed_lines_go_and_prose_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let long_list: String = (1..=12)
        .map(|i| format!("<a href=/c/{i}>Kategorie Nummer {i}</a>, "))
        .collect();
    let html = format!(
        "<p>Geschrieben am Küchentisch: der Kurssturz ließ ihn nicht los.</p>\
        <p class=postmetadata>Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr \
        veröffentlicht und wurde unter {long_list}abgelegt. Du kannst die Kommentare zu diesen \
        Eintrag durch den <a href=/feed>RSS 2.0</a> Feed verfolgen.</p>\
        <div>Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter {long_list}Linux.</div>\
        <p><a href=/feed>Kommentarfeed</a> | Kommentare geschlossen | \
        <a href=/tb>Trackback-URL</a></p>"
    );
    assert_eq!(
        remaining(&rules, &html),
        "Geschrieben am Küchentisch: der Kurssturz ließ ihn nicht los."
    );
}

#[test]
fn bare_byline_labels_go_and_a_byline_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Windgeschwindigkeit zählt.</p><p><b>Von:</b><br>Götz Warnke</p>\
        <p>By: Anna Smith</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Windgeschwindigkeit zählt. Götz Warnke By: Anna Smith"
    );
}

#[test]
fn embed_consent_placeholders_go_and_prose_about_loading_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Tour beginnt am Bahnhof.</p>\
        <div class=\"_brlbs-content-blocker\"><p>Ein Beitrag von Instagram.</p>\
        <a class=\"_brlbs-btn\">Anzeigen</a></div>\
        <div><p>Mit dem Laden des Beitrags akzeptieren Sie die Datenschutzerklärung von \
        Instagram.</p><p><a>Beitrag laden</a></p></div>\
        <div class=\"c-iframe-privacy\"><p>Externer Inhalt</p></div>\
        <p>By loading the video, you agree to YouTube's privacy policy.</p>\
        <p>Klicken Sie auf den Button, um die Karte zu vergrößern.</p>\
        <div><button>Load map</button></div>\
        <table><tr><td>Load map</td><td>12 s</td></tr></table>";
    assert_eq!(
        remaining(&rules, html),
        "Die Tour beginnt am Bahnhof. Klicken Sie auf den Button, um die Karte zu vergrößern. \
         Load map 12 s"
    );
}

#[test]
fn picture_credits_go_outside_captions_and_stay_inside() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Der Hafen wird erweitert.</p>\
        <div class=\"image-holder\"><span class=\"image-credit\">Shutterstock</span></div>\
        <p class=\"credits\">AFP/Getty Images</p>\
        <p class=\"media__caption--source\">Ahmed Zarrouki, Tunis.</p>\
        <figure><figcaption>Der neue Kai. <span class=\"photo-credit\">Jean Dupont</span>\
        </figcaption></figure>";
    assert_eq!(
        remaining(&rules, html),
        "Der Hafen wird erweitert. Der neue Kai. Jean Dupont"
    );
}

#[test]
fn author_boxes_named_in_bem_style_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Bahn baut aus.</p>\
        <div class=\"m-author__description\">Jake is the co-founder of a consultancy.</div>\
        <p class=\"cbx-Author_Position\">Redakteur in der Wirtschaft.</p>\
        <div class=\"c-article-writer__bio\">Leah is a professor.</div>\
        <div class=\"saboxplugin-wrap\"><p>Ich mag jede Art von Fotografie.</p></div>";
    assert_eq!(remaining(&rules, html), "Die Bahn baut aus.");
}

#[test]
fn teaser_links_and_next_post_boxes_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Der Zug fährt stündlich.</p>\
        <figure><a class=\"sz-teaser\" href=\"/ice\"><figcaption>ICE im Takt</figcaption></a></figure>\
        <div class=\"nextstory\"><h2><a href=\"/next\">Patti Smith joins a choir</a></h2></div>\
        <div class=\"teaser\"><p>Ein Vorspann ohne Link.</p></div>";
    assert_eq!(
        remaining(&rules, html),
        "Der Zug fährt stündlich. Ein Vorspann ohne Link."
    );
}

#[test]
fn bare_date_lines_go_and_dates_inside_sentences_stay() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>23.10.2018</p><div>15. Mai 2019, 05:28 Uhr</div><p>Oct 9, 2019</p>\
        <p>Die Steuer steigt ab <strong>1. Januar 2023</strong> für Tabak.</p>\
        <p>Erschienen am <time>2021-10-16</time>.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Steuer steigt ab 1. Januar 2023 für Tabak. Erschienen am 2021-10-16 ."
    );
}

#[test]
fn a_sections_own_date_stamp_goes_and_a_date_in_a_sentence_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<section><time>15. Mai 2019, 05:28 Uhr</time><h2>Flixbus greift an</h2></section>\
        <section><p>Gewählt wurde am <time>3. Nov. 2021</time> in Bonn.</p></section>\
        <article><time>22.12.2019</time><p>Der Text.</p></article>";
    assert_eq!(
        remaining(&rules, html),
        "Flixbus greift an Gewählt wurde am 3. Nov. 2021 in Bonn. Der Text."
    );
}

#[test]
fn dated_category_lines_and_labelled_post_links_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Messe öffnet.</p><div>24.01.2022 11:38 Kategorie: News</div>\
        <small>January 13, 2020 at 08:45 AM categories: Python, Mercurial</small>\
        <p>Nachfolgebeitrag: <a href=\"/n\">Was passiert hier?</a></p>\
        <p>Tuesday 15 October 2019 by Bradley M. Kuhn</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Messe öffnet. Tuesday 15 October 2019 by Bradley M. Kuhn"
    );
}

#[test]
fn post_cards_citations_playlists_and_subscription_offers_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Ausbildung beginnt.</p>\
        <blockquote class=\"wp-embedded-content\"><a href=\"/h145\">Training auf der H145</a></blockquote>\
        <blockquote><p>Ein Zitat bleibt.</p></blockquote>\
        <div class=\"citate\">SUGGESTED CITATION Sauer, Heiko: Expertinnen, VerfBlog, 2020</div>\
        <div class=\"video-playlist-wrapper\"><a href=\"/v\">Weitere Videos</a></div>\
        <section class=\"article-payant\"><h2>Pour accéder en illimité</h2></section>\
        <div class=\"ndPLUS-Abowerbung\"><p>Jetzt abonnieren</p></div>";
    assert_eq!(
        remaining(&rules, html),
        "Die Ausbildung beginnt. Ein Zitat bleibt."
    );
}

#[test]
fn channel_shop_and_donation_prompts_go_and_prose_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Hilfe kommt an.</p><p>Jede kleine Spende hilft den Menschen!</p>\
        <p>¡Mira lo que tiene nuestro canal de YouTube!</p>\
        <p>¿Ya sabías que en Ejemplo.com tenemos canal de Telegram? Únete aquí.</p><h1>Unterstütze RosaMag bereits mit 2,50!</h1>\
        <p>Do you want to be informed of our actions? Sign up here</p>\
        <p>Wir besuchen unseren Shop in Köln jeden Montag.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Hilfe kommt an. Wir besuchen unseren Shop in Köln jeden Montag."
    );
}

#[test]
fn newsletter_boxes_spelled_in_two_words_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Das Horoskop für heute: Die Sterne stehen günstig für alle Widder.</p>\
        <div class=\"news-letter-section\"><span>News, Tipps und Trends für dich!</span></div>";
    assert_eq!(
        remaining(&rules, html),
        "Das Horoskop für heute: Die Sterne stehen günstig für alle Widder."
    );
}

#[test]
fn meta_lines_ending_in_a_comment_count_go() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Kollektion ist da, in Blau und in Grün.</p>\
        <p>Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN <a href=\"/f\">Fashion</a> | 0 COMMENTS</p>\
        <p>Wir lesen 3 Kommentare.</p>\
        <div><h2>Ear Candy!</h2> Mai 2019 | 2 Kommentare</div>";
    assert_eq!(
        remaining(&rules, html),
        "Die Kollektion ist da, in Blau und in Grün. Wir lesen 3 Kommentare. \
         Ear Candy! Mai 2019 | 2 Kommentare"
    );
}

#[test]
fn app_promotions_go_and_an_app_review_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Strava zeigt jetzt Points of Interest auf der Karte an.</p>\
        <div class=\"appstores\"><h3>Lesen Sie das Magazin in der App</h3></div>\
        <div class=\"app-review\"><p>Die App ist schnell.</p></div>";
    assert_eq!(
        remaining(&rules, html),
        "Strava zeigt jetzt Points of Interest auf der Karte an. Die App ist schnell."
    );
}

#[test]
fn availability_labels_go_and_prose_about_availability_stays() {
    let rules = RuleSet::new(true, &[]).unwrap();
    let html = "<p>Die Impfung ist für alle ab zwölf Jahren möglich.</p>\
        <dl><dt>Video verfügbar bis 28.02.2021</dt></dl><p>Available until 3 May 2024</p>\
        <p>Der Impfstoff ist verfügbar bis zum Ende des Jahres, sagt das Ministerium heute.</p>";
    assert_eq!(
        remaining(&rules, html),
        "Die Impfung ist für alle ab zwölf Jahren möglich. \
         Der Impfstoff ist verfügbar bis zum Ende des Jahres, sagt das Ministerium heute."
    );
}
