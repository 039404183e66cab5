//! The generated vocabulary against the catalog it was generated from: every example body
//! is what the constructors build, every body round-trips, unknown codes survive.

use std::collections::BTreeMap;
use std::str::FromStr;

use errcat::model::Catalog;
use scriptix_errors::*;
use serde_json::{Value, json};

fn catalog() -> Catalog {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
    let file = errcat::check_file(path.as_ref(), &errcat::load::Limits::default()).expect("the catalog is readable");
    file.checked.catalog.expect("the catalog has no errors")
}

/// The error each code's example shows, built with the code's constructor.
fn construct(code: ErrorCode) -> Option<ApiError> {
    Some(match code {
        ErrorCode::MissingApiKey => ApiError::missing_api_key(),
        ErrorCode::InvalidApiKey => ApiError::invalid_api_key(),
        ErrorCode::KeyRevoked => ApiError::key_revoked(),
        ErrorCode::KeyExpired => ApiError::key_expired(),
        ErrorCode::InsufficientPermissions => ApiError::insufficient_permissions(),
        ErrorCode::ValidationError => ApiError::validation_error(ValidationErrorDetails {
            additional: BTreeMap::from([
                ("language".to_owned(), "Language 'xx' is not supported".to_owned()),
                ("name".to_owned(), "Name cannot be empty".to_owned()),
            ]),
        }),
        ErrorCode::MissingField => ApiError::missing_field("audio_file"),
        ErrorCode::InvalidFormat => ApiError::invalid_format(InvalidFormatDetails { field: "callback_url".to_owned() }),
        ErrorCode::UnsupportedLanguage => {
            ApiError::unsupported_language(UnsupportedLanguageDetails { language: "xx".to_owned() })
        }
        ErrorCode::UnsupportedFormat => ApiError::unsupported_format(UnsupportedFormatDetails {
            supported_formats: ["mp3", "wav", "flac", "m4a", "aac", "ogg"].map(String::from).to_vec(),
        }),
        ErrorCode::DocumentNotFound => ApiError::document_not_found(),
        ErrorCode::ModelNotFound => ApiError::model_not_found(),
        ErrorCode::GlossaryNotFound => ApiError::glossary_not_found(),
        ErrorCode::SessionNotFound => ApiError::session_not_found(),
        ErrorCode::QuotaExceeded => ApiError::quota_exceeded(QuotaExceededDetails {
            quota_limit: 100,
            quota_used: 100,
            quota_unit: "hours".to_owned(),
        }),
        ErrorCode::StorageExceeded => {
            ApiError::storage_exceeded(StorageExceededDetails { storage_used_gb: 50, storage_limit_gb: 50 })
        }
        ErrorCode::ModelLimitExceeded => {
            ApiError::model_limit_exceeded(ModelLimitExceededDetails { model_limit: 5, model_count: 5 })
        }
        ErrorCode::RateLimitExceeded => ApiError::rate_limit_exceeded(60),
        ErrorCode::FileTooLarge => {
            ApiError::file_too_large(FileTooLargeDetails { max_size_mb: 500, file_size_mb: 650 })
        }
        ErrorCode::InvalidFile => ApiError::invalid_file(),
        ErrorCode::UnsupportedCodec => ApiError::unsupported_codec(UnsupportedCodecDetails { codec: "ac3".to_owned() }),
        ErrorCode::ModelInUse => ApiError::model_in_use(ModelInUseDetails { active_transcriptions: 3 }),
        ErrorCode::ModelNotReady => {
            ApiError::model_not_ready(ModelNotReadyDetails { current_status: 1, required_status: 2 })
        }
        ErrorCode::TrainingInProgress => ApiError::training_in_progress(),
        ErrorCode::InsufficientData => {
            ApiError::insufficient_data(InsufficientDataDetails { hours_provided: 3.5, hours_required: 5.0 })
        }
        ErrorCode::InternalError => ApiError::internal_error(),
        ErrorCode::ServiceUnavailable => ApiError::service_unavailable(),
        ErrorCode::Timeout => ApiError::timeout(),
        // A code added to the catalog after this test was written.
        _ => return None,
    })
}

