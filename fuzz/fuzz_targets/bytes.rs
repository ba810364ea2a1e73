//! Arbitrary bytes into `Cleaner::convert`: no panic, the Markdown is
//! valid UTF-8, asset names stay inside their folder, and the round-trip
//! property holds for the bytes decoded as an HTML page.

#![no_main]

use std::sync::LazyLock;

use declutter::{Cleaner, Options, input, stages};
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
    // Over the size limit the page is refused; below it, the bytes read as
    // one HTML page (containers aside) must round-trip.
    if data.len() <= Options::default().max_input_bytes {
        let html = input::decode(data, None).text;
        if let Err(problem) = stages::round_trip(&CLEANER, &html) {
            panic!("round trip: {problem}");
        }
    }
});
