//! Catalog generators for errcat's own tests, fuzzer, CI and benchmarks. Not published and
//! not an API: the shipped `errcat` crate does not depend on this one (its integration
//! tests and benchmarks dev-depend on it).
//!
//! - [`hostile`]: proptest strategies and seeded draws of catalogs the validator accepts
//!   but whose every free-text field is hostile (the property tests, the fuzzer's seed
//!   corpus and `cargo xtask ci --only hostile`).
//! - [`synthetic`]: realistic catalogs of any size (the scaling benchmarks, `cargo xtask
//!   bench`).
//! - [`profiles`]: a test catalog in another wire profile (the OpenAPI tests, `cargo xtask
//!   ci --only docs`).

pub mod hostile;
pub mod profiles;
pub mod synthetic;
