//! The YAML text of each part of a synthetic catalog: the fixed [`header`] (format, `api`,
//! `wire`, `statuses`) and [`footer`] (retry policy, logging, practices, one
//! troubleshooting problem per category), a [`category`], and a [`code`] with its
//! description, causes and example body.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use errcat::targets::yaml::string_literal as q;

use super::vocabulary::{Condition, Service, capitalize, code_name, is_legacy, pair};

/// Writes everything before `categories`: format, `api`, `wire` and `statuses`.
pub(super) fn header(out: &mut String) {
    out.push_str(
        r#"# A synthetic catalog for errcat's benchmarks, written by errcat_testkit::synthetic.
format: 1

api:
  name: Synthetic
  description: >-
    Reference of the error responses of the Synthetic cloud platform. Every error response
    carries a JSON body with a short title, a human-readable message and a machine-readable
    `error_code`; branch on the code, show the message, and read `details` for the facts.
  docs_url: "https://docs.synthetic.example/"
  support:
    email: "support@synthetic.example"
    self_service:
      - "Check the error `message` and `details`"
      - "Search the knowledge base"
      - "Check the status page"
    request_checklist:
      - "Error code and message"
      - "Request ID (from the `X-Request-ID` header)"
      - "Timestamp of the error"
  headers:
    authorization: Authorization
    auth_scheme: Bearer
    retry_after: Retry-After
    request_id: X-Request-ID
  uploads:
    formats: [mp3, wav, flac]
    max_size_mb: 500
    large_files: "Use a multipart upload for files over 500 MB"
    content_type: multipart/form-data
  links:
    - id: authentication
      title: Authentication
      url: authentication
      description: "API keys and how to send them"
    - id: rate-limits
      title: Rate Limits
      url: rate-limits
      description: "Limits per plan and how to back off"
    - id: quotas
      title: Quotas
      url: quotas
      description: "Plan quotas and how to raise them"
    - id: resources
      title: Resources
      url: resources
      description: "Resource lifecycle and states"
    - id: status-page
      title: Status Page
      url: "https://status.synthetic.example/"
      description: "Incidents and scheduled maintenance"
    - id: support
      title: Support
      url: support
      description: "How to reach support"
  tip: "Always branch on `error_code`, never on `message`."

wire:
  description: "Every error response carries this JSON body:"
  error:
    description: "Short title of the error, usually the HTTP reason phrase."
    example: "Error Type"
  message:
    description: "Human-readable description; its wording may change."
    example: "Human-readable error description"
  error_code:
    description: "Machine-readable code in SCREAMING_SNAKE_CASE: the field to branch on."
    example: "MACHINE_READABLE_CODE"
  details:
    description: "Object with code-specific facts; absent when the error has none."
    example: {"field_name": "Specific error details"}
  retry_after:
    description: "Seconds to wait before retrying, mirrored in the `Retry-After` header."
    example: 60

statuses:
  - {code: 200, name: "OK", meaning: "Request successful", action: "Continue", retry: never}
  - {code: 400, name: "Bad Request", meaning: "Invalid request parameters", action: "Fix the request", retry: never}
  - {code: 401, name: "Unauthorized", meaning: "Missing or invalid credentials", action: "Check authentication", retry: never}
  - {code: 402, name: "Payment Required", meaning: "Plan limit reached", action: "Upgrade the plan", retry: never}
  - {code: 403, name: "Forbidden", meaning: "Insufficient permissions", action: "Check permissions", retry: never}
  - {code: 404, name: "Not Found", meaning: "Resource does not exist", action: "Check the resource ID", retry: never}
  - {code: 409, name: "Conflict", meaning: "Resource state conflict", action: "Check the resource state", retry: never}
  - {code: 413, name: "Payload Too Large", meaning: "Request too large", action: "Send less", retry: never}
  - {code: 422, name: "Unprocessable Entity", meaning: "Validation failed", action: "Fix the input", retry: never}
  - {code: 429, name: "Too Many Requests", meaning: "Rate limit exceeded", action: "Wait and retry", retry: after_delay}
  - {code: 500, name: "Internal Server Error", meaning: "Server error", action: "Retry, then contact support", retry: backoff}
  - {code: 503, name: "Service Unavailable", meaning: "Temporarily unavailable", action: "Retry later", retry: backoff}
  - {code: 504, name: "Gateway Timeout", meaning: "Request timed out", action: "Retry with backoff", retry: backoff}
"#,
    );
}

