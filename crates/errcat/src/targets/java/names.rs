//! The names Java code generated from a catalog declares.
//!
//! Every public type of the package is a top-level class in a file of its own, so all of
//! them share one namespace: a code's exception class and details record, a category's
//! sealed exception class, and the package's own types ([`GENERATED_TYPES`]). The
//! constants of `ErrorCode` and of `ErrorCategory` are two more namespaces. A generated
//! class that would shadow a `java.lang` type (a code `INTERRUPTED` would make
//! `InterruptedException`) gets `_` appended, since the package's own code and its users
//! rely on those names.

use serde::Serialize;

use super::syntax::{RECORD_COMPONENT_FORBIDDEN, escape_ident};
use crate::model::Code;
use crate::names::FieldNames;
use crate::targets::words::{lower_camel, lower_words, screaming_snake, upper_camel};

/// The types of the generated package besides the per-code and per-category ones and
/// those every client declares (`ErrorCode`, `ErrorCategory`, `ErrorDetails`,
/// `RetryPolicy`, in [`GENERATED_TYPE_NAMES`](crate::names::clashes::GENERATED_TYPE_NAMES),
/// which lists these too). `ApiException`, `HttpException` and `UnknownCodeException` are
/// what the codes `API`, `HTTP` and `UNKNOWN_CODE` would become; the others cannot be a
/// code's or a category's name (those end with `Exception` or `Details`) but are listed so
/// that the list is the package's.
pub const GENERATED_TYPES: [&str; 9] = [
    "ApiException",
    "HttpException",
    "UnknownCodeException",
    "ApiErrors",
    "RetryMode",
    "Retry",
    "Json",
    "Fields",
    "Locales",
];

/// The names of one error code in the Java package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `ErrorCode` enum constant: the code's words in SCREAMING_SNAKE_CASE,
    /// `MISSING_API_KEY` (`ACCESS_DENIED_EXCEPTION` for `AccessDeniedException`).
    pub constant: String,
    /// Final exception class: `MissingApiKeyException`.
    pub exception: String,
    /// Details record: `MissingApiKeyDetails`.
    pub details: String,
    /// Details record component holding the keys not declared: `extra`, or `extra_` when
    /// a declared field is called `extra` in Java.
    pub extra: String,
}

/// The names of one category in the Java package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Sealed exception class its codes' exceptions extend: `AuthenticationException`.
    pub exception: String,
    /// `ErrorCategory` enum constant: `AUTHENTICATION`.
    pub constant: String,
}

/// The Maven coordinates and the package of the generated client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PackageNames {
    /// Maven groupId: `com.scriptix`.
    pub group_id: String,
    /// Maven artifactId: `scriptix-errors`.
    pub artifact_id: String,
    /// Java package: `com.scriptix.errors`.
    pub package: String,
    /// The package as a source folder path: `com/scriptix/errors`.
    pub path: String,
}

/// The names of `code`, whose details fields are named `fields`.
pub fn code(code: &Code, fields: &[FieldNames]) -> CodeNames {
    let camel = upper_camel(&code.code);
    let mut wire_names = code.fields.iter().zip(fields).filter(|(field, _)| !field.message_only).map(|(_, n)| &n.java);
    let extra = if wire_names.any(|name| name == "extra") { "extra_" } else { "extra" };
    CodeNames {
        constant: escape_ident(&screaming_snake(&code.code)),
        exception: escape_ident(&format!("{camel}Exception")),
        details: escape_ident(&format!("{camel}Details")),
        extra: extra.to_owned(),
    }
}

/// The record component (and accessor) of the details field `name`: its lowerCamelCase,
/// escaped, with `_` appended to a name every record inherits (`hashCode`, `toString`, …).
pub fn field(name: &str) -> String {
    let mut ident = escape_ident(&lower_camel(name));
    if RECORD_COMPONENT_FORBIDDEN.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    CategoryNames {
        exception: escape_ident(&format!("{}Exception", upper_camel(id))),
        constant: escape_ident(&screaming_snake(id)),
    }
}

