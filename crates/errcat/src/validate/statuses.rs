//! The status table: which HTTP statuses the API uses, and how clients retry each.

use std::collections::HashMap;

use super::{Checker, MAX_CODE_LEN};
use crate::diag::Diagnostic;
use crate::model::{RetryMode, Status};
use crate::raw::RawCatalog;
use crate::span::Span;

impl Checker {
    /// Checks the status table: real HTTP codes, no duplicate rows, retry modes that fit the
    /// status, and reason phrases short enough for OpenAPI. Rows come back sorted by code.
    pub(super) fn statuses(&mut self, raw: &RawCatalog) -> Vec<Status> {
        let mut seen: HashMap<u16, Span> = HashMap::new();
        let mut statuses = Vec::new();
        for row in &raw.statuses {
            let code = row.code.value;
            if !(100..=599).contains(&code) {
                self.push(Diagnostic::error(
                    "invalid-status",
                    row.code.span,
                    format!("{code} is not an HTTP status code"),
                ));
            }
            if let Some(first) = seen.insert(code, row.code.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-status",
                        row.code.span,
                        format!("status {code} is in the table twice"),
                    )
                    .with_related(first, "first row here"),
                );
                continue;
            }
            let is_error = code >= 400;
            if !is_error && row.retry.value != RetryMode::Never {
                self.push(
                    Diagnostic::warning(
                        "retry-contradicts-status",
                        row.retry.span,
                        format!("status {code} is not an error, yet its row says to retry"),
                    )
                    .with_help("set `retry: never` for 1xx–3xx statuses"),
                );
            }
            if (400..500).contains(&code) && code != 408 && code != 429 && row.retry.value == RetryMode::Backoff {
                self.push(
                    Diagnostic::warning(
                        "retry-contradicts-status",
                        row.retry.span,
                        format!("client error {code} is retried with backoff; the same request will fail again"),
                    )
                    .with_help("retry only statuses where waiting helps: 408, 429 and 5xx"),
                );
            }
            self.required_text(&row.name, "statuses[].name");
            // The reason phrase names the status's response in OpenAPI, where a key longer
            // than 1024 characters is no YAML; real ones are a few words.
            if row.name.value.chars().count() > MAX_CODE_LEN {
                self.push(
                    Diagnostic::error(
                        "status-name",
                        row.name.span,
                        format!("the name of status {code} is {} characters long", row.name.value.chars().count()),
                    )
                    .with_help(format!("a reason phrase such as `Too Many Requests` has at most {MAX_CODE_LEN}")),
                );
            }
            statuses.push(Status {
                code,
                name: row.name.value.clone(),
                meaning: row.meaning.value.clone(),
                action: row.action.value.clone(),
                retry: row.retry.value,
                is_error,
            });
        }
        statuses.sort_by_key(|status| status.code);
        statuses
    }
}