/// Writes one category: the service's id, title, description and pattern, and its legacy
/// codes (of its `count`) as pattern exceptions.
pub(super) fn category(out: &mut String, service: &Service, count: usize) {
    let _ = writeln!(out, "  - id: {}", service.id);
    let _ = writeln!(out, "    title: {}", q(&service.title));
    let _ = writeln!(
        out,
        "    description: {}",
        q(&format!(
            "Errors of the {} service: its resources are missing, busy, over a limit, or the service itself failed.",
            service.label
        ))
    );
    let _ = writeln!(out, "    patterns: [{}]", q(&format!("{}_*", service.prefix)));
    let legacy: Vec<String> = (0..count).filter(|&i| is_legacy(i)).map(|i| code_name(service, i)).collect();
    if !legacy.is_empty() {
        out.push_str("    # Codes named before the pattern was agreed on; clients depend on them.\n");
        out.push_str("    pattern_exceptions:\n");
        for name in legacy {
            let _ = writeln!(out, "      - {name}");
        }
    }
}

/// Writes a category's `index`-th code.
pub(super) fn code(out: &mut String, service: &Service, index: usize) {
    let (noun, condition) = pair(index);
    let name = code_name(service, index);
    let message = condition.message.replace("$N", noun);
    let _ = writeln!(out, "\n  - code: {name}");
    let _ = writeln!(out, "    status: {}", condition.status);
    let _ = writeln!(out, "    category: {}", service.id);
    let _ = writeln!(out, "    title: {}", q(condition.title));
    let _ = writeln!(out, "    message: {}", q(&message));
    let summary = format!("{} {}", capitalize(noun), condition.suffix.to_ascii_lowercase().replace('_', " "));
    let _ = writeln!(out, "    summary: {}", q(&summary));
    if index.is_multiple_of(4) {
        let _ = writeln!(out, "    heading: {}", q(&format!("{} ({})", summary, service.title)));
    }
    out.push_str("    description: >-\n");
    for line in description(service, noun, condition).lines() {
        let _ = writeln!(out, "      {line}");
    }
    out.push_str("    causes:\n");
    for cause in causes(service, noun, condition).iter().take(2 + index % 2) {
        let _ = writeln!(out, "      - {}", q(cause));
    }
    let _ = writeln!(
        out,
        "    solution: {}",
        q(&format!(
            "Check the {noun} in the dashboard or with `GET /{}/{}s`, fix what the message names and send the request again.",
            service.id,
            noun.replace(' ', "_")
        ))
    );
    if index.is_multiple_of(3) {
        out.push_str("    solution_steps:\n");
        for step in [
            format!("Read `details` for the facts about the {noun}"),
            "Fix the request, or wait for the state to change".to_owned(),
            "Send the request again; contact support with the `X-Request-ID` if it fails again".to_owned(),
        ] {
            let _ = writeln!(out, "      - {}", q(&step));
        }
    }
    if let Some(seconds) = condition.retry_after {
        let _ = writeln!(out, "    retry_after: {seconds}");
    }
    if !condition.fields.is_empty() {
        out.push_str("    details:\n");
        for field in condition.fields {
            let _ = writeln!(out, "      - name: {}", field.name);
            let _ = writeln!(out, "        type: {}", q(field.ty));
            let _ = writeln!(out, "        description: {}", q(field.description));
            let _ = writeln!(out, "        example: {}", field.example);
            if field.optional {
                out.push_str("        optional: true\n");
            }
            if field.message_only {
                out.push_str("        message_only: true\n");
            }
        }
    }
    if condition.additional {
        out.push_str("    additional_details:\n");
        out.push_str("      key: \"request field name\"\n");
        out.push_str("      type: string\n");
        out.push_str("      description: \"Why the field's value was rejected\"\n");
    }
    // Half of the codes give their example; errcat builds the others from the fields.
    if index.is_multiple_of(2) {
        let body = example(&name, &message, condition, index);
        let _ = writeln!(out, "    example: {}", serde_json::to_string(&body).unwrap_or_default());
    }
    let see = match condition.status {
        401 | 403 => "[authentication, support]",
        402 => "[quotas]",
        429 => "[rate-limits, quotas]",
        500 | 503 | 504 => "[status-page, support]",
        _ => "[resources]",
    };
    let _ = writeln!(out, "    see: {see}");
}

/// Three or four sentences about the code, wrapped at about 90 columns.
fn description(service: &Service, noun: &str, condition: &Condition) -> String {
    let what = condition.suffix.to_ascii_lowercase().replace('_', " ");
    let text = format!(
        "The {} service answered {} because the {noun} is {what}. The request itself reached the \
         service and was authenticated, but the {noun} it names cannot be used the way the request \
         asks. `details` carries the facts the service knows about the {noun}, so a client can \
         show them or act on them without parsing the message. Requests for other resources of \
         the {} service are not affected.",
        service.label, condition.status, service.label
    );
    let mut wrapped = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + word.len() > 88 {
            wrapped.push('\n');
            line = 0;
        } else if line > 0 {
            wrapped.push(' ');
            line += 1;
        }
        wrapped.push_str(word);
        line += word.len();
    }
    wrapped
}

