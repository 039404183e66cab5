//! The error body on the wire: the profiles errcat knows (`flat`, `problem`, `google`,
//! `nested`), how a body of each is built from an error's parts, and how one is read back.
//!
//! This module is the one place that knows where each part of an error — title, message,
//! code, details, retry delay, documentation URL, HTTP and gRPC status, category — sits in
//! a profile's body. The validator reads catalog examples with [`Profile::read`] and builds
//! the examples it derives with [`Profile::body`]; the conformance target computes what a
//! client must make of a response with the same reading, so every generated client, which
//! implements it in its own language, is held to it by the vectors.
//!
//! The profiles:
//! - `flat`: `{"error": title, "message", "error_code", "details": {…}, "retry_after"}`
//!   (Scriptix's body), every member name configurable, plus an optional documentation URL
//!   member;
//! - `problem`: RFC 9457 `application/problem+json`: `type` (the code's documentation URL),
//!   `title`, `status`, `detail` (the message), `instance`, and as extension members the code
//!   (`code`), `retry_after` and each details field;
//! - `google`: AIP-193: `{"error": {"code": HTTP status, "message", "status": gRPC status,
//!   "details": [ErrorInfo{reason: code, domain, metadata}, RetryInfo{retryDelay}, Help{links}]}}`,
//!   details as ErrorInfo's string metadata;
//! - `nested`: Stripe-style `{"error": {"type": category, "code", "message", "doc_url",
//!   "retry_after", …details fields}}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};

use crate::model::{FieldType, ScalarType};

/// The `@type` of AIP-193's `ErrorInfo` detail.
pub const ERROR_INFO_TYPE: &str = "type.googleapis.com/google.rpc.ErrorInfo";
/// The `@type` of AIP-193's `RetryInfo` detail.
pub const RETRY_INFO_TYPE: &str = "type.googleapis.com/google.rpc.RetryInfo";
/// The `@type` of AIP-193's `Help` detail.
pub const HELP_TYPE: &str = "type.googleapis.com/google.rpc.Help";
/// The `@type` of AIP-193's `LocalizedMessage` detail: a message in the `locale` the
/// server chose for the end user, beside the developer-facing `error.message`.
pub const LOCALIZED_MESSAGE_TYPE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";

/// Largest delay in seconds a body or header may give; larger values count as absent.
pub const MAX_RETRY_AFTER_SECONDS: u64 = 2_147_483_647;

/// Largest magnitude of an `integer` details value clients accept (2^53 − 1, the largest
/// integer every client language represents exactly).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// The shape of the error body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// One JSON object with the title, message, code, `details` object and `retry_after`.
    #[default]
    Flat,
    /// RFC 9457 problem details (`application/problem+json`).
    Problem,
    /// Google's AIP-193 error model (`google.rpc.Status` with `ErrorInfo`).
    Google,
    /// Stripe-style: everything inside an `error` object.
    Nested,
}

impl ProfileKind {
    /// The catalog spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileKind::Flat => "flat",
            ProfileKind::Problem => "problem",
            ProfileKind::Google => "google",
            ProfileKind::Nested => "nested",
        }
    }

    /// Whether the body's members sit inside an `error` object.
    pub fn is_enveloped(self) -> bool {
        matches!(self, ProfileKind::Google | ProfileKind::Nested)
    }

    /// Whether details fields are members of the error object itself (not of a
    /// `details` object or metadata map).
    pub fn details_inline(self) -> bool {
        matches!(self, ProfileKind::Problem | ProfileKind::Nested)
    }
}

/// The member names of a profile: where each part of an error is written. A `None` part
/// has no member in the profile. For `google`, `code`, `details` and `retry_after` name
/// members of the `ErrorInfo` and `RetryInfo` details, `doc_url` the member of a `Help`
/// link; for `nested`, every member is inside `error`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Members {
    /// The short title (`flat` `error`, `problem` `title`).
    pub title: Option<String>,
    /// The human-readable message.
    pub message: String,
    /// The machine-readable code.
    pub code: String,
    /// The object of details fields (`flat` `details`, `google` `metadata`); `None` where
    /// details fields are members of the error object.
    pub details: Option<String>,
    /// The delay before a retry (`google` `retryDelay`, a duration such as `"30s"`).
    pub retry_after: Option<String>,
    /// The code's documentation URL (`problem` `type`, `nested` `doc_url`).
    pub doc_url: Option<String>,
    /// The HTTP status (`problem` `status`, `google` `code`).
    pub status: Option<String>,
    /// The gRPC status name (`google` `status`).
    pub grpc_status: Option<String>,
    /// The category id (`nested` `type`).
    pub category: Option<String>,
}

