//! YAML text → [`RawCatalog`], reporting every structural problem at once.
//!
//! The text is parsed once, into a generic tree of [`Node`]s with spans ([`tree`], under
//! resource limits: input size, nesting depth, node count, alias expansion). Then:
//!
//! 1. the tree is checked against the catalog's JSON Schema ([`schema`]), which finds
//!    *all* unknown fields (with a "did you mean"), missing fields, wrong types and
//!    unknown enum values — serde alone stops at the first problem;
//! 2. only if that found nothing, the tree itself is deserialized into the typed
//!    [`RawCatalog`] ([`typed`]), spans included, without parsing the text again.

mod schema;
mod tree;
mod typed;

pub use tree::{Node, NodeKind};

use serde_json::Value as Json;

use crate::diag::Diagnostic;
use crate::raw::{RawCatalog, RawLocaleFile};
use crate::span::Span;

/// Limits that keep a hostile catalog from exhausting time or memory.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest accepted catalog, in bytes.
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most items in one list (or entries in one mapping): room for 100 000 codes, while a
    /// million-element list is refused as soon as the parser reaches its limit.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // A catalog nests about 8 levels deep. Each level costs the parser tens of KB of
        // stack in a debug build; 32 stays well inside a 2 MB thread (a test's).
        Limits { max_bytes: 64 * 1024 * 1024, max_depth: 32, max_items: 200_000 }
    }
}

/// The catalog format's JSON Schema, as committed in `schema/catalog.schema.json`.
/// A test checks it matches the raw types.
pub const CATALOG_SCHEMA: &str = include_str!("../../../../schema/catalog.schema.json");

/// The locale file format's JSON Schema, as committed in `schema/locale.schema.json`.
pub const LOCALE_SCHEMA: &str = include_str!("../../../../schema/locale.schema.json");

/// Parses catalog text into raw types, or returns every structural problem found.
pub fn load(text: &str, limits: &Limits) -> Result<RawCatalog, Vec<Diagnostic>> {
    load_document(text, limits, CATALOG_SCHEMA)
}

/// Parses the text of a locale file into raw types, or returns every structural problem
/// found, the way [`load`] does for a catalog.
pub fn load_locale_file(text: &str, limits: &Limits) -> Result<RawLocaleFile, Vec<Diagnostic>> {
    load_document(text, limits, LOCALE_SCHEMA)
}

/// Parses `text` into `T`, checking it against the JSON Schema `schema_text` first.
fn load_document<T: serde::de::DeserializeOwned>(
    text: &str,
    limits: &Limits,
    schema_text: &str,
) -> Result<T, Vec<Diagnostic>> {
    if text.len() > limits.max_bytes {
        return Err(vec![too_large(text.len() as u64, limits)]);
    }
    let tree = crate::timing::timed("load: YAML parse", || tree::parse(text, limits))?;
    let schema: Json = serde_json::from_str(schema_text).map_err(|error| {
        vec![Diagnostic::error("internal", Span::UNKNOWN, format!("errcat's embedded schema is invalid: {error}"))]
    })?;
    let mut diagnostics = Vec::new();
    crate::timing::timed("load: schema walk", || schema::check(&tree, &schema, &mut diagnostics));
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    crate::timing::timed("load: typed deserialize", || typed::deserialize(tree))
        .map_err(|error| vec![error.into_diagnostic()])
}

/// The diagnostic for a catalog of `len` bytes, over the size limit.
pub fn too_large(len: u64, limits: &Limits) -> Diagnostic {
    Diagnostic::error(
        "catalog-too-large",
        Span::UNKNOWN,
        format!("catalog is {len} bytes, more than the limit of {} bytes", limits.max_bytes),
    )
    .with_help("split the catalog, or raise the limit if this size is intended")
}

