//! Go's lexical rules as generated code meets them: reserved words, identifiers and
//! string literals.

use crate::targets::text::{Dialect, named_common, push_sized, quote};
use crate::targets::words::sanitize;

/// An interpreted Go string literal that evaluates to `s`, in the style of `strconv.Quote`.
///
/// Uses `\a\b\f\n\r\t\v`, `\"`, `\\`, `\xNN` for other ASCII controls and `\uNNNN` or
/// `\UNNNNNNNN` for other invisible characters. The literal is valid UTF-8: a `\x` escape
/// is a byte in Go, so it is only used below U+0080.
pub fn string_literal(s: &str) -> String {
    quote(s, &DIALECT)
}

/// Go: `strconv.Quote` style.
const DIALECT: Dialect = Dialect {
    named: |c| match c {
        '\u{7}' => Some("\\a"),
        '\u{8}' => Some("\\b"),
        '\u{b}' => Some("\\v"),
        '\u{c}' => Some("\\f"),
        _ => named_common(c),
    },
    // `\x` is a byte in Go: above ASCII it would make invalid UTF-8.
    numeric: |c, out| push_sized(out, c, 0x80),
    close_tag: false,
};

/// Go keywords, predeclared identifiers and the blank identifier.
#[rustfmt::skip]
pub const RESERVED: &[&str] = &[
    // Keywords.
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
    "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
    "return", "select", "struct", "switch", "type", "var",
    // Predeclared types.
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32",
    "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr",
    // Predeclared constants and zero value.
    "true", "false", "iota", "nil",
    // Predeclared functions.
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
    "max", "min", "new", "panic", "print", "println", "real", "recover",
    // The blank identifier.
    "_",
];

/// Makes `ident` a usable identifier: [`sanitize`]d, with `_` appended to a reserved word.
pub fn escape_ident(ident: &str) -> String {
    let mut out = sanitize(ident);
    if crate::targets::Lang::Go.is_reserved(&out) {
        out.push('_');
    }
    out
}

/// `ident` made exported: prefixed with `X` unless it starts with an upper case letter (an
/// identifier starting with `_` or a digit would not be exported).
pub fn exported(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_uppercase()) { ident } else { format!("X{ident}") }
}
