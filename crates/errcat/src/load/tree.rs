//! The one parse of the catalog text: a generic tree of [`Node`]s, each with its span.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Limits, yaml_error};
use crate::diag::Diagnostic;
use crate::span::{SaphyrSpanned, Span, Spanned, saphyr_spanned, with_source};

thread_local! {
    /// [`Limits::max_items`] while [`parse`] runs (the tree's visitors have no other
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

/// The parser options: duplicate keys refused, budgets scaled with the input.
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

/// Parses `text` into its tree, or the one YAML problem that stops the parser.
pub(super) fn parse(text: &str, limits: &Limits) -> Result<Node, Vec<Diagnostic>> {
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
    pub(super) fn describe(&self) -> &'static str {
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

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = saphyr_spanned::<NodeKind, D>(deserializer)?;
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
        while let Some(SaphyrSpanned(key)) = map.next_key::<SaphyrSpanned<KeyText>>()? {
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
