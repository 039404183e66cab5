//! Word casing shared by every target: catalog names split into ASCII words and joined in
//! a language's style.
//!
//! Casing is ASCII only and deterministic: any character that is not an ASCII letter or
//! digit separates words and is dropped. Which style a generated name uses is the business
//! of its language's names module; this module only spells.

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// `UpperCamelCase`: `"MISSING_API_KEY"` becomes `"MissingApiKey"`.
pub fn upper_camel(s: &str) -> String {
    ascii_words(s).to_upper_camel_case()
}

/// `lowerCamelCase`: `"MISSING_API_KEY"` becomes `"missingApiKey"`.
pub fn lower_camel(s: &str) -> String {
    ascii_words(s).to_lower_camel_case()
}

/// `snake_case`: `"MISSING_API_KEY"` becomes `"missing_api_key"`.
pub fn snake(s: &str) -> String {
    ascii_words(s).to_snake_case()
}

/// `SCREAMING_SNAKE_CASE`: `"missingApiKey"` becomes `"MISSING_API_KEY"`.
pub fn screaming_snake(s: &str) -> String {
    ascii_words(s).to_shouty_snake_case()
}

/// A name's words in the two casings generated names are built from, computed once per
/// name for every target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// `UpperCamelCase`: `MissingApiKey`.
    pub camel: String,
    /// `snake_case`: `missing_api_key`.
    pub snake: String,
}

impl Words {
    /// The words of `name`.
    pub fn of(name: &str) -> Words {
        Words { camel: upper_camel(name), snake: snake(name) }
    }
}

/// The error type name of a code whose UpperCamelCase words are `camel`, in the languages
/// whose error classes end in `Error` (Python, TypeScript, OpenAPI schemas): `camel` itself
/// when its last word is `Error` already (`VALIDATION_ERROR` gives `ValidationError`), else
/// `camel` with `Error` added (`MissingApiKeyError`). Where dropping the added word would
/// give a name that `taken` says belongs to the language or to errcat (a builtin
/// `TypeError`, the client's own `ApiError`), it is kept: `TypeErrorError`. (A name made by
/// adding the word, `TIMEOUT`'s `TimeoutError`, is the language module's to guard.)
pub fn error_type_name(camel: &str, taken: impl Fn(&str) -> bool) -> String {
    const SUFFIX: &str = "Error";
    if camel.len() > SUFFIX.len() && camel.ends_with(SUFFIX) && !taken(camel) {
        camel.to_owned()
    } else {
        format!("{camel}{SUFFIX}")
    }
}

/// The base class name of a category whose UpperCamelCase id is `camel`, in Python and
/// TypeScript: `AuthenticationCategoryError`. The word `Category` keeps it apart from a
/// code named after its category (`VALIDATION_ERROR` in `validation`) and from builtins
/// (`system` would otherwise give Python's `SystemError`).
pub fn category_error_type_name(camel: &str) -> String {
    format!("{camel}CategoryError")
}

/// `kebab-case`: `"MISSING_API_KEY"` becomes `"missing-api-key"`.
pub fn kebab(s: &str) -> String {
    ascii_words(s).to_kebab_case()
}

/// The lowercase ASCII words of `s`, which [`snake`] joins with `_` and [`kebab`] with
/// `-`: `"Acme Cloud"` gives `["acme", "cloud"]`, `"Café Über"` gives `["caf", "ber"]`.
///
/// Every package name derived from `api.name` is made of these words (Python
/// `acme_cloud_errors`, npm `@acme-cloud/errors`, Go `acmeclouderrors`, Java
/// `com.acmecloud.errors`, Rust `acme-cloud-errors`), so the ecosystems never disagree
/// about which letters a name keeps.
pub fn lower_words(s: &str) -> Vec<String> {
    snake(s).split('_').filter(|word| !word.is_empty()).map(str::to_owned).collect()
}

/// The letters and digits of `s` that are not ASCII, which every casing here drops: each
/// once, in order of first appearance (`"Café Über"` gives `['é', 'Ü']`).
pub fn dropped_letters(s: &str) -> Vec<char> {
    let mut dropped = Vec::new();
    for c in s.chars().filter(|c| c.is_alphanumeric() && !c.is_ascii()) {
        if !dropped.contains(&c) {
            dropped.push(c);
        }
    }
    dropped
}

/// The longest accepted package base name: the words of `api.name` joined with `_`
/// (`acme_cloud`), in characters. The longest name derived from it is the Rust crate
/// `<base>-errors`, and crates.io takes crate names of at most 64 characters; every other
/// derived name is shorter than npm's 214 characters and a path component's 255 bytes by
/// far. The validator refuses a longer base (`api-name`).
pub const MAX_PACKAGE_BASE_LEN: usize = 64 - "-errors".len();

