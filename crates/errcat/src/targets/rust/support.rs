//! The private support code of the generated items: the `errcat_support` module (the
//! builder the constructors call, with the message filler of `message_fill.rs`; what the
//! details structs' impls share; the perfect hash lookup of `FromStr`) and the
//! `errcat_details!` macro that declares each details struct with its impls.
//!
//! Both are private to the module that holds the generated code, so they add no public
//! API; they are the only names it declares besides the documented items. The module uses
//! short paths (it is ours: nothing in it can be shadowed); the macro expands next to the
//! structs, in the user's module, so it spells every path out (`::serde::…`).

use super::body::support_body;
use super::error_code::uses_phf;
use super::model::Model;
use super::phf::LOOKUP_SOURCE;
use super::source::Source;

/// The source of the function that fills a message template, for the generated code and
/// for the tests that hold it to [`crate::model::MessageTemplate::fill`].
const FILL_SOURCE: &str = include_str!("message_fill.rs");

/// The `errcat_support` module, with the parts the code uses.
pub(super) fn support(out: &mut Source, model: &Model<'_>) {
    let details = model.codes.iter().any(|entry| entry.details.is_some());
    out.blank();
    out.line(0, "// What the items above share, private to this module. Not every catalog uses every function.");
    out.line(0, "#[allow(dead_code)]");
    out.line(0, "mod errcat_support {");
    out.block(1, BUILDER);
    out.blank();
    out.block(1, FILL_SOURCE);
    out.blank();
    super::locales::support_items(out, model);
    out.blank();
    support_body(out, model.catalog);
    if details {
        out.blank();
        out.block(1, DETAILS_SERDE);
        out.blank();
        let text = model.catalog.wire.profile.details_as_text();
        out.block(1, if text { DECODE_TEXT } else { DECODE });
    }
    if uses_phf(model) {
        out.blank();
        out.block(1, LOOKUP_SOURCE);
    }
    out.line(0, "}");
}

/// The `errcat_details!` macro, which must come before the details structs it declares.
pub(super) fn details_macro(out: &mut Source) {
    out.block(0, DETAILS_MACRO);
}

/// The builder the constructors call.
const BUILDER: &str = r#"use super::{ApiError, ErrorCode, ErrorDetails};
use ::serde_json::{Map, Value};

/// An error a constructor is building: its code, its details and the values of the
/// message-only fields and `retry_after`.
pub struct Error {
    code: ErrorCode,
    details: Map<String, Value>,
    values: Map<String, Value>,
    retry_after: Option<u64>,
}

/// An error of `code`, without details.
pub fn error(code: ErrorCode) -> Error {
    Error { code, details: Map::new(), values: Map::new(), retry_after: None }
}

/// An error of `D::CODE` with `details`.
pub fn with_details<D: ErrorDetails>(details: D) -> Error {
    Error { details: details.into(), ..error(D::CODE) }
}

impl Error {
    /// The value of a message-only field.
    pub fn value(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.values.insert(name.to_owned(), value.into());
        self
    }

    /// The value of an optional message-only field, if it has one.
    pub fn optional(self, name: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(value) => self.value(name, value),
            None => self,
        }
    }

    /// The `retry_after` seconds, sent and named by the message's `{retry_after}`.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self.value("retry_after", seconds)
    }

    /// The error: the code's title, its message filled in, the details unless they are
    /// empty, and `retry_after`.
    pub fn build(self) -> ApiError {
        let value = |name: &str| self.values.get(name).or_else(|| self.details.get(name));
        let message = fill(self.code.default_message(), value);
        let details = (!self.details.is_empty()).then_some(self.details);
        let error = ApiError::new(self.code, message).with_details(details);
        match self.retry_after {
            Some(seconds) => error.with_retry_after(seconds),
            None => error,
        }
    }
}
"#;

/// What the details structs' impls (`errcat_details!`) call.
const DETAILS_SERDE: &str = r#"use ::serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The entries of a details struct `name` read from `deserializer`: its declared
/// `fields` (each at most once) and, with `flatten`, every other entry, which is skipped
/// otherwise. As a derived `Deserialize` does, a struct without `flatten` also reads its
/// fields in order from a sequence.
pub fn object<'de, D: de::Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
    flatten: bool,
) -> Result<Map<String, Value>, D::Error> {
    let visitor = Entries { name, fields, flatten };
    if flatten {
        deserializer.deserialize_map(visitor)
    } else {
        deserializer.deserialize_struct(name, fields, visitor)
    }
}

