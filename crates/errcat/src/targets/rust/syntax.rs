//! Rust's lexical rules as generated code meets them: reserved words, identifiers and
//! string literals.

use crate::targets::text::{Dialect, named_common, quote};
use crate::targets::words::{concat, sanitize};

/// A Rust string literal `"..."` that evaluates to `s`.
///
/// Uses `\\`, `\"`, `\n`, `\r`, `\t` and `\0`, and `\u{..}` for other invisible characters.
pub fn string_literal(s: &str) -> String {
    quote(s, &DIALECT)
}

/// Rust: `\0` and `\u{..}`.
const DIALECT: Dialect = Dialect {
    named: |c| match c {
        '\0' => Some("\\0"),
        _ => named_common(c),
    },
    numeric: |c, out| {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    },
    close_tag: false,
};

/// Rust keywords: strict, reserved (edition 2024) and `union`, plus `_`.
#[rustfmt::skip]
pub const KEYWORDS: [&str; 54] = [
    // Strict.
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true",
    "type", "unsafe", "use", "where", "while",
    // Reserved for future use.
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
    // Contextual, and the wildcard.
    "union", "_",
];

/// Rust keywords that have no raw identifier form.
const NO_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Names from the standard library and prelude that generated Rust code relies on.
#[rustfmt::skip]
pub const SHADOWED: [&str; 12] = [
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "std", "core",
    "alloc",
];

/// Every word a generated Rust identifier must not be.
pub const RESERVED: [&str; KEYWORDS.len() + SHADOWED.len()] = concat(KEYWORDS, SHADOWED);

/// Makes `ident` a usable Rust identifier: [`sanitize`]d, then a keyword that has a raw
/// form becomes `r#ident` and any other reserved word (`self`, `Self`, `super`, `crate`,
/// `_`, and the prelude names of [`SHADOWED`]) gets `_` appended.
pub fn escape_ident(ident: &str) -> String {
    let mut out = sanitize(ident);
    if !crate::targets::Lang::Rust.is_reserved(&out) {
        return out;
    }
    if KEYWORDS.contains(&out.as_str()) && !NO_RAW.contains(&out.as_str()) {
        return format!("r#{out}");
    }
    out.push('_');
    out
}
