//! YAML text → [`RawCatalog`], reporting every structural problem at once.
//!
//! Loading runs in two passes over the text:
//!
//! 1. The YAML is parsed into a generic tree of [`Node`]s with spans (under resource
//!    limits: input size, nesting depth, node count, alias expansion), and that tree is
//!    checked against the catalog's JSON Schema. This pass finds *all* unknown fields
//!    (with a "did you mean"), missing fields, wrong types and unknown enum values.
//! 2. Only if the first pass found nothing, the text is deserialized into the typed
//!    [`RawCatalog`].
//!
//! serde alone stops at the first problem; the first pass is what lets one run of
//! `errcat check` list everything.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use crate::diag::{Diagnostic, did_you_mean};
use crate::raw::RawCatalog;
use crate::span::{Span, Spanned, with_source};

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

thread_local! {
    /// [`Limits::max_items`] while [`parse_tree`] runs (the tree's visitors have no other
    /// way to reach it).
    static MAX_ITEMS: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Whether a list or mapping with `items` items is full.
fn is_full(items: usize) -> bool {
    items >= MAX_ITEMS.with(std::cell::Cell::get)
}

/// The error for a list or mapping over the item limit. Out of line: the visitors recurse
/// once per nesting level, and every byte of their frames counts.
#[cold]
#[inline(never)]
fn too_many_items<E: de::Error>() -> E {
    let max = MAX_ITEMS.with(std::cell::Cell::get);
    E::custom(format!("a list or mapping holds more than {max} items, the limit"))
}

/// The catalog format's JSON Schema, as committed in `schema/catalog.schema.json`.
/// A test checks it matches the raw types.
pub const CATALOG_SCHEMA: &str = include_str!("../../../schema/catalog.schema.json");

/// Parses catalog text into raw types, or returns every structural problem found.
pub fn load(text: &str, limits: &Limits) -> Result<RawCatalog, Vec<Diagnostic>> {
    if text.len() > limits.max_bytes {
        return Err(vec![too_large(text.len() as u64, limits)]);
    }
    let tree = parse_tree(text, limits)?;
    let schema: Json = serde_json::from_str(CATALOG_SCHEMA).map_err(|error| {
        vec![Diagnostic::error("internal", Span::UNKNOWN, format!("errcat's embedded schema is invalid: {error}"))]
    })?;
    let mut diagnostics = Vec::new();
    SchemaWalker { root: &schema, diagnostics: &mut diagnostics }.check(&tree, &schema, "");
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    with_source(text, || serde_saphyr::from_str_with_options::<RawCatalog>(text, options(text, limits)))
        .map_err(|error| vec![yaml_error(&error, text, limits)])
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

/// A YAML value with where it was written; keys keep their own spans.
#[derive(Debug)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it starts.
    pub span: Span,
}

/// The shape of a [`Node`].
#[derive(Debug)]
pub enum NodeKind {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits (signed or unsigned).
    Int(i128),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Spanned<String>, Node)>),
}

impl NodeKind {
    fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "nothing (null)",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

fn options(text: &str, limits: &Limits) -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    let mut budget = serde_saphyr::Budget::default();
    // A catalog of many thousand codes legitimately has millions of events; scale the
    // caps with the input (which is itself bounded by `Limits::max_bytes`).
    budget.max_events = budget.max_events.max(text.len().saturating_mul(2));
    budget.max_nodes = budget.max_nodes.max(text.len());
    // Scalars are part of the text: a catalog larger than the default cap (64 MiB, allowed
    // by a raised `Limits::max_bytes`) must not trip it.
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(text.len());
    budget.max_depth = limits.max_depth;
    budget.max_documents = 1;
    options.budget = Some(budget);
    options
}

