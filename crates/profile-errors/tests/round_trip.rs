//! Every generated `ApiError` against `errcat::wire`, the spec of the profiles: each code's
//! example body reads into `ApiError` and writes back the same JSON, reading agrees with
//! `Profile::read`, the constructors build exactly what `Profile::body` builds from the
//! same parts, and a body with a code the crate does not know round-trips.

use std::path::Path;

use errcat::model::{Catalog, Code};
use errcat::wire::{Details, Parts, Profile, ProfileKind};
use serde_json::{Map, Value, json};

/// A catalog as the build script loads it.
fn load(path: &str, kind: Option<ProfileKind>) -> Catalog {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path);
    let loaded = match kind {
        None => errcat::targets::rust::load(&path, path.to_string_lossy().as_ref()),
        Some(kind) => errcat::targets::rust::load_in_profile(&path, path.to_string_lossy().as_ref(), kind),
    };
    loaded.unwrap_or_else(|diagnostics| panic!("{diagnostics}")).catalog
}

/// How a details value reads when filled into a message, as the validator fills examples.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The body `Profile::body` builds for `code` with its details fields' examples: what the
/// constructor given those examples must write.
fn body_of_field_examples(catalog: &Catalog, code: &Code) -> Value {
    let details: Map<String, Value> = code.wire_fields().map(|f| (f.name.clone(), f.example.clone())).collect();
    let message = code.message.fill(|name| match (name, code.retry_after) {
        ("retry_after", Some(seconds)) => seconds.to_string(),
        _ => code.fields.iter().find(|f| f.name == name).map(|f| plain(&f.example)).unwrap_or_default(),
    });
    catalog.wire.profile.body(&Parts {
        title: Some(&code.title),
        message: &message,
        code: &code.code,
        details: Some(&details),
        retry_after: code.retry_after,
        doc_url: Some(&code.doc_url),
        status: code.status,
        grpc_status: &code.grpc_status,
        category: &code.category,
    })
}

/// A body of `profile` whose code no crate knows, with every part set.
fn unknown_body(profile: &Profile) -> Value {
    let details: Map<String, Value> =
        serde_json::from_value(json!({"brew": "coffee", "cups": 3, "sizes": ["s", "m"]})).expect("an object");
    profile.body(&Parts {
        title: Some("I'm a Teapot"),
        message: "The server is a teapot",
        code: "TEAPOT_REFUSED",
        details: Some(&details),
        retry_after: Some(7),
        doc_url: Some("https://teapot.test/errors#refused"),
        status: 418,
        grpc_status: "UNAVAILABLE",
        category: "kitchen",
    })
}

