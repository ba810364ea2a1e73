//! The byte-level prescan of a page's head: its `<meta>` charset declaration
//! and, for the detector's TLD hint, the page's own address.
//!
//! It follows the WHATWG "prescan a byte stream to determine its encoding"
//! algorithm (comments skipped, attributes read with the spec's quoting
//! rules, only `<meta>` declares), with three deliberate differences:
//!
//! * It reads past the spec's advised 1024 bytes, because web-archive
//!   captures insert their own markup before the page's real declaration:
//!   it stops at [`SCAN_LIMIT`] or at the first `<body` tag that starts
//!   after the first 1024 bytes, whichever comes first. (A `<body` inside
//!   the first 1024 bytes does not stop it, so it never sees less than a
//!   browser would.)
//! * The content of `<script>` and `<style>` is skipped, so a declaration
//!   written inside a script string does not count.
//! * A label for the "replacement" encoding (e.g. `iso-2022-kr`) is ignored
//!   like an unknown label, since it would turn the whole page into a
//!   single U+FFFD.

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many bytes of the page the prescan reads at most.
pub(crate) const SCAN_LIMIT: usize = 256 * 1024;

/// How much a browser prescans; a `<body` tag inside it does not stop us.
const BROWSER_PRESCAN: usize = 1024;

/// What the prescan found in the head of a page.
#[derive(Debug, Default)]
pub(crate) struct Prescan<'a> {
    /// The declared encoding, already mapped as WHATWG requires.
    pub(crate) declared: Option<&'static Encoding>,
    /// The page's own address, when no declaration was found: the "saved
    /// from url" comment, else the canonical link, else `og:url`, else
    /// `<base href>`. Raw bytes of the attribute value.
    pub(crate) url: Option<&'a [u8]>,
}

/// Scans the head of `bytes` for an encoding declaration and the page URL.
pub(crate) fn prescan(bytes: &[u8]) -> Prescan<'_> {
    let window = &bytes[..bytes.len().min(SCAN_LIMIT)];
    let mut scanner = Scanner::new(window);
    let declared = scanner.run();
    let url = scanner.urls.into_iter().flatten().next();
    Prescan { declared, url }
}

/// The encoding a label names, mapped as the prescan requires: UTF-16
/// means UTF-8, x-user-defined means windows-1252, and unknown labels and
/// the replacement encoding give `None`.
pub(crate) fn encoding_for(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label)?;
    if enc == UTF_16LE || enc == UTF_16BE {
        Some(UTF_8)
    } else if enc == X_USER_DEFINED {
        Some(WINDOWS_1252)
    } else if enc == REPLACEMENT {
        None
    } else {
        Some(enc)
    }
}

/// What one step of the scan decided.
enum Flow {
    /// Keep scanning.
    Next,
    /// A declaration was found.
    Found(&'static Encoding),
    /// The head is over (a `<body` tag): stop without a declaration.
    Stop,
}

/// The kinds of page address, in order of trust.
#[derive(Clone, Copy)]
enum UrlKind {
    SavedFrom = 0,
    Canonical = 1,
    OgUrl = 2,
    Base = 3,
}

/// The tags the prescan treats specially.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Meta,
    Link,
    Base,
    Body,
    Script,
    Style,
    Other,
}

impl TagKind {
    /// The kind of a tag from its name, ignoring case.
    fn of(name: &[u8]) -> Self {
        const KINDS: [(&[u8], TagKind); 6] = [
            (b"meta", TagKind::Meta),
            (b"link", TagKind::Link),
            (b"base", TagKind::Base),
            (b"body", TagKind::Body),
            (b"script", TagKind::Script),
            (b"style", TagKind::Style),
        ];
        KINDS
            .iter()
            .find(|(n, _)| name.eq_ignore_ascii_case(n))
            .map_or(TagKind::Other, |&(_, kind)| kind)
    }
}

/// An attribute: its name and value, raw slices of the page.
type Attr<'a> = (&'a [u8], &'a [u8]);

/// The attribute names the prescan reads, in the order of [`Attrs`]' slots.
const ATTR_NAMES: [&[u8]; 7] = [
    b"http-equiv",
    b"content",
    b"charset",
    b"property",
    b"name",
    b"rel",
    b"href",
];
const HTTP_EQUIV: usize = 0;
const CONTENT: usize = 1;
const CHARSET: usize = 2;
const PROPERTY: usize = 3;
const NAME: usize = 4;
const REL: usize = 5;
const HREF: usize = 6;