fn parse_tree(text: &str, limits: &Limits) -> Result<Node, Vec<Diagnostic>> {
    let previous = MAX_ITEMS.with(|max| max.replace(limits.max_items));
    let parsed = with_source(text, || serde_saphyr::from_str_with_options::<Option<Node>>(text, options(text, limits)));
    MAX_ITEMS.with(|max| max.set(previous));
    match parsed {
        Ok(Some(node)) => Ok(node),
        Ok(None) => Err(vec![
            Diagnostic::error("empty-catalog", Span::UNKNOWN, "the catalog is empty")
                .with_help("start from the example in errcat's README, or run `errcat schema` for the format"),
        ]),
        Err(error) => Err(vec![yaml_error(&error, text, limits)]),
    }
}

/// Turns a YAML parser/deserializer error into a diagnostic at its location.
fn yaml_error(error: &serde_saphyr::Error, text: &str, limits: &Limits) -> Diagnostic {
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

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeKind>::deserialize(deserializer)?;
        Ok(Node { kind: spanned.value, span: spanned.span })
    }
}

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<NodeKind, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<NodeKind, E> {
        Ok(NodeKind::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<NodeKind, E> {
        Ok(i128::try_from(value).map_or(NodeKind::Float(value as f64), NodeKind::Int))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<NodeKind, E> {
        Ok(NodeKind::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            if is_full(items.len()) {
                return Err(too_many_items());
            }
            items.push(item);
        }
        Ok(NodeKind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Node>()?;
            if is_full(entries.len()) {
                return Err(too_many_items());
            }
            entries.push((Spanned { value: key.value.0, span: key.span }, value));
        }
        Ok(NodeKind::Map(entries))
    }
}

/// A mapping key as text, whatever scalar type YAML resolved it to.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match NodeKind::deserialize(deserializer)? {
            NodeKind::Str(text) => Ok(KeyText(text)),
            NodeKind::Int(value) => Ok(KeyText(value.to_string())),
            NodeKind::Float(value) => Ok(KeyText(value.to_string())),
            NodeKind::Bool(value) => Ok(KeyText(value.to_string())),
            NodeKind::Null => Ok(KeyText("null".to_owned())),
            NodeKind::Seq(_) | NodeKind::Map(_) => Err(de::Error::custom("mapping keys must be plain scalars")),
        }
    }
}

