//! How the generated `ApiError` is written to and read from its body, in the catalog's wire
//! profile: exactly the body `crate::wire::Profile::body` builds and what
//! `crate::wire::Profile::read` reads (the tests of the profile crates hold the generated
//! code to both).
//!
//! `flat` is what services of APIs like Scriptix send on every error, so its serde is
//! streaming, as a derive would be: one pass over the members, no intermediate map. The
//! other profiles build or read a `serde_json` value (their bodies nest, or their details
//! are whatever members are left) in `errcat_support::body`.
//!
//! Reading follows `Profile::read`: a member of the wrong JSON type reads as absent
//! (`retry_after: "soon"` is no delay); only the code and the message are required, and
//! a body without them is a deserialization error.

use super::source::Source;
use super::syntax::string_literal;
use crate::model::Catalog;
use crate::wire::{ERROR_INFO_TYPE, HELP_TYPE, ProfileKind, RETRY_INFO_TYPE};

/// The source shared by the generated code and the tests: reading delays, statuses and
/// gRPC statuses, and AIP-193 metadata text, as `crate::wire` does.
pub(super) const WIRE_READ_SOURCE: &str = include_str!("wire_read.rs");

/// The `ApiErrorExtra` struct of a profile other than `flat`.
pub(super) fn extra_struct(out: &mut Source, kind: ProfileKind) {
    let (doc, fields) = match kind {
        ProfileKind::Problem => (
            "What a `problem` body says besides [`ApiError`]'s fields: its `status` when it is not the code's \
             (or the code is unknown), and its `instance`.",
            "/// The body's `status`, when it is not the code's HTTP status or the code is unknown.
pub status: ::std::option::Option<u16>,
/// `instance`: a URI reference naming this occurrence of the problem.
pub instance: ::std::option::Option<::std::string::String>,",
        ),
        ProfileKind::Google => (
            "What a `google` body says besides [`ApiError`]'s fields, each only when it is not the code's (or \
             the code is unknown): its HTTP status (`error.code`), its gRPC status (`error.status`), its \
             `ErrorInfo.domain` and the description of its `Help` link; and every `details` entry it does \
             not read.",
            "/// `error.code`, when it is not the code's HTTP status or the code is unknown.
pub status: ::std::option::Option<u16>,
/// `error.status` as sent, when it is not the code's gRPC status or the code is unknown.
pub grpc_status: ::std::option::Option<::std::string::String>,
/// `ErrorInfo.domain`, when it is not this API's.
pub domain: ::std::option::Option<::std::string::String>,
/// The `description` of the `Help` link, when it is not `Documentation of CODE`.
pub help: ::std::option::Option<::std::string::String>,
/// Every other entry of `error.details` (a `BadRequest`, `LocalizedMessage`, `QuotaFailure`,
/// a second `ErrorInfo`, …), as sent and in order; written back after the ones this crate
/// reads.
pub other_details: ::std::vec::Vec<::serde_json::Value>,",
        ),
        ProfileKind::Nested | ProfileKind::Flat => (
            "What a `nested` body says besides [`ApiError`]'s fields: its category (`error.type`) when it is \
             not the code's, or the code is unknown.",
            "/// `error.type`, when it is not the code's category or the code is unknown.
pub category: ::std::option::Option<::std::string::String>,",
        ),
    };
    let kept = "Kept so that an error read from a body writes the same body back; constructors leave it out.";
    out.doc_text(0, &format!("{doc}\n\n{kept}"));
    out.line(0, "#[derive(Clone, Debug, Default, PartialEq, Eq)]");
    out.line(0, "pub struct ApiErrorExtra {");
    out.block(1, fields);
    out.line(0, "}");
}

