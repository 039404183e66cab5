//! The client retry policy: attempt and delay bounds, and the statuses it retries.

use super::{Checker, MAX_ATTEMPTS};
use crate::diag::Diagnostic;
use crate::model::{DEFAULT_STATUS_RETRIES, DefaultedStatus, RetryMode, RetryPolicy, Status};
use crate::raw::{IDEMPOTENT_METHODS, RawCatalog};
use crate::span::Spanned;

impl Checker {
    /// Checks the client retry policy's bounds and lists which statuses it retries, by mode,
    /// so generated clients need not read the status table again.
    pub(super) fn retry_policy(&mut self, raw: &RawCatalog, statuses: &[Status]) -> RetryPolicy {
        let policy = &raw.retry_policy;
        if !(1..=MAX_ATTEMPTS).contains(&policy.max_attempts.value) {
            self.push(
                Diagnostic::error(
                    "retry-policy",
                    policy.max_attempts.span,
                    format!("`max_attempts` is {}; it counts the first attempt", policy.max_attempts.value),
                )
                .with_help(format!("use 1 (never retry) to {MAX_ATTEMPTS}")),
            );
        }
        if !(policy.multiplier.value.is_finite() && policy.multiplier.value >= 1.0) {
            self.push(
                Diagnostic::error(
                    "retry-policy",
                    policy.multiplier.span,
                    "`multiplier` must be a finite number of at least 1",
                )
                .with_help("2 doubles the delay after each attempt"),
            );
        }
        if policy.initial_delay_ms.value > policy.max_delay_ms.value {
            self.push(Diagnostic::warning(
                "retry-policy",
                policy.initial_delay_ms.span,
                "`initial_delay_ms` is larger than `max_delay_ms`; every delay is capped",
            ));
        }
        if policy.default_retry_after_seconds.value > policy.retry_after_cap_seconds.value {
            self.push(Diagnostic::warning(
                "retry-policy",
                policy.default_retry_after_seconds.span,
                format!(
                    "`default_retry_after_seconds` is {}, longer than `retry_after_cap_seconds` ({}); the cap applies",
                    policy.default_retry_after_seconds.value, policy.retry_after_cap_seconds.value
                ),
            ));
        }
        let idempotent_methods = self.idempotent_methods(&policy.idempotent_methods);
        // The table's rows first, then the defaults for the statuses it lacks.
        let defaulted: Vec<(u16, RetryMode)> = DEFAULT_STATUS_RETRIES
            .into_iter()
            .filter(|(code, _)| !statuses.iter().any(|row| row.code == *code))
            .collect();
        let statuses_with = |mode| {
            let mut codes: Vec<u16> = statuses
                .iter()
                .map(|row| (row.code, row.retry))
                .chain(defaulted.iter().copied())
                .filter(|(_, retry)| *retry == mode)
                .map(|(code, _)| code)
                .collect();
            codes.sort_unstable();
            codes
        };
        RetryPolicy {
            max_attempts: policy.max_attempts.value,
            initial_delay_ms: policy.initial_delay_ms.value,
            multiplier: policy.multiplier.value,
            max_delay_ms: policy.max_delay_ms.value,
            jitter: policy.jitter.value,
            default_retry_after_seconds: policy.default_retry_after_seconds.value,
            max_total_delay_seconds: policy.max_total_delay_seconds.value,
            retry_network_errors: policy.retry_network_errors.value,
            retry_after_cap_seconds: policy.retry_after_cap_seconds.value,
            idempotent_methods,
            backoff_statuses: statuses_with(RetryMode::Backoff),
            delay_statuses: statuses_with(RetryMode::AfterDelay),
            defaulted_statuses: defaulted.iter().map(|&(code, retry)| DefaultedStatus { code, retry }).collect(),
        }
    }

    /// Checks `idempotent_methods`: method tokens in upper case, each once. A method RFC 9110
    /// does not call idempotent (`POST`, `PATCH`) is allowed with a warning: the API may make
    /// it so, but clients will repeat it after any transient failure.
    fn idempotent_methods(&mut self, methods: &[Spanned<String>]) -> Vec<String> {
        let mut checked: Vec<String> = Vec::new();
        for method in methods {
            let text = &method.value;
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'_') {
                self.push(
                    Diagnostic::error(
                        "retry-policy",
                        method.span,
                        format!("`{text}` in `idempotent_methods` is not an upper-case HTTP method"),
                    )
                    .with_help("write methods as HTTP spells them, e.g. `GET`, `PUT`"),
                );
                continue;
            }
            if checked.contains(text) {
                self.push(Diagnostic::error(
                    "retry-policy",
                    method.span,
                    format!("`{text}` is in `idempotent_methods` twice"),
                ));
                continue;
            }
            if !IDEMPOTENT_METHODS.contains(&text.as_str()) {
                self.push(
                    Diagnostic::warning(
                        "retry-policy",
                        method.span,
                        format!("`{text}` is not idempotent in HTTP; clients will repeat it after transient failures"),
                    )
                    .with_help("list it only if the API runs a repeated request once"),
                );
            }
            checked.push(text.clone());
        }
        checked
    }
}

/// A retry mode as the catalog spells it, so diagnostics quote what the author wrote.
pub(super) fn retry_name(mode: RetryMode) -> &'static str {
    match mode {
        RetryMode::Never => "never",
        RetryMode::Backoff => "backoff",
        RetryMode::AfterDelay => "after_delay",
    }
}
