//! WARC (ISO 28500, WARC 1.0 and 1.1; `.warc` and `.warc.gz`): web
//! archives of captured HTTP exchanges. Each `response` record whose HTTP
//! status is 2xx and whose `Content-Type` is HTML is one page; every other
//! record (requests, metadata, images, redirects, revisits) is skipped.
//!
//! Records are read one at a time from a stream, so an archive of any size
//! needs memory for one page only; a body over the size limit is an error
//! for that record alone.

use super::gzip::read_limited;
use super::mime::{self, ContentType};
use crate::Error;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::{self, BufRead, BufReader, Read};

/// The longest WARC or HTTP header block read before a record is refused.
const MAX_HEAD: u64 = 1024 * 1024;

/// One HTML page captured in a WARC archive.
#[derive(Debug, Clone)]
pub struct Response {
    /// `WARC-Target-URI`: the page's address.
    pub target_uri: String,
    /// `WARC-Date`: when it was captured.
    pub date: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// The `charset` of the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// The HTTP body, with chunked transfer and gzip/deflate content
    /// encodings undone.
    pub body: Vec<u8>,
}

/// The HTML responses of a WARC archive, in archive order.
///
/// Each item is a page or the error that kept one record from being a
/// page (a body over the limit, an unknown compression); after an error
/// in the archive's structure itself, the iterator ends.
pub struct Responses<R> {
    reader: R,
    limit: usize,
    broken: bool,
}

/// Reads a WARC archive from `reader`, gzip-compressed or not (decided by
/// its first bytes). Bodies over `limit` bytes are refused.
pub fn responses<R: Read + Send + 'static>(
    reader: R,
    limit: usize,
) -> Result<Responses<Box<dyn BufRead + Send>>, Error> {
    let mut buffered = BufReader::new(reader);
    let start = buffered.fill_buf().map_err(|e| broken(&e.to_string()))?;
    let reader: Box<dyn BufRead + Send> = if start.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    Ok(Responses::new(reader, limit))
}

/// What one record turned out to be.
enum Record {
    Page(Response),
    Skipped,
    Refused(Error),
}

impl<R: BufRead> Responses<R> {
    /// Reads an uncompressed WARC stream.
    pub fn new(reader: R, limit: usize) -> Self {
        Responses {
            reader,
            limit,
            broken: false,
        }
    }

    fn next_record(&mut self) -> Result<Option<Record>, Error> {
        if !self.skip_blank_lines()? {
            return Ok(None);
        }
        let head = read_head(&mut self.reader, "WARC")?;
        if !head.starts_with(b"WARC/") {
            let line = String::from_utf8_lossy(head.split(|&b| b == b'\n').next().unwrap_or(&[]));
            return Err(broken(&format!(
                "expected a record starting with WARC/1.x, found {:?}",
                line.trim_end()
            )));
        }
        let headers = mime::parse_headers(&head);
        let length: u64 = headers
            .get("content-length")
            .and_then(|l| l.parse().ok())
            .ok_or_else(|| broken("a record without a valid Content-Length"))?;
        let mut block = (&mut self.reader).take(length);
        let record = read_block(&headers, &mut block, self.limit)?;
        io::copy(&mut block, &mut io::sink()).map_err(|e| broken(&e.to_string()))?;
        if block.limit() > 0 {
            return Err(broken("the archive ends inside a record"));
        }
        Ok(Some(record))
    }

    /// Skips the line breaks between records; false at the end.
    fn skip_blank_lines(&mut self) -> Result<bool, Error> {
        loop {
            let buf = self.reader.fill_buf().map_err(|e| broken(&e.to_string()))?;
            match buf.first() {
                None => return Ok(false),
                Some(b'\r' | b'\n') => self.reader.consume(1),
                Some(_) => return Ok(true),
            }
        }
    }
}