/// A profile with its member names, as the catalog chose it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// The shape.
    pub kind: ProfileKind,
    /// Where each part is written.
    pub members: Members,
    /// AIP-193's `ErrorInfo.domain` (the `google` profile; empty for the others).
    pub domain: String,
    /// The media type of error responses.
    pub media_type: String,
    /// Member names of the error object that are not details fields: in `problem` and
    /// `nested`, where details fields are members of the error object, none may take one of
    /// these names (the validator checks it).
    pub reserved: Vec<String>,
}

/// The member names a catalog may choose for a profile; `None` keeps the default.
#[derive(Clone, Debug, Default)]
pub struct MemberChoices {
    /// The title member (`flat` only).
    pub title: Option<String>,
    /// The message member (`flat` only).
    pub message: Option<String>,
    /// The code member (`flat` and `problem`).
    pub code: Option<String>,
    /// The details object (`flat` only).
    pub details: Option<String>,
    /// The retry delay member (`flat` and `problem`).
    pub retry_after: Option<String>,
    /// The documentation URL member (`flat` only; without it, `flat` bodies carry none).
    pub doc_url: Option<String>,
}

impl Profile {
    /// The profile `kind` with the catalog's member names and `google`'s domain.
    pub fn new(kind: ProfileKind, choices: &MemberChoices, domain: &str) -> Profile {
        let pick = |choice: &Option<String>, default: &str| choice.clone().unwrap_or_else(|| default.to_owned());
        let members = match kind {
            ProfileKind::Flat => Members {
                title: Some(pick(&choices.title, "error")),
                message: pick(&choices.message, "message"),
                code: pick(&choices.code, "error_code"),
                details: Some(pick(&choices.details, "details")),
                retry_after: Some(pick(&choices.retry_after, "retry_after")),
                doc_url: choices.doc_url.clone(),
                status: None,
                grpc_status: None,
                category: None,
            },
            ProfileKind::Problem => Members {
                title: Some("title".into()),
                message: "detail".into(),
                code: pick(&choices.code, "code"),
                details: None,
                retry_after: Some(pick(&choices.retry_after, "retry_after")),
                doc_url: Some("type".into()),
                status: Some("status".into()),
                grpc_status: None,
                category: None,
            },
            ProfileKind::Google => Members {
                title: None,
                message: "message".into(),
                code: "reason".into(),
                details: Some("metadata".into()),
                retry_after: Some("retryDelay".into()),
                doc_url: Some("url".into()),
                status: Some("code".into()),
                grpc_status: Some("status".into()),
                category: None,
            },
            ProfileKind::Nested => Members {
                title: None,
                message: "message".into(),
                code: "code".into(),
                details: None,
                retry_after: Some("retry_after".into()),
                doc_url: Some("doc_url".into()),
                status: None,
                grpc_status: None,
                category: Some("type".into()),
            },
        };
        let reserved = match kind {
            ProfileKind::Problem => {
                let mut names: Vec<String> =
                    ["type", "title", "status", "detail", "instance"].iter().map(|s| (*s).to_owned()).collect();
                names.push(members.code.clone());
                names.extend(members.retry_after.clone());
                names
            }
            ProfileKind::Nested => {
                ["type", "code", "message", "doc_url", "retry_after"].iter().map(|s| (*s).to_owned()).collect()
            }
            ProfileKind::Flat | ProfileKind::Google => Vec::new(),
        };
        let media_type = match kind {
            ProfileKind::Problem => "application/problem+json",
            _ => "application/json",
        };
        Profile {
            kind,
            members,
            domain: if kind == ProfileKind::Google { domain.to_owned() } else { String::new() },
            media_type: media_type.to_owned(),
            reserved,
        }
    }

