//! The generated `ErrorCode` enum: one variant per code, documented with its reference
//! entry, and the methods that answer a code's facts.
//!
//! The facts are tables, one `static` per method indexed by the discriminant
//! (`self as usize`), not one `match` per method: the source grows by a few bytes per code
//! and method rather than by a match arm, and rustc compiles an array, not a function of
//! thousands of arms. Values many codes share (titles, `retry_after`) are written once and
//! indexed. `FromStr` is a `match` for catalogs of up to [`MATCH_LIMIT`] codes (rustc
//! compiles it into a switch on the length and a few comparisons, faster than any hash)
//! and a perfect hash table ([`super::phf`]) above, where a `match` compares the text
//! with every code in turn.

use std::collections::HashMap;

use super::doc::{Doc, code_doc};
use super::model::{CodeModel, Model};
use super::phf;
use super::retry::retry_variant;
use super::source::{ALLOW_DOC_LINTS, Source};
use super::syntax::string_literal;
use crate::model::RetryMode;

/// The most codes `FromStr` matches with a `match`; above, it looks them up in a perfect
/// hash table.
pub(super) const MATCH_LIMIT: usize = 256;

/// The `ErrorCode` enum with its methods and its string and serde conversions.
pub(super) fn error_code(out: &mut Source, model: &Model<'_>) {
    let catalog = model.catalog;
    let count = model.codes.len();
    let mut enum_doc = Doc::default();
    enum_doc.text(&format!("The error codes of the {} API: the `error_code` of every error body.", catalog.api.name));
    if let Some(description) = &catalog.api.description {
        enum_doc.para(description);
    }
    enum_doc.para(
        "Each variant is documented with its code's reference entry: its summary, its HTTP status, how a \
         client retries it and what it means. The methods answer these facts in code; the API's error \
         reference has the causes, the solution and an example body of every code.",
    );
    if let Some(tip) = &catalog.api.tip {
        enum_doc.para(tip);
    }
    enum_doc.para(
        "The enum is `#[non_exhaustive]`: a newer catalog may add codes. Bodies with a code this \
         crate does not know still parse as an [`ApiError`], whose `error_code` keeps the text.",
    );
    out.doc(0, &enum_doc);
    out.line(0, ALLOW_DOC_LINTS);
    out.line(0, "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]");
    out.line(0, "#[non_exhaustive]");
    if let Some(repr) = repr(count) {
        out.line(0, &format!("#[repr({repr})]"));
    }
    out.line(0, "pub enum ErrorCode {");
    for entry in &model.codes {
        out.doc(1, &code_doc(model, entry));
        if let Some(attribute) = deprecated_attribute(model, entry) {
            out.line(1, &attribute);
        }
        out.line(1, &format!("{},", entry.variant));
    }
    out.line(0, "}");
    out.blank();

    out.line(0, "// `http_status` is behind the `http` feature of the crate that holds this code; one");
    out.line(0, "// that declares no such feature simply goes without it.");
    out.line(0, "#[allow(unexpected_cfgs)]");
    // The tables name every code, deprecated ones included; code using them still warns.
    out.line(0, "#[allow(deprecated)]");
    out.line(0, "impl ErrorCode {");
    out.doc_text(1, "Every code, in catalog order (grouped by category).");
    if count == 0 {
        out.line(1, "pub const ALL: [ErrorCode; 0] = [];");
    } else {
        out.line(1, &format!("pub const ALL: [ErrorCode; {count}] = {{"));
        out.line(2, "use ErrorCode::*;");
        out.line(2, "[");
        out.packed(3, model.codes.iter().map(|entry| entry.variant));
        out.line(2, "]");
        out.line(1, "};");
    }
    out.blank();

    let codes = &model.codes;
    out.doc_text(1, "The wire string, e.g. `\"QUOTA_EXCEEDED\"`: what `ApiError::error_code` carries.");
    accessor(out, "as_str", "&'static str");
    direct(out, count, "WIRE", "&str", codes.iter().map(|entry| string_literal(&entry.code.code)));

    out.doc_text(1, "The HTTP status a response with this code has.");
    accessor(out, "status", "u16");
    direct(out, count, "STATUS", "u16", codes.iter().map(|entry| entry.code.status.to_string()));

    out.doc_text(1, "The HTTP status a response with this code has, as an [`http::StatusCode`].");
    out.block(
        1,
        "#[cfg(feature = \"http\")]
pub fn http_status(self) -> ::http::StatusCode {
    ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
}",
    );
    out.blank();

    out.doc_text(1, "The category the code belongs to.");
    accessor(out, "category", "ErrorCategory");
    let categories: Vec<usize> = codes
        .iter()
        .map(|entry| model.category_index.get(entry.code.category.as_str()).copied().unwrap_or_default())
        .collect();
    if count == 0 {
        out.line(2, "match self {}");
    } else {
        // The validator guarantees every code's category exists.
        let ty = index_type(model.categories.len().saturating_sub(1));
        out.line(2, "// Indexes into `ErrorCategory::ALL`.");
        write_table(out, "CATEGORY", ty, categories.iter().map(usize::to_string));
        out.line(2, "ErrorCategory::ALL[CATEGORY[self as usize] as usize]");
    }
    out.line(1, "}");
    out.blank();

    out.doc_text(1, "The short title of the code: what `ApiError::title` carries where the profile has a title.");
    accessor(out, "title", "&'static str");
    interned(out, count, "TITLE", "&str", codes.iter().map(|entry| string_literal(&entry.code.title)));

    out.doc_text(
        1,
        "The catalog's message: the text of `message`, with `{field}` placeholders where a constructor \
         fills in details.",
    );
    accessor(out, "default_message", "&'static str");
    direct(out, count, "MESSAGE", "&str", codes.iter().map(|entry| string_literal(&entry.code.message.text)));

    out.doc_text(1, "A one-line summary, for reference tables.");
    accessor(out, "summary", "&'static str");
    direct(out, count, "SUMMARY", "&str", codes.iter().map(|entry| string_literal(&entry.code.summary)));

    replacements(out, model);

    out.doc_text(1, "Whether a client may retry a request that failed with this code.");
    out.line(1, "pub const fn is_retryable(self) -> bool {");
    // A code is retryable exactly when its retry mode is not `Never` (the validator derives
    // `retryable` from the mode).
    out.line(2, "!::std::matches!(self.retry_mode(), RetryMode::Never)");
    out.line(1, "}");
    out.blank();

    out.doc_text(1, "How a client retries a request that failed with this code.");
    accessor(out, "retry_mode", "RetryMode");
    let modes = codes.iter().map(|entry| if entry.code.retryable { entry.code.retry } else { RetryMode::Never });
    let letters: Vec<&str> = modes.map(|mode| &retry_variant(mode)[..1]).collect();
    if count == 0 {
        out.line(2, "match self {}");
    } else {
        // Each variant used, by its initial.
        let mut used: Vec<String> = [RetryMode::AfterDelay, RetryMode::Backoff, RetryMode::Never]
            .into_iter()
            .map(retry_variant)
            .filter(|variant| letters.contains(&&variant[..1]))
            .map(|variant| format!("{variant} as {}", &variant[..1]))
            .collect();
        let imports = if used.len() == 1 { used.remove(0) } else { format!("{{{}}}", used.join(", ")) };
        out.line(2, &format!("static RETRY: [RetryMode; {count}] = {{"));
        out.line(3, &format!("use RetryMode::{imports};"));
        out.line(3, "[");
        out.packed(4, &letters);
        out.line(3, "]");
        out.line(2, "};");
        out.line(2, "RETRY[self as usize]");
    }
    out.line(1, "}");
    out.blank();

    out.doc_text(1, "The `retry_after` seconds a response with this code typically carries, if it has one.");
    accessor(out, "retry_after", "::std::option::Option<u64>");
    let retry_after = codes.iter().map(|entry| match entry.code.retry_after {
        Some(seconds) => format!("::std::option::Option::Some({seconds})"),
        None => "::std::option::Option::None".to_owned(),
    });
    interned(out, count, "RETRY_AFTER", "::std::option::Option<u64>", retry_after);

    doc_url(out, model);

    out.doc_text(
        1,
        "The canonical gRPC status name of the code, e.g. `\"NOT_FOUND\"` (the catalog's `grpc`, else the \
         standard mapping of its HTTP status): one mapping for services that speak both HTTP and gRPC.",
    );
    accessor(out, "grpc_status", "&'static str");
    interned(out, count, "GRPC_NAME", "&str", codes.iter().map(|entry| string_literal(&entry.code.grpc_status)));
    out.line(0, "}");
    out.blank();

    out.block(
        0,
        "impl ::std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[allow(deprecated)]
impl ::std::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(text: &str) -> ::std::result::Result<Self, UnknownErrorCode> {",
    );
    from_str(out, model);
    out.block(
        0,
        "    }
}

impl<'a> ::std::convert::TryFrom<&'a str> for ErrorCode {
    type Error = UnknownErrorCode;

    fn try_from(text: &'a str) -> ::std::result::Result<Self, UnknownErrorCode> {
        ::std::str::FromStr::from_str(text)
    }
}

impl ::serde::Serialize for ErrorCode {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
        ::std::str::FromStr::from_str(&text).map_err(::serde::de::Error::custom)
    }
}",
    );
}