/// The tests of one generated module: `$module` with `$catalog` (a `Catalog`) and
/// `$construct` (`ErrorCode -> ApiError` from the details fields' examples).
macro_rules! profile_tests {
    ($name:ident, $module:path, $catalog:expr, $construct:expr) => {
        mod $name {
            use super::*;
            use $module as generated;

            use generated::{ApiError, ErrorCode};

            #[test]
            fn every_example_body_round_trips_and_reads_as_the_profile_reads_it() {
                let catalog: Catalog = $catalog;
                let profile = &catalog.wire.profile;
                for code in &catalog.codes {
                    let body = &code.example.body;
                    let error: ApiError = serde_json::from_value(body.clone())
                        .unwrap_or_else(|e| panic!("{}: the example does not parse: {e}\n{body}", code.code));
                    assert_eq!(serde_json::to_value(&error).expect("serializes"), *body, "{} round-trips", code.code);
                    let known = error.code().expect("a catalog code");
                    assert_eq!(known.as_str(), code.code);
                    assert_eq!(error.status(), code.status, "{}", code.code);
                    assert_eq!(error.doc_url(), Some(code.doc_url.as_str()), "{}", code.code);
                    assert_eq!(known.doc_url(), code.doc_url, "{}", code.code);
                    assert_eq!(error.grpc_status(), code.grpc_status, "{}", code.code);
                    assert_eq!(known.grpc_status(), code.grpc_status, "{}", code.code);
                    // What every client reads from the body, `ApiError` holds.
                    let read = profile.read(body.as_object().expect("an object"));
                    assert_eq!(read.code.as_deref(), Some(error.error_code.as_str()));
                    assert_eq!(read.message.as_deref(), Some(error.message.as_str()));
                    assert_eq!(read.title, error.title, "{}", code.code);
                    assert_eq!(read.retry_after, error.retry_after, "{}", code.code);
                    assert_eq!(read.doc_url.as_deref(), error.doc_url.as_deref(), "{}", code.code);
                    match read.details {
                        Details::Object(sent) => assert_eq!(error.details.as_deref(), Some(&sent), "{}", code.code),
                        Details::Absent => assert_eq!(error.details, None, "{}", code.code),
                        Details::Invalid => panic!("{}: an example with invalid details", code.code),
                    }
                    // An error read from a body equals the one its constructor builds.
                    let again: ApiError =
                        serde_json::from_value(serde_json::to_value(&error).expect("serializes")).expect("parses");
                    assert_eq!(again, error);
                }
            }

            #[test]
            fn constructors_build_what_the_profile_builds_from_the_same_parts() {
                let catalog: Catalog = $catalog;
                let construct: fn(ErrorCode) -> ApiError = $construct;
                assert_eq!(ErrorCode::ALL.len(), catalog.codes.len());
                for (known, code) in ErrorCode::ALL.into_iter().zip(&catalog.codes) {
                    let error = construct(known);
                    let built = serde_json::to_value(&error).expect("serializes");
                    assert_eq!(built, body_of_field_examples(&catalog, code), "{}", code.code);
                    let read: ApiError = serde_json::from_value(built).expect("parses");
                    assert_eq!(read, error, "{}: a constructed error reads back equal", code.code);
                }
            }

            #[test]
            fn a_body_with_an_unknown_code_round_trips() {
                let catalog: Catalog = $catalog;
                let profile = &catalog.wire.profile;
                let body = unknown_body(profile);
                let error: ApiError = serde_json::from_value(body.clone()).expect("an unknown code still parses");
                assert_eq!(error.code(), None);
                assert_eq!(error.error_code, "TEAPOT_REFUSED");
                assert!(!error.is_retryable());
                assert_eq!(serde_json::to_value(&error).expect("serializes"), body);
                let read = profile.read(body.as_object().expect("an object"));
                assert_eq!(error.doc_url(), read.doc_url.as_deref());
                assert_eq!(error.retry_after, Some(7));
                // The status and gRPC status come from the body where it has them.
                let status = if profile.members.status.is_some() { 418 } else { 500 };
                assert_eq!(error.status(), status);
                let grpc = read.grpc_status.unwrap_or_else(|| errcat::wire::grpc_status_of_http(status).to_owned());
                assert_eq!(error.grpc_status(), grpc);
                assert_eq!(error.to_string(), "TEAPOT_REFUSED: The server is a teapot");
            }

            #[test]
            fn bodies_without_a_code_or_a_message_are_errors_and_bad_members_read_as_absent() {
                assert!(serde_json::from_value::<ApiError>(json!({})).is_err());
                assert!(serde_json::from_value::<ApiError>(json!([])).is_err());
                assert!(serde_json::from_value::<ApiError>(json!("text")).is_err());
                let catalog: Catalog = $catalog;
                let profile = &catalog.wire.profile;
                let mut body = unknown_body(profile);
                profile.put(&mut body, "code", None);
                assert!(serde_json::from_value::<ApiError>(body).is_err(), "no code");
                let mut body = unknown_body(profile);
                profile.put(&mut body, "retry_after", Some(json!("soon")));
                let error: ApiError = serde_json::from_value(body).expect("a bad delay is no delay");
                assert_eq!(error.retry_after, None);
                let mut body = unknown_body(profile);
                profile.put(&mut body, "retry_after", Some(json!(-3)));
                assert_eq!(serde_json::from_value::<ApiError>(body).expect("parses").retry_after, None);
            }

            #[test]
            fn an_api_error_is_small_enough_to_return() {
                assert!(std::mem::size_of::<ApiError>() <= 128, "{} bytes", std::mem::size_of::<ApiError>());
            }
        }
    };
}

