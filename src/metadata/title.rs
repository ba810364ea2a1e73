//! Two titles: the one the page declares for itself (JSON-LD, `<meta>`,
//! else `<title>`), and the headline it shows (for the Markdown heading).

use super::Found;

/// `<meta>` titles, strongest first (keys as `read_declared` spells
/// them): Dublin Core, OpenGraph, Weibo, plain, Twitter, Parse.ly.
const DECLARED_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];

/// The title the page declares: the JSON-LD Article's, then the `<meta>`
/// titles, then the `<title>` without the site's name, then an `<h1>`.
pub(super) fn declared(found: &Found) -> Option<String> {
    json_ld(found)
        .or_else(|| {
            DECLARED_KEYS
                .iter()
                .find_map(|k| found.declared.get(*k).cloned())
        })
        .or_else(|| cleaned_title(found))
        .or_else(|| found.h1s.iter().find(|h| !h.is_empty()).cloned())
}

/// The JSON-LD Article's `name` or `headline`. Some sites put their own
/// name in `name`: when the two differ, the one that resembles the
/// `<title>` wins, and `name` when neither or both do.
fn json_ld(found: &Found) -> Option<String> {
    let ld = &found.ld;
    match (&ld.name, &ld.headline) {
        (Some(name), Some(headline)) if name != headline => {
            let title = cleaned_title(found).unwrap_or_default();
            let like = |s: &str| similarity(s, &title) > 0.75;
            if like(headline) && !like(name) {
                Some(headline.clone())
            } else {
                Some(name.clone())
            }
        }
        (Some(name), _) => Some(name.clone()),
        (None, headline) => headline.clone(),
    }
}

/// How much of `b`'s text is made of words also in `a`, by characters:
/// 1.0 when every word of `b` occurs in `a`.
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let total = b.join(" ").chars().count();
    if total == 0 {
        return 0.0;
    }
    let unique: Vec<&str> = b
        .iter()
        .filter(|w| !a.contains(w))
        .map(String::as_str)
        .collect();
    1.0 - unique.join(" ").chars().count() as f64 / total as f64
}

/// The `<title>` element's text without the site's name, cut the way
/// sites write it: "Headline | Section | Site" loses its last part,
/// "Site: Headline" its first; a cut that would leave four words or
/// fewer is not made (they are rarely the whole headline), unless the
/// part cut off is the site's declared name.
fn cleaned_title(found: &Found) -> Option<String> {
    let title = found.title.as_deref().filter(|t| !t.is_empty())?;
    if let Some(cut) = cut_site_name(title, found) {
        return Some(cut);
    }
    let (cut, hierarchical) = if let Some(cut) = cut_last_part(title) {
        (cut, HIERARCHICAL.iter().any(|s| title.contains(s)))
    } else if title.contains(": ") {
        (cut_colon(title, found), false)
    } else if title.chars().count() > 150 || title.chars().count() < 15 {
        match found.h1s.as_slice() {
            [only] if found.h1_count == 1 => (only.clone(), false),
            _ => (title.to_string(), false),
        }
    } else {
        (title.to_string(), false)
    };
    let cut = super::fold(&cut);
    let words = word_count(&cut);
    let unseparated = word_count(&title.replace(['|', '-', '–', '—', '\\', '/', '>', '»'], " "));
    if words <= 4 && (!hierarchical || words + 1 != unseparated) {
        return Some(title.to_string());
    }
    Some(cut)
}

/// The title without the site's declared name (`og:site_name`) when it
/// is the first or last part.
fn cut_site_name(title: &str, found: &Found) -> Option<String> {
    let site = found.meta.get("og:site_name")?;
    TITLE_SEPARATORS.iter().find_map(|sep| {
        let rest = title
            .strip_suffix(site.as_str())
            .and_then(|t| t.strip_suffix(sep))
            .or_else(|| title.strip_prefix(site.as_str())?.strip_prefix(sep))?;
        (!rest.trim().is_empty()).then(|| rest.trim().to_string())
    })
}

/// Separators between a title's parts, with a space on each side.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » "];

/// Separators of a path-like title ("Site » Section » Headline").
const HIERARCHICAL: &[&str] = &[" \\ ", " / ", " > ", " » "];

/// "A | B | C" as "A | B"; when that leaves under three words, "B | C".
fn cut_last_part(title: &str) -> Option<String> {
    let positions = TITLE_SEPARATORS
        .iter()
        .flat_map(|s| title.match_indices(s).map(|(i, m)| (i, i + m.len())));
    let (first, last) =
        positions.fold(None, |acc: Option<((usize, usize), (usize, usize))>, p| {
            Some(acc.map_or((p, p), |(f, l)| (f.min(p), l.max(p))))
        })?;
    let before_last = &title[..last.0];
    if word_count(before_last) >= 3 {
        Some(before_last.to_string())
    } else {
        Some(title[first.1..].to_string())
    }
}

/// "Site: Headline" as "Headline", unless a heading of the page is the
/// whole title, or the part before the colon is too long to be a name.
fn cut_colon(title: &str, found: &Found) -> String {
    if found.headings.iter().any(|h| h == title.trim()) {
        return title.to_string();
    }
    let after_last = &title[title.rfind(':').map_or(0, |i| i + 1)..];
    let first = title.find(':').unwrap_or(0);
    if word_count(after_last) < 3 {
        title[first + 1..].to_string()
    } else if word_count(&title[..first]) > 5 {
        title.to_string()
    } else {
        after_last.to_string()
    }
}

/// Words, where a run of Chinese or Japanese characters (written without
/// spaces) counts one word per two characters.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .map(|w| {
            let cjk = w.chars().filter(|&c| is_unspaced_script(c)).count();
            (cjk / 2).max(1)
        })
        .sum()
}

/// Han, kana: scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// The headline the page shows: a clean source (JSON-LD, OpenGraph, an `<h1>`) that the
/// `<title>` contains wins, since it is the title without the site name;
/// else the `<title>` with the site's part cut off. A `<title>` that is
/// only the site's declared name holds no headline: the first clean source
/// that is not that name wins.
pub(super) fn headline(found: &Found) -> Option<String> {
    let title = found.title.clone().filter(|t| !t.is_empty());
    let clean = [
        found.ld.headline.clone(),
        found.meta.get("og:title").cloned(),
        found.meta.get("twitter:title").cloned(),
    ];
    let h1 = found.h1s.iter().filter(|h| !h.is_empty());
    let candidates: Vec<String> = clean.into_iter().flatten().chain(h1.cloned()).collect();
    if let Some(t) = title.as_deref().filter(|t| is_site_part(t, found)) {
        let own = candidates.iter().find(|c| {
            c.trim().chars().count() >= 3 && c.trim() != t.trim() && !t.contains(c.trim())
        });
        if let Some(own) = own {
            return Some(own.trim().to_string());
        }
    }
    match title {
        Some(t) => candidates
            .iter()
            .find(|c| {
                c.chars().count() >= 3
                    && t.contains(c.as_str())
                    && **c != t
                    && !is_site_part(c, found)
            })
            .cloned()
            .or_else(|| Some(strip_site_name(&t, found))),
        None => candidates.into_iter().next(),
    }
}

/// Separators sites put between the headline and their name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " / ", " « ", " » ", " :",
];

/// Whether `candidate` is the name the site declares for itself
/// (`og:site_name`), which its `<title>` also holds.
fn is_site_part(candidate: &str, found: &Found) -> bool {
    found.meta.get("og:site_name").map(|s| s.trim()) == Some(candidate.trim())
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