    /// The members of a `flat` body, in wire order (the names a body may have).
    pub fn flat_member_names(&self) -> Vec<&str> {
        let m = &self.members;
        let mut names: Vec<&str> = Vec::new();
        names.extend(m.title.as_deref());
        names.push(&m.message);
        names.push(&m.code);
        names.extend(m.details.as_deref());
        names.extend(m.retry_after.as_deref());
        names.extend(m.doc_url.as_deref());
        names
    }

    /// The body of an error with these parts, as the server sends it.
    pub fn body(&self, parts: &Parts<'_>) -> Json {
        let m = &self.members;
        let mut object = Map::new();
        let details = parts.details.filter(|d| !d.is_empty());
        match self.kind {
            ProfileKind::Flat => {
                if let (Some(name), Some(title)) = (&m.title, parts.title) {
                    object.insert(name.clone(), json!(title));
                }
                object.insert(m.message.clone(), json!(parts.message));
                object.insert(m.code.clone(), json!(parts.code));
                if let (Some(name), Some(details)) = (&m.details, details) {
                    object.insert(name.clone(), Json::Object(details.clone()));
                }
                if let (Some(name), Some(seconds)) = (&m.retry_after, parts.retry_after) {
                    object.insert(name.clone(), json!(seconds));
                }
                if let (Some(name), Some(url)) = (&m.doc_url, parts.doc_url) {
                    object.insert(name.clone(), json!(url));
                }
                Json::Object(object)
            }
            ProfileKind::Problem => {
                object.insert("type".into(), json!(parts.doc_url.unwrap_or("about:blank")));
                if let Some(title) = parts.title {
                    object.insert("title".into(), json!(title));
                }
                object.insert("status".into(), json!(parts.status));
                object.insert("detail".into(), json!(parts.message));
                object.insert(m.code.clone(), json!(parts.code));
                if let (Some(name), Some(seconds)) = (&m.retry_after, parts.retry_after) {
                    object.insert(name.clone(), json!(seconds));
                }
                for (key, value) in details.into_iter().flatten() {
                    object.insert(key.clone(), value.clone());
                }
                Json::Object(object)
            }
            ProfileKind::Google => {
                let mut info = Map::new();
                info.insert("@type".into(), json!(ERROR_INFO_TYPE));
                info.insert("reason".into(), json!(parts.code));
                info.insert("domain".into(), json!(self.domain));
                if let Some(details) = details {
                    let metadata: Map<String, Json> =
                        details.iter().map(|(key, value)| (key.clone(), json!(metadata_text(value)))).collect();
                    info.insert("metadata".into(), Json::Object(metadata));
                }
                let mut entries = vec![Json::Object(info)];
                if let Some(seconds) = parts.retry_after {
                    entries.push(json!({"@type": RETRY_INFO_TYPE, "retryDelay": format!("{seconds}s")}));
                }
                if let Some(url) = parts.doc_url {
                    let description = format!("Documentation of {}", parts.code);
                    entries.push(json!({"@type": HELP_TYPE, "links": [{"description": description, "url": url}]}));
                }
                object.insert("code".into(), json!(parts.status));
                object.insert("message".into(), json!(parts.message));
                object.insert("status".into(), json!(parts.grpc_status));
                object.insert("details".into(), Json::Array(entries));
                json!({ "error": object })
            }
            ProfileKind::Nested => {
                object.insert("type".into(), json!(parts.category));
                object.insert("code".into(), json!(parts.code));
                object.insert("message".into(), json!(parts.message));
                if let Some(url) = parts.doc_url {
                    object.insert("doc_url".into(), json!(url));
                }
                if let Some(seconds) = parts.retry_after {
                    object.insert("retry_after".into(), json!(seconds));
                }
                for (key, value) in details.into_iter().flatten() {
                    object.insert(key.clone(), value.clone());
                }
                json!({ "error": object })
            }
        }
    }

