//! Conformance vectors: HTTP responses and how every client must classify them.
//!
//! The vectors are the contract between the generated clients (Python, TypeScript, Go):
//! each client's hand-written harness feeds every `response` to its parser and compares
//! the result with `expect`. The classification rules are spelled out in
//! `conformance/README.md`; this module computes the expected values from the checked
//! catalog with those same rules, so the rules have one implementation here and one per
//! client, and the vectors make them agree.

use serde_json::{Map, Value as Json, json};

use crate::model::{Catalog, Code, RetryMode, ScalarType};

/// Largest `retry_after` (body or header) clients accept, in seconds; larger values are
/// treated as absent.
pub const MAX_RETRY_AFTER_SECONDS: u64 = 2_147_483_647;

/// Largest magnitude of an `integer` details value clients accept (2^53 − 1, the
/// largest integer every client language represents exactly).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

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

/// The vectors file for `catalog`, as pretty JSON with a trailing newline.
pub fn vectors(catalog: &Catalog, notice: &str) -> String {
    let mut vectors = Vec::new();
    for code in &catalog.codes {
        vectors.push(code_vector(catalog, code));
    }
    vectors.extend(malformed_vectors(catalog));
    let document = json!({
        "$comment": notice,
        "format": 1,
        "now_epoch_seconds": NOW_EPOCH_SECONDS,
        "limits": {
            "max_retry_after_seconds": MAX_RETRY_AFTER_SECONDS,
            "max_safe_integer": MAX_SAFE_INTEGER,
        },
        "retry_policy": catalog.retry_policy,
        "codes": catalog.codes.iter().map(|code| json!({
            "code": code.code,
            "status": code.status,
            "category": code.category,
            "title": code.title,
            "retryable": code.retryable,
            "retry": code.retry,
        })).collect::<Vec<_>>(),
        "vectors": vectors,
        "retry_scenarios": retry_scenarios(catalog),
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

fn code_vector(catalog: &Catalog, code: &Code) -> Json {
    let body = &code.example.body;
    let text = serde_json::to_string(body).unwrap_or_default();
    let rid = request_id(&code.code);
    let mut headers =
        vec![("Content-Type", "application/json".to_owned()), (catalog.api.headers.request_id.as_str(), rid.clone())];
    if let Some(seconds) = code.retry_after {
        headers.push((catalog.api.headers.retry_after.as_str(), seconds.to_string()));
    }
    let expect = classify(catalog, code.status, &headers, &text);
    json!({
        "name": format!("code/{}", code.code),
        "response": response(code.status, &headers, &text),
        "expect": expect,
    })
}

/// A hand-made response: name, status, headers, raw body.
type Case<'a> = (String, u16, Vec<(&'a str, String)>, String);

fn malformed_vectors(catalog: &Catalog) -> Vec<Json> {
    let headers = &catalog.api.headers;
    let json_type = ("Content-Type", "application/json".to_owned());
    let rid = |name: &str| (headers.request_id.as_str(), request_id(name));
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
            "malformed/missing-error-code".into(),
            422,
            vec![json_type.clone(), rid("missing")],
            r#"{"error": "Validation Error", "message": "Invalid field values", "details": {"name": "Name cannot be empty"}}"#.into(),
        ),
        (
            "malformed/error-code-not-a-string".into(),
            400,
            vec![json_type.clone()],
            r#"{"error": "Bad Request", "message": "Bad", "error_code": 42}"#.into(),
        ),
        (
            "malformed/message-not-a-string".into(),
            400,
            vec![json_type.clone()],
            r#"{"error": "Bad Request", "message": {"text": "nested"}, "error_code": "SOMETHING"}"#.into(),
        ),
        (
            "malformed/unknown-code".into(),
            400,
            vec![json_type.clone(), rid("unknown")],
            r#"{"error": "Bad Request", "message": "A code from a newer server", "error_code": "BRAND_NEW_CODE", "details": {"hint": "upgrade", "count": 2}}"#.into(),
        ),
        (
            "malformed/unknown-code-unknown-status".into(),
            418,
            vec![json_type.clone()],
            r#"{"error": "I'm a teapot", "message": "Short and stout", "error_code": "TEAPOT"}"#.into(),
        ),
        (
            "malformed/retry-after-http-date".into(),
            catalog.delay_statuses().first().copied().unwrap_or(429),
            vec![(headers.retry_after.as_str(), LATER_HTTP_DATE.to_owned())],
            String::new(),
        ),
        (
            "malformed/retry-after-date-in-the-past".into(),
            catalog.delay_statuses().first().copied().unwrap_or(429),
            vec![(headers.retry_after.as_str(), "Tue, 20 Oct 2026 23:00:00 GMT".to_owned())],
            String::new(),
        ),
        (
            "malformed/retry-after-garbage".into(),
            503,
            vec![(headers.retry_after.as_str(), "soon".to_owned()), ("x-request-id", "lower-case-header".into())],
            String::new(),
        ),
        (
            "malformed/retry-after-huge".into(),
            503,
            vec![json_type.clone(), (headers.retry_after.as_str(), "99999999999999999999".into())],
            r#"{"error": "Service Unavailable", "message": "Down", "retry_after": 123456789012345678901234567890}"#.into(),
        ),
        (
            "malformed/retry-after-negative-and-fractional".into(),
            503,
            vec![json_type.clone(), (headers.retry_after.as_str(), "-5".into())],
            r#"{"error": "Service Unavailable", "message": "Down", "retry_after": 1.5}"#.into(),
        ),
        (
            "malformed/retry-after-whole-float".into(),
            503,
            vec![json_type.clone(), (headers.retry_after.as_str(), "5".into())],
            r#"{"error": "Service Unavailable", "message": "Down", "retry_after": 30.0}"#.into(),
        ),
        (
            "malformed/non-ascii-text".into(),
            500,
            vec![json_type.clone(), rid("unicode")],
            "{\"error\": \"Erreur interne \u{1F980}\", \"message\": \"Ünïcødé — \u{202E}gnp.exe \u{2028} \\\"quoted\\\" \\u0000 end\"}"
                .into(),
        ),
    ];
    // Known-code cases need a code; pick stable ones from the catalog when it has them.
    if let Some(code) = catalog.codes.first() {
        let body = json!({
            "error": code.title, "message": "Ünïcødé message with emoji \u{1F980} and \u{2028} separator",
            "error_code": code.code,
        });
        cases.push((
            "known/non-ascii-message".into(),
            code.status,
            vec![json_type.clone()],
            serde_json::to_string(&body).unwrap_or_default(),
        ));
        let mut with_bom = String::from('\u{FEFF}');
        with_bom.push_str(&serde_json::to_string(&code.example.body).unwrap_or_default());
        cases.push(("malformed/byte-order-mark".into(), code.status, vec![json_type.clone()], with_bom));
        let body = json!({"error": code.title, "message": "Server sends a newer status", "error_code": code.code});
        cases.push((
            "known/status-disagrees-with-code".into(),
            if code.status == 500 { 400 } else { 500 },
            vec![json_type.clone()],
            serde_json::to_string(&body).unwrap_or_default(),
        ));
    }
    let integer_field = catalog.codes.iter().find_map(|code| {
        code.wire_fields().find(|f| f.ty.scalar == ScalarType::Integer && !f.ty.list).map(|f| (code, f))
    });
    if let Some((code, field)) = integer_field {
        let mut body = code.example.body.clone();
        if let Some(details) = body.get_mut("details").and_then(Json::as_object_mut) {
            details.insert(field.name.clone(), json!(field.example.to_string()));
        } else if let Some(object) = body.as_object_mut() {
            object.insert("details".into(), json!({ field.name.clone(): "not a number" }));
        }
        cases.push((
            format!("known/wrong-detail-type/{}", code.code),
            code.status,
            vec![json_type.clone()],
            serde_json::to_string(&body).unwrap_or_default(),
        ));
        let mut body = code.example.body.clone();
        let huge = r#""__HUGE__""#;
        if let Some(object) = body.as_object_mut() {
            let details = object.entry("details").or_insert_with(|| json!({}));
            if let Some(details) = details.as_object_mut() {
                details.insert(field.name.clone(), json!("__HUGE__"));
            }
        }
        let text = serde_json::to_string(&body).unwrap_or_default().replace(huge, "9007199254740993");
        cases.push((format!("known/unsafe-integer-detail/{}", code.code), code.status, vec![json_type.clone()], text));
        let mut body = code.example.body.clone();
        let marker = r#""__WHOLE__""#;
        if let Some(details) = body.get_mut("details").and_then(Json::as_object_mut) {
            details.insert(field.name.clone(), json!("__WHOLE__"));
        }
        let text = serde_json::to_string(&body).unwrap_or_default().replace(marker, "1e2");
        cases.push((
            format!("known/whole-number-written-as-float/{}", code.code),
            code.status,
            vec![json_type.clone()],
            text,
        ));
        let mut body = code.example.body.clone();
        if let Some(object) = body.as_object_mut() {
            object.insert("details".into(), json!("not an object"));
        }
        cases.push((
            format!("known/details-not-an-object/{}", code.code),
            code.status,
            vec![json_type.clone()],
            serde_json::to_string(&body).unwrap_or_default(),
        ));
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
/// `conformance/README.md`.
pub fn classify(catalog: &Catalog, status: u16, headers: &[(&str, String)], body: &str) -> Json {
    let header = |name: &str| headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let request_id = header(&catalog.api.headers.request_id);
    let parsed: Option<Map<String, Json>> =
        match serde_json::from_str::<Json>(body.strip_prefix('\u{FEFF}').unwrap_or(body)) {
            Ok(Json::Object(object)) => Some(object),
            _ => None,
        };
    let string = |key: &str| parsed.as_ref().and_then(|o| o.get(key)).and_then(Json::as_str).map(str::to_owned);
    let details = parsed.as_ref().and_then(|o| o.get("details")).filter(|d| d.is_object()).cloned();
    let body_retry_after = parsed.as_ref().and_then(|o| o.get("retry_after")).and_then(valid_seconds_json);
    let header_retry_after = header(&catalog.api.headers.retry_after).and_then(header_seconds);
    let retry_after = body_retry_after.or(header_retry_after);
    let status_retryable = catalog.status(status).is_some_and(|row| row.retry != RetryMode::Never);
    let (message, code_text) = (string("message"), string("error_code"));
    let well_formed = parsed.is_some() && message.is_some() && code_text.is_some();
    let fallback_message = || {
        message.clone().unwrap_or_else(|| match catalog.status(status) {
            Some(row) => format!("HTTP {status} {}", row.name),
            None => format!("HTTP {status}"),
        })
    };
    let known = code_text.as_deref().and_then(|text| catalog.code(text)).filter(|_| well_formed);
    let (kind, code, category, retryable, details_valid) = match (well_formed, known) {
        (true, Some(code)) => {
            let valid = details_valid(code, parsed.as_ref().and_then(|o| o.get("details")));
            ("known", Some(code.code.clone()), Some(code.category.clone()), code.retryable, valid)
        }
        (true, None) => ("unknown_code", code_text.clone(), None, status_retryable, true),
        (false, _) => ("http", None, None, status_retryable, true),
    };
    json!({
        "kind": kind,
        "status": status,
        "code": code,
        "category": category,
        "title": string("error"),
        "message": if well_formed { message.clone().unwrap_or_default() } else { fallback_message() },
        "details": details,
        "details_valid": details_valid,
        "retryable": retryable,
        "retry_after": retry_after,
        "request_id": request_id,
        "raw_body": body,
    })
}

/// Whether the `details` of a known code's body match its declared fields: each declared
/// wire field present (unless optional) with its type; additional-details values with
/// theirs; extra keys are allowed (a newer server may add fields). Numbers are judged by
/// value, as every client language sees them after parsing: an `integer` is any JSON
/// number with a whole value of magnitude ≤ 2^53 − 1 (so `100.0` and `1e2` count).
fn details_valid(code: &Code, details: Option<&Json>) -> bool {
    let object = match details {
        None => return code.wire_fields().all(|f| f.optional),
        Some(Json::Object(object)) => object,
        Some(_) => return false,
    };
    let declared_ok = code.wire_fields().all(|field| match object.get(&field.name) {
        None => field.optional,
        Some(value) => admits(field.ty, value),
    });
    let additional_ok = code.additional_details.as_ref().is_none_or(|extra| {
        object.iter().filter(|(key, _)| !code.fields.iter().any(|f| &f.name == *key)).all(|(_, v)| admits(extra.ty, v))
    });
    declared_ok && additional_ok
}

/// Whether a parsed JSON value has a details type, judged by value (see [`details_valid`]).
fn admits(ty: crate::model::FieldType, value: &Json) -> bool {
    let scalar = |value: &Json| match ty.scalar {
        ScalarType::String => value.is_string(),
        ScalarType::Number => value.is_number(),
        ScalarType::Boolean => value.is_boolean(),
        ScalarType::Integer => whole(value).is_some_and(|v| v.abs() <= MAX_SAFE_INTEGER as f64),
    };
    match (ty.list, value) {
        (true, Json::Array(items)) => items.iter().all(scalar),
        (true, _) => false,
        (false, value) => scalar(value),
    }
}

/// The value of a JSON number that is whole (`60`, `60.0`, `6e1`, `-0`), as a float.
fn whole(value: &Json) -> Option<f64> {
    value.as_f64().filter(|v| v.is_finite() && v.fract() == 0.0)
}

fn valid_seconds_json(value: &Json) -> Option<u64> {
    whole(value).filter(|v| (0.0..=MAX_RETRY_AFTER_SECONDS as f64).contains(v)).map(|v| v as u64)
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
fn retry_scenarios(catalog: &Catalog) -> Vec<Json> {
    let policy = &catalog.retry_policy;
    let ok = json!({"status": 200, "headers": {"Content-Type": "application/json"}, "body": "{\"ok\": true}"});
    let mut scenarios = Vec::new();
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
        let budget_ms = policy.max_total_delay_seconds as f64 * 1000.0;
        let attempts = policy.max_attempts.clamp(1, crate::validate::MAX_ATTEMPTS);
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
    }
    if let Some(&status) = policy.delay_statuses.first() {
        let with_header =
            json!({"status": status, "headers": {catalog.api.headers.retry_after.clone(): "7"}, "body": ""});
        scenarios.push(json!({
            "name": format!("retry-after-honoured/{status}"),
            "responses": [with_header, ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [7000.0]},
        }));
        let without = json!({"status": status, "headers": {}, "body": ""});
        let default_ms = policy.default_retry_after_seconds as f64 * 1000.0;
        scenarios.push(json!({
            "name": format!("retry-after-default/{status}"),
            "responses": [without, ok.clone()],
            "expect": {"outcome": "success", "attempts": 2, "delays_ms": [default_ms]},
        }));
        let too_long = (policy.max_total_delay_seconds + 1).to_string();
        let beyond =
            json!({"status": status, "headers": {catalog.api.headers.retry_after.clone(): too_long}, "body": ""});
        scenarios.push(json!({
            "name": format!("retry-after-beyond-budget/{status}"),
            "responses": [beyond],
            "expect": {"outcome": "error", "status": status, "attempts": 1, "delays_ms": []},
        }));
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
}
