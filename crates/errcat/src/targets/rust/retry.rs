//! The generated `RetryMode` enum, and how the other items name a retry mode: in words
//! for docs, as a variant for code.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc::doc;
use super::model::Model;
use crate::model::RetryMode;

/// How a code in `mode` is retried, in words that follow "**Retry:**" in its reference entry.
/// `retry_header` is the catalog's retry header as a code span ([`Model::retry_header`]).
pub(super) fn retry_words(mode: RetryMode, retry_header: &str) -> String {
    match mode {
        RetryMode::Never => "never (the request must change first)".to_owned(),
        RetryMode::Backoff => "with exponential backoff".to_owned(),
        RetryMode::AfterDelay => format!("after the delay in {retry_header}"),
    }
}

/// The generated `RetryMode` variant of `mode`.
pub(super) fn retry_variant(mode: RetryMode) -> TokenStream {
    match mode {
        RetryMode::Never => quote! { RetryMode::Never },
        RetryMode::Backoff => quote! { RetryMode::Backoff },
        RetryMode::AfterDelay => quote! { RetryMode::AfterDelay },
    }
}

/// The `RetryMode` enum that `ErrorCode::retry_mode` returns.
pub(super) fn retry_mode(model: &Model<'_>) -> TokenStream {
    let enum_doc = doc("Whether and how a client retries a request that failed with a code.");
    let never = doc("Do not retry: the request must change first.");
    let backoff = doc("Retry with exponential backoff and jitter.");
    let after_delay =
        doc(&format!("Retry after the delay the server gives in `retry_after` / {}.", model.retry_header));
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RetryMode {
            #never
            Never,
            #backoff
            Backoff,
            #after_delay
            AfterDelay,
        }
    }
}
