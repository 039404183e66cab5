//! The Rust target at 10 000 codes, as a service pays for it: the build script's work in
//! the dev profile (load, validate and generate, what `scriptix-errors`' `build.rs` runs),
//! and `cargo build` of a crate holding the generated source, cold and after an edit of the
//! crate alone.

use std::path::Path;
use std::time::{Duration, Instant};

use super::captured;
use crate::exec::{cargo, write};

/// The build script's work, timed in this process: xtask is built in the dev profile, as a
/// build script is unless a workspace raises `[profile.dev.build-override]`.
pub struct BuildScript {
    /// `errcat::targets::rust::load`: read, parse, validate.
    pub load: Duration,
    /// `errcat::targets::rust::generate`.
    pub generate: Duration,
    /// Bytes of generated source.
    pub source_bytes: usize,
}

/// `cargo build` (dev profile) of a crate holding the generated source.
pub struct CrateBuild {
    /// From an empty target folder: `serde` and `serde_json` too.
    pub cold: Duration,
    /// After the crate's `lib.rs` changes: the generated crate alone.
    pub incremental: Duration,
}

/// Both measurements; each fails on its own.
pub struct RustScale {
    pub build_script: Result<BuildScript, String>,
    pub crate_build: Result<CrateBuild, String>,
}

/// Measures both for a synthetic catalog of `codes` codes in `bench_build/large-crate`
/// (emptied first); without `build_crate`, only the build script's work.
pub fn run(bench_build: &Path, codes: usize, build_crate: bool) -> RustScale {
    let work = bench_build.join("large-crate");
    let _ = std::fs::remove_dir_all(&work);
    let build_script = build_script(&work, codes);
    let crate_build = match &build_script {
        Ok(_) if build_crate => crate_build(&work),
        Ok(_) => Err("not built in this run".to_owned()),
        Err(e) => Err(format!("no generated source: {e}")),
    };
    RustScale { build_script, crate_build }
}

fn build_script(work: &Path, codes: usize) -> Result<BuildScript, String> {
    let catalog = work.join("catalog.yaml");
    write(&catalog, &errcat_testkit::synthetic::catalog(codes))?;
    let started = Instant::now();
    let loaded = errcat::targets::rust::load(&catalog, &catalog.display().to_string())
        .map_err(|diagnostics| format!("the synthetic catalog has problems:\n{diagnostics}"))?;
    let load = started.elapsed();
    let started = Instant::now();
    let source = errcat::targets::rust::generate(&loaded.catalog);
    let generate = started.elapsed();
    write(&work.join("src").join("errors.rs"), &source)?;
    eprintln!(
        "  build script (dev profile): load {:.2} s, generate {:.2} s",
        load.as_secs_f64(),
        generate.as_secs_f64()
    );
    Ok(BuildScript { load, generate, source_bytes: source.len() })
}

fn crate_build(work: &Path) -> Result<CrateBuild, String> {
    // A workspace of its own: the folder is below this repository's workspace root.
    write(
        &work.join("Cargo.toml"),
        "[package]\nname = \"errcat-large-crate\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = { version = \"1\", features = [\"preserve_order\"] }\n\n\
         [workspace]\n",
    )?;
    let lib = work.join("src").join("lib.rs");
    write(&lib, "//! The generated source of a synthetic catalog.\n\ninclude!(\"errors.rs\");\n")?;
    let build = || -> Result<Duration, String> {
        let started = Instant::now();
        captured(
            cargo()
                .args(["build", "--quiet", "--manifest-path"])
                .arg(work.join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", work.join("target")),
        )?;
        Ok(started.elapsed())
    };
    let cold = build()?;
    write(&lib, "//! The generated source of a synthetic catalog, edited.\n\ninclude!(\"errors.rs\");\n")?;
    let incremental = build()?;
    eprintln!("  cargo build: cold {:.1} s, after an edit {:.1} s", cold.as_secs_f64(), incremental.as_secs_f64());
    Ok(CrateBuild { cold, incremental })
}