    /// Reads a parsed body the way every client does. Nothing fails: a part that is missing
    /// or has the wrong JSON type reads as absent (the details as [`Details::Invalid`]).
    pub fn read(&self, body: &Map<String, Json>) -> Read {
        let m = &self.members;
        let string = |object: &Map<String, Json>, key: &str| object.get(key).and_then(Json::as_str).map(str::to_owned);
        match self.kind {
            ProfileKind::Flat => Read {
                title: m.title.as_deref().and_then(|key| string(body, key)),
                message: string(body, &m.message),
                code: string(body, &m.code),
                details: match m.details.as_deref().and_then(|key| body.get(key)) {
                    None => Details::Absent,
                    Some(Json::Object(details)) => Details::Object(details.clone()),
                    Some(_) => Details::Invalid,
                },
                retry_after: m.retry_after.as_deref().and_then(|key| body.get(key)).and_then(seconds_of_json),
                doc_url: m.doc_url.as_deref().and_then(|key| string(body, key)),
                grpc_status: None,
            },
            ProfileKind::Problem => {
                let title = string(body, "title");
                Read {
                    message: string(body, "detail").or_else(|| title.clone()),
                    title,
                    code: string(body, &m.code),
                    details: inline_details(body, &self.reserved),
                    retry_after: m.retry_after.as_deref().and_then(|key| body.get(key)).and_then(seconds_of_json),
                    doc_url: string(body, "type").filter(|url| url != "about:blank"),
                    grpc_status: None,
                }
            }
            ProfileKind::Google => {
                let Some(Json::Object(error)) = body.get("error") else { return Read::default() };
                let entries = error.get("details").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
                let of_type = |ty: &str| {
                    entries
                        .iter()
                        .filter_map(Json::as_object)
                        .find(|entry| entry.get("@type").and_then(Json::as_str) == Some(ty))
                };
                let info = of_type(ERROR_INFO_TYPE);
                Read {
                    title: None,
                    message: string(error, "message"),
                    code: info.and_then(|info| string(info, "reason")),
                    details: match info.and_then(|info| info.get("metadata")) {
                        None => Details::Absent,
                        Some(Json::Object(metadata)) if metadata.values().all(Json::is_string) => {
                            Details::Object(metadata.clone())
                        }
                        Some(_) => Details::Invalid,
                    },
                    retry_after: of_type(RETRY_INFO_TYPE)
                        .and_then(|retry| retry.get("retryDelay"))
                        .and_then(Json::as_str)
                        .and_then(seconds_of_duration),
                    doc_url: of_type(HELP_TYPE).and_then(|help| help.get("links")).and_then(Json::as_array).and_then(
                        |links| links.iter().filter_map(Json::as_object).find_map(|link| string(link, "url")),
                    ),
                    grpc_status: string(error, "status").filter(|name| GRPC_STATUSES.contains(&name.as_str())),
                }
            }
            ProfileKind::Nested => {
                let Some(Json::Object(error)) = body.get("error") else { return Read::default() };
                Read {
                    title: None,
                    message: string(error, "message"),
                    code: string(error, "code"),
                    details: inline_details(error, &self.reserved),
                    retry_after: error.get("retry_after").and_then(seconds_of_json),
                    doc_url: string(error, "doc_url"),
                    grpc_status: None,
                }
            }
        }
    }

    /// Where the member carrying `role` is in a body, as diagnostics and docs name it
    /// (`error_code`, `error.details[ErrorInfo].reason`); `None` when the profile has no
    /// such member. Roles: `title`, `message`, `code`, `details`, `retry_after`, `doc_url`,
    /// `status`, `grpc_status`, `category`.
    pub fn path(&self, role: &str) -> Option<String> {
        let m = &self.members;
        let name = match role {
            "title" => m.title.clone(),
            "message" => Some(m.message.clone()),
            "code" => Some(m.code.clone()),
            "details" => m.details.clone(),
            "retry_after" => m.retry_after.clone(),
            "doc_url" => m.doc_url.clone(),
            "status" => m.status.clone(),
            "grpc_status" => m.grpc_status.clone(),
            "category" => m.category.clone(),
            _ => None,
        };
        let name = name?;
        Some(match (self.kind, role) {
            (ProfileKind::Google, "code" | "details") => format!("error.details[ErrorInfo].{name}"),
            (ProfileKind::Google, "retry_after") => format!("error.details[RetryInfo].{name}"),
            (ProfileKind::Google, "doc_url") => format!("error.details[Help].links[].{name}"),
            (kind, _) if kind.is_enveloped() => format!("error.{name}"),
            _ => name,
        })
    }