/// The diagnostic for a file that is not UTF-8: `bytes` are valid up to `valid_up_to`;
/// `text` is the file read lossily (the same prefix), for the line and column.
pub fn not_utf8(bytes: &[u8], valid_up_to: usize, text: &str) -> Diagnostic {
    let before = &text[..valid_up_to.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    let span = Span {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        start: valid_up_to.min(text.len()),
        len: 0,
    };
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian, it starts with the byte order mark FF FE)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian, it starts with the byte order mark FE FF)"),
        [_, 0, _, 0, ..] => Some("UTF-16 (little-endian: every other byte is zero)"),
        [0, _, 0, _, ..] => Some("UTF-16 (big-endian: every other byte is zero)"),
        _ if bytes.iter().any(|&b| b >= 0x80) => Some("a single-byte encoding such as Latin-1 or Windows-1252"),
        _ => None,
    };
    let byte = bytes.get(valid_up_to).map_or(String::new(), |b| format!(" (byte 0x{b:02X})"));
    let help = match encoding {
        Some(encoding) => format!("the file looks like {encoding}; save it as UTF-8"),
        None => "save the file as UTF-8".to_owned(),
    };
    Diagnostic::error("catalog-encoding", span, format!("the catalog is not UTF-8 text{byte}")).with_help(help)
}

/// Turns a YAML parser/deserializer error into a diagnostic at its location.
pub(crate) fn yaml_error(error: &serde_saphyr::Error, text: &str, limits: &Limits) -> Diagnostic {
    let span = error.location().map_or(Span::UNKNOWN, |location| Span::from_location(location, text));
    let message = first_line_without_location(&error.to_string());
    // serde-saphyr's advice is for programmers embedding it, not for catalog authors.
    let message = message.split(", set DuplicateKeyPolicy").next().unwrap_or(&message).to_owned();
    if let Some(message) = describe_budget_breach(&message, limits_hint(text, limits)) {
        return Diagnostic::error("resource-limit", span, message)
            .with_help("a catalog is a plain document: keep nesting shallow and aliases few");
    }
    let (rule, help) = if message.contains("duplicate") {
        ("duplicate-key", "each key may appear once per mapping; remove or rename one of them")
    } else if message.contains("budget") || message.contains("limit") || message.contains("depth") {
        ("resource-limit", "the catalog exceeds a safety limit (nesting, size, list length or alias expansion)")
    } else {
        ("yaml-syntax", "fix the YAML at this position")
    };
    Diagnostic::error(rule, span, message).with_help(help)
}

/// The budget limits as the loader configured them for `text`, for messages.
fn limits_hint(text: &str, limits: &Limits) -> (usize, usize) {
    let budget = serde_saphyr::Budget::default();
    (budget.max_nodes.max(text.len()), limits.max_depth)
}

/// serde-saphyr reports budget breaches as `budget breached: Nodes { nodes: N }`; say
/// what that means for a catalog author.
fn describe_budget_breach(message: &str, (max_nodes, max_depth): (usize, usize)) -> Option<String> {
    let breach = message.strip_prefix("budget breached: ")?;
    let kind = breach.split([' ', '{']).next().unwrap_or(breach);
    Some(match kind {
        "Nodes" | "Events" | "AliasReplays" | "Aliases" | "Anchors" | "AliasAnchorRatio" => format!(
            "the catalog expands to more than {max_nodes} YAML values (aliases count each time they are used: \
             an alias bomb?)"
        ),
        "Depth" => format!("values are nested deeper than {max_depth} levels"),
        "Documents" => "the file holds more than one YAML document; a catalog is one document".to_owned(),
        _ => format!("the catalog exceeds a safety limit of the YAML parser ({breach})"),
    })
}

fn first_line_without_location(message: &str) -> String {
    let line = message.lines().next().unwrap_or("invalid YAML").trim();
    let line = line.split(" at line ").next().unwrap_or(line);
    let line = line.strip_prefix("error: ").unwrap_or(line);
    line.trim_end_matches('.').to_owned()
}
