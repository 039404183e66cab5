//! The schema names of the OpenAPI fragment.

use serde::Serialize;

use crate::targets::typescript::names::is_taken_error_name;
use crate::targets::words::{Words, error_type_name};

/// The component schemas of one error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// The code's error body schema: `MissingApiKeyError`; `ValidationError` for
    /// `VALIDATION_ERROR` ([`error_type_name`]), as generators name classes after schemas;
    /// the names TypeScript's classes take, so one clash check covers both.
    pub schema: String,
    /// The code's `details` object schema: `MissingApiKeyDetails`.
    pub details_schema: String,
}

/// The schema names of a code whose words are `words`. Component names may hold letters,
/// digits, `.`, `-` and `_` only; UpperCamelCase words always qualify, and a leading digit
/// is fine.
pub fn code(words: &Words) -> CodeNames {
    let camel = &words.camel;
    CodeNames { schema: error_type_name(camel, is_taken_error_name), details_schema: format!("{camel}Details") }
}
