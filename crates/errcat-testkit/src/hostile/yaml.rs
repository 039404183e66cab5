//! The [`Yaml`] tree a hostile catalog is built as, and its writer: block YAML (scalars
//! and empty collections in flow style), keys plain for catalog fields and double-quoted
//! inside example values, every string double-quoted by
//! [`errcat::targets::yaml::string_literal`].

use serde_json::Value as Json;

/// A YAML document tree, written by [`HostileCatalog::yaml`](super::HostileCatalog::yaml).
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    /// A string, always written double-quoted.
    Str(String),
    /// An integer.
    Int(i128),
    /// A float, always written with a fraction or exponent.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in the order written. Keys of catalog fields are written plain; keys
    /// inside example values are written double-quoted.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// A string node.
    pub(super) fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    /// A sequence of string nodes.
    pub(super) fn strs(list: &[String]) -> Yaml {
        Yaml::Seq(list.iter().cloned().map(Yaml::Str).collect())
    }

    /// The tree of a JSON value.
    pub fn from_json(value: &Json) -> Yaml {
        match value {
            Json::Null => Yaml::Null,
            Json::Bool(b) => Yaml::Bool(*b),
            Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Yaml::Int(i.into()),
                (None, Some(u), _) => Yaml::Int(u.into()),
                (None, None, Some(f)) => Yaml::Float(f),
                _ => Yaml::Null,
            },
            Json::String(s) => Yaml::Str(s.clone()),
            Json::Array(items) => Yaml::Seq(items.iter().map(Yaml::from_json).collect()),
            Json::Object(map) => Yaml::Map(map.iter().map(|(k, v)| (k.clone(), Yaml::from_json(v))).collect()),
        }
    }
}

/// Writes the entries of a mapping, one per line at `indent` (the first one inline after
/// a `- ` when `inline_first`). `quoted_keys` is set inside example values.
pub(super) fn write_map(
    out: &mut String,
    entries: &[(String, Yaml)],
    indent: usize,
    inline_first: bool,
    quoted_keys: bool,
) {
    for (n, (key, value)) in entries.iter().enumerate() {
        if n > 0 || !inline_first {
            out.push_str(&" ".repeat(indent));
        }
        if !quoted_keys {
            out.push_str(key);
        } else if key.chars().count() > 1000 {
            // An implicit key is at most 1024 characters in YAML: write an explicit one.
            out.push_str("? ");
            out.push_str(&errcat::targets::yaml::string_literal(key));
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        } else {
            out.push_str(&errcat::targets::yaml::string_literal(key));
        }
        out.push(':');
        let quoted = quoted_keys || key == "example";
        match value {
            Yaml::Map(inner) if !inner.is_empty() => {
                out.push('\n');
                write_map(out, inner, indent + 2, false, quoted);
            }
            Yaml::Seq(items) if !items.is_empty() => {
                out.push('\n');
                write_seq(out, items, indent + 2, quoted);
            }
            scalar => {
                out.push(' ');
                write_flow(out, scalar);
                out.push('\n');
            }
        }
    }
}

/// Writes the items of a sequence, one `- ` per item at `indent`; `quoted_keys` as for
/// [`write_map`].
fn write_seq(out: &mut String, items: &[Yaml], indent: usize, quoted_keys: bool) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Yaml::Map(inner) if !inner.is_empty() => write_map(out, inner, indent + 2, true, quoted_keys),
            other => {
                write_flow(out, other);
                out.push('\n');
            }
        }
    }
}

/// One node in flow style (every key quoted).
fn write_flow(out: &mut String, value: &Yaml) {
    match value {
        Yaml::Str(s) => out.push_str(&errcat::targets::yaml::string_literal(s)),
        Yaml::Int(i) => out.push_str(&i.to_string()),
        Yaml::Float(f) => {
            let text = format!("{f:?}");
            out.push_str(&text);
        }
        Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Yaml::Null => out.push_str("null"),
        Yaml::Seq(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write_flow(out, item);
            }
            out.push(']');
        }
        Yaml::Map(entries) => {
            out.push('{');
            for (n, (key, item)) in entries.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                if key.chars().count() > 1000 {
                    out.push_str("? ");
                }
                out.push_str(&errcat::targets::yaml::string_literal(key));
                out.push_str(": ");
                write_flow(out, item);
            }
            out.push('}');
        }
    }
}
