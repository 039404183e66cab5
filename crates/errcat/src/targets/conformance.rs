//! Conformance vectors: HTTP responses and how every client must classify them.
//!
//! The vectors are the contract between the generated clients (Python, TypeScript, Go):
//! each client's hand-written harness feeds every `response` to its parser and compares
//! the result with `expect`. The classification rules are spelled out in
//! `conformance/README.md`; this module computes the expected values from the checked
//! catalog with those same rules, so the rules have one implementation here and one per
//! client, and the vectors make them agree.

use serde_json::{Map, Value as Json, json};

use crate::model::{Catalog, Code, DefaultedStatus, RetryMode, ScalarType};
use crate::wire::{Details, Parts, Profile, ProfileKind, admits, decode_text, grpc_status_of_http};

pub use crate::wire::{MAX_RETRY_AFTER_SECONDS, MAX_SAFE_INTEGER};

/// The fixed "now" of every vector, so HTTP-date `Retry-After` values give fixed delays.
const NOW_EPOCH_SECONDS: u64 = 1_792_540_800; // 2026-10-21T00:00:00Z
#[cfg(test)]
const NOW_HTTP_DATE: &str = "Wed, 21 Oct 2026 00:00:00 GMT";
const LATER_HTTP_DATE: &str = "Wed, 21 Oct 2026 00:01:30 GMT";

/// The conformance target: `conformance/vectors.json`, computed by the reference
/// classifier rather than rendered from a template.
pub struct Conformance;

impl crate::targets::Target for Conformance {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Conformance
    }

    fn name(&self) -> &'static str {
        "conformance"
    }

    fn describe(&self) -> &'static str {
        "conformance vectors and retry scenarios every client harness passes"
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        Ok(crate::render::Files::from([("conformance/vectors.json".to_owned(), vectors(job.catalog, &job.notice))]))
    }
}

/// The spellings of header names every harness reads every vector's response with, through
/// each header object its language's HTTP libraries give: the names as the vector gives
/// them, lower-cased (HTTP/2, Node's `http`, a proxy) and upper-cased. Names are
/// case-insensitive, so each must classify the same.
pub const HEADER_NAME_CASES: [&str; 3] = ["as_sent", "lower", "upper"];

