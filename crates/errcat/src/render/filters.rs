//! The filters every template can use, whatever its target. All escaping and naming
//! lives in Rust; templates only choose which one applies. Each target adds its own
//! literal filters ([`crate::targets::Target::register_filters`]): `rust_str`, `py_str`,
//! `py_doc`, `ts_str`, `go_str`, `yaml_str`, `yaml_flow`.
//!
//! Shared literal filters: `json_str`. Text filters: `md` (Markdown inline text),
//! `md_text(cell=false)` (prose whose `` `…` `` pairs become code spans), `md_cell` (a
//! table cell), `md_code(cell=false)` (an inline code span; `cell` escapes its pipes for a
//! table), `md_url` (a link destination), `html_comment` (one line safe inside
//! `<!-- … -->`), `doc_lines` (a list of lines safe in any comment). Casing, for prose
//! and paths only (every generated identifier comes from the names table):
//! `upper_camel`, `snake`. Data: `json(indent=None)` serializes any value as
//! deterministic JSON; `anchor` makes a Markdown heading anchor the way GitHub does.

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};

use crate::targets::{markdown, text, words};

/// Adds every shared filter to `env`.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("json_str", |s: &str| text::json_string(s));
    env.add_filter("md", |s: &str| markdown::inline(s));
    env.add_filter("md_cell", |s: &str| markdown::table_cell(s));
    env.add_filter("md_code", |s: &str, cell: Option<bool>| markdown_code(s, cell.unwrap_or(false)));
    env.add_filter("doc_lines", |s: &str| text::doc_comment_lines(s));
    env.add_filter("html_comment", |s: &str| html_comment(s));
    env.add_filter("md_text", |s: &str, cell: Option<bool>| markdown_text(s, cell.unwrap_or(false)));
    env.add_filter("md_url", |s: &str| markdown_url(s));
    env.add_filter("upper_camel", |s: &str| words::upper_camel(s));
    env.add_filter("snake", |s: &str| words::snake(s));
    env.add_filter("json", to_json);
    env.add_filter("anchor", |s: &str| anchor(s));
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
    // U+2028/U+2029, the BOM and bidirectional overrides are valid in JSON but end lines in
    // JavaScript or hide text in editors. Line by line: the line breaks of indented output
    // are structure (serde_json escapes every one inside a string).
    Ok(text.split('\n').map(text::json_hidden_escaped).collect::<Vec<_>>().join("\n"))
}

/// `s` as one line of text that cannot end, nest or break an HTML comment `<!-- … -->`.
///
/// Lines are joined with spaces and unsafe characters replaced as in
/// [`text::doc_comment_lines`]; `<` and `>` become `&lt;` and `&gt;`, so neither `-->`,
/// `--!>` nor `<!--` can occur (and the text cannot start with `>` or `->`, which would
/// close the comment at once).
pub fn html_comment(s: &str) -> String {
    text::doc_comment_lines(s).join(" ").replace('<', "&lt;").replace('>', "&gt;")
}

/// Catalog prose as Markdown inline text: each pair of backticks becomes a code span
/// ([`markdown::code_span`]) and everything else is plain text
/// ([`markdown::inline`]), so the prose keeps its `code` formatting and nothing
/// else in it is Markdown. With an odd number of backticks, or an empty pair, the whole
/// text is plain. With `cell`, pipes inside code spans are escaped too (GitHub tables
/// split cells at every unescaped pipe, even in code), so the text fits one table cell.
pub fn markdown_text(s: &str, cell: bool) -> String {
    let s = s.trim();
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) || parts.iter().skip(1).step_by(2).any(|code| code.trim().is_empty()) {
        return markdown::inline(s);
    }
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str(&markdown_code(part, cell));
            continue;
        }
        // `markdown_inline` trims; the spaces around code spans are kept.
        let text = part.replace(['\n', '\r', '\t'], " ");
        let inner = markdown::inline(&text);
        if !inner.is_empty() || text.contains(' ') {
            if text.starts_with(' ') {
                out.push(' ');
            }
            out.push_str(&inner);
            if text.ends_with(' ') && !inner.is_empty() {
                out.push(' ');
            }
        }
    }
    out
}

