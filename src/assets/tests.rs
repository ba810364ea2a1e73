use crate::{Cleaner, Input, Options};
use base64::Engine;

/// A PNG-looking payload big enough to be kept (spacers are dropped).
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..200u8).collect::<Vec<_>>());
    bytes
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn mhtml(img_src: &str) -> String {
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/a/story.html\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n\
--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://news.example/a/story.html\r\n\r\n\
<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>\r\n\
<p>The harbour office published new tide tables on Monday, covering the year.</p>=\r\n\
<figure><img src=3D\"{img_src}\" alt=3D\"Chart\"></figure></article></body></html>\r\n\
--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\
Content-ID: <img-1@mhtml.blink>\r\nContent-Location: https://news.example/img/Tide%20Chart.png\r\n\r\n\
{}\r\n--B--\r\n",
        b64(&png())
    )
}

fn convert(bytes: &[u8], prefix: Option<&str>) -> crate::Document {
    let cleaner = Cleaner::new(Options::default()).unwrap();
    cleaner
        .convert_input(Input {
            bytes,
            asset_prefix: prefix,
            ..Input::default()
        })
        .unwrap()
}

#[test]
fn mhtml_cid_image_links_to_its_original_address_without_assets() {
    let doc = convert(mhtml("cid:img-1@mhtml.blink").as_bytes(), None);
    assert!(
        doc.markdown
            .contains("![Chart](https://news.example/img/Tide%20Chart.png)"),
        "{}",
        doc.markdown
    );
    assert!(doc.assets.is_empty());
    assert_eq!(
        doc.metadata.source_url.as_deref(),
        Some("https://news.example/a/story.html")
    );
}

#[test]
fn mhtml_image_becomes_an_asset_by_cid_or_relative_location() {
    for src in ["cid:img-1@mhtml.blink", "../img/Tide%20Chart.png"] {
        let doc = convert(mhtml(src).as_bytes(), Some("assets/"));
        assert_eq!(doc.assets.len(), 1, "{src}");
        let asset = &doc.assets[0];
        assert!(
            asset.name.starts_with("tide-chart-") && asset.name.ends_with(".png"),
            "{}",
            asset.name
        );
        assert_eq!(asset.bytes, png());
        assert_eq!(
            asset.source.as_deref(),
            Some("https://news.example/img/Tide%20Chart.png")
        );
        let link = format!("![Chart](assets/{})", asset.name);
        assert!(doc.markdown.contains(&link), "{}", doc.markdown);
    }
}

#[test]
fn data_images_become_assets_and_are_never_pasted() {
    let page = format!(
        "<article><h1>T</h1><p>Some text long enough to be the article body here.</p>\
<img alt=\"big\" src=\"data:image/png;base64,{}\">\
<img alt=\"pixel\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
<img alt=\"lazy\" src=\"data:image/png;base64,{}\" data-src=\"https://x.example/real.png\"></article>",
        b64(&png()),
        b64(&png())
    );
    let without = convert(page.as_bytes(), None);
    assert!(!without.markdown.contains("data:"), "{}", without.markdown);
    assert!(without.markdown.contains("(https://x.example/real.png)"));
    let with = convert(page.as_bytes(), Some("../media/"));
    assert_eq!(with.assets.len(), 1);
    assert_eq!(with.assets[0].source, None);
    assert!(with.assets[0].name.starts_with("image-"));
    assert!(
        with.markdown
            .contains(&format!("![big](../media/{})", with.assets[0].name))
    );
    assert!(with.markdown.contains("(https://x.example/real.png)"));
    assert!(!with.markdown.contains("data:"));
}

#[test]
fn asset_names_depend_only_on_the_bytes_and_the_original_name() {
    let a = super::asset(
        Some("https://x/a/Photo 1.JPG?w=2".into()),
        "image/jpeg",
        vec![1, 2, 3],
    );
    let b = super::asset(
        Some("https://y/b/Photo 1.JPG".into()),
        "image/jpeg",
        vec![1, 2, 3],
    );
    let c = super::asset(None, "image/svg+xml", vec![1, 2, 4]);
    assert_eq!(a.name, b.name);
    let hash = super::fnv1a(&[1, 2, 3]) >> 16;
    assert_eq!(a.name, format!("photo-1-{hash:012x}.jpg"));
    assert!(c.name.starts_with("image-") && c.name.ends_with(".svg"));
}

#[test]
fn the_name_hash_is_fnv1a_as_published() {
    // Test vectors of the FNV specification: names must never change.
    assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn asset_names_from_hostile_part_locations_stay_in_the_folder() {
    for location in [
        "../../etc/passwd.png",
        "/etc/passwd",
        "file:///C:/Windows/system32/evil.png",
        "https://x.example/a%00b.png",
        "https://x.example/%2e%2e%2f%2e%2e%2fup.png",
        "https://x.example/..\\..\\win.png",
        "https://x.example/CON.png",
        "https://x.example/nul",
        "https://x.example/.hidden",
        "",
    ] {
        let page = mhtml("cid:img-1@mhtml.blink")
            .replace("https://news.example/img/Tide%20Chart.png", location);
        let doc = convert(page.as_bytes(), Some("assets/"));
        for asset in &doc.assets {
            let n = &asset.name;
            assert!(!n.is_empty() && !n.starts_with('.'), "{location}: {n}");
            assert!(!n.contains(['/', '\\', '\0', ':']), "{location}: {n}");
            let stem = n.split('.').next().unwrap().to_ascii_uppercase();
            assert!(
                !matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL"),
                "{location}: {n}"
            );
        }
    }
}
