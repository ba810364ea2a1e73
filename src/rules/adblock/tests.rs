use super::super::{RuleSet, RuleSource};
use crate::dom::{Dom, NodeData};

const LIST: &str = include_str!("../../../tests/rules/annoyances.txt");
const PAGE: &str = include_str!("../../../tests/rules/page.html");

fn list_rules() -> RuleSet {
    let source = RuleSource {
        name: "annoyances.txt".into(),
        text: LIST.into(),
    };
    RuleSet::new(false, &[source]).unwrap()
}

/// The text left in `<body>` of the test page, as if at `url`.
fn remaining_at(rules: &RuleSet, url: &str) -> String {
    let dom = Dom::parse(PAGE);
    let body = dom.find("body").unwrap();
    let pruned = rules.apply(&dom, [url]);
    let mut words = Vec::new();
    for id in dom.subtree_except(body, &pruned.removed) {
        if let NodeData::Text(t) = dom.data(id) {
            words.extend(t.split_whitespace());
        }
    }
    let text = words.join(" ");
    let article = text.find("The story").expect("the article is kept");
    text[..article].trim().to_string()
}

#[test]
fn hiding_rules_apply_with_their_domains_and_exceptions() {
    let rules = list_rules();
    // On example.com: generic and example.com rules hide; `.social-bar` is
    // excepted everywhere, `.cookie-note` on example.com only.
    assert_eq!(
        remaining_at(&rules, "https://www.example.com/story"),
        "Follow us We use cookies"
    );
    // Elsewhere the host-limited rules do not apply, and the cookie note
    // exception neither.
    assert_eq!(
        remaining_at(&rules, "https://news.other.net/story"),
        "Subscribe today Ad Cheap flights Follow us"
    );
    // `~shop.example.org` is left out of the example.org rule.
    assert_eq!(
        remaining_at(&rules, "https://shop.example.org/story"),
        "Subscribe today Ad Cheap flights Follow us"
    );
}

#[test]
fn a_rule_is_named_after_its_line_with_file_and_number() {
    let rules = list_rules();
    let dom = Dom::parse(PAGE);
    let pruned = rules.apply(&dom, ["https://example.com/"]);
    let names: Vec<&str> = pruned.removals.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(names[0], "annoyances.txt:7: ##.newsletter-signup");
    assert!(
        names.contains(
            &"annoyances.txt:11: example.com,example.org,~shop.example.org##.promo-strip"
        ),
        "{names:?}"
    );
}

#[test]
fn what_cannot_be_used_is_counted_and_noted_by_line() {
    let rules = list_rules();
    let notes: Vec<String> = rules.notes().iter().map(ToString::to_string).collect();
    assert_eq!(
        notes.last().unwrap(),
        "annoyances.txt: adblock list: 8 element-hiding rules, 2 exceptions; ignored 3 network \
         rules, 2 scriptlets and style injections, 3 unsupported lines"
    );
    assert_eq!(
        notes[0],
        "annoyances.txt:27: skipped (not a CSS selector): ##div:has-text(Sponsored)"
    );
    assert!(notes[1].starts_with("annoyances.txt:28: skipped (HTML filters"));
    assert!(notes[2].starts_with("annoyances.txt:29: skipped (`:style()`"));
    assert_eq!(rules.len(), 7, "the generic exception cancels one rule");
}

#[test]
fn a_list_never_fails_the_rule_set() {
    let source = RuleSource {
        name: "junk.txt".into(),
        text: "##\n##[\n#@#\n###\n##+js(\n||\u{0}\n~##.a\n,,##.b\n".into(),
    };
    let rules = RuleSet::new(false, &[source]).unwrap();
    assert!(rules.len() <= 2);
}
