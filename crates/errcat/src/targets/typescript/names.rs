//! The names TypeScript code generated from a catalog declares.

use serde::Serialize;

use super::syntax::{escape_ident, is_js_identifier, string_literal};
use crate::names::clashes::GENERATED_TYPE_NAMES;
use crate::targets::words::{Words, category_error_type_name, error_type_name, lower_words, upper_camel};

/// The names of one error code in the TypeScript package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// Error class: `MissingApiKeyError`; `ValidationError` for `VALIDATION_ERROR`
    /// ([`error_type_name`]).
    pub class: String,
    /// Details interface: `MissingApiKeyDetails`.
    pub details: String,
}

/// The names of one category in the TypeScript package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Abstract base class of the category's codes: `AuthenticationCategoryError`.
    pub class: String,
}

/// The names of a code whose words are `words`.
pub fn code(words: &Words) -> CodeNames {
    let camel = &words.camel;
    CodeNames {
        class: escape_ident(&error_type_name(camel, is_taken_error_name)),
        details: escape_ident(&format!("{camel}Details")),
    }
}

/// The property key of the details field `name`: the wire name itself when it is an
/// identifier (reserved words are fine as property names), a quoted string otherwise.
pub fn field(name: &str) -> String {
    if is_js_identifier(name) { name.to_owned() } else { string_literal(name) }
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    CategoryNames { class: escape_ident(&category_error_type_name(&upper_camel(id))) }
}

/// JavaScript's global error constructors (ES2025, with `SuppressedError` of explicit
/// resource management): a code named `TYPE_ERROR` keeps its class `TypeErrorError`
/// rather than hide the global. (`TYPE` gets `TypeError`, as before: the module that
/// declares the code classes never names the global.)
const GLOBAL_ERRORS: &[&str] = &[
    "AggregateError",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SuppressedError",
    "SyntaxError",
    "TypeError",
    "URIError",
];

/// Whether a code's error class may not be `name`: a global or errcat's own type. The
/// OpenAPI fragment's schema names follow the same rule, so the TypeScript clash check
/// covers them too.
pub(crate) fn is_taken_error_name(name: &str) -> bool {
    GLOBAL_ERRORS.contains(&name) || GENERATED_TYPE_NAMES.contains(&name)
}

/// The npm name of the package for the API `api_name`: `@scriptix/errors`, the scope
/// being the name's [`lower_words`] joined with `-` (lowercase and URL-safe, as npm
/// requires).
pub fn package(api_name: &str) -> String {
    format!("@{}/errors", lower_words(api_name).join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::words::awkward;

    /// npm's rules for a new scoped package name (`validate-npm-package-name`), apart from
    /// its length: `@scope/name`, both parts lowercase and URL-safe (letters, digits,
    /// `-._~`), neither empty nor starting with `.` or `_`.
    fn is_npm_name_shape(name: &str) -> bool {
        let part = |p: &str| {
            !p.is_empty()
                && !p.starts_with(['.', '_'])
                && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._~".contains(&b))
        };
        name.strip_prefix('@')
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(scope, pkg)| part(scope) && part(pkg))
    }

    /// npm's limit on a name, scope included.
    const NPM_MAX_LEN: usize = 214;

    #[test]
    fn package_examples() {
        assert_eq!(package("Scriptix"), "@scriptix/errors");
        assert_eq!(package("Acme Cloud"), "@acme-cloud/errors");
        assert_eq!(package("ACMECloud"), "@acme-cloud/errors");
        assert_eq!(package("acme.io"), "@acme-io/errors");
        assert_eq!(package("Café Über"), "@caf-ber/errors");
    }

    #[test]
    fn package_names_are_npm_names() {
        for name in awkward::accepted() {
            let npm = package(&name);
            assert!(is_npm_name_shape(&npm) && npm.len() <= NPM_MAX_LEN, "{name:?} gives {npm:?}");
        }
        for name in awkward::too_long() {
            assert!(is_npm_name_shape(&package(&name)), "{name:?}");
        }
    }
}
