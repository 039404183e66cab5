//! The service: shared state, the router and the middleware every request goes through.
//!
//! Every response carries `X-Request-ID`. Requests to `/v1` then pass, in order: the
//! maintenance switch (SERVICE_UNAVAILABLE), Bearer-key authentication (MISSING_API_KEY,
//! INVALID_API_KEY, KEY_REVOKED, KEY_EXPIRED), the per-key rate limiter
//! (RATE_LIMIT_EXCEEDED with `Retry-After`) and the write-permission check
//! (INSUFFICIENT_PERMISSIONS); the handlers in [`crate::routes`] do the rest. With
//! `--profile problem`, [`in_profile`] writes every error as RFC 9457 problem details, and
//! [`localize`] answers errors in the language `Accept-Language` asks for.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use profile_errors::scriptix_problem as problem;
use scriptix_errors::ApiError;

use crate::config::{Config, Profile};
use crate::routes;
use crate::seed::{self, Key, KeyState, Org, Plan};

/// State shared by all requests.
pub struct AppState {
    /// The command-line configuration.
    pub config: Config,
    /// Requests per key in the current window: secret → (window start, count).
    windows: Mutex<HashMap<&'static str, (Instant, u32)>>,
    /// Resources created through the API: id → owner.
    created: Mutex<HashMap<String, Org>>,
    /// Seed resources deleted through the API.
    deleted: Mutex<HashSet<String>>,
    /// Source of ids for created resources and requests.
    counter: AtomicU64,
    /// Mixed into request ids so two runs do not repeat them.
    epoch: u64,
}

impl AppState {
    /// Fresh state for `config`.
    pub fn new(config: Config) -> Self {
        let epoch = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        AppState {
            config,
            windows: Mutex::default(),
            created: Mutex::default(),
            deleted: Mutex::default(),
            counter: AtomicU64::new(1),
            epoch,
        }
    }

    /// A new id with `prefix`, e.g. `doc_7`.
    pub fn new_id(&self, prefix: &str, org: Org) -> String {
        let id = format!("{prefix}_{}", self.counter.fetch_add(1, Ordering::Relaxed));
        self.created.lock().unwrap_or_else(PoisonError::into_inner).insert(id.clone(), org);
        id
    }

    /// Whether `id` was created through the API by `org`.
    pub fn created_by(&self, id: &str, org: Org) -> bool {
        self.created.lock().unwrap_or_else(PoisonError::into_inner).get(id) == Some(&org)
    }

    /// Deletes a resource: one created through the API is forgotten, a seed one is
    /// remembered as deleted.
    pub fn delete(&self, id: &str) {
        if self.created.lock().unwrap_or_else(PoisonError::into_inner).remove(id).is_none() {
            self.deleted.lock().unwrap_or_else(PoisonError::into_inner).insert(id.to_owned());
        }
    }

    /// Whether the seed resource `id` was deleted through the API.
    pub fn deleted(&self, id: &str) -> bool {
        self.deleted.lock().unwrap_or_else(PoisonError::into_inner).contains(id)
    }

    /// Counts a request of `key`; `Err(seconds)` when the key is over its limit, with the
    /// seconds until its window ends.
    fn count_request(&self, key: &Key) -> Result<(), u64> {
        let limit = match key.plan {
            Plan::Standard => self.config.rate_limit,
            Plan::Free => self.config.free_rate_limit,
        };
        let window = self.config.rate_window;
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let (start, count) = windows.entry(key.secret).or_insert((now, 0));
        if now.duration_since(*start) >= window {
            *start = now;
            *count = 0;
        }
        if *count >= limit {
            let left = window.saturating_sub(now.duration_since(*start));
            let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Err(seconds.max(1));
        }
        *count += 1;
        Ok(())
    }

    fn request_id(&self) -> String {
        format!("req_{:08x}{:08x}", self.epoch & 0xFFFF_FFFF, self.counter.fetch_add(1, Ordering::Relaxed))
    }
}

/// The authenticated caller of a `/v1` request, for handlers.
#[derive(Clone, Copy)]
pub struct Caller {
    /// The caller's key.
    pub key: &'static Key,
}

/// The whole service.
pub fn router(state: Arc<AppState>) -> Router {
    let v1 = Router::new()
        .route("/v1/documents", get(routes::list_documents).post(routes::create_document))
        .route("/v1/documents/{id}", get(routes::get_document))
        // Uploads are limited by `--max-upload-mb`, checked while the file streams in.
        .route("/v1/transcriptions", post(routes::upload).layer(DefaultBodyLimit::disable()))
        .route("/v1/transcriptions/sync", post(routes::transcribe_sync))
        .route("/v1/models", get(routes::list_models).post(routes::create_model))
        .route("/v1/models/{id}", get(routes::get_model).delete(routes::delete_model))
        .route("/v1/models/{id}/train", post(routes::train_model))
        .route("/v1/glossaries", post(routes::create_glossary))
        .route("/v1/glossaries/{id}", get(routes::get_glossary))
        .route("/v1/sessions", post(routes::start_session))
        .route("/v1/sessions/{id}", get(routes::get_session))
        .route_layer(from_fn_with_state(state.clone(), guard));
    let mut open = Router::new().route("/health", get(routes::health));
    // The document describes errors in the `flat` profile only.
    if state.config.profile == Profile::Flat {
        open = open.route("/openapi.json", get(routes::openapi));
    }
    open.merge(v1)
        .layer(axum::middleware::from_fn(localize))
        .layer(from_fn_with_state(state.clone(), in_profile))
        .layer(from_fn_with_state(state.clone(), request_id))
        .with_state(state)
}

