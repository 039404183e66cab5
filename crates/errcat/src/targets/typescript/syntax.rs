//! TypeScript's lexical rules as generated code meets them: reserved words, identifiers
//! and string literals.

use crate::targets::text::{Dialect, JSON, quote};
use crate::targets::words::sanitize;

/// A TypeScript (and JavaScript) double-quoted string literal that evaluates to `s`.
///
/// Uses the JSON escapes, `\uNNNN` for other invisible characters (as a surrogate pair
/// outside the BMP), and writes `</` as `<\/` so the literal can sit inside an HTML
/// `<script>` element.
pub fn string_literal(s: &str) -> String {
    quote(s, &DIALECT)
}

/// TypeScript: JSON, plus `<\/` so `</script` cannot end a `<script>` element.
const DIALECT: Dialect = Dialect { close_tag: true, ..JSON };

/// JavaScript reserved words (including strict mode ones), TypeScript keywords that
/// cannot name a class or type, and globals generated code relies on.
#[rustfmt::skip]
pub const RESERVED: &[&str] = &[
    // Reserved words.
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
    "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with",
    // Strict mode and module code.
    "implements", "interface", "let", "package", "private", "protected", "public", "static",
    "yield", "await", "async",
    // TypeScript keywords and primitive type names.
    "any", "as", "asserts", "bigint", "boolean", "declare", "infer", "is", "keyof", "module",
    "namespace", "never", "number", "object", "readonly", "satisfies", "string", "symbol",
    "type", "unique", "unknown",
    // Globals.
    "undefined", "NaN", "Infinity", "arguments", "eval", "globalThis", "Error", "Object",
    "Array", "String", "Number", "Boolean", "Date", "Promise", "Response", "JSON", "Math",
    "Symbol",
];

/// Makes `ident` a usable identifier: [`sanitize`]d, with `_` appended to a reserved word.
pub fn escape_ident(ident: &str) -> String {
    let mut out = sanitize(ident);
    if crate::targets::Lang::TypeScript.is_reserved(&out) {
        out.push('_');
    }
    out
}

/// Whether `s` is an (ASCII) JavaScript identifier name, usable unquoted as a property.
pub fn is_js_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}