/// The values of one tag's [`ATTR_NAMES`] attributes; the first occurrence
/// of a name wins, as in the spec's attribute list.
#[derive(Default)]
struct Attrs<'a>([Option<&'a [u8]>; ATTR_NAMES.len()]);

impl<'a> Attrs<'a> {
    /// Records one attribute unless its name was already seen.
    fn set(&mut self, (name, value): Attr<'a>) {
        if let Some(i) = ATTR_NAMES.iter().position(|n| name.eq_ignore_ascii_case(n)) {
            self.0[i].get_or_insert(value);
        }
    }

    /// The encoding a `<meta>` with these attributes declares. A `charset`
    /// attribute decides alone; otherwise `content` counts only with
    /// `http-equiv="content-type"`.
    fn meta_encoding(&self) -> Option<&'static Encoding> {
        if let Some(label) = self.0[CHARSET] {
            return encoding_for(label);
        }
        let pragma = is_value(self.0[HTTP_EQUIV], b"content-type");
        self.0[CONTENT]
            .filter(|_| pragma)
            .and_then(charset_in_content)
    }

    /// Whether this `<meta>` is `property="og:url"` (or `name="og:url"`).
    fn is_og_url(&self) -> bool {
        is_value(self.0[PROPERTY], b"og:url") || is_value(self.0[NAME], b"og:url")
    }

    /// Whether `rel` holds the token `canonical`.
    fn is_canonical(&self) -> bool {
        self.0[REL].is_some_and(|rel| {
            rel.split(|&c| is_space(c))
                .any(|token| token.eq_ignore_ascii_case(b"canonical"))
        })
    }
}

/// Whether an attribute is present with `expected` as its value, ignoring
/// case and surrounding whitespace.
fn is_value(value: Option<&[u8]>, expected: &[u8]) -> bool {
    value.is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(expected))
}

/// The WHATWG "extracting a character encoding from a meta element" steps,
/// run on a `content` attribute such as `text/html; charset=euc-kr`.
fn charset_in_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    loop {
        i += find_ignore_case(&s[i..], b"charset")? + b"charset".len();
        i = skip_spaces(s, i);
        if s.get(i) == Some(&b'=') {
            let rest = &s[skip_spaces(s, i + 1)..];
            return label_in_content(rest).and_then(encoding_for);
        }
    }
}

/// The label after `charset=`: quoted (and closed), or up to a space or `;`.
fn label_in_content(s: &[u8]) -> Option<&[u8]> {
    let &first = s.first()?;
    if first == b'"' || first == b'\'' {
        let len = s[1..].iter().position(|&c| c == first)?;
        return Some(&s[1..1 + len]);
    }
    let end = s.iter().position(|&c| is_space(c) || c == b';');
    Some(&s[..end.unwrap_or(s.len())])
}

/// The URL in a `saved from url=(0044)https://...` comment body.
fn saved_from_url(comment: &[u8]) -> Option<&[u8]> {
    const MARK: &[u8] = b"saved from url=";
    let body = comment.trim_ascii_start();
    let head = body.get(..MARK.len())?;
    if !head.eq_ignore_ascii_case(MARK) {
        return None;
    }
    let mut rest = &body[MARK.len()..];
    if rest.first() == Some(&b'(') {
        let close = rest.iter().position(|&c| c == b')')?;
        rest = &rest[close + 1..];
    }
    let end = rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|url| !url.is_empty())
}

