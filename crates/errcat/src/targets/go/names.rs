//! The names Go code generated from a catalog declares.

use serde::Serialize;

use super::syntax::{escape_ident, exported};
use crate::model::Code;
use crate::names::FieldNames;
use crate::targets::words::{Words, snake, upper_camel};

/// The names of one error code in the Go package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `Code` constant: `CodeMissingApiKey`.
    pub constant: String,
    /// Details struct: `MissingApiKeyDetails`.
    pub details: String,
    /// Sentinel error for `errors.Is`: `ErrMissingApiKey`.
    pub error_var: String,
    /// Details struct field holding the keys not declared: `Extra`, or `Extra_` when a
    /// declared field is called `Extra` in Go.
    pub extra: String,
}

/// The names of one category in the Go package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Error type name of the category: `AuthenticationError`.
    pub class: String,
    /// `Category` constant: `CategoryAuthentication`.
    pub constant: String,
}

/// The names of `code`, whose words are `words` and whose details fields are named
/// `fields`.
pub fn code(code: &Code, words: &Words, fields: &[FieldNames]) -> CodeNames {
    let camel = &words.camel;
    let mut wire_names = code.fields.iter().zip(fields).filter(|(field, _)| !field.message_only).map(|(_, n)| &n.go);
    let extra = if wire_names.any(|name| name == "Extra") { "Extra_" } else { "Extra" };
    CodeNames {
        constant: escape_ident(&format!("Code{camel}")),
        details: escape_ident(&exported(format!("{camel}Details"))),
        error_var: escape_ident(&format!("Err{camel}")),
        extra: extra.to_owned(),
    }
}

/// The struct field of the details field `name`: its exported UpperCamelCase (without
/// Go's initialism conventions), prefixed with `X` when it would not start with a letter.
pub fn field(name: &str) -> String {
    escape_ident(&exported(upper_camel(name)))
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    let camel = upper_camel(id);
    CategoryNames { class: format!("{camel}Error"), constant: format!("Category{camel}") }
}

/// The Go package name for the API `api_name`: `scriptixerrors`.
pub fn package(api_name: &str) -> String {
    format!("{}errors", snake(api_name).replace('_', ""))
}
