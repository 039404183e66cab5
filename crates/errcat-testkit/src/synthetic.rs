//! Synthetic catalogs of any size, for errcat's scaling benchmarks (`cargo xtask bench`).
//!
//! [`catalog`] writes the YAML of a catalog with `codes` error codes that the validator
//! accepts without a single diagnostic. It imitates a large real catalog rather than
//! hostile input (for that, see [`crate::hostile`]): codes are grouped into services
//! (one category per few hundred codes, as cloud providers group theirs), each with a
//! naming pattern and a few legacy codes listed as pattern exceptions; codes cover every
//! status of the table, message templates with placeholders, details fields of every type
//! (optional and message-only ones too), additional details, `retry_after`, long
//! descriptions, causes, solution steps, links, and examples given in the catalog or left
//! to errcat. The output depends only on `codes`: the same on every machine and run.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use errcat::load::Limits;
use errcat::targets::yaml::string_literal as q;

/// The catalog sizes the benchmarks measure.
pub const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// Limits that admit every synthetic catalog: a 100 000-code catalog is larger than the
/// default [`Limits::max_bytes`].
pub fn limits() -> Limits {
    Limits { max_bytes: 512 * 1024 * 1024, ..Limits::default() }
}

/// The YAML text of a catalog with `codes` error codes.
pub fn catalog(codes: usize) -> String {
    let mut out = String::with_capacity(2048 + codes * 1400);
    header(&mut out);
    let categories = category_count(codes);
    let services: Vec<Service> = (0..categories).map(Service::new).collect();
    // Codes per category: as even as possible, the first categories taking the remainder.
    let counts: Vec<usize> =
        (0..categories).map(|k| codes / categories + usize::from(k < codes % categories)).collect();
    out.push_str("\ncategories:\n");
    for (service, &count) in services.iter().zip(&counts) {
        category(&mut out, service, count);
    }
    out.push_str(if codes == 0 { "\ncodes: []\n" } else { "\ncodes:\n" });
    for (service, &count) in services.iter().zip(&counts) {
        let _ = writeln!(out, "  # ── {} ──", service.title);
        for index in 0..count {
            code(&mut out, service, index);
        }
    }
    footer(&mut out, &services, &counts);
    out
}

/// How many categories a catalog of `codes` codes has: 6, plus one per 250 codes.
pub fn category_count(codes: usize) -> usize {
    6 + codes / 250
}

/// Words naming the services (categories); past the end of the list they repeat as
/// `…_v2`, `…_v3`.
const SERVICES: [&str; 12] = [
    "billing",
    "storage",
    "compute",
    "network",
    "database",
    "messaging",
    "search",
    "media",
    "identity",
    "analytics",
    "notifications",
    "machine_learning",
];

/// The things codes are about.
const NOUNS: [&str; 40] = [
    "invoice",
    "payment method",
    "subscription",
    "bucket",
    "object",
    "volume",
    "snapshot",
    "instance",
    "image",
    "subnet",
    "firewall rule",
    "table",
    "backup",
    "queue",
    "topic",
    "index",
    "document",
    "transcript",
    "model",
    "dataset",
    "job",
    "pipeline",
    "webhook",
    "api key",
    "user",
    "group",
    "role",
    "policy",
    "certificate",
    "domain",
    "record",
    "region",
    "session",
    "report",
    "dashboard",
    "alert",
    "template",
    "workspace",
    "project",
    "export",
];

/// One details field of a condition. `example` is JSON text.
struct Field {
    name: &'static str,
    ty: &'static str,
    description: &'static str,
    example: &'static str,
    optional: bool,
    message_only: bool,
}

const fn field(name: &'static str, ty: &'static str, description: &'static str, example: &'static str) -> Field {
    Field { name, ty, description, example, optional: false, message_only: false }
}

const fn optional(field: Field) -> Field {
    Field { optional: true, ..field }
}

const fn message_only(field: Field) -> Field {
    Field { message_only: true, ..field }
}

/// What went wrong: the last words of a code, its status and its wording. In `message`,
/// `$N` is the noun.
struct Condition {
    suffix: &'static str,
    status: u16,
    title: &'static str,
    message: &'static str,
    fields: &'static [Field],
    retry_after: Option<u64>,
    additional: bool,
}