/// The largest error body [`in_profile`] reads back; the demo's are a few hundred bytes.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Writes every error in the configured wire profile. Handlers and middleware build errors
/// with the Scriptix crate (`flat`, `application/json`); with `--profile problem` this
/// layer reads each such error response back as a `scriptix_errors::ApiError` and answers
/// the same error as `profile_errors::scriptix_problem::ApiError` (the Scriptix catalog in
/// the `problem` profile): same status, code, message, details and `Retry-After`, as
/// `application/problem+json` with the code's documentation URL as `type`. Other responses
/// (successes, axum's own rejections) pass unchanged.
async fn in_profile(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let flat_error = response.status().is_client_error() || response.status().is_server_error();
    let json = response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value == ApiError::MEDIA_TYPE);
    if state.config.profile == Profile::Flat || !flat_error || !json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return problem::ApiError::internal_error().into_response();
    };
    match serde_json::from_slice::<ApiError>(&bytes) {
        Ok(error) => {
            let mut response = to_problem(error).into_response();
            // What [`localize`] said of the language.
            for name in [header::CONTENT_LANGUAGE, header::VARY] {
                for value in parts.headers.get_all(&name) {
                    response.headers_mut().append(name.clone(), value.clone());
                }
            }
            response
        }
        Err(_) => Response::from_parts(parts, axum::body::Body::from(bytes)),
    }
}

/// Answers errors in the language the request asks for: the `Accept-Language` header,
/// negotiated among the catalog's locales (`scriptix_errors::negotiate_locale`), gives the
/// error's title and message in that locale (with the catalog's fallbacks), and
/// `Content-Language` says which. Every error response varies by the header
/// (`Vary: Accept-Language`); without it, errors carry the catalog's own English. Runs
/// inside [`in_profile`], so an error in `problem` is translated too.
async fn localize(request: Request, next: Next) -> Response {
    let asked = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    let locale = asked.map_or(scriptix_errors::LOCALES[0], scriptix_errors::negotiate_locale);
    let response = next.run(request).await;
    let error = response.status().is_client_error() || response.status().is_server_error();
    let json = response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value == ApiError::MEDIA_TYPE);
    if !error || !json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return ApiError::internal_error().into_response();
    };
    let mut response = match serde_json::from_slice::<ApiError>(&bytes) {
        Ok(mut error) if locale != scriptix_errors::LOCALES[0] => {
            error.message = error.localized_message(locale);
            if let (Some(code), Some(title)) = (error.code(), error.title.as_mut()) {
                code.title_in(locale).clone_into(title);
            }
            let mut response = error.into_response();
            response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale));
            response
        }
        _ => Response::from_parts(parts, axum::body::Body::from(bytes)),
    };
    response.headers_mut().append(header::VARY, HeaderValue::from_static("accept-language"));
    response
}

/// The same error in the `problem` profile: every part kept, the documentation URL the
/// code's (the flat Scriptix body has none).
fn to_problem(error: ApiError) -> problem::ApiError {
    let code = error.code().and_then(|code| code.as_str().parse::<problem::ErrorCode>().ok());
    problem::ApiError {
        title: error.title,
        message: error.message,
        error_code: error.error_code,
        details: error.details,
        retry_after: error.retry_after,
        doc_url: code.map(|code| std::borrow::Cow::Borrowed(code.doc_url())),
        extra: None,
    }
}

/// Gives every response an `X-Request-ID`, and logs the request when `--verbose`.
async fn request_id(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let id = state.request_id();
    let line = state.config.verbose.then(|| format!("{} {}", request.method(), request.uri()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(ApiError::REQUEST_ID_HEADER, value);
    }
    if let Some(line) = line {
        eprintln!("{id} {line} -> {}", response.status().as_u16());
    }
    response
}

/// Maintenance, authentication, rate limiting and permissions for `/v1`.
async fn guard(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    if state.config.maintenance {
        return ApiError::service_unavailable().into_response();
    }
    let key = match authenticate(&request) {
        Ok(key) => key,
        Err(error) => return error.into_response(),
    };
    if let Err(seconds) = state.count_request(key) {
        return ApiError::rate_limit_exceeded(seconds).into_response();
    }
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && !key.can_write {
        return ApiError::insufficient_permissions().into_response();
    }
    request.extensions_mut().insert(Caller { key });
    next.run(request).await
}

/// The key of `Authorization: Bearer KEY`.
fn authenticate(request: &Request) -> Result<&'static Key, ApiError> {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        return Err(ApiError::missing_api_key());
    };
    let value = value.to_str().map_err(|_| ApiError::invalid_api_key())?.trim();
    let secret = match value.split_once(' ') {
        Some((scheme, secret)) if scheme.eq_ignore_ascii_case("bearer") => secret.trim(),
        // A header without the Bearer scheme carries no API key.
        _ => return Err(ApiError::missing_api_key()),
    };
    if secret.is_empty() {
        return Err(ApiError::missing_api_key());
    }
    let key = seed::key(secret).ok_or_else(ApiError::invalid_api_key)?;
    match key.state {
        KeyState::Active => Ok(key),
        KeyState::Revoked => Err(ApiError::key_revoked()),
        KeyState::Expired => Err(ApiError::key_expired()),
    }
}
