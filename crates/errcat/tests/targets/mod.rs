//! Shared by the `docs`, `openapi` and `site` tests: the catalogs they render, and rendering
//! one target folder alone (so these tests do not depend on other targets' templates).

#![allow(dead_code)] // Each test crate uses a different part.

use std::path::{Path, PathBuf};

use errcat::model::Catalog;
use errcat::render::{self, Options};

/// A catalog the tests render, and how its generated files name their command.
pub struct Case {
    /// Snapshot name.
    pub name: &'static str,
    /// Path below the repository root.
    pub path: &'static str,
    /// The command the generated header names.
    pub command: &'static str,
}

/// The shipped catalog, rendered exactly as `cargo xtask generate` does (the snapshot is
/// the committed file).
pub const SHIPPED: Case = Case { name: "scriptix", path: "catalog/scriptix.yaml", command: "cargo xtask generate" };

/// A small catalog full of text that must be escaped.
pub const MINIMAL: Case = Case {
    name: "minimal",
    path: "crates/errcat/tests/catalogs/minimal.yaml",
    command: "errcat generate crates/errcat/tests/catalogs/minimal.yaml --out generated",
};

/// The minimal catalog with `since`, a deprecated code and a tombstone.
pub const LIFECYCLE: Case = Case {
    name: "lifecycle",
    path: "crates/errcat/tests/catalogs/lifecycle.yaml",
    command: "errcat generate crates/errcat/tests/catalogs/lifecycle.yaml --out generated",
};

/// The example catalog of the `problem` profile (RFC 9457 problem details).
pub const PROBLEM: Case = Case {
    name: "problem",
    path: "catalog/profiles/problem.yaml",
    command: "errcat generate catalog/profiles/problem.yaml --out generated",
};

/// The example catalog of the `google` profile (AIP-193).
pub const GOOGLE: Case = Case {
    name: "google",
    path: "catalog/profiles/google.yaml",
    command: "errcat generate catalog/profiles/google.yaml --out generated",
};

/// The example catalog of the `nested` profile (Stripe-style).
pub const NESTED: Case = Case {
    name: "nested",
    path: "catalog/profiles/nested.yaml",
    command: "errcat generate catalog/profiles/nested.yaml --out generated",
};

/// The catalogs of the non-`flat` profiles.
pub const PROFILES: [Case; 3] = [PROBLEM, GOOGLE, NESTED];

/// PascalCase, dotted and dashed codes with camelCase details keys, kept as written.
pub const PASCAL_CAMEL: Case = Case {
    name: "pascal-camel",
    path: "crates/errcat/tests/catalogs/pascal-camel.yaml",
    command: "errcat generate crates/errcat/tests/catalogs/pascal-camel.yaml --out generated",
};

/// Every catalog the docs and OpenAPI tests render: the `flat` ones, then one per other
/// profile.
pub const CASES: [Case; 7] = [SHIPPED, MINIMAL, LIFECYCLE, PASCAL_CAMEL, PROBLEM, GOOGLE, NESTED];

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The checked catalog of `case`; panics on any diagnostic.
pub fn catalog(case: &Case) -> Catalog {
    let file = errcat::check_file(&root().join(case.path), &errcat::load::Limits::default()).expect("readable");
    assert!(file.checked.diagnostics.is_empty(), "{}: {:#?}", case.path, file.checked.diagnostics);
    file.checked.catalog.expect("a clean catalog")
}

/// The file `file` of the templates in `folder`, rendered for `case` from the embedded
/// templates.
pub fn render(case: &Case, folder: &str, file: &str) -> String {
    let options = Options { command: case.command.to_owned(), catalog_path: case.path.to_owned(), templates_dir: None };
    let target = errcat::targets::by_name(folder).unwrap_or_else(|| panic!("no target {folder}"));
    let mut files = match render::plan_targets(&catalog(case), &options, &[target]) {
        Ok(files) => files,
        Err(e) => panic!("{}: {e}", case.path),
    };
    files.remove(file).unwrap_or_else(|| panic!("{file} was not rendered; got {:?}", files.keys()))
}

/// Every file of the target `folder`, rendered for `case` from the embedded templates.
pub fn render_all(case: &Case, folder: &str) -> render::Files {
    let options = Options { command: case.command.to_owned(), catalog_path: case.path.to_owned(), templates_dir: None };
    let target = errcat::targets::by_name(folder).unwrap_or_else(|| panic!("no target {folder}"));
    match render::plan_targets(&catalog(case), &options, &[target]) {
        Ok(files) => files,
        Err(e) => panic!("{}: {e}", case.path),
    }
}
