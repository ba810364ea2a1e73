//! Bytes to text: find the page's encoding and decode it.
//!
//! Nothing here assumes UTF-8. The evidence is weighed in this order, the
//! first that applies deciding:
//!
//! 1. A byte order mark (UTF-8, UTF-16LE, UTF-16BE): [`EncodingSource::Bom`].
//! 2. Bytes that are valid UTF-8 and hold at least one non-ASCII byte are
//!    UTF-8, whatever the page declares, because browsers re-encode pages to
//!    UTF-8 when saving them but keep the old `<meta charset>`:
//!    [`EncodingSource::Utf8`].
//! 3. A `<meta charset>` or `http-equiv` declaration found by a prescan of
//!    the head, which reads up to 256 KiB or to the first `<body` tag past
//!    the first 1024 bytes (see `prescan`): [`EncodingSource::Declared`].
//! 4. chardetng, hinted with the top-level domain of `url_hint` or, failing
//!    that, of the page's own address (the "saved from url" comment, the
//!    canonical link, `og:url` or `<base href>`): [`EncodingSource::Detected`].
//!    It reads at most 1 MiB past the first non-ASCII byte.
//! 5. A pure-ASCII page with no declaration is reported as UTF-8 (the text is
//!    the same in every ASCII-compatible encoding): [`EncodingSource::Fallback`].
//!    Only when it holds ESC bytes is chardetng asked whether it is
//!    ISO-2022-JP, a 7-bit encoding.
//!
//! chardetng always names an encoding, and for non-ASCII bytes with little
//! evidence that is windows-1252 (the browsers' fallback), reported as
//! `Detected`. Malformed sequences become U+FFFD; no input panics.

pub mod gzip;
pub(crate) mod mhtml;
pub(crate) mod mime;
mod prescan;
mod sniff;
mod tld;
pub mod warc;

pub use sniff::{Format, sniff};

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_2022_JP, UTF_8};

/// How many bytes after the first non-ASCII byte chardetng reads: enough
/// evidence for any page, and a bound on the cost for very large ones.
const DETECT_LIMIT: usize = 1024 * 1024;

/// How the encoding of a page was decided, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark at the start of the page.
    Bom,
    /// The bytes are valid UTF-8 and hold non-ASCII text.
    Utf8,
    /// A charset given from outside the page: an HTTP header (WARC) or a
    /// MIME part's `Content-Type` (MHTML).
    Transport,
    /// A `<meta charset>` or `http-equiv` declaration in the page.
    Declared,
    /// Statistical detection (chardetng).
    Detected,
    /// Nothing decided: the page is pure ASCII and declares nothing, so it is
    /// reported as UTF-8 (its text is the same in any ASCII-compatible
    /// encoding).
    Fallback,
}

/// A page decoded to text.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The page as text; undecodable bytes became U+FFFD.
    pub text: String,
    /// The WHATWG name of the encoding used, e.g. `"EUC-KR"`.
    pub encoding: &'static str,
    /// Why that encoding was chosen.
    pub source: EncodingSource,
}

/// Decodes a page. `url_hint` is the page's address when known; its
/// top-level domain helps the detector when the page declares nothing.
pub fn decode(bytes: &[u8], url_hint: Option<&str>) -> Decoded {
    decode_with_charset(bytes, url_hint, None)
}

/// Decodes a page that came with a `charset` from outside it (an HTTP
/// header in a WARC record, a MIME part's `Content-Type` in MHTML): that
/// label, when the WHATWG Encoding Standard knows it, is weighed after a
/// BOM and valid UTF-8 and before the page's own declaration
/// ([`EncodingSource::Transport`]).
pub fn decode_with_charset(bytes: &[u8], url_hint: Option<&str>, charset: Option<&str>) -> Decoded {
    let (text, encoding, source) = decode_cow(Cow::Borrowed(bytes), url_hint, charset);
    Decoded {
        text: text.into_owned(),
        encoding,
        source,
    }
}

