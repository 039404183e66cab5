//! The filters and functions templates use. All escaping and naming lives in Rust
//! ([`crate::escape`], [`crate::ident`]); templates only choose which one applies.
//!
//! Literal filters (output includes the quotes): `rust_str`, `py_str`, `ts_str`,
//! `go_str`, `json_str`, `yaml_str`. Text filters: `md` (Markdown inline text),
//! `md_cell` (a table cell), `md_code` (an inline code span), `doc_lines` (a list of lines
//! safe in any comment), `py_doc` (docstring body). Naming: `upper_camel`, `lower_camel`,
//! `snake`, `screaming_snake`, `kebab`, `escape_ident(lang)` and
//! `field_ident(lang)` where `lang` is `"rust"`, `"python"`, `"typescript"` or `"go"`.
//! Data: `json(indent=None)` serializes any value as deterministic JSON; `anchor`
//! makes a Markdown heading anchor the way GitHub does.

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};

use crate::escape;
use crate::ident::{self, Lang};

/// Adds every errcat filter to `env`.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("rust_str", |s: &str| escape::rust_string(s));
    env.add_filter("py_str", |s: &str| escape::python_string(s));
    env.add_filter("ts_str", |s: &str| escape::typescript_string(s));
    env.add_filter("go_str", |s: &str| escape::go_string(s));
    env.add_filter("json_str", |s: &str| escape::json_string(s));
    env.add_filter("yaml_str", |s: &str| escape::yaml_string(s));
    env.add_filter("md", |s: &str| escape::markdown_inline(s));
    env.add_filter("md_cell", |s: &str| escape::markdown_table_cell(s));
    env.add_filter("md_code", |s: &str| escape::markdown_code_span(s));
    env.add_filter("doc_lines", |s: &str| escape::doc_comment_lines(s));
    env.add_filter("py_doc", |s: &str| escape::python_docstring(s));
    env.add_filter("upper_camel", |s: &str| ident::upper_camel(s));
    env.add_filter("lower_camel", |s: &str| ident::lower_camel(s));
    env.add_filter("snake", |s: &str| ident::snake(s));
    env.add_filter("screaming_snake", |s: &str| ident::screaming_snake(s));
    env.add_filter("kebab", |s: &str| heck::ToKebabCase::to_kebab_case(s));
    env.add_filter("escape_ident", |s: &str, lang: &str| Ok::<_, Error>(ident::escape(lang_of(lang)?, s)));
    env.add_filter("field_ident", |s: &str, lang: &str| Ok::<_, Error>(ident::field_ident(lang_of(lang)?, s)));
    env.add_filter("json", to_json);
    env.add_filter("anchor", |s: &str| anchor(s));
}

fn lang_of(name: &str) -> Result<Lang, Error> {
    match name {
        "rust" => Ok(Lang::Rust),
        "python" => Ok(Lang::Python),
        "typescript" => Ok(Lang::TypeScript),
        "go" => Ok(Lang::Go),
        other => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("unknown language `{other}` (expected rust, python, typescript or go)"),
        )),
    }
}

fn to_json(value: &Value, indent: Option<usize>) -> Result<String, Error> {
    let json: serde_json::Value = serde_json::to_value(value)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("cannot serialize to JSON: {e}")))?;
    let text = match indent {
        None => serde_json::to_string(&json),
        Some(width) => {
            let indent = vec![b' '; width];
            let mut out = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(&indent);
            let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
            serde::Serialize::serialize(&json, &mut serializer).map(|()| String::from_utf8_lossy(&out).into_owned())
        }
    };
    let text = text.map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("cannot serialize to JSON: {e}")))?;
    // U+2028/U+2029 are valid in JSON but end lines in JavaScript and some editors.
    Ok(text.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029"))
}

/// A GitHub-style heading anchor: lower case, punctuation dropped, spaces to `-`.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("Authentication Errors (401)"), "authentication-errors-401");
        assert_eq!(anchor("MISSING_API_KEY"), "missing_api_key");
    }

    #[test]
    fn json_filter_is_deterministic_and_js_safe() {
        let value = Value::from_serialize(serde_json::json!({"b": 1, "a": "x\u{2028}y"}));
        assert_eq!(to_json(&value, None).ok().as_deref(), Some(r#"{"b":1,"a":"x\u2028y"}"#));
    }

    #[test]
    fn unknown_language_is_an_error_not_a_guess() {
        assert!(lang_of("cobol").is_err());
    }
}
