//! Arbitrary bytes into `Cleaner::convert`: no panic, and the Markdown is
//! valid UTF-8 ending in a newline when not empty.

#![no_main]

use std::sync::LazyLock;

use declutter::{Cleaner, Options};
use libfuzzer_sys::fuzz_target;

/// Built once: compiling the rules for every input would dominate the run.
static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Options {
        // Exercises the `data:` URI and MHTML part naming too.
        assets: Some("assets/".to_string()),
        ..Options::default()
    })
    .expect("the built-in rules compile")
});

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = CLEANER.convert(data) {
        let md = doc.markdown;
        assert!(std::str::from_utf8(md.as_bytes()).is_ok());
        for asset in &doc.assets {
            assert!(!asset.name.contains(['/', '\\', '\0']), "{:?}", asset.name);
            assert!(asset.name != ".." && asset.name != ".", "{:?}", asset.name);
        }
    }
});