    /// The JSON value of the member carrying `role` (see [`Profile::path`]) in a body, as
    /// sent, whatever its type.
    pub fn member<'b>(&self, body: &'b Map<String, Json>, role: &str) -> Option<&'b Json> {
        let m = &self.members;
        let name = match role {
            "title" => m.title.as_deref(),
            "message" => Some(m.message.as_str()),
            "code" => Some(m.code.as_str()),
            "details" => m.details.as_deref(),
            "retry_after" => m.retry_after.as_deref(),
            "doc_url" => m.doc_url.as_deref(),
            "status" => m.status.as_deref(),
            "grpc_status" => m.grpc_status.as_deref(),
            "category" => m.category.as_deref(),
            _ => None,
        }?;
        if !self.kind.is_enveloped() {
            return body.get(name);
        }
        let error = body.get("error")?.as_object()?;
        if self.kind == ProfileKind::Nested {
            return error.get(name);
        }
        let entry = |ty: &str| {
            error
                .get("details")?
                .as_array()?
                .iter()
                .filter_map(Json::as_object)
                .find(|entry| entry.get("@type").and_then(Json::as_str) == Some(ty))
        };
        match role {
            "code" | "details" => entry(ERROR_INFO_TYPE)?.get(name),
            "retry_after" => entry(RETRY_INFO_TYPE)?.get(name),
            "doc_url" => entry(HELP_TYPE)?
                .get("links")?
                .as_array()?
                .iter()
                .filter_map(Json::as_object)
                .find_map(|link| link.get(name)),
            _ => error.get(name),
        }
    }

    /// Sets (or with `None` removes) the member carrying `role` in a body built by
    /// [`Profile::body`], whatever the value's type: how the conformance vectors make
    /// malformed bodies of every profile from well-formed ones. A `google` `RetryInfo`
    /// entry is added when missing; a role the profile has no member for changes nothing.
    pub fn put(&self, body: &mut Json, role: &str, value: Option<Json>) {
        let Some(path) = self.path(role) else { return };
        let name = path.rsplit('.').next().unwrap_or(&path).to_owned();
        let Some(parent) = self.parent_mut(body, role) else { return };
        match value {
            Some(value) => {
                parent.insert(name, value);
            }
            None => {
                parent.remove(&name);
            }
        }
    }

    /// Sets the details field `key` of a body built by [`Profile::body`] to `value` as
    /// sent (for `google`, a metadata value, normally a string), adding the details object
    /// when the body has none.
    pub fn put_detail(&self, body: &mut Json, key: &str, value: Json) {
        let object = match (self.kind, &self.members.details) {
            (ProfileKind::Flat | ProfileKind::Google, Some(details)) => {
                let Some(parent) = self.parent_mut(body, "details") else { return };
                let entry = parent.entry(details.clone()).or_insert_with(|| json!({}));
                if !entry.is_object() {
                    *entry = json!({});
                }
                entry.as_object_mut()
            }
            (ProfileKind::Nested, _) => body.get_mut("error").and_then(Json::as_object_mut),
            _ => body.as_object_mut(),
        };
        if let Some(object) = object {
            object.insert(key.to_owned(), value);
        }
    }

    /// The object holding the member carrying `role` in a body built by [`Profile::body`].
    fn parent_mut<'b>(&self, body: &'b mut Json, role: &str) -> Option<&'b mut Map<String, Json>> {
        if !self.kind.is_enveloped() {
            return body.as_object_mut();
        }
        let error = body.get_mut("error")?.as_object_mut()?;
        if self.kind == ProfileKind::Nested {
            return Some(error);
        }
        let ty = match role {
            "code" | "details" => ERROR_INFO_TYPE,
            "retry_after" => RETRY_INFO_TYPE,
            "doc_url" => HELP_TYPE,
            _ => return Some(error),
        };
        let entries = error.entry("details").or_insert_with(|| json!([])).as_array_mut()?;
        let at = match entries.iter().position(|e| e.get("@type").and_then(Json::as_str) == Some(ty)) {
            Some(at) => at,
            None => {
                entries.push(json!({ "@type": ty }));
                entries.len() - 1
            }
        };
        let entry = entries.get_mut(at)?.as_object_mut()?;
        if ty == HELP_TYPE {
            let links = entry.entry("links").or_insert_with(|| json!([{}])).as_array_mut()?;
            if links.is_empty() {
                links.push(json!({}));
            }
            return links.first_mut()?.as_object_mut();
        }
        Some(entry)
    }

    /// How diagnostics name the details field `key` in a body: `details.quota_limit`,
    /// `error.details[ErrorInfo].metadata.quota_limit`, `quota_limit` (a `problem`
    /// extension member), `error.quota_limit`.
    pub fn details_key_path(&self, key: &str) -> String {
        match (self.path("details"), self.kind) {
            (Some(details), _) => format!("{details}.{key}"),
            (None, ProfileKind::Nested) => format!("error.{key}"),
            (None, _) => key.to_owned(),
        }
    }

    /// Whether details values travel as text (AIP-193 metadata is a map of strings): a
    /// value is then decoded by its field's type with [`decode_text`].
    pub fn details_as_text(&self) -> bool {
        self.kind == ProfileKind::Google
    }
}

