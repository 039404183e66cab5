//! errcat: one YAML error catalog, checked, rendered into everything that needs it.
//!
//! The pipeline runs one way: [`load`] parses YAML into [`raw`] types with source spans,
//! [`validate`] checks them into a [`model::Catalog`] and decides every generated name
//! once ([`names`]), and each target of [`targets`] renders only from that model.
//! Problems are [`diag::Diagnostic`]s, collected rather than thrown, so one run reports
//! every one of them.

pub mod diag;
pub mod diff;
pub mod load;
pub mod locale;
pub mod lock;
pub mod model;
pub mod names;
pub mod raw;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "schema")]
pub mod schema;
pub mod span;
pub mod targets;
pub mod timing;
pub mod translations;
pub mod validate;
pub mod wire;
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

    /// Whether any diagnostic is a warning (notes do not count).
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == diag::Severity::Warning)
    }
}

/// Loads and validates catalog text.
pub fn check_str(text: &str, limits: &load::Limits) -> Checked {
    match timing::timed("load", || load::load(text, limits)) {
        Ok(raw) => {
            let validated = timing::timed("validate", || validate::validate(&raw));
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
    /// The text that was checked (diagnostics point into it). A file that is not UTF-8
    /// holds its text with U+FFFD in place of the bytes that are not.
    pub text: String,
    /// The outcome. Its diagnostics are those that point into the catalog; an error in a
    /// locale file takes the catalog away too.
    pub checked: Checked,
    /// The catalog's locale files that were read, each with the diagnostics that point
    /// into it.
    pub locale_files: Vec<translations::LocaleFile>,
}

impl CheckedFile {
    /// Every diagnostic (the catalog's, then each locale file's), rendered as `errcat
    /// check` prints them, with `shown` as the catalog's name and the locale files shown
    /// beside it, then one summary line; empty when there are none.
    pub fn rendered(&self, shown: &str, style: diag::Style) -> String {
        let all: Vec<&Diagnostic> = self.all_diagnostics().collect();
        if all.is_empty() {
            return String::new();
        }
        let mut out = String::new();
        for diagnostic in &self.checked.diagnostics {
            out.push_str(&diag::render_one_of(diagnostic, shown, &self.text, style));
            out.push_str("\n\n");
        }
        let folder = Path::new(shown).parent().filter(|parent| !parent.as_os_str().is_empty());
        for file in &self.locale_files {
            let file_shown = folder
                .map_or_else(|| file.relative.clone(), |folder| format!("{}/{}", folder.display(), file.relative));
            for diagnostic in &file.diagnostics {
                out.push_str(&diag::render_one_of(diagnostic, &file_shown, &file.text, style));
                out.push_str("\n\n");
            }
        }
        out.push_str(&diag::summary_of(all.iter().copied()));
        out.push('\n');
        out
    }

    /// Every diagnostic: the catalog's, then each locale file's.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.checked.diagnostics.iter().chain(self.locale_files.iter().flat_map(|file| &file.diagnostics))
    }

    /// Whether any diagnostic, in the catalog or a locale file, is an error.
    pub fn has_errors(&self) -> bool {
        self.all_diagnostics().any(Diagnostic::is_error)
    }

    /// Whether any diagnostic, in the catalog or a locale file, is a warning.
    pub fn has_warnings(&self) -> bool {
        self.all_diagnostics().any(|d| d.severity == diag::Severity::Warning)
    }

    /// The checked catalog and its rendered warnings (empty when there are none: notes
    /// alone, such as a partial translation's coverage, are left to `errcat check`), or,
    /// when the catalog or a locale file has errors, every diagnostic rendered.
    pub fn into_catalog(self, shown: &str, style: diag::Style) -> Result<(Catalog, String), String> {
        let rendered = self.rendered(shown, style);
        let (errors, warnings) = (self.has_errors(), self.has_warnings());
        match self.checked.catalog {
            Some(catalog) if !errors => Ok((catalog, if warnings { rendered } else { String::new() })),
            _ => Err(rendered),
        }
    }
}

/// Reads and checks a catalog file: the front door every command, build script and
/// proc-macro goes through.
///
/// The size limit holds while reading (a device, FIFO or growing file cannot make it read
/// more than `limits.max_bytes` and one byte). A file that is too large or not UTF-8 text
/// is a diagnostic (with the line and column of the first bad byte and the encoding it
/// looks like); only a file that cannot be opened or read is an I/O error, with the path
/// in its message.
pub fn check_file(path: &Path, limits: &load::Limits) -> Result<CheckedFile, ReadError> {
    let read_error = |error| ReadError { path: path.to_path_buf(), error };
    let (text, mut checked) = match read_capped(path, limits).map_err(read_error)? {
        Ok(text) => {
            let checked = check_str(&text, limits);
            (text, checked)
        }
        Err((text, diagnostic)) => (text, Checked { catalog: None, diagnostics: vec![diagnostic] }),
    };
    check_lock(path, limits, &mut checked);
    let mut locale_files = Vec::new();
    if let Some(catalog) = checked.catalog.as_mut() {
        let (in_catalog, files) = translations::read(path, catalog, limits);
        locale_files = files;
        checked.diagnostics.extend(in_catalog);
        diag::sort(&mut checked.diagnostics);
    }
    let file = CheckedFile { text, checked, locale_files };
    if file.has_errors() {
        let CheckedFile { text, mut checked, locale_files } = file;
        checked.catalog = None;
        return Ok(CheckedFile { text, checked, locale_files });
    }
    Ok(file)
}

/// Reads a text file under the size limit, which holds while reading (a device, FIFO or
/// growing file cannot make it read more than `limits.max_bytes` and one byte). A file too
/// large or not UTF-8 is the diagnostic saying so (with the text read, lossily); only a
/// file that cannot be opened or read is an I/O error.
pub(crate) fn read_capped(path: &Path, limits: &load::Limits) -> std::io::Result<Result<String, (String, Diagnostic)>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    // A regular file over the limit is refused from its size, unread.
    let metadata = file.metadata()?;
    if metadata.is_file() && metadata.len() > limits.max_bytes as u64 {
        return Ok(Err((String::new(), load::too_large(metadata.len(), limits))));
    }
    let mut bytes = Vec::new();
    let cap = u64::try_from(limits.max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    file.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > limits.max_bytes {
        return Ok(Err((String::new(), load::too_large(bytes.len() as u64, limits))));
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let diagnostic = load::not_utf8(error.as_bytes(), error.utf8_error().valid_up_to(), &text);
            Err((text, diagnostic))
        }
    })
}

