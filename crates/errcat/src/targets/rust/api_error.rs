//! The generated `ApiError`: the JSON error body, its inherent functions, `Display`,
//! `Error` and the `axum` response. The per-code constructors it holds are written by
//! `constructor`.

use super::constructor::constructor;
use super::doc::Doc;
use super::model::Model;
use super::source::{ALLOW_DOC_LINTS, Source};
use super::syntax::string_literal;
use crate::model::Catalog;

/// The doc of an `ApiError` field: the catalog's description of that wire field, or
/// `fallback` if the catalog has none.
fn wire_field_doc(catalog: &Catalog, name: &str, fallback: &str) -> Doc {
    let mut doc = Doc::default();
    match catalog.wire.fields.iter().find(|field| field.name == name) {
        Some(field) => doc.text(&field.description),
        None => doc.text(fallback),
    };
    doc
}

/// The `ApiError` struct, with one constructor per code.
pub(super) fn api_error(out: &mut Source, model: &Model<'_>) {
    let catalog = model.catalog;
    let mut struct_doc = Doc::default();
    struct_doc.text(&format!("An error response of the {} API: the JSON body every error carries.", catalog.api.name));
    if let Some(description) = &catalog.wire.description {
        struct_doc.para(description);
    }
    struct_doc.para(
        "Build one with the constructor named after its code (e.g. `ApiError::quota_exceeded`), \
         which fills the message and the typed details. Any body parses, even one whose \
         `error_code` this crate does not know: `error_code` and `details` keep what was sent, \
         and [`ApiError::code`] is `None`. `details` is boxed so the error stays small: \
         `Result<T, ApiError>` is cheap to return.",
    );
    out.doc(0, &struct_doc);
    out.line(0, ALLOW_DOC_LINTS);
    out.line(0, "#[derive(Clone, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]");
    out.line(0, "pub struct ApiError {");
    out.doc(1, &wire_field_doc(catalog, "error", "Short title of the error."));
    out.line(1, "pub error: ::std::string::String,");
    out.doc(1, &wire_field_doc(catalog, "message", "Human-readable description."));
    out.line(1, "pub message: ::std::string::String,");
    out.doc(1, &wire_field_doc(catalog, "error_code", "Machine-readable code."));
    out.line(1, "pub error_code: ::std::string::String,");
    out.doc(1, &wire_field_doc(catalog, "details", "Code-specific facts."));
    out.block(
        1,
        "#[serde(default, skip_serializing_if = \"::std::option::Option::is_none\")]
pub details: ::std::option::Option<
    ::std::boxed::Box<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
>,",
    );
    out.doc(1, &wire_field_doc(catalog, "retry_after", "Seconds to wait before retrying."));
    out.block(
        1,
        "#[serde(default, skip_serializing_if = \"::std::option::Option::is_none\")]
pub retry_after: ::std::option::Option<u64>,",
    );
    out.line(0, "}");
    out.blank();

    out.line(0, ALLOW_DOC_LINTS);
    out.line(0, "#[allow(unexpected_cfgs)]");
    out.line(0, "impl ApiError {");
    out.doc_text(1, "The response header that mirrors `retry_after`.");
    let retry_after_header = string_literal(&catalog.api.headers.retry_after);
    out.line(1, &format!("pub const RETRY_AFTER_HEADER: &'static str = {retry_after_header};"));
    out.blank();
    out.doc_text(1, "The response header identifying the request, for support requests and logs.");
    let request_id_header = string_literal(&catalog.api.headers.request_id);
    out.line(1, &format!("pub const REQUEST_ID_HEADER: &'static str = {request_id_header};"));
    out.blank();
    out.block(1, INHERENT);
    for entry in &model.codes {
        out.blank();
        constructor(out, model, entry);
    }
    out.line(0, "}");
    out.blank();
    out.block(0, TRAIT_IMPLS);
}

/// The inherent functions of `ApiError` that do not depend on the catalog.
const INHERENT: &str = "/// An error with `code`, its title and `message`, without details. Prefer the constructor
/// named after the code: it fills the message and the typed details.
pub fn new(code: ErrorCode, message: impl ::std::convert::Into<::std::string::String>) -> Self {
    ApiError {
        error: ::std::string::String::from(code.title()),
        message: message.into(),
        error_code: ::std::string::String::from(code.as_str()),
        details: ::std::option::Option::None,
        retry_after: ::std::option::Option::None,
    }
}

/// The error with `details` replaced.
#[must_use]
pub fn with_details(
    mut self,
    details: ::std::option::Option<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
) -> Self {
    self.details = details.map(::std::boxed::Box::new);
    self
}

/// The error with `retry_after` set.
#[must_use]
pub fn with_retry_after(mut self, seconds: u64) -> Self {
    self.retry_after = ::std::option::Option::Some(seconds);
    self
}

/// The code, if this crate knows `error_code`.
pub fn code(&self) -> ::std::option::Option<ErrorCode> {
    ::std::str::FromStr::from_str(&self.error_code).ok()
}

/// The HTTP status of the code, or 500 for a code this crate does not know.
pub fn status(&self) -> u16 {
    self.code().map_or(500, ErrorCode::status)
}

/// [`ApiError::status`] as an [`http::StatusCode`].
#[cfg(feature = \"http\")]
pub fn http_status(&self) -> ::http::StatusCode {
    ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// Whether the code may be retried (`false` for a code this crate does not know).
pub fn is_retryable(&self) -> bool {
    self.code().is_some_and(ErrorCode::is_retryable)
}

/// The typed details, if `error_code` is `D::CODE` and `details` has `D`'s shape
/// (a missing `details` reads as an empty object).
pub fn details_as<D: ErrorDetails>(&self) -> ::std::option::Option<D> {
    if self.error_code != D::CODE.as_str() {
        return ::std::option::Option::None;
    }
    let details = self.details.as_deref().cloned().unwrap_or_default();
    ::serde_json::from_value(::serde_json::Value::Object(details)).ok()
}";

/// `Display`, `Error` and axum's `IntoResponse` for `ApiError`.
const TRAIT_IMPLS: &str = "impl ::std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.error_code)?;
        f.write_str(\": \")?;
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ApiError {}

#[allow(unexpected_cfgs)]
const _: () = {
    #[cfg(feature = \"axum\")]
    impl ::axum::response::IntoResponse for ApiError {
        fn into_response(self) -> ::axum::response::Response {
            let status = ::axum::http::StatusCode::from_u16(self.status())
                .unwrap_or(::axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            let retry_after = self.retry_after;
            let mut response = ::axum::response::IntoResponse::into_response((status, ::axum::Json(self)));
            if let (::std::option::Option::Some(seconds), ::std::result::Result::Ok(name)) =
                (retry_after, ::axum::http::HeaderName::from_bytes(Self::RETRY_AFTER_HEADER.as_bytes()))
            {
                response.headers_mut().insert(name, ::axum::http::HeaderValue::from(seconds));
            }
            response
        }
    }
};";
