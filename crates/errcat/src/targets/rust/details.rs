//! The generated `ErrorDetails` trait and one `…Details` struct per code that sends
//! `details`: typed fields that convert into the body's `details` object and back.
//!
//! Each struct is declared with `errcat_details!` (the macro is in `support`): written
//! like the struct itself, with `required` or `optional` instead of `pub` on each field,
//! it derives `Clone`, `Debug` and `PartialEq` (and `Eq` without floats) and implements
//! serde, `ErrorDetails` and the conversion into a JSON object. serde's derives would do
//! the same at a far higher compile time per struct, which thousands of structs add up to.

use super::doc::{Doc, trips_doc_lints};
use super::model::{CodeModel, DetailsModel, Model};
use super::source::{ALLOW_DOC_LINTS, Source};
use super::syntax::string_literal;
use crate::model::{FieldType, ScalarType};

/// The Rust type of a details field (in a struct, or a non-string constructor parameter).
pub(super) fn field_type(ty: FieldType, optional: bool) -> String {
    let scalar = match ty.scalar {
        ScalarType::String => "::std::string::String",
        ScalarType::Integer => "i64",
        ScalarType::Number => "f64",
        ScalarType::Boolean => "bool",
    };
    let ty = if ty.list { format!("::std::vec::Vec<{scalar}>") } else { scalar.to_owned() };
    if optional { format!("::std::option::Option<{ty}>") } else { ty }
}

/// The `ErrorDetails` trait and every code's details struct.
pub(super) fn details_types(out: &mut Source, model: &Model<'_>) {
    out.block(
        0,
        "/// The typed `details` of one error code: a struct that converts into the body's
/// `details` object. Read it back from an [`ApiError`] with [`ApiError::details_as`].
pub trait ErrorDetails:
    ::serde::Serialize
    + ::serde::de::DeserializeOwned
    + ::std::convert::Into<::serde_json::Map<::std::string::String, ::serde_json::Value>>
{
    /// The code whose `details` this type holds.
    const CODE: ErrorCode;
}",
    );
    if model.codes.iter().any(|entry| entry.details.is_some()) {
        out.blank();
        super::support::details_macro(out);
    }
    for entry in &model.codes {
        if let Some(details) = &entry.details {
            out.blank();
            details_struct(out, model, entry, details);
        }
    }
}

/// One code's details struct, declared with `errcat_details!`.
fn details_struct(out: &mut Source, model: &Model<'_>, entry: &CodeModel<'_>, details: &DetailsModel<'_>) {
    out.line(0, "errcat_details! {");
    if let Some(attribute) = super::error_code::deprecated_attribute(model, entry) {
        out.line(1, &attribute);
    }
    let descriptions = details.fields.iter().map(|(field, _)| field.description.as_str());
    let extra = details.additional.iter().flat_map(|(extra, _)| [extra.key.as_str(), extra.description.as_str()]);
    if descriptions.chain(extra).any(trips_doc_lints) {
        out.line(1, ALLOW_DOC_LINTS);
    }
    let has_float = details.fields.iter().any(|(field, _)| field.ty.scalar == ScalarType::Number)
        || details.additional.as_ref().is_some_and(|(extra, _)| extra.ty.scalar == ScalarType::Number);
    let eq = if has_float { "" } else { ", Eq" };
    let empty = if details.fields.is_empty() { "}" } else { "" };
    out.line(1, &format!("pub struct {} for {}{eq} {{{empty}", details.ty, entry.variant));
    for (field, member) in &details.fields {
        out.doc(2, Doc::default().text(&field.description));
        let kind = if field.optional { "optional" } else { "required" };
        let wire = if *member == field.name { String::new() } else { format!(" = {}", string_literal(&field.name)) };
        out.line(2, &format!("{kind} {member}{wire}: {},", field_type(field.ty, field.optional)));
    }
    match &details.additional {
        None => out.line(1, "}"),
        Some((extra, member)) => {
            if details.fields.is_empty() {
                out.line(1, "+ {");
            } else {
                out.line(1, "} + {");
            }
            out.doc(2, Doc::default().text(&format!("Further entries, keyed by {}: {}", extra.key, extra.description)));
            let value = field_type(FieldType { scalar: extra.ty.scalar, list: extra.ty.list }, false);
            out.line(2, &format!("{member}: ::std::collections::BTreeMap<::std::string::String, {value}>,"));
            out.line(1, "}");
        }
    }
    out.line(0, "}");
}
