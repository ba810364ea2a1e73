//! What ends the article without being part of it: a "Most viewed",
//! "Comments" or "Related" heading whose list or widget the rules removed
//! (or that a script fills in), left with nothing under it; and a cloud of
//! links after the last words of the text (tags, the names of everyone who
//! liked the story, a read-more box of a single headline, with or without
//! a linked banner after it). A heading introduces what follows: with nothing
//! following, it is written nowhere. Links that come after the article's
//! last text and are nothing but links lead away from it.

use super::elements::heading_level;
use crate::dom::chars::non_whitespace_chars;
use crate::dom::{Dom, Element, Namespace, NodeId, NodeSet, is_blank, local_name};

/// Elements that show something without text. The names are interned
/// (integer comparisons), as in the other tests this pass makes of every
/// element.
fn is_media(e: Element<'_>) -> bool {
    e.ns == Namespace::Html
        && matches!(
            e.name,
            local_name!("img")
                | local_name!("picture")
                | local_name!("video")
                | local_name!("audio")
                | local_name!("iframe")
                | local_name!("embed")
                | local_name!("object")
                | local_name!("svg")
                | local_name!("math")
        )
}

/// Longer headings say something of their own.
const MAX_LABEL_WORDS: usize = 12;

/// The label headings and link clouds under `roots` (in order) after which
/// nothing else is shown, to be left out of the Markdown. None when
/// nothing else is shown at all: then they are all there is.
pub(crate) fn trailing_furniture(dom: &Dom, roots: &[NodeId], removed: &NodeSet) -> Vec<NodeId> {
    let mut pending: Vec<NodeId> = Vec::new();
    let mut content = false;
    for &root in roots {
        let counts = Counts::of(dom, root, removed);
        let mut inside_until = 0;
        for id in dom.subtree_except(root, removed) {
            if id.index() < inside_until {
                continue;
            }
            if counts.is_link_cloud(dom, id) {
                pending.push(id);
                inside_until = dom.subtree_range(id).end;
            } else if dom.element(id).and_then(heading_level).is_some() {
                if is_label(&dom.text_content_except(id, removed)) {
                    pending.push(id);
                } else {
                    content = true;
                    pending.clear();
                }
                inside_until = dom.subtree_range(id).end;
            } else if shows_something(dom, id) && !is_linked_media(dom, id) {
                content = true;
                pending.clear();
            }
        }
    }
    if content { pending } else { Vec::new() }
}

/// A cloud has this many links at least (one: after the text, a "Read
/// more" box of one or two headlines, or a heading over the one link to
/// a press release, leads away as a longer list does; a sentence with a
/// link in it stays, by the share below)...
const MIN_CLOUD_LINKS: u32 = 1;
/// ...and this share of its text, at least, inside them.
const MIN_CLOUD_LINK_SHARE: f64 = 0.7;

/// Blocks that can be a cloud of links.
fn is_cloud_block(e: Element<'_>) -> bool {
    e.ns == Namespace::Html
        && matches!(
            e.name,
            local_name!("p")
                | local_name!("div")
                | local_name!("ul")
                | local_name!("ol")
                | local_name!("section")
                | local_name!("footer")
                | local_name!("aside")
                | local_name!("nav")
        )
}

/// Per node of one root's subtree (indexed from the root): visible
/// characters, those inside links, and links. One pass from the end of the
/// subtree, children before parents, so it stays linear.
struct Counts {
    start: usize,
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    links: Vec<u32>,
}

impl Counts {
    fn of(dom: &Dom, root: NodeId, removed: &NodeSet) -> Counts {
        let range = dom.subtree_range(root);
        let n = range.len();
        let mut c = Counts {
            start: range.start,
            chars: vec![0; n],
            link_chars: vec![0; n],
            links: vec![0; n],
        };
        let mut kept = vec![false; n];
        for id in dom.subtree_except(root, removed) {
            kept[id.index() - c.start] = true;
        }
        for i in range.rev() {
            let k = i - c.start;
            if !kept[k] {
                continue;
            }
            let id = NodeId::from_index(i);
            if let Some(text) = dom.text(id) {
                c.chars[k] += non_whitespace_chars(text);
            }
            if dom
                .element(id)
                .is_some_and(|e| e.is_named(&local_name!("a")))
                && !shows_address(dom, id, removed)
            {
                c.links[k] += 1;
                c.link_chars[k] = c.chars[k];
            }
            if let Some(p) = dom
                .parent(id)
                .filter(|p| p.index() >= c.start && i != c.start)
            {
                let pk = p.index() - c.start;
                c.chars[pk] += c.chars[k];
                c.link_chars[pk] += c.link_chars[k];
                c.links[pk] += c.links[k];
            }
        }
        c
    }