profile_tests!(problem, profile_errors::problem, load("catalog/profiles/problem.yaml", None), |code| {
    use profile_errors::problem::*;
    match code {
        ErrorCode::InvalidAmount => {
            ApiError::invalid_amount(InvalidAmountDetails { amount: -5, currency: Some("EUR".to_owned()) })
        }
        ErrorCode::InsufficientFunds => ApiError::insufficient_funds(InsufficientFundsDetails {
            balance: 30,
            amount: 50,
            accounts: vec!["/account/12345".to_owned(), "/account/67890".to_owned()],
        }),
        ErrorCode::AccountNotFound => {
            ApiError::account_not_found(AccountNotFoundDetails { account_id: "acc_42".to_owned() })
        }
        ErrorCode::VersionConflict => {
            ApiError::version_conflict(VersionConflictDetails { expected_version: 7, retried: false })
        }
        ErrorCode::RateLimited => ApiError::rate_limited(RateLimitedDetails { limit: 600, load: 1.25 }, 20),
        ErrorCode::LedgerUnavailable => ApiError::ledger_unavailable(),
        ErrorCode::Internal => ApiError::internal(),
        other => panic!("add a constructor case for {other}"),
    }
});

profile_tests!(google, profile_errors::google, load("catalog/profiles/google.yaml", None), |code| {
    use profile_errors::google::*;
    match code {
        ErrorCode::InvalidBucketName => ApiError::invalid_bucket_name(InvalidBucketNameDetails {
            bucket_name: "My_Bucket".to_owned(),
            max_length: 63,
        }),
        ErrorCode::PermissionDeniedOnBucket => ApiError::permission_denied_on_bucket(PermissionDeniedOnBucketDetails {
            permission: "storage.objects.get".to_owned(),
            bucket_name: "photos".to_owned(),
            roles: Some(vec!["roles/storage.viewer".to_owned()]),
        }),
        ErrorCode::BucketNotFound => {
            ApiError::bucket_not_found(BucketNotFoundDetails { bucket_name: "photos".to_owned() })
        }
        ErrorCode::RateLimitExceeded => ApiError::rate_limit_exceeded(
            RateLimitExceededDetails {
                quota_metric: "storage.cloudstore.test/requests".to_owned(),
                quota_limit: 6000,
                near_limit: true,
            },
            30,
        ),
        ErrorCode::BackendUnavailable => ApiError::backend_unavailable(),
        ErrorCode::InternalFailure => {
            ApiError::internal_failure(InternalFailureDetails { incident: "inc-1234".to_owned(), load: 0.75 })
        }
        other => panic!("add a constructor case for {other}"),
    }
});

profile_tests!(nested, profile_errors::nested, load("catalog/profiles/nested.yaml", None), |code| {
    use profile_errors::nested::*;
    match code {
        ErrorCode::ParameterMissing => {
            ApiError::parameter_missing(ParameterMissingDetails { param: "amount".to_owned() })
        }
        ErrorCode::ApiKeyInvalid => ApiError::api_key_invalid(),
        ErrorCode::AmountTooLarge => ApiError::amount_too_large(AmountTooLargeDetails {
            param: "amount".to_owned(),
            maximum: 99_999_999,
            currencies: Some(vec!["usd".to_owned(), "eur".to_owned()]),
        }),
        ErrorCode::CardDeclined => ApiError::card_declined(CardDeclinedDetails {
            decline_code: "insufficient_funds".to_owned(),
            charge: Some("ch_123".to_owned()),
        }),
        ErrorCode::RateLimit => ApiError::rate_limit(RateLimitDetails { load: 2.5, test_mode: false }, 2),
        ErrorCode::ProcessingError => ApiError::processing_error(),
        other => panic!("add a constructor case for {other}"),
    }
});