/// The details fields of a body where they are members of the error object: every member
/// that is not one of the profile's own.
fn inline_details(object: &Map<String, Json>, reserved: &[String]) -> Details {
    let details: Map<String, Json> = object
        .iter()
        .filter(|(key, _)| !reserved.iter().any(|name| name == *key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if details.is_empty() { Details::Absent } else { Details::Object(details) }
}

/// The parts of one error, from which [`Profile::body`] builds its body.
#[derive(Clone, Copy, Debug)]
pub struct Parts<'a> {
    /// The short title.
    pub title: Option<&'a str>,
    /// The message.
    pub message: &'a str,
    /// The wire code.
    pub code: &'a str,
    /// The details fields with their typed values.
    pub details: Option<&'a Map<String, Json>>,
    /// The delay before a retry, in seconds.
    pub retry_after: Option<u64>,
    /// The code's documentation URL.
    pub doc_url: Option<&'a str>,
    /// The HTTP status.
    pub status: u16,
    /// The gRPC status name.
    pub grpc_status: &'a str,
    /// The category id.
    pub category: &'a str,
}

/// What a body says, as read by [`Profile::read`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// The title, when the profile has one and the body sends a string.
    pub title: Option<String>,
    /// The message (`problem`: `detail`, else `title`).
    pub message: Option<String>,
    /// The wire code.
    pub code: Option<String>,
    /// The details object as sent (for `google`, the metadata strings).
    pub details: Details,
    /// The body's retry delay in whole seconds, when valid.
    pub retry_after: Option<u64>,
    /// The documentation URL the body gives.
    pub doc_url: Option<String>,
    /// The gRPC status the body gives, when it is a canonical name.
    pub grpc_status: Option<String>,
}

/// The details of a body.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Details {
    /// The body has none.
    #[default]
    Absent,
    /// An object of details fields.
    Object(Map<String, Json>),
    /// Something that is not a details object (`flat`: a `details` that is not an object;
    /// `google`: metadata that is not an object of strings).
    Invalid,
}

/// A delay in JSON: a whole number of seconds in range (`60`, `60.0`, `6e1`).
pub fn seconds_of_json(value: &Json) -> Option<u64> {
    value
        .as_f64()
        .filter(|v| v.is_finite() && v.fract() == 0.0 && (0.0..=MAX_RETRY_AFTER_SECONDS as f64).contains(v))
        .map(|v| v as u64)
}

