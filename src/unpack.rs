//! From the bytes of a saved page, in whichever container it came (plain
//! HTML, gzip, MHTML), to the page's HTML and what the container said
//! about it: its address, its charset, its saved images.

use crate::Error;
use crate::assets::Resources;
use crate::input::{self, Format, mhtml};
use std::borrow::Cow;

/// How many containers inside containers are opened (`.mhtml.gz` is two).
const MAX_LAYERS: usize = 3;

/// One page to convert and what its caller knows about it; every field
/// but `bytes` may be left to its default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// The saved page: HTML, gzip-compressed HTML, or MHTML (detected by
    /// content).
    pub bytes: &'a [u8],
    /// The page's address. It wins over the address an MHTML file gives,
    /// which wins over [`crate::Options::url`].
    pub url: Option<&'a str>,
    /// The charset the page was served with (an HTTP `Content-Type`): it
    /// wins over the page's own declaration, but not over a byte order mark
    /// or valid UTF-8.
    pub charset: Option<&'a str>,
    /// Overrides [`crate::Options::assets`] for this page: where the
    /// Markdown links saved images to.
    pub asset_prefix: Option<&'a str>,
}

/// A page out of its container.
pub(crate) struct Unpacked<'a> {
    pub(crate) html: Cow<'a, [u8]>,
    pub(crate) charset: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) resources: Resources,
}

/// Opens the containers around a page: gzip (decompressed up to `limit`
/// bytes) and MHTML. A WARC archive is an error here: it holds many pages,
/// read with [`crate::input::warc`].
pub(crate) fn unpack(bytes: Cow<'_, [u8]>, limit: usize) -> Result<Unpacked<'_>, Error> {
    let mut html = bytes;
    for _ in 0..MAX_LAYERS {
        match input::sniff(&html) {
            Format::Html => break,
            Format::Gzip => html = Cow::Owned(input::gzip::gunzip(&html, limit)?),
            Format::Mhtml => {
                let m = mhtml::parse(&html)?;
                let resources = Resources::new(m.resources, m.url.as_deref());
                return Ok(Unpacked {
                    html: Cow::Owned(m.html),
                    charset: m.charset,
                    url: m.url,
                    resources,
                });
            }
            Format::Warc => {
                return Err(Error::Format {
                    format: "WARC",
                    message: "an archive of many pages: convert its records one by one \
                              (declutter::input::warc)"
                        .to_string(),
                });
            }
        }
    }
    Ok(Unpacked {
        html,
        charset: None,
        url: None,
        resources: Resources::default(),
    })
}