/// `Serialize` and `Deserialize` for `ApiError`, through `errcat_support::body`.
pub(super) fn body_impls(out: &mut Source) {
    out.block(
        0,
        "/// The profile's body, exactly.
impl ::serde::Serialize for ApiError {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        errcat_support::body::serialize(self, serializer)
    }
}

/// Any body of the profile with a code and a message; members of the wrong type read as absent.
impl<'de> ::serde::Deserialize<'de> for ApiError {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        errcat_support::body::deserialize(deserializer)
    }
}",
    );
}

/// The `body` module of `errcat_support` and the functions it uses.
pub(super) fn support_body(out: &mut Source, catalog: &Catalog) {
    let profile = &catalog.wire.profile;
    out.block(1, WIRE_READ_SOURCE);
    if profile.kind == ProfileKind::Google {
        out.blank();
        out.block(
            1,
            "/// `details` with every value as metadata text.
pub fn as_text(details: Map<String, Value>) -> Map<String, Value> {
    details.into_iter().map(|(key, value)| (key, Value::String(text(&value)))).collect()
}",
        );
    }
    if profile.kind != ProfileKind::Flat {
        out.blank();
        out.block(
            1,
            "/// Takes the member `key` out of `object`, if it is a string.
pub fn take_string(object: &mut Map<String, Value>, key: &str) -> Option<String> {
    match object.remove(key) {
        Some(Value::String(text)) => Some(text),
        _ => None,
    }
}",
        );
    }
    out.blank();
    out.line(1, &format!("/// How an [`ApiError`] is written to and read from its `{}` body.", profile.kind.as_str()));
    out.line(1, "pub mod body {");
    match profile.kind {
        ProfileKind::Flat => flat(out, catalog),
        ProfileKind::Problem => problem(out, catalog),
        ProfileKind::Google => google(out, catalog),
        ProfileKind::Nested => nested(out),
    }
    out.line(1, "}");
}

/// The serde of a profile whose body is read as a JSON object: `write` and `read`.
const THROUGH_VALUE: &str =
    "pub fn serialize<S: ::serde::Serializer>(error: &ApiError, serializer: S) -> Result<S::Ok, S::Error> {
    ::serde::Serialize::serialize(&write(error), serializer)
}

pub fn deserialize<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<ApiError, D::Error> {
    let body = <Map<String, Value> as ::serde::Deserialize>::deserialize(deserializer)?;
    read(body).map_err(::serde::de::Error::custom)
}";

/// `flat`: a streaming `Serialize` and `Deserialize` over the catalog's member names.
fn flat(out: &mut Source, catalog: &Catalog) {
    let m = &catalog.wire.profile.members;
    let title = m.title.as_deref().unwrap_or("error");
    let details = m.details.as_deref().unwrap_or("details");
    let retry_after = m.retry_after.as_deref().unwrap_or("retry_after");
    let mut consts = vec![
        ("TITLE", title, "Title"),
        ("MESSAGE", m.message.as_str(), "Message"),
        ("CODE", m.code.as_str(), "Code"),
        ("DETAILS", details, "Details"),
        ("RETRY_AFTER", retry_after, "RetryAfter"),
    ];
    if let Some(doc_url) = m.doc_url.as_deref() {
        consts.push(("DOC_URL", doc_url, "DocUrl"));
    }
    out.block(
        2,
        "use ::serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use ::serde::ser::SerializeMap;
use ::serde_json::Value;

use super::super::ApiError;
",
    );
    for (name, value, _) in &consts {
        out.line(2, &format!("const {name}: &str = {};", string_literal(value)));
    }
    out.blank();
    let doc_url_out = if m.doc_url.is_some() {
        "\n    if let Some(url) = &error.doc_url {\n        map.serialize_entry(DOC_URL, url)?;\n    }"
    } else {
        ""
    };
    out.block(
        2,
        &format!(
            "pub fn serialize<S: ::serde::Serializer>(error: &ApiError, serializer: S) -> Result<S::Ok, S::Error> {{
    let mut map = serializer.serialize_map(None)?;
    if let Some(title) = &error.title {{
        map.serialize_entry(TITLE, title)?;
    }}
    map.serialize_entry(MESSAGE, &error.message)?;
    map.serialize_entry(CODE, &error.error_code)?;
    if let Some(details) = &error.details {{
        map.serialize_entry(DETAILS, details)?;
    }}
    if let Some(seconds) = error.retry_after {{
        map.serialize_entry(RETRY_AFTER, &seconds)?;
    }}{doc_url_out}
    map.end()
}}

pub fn deserialize<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<ApiError, D::Error> {{
    deserializer.deserialize_map(Body)
}}

/// A member of the body.
#[derive(Clone, Copy)]
enum Member {{"
        ),
    );
    for (_, _, variant) in &consts {
        out.line(3, &format!("{variant},"));
    }
    out.line(3, "Other,");
    out.line(2, "}");
    out.blank();
    out.block(
        2,
        "/// Reads a member name without allocating.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Member;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Member;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str(\"a member name\")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(match name {",
    );
    for (name, _, variant) in &consts {
        out.line(4, &format!("{name} => Member::{variant},"));
    }
    let doc_url_in = if m.doc_url.is_some() {
        "\n                Member::DocUrl => {
                    if let Value::String(url) = access.next_value::<Value>()? {
                        error.doc_url = Some(::std::borrow::Cow::Owned(url));
                    }
                }"
    } else {
        ""
    };
    out.block(
        2,
        &format!(
            "            _ => Member::Other,
        }})
    }}
}}

