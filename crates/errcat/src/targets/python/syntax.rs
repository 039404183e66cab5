//! Python's lexical rules as generated code meets them: reserved words, identifiers,
//! string literals and docstrings.

use crate::targets::text::{Dialect, clean_lines, named_common, numeric_sized, quote, trim_blank_lines};
use crate::targets::words::sanitize;

/// A Python `str` literal `"..."` (never raw, never an f-string) that evaluates to `s`.
///
/// Uses `\\`, `\"`, `\n`, `\r`, `\t`, and `\xNN`, `\uNNNN` or `\UNNNNNNNN` for other
/// invisible characters.
pub fn string_literal(s: &str) -> String {
    quote(s, &DIALECT)
}

const DIALECT: Dialect = Dialect { named: named_common, numeric: numeric_sized, close_tag: false };

/// The body of a Python `"""docstring"""` showing `s`.
///
/// Line breaks and characters are handled as in [`doc_comment_lines`](crate::targets::text::doc_comment_lines) (but `*/` is kept),
/// with `\n` between lines. Backslashes are doubled, every third quote of a run and a
/// final quote are escaped, so the body can neither close the docstring nor merge with
/// its closing quotes, and a line starting with `>>>` gets a backslash so it is not a
/// doctest.
pub fn docstring(s: &str) -> String {
    let lines = clean_lines(s).into_iter().map(|line| line.trim_end().to_owned()).collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut quotes = 0;
    for (n, line) in trim_blank_lines(lines).iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        quotes = 0;
        let rest = line.trim_start();
        out.push_str(&line[..line.len() - rest.len()]);
        if rest.starts_with(">>>") {
            out.push_str("\\\\");
        }
        for c in rest.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' if quotes == 2 => {
                    out.push_str("\\\"");
                    quotes = 0;
                }
                '"' => {
                    out.push('"');
                    quotes += 1;
                }
                _ => out.push(c),
            }
            if c != '"' {
                quotes = 0;
            }
        }
    }
    if quotes > 0 {
        out.pop();
        out.push_str("\\\"");
    }
    out
}

/// Python keywords, plus builtins and imports generated code relies on.
#[rustfmt::skip]
pub const RESERVED: &[&str] = &[
    // Keywords.
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", "__debug__",
    // Builtins and imports used by generated code.
    "str", "int", "float", "bool", "list", "dict", "object", "type", "Exception",
    "BaseException", "Enum", "StrEnum", "dataclass",
    // Raised by the modules that hold the code classes (their `__getattr__`).
    "AttributeError",
];

/// Makes `ident` a usable identifier: [`sanitize`]d, with `_` appended to a reserved word.
pub fn escape_ident(ident: &str) -> String {
    let mut out = sanitize(ident);
    if crate::targets::Lang::Python.is_reserved(&out) {
        out.push('_');
    }
    out
}
