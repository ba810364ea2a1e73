//! gzip (`.html.gz`, `.warc.gz`): decompressed with a size limit, so that a
//! small file that unpacks to gigabytes (a gzip bomb) is an error, not an
//! exhausted machine.

use crate::Error;
use flate2::read::MultiGzDecoder;
use std::io::Read;

/// Decompresses `bytes` (every gzip member, as `.warc.gz` files hold one
/// per record), failing once the output passes `limit` bytes.
pub fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    read_limited(MultiGzDecoder::new(bytes), limit, "gzip")
}

/// Reads `reader` to its end, failing with
/// [`Error::TooLargeDecompressed`] past `limit` bytes and with
/// [`Error::Format`] (named `format`) when the data is corrupt.
pub(crate) fn read_limited(
    reader: impl Read,
    limit: usize,
    format: &'static str,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Format {
            format,
            message: e.to_string(),
        })?;
    if out.len() > limit {
        return Err(Error::TooLargeDecompressed { limit });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::gunzip;
    use crate::Error;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn members_are_concatenated() {
        let two = [gzip(b"<p>one</p>"), gzip(b"<p>two</p>")].concat();
        assert_eq!(gunzip(&two, 100).unwrap(), b"<p>one</p><p>two</p>");
    }

    #[test]
    fn output_over_the_limit_is_an_error() {
        let bomb = gzip(&vec![0; 10_000]);
        assert!(bomb.len() < 100);
        assert!(matches!(
            gunzip(&bomb, 9_999),
            Err(Error::TooLargeDecompressed { limit: 9_999 })
        ));
        assert_eq!(gunzip(&bomb, 10_000).unwrap().len(), 10_000);
    }

    #[test]
    fn corrupt_data_is_a_format_error() {
        let mut bad = gzip(b"<p>hello</p>");
        let n = bad.len();
        bad.truncate(n - 6);
        assert!(matches!(
            gunzip(&bad, 100),
            Err(Error::Format { format: "gzip", .. })
        ));
    }
}