/// The `#[repr]` of an enum of `count` variants: the smallest unsigned integer that holds
/// every discriminant (none for an empty enum).
fn repr(count: usize) -> Option<&'static str> {
    match count {
        0 => None,
        1..=256 => Some("u8"),
        257..=65_536 => Some("u16"),
        _ => Some("u32"),
    }
}

/// The smallest unsigned integer type that holds `max`.
pub(super) fn index_type(max: usize) -> &'static str {
    match max {
        0..=0xFF => "u8",
        0x100..=0xFFFF => "u16",
        _ => "u32",
    }
}

/// The first line of an accessor of `ErrorCode`: `pub const fn name(self) -> ty {`.
fn accessor(out: &mut Source, name: &str, ty: &str) {
    out.line(1, &format!("pub const fn {name}(self) -> {ty} {{"));
}

/// The rest of an accessor whose value is `values[self as usize]`, and its closing brace.
fn direct(out: &mut Source, count: usize, name: &str, ty: &str, values: impl Iterator<Item = String>) {
    if count == 0 {
        out.line(2, "match self {}");
    } else {
        write_table(out, name, ty, values);
        out.line(2, &format!("{name}[self as usize]"));
    }
    out.line(1, "}");
    out.blank();
}

/// The rest of an accessor whose values repeat: each distinct value once, and per code the
/// index of its value. A value every code shares is returned as it is.
fn interned(out: &mut Source, count: usize, name: &str, ty: &str, values: impl Iterator<Item = String>) {
    let mut distinct: Vec<String> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut indexes: Vec<usize> = Vec::with_capacity(count);
    for value in values {
        let next = distinct.len();
        let index = *seen.entry(value).or_insert_with_key(|value| {
            distinct.push(value.clone());
            next
        });
        indexes.push(index);
    }
    match distinct.as_slice() {
        [] => out.line(2, "match self {}"),
        [only] => out.line(2, only),
        _ => {
            let values_name = format!("{name}S");
            write_table(out, &values_name, ty, distinct.iter().cloned());
            out.line(2, &format!("// Indexes into `{values_name}`."));
            write_table(out, name, index_type(distinct.len() - 1), indexes.iter().map(usize::to_string));
            out.line(2, &format!("{values_name}[{name}[self as usize] as usize]"));
        }
    }
    out.line(1, "}");
    out.blank();
}

