//! UI tests of `catalog!`: `tests/ui/*.rs` with their `.stderr`. Refresh the expected
//! output with `TRYBUILD=overwrite cargo test -p errcat-macros --test compiletest`.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    stage_catalogs();
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/good.rs");
    t.pass("tests/ui/flat_members.rs");
    t.pass("tests/ui/hostile.rs");
    t.pass("tests/ui/pascal_camel.rs");
    t.pass("tests/ui/big.rs");
    t.pass("tests/ui/lifecycle_clean.rs");
    t.compile_fail("tests/ui/lifecycle_deprecated.rs");
    t.compile_fail("tests/ui/bad_catalog.rs");
    t.compile_fail("tests/ui/missing_file.rs");
    t.compile_fail("tests/ui/not_a_path.rs");
}

/// Codes of the synthetic catalog `tests/ui/big.rs` expands: above the 256 that
/// `FromStr` matches with a `match`, so it looks them up in its perfect hash table.
const BIG: usize = 600;

/// trybuild compiles the cases in a crate of its own, `target/tests/trybuild/errcat-macros`,
/// so `CARGO_MANIFEST_DIR` (which catalog paths are relative to) is that crate's folder.
/// Copy the catalogs there under the same relative paths, and write the synthetic one.
fn stage_catalogs() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR is below the target dir");
    let staged = target.join("tests/trybuild/errcat-macros/tests/ui");
    std::fs::create_dir_all(&staged).expect("can create the trybuild crate's folder");
    let big = staged.join("big.yaml");
    let text = errcat_testkit::synthetic::catalog(BIG);
    if std::fs::read_to_string(&big).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&big, text).expect("can write the synthetic catalog");
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = manifest.join("tests/ui");
    let mut catalogs: Vec<PathBuf> = std::fs::read_dir(&source)
        .expect("tests/ui exists")
        .map(|entry| entry.expect("readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    // The catalog of PascalCase codes and camelCase fields, which CI also runs through every
    // client, is errcat's own test catalog.
    catalogs.push(manifest.join("../errcat/tests/catalogs/pascal-camel.yaml"));
    for path in catalogs {
        let name = path.file_name().expect("a file name");
        let copy = staged.join(name);
        // An unchanged copy keeps its time stamp, so the UI crate is not rebuilt.
        if std::fs::read(&path).ok() != std::fs::read(&copy).ok() {
            std::fs::copy(&path, &copy).expect("can copy a catalog");
        }
    }
}
