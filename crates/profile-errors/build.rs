//! Generates one module per catalog into `OUT_DIR`: the example catalog of each wire
//! profile (`catalog/profiles/{problem,google,nested}.yaml`) and the Scriptix catalog
//! re-expressed in the `problem` profile (`errcat::targets::rust::load_in_profile`).
//!
//! A catalog with errors fails the build with the diagnostics `errcat check` prints;
//! warnings become cargo warnings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat::wire::ProfileKind;

/// Each module: its file in `OUT_DIR`, its catalog, and the profile to re-express it in.
const MODULES: [(&str, &str, Option<ProfileKind>); 4] = [
    ("problem.rs", "catalog/profiles/problem.yaml", None),
    ("google.rs", "catalog/profiles/google.yaml", None),
    ("nested.rs", "catalog/profiles/nested.yaml", None),
    ("scriptix_problem.rs", "catalog/scriptix.yaml", Some(ProfileKind::Problem)),
];

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    let mut failed = false;
    for (file, catalog, profile) in MODULES {
        let catalog = manifest_dir.join("../..").join(catalog);
        println!("cargo:rerun-if-changed={}", catalog.display());
        println!("cargo:rerun-if-changed={}", errcat::lock::path_for(&catalog).display());
        println!("cargo:rerun-if-changed={}", errcat::translations::locale_dir(&catalog, None).display());
        let shown = shown_path(&catalog);
        let loaded = match profile {
            None => errcat::targets::rust::load(&catalog, &shown),
            Some(kind) => errcat::targets::rust::load_in_profile(&catalog, &shown, kind),
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                eprintln!("error: the error catalog has problems; fix them and rebuild (`errcat check {shown}`)");
                failed = true;
                continue;
            }
        };
        for line in loaded.warnings.lines().filter(|line| !line.trim().is_empty()) {
            println!("cargo:warning={line}");
        }
        let code = errcat::targets::rust::generate(&loaded.catalog);
        let target = out_dir.join(file);
        // Rewriting identical bytes would only make rustc's inputs look newer.
        if std::fs::read_to_string(&target).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&target, code).expect("OUT_DIR is writable");
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The catalog's path as diagnostics show it: absolute and without `..`.
fn shown_path(catalog: &Path) -> String {
    catalog.canonicalize().unwrap_or_else(|_| catalog.to_path_buf()).display().to_string()
}