/// Adds the entries of a flattened map.
pub fn extend<T: Clone + Into<Value>>(
    map: &mut Map<String, Value>,
    entries: &::std::collections::BTreeMap<String, T>,
) {
    for (key, value) in entries {
        map.insert(key.clone(), value.clone().into());
    }
}

/// The entries not declared, as the flattened map `T`.
pub fn rest<T: DeserializeOwned>(map: &mut Map<String, Value>) -> Result<T, ::serde_json::Error> {
    decode(Value::Object(::std::mem::take(map)))
}

/// A declared field that must be there.
pub mod required {
    use super::*;

    /// Adds the field.
    pub fn put<T: Clone + Into<Value>>(map: &mut Map<String, Value>, key: &str, value: &T) {
        map.insert(key.to_owned(), value.clone().into());
    }

    /// Takes the field out of the entries read.
    pub fn take<T: DeserializeOwned>(
        map: &mut Map<String, Value>,
        key: &'static str,
    ) -> Result<T, ::serde_json::Error> {
        match map.remove(key) {
            Some(value) => decode(value),
            None => Err(de::Error::missing_field(key)),
        }
    }
}

/// A declared field that may be left out: `None` writes nothing and reads back from a
/// missing entry or `null`.
pub mod optional {
    use super::*;

    /// Adds the field if it has a value.
    pub fn put<T: Clone + Into<Value>>(map: &mut Map<String, Value>, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            map.insert(key.to_owned(), value.clone().into());
        }
    }

    /// Takes the field out of the entries read.
    pub fn take<T: DeserializeOwned>(
        map: &mut Map<String, Value>,
        key: &'static str,
    ) -> Result<Option<T>, ::serde_json::Error> {
        map.remove(key).map_or(Ok(None), decode::<Option<T>>)
    }
}

/// Reads the entries of a details struct (see [`object`]).
struct Entries {
    name: &'static str,
    fields: &'static [&'static str],
    flatten: bool,
}

impl<'de> Visitor<'de> for Entries {
    type Value = Map<String, Value>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            match self.fields.iter().find(|field| **field == key) {
                Some(field) if map.contains_key(*field) => return Err(de::Error::duplicate_field(field)),
                Some(_) => {
                    let value = access.next_value()?;
                    map.insert(key, value);
                }
                None if self.flatten => {
                    let value = access.next_value()?;
                    map.insert(key, value);
                }
                None => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        for field in self.fields {
            match access.next_element::<Value>()? {
                Some(value) => {
                    map.insert((*field).to_owned(), value);
                }
                // A required field missing at the end is reported by name.
                None => break,
            }
        }
        Ok(map)
    }
}"#;

/// How a details value is read where values are sent as they are.
const DECODE: &str = r#"/// A details value (or the object of the entries not declared) as `T`.
fn decode<T: DeserializeOwned>(value: Value) -> Result<T, ::serde_json::Error> {
    T::deserialize(value)
}"#;

/// How a details value is read where values travel as text (AIP-193 metadata): by the
/// field's type, as `errcat::wire::decode_text` reads it.
const DECODE_TEXT: &str = r#"/// A details value (or the object of the entries not declared) as `T`: as it is, else with
/// each text parsed as the JSON it holds (AIP-193 metadata is text: `"100"`, `"true"`,
/// `"[\"mp3\"]"`).
fn decode<T: DeserializeOwned>(value: Value) -> Result<T, ::serde_json::Error> {
    match T::deserialize(&value) {
        Ok(decoded) => Ok(decoded),
        Err(error) => T::deserialize(parsed(value)).map_err(|_| error),
    }
}

/// `value` with its text (or, in an object, each entry's text) replaced by the JSON it
/// holds, where it holds JSON.
fn parsed(value: Value) -> Value {
    match value {
        Value::String(text) => ::serde_json::from_str(&text).unwrap_or(Value::String(text)),
        Value::Object(entries) => {
            Value::Object(entries.into_iter().map(|(key, value)| (key, parsed(value))).collect())
        }
        other => other,
    }
}"#;

