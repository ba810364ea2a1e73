//! MHTML (RFC 2557, "Save as single file" in Chrome and Edge, `.mht` from
//! Internet Explorer and Word): a MIME `multipart/related` message whose
//! root part is the page and whose other parts are its images, styles and
//! frames, each named by `Content-Location` and/or `Content-ID`.

use super::mime::{self, ContentType, Headers};
use crate::Error;

/// How deep `multipart/*` parts inside parts are opened.
const MAX_NESTING: usize = 8;

/// A parsed MHTML file: the root page and every other part.
#[derive(Debug, Clone)]
pub(crate) struct Mhtml {
    /// The root HTML part's bytes, transfer encoding undone.
    pub(crate) html: Vec<u8>,
    /// The root part's declared `charset`, if any.
    pub(crate) charset: Option<String>,
    /// The page's address: the `Snapshot-Content-Location` header Chrome
    /// writes, else the root part's `Content-Location`.
    pub(crate) url: Option<String>,
    /// The other parts.
    pub(crate) resources: Vec<Resource>,
}

/// One saved resource of the page.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    /// `type/subtype`, lower-cased.
    pub(crate) media_type: String,
    /// The `Content-Location` header: the resource's original address.
    pub(crate) location: Option<String>,
    /// The `Content-ID` without its angle brackets, for `cid:` references.
    pub(crate) content_id: Option<String>,
    /// The decoded bytes.
    pub(crate) body: Vec<u8>,
}

/// A part before its role (root or resource) is known.
struct Part {
    headers: Headers,
    content_type: ContentType,
    body: Vec<u8>,
}

/// Parses an MHTML file. Fails when it is not a multipart message or holds
/// no HTML part.
pub(crate) fn parse(bytes: &[u8]) -> Result<Mhtml, Error> {
    let (head, body) = mime::split_head(bytes);
    let headers = mime::parse_headers(head);
    let content_type = ContentType::parse(headers.get("content-type").unwrap_or(""));
    if !content_type.essence.starts_with("multipart/") {
        return Err(malformed("not a multipart message"));
    }
    let start = content_type
        .param("start")
        .map(|s| strip_angles(s).to_string());
    let mut parts = flatten(content_type, body);
    let root = root_index(&parts, start.as_deref()).ok_or_else(|| malformed("no HTML part"))?;
    let root = parts.remove(root);
    let url = headers
        .get("snapshot-content-location")
        .or(root.headers.get("content-location"))
        .map(str::to_string);
    Ok(Mhtml {
        charset: root.content_type.param("charset").map(str::to_string),
        html: root.body,
        url,
        resources: parts.into_iter().map(resource).collect(),
    })
}

fn malformed(message: &str) -> Error {
    Error::Format {
        format: "MHTML",
        message: message.to_string(),
    }
}

/// The leaf parts of a multipart body, nested multiparts opened in place
/// (with an explicit stack, up to [`MAX_NESTING`] levels).
fn flatten(content_type: ContentType, body: &[u8]) -> Vec<Part> {
    let mut leaves = Vec::new();
    let mut stack = vec![(content_type, body.to_vec(), 0)];
    while let Some((ct, body, depth)) = stack.pop() {
        let Some(boundary) = ct.param("boundary") else {
            continue;
        };
        let mut nested = Vec::new();
        for raw in split_multipart(&body, boundary) {
            let (head, content) = mime::split_head(raw);
            let headers = mime::parse_headers(head);
            let content_type = ContentType::parse(headers.get("content-type").unwrap_or(""));
            let encoding = headers.get("content-transfer-encoding");
            let body = mime::decode_transfer(encoding, content);
            if content_type.essence.starts_with("multipart/") && depth < MAX_NESTING {
                nested.push((content_type, body, depth + 1));
            } else {
                leaves.push(Part {
                    headers,
                    content_type,
                    body,
                });
            }
        }
        stack.extend(nested.into_iter().rev());
    }
    leaves
}