/// [`decode_with_charset`] without a copy when the bytes already are the
/// text (UTF-8, or ASCII in an ASCII-compatible encoding): the text then
/// borrows them, or takes them over when they are owned. Returns the text,
/// the encoding's name and why it was chosen.
pub(crate) fn decode_cow<'a>(
    bytes: Cow<'a, [u8]>,
    url_hint: Option<&str>,
    charset: Option<&str>,
) -> (Cow<'a, str>, &'static str, EncodingSource) {
    let (enc, bom_len, source) = choose(&bytes, url_hint, charset);
    let text = match bytes {
        // Borrowed input is decoded in place: text that was valid as it
        // stood comes back borrowed, checked once, by the decoder.
        Cow::Borrowed(b) => enc.decode_without_bom_handling(&b[bom_len..]).0,
        Cow::Owned(v) => Cow::Owned(decode_owned(enc, v, bom_len)),
    };
    (text, enc.name(), source)
}

/// Owned bytes as text: the decoder's copy when it had to change them,
/// else the bytes themselves, without their BOM. `String::from_utf8`
/// checks them again (the decoder's check is not passed on): its lossy
/// fallback cannot be reached.
fn decode_owned(enc: &'static Encoding, mut bytes: Vec<u8>, bom_len: usize) -> String {
    if let Cow::Owned(text) = enc.decode_without_bom_handling(&bytes[bom_len..]).0 {
        return text;
    }
    bytes.drain(..bom_len);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The page's encoding, the length of its BOM, and why that encoding.
fn choose(
    bytes: &[u8],
    url_hint: Option<&str>,
    charset: Option<&str>,
) -> (&'static Encoding, usize, EncodingSource) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (enc, bom_len, EncodingSource::Bom);
    }
    let ascii = bytes.is_ascii();
    if !ascii && std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, 0, EncodingSource::Utf8);
    }
    // Labels map as for <meta>: UTF-16 without a BOM means UTF-8.
    if let Some(enc) = charset.and_then(|c| prescan::encoding_for(c.trim().as_bytes())) {
        return (enc, 0, EncodingSource::Transport);
    }
    let scan = prescan::prescan(bytes);
    if let Some(enc) = scan.declared {
        return (enc, 0, EncodingSource::Declared);
    }
    let hint = tld_for(url_hint, scan.url);
    match detect(bytes, ascii, hint.as_deref()) {
        Some(enc) => (enc, 0, EncodingSource::Detected),
        None => (UTF_8, 0, EncodingSource::Fallback),
    }
}

/// The detector's TLD hint: from `url_hint` (which may be a bare host), else
/// from the address the page gives for itself.
fn tld_for(url_hint: Option<&str>, page_url: Option<&[u8]>) -> Option<Vec<u8>> {
    url_hint
        .and_then(|url| tld::tld_hint(url.as_bytes(), true))
        .or_else(|| page_url.and_then(|url| tld::tld_hint(url, false)))
}

/// chardetng's guess, or `None` for a pure-ASCII page that is not ISO-2022-JP.
fn detect(bytes: &[u8], ascii: bool, tld: Option<&[u8]>) -> Option<&'static Encoding> {
    if ascii && !bytes.contains(&0x1B) {
        return None;
    }
    let end = Encoding::ascii_valid_up_to(bytes).saturating_add(DETECT_LIMIT);
    let sample = &bytes[..bytes.len().min(end)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(sample, sample.len() == bytes.len());
    let enc = detector.guess(tld, Utf8Detection::Allow);
    (!ascii || enc == ISO_2022_JP).then_some(enc)
}

#[cfg(test)]
mod tests {
    use super::{EncodingSource, decode};
    use encoding_rs::{EUC_KR, SHIFT_JIS, UTF_16BE, UTF_16LE};

    const KOREAN: &str = "대한민국의 수도는 서울이며, 한국어는 세종대왕이 만든 한글로 씁니다. \
        오늘은 날씨가 맑고 따뜻해서 많은 사람들이 공원에서 산책을 즐기고 있습니다.";
    const JAPANESE: &str = "日本の首都は東京です。今日は天気が良いので、公園を散歩している\
        人がたくさんいます。私は毎朝コーヒーを飲みながら新聞を読むのが好きです。";

    /// `head` + text encoded with `enc` + `tail`, as one page.
    fn page(head: &str, enc: &'static encoding_rs::Encoding, text: &str, tail: &str) -> Vec<u8> {
        let (encoded, _, unmappable) = enc.encode(text);
        assert!(!unmappable);
        [head.as_bytes(), &encoded, tail.as_bytes()].concat()
    }

