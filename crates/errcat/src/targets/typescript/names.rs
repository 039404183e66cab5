//! The names TypeScript code generated from a catalog declares.

use serde::Serialize;

use super::syntax::{escape_ident, is_js_identifier, string_literal};
use crate::targets::words::{Words, upper_camel};

/// The names of one error code in the TypeScript package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// Error class: `MissingApiKeyError`.
    pub class: String,
    /// Details interface: `MissingApiKeyDetails`.
    pub details: String,
}

/// The names of one category in the TypeScript package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Abstract base class of the category's codes: `AuthenticationError`.
    pub class: String,
}

/// The names of a code whose words are `words`.
pub fn code(words: &Words) -> CodeNames {
    let camel = &words.camel;
    CodeNames { class: escape_ident(&format!("{camel}Error")), details: escape_ident(&format!("{camel}Details")) }
}

/// The property key of the details field `name`: the wire name itself when it is an
/// identifier (reserved words are fine as property names), a quoted string otherwise.
pub fn field(name: &str) -> String {
    if is_js_identifier(name) { name.to_owned() } else { string_literal(name) }
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    CategoryNames { class: format!("{}Error", upper_camel(id)) }
}

/// The npm name of the package for the API `api_name`: `@scriptix/errors`.
pub fn package(api_name: &str) -> String {
    format!("@{}/errors", heck::ToKebabCase::to_kebab_case(api_name))
}
