//! The generated `ApiError`: the JSON error body, its inherent functions, `Display`,
//! `Error` and the `axum` response. The per-code constructors it holds are written by
//! `constructor`.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructor::constructor;
use super::doc::{Doc, allow_doc_lints, doc};
use super::lit;
use super::model::Model;
use crate::model::Catalog;

/// The doc of an `ApiError` field: the catalog's description of that wire field, or
/// `fallback` if the catalog has none.
fn wire_field_doc(catalog: &Catalog, name: &str, fallback: &str) -> TokenStream {
    let mut doc = Doc::default();
    match catalog.wire.fields.iter().find(|field| field.name == name) {
        Some(field) => doc.text(&field.description),
        None => doc.text(fallback),
    };
    doc.attrs()
}

/// The `ApiError` struct, with one constructor per code.
pub(super) fn api_error(model: &Model<'_>) -> TokenStream {
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
    let struct_doc = struct_doc.attrs();
    let error_doc = wire_field_doc(catalog, "error", "Short title of the error.");
    let message_doc = wire_field_doc(catalog, "message", "Human-readable description.");
    let code_doc = wire_field_doc(catalog, "error_code", "Machine-readable code.");
    let details_doc = wire_field_doc(catalog, "details", "Code-specific facts.");
    let retry_after_doc = wire_field_doc(catalog, "retry_after", "Seconds to wait before retrying.");
    let retry_after_header = lit(&catalog.api.headers.retry_after);
    let request_id_header = lit(&catalog.api.headers.request_id);
    let constructors = model.codes.iter().map(|entry| constructor(model, entry));
    let allow = allow_doc_lints();
    let doc_retry_header = doc("The response header that mirrors `retry_after`.");
    let doc_request_id_header = doc("The response header identifying the request, for support requests and logs.");
    let doc_new = doc("An error with `code`, its title and `message`, without details. Prefer the constructor \
         named after the code: it fills the message and the typed details.");
    let doc_with_details = doc("The error with `details` replaced.");
    let doc_with_retry_after = doc("The error with `retry_after` set.");
    let doc_code = doc("The code, if this crate knows `error_code`.");
    let doc_status = doc("The HTTP status of the code, or 500 for a code this crate does not know.");
    let doc_http_status = doc("[`ApiError::status`] as an [`http::StatusCode`].");
    let doc_retryable = doc("Whether the code may be retried (`false` for a code this crate does not know).");
    let doc_details_as = doc("The typed details, if `error_code` is `D::CODE` and `details` has `D`'s shape \
         (a missing `details` reads as an empty object).");
    quote! {
        #struct_doc
        #[derive(Clone, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct ApiError {
            #error_doc
            pub error: ::std::string::String,
            #message_doc
            pub message: ::std::string::String,
            #code_doc
            pub error_code: ::std::string::String,
            #details_doc
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            pub details: ::std::option::Option<::std::boxed::Box<::serde_json::Map<::std::string::String, ::serde_json::Value>>>,
            #retry_after_doc
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            pub retry_after: ::std::option::Option<u64>,
        }

        #allow
        #[allow(unexpected_cfgs)]
        impl ApiError {
            #doc_retry_header
            pub const RETRY_AFTER_HEADER: &'static str = #retry_after_header;

            #doc_request_id_header
            pub const REQUEST_ID_HEADER: &'static str = #request_id_header;

            #doc_new
            pub fn new(code: ErrorCode, message: impl ::std::convert::Into<::std::string::String>) -> Self {
                ApiError {
                    error: ::std::string::String::from(code.title()),
                    message: message.into(),
                    error_code: ::std::string::String::from(code.as_str()),
                    details: ::std::option::Option::None,
                    retry_after: ::std::option::Option::None,
                }
            }

            #doc_with_details
            #[must_use]
            pub fn with_details(
                mut self,
                details: ::std::option::Option<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
            ) -> Self {
                self.details = details.map(::std::boxed::Box::new);
                self
            }

            #doc_with_retry_after
            #[must_use]
            pub fn with_retry_after(mut self, seconds: u64) -> Self {
                self.retry_after = ::std::option::Option::Some(seconds);
                self
            }

            #doc_code
            pub fn code(&self) -> ::std::option::Option<ErrorCode> {
                ::std::str::FromStr::from_str(&self.error_code).ok()
            }

            #doc_status
            pub fn status(&self) -> u16 {
                self.code().map_or(500, ErrorCode::status)
            }

            #doc_http_status
            #[cfg(feature = "http")]
            pub fn http_status(&self) -> ::http::StatusCode {
                ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            #doc_retryable
            pub fn is_retryable(&self) -> bool {
                self.code().is_some_and(ErrorCode::is_retryable)
            }

            #doc_details_as
            pub fn details_as<D: ErrorDetails>(&self) -> ::std::option::Option<D> {
                if self.error_code != D::CODE.as_str() {
                    return ::std::option::Option::None;
                }
                let details = self.details.as_deref().cloned().unwrap_or_default();
                ::serde_json::from_value(::serde_json::Value::Object(details)).ok()
            }

            #( #constructors )*
        }

        impl ::std::fmt::Display for ApiError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.error_code)?;
                f.write_str(": ")?;
                f.write_str(&self.message)
            }
        }

        impl ::std::error::Error for ApiError {}

        #[allow(unexpected_cfgs)]
        const _: () = {
        #[cfg(feature = "axum")]
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
        };
    }
}