/// `#[deprecated(note = "…")]` for a deprecated code's variant (and its constructor and
/// details struct): the reason, the version and the code to use instead.
pub(super) fn deprecated_attribute(model: &Model<'_>, entry: &CodeModel<'_>) -> Option<String> {
    let deprecation = entry.code.lifecycle.deprecated.as_ref()?;
    let mut note = String::new();
    if let Some(since) = &deprecation.since {
        note.push_str(&format!("since {since}: "));
    }
    note.push_str(&deprecation.reason);
    if let Some(variant) = deprecation.replaced_by.as_deref().and_then(|code| model.variant_of(code)) {
        note.push_str(&format!("; use `ErrorCode::{variant}` instead"));
    }
    Some(format!("#[deprecated(note = {})]", string_literal(&note)))
}

/// `replaced_by` and `is_deprecated`: a `match` over the deprecated codes only, so a
/// catalog pays nothing for the codes that are not.
fn replacements(out: &mut Source, model: &Model<'_>) {
    let deprecated: Vec<&CodeModel<'_>> =
        model.codes.iter().filter(|entry| entry.code.lifecycle.deprecated.is_some()).collect();
    out.doc_text(
        1,
        "Whether the catalog deprecates this code: it is still sent, but clients should stop relying on it.",
    );
    out.line(1, "pub const fn is_deprecated(self) -> bool {");
    if deprecated.is_empty() {
        out.line(2, "false");
    } else {
        let arms: Vec<String> = deprecated.iter().map(|entry| format!("Self::{}", entry.variant)).collect();
        out.line(2, &format!("::std::matches!(self, {})", arms.join(" | ")));
    }
    out.line(1, "}");
    out.blank();
    out.doc_text(
        1,
        "The code that replaces this deprecated one, if the catalog names one: handle both the same way, \
         since older servers still send this one.",
    );
    out.line(1, "pub const fn replaced_by(self) -> ::std::option::Option<ErrorCode> {");
    let arms: Vec<(&str, &str)> = deprecated
        .iter()
        .filter_map(|entry| {
            let by = entry.code.lifecycle.deprecated.as_ref()?.replaced_by.as_deref()?;
            Some((entry.variant, model.variant_of(by)?))
        })
        .collect();
    if arms.is_empty() {
        out.line(2, "::std::option::Option::None");
    } else {
        out.line(2, "match self {");
        for (variant, by) in arms {
            out.line(3, &format!("Self::{variant} => ::std::option::Option::Some(Self::{by}),"));
        }
        out.line(3, "_ => ::std::option::Option::None,");
        out.line(2, "}");
    }
    out.line(1, "}");
    out.blank();
}

