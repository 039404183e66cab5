//! `cargo xtask generate`: the committed artifacts, from the shipped catalog.

use std::collections::BTreeMap;

use errcat::render::MANIFEST;
use errcat::write::{self, Stale};

use crate::exec::load_catalog;
use crate::project_root;

/// The shipped catalog, relative to the repository root.
pub const CATALOG: &str = "catalog/scriptix.yaml";
/// Where the rendered targets go, relative to the repository root.
pub const GENERATED: &str = "generated";
/// Where the catalog schema goes, relative to the repository root.
pub const SCHEMA_DIR: &str = "schema";
/// The command that regenerates everything; every generated file's header names it.
pub const COMMAND: &str = "cargo xtask generate";

/// Write the files, or only check them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring every generated file up to date.
    Write,
    /// Change nothing; fail if anything is stale.
    Check,
}

/// Renders every target and the schema; nothing is written unless all of them render.
pub fn generate(mode: Mode) -> Result<(), String> {
    let root = project_root();
    let catalog = load_catalog(CATALOG, true)?;
    let options = errcat::render::Options {
        command: COMMAND.to_owned(),
        catalog_path: CATALOG.to_owned(),
        templates_dir: Some(root.join("templates")),
    };
    let files = errcat::render::plan(&catalog, &options).map_err(|e| format!("nothing generated: {e}"))?;
    // `schema/` has its manifest too, so errcat owns its one file the way it owns
    // `generated/`'s: a file there that no manifest lists is never overwritten.
    let mut schema: errcat::render::Files = BTreeMap::from([
        ("catalog.schema.json".to_owned(), errcat::schema::catalog_schema()),
        ("locale.schema.json".to_owned(), errcat::schema::locale_schema()),
    ]);
    schema.insert(MANIFEST.to_owned(), errcat::render::manifest(schema.keys()));
    let write_mode = match mode {
        Mode::Write => write::Mode::Write,
        Mode::Check => write::Mode::Check,
    };
    // Check both trees before writing either, so a failure leaves everything as it was.
    let mut stale: Vec<(String, Stale)> = Vec::new();
    for (dir, files) in [(GENERATED, &files), (SCHEMA_DIR, &schema)] {
        let outcome = write::apply(&root.join(dir), files, write::Mode::Check).map_err(|e| e.to_string())?;
        stale.extend(outcome.stale.into_iter().map(|s| (dir.to_owned(), s)));
    }
    if write_mode == write::Mode::Check {
        if stale.is_empty() {
            eprintln!("generated files are up to date ({} files)", files.len() + schema.len());
            return Ok(());
        }
        for (dir, entry) in &stale {
            eprintln!("{dir}/{entry}");
        }
        return Err(format!("{} generated files are stale; run `{COMMAND}`", stale.len()));
    }
    let mut written = 0;
    let mut removed = 0;
    for (dir, files) in [(GENERATED, &files), (SCHEMA_DIR, &schema)] {
        let outcome = write::apply(&root.join(dir), files, write::Mode::Write).map_err(|e| e.to_string())?;
        for path in &outcome.written {
            eprintln!("wrote {dir}/{path}");
        }
        for path in &outcome.removed {
            eprintln!("removed {dir}/{path}");
        }
        written += outcome.written.len();
        removed += outcome.removed.len();
    }
    eprintln!("{written} written, {removed} removed, {} up to date", files.len() + schema.len() - written);
    Ok(())
}
