//! Choosing the headline among `<title>`, OpenGraph, JSON-LD and `<h1>`.

use super::Found;

/// Separators sites put between the headline and their name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " / ", " « ", " » ", " :",
];

/// The headline: a clean source (JSON-LD, OpenGraph, an `<h1>`) that the
/// `<title>` contains wins, since it is the title without the site name;
/// else the `<title>` with the site's part cut off.
pub(super) fn choose(found: &Found) -> Option<String> {
    let title = found.title.clone().filter(|t| !t.is_empty());
    let clean = [
        found.ld.headline.clone(),
        found.meta.get("og:title").cloned(),
        found.meta.get("twitter:title").cloned(),
    ];
    let h1 = found.h1s.iter().filter(|h| !h.is_empty());
    let candidates: Vec<String> = clean.into_iter().flatten().chain(h1.cloned()).collect();
    match title {
        Some(t) => candidates
            .iter()
            .find(|c| c.chars().count() >= 3 && t.contains(c.as_str()))
            .cloned()
            .or_else(|| Some(strip_site_name(&t, found))),
        None => candidates.into_iter().next(),
    }
}

/// Cuts "Headline | Site" down to "Headline": the part named as the site
/// goes; otherwise the longest part, when it is long enough to be a
/// headline (short parts are section and site names).
fn strip_site_name(title: &str, found: &Found) -> String {
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(*s)) else {
        return title.to_string();
    };
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    if let Some(site) = found.meta.get("og:site_name") {
        let rest: Vec<&str> = parts.iter().copied().filter(|p| p != site).collect();
        if rest.len() < parts.len() && !rest.is_empty() {
            return rest.join(sep.trim_end());
        }
    }
    let longest = parts
        .iter()
        .max_by_key(|p| p.chars().count())
        .copied()
        .unwrap_or("");
    if longest.split_whitespace().count() >= 3 || longest.chars().count() >= 12 {
        longest.to_string()
    } else {
        title.to_string()
    }
}
