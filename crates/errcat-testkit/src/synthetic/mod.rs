//! Synthetic catalogs of any size, for errcat's scaling benchmarks (`cargo xtask bench`) and
//! the large-catalog CI step (`cargo xtask ci --only large`).
//!
//! [`catalog`] writes the YAML of a catalog with `codes` error codes that the validator
//! accepts without a single diagnostic. It imitates a large real catalog rather than
//! hostile input (for that, see [`crate::hostile`]): codes are grouped into services
//! (one category per few hundred codes, as cloud providers group theirs), each with a
//! naming pattern and a few legacy codes listed as pattern exceptions; codes cover every
//! status of the table, message templates with placeholders, details fields of every type
//! (optional and message-only ones too), additional details, `retry_after`, long
//! descriptions, causes, solution steps, links, and examples given in the catalog or left
//! to errcat. The output depends only on `codes`: the same on every machine and run.
//!
//! This file holds the public entry points and lays the catalog out; the rest is split
//! by responsibility:
//!
//! - `vocabulary`: the tables codes are made of (services, nouns, conditions with their
//!   statuses, messages and details fields) and the names drawn from them;
//! - `write`: the YAML of each part (the fixed header and footer, a category, a code with
//!   its description, causes and example body).

mod vocabulary;
mod write;

use std::fmt::Write as _;

use errcat::load::Limits;

use vocabulary::Service;
use write::{category, code, footer, header};

/// The catalog sizes the benchmarks measure.
pub const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// Limits that admit every synthetic catalog: a 100 000-code catalog is larger than the
/// default [`Limits::max_bytes`].
pub fn limits() -> Limits {
    Limits { max_bytes: 512 * 1024 * 1024, ..Limits::default() }
}

/// The YAML text of a catalog with `codes` error codes.
pub fn catalog(codes: usize) -> String {
    let mut out = String::with_capacity(2048 + codes * 1400);
    header(&mut out);
    let categories = category_count(codes);
    let services: Vec<Service> = (0..categories).map(Service::new).collect();
    // Codes per category: as even as possible, the first categories taking the remainder.
    let counts: Vec<usize> =
        (0..categories).map(|k| codes / categories + usize::from(k < codes % categories)).collect();
    out.push_str("\ncategories:\n");
    for (service, &count) in services.iter().zip(&counts) {
        category(&mut out, service, count);
    }
    out.push_str(if codes == 0 { "\ncodes: []\n" } else { "\ncodes:\n" });
    for (service, &count) in services.iter().zip(&counts) {
        let _ = writeln!(out, "  # ── {} ──", service.title);
        for index in 0..count {
            code(&mut out, service, index);
        }
    }
    footer(&mut out, &services, &counts);
    out
}

/// How many categories a catalog of `codes` codes has: 6, plus one per 250 codes.
pub fn category_count(codes: usize) -> usize {
    6 + codes / 250
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_catalogs_are_clean() {
        for codes in [0, 1, 7, 100, 1_000] {
            let text = catalog(codes);
            let checked = errcat::check_str(&text, &limits());
            assert!(
                checked.diagnostics.is_empty(),
                "{codes} codes: {:#?}",
                &checked.diagnostics[..3.min(checked.diagnostics.len())]
            );
            let catalog = checked.catalog.expect("a catalog without diagnostics");
            assert_eq!(catalog.codes.len(), codes);
            assert_eq!(catalog.categories.len(), category_count(codes));
        }
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(catalog(300), catalog(300));
    }
}
