//! The per-code constructors of the generated `ApiError`: each takes the code's
//! message-only fields, its details struct and its `retry_after`, and hands them to the
//! builder of `errcat_support` (see `support`), which fills the message from the code's
//! template (`ErrorCode::default_message`) as the catalog fills it.
//!
//! A constructor is one expression: no message building per code, so the source and the
//! work of rustc stay small however many codes there are.

use super::details::field_type;
use super::doc::Doc;
use super::model::{CodeModel, Model};
use super::source::Source;
use super::syntax::string_literal;
use crate::model::{DetailField, ScalarType};

/// The type of a message-only constructor parameter: `&str` for text, else the field type.
fn param_type(field: &DetailField) -> String {
    match (field.ty.scalar, field.ty.list, field.optional) {
        (ScalarType::String, false, false) => "&str".to_owned(),
        (ScalarType::String, false, true) => "::std::option::Option<&str>".to_owned(),
        _ => field_type(field.ty, field.optional),
    }
}

/// The constructor of one code, e.g. `ApiError::quota_exceeded`.
pub(super) fn constructor(out: &mut Source, model: &Model<'_>, entry: &CodeModel<'_>) {
    let code = entry.code;
    let mut doc = Doc::default();
    doc.text(&format!("Builds the [`ErrorCode::{}`] error.", entry.variant));
    if code.retry_after.is_some() {
        doc.para(&format!(
            "`retry_after` is the delay in seconds; it is also sent as the {} header.",
            model.retry_header
        ));
    }
    out.doc(1, &doc);
    if let Some(attribute) = super::error_code::deprecated_attribute(model, entry) {
        out.line(1, &attribute);
        // Its own signature names the deprecated details struct.
        out.line(1, "#[allow(deprecated)]");
    }
    let mut params: Vec<String> = Vec::new();
    let mut body = match &entry.details {
        Some(_) => "errcat_support::with_details(details)".to_owned(),
        None => format!("errcat_support::error(ErrorCode::{})", entry.variant),
    };
    for (field, param) in &entry.message_only {
        params.push(format!("{param}: {}", param_type(field)));
        let method = if field.optional { "optional" } else { "value" };
        body.push_str(&format!(".{method}({}, {param})", string_literal(&field.name)));
    }
    if let Some(details) = &entry.details {
        params.push(format!("details: {}", details.ty));
    }
    if code.retry_after.is_some() {
        params.push("retry_after: u64".to_owned());
        body.push_str(".retry_after(retry_after)");
    }
    body.push_str(".build()");
    out.line(1, &format!("pub fn {}({}) -> Self {{", entry.constructor, params.join(", ")));
    out.line(2, &body);
    out.line(1, "}");
}
