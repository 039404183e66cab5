//! The handlers: documents, uploads, custom models, glossaries and real-time sessions.
//!
//! Each one checks what a real Scriptix endpoint checks, in the same order, and answers
//! with the generated `ApiError` constructors, so every body is the catalog's shape.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use scriptix_errors::*;
use serde_json::{Map, Value, json};

use crate::app::{AppState, Caller};
use crate::audio::{self, Verdict};
use crate::seed::{self, Org, Stored, training_status};

/// What a handler answers: a success response or a catalog error.
type Reply = Result<Response, ApiError>;

/// The `{id}` of a route's path. One that is not UTF-8 once percent-decoded names no
/// resource, so it reads as the empty id, which the handler answers with its NOT_FOUND
/// code (axum's own rejection would be a plain-text 400 outside the catalog).
pub struct Id(String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let id = Path::<String>::from_request_parts(parts, state).await;
        Ok(Id(id.map(|Path(id)| id).unwrap_or_default()))
    }
}

/// `GET /health`: no authentication, for readiness checks.
pub async fn health() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// `GET /openapi.json` (in the `flat` profile): the OpenAPI document of these routes.
pub async fn openapi() -> Reply {
    let text = crate::openapi::served().map_err(|error| {
        eprintln!("internal error: {error}");
        ApiError::internal_error()
    })?;
    Ok(([(header::CONTENT_TYPE, ApiError::MEDIA_TYPE)], text).into_response())
}

/// `GET /v1/documents`: the caller's documents.
pub async fn list_documents(Extension(caller): Extension<Caller>) -> Response {
    let documents: Vec<Value> = seed::DOCUMENTS
        .iter()
        .filter(|doc| doc.org == caller.key.org)
        .map(|doc| json!({"id": doc.id, "name": doc.name}))
        .collect();
    Json(json!({"documents": documents})).into_response()
}

/// `POST /v1/documents` with `{"name": …}`: stores a document, if there is room.
pub async fn create_document(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<Bytes, BytesRejection>,
) -> Reply {
    let body = json_object(body)?;
    let name = required_text(&body, "name")?;
    if name.trim().is_empty() {
        return Err(validation([("name", "Name cannot be empty".to_owned())]));
    }
    let org = caller.key.org;
    if org.storage_full() {
        let limits = org.limits();
        return Err(ApiError::storage_exceeded(StorageExceededDetails {
            storage_used_gb: limits.storage_used_gb,
            storage_limit_gb: limits.storage_limit_gb,
        }));
    }
    let id = state.new_id("doc", org);
    Ok((StatusCode::CREATED, Json(json!({"id": id, "name": name}))).into_response())
}

/// `GET /v1/documents/{id}`.
pub async fn get_document(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Id(id): Id,
) -> Reply {
    let stored = find_document(&state, caller.key.org, &id)?;
    match stored {
        Stored::Corrupt => Err(internal_error(&id)),
        Stored::Fine { .. } => Ok(Json(json!({"id": id, "status": "transcribed"})).into_response()),
    }
}

/// `POST /v1/transcriptions/sync` with `{"document_id": …}`: transcribes a stored
/// document while the client waits, up to `--sync-timeout-ms`.
pub async fn transcribe_sync(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<Bytes, BytesRejection>,
) -> Reply {
    let body = json_object(body)?;
    let id = required_text(&body, "document_id")?;
    let org = caller.key.org;
    let ms = match find_document(&state, org, &id)? {
        Stored::Corrupt => return Err(internal_error(&id)),
        Stored::Fine { ms } => ms,
    };
    if org.quota_used_up() {
        return Err(quota_exceeded(org));
    }
    let work = tokio::time::sleep(std::time::Duration::from_millis(ms));
    if tokio::time::timeout(state.config.sync_timeout, work).await.is_err() {
        return Err(ApiError::timeout());
    }
    Ok(Json(json!({"document_id": id, "text": "Good morning, everyone."})).into_response())
}

