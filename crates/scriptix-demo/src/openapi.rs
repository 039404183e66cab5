//! `GET /openapi.json`: the demo's API as an OpenAPI 3.1 document.
//!
//! The error side is not written here: `components` is the fragment errcat's `openapi`
//! target generates from the catalog (`generated/openapi/errors.yaml`, read by `build.rs`),
//! and each operation lists the catalog codes its route can answer. An operation's error
//! statuses are those codes' statuses in the catalog, each answered by the fragment's
//! response for that status, narrowed to the codes of it that the route answers where it
//! does not answer them all; so the document follows the catalog, and the codes below are
//! what the handlers in [`crate::routes`] and the guard in [`crate::app`] really return.
//! It describes the `flat` wire profile, the only one it is served in.

use std::sync::LazyLock;

use scriptix_errors::ApiError;
use scriptix_errors::ErrorCode::{self, *};
use serde_json::{Map, Value, json};

use crate::seed;

/// The fragment errcat generates for the Scriptix catalog, as JSON (see `build.rs`).
const FRAGMENT: &str = include_str!(concat!(env!("OUT_DIR"), "/errors.json"));

/// What the `/v1` guard answers before any handler runs: maintenance, authentication and
/// the rate limit.
const GUARD: &[ErrorCode] =
    &[ServiceUnavailable, MissingApiKey, InvalidApiKey, KeyRevoked, KeyExpired, RateLimitExceeded];

/// What the guard answers a write (any method but GET) of a read-only key, besides [`GUARD`].
const WRITE_GUARD: &[ErrorCode] = &[InsufficientPermissions];

/// What [`crate::routes`]' `json_object`, `text_field` and `required_text` answer a JSON body
/// that is not an object, or whose field is missing or not a string.
const JSON_BODY: &[ErrorCode] = &[InvalidFormat, MissingField];

/// A request body.
enum Body {
    None,
    /// `application/json`; an empty body reads as `{}`, so the body is required just when
    /// the schema requires a member.
    Json(Value),
    /// `multipart/form-data`, required.
    Multipart(Value),
}

/// One route and method.
struct Operation {
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    body: Body,
    /// Status and body schema of the success (`None`: no body).
    success: (u16, Option<Value>),
    /// The codes the handler itself answers, besides the guard's.
    errors: Vec<ErrorCode>,
}

/// The document, built once.
static DOCUMENT: LazyLock<Result<String, String>> = LazyLock::new(document);

/// The document as JSON text, built on first use.
pub fn served() -> Result<&'static str, String> {
    DOCUMENT.as_deref().map_err(Clone::clone)
}

/// The whole document as JSON text.
fn document() -> Result<String, String> {
    let fragment: Value = serde_json::from_str(FRAGMENT).map_err(|e| format!("the OpenAPI fragment: {e}"))?;
    let responses = responses_by_status(&fragment)?;
    let mut paths = Map::new();
    for operation in operations() {
        let item = paths.entry(operation.path).or_insert_with(|| json!({}));
        if operation.path.contains("{id}") {
            item["parameters"] = json!([{
                "name": "id", "in": "path", "required": true,
                "schema": {"type": "string", "minLength": 1},
            }]);
        }
        item[operation.method] = to_json(&operation, &fragment, &responses)?;
    }
    // Outside `/v1`: no API key, no guard, nothing but success.
    for (path, id, summary, schema) in [
        ("/health", "health", "Whether the service is up", object(&[("status", json!({"const": "ok"}))])),
        ("/openapi.json", "openapi", "This document", json!({"type": "object"})),
    ] {
        let ok = json!({"description": "OK", "headers": request_id_header(), "content": json_content(schema)});
        paths.insert(
            path.to_owned(),
            json!({"get": {"operationId": id, "summary": summary, "security": [], "responses": {"200": ok}}}),
        );
    }
    let mut document = fragment;
    document["info"]["title"] = json!("Scriptix demo API");
    document["info"]["description"] = json!(
        "The routes of `scriptix-demo`, a service that answers like the Scriptix API for errors. \
         Every error body is the catalog's (components from errcat's OpenAPI fragment)."
    );
    document["security"] = json!([{"BearerAuth": []}]);
    document["paths"] = Value::Object(paths);
    serde_json::to_string_pretty(&document).map_err(|e| e.to_string())
}

