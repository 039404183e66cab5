//! Example bodies: a catalog's example must be the code's body with its fields filled in;
//! codes without one get an example derived from the template and the fields.

use serde_json::Value as Json;

use super::Checker;
use super::messages::template_matches;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{AdditionalDetails, DetailField, Example, FieldType, MessageTemplate, ScalarType};
use crate::raw::RawCode;

impl Checker {
    /// Checks a code's example body against the code (fields, title, template and
    /// `retry_after`), or derives one when the catalog gives none, so every code has one.
    pub(super) fn example(
        &mut self,
        code: &RawCode,
        message: &MessageTemplate,
        fields: &[DetailField],
        additional: Option<&AdditionalDetails>,
    ) -> Example {
        let Some(example) = &code.example else {
            return Example { body: derived_example(code, message, fields, additional), from_catalog: false };
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
        let mismatch = |checker: &mut Checker, rule: &'static str, text: String, help: String| {
            checker.push(Diagnostic::error(rule, span, text).with_help(help));
        };
        for key in body.keys() {
            if !["error", "message", "error_code", "details", "retry_after"].contains(&key.as_str()) {
                mismatch(
                    self,
                    "example-mismatch",
                    format!("example of `{name}` has `{key}`, which is not a field of the error body"),
                    "the body has `error`, `message`, `error_code`, `details` and `retry_after`".to_owned(),
                );
            }
        }
        match body.get("error_code") {
            None => mismatch(
                self,
                "example-missing-code",
                format!("example of `{name}` has no `error_code`"),
                format!("every error body carries its code: add `\"error_code\": \"{name}\"`"),
            ),
            Some(Json::String(found)) if found == name => {}
            Some(found) => mismatch(
                self,
                "example-mismatch",
                format!("example of `{name}` has `error_code` {found}"),
                format!("set it to \"{name}\", or move the example to the code it belongs to"),
            ),
        }
        match body.get("error") {
            Some(Json::String(found)) if *found == code.title.value => {}
            found => mismatch(
                self,
                "example-mismatch",
                format!("example's `error` is {}, but the code's title is {:?}", show(found), code.title.value),
                "the `error` field always carries the code's `title`".to_owned(),
            ),
        }
        let details = body.get("details");
        match details {
            None | Some(Json::Object(_)) => {}
            Some(other) => mismatch(
                self,
                "details-type",
                format!("example's `details` is {}, not an object", json_kind(other)),
                "`details` is an object of named fields".to_owned(),
            ),
        }
        let details = details.and_then(Json::as_object);
        if let Some(details) = details {
            for (key, value) in details {
                match fields.iter().find(|f| &f.name == key) {
                    Some(field) if field.message_only => mismatch(
                        self,
                        "example-mismatch",
                        format!("example sends `{key}` in `details`, but the field is `message_only`"),
                        "drop `message_only`, or the key from the example".to_owned(),
                    ),
                    Some(field) if !field.ty.admits(value) => mismatch(
                        self,
                        "details-type",
                        format!(
                            "example's `details.{key}` is {}, but the field is {}",
                            json_kind(value),
                            field.ty.name()
                        ),
                        "make the example value match the declared type, or fix the type".to_owned(),
                    ),
                    Some(_) => {}
                    None if code.details.iter().any(|f| &f.name.value == key) => {} // Its type is reported.
                    None => match additional {
                        Some(extra) if !extra.ty.admits(value) => mismatch(
                            self,
                            "details-type",
                            format!(
                                "example's `details.{key}` is {}, but additional details are {}",
                                json_kind(value),
                                extra.ty.name()
                            ),
                            "make the example value match `additional_details.type`".to_owned(),
                        ),
                        Some(_) => {}
                        None => {
                            let suggestion = did_you_mean(key, fields.iter().map(|f| f.name.as_str()));
                            mismatch(
                                self,
                                "example-mismatch",
                                format!("example's `details.{key}` is not a declared details field of `{name}`"),
                                match suggestion {
                                    Some(s) => format!("did you mean `{s}`?"),
                                    None => "declare it under the code's `details`".to_owned(),
                                },
                            );
                        }
                    },
                }
            }
        }
        for field in fields.iter().filter(|f| !f.optional && !f.message_only) {
            if !details.is_some_and(|d| d.contains_key(&field.name)) {
                mismatch(
                    self,
                    "example-mismatch",
                    format!("example of `{name}` lacks the required details field `{}`", field.name),
                    "add it to the example's `details`, or mark the field `optional: true`".to_owned(),
                );
            }
        }
        match (body.get("retry_after"), &code.retry_after) {
            (None, _) => {}
            (Some(value), Some(_)) if value.is_u64() => {}
            (Some(value), Some(_)) => mismatch(
                self,
                "details-type",
                format!("example's `retry_after` is {}, not a whole number of seconds", json_kind(value)),
                "write the delay in seconds".to_owned(),
            ),
            (Some(_), None) => mismatch(
                self,
                "example-mismatch",
                format!("example sends `retry_after`, but code `{name}` declares none"),
                "add `retry_after: SECONDS` to the code".to_owned(),
            ),
        }
        match body.get("message") {
            Some(Json::String(text)) => {
                let values = |placeholder: &str| -> Option<String> {
                    if placeholder == "retry_after" {
                        return body.get("retry_after").map(plain_text);
                    }
                    details.and_then(|d| d.get(placeholder)).map(plain_text)
                };
                if !template_matches(message, text, &values) {
                    mismatch(
                        self,
                        "example-mismatch",
                        format!("example's message {text:?} does not match the template {:?}", message.text),
                        "the message must be the template with its placeholders filled from the example".to_owned(),
                    );
                }
            }
            found => mismatch(
                self,
                "example-mismatch",
                format!("example's `message` is {}, not a string", show(found)),
                "every body has a `message`".to_owned(),
            ),
        }
        Example { body: example.value.clone(), from_catalog: true }
    }
}

/// An example body built from the template and the details fields' examples, for codes
/// the catalog gives no example for.
fn derived_example(
    code: &RawCode,
    message: &MessageTemplate,
    fields: &[DetailField],
    additional: Option<&AdditionalDetails>,
) -> Json {
    let retry_after = code.retry_after.as_ref().map(|r| r.value);
    let text = message.fill(|placeholder| {
        if placeholder == "retry_after" {
            return retry_after.map(|r| r.to_string()).unwrap_or_default();
        }
        fields.iter().find(|f| f.name == placeholder).map(|f| plain_text(&f.example)).unwrap_or_default()
    });
    let mut body = serde_json::Map::new();
    body.insert("error".to_owned(), Json::String(code.title.value.clone()));
    body.insert("message".to_owned(), Json::String(text));
    body.insert("error_code".to_owned(), Json::String(code.code.value.clone()));
    let mut details: serde_json::Map<String, Json> =
        fields.iter().filter(|f| !f.message_only).map(|f| (f.name.clone(), f.example.clone())).collect();
    if let Some(extra) = additional {
        details.insert(
            crate::targets::words::snake(&extra.key).if_empty("field"),
            placeholder_value(extra.ty, &extra.key),
        );
    }
    if !details.is_empty() {
        body.insert("details".to_owned(), Json::Object(details));
    }
    if let Some(seconds) = retry_after {
        body.insert("retry_after".to_owned(), Json::from(seconds));
    }
    Json::Object(body)
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
fn plain_text(value: &Json) -> String {
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
