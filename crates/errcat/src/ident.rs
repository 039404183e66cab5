//! Identifier casing and keyword escaping per target language.
//!
//! Error codes and details field names come from the catalog, which is untrusted input.
//! Everything here turns such a string into an identifier that is valid in the target
//! language, is not one of its keywords and does not shadow a name generated code relies
//! on. Casing is ASCII only and deterministic: any character that is not an ASCII letter
//! or digit separates words and is dropped.

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::escape;

/// A target language of generated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Lang {
    /// Rust (edition 2024).
    Rust,
    /// Python 3.
    Python,
    /// TypeScript (and the JavaScript it compiles to).
    TypeScript,
    /// Go.
    Go,
}

impl Lang {
    /// Every target language, in declaration order.
    pub const ALL: [Lang; 4] = [Lang::Rust, Lang::Python, Lang::TypeScript, Lang::Go];

    /// The language's display name: `"Rust"`, `"Python"`, `"TypeScript"` or `"Go"`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::Python => "Python",
            Lang::TypeScript => "TypeScript",
            Lang::Go => "Go",
        }
    }
}

/// Words that cannot be used as an identifier in `lang` as generated code uses it.
///
/// These are the language's keywords (strict, reserved, and contextual ones where they
/// bite), plus names that would shadow something generated code relies on, such as
/// `Option` in Rust, `str` in Python, `Error` in TypeScript or `error` in Go.
pub fn reserved_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Rust => &RUST_RESERVED,
        Lang::Python => PYTHON_RESERVED,
        Lang::TypeScript => TYPESCRIPT_RESERVED,
        Lang::Go => GO_RESERVED,
    }
}

/// Whether `ident` is one of [`reserved_words`] of `lang` (exact, case-sensitive).
pub fn is_reserved(lang: Lang, ident: &str) -> bool {
    reserved_words(lang).contains(&ident)
}

/// Makes `ident` a usable identifier in `lang`.
///
/// Characters other than ASCII letters, digits and `_` become `_`; an empty identifier
/// becomes `_`, and one that starts with a digit gets a leading `_`. A reserved word then
/// gets `_` appended, except Rust keywords that have a raw form, which become `r#ident`
/// (all keywords but `self`, `Self`, `super`, `crate` and `_`).
pub fn escape(lang: Lang, ident: &str) -> String {
    let mut out: String = ident.chars().map(|c| if is_ident_char(c) { c } else { '_' }).collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if !is_reserved(lang, &out) {
        return out;
    }
    if lang == Lang::Rust && RUST_KEYWORDS.contains(&out.as_str()) && !RUST_NO_RAW.contains(&out.as_str()) {
        return format!("r#{out}");
    }
    out.push('_');
    out
}

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

/// The identifiers generated code uses for one error code.
///
/// Every field is already escaped and valid in its language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CodeIdents {
    /// Rust enum variant: `MissingApiKey`.
    pub rust_variant: String,
    /// Rust constructor function: `missing_api_key`.
    pub rust_constructor: String,
    /// Rust details struct: `MissingApiKeyDetails`.
    pub rust_details: String,
    /// Python `StrEnum` member: the code itself, `MISSING_API_KEY`.
    pub python_member: String,
    /// Python exception class: `MissingApiKeyError`.
    pub python_class: String,
    /// Python details dataclass: `MissingApiKeyDetails`.
    pub python_details: String,
    /// TypeScript error class: `MissingApiKeyError`.
    pub typescript_class: String,
    /// TypeScript details interface: `MissingApiKeyDetails`.
    pub typescript_details: String,
    /// Go code constant: `CodeMissingApiKey`.
    pub go_const: String,
    /// Go details struct: `MissingApiKeyDetails`.
    pub go_details: String,
    /// Go sentinel error for `errors.Is`: `ErrMissingApiKey`.
    pub go_error_var: String,
}