impl<R: BufRead> Iterator for Responses<R> {
    type Item = Result<Response, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.broken {
            match self.next_record() {
                Ok(None) => return None,
                Ok(Some(Record::Skipped)) => {}
                Ok(Some(Record::Page(page))) => return Some(Ok(page)),
                Ok(Some(Record::Refused(e))) => return Some(Err(e)),
                Err(e) => {
                    self.broken = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// Reads a record's block: a page, or why it is skipped or refused.
fn read_block(
    warc: &mime::Headers,
    block: &mut impl BufRead,
    limit: usize,
) -> Result<Record, Error> {
    let is_http_response = warc.get("warc-type") == Some("response")
        && warc
            .get("content-type")
            .is_some_and(|ct| ContentType::parse(ct).essence == "application/http");
    if !is_http_response {
        return Ok(Record::Skipped);
    }
    let target_uri = warc
        .get("warc-target-uri")
        .map(|u| u.trim_matches(['<', '>']).to_string())
        .unwrap_or_default();
    let Some((http, content_type)) = html_head(block) else {
        return Ok(Record::Skipped);
    };
    let refuse = |message: String| Ok(Record::Refused(record_error(&target_uri, message)));
    let body = match read_limited(&mut *block, limit, "WARC") {
        Ok(body) => body,
        Err(Error::TooLargeDecompressed { limit }) => {
            return refuse(format!(
                "body over the limit of {limit} bytes (raise it with --max-size)"
            ));
        }
        Err(e) => return Err(e),
    };
    let body = match decode_body(&http, body, limit) {
        Ok(body) => body,
        Err(e) => return refuse(e.to_string()),
    };
    Ok(Record::Page(Response {
        date: warc.get("warc-date").map(str::to_string),
        record_id: warc.get("warc-record-id").map(str::to_string),
        charset: content_type.param("charset").map(str::to_string),
        target_uri,
        body,
    }))
}

/// Reads the HTTP status line and headers: the headers and the content
/// type when the status is 2xx and the content is HTML.
fn html_head(block: &mut impl BufRead) -> Option<(mime::Headers, ContentType)> {
    let head = read_head(block, "WARC").ok()?;
    let status_line_end = head.iter().position(|&b| b == b'\n')?;
    let (status_line, header_block) = head.split_at(status_line_end);
    let status = status_line.split(|&b| b == b' ').nth(1)?;
    let http = mime::parse_headers(header_block);
    let content_type = ContentType::parse(http.get("content-type").unwrap_or(""));
    (status.first() == Some(&b'2') && content_type.is_html()).then_some((http, content_type))
}

/// Undoes chunked transfer coding and gzip/deflate content coding, as the
/// HTTP headers say. Archivers differ in whether they stored the bytes as
/// sent or already decoded, so a body that is not what its header claims
/// is taken as it is.
fn decode_body(http: &mime::Headers, body: Vec<u8>, limit: usize) -> Result<Vec<u8>, Error> {
    let chunked = http
        .get("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(&body).unwrap_or(body)
    } else {
        body
    };
    let coding = http
        .get("content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match coding.as_str() {
        "" | "identity" => Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            read_limited(MultiGzDecoder::new(&body[..]), limit, "gzip")
        }
        "deflate" => read_limited(ZlibDecoder::new(&body[..]), limit, "deflate")
            .or_else(|_| read_limited(DeflateDecoder::new(&body[..]), limit, "deflate")),
        "gzip" | "x-gzip" => Ok(body),
        other => Err(Error::Format {
            format: "WARC",
            message: format!("body compressed with '{other}', which declutter does not read"),
        }),
    }
}

/// The data of a chunked body (RFC 9112, 7.1), or `None` when the bytes
/// are not chunked after all.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or(rest.strip_prefix(b"\n"))?;
    }
}

/// Reads a header block up to and including its empty line.
fn read_head(reader: &mut impl BufRead, format: &'static str) -> Result<Vec<u8>, Error> {
    let mut head = Vec::new();
    let mut limited = reader.take(MAX_HEAD);
    loop {
        let before = head.len();
        limited
            .read_until(b'\n', &mut head)
            .map_err(|e| broken(&e.to_string()))?;
        let line = &head[before..];
        if line.is_empty() {
            return Err(Error::Format {
                format,
                message: "a header block that does not end".to_string(),
            });
        }
        if line == b"\r\n" || line == b"\n" {
            return Ok(head);
        }
    }
}

fn broken(message: &str) -> Error {
    Error::Format {
        format: "WARC",
        message: message.to_string(),
    }
}

fn record_error(uri: &str, message: String) -> Error {
    Error::Format {
        format: "WARC",
        message: format!("{uri}: {message}"),
    }
}

#[cfg(test)]
mod tests;