/// `POST /v1/transcriptions`: a `multipart/form-data` upload with `audio_file`,
/// `language` and optionally `callback_url` and `model_id`.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Reply {
    // Without a multipart body the API sees no file at all.
    let mut multipart = multipart.map_err(|_| ApiError::missing_field("audio_file"))?;
    let malformed = |_| ApiError::invalid_format(InvalidFormatDetails { field: "body".to_owned() });
    let mut file: Option<(String, u64, Vec<u8>)> = None;
    let mut text = BTreeMap::new();
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "audio_file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let (mut size, mut head) = (0_u64, Vec::new());
            while let Some(chunk) = field.chunk().await.map_err(malformed)? {
                size += chunk.len() as u64;
                let room = audio::HEAD_LEN.saturating_sub(head.len());
                head.extend_from_slice(&chunk[..room.min(chunk.len())]);
            }
            file = Some((file_name, size, head));
        } else {
            let value = field.text().await.map_err(malformed)?;
            text.insert(name, value);
        }
    }
    let Some((file_name, size, head)) = file else {
        return Err(ApiError::missing_field("audio_file"));
    };
    let Some(language) = text.get("language").filter(|l| !l.is_empty()) else {
        return Err(ApiError::missing_field("language"));
    };
    if let Some(url) = text.get("callback_url")
        && !is_http_url(url)
    {
        return Err(ApiError::invalid_format(InvalidFormatDetails { field: "callback_url".to_owned() }));
    }
    check_language(language)?;
    let org = caller.key.org;
    if let Some(model) = text.get("model_id") {
        find_model(&state, org, model)?;
    }
    let format = file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    if !seed::FORMATS.contains(&format.as_str()) {
        return Err(ApiError::unsupported_format(UnsupportedFormatDetails {
            supported_formats: seed::FORMATS.iter().map(|f| (*f).to_owned()).collect(),
        }));
    }
    let config = &state.config;
    if size > config.max_upload_mb.saturating_mul(config.bytes_per_mb) {
        let mb = size.div_ceil(config.bytes_per_mb);
        return Err(ApiError::file_too_large(FileTooLargeDetails {
            max_size_mb: i64::try_from(config.max_upload_mb).unwrap_or(i64::MAX),
            file_size_mb: i64::try_from(mb).unwrap_or(i64::MAX),
        }));
    }
    match audio::sniff(&format, &head) {
        Verdict::Audio => {}
        Verdict::Invalid => return Err(ApiError::invalid_file()),
        Verdict::UnsupportedCodec(codec) => {
            return Err(ApiError::unsupported_codec(UnsupportedCodecDetails { codec }));
        }
    }
    if org.quota_used_up() {
        return Err(quota_exceeded(org));
    }
    let id = state.new_id("tr", org);
    let body = json!({"id": id, "status": "queued", "language": language, "format": format, "size_bytes": size});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /v1/models`: the caller's custom models.
pub async fn list_models(State(state): State<Arc<AppState>>, Extension(caller): Extension<Caller>) -> Response {
    let models: Vec<Value> = seed::MODELS
        .iter()
        .filter(|model| model.org == caller.key.org && !state.deleted(model.id))
        .map(|model| json!({"id": model.id, "training_status": model.status}))
        .collect();
    Json(json!({"models": models})).into_response()
}

/// `POST /v1/models` with `{"name": …, "language": …}`: creates a custom model, if the
/// plan allows another.
pub async fn create_model(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<Bytes, BytesRejection>,
) -> Reply {
    let body = json_object(body)?;
    let name = required_text(&body, "name")?;
    let language = required_text(&body, "language")?;
    let mut problems = Vec::new();
    if name.trim().is_empty() {
        problems.push(("name", "Name cannot be empty".to_owned()));
    }
    if !seed::LANGUAGES.contains(&language.as_str()) {
        problems.push(("language", format!("Language '{language}' is not supported")));
    }
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let org = caller.key.org;
    if org.models_full() {
        let limits = org.limits();
        return Err(ApiError::model_limit_exceeded(ModelLimitExceededDetails {
            model_limit: limits.model_limit,
            model_count: limits.model_count,
        }));
    }
    let id = state.new_id("model", org);
    let body = json!({"id": id, "name": name, "training_status": training_status::PREPARING});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /v1/models/{id}`.
