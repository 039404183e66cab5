//! Example bodies: a catalog's example must be the code's body, in the profile's shape, with
//! its fields filled in; codes without one get an example derived from the template and the
//! fields.

use serde_json::Value as Json;

use super::Checker;
use super::messages::template_matches;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{AdditionalDetails, DetailField, Example, FieldType, MessageTemplate, ScalarType};
use crate::raw::RawCode;
use crate::wire::{Details, Parts, Profile, ProfileKind, decode_text};

/// What a code's body says besides its catalog entry: its documentation URL and gRPC
/// status, as the validator decided them.
#[derive(Clone, Copy)]
pub(super) struct Identity<'a> {
    /// The code's documentation URL.
    pub doc_url: &'a str,
    /// The code's gRPC status name.
    pub grpc_status: &'a str,
}

impl Checker {
    /// Checks a code's example body against the code and the body's profile (members,
    /// code, title, statuses, documentation URL, details, template and `retry_after`), or
    /// derives one in the profile's shape when the catalog gives none, so every code has one.
    pub(super) fn example(
        &mut self,
        code: &RawCode,
        message: &MessageTemplate,
        fields: &[DetailField],
        additional: Option<&AdditionalDetails>,
        profile: &Profile,
        identity: Identity<'_>,
    ) -> Example {
        let Some(example) = &code.example else {
            let body = derived_example(code, message, fields, additional, profile, identity);
            return Example { body, from_catalog: false };
        };
        let span = example.span;
        let Json::Object(body) = &example.value else {
            self.push(Diagnostic::error(
                "example-mismatch",
                span,
                "example must be a JSON object (the whole response body)",
            ));
            return Example { body: example.value.clone(), from_catalog: true };
        };
        let name = &code.code.value;
        let path = |role: &str| profile.path(role).unwrap_or_else(|| role.to_owned());
        let mut mismatch = |rule: &'static str, text: String, help: String| {
            self.diagnostics.push(Diagnostic::error(rule, span, text).with_help(help));
        };
        for problem in unknown_members(profile, body) {
            mismatch("example-mismatch", format!("example of `{name}` {problem}"), members_help(profile));
        }
        match profile.member(body, "code") {
            None => mismatch(
                "example-missing-code",
                format!("example of `{name}` has no `{}`", path("code")),
                format!("every error body carries its code: add `\"{}\": \"{name}\"`", profile.members.code),
            ),
            Some(Json::String(found)) if found == name => {}
            Some(found) => mismatch(
                "example-mismatch",
                format!("example of `{name}` has `{}` {found}", path("code")),
                format!("set it to \"{name}\", or move the example to the code it belongs to"),
            ),
        }
        if profile.members.title.is_some() {
            match profile.member(body, "title") {
                Some(Json::String(found)) if *found == code.title.value => {}
                found => mismatch(
                    "example-mismatch",
                    format!(
                        "example's `{}` is {}, but the code's title is {:?}",
                        path("title"),
                        show(found),
                        code.title.value
                    ),
                    format!("the `{}` field always carries the code's `title`", path("title")),
                ),
            }
        }
        // Each member that names the code's identity, and whether every body has it.
        let expected: [(&str, Json, bool); 4] = [
            ("status", Json::from(code.status.value), profile.kind == ProfileKind::Google),
            ("grpc_status", Json::from(identity.grpc_status), profile.kind == ProfileKind::Google),
            ("doc_url", Json::from(identity.doc_url), profile.kind.details_inline()),
            ("category", Json::from(code.category.value.as_str()), false),
        ];
        for (role, want, required) in expected {
            if profile.path(role).is_none() {
                continue;
            }
            match profile.member(body, role) {
                None if !required => {}
                Some(found) if *found == want => {}
                found => mismatch(
                    "example-mismatch",
                    format!(
                        "example's `{}` is {}, but the code's {} is {want}",
                        path(role),
                        show(found),
                        role_name(role)
                    ),
                    format!("the `{}` member always carries the code's {}", path(role), role_name(role)),
                ),
            }
        }
        let read = profile.read(body);
        let details = match &read.details {
            Details::Absent => None,
            Details::Object(details) => Some(details),
            Details::Invalid => {
                let text = match profile.member(body, "details") {
                    Some(Json::Object(_)) => format!("example's `{}` has values that are not strings", path("details")),
                    found => {
                        format!(
                            "example's `{}` is {}, not an object",
                            path("details"),
                            found.map_or("missing", json_kind)
                        )
                    }
                };
                let help = if profile.details_as_text() {
                    format!(
                        "`{}` is an object of strings: write other values as JSON text, e.g. \"100\"",
                        path("details")
                    )
                } else {
                    format!("`{}` is an object of named fields", path("details"))
                };
                mismatch("details-type", text, help);
                None
            }
        };
        let details_invalid = read.details == Details::Invalid;
        // The details with typed values: AIP-193 metadata strings decoded by the fields' types.
        let mut typed = serde_json::Map::new();
        for (key, value) in details.into_iter().flatten() {
            let key_path = profile.details_key_path(key);
            let declared = fields.iter().find(|f| &f.name == key);
            let ty = declared.map(|f| f.ty).or(additional.map(|a| a.ty));
            let value = match (profile.details_as_text(), ty, value) {
                (true, Some(ty), Json::String(text)) => match decode_text(ty, text) {
                    Some(value) => value,
                    None => {
                        mismatch(
                            "details-type",
                            format!(
                                "example's `{key_path}` is {text:?}, which is not the JSON text of a value of type `{}`",
                                ty.name()
                            ),
                            "metadata values are text: write the value's JSON, e.g. \"100\" or \"true\"".to_owned(),
                        );
                        continue;
                    }
                },
                _ => value.clone(),
            };
            match declared {
                Some(field) if field.message_only => mismatch(
                    "example-mismatch",
                    format!("example sends `{key_path}`, but the field is `message_only`"),
                    "drop `message_only`, or the key from the example".to_owned(),
                ),
                Some(field) if !field.ty.admits(&value) => mismatch(
                    "details-type",
                    format!("example's `{key_path}` is {}, but the field is {}", json_kind(&value), field.ty.name()),
                    "make the example value match the declared type, or fix the type".to_owned(),
                ),
                Some(_) => {}
                None if code.details.iter().any(|f| &f.name.value == key) => {} // Its type is reported.
                None => match additional {
                    Some(extra) if !extra.ty.admits(&value) => mismatch(
                        "details-type",
                        format!(
                            "example's `{key_path}` is {}, but additional details are {}",
                            json_kind(&value),
                            extra.ty.name()
                        ),
                        "make the example value match `additional_details.type`".to_owned(),
                    ),
                    Some(_) => {}
                    None => {
                        let suggestion = did_you_mean(key, fields.iter().map(|f| f.name.as_str()));
                        let what = if profile.kind.details_inline() {
                            format!(
                                "neither a member of the `{}` profile nor a declared details field",
                                profile.kind.as_str()
                            )
                        } else {
                            "not a declared details field".to_owned()
                        };
                        mismatch(
                            "example-mismatch",
                            format!("example's `{key_path}` is {what} of `{name}`"),
                            match suggestion {
                                Some(s) => format!("did you mean `{s}`?"),
                                None => "declare it under the code's `details`".to_owned(),
                            },
                        );
                    }
                },
            }
            typed.insert(key.clone(), value);
        }
        for field in fields.iter().filter(|f| !f.optional && !f.message_only && !details_invalid) {
            if !details.is_some_and(|d| d.contains_key(&field.name)) {
                mismatch(
                    "example-mismatch",
                    format!(
                        "example of `{name}` lacks the required details field `{}`",
                        profile.details_key_path(&field.name)
                    ),
                    "add it to the example's details, or mark the field `optional: true`".to_owned(),
                );
            }
        }
        let retry_seconds = match (profile.member(body, "retry_after"), &code.retry_after) {
            (None, _) => None,
            (Some(Json::String(text)), Some(_)) if profile.details_as_text() => {
                let seconds = crate::wire::duration_seconds(text);
                if seconds.is_none() {
                    mismatch(
                        "details-type",
                        format!("example's `{}` is {text:?}, not a duration such as \"60s\"", path("retry_after")),
                        "write the delay as seconds followed by `s`".to_owned(),
                    );
                }
                seconds
            }
            (Some(value), Some(_)) if value.is_u64() && !profile.details_as_text() => value.as_u64(),
            (Some(value), Some(_)) => {
                let wanted =
                    if profile.details_as_text() { "a duration such as \"60s\"" } else { "a whole number of seconds" };
                mismatch(
                    "details-type",
                    format!("example's `{}` is {}, not {wanted}", path("retry_after"), json_kind(value)),
                    "write the delay in seconds".to_owned(),
                );
                None
            }
            (Some(_), None) => {
                mismatch(
                    "example-mismatch",
                    format!("example sends `{}`, but code `{name}` declares none", path("retry_after")),
                    "add `retry_after: SECONDS` to the code".to_owned(),
                );
                None
            }
        };
        match profile.member(body, "message") {
            Some(Json::String(text)) => {
                let values = |placeholder: &str| -> Option<String> {
                    if placeholder == "retry_after" {
                        return retry_seconds.map(|s| s.to_string());
                    }
                    typed.get(placeholder).map(plain_text)
                };
                if !template_matches(message, text, &values) {
                    mismatch(
                        "example-mismatch",
                        format!("example's message {text:?} does not match the template {:?}", message.text),
                        "the message must be the template with its placeholders filled from the example".to_owned(),
                    );
                }
            }
            found => mismatch(
                "example-mismatch",
                format!("example's `{}` is {}, not a string", path("message"), show(found)),
                format!("every body has a `{}`", path("message")),
            ),
        }
        Example { body: example.value.clone(), from_catalog: true }
    }
}

