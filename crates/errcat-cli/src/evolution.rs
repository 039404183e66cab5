//! `errcat diff` and `errcat lock`: how a catalog changes over time.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use errcat::diag::{self, Style};
use errcat::diff::{self, output::Side};
use errcat::load::Limits;
use errcat::model::Catalog;

/// How `errcat diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics pointing into both catalogs.
    Text,
    /// A Markdown changelog section.
    Markdown,
    /// JSON for tools.
    Json,
}

/// Which changes make `errcat diff` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Breaking changes.
    Breaking,
    /// Breaking and compatible changes: anything beyond documentation.
    Compatible,
}

/// A catalog read for `diff`: from a file, or `git:REF:PATH` from a commit.
struct Loaded {
    shown: String,
    text: String,
    catalog: Catalog,
}

/// Reads and checks `spec`: a path, or `git:REF:PATH` (`git show REF:PATH` in the current
/// folder's repository). A catalog with errors stops the diff, its diagnostics printed.
fn load(spec: &str, style: Style) -> Result<Loaded, String> {
    let limits = Limits::default();
    let (shown, text, checked) = match spec.strip_prefix("git:") {
        Some(rest) => {
            let (reference, path) =
                rest.split_once(':').ok_or_else(|| format!("`{spec}`: write a git catalog as git:REF:PATH"))?;
            let output = Command::new("git")
                .args(["show", &format!("{reference}:{path}")])
                .output()
                .map_err(|e| format!("cannot run git for `{spec}`: {e}"))?;
            if !output.status.success() {
                return Err(format!(
                    "`git show {reference}:{path}` failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            if output.stdout.len() > limits.max_bytes {
                return Err(format!(
                    "`{spec}` is {} bytes, more than the limit of {}",
                    output.stdout.len(),
                    limits.max_bytes
                ));
            }
            let text = String::from_utf8(output.stdout).map_err(|_| format!("`{spec}` is not UTF-8 text"))?;
            let checked = errcat::check_str(&text, &limits);
            (spec.to_owned(), text, checked)
        }
        None => {
            let file = errcat::check_file(Path::new(spec), &limits).map_err(|e| e.to_string())?;
            if file.has_errors() {
                eprint!("{}", file.rendered(spec, style));
                return Err(format!("`{spec}` has errors; `errcat diff` compares valid catalogs"));
            }
            (spec.to_owned(), file.text, file.checked)
        }
    };
    if !checked.diagnostics.is_empty() && checked.has_errors() {
        eprint!("{}", diag::render(&checked.diagnostics, &shown, &text, style));
    }
    match checked.catalog {
        Some(catalog) if !checked.has_errors() => Ok(Loaded { shown, text, catalog }),
        _ => Err(format!("`{shown}` has errors; `errcat diff` compares valid catalogs")),
    }
}

/// `errcat diff OLD NEW`.
pub fn diff(old: &str, new: &str, format: Format, deny: Option<Deny>, style: Style) -> Result<ExitCode, String> {
    let (old, new) = (load(old, style)?, load(new, style)?);
    let changes = diff::changes(&old.catalog, &new.catalog);
    let (old_side, new_side) =
        (Side { shown: &old.shown, text: &old.text }, Side { shown: &new.shown, text: &new.text });
    let report = match format {
        Format::Text => diff::output::text(&changes, old_side, new_side, style),
        Format::Markdown => diff::output::markdown(&changes, &format!("Error catalog: {} → {}", old.shown, new.shown)),
        Format::Json => diff::output::json(&changes, old_side, new_side),
    };
    // Diagnostics and JSON escape catalog text themselves; Markdown is made safe here.
    let report = if format == Format::Markdown { diag::terminal_safe(&report) } else { report };
    print!("{report}");
    let counts = diff::output::counts(&changes);
    let denied = match deny {
        Some(Deny::Breaking) => counts.breaking > 0,
        Some(Deny::Compatible) => counts.breaking + counts.compatible > 0,
        None => false,
    };
    Ok(if denied { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `errcat lock CATALOG [--check]`: writes (or checks) the lock beside the catalog.
pub fn lock(catalog_path: &Path, check: bool, style: Style) -> Result<ExitCode, String> {
    let lock_path: PathBuf = errcat::lock::path_for(catalog_path);
    let file = errcat::check_file(catalog_path, &Limits::default()).map_err(|e| e.to_string())?;
    let shown = catalog_path.display().to_string();
    eprint!("{}", file.rendered(&shown, style));
    // A lock error (a published code gone without a tombstone) is an error here too: the
    // lock never forgets a code.
    let Some(catalog) = file.checked.catalog.as_ref().filter(|_| !file.has_errors()) else {
        return Ok(ExitCode::FAILURE);
    };
    let previous = match std::fs::read_to_string(&lock_path) {
        Ok(text) => Some(errcat::lock::parse(&text).map_err(|e| format!("{}: {e}", lock_path.display()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", lock_path.display())),
    };
    let catalog_name = catalog_path.file_name().map_or(shown.clone(), |name| name.to_string_lossy().into_owned());
    let text = errcat::lock::render(&errcat::lock::updated(catalog, previous.as_ref()), &catalog_name);
    let current = std::fs::read_to_string(&lock_path).ok();
    if check {
        if current.as_deref() == Some(text.as_str()) {
            eprintln!("{}: up to date", lock_path.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{}: out of date; run `errcat lock {shown}` and commit it", lock_path.display());
        return Ok(ExitCode::FAILURE);
    }
    if current.as_deref() != Some(text.as_str()) {
        let temp = lock_path.with_extension("yaml.errcat-tmp");
        std::fs::write(&temp, &text)
            .and_then(|()| std::fs::rename(&temp, &lock_path))
            .map_err(|e| format!("cannot write {}: {e}", lock_path.display()))?;
    }
    eprintln!("{}: {} codes", lock_path.display(), catalog.codes.len() + catalog.removed.len());
    Ok(ExitCode::SUCCESS)
}