#[test]
fn constructors_build_every_example_body() {
    let catalog = catalog();
    let mut from_catalog = 0;
    for code in &catalog.codes {
        let parsed = ErrorCode::from_str(&code.code).expect("every catalog code parses");
        let Some(error) = construct(parsed) else {
            panic!("add a constructor case for {} to `construct`", code.code);
        };
        let built = serde_json::to_value(&error).expect("an ApiError serializes");
        assert_eq!(built, code.example.body, "{}: constructed body differs from the catalog example", code.code);
        from_catalog += usize::from(code.example.from_catalog);
    }
    assert!(from_catalog >= 14, "the Scriptix catalog gives at least 14 example bodies, saw {from_catalog}");
}

#[test]
fn every_example_body_round_trips() {
    for code in &catalog().codes {
        let error: ApiError = serde_json::from_value(code.example.body.clone()).expect("an example body parses");
        assert_eq!(error.code().map(ErrorCode::as_str), Some(code.code.as_str()));
        assert_eq!(error.status(), code.status);
        assert_eq!(error.title.as_deref(), Some(code.title.as_str()));
        let again = serde_json::to_value(&error).expect("an ApiError serializes");
        assert_eq!(again, code.example.body, "{} does not round-trip", code.code);
    }
}

#[test]
fn typed_details_read_back_from_bodies() {
    let body = json!({
        "error": "Quota Exceeded",
        "message": "Monthly transcription quota exceeded",
        "error_code": "QUOTA_EXCEEDED",
        "details": {"quota_limit": 100, "quota_used": 100, "quota_unit": "hours"}
    });
    let error: ApiError = serde_json::from_value(body).expect("parses");
    let details: QuotaExceededDetails = error.details_as().expect("typed details");
    assert_eq!(details.quota_limit, 100);
    assert_eq!(details.quota_unit, "hours");
    assert_eq!(error.details_as::<StorageExceededDetails>(), None, "details of another code");
    let validation = construct(ErrorCode::ValidationError).expect("known code");
    let fields: ValidationErrorDetails = validation.details_as().expect("typed details");
    assert_eq!(fields.additional.get("name").map(String::as_str), Some("Name cannot be empty"));
    let insufficient = construct(ErrorCode::InsufficientData).expect("known code");
    let hours: InsufficientDataDetails = insufficient.details_as().expect("typed details");
    assert!((hours.hours_provided - 3.5).abs() < f64::EPSILON);
}

#[test]
fn unknown_codes_keep_raw_code_and_details() {
    let body = json!({
        "error": "I'm a teapot",
        "message": "The server is a teapot",
        "error_code": "TEAPOT_REFUSED",
        "details": {"brew": ["coffee", 1, null], "nested": {"a": true}},
        "retry_after": 7,
        "trace": "fields a newer server adds are ignored"
    });
    let error: ApiError = serde_json::from_value(body.clone()).expect("an unknown code still parses");
    assert_eq!(error.code(), None);
    assert_eq!(error.error_code, "TEAPOT_REFUSED");
    assert_eq!(error.details.as_ref().and_then(|d| d.get("nested")), Some(&json!({"a": true})));
    assert_eq!(error.retry_after, Some(7));
    assert_eq!(error.status(), 500);
    assert!(!error.is_retryable());
    assert_eq!(error.details_as::<QuotaExceededDetails>(), None);
    let mut expected = body;
    if let Value::Object(map) = &mut expected {
        map.remove("trace");
    }
    assert_eq!(serde_json::to_value(&error).expect("serializes"), expected);
    assert_eq!(error.to_string(), "TEAPOT_REFUSED: The server is a teapot");
    // A flat Scriptix body has no documentation URL or gRPC status: an unknown code has none
    // but the standard mapping of its status.
    assert_eq!(error.doc_url(), None);
    assert_eq!(error.grpc_status(), "INTERNAL");
}

#[test]
fn doc_urls_and_grpc_statuses_come_from_the_catalog() {
    let error = ApiError::rate_limit_exceeded(30);
    assert_eq!(error.doc_url(), Some(ErrorCode::RateLimitExceeded.doc_url()));
    assert_eq!(error.doc_url, None, "a flat Scriptix body has no member for it");
    assert_eq!(error.grpc_status(), "RESOURCE_EXHAUSTED");
    assert_eq!(ErrorCode::DocumentNotFound.grpc_status(), "NOT_FOUND");
    assert!(ErrorCode::QuotaExceeded.doc_url().starts_with("https://"));
}

