//! The tree of the one parse → the typed raw document ([`crate::raw::RawCatalog`], a locale file), spans included.
//!
//! [`NodeDeserializer`] is a serde deserializer over an owned [`Node`]: strings move out of
//! the tree instead of being copied, and a [`Spanned`](crate::span::Spanned) value gets
//! its span from the node it reads (it asks through the private struct name
//! [`SPANNED_STRUCT`]). The schema walk has checked the tree already, so an error here is
//! rare (a number out of its type's range, say); it still points at the node.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::tree::{Node, NodeKind};
use crate::diag::Diagnostic;
use crate::span::{SPANNED_FIELDS, SPANNED_STRUCT, Span, Spanned};

/// Deserializes a document's tree into its raw types.
pub(super) fn deserialize<T: serde::de::DeserializeOwned>(tree: Node) -> Result<T, TypedError> {
    serde::Deserialize::deserialize(NodeDeserializer { node: tree })
}

/// A value of the tree that does not fit its raw type, and where it is.
#[derive(Debug)]
pub(super) struct TypedError {
    message: String,
    span: Span,
}

impl TypedError {
    /// The error as a diagnostic at the value.
    pub(super) fn into_diagnostic(self) -> Diagnostic {
        Diagnostic::error("invalid-value", self.span, self.message)
            .with_help("the value does not fit the catalog format; `errcat schema` prints the format")
    }

    /// The error, pointing at `span` unless it points somewhere already (a nested value).
    fn at(mut self, span: Span) -> Self {
        if !self.span.is_known() {
            self.span = span;
        }
        self
    }
}

impl std::fmt::Display for TypedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TypedError {}

impl de::Error for TypedError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        TypedError { message: message.to_string(), span: Span::UNKNOWN }
    }
}

/// A deserializer over one owned node of the tree.
struct NodeDeserializer {
    node: Node,
}

impl<'de> de::Deserializer<'de> for NodeDeserializer {
    type Error = TypedError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        let span = self.node.span;
        let result = match self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(value) => visitor.visit_bool(value),
            NodeKind::Int(value) => match (i64::try_from(value), u64::try_from(value)) {
                (Ok(value), _) => visitor.visit_i64(value),
                (_, Ok(value)) => visitor.visit_u64(value),
                _ => visitor.visit_i128(value),
            },
            NodeKind::Float(value) => visitor.visit_f64(value),
            NodeKind::Str(value) => visitor.visit_string(value),
            NodeKind::Seq(items) => visitor.visit_seq(Items { items: items.into_iter() }),
            NodeKind::Map(entries) => visitor.visit_map(Entries { entries: entries.into_iter(), value: None }),
        };
        result.map_err(|error| error.at(span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        let span = self.node.span;
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|error| error.at(span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        if name == SPANNED_STRUCT {
            let span = self.node.span;
            let entries = SpannedEntries { span, node: Some(self.node), field: 0 };
            return visitor.visit_map(entries).map_err(|error| error.at(span));
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        let span = self.node.span;
        match self.node.kind {
            // The catalog's enums are unit variants, written as their name.
            NodeKind::Str(variant) => visitor.visit_enum(variant.into_deserializer()),
            _ => Err(de::Error::custom(format!("expected one of {} for {name}", variants.join(", ")))),
        }
        .map_err(|error: TypedError| error.at(span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        seq tuple tuple_struct map identifier
    }
}

/// The items of a sequence node.
struct Items {
    items: std::vec::IntoIter<Node>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = TypedError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, TypedError> {
        self.items.next().map(|node| seed.deserialize(NodeDeserializer { node })).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a mapping node; a key is a string node with the key's own span.
struct Entries {
    entries: std::vec::IntoIter<(Spanned<String>, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = TypedError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TypedError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        let node = Node { kind: NodeKind::Str(key.value), span: key.span };
        seed.deserialize(NodeDeserializer { node }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TypedError> {
        let node = self.value.take().ok_or_else(|| de::Error::custom("a mapping value was read twice"))?;
        seed.deserialize(NodeDeserializer { node })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The answer to a [`Spanned`] request: the node's span, field by field, then the node.
struct SpannedEntries {
    span: Span,
    node: Option<Node>,
    field: usize,
}

impl<'de> MapAccess<'de> for SpannedEntries {
    type Error = TypedError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TypedError> {
        match SPANNED_FIELDS.get(self.field) {
            Some(name) => seed.deserialize(de::value::BorrowedStrDeserializer::new(name)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TypedError> {
        let field = self.field;
        self.field += 1;
        let number = |value: u64| -> de::value::U64Deserializer<TypedError> { value.into_deserializer() };
        match field {
            0 => seed.deserialize(number(u64::from(self.span.line))),
            1 => seed.deserialize(number(u64::from(self.span.column))),
            2 => seed.deserialize(number(self.span.start as u64)),
            3 => seed.deserialize(number(self.span.len as u64)),
            _ => {
                let node = self.node.take().ok_or_else(|| de::Error::custom("a spanned value was read twice"))?;
                seed.deserialize(NodeDeserializer { node })
            }
        }
    }
}