/// The Scriptix catalog's field examples: the same table as `scriptix-errors`' tests.
macro_rules! scriptix_construct {
    ($m:ident, $code:expr) => {{
        use std::collections::BTreeMap;
        let code: $m::ErrorCode = $code;
        match code {
            $m::ErrorCode::MissingApiKey => $m::ApiError::missing_api_key(),
            $m::ErrorCode::InvalidApiKey => $m::ApiError::invalid_api_key(),
            $m::ErrorCode::KeyRevoked => $m::ApiError::key_revoked(),
            $m::ErrorCode::KeyExpired => $m::ApiError::key_expired(),
            $m::ErrorCode::InsufficientPermissions => $m::ApiError::insufficient_permissions(),
            $m::ErrorCode::ValidationError => $m::ApiError::validation_error($m::ValidationErrorDetails {
                additional: BTreeMap::from([("name".to_owned(), "Name cannot be empty".to_owned())]),
            }),
            $m::ErrorCode::MissingField => $m::ApiError::missing_field("audio_file"),
            $m::ErrorCode::InvalidFormat => {
                $m::ApiError::invalid_format($m::InvalidFormatDetails { field: "callback_url".to_owned() })
            }
            $m::ErrorCode::UnsupportedLanguage => {
                $m::ApiError::unsupported_language($m::UnsupportedLanguageDetails { language: "xx".to_owned() })
            }
            $m::ErrorCode::UnsupportedFormat => $m::ApiError::unsupported_format($m::UnsupportedFormatDetails {
                supported_formats: ["mp3", "wav"].map(String::from).to_vec(),
            }),
            $m::ErrorCode::DocumentNotFound => $m::ApiError::document_not_found(),
            $m::ErrorCode::ModelNotFound => $m::ApiError::model_not_found(),
            $m::ErrorCode::GlossaryNotFound => $m::ApiError::glossary_not_found(),
            $m::ErrorCode::SessionNotFound => $m::ApiError::session_not_found(),
            $m::ErrorCode::QuotaExceeded => $m::ApiError::quota_exceeded($m::QuotaExceededDetails {
                quota_limit: 100,
                quota_used: 100,
                quota_unit: "hours".to_owned(),
            }),
            $m::ErrorCode::StorageExceeded => {
                $m::ApiError::storage_exceeded($m::StorageExceededDetails { storage_used_gb: 50, storage_limit_gb: 50 })
            }
            $m::ErrorCode::ModelLimitExceeded => {
                $m::ApiError::model_limit_exceeded($m::ModelLimitExceededDetails { model_limit: 5, model_count: 5 })
            }
            $m::ErrorCode::RateLimitExceeded => $m::ApiError::rate_limit_exceeded(60),
            $m::ErrorCode::FileTooLarge => {
                $m::ApiError::file_too_large($m::FileTooLargeDetails { max_size_mb: 500, file_size_mb: 650 })
            }
            $m::ErrorCode::InvalidFile => $m::ApiError::invalid_file(),
            $m::ErrorCode::UnsupportedCodec => {
                $m::ApiError::unsupported_codec($m::UnsupportedCodecDetails { codec: "ac3".to_owned() })
            }
            $m::ErrorCode::ModelInUse => $m::ApiError::model_in_use($m::ModelInUseDetails { active_transcriptions: 3 }),
            $m::ErrorCode::ModelNotReady => {
                $m::ApiError::model_not_ready($m::ModelNotReadyDetails { current_status: 1, required_status: 2 })
            }
            $m::ErrorCode::TrainingInProgress => $m::ApiError::training_in_progress(),
            $m::ErrorCode::InsufficientData => $m::ApiError::insufficient_data($m::InsufficientDataDetails {
                hours_provided: 3.5,
                hours_required: 5.0,
            }),
            $m::ErrorCode::InternalError => $m::ApiError::internal_error(),
            $m::ErrorCode::ServiceUnavailable => $m::ApiError::service_unavailable(),
            $m::ErrorCode::Timeout => $m::ApiError::timeout(),
            other => panic!("add a constructor case for {other}"),
        }
    }};
}

/// Scriptix in the `problem` profile, against the `flat` crate built from the same catalog.
mod scriptix_problem {
    use std::str::FromStr;

    use profile_errors::scriptix_problem as problem;
    use scriptix_errors as flat;

    use super::*;

    fn catalogs() -> (Catalog, Catalog) {
        (load("catalog/scriptix.yaml", None), load("catalog/scriptix.yaml", Some(ProfileKind::Problem)))
    }

    #[test]
    fn the_copy_has_the_same_codes_in_the_problem_profile() {
        let (original, copy) = catalogs();
        assert_eq!(original.wire.profile.kind, ProfileKind::Flat);
        assert_eq!(copy.wire.profile.kind, ProfileKind::Problem);
        assert_eq!(copy.wire.profile.media_type, "application/problem+json");
        let codes = |catalog: &Catalog| catalog.codes.iter().map(|c| (c.code.clone(), c.status)).collect::<Vec<_>>();
        assert_eq!(codes(&original), codes(&copy));
        assert_eq!(problem::ApiError::MEDIA_TYPE, "application/problem+json");
        assert_eq!(flat::ApiError::MEDIA_TYPE, "application/json");
    }