/// A protobuf JSON `Duration` (`"30s"`, `"1.5s"`, up to nine fractional digits) as whole
/// seconds, rounded up so a client never retries early; `None` if malformed, negative or
/// above [`MAX_RETRY_AFTER_SECONDS`] (what clients accept).
pub fn seconds_of_duration(text: &str) -> Option<u64> {
    duration_seconds(text).filter(|seconds| *seconds <= MAX_RETRY_AFTER_SECONDS)
}

/// A protobuf JSON `Duration` as whole seconds rounded up, of any size a `u64` holds (what a
/// catalog may declare); `None` if malformed or negative.
pub fn duration_seconds(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 || number.ends_with('.') {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    if fraction.bytes().any(|b| b != b'0') { seconds.checked_add(1) } else { Some(seconds) }
}

/// How a details value is written as AIP-193 metadata text: strings as they are, every
/// other value as its JSON (`100`, `true`, `["mp3","wav"]`).
pub fn metadata_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A details value sent as text, decoded by its field's type: a `string` field's text is
/// the value itself; any other type's text is parsed as JSON (`"100"`, `"1e2"`, `"true"`,
/// `"[\"mp3\"]"`). `None` when it is not JSON. Whether the value then has the type is the
/// caller's rule: [`admits`] for clients, the catalog's own for examples.
pub fn decode_text(ty: FieldType, text: &str) -> Option<Json> {
    if ty.scalar == ScalarType::String && !ty.list {
        return Some(Json::String(text.to_owned()));
    }
    serde_json::from_str(text).ok()
}

/// Whether a parsed JSON value has a details type, judged by value as every client language
/// sees it after parsing: an `integer` is any JSON number with a whole value of magnitude at
/// most 2^53 − 1 (so `100.0` and `1e2` count).
pub fn admits(ty: FieldType, value: &Json) -> bool {
    let scalar = |value: &Json| match ty.scalar {
        ScalarType::String => value.is_string(),
        ScalarType::Number => value.is_number(),
        ScalarType::Boolean => value.is_boolean(),
        ScalarType::Integer => {
            value.as_f64().is_some_and(|v| v.is_finite() && v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER as f64)
        }
    };
    match (ty.list, value) {
        (true, Json::Array(items)) => items.iter().all(scalar),
        (true, _) => false,
        (false, value) => scalar(value),
    }
}

/// The canonical gRPC status names (`google.rpc.Code`), in code order.
pub const GRPC_STATUSES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The gRPC status of an HTTP status by the standard mapping (the HTTP mapping documented
/// in `google/rpc/code.proto`, read backwards): 400 `INVALID_ARGUMENT`, 401
/// `UNAUTHENTICATED`, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 408 and 504
/// `DEADLINE_EXCEEDED`, 409 `ABORTED`, 412 `FAILED_PRECONDITION`, 416 `OUT_OF_RANGE`, 429
/// `RESOURCE_EXHAUSTED`, 499 `CANCELLED`, 500 `INTERNAL`, 501 `UNIMPLEMENTED`, 503
/// `UNAVAILABLE`; any other 4xx `FAILED_PRECONDITION`, any other 5xx `INTERNAL`, anything
/// else `UNKNOWN`.
pub fn grpc_status_of_http(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 | 504 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        412 => "FAILED_PRECONDITION",
        416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        _ => match status / 100 {
            4 => "FAILED_PRECONDITION",
            5 => "INTERNAL",
            _ => "UNKNOWN",
        },
    }
}

/// The HTTP statuses [`grpc_status_of_http`] maps by name rather than by class.
pub const EXPLICIT_HTTP_STATUSES: [u16; 14] = [400, 401, 403, 404, 408, 409, 412, 416, 429, 499, 500, 501, 503, 504];

/// The numeric value of a gRPC status name (`RESOURCE_EXHAUSTED` is 8).
pub fn grpc_status_number(name: &str) -> Option<usize> {
    GRPC_STATUSES.iter().position(|known| *known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(details: Option<&'a Map<String, Json>>) -> Parts<'a> {
        Parts {
            title: Some("Quota Exceeded"),
            message: "Monthly quota exceeded",
            code: "QUOTA_EXCEEDED",
            details,
            retry_after: Some(30),
            doc_url: Some("https://docs.example.com/errors#quota_exceeded"),
            status: 402,
            grpc_status: "FAILED_PRECONDITION",
            category: "quotas",
        }
    }

    #[test]
    /// Every profile reads back what it wrote, details decoded by type where they travel as text.
    fn every_profile_reads_what_it_writes() {
        let details: Map<String, Json> =
            serde_json::from_str(r#"{"quota_limit": 100, "formats": ["mp3", "wav"], "unit": "hours"}"#)
                .expect("test value");
        for kind in [ProfileKind::Flat, ProfileKind::Problem, ProfileKind::Google, ProfileKind::Nested] {
            let choices = MemberChoices { doc_url: Some("doc_url".into()), ..MemberChoices::default() };
            let profile = Profile::new(kind, &choices, "example.com");
            let body = profile.body(&parts(Some(&details)));
            let read = profile.read(body.as_object().expect("test value"));
            assert_eq!(read.code.as_deref(), Some("QUOTA_EXCEEDED"), "{kind:?}: {body}");
            assert_eq!(read.message.as_deref(), Some("Monthly quota exceeded"), "{kind:?}");
            assert_eq!(read.retry_after, Some(30), "{kind:?}");
            assert_eq!(read.doc_url.as_deref(), Some("https://docs.example.com/errors#quota_exceeded"), "{kind:?}");
            let Details::Object(sent) = read.details else { panic!("{kind:?}: no details in {body}") };
            let typed: Map<String, Json> = if profile.details_as_text() {
                // Decoded, and admitted by the field's type.
                let ty = |key: &str| match key {
                    "quota_limit" => FieldType::parse("integer").expect("test value"),
                    "formats" => FieldType::parse("string[]").expect("test value"),
                    _ => FieldType::parse("string").expect("test value"),
                };
                sent.iter()
                    .map(|(k, v)| (k.clone(), decode_text(ty(k), v.as_str().expect("test value")).expect("test value")))
                    .collect()
            } else {
                sent
            };
            assert_eq!(typed, details, "{kind:?}");
        }
    }

    #[test]
    fn durations_round_up_to_whole_seconds() {
        assert_eq!(seconds_of_duration("30s"), Some(30));
        assert_eq!(seconds_of_duration("1.5s"), Some(2));
        assert_eq!(seconds_of_duration("30.000s"), Some(30));
        assert_eq!(seconds_of_duration("-5s"), None);
        assert_eq!(seconds_of_duration("5"), None);
        assert_eq!(seconds_of_duration(".5s"), None);
        assert_eq!(seconds_of_duration("5.s"), None);
        assert_eq!(seconds_of_duration("99999999999999999999999s"), None);
    }

    #[test]
    fn text_values_decode_by_type() {
        let integer = FieldType::parse("integer").expect("test value");
        assert_eq!(decode_text(integer, "100"), Some(json!(100)));
        assert_eq!(decode_text(integer, "1e2"), Some(json!(1e2)));
        assert!(!admits(integer, &decode_text(integer, "9007199254740993").expect("test value")));
        assert!(!admits(integer, &decode_text(integer, "1.5").expect("test value")));
        assert_eq!(decode_text(integer, "ten"), None);
        assert_eq!(decode_text(FieldType::parse("boolean").expect("test value"), "true"), Some(json!(true)));
        assert_eq!(decode_text(FieldType::parse("string").expect("test value"), "[1]"), Some(json!("[1]")));
        assert_eq!(decode_text(FieldType::parse("string[]").expect("test value"), r#"["a"]"#), Some(json!(["a"])));
    }

    #[test]
    fn http_statuses_map_to_grpc() {
        assert_eq!(grpc_status_of_http(429), "RESOURCE_EXHAUSTED");
        assert_eq!(grpc_status_of_http(402), "FAILED_PRECONDITION");
        assert_eq!(grpc_status_of_http(502), "INTERNAL");
        assert_eq!(grpc_status_number("RESOURCE_EXHAUSTED"), Some(8));
        assert!(GRPC_STATUSES.contains(&grpc_status_of_http(200)));
    }
}
