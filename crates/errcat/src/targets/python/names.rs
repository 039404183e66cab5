//! The names Python code generated from a catalog declares.

use serde::Serialize;

use super::syntax::escape_ident;
use crate::model::Code;
use crate::names::FieldNames;
use crate::targets::words::{Words, screaming_snake, snake, upper_camel};

/// The names of one error code in the Python package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `ErrorCode` (`StrEnum`) member: the code itself, `MISSING_API_KEY`.
    pub member: String,
    /// Exception class: `MissingApiKeyError`.
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
    /// Base exception class of the category's codes: `AuthenticationError`.
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
        member: enum_member(&code.code),
        class: escape_ident(&format!("{camel}Error")),
        details: escape_ident(&format!("{camel}Details")),
        extra: extra.to_owned(),
    }
}

/// The attribute of the details field `name`: its escaped snake_case (`type` → `type_`).
pub fn field(name: &str) -> String {
    escape_ident(&snake(name))
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    CategoryNames { class: format!("{}Error", upper_camel(id)), member: escape_ident(&screaming_snake(id)) }
}

/// The import name of the package for the API `api_name`: `scriptix_errors`.
pub fn package(api_name: &str) -> String {
    format!("{}_errors", snake(api_name))
}

/// A `StrEnum` member name for `code`. Beyond [`escape_ident`], a member must not start
/// with `_`: `_sunder_` names are reserved by `enum` and `__private` ones are not members.
fn enum_member(code: &str) -> String {
    let member = escape_ident(code);
    if member.starts_with('_') { escape_ident(&format!("M{member}")) } else { member }
}