/// What diagnostics call the part of an error a member carries.
fn role_name(role: &str) -> &'static str {
    match role {
        "status" => "HTTP status",
        "grpc_status" => "gRPC status",
        "doc_url" => "documentation URL",
        "category" => "category",
        _ => "value",
    }
}

/// The members of an example body that its profile has no place for, each as the end of a
/// sentence (``has `foo`, which is not a member of the error body``).
fn unknown_members(profile: &Profile, body: &serde_json::Map<String, Json>) -> Vec<String> {
    let outside = |key: &str, of: &str| format!("has `{key}`, which is not a field of {of}");
    match profile.kind {
        ProfileKind::Flat => {
            let names = profile.flat_member_names();
            body.keys().filter(|key| !names.contains(&key.as_str())).map(|key| outside(key, "the error body")).collect()
        }
        ProfileKind::Google => {
            let mut found: Vec<String> =
                body.keys().filter(|key| *key != "error").map(|key| outside(key, "the error body")).collect();
            match body.get("error") {
                Some(Json::Object(error)) => {
                    found.extend(
                        error
                            .keys()
                            .filter(|key| !["code", "message", "status", "details"].contains(&key.as_str()))
                            .map(|key| outside(&format!("error.{key}"), "`google.rpc.Status`")),
                    );
                    match error.get("details") {
                        None | Some(Json::Array(_)) => {}
                        Some(_) => found.push("has an `error.details` that is not a list".to_owned()),
                    }
                    let entries = error.get("details").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
                    for (index, entry) in entries.iter().enumerate() {
                        if entry.get("@type").and_then(Json::as_str).is_none() {
                            found.push(format!("has `error.details[{index}]` without an `@type` string"));
                        }
                    }
                }
                _ => found.push("has no `error` object".to_owned()),
            }
            found
        }
        ProfileKind::Nested => match body.get("error") {
            Some(Json::Object(_)) => {
                body.keys().filter(|key| *key != "error").map(|key| outside(key, "the error body")).collect()
            }
            _ => vec!["has no `error` object".to_owned()],
        },
        // Every other member is a details field, and is checked as one.
        ProfileKind::Problem => Vec::new(),
    }
}

