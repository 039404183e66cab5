//! The names Python code generated from a catalog declares.

use serde::Serialize;

use super::syntax::escape_ident;
use crate::model::Code;
use crate::names::FieldNames;
use crate::names::clashes::GENERATED_TYPE_NAMES;
use crate::targets::words::{
    Words, category_error_type_name, error_type_name, lower_words, screaming_snake, snake, upper_camel,
};

/// The names of one error code in the Python package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `ErrorCode` (`StrEnum`) member: the code's words in SCREAMING_SNAKE_CASE,
    /// `MISSING_API_KEY` (`ACCESS_DENIED_EXCEPTION` for `AccessDeniedException`); its value
    /// is the wire string.
    pub member: String,
    /// Exception class: `MissingApiKeyError`; `ValidationError` for `VALIDATION_ERROR`
    /// ([`error_type_name`]).
    pub class: String,
    /// Details dataclass: `MissingApiKeyDetails`.
    pub details: String,
    /// Details attribute holding the keys not declared: `extra`, or `extra_` when a
    /// declared field is called `extra`.
    pub extra: String,
}

/// The names of one category in the Python package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Base exception class of the category's codes: `AuthenticationCategoryError`.
    pub class: String,
    /// `ErrorCategory` member: `AUTHENTICATION`.
    pub member: String,
}

/// The names of `code`, whose words are `words` and whose details fields are named
/// `fields`.
pub fn code(code: &Code, words: &Words, fields: &[FieldNames]) -> CodeNames {
    let camel = &words.camel;
    let wire_names = code.fields.iter().zip(fields).filter(|(field, _)| !field.message_only).map(|(_, n)| &n.python);
    let extra = if wire_names.into_iter().any(|name| name == "extra") { "extra_" } else { "extra" };
    CodeNames {
        member: enum_member(&screaming_snake(&code.code)),
        class: escape_ident(&error_type_name(camel, is_taken_error_name)),
        details: escape_ident(&format!("{camel}Details")),
        extra: extra.to_owned(),
    }
}

/// The attribute of the details field `name`: its escaped snake_case (`type` → `type_`,
/// `resourceId` → `resource_id`); the parser reads it from the wire key `name`.
pub fn field(name: &str) -> String {
    escape_ident(&snake(name))
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    CategoryNames {
        class: escape_ident(&category_error_type_name(&upper_camel(id))),
        member: escape_ident(&screaming_snake(id)),
    }
}

/// Python's builtin exceptions whose names end in `Error` (3.11–3.13) and that a code's
/// words can spell (`IOError`, `OSError`, `EOFError` and `BlockingIOError` cannot: the
/// words of `IO_ERROR` give `IoError`): a code named `KEY_ERROR` keeps its class
/// `KeyErrorError` rather than hide the builtin. A code named `TIMEOUT` does get
/// `TimeoutError`, as before: the package's `__all__` keeps `import *` from hiding it, and
/// the builtins the generated code itself raises are reserved words ([`RESERVED`]).
///
/// [`RESERVED`]: super::syntax::RESERVED
#[rustfmt::skip]
const BUILTIN_ERRORS: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BrokenPipeError",
    "BufferError", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "EnvironmentError",
    "FileExistsError", "FileNotFoundError", "FloatingPointError", "ImportError",
    "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
    "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError",
    "NotImplementedError", "OverflowError", "PermissionError", "ProcessLookupError",
    "PythonFinalizationError", "RecursionError", "ReferenceError", "RuntimeError", "SyntaxError",
    "SystemError", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
    "ValueError", "ZeroDivisionError",
];

/// Whether a code's exception class may not be `name`: a builtin or errcat's own type.
fn is_taken_error_name(name: &str) -> bool {
    BUILTIN_ERRORS.contains(&name) || GENERATED_TYPE_NAMES.contains(&name)
}

/// The import name of the package for the API `api_name`: `scriptix_errors`, the name's
/// [`lower_words`] joined with `_`. The distribution name (`pyproject.toml`) is the same
/// with `-` for `_`.
pub fn package(api_name: &str) -> String {
    format!("{}_errors", lower_words(api_name).join("_"))
}

/// A `StrEnum` member name for `code`. Beyond [`escape_ident`], a member must not start
/// with `_`: `_sunder_` names are reserved by `enum` and `__private` ones are not members.
fn enum_member(code: &str) -> String {
    let member = escape_ident(code);
    if member.starts_with('_') { escape_ident(&format!("M{member}")) } else { member }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::words::awkward;

    /// Python's keywords (3.12), which no identifier may be.
    const PYTHON_KEYWORDS: [&str; 35] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    /// A Python identifier that `import` takes, in ASCII: a letter or `_`, then letters,
    /// digits and `_`, and no keyword.
    fn is_import_name(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !PYTHON_KEYWORDS.contains(&name)
    }

    /// A PEP 508 project name (`^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`, any case)
    /// that is already in PEP 503 normal form (lowercase, single `-` between words), so
    /// PyPI shows it as written.
    fn is_normal_project_name(name: &str) -> bool {
        let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        edge(name.chars().next())
            && edge(name.chars().last())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.contains("--")
    }

    #[test]
    fn package_examples() {
        assert_eq!(package("Scriptix"), "scriptix_errors");
        assert_eq!(package("Acme Cloud"), "acme_cloud_errors");
        assert_eq!(package("ACME"), "acme_errors");
        assert_eq!(package("acme.io"), "acme_io_errors");
        assert_eq!(package("Café Über"), "caf_ber_errors");
    }

    #[test]
    fn package_names_are_import_and_project_names() {
        for name in awkward::accepted().iter().chain(&awkward::too_long()) {
            let import = package(name);
            assert!(is_import_name(&import), "{name:?} gives {import:?}");
            // `pyproject.toml` names the distribution with `-` for `_`.
            let project = import.replace('_', "-");
            assert!(is_normal_project_name(&project), "{name:?} gives {project:?}");
        }
        // The import name is a folder of the package, within a path component's 255 bytes.
        for name in awkward::accepted() {
            assert!(package(&name).len() <= 255, "{name:?}");
        }
    }
}
