//! The names the generated Rust crate declares.

use serde::Serialize;

use super::syntax::escape_ident;
use crate::model::{Category, Code, DetailField};
use crate::targets::words::{Words, snake, upper_camel};

/// Inherent associated functions of `ApiError` that no per-code constructor may take.
pub const API_ERROR_FNS: [&str; 8] =
    ["new", "with_details", "with_retry_after", "code", "status", "http_status", "details_as", "is_retryable"];

/// The names of one error code in the Rust crate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `ErrorCode` variant: `MissingApiKey`.
    pub variant: String,
    /// `ApiError` constructor: `missing_api_key` (`new_` for a code `NEW`, which would
    /// shadow `ApiError::new`).
    pub constructor: String,
    /// Details struct: `MissingApiKeyDetails`.
    pub details: String,
    /// Details struct field holding the keys not declared: `additional`, or `additional_`
    /// when a declared field is called `additional`.
    pub additional: String,
}

/// The names of one category in the Rust crate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// `ErrorCategory` variant: `Authentication`.
    pub variant: String,
}

/// The names of `code`, whose words are `words`.
pub fn code(code: &Code, words: &Words) -> CodeNames {
    let camel = &words.camel;
    let mut constructor = escape_ident(&words.snake);
    if API_ERROR_FNS.contains(&constructor.as_str()) {
        constructor.push('_');
    }
    // Declared field names are snake_case without a trailing `_`, so `additional_` is free.
    let additional =
        if code.wire_fields().any(|field| field.name == "additional") { "additional_" } else { "additional" };
    CodeNames {
        variant: escape_ident(camel),
        constructor,
        details: escape_ident(&format!("{camel}Details")),
        additional: additional.to_owned(),
    }
}

/// The identifier of a details field: the escaped snake_case name (`type` → `r#type`). A
/// message-only field is a constructor parameter, where `details` and `message` would
/// clash with the details parameter and the message being built: those get a trailing
/// `_` (field names never end in one, so the name is free).
pub fn field(field: &DetailField) -> String {
    match field.name.as_str() {
        "details" | "message" if field.message_only => format!("{}_", field.name),
        name => escape_ident(&snake(name)),
    }
}

/// The `ErrorCategory` variants of `categories`, in order. Category ids are unique
/// snake_case, but two of them may still share a camel case spelling (`a_1`, `a1`): a
/// later one gets `_` appended until its variant is distinct.
pub fn categories(categories: &[Category]) -> Vec<CategoryNames> {
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    categories
        .iter()
        .map(|category| {
            let mut variant = escape_ident(&upper_camel(&category.id));
            while taken.contains(&variant) {
                variant.push('_');
            }
            taken.insert(variant.clone());
            CategoryNames { variant }
        })
        .collect()
}

/// The crate name for the API `api_name`: `scriptix-errors`.
pub fn package(api_name: &str) -> String {
    format!("{}-errors", heck::ToKebabCase::to_kebab_case(api_name))
}
