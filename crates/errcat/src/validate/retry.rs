//! The client retry policy: attempt and delay bounds, and the statuses it retries.

use super::{Checker, MAX_ATTEMPTS};
use crate::diag::Diagnostic;
use crate::model::{RetryMode, RetryPolicy, Status};
use crate::raw::RawCatalog;

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
        let statuses_with = |mode| statuses.iter().filter(|s| s.retry == mode).map(|s| s.code).collect::<Vec<_>>();
        RetryPolicy {
            max_attempts: policy.max_attempts.value,
            initial_delay_ms: policy.initial_delay_ms.value,
            multiplier: policy.multiplier.value,
            max_delay_ms: policy.max_delay_ms.value,
            jitter: policy.jitter.value,
            default_retry_after_seconds: policy.default_retry_after_seconds.value,
            max_total_delay_seconds: policy.max_total_delay_seconds.value,
            retry_network_errors: policy.retry_network_errors.value,
            backoff_statuses: statuses_with(RetryMode::Backoff),
            delay_statuses: statuses_with(RetryMode::AfterDelay),
        }
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
