//! The names table's naming rules: every generated name is a usable identifier of its
//! language, whatever the catalog says. The keyword lists are checked against lists
//! written independently of `targets::<lang>::syntax`.

use crate::model::{Code, DetailField, Example, FieldType, MessageTemplate, RetryMode, ScalarType};
use crate::targets::{Lang, go, java, python, rust, typescript};

/// The flat view of one code's names the checks below walk.
#[derive(Debug, PartialEq, Eq)]
struct CodeIdents {
    rust_variant: String,
    rust_constructor: String,
    rust_details: String,
    python_member: String,
    python_class: String,
    python_details: String,
    typescript_class: String,
    typescript_details: String,
    go_const: String,
    go_details: String,
    go_error_var: String,
    java_constant: String,
    java_exception: String,
    java_details: String,
}

/// A code named `name` with nothing else to it.
fn bare_code(name: &str) -> Code {
    Code {
        code: name.to_owned(),
        status: 400,
        category: "client".to_owned(),
        title: String::new(),
        message: MessageTemplate { text: String::new(), parts: Vec::new() },
        summary: String::new(),
        heading: String::new(),
        description: String::new(),
        causes: Vec::new(),
        solution: String::new(),
        solution_steps: Vec::new(),
        retry: RetryMode::Never,
        retryable: false,
        retry_after: None,
        fields: Vec::new(),
        additional_details: None,
        example: Example { body: serde_json::Value::Null, from_catalog: false },
        see: Vec::new(),
        doc_url: String::new(),
        grpc_status: String::new(),
        lifecycle: Default::default(),
        span: Default::default(),
        spans: Default::default(),
    }
}

fn code_idents(name: &str) -> CodeIdents {
    let code = bare_code(name);
    let words = crate::targets::words::Words::of(name);
    let (rust, python, typescript, go, java) = (
        rust::names::code(&code, &words),
        python::names::code(&code, &words, &[]),
        typescript::names::code(&words),
        go::names::code(&code, &words, &[]),
        java::names::code(&code, &[]),
    );
    CodeIdents {
        rust_variant: rust.variant,
        rust_constructor: rust.constructor,
        rust_details: rust.details,
        python_member: python.member,
        python_class: python.class,
        python_details: python.details,
        typescript_class: typescript.class,
        typescript_details: typescript.details,
        go_const: go.constant,
        go_details: go.details,
        go_error_var: go.error_var,
        java_constant: java.constant,
        java_exception: java.exception,
        java_details: java.details,
    }
}

fn field_ident(lang: Lang, name: &str) -> String {
    let field = DetailField {
        name: name.to_owned(),
        ty: FieldType { scalar: ScalarType::String, list: false },
        description: String::new(),
        example: serde_json::Value::Null,
        optional: false,
        message_only: false,
        span: Default::default(),
    };
    match lang {
        Lang::Rust => rust::names::field(&field),
        Lang::Python => python::names::field(name),
        Lang::TypeScript => typescript::names::field(name),
        Lang::Go => go::names::field(name),
        Lang::Java => java::names::field(name),
    }
}

fn is_js_identifier(s: &str) -> bool {
    typescript::syntax::is_js_identifier(s)
}

mod cases {
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
        "RECORD",
        "NEW",
        "PACKAGE",
        "INTERRUPTED",
        "RUNTIME",
        "UNKNOWN_CODE",
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
        "record",
        "hash_code",
        "to_string",
        "get_class",
        "var",
        "yield",
        "new",
        "package",
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

