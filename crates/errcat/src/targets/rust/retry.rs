//! The generated `RetryMode` enum, and how the other items name a retry mode: in words
//! for docs, as a variant for code.

use super::model::Model;
use super::source::Source;
use crate::model::RetryMode;

/// How a code in `mode` is retried, in words that follow "**Retry:**" in its reference entry.
/// `retry_header` is the catalog's retry header as a code span ([`Model::retry_header`]).
pub(super) fn retry_words(mode: RetryMode, retry_header: &str) -> String {
    match mode {
        RetryMode::Never => "never".to_owned(),
        RetryMode::Backoff => "with exponential backoff".to_owned(),
        RetryMode::AfterDelay => format!("after the delay in {retry_header}"),
    }
}

/// The generated `RetryMode` variant of `mode`.
pub(super) fn retry_variant(mode: RetryMode) -> &'static str {
    match mode {
        RetryMode::Never => "Never",
        RetryMode::Backoff => "Backoff",
        RetryMode::AfterDelay => "AfterDelay",
    }
}

/// The `RetryMode` enum that `ErrorCode::retry_mode` returns.
pub(super) fn retry_mode(out: &mut Source, model: &Model<'_>) {
    out.doc_text(0, "Whether and how a client retries a request that failed with a code.");
    out.line(0, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]");
    out.line(0, "pub enum RetryMode {");
    out.doc_text(1, "Do not retry: the request must change first.");
    out.line(1, "Never,");
    out.doc_text(1, "Retry with exponential backoff and jitter.");
    out.line(1, "Backoff,");
    out.doc_text(1, &format!("Retry after the delay the server gives in `retry_after` / {}.", model.retry_header));
    out.line(1, "AfterDelay,");
    out.line(0, "}");
}
