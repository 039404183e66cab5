//! The schema names of the OpenAPI fragment.

use serde::Serialize;

use crate::targets::words::Words;

/// The component schemas of one error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// The code's error body schema: `MissingApiKeyError`.
    pub schema: String,
    /// The code's `details` object schema: `MissingApiKeyDetails`.
    pub details_schema: String,
}

/// The schema names of a code whose words are `words`. Component names may hold letters,
/// digits, `.`, `-` and `_` only; UpperCamelCase words always qualify, and a leading digit
/// is fine.
pub fn code(words: &Words) -> CodeNames {
    let camel = &words.camel;
    CodeNames { schema: format!("{camel}Error"), details_schema: format!("{camel}Details") }
}
