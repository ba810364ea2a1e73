//! The pieces of RFC 5322/2045 messages that MHTML parts and WARC records
//! share: header blocks (with folded lines), `Content-Type` parameters, and
//! the base64 and quoted-printable transfer encodings.

use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};

/// A header block: names lower-cased, values unfolded and trimmed, in order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Headers(Vec<(String, String)>);

impl Headers {
    /// The first value of header `name` (lower-case).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Splits a message at its first empty line: the header block and the
/// body. A message that starts with an empty line has no headers; one with
/// no empty line at all is only headers.
pub(crate) fn split_head(bytes: &[u8]) -> (&[u8], &[u8]) {
    for prefix in [&b"\r\n"[..], b"\n"] {
        if let Some(body) = bytes.strip_prefix(prefix) {
            return (&[], body);
        }
    }
    let mut i = 0;
    while let Some(nl) = bytes[i..].iter().position(|&b| b == b'\n') {
        let next = i + nl + 1;
        let rest = &bytes[next..];
        if rest.starts_with(b"\r\n") {
            return (&bytes[..next], &rest[2..]);
        }
        if rest.starts_with(b"\n") {
            return (&bytes[..next], &rest[1..]);
        }
        i = next;
    }
    (bytes, &[])
}

/// Parses a header block. Continuation lines (starting with a space or a
/// tab) are joined to the header above them; lines without a colon are
/// ignored. Bytes are read as UTF-8, invalid sequences replaced.
pub(crate) fn parse_headers(head: &[u8]) -> Headers {
    let text = String::from_utf8_lossy(head);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            headers.push((name, value.trim().to_string()));
        }
    }
    Headers(headers)
}

/// True when `head` is a header block: every line is `Name: value` with a
/// token name, or a continuation line.
pub(crate) fn looks_like_headers(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines().peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            line.starts_with([' ', '\t'])
                || line.split_once(':').is_some_and(|(name, _)| {
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic())
                })
        })
}

/// A parsed `Content-Type` value: `type/subtype; name=value; ...`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ContentType {
    /// `type/subtype`, lower-cased.
    pub(crate) essence: String,
    params: Vec<(String, String)>,
}

impl ContentType {
    pub(crate) fn parse(value: &str) -> ContentType {
        let mut parts = split_params(value).into_iter();
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let params = parts
            .filter_map(|p| {
                let (name, value) = p.split_once('=')?;
                let value = unquote(value.trim());
                Some((name.trim().to_ascii_lowercase(), value))
            })
            .collect();
        ContentType { essence, params }
    }

    /// The value of parameter `name` (lower-case), unquoted.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// `text/html` or `application/xhtml+xml`.
    pub(crate) fn is_html(&self) -> bool {
        matches!(self.essence.as_str(), "text/html" | "application/xhtml+xml")
    }
}

/// Splits at semicolons that are not inside a quoted string.
fn split_params(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut quoted, mut escaped) = (false, false);
    for c in value.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("never empty").push(c);
    }
    parts
}

/// A quoted-string without its quotes and backslash escapes.
fn unquote(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"') else {
        return value.to_string();
    };
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' {
            chars.next().unwrap_or(c)
        } else {
            c
        });
    }
    out
}

/// Decodes a body as its `Content-Transfer-Encoding` says; unknown
/// encodings (`7bit`, `8bit`, `binary`, anything else) are the bytes as is.
pub(crate) fn decode_transfer(encoding: Option<&str>, body: &[u8]) -> Vec<u8> {
    match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        Some("base64") => base64_lenient(body).unwrap_or_default(),
        Some("quoted-printable") => quoted_printable(body),
        _ => body.to_vec(),
    }
}

/// Base64 as mail and `data:` URIs write it: line breaks and other
/// whitespace ignored, padding optional. `None` when it is not base64.
pub(crate) fn base64_lenient(input: &[u8]) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let clean: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    LENIENT
        .decode(&clean)
        .or_else(|_| general_purpose::URL_SAFE_NO_PAD.decode(clean.trim_ascii_end()))
        .ok()
}

/// Quoted-printable (RFC 2045, 6.7): `=XX` is a byte, `=` at the end of a
/// line joins it to the next. A malformed `=` is kept as it is, as the RFC
/// advises robust decoders to do.
pub(crate) fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        i += 1;
        if b != b'=' {
            out.push(b);
            continue;
        }
        let rest = &input[i..];
        if let Some(skip) = soft_break(rest) {
            i += skip;
        } else if let (Some(hi), Some(lo)) = (hex(rest.first()), hex(rest.get(1))) {
            out.push(hi << 4 | lo);
            i += 2;
        } else {
            out.push(b'=');
        }
    }
    out
}

/// The length of a soft line break after `=`: optional trailing spaces or
/// tabs, then CRLF or LF.
fn soft_break(rest: &[u8]) -> Option<usize> {
    let spaces = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    match &rest[spaces..] {
        [b'\r', b'\n', ..] => Some(spaces + 2),
        [b'\n', ..] => Some(spaces + 1),
        _ => None,
    }
}

fn hex(b: Option<&u8>) -> Option<u8> {
    (*b? as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_headers_are_joined() {
        let head = b"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"--b; c\"\r\nX: 1\r\n";
        let h = parse_headers(head);
        let ct = ContentType::parse(h.get("content-type").unwrap());
        assert_eq!(ct.essence, "multipart/related");
        assert_eq!(ct.param("type"), Some("text/html"));
        assert_eq!(ct.param("boundary"), Some("--b; c"));
        assert_eq!(h.get("x"), Some("1"));
    }

    #[test]
    fn head_and_body_split_at_the_first_empty_line() {
        assert_eq!(
            split_head(b"A: 1\r\n\r\nbody"),
            (&b"A: 1\r\n"[..], &b"body"[..])
        );
        assert_eq!(split_head(b"A: 1\n\nbody"), (&b"A: 1\n"[..], &b"body"[..]));
        assert_eq!(split_head(b"\r\nbody"), (&b""[..], &b"body"[..]));
        assert_eq!(split_head(b"A: 1"), (&b"A: 1"[..], &b""[..]));
    }

    #[test]
    fn quoted_printable_decodes_bytes_and_soft_breaks() {
        let qp = b"caf=C3=A9 =3D ok=\r\nstill one line=  \nend =ZZ =";
        assert_eq!(
            String::from_utf8(quoted_printable(qp)).unwrap(),
            "café = okstill one lineend =ZZ ="
        );
    }

    #[test]
    fn base64_ignores_line_breaks_and_missing_padding() {
        assert_eq!(base64_lenient(b"aGVs\r\nbG8=").unwrap(), b"hello");
        assert_eq!(base64_lenient(b"aGVsbG8").unwrap(), b"hello");
        assert!(base64_lenient(b"!!").is_none());
    }

    #[test]
    fn header_blocks_are_recognised() {
        assert!(looks_like_headers(
            b"From: <Saved by Blink>\r\nSubject: a: b\r\n\tc\r\n"
        ));
        assert!(!looks_like_headers(b"<!doctype html>\n"));
        assert!(!looks_like_headers(b""));
    }
}