/// Checks a [`Node`] tree against the subset of JSON Schema that schemars emits for the
/// raw types: `$ref`, `type`, `properties`/`required`/`additionalProperties`, `items`,
/// `enum`/`const`/`oneOf`/`anyOf`, `minimum`/`maximum`.
struct SchemaWalker<'a> {
    root: &'a Json,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> SchemaWalker<'a> {
    fn check(&mut self, node: &Node, schema: &Json, path: &str) {
        let schema = self.deref(schema);
        let Json::Object(object) = schema else {
            if schema == &Json::Bool(false) {
                self.diagnostics.push(Diagnostic::error(
                    "unexpected-value",
                    node.span,
                    format!("`{path}` may not be given"),
                ));
            }
            return;
        };
        if let Some(branches) = object.get("anyOf").or_else(|| object.get("oneOf")).and_then(Json::as_array) {
            self.check_branches(node, branches, path);
            return;
        }
        if let Some(values) = object.get("enum").and_then(Json::as_array) {
            self.check_enum(node, values, path);
            return;
        }
        if let Some(value) = object.get("const") {
            self.check_enum(node, std::slice::from_ref(value), path);
            return;
        }
        if let Some(expected) = object.get("type")
            && !type_matches(&node.kind, expected)
        {
            self.diagnostics.push(
                Diagnostic::error(
                    "wrong-type",
                    node.span,
                    format!(
                        "`{}` must be {}, found {}",
                        display_path(path),
                        describe_type(expected),
                        node.kind.describe()
                    ),
                )
                .with_label(format!("expected {}", describe_type(expected))),
            );
            return;
        }
        match &node.kind {
            NodeKind::Map(entries) => self.check_map(node, entries, object, path),
            NodeKind::Seq(items) => {
                if let Some(item_schema) = object.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.check(item, item_schema, &format!("{path}[{index}]"));
                    }
                }
            }
            NodeKind::Int(value) => self.check_range(node.span, *value, object, path),
            _ => {}
        }
    }

    fn deref<'s>(&self, mut schema: &'s Json) -> &'s Json
    where
        'a: 's,
    {
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Json::as_str) else { break };
            let Some(name) = reference.strip_prefix("#/$defs/") else { break };
            match self.root.get("$defs").and_then(|defs| defs.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn check_map(
        &mut self,
        node: &Node,
        entries: &[(Spanned<String>, Node)],
        object: &serde_json::Map<String, Json>,
        path: &str,
    ) {
        let properties = object.get("properties").and_then(Json::as_object);
        let closed = object.get("additionalProperties") == Some(&Json::Bool(false));
        let known: Vec<&str> = properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        // A misspelt required field is one problem, not two: the unknown key's "did you
        // mean" names the field, so the missing-field report is left out.
        let mut suggested: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let child_path = join(path, &key.value);
            match properties.and_then(|p| p.get(&key.value)) {
                Some(child) => self.check(value, child, &child_path),
                None if closed => {
                    let mut diagnostic = Diagnostic::error(
                        "unknown-field",
                        key.span,
                        format!("unknown field `{}` in {}", key.value, describe_location(path)),
                    )
                    .with_label("not a field of the catalog format");
                    diagnostic = match did_you_mean(&key.value, known.iter().copied()) {
                        Some(suggestion) => {
                            suggested.push(suggestion);
                            diagnostic.with_help(format!("did you mean `{suggestion}`?"))
                        }
                        None => diagnostic.with_help(format!("expected one of: {}", list(&known))),
                    };
                    self.diagnostics.push(diagnostic);
                }
                None => {
                    if let Some(extra) = object.get("additionalProperties").filter(|s| s.is_object()) {
                        self.check(value, extra, &child_path);
                    }
                }
            }
        }
        if let Some(required) = object.get("required").and_then(Json::as_array) {
            for name in required.iter().filter_map(Json::as_str) {
                if !entries.iter().any(|(key, _)| key.value == name) && !suggested.contains(&name) {
                    let what = properties
                        .and_then(|p| p.get(name))
                        .map(|s| self.deref(s))
                        .and_then(|s| s.get("description"))
                        .and_then(Json::as_str)
                        .map(|d| format!(" ({})", d.lines().next().unwrap_or(d).trim_end_matches('.')))
                        .unwrap_or_default();
                    self.diagnostics.push(
                        Diagnostic::error(
                            "missing-field",
                            node.span,
                            format!("missing field `{name}` in {}", describe_location(path)),
                        )
                        .with_label(format!("`{name}` required here"))
                        .with_help(format!("add `{name}`{what}")),
                    );
                }
            }
        }
    }

    fn check_branches(&mut self, node: &Node, branches: &[Json], path: &str) {
        // An enum whose variants carry descriptions comes out as `oneOf` of constants.
        let constants: Vec<Json> = branches.iter().filter_map(|b| self.deref(b).get("const")).cloned().collect();
        if constants.len() == branches.len() {
            self.check_enum(node, &constants, path);
            return;
        }
        let mut best: Option<Vec<Diagnostic>> = None;
        for branch in branches {
            let mut found = Vec::new();
            SchemaWalker { root: self.root, diagnostics: &mut found }.check(node, branch, path);
            if found.is_empty() {
                return;
            }
            // Prefer the branch whose type matches: its errors are about the content.
            let branch = self.deref(branch);
            let type_ok = branch.get("type").is_none_or(|t| type_matches(&node.kind, t));
            if type_ok
                && best.as_ref().is_none_or(|b| found.len() < b.len() || b.iter().any(|d| d.rule == "wrong-type"))
            {
                best = Some(found);
            }
        }
        if let Some(found) = best.filter(|found| !found.iter().all(|d| d.rule == "wrong-type")) {
            self.diagnostics.extend(found);
            return;
        }
        // No branch matched the node's type: report the alternatives.
        let types: Vec<String> =
            branches.iter().map(|b| self.deref(b)).filter_map(|b| b.get("type")).map(describe_type).collect();
        self.diagnostics.push(Diagnostic::error(
            "wrong-type",
            node.span,
            format!("`{}` must be {}, found {}", display_path(path), types.join(" or "), node.kind.describe()),
        ));
    }

    fn check_enum(&mut self, node: &Node, values: &[Json], path: &str) {
        let accepted = values.iter().any(|value| match (&node.kind, value) {
            (NodeKind::Str(text), Json::String(expected)) => text == expected,
            (NodeKind::Int(number), Json::Number(expected)) => expected.as_i64().map(i128::from) == Some(*number),
            (NodeKind::Bool(flag), Json::Bool(expected)) => flag == expected,
            (NodeKind::Null, Json::Null) => true,
            _ => false,
        });
        if accepted {
            return;
        }
        let names: Vec<&str> = values.iter().filter_map(Json::as_str).collect();
        let found = match &node.kind {
            NodeKind::Str(text) => format!("`{text}`"),
            other => other.describe().to_owned(),
        };
        let mut diagnostic = Diagnostic::error(
            "unknown-value",
            node.span,
            format!("`{}` must be one of {}, found {found}", display_path(path), list(&names)),
        );
        if let NodeKind::Str(text) = &node.kind
            && let Some(suggestion) = did_you_mean(text, names.iter().copied())
        {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        }
        self.diagnostics.push(diagnostic);
    }

    fn check_range(&mut self, span: Span, value: i128, object: &serde_json::Map<String, Json>, path: &str) {
        let minimum = object.get("minimum").and_then(Json::as_f64);
        let maximum = object.get("maximum").and_then(Json::as_f64);
        let too_small = minimum.is_some_and(|min| (value as f64) < min);
        let too_large = maximum.is_some_and(|max| (value as f64) > max);
        if too_small || too_large {
            let range = match (minimum, maximum) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            };
            self.diagnostics.push(Diagnostic::error(
                "out-of-range",
                span,
                format!("`{}` must be {range}, found {value}", display_path(path)),
            ));
        }
    }
}