#[test]
fn bad_members_read_as_absent_and_code_and_message_are_required() {
    let body = json!({"error": 5, "message": "m", "error_code": "TIMEOUT", "details": [1], "retry_after": "soon"});
    let error: ApiError = serde_json::from_value(body).expect("members of the wrong type read as absent");
    assert_eq!((error.title, error.details, error.retry_after), (None, None, None));
    let error: ApiError =
        serde_json::from_str(r#"{"message":"m","error_code":"TIMEOUT","retry_after":6e1,"message":"last"}"#)
            .expect("parses");
    assert_eq!(error.retry_after, Some(60));
    assert_eq!(error.message, "last", "a repeated member counts by its last value");
    assert!(serde_json::from_value::<ApiError>(json!({"message": "m"})).is_err());
    assert!(serde_json::from_value::<ApiError>(json!({"error_code": "TIMEOUT"})).is_err());
    assert!(serde_json::from_value::<ApiError>(json!({"message": 1, "error_code": "TIMEOUT"})).is_err());
    assert!(serde_json::from_value::<ApiError>(json!(["m", "TIMEOUT"])).is_err());
}

#[test]
fn minimal_bodies_parse() {
    let error: ApiError = serde_json::from_str(
        r#"{"error":"Not Found","message":"Gone","error_code":"DOCUMENT_NOT_FOUND","details":null}"#,
    )
    .expect("null details and no retry_after");
    assert_eq!(error.code(), Some(ErrorCode::DocumentNotFound));
    assert_eq!(error.details, None);
    assert_eq!(error.retry_after, None);
}

#[test]
fn every_code_parses_from_its_wire_string() {
    let catalog = catalog();
    assert_eq!(ErrorCode::ALL.len(), catalog.codes.len());
    for (code, entry) in ErrorCode::ALL.iter().zip(&catalog.codes) {
        assert_eq!(code.as_str(), entry.code, "ALL is in catalog order");
        assert_eq!(ErrorCode::from_str(&entry.code), Ok(*code));
        assert_eq!(ErrorCode::try_from(entry.code.as_str()), Ok(*code));
        assert_eq!(entry.code.parse::<ErrorCode>(), Ok(*code));
        assert_eq!(code.to_string(), entry.code);
        assert_eq!(code.status(), entry.status);
        assert_eq!(code.title(), entry.title);
        assert_eq!(code.summary(), entry.summary);
        assert_eq!(code.default_message(), entry.message.text);
        assert_eq!(code.category().as_str(), entry.category);
        assert_eq!(code.is_retryable(), entry.retryable);
        assert_eq!(code.retry_after(), entry.retry_after);
        assert_eq!(code.doc_url(), entry.doc_url);
        assert_eq!(code.grpc_status(), entry.grpc_status);
        assert!(code.category().codes().any(|c| c == *code));
        let json = serde_json::to_value(code).expect("serializes");
        assert_eq!(json, json!(entry.code));
        assert_eq!(serde_json::from_value::<ErrorCode>(json).expect("deserializes"), *code);
    }
    let unknown = ErrorCode::from_str("NOT_A_CODE").expect_err("unknown");
    assert_eq!(unknown.as_str(), "NOT_A_CODE");
    assert_eq!(unknown.to_string(), "unknown error code `NOT_A_CODE`");
    assert!(ErrorCode::from_str("missing_api_key").is_err(), "wire strings are case-sensitive");
    assert!(serde_json::from_value::<ErrorCode>(json!("NOT_A_CODE")).is_err());
}

#[test]
fn retry_modes_follow_the_status_table() {
    assert_eq!(ErrorCode::RateLimitExceeded.retry_mode(), RetryMode::AfterDelay);
    assert_eq!(ErrorCode::InternalError.retry_mode(), RetryMode::Backoff);
    assert_eq!(ErrorCode::Timeout.retry_mode(), RetryMode::Backoff);
    assert_eq!(ErrorCode::QuotaExceeded.retry_mode(), RetryMode::Never);
    assert!(!ErrorCode::QuotaExceeded.is_retryable());
    assert!(ErrorCode::ServiceUnavailable.is_retryable());
    assert_eq!(ErrorCode::RateLimitExceeded.retry_after(), Some(60));
}

#[test]
fn categories_cover_the_catalog() {
    let catalog = catalog();
    let ids: Vec<&str> = ErrorCategory::ALL.iter().map(|c| c.as_str()).collect();
    let expected: Vec<&str> = catalog.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(ErrorCategory::ALL.iter().map(|c| c.codes().count()).sum::<usize>(), ErrorCode::ALL.len());
    assert_eq!(ErrorCode::MissingApiKey.category().title(), "Authentication");
    assert_eq!(ErrorCode::Timeout.category().to_string(), "system");
}

#[test]
fn an_error_code_is_one_byte() {
    assert_eq!(std::mem::size_of::<ErrorCode>(), 1);
    assert_eq!(std::mem::size_of::<Option<ErrorCode>>(), 1);
}

#[test]
fn an_api_error_is_small_enough_to_return() {
    // clippy's `result_large_err` fires above 128 bytes: services return `Result<_, ApiError>`.
    assert!(std::mem::size_of::<ApiError>() <= 128, "{} bytes", std::mem::size_of::<ApiError>());
}

#[test]
fn api_error_is_a_std_error() {
    fn takes(_: &dyn std::error::Error) {}
    let error = ApiError::rate_limit_exceeded(30);
    takes(&error);
    assert_eq!(error.to_string(), "RATE_LIMIT_EXCEEDED: Too many requests. Please try again in 30 seconds.");
    assert_eq!(error.retry_after, Some(30));
    assert_eq!(ApiError::RETRY_AFTER_HEADER, "Retry-After");
    assert_eq!(ApiError::REQUEST_ID_HEADER, "X-Request-ID");
    let generic = ApiError::new(ErrorCode::Timeout, "took too long").with_retry_after(5);
    assert_eq!(generic.title.as_deref(), Some("Gateway Timeout"));
    assert_eq!(generic.retry_after, Some(5));
}

#[cfg(feature = "http")]
#[test]
fn http_statuses() {
    assert_eq!(ErrorCode::RateLimitExceeded.http_status(), http::StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(ApiError::timeout().http_status(), http::StatusCode::GATEWAY_TIMEOUT);
    for code in ErrorCode::ALL {
        assert_eq!(code.http_status().as_u16(), code.status());
    }
}

#[cfg(feature = "axum")]
mod axum_responses {
    use axum::response::IntoResponse;

    use super::*;

    /// The body of a response whose body is already in memory (as `Json` bodies are).
    fn body_json(response: axum::response::Response) -> Value {
        let future = axum::body::to_bytes(response.into_body(), 1 << 20);
        let mut future = std::pin::pin!(future);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(bytes) => serde_json::from_slice(&bytes.expect("body")).expect("JSON body"),
            std::task::Poll::Pending => panic!("an in-memory body is ready at once"),
        }
    }

    #[test]
    fn responses_carry_status_json_and_retry_after() {
        let response = ApiError::rate_limit_exceeded(42).into_response();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "42");
        assert_eq!(response.headers()["content-type"], "application/json");
        let body = body_json(response);
        assert_eq!(body["retry_after"], 42);
        assert_eq!(body["error_code"], "RATE_LIMIT_EXCEEDED");

        let response = construct(ErrorCode::QuotaExceeded).expect("known").into_response();
        assert_eq!(response.status(), 402);
        assert!(response.headers().get("retry-after").is_none());
        assert_eq!(body_json(response)["details"]["quota_unit"], "hours");
    }

    #[test]
    fn every_code_answers_with_its_status() {
        for code in ErrorCode::ALL {
            let error = construct(code).expect("known code");
            let response = error.clone().into_response();
            assert_eq!(response.status().as_u16(), code.status(), "{code}");
            assert_eq!(body_json(response), serde_json::to_value(&error).expect("serializes"));
        }
    }
}