    fn euc_kr_page(head: &str) -> Vec<u8> {
        page(head, EUC_KR, KOREAN, "</p></body></html>")
    }

    #[test]
    fn declared_euc_kr_decodes_hangul() {
        let bytes = euc_kr_page(r#"<html><head><meta charset="euc-kr"></head><body><p>"#);
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
        assert!(d.text.contains(KOREAN), "{}", d.text);
    }

    #[test]
    fn utf8_bytes_beat_a_lying_declaration() {
        let html = format!("<meta charset=euc-kr><p>{KOREAN}</p>");
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), ("UTF-8", EncodingSource::Utf8));
        assert_eq!(d.text, html);
    }

    #[test]
    fn meta_after_1024_bytes_of_head_is_found() {
        let filler =
            "<script src=\"https://web.archive.org/_static/js/x.js\"></script>\n".repeat(40);
        let head = format!("<html><head>{filler}<meta charset=\"euc-kr\"></head><body><p>");
        assert!(head.find("<meta").unwrap() > 2048);
        let d = decode(&euc_kr_page(&head), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
        assert!(d.text.contains(KOREAN));
    }

    #[test]
    fn charset_on_script_link_and_other_tags_is_ignored() {
        let head = r#"<head><script charset="shift_jis" src="a.js"></script>
            <link rel=stylesheet charset=big5 href=a.css><a charset=gbk title='<meta charset=koi8-r>'>
            <meta charset="euc-kr"><body><p>"#;
        let d = decode(&euc_kr_page(head), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
    }

    #[test]
    fn meta_in_comments_and_scripts_is_ignored() {
        let head = r#"<head><!-- <meta charset="shift_jis"> --><!-- a -- b --
<meta charset=big5>-->
            <script>document.write('<meta charset="gbk">')</script><style>/*<meta charset=koi8-r>*/</style>
            <META CHARSET='EUC-KR'><body><p>"#;
        let d = decode(&euc_kr_page(head), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
    }

    #[test]
    fn http_equiv_content_type_declares() {
        let head = r#"<HEAD><Meta Content="text/html; Charset=EUC-KR" HTTP-EQUIV="Content-Type"><body><p>"#;
        let d = decode(&euc_kr_page(head), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
        assert!(d.text.contains(KOREAN));
    }

    #[test]
    fn content_without_http_equiv_does_not_declare() {
        let head = r#"<meta name="description" content="text/html; charset=shift_jis"><p>"#;
        let d = decode(&euc_kr_page(head), Some("https://www.example.co.kr/"));
        assert_eq!(d.source, EncodingSource::Detected);
        assert_eq!(d.encoding, "EUC-KR");
    }

    #[test]
    fn unknown_and_replacement_labels_are_skipped() {
        let head = "<meta charset=no-such-thing><meta charset=iso-2022-kr><meta charset=euc-kr><p>";
        let d = decode(&euc_kr_page(head), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Declared));
    }

    #[test]
    fn declared_utf16_means_utf8_and_x_user_defined_means_windows_1252() {
        let d = decode(b"<meta charset=utf-16le><p>caf\xc3\xa9 \xff</p>", None);
        assert_eq!((d.encoding, d.source), ("UTF-8", EncodingSource::Declared));
        assert_eq!(d.text, "<meta charset=utf-16le><p>café \u{FFFD}</p>");
        let d = decode(b"<meta charset=x-user-defined><p>caf\xe9</p>", None);
        assert_eq!(
            (d.encoding, d.source),
            ("windows-1252", EncodingSource::Declared)
        );
        assert!(d.text.contains("café"));
    }

    #[test]
    fn utf16_with_bom() {
        let text = "<p>한국어 and 日本語</p>";
        for (enc, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let units: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if enc == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            let d = decode(&[&bom[..], &units].concat(), None);
            assert_eq!((d.encoding, d.source), (enc.name(), EncodingSource::Bom));
            assert_eq!(d.text, text);
        }
    }

    #[test]
    fn utf8_bom_wins_over_a_declaration() {
        let d = decode(b"\xEF\xBB\xBF<meta charset=euc-kr><p>hi</p>", None);
        assert_eq!((d.encoding, d.source), ("UTF-8", EncodingSource::Bom));
        assert_eq!(d.text, "<meta charset=euc-kr><p>hi</p>");
    }

    #[test]
    fn undeclared_shift_jis_is_detected() {
        let bytes = page(
            "<html><head><title>t</title></head><body><p>",
            SHIFT_JIS,
            JAPANESE,
            "</p>",
        );
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source),
            ("Shift_JIS", EncodingSource::Detected)
        );
        assert!(d.text.contains(JAPANESE));
    }

    #[test]
    fn undeclared_euc_kr_is_detected() {
        let d = decode(&euc_kr_page("<html><body><p>"), None);
        assert_eq!((d.encoding, d.source), ("EUC-KR", EncodingSource::Detected));
        assert!(d.text.contains(KOREAN));
    }

    #[test]
    fn odd_tld_hints_do_not_panic() {
        let bytes = euc_kr_page("<p>");
        for hint in [
            "KR",
            "co.kr",
            "例え",
            "",
            ".",
            "http://例え.テスト/",
            "http://[::1]/",
            "a..B",
        ] {
            let d = decode(&bytes, Some(hint));
            assert_eq!(d.source, EncodingSource::Detected, "{hint:?}");
        }
    }

    #[test]
    fn tld_hint_steers_an_ambiguous_guess() {
        // Too short to tell Cyrillic from Latin: the TLD decides.
        let bytes = b"<p>\xc4\xe0 \xed\xe5\xf2</p>";
        let ru = decode(bytes, Some("https://example.RU/x"));
        assert_eq!(ru.encoding, "windows-1251");
        let saved = [
            &b"<!-- saved from url=(0020)http://example.ru/ -->\n"[..],
            bytes,
        ]
        .concat();
        assert_eq!(decode(&saved, None).encoding, "windows-1251");
        let com = decode(bytes, Some("https://example.com/"));
        assert_ne!(com.encoding, "windows-1251");
    }

    #[test]
    fn empty_input() {
        let d = decode(b"", None);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.source),
            ("", "UTF-8", EncodingSource::Fallback)
        );
    }

    #[test]
    fn pure_ascii_is_utf8_unless_declared() {
        let html = "<html><body><p>Hello, world.</p></body></html>";
        let d = decode(html.as_bytes(), Some("https://example.jp/"));
        assert_eq!(
            (d.text.as_str(), d.encoding, d.source),
            (html, "UTF-8", EncodingSource::Fallback)
        );
        let d = decode(b"<meta charset=shift_jis><p>Hello</p>", None);
        assert_eq!(
            (d.encoding, d.source),
            ("Shift_JIS", EncodingSource::Declared)
        );
    }

    #[test]
    fn seven_bit_iso_2022_jp_is_detected() {
        let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode(JAPANESE);
        let d = decode(&[&b"<p>"[..], &bytes].concat(), None);
        assert_eq!(
            (d.encoding, d.source),
            ("ISO-2022-JP", EncodingSource::Detected)
        );
        assert!(d.text.contains(JAPANESE));
    }

    #[test]
    fn undeclared_latin1_is_windows_1252() {
        let d = decode(b"<p>caf\xe9</p>", None);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "<p>café</p>");
    }

    #[test]
    fn every_prefix_of_a_page_decodes() {
        let head = r#"<!-- saved from url=(0022)http://example.kr/ --><head><meta http-equiv='content-type' content="text/html;charset=euc-kr"><script charset=x>"#;
        let bytes = euc_kr_page(head);
        for end in 0..=bytes.len() {
            let d = decode(&bytes[..end], None);
            assert!(d.text.len() >= end / 2);
        }
    }

    #[test]
    fn garbage_bytes_do_not_panic() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for len in [1, 2, 3, 7, 64, 1000, 5000] {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        // Bias towards the bytes the prescan cares about.
                        b"<>!-=/'\" \0\x1bmetacharset\x80\xff"[(state % 24) as usize].wrapping_add(
                            if state & 0x100 == 0 {
                                0
                            } else {
                                (state >> 9) as u8
                            },
                        )
                    })
                    .collect();
                let _ = decode(&bytes, Some("http://x.y/"));
            }
        }
    }
}