/// The spec's ASCII whitespace: TAB, LF, FF, CR and SPACE.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The first index at or after `i` that is not whitespace.
fn skip_spaces(s: &[u8], i: usize) -> usize {
    let skipped = s.get(i..).unwrap_or_default();
    i + skipped.iter().take_while(|&&c| is_space(c)).count()
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let &first = needle.first()?;
    let mut from = 0;
    while let Some(at) = hay[from..]
        .iter()
        .position(|&c| c.to_ascii_lowercase() == first)
    {
        let start = from + at;
        let candidate = hay.get(start..start + needle.len())?;
        if candidate.eq_ignore_ascii_case(needle) {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// A cursor over the scanned window. Every method returns `None` when it
/// runs out of bytes, which ends the scan.
struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    urls: [Option<&'a [u8]>; 4],
}

impl<'a> Scanner<'a> {
    /// A cursor at the start of `b`.
    fn new(b: &'a [u8]) -> Self {
        Scanner {
            b,
            pos: 0,
            urls: [None; 4],
        }
    }

    /// Runs the scan to a declaration, a `<body` tag or the end.
    fn run(&mut self) -> Option<&'static Encoding> {
        loop {
            match self.step()? {
                Flow::Next => {}
                Flow::Found(enc) => return Some(enc),
                Flow::Stop => return None,
            }
        }
    }

    /// Moves to the next `<` and handles what it starts.
    fn step(&mut self) -> Option<Flow> {
        self.pos += self.b.get(self.pos..)?.iter().position(|&c| c == b'<')?;
        let rest = &self.b[self.pos..];
        let (&next, after) = rest.get(1..)?.split_first()?;
        if rest.starts_with(b"<!--") {
            self.comment()
        } else if next.is_ascii_alphabetic() {
            self.tag(true)
        } else if next == b'/' && after.first()?.is_ascii_alphabetic() {
            self.pos += 1;
            self.tag(false)
        } else if matches!(next, b'!' | b'/' | b'?') {
            self.pos += rest.iter().position(|&c| c == b'>')? + 1;
            Some(Flow::Next)
        } else {
            self.pos += 1;
            Some(Flow::Next)
        }
    }

    /// Skips a comment, noting a "saved from url" address.
    fn comment(&mut self) -> Option<Flow> {
        let body_start = self.pos + 4;
        let close = self.pos + 2 + find_ignore_case(&self.b[self.pos + 2..], b"-->")?;
        let body = self.b.get(body_start..close).unwrap_or_default();
        self.note_url(UrlKind::SavedFrom, saved_from_url(body));
        self.pos = close + 3;
        Some(Flow::Next)
    }

    /// Reads a tag from its `<` (or the `/` of `</`) to past its `>`, and
    /// acts on it if it is a start tag.
    fn tag(&mut self, start_tag: bool) -> Option<Flow> {
        let start = self.pos + 1;
        let len = self.b[start..]
            .iter()
            .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
        let kind = TagKind::of(&self.b[start..start + len]);
        if start_tag && kind == TagKind::Body && self.pos >= BROWSER_PRESCAN {
            return Some(Flow::Stop);
        }
        self.pos = start + len;
        let mut attrs = Attrs::default();
        while let Some(attr) = self.attribute()? {
            attrs.set(attr);
        }
        self.pos += 1;
        if !start_tag {
            return Some(Flow::Next);
        }
        self.act_on(kind, &attrs)
    }

    /// What a start tag means for the scan, once its attributes are read.
    fn act_on(&mut self, kind: TagKind, attrs: &Attrs<'a>) -> Option<Flow> {
        match kind {
            TagKind::Meta => {
                if let Some(enc) = attrs.meta_encoding() {
                    return Some(Flow::Found(enc));
                }
                let og = attrs.0[CONTENT].filter(|_| attrs.is_og_url());
                self.note_url(UrlKind::OgUrl, og);
            }
            TagKind::Link => {
                let href = attrs.0[HREF].filter(|_| attrs.is_canonical());
                self.note_url(UrlKind::Canonical, href);
            }
            TagKind::Base => self.note_url(UrlKind::Base, attrs.0[HREF]),
            TagKind::Script => self.skip_to(b"</script")?,
            TagKind::Style => self.skip_to(b"</style")?,
            TagKind::Body | TagKind::Other => {}
        }
        Some(Flow::Next)
    }

    /// Moves to the next `needle` (lower-case), e.g. the end of a script.
    fn skip_to(&mut self, needle: &[u8]) -> Option<()> {
        self.pos += find_ignore_case(&self.b[self.pos..], needle)?;
        Some(())
    }

    /// Keeps the first address of each kind.
    fn note_url(&mut self, kind: UrlKind, url: Option<&'a [u8]>) {
        let slot = &mut self.urls[kind as usize];
        if slot.is_none() {
            *slot = url.map(<[u8]>::trim_ascii).filter(|u| !u.is_empty());
        }
    }

    /// The byte at the cursor.
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Advances past bytes for which `skip` holds.
    fn skip_while(&mut self, skip: impl Fn(u8) -> bool) -> Option<()> {
        while skip(self.peek()?) {
            self.pos += 1;
        }
        Some(())
    }

    /// The spec's "get an attribute": `Some(None)` at the tag's `>`.
    fn attribute(&mut self) -> Option<Option<Attr<'a>>> {
        self.skip_while(|c| is_space(c) || c == b'/')?;
        if self.peek()? == b'>' {
            return Some(None);
        }
        let start = self.pos;
        self.pos += 1;
        self.skip_while(|c| !(is_space(c) || matches!(c, b'=' | b'/' | b'>')))?;
        let name = &self.b[start..self.pos];
        self.skip_while(is_space)?;
        if self.peek()? != b'=' {
            return Some(Some((name, b"")));
        }
        self.pos += 1;
        self.skip_while(is_space)?;
        Some(Some((name, self.value()?)))
    }

    /// An attribute value: quoted, empty before `>`, or unquoted.
    fn value(&mut self) -> Option<&'a [u8]> {
        let quote = self.peek()?;
        let start = self.pos + 1;
        if quote == b'"' || quote == b'\'' {
            let len = self.b[start..].iter().position(|&c| c == quote)?;
            self.pos = start + len + 1;
            return Some(&self.b[start..start + len]);
        }
        if quote == b'>' {
            return Some(b"");
        }
        self.pos = start;
        self.skip_while(|c| !(is_space(c) || c == b'>'))?;
        Some(&self.b[start - 1..self.pos])
    }
}

