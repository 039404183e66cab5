//! Reads the OpenAPI fragment errcat generates for the Scriptix catalog
//! (`generated/openapi/errors.yaml`) into `OUT_DIR/errors.json`, which `src/openapi.rs`
//! includes: the demo's `/openapi.json` takes its error components from the catalog's own
//! output, and a fragment that is not YAML fails the build.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fragment = manifest_dir.join("../../generated/openapi/errors.yaml");
    println!("cargo:rerun-if-changed={}", fragment.display());
    println!("cargo:rerun-if-changed=build.rs");
    let parsed = std::fs::read_to_string(&fragment)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_saphyr::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string()));
    let value = match parsed {
        Ok(value) => value,
        Err(error) => {
            eprintln!("error: {}: {error} (regenerate it with `cargo xtask generate`)", fragment.display());
            return ExitCode::FAILURE;
        }
    };
    let json = value.to_string();
    let target = out_dir.join("errors.json");
    // Rewriting identical bytes would only make rustc's inputs look newer.
    if std::fs::read_to_string(&target).ok().as_deref() != Some(json.as_str()) {
        std::fs::write(&target, json).expect("OUT_DIR is writable");
    }
    ExitCode::SUCCESS
}
