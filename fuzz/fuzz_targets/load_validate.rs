//! Any bytes → load → validate → diagnostics, without rendering any target. The part of
//! the pipeline every untrusted input reaches runs here at thousands of inputs a second,
//! so long runs reach tens of millions of executions (`load_validate_render` renders every
//! target for each catalog that checks, and so runs a few hundred a second).
//! Every input must end in diagnostics or in a catalog: a panic, a hang (`-timeout`) or
//! unbounded memory (`-rss_limit_mb`) is a bug.

#![no_main]

use errcat::diag::{self, Style};
use errcat::load::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let checked = errcat::check_str(text, &Limits::default());
    assert!(checked.catalog.is_some() || checked.has_errors(), "no catalog, yet no error");
    // Diagnostics point into the text; rendering them must hold for any span, in both styles.
    let _ = diag::render(&checked.diagnostics, "catalog.yaml", text, Style::Plain);
    let _ = diag::render(&checked.diagnostics, "catalog.yaml", text, Style::Color);
});