#[cfg(test)]
mod tests {
    use super::{SCAN_LIMIT, prescan};
    use encoding_rs::{EUC_KR, GBK};

    fn url_of(page: &str) -> Option<&str> {
        prescan(page.as_bytes())
            .url
            .map(|u| std::str::from_utf8(u).unwrap())
    }

    #[test]
    fn finds_the_page_address_in_order_of_trust() {
        let saved = "<!-- saved from url=(0027)https://news.example.kr/a -->\n";
        let tags = r#"<base href="http://base.example.jp/"><meta property="og:url" content=" https://og.example.tw/ ">
            <link rel="alternate" href="http://alt.example.ru/"><link rel="Canonical" href=http://canon.example.cn/>"#;
        assert_eq!(
            url_of(&format!("{saved}{tags}")),
            Some("https://news.example.kr/a")
        );
        assert_eq!(url_of(tags), Some("http://canon.example.cn/"));
        assert_eq!(
            url_of(&tags.replace("Canonical", "icon")),
            Some("https://og.example.tw/")
        );
        assert_eq!(
            url_of(r#"<base href="http://base.example.jp/"><p>"#),
            Some("http://base.example.jp/")
        );
        assert_eq!(url_of("<p>no address</p>"), None);
    }

    #[test]
    fn a_declaration_found_is_mapped() {
        assert_eq!(prescan(b"<meta charset=' EUC-KR '>").declared, Some(EUC_KR));
        assert_eq!(prescan(b"<meta/charset=gb2312 />").declared, Some(GBK));
        let pragma = br#"<meta http-equiv=content-type content='text/html; charset="gb2312"'>"#;
        assert_eq!(prescan(pragma).declared, Some(GBK));
    }

    #[test]
    fn charset_attribute_decides_alone() {
        let page = br#"<meta charset=bogus http-equiv=content-type content="text/html; charset=gbk"><meta charset=euc-kr>"#;
        assert_eq!(prescan(page).declared, Some(EUC_KR));
        let page = br#"<meta content="charset=gbk" charset=euc-kr http-equiv="Content-Type">"#;
        assert_eq!(prescan(page).declared, Some(EUC_KR));
    }

    #[test]
    fn stops_at_body_after_the_first_kilobyte() {
        let early = "<body><meta charset=euc-kr>";
        assert_eq!(prescan(early.as_bytes()).declared, Some(EUC_KR));
        let late = format!(
            "<head>{}</head><body><meta charset=euc-kr>",
            " ".repeat(2000)
        );
        assert_eq!(prescan(late.as_bytes()).declared, None);
        let in_head = format!("<head>{}<bodyguard><meta charset=euc-kr>", " ".repeat(2000));
        assert_eq!(prescan(in_head.as_bytes()).declared, Some(EUC_KR));
    }

    #[test]
    fn stops_at_the_scan_limit() {
        let page = format!("<head>{}<meta charset=euc-kr>", " ".repeat(SCAN_LIMIT));
        assert_eq!(prescan(page.as_bytes()).declared, None);
        let page = format!(
            "<head>{}<meta charset=euc-kr>",
            " ".repeat(SCAN_LIMIT - 100)
        );
        assert_eq!(prescan(page.as_bytes()).declared, Some(EUC_KR));
    }

    #[test]
    fn truncated_tags_end_the_scan_quietly() {
        for page in [
            "<",
            "<m",
            "<meta",
            "<meta ",
            "<meta charset",
            "<meta charset=",
            "<meta charset=\"euc-kr",
            "<meta charset=euc-kr",
            "<!--",
            "<!-- x --",
            "</",
            "</x",
            "<!",
            "<script>",
            "<a b='",
            "<meta content='charset=\"euc-kr' http-equiv=content-type>",
        ] {
            assert_eq!(prescan(page.as_bytes()).declared, None, "{page:?}");
        }
    }
}
