//! Runtime parity: the generated `scriptix-errors` against this hand-written crate, on the
//! operations a service does per request: parse a code from its wire string, turn a code
//! into its wire string and status, and serialize or parse an error body. Each benchmark
//! runs over all 28 codes (bodies: one per code, with details where the code has them).
//!
//! `cargo xtask bench` compares the medians: the generated code must be within 10 % of
//! the hand-written code, or faster.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use bench_handwritten_errors as hand;
use criterion::{Criterion, criterion_group, criterion_main};
use scriptix_errors as generated;

/// One error of every code, as the hand-written crate builds it.
fn errors() -> Vec<hand::ScriptixError> {
    use hand::ScriptixError as E;
    vec![
        E::MissingApiKey,
        E::InvalidApiKey,
        E::KeyRevoked,
        E::KeyExpired,
        E::InsufficientPermissions,
        E::ValidationError(BTreeMap::from([
            ("language".to_owned(), "Language 'xx' is not supported".to_owned()),
            ("name".to_owned(), "Name cannot be empty".to_owned()),
        ])),
        E::MissingField { field: "audio_file".to_owned() },
        E::InvalidFormat { field: "callback_url".to_owned() },
        E::UnsupportedLanguage { language: "xx".to_owned() },
        E::UnsupportedFormat {
            supported_formats: ["mp3", "wav", "flac", "m4a", "aac", "ogg"].map(str::to_owned).to_vec(),
        },
        E::DocumentNotFound,
        E::ModelNotFound,
        E::GlossaryNotFound,
        E::SessionNotFound,
        E::QuotaExceeded(hand::QuotaExceededDetails { quota_limit: 100, quota_used: 100, quota_unit: "hours".into() }),
        E::StorageExceeded(hand::StorageExceededDetails { storage_used_gb: 50, storage_limit_gb: 50 }),
        E::ModelLimitExceeded(hand::ModelLimitExceededDetails { model_limit: 5, model_count: 5 }),
        E::RateLimitExceeded { retry_after: 60 },
        E::FileTooLarge(hand::FileTooLargeDetails { max_size_mb: 500, file_size_mb: 650 }),
        E::InvalidFile,
        E::UnsupportedCodec { codec: "ac3".to_owned() },
        E::ModelInUse { active_transcriptions: 3 },
        E::ModelNotReady(hand::ModelNotReadyDetails { current_status: 1, required_status: 3 }),
        E::TrainingInProgress,
        E::InsufficientData(hand::InsufficientDataDetails { hours_provided: 2.5, hours_required: 5.0 }),
        E::InternalError,
        E::ServiceUnavailable,
        E::Timeout,
    ]
}

fn parity(c: &mut Criterion) {
    let wires: Vec<&str> = hand::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(wires.len(), generated::ErrorCode::ALL.len(), "both crates have every code");
    let bodies: Vec<String> =
        errors().iter().map(|error| serde_json::to_string(&error.to_api_error()).expect("bodies serialize")).collect();
    let hand_errors: Vec<hand::ApiError> = bodies.iter().map(|b| serde_json::from_str(b).expect("parses")).collect();
    let generated_errors: Vec<generated::ApiError> =
        bodies.iter().map(|b| serde_json::from_str(b).expect("parses")).collect();
    for (text, error) in bodies.iter().zip(&generated_errors) {
        assert_eq!(&serde_json::to_string(error).expect("serializes"), text, "both crates write the same body");
    }

    let mut group = c.benchmark_group("from_str");
    group.bench_function("generated", |b| {
        b.iter(|| {
            for wire in &wires {
                black_box(generated::ErrorCode::from_str(black_box(wire)).is_ok());
            }
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            for wire in &wires {
                black_box(hand::ErrorCode::from_str(black_box(wire)).is_ok());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("as_str");
    group.bench_function("generated", |b| {
        b.iter(|| {
            for code in black_box(generated::ErrorCode::ALL) {
                black_box(code.as_str());
            }
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            for code in black_box(hand::ALL) {
                black_box(code.as_str());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("status");
    group.bench_function("generated", |b| {
        b.iter(|| {
            for code in black_box(generated::ErrorCode::ALL) {
                black_box(code.status());
            }
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            for code in black_box(hand::ALL) {
                black_box(code.status());
            }
        })
    });
    group.finish();

    let mut buffer = Vec::with_capacity(4096);
    let mut group = c.benchmark_group("serialize");
    group.bench_function("generated", |b| {
        b.iter(|| {
            for error in &generated_errors {
                buffer.clear();
                serde_json::to_writer(&mut buffer, black_box(error)).expect("serializes");
            }
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            for error in &hand_errors {
                buffer.clear();
                serde_json::to_writer(&mut buffer, black_box(error)).expect("serializes");
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("deserialize");
    group.bench_function("generated", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(serde_json::from_str::<generated::ApiError>(black_box(body)).expect("parses"));
            }
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(serde_json::from_str::<hand::ApiError>(black_box(body)).expect("parses"));
            }
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2))
}

criterion_group! { name = benches; config = config(); targets = parity }
criterion_main!(benches);
