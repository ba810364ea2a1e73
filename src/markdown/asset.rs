//! Images given inline as `data:` URIs: decoded into [`Asset`]s that the
//! caller may save, and linked by a relative path.
//!
//! The library writes no file: the Markdown links `FOLDER/NAME` and the
//! bytes travel in [`crate::Document::assets`]; the command line writes
//! them. Names are made from the content (`image-<hash>.<ext>`): safe in
//! any file system, the same for the same image, and unique otherwise.
//! URIs are parsed as the Fetch standard says (the `data-url` crate:
//! percent-decoding, forgiving base64).

/// A file the Markdown links to, with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file name (`image-0123456789abcdef.png`): letters, digits, `-`
    /// and one `.`; the Markdown links it as `FOLDER/NAME`.
    pub name: String,
    /// The MIME type the page declared, such as `image/png`.
    pub media_type: String,
    /// The decoded content.
    pub bytes: Vec<u8>,
}

/// Image types kept, with the extension their files get.
const EXTENSIONS: &[(&str, &str)] = &[
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/jpg", "jpg"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/avif", "avif"),
    ("image/svg+xml", "svg"),
    ("image/bmp", "bmp"),
    ("image/x-icon", "ico"),
    ("image/vnd.microsoft.icon", "ico"),
    ("image/tiff", "tif"),
];

/// The assets of one document, in order of first use.
#[derive(Debug, Default)]
pub(crate) struct Assets {
    /// `None`: `data:` images are dropped.
    folder: Option<String>,
    pub(crate) list: Vec<Asset>,
}

impl Assets {
    pub(crate) fn new(folder: Option<String>) -> Assets {
        Assets {
            folder,
            list: Vec::new(),
        }
    }

    /// Whether `data:` images are kept.
    pub(super) fn enabled(&self) -> bool {
        self.folder.is_some()
    }

    /// Decodes a `data:` image and returns the path to link it by, or
    /// `None` when assets are off, the URI does not decode, is not an
    /// image or is a 1×1 placeholder.
    pub(super) fn add(&mut self, uri: &str) -> Option<String> {
        let folder = self.folder.as_deref()?;
        let data = data_url::DataUrl::process(uri.trim()).ok()?;
        let mime = data.mime_type();
        let media_type = format!("{}/{}", mime.type_, mime.subtype).to_ascii_lowercase();
        let ext = EXTENSIONS
            .iter()
            .find(|(t, _)| *t == media_type)
            .map(|(_, e)| *e)?;
        let (bytes, _) = data.decode_to_vec().ok()?;
        if bytes.is_empty() || is_pixel(&bytes) {
            return None;
        }
        let name = format!("image-{:016x}.{ext}", fnv1a(&bytes));
        if !self.list.iter().any(|a| a.name == name) {
            self.list.push(Asset {
                name: name.clone(),
                media_type,
                bytes,
            });
        }
        let folder = folder.trim_end_matches(['/', '\\']);
        Some(if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        })
    }
}

/// A PNG or GIF of at most 1×1 pixels: a spacer or a tracking pixel.
fn is_pixel(bytes: &[u8]) -> bool {
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let le16 = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return matches!((be32(16), be32(20)), (Some(w), Some(h)) if w <= 1 && h <= 1);
    }
    if bytes.starts_with(b"GIF8") {
        return matches!((le16(6), le16(8)), (Some(w), Some(h)) if w <= 1 && h <= 1);
    }
    false
}

/// FNV-1a, 64 bits: a stable content hash with no dependency (the names
/// only need to differ for different images of one run).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