fn type_matches(kind: &NodeKind, expected: &Json) -> bool {
    let one = |name: &str| {
        matches!(
            (name, kind),
            ("null", NodeKind::Null)
                | ("boolean", NodeKind::Bool(_))
                | ("integer", NodeKind::Int(_))
                | ("number", NodeKind::Int(_) | NodeKind::Float(_))
                | ("string", NodeKind::Str(_))
                | ("array", NodeKind::Seq(_))
                | ("object", NodeKind::Map(_))
        )
    };
    match expected {
        Json::String(name) => one(name),
        Json::Array(names) => names.iter().filter_map(Json::as_str).any(one),
        _ => true,
    }
}

fn describe_type(expected: &Json) -> String {
    let one = |name: &str| match name {
        "null" => "nothing",
        "boolean" => "a boolean",
        "integer" => "an integer",
        "number" => "a number",
        "string" => "a string",
        "array" => "a list",
        "object" => "a mapping",
        _ => "a value",
    };
    match expected {
        Json::String(name) => one(name).to_owned(),
        Json::Array(names) => {
            names.iter().filter_map(Json::as_str).filter(|n| *n != "null").map(one).collect::<Vec<_>>().join(" or ")
        }
        _ => "a value".to_owned(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "the catalog" } else { path }
}

fn describe_location(path: &str) -> String {
    if path.is_empty() { "the catalog's top level".to_owned() } else { format!("`{path}`") }
}

fn list(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}