/// The identifiers generated code uses for `code`, a SCREAMING_SNAKE_CASE wire string.
pub fn code_idents(code: &str) -> CodeIdents {
    let camel = upper_camel(code);
    CodeIdents {
        rust_variant: escape(Lang::Rust, &camel),
        rust_constructor: escape(Lang::Rust, &snake(code)),
        rust_details: escape(Lang::Rust, &format!("{camel}Details")),
        python_member: python_enum_member(code),
        python_class: escape(Lang::Python, &format!("{camel}Error")),
        python_details: escape(Lang::Python, &format!("{camel}Details")),
        typescript_class: escape(Lang::TypeScript, &format!("{camel}Error")),
        typescript_details: escape(Lang::TypeScript, &format!("{camel}Details")),
        go_const: escape(Lang::Go, &format!("Code{camel}")),
        go_details: escape(Lang::Go, &go_exported(format!("{camel}Details"))),
        go_error_var: escape(Lang::Go, &format!("Err{camel}")),
    }
}

/// The identifier of the details field `name` (a snake_case wire name) in `lang`.
///
/// Rust and Python use the escaped snake_case name (`type` becomes `r#type` and
/// `type_`). TypeScript uses the wire name itself when it is an identifier (reserved
/// words are fine as property names) and a quoted string literal otherwise. Go uses the
/// exported UpperCamelCase name (without Go's initialism conventions), prefixed with `X`
/// when it would not start with a letter.
pub fn field_ident(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Rust | Lang::Python => escape(lang, &snake(name)),
        Lang::TypeScript if is_js_identifier(name) => name.to_owned(),
        Lang::TypeScript => escape::typescript_string(name),
        Lang::Go => escape(Lang::Go, &go_exported(upper_camel(name))),
    }
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

/// `ident` made exported in Go: prefixed with `X` unless it starts with an upper case
/// letter (an identifier starting with `_` or a digit would not be exported).
fn go_exported(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_uppercase()) { ident } else { format!("X{ident}") }
}

/// A Python `StrEnum` member name for `code`. Beyond [`escape()`], a member must not start
/// with `_`: `_sunder_` names are reserved by `enum` and `__private` ones are not members.
fn python_enum_member(code: &str) -> String {
    let member = escape(Lang::Python, code);
    if member.starts_with('_') { escape(Lang::Python, &format!("M{member}")) } else { member }
}

