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

/// `kebab-case`: `"MISSING_API_KEY"` becomes `"missing-api-key"`.
pub fn kebab(s: &str) -> String {
    ascii_words(s).to_kebab_case()
}

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
    fn sanitize_examples() {
        assert_eq!(sanitize(""), "_");
        assert_eq!(sanitize("1x"), "_1x");
        assert_eq!(sanitize("a-b c"), "a_b_c");
        assert_eq!(sanitize("plain"), "plain");
    }
}