const CONDITIONS: [Condition; 20] = [
    Condition {
        suffix: "NOT_FOUND",
        status: 404,
        title: "Not Found",
        message: "The $N `{resource_id}` does not exist",
        fields: &[field("resource_id", "string", "ID of the resource that was requested", "\"res_8f14e45f\"")],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "ALREADY_EXISTS",
        status: 409,
        title: "Conflict",
        message: "A $N named '{name}' already exists",
        fields: &[
            field("name", "string", "The name that is taken", "\"production\""),
            optional(field("existing_id", "string", "ID of the resource that has the name", "\"res_c9f0f895\"")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "IN_USE",
        status: 409,
        title: "Conflict",
        message: "The $N is in use by {active_operations} running operations",
        fields: &[
            field("active_operations", "integer", "Number of running operations that use the resource", "3"),
            optional(field(
                "holders",
                "string[]",
                "IDs of the operations holding the resource",
                "[\"op_1\", \"op_2\"]",
            )),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "NOT_READY",
        status: 409,
        title: "Conflict",
        message: "The $N is {current_state}; the operation needs it {required_state}",
        fields: &[
            field("current_state", "string", "The state the resource is in", "\"provisioning\""),
            field("required_state", "string", "The state the operation requires", "\"active\""),
            optional(field("progress", "number", "How far the current state change is, from 0 to 1", "0.45")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "LIMIT_EXCEEDED",
        status: 402,
        title: "Payment Required",
        message: "Your plan allows {limit} of this $N; you have {used}",
        fields: &[
            field("limit", "integer", "How many the plan allows", "25"),
            field("used", "integer", "How many the account has", "25"),
            optional(field("plan", "string", "The account's plan", "\"team\"")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "RATE_LIMITED",
        status: 429,
        title: "Too Many Requests",
        message: "Too many $N requests. Try again in {retry_after} seconds.",
        fields: &[
            field("window_seconds", "integer", "Length of the rate limit window, in seconds", "60"),
            optional(field(
                "burst_limits",
                "integer[]",
                "Requests allowed per second, minute and hour",
                "[10, 300, 5000]",
            )),
        ],
        retry_after: Some(30),
        additional: false,
    },
    Condition {
        suffix: "TOO_LARGE",
        status: 413,
        title: "Payload Too Large",
        message: "The $N is {size_mb} MB; the limit is {max_size_mb} MB",
        fields: &[
            field("size_mb", "number", "Size of what was sent, in megabytes", "612.5"),
            field("max_size_mb", "integer", "The largest accepted size, in megabytes", "500"),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "INVALID",
        status: 400,
        title: "Bad Request",
        message: "Invalid $N: {reason}",
        fields: &[
            message_only(field("reason", "string", "Why the value was rejected", "\"the name is empty\"")),
            field("field", "string", "The request field that holds the value", "\"name\""),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "MALFORMED",
        status: 400,
        title: "Bad Request",
        message: "The $N is malformed at byte {offset}",
        fields: &[
            field("offset", "integer", "Byte offset of the first malformed byte", "1024"),
            optional(field("expected", "string[]", "What the parser expected there", "[\"a string\", \"null\"]")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "FORBIDDEN",
        status: 403,
        title: "Forbidden",
        message: "Your API key lacks the `{permission}` permission on this $N",
        fields: &[
            field("permission", "string", "The permission the operation needs", "\"write\""),
            field("granted", "string[]", "The permissions the key has", "[\"read\", \"list\"]"),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "EXPIRED",
        status: 401,
        title: "Unauthorized",
        message: "The credentials for this $N expired at {expired_at}",
        fields: &[
            field("expired_at", "string", "When the credentials expired (RFC 3339)", "\"2026-01-31T23:59:59Z\""),
            field("renewable", "boolean", "Whether the credentials can be renewed", "true"),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "UNAUTHENTICATED",
        status: 401,
        title: "Unauthorized",
        message: "The $N request carries no credentials",
        fields: &[],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "UNAVAILABLE",
        status: 503,
        title: "Service Unavailable",
        message: "The $N service is temporarily unavailable",
        fields: &[
            optional(field("maintenance", "boolean", "Whether this is scheduled maintenance", "false")),
            optional(field("region", "string", "The region that is affected", "\"eu-west-1\"")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "TIMEOUT",
        status: 504,
        title: "Gateway Timeout",
        message: "The $N request timed out after {timeout_ms} ms",
        fields: &[field("timeout_ms", "integer", "How long the server waited, in milliseconds", "30000")],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "INTERNAL_FAILURE",
        status: 500,
        title: "Internal Server Error",
        message: "An internal error occurred while processing the $N",
        fields: &[optional(field("incident_id", "string", "The incident to quote to support", "\"inc_2026_0042\""))],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "VALIDATION_FAILED",
        status: 422,
        title: "Validation Error",
        message: "The $N has invalid fields",
        fields: &[],
        retry_after: None,
        additional: true,
    },
    Condition {
        suffix: "QUOTA_EXCEEDED",
        status: 402,
        title: "Quota Exceeded",
        message: "Monthly $N quota exceeded: {used_ratio} of the plan is used",
        fields: &[
            field("used_ratio", "number", "Share of the quota used, 1 meaning all of it", "1.25"),
            optional(field("alert_thresholds", "number[]", "Shares at which alerts were sent", "[0.5, 0.8, 1.0]")),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "LOCKED",
        status: 409,
        title: "Conflict",
        message: "The $N is locked by {owner}",
        fields: &[
            field("owner", "string", "Who holds the lock", "\"deploy-bot\""),
            optional(field(
                "lock_flags",
                "boolean[]",
                "Whether the lock blocks reads, writes and deletes",
                "[false, true, true]",
            )),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "UNSUPPORTED",
        status: 400,
        title: "Bad Request",
        message: "The $N format '{format}' is not supported",
        fields: &[
            field("format", "string", "The format that was sent", "\"wma\""),
            field("supported", "string[]", "The formats that are supported", "[\"mp3\", \"wav\", \"flac\"]"),
        ],
        retry_after: None,
        additional: false,
    },
    Condition {
        suffix: "VERSION_MISMATCH",
        status: 409,
        title: "Conflict",
        message: "The $N changed: expected version {expected_version}, found {actual_version}",
        fields: &[
            field("expected_version", "integer", "The version the request was based on", "7"),
            field("actual_version", "integer", "The current version", "9"),
        ],
        retry_after: None,
        additional: false,
    },
];

/// One category: a service and its naming prefix.
struct Service {
    id: String,
    title: String,
    prefix: String,
    label: String,
}

impl Service {
    fn new(k: usize) -> Self {
        let word = SERVICES[k % SERVICES.len()];
        let generation = k / SERVICES.len();
        let id = if generation == 0 { word.to_owned() } else { format!("{word}_v{}", generation + 1) };
        let label = word.replace('_', " ");
        let mut title = capitalize(&label);
        if generation > 0 {
            let _ = write!(title, " v{}", generation + 1);
        }
        Service { prefix: id.to_ascii_uppercase(), id, title, label }
    }
}

/// The noun and condition of a category's `index`-th code: every pair at most once for
/// `index < 800` (noun `index % 40`; the condition steps on every 40 codes, so pairs never
/// repeat).
fn pair(index: usize) -> (&'static str, &'static Condition) {
    let noun = NOUNS[index % NOUNS.len()];
    let condition = &CONDITIONS[(index / NOUNS.len() + index) % CONDITIONS.len()];
    (noun, condition)
}

/// Whether a category's `index`-th code is a legacy name outside the category's pattern.
fn is_legacy(index: usize) -> bool {
    index % 50 == 7
}

fn code_name(service: &Service, index: usize) -> String {
    let (noun, condition) = pair(index);
    let noun = noun.to_ascii_uppercase().replace(' ', "_");
    let name = format!("{}_{noun}_{}", service.prefix, condition.suffix);
    if is_legacy(index) { format!("LEGACY_{name}") } else { name }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn header(out: &mut String) {
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

fn category(out: &mut String, service: &Service, count: usize) {
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

fn code(out: &mut String, service: &Service, index: usize) {
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

fn footer(out: &mut String, services: &[Service], counts: &[usize]) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_catalogs_are_clean() {
        for codes in [0, 1, 7, 100, 1_000] {
            let text = catalog(codes);
            let checked = errcat::check_str(&text, &limits());
            assert!(
                checked.diagnostics.is_empty(),
                "{codes} codes: {:#?}",
                &checked.diagnostics[..3.min(checked.diagnostics.len())]
            );
            let catalog = checked.catalog.expect("a catalog without diagnostics");
            assert_eq!(catalog.codes.len(), codes);
            assert_eq!(catalog.categories.len(), category_count(codes));
        }
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(catalog(300), catalog(300));
    }

    #[test]
    fn pairs_never_repeat_within_a_category() {
        let pairs: std::collections::HashSet<(usize, &str)> =
            (0..800).map(|i| (i % NOUNS.len(), pair(i).1.suffix)).collect();
        assert_eq!(pairs.len(), 800);
    }
}