/// The vectors file for `catalog`, as pretty JSON with a trailing newline.
pub fn vectors(catalog: &Catalog, notice: &str) -> String {
    let mut vectors = Vec::new();
    for code in &catalog.codes {
        vectors.push(code_vector(catalog, code, "code"));
    }
    // An older server may still send a removed code: decoded as its replacement, if any,
    // else as a code this client does not know.
    for tombstone in &catalog.removed {
        vectors.push(code_vector(catalog, &tombstone.code, "removed"));
    }
    vectors.extend(malformed_vectors(catalog));
    let document = json!({
        "$comment": notice,
        "format": 1,
        "profile": catalog.wire.profile.kind.as_str(),
        "now_epoch_seconds": NOW_EPOCH_SECONDS,
        "limits": {
            "max_retry_after_seconds": MAX_RETRY_AFTER_SECONDS,
            "max_safe_integer": MAX_SAFE_INTEGER,
        },
        "retry_policy": catalog.retry_policy,
        "header_name_cases": HEADER_NAME_CASES,
        "codes": catalog.codes.iter().map(|code| json!({
            "code": code.code,
            "status": code.status,
            "category": code.category,
            "title": code.title,
            "retryable": code.retryable,
            "retry": code.retry,
            "doc_url": code.doc_url,
            "grpc_status": code.grpc_status,
        })).collect::<Vec<_>>(),
        "replacements": catalog.replacements().iter().map(|replacement| json!({
            "wire_code": replacement.wire,
            "code": replacement.code.code,
        })).collect::<Vec<_>>(),
        "vectors": vectors,
        "retry_scenarios": retry_scenarios(catalog),
        "localized": super::localized_vectors::section(catalog),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// A response as the harness replays it: the body is raw text, headers are as sent.
fn response(status: u16, headers: &[(&str, String)], body: &str) -> Json {
    let headers: Map<String, Json> = headers.iter().map(|(name, value)| ((*name).to_owned(), json!(value))).collect();
    json!({ "status": status, "headers": headers, "body": body })
}

fn request_id(name: &str) -> String {
    format!("req_{}", name.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
}

/// The vector `<group>/<CODE>`: the code's example response, as its server sends it.
fn code_vector(catalog: &Catalog, code: &Code, group: &str) -> Json {
    let body = &code.example.body;
    let text = serde_json::to_string(body).unwrap_or_default();
    let rid = request_id(&code.code);
    let mut headers = vec![
        ("Content-Type", catalog.wire.profile.media_type.clone()),
        (catalog.api.headers.request_id.as_str(), rid.clone()),
    ];
    if let Some(seconds) = code.retry_after {
        headers.push((catalog.api.headers.retry_after.as_str(), seconds.to_string()));
    }
    let expect = classify(catalog, code.status, &headers, &text);
    json!({
        "name": format!("{group}/{}", code.code),
        "response": response(code.status, &headers, &text),
        "expect": expect,
    })
}

/// A hand-made response: name, status, headers, raw body.
type Case<'a> = (String, u16, Vec<(&'a str, String)>, String);

/// The body of a made-up error in the catalog's profile (for codes the catalog lacks).
fn made_up(profile: &Profile, status: u16, title: &str, message: &str, code: &str, details: Option<Json>) -> Json {
    let details = details.and_then(|d| d.as_object().cloned());
    profile.body(&Parts {
        title: Some(title),
        message,
        code,
        details: details.as_ref(),
        retry_after: None,
        doc_url: None,
        status,
        grpc_status: grpc_status_of_http(status),
        category: "api_error",
    })
}

/// `body` with the member of `role` set to `value` (removed with `None`).
fn with(profile: &Profile, mut body: Json, role: &str, value: Option<Json>) -> Json {
    profile.put(&mut body, role, value);
    body
}

/// The body as text with the string `"marker"` replaced by raw JSON text (for numbers no
/// `serde_json::Value` can hold, such as `1e2` as written or a 30-digit integer).
fn text_with(body: &Json, marker: &str, raw: &str) -> String {
    serde_json::to_string(body).unwrap_or_default().replace(&format!("\"{marker}\""), raw)
}

fn malformed_vectors(catalog: &Catalog) -> Vec<Json> {
    let headers = &catalog.api.headers;
    let profile = &catalog.wire.profile;
    let text_delays = profile.details_as_text();
    let json_type = ("Content-Type", profile.media_type.clone());
    let rid = |name: &str| (headers.request_id.as_str(), request_id(name));
    let to_text = |body: &Json| serde_json::to_string(body).unwrap_or_default();
    let delay_status = catalog.retry_policy.delay_statuses.first().copied().unwrap_or(429);
    let mut cases: Vec<Case<'_>> = vec![
        (
            "malformed/html-bad-gateway".into(),
            502,
            vec![("Content-Type", "text/html".to_owned())],
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n".into(),
        ),
        ("malformed/empty-body".into(), 503, vec![rid("empty"), (headers.retry_after.as_str(), "120".into())], String::new()),
        ("malformed/invalid-json".into(), 500, vec![json_type.clone(), rid("invalid")], "{\"error\": \"Internal".into()),
        ("malformed/json-array".into(), 400, vec![json_type.clone()], "[1, 2, 3]".into()),
        ("malformed/json-null".into(), 404, vec![json_type.clone()], "null".into()),
        (
            "malformed/retry-after-http-date".into(),
            delay_status,
            vec![(headers.retry_after.as_str(), LATER_HTTP_DATE.to_owned())],
            String::new(),
        ),
        (
            "malformed/retry-after-date-in-the-past".into(),
            delay_status,
            vec![(headers.retry_after.as_str(), "Tue, 20 Oct 2026 23:00:00 GMT".to_owned())],
            String::new(),
        ),
        (
            "malformed/retry-after-garbage".into(),
            503,
            vec![(headers.retry_after.as_str(), "soon".to_owned()), ("x-request-id", "lower-case-header".into())],
            String::new(),
        ),
    ];
    let validation = made_up(
        profile,
        422,
        "Validation Error",
        "Invalid field values",
        "SOMETHING",
        Some(json!({"name": "Name cannot be empty"})),
    );
    cases.push((
        "malformed/missing-error-code".into(),
        422,
        vec![json_type.clone(), rid("missing")],
        to_text(&with(profile, validation, "code", None)),
    ));
    let bad = made_up(profile, 400, "Bad Request", "Bad", "SOMETHING", None);
    cases.push((
        "malformed/error-code-not-a-string".into(),
        400,
        vec![json_type.clone()],
        to_text(&with(profile, bad.clone(), "code", Some(json!(42)))),
    ));
    cases.push((
        "malformed/message-not-a-string".into(),
        400,
        vec![json_type.clone()],
        to_text(&with(profile, bad, "message", Some(json!({"text": "nested"})))),
    ));
    let unknown = made_up(
        profile,
        400,
        "Bad Request",
        "A code from a newer server",
        "BRAND_NEW_CODE",
        Some(json!({"hint": "upgrade", "count": 2})),
    );
    cases.push(("malformed/unknown-code".into(), 400, vec![json_type.clone(), rid("unknown")], to_text(&unknown)));
    let teapot = made_up(profile, 418, "I'm a teapot", "Short and stout", "TEAPOT", None);
    cases.push(("malformed/unknown-code-unknown-status".into(), 418, vec![json_type.clone()], to_text(&teapot)));
    // Bodies without a code whose retry delay is out of range, negative, fractional or a
    // whole number written as a float; `google` sends durations (`"30.000s"`).
    let down = with(profile, made_up(profile, 503, "Service Unavailable", "Down", "DOWN", None), "code", None);
    let delays: [(&str, &str, &str, &str); 3] = [
        ("huge", "99999999999999999999", "123456789012345678901234567890", "123456789012345678901234567890s"),
        ("negative-and-fractional", "-5", "1.5", "-1.5s"),
        ("whole-float", "5", "30.0", "30.000s"),
    ];
    for (name, header, number, duration) in delays {
        let body = if text_delays {
            to_text(&with(profile, down.clone(), "retry_after", Some(json!(duration))))
        } else {
            text_with(&with(profile, down.clone(), "retry_after", Some(json!("__DELAY__"))), "__DELAY__", number)
        };
        cases.push((
            format!("malformed/retry-after-{name}"),
            503,
            vec![json_type.clone(), (headers.retry_after.as_str(), header.into())],
            body,
        ));
    }
    let unicode = with(
        profile,
        made_up(
            profile,
            500,
            "Erreur interne \u{1F980}",
            "Ünïcødé — \u{202E}gnp.exe \u{2028} \"quoted\" \u{0} end",
            "X",
            None,
        ),
        "code",
        None,
    );
    cases.push(("malformed/non-ascii-text".into(), 500, vec![json_type.clone(), rid("unicode")], to_text(&unicode)));
    // Known-code cases need a code; pick stable ones from the catalog when it has them.
    if let Some(code) = catalog.codes.first() {
        let body = with(
            profile,
            code.example.body.clone(),
            "message",
            Some(json!("Ünïcødé message with emoji \u{1F980} and \u{2028} separator")),
        );
        cases.push(("known/non-ascii-message".into(), code.status, vec![json_type.clone()], to_text(&body)));
        let mut with_bom = String::from('\u{FEFF}');
        with_bom.push_str(&to_text(&code.example.body));
        cases.push(("malformed/byte-order-mark".into(), code.status, vec![json_type.clone()], with_bom));
        let body = with(profile, code.example.body.clone(), "message", Some(json!("Server sends a newer status")));
        cases.push((
            "known/status-disagrees-with-code".into(),
            if code.status == 500 { 400 } else { 500 },
            vec![json_type.clone()],
            to_text(&body),
        ));
        let elsewhere = "https://elsewhere.example.com/errors/newer-page";
        if profile.path("doc_url").is_some() {
            let body = with(profile, code.example.body.clone(), "doc_url", Some(json!(elsewhere)));
            cases.push(("known/doc-url-from-the-body".into(), code.status, vec![json_type.clone()], to_text(&body)));
        }
        match profile.kind {
            ProfileKind::Problem => {
                let body = with(profile, code.example.body.clone(), "doc_url", Some(json!("about:blank")));
                cases.push(("problem/type-about-blank".into(), code.status, vec![json_type.clone()], to_text(&body)));
                let body = with(profile, code.example.body.clone(), "message", None);
                cases.push(("problem/no-detail".into(), code.status, vec![json_type.clone()], to_text(&body)));
            }
            ProfileKind::Google => {
                let mut body = code.example.body.clone();
                if let Some(entries) = body.pointer_mut("/error/details").and_then(Json::as_array_mut) {
                    entries.retain(|e| e.get("@type").and_then(Json::as_str) != Some(crate::wire::ERROR_INFO_TYPE));
                }
                cases.push(("google/no-error-info".into(), code.status, vec![json_type.clone()], to_text(&body)));
                let body = with(profile, code.example.body.clone(), "grpc_status", Some(json!("NOT_A_STATUS")));
                cases.push(("google/unknown-grpc-status".into(), code.status, vec![json_type.clone()], to_text(&body)));
            }
            ProfileKind::Nested => {
                cases.push((
                    "nested/error-not-an-object".into(),
                    code.status,
                    vec![json_type.clone()],
                    to_text(&json!({"error": code.code})),
                ));
            }
            ProfileKind::Flat => {}
        }
    }
    let integer_field = catalog.codes.iter().find_map(|code| {
        code.wire_fields().find(|f| f.ty.scalar == ScalarType::Integer && !f.ty.list).map(|f| (code, f))
    });
    if let Some((code, field)) = integer_field {
        let wrong = if text_delays { json!("not a number") } else { json!(field.example.to_string()) };
        let mut body = code.example.body.clone();
        profile.put_detail(&mut body, &field.name, wrong);
        cases.push((
            format!("known/wrong-detail-type/{}", code.code),
            code.status,
            vec![json_type.clone()],
            to_text(&body),
        ));
        for (name, raw) in [("unsafe-integer-detail", "9007199254740993"), ("whole-number-written-as-float", "1e2")] {
            let mut body = code.example.body.clone();
            let text = if text_delays {
                profile.put_detail(&mut body, &field.name, json!(raw));
                to_text(&body)
            } else {
                profile.put_detail(&mut body, &field.name, json!("__NUMBER__"));
                text_with(&body, "__NUMBER__", raw)
            };
            cases.push((format!("known/{name}/{}", code.code), code.status, vec![json_type.clone()], text));
        }
        if profile.members.details.is_some() {
            let body = with(profile, code.example.body.clone(), "details", Some(json!("not an object")));
            cases.push((
                format!("known/details-not-an-object/{}", code.code),
                code.status,
                vec![json_type.clone()],
                to_text(&body),
            ));
        }
        if text_delays {
            let mut body = code.example.body.clone();
            profile.put_detail(&mut body, &field.name, json!(100));
            cases.push((
                format!("google/metadata-value-not-a-string/{}", code.code),
                code.status,
                vec![json_type.clone()],
                to_text(&body),
            ));
        }
    }
    cases
        .into_iter()
        .map(|(name, status, headers, body)| {
            let expect = classify(catalog, status, &headers, &body);
            json!({ "name": name, "response": response(status, &headers, &body), "expect": expect })
        })
        .collect()
}

/// What a client must make of a response: the reference implementation of the rules in
/// `conformance/README.md`, for the catalog's profile.
pub fn classify(catalog: &Catalog, status: u16, headers: &[(&str, String)], body: &str) -> Json {
    let header = |name: &str| headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let request_id = header(&catalog.api.headers.request_id);
    let parsed: Option<Map<String, Json>> =
        match serde_json::from_str::<Json>(body.strip_prefix('\u{FEFF}').unwrap_or(body)) {
            Ok(Json::Object(object)) => Some(object),
            _ => None,
        };
    let profile = &catalog.wire.profile;
    let read = parsed.as_ref().map(|body| profile.read(body)).unwrap_or_default();
    let details = match &read.details {
        Details::Object(details) => Some(Json::Object(details.clone())),
        Details::Absent | Details::Invalid => None,
    };
    let header_retry_after = header(&catalog.api.headers.retry_after).and_then(header_seconds);
    let retry_after = read.retry_after.or(header_retry_after);
    let status_retryable = catalog.retry_policy.status_retry(status) != RetryMode::Never;
    let well_formed = parsed.is_some() && read.message.is_some() && read.code.is_some();
    let fallback_message = || {
        read.message.clone().unwrap_or_else(|| match catalog.status(status) {
            Some(row) => format!("HTTP {status} {}", row.name),
            None => format!("HTTP {status}"),
        })
    };
    // A deprecated or removed code with a replacement is decoded as its replacement.
    let known = read.code.as_deref().and_then(|text| catalog.decoded_as(text)).filter(|_| well_formed);
    let (kind, code, category, retryable, details_valid) = match (well_formed, known) {
        (true, Some(code)) => {
            let valid = details_valid(profile, code, &read.details);
            ("known", Some(code.code.clone()), Some(code.category.clone()), code.retryable, valid)
        }
        (true, None) => ("unknown_code", read.code.clone(), None, status_retryable, true),
        (false, _) => ("http", None, None, status_retryable, true),
    };
    let doc_url = read.doc_url.clone().or_else(|| known.map(|code| code.doc_url.clone()));
    let grpc_status = read
        .grpc_status
        .clone()
        .or_else(|| known.map(|code| code.grpc_status.clone()))
        .unwrap_or_else(|| grpc_status_of_http(status).to_owned());
    json!({
        "kind": kind,
        "status": status,
        "code": code,
        "wire_code": if well_formed { read.code.clone() } else { None },
        "category": category,
        "title": read.title,
        "message": if well_formed { read.message.clone().unwrap_or_default() } else { fallback_message() },
        "details": details,
        "details_valid": details_valid,
        "retryable": retryable,
        "retry_after": retry_after,
        "request_id": request_id,
        "doc_url": doc_url,
        "grpc_status": grpc_status,
        "raw_body": body,
    })
}

/// Whether the details of a known code's body match its declared fields: each declared
/// wire field present (unless optional) with its type; additional-details values with
/// theirs; extra keys are allowed (a newer server may add fields). Numbers are judged by
/// value, as every client language sees them after parsing (see [`admits`]); where
/// details travel as text (`google`), each value is first decoded by its field's type
/// ([`decode_text`]).
fn details_valid(profile: &Profile, code: &Code, details: &Details) -> bool {
    let object = match details {
        Details::Absent => return code.wire_fields().all(|f| f.optional),
        Details::Object(object) => object,
        Details::Invalid => return false,
    };
    let has_type = |ty: crate::model::FieldType, value: &Json| {
        if profile.details_as_text() {
            value.as_str().and_then(|text| decode_text(ty, text)).is_some_and(|value| admits(ty, &value))
        } else {
            admits(ty, value)
        }
    };
    let declared_ok = code.wire_fields().all(|field| match object.get(&field.name) {
        None => field.optional,
        Some(value) => has_type(field.ty, value),
    });
    let additional_ok = code.additional_details.as_ref().is_none_or(|extra| {
        object
            .iter()
            .filter(|(key, _)| !code.fields.iter().any(|f| &f.name == *key))
            .all(|(_, v)| has_type(extra.ty, v))
    });
    declared_ok && additional_ok
}

/// `Retry-After` as delta-seconds (ASCII digits only) or an IMF-fixdate relative to the
/// vectors' fixed now (a date in the past gives 0).
fn header_seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().filter(|s| *s <= MAX_RETRY_AFTER_SECONDS);
    }
    let at = parse_imf_fixdate(value)?;
    Some(at.saturating_sub(NOW_EPOCH_SECONDS))
}