/// An inline code span showing `s` ([`markdown::code_span`]); with `cell`, its pipes
/// are escaped so it stays inside one GitHub table cell (which shows them unescaped).
pub fn markdown_code(s: &str, cell: bool) -> String {
    // In a table cell `\|` escapes a `|`, so a code span holding a backslash right before a
    // `|` cannot be written unambiguously (parsers disagree on `\\|`): such text is
    // written as escaped plain text, which every parser reads the same way.
    if cell && s.contains("\\|") {
        return markdown::table_cell(s);
    }
    let span = markdown::code_span(s);
    if cell { span.replace('|', "\\|") } else { span }
}

/// A URL as a Markdown link destination (`[text](…)`) that links to exactly that URL.
///
/// Characters that could end the destination, start an entity or split a table cell
/// (`` \ ( ) < > & " ' ` | [ ] ``) are backslash-escaped; whitespace and controls, which a
/// destination cannot hold, are percent-encoded.
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if "\\()<>&\"'`|[]".contains(c) {
            out.push('\\');
            out.push(c);
        } else if c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
        let nested = Value::from_serialize(serde_json::json!({"a": ["x\ny\u{202e}"]}));
        assert_eq!(to_json(&nested, Some(2)).ok().as_deref(), Some("{\n  \"a\": [\n    \"x\\ny\\u202e\"\n  ]\n}"));
    }

    #[test]
    fn html_comment_cannot_close_the_comment() {
        for s in ["a --> b", "--!>", "<!-- x", "->", ">", "x\n-->\ny", "a<!-", "\u{202e}--\u{0}>"] {
            let text = html_comment(s);
            for bad in ["-->", "--!>", "<!--", "\n", "\u{202e}", "\0"] {
                assert!(!text.contains(bad), "{bad:?} in {text:?}");
            }
            assert!(!text.starts_with('>') && !text.starts_with("->"), "{text:?}");
        }
        assert_eq!(html_comment("Generated by `x`.\nDo not edit."), "Generated by `x`. Do not edit.");
    }

    #[test]
    fn markdown_text_keeps_code_spans_and_escapes_the_rest() {
        assert_eq!(
            markdown_text("Include `Authorization: Bearer KEY` header.", false),
            "Include `Authorization: Bearer KEY` header."
        );
        assert_eq!(markdown_text("`a` and `b`", false), "`a` and `b`");
        assert_eq!(markdown_text("x `a|b` *y*", false), "x `a|b` \\*y\\*");
        assert_eq!(markdown_text("x `a|b` | y", true), "x `a\\|b` \\| y");
        assert_eq!(markdown_text("any `\\|`", true), "any \\\\\\|");
        assert_eq!(markdown_text("odd ` backtick <b>", false), "odd \\` backtick \\<b\\>");
        assert_eq!(markdown_text("empty `` pair", false), "empty \\`\\` pair");
        assert_eq!(markdown_text("` `", false), "\\` \\`");
        assert_eq!(markdown_text("  `code` at start\nand end `x`  ", false), "`code` at start and end `x`");
        assert_eq!(markdown_text("<script>alert(1)</script>", false), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(markdown_text("", false), "");
    }

    #[test]
    fn markdown_url_stays_one_destination() {
        assert_eq!(markdown_url("https://docs.scriptix.io/rate-limits"), "https://docs.scriptix.io/rate-limits");
        assert_eq!(markdown_url("https://x.io/a_(b)?c=1&d=<e>"), "https://x.io/a_\\(b\\)?c=1\\&d=\\<e\\>");
        assert_eq!(markdown_url("https://x.io/a b\n"), "https://x.io/a%20b%0A");
        assert_eq!(markdown_url("mailto:a|b@c.io"), "mailto:a\\|b@c.io");
    }
}
