//! The generated `ApiError`: an error response in the catalog's wire profile, its inherent
//! functions, serde, `Display`, `Error` and the `axum` response. The per-code constructors
//! it holds are written by `constructor`; how it is written to and read from its body is
//! `body`.
//!
//! `ApiError` holds an error's parts, the same fields whatever the profile: `title`,
//! `message`, `error_code` (the code as sent), `details` (as sent: for `google`, the
//! metadata strings), `retry_after` and `doc_url`. What only some profiles' bodies say —
//! `problem`'s `status` and `instance`, `google`'s HTTP status, gRPC status and domain,
//! `nested`'s category — is in a boxed `ApiErrorExtra`, kept only where it differs from what
//! the code says (or the code is unknown), so a constructed error needs no allocation for it
//! and a body read back writes the same body.

use super::body::{body_impls, extra_struct};
use super::constructor::constructor;
use super::doc::Doc;
use super::model::Model;
use super::source::{ALLOW_DOC_LINTS, Source};
use super::syntax::string_literal;
use crate::model::Catalog;
use crate::wire::ProfileKind;

/// The doc of an `ApiError` field: the catalog's description of the member carrying
/// `role`, or `fallback` if the catalog has none.
fn wire_field_doc(catalog: &Catalog, role: &str, fallback: &str) -> Doc {
    let mut doc = Doc::default();
    match catalog.wire.field(role) {
        Some(field) if !field.description.trim().is_empty() => doc.text(&field.description),
        _ => doc.text(fallback),
    };
    doc
}

/// Where the member carrying `role` is in the body, for docs: `` `error_code` ``, or
/// `no member` when the profile has none.
fn member_path(catalog: &Catalog, role: &str) -> String {
    catalog.wire.profile.path(role).map_or_else(|| "no member".to_owned(), |path| format!("`{path}`"))
}

/// The `ApiError` struct, with one constructor per code.
pub(super) fn api_error(out: &mut Source, model: &Model<'_>) {
    let catalog = model.catalog;
    let profile = &catalog.wire.profile;
    let kind = profile.kind;
    let mut struct_doc = Doc::default();
    struct_doc.text(&format!(
        "An error response of the {} API: the parts of the body every error carries, in the `{}` profile \
         (`{}`).",
        catalog.api.name,
        kind.as_str(),
        profile.media_type
    ));
    if let Some(description) = &catalog.wire.description {
        struct_doc.para(description);
    }
    struct_doc.para(
        "Build one with the constructor named after its code (e.g. `ApiError::quota_exceeded`), \
         which fills the message and the typed details. Any body of the profile parses, even one \
         whose code this crate does not know: `error_code` and `details` keep what was sent, and \
         [`ApiError::code`] is `None`. serde writes and reads exactly the profile's body; the \
         fields are the error's parts, the same in every profile. `details` is boxed so the error \
         stays small: `Result<T, ApiError>` is cheap to return.",
    );
    out.doc(0, &struct_doc);
    out.line(0, ALLOW_DOC_LINTS);
    out.line(0, "#[derive(Clone, Debug, PartialEq, Eq)]");
    out.line(0, "pub struct ApiError {");
    let mut title = wire_field_doc(catalog, "title", "Short title of the error.");
    title.para(&format!(
        "Sent as {}; constructors set the code's title where the profile has a member for it, else `None`.",
        member_path(catalog, "title")
    ));
    out.doc(1, &title);
    out.line(1, "pub title: ::std::option::Option<::std::string::String>,");
    let mut message = wire_field_doc(catalog, "message", "Human-readable description.");
    message.para(&format!("Sent as {}.", member_path(catalog, "message")));
    out.doc(1, &message);
    out.line(1, "pub message: ::std::string::String,");
    let mut code = wire_field_doc(catalog, "code", "Machine-readable code.");
    code.para(&format!(
        "Sent as {}: the code as sent, even one this crate does not know (see [`ApiError::code`]).",
        member_path(catalog, "code")
    ));
    out.doc(1, &code);
    out.line(1, "pub error_code: ::std::string::String,");
    let mut details = wire_field_doc(catalog, "details", "Code-specific facts.");
    details.para(&match kind {
        ProfileKind::Flat => format!("Sent as {}: the object as the body has it.", member_path(catalog, "details")),
        ProfileKind::Google => "Sent as `error.details[ErrorInfo].metadata`, as sent: AIP-193 metadata is text, so \
                                each value is a string (a number, boolean or list as its JSON); \
                                [`ApiError::details_as`] decodes them by type."
            .to_owned(),
        ProfileKind::Problem | ProfileKind::Nested => {
            "Each field is a member of the error object: every member that is not one of the profile's own.".to_owned()
        }
    });
    out.doc(1, &details);
    out.block(
        1,
        "pub details: ::std::option::Option<
    ::std::boxed::Box<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
>,",
    );
    let mut retry = wire_field_doc(catalog, "retry_after", "Seconds to wait before retrying.");
    retry.para(&format!("Sent as {}.", member_path(catalog, "retry_after")));
    out.doc(1, &retry);
    out.line(1, "pub retry_after: ::std::option::Option<u64>,");
    let mut doc_url = wire_field_doc(catalog, "doc_url", "The documentation URL of the error.");
    doc_url.para(&match profile.path("doc_url") {
        Some(path) => format!(
            "Sent as `{path}`, as sent; constructors set the code's. [`ApiError::doc_url`] falls back to the \
             code's when a body gives none."
        ),
        None => "The profile's body has no member for it, so it stays `None`: [`ApiError::doc_url`] gives \
                 the code's."
            .to_owned(),
    });
    out.doc(1, &doc_url);
    out.line(1, "pub doc_url: ::std::option::Option<::std::borrow::Cow<'static, str>>,");
    if kind != ProfileKind::Flat {
        out.doc_text(
            1,
            "What else the body said that the code does not (see [`ApiErrorExtra`]); `None` for a \
             constructed error.",
        );
        out.line(1, "pub extra: ::std::option::Option<::std::boxed::Box<ApiErrorExtra>>,");
    }
    out.line(0, "}");
    out.blank();
    if kind != ProfileKind::Flat {
        extra_struct(out, kind);
        out.blank();
    }

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
    out.doc_text(1, "The media type of error responses (`Content-Type`).");
    out.line(1, &format!("pub const MEDIA_TYPE: &'static str = {};", string_literal(&profile.media_type)));
    out.blank();
    inherent(out, catalog);
    for entry in &model.codes {
        out.blank();
        constructor(out, model, entry);
    }
    out.line(0, "}");
    out.blank();
    body_impls(out);
    out.blank();
    out.block(0, TRAIT_IMPLS);
}

