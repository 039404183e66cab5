//! Any bytes → load → validate → render. Every input must end in diagnostics or in
//! output: a panic, a hang (`-timeout`) or unbounded memory (`-rss_limit_mb`) is a bug.
//! Only UTF-8 text can be a catalog (`errcat::check_file` refuses other bytes with an
//! I/O error before loading), so other inputs are skipped.

#![no_main]

use errcat::diag::{self, Style};
use errcat::load::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let checked = errcat::check_str(text, &Limits::default());
    assert!(checked.catalog.is_some() || checked.has_errors(), "no catalog, yet no error");
    // Diagnostics point into the text; rendering them must hold for any span.
    let _ = diag::render(&checked.diagnostics, "catalog.yaml", text, Style::Plain);
    if let Some(catalog) = checked.catalog {
        let options = errcat::render::Options {
            command: "errcat generate catalog.yaml --out out".to_owned(),
            catalog_path: "catalog.yaml".to_owned(),
            templates_dir: None,
        };
        // The plan renders every target of the registry, the Rust one included.
        if let Err(error) = errcat::render::plan(&catalog, &options) {
            panic!("a checked catalog failed to render: {error}");
        }
    }
});