    #[test]
    fn every_example_body_round_trips() {
        let (_, copy) = catalogs();
        for code in &copy.codes {
            let body = &code.example.body;
            let error: problem::ApiError = serde_json::from_value(body.clone()).expect("an example parses");
            assert_eq!(serde_json::to_value(&error).expect("serializes"), *body, "{}", code.code);
            assert_eq!(error.code().map(problem::ErrorCode::as_str), Some(code.code.as_str()));
            assert_eq!(error.doc_url(), Some(code.doc_url.as_str()));
        }
    }

    #[test]
    fn constructors_build_the_problem_body_of_the_flat_errors_parts() {
        let (_, copy) = catalogs();
        for (known, code) in problem::ErrorCode::ALL.into_iter().zip(&copy.codes) {
            let error = scriptix_construct!(problem, known);
            let parts = scriptix_construct!(flat, flat::ErrorCode::from_str(&code.code).expect("the same codes"));
            let expected = copy.wire.profile.body(&Parts {
                title: parts.title.as_deref(),
                message: &parts.message,
                code: &parts.error_code,
                details: parts.details.as_deref(),
                retry_after: parts.retry_after,
                doc_url: Some(&code.doc_url),
                status: code.status,
                grpc_status: &code.grpc_status,
                category: &code.category,
            });
            assert_eq!(serde_json::to_value(&error).expect("serializes"), expected, "{}", code.code);
            assert_eq!(error.grpc_status(), parts.grpc_status(), "{}", code.code);
            assert_eq!(error.doc_url(), parts.doc_url(), "{}", code.code);
        }
    }

    #[test]
    fn instance_is_written_and_read() {
        let error = problem::ApiError::document_not_found().with_instance("/v1/documents/doc_9");
        let body = serde_json::to_value(&error).expect("serializes");
        assert_eq!(body["instance"], "/v1/documents/doc_9");
        let read: problem::ApiError = serde_json::from_value(body).expect("parses");
        assert_eq!(read.instance(), Some("/v1/documents/doc_9"));
        assert_eq!(read, error);
    }

    #[cfg(feature = "axum")]
    #[test]
    fn responses_are_problem_json_with_retry_after() {
        use axum::response::IntoResponse;
        let response = problem::ApiError::rate_limit_exceeded(42).into_response();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        assert_eq!(response.headers()["retry-after"], "42");
    }
}

