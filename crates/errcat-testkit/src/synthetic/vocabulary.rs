//! The vocabulary of synthetic catalogs: the services codes are grouped by
//! ([`SERVICES`]), the things they are about ([`NOUNS`]), what went wrong with them
//! ([`CONDITIONS`]: status, wording and details fields), and the names made of these.

use std::fmt::Write as _;

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

/// The things codes are about. Like real catalogs, some codes name tokens (`…_ACCESS_TOKEN_…`),
/// which linters that look for hard-coded passwords mistake for secrets.
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
    "access token",
    "report",
    "dashboard",
    "alert",
    "template",
    "workspace",
    "project",
    "export",
];

/// One details field of a condition. `example` is JSON text.
pub(super) struct Field {
    /// The field's name.
    pub(super) name: &'static str,
    /// Its type.
    pub(super) ty: &'static str,
    /// Its description.
    pub(super) description: &'static str,
    /// Its example value, as JSON text.
    pub(super) example: &'static str,
    /// Whether it is optional.
    pub(super) optional: bool,
    /// Whether it only fills the message.
    pub(super) message_only: bool,
}

/// A required field sent in `details`.
const fn field(name: &'static str, ty: &'static str, description: &'static str, example: &'static str) -> Field {
    Field { name, ty, description, example, optional: false, message_only: false }
}

/// `field`, made optional.
const fn optional(field: Field) -> Field {
    Field { optional: true, ..field }
}

/// `field`, made message-only.
const fn message_only(field: Field) -> Field {
    Field { message_only: true, ..field }
}

/// What went wrong: the last words of a code, its status and its wording. In `message`,
/// `$N` is the noun.
pub(super) struct Condition {
    /// The last words of the code's name.
    pub(super) suffix: &'static str,
    /// Its HTTP status.
    pub(super) status: u16,
    /// Its title.
    pub(super) title: &'static str,
    /// Its message template.
    pub(super) message: &'static str,
    /// Its details fields.
    pub(super) fields: &'static [Field],
    /// Its `retry_after`, in seconds.
    pub(super) retry_after: Option<u64>,
    /// Whether it has additional details.
    pub(super) additional: bool,
}

/// What can go wrong, paired with the nouns by [`pair`].
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
pub(super) struct Service {
    /// The category id: the service's word, `_v2`, `_v3`... past the first round.
    pub(super) id: String,
    /// The category title.
    pub(super) title: String,
    /// What its codes' names start with: the id in upper case.
    pub(super) prefix: String,
    /// The service's word as prose.
    pub(super) label: String,
}

impl Service {
    /// The `k`-th service.
    pub(super) fn new(k: usize) -> Self {
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
pub(super) fn pair(index: usize) -> (&'static str, &'static Condition) {
    let noun = NOUNS[index % NOUNS.len()];
    let condition = &CONDITIONS[(index / NOUNS.len() + index) % CONDITIONS.len()];
    (noun, condition)
}

/// Whether a category's `index`-th code is a legacy name outside the category's pattern.
pub(super) fn is_legacy(index: usize) -> bool {
    index % 50 == 7
}

/// The name of a category's `index`-th code: the service's prefix, the noun and the
/// condition, `LEGACY_` first for a legacy one.
pub(super) fn code_name(service: &Service, index: usize) -> String {
    let (noun, condition) = pair(index);
    let noun = noun.to_ascii_uppercase().replace(' ', "_");
    let name = format!("{}_{noun}_{}", service.prefix, condition.suffix);
    if is_legacy(index) { format!("LEGACY_{name}") } else { name }
}

/// `text` with its first character in upper case.
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_never_repeat_within_a_category() {
        let pairs: std::collections::HashSet<(usize, &str)> =
            (0..800).map(|i| (i % NOUNS.len(), pair(i).1.suffix)).collect();
        assert_eq!(pairs.len(), 800);
    }
}