/// `doc_url`: the URL each code's documentation has. Most codes' URL is the error
/// reference's entry (`reference_url#code`, as the validator derives it), so only the
/// others are written out, in a `match`; the rest are built once, on first use, from the
/// wire strings: a 10 000-code catalog's source does not carry 10 000 URLs.
fn doc_url(out: &mut Source, model: &Model<'_>) {
    let reference = &model.catalog.api.reference_url;
    let derived = |code: &crate::model::Code| format!("{reference}#{}", code.code.to_ascii_lowercase());
    let given: Vec<&CodeModel<'_>> =
        model.codes.iter().filter(|entry| entry.code.doc_url != derived(entry.code)).collect();
    out.doc_text(
        1,
        "The URL of the code's documentation: the catalog's `doc_url`, else its entry in the error reference \
         (the reference's URL, `#` and the code in lower case).",
    );
    out.line(1, "pub fn doc_url(self) -> &'static str {");
    if model.codes.is_empty() {
        out.line(2, "match self {}");
        out.line(1, "}");
        out.blank();
        return;
    }
    if given.len() == model.codes.len() {
        out.line(2, "match self {");
        for entry in &given {
            out.line(3, &format!("Self::{} => {},", entry.variant, string_literal(&entry.code.doc_url)));
        }
        out.line(2, "}");
        out.line(1, "}");
        out.blank();
        return;
    }
    out.line(2, &format!("const REFERENCE: &str = {};", string_literal(reference)));
    out.line(2, "static URLS: ::std::sync::OnceLock<::std::boxed::Box<[::std::string::String]>> =");
    out.line(3, "::std::sync::OnceLock::new();");
    out.line(2, "let reference = || {");
    out.line(3, "let url = |code: &ErrorCode| ::std::format!(\"{REFERENCE}#{}\", code.as_str().to_ascii_lowercase());");
    out.line(3, "URLS.get_or_init(|| ErrorCode::ALL.iter().map(url).collect())[self as usize].as_str()");
    out.line(2, "};");
    if given.is_empty() {
        out.line(2, "reference()");
    } else {
        out.line(2, "match self {");
        for entry in &given {
            out.line(3, &format!("Self::{} => {},", entry.variant, string_literal(&entry.code.doc_url)));
        }
        out.line(3, "_ => reference(),");
        out.line(2, "}");
    }
    out.line(1, "}");
    out.blank();
}