/// `google` details travel as metadata text and decode by type.
#[test]
fn google_details_decode_from_metadata_text() {
    use profile_errors::google::*;
    let details = RateLimitExceededDetails {
        quota_metric: "storage.cloudstore.test/requests".to_owned(),
        quota_limit: 6000,
        near_limit: true,
    };
    let error = ApiError::rate_limit_exceeded(details.clone(), 30);
    let sent = error.details.as_deref().expect("details");
    assert_eq!(sent["quotaLimit"], "6000");
    assert_eq!(sent["nearLimit"], "true");
    assert_eq!(error.details_as::<RateLimitExceededDetails>(), Some(details));
    let body = serde_json::to_value(&error).expect("serializes");
    assert_eq!(body["error"]["details"][1]["retryDelay"], "30s");
    let mut bad = body;
    bad["error"]["details"][0]["metadata"]["quotaLimit"] = json!("many");
    let read: ApiError = serde_json::from_value(bad).expect("bad metadata still parses");
    assert_eq!(read.details_as::<RateLimitExceededDetails>(), None, "`many` is not an integer");
    let roles = PermissionDeniedOnBucketDetails {
        permission: "p".to_owned(),
        bucket_name: "b".to_owned(),
        roles: Some(vec!["r1".to_owned(), "r2".to_owned()]),
    };
    let error = ApiError::permission_denied_on_bucket(roles.clone());
    assert_eq!(error.details.as_deref().expect("details")["roles"], r#"["r1","r2"]"#);
    assert_eq!(error.details_as::<PermissionDeniedOnBucketDetails>(), Some(roles));
}

/// `google` details entries the crate does not read (`BadRequest`, `LocalizedMessage`, a
/// second `ErrorInfo`) survive a read and are written back, after the ones it reads.
#[test]
fn google_keeps_details_entries_it_does_not_read() {
    use profile_errors::google::*;
    let localized =
        json!({"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "de-DE", "message": "Zu schnell"});
    let bad_request = json!({
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": [{"field": "bucket", "description": "unknown"}],
    });
    let mut body = serde_json::to_value(ApiError::rate_limit_exceeded(
        RateLimitExceededDetails { quota_metric: "m".to_owned(), quota_limit: 1, near_limit: false },
        30,
    ))
    .expect("serializes");
    let entries = body["error"]["details"].as_array_mut().expect("details");
    let second_info = json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "OTHER", "domain": "x"});
    entries.insert(0, localized.clone());
    entries.push(bad_request.clone());
    entries.push(second_info.clone());
    entries.push(json!("not an object"));
    let read: ApiError = serde_json::from_value(body.clone()).expect("parses");
    assert_eq!(read.error_code, "RATE_LIMIT_EXCEEDED", "the first ErrorInfo counts");
    let extra = read.extra.as_deref().expect("the entries it does not read are kept");
    assert_eq!(extra.other_details, vec![localized.clone(), bad_request, second_info, json!("not an object")]);
    let written = serde_json::to_value(&read).expect("serializes");
    let written = written["error"]["details"].as_array().expect("details").clone();
    assert_eq!(written.len(), 7, "{written:?}");
    assert_eq!(written[3], localized, "kept entries follow ErrorInfo, RetryInfo and Help");
    let again: ApiError = serde_json::from_value(serde_json::to_value(&read).expect("serializes")).expect("parses");
    assert_eq!(again, read, "a second round trip changes nothing");
}

#[test]
fn google_reads_the_localized_vectors_as_every_client_does() {
    let catalog = load("catalog/profiles/google.yaml", None);
    let section = errcat::targets::localized_vectors::section(&catalog);
    let cases = section["cases"].as_array().expect("localized cases");
    assert!(cases.iter().any(|case| case["name"].as_str().is_some_and(|name| name.starts_with("server-localized/"))));
    for case in cases {
        use profile_errors::google::ApiError;
        let (name, locale) = (case["name"].as_str().unwrap_or_default(), case["locale"].as_str().unwrap_or_default());
        let body = case["response"]["body"].as_str().unwrap_or_default();
        let error: ApiError = serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let code = error.code().unwrap_or_else(|| panic!("{name}: a known code"));
        assert_eq!(code.as_str(), case["expect"]["code"], "{name}");
        assert_eq!(code.title_in(locale), case["expect"]["title"], "{name}");
        assert_eq!(code.message_template_in(locale), case["expect"]["template"].as_str(), "{name}");
        assert_eq!(error.localized_message(locale), case["expect"]["message"], "{name}");
        let server = error.server_localized().map(|(locale, message)| json!({"locale": locale, "message": message}));
        assert_eq!(server.unwrap_or(Value::Null), case["expect"]["server_localized"], "{name}");
    }
}

#[test]
fn google_answers_in_a_locale_with_a_localized_message_detail() {
    use profile_errors::google::*;
    let error = ApiError::bucket_not_found(BucketNotFoundDetails { bucket_name: "photos".to_owned() });
    assert_eq!(error.server_localized(), None);
    let answered = error.clone().with_localized_message("de");
    assert_eq!(answered.message, error.message, "the developer-facing message stays");
    assert_eq!(answered.server_localized(), Some(("de", "Der Bucket photos existiert nicht")));
    let body = serde_json::to_value(&answered).expect("serializes");
    let entries = body["error"]["details"].as_array().expect("details");
    let localized: Vec<&Value> =
        entries.iter().filter(|e| e["@type"] == "type.googleapis.com/google.rpc.LocalizedMessage").collect();
    assert_eq!(
        localized,
        [
            &json!({"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "de", "message": "Der Bucket photos existiert nicht"})
        ]
    );
    // Once more, in another locale: the detail is replaced, not added.
    let again = answered.with_localized_message("en");
    assert_eq!(again.server_localized(), Some(("en", "Bucket photos does not exist")));
    let read: ApiError = serde_json::from_value(serde_json::to_value(&again).expect("serializes")).expect("parses");
    assert_eq!(read, again, "the detail round-trips");
    assert_eq!(read.localized_message("EN-us"), "Bucket photos does not exist", "a parent's answer counts");
}
