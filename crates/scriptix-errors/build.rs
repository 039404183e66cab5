//! Generates the crate's error vocabulary from `catalog/scriptix.yaml` into `OUT_DIR`.
//!
//! A catalog with errors fails the build with the same diagnostics `errcat check` prints
//! (`path:line:col`, the offending line, a help text); warnings become cargo warnings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let catalog = manifest_dir.join("../../catalog/scriptix.yaml");
    // Only the catalog, its lock of published codes and its locale files are read: cargo
    // reruns this script when one of them (or build.rs) changes.
    println!("cargo:rerun-if-changed={}", catalog.display());
    println!("cargo:rerun-if-changed={}", errcat::lock::path_for(&catalog).display());
    println!("cargo:rerun-if-changed={}", errcat::translations::locale_dir(&catalog, None).display());
    println!("cargo:rerun-if-changed=build.rs");
    let shown = shown_path(&catalog);
    let loaded = match errcat::targets::rust::load(&catalog, &shown) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("error: the error catalog has problems; fix them and rebuild (`errcat check {shown}`)");
            return ExitCode::FAILURE;
        }
    };
    for line in loaded.warnings.lines().filter(|line| !line.trim().is_empty()) {
        println!("cargo:warning={line}");
    }
    let code = errcat::targets::rust::generate(&loaded.catalog);
    let target = out_dir.join("scriptix_errors.rs");
    // Rewriting identical bytes would only make rustc's inputs look newer.
    if std::fs::read_to_string(&target).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&target, code).expect("OUT_DIR is writable");
    }
    ExitCode::SUCCESS
}

/// The catalog's path as diagnostics show it: absolute and without `..`, so it is
/// clickable in a terminal or an editor.
fn shown_path(catalog: &Path) -> String {
    catalog.canonicalize().unwrap_or_else(|_| catalog.to_path_buf()).display().to_string()
}