pub async fn get_model(State(state): State<Arc<AppState>>, Extension(caller): Extension<Caller>, Id(id): Id) -> Reply {
    let model = find_model(&state, caller.key.org, &id)?;
    Ok(Json(json!({"id": id, "training_status": model.status, "hours": model.hours})).into_response())
}

/// `DELETE /v1/models/{id}`: refused while transcriptions use the model. A deleted model,
/// a seed one too, is not found afterwards.
pub async fn delete_model(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Id(id): Id,
) -> Reply {
    let model = find_model(&state, caller.key.org, &id)?;
    if model.active_transcriptions > 0 {
        return Err(ApiError::model_in_use(ModelInUseDetails { active_transcriptions: model.active_transcriptions }));
    }
    state.delete(&id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /v1/models/{id}/train`: starts training when the model is ready for it.
pub async fn train_model(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Id(id): Id,
) -> Reply {
    let model = find_model(&state, caller.key.org, &id)?;
    if model.status == training_status::TRAINING {
        return Err(ApiError::training_in_progress());
    }
    if model.status != training_status::READY {
        return Err(ApiError::model_not_ready(ModelNotReadyDetails {
            current_status: model.status,
            required_status: training_status::READY,
        }));
    }
    if model.hours < seed::HOURS_REQUIRED {
        return Err(ApiError::insufficient_data(InsufficientDataDetails {
            hours_provided: model.hours,
            hours_required: seed::HOURS_REQUIRED,
        }));
    }
    let body = json!({"id": id, "training_status": training_status::TRAINING});
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

/// `POST /v1/glossaries` with `{"name": …, "language": …, "terms": […]}`: every invalid
/// field is reported at once in a VALIDATION_ERROR.
pub async fn create_glossary(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<Bytes, BytesRejection>,
) -> Reply {
    let body = json_object(body)?;
    let name = required_text(&body, "name")?;
    let language = required_text(&body, "language")?;
    let terms = match body.get("terms") {
        None => return Err(ApiError::missing_field("terms")),
        Some(Value::Array(terms)) if terms.iter().all(Value::is_string) => terms.len(),
        Some(_) => return Err(ApiError::invalid_format(InvalidFormatDetails { field: "terms".to_owned() })),
    };
    let mut problems = Vec::new();
    if !seed::LANGUAGES.contains(&language.as_str()) {
        problems.push(("language", format!("Language '{language}' is not supported")));
    }
    if name.trim().is_empty() {
        problems.push(("name", "Name cannot be empty".to_owned()));
    }
    if terms == 0 {
        problems.push(("terms", "A glossary needs at least one term".to_owned()));
    }
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let id = state.new_id("gloss", caller.key.org);
    Ok((StatusCode::CREATED, Json(json!({"id": id, "name": name, "terms": terms}))).into_response())
}

/// `GET /v1/glossaries/{id}`.
pub async fn get_glossary(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Id(id): Id,
) -> Reply {
    let org = caller.key.org;
    let seeded = seed::GLOSSARIES.iter().any(|(seed_id, owner, _)| *seed_id == id && *owner == org);
    if !seeded && !state.created_by(&id, org) {
        return Err(ApiError::glossary_not_found());
    }
    Ok(Json(json!({"id": id})).into_response())
}

/// `POST /v1/sessions` with `{"language": …}`: starts a real-time session, unless
/// real-time transcription is down for maintenance.
pub async fn start_session(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    body: Result<Bytes, BytesRejection>,
) -> Reply {
    if state.config.realtime_maintenance {
        return Err(ApiError::service_unavailable());
    }
    let body = json_object(body)?;
    let language = text_field(&body, "language")?.unwrap_or_else(|| "en".to_owned());
    check_language(&language)?;
    let id = state.new_id("sess", caller.key.org);
    Ok((StatusCode::CREATED, Json(json!({"id": id, "language": language}))).into_response())
}

/// `GET /v1/sessions/{id}`.
pub async fn get_session(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Id(id): Id,
) -> Reply {
    let org = caller.key.org;
    let seeded = seed::SESSIONS.iter().any(|(seed_id, owner)| *seed_id == id && *owner == org);
    if !seeded && !state.created_by(&id, org) {
        return Err(ApiError::session_not_found());
    }
    Ok(Json(json!({"id": id, "status": "active"})).into_response())
}

/// A document the caller's organization can see.
fn find_document(state: &AppState, org: Org, id: &str) -> Result<Stored, ApiError> {
    if let Some(doc) = seed::DOCUMENTS.iter().find(|doc| doc.id == id && doc.org == org) {
        return Ok(doc.stored);
    }
    if state.created_by(id, org) {
        return Ok(Stored::Fine { ms: 5 });
    }
    Err(ApiError::document_not_found())
}

/// The facts of a custom model the caller's organization can see.
struct ModelFacts {
    status: i64,
    hours: f64,
    active_transcriptions: i64,
}

fn find_model(state: &AppState, org: Org, id: &str) -> Result<ModelFacts, ApiError> {
    let seeded = seed::MODELS.iter().find(|model| model.id == id && model.org == org);
    if let Some(model) = seeded.filter(|_| !state.deleted(id)) {
        return Ok(ModelFacts {
            status: model.status,
            hours: model.hours,
            active_transcriptions: model.active_transcriptions,
        });
    }
    if state.created_by(id, org) {
        return Ok(ModelFacts { status: training_status::PREPARING, hours: 0.0, active_transcriptions: 0 });
    }
    Err(ApiError::model_not_found())
}

/// An unexpected failure: logged with the resource, answered without internals.
fn internal_error(resource: &str) -> ApiError {
    eprintln!("internal error: stored data of {resource} is damaged");
    ApiError::internal_error()
}

fn quota_exceeded(org: Org) -> ApiError {
    let limits = org.limits();
    ApiError::quota_exceeded(QuotaExceededDetails {
        quota_limit: limits.quota_limit,
        quota_used: limits.quota_used,
        quota_unit: limits.quota_unit.to_owned(),
    })
}

fn validation<'a>(problems: impl IntoIterator<Item = (&'a str, String)>) -> ApiError {
    let additional = problems.into_iter().map(|(field, problem)| (field.to_owned(), problem)).collect();
    ApiError::validation_error(ValidationErrorDetails { additional })
}

fn check_language(language: &str) -> Result<(), ApiError> {
    if seed::LANGUAGES.contains(&language) {
        Ok(())
    } else {
        Err(ApiError::unsupported_language(UnsupportedLanguageDetails { language: language.to_owned() }))
    }
}

/// A JSON request body as an object; an empty body is an empty object. A body that cannot
/// be read (over axum's 2 MB limit for a buffered body) is no valid body either.
fn json_object(body: Result<Bytes, BytesRejection>) -> Result<Map<String, Value>, ApiError> {
    let invalid = || ApiError::invalid_format(InvalidFormatDetails { field: "body".to_owned() });
    let body = body.map_err(|_| invalid())?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(&body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(invalid()),
    }
}

/// A text field of a JSON body: absent is `None`, another type is INVALID_FORMAT.
fn text_field(body: &Map<String, Value>, name: &str) -> Result<Option<String>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ApiError::invalid_format(InvalidFormatDetails { field: name.to_owned() })),
    }
}

/// A required text field of a JSON body: absent is MISSING_FIELD.
fn required_text(body: &Map<String, Value>, name: &str) -> Result<String, ApiError> {
    text_field(body, name)?.ok_or_else(|| ApiError::missing_field(name))
}

fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !url.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_urls() {
        assert!(is_http_url("https://example.com/hook"));
        assert!(is_http_url("http://localhost:8080"));
        assert!(!is_http_url("ftp://example.com"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https://exa mple.com"));
        assert!(!is_http_url("not a url"));
    }
}
