//! A gallery's strip of thumbnails: after a gallery shows its pictures,
//! many pages repeat them as a row of small images that pick the picture
//! to show (`photo-150x150.jpg` under `photo-1024x683.jpg`). In Markdown
//! nothing can be picked; the row only repeats the pictures.

use super::image::picture_key;
use crate::dom::{Dom, NodeId, NodeSet, local_name};
use std::collections::HashSet;

/// A strip has at least this many pictures.
const MIN_THUMBNAILS: usize = 3;

/// Blocks larger than this many nodes are not looked into: a strip is a
/// list of small items, and the bound keeps nested blocks linear.
const MAX_STRIP_NODES: usize = 600;

/// The blocks under `roots` that hold only pictures already shown above
/// them (at least [`MIN_THUMBNAILS`], and no text), to be left out of the
/// Markdown.
pub(crate) fn thumbnail_strips(dom: &Dom, roots: &[NodeId], removed: &NodeSet) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut shown: HashSet<String> = HashSet::new();
    for &root in roots {
        let mut skip_until = 0;
        for id in dom.subtree_except(root, removed) {
            if id.index() < skip_until {
                continue;
            }
            let Some(el) = dom.element(id) else {
                continue;
            };
            if el.is_named(&local_name!("img")) {
                if let Some(key) = picture_key(dom, id, removed) {
                    shown.insert(key);
                }
            } else if matches!(
                el.name,
                local_name!("ul") | local_name!("ol") | local_name!("div")
            ) && repeats_pictures(dom, id, removed, &shown)
            {
                found.push(id);
                skip_until = dom.subtree_range(id).end;
            }
        }
    }
    found
}

/// Whether the block shows nothing but pictures in `shown`, at least
/// [`MIN_THUMBNAILS`] of them.
fn repeats_pictures(dom: &Dom, block: NodeId, removed: &NodeSet, shown: &HashSet<String>) -> bool {
    if shown.len() < MIN_THUMBNAILS || dom.subtree_range(block).len() > MAX_STRIP_NODES {
        return false;
    }
    let mut pictures = 0;
    for id in dom.subtree_except(block, removed) {
        if let Some(text) = dom.text(id) {
            if !text.trim().is_empty() {
                return false;
            }
        } else if dom
            .element(id)
            .is_some_and(|e| e.is_named(&local_name!("img")))
        {
            match picture_key(dom, id, removed) {
                Some(key) if shown.contains(&key) => pictures += 1,
                _ => return false,
            }
        }
    }
    pictures >= MIN_THUMBNAILS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strips(html: &str) -> usize {
        let dom = Dom::parse(html);
        let removed = NodeSet::new(dom.len());
        thumbnail_strips(&dom, &[dom.body().unwrap()], &removed).len()
    }

    const GALLERY: &str = "<figure><img src='/u/a-1024x683.jpg'><figcaption>A</figcaption></figure>\
        <figure><img src='/u/b-1024x683.jpg'><figcaption>B</figcaption></figure>\
        <figure><img src='/u/c.jpg?w=1024'><figcaption>C</figcaption></figure>";

    #[test]
    fn a_row_of_the_gallerys_thumbnails_goes() {
        let row = "<ul><li><a href='#1'><img src='/u/a-150x150.jpg'></a></li>\
            <li><a href='#2'><img src='/u/b-150x150.jpg'></a></li>\
            <li><a href='#3'><img data-src='/u/c-150x150.jpg' src='data:,'></a></li></ul>";
        assert_eq!(strips(&format!("<body>{GALLERY}{row}</body>")), 1);
    }

    #[test]
    fn new_pictures_or_words_stay() {
        // A picture not shown before.
        let row = "<ul><li><img src='/u/a-150x150.jpg'></li><li><img src='/u/b-150x150.jpg'></li>\
            <li><img src='/u/d-150x150.jpg'></li></ul>";
        assert_eq!(strips(&format!("<body>{GALLERY}{row}</body>")), 0);
        // Captions under the thumbnails.
        let row = "<ul><li><img src='/u/a-150x150.jpg'>A</li><li><img src='/u/b-150x150.jpg'>B</li>\
            <li><img src='/u/c-150x150.jpg'>C</li></ul>";
        assert_eq!(strips(&format!("<body>{GALLERY}{row}</body>")), 0);
        // Thumbnails before the pictures: nothing was shown yet.
        let row = "<ul><li><img src='/u/a-150x150.jpg'></li><li><img src='/u/b-150x150.jpg'></li>\
            <li><img src='/u/c-150x150.jpg'></li></ul>";
        assert_eq!(strips(&format!("<body>{row}{GALLERY}</body>")), 0);
        // Two repeated pictures are not a strip.
        let row = "<div><img src='/u/a-150x150.jpg'><img src='/u/b-150x150.jpg'></div>";
        assert_eq!(strips(&format!("<body>{GALLERY}{row}</body>")), 0);
    }
}