/// Whether `s` is an (ASCII) JavaScript identifier name, usable unquoted as a property.
fn is_js_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Concatenates two word lists at compile time; `C` must be `A + B`.
const fn concat<const A: usize, const B: usize, const C: usize>(
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

/// Rust keywords: strict, reserved (edition 2024) and `union`, plus `_`.
#[rustfmt::skip]
const RUST_KEYWORDS: [&str; 54] = [
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
const RUST_NO_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Names from the standard library and prelude that generated Rust code relies on.
#[rustfmt::skip]
const RUST_SHADOWED: [&str; 12] = [
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "std", "core",
    "alloc",
];

/// Everything [`reserved_words`] returns for Rust.
const RUST_RESERVED: [&str; RUST_KEYWORDS.len() + RUST_SHADOWED.len()] = concat(RUST_KEYWORDS, RUST_SHADOWED);

/// Python keywords, plus builtins and imports generated code relies on.
#[rustfmt::skip]
const PYTHON_RESERVED: &[&str] = &[
    // Keywords.
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", "__debug__",
    // Builtins and imports used by generated code.
    "str", "int", "float", "bool", "list", "dict", "object", "type", "Exception",
    "BaseException", "Enum", "StrEnum", "dataclass",
];

/// JavaScript reserved words (including strict mode ones), TypeScript keywords that
/// cannot name a class or type, and globals generated code relies on.
#[rustfmt::skip]
const TYPESCRIPT_RESERVED: &[&str] = &[
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

/// Go keywords, predeclared identifiers and the blank identifier.
#[rustfmt::skip]
const GO_RESERVED: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes that collide with keywords or builtins somewhere, and odd shapes.
    const NASTY_CODES: &[&str] = &[
        "TYPE",
        "NONE",
        "SELF",
        "FUNC",
        "CLASS",
        "DEFAULT",
        "TRUE",
        "ERROR",
        "OBJECT",
        "STRING",
        "A1",
        "X_1_2",
        "OK",
        "ERR",
        "SUPER",
        "CRATE",
        "NIL",
        "ASYNC",
        "AWAIT",
        "GEN",
        "DELETE",
        "EVAL",
        "STD",
        "VEC",
        "1A",
        "_X_",
        "1A_",
        "",
        "_",
        "__",
        "A-B.C",
        "ÜBER_CODE",
        "MISSING_API_KEY",
    ];

    /// Field names that collide with keywords or builtins somewhere, and odd shapes.
    const NASTY_FIELDS: &[&str] = &[
        "type",
        "self",
        "Self",
        "class",
        "none",
        "None",
        "func",
        "nil",
        "default",
        "str",
        "string",
        "error",
        "async",
        "await",
        "gen",
        "r#type",
        "1st",
        "",
        "_",
        "a-b",
        "with space",
        "naïve",
        "\"quoted\"",
        "$ref",
        "_private",
        "retry_after",
        "crate",
        "super",
        "len",
    ];

    /// Strict and reserved Rust keywords, written independently of the module's list.
    #[rustfmt::skip]
    const RUST_KW: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
        "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
        "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
        "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield",
        "try", "gen", "_",
    ];

    #[rustfmt::skip]
    const PYTHON_KW: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ];

    #[rustfmt::skip]
    const JS_KW: &[&str] = &[
        "break", "case", "catch", "class", "const", "continue", "debugger", "default",
        "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
        "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
        "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
        "implements", "interface", "let", "package", "private", "protected", "public",
        "static", "yield", "await",
    ];

    #[rustfmt::skip]
    const GO_KW: &[&str] = &[
        "break", "case", "chan", "const", "continue", "default", "defer", "else",
        "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
        "package", "range", "return", "select", "struct", "switch", "type", "var",
    ];

    fn plain_ascii_ident(s: &str, extra: fn(char) -> bool) -> bool {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || extra(c))
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || extra(c))
    }

    fn no_extra(_: char) -> bool {
        false
    }

    /// Whether `s` is a valid Rust identifier (ASCII subset), raw or not.
    fn valid_rust(s: &str) -> bool {
        match s.strip_prefix("r#") {
            Some(raw) => plain_ascii_ident(raw, no_extra) && !["self", "Self", "super", "crate", "_"].contains(&raw),
            None => plain_ascii_ident(s, no_extra) && !RUST_KW.contains(&s),
        }
    }

    fn valid_python(s: &str) -> bool {
        plain_ascii_ident(s, no_extra) && !PYTHON_KW.contains(&s)
    }

    fn valid_typescript(s: &str) -> bool {
        plain_ascii_ident(s, |c| c == '$') && !JS_KW.contains(&s)
    }

    fn valid_go(s: &str) -> bool {
        plain_ascii_ident(s, no_extra) && !GO_KW.contains(&s) && s != "_"
    }

    fn valid(lang: Lang, s: &str) -> bool {
        match lang {
            Lang::Rust => valid_rust(s),
            Lang::Python => valid_python(s),
            Lang::TypeScript => valid_typescript(s),
            Lang::Go => valid_go(s),
        }
    }

    fn assert_usable(lang: Lang, s: &str, what: &str) {
        assert!(valid(lang, s), "{} {what}: invalid identifier {s:?}", lang.name());
        assert!(!is_reserved(lang, s), "{} {what}: reserved identifier {s:?}", lang.name());
    }

    #[test]
    fn lang_names() {
        let names: Vec<_> = Lang::ALL.iter().map(|lang| lang.name()).collect();
        assert_eq!(names, ["Rust", "Python", "TypeScript", "Go"]);
    }

    #[test]
    fn keyword_lists_have_the_famous_ones() {
        let famous: [(Lang, &[&str]); 4] = [
            (Lang::Rust, &["type", "async", "Self", "self", "gen", "Option", "Ok"]),
            (Lang::Python, &["None", "class", "lambda", "str", "StrEnum"]),
            (Lang::TypeScript, &["delete", "enum", "await", "undefined", "Error"]),
            (Lang::Go, &["func", "type", "nil", "error", "len"]),
        ];
        for (lang, words) in famous {
            for word in words {
                assert!(is_reserved(lang, word), "{} lacks {word}", lang.name());
            }
        }
    }

    #[test]
    fn keyword_lists_cover_independent_lists() {
        let lists: [(Lang, &[&str]); 4] =
            [(Lang::Rust, RUST_KW), (Lang::Python, PYTHON_KW), (Lang::TypeScript, JS_KW), (Lang::Go, GO_KW)];
        for (lang, words) in lists {
            for word in words {
                assert!(is_reserved(lang, word), "{} lacks {word}", lang.name());
            }
        }
        for word in RUST_SHADOWED {
            assert!(is_reserved(Lang::Rust, word));
        }
    }

    #[test]
    fn keyword_lists_have_no_duplicates() {
        for lang in Lang::ALL {
            let words = reserved_words(lang);
            let mut sorted = words.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), words.len(), "{} has duplicates", lang.name());
        }
    }

    #[test]
    fn is_reserved_is_case_sensitive() {
        assert!(is_reserved(Lang::Python, "None"));
        assert!(!is_reserved(Lang::Python, "none"));
        assert!(!is_reserved(Lang::Rust, "TYPE"));
        assert!(!is_reserved(Lang::Go, "Func"));
    }

    #[test]
    fn escape_examples() {
        assert_eq!(escape(Lang::Rust, "type"), "r#type");
        assert_eq!(escape(Lang::Rust, "async"), "r#async");
        assert_eq!(escape(Lang::Rust, "self"), "self_");
        assert_eq!(escape(Lang::Rust, "Self"), "Self_");
        assert_eq!(escape(Lang::Rust, "crate"), "crate_");
        assert_eq!(escape(Lang::Rust, "Option"), "Option_");
        assert_eq!(escape(Lang::Rust, "_"), "__");
        assert_eq!(escape(Lang::Rust, ""), "__");
        assert_eq!(escape(Lang::Rust, "plain"), "plain");
        assert_eq!(escape(Lang::Python, "class"), "class_");
        assert_eq!(escape(Lang::Python, ""), "_");
        assert_eq!(escape(Lang::TypeScript, "delete"), "delete_");
        assert_eq!(escape(Lang::Go, "func"), "func_");
        assert_eq!(escape(Lang::Go, "_"), "__");
        assert_eq!(escape(Lang::Go, "1x"), "_1x");
        assert_eq!(escape(Lang::Python, "a-b c"), "a_b_c");
    }

    #[test]
    fn escape_makes_every_reserved_word_usable() {
        for lang in Lang::ALL {
            for word in reserved_words(lang) {
                let escaped = escape(lang, word);
                assert_usable(lang, &escaped, &format!("escape({word:?})"));
            }
        }
    }

    #[test]
    fn escape_makes_odd_input_usable() {
        let odd = ["", "_", "1", "9lives", "a b", "é", "r#type", "\0", "🦀", "a\nb", "$x"];
        for lang in Lang::ALL {
            for word in odd {
                assert_usable(lang, &escape(lang, word), &format!("escape({word:?})"));
            }
        }
    }

    #[test]
    fn casing_examples() {
        assert_eq!(upper_camel("MISSING_API_KEY"), "MissingApiKey");
        assert_eq!(lower_camel("MISSING_API_KEY"), "missingApiKey");
        assert_eq!(snake("MISSING_API_KEY"), "missing_api_key");
        assert_eq!(screaming_snake("MISSING_API_KEY"), "MISSING_API_KEY");
        assert_eq!(screaming_snake("missingApiKey"), "MISSING_API_KEY");
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
    fn code_idents_example() {
        let idents = code_idents("MISSING_API_KEY");
        assert_eq!(
            idents,
            CodeIdents {
                rust_variant: "MissingApiKey".into(),
                rust_constructor: "missing_api_key".into(),
                rust_details: "MissingApiKeyDetails".into(),
                python_member: "MISSING_API_KEY".into(),
                python_class: "MissingApiKeyError".into(),
                python_details: "MissingApiKeyDetails".into(),
                typescript_class: "MissingApiKeyError".into(),
                typescript_details: "MissingApiKeyDetails".into(),
                go_const: "CodeMissingApiKey".into(),
                go_details: "MissingApiKeyDetails".into(),
                go_error_var: "ErrMissingApiKey".into(),
            }
        );
    }

    #[test]
    fn code_idents_escape_keywords() {
        assert_eq!(code_idents("SELF").rust_variant, "Self_");
        assert_eq!(code_idents("SELF").rust_constructor, "self_");
        assert_eq!(code_idents("TYPE").rust_constructor, "r#type");
        assert_eq!(code_idents("OK").rust_variant, "Ok_");
        assert_eq!(code_idents("NONE").rust_variant, "None_");
        assert_eq!(code_idents("STD").rust_constructor, "std_");
        assert_eq!(code_idents("_X_").python_member, "M_X_");
        assert_eq!(code_idents("1A").go_details, "X1aDetails");
        assert_eq!(code_idents("X_1_2").go_const, "CodeX12");
    }

    #[test]
    fn code_idents_are_usable_everywhere() {
        for code in NASTY_CODES {
            let idents = code_idents(code);
            let fields = [
                (Lang::Rust, &idents.rust_variant, "rust_variant"),
                (Lang::Rust, &idents.rust_constructor, "rust_constructor"),
                (Lang::Rust, &idents.rust_details, "rust_details"),
                (Lang::Python, &idents.python_member, "python_member"),
                (Lang::Python, &idents.python_class, "python_class"),
                (Lang::Python, &idents.python_details, "python_details"),
                (Lang::TypeScript, &idents.typescript_class, "typescript_class"),
                (Lang::TypeScript, &idents.typescript_details, "typescript_details"),
                (Lang::Go, &idents.go_const, "go_const"),
                (Lang::Go, &idents.go_details, "go_details"),
                (Lang::Go, &idents.go_error_var, "go_error_var"),
            ];
            for (lang, ident, what) in fields {
                assert_usable(lang, ident, &format!("{what} of {code:?}"));
            }
            assert!(!idents.python_member.starts_with('_'), "{code:?}");
            for go in [&idents.go_const, &idents.go_details, &idents.go_error_var] {
                assert!(go.starts_with(|c: char| c.is_ascii_uppercase()), "unexported {go}");
            }
        }
    }

    #[test]
    fn field_ident_examples() {
        assert_eq!(field_ident(Lang::Rust, "type"), "r#type");
        assert_eq!(field_ident(Lang::Rust, "self"), "self_");
        assert_eq!(field_ident(Lang::Rust, "retry_after"), "retry_after");
        assert_eq!(field_ident(Lang::Python, "class"), "class_");
        assert_eq!(field_ident(Lang::Python, "retry_after"), "retry_after");
        assert_eq!(field_ident(Lang::TypeScript, "delete"), "delete");
        assert_eq!(field_ident(Lang::TypeScript, "retry_after"), "retry_after");
        assert_eq!(field_ident(Lang::TypeScript, "a-b"), "\"a-b\"");
        assert_eq!(field_ident(Lang::TypeScript, ""), "\"\"");
        assert_eq!(field_ident(Lang::Go, "retry_after"), "RetryAfter");
        assert_eq!(field_ident(Lang::Go, "user_id"), "UserId");
        assert_eq!(field_ident(Lang::Go, "1st"), "X1st");
        assert_eq!(field_ident(Lang::Go, ""), "X");
    }

    #[test]
    fn field_idents_are_usable_everywhere() {
        for name in NASTY_FIELDS {
            for lang in Lang::ALL {
                let ident = field_ident(lang, name);
                if lang == Lang::TypeScript && ident.starts_with('"') {
                    assert!(!is_js_identifier(name));
                    continue;
                }
                if lang == Lang::TypeScript {
                    // Reserved words are fine as property names.
                    assert_eq!(&ident, name);
                    assert!(plain_ascii_ident(&ident, |c| c == '$'));
                    continue;
                }
                assert_usable(lang, &ident, &format!("field {name:?}"));
            }
            let go = field_ident(Lang::Go, name);
            assert!(go.starts_with(|c: char| c.is_ascii_uppercase()), "unexported {go}");
        }
    }
}