/// The Maven coordinates and package for the API `api_name`: `com.scriptix`,
/// `scriptix-errors` and `com.scriptix.errors` for `Scriptix`. The package segment is the
/// name's [`lower_words`] run together (`_` first when it would start with a digit, `api`
/// when nothing is left); keywords get `_` appended. The artifactId is the same words
/// joined with `-`.
pub fn package(api_name: &str) -> PackageNames {
    let words = lower_words(api_name);
    let segment = if words.is_empty() { "api".to_owned() } else { escape_ident(&words.concat()) };
    let artifact = if words.is_empty() { "api".to_owned() } else { words.join("-") };
    let package = format!("com.{segment}.errors");
    PackageNames {
        group_id: format!("com.{segment}"),
        artifact_id: format!("{artifact}-errors"),
        path: package.replace('.', "/"),
        package,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::words::awkward;

    /// Java's reserved keywords and literals (JLS 17 §3.9, §3.10.3, §3.10.8), which no
    /// package segment may be.
    const JAVA_RESERVED: [&str; 54] = [
        "abstract",
        "assert",
        "boolean",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "final",
        "finally",
        "float",
        "for",
        "goto",
        "if",
        "implements",
        "import",
        "instanceof",
        "int",
        "interface",
        "long",
        "native",
        "new",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "static",
        "strictfp",
        "super",
        "switch",
        "synchronized",
        "this",
        "throw",
        "throws",
        "transient",
        "try",
        "void",
        "volatile",
        "while",
        "_",
        "true",
        "false",
        "null",
    ];

    /// A package segment in the conventional form: lowercase ASCII letters, digits and
    /// `_`, not starting with a digit, not reserved.
    fn is_package_segment(segment: &str) -> bool {
        segment.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && segment.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !JAVA_RESERVED.contains(&segment)
    }

    /// A Maven groupId or artifactId (`[A-Za-z0-9_\-.]+`, Maven's model validator).
    fn is_maven_id(id: &str) -> bool {
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
    }

    #[test]
    fn package_names_are_valid() {
        for name in awkward::accepted().iter().chain(&awkward::too_long()) {
            let names = package(name);
            assert!(names.package.split('.').all(is_package_segment), "{name:?} gives {names:?}");
            assert!(is_maven_id(&names.group_id) && is_maven_id(&names.artifact_id), "{name:?} gives {names:?}");
            assert_eq!(format!("{}.errors", names.group_id), names.package);
            assert_eq!(names.path, names.package.replace('.', "/"));
        }
        // Each segment is a source folder, within a path component's 255 bytes.
        for name in awkward::accepted() {
            assert!(package(&name).path.split('/').all(|folder| folder.len() <= 255), "{name:?}");
        }
    }

    #[test]
    fn package_examples() {
        let scriptix = package("Scriptix");
        assert_eq!(scriptix.group_id, "com.scriptix");
        assert_eq!(scriptix.artifact_id, "scriptix-errors");
        assert_eq!(scriptix.package, "com.scriptix.errors");
        assert_eq!(scriptix.path, "com/scriptix/errors");
        assert_eq!(package("Acme Cloud").package, "com.acmecloud.errors");
        assert_eq!(package("class").package, "com.class_.errors");
        assert_eq!(package("3D Print").package, "com._3dprint.errors");
        assert_eq!(package("!!!").package, "com.api.errors");
        assert_eq!(package("!!!").artifact_id, "api-errors");
        assert_eq!(package("Café Über").package, "com.cafber.errors");
        assert_eq!(package("Café Über").artifact_id, "caf-ber-errors");
        assert_eq!(package("ACMECloud").artifact_id, "acme-cloud-errors");
    }

    #[test]
    fn field_examples() {
        assert_eq!(field("quota_limit"), "quotaLimit");
        assert_eq!(field("class"), "class_");
        assert_eq!(field("hash_code"), "hashCode_");
        assert_eq!(field("to_string"), "toString_");
        assert_eq!(field("1st"), "_1st");
        assert_eq!(field(""), "__");
        assert_eq!(field("record"), "record_");
    }

    #[test]
    fn category_examples() {
        assert_eq!(
            category("authentication"),
            CategoryNames { exception: "AuthenticationException".into(), constant: "AUTHENTICATION".into() }
        );
        assert_eq!(category("runtime").exception, "RuntimeException_");
        assert_eq!(category("interrupted").exception, "InterruptedException_");
    }
}
