//! The names the generated Rust crate declares.

use serde::Serialize;

use super::syntax::escape_ident;
use crate::model::{Category, Code, DetailField};
use crate::targets::words::{Words, lower_words, snake, upper_camel};

/// Inherent associated functions of `ApiError` that no per-code constructor may take.
pub const API_ERROR_FNS: [&str; 12] = [
    "new",
    "with_details",
    "with_retry_after",
    "with_instance",
    "instance",
    "code",
    "status",
    "http_status",
    "grpc_status",
    "doc_url",
    "details_as",
    "is_retryable",
];

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
    // Field identifiers are snake_case words, which never end in `_`, so `additional_` is
    // free.
    let additional =
        if code.wire_fields().any(|f| snake(&f.name) == "additional") { "additional_" } else { "additional" };
    CodeNames {
        variant: escape_ident(camel),
        constructor,
        details: escape_ident(&format!("{camel}Details")),
        additional: additional.to_owned(),
    }
}

/// The identifier of a details field: the escaped snake_case of its wire key (`type` →
/// `r#type`, `resourceId` → `resource_id`; serde renames it back to the key). A
/// message-only field is a constructor parameter, where `details` and `message` would
/// clash with the details parameter and the message being built: those get a trailing
/// `_` (snake_case words never end in one, so the name is free).
pub fn field(field: &DetailField) -> String {
    match snake(&field.name) {
        name if field.message_only && (name == "details" || name == "message") => format!("{name}_"),
        name => escape_ident(&name),
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

/// The crate name for the API `api_name`: `scriptix-errors`, the name's [`lower_words`]
/// joined with `-`.
pub fn package(api_name: &str) -> String {
    format!("{}-errors", lower_words(api_name).join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::words::awkward;

    /// crates.io's rules for a new crate name, apart from its length: an ASCII letter,
    /// then ASCII letters, digits, `-` and `_`, and not a name crates.io reserves for the
    /// standard library.
    fn is_crate_name_shape(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !["std", "core", "alloc", "proc_macro", "test"].contains(&name)
    }

    /// crates.io's limit on a crate name.
    const CRATES_IO_MAX_LEN: usize = 64;

    #[test]
    fn package_examples() {
        assert_eq!(package("Scriptix"), "scriptix-errors");
        assert_eq!(package("Acme Cloud"), "acme-cloud-errors");
        assert_eq!(package("Café Über"), "caf-ber-errors");
    }

    #[test]
    fn package_names_are_crate_names() {
        for name in awkward::accepted() {
            let krate = package(&name);
            assert!(is_crate_name_shape(&krate) && krate.len() <= CRATES_IO_MAX_LEN, "{name:?} gives {krate:?}");
            // The library is imported as the name with `_` for `-`, which must be an
            // identifier and no keyword.
            let lib = krate.replace('-', "_");
            assert_eq!(super::super::syntax::escape_ident(&lib), lib, "{name:?}");
        }
        for name in awkward::too_long() {
            assert!(is_crate_name_shape(&package(&name)), "{name:?}");
        }
    }
}
