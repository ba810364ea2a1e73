//! Which container a saved page comes in, decided by its first bytes, not
//! its file name: browsers and archivers are free with extensions.

use super::mime;

/// How far into a file the MHTML header block is looked for.
const HEAD_LIMIT: usize = 16 * 1024;

/// The kinds of saved page declutter reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML page (also SingleFile pages, whose images are `data:` URIs).
    Html,
    /// A MIME `multipart/related` message (MHTML, `.mhtml`/`.mht`).
    Mhtml,
    /// A WARC archive of many captured responses.
    Warc,
    /// gzip-compressed data (`.html.gz`, `.warc.gz`): unpack, then sniff
    /// again.
    Gzip,
}

/// The format of `bytes`, from the gzip magic number, the `WARC/` version
/// line, or a MIME header block whose `Content-Type` is `multipart/*`;
/// anything else is HTML.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Format::Gzip
    } else if bytes.starts_with(b"WARC/") {
        Format::Warc
    } else if is_mime_message(bytes) {
        Format::Mhtml
    } else {
        Format::Html
    }
}

fn is_mime_message(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(HEAD_LIMIT)];
    let (head, body) = mime::split_head(start);
    if body.is_empty() && start.len() == HEAD_LIMIT {
        return false;
    }
    mime::looks_like_headers(head)
        && mime::parse_headers(head)
            .get("content-type")
            .is_some_and(|ct| {
                mime::ContentType::parse(ct)
                    .essence
                    .starts_with("multipart/")
            })
}

#[cfg(test)]
mod tests {
    use super::{Format, sniff};

    #[test]
    fn formats_are_told_apart_by_content() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Format::Gzip);
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
        let mhtml = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"x\"\r\n\r\n--x\r\n";
        assert_eq!(sniff(mhtml), Format::Mhtml);
        assert_eq!(
            sniff(b"<!doctype html><p>Content-Type: multipart/related</p>"),
            Format::Html
        );
        assert_eq!(
            sniff(b"Title: x\n\n<p>not a MIME message</p>"),
            Format::Html
        );
        assert_eq!(sniff(b""), Format::Html);
    }
}