#[test]
fn messages_and_titles_in_a_locale_follow_its_chain() {
    assert_eq!(LOCALES, ["en", "de", "de-CH", "fr"]);
    assert_eq!(ErrorCode::FileTooLarge.title_in("de"), "Nutzlast zu groß");
    assert_eq!(ErrorCode::FileTooLarge.title_in("de-CH"), "Nutzlast zu gross");
    assert_eq!(ErrorCode::FileTooLarge.title_in("DE-ch-1996"), "Nutzlast zu gross", "any case, and parents");
    assert_eq!(ErrorCode::QuotaExceeded.title_in("de-CH"), "Kontingent überschritten", "de-CH falls back to de");
    assert_eq!(ErrorCode::KeyRevoked.title_in("fr"), "Unauthorized", "fr falls back to the source");
    assert_eq!(ErrorCode::KeyRevoked.title_in("ja"), ErrorCode::KeyRevoked.title());
    assert_eq!(
        ApiError::missing_field("audio_file").localized_message("de"),
        "Pflichtfeld fehlt: audio_file",
        "a message-only value is read back from the message as sent"
    );
    let language = ApiError::unsupported_language(UnsupportedLanguageDetails { language: "xx".to_owned() });
    assert_eq!(language.localized_message("de-AT"), "Die Sprache 'xx' wird nicht unterstützt");
    assert_eq!(language.localized_message("en"), language.message);
    // A message the server wrote itself stays as it was.
    let custom = ApiError::new(ErrorCode::InternalError, "disk 3 failed");
    assert_eq!(custom.localized_message("de"), "disk 3 failed");
    let unknown: ApiError =
        serde_json::from_value(json!({"message": "Neu", "error_code": "BRAND_NEW"})).expect("an unknown code parses");
    assert_eq!(unknown.localized_message("de"), "Neu");
}

