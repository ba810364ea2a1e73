//! The top-level-domain hint for chardetng, taken from a URL.
//!
//! chardetng panics on a hint with capitals, dots or non-ASCII bytes, so
//! everything that reaches it goes through [`tld_hint`]: the last label of
//! the host, lower-cased, and only if it is a plain DNS label (an ASCII
//! letter, then letters, digits or hyphens, as in the Punycode `xn--p1ai`).
//! Anything else (IP addresses, Unicode TLDs, `file:` paths) gives `None`,
//! which chardetng treats like `.com`.

/// The TLD hint for a URL, or for a bare host such as `"example.co.kr"`
/// when `bare_host` is true. Page-supplied addresses must contain `//`,
/// so that a relative link like `"index.html"` is not read as a host.
pub(crate) fn tld_hint(url: &[u8], bare_host: bool) -> Option<Vec<u8>> {
    let url = url.trim_ascii();
    let rest = match find(url, b"//") {
        Some(at) => &url[at + 2..],
        None if bare_host => url,
        None => return None,
    };
    let host = host_of(rest);
    let host = host.strip_suffix(b".").unwrap_or(host);
    let label = host.rsplit(|&c| c == b'.').next()?;
    is_dns_label(label).then(|| label.to_ascii_lowercase())
}

/// The host at the start of `rest` (the URL after its `//`): before any
/// path, query or fragment, after any user info, without the port.
fn host_of(rest: &[u8]) -> &[u8] {
    let end = rest
        .iter()
        .position(|&c| matches!(c, b'/' | b'\\' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = match authority.iter().rposition(|&c| c == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    host_port.split(|&c| c == b':').next().unwrap_or_default()
}

/// Whether `label` is an ASCII letter followed by letters, digits or
/// hyphens, at most 63 bytes.
fn is_dns_label(label: &[u8]) -> bool {
    let Some((first, rest)) = label.split_first() else {
        return false;
    };
    label.len() <= 63
        && first.is_ascii_alphabetic()
        && rest.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::tld_hint;

    fn hint(url: &str, bare_host: bool) -> Option<String> {
        tld_hint(url.as_bytes(), bare_host).map(|t| String::from_utf8(t).unwrap())
    }

    #[test]
    fn takes_the_last_label_of_the_host_lower_cased() {
        assert_eq!(
            hint("https://News.Example.CO.KR/a/b?c#d", false).as_deref(),
            Some("kr")
        );
        assert_eq!(
            hint("http://user:pw@www.example.jp:8080/", false).as_deref(),
            Some("jp")
        );
        assert_eq!(hint("//example.ru./path", false).as_deref(), Some("ru"));
        assert_eq!(
            hint("http://xn--80ak6aa92e.xn--p1ai/", false).as_deref(),
            Some("xn--p1ai")
        );
    }

    #[test]
    fn bare_hosts_only_when_allowed() {
        assert_eq!(hint("KR", true).as_deref(), Some("kr"));
        assert_eq!(hint("co.kr", true).as_deref(), Some("kr"));
        assert_eq!(hint("example.tw/page.html", true).as_deref(), Some("tw"));
        assert_eq!(hint("co.kr", false), None);
        assert_eq!(hint("index.html", false), None);
    }

    #[test]
    fn rejects_what_chardetng_would_panic_on_or_misread() {
        for url in [
            "",
            "例え",
            "http://例え.テスト/",
            "http://пример.рф/",
            "http://192.168.0.1/",
            "http://[::1]:80/",
            "file:///C:/pages/a.html",
            "https://",
            "http://a.b%41/",
        ] {
            assert_eq!(hint(url, true), None, "{url:?}");
        }
    }
}