/// The help of an unknown-member diagnostic: the members the profile's body has.
fn members_help(profile: &Profile) -> String {
    if profile.kind == ProfileKind::Flat {
        let names: Vec<String> = profile.flat_member_names().iter().map(|n| format!("`{n}`")).collect();
        let (last, rest) = names.split_last().map_or((String::new(), &[][..]), |(l, r)| (l.clone(), r));
        return format!("the body has {} and {last}", rest.join(", "));
    }
    let roles = ["title", "message", "code", "details", "retry_after", "doc_url", "status", "grpc_status", "category"];
    let paths: Vec<String> = roles.iter().filter_map(|role| profile.path(role)).map(|p| format!("`{p}`")).collect();
    format!("the `{}` profile's body has {}", profile.kind.as_str(), paths.join(", "))
}

/// An example body in the profile's shape, built from the template and the details
/// fields' examples, for codes the catalog gives no example for.
fn derived_example(
    code: &RawCode,
    message: &MessageTemplate,
    fields: &[DetailField],
    additional: Option<&AdditionalDetails>,
    profile: &Profile,
    identity: Identity<'_>,
) -> Json {
    let retry_after = code.retry_after.as_ref().map(|r| r.value);
    let text = message.fill(|placeholder| {
        if placeholder == "retry_after" {
            return retry_after.map(|r| r.to_string()).unwrap_or_default();
        }
        fields.iter().find(|f| f.name == placeholder).map(|f| plain_text(&f.example)).unwrap_or_default()
    });
    let mut details: serde_json::Map<String, Json> =
        fields.iter().filter(|f| !f.message_only).map(|f| (f.name.clone(), f.example.clone())).collect();
    if let Some(extra) = additional {
        details.insert(
            crate::targets::words::snake(&extra.key).if_empty("field"),
            placeholder_value(extra.ty, &extra.key),
        );
    }
    profile.body(&Parts {
        title: Some(&code.title.value),
        message: &text,
        code: &code.code.value,
        details: Some(&details),
        retry_after,
        doc_url: Some(identity.doc_url),
        status: code.status.value,
        grpc_status: identity.grpc_status,
        category: &code.category.value,
    })
}

/// A fallback for names that case conversion left empty.
trait IfEmpty {
    /// Returns `fallback` when `self` is empty, and `self` otherwise.
    fn if_empty(self, fallback: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, fallback: &str) -> String {
        if self.is_empty() { fallback.to_owned() } else { self }
    }
}

/// A value of `ty` for fields the catalog gives no example for.
pub(super) fn placeholder_value(ty: FieldType, name: &str) -> Json {
    let scalar = match ty.scalar {
        ScalarType::String => Json::String(name.to_owned()),
        ScalarType::Integer => Json::from(1),
        ScalarType::Number => Json::from(1.5),
        ScalarType::Boolean => Json::Bool(true),
    };
    if ty.list { Json::Array(vec![scalar]) } else { scalar }
}

/// How a JSON value reads when filled into a message: strings without quotes.
pub(crate) fn plain_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// How a body field reads in a diagnostic: its JSON, or `missing`.
fn show(value: Option<&Json>) -> String {
    value.map_or_else(|| "missing".to_owned(), |v| v.to_string())
}

/// The kind of a JSON value as diagnostics name it (`a string`, `an integer`, …).
pub(super) fn json_kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}