/// The macro that declares a details struct with its serde impls, `ErrorDetails` and the
/// conversion into a JSON object.
const DETAILS_MACRO: &str = r#"// Declares a details struct, written as a struct whose fields say `required` or `optional`
// instead of `pub` and whose flattened map (the entries not declared) follows in `+ { … }`,
// with `for Code` naming its `ErrorCode`. It derives `Clone`, `Debug`, `PartialEq` (and
// whatever follows `for Code,`), implements `ErrorDetails` and the conversion into a JSON
// object, and serde through that object: what `#[derive(Serialize, Deserialize)]` would
// write and read in JSON (an optional field left out when `None`, entries not declared
// ignored; a field is called on the wire by its name unless `= "name"` says otherwise).
// The work is in two functions per struct that are not generic, so rustc compiles each
// struct once rather than once per serializer.
macro_rules! errcat_details {
    (
        $(#[$attr:meta])*
        pub struct $ty:ident for $code:ident $(, $derive:ident)* {
            $($(#[$field_attr:meta])* $kind:ident $member:ident $(= $wire:literal)?: $field_ty:ty),* $(,)?
        }
        $(+ {
            $(#[$extra_attr:meta])* $extra:ident: $extra_ty:ty $(,)?
        })?
    ) => {
        #[doc = ::std::concat!("The `details` of [`ErrorCode::", ::std::stringify!($code), "`].")]
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq $(, $derive)*)]
        pub struct $ty {
            $($(#[$field_attr])* pub $member: $field_ty,)*
            $($(#[$extra_attr])* pub $extra: $extra_ty,)?
        }

        #[allow(deprecated)]
        impl ErrorDetails for $ty {
            const CODE: ErrorCode = ErrorCode::$code;
        }

        #[allow(deprecated)]
        const _: () = {
            type Map = ::serde_json::Map<::std::string::String, ::serde_json::Value>;

            const FIELDS: &[&str] = &[$(errcat_details!(@wire $member $($wire)?)),*];

            fn to_map(details: &$ty) -> Map {
                let mut map = Map::new();
                $(errcat_support::$kind::put(&mut map, errcat_details!(@wire $member $($wire)?), &details.$member);)*
                $(errcat_support::extend(&mut map, &details.$extra);)?
                map
            }

            fn from_map(mut map: Map) -> ::std::result::Result<$ty, ::serde_json::Error> {
                ::std::result::Result::Ok($ty {
                    $($member: errcat_support::$kind::take(&mut map, errcat_details!(@wire $member $($wire)?))?,)*
                    $($extra: errcat_support::rest(&mut map)?,)?
                })
            }

            impl ::std::convert::From<$ty> for Map {
                fn from(details: $ty) -> Self {
                    to_map(&details)
                }
            }

            impl ::serde::Serialize for $ty {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    ::serde::Serialize::serialize(&to_map(self), serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $ty {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    let flatten = errcat_details!(@flatten $($extra)?);
                    let map = errcat_support::object(deserializer, ::std::stringify!($ty), FIELDS, flatten)?;
                    from_map(map).map_err(::serde::de::Error::custom)
                }
            }
        };
    };
    (@flatten) => {
        false
    };
    (@flatten $extra:ident) => {
        true
    };
    (@wire $member:ident $wire:literal) => {
        $wire
    };
    (@wire $member:ident) => {
        ::std::stringify!($member)
    };
}"#;

/// The filler compiled here, for the tests.
#[cfg(test)]
pub(super) mod fill {
    use serde_json::Value;

    include!("message_fill.rs");
}

/// The localizing half compiled here with a translation table of its own, for the tests.
/// Like the generated module, it need not use every item.
#[cfg(test)]
#[allow(dead_code)]
pub(super) mod localize {
    use serde_json::{Map, Value};

    include!("message_fill.rs");
    include!("message_localize.rs");

    /// German's rule (`i = 1 and v = 0` is `one`).
    fn plural_de(o: &Operands) -> usize {
        if within(o.i as f64, &[(1, 1)]) && within(o.v as f64, &[(0, 0)]) { 1 } else { 5 }
    }

    /// `de` (code 0 only) and `de-ch`, which falls back to `de`.
    pub static TRANSLATIONS: &[Translation] = &[
        Translation {
            tag: "de",
            chain: &[0],
            plural: plural_de,
            texts: &[(0, "Zu groß", "{n, plural, =0 {Nichts} one {# Datei} other {# Dateien}} in {{b}}")],
        },
        Translation { tag: "de-ch", chain: &[1, 0], plural: plural_de, texts: &[(1, "Zu gross", "x")] },
    ];
}