/// The causes of a code; a code lists the first two or all three.
fn causes(service: &Service, noun: &str, condition: &Condition) -> [String; 3] {
    let what = condition.suffix.to_ascii_lowercase().replace('_', " ");
    [
        format!("The {noun} was changed by another client of the {} service", service.label),
        format!("The request names a {noun} that is {what} for this account"),
        "An automated job sent the request without checking the resource first".to_owned(),
    ]
}

/// An example body that agrees with the code: the message filled from the example
/// values, every required field (and every other optional one) in `details`.
fn example(name: &str, message: &str, condition: &Condition, index: usize) -> Json {
    let mut details = Map::new();
    let mut values = Map::new();
    for (n, field) in condition.fields.iter().enumerate() {
        let value: Json = serde_json::from_str(field.example).unwrap_or(Json::Null);
        values.insert(field.name.to_owned(), value.clone());
        if !field.message_only && (!field.optional || (index / 2 + n).is_multiple_of(2)) {
            details.insert(field.name.to_owned(), value);
        }
    }
    if condition.additional {
        details.insert("name".to_owned(), json!("Name cannot be empty"));
        details.insert("region".to_owned(), json!("Region 'mars-1' does not exist"));
    }
    let retry_after = condition.retry_after;
    let filled = fill(message, |placeholder| {
        if placeholder == "retry_after" {
            return retry_after.map(|r| r.to_string()).unwrap_or_default();
        }
        values.get(placeholder).map(plain_text).unwrap_or_default()
    });
    let mut body = Map::new();
    body.insert("error".to_owned(), json!(condition.title));
    body.insert("message".to_owned(), json!(filled));
    body.insert("error_code".to_owned(), json!(name));
    if !details.is_empty() {
        body.insert("details".to_owned(), Json::Object(details));
    }
    if let Some(seconds) = retry_after {
        body.insert("retry_after".to_owned(), json!(seconds));
    }
    Json::Object(body)
}

/// `template` with each `{name}` replaced by `value(name)` (synthetic messages have no
/// escaped braces).
fn fill(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&value(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A value as a message shows it: strings without quotes, lists joined with `, `.
fn plain_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// Writes everything after `codes`: retry policy, logging, practices, and one
/// troubleshooting problem per category (`counts` codes each) naming its first codes.
pub(super) fn footer(out: &mut String, services: &[Service], counts: &[usize]) {
    out.push_str(
        r#"
retry_policy:
  max_attempts: 3
  initial_delay_ms: 1000
  multiplier: 2.0
  max_delay_ms: 30000
  jitter: full
  default_retry_after_seconds: 60
  max_total_delay_seconds: 300
  retry_network_errors: true

logging:
  fields: [error, error_code, message, status_code, details, url, request_id, timestamp]

practices:
  - id: branch-on-codes
    title: Branch on Error Codes
    rule: "Read `error_code` from the body and branch on it; show `message` to people."
    points:
      - "Messages may change wording; codes never change meaning."
      - "A code this client does not know is still an error: fall back to the HTTP status."
  - id: retry-with-backoff
    title: Retry with Backoff
    rule: "Retry 500, 503 and 504 with exponential backoff; on 429 wait `Retry-After` seconds."
    points:
      - "Give up after three attempts."
  - id: log-request-ids
    title: Log Request IDs
    rule: "Log the `X-Request-ID` header of every failed response."

troubleshooting:
"#,
    );
    for (service, &count) in services.iter().zip(counts) {
        let related: Vec<String> = (0..count.min(3)).map(|i| code_name(service, i)).collect();
        let _ = writeln!(out, "  - id: {}-failures", service.id.replace('_', "-"));
        let _ = writeln!(out, "    problem: {}", q(&format!("{} requests fail", service.title)));
        out.push_str("    symptoms:\n");
        let _ = writeln!(out, "      - {}", q(&format!("Calls to the {} service return 4xx errors", service.label)));
        out.push_str("    checklist:\n");
        out.push_str("      - \"Does the resource exist in this account?\"\n");
        out.push_str("      - \"Is the API key allowed to use the service?\"\n");
        out.push_str("    solutions:\n");
        out.push_str("      - \"Follow the solution of the error code in the response\"\n");
        if !related.is_empty() {
            let _ = writeln!(out, "    related_codes: [{}]", related.join(", "));
        }
        out.push_str("    see: [resources, support]\n");
    }
}