    /// A block of links with hardly a word outside them. The counts are
    /// read first: most nodes hold too few links to ask their name.
    fn is_link_cloud(&self, dom: &Dom, id: NodeId) -> bool {
        let k = id.index() - self.start;
        self.links[k] >= MIN_CLOUD_LINKS
            && self.chars[k] > 0
            && f64::from(self.link_chars[k]) >= MIN_CLOUD_LINK_SHARE * f64::from(self.chars[k])
            && dom.element(id).is_some_and(is_cloud_block)
    }
}

/// A link whose text is its address is a source the article cites, not
/// a way out of it.
fn shows_address(dom: &Dom, link: NodeId, removed: &NodeSet) -> bool {
    let mut start = [0u8; TEXT_START_BYTES];
    let start = text_start(dom, link, removed, &mut start);
    ["http://", "https://", "www."]
        .iter()
        .any(|p| start.len() > p.len() && start[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// Bytes of a link's text that [`shows_address`] reads: one more than the
/// longest prefix, so a long link text is not read through.
const TEXT_START_BYTES: usize = 9;

/// The first bytes of `link`'s text (without the subtrees in `removed`),
/// leading whitespace trimmed, copied into `out`: the whole text when it
/// is shorter than [`TEXT_START_BYTES`].
fn text_start<'b>(
    dom: &Dom,
    link: NodeId,
    removed: &NodeSet,
    out: &'b mut [u8; TEXT_START_BYTES],
) -> &'b [u8] {
    let mut len = 0;
    for text in dom
        .subtree_except(link, removed)
        .filter_map(|n| dom.text(n))
    {
        let text = if len == 0 { text.trim_start() } else { text };
        let take = text.len().min(TEXT_START_BYTES - len);
        out[len..len + take].copy_from_slice(&text.as_bytes()[..take]);
        len += take;
        if len == TEXT_START_BYTES {
            break;
        }
    }
    &out[..len]
}

/// A heading that names what should follow ("Comments", "Most read",
/// "Mehr zum Thema"), not one that says something itself: a sentence
/// (the last words before a paywall often are) is kept.
fn is_label(text: &str) -> bool {
    let text = text.trim();
    let sentence = text.ends_with(['.', '?', '!', '。', '？', '！', '…']);
    !sentence && text.split_whitespace().count() <= MAX_LABEL_WORDS
}

/// A picture inside a link after the article's text is a banner leading
/// away from it (a subscription offer, an app), like the links around it:
/// it does not end a run of trailing furniture.
fn is_linked_media(dom: &Dom, id: NodeId) -> bool {
    dom.text(id).is_none()
        && dom.ancestors(id).any(|a| {
            dom.element(a)
                .is_some_and(|e| e.is_named(&local_name!("a")))
        })
}

fn shows_something(dom: &Dom, id: NodeId) -> bool {
    match dom.text(id) {
        Some(text) => !is_blank(text),
        None => dom.element(id).is_some_and(is_media),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trailing(html: &str, removed_tag: Option<&str>) -> Vec<String> {
        let dom = Dom::parse(html);
        let mut removed = NodeSet::new(dom.len());
        if let Some(id) = removed_tag.and_then(|t| dom.find(t)) {
            removed.insert(id);
        }
        let body = dom.body().unwrap();
        trailing_furniture(&dom, &[body], &removed)
            .into_iter()
            .map(|id| dom.text_content(id))
            .collect()
    }

    #[test]
    fn headings_left_empty_at_the_end_go() {
        let html = "<p>Body text.</p><h2>Most read <i>now</i></h2><div><ul><li>x</ul></div>\
            <h3>Comments</h3><div> </div>";
        assert_eq!(trailing(html, Some("ul")), ["Most read now", "Comments"]);
    }

    #[test]
    fn headings_with_something_after_stay() {
        let html = "<h2>One</h2><p>Text.</p><h2>Pictures</h2><figure><img src=a.png></figure>";
        assert!(trailing(html, None).is_empty());
    }

    #[test]
    fn headings_that_say_something_stay() {
        let html = "<p>Body text.</p><h2>How could it come to this?</h2>\
            <h2>Related</h2><h3>A headline that runs to thirteen words is no label but says things</h3>";
        assert!(trailing(html, None).is_empty());
    }

    #[test]
    fn clouds_of_links_after_the_text_go() {
        let html = "<p>Body text with <a href=/a>one link</a>, <a href=/b>two</a> and \
            <a href=/c>three</a> in it.</p><h3>Kudos</h3><p><a href=/u/1>ann</a>, \
            <a href=/u/2>bo</a>, <a href=/u/3>cy</a></p><div>Tags: <a href=/t/x>Climate change</a> \
            <a href=/t/yy>Energy policy</a> <a href=/t/z>Germany</a></div>";
        assert_eq!(
            trailing(html, None),
            [
                "Kudos",
                "ann, bo, cy",
                "Tags: Climate change Energy policy Germany"
            ]
        );
    }

    #[test]
    fn two_links_to_other_stories_after_the_text_go() {
        let html = "<p>Body text.</p><div><h3>Read more:</h3>\
            <p><a href=/news/a>Coach: \"Next we win the cup\"</a></p>\
            <p><a href=/news/b>Federation names its youth teams</a></p></div>";
        assert_eq!(
            trailing(html, None),
            ["Read more:Coach: \"Next we win the cup\"Federation names its youth teams"]
        );
    }

    #[test]
    fn one_link_under_each_label_after_the_text_goes() {
        let html = "<p>Body text.</p><h2>Press release</h2><ul><li><a href=/pm/10>Volunteers \
            are everyday heroes</a></ul><h2>Looking back</h2><ul><li><a href=/2021>The forum \
            in 2021</a></ul><p>See <a href=/report>the full report</a> for the numbers.</p>";
        assert!(trailing(html, None).is_empty());
        let html = html.split("<p>See").next().unwrap();
        assert_eq!(
            trailing(html, None),
            [
                "Press release",
                "Volunteers are everyday heroes",
                "Looking back",
                "The forum in 2021"
            ]
        );
    }

    #[test]
    fn a_linked_banner_after_a_cloud_does_not_keep_it() {
        let html = "<p>Body text.</p><ul><li><a href=/a>Report out</a>\
            <li><a href=/b>Strategy for 2050</a><li><a href=/c>A new app</a></ul>\
            <p><a href=/subscribe><img src=banner.jpg alt=Subscribe></a></p>";
        assert_eq!(
            trailing(html, None),
            ["Report outStrategy for 2050A new app"]
        );
    }

    #[test]
    fn clouds_before_text_and_lists_of_sources_stay() {
        let html = "<ul><li><a href=/1>Part one</a><li><a href=/2>Part two</a>\
            <li><a href=/3>Part three</a></ul><p>The text.</p><h2>Sources</h2><ul>\
            <li><a href=https://a.example/x>https://a.example/x</a>\
            <li><a href=https://b.example/y>https://b.example/y</a>\
            <li><a href=https://c.example/z>www.c.example/z</a></ul>";
        assert!(trailing(html, None).is_empty());
    }

    #[test]
    fn text_start_trims_across_nodes_and_stops_early() {
        let dom = Dom::parse("<a> <b> </b>\n <i>https</i>://example.org/a/long/path</a>");
        let link = dom.find("a").unwrap();
        let removed = NodeSet::new(dom.len());
        let mut buffer = [0; TEXT_START_BYTES];
        assert_eq!(text_start(&dom, link, &removed, &mut buffer), b"https://e");
        assert!(shows_address(&dom, link, &removed));
        let dom = Dom::parse("<a> www.</a>");
        let link = dom.find("a").unwrap();
        assert_eq!(text_start(&dom, link, &removed, &mut buffer), b"www.");
        assert!(!shows_address(&dom, link, &removed));
    }

    #[test]
    fn a_page_of_headings_only_keeps_them() {
        assert!(trailing("<h1>Title</h1><h2>Sub</h2>", None).is_empty());
    }
}