/// Parses `Wed, 21 Oct 2026 07:28:00 GMT` into seconds since the Unix epoch.
fn parse_imf_fixdate(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_ascii_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let day: u64 = day.parse().ok()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| m == month)? as u64
        + 1;
    let year: u64 = year.parse().ok()?;
    let clock: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [hour, minute, second] = clock.as_slice() else { return None };
    if !(1..=31).contains(&day) || year < 1970 || *hour > 23 || *minute > 59 || *second > 60 {
        return None;
    }
    // Days from civil date (Howard Hinnant's algorithm).
    let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Retry scenarios: a sequence of responses to successive attempts and what the retry
/// helper must do, with its random source fixed at 0.5.
/// `method` with its first `S` written as a long s (`ſ`, which upper-cases to `S`), or
/// `None` when it has no `S`.
fn unicode_look_alike(method: &str) -> Option<String> {
    method.contains('S').then(|| method.replacen('S', "\u{17f}", 1))
}

fn retry_scenarios(catalog: &Catalog) -> Vec<Json> {
    let policy = &catalog.retry_policy;
    let ok = json!({"status": 200, "headers": {"Content-Type": "application/json"}, "body": "{\"ok\": true}"});
    let mut scenarios = Vec::new();
    let budget_ms = policy.max_total_delay_seconds as f64 * 1000.0;
    let attempts = policy.max_attempts.clamp(1, crate::validate::MAX_ATTEMPTS);
    let backoff = |attempt: u32| -> f64 {
        let base = policy.initial_delay_ms as f64 * policy.multiplier.powi(attempt as i32 - 1);
        let base = base.min(policy.max_delay_ms as f64);
        match policy.jitter {
            crate::model::Jitter::None => base,
            crate::model::Jitter::Full => base * 0.5,
            crate::model::Jitter::Equal => base / 2.0 + base / 2.0 * 0.5,
        }
    };
    if let Some(&status) = policy.backoff_statuses.first() {
        // The helper stops when it runs out of attempts or when the next delay would take
        // the total past `max_total_delay_seconds`.
        let mut delays = Vec::new();
        let mut total = 0.0;
        for attempt in 1..attempts {
            let delay = backoff(attempt);
            if total + delay > budget_ms {
                break;
            }
            total += delay;
            delays.push(delay);
        }
        let made = delays.len() as u32 + 1;
        let failing = json!({"status": status, "headers": {}, "body": ""});
        if made == attempts {
            let mut responses = vec![failing.clone(); attempts as usize - 1];
            responses.push(ok.clone());
            scenarios.push(json!({
                "name": format!("backoff-then-success/{status}"),
                "responses": responses,
                "expect": {"outcome": "success", "attempts": attempts, "delays_ms": delays},
            }));
        }
        scenarios.push(json!({
            "name": format!("backoff-exhausted/{status}"),
            "responses": vec![failing; made as usize],
            "expect": {"outcome": "error", "status": status, "attempts": made, "delays_ms": delays},
        }));
        // A backoff status that says how long to wait (503 where the catalog backs off on
        // it): the server's hint, at most the longest backoff delay.
        let status = policy.backoff_statuses.iter().copied().find(|&s| s == 503).unwrap_or(status);
        let max_delay_ms = policy.max_delay_ms as f64;
        for (name, seconds) in
            [("retry-after-on-backoff", 3), ("retry-after-on-backoff-clamped", policy.max_delay_ms / 1000 + 60)]
        {
            let delay = (seconds as f64 * 1000.0).min(max_delay_ms);
            if attempts < 2 || delay > budget_ms {
                continue;
            }
            let told = json!({"status": status, "headers": {catalog.api.headers.retry_after.clone(): seconds.to_string()}, "body": ""});
            scenarios.push(json!({
                "name": format!("{name}/{status}"),
                "responses": [told, ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [delay]},
            }));
        }
    }
    if let (Some(&status), true) = (policy.backoff_statuses.first(), attempts >= 2) {
        let first_delay = backoff(1);
        let failing = json!({"status": status, "headers": {}, "body": ""});
        // POST after a server error may have run: not repeated without an idempotency key.
        scenarios.push(json!({
            "name": format!("not-idempotent-not-retried/{status}"),
            "request": {"method": "POST"},
            "responses": [failing.clone()],
            "expect": {"outcome": "error", "status": status, "attempts": 1, "delays_ms": []},
        }));
        scenarios.push(json!({
            "name": format!("idempotency-key-retried/{status}"),
            "request": {"method": "POST", "idempotency_key": true},
            "responses": [failing.clone(), ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [first_delay]},
        }));
        // A body read as it was sent (a file, a stream) cannot be sent again: an idempotent
        // request carrying one is not repeated, as a second attempt would send what is left.
        scenarios.push(json!({
            "name": format!("streamed-body-not-retried/{status}"),
            "request": {"method": "PUT", "body": "stream"},
            "responses": [failing.clone()],
            "expect": {"outcome": "error", "status": status, "attempts": 1, "delays_ms": []},
        }));
        scenarios.push(json!({
            "name": format!("lower-case-idempotent-method-retried/{status}"),
            "request": {"method": "put"},
            "responses": [failing.clone(), ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [first_delay]},
        }));
        // Methods match ignoring ASCII case only: one that Unicode case mapping makes an
        // idempotent method (`OPTIONſ`, with a long s, upper-cases to `OPTIONS`) is another
        // method, not repeated after a server error.
        if let Some(method) = policy.idempotent_methods.iter().find_map(|method| unicode_look_alike(method)) {
            scenarios.push(json!({
                "name": format!("unicode-look-alike-method-not-retried/{status}"),
                "request": {"method": method},
                "responses": [failing],
                "expect": {"outcome": "error", "status": status, "attempts": 1, "delays_ms": []},
            }));
        }
        // A proxy's HTML 502 when the status table lacks 502: retried by the default.
        if policy.defaulted_statuses.contains(&DefaultedStatus { code: 502, retry: RetryMode::Backoff }) {
            let html = json!({"status": 502, "headers": {"Content-Type": "text/html"}, "body": "<html><body><h1>502 Bad Gateway</h1></body></html>"});
            scenarios.push(json!({
                "name": "proxy-bad-gateway-retried/502",
                "responses": [html, ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [first_delay]},
            }));
        }
        let network = json!({"network_error": true});
        if policy.retry_network_errors {
            scenarios.push(json!({
                "name": "network-error-retried",
                "responses": [network.clone(), ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [first_delay]},
            }));
        }
        scenarios.push(json!({
            "name": "not-idempotent-network-error-not-retried",
            "request": {"method": "POST"},
            "responses": [network.clone()],
            "expect": {"outcome": "network_error", "attempts": 1, "delays_ms": []},
        }));
        if policy.retry_network_errors {
            scenarios.push(json!({
                "name": "idempotency-key-network-error-retried",
                "request": {"method": "POST", "idempotency_key": true},
                "responses": [network, ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [first_delay]},
            }));
        }
    }
    if let Some(&status) = policy.delay_statuses.first() {
        let retry_after = &catalog.api.headers.retry_after;
        let cap_ms = policy.retry_after_cap_seconds as f64 * 1000.0;
        let with_header = json!({"status": status, "headers": {retry_after.clone(): "7"}, "body": ""});
        scenarios.push(json!({
            "name": format!("retry-after-honoured/{status}"),
            "responses": [with_header, ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [7000.0_f64.min(cap_ms)]},
        }));
        let without = json!({"status": status, "headers": {}, "body": ""});
        let default_ms = (policy.default_retry_after_seconds as f64 * 1000.0).min(cap_ms);
        scenarios.push(json!({
            "name": format!("retry-after-default/{status}"),
            "responses": [without, ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [default_ms]},
        }));
        // The server's word is waited at most `retry_after_cap_seconds`; a wait the budget
        // cannot hold is not made at all.
        let too_long = policy.retry_after_cap_seconds.max(policy.max_total_delay_seconds).saturating_add(1);
        // Only a delay every client reads as one (at most MAX_RETRY_AFTER_SECONDS) says
        // anything about the cap or the budget.
        let readable = too_long <= MAX_RETRY_AFTER_SECONDS;
        let beyond = json!({"status": status, "headers": {retry_after.clone(): too_long.to_string()}, "body": ""});
        if readable && cap_ms <= budget_ms && attempts >= 2 {
            scenarios.push(json!({
                "name": format!("retry-after-clamped/{status}"),
                "responses": [beyond, ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [cap_ms]},
            }));
        } else if readable {
            scenarios.push(json!({
                "name": format!("retry-after-beyond-budget/{status}"),
                "responses": [beyond],
                "expect": {"outcome": "error", "status": status, "attempts": 1, "delays_ms": []},
            }));
        }
        // A request that is not idempotent is still retried when the server asked for a
        // delay: it refused the request before running it.
        let told = json!({"status": status, "headers": {retry_after.clone(): "7"}, "body": ""});
        if attempts >= 2 && 7000.0_f64.min(cap_ms) <= budget_ms {
            scenarios.push(json!({
                "name": format!("not-idempotent-throttled-retried/{status}"),
                "request": {"method": "POST"},
                "responses": [told, ok.clone()],
                "expect": {"outcome": "success", "attempts": 2, "delays_ms": [7000.0_f64.min(cap_ms)]},
            }));
        }
    }
    if let Some(code) = catalog.codes.iter().find(|c| c.status >= 400 && c.status < 500 && c.retry == RetryMode::Never)
    {
        let body = serde_json::to_string(&code.example.body).unwrap_or_default();
        let never = json!({"status": code.status, "headers": {"Content-Type": "application/json"}, "body": body});
        scenarios.push(json!({
            "name": format!("never-retried/{}", code.code),
            "responses": [never],
            "expect": {"outcome": "error", "status": code.status, "code": code.code, "attempts": 1, "delays_ms": []},
        }));
    }
    scenarios
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_parse_to_epoch_seconds() {
        assert_eq!(parse_imf_fixdate(NOW_HTTP_DATE), Some(NOW_EPOCH_SECONDS));
        assert_eq!(header_seconds(LATER_HTTP_DATE), Some(90));
        assert_eq!(header_seconds("Tue, 20 Oct 2026 23:00:00 GMT"), Some(0));
        assert_eq!(header_seconds("120"), Some(120));
        assert_eq!(header_seconds("-5"), None);
        assert_eq!(header_seconds("soon"), None);
        assert_eq!(header_seconds("99999999999999999999"), None);
    }

    /// The catalog with a deprecated code and a tombstone, each replaced by a live code;
    /// `drop_tombstone_replacement` removes the tombstone's `replaced_by` first.
    fn lifecycle(drop_tombstone_replacement: bool) -> Catalog {
        let mut text = include_str!("../../tests/catalogs/lifecycle.yaml").to_owned();
        if drop_tombstone_replacement {
            text = text.replace(", replaced_by: ACCESS_DENIED}", "}");
        }
        crate::check_str(&text, &crate::load::Limits::default()).catalog.expect("the lifecycle catalog is valid")
    }

    fn expect_of(document: &Json, name: &str) -> Json {
        let vectors = document["vectors"].as_array().expect("vectors");
        vectors.iter().find(|v| v["name"] == name).map(|v| v["expect"].clone()).expect("the vector exists")
    }

    #[test]
    fn replaced_codes_are_read_as_their_replacement_keeping_the_wire_code() {
        let document: Json = serde_json::from_str(&vectors(&lifecycle(false), "")).expect("JSON");
        assert_eq!(
            document["replacements"],
            json!([{"wire_code": "OOPS", "code": "SLOW_DOWN"}, {"wire_code": "ACCESS_BLOCKED", "code": "ACCESS_DENIED"}])
        );
        let deprecated = expect_of(&document, "code/OOPS");
        assert_eq!((deprecated["kind"].as_str(), deprecated["code"].as_str()), (Some("known"), Some("SLOW_DOWN")));
        assert_eq!(deprecated["wire_code"], "OOPS");
        assert_eq!(deprecated["category"], "limits");
        assert_eq!(deprecated["details_valid"], true, "OOPS carries SLOW_DOWN's required details");
        let removed = expect_of(&document, "removed/ACCESS_BLOCKED");
        assert_eq!(
            (removed["code"].as_str(), removed["wire_code"].as_str()),
            (Some("ACCESS_DENIED"), Some("ACCESS_BLOCKED"))
        );
        assert_eq!(removed["retryable"], false);
        let live = expect_of(&document, "code/SLOW_DOWN");
        assert_eq!(live["wire_code"], live["code"]);
    }

    #[test]
    fn a_tombstone_without_replacement_is_an_unknown_code() {
        let document: Json = serde_json::from_str(&vectors(&lifecycle(true), "")).expect("JSON");
        let removed = expect_of(&document, "removed/ACCESS_BLOCKED");
        assert_eq!(removed["kind"], "unknown_code");
        assert_eq!(
            (removed["code"].as_str(), removed["wire_code"].as_str()),
            (Some("ACCESS_BLOCKED"), Some("ACCESS_BLOCKED"))
        );
        assert_eq!(document["replacements"], json!([{"wire_code": "OOPS", "code": "SLOW_DOWN"}]));
    }
}
