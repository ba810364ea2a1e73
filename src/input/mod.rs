//! Bytes to text: find the page's encoding and decode it.
//!
//! STUB: replaced by the real sniffing (BOM, UTF-8, prescan, chardetng).

/// How the encoding of a page was decided, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark at the start of the page.
    Bom,
    /// The bytes are valid UTF-8 and hold non-ASCII text.
    Utf8,
    /// A `<meta charset>` or `http-equiv` declaration in the page.
    Declared,
    /// Statistical detection (chardetng).
    Detected,
    /// Nothing decided: windows-1252, as browsers do.
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

/// Decodes a page. `url_hint` is the page's address when known.
pub fn decode(bytes: &[u8], _url_hint: Option<&str>) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        source: EncodingSource::Fallback,
    }
}