/// The bodies between `--boundary` delimiter lines (RFC 2046, 5.1.1): the
/// preamble before the first delimiter and the epilogue after the closing
/// `--boundary--` are not parts; the line break before a delimiter belongs
/// to the delimiter.
fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut starts = Vec::new();
    let mut line_start = 0;
    while line_start < body.len() {
        let line_end = body[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |p| line_start + p + 1);
        if body[line_start..line_end].starts_with(delimiter) {
            starts.push((line_start, line_end));
            if body[line_start + delimiter.len()..].starts_with(b"--") {
                break;
            }
        }
        line_start = line_end;
    }
    starts
        .windows(2)
        .map(|w| {
            let (content_start, next) = (w[0].1, w[1].0);
            let content = &body[content_start..next.max(content_start)];
            let content = content.strip_suffix(b"\n").unwrap_or(content);
            content.strip_suffix(b"\r").unwrap_or(content)
        })
        .collect()
}

/// The root part: the one `start` names, else the first HTML part.
fn root_index(parts: &[Part], start: Option<&str>) -> Option<usize> {
    let by_start = start.and_then(|id| {
        parts
            .iter()
            .position(|p| p.headers.get("content-id").map(strip_angles) == Some(id))
    });
    by_start.or_else(|| parts.iter().position(|p| p.content_type.is_html()))
}

fn resource(part: Part) -> Resource {
    Resource {
        media_type: part.content_type.essence,
        location: part.headers.get("content-location").map(str::to_string),
        content_id: part
            .headers
            .get("content-id")
            .map(|id| strip_angles(id).to_string()),
        body: part.body,
    }
}

fn strip_angles(id: &str) -> &str {
    let id = id.trim();
    id.strip_prefix('<')
        .and_then(|i| i.strip_suffix('>'))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::parse;

    const CHROME: &str = "From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://news.example/story\r\n\
Subject: Tide tables\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--abc----\"\r\n\
\r\n\
\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: text/html\r\n\
Content-ID: <frame-1@mhtml.blink>\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://news.example/story\r\n\
\r\n\
<html><head><meta http-equiv=3D\"Content-Type\" content=3D\"text/html; charset=\r\n\
=3DUTF-8\"></head><body><p>caf=C3=A9</p><img src=3D\"cid:img-1@mhtml.blink\"></body></html>\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: image/png\r\n\
Content-Transfer-Encoding: base64\r\n\
Content-Location: https://news.example/a.png\r\n\
Content-ID: <img-1@mhtml.blink>\r\n\
\r\n\
iVBORw0KGgo=\r\n\
------MultipartBoundary--abc------\r\n";

    #[test]
    fn chrome_mhtml_gives_the_root_page_and_its_parts() {
        let m = parse(CHROME.as_bytes()).unwrap();
        let html = String::from_utf8(m.html).unwrap();
        assert!(
            html.contains("content=\"text/html; charset=UTF-8\""),
            "{html}"
        );
        assert!(html.contains("<p>café</p>"), "{html}");
        assert!(html.ends_with("</html>"), "{html:?}");
        assert_eq!(m.url.as_deref(), Some("https://news.example/story"));
        assert_eq!(m.resources.len(), 1);
        let img = &m.resources[0];
        assert_eq!(img.media_type, "image/png");
        assert_eq!(img.content_id.as_deref(), Some("img-1@mhtml.blink"));
        assert_eq!(img.body, b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn start_parameter_names_the_root_and_nested_parts_are_opened() {
        let msg = "Content-Type: multipart/related; boundary=outer; start=\"<r>\"\n\n\
--outer\nContent-Type: text/html\nContent-ID: <other>\n\n<p>not the root</p>\n\
--outer\nContent-Type: multipart/alternative; boundary=inner\n\n\
--inner\nContent-Type: text/html; charset=euc-kr\nContent-ID: <r>\n\n<p>root</p>\n\
--inner--\n--outer--\n";
        let m = parse(msg.as_bytes()).unwrap();
        assert_eq!(m.html, b"<p>root</p>");
        assert_eq!(m.charset.as_deref(), Some("euc-kr"));
        assert_eq!(m.resources.len(), 1);
    }

    #[test]
    fn a_message_without_html_is_an_error() {
        let msg = "Content-Type: multipart/related; boundary=b\n\n--b\nContent-Type: image/png\n\nx\n--b--\n";
        let err = parse(msg.as_bytes()).unwrap_err().to_string();
        assert_eq!(err, "MHTML: no HTML part");
        assert!(parse(b"Content-Type: text/html\n\n<p>").is_err());
    }
}
