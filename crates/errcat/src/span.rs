//! Source positions of catalog values.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// Where a value starts in the catalog source: 1-based line and column, plus the byte
/// range of the value when the parser knows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column, counted in characters; 0 when unknown.
    pub column: u32,
    /// Byte offset of the value's first byte.
    pub start: usize,
    /// Byte length of the value; 0 when unknown (the caret then marks one character).
    pub len: usize,
}

impl Span {
    /// A span that points nowhere, for values that were not read from a file.
    pub const UNKNOWN: Span = Span { line: 0, column: 0, start: 0, len: 0 };

    /// Whether the span points into the source.
    pub fn is_known(&self) -> bool {
        self.line > 0
    }

    pub(crate) fn from_location(location: serde_saphyr::Location, source: &str) -> Span {
        let line = u32::try_from(location.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(location.column()).unwrap_or(u32::MAX);
        if line == 0 {
            return Span::UNKNOWN;
        }
        let span = location.span();
        let start = match span.byte_offset() {
            Some(offset) => usize::try_from(offset).unwrap_or(usize::MAX),
            None => byte_offset_of(source, line, column),
        };
        let len = span.byte_len().and_then(|len| usize::try_from(len).ok()).unwrap_or(0);
        let start = start.min(source.len());
        let len = len.min(source.len() - start);
        Span { line, column, start, len }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Byte offset of a 1-based line and character column; clamps to the source.
fn byte_offset_of(source: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (index, text) in source.split_inclusive('\n').enumerate() {
        if index + 1 == line as usize {
            let chars = column.saturating_sub(1) as usize;
            return offset + text.char_indices().nth(chars).map_or(text.trim_end_matches('\n').len(), |(i, _)| i);
        }
        offset += text.len();
    }
    source.len()
}

/// A value read from the catalog together with where it was written.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value is written (for an alias: where the alias is used).
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps a value that has no place in a source file.
    pub fn unspanned(value: T) -> Self {
        Spanned { value, span: Span::UNKNOWN }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// The struct name by which a [`Spanned`] asks the catalog tree's deserializer
/// (`load::typed`) for a value with its span, and the fields it answers with.
pub(crate) const SPANNED_STRUCT: &str = "$__errcat_private_Spanned";
/// The fields of [`SPANNED_STRUCT`]: the span's line, column, start and length, then the
/// value.
pub(crate) const SPANNED_FIELDS: [&str; 5] =
    ["$__errcat_line", "$__errcat_column", "$__errcat_start", "$__errcat_len", "$__errcat_value"];

/// A value with its span, from the catalog tree's deserializer, which answers the
/// [`SPANNED_STRUCT`] request (any other deserializer fails: spans only come from a
/// catalog file).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(SPANNED_STRUCT, &SPANNED_FIELDS, SpannedVisitor(std::marker::PhantomData))
    }
}

struct SpannedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value of the catalog with its position")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
        let mut span = Span::UNKNOWN;
        let mut value = None;
        while let Some(key) = map.next_key::<&str>()? {
            match key {
                "$__errcat_line" => span.line = map.next_value()?,
                "$__errcat_column" => span.column = map.next_value()?,
                "$__errcat_start" => span.start = map.next_value()?,
                "$__errcat_len" => span.len = map.next_value()?,
                "$__errcat_value" => value = Some(map.next_value()?),
                other => return Err(serde::de::Error::unknown_field(other, &SPANNED_FIELDS)),
            }
        }
        let value = value.ok_or_else(|| serde::de::Error::missing_field("$__errcat_value"))?;
        Ok(Spanned { value, span })
    }
}

/// A value with its span, from serde-saphyr itself: how the one parse of the text
/// (`load::tree`) learns where each node was written.
pub(crate) fn saphyr_spanned<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Spanned<T>, D::Error> {
    let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
    let span = SOURCE.with(|source| {
        let source = source.borrow();
        Span::from_location(spanned.referenced, source.as_deref().unwrap_or(""))
    });
    Ok(Spanned { value: spanned.value, span })
}

/// A [`Spanned`] read through [`saphyr_spanned`], for mapping keys of the tree.
pub(crate) struct SaphyrSpanned<T>(pub Spanned<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SaphyrSpanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        saphyr_spanned(deserializer).map(SaphyrSpanned)
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

thread_local! {
    /// The text being deserialized, so spans can be turned into byte offsets when the
    /// parser reports only line and column. Set by [`with_source`] for the duration of one
    /// deserialization.
    static SOURCE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with `source` registered as the text that spans point into.
pub(crate) fn with_source<R>(source: &str, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            SOURCE.with(|slot| slot.borrow_mut().take());
        }
    }
    SOURCE.with(|slot| *slot.borrow_mut() = Some(source.to_owned()));
    let _reset = Reset;
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offset_counts_characters_not_bytes() {
        let source = "a: 1\nbé: x\n";
        assert_eq!(byte_offset_of(source, 2, 5), 5 + 5);
        assert_eq!(byte_offset_of(source, 9, 1), source.len());
    }
}
