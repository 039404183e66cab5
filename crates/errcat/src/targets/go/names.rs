//! The names Go code generated from a catalog declares.

use serde::Serialize;

use super::syntax::{escape_ident, exported};
use crate::model::Code;
use crate::names::FieldNames;
use crate::targets::words::{Words, lower_words, snake};

/// The names of one error code in the Go package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeNames {
    /// `Code` constant: `CodeMissingAPIKey`.
    pub constant: String,
    /// Details struct: `MissingAPIKeyDetails`.
    pub details: String,
    /// Sentinel error for `errors.Is`: `ErrMissingAPIKey`.
    pub error_var: String,
    /// Details struct field holding the keys not declared: `Extra`, or `Extra_` when a
    /// declared field is called `Extra` in Go.
    pub extra: String,
}

/// The names of one category in the Go package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryNames {
    /// Error type name of the category: `AuthenticationError`.
    pub class: String,
    /// `Category` constant: `CategoryAuthentication`.
    pub constant: String,
}

/// The names of `code`, whose words are `words` and whose details fields are named
/// `fields`.
pub fn code(code: &Code, words: &Words, fields: &[FieldNames]) -> CodeNames {
    let camel = &go_camel(&words.snake);
    let mut wire_names = code.fields.iter().zip(fields).filter(|(field, _)| !field.message_only).map(|(_, n)| &n.go);
    let extra = if wire_names.any(|name| name == "Extra") { "Extra_" } else { "Extra" };
    CodeNames {
        constant: escape_ident(&format!("Code{camel}")),
        details: escape_ident(&exported(format!("{camel}Details"))),
        error_var: escape_ident(&format!("Err{camel}")),
        extra: extra.to_owned(),
    }
}

/// The struct field of the details field `name`: its exported [`go_camel`] spelling
/// (`document_id` is `DocumentID`), prefixed with `X` when it would not start with a letter.
pub fn field(name: &str) -> String {
    escape_ident(&exported(go_camel(&snake(name))))
}

/// The names of the category `id`.
pub fn category(id: &str) -> CategoryNames {
    let camel = go_camel(&snake(id));
    CategoryNames { class: format!("{camel}Error"), constant: format!("Category{camel}") }
}

/// The initialisms Go spells in one case: staticcheck's default list for ST1003
/// (`APIKey`, `RequestID`, `CallbackURL`, never `ApiKey`).
const INITIALISMS: [&str; 42] = [
    "acl", "amqp", "api", "ascii", "cpu", "css", "db", "dns", "eof", "gid", "guid", "html", "http", "https", "id",
    "ip", "json", "qps", "ram", "rpc", "rtp", "sip", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ts", "ttl", "udp",
    "ui", "uid", "uri", "url", "utf8", "uuid", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// UpperCamelCase from `snake_case` words, Go's way: each word capitalized, an initialism
/// ([`INITIALISMS`]) in capitals (`missing_api_key` is `MissingAPIKey`).
pub fn go_camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for word in snake.split('_').filter(|word| !word.is_empty()) {
        if INITIALISMS.contains(&word) {
            out.push_str(&word.to_ascii_uppercase());
        } else {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// The Go package name for the API `api_name`: `scriptixerrors`, the name's
/// [`lower_words`] run together.
pub fn package(api_name: &str) -> String {
    format!("{}errors", lower_words(api_name).concat())
}

/// The module path `go.mod` declares for the API `api_name`:
/// `github.com/scriptix/scriptix-errors-go`, from the name's [`lower_words`] joined with
/// `-`. `templates/go/go.mod.j2` spells the same path with the `snake` filter.
pub fn module_path(api_name: &str) -> String {
    let name = lower_words(api_name).join("-");
    format!("github.com/{name}/{name}-errors-go")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::words::awkward;

    #[test]
    fn initialisms_are_spelled_in_one_case() {
        assert_eq!(go_camel("missing_api_key"), "MissingAPIKey");
        assert_eq!(go_camel("document_id"), "DocumentID");
        assert_eq!(go_camel("callback_url"), "CallbackURL");
        assert_eq!(go_camel("utf8_http_json"), "UTF8HTTPJSON");
        assert_eq!(go_camel("identity_idle"), "IdentityIdle", "only whole words are initialisms");
        assert_eq!(go_camel("__quota__limit_"), "QuotaLimit");
        assert_eq!(field("resourceId"), "ResourceID");
        assert_eq!(field("retryAfterSeconds"), "RetryAfterSeconds");
        assert_eq!(category("api-keys").class, "APIKeysError");
    }

    /// Go's keywords, which no package name may be.
    const GO_KEYWORDS: [&str; 25] = [
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
    ];

    /// A conventional Go package name: lowercase ASCII letters and digits, starting with a
    /// letter, not a keyword.
    fn is_package_name(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && !GO_KEYWORDS.contains(&name)
    }

    /// A module path `go` accepts (`golang.org/x/mod/module.CheckPath`), lowercase: a
    /// first element with a dot, then elements of letters, digits and `-._~` that neither
    /// start nor end with `.`. Windows device names (`con`) are the validator's check.
    fn is_module_path(path: &str) -> bool {
        let elem = |e: &str| {
            !e.is_empty()
                && !e.starts_with('.')
                && !e.ends_with('.')
                && e.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._~".contains(&b))
        };
        let mut elems = path.split('/');
        elems.next().is_some_and(|host| host.contains('.') && elem(host))
            && elems.clone().count() > 0
            && elems.all(elem)
    }

    #[test]
    fn package_examples() {
        assert_eq!(package("Scriptix"), "scriptixerrors");
        assert_eq!(package("Acme Cloud"), "acmeclouderrors");
        assert_eq!(package("Café Über"), "cafbererrors");
        assert_eq!(module_path("Scriptix"), "github.com/scriptix/scriptix-errors-go");
        assert_eq!(module_path("Café Über"), "github.com/caf-ber/caf-ber-errors-go");
    }

    #[test]
    fn package_names_and_module_paths_are_valid() {
        for name in awkward::accepted().iter().chain(&awkward::too_long()) {
            let package = package(name);
            assert!(is_package_name(&package), "{name:?} gives {package:?}");
            let path = module_path(name);
            assert!(is_module_path(&path), "{name:?} gives {path:?}");
        }
        // Each element of the module path is a folder of the module cache.
        for name in awkward::accepted() {
            assert!(module_path(&name).split('/').all(|e| e.len() <= 255), "{name:?}");
        }
    }
}