/// Compares the checked catalog with its lock ([`lock::path_for`]) when the lock exists;
/// an error found there takes the catalog away, as the validator's errors do.
fn check_lock(path: &Path, limits: &load::Limits, checked: &mut Checked) {
    let lock_path = lock::path_for(path);
    let Ok(metadata) = std::fs::metadata(&lock_path) else { return };
    let shown = lock_path
        .file_name()
        .map_or_else(|| lock_path.display().to_string(), |name| name.to_string_lossy().into_owned());
    let text = if !metadata.is_file() {
        Err("it is not a regular file".to_owned())
    } else if metadata.len() > limits.max_bytes as u64 {
        Err(format!("it is {} bytes, more than the limit of {} bytes", metadata.len(), limits.max_bytes))
    } else {
        std::fs::read_to_string(&lock_path).map_err(|e| e.to_string())
    };
    let found = match text.and_then(|text| lock::parse(&text)) {
        Ok(lock) => match &checked.catalog {
            Some(catalog) => lock::check(catalog, &lock, &shown),
            None => Vec::new(),
        },
        Err(why) => vec![
            Diagnostic::error(
                "lock",
                span::Span::UNKNOWN,
                format!("the lock {} cannot be used: {why}", lock_path.display()),
            )
            .with_help("fix it, or delete it and run `errcat lock` to write it again from the catalog"),
        ],
    };
    if found.is_empty() {
        return;
    }
    checked.diagnostics.extend(found);
    diag::sort(&mut checked.diagnostics);
    if checked.has_errors() {
        checked.catalog = None;
    }
}

/// A catalog file that could not be opened or read.
#[derive(Debug)]
pub struct ReadError {
    /// The file.
    pub path: std::path::PathBuf,
    /// Why it could not be read.
    pub error: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