/// Reads a body: the members in any order, a repeated one as its last value.
struct Body;

impl<'de> Visitor<'de> for Body {{
    type Value = ApiError;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{
        formatter.write_str(\"an error body\")
    }}

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<ApiError, A::Error> {{
        let mut error = ApiError {{
            title: None,
            message: String::new(),
            error_code: String::new(),
            details: None,
            retry_after: None,
            doc_url: None,
        }};
        let (mut message, mut code) = (false, false);
        while let Some(member) = access.next_key_seed(Key)? {{
            match member {{
                Member::Title => {{
                    error.title = match access.next_value::<Value>()? {{
                        Value::String(title) => Some(title),
                        _ => None,
                    }};
                }}
                Member::Message => {{
                    error.message = access.next_value()?;
                    message = true;
                }}
                Member::Code => {{
                    error.error_code = access.next_value()?;
                    code = true;
                }}
                Member::Details => {{
                    error.details = match access.next_value::<Value>()? {{
                        Value::Object(details) => Some(Box::new(details)),
                        _ => None,
                    }};
                }}
                Member::RetryAfter => error.retry_after = super::seconds(&access.next_value::<Value>()?),{doc_url_in}
                Member::Other => {{
                    access.next_value::<IgnoredAny>()?;
                }}
            }}
        }}
        if !code {{
            return Err(de::Error::missing_field(CODE));
        }}
        if !message {{
            return Err(de::Error::missing_field(MESSAGE));
        }}
        Ok(error)
    }}
}}"
        ),
    );
}

