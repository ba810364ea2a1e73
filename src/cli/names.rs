//! File names for the pages of a WARC archive, made from their target
//! URIs: readable (`www.example.com_news_tide-tables`), safe (one path
//! component: no separators, no `..`, no leading dot, no device names,
//! bounded length) and unique within the archive (`-2`, `-3`, ...,
//! compared without case, for case-insensitive file systems).

use std::collections::HashSet;
use url::Url;

/// Longest name in bytes, before the uniqueness suffix and extension:
/// well under the 255 bytes most file systems allow.
const MAX_BYTES: usize = 120;

/// Names already given out in one archive.
#[derive(Debug, Default)]
pub(crate) struct Names {
    used: HashSet<String>,
}

impl Names {
    /// A new unique name (without extension) for the page at `uri`.
    pub(crate) fn name_for(&mut self, uri: &str) -> String {
        let base = base_name(uri);
        let mut name = base.clone();
        let mut n = 1;
        while !self.used.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        name
    }
}

/// Host, path segments and query, joined by `_`, each made safe.
fn base_name(uri: &str) -> String {
    let parts: Vec<String> = match Url::parse(uri.trim()) {
        Ok(url) => {
            let mut parts = vec![url.host_str().unwrap_or("").to_string()];
            let segments: Vec<&str> = url.path_segments().map_or(vec![], |s| s.collect());
            let last = segments.len().saturating_sub(1);
            for (i, seg) in segments.iter().enumerate() {
                let seg = percent_decode(seg);
                parts.push(if i == last {
                    without_page_extension(&seg)
                } else {
                    seg
                });
            }
            parts.extend(url.query().map(percent_decode));
            parts
        }
        Err(_) => vec![uri.to_string()],
    };
    let joined: Vec<String> = parts
        .iter()
        .map(|p| safe(p))
        .filter(|p| !p.is_empty())
        .collect();
    let name = truncate(&joined.join("_"));
    if name.is_empty() {
        "page".to_string()
    } else if is_device_name(&name) {
        format!("_{name}")
    } else {
        name
    }
}

/// Letters and digits of any script, `-`, `_` and `.` are kept; anything
/// else becomes `-`; runs of `-` fold to one; dots and dashes are trimmed
/// from both ends (so no name starts with a dot or is `..`).
fn safe(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for c in part.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '-'
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_matches(['-', '.']).to_string()
}

fn without_page_extension(segment: &str) -> String {
    const EXTENSIONS: &[&str] = &[
        ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cgi",
    ];
    let lower = segment.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|e| lower.ends_with(*e))
        .map_or(segment.to_string(), |e| {
            segment[..segment.len() - e.len()].to_string()
        })
}

/// Cut to [`MAX_BYTES`] at a character boundary.
fn truncate(name: &str) -> String {
    let mut end = name.len().min(MAX_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].trim_end_matches(['-', '.', '_']).to_string()
}

/// Names Windows reserves for devices, with or without an extension.
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// `%XX` decoded when the result is UTF-8, else the segment as it is.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|&b| (b as char).to_digit(16));
        if let (b'%', Some(hi), Some(lo)) = (bytes[i], hex(i + 1), hex(i + 2)) {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

#[cfg(test)]
mod tests {
    use super::Names;

    fn name(uri: &str) -> String {
        Names::default().name_for(uri)
    }

    #[test]
    fn names_read_like_the_address() {
        assert_eq!(
            name("https://www.example.com/news/2024/tide-tables.html?page=2"),
            "www.example.com_news_2024_tide-tables_page-2"
        );
        assert_eq!(name("https://example.com/"), "example.com");
        assert_eq!(
            name("https://news.example.kr/%EA%B8%B0%EC%82%AC/1"),
            "news.example.kr_기사_1"
        );
    }

    #[test]
    fn names_cannot_escape_the_folder() {
        for uri in [
            "https://x.example/../../etc/passwd",
            "https://x.example/a/%2e%2e%2f%2e%2e%2fsecret",
            "file:///etc/passwd",
            "../../../x",
            "..",
            "",
            "https://x.example/..\\..\\win",
            "CON",
            "https://x.example/a%00b.html",
            "https://x.example/NUL",
            "https://x.example/com1.html",
            "https://x.example/LPT9",
            "https://x.example/aux.txt",
            "/etc/passwd",
            "C:\\Windows\\evil",
        ] {
            let n = name(uri);
            assert!(!n.is_empty() && !n.starts_with('.'), "{uri}: {n}");
            assert!(!n.contains(['/', '\\', '\0']), "{uri}: {n}");
            assert!(n.len() <= 120, "{uri}: {n}");
            assert!(!super::is_device_name(&n), "{uri}: {n}");
        }
        let long = format!("https://x.example/{}", "한".repeat(200));
        assert!(name(&long).len() <= 120);
    }

    #[test]
    fn names_never_collide_even_without_case() {
        let mut names = Names::default();
        let a = names.name_for("https://x.example/A");
        let b = names.name_for("https://x.example/a");
        let c = names.name_for("https://x.example/a?");
        let d = names.name_for("https://x.example/a.html");
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str(), d.as_str()),
            (
                "x.example_A",
                "x.example_a-2",
                "x.example_a-3",
                "x.example_a-4"
            )
        );
    }
}
