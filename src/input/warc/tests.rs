use super::{Responses, responses};
use crate::Error;
use flate2::{Compression, write::GzEncoder};
use std::io::Write;

/// One WARC record around an HTTP response `http`.
pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
WARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    [
        format!("HTTP/1.1 {status}\r\n{headers}\r\n").as_bytes(),
        body,
    ]
    .concat()
}

fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let block = http("200 OK", headers, body);
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn read(bytes: Vec<u8>, limit: usize) -> Vec<Result<super::Response, Error>> {
    responses(std::io::Cursor::new(bytes), limit)
        .unwrap()
        .collect()
}

#[test]
fn html_responses_are_pages_and_other_records_are_skipped() {
    let warc = [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://a.example/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        response(
            "https://a.example/",
            "Content-Type: text/html; charset=euc-kr\r\n",
            b"<p>one</p>",
        ),
        response(
            "https://a.example/logo.png",
            "Content-Type: image/png\r\n",
            b"\x89PNG",
        ),
        record(
            "response",
            "<https://a.example/old>",
            "application/http;msgtype=response",
            &http(
                "301 Moved",
                "Content-Type: text/html\r\nLocation: /\r\n",
                b"<p>moved</p>",
            ),
        ),
        response(
            "<https://b.example/x?y=1>",
            "Content-Type: application/xhtml+xml\r\n",
            b"<p>two</p>",
        ),
    ]
    .concat();
    let pages: Vec<_> = read(warc, 1000).into_iter().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].target_uri, "https://a.example/");
    assert_eq!(pages[0].charset.as_deref(), Some("euc-kr"));
    assert_eq!(pages[0].body, b"<p>one</p>");
    assert_eq!(pages[0].date.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert_eq!(pages[1].target_uri, "https://b.example/x?y=1");
    assert_eq!(pages[1].body, b"<p>two</p>");
}

#[test]
fn gzip_archives_chunked_and_compressed_bodies_are_read() {
    let chunked = b"4\r\n<p>t\r\n6;ext=1\r\nhree</\r\n2\r\np>\r\n0\r\n\r\n";
    let compressed = gzip(b"<p>four</p>");
    let warc = [
        gzip(&response(
            "https://c.example/",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            chunked,
        )),
        gzip(&response(
            "https://c.example/4",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &compressed,
        )),
    ]
    .concat();
    let pages: Vec<_> = read(warc, 1000).into_iter().map(Result::unwrap).collect();
    assert_eq!(pages[0].body, b"<p>three</p>");
    assert_eq!(pages[1].body, b"<p>four</p>");
}

#[test]
fn a_record_over_the_limit_is_refused_and_the_next_one_still_read() {
    let warc = [
        response(
            "https://big.example/",
            "Content-Type: text/html\r\n",
            &[b'x'; 500],
        ),
        response(
            "https://small.example/",
            "Content-Type: text/html\r\n",
            b"<p>ok</p>",
        ),
        response(
            "https://br.example/",
            "Content-Type: text/html\r\nContent-Encoding: br\r\n",
            b"??",
        ),
    ]
    .concat();
    let items = read(warc, 100);
    let err = items[0].as_ref().unwrap_err().to_string();
    assert!(
        err.starts_with("WARC: https://big.example/: body over the limit of 100"),
        "{err}"
    );
    assert_eq!(items[1].as_ref().unwrap().body, b"<p>ok</p>");
    let err = items[2].as_ref().unwrap_err().to_string();
    assert!(err.contains("'br'"), "{err}");
    assert_eq!(items.len(), 3);
}

#[test]
fn a_damaged_archive_ends_with_one_error() {
    let mut warc = response(
        "https://a.example/",
        "Content-Type: text/html\r\n",
        b"<p>one</p>",
    );
    warc.extend_from_slice(b"garbage\r\n\r\n");
    let items = read(warc.clone(), 100);
    assert!(items[0].is_ok());
    assert!(
        items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("expected a record")
    );
    assert_eq!(items.len(), 2);
    let cut = warc[..40].to_vec();
    let items: Vec<_> = Responses::new(&cut[..], 100).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].is_err());
}