/// `problem`: RFC 9457, the code, `retry_after` and the details as extension members.
fn problem(out: &mut Source, catalog: &Catalog) {
    let m = &catalog.wire.profile.members;
    let retry_after = m.retry_after.as_deref().unwrap_or("retry_after");
    out.block(
        2,
        "use ::std::borrow::Cow;

use ::serde_json::{Map, Value};

use super::super::{ApiError, ApiErrorExtra, ErrorCode};
use super::take_string;
",
    );
    out.line(2, &format!("const CODE: &str = {};", string_literal(&m.code)));
    out.line(2, &format!("const RETRY_AFTER: &str = {};", string_literal(retry_after)));
    out.block(
        2,
        "/// The members that are not details fields.
const RESERVED: [&str; 7] = [\"type\", \"title\", \"status\", \"detail\", \"instance\", CODE, RETRY_AFTER];

pub fn write(error: &ApiError) -> Value {
    let mut body = Map::new();
    let url = error.doc_url.as_deref().unwrap_or(\"about:blank\");
    body.insert(\"type\".to_owned(), Value::from(url));
    if let Some(title) = &error.title {
        body.insert(\"title\".to_owned(), Value::from(title.as_str()));
    }
    body.insert(\"status\".to_owned(), Value::from(error.status()));
    body.insert(\"detail\".to_owned(), Value::from(error.message.as_str()));
    if let Some(instance) = error.instance() {
        body.insert(\"instance\".to_owned(), Value::from(instance));
    }
    body.insert(CODE.to_owned(), Value::from(error.error_code.as_str()));
    if let Some(seconds) = error.retry_after {
        body.insert(RETRY_AFTER.to_owned(), Value::from(seconds));
    }
    // A details field never takes the place of one of the profile's own members.
    for (key, value) in error.details.iter().flat_map(|details| details.iter()) {
        if !RESERVED.contains(&key.as_str()) {
            body.insert(key.clone(), value.clone());
        }
    }
    Value::Object(body)
}

pub fn read(mut body: Map<String, Value>) -> Result<ApiError, &'static str> {
    let title = take_string(&mut body, \"title\");
    let message = match take_string(&mut body, \"detail\") {
        Some(detail) => detail,
        None => title.clone().ok_or(\"a problem body needs a string `detail` or `title`\")?,
    };
    let error_code = take_string(&mut body, CODE).ok_or(\"a problem body needs its string code member\")?;
    let code: Option<ErrorCode> = error_code.parse().ok();
    let doc_url = take_string(&mut body, \"type\").filter(|url| url != \"about:blank\").map(Cow::Owned);
    let status = body.remove(\"status\").as_ref().and_then(super::status);
    let status = status.filter(|status| code.map(ErrorCode::status) != Some(*status));
    let instance = take_string(&mut body, \"instance\");
    let retry_after = body.remove(RETRY_AFTER).as_ref().and_then(super::seconds);
    // Every other member is a details field.
    for name in RESERVED {
        body.remove(name);
    }
    let details = (!body.is_empty()).then(|| Box::new(body));
    let extra = (status.is_some() || instance.is_some()).then(|| Box::new(ApiErrorExtra { status, instance }));
    Ok(ApiError { title, message, error_code, details, retry_after, doc_url, extra })
}
",
    );
    out.block(2, THROUGH_VALUE);
}

/// `google`: AIP-193, the code and the details in `ErrorInfo`, the delay in `RetryInfo`,
/// the documentation URL in a `Help` link.
fn google(out: &mut Source, catalog: &Catalog) {
    out.block(
        2,
        "use ::std::borrow::Cow;

use ::serde_json::{Map, Value};

use super::super::{ApiError, ApiErrorExtra, ErrorCode};
use super::take_string;
",
    );
    out.line(2, &format!("const ERROR_INFO: &str = {};", string_literal(ERROR_INFO_TYPE)));
    out.line(2, &format!("const RETRY_INFO: &str = {};", string_literal(RETRY_INFO_TYPE)));
    out.line(2, &format!("const HELP: &str = {};", string_literal(HELP_TYPE)));
    out.line(2, "/// This API's `ErrorInfo.domain`.");
    out.line(2, &format!("const DOMAIN: &str = {};", string_literal(&catalog.wire.profile.domain)));
    out.block(
        2,
        "
/// A JSON object of `(key, value)` pairs.
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(members.into_iter().map(|(key, value)| (key.to_owned(), value)).collect())
}

pub fn write(error: &ApiError) -> Value {
    let extra = error.extra.as_deref();
    let domain = extra.and_then(|extra| extra.domain.as_deref()).unwrap_or(DOMAIN);
    let mut info = Map::new();
    info.insert(\"@type\".to_owned(), Value::from(ERROR_INFO));
    info.insert(\"reason\".to_owned(), Value::from(error.error_code.as_str()));
    info.insert(\"domain\".to_owned(), Value::from(domain));
    if let Some(details) = &error.details {
        let metadata = details.iter().map(|(key, value)| (key.clone(), Value::String(super::text(value))));
        info.insert(\"metadata\".to_owned(), Value::Object(metadata.collect()));
    }
    let mut entries = vec![Value::Object(info)];
    if let Some(seconds) = error.retry_after {
        let delay = Value::from(format!(\"{seconds}s\"));
        entries.push(object([(\"@type\", Value::from(RETRY_INFO)), (\"retryDelay\", delay)]));
    }
    if let Some(url) = &error.doc_url {
        let description = match extra.and_then(|extra| extra.help.as_deref()) {
            Some(description) => Value::from(description),
            None => Value::from(format!(\"Documentation of {}\", error.error_code)),
        };
        let link = object([(\"description\", description), (\"url\", Value::from(url.as_ref()))]);
        entries.push(object([(\"@type\", Value::from(HELP)), (\"links\", Value::Array(vec![link]))]));
    }
    if let Some(extra) = extra {
        entries.extend(extra.other_details.iter().cloned());
    }
    let grpc_status = extra.and_then(|extra| extra.grpc_status.as_deref()).unwrap_or(error.grpc_status());
    let status = object([
        (\"code\", Value::from(error.status())),
        (\"message\", Value::from(error.message.as_str())),
        (\"status\", Value::from(grpc_status)),
        (\"details\", Value::Array(entries)),
    ]);
    object([(\"error\", status)])
}

pub fn read(mut body: Map<String, Value>) -> Result<ApiError, &'static str> {
    let Some(Value::Object(mut status)) = body.remove(\"error\") else {
        return Err(\"a google body needs an `error` object\");
    };
    let message = take_string(&mut status, \"message\").ok_or(\"a google body needs a string `error.message`\")?;
    let (mut info, mut retry, mut help) = (None, None, None);
    let mut other_details = Vec::new();
    if let Some(Value::Array(entries)) = status.remove(\"details\") {
        // The first detail of each type counts; every other entry is kept as sent.
        for entry in entries {
            let slot = match entry.get(\"@type\").and_then(Value::as_str) {
                Some(ERROR_INFO) => Some(&mut info),
                Some(RETRY_INFO) => Some(&mut retry),
                Some(HELP) => Some(&mut help),
                _ => None,
            };
            match (slot, entry) {
                (Some(slot), Value::Object(entry)) if slot.is_none() => *slot = Some(entry),
                (_, entry) => other_details.push(entry),
            }
        }
    }
    let mut info: Map<String, Value> = info.ok_or(\"a google body needs an `ErrorInfo` detail\")?;
    let error_code = take_string(&mut info, \"reason\").ok_or(\"a google body needs a string `ErrorInfo.reason`\")?;
    let code: Option<ErrorCode> = error_code.parse().ok();
    let details = match info.remove(\"metadata\") {
        Some(Value::Object(metadata)) => Some(Box::new(metadata)),
        _ => None,
    };
    let domain = take_string(&mut info, \"domain\").filter(|domain| domain != DOMAIN);
    let delay = retry.as_ref().and_then(|retry| retry.get(\"retryDelay\")).and_then(Value::as_str);
    let retry_after = delay.and_then(super::duration);
    let links = help.as_ref().and_then(|help| help.get(\"links\")).and_then(Value::as_array);
    let link = links.and_then(|links| links.iter().find(|link| link.get(\"url\").is_some_and(Value::is_string)));
    let doc_url = link.and_then(|link| link.get(\"url\")?.as_str()).map(|url| Cow::Owned(url.to_owned()));
    let help = link.and_then(|link| link.get(\"description\")?.as_str());
    let help = help.filter(|text| *text != format!(\"Documentation of {error_code}\")).map(str::to_owned);
    let sent = status.remove(\"code\").as_ref().and_then(super::status);
    let sent = sent.filter(|sent| code.map(ErrorCode::status) != Some(*sent));
    let grpc_status = take_string(&mut status, \"status\");
    let grpc_status = grpc_status.filter(|name| code.map(ErrorCode::grpc_status) != Some(name.as_str()));
    let kept = sent.is_some() || grpc_status.is_some() || domain.is_some() || help.is_some();
    let extra = (kept || !other_details.is_empty())
        .then(|| Box::new(ApiErrorExtra { status: sent, grpc_status, domain, help, other_details }));
    Ok(ApiError { title: None, message, error_code, details, retry_after, doc_url, extra })
}
",
    );
    out.block(2, THROUGH_VALUE);
}

/// `nested`: Stripe-style, every member inside `error`, the details inline.
fn nested(out: &mut Source) {
    out.block(
        2,
        "use ::std::borrow::Cow;

use ::serde_json::{Map, Value};

use super::super::{ApiError, ApiErrorExtra, ErrorCode};
use super::take_string;

/// The members that are not details fields.
const RESERVED: [&str; 5] = [\"type\", \"code\", \"message\", \"doc_url\", \"retry_after\"];

pub fn write(error: &ApiError) -> Value {
    let mut object = Map::new();
    let sent = error.extra.as_ref().and_then(|extra| extra.category.as_deref());
    if let Some(category) = sent.or_else(|| error.code().map(|code| code.category().as_str())) {
        object.insert(\"type\".to_owned(), Value::from(category));
    }
    object.insert(\"code\".to_owned(), Value::from(error.error_code.as_str()));
    object.insert(\"message\".to_owned(), Value::from(error.message.as_str()));
    if let Some(url) = &error.doc_url {
        object.insert(\"doc_url\".to_owned(), Value::from(url.as_ref()));
    }
    if let Some(seconds) = error.retry_after {
        object.insert(\"retry_after\".to_owned(), Value::from(seconds));
    }
    // A details field never takes the place of one of the profile's own members.
    for (key, value) in error.details.iter().flat_map(|details| details.iter()) {
        if !RESERVED.contains(&key.as_str()) {
            object.insert(key.clone(), value.clone());
        }
    }
    let mut body = Map::new();
    body.insert(\"error\".to_owned(), Value::Object(object));
    Value::Object(body)
}

pub fn read(mut body: Map<String, Value>) -> Result<ApiError, &'static str> {
    let Some(Value::Object(mut object)) = body.remove(\"error\") else {
        return Err(\"a nested body needs an `error` object\");
    };
    let error_code = take_string(&mut object, \"code\").ok_or(\"a nested body needs a string `error.code`\")?;
    let message = take_string(&mut object, \"message\").ok_or(\"a nested body needs a string `error.message`\")?;
    let code: Option<ErrorCode> = error_code.parse().ok();
    let category = take_string(&mut object, \"type\");
    let own = code.map(|code| code.category().as_str());
    let category = category.filter(|category| own != Some(category.as_str()));
    let doc_url = take_string(&mut object, \"doc_url\").map(Cow::Owned);
    let retry_after = object.remove(\"retry_after\").as_ref().and_then(super::seconds);
    // Every other member is a details field.
    for name in RESERVED {
        object.remove(name);
    }
    let details = (!object.is_empty()).then(|| Box::new(object));
    let extra = category.is_some().then(|| Box::new(ApiErrorExtra { category }));
    Ok(ApiError { title: None, message, error_code, details, retry_after, doc_url, extra })
}
",
    );
    out.block(2, THROUGH_VALUE);
}

/// The helpers compiled here, for the tests that hold them to `crate::wire`.
#[cfg(test)]
pub(super) mod wire_read {
    use serde_json::Value;

    include!("wire_read.rs");
}