/// `s` made a plain identifier: characters other than ASCII letters, digits and `_`
/// become `_`; an empty result becomes `_`, and one that starts with a digit gets a
/// leading `_`. Reserved words are each language's business (`…::syntax::escape_ident`).
pub fn sanitize(s: &str) -> String {
    let mut out: String = s.chars().map(|c| if is_ident_char(c) { c } else { '_' }).collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Whether `c` may appear in an identifier this module produces.
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `s` with every character that is not an ASCII letter or digit replaced by a word
/// separator, so heck's casing sees ASCII words only.
fn ascii_words(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// Concatenates two word lists at compile time; `C` must be `A + B`.
pub(crate) const fn concat<const A: usize, const B: usize, const C: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; C] {
    assert!(A + B == C, "concat: wrong output length");
    let mut out = [""; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// API names that push derived package names to their edges, for the names modules' tests.
#[cfg(test)]
pub(crate) mod awkward {
    use super::MAX_PACKAGE_BASE_LEN;

    /// Names the validator accepts: digits, dots, dashes, all caps, mixed scripts, emoji,
    /// keywords, and names whose base is exactly [`MAX_PACKAGE_BASE_LEN`] long.
    pub fn accepted() -> Vec<String> {
        let mut names: Vec<String> = [
            "Scriptix",
            "x",
            "Acme Cloud",
            "ACME",
            "ACMECloud",
            "acme.io",
            "Acme-Cloud",
            "Acme--Cloud..",
            "Acme2Go",
            "A1 B2 C3",
            "v2",
            "a.b-c_d e",
            "Acme_",
            "  Acme  ",
            "Café Über",
            "Acme Облако",
            "東京 Acme",
            "Ωmega 3",
            "Acme 🚀 Cloud",
            "class",
            "Enum",
            "True",
            "Go",
            "Errors",
            "Node Modules",
            "Std",
        ]
        .map(str::to_owned)
        .to_vec();
        names.push("a".repeat(MAX_PACKAGE_BASE_LEN));
        names.push("A".repeat(MAX_PACKAGE_BASE_LEN));
        // 64 characters whose base is shorter: separators and non-ASCII letters drop out.
        names.push(format!("Acme{}", " é".repeat(30)));
        names.push("Ab..".repeat(16));
        names
    }

    /// Names whose base is longer than [`MAX_PACKAGE_BASE_LEN`]: 64 and 300 characters.
    pub fn too_long() -> Vec<String> {
        vec![
            "a".repeat(MAX_PACKAGE_BASE_LEN + 1),
            "a".repeat(64),
            "Abcdefg ".repeat(8),
            "Acme".repeat(75),
            "Acme Cloud ".repeat(27) + "Ab",
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_examples() {
        assert_eq!(upper_camel("MISSING_API_KEY"), "MissingApiKey");
        assert_eq!(lower_camel("MISSING_API_KEY"), "missingApiKey");
        assert_eq!(snake("MISSING_API_KEY"), "missing_api_key");
        assert_eq!(screaming_snake("MISSING_API_KEY"), "MISSING_API_KEY");
        assert_eq!(screaming_snake("missingApiKey"), "MISSING_API_KEY");
        assert_eq!(kebab("Scriptix Cloud"), "scriptix-cloud");
        assert_eq!(snake("retryAfter"), "retry_after");
        assert_eq!(upper_camel("X_1_2"), "X12");
        assert_eq!(snake("X_1_2"), "x_1_2");
        assert_eq!(upper_camel("A1"), "A1");
        assert_eq!(snake("a-b.c d"), "a_b_c_d");
        assert_eq!(upper_camel("über_code"), "BerCode");
        assert_eq!(snake("Ünïcode"), "n_code");
        assert_eq!(upper_camel("🦀crab🦀"), "Crab");
        assert_eq!(upper_camel(""), "");
        assert_eq!(snake("___"), "");
    }

    #[test]
    fn lower_words_examples() {
        assert_eq!(lower_words("Acme Cloud"), ["acme", "cloud"]);
        assert_eq!(lower_words("ACMECloud"), ["acme", "cloud"]);
        assert_eq!(lower_words("acme.io"), ["acme", "io"]);
        assert_eq!(lower_words("Acme2Go"), ["acme2", "go"]);
        assert_eq!(lower_words("Café Über"), ["caf", "ber"]);
        assert_eq!(lower_words("--"), Vec::<String>::new());
        for name in awkward::accepted().iter().chain(&awkward::too_long()) {
            assert_eq!(lower_words(name).join("_"), snake(name), "{name}");
            assert_eq!(lower_words(name).join("-"), kebab(name), "{name}");
        }
    }

    #[test]
    fn error_type_name_examples() {
        let free = |_: &str| false;
        assert_eq!(error_type_name("MissingApiKey", free), "MissingApiKeyError");
        assert_eq!(error_type_name("ValidationError", free), "ValidationError");
        assert_eq!(error_type_name("InternalError", free), "InternalError");
        // The word `Error` alone, or `error` inside a word, is not a suffix.
        assert_eq!(error_type_name("Error", free), "ErrorError");
        assert_eq!(error_type_name("Terror", free), "TerrorError");
        assert_eq!(error_type_name("AccessDeniedException", free), "AccessDeniedExceptionError");
        // A taken name keeps the added word.
        assert_eq!(error_type_name("TypeError", |name| name == "TypeError"), "TypeErrorError");
        assert_eq!(category_error_type_name("Validation"), "ValidationCategoryError");
    }

    #[test]
    fn dropped_letters_examples() {
        assert_eq!(dropped_letters("Café Über"), ['é', 'Ü']);
        assert_eq!(dropped_letters("Acme Облако"), ['О', 'б', 'л', 'а', 'к', 'о']);
        assert_eq!(dropped_letters("Ωmega ٣"), ['Ω', '٣']);
        assert_eq!(dropped_letters("Acme 🚀 Cloud!"), Vec::<char>::new());
        assert_eq!(dropped_letters("Scriptix"), Vec::<char>::new());
    }

    #[test]
    fn sanitize_examples() {
        assert_eq!(sanitize(""), "_");
        assert_eq!(sanitize("1x"), "_1x");
        assert_eq!(sanitize("a-b c"), "a_b_c");
        assert_eq!(sanitize("plain"), "plain");
    }
}
