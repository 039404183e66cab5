//! errcat: one YAML error catalog, checked, rendered into everything that needs it.
//!
//! The pipeline runs one way: [`load`] parses YAML into [`raw`] types with source spans,
//! [`validate`] checks them into a [`model::Catalog`] and decides every generated name
//! once ([`names`]), and each target of [`targets`] renders only from that model.
//! Problems are [`diag::Diagnostic`]s, collected rather than thrown, so one run reports
//! every one of them.

pub mod diag;
pub mod load;
pub mod model;
pub mod names;
pub mod raw;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "schema")]
pub mod schema;
pub mod span;
pub mod targets;
pub mod validate;
#[cfg(feature = "render")]
pub mod write;

use std::path::Path;

use diag::Diagnostic;
use model::Catalog;

/// The outcome of checking one catalog: the model when there was no error, and every
/// diagnostic, sorted by position.
#[derive(Debug)]
pub struct Checked {
    /// The checked catalog, when no error was found.
    pub catalog: Option<Catalog>,
    /// Every error and warning.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether any diagnostic is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| !d.is_error())
    }
}

/// Loads and validates catalog text.
pub fn check_str(text: &str, limits: &load::Limits) -> Checked {
    match load::load(text, limits) {
        Ok(raw) => {
            let validated = validate::validate(&raw);
            Checked { catalog: validated.catalog, diagnostics: validated.diagnostics }
        }
        Err(mut diagnostics) => {
            diag::sort(&mut diagnostics);
            Checked { catalog: None, diagnostics }
        }
    }
}

/// A catalog file's text and the outcome of checking it.
#[derive(Debug)]
pub struct CheckedFile {
    /// The text that was checked (diagnostics point into it).
    pub text: String,
    /// The outcome.
    pub checked: Checked,
}

/// Reads and checks a catalog file. A file that cannot be read, is too large or is not
/// UTF-8 is an I/O error with the path in its message.
pub fn check_file(path: &Path, limits: &load::Limits) -> std::io::Result<CheckedFile> {
    let metadata = std::fs::metadata(path).map_err(|e| with_path(path, e))?;
    if metadata.len() > limits.max_bytes as u64 {
        let diagnostics = vec![load::too_large(metadata.len(), limits)];
        return Ok(CheckedFile { text: String::new(), checked: Checked { catalog: None, diagnostics } });
    }
    let bytes = std::fs::read(path).map_err(|e| with_path(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        with_path(path, std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8 text: {e}")))
    })?;
    let checked = check_str(&text, limits);
    Ok(CheckedFile { text, checked })
}

fn with_path(path: &Path, error: std::io::Error) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}