#[test]
fn plural_forms_are_chosen_by_the_catalogs_cldr_rules() {
    // The generated rule of each language against errcat's own evaluation of CLDR's.
    let catalog = catalog();
    for tag in ["de", "fr"] {
        let translation = catalog.locales.translations.iter().find(|t| t.tag == tag).expect("translated");
        let template = &translation.codes["RATE_LIMIT_EXCEEDED"].message;
        let rules = errcat::locale::PluralRules::for_tag(tag);
        for seconds in (0..=250).chain([1_000, 1_000_000, 2_000_000, 10_000_000, 1_000_001]) {
            let expected = template.fill_in(rules, |_| seconds.to_string());
            assert_eq!(ApiError::rate_limit_exceeded(seconds).localized_message(tag), expected, "{tag} {seconds}");
        }
    }
    assert_eq!(
        ApiError::rate_limit_exceeded(1).localized_message("de"),
        "Zu viele Anfragen. Bitte versuchen Sie es in 1 Sekunde erneut."
    );
    assert_eq!(
        ApiError::rate_limit_exceeded(1_000_000).localized_message("fr"),
        "Trop de requêtes. Veuillez réessayer dans 1000000 de secondes."
    );
}

#[test]
fn accept_language_picks_the_best_supported_locale() {
    assert_eq!(negotiate_locale("de-CH, de;q=0.9, en;q=0.8"), "de-CH");
    assert_eq!(negotiate_locale("de-AT"), "de", "lookup drops subtags");
    assert_eq!(negotiate_locale("ja, fr;q=0.5"), "fr");
    assert_eq!(negotiate_locale("fr;q=0.2, de;q=0.7"), "de", "by weight, not order");
    assert_eq!(negotiate_locale("de;q=0, fr;q=0.1"), "fr", "q=0 refuses");
    assert_eq!(negotiate_locale("*"), "en");
    assert_eq!(negotiate_locale(""), "en");
    assert_eq!(negotiate_locale("x-klingon;q=abc, ;;, de;q=2"), "en", "malformed ranges are skipped");
}

#[test]
fn the_localized_vectors_read_the_same() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../generated/conformance/vectors.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("JSON");
    let cases = vectors["localized"]["cases"].as_array().expect("localized cases");
    assert!(cases.len() > 30, "{} cases", cases.len());
    for case in cases {
        let (name, locale) = (case["name"].as_str().unwrap_or_default(), case["locale"].as_str().unwrap_or_default());
        let body = case["response"]["body"].as_str().unwrap_or_default();
        let error: ApiError = serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let code = error.code().unwrap_or_else(|| panic!("{name}: a known code"));
        assert_eq!(code.as_str(), case["expect"]["code"], "{name}");
        assert_eq!(code.title_in(locale), case["expect"]["title"], "{name}");
        assert_eq!(code.message_template_in(locale), case["expect"]["template"].as_str(), "{name}");
        assert_eq!(error.localized_message(locale), case["expect"]["message"], "{name}");
    }
}