/// The inherent functions of `ApiError`, which depend only on the profile.
fn inherent(out: &mut Source, catalog: &Catalog) {
    let profile = &catalog.wire.profile;
    let kind = profile.kind;
    let title = if profile.members.title.is_some() {
        "::std::option::Option::Some(::std::string::String::from(code.title()))"
    } else {
        "::std::option::Option::None"
    };
    let doc_url = if profile.members.doc_url.is_some() {
        "::std::option::Option::Some(::std::borrow::Cow::Borrowed(code.doc_url()))"
    } else {
        "::std::option::Option::None"
    };
    let extra = if kind == ProfileKind::Flat { "" } else { "\n        extra: ::std::option::Option::None," };
    out.block(
        1,
        &format!(
            "/// An error with `code`, its title and `message`, without details. Prefer the constructor
/// named after the code: it fills the message and the typed details.
pub fn new(code: ErrorCode, message: impl ::std::convert::Into<::std::string::String>) -> Self {{
    ApiError {{
        title: {title},
        message: message.into(),
        error_code: ::std::string::String::from(code.as_str()),
        details: ::std::option::Option::None,
        retry_after: ::std::option::Option::None,
        doc_url: {doc_url},{extra}
    }}
}}"
        ),
    );
    out.blank();
    if kind == ProfileKind::Google {
        out.block(
            1,
            "/// The error with `details` replaced, each value written as AIP-193 metadata text (a string
/// as it is, any other value as its JSON).
#[must_use]
pub fn with_details(
    mut self,
    details: ::std::option::Option<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
) -> Self {
    self.details = details.map(|details| ::std::boxed::Box::new(errcat_support::as_text(details)));
    self
}",
        );
    } else {
        out.block(
            1,
            "/// The error with `details` replaced.
#[must_use]
pub fn with_details(
    mut self,
    details: ::std::option::Option<::serde_json::Map<::std::string::String, ::serde_json::Value>>,
) -> Self {
    self.details = details.map(::std::boxed::Box::new);
    self
}",
        );
    }
    out.blank();
    out.block(
        1,
        "/// The error with `retry_after` set.
#[must_use]
pub fn with_retry_after(mut self, seconds: u64) -> Self {
    self.retry_after = ::std::option::Option::Some(seconds);
    self
}",
    );
    out.blank();
    if kind == ProfileKind::Problem {
        out.block(
            1,
            "/// The error with `instance` set: a URI reference naming this occurrence of the problem.
#[must_use]
pub fn with_instance(mut self, instance: impl ::std::convert::Into<::std::string::String>) -> Self {
    self.extra.get_or_insert_with(::std::default::Default::default).instance =
        ::std::option::Option::Some(instance.into());
    self
}

/// The body's `instance`, if it has one.
pub fn instance(&self) -> ::std::option::Option<&str> {
    self.extra.as_ref().and_then(|extra| extra.instance.as_deref())
}",
        );
        out.blank();
    }
    out.block(
        1,
        "/// The code, if this crate knows `error_code`.
pub fn code(&self) -> ::std::option::Option<ErrorCode> {
    ::std::str::FromStr::from_str(&self.error_code).ok()
}",
    );
    out.blank();
    match kind {
        ProfileKind::Problem | ProfileKind::Google => out.block(
            1,
            "/// The HTTP status: the one the body gives when it is not the code's, else the code's, or
/// 500 for a code this crate does not know.
pub fn status(&self) -> u16 {
    match self.extra.as_ref().and_then(|extra| extra.status) {
        ::std::option::Option::Some(status) => status,
        ::std::option::Option::None => self.code().map_or(500, ErrorCode::status),
    }
}",
        ),
        ProfileKind::Flat | ProfileKind::Nested => out.block(
            1,
            "/// The HTTP status of the code, or 500 for a code this crate does not know.
pub fn status(&self) -> u16 {
    self.code().map_or(500, ErrorCode::status)
}",
        ),
    }
    out.blank();
    let grpc_from_body = if kind == ProfileKind::Google {
        "\n    let sent = self.extra.as_ref().and_then(|extra| extra.grpc_status.as_deref());
    if let ::std::option::Option::Some(name) = sent.and_then(errcat_support::canonical_grpc) {
        return name;
    }"
    } else {
        ""
    };
    let grpc_doc = if kind == ProfileKind::Google {
        "/// The canonical gRPC status name: the body's `error.status` when it is one, else the
/// code's, else the standard mapping of [`ApiError::status`]."
    } else {
        "/// The canonical gRPC status name: the code's, or the standard mapping of
/// [`ApiError::status`] for a code this crate does not know."
    };
    out.block(
        1,
        &format!(
            "{grpc_doc}
pub fn grpc_status(&self) -> &'static str {{{grpc_from_body}
    match self.code() {{
        ::std::option::Option::Some(code) => code.grpc_status(),
        ::std::option::Option::None => errcat_support::grpc_of_http(self.status()),
    }}
}}"
        ),
    );
    out.blank();
    out.block(
        1,
        "/// The documentation URL: the one the body gives, else the code's (`None` for a code this
/// crate does not know, sent without one).
pub fn doc_url(&self) -> ::std::option::Option<&str> {
    match &self.doc_url {
        ::std::option::Option::Some(url) => ::std::option::Option::Some(url),
        ::std::option::Option::None => self.code().map(ErrorCode::doc_url),
    }
}

/// [`ApiError::status`] as an [`http::StatusCode`].
#[cfg(feature = \"http\")]
pub fn http_status(&self) -> ::http::StatusCode {
    ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// Whether the code may be retried (`false` for a code this crate does not know).
pub fn is_retryable(&self) -> bool {
    self.code().is_some_and(ErrorCode::is_retryable)
}",
    );
    out.blank();
    let decoded = if kind == ProfileKind::Google { ", decoded by the fields' types from metadata text" } else { "" };
    out.block(
        1,
        &format!(
            "/// The typed details, if `error_code` is `D::CODE` and `details` has `D`'s shape{decoded}
/// (missing `details` read as an empty object).
pub fn details_as<D: ErrorDetails>(&self) -> ::std::option::Option<D> {{
    if self.error_code != D::CODE.as_str() {{
        return ::std::option::Option::None;
    }}
    let details = self.details.as_deref().cloned().unwrap_or_default();
    ::serde_json::from_value(::serde_json::Value::Object(details)).ok()
}}"
        ),
    );
}

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
    /// The status, the body as `ApiError::MEDIA_TYPE` and, when `retry_after` is set, the
    /// `ApiError::RETRY_AFTER_HEADER` header.
    #[cfg(feature = \"axum\")]
    impl ::axum::response::IntoResponse for ApiError {
        fn into_response(self) -> ::axum::response::Response {
            use ::axum::http::{HeaderName, HeaderValue, StatusCode, header};
            let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = match ::serde_json::to_vec(&self) {
                ::std::result::Result::Ok(body) => body,
                ::std::result::Result::Err(error) => {
                    let text = [(header::CONTENT_TYPE, HeaderValue::from_static(\"text/plain; charset=utf-8\"))];
                    let answer = (StatusCode::INTERNAL_SERVER_ERROR, text, error.to_string());
                    return ::axum::response::IntoResponse::into_response(answer);
                }
            };
            let media = [(header::CONTENT_TYPE, HeaderValue::from_static(Self::MEDIA_TYPE))];
            let mut response = ::axum::response::IntoResponse::into_response((status, media, body));
            if let (::std::option::Option::Some(seconds), ::std::result::Result::Ok(name)) =
                (self.retry_after, HeaderName::from_bytes(Self::RETRY_AFTER_HEADER.as_bytes()))
            {
                response.headers_mut().insert(name, HeaderValue::from(seconds));
            }
            response
        }
    }
};";