/// `static NAME: [ty; n] = [values];` inside an accessor.
fn write_table(out: &mut Source, name: &str, ty: &str, values: impl Iterator<Item = String>) {
    let values: Vec<String> = values.collect();
    out.line(2, &format!("static {name}: [{ty}; {}] = [", values.len()));
    out.packed(3, &values);
    out.line(2, "];");
}

/// The body of `FromStr::from_str`.
fn from_str(out: &mut Source, model: &Model<'_>) {
    let unknown = "::std::result::Result::Err(UnknownErrorCode(::std::borrow::ToOwned::to_owned(text)))";
    if model.codes.is_empty() {
        out.line(2, unknown);
    } else if model.codes.len() <= MATCH_LIMIT {
        out.line(2, "match text {");
        for entry in &model.codes {
            let wire = string_literal(&entry.code.code);
            out.line(3, &format!("{wire} => ::std::result::Result::Ok(Self::{}),", entry.variant));
        }
        out.line(3, &format!("_ => {unknown},"));
        out.line(2, "}");
    } else {
        let keys: Vec<&str> = model.codes.iter().map(|entry| entry.code.code.as_str()).collect();
        let table = phf::build(&keys);
        let count = keys.len();
        let slots = table.slots.len();
        out.line(2, "// A perfect hash table of the wire strings: every code has a slot of its own, so one");
        out.line(2, "// comparison decides (`errcat_support::slot`).");
        out.line(2, &format!("static DISPLACEMENTS: [u32; {}] = [", table.displacements.len()));
        out.packed(3, table.displacements.iter().map(u32::to_string));
        out.line(2, "];");
        out.line(2, &format!("static SLOTS: [{}; {slots}] = [", index_type(count - 1)));
        out.packed(3, table.slots.iter().map(usize::to_string));
        out.line(2, "];");
        out.line(2, &format!("static CODES: [ErrorCode; {count}] = ErrorCode::ALL;"));
        out.line(
            2,
            &format!("let slot = errcat_support::slot(text.as_bytes(), {}, &DISPLACEMENTS, {slots});", table.seed),
        );
        out.line(2, "let code = CODES[SLOTS[slot] as usize];");
        out.line(2, "if code.as_str() == text {");
        out.line(3, "::std::result::Result::Ok(code)");
        out.line(2, "} else {");
        out.line(3, unknown);
        out.line(2, "}");
    }
}

/// Whether the generated code needs the perfect hash functions of `errcat_support`.
pub(super) fn uses_phf(model: &Model<'_>) -> bool {
    model.codes.len() > MATCH_LIMIT
}