    /// Java keywords and literals (JLS 17 §3.9, §3.10), written independently of the
    /// module's list, plus the contextual keywords that cannot name a type.
    #[rustfmt::skip]
    const JAVA_KW: &[&str] = &[
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
        "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
        "finally", "float", "for", "if", "goto", "implements", "import", "instanceof", "int",
        "interface", "long", "native", "new", "package", "private", "protected", "public",
        "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
        "throw", "throws", "transient", "try", "void", "volatile", "while", "_", "true",
        "false", "null", "var", "yield", "record", "sealed", "permits",
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

    fn valid_java(s: &str) -> bool {
        plain_ascii_ident(s, |c| c == '$') && !JAVA_KW.contains(&s)
    }

    fn valid(lang: Lang, s: &str) -> bool {
        match lang {
            Lang::Java => valid_java(s),
            Lang::Rust => valid_rust(s),
            Lang::Python => valid_python(s),
            Lang::TypeScript => valid_typescript(s),
            Lang::Go => valid_go(s),
        }
    }

    fn assert_usable(lang: Lang, s: &str, what: &str) {
        assert!(valid(lang, s), "{} {what}: invalid identifier {s:?}", lang.name());
        assert!(!lang.is_reserved(s), "{} {what}: reserved identifier {s:?}", lang.name());
    }

    #[test]
    fn lang_names() {
        let names: Vec<_> = Lang::ALL.iter().map(|lang| lang.name()).collect();
        assert_eq!(names, ["Rust", "Python", "TypeScript", "Go", "Java"]);
    }

    #[test]
    fn keyword_lists_have_the_famous_ones() {
        let famous: [(Lang, &[&str]); 5] = [
            (Lang::Rust, &["type", "async", "Self", "self", "gen", "Option", "Ok"]),
            (Lang::Python, &["None", "class", "lambda", "str", "StrEnum"]),
            (Lang::TypeScript, &["delete", "enum", "await", "undefined", "Error"]),
            (Lang::Go, &["func", "type", "nil", "error", "len"]),
            (Lang::Java, &["class", "record", "var", "_", "null", "String", "Object", "RuntimeException"]),
        ];
        for (lang, words) in famous {
            for word in words {
                assert!(lang.is_reserved(word), "{} lacks {word}", lang.name());
            }
        }
    }

    #[test]
    fn keyword_lists_cover_independent_lists() {
        let lists: [(Lang, &[&str]); 5] = [
            (Lang::Rust, RUST_KW),
            (Lang::Python, PYTHON_KW),
            (Lang::TypeScript, JS_KW),
            (Lang::Go, GO_KW),
            (Lang::Java, JAVA_KW),
        ];
        for (lang, words) in lists {
            for word in words {
                assert!(lang.is_reserved(word), "{} lacks {word}", lang.name());
            }
        }
        for word in rust::syntax::SHADOWED {
            assert!(Lang::Rust.is_reserved(word));
        }
    }

    #[test]
    fn keyword_lists_have_no_duplicates() {
        for lang in Lang::ALL {
            let words = lang.reserved_words();
            let mut sorted = words.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), words.len(), "{} has duplicates", lang.name());
        }
    }

    #[test]
    fn is_reserved_is_case_sensitive() {
        assert!(Lang::Python.is_reserved("None"));
        assert!(!Lang::Python.is_reserved("none"));
        assert!(!Lang::Rust.is_reserved("TYPE"));
        assert!(!Lang::Go.is_reserved("Func"));
    }

    #[test]
    fn escape_examples() {
        assert_eq!(Lang::Rust.escape_ident("type"), "r#type");
        assert_eq!(Lang::Rust.escape_ident("async"), "r#async");
        assert_eq!(Lang::Rust.escape_ident("self"), "self_");
        assert_eq!(Lang::Rust.escape_ident("Self"), "Self_");
        assert_eq!(Lang::Rust.escape_ident("crate"), "crate_");
        assert_eq!(Lang::Rust.escape_ident("Option"), "Option_");
        assert_eq!(Lang::Rust.escape_ident("_"), "__");
        assert_eq!(Lang::Rust.escape_ident(""), "__");
        assert_eq!(Lang::Rust.escape_ident("plain"), "plain");
        assert_eq!(Lang::Python.escape_ident("class"), "class_");
        assert_eq!(Lang::Python.escape_ident(""), "_");
        assert_eq!(Lang::TypeScript.escape_ident("delete"), "delete_");
        assert_eq!(Lang::Go.escape_ident("func"), "func_");
        assert_eq!(Lang::Go.escape_ident("_"), "__");
        assert_eq!(Lang::Go.escape_ident("1x"), "_1x");
        assert_eq!(Lang::Python.escape_ident("a-b c"), "a_b_c");
        assert_eq!(Lang::Java.escape_ident("new"), "new_");
        assert_eq!(Lang::Java.escape_ident("_"), "__");
        assert_eq!(Lang::Java.escape_ident("Optional"), "Optional_");
    }

    #[test]
    fn escape_makes_every_reserved_word_usable() {
        for lang in Lang::ALL {
            for word in lang.reserved_words() {
                let escaped = lang.escape_ident(word);
                assert_usable(lang, &escaped, &format!("escape({word:?})"));
            }
        }
    }

    #[test]
    fn escape_makes_odd_input_usable() {
        let odd = ["", "_", "1", "9lives", "a b", "é", "r#type", "\0", "🦀", "a\nb", "$x"];
        for lang in Lang::ALL {
            for word in odd {
                assert_usable(lang, &lang.escape_ident(word), &format!("escape({word:?})"));
            }
        }
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
                go_const: "CodeMissingAPIKey".into(),
                go_details: "MissingAPIKeyDetails".into(),
                go_error_var: "ErrMissingAPIKey".into(),
                java_constant: "MISSING_API_KEY".into(),
                java_exception: "MissingApiKeyException".into(),
                java_details: "MissingApiKeyDetails".into(),
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
        assert_eq!(code_idents("1A").python_member, "M_1A");
        // Members and constants are the code's words in SCREAMING_SNAKE_CASE.
        assert_eq!(code_idents("AccessDeniedException").python_member, "ACCESS_DENIED_EXCEPTION");
        assert_eq!(code_idents("storage.bucket_not_found").java_constant, "STORAGE_BUCKET_NOT_FOUND");
        assert_eq!(code_idents("rate-limited").rust_variant, "RateLimited");
        assert_eq!(code_idents("AccessDeniedException").go_const, "CodeAccessDeniedException");
        assert_eq!(code_idents("1A").go_details, "X1aDetails");
        assert_eq!(code_idents("X_1_2").go_const, "CodeX12");
        assert_eq!(code_idents("RUNTIME").java_exception, "RuntimeException_");
        assert_eq!(code_idents("CLASS").java_exception, "ClassException");
    }

    #[test]
    fn error_classes_end_in_error_once() {
        let validation = code_idents("VALIDATION_ERROR");
        assert_eq!(
            (validation.python_class.as_str(), validation.typescript_class.as_str()),
            ("ValidationError", "ValidationError")
        );
        assert_eq!(code_idents("AccessDeniedException").python_class, "AccessDeniedExceptionError");
        // A builtin or errcat's own type keeps the doubled word.
        assert_eq!(code_idents("TYPE_ERROR").python_class, "TypeErrorError");
        assert_eq!(code_idents("TYPE_ERROR").typescript_class, "TypeErrorError");
        assert_eq!(code_idents("KEY_ERROR").python_class, "KeyErrorError");
        assert_eq!(code_idents("KEY_ERROR").typescript_class, "KeyError");
        // A builtin the generated modules raise themselves is a reserved word.
        assert_eq!(code_idents("ATTRIBUTE").python_class, "AttributeError_");
        assert_eq!(code_idents("ATTRIBUTE_ERROR").python_class, "AttributeErrorError");
        assert_eq!(code_idents("API_ERROR").python_class, "ApiErrorError");
        assert_eq!(code_idents("HTTP_ERROR").typescript_class, "HttpErrorError");
        // Java and Go name differently: the suffix is always added, or a prefix used.
        assert_eq!(code_idents("VALIDATION_ERROR").java_exception, "ValidationErrorException");
        assert_eq!(code_idents("VALIDATION_ERROR").go_error_var, "ErrValidationError");
        assert_eq!(python::names::category("validation").class, "ValidationCategoryError");
        assert_eq!(typescript::names::category("system").class, "SystemCategoryError");
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
                (Lang::Java, &idents.java_constant, "java_constant"),
                (Lang::Java, &idents.java_exception, "java_exception"),
                (Lang::Java, &idents.java_details, "java_details"),
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
        assert_eq!(field_ident(Lang::Go, "user_id"), "UserID");
        assert_eq!(field_ident(Lang::Go, "1st"), "X1st");
        assert_eq!(field_ident(Lang::Go, ""), "X");
        assert_eq!(field_ident(Lang::Java, "retry_after"), "retryAfter");
        assert_eq!(field_ident(Lang::Java, "class"), "class_");
        assert_eq!(field_ident(Lang::Java, "to_string"), "toString_");
        assert_eq!(field_ident(Lang::Java, "1st"), "_1st");
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

    #[test]
    fn renamed_where_a_name_would_collide() {
        let mut code = bare_code("NEW");
        let words = crate::targets::words::Words::of("NEW");
        assert_eq!(rust::names::code(&code, &words).constructor, "new_");
        let field = |name: &str, message_only: bool| DetailField {
            name: name.to_owned(),
            ty: FieldType { scalar: ScalarType::String, list: false },
            description: String::new(),
            example: serde_json::Value::Null,
            optional: false,
            message_only,
            span: Default::default(),
        };
        code.fields = vec![field("additional", false), field("extra", false), field("details", true)];
        let fields = crate::names::Names::field_names(&code);
        assert_eq!(rust::names::code(&code, &words).additional, "additional_");
        assert_eq!(python::names::code(&code, &words, &fields).extra, "extra_");
        assert_eq!(go::names::code(&code, &words, &fields).extra, "Extra_");
        assert_eq!(java::names::code(&code, &fields).extra, "extra_");
        assert_eq!(fields[2].rust, "details_");
        code.fields[1].message_only = true;
        let fields = crate::names::Names::field_names(&code);
        assert_eq!(python::names::code(&code, &words, &fields).extra, "extra");
    }
}