/// The operation as an OpenAPI operation object.
fn to_json(operation: &Operation, fragment: &Value, responses: &[(u16, String)]) -> Result<Value, String> {
    let (status, schema) = &operation.success;
    let mut success = json!({"description": "Success", "headers": request_id_header()});
    if let Some(schema) = schema {
        success["content"] = json_content(schema.clone());
    }
    let mut answers = Map::new();
    answers.insert(status.to_string(), success);
    let mut statuses: Vec<u16> =
        ErrorCode::ALL.into_iter().filter(|code| answers_code(operation, *code)).map(ErrorCode::status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    for status in statuses {
        let (_, name) = responses.iter().find(|(s, _)| *s == status).ok_or_else(|| {
            format!("{} {}: the OpenAPI fragment has no response for status {status}", operation.method, operation.path)
        })?;
        let answered: Vec<ErrorCode> = ErrorCode::ALL
            .into_iter()
            .filter(|code| code.status() == status && answers_code(operation, *code))
            .collect();
        let response = if ErrorCode::ALL.iter().filter(|code| code.status() == status).count() == answered.len() {
            json!({"$ref": format!("#/components/responses/{name}")})
        } else {
            only(fragment, name, &answered)?
        };
        answers.insert(status.to_string(), response);
    }
    let mut object = json!({"operationId": operation.id, "summary": operation.summary, "responses": answers});
    match &operation.body {
        Body::None => {}
        Body::Json(schema) => {
            let required = schema["required"].as_array().is_some_and(|members| !members.is_empty());
            object["requestBody"] = json!({"required": required, "content": json_content(schema.clone())});
        }
        Body::Multipart(schema) => {
            object["requestBody"] = json!({"required": true, "content": {"multipart/form-data": {"schema": schema}}});
        }
    }
    Ok(object)
}

/// Whether the route of `operation` (its guard or its handler) answers `code`.
fn answers_code(operation: &Operation, code: ErrorCode) -> bool {
    let guard = GUARD.iter().chain(if operation.method == "get" { &[] } else { WRITE_GUARD });
    guard.chain(&operation.errors).any(|c| *c == code)
}

/// The fragment's `response` for a status narrowed to the `codes` of it that a route
/// answers: its description and headers, a body that is one of those codes' schemas, and
/// their examples.
fn only(fragment: &Value, response: &str, codes: &[ErrorCode]) -> Result<Value, String> {
    let schemas = fragment["components"]["schemas"].as_object().ok_or("the OpenAPI fragment has no schemas")?;
    // A code's schema is titled with the code.
    let schema_of = |code: &ErrorCode| {
        let name = schemas.iter().find(|(_, schema)| schema["title"] == code.as_str() && !schema["x-status"].is_null());
        let (name, _) = name.ok_or_else(|| format!("the OpenAPI fragment has no schema for {}", code.as_str()))?;
        Ok::<Value, String>(json!({"$ref": format!("#/components/schemas/{name}")}))
    };
    let schema = match codes {
        [code] => schema_of(code)?,
        _ => json!({"oneOf": codes.iter().map(schema_of).collect::<Result<Vec<_>, _>>()?}),
    };
    let response = &fragment["components"]["responses"][response];
    let content = &response["content"][ApiError::MEDIA_TYPE];
    let examples: Map<String, Value> = codes
        .iter()
        .filter_map(|code| Some((code.as_str().to_owned(), content["examples"].get(code.as_str())?.clone())))
        .collect();
    Ok(json!({
        "description": response["description"],
        "headers": response["headers"],
        "content": {ApiError::MEDIA_TYPE: {"schema": schema, "examples": examples}},
    }))
}

/// Each response of the fragment's `components.responses` with its HTTP status: the
/// `x-status` of the code schema its body is, or of the first member of its union.
fn responses_by_status(fragment: &Value) -> Result<Vec<(u16, String)>, String> {
    let schemas = &fragment["components"]["schemas"];
    let resolve = |schema: &Value| -> Option<Value> {
        let name = schema["$ref"].as_str()?.strip_prefix("#/components/schemas/")?;
        schemas.get(name).cloned()
    };
    let listed = fragment["components"]["responses"].as_object().ok_or("the OpenAPI fragment has no responses")?;
    let mut found = Vec::new();
    for (name, response) in listed {
        let body = response["content"][ApiError::MEDIA_TYPE]["schema"].clone();
        let body = resolve(&body).unwrap_or(body);
        let code = match body.get("oneOf").and_then(|members| members.get(0)) {
            Some(first) => resolve(first).unwrap_or_default(),
            None => body,
        };
        let status = code["x-status"].as_u64().and_then(|s| u16::try_from(s).ok());
        found.push((status.ok_or_else(|| format!("response {name}: no code schema with an x-status"))?, name.clone()));
    }
    Ok(found)
}

fn request_id_header() -> Value {
    json!({"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}})
}

fn json_content(schema: Value) -> Value {
    json!({"application/json": {"schema": schema}})
}

/// An object schema with `members`, all of them required.
fn object(members: &[(&str, Value)]) -> Value {
    let required: Vec<&str> = members.iter().map(|(name, _)| *name).collect();
    let properties: Map<String, Value> =
        members.iter().map(|(name, schema)| ((*name).to_owned(), schema.clone())).collect();
    json!({"type": "object", "required": required, "properties": properties})
}

/// A request body schema with `members`, of which the handler requires `required` (a
/// missing one is MISSING_FIELD).
fn request(members: &[(&str, Value)], required: &[&str]) -> Value {
    let mut schema = object(members);
    schema["required"] = json!(required);
    schema
}

fn text() -> Value {
    json!({"type": "string"})
}

/// A name the handlers accept: not only whitespace (else VALIDATION_ERROR).
fn name() -> Value {
    json!({"type": "string", "pattern": "\\S"})
}

fn language() -> Value {
    json!({"type": "string", "enum": seed::LANGUAGES})
}

fn operations() -> Vec<Operation> {
    let id = || json!({"type": "string"});
    let document = object(&[("id", id()), ("name", text())]);
    let model = object(&[("id", id()), ("training_status", json!({"type": "integer"}))]);
    let list = |name: &str, item: Value| object(&[(name, json!({"type": "array", "items": item}))]);
    vec![
        Operation {
            method: "get",
            path: "/v1/documents",
            id: "listDocuments",
            summary: "The caller's documents",
            body: Body::None,
            success: (200, Some(list("documents", document.clone()))),
            errors: vec![],
        },
        Operation {
            method: "post",
            path: "/v1/documents",
            id: "createDocument",
            summary: "Stores a document, if the organization has storage left",
            body: Body::Json(request(&[("name", name())], &["name"])),
            success: (201, Some(document)),
            errors: [JSON_BODY, &[ValidationError, StorageExceeded]].concat(),
        },
        Operation {
            method: "get",
            path: "/v1/documents/{id}",
            id: "getDocument",
            summary: "One document",
            body: Body::None,
            success: (200, Some(object(&[("id", id()), ("status", text())]))),
            errors: vec![DocumentNotFound, InternalError],
        },
        Operation {
            method: "post",
            path: "/v1/transcriptions",
            id: "uploadTranscription",
            summary: "Uploads audio to transcribe",
            body: Body::Multipart(request(
                &[
                    ("audio_file", json!({"type": "string", "contentMediaType": "application/octet-stream"})),
                    ("language", language()),
                    ("callback_url", json!({"type": "string", "pattern": "^https?://[^/?#\\s]+[^\\s]*$"})),
                    ("model_id", text()),
                ],
                &["audio_file", "language"],
            )),
            success: (
                201,
                Some(object(&[
                    ("id", id()),
                    ("status", json!({"const": "queued"})),
                    ("language", text()),
                    ("format", json!({"type": "string", "enum": seed::FORMATS})),
                    ("size_bytes", json!({"type": "integer", "minimum": 0})),
                ])),
            ),
            errors: vec![
                MissingField,
                InvalidFormat,
                UnsupportedLanguage,
                ModelNotFound,
                UnsupportedFormat,
                FileTooLarge,
                InvalidFile,
                UnsupportedCodec,
                QuotaExceeded,
            ],
        },
        Operation {
            method: "post",
            path: "/v1/transcriptions/sync",
            id: "transcribeSync",
            summary: "Transcribes a stored document while the client waits",
            body: Body::Json(request(&[("document_id", text())], &["document_id"])),
            success: (200, Some(object(&[("document_id", id()), ("text", text())]))),
            errors: [JSON_BODY, &[DocumentNotFound, InternalError, QuotaExceeded, Timeout]].concat(),
        },
        Operation {
            method: "get",
            path: "/v1/models",
            id: "listModels",
            summary: "The caller's custom models",
            body: Body::None,
            success: (200, Some(list("models", model.clone()))),
            errors: vec![],
        },
        Operation {
            method: "post",
            path: "/v1/models",
            id: "createModel",
            summary: "Creates a custom model, if the plan allows another",
            body: Body::Json(request(&[("name", name()), ("language", language())], &["name", "language"])),
            success: (
                201,
                Some(object(&[("id", id()), ("name", text()), ("training_status", json!({"type": "integer"}))])),
            ),
            errors: [JSON_BODY, &[ValidationError, ModelLimitExceeded]].concat(),
        },
        Operation {
            method: "get",
            path: "/v1/models/{id}",
            id: "getModel",
            summary: "One custom model",
            body: Body::None,
            success: (
                200,
                Some(object(&[
                    ("id", id()),
                    ("training_status", json!({"type": "integer"})),
                    ("hours", json!({"type": "number"})),
                ])),
            ),
            errors: vec![ModelNotFound],
        },
        Operation {
            method: "delete",
            path: "/v1/models/{id}",
            id: "deleteModel",
            summary: "Deletes a custom model no transcription uses",
            body: Body::None,
            success: (204, None),
            errors: vec![ModelNotFound, ModelInUse],
        },
        Operation {
            method: "post",
            path: "/v1/models/{id}/train",
            id: "trainModel",
            summary: "Starts training a model that is ready for it",
            body: Body::None,
            success: (202, Some(model)),
            errors: vec![ModelNotFound, TrainingInProgress, ModelNotReady, InsufficientData],
        },
        Operation {
            method: "post",
            path: "/v1/glossaries",
            id: "createGlossary",
            summary: "Creates a glossary",
            body: Body::Json(request(
                &[
                    ("name", name()),
                    ("language", language()),
                    ("terms", json!({"type": "array", "items": text(), "minItems": 1})),
                ],
                &["name", "language", "terms"],
            )),
            success: (201, Some(object(&[("id", id()), ("name", text()), ("terms", json!({"type": "integer"}))]))),
            errors: [JSON_BODY, &[ValidationError]].concat(),
        },
        Operation {
            method: "get",
            path: "/v1/glossaries/{id}",
            id: "getGlossary",
            summary: "One glossary",
            body: Body::None,
            success: (200, Some(object(&[("id", id())]))),
            errors: vec![GlossaryNotFound],
        },
        Operation {
            method: "post",
            path: "/v1/sessions",
            id: "startSession",
            summary: "Starts a real-time session (language `en` unless given)",
            // `null` reads as absent (`text_field`), so as `en`.
            body: Body::Json(request(&[("language", json!({"anyOf": [language(), {"type": "null"}]}))], &[])),
            success: (201, Some(object(&[("id", id()), ("language", text())]))),
            // No member is required, so no MISSING_FIELD.
            errors: vec![InvalidFormat, UnsupportedLanguage, ServiceUnavailable],
        },
        Operation {
            method: "get",
            path: "/v1/sessions/{id}",
            id: "getSession",
            summary: "One real-time session",
            body: Body::None,
            success: (200, Some(object(&[("id", id()), ("status", text())]))),
            errors: vec![SessionNotFound],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_built_and_every_reference_resolves() {
        let text = document().expect("the document builds");
        let document: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(document["openapi"], "3.1.0");
        let mut references = Vec::new();
        collect_references(&document, &mut references);
        assert!(!references.is_empty());
        for reference in references {
            let pointer = reference.strip_prefix('#').expect("a local reference");
            assert!(document.pointer(pointer).is_some(), "{reference} resolves");
        }
    }

    fn collect_references(value: &Value, into: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    into.push(reference.clone());
                }
                map.values().for_each(|v| collect_references(v, into));
            }
            Value::Array(items) => items.iter().for_each(|v| collect_references(v, into)),
            _ => {}
        }
    }
}
