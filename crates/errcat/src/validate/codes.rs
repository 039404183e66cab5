//! The per-code rules: unique, well-formed names, a status from the table, a known
//! category, the texts users read, the retry mode and `see` links. [`Checker::code`] also
//! runs the details, message and example rules of its code and assembles the model entry.

use std::collections::HashMap;

use super::examples::Identity;
use super::naming::NameKind;
use super::naming::is_wire_name;
use super::retry::retry_name;
use super::{Checker, Context, MAX_CODE_LEN, values};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{AdditionalDetails, Code, CodeSpans, RetryMode};
use crate::raw::{RawCatalog, RawCode};
use crate::span::{Span, Spanned};

impl Checker {
    /// Reports codes defined more than once, or twice in spellings that differ only in case or
    /// punctuation: a code on the wire must mean one thing, and be one name in every client.
    pub(super) fn unique_codes(&mut self, raw: &RawCatalog) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for code in &raw.codes {
            if let Some(first) = seen.insert(code.code.value.as_str(), code.code.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-code",
                        code.code.span,
                        format!("code `{}` is defined twice", code.code.value),
                    )
                    .with_label("second definition")
                    .with_related(first, "first defined here")
                    .with_help("codes are the wire contract: each must be unique; remove or rename one"),
                );
            }
        }
        self.case_clashes(raw.codes.iter().map(|code| &code.code), NameKind::Code, "");
    }

    /// Checks one code against every per-code rule and builds its model entry. Problems are
    /// reported and a best-effort entry is still returned, so the rules after it still run.
    pub(super) fn code(&mut self, code: &RawCode, context: &Context<'_>) -> Code {
        let name = &code.code;
        self.wire_name(name, NameKind::Code, context.naming.and_then(|naming| naming.codes.as_ref()));
        let status = code.status.value;
        let status_retry = match context.statuses.get(&status) {
            Some((_, retry)) => Some(*retry),
            None => {
                let (_, nearest) = context
                    .statuses
                    .keys()
                    .map(|other| (other.abs_diff(status), *other))
                    .filter(|(distance, _)| *distance < 10)
                    .min()
                    .unwrap_or((0, 0));
                let mut diagnostic = Diagnostic::error(
                    "status-not-in-table",
                    code.status.span,
                    format!("code `{}` uses status {status}, which the status table lacks", name.value),
                )
                .with_help(format!("add a row for {status} to `statuses`, or use a status the table has"));
                if nearest != 0 {
                    diagnostic = diagnostic.with_label(format!("the table has {nearest}"));
                }
                self.push(diagnostic);
                None
            }
        };
        if !(400..=599).contains(&status) {
            self.push(
                Diagnostic::error(
                    "status-not-error",
                    code.status.span,
                    format!("error code `{}` has status {status}", name.value),
                )
                .with_help("error codes use a 4xx or 5xx status"),
            );
        }
        match context.categories.get(code.category.value.as_str()) {
            None => {
                let mut diagnostic = Diagnostic::error(
                    "unknown-category",
                    code.category.span,
                    format!("category `{}` is not defined", code.category.value),
                );
                diagnostic = match did_you_mean(&code.category.value, context.categories.keys().copied()) {
                    Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                    None => diagnostic.with_help("add it to `categories`, or use one of its ids"),
                };
                self.push(diagnostic);
            }
            Some(category) => self.code_pattern(code, category),
        }
        self.required_text(&code.title, "title");
        self.required_text(&code.message, "message");
        self.required_text(&code.summary, "summary");
        for (field, value) in [("description", &code.description), ("solution", &code.solution)] {
            if value.value.trim().is_empty() {
                self.push(
                    Diagnostic::warning(
                        "empty-text",
                        value.span,
                        format!("code `{}` has an empty {field}", name.value),
                    )
                    .with_help("the docs and `errcat explain` show it to users; say something useful"),
                );
            }
        }
        for cause in code.causes.iter().chain(&code.solution_steps).filter(|c| c.value.trim().is_empty()) {
            self.push(Diagnostic::warning("empty-text", cause.span, "empty list item"));
        }
        let fields = self.detail_fields(code, context.naming.and_then(|naming| naming.fields.as_ref()));
        let additional_details = code.additional_details.as_ref().and_then(|extra| {
            self.field_type(&extra.ty).map(|ty| AdditionalDetails {
                key: extra.key.value.clone(),
                ty,
                description: extra.description.value.clone(),
            })
        });
        let message = self.message_template(code, &fields);
        let retry = self.code_retry(code, status_retry);
        for see in &code.see {
            self.link_reference(see, &context.links);
        }
        let doc_url = match &code.doc_url {
            Some(url) => self.resolve_url(url, context.docs_url),
            None => format!("{}#{}", context.reference_url, name.value.to_ascii_lowercase()),
        };
        let grpc_status = self.grpc_status(code);
        self.inline_member_clashes(code, context.profile);
        let identity = Identity { doc_url: &doc_url, grpc_status: &grpc_status };
        let example = self.example(code, &message, &fields, additional_details.as_ref(), context.profile, identity);
        Code {
            code: name.value.clone(),
            status,
            category: code.category.value.clone(),
            title: code.title.value.clone(),
            message,
            summary: code.summary.value.clone(),
            heading: code.heading.as_ref().map_or_else(|| code.summary.value.clone(), |h| h.value.clone()),
            description: code.description.value.clone(),
            causes: values(&code.causes),
            solution: code.solution.value.clone(),
            solution_steps: values(&code.solution_steps),
            retry,
            retryable: retry != RetryMode::Never,
            retry_after: code.retry_after.as_ref().map(|r| r.value),
            fields,
            additional_details,
            example,
            see: values(&code.see),
            doc_url,
            grpc_status,
            lifecycle: Default::default(),
            span: name.span,
            spans: CodeSpans {
                status: code.status.span,
                category: code.category.span,
                title: code.title.span,
                message: code.message.span,
                retry: code.retry.as_ref().map_or(code.status.span, |retry| retry.span),
                retry_after: code.retry_after.as_ref().map_or(name.span, |delay| delay.span),
                grpc_status: code.grpc.as_ref().map_or(code.status.span, |grpc| grpc.span),
                doc_url: code.doc_url.as_ref().map_or(name.span, |url| url.span),
            },
        }
    }

    /// Decides how clients retry a code: its own `retry` if given, else its status row's.
    /// Warns when the two disagree, or when `retry_after` is sent but never waited for.
    pub(super) fn code_retry(&mut self, code: &RawCode, status_retry: Option<RetryMode>) -> RetryMode {
        let retry = code.retry.as_ref().map(|r| r.value).or(status_retry).unwrap_or(RetryMode::Never);
        if let (Some(own), Some(table)) = (&code.retry, status_retry)
            && own.value != table
        {
            self.push(
                Diagnostic::warning(
                    "retry-contradicts-status",
                    own.span,
                    format!(
                        "code `{}` says `{}` but the status table says `{}` for {}",
                        code.code.value,
                        retry_name(own.value),
                        retry_name(table),
                        code.status.value
                    ),
                )
                .with_help("clients that only read the status will behave differently; align them or explain why"),
            );
        }
        if let Some(retry_after) = &code.retry_after
            && retry != RetryMode::AfterDelay
        {
            self.push(
                Diagnostic::warning(
                    "retry-contradicts-status",
                    retry_after.span,
                    format!("code `{}` sends `retry_after` but is not retried after a delay", code.code.value),
                )
                .with_help("use a status whose row says `retry: after_delay`, or set `retry: after_delay` on the code"),
            );
        }
        retry
    }

    /// The code's gRPC status: its `grpc` when that is a canonical name (an error
    /// otherwise), else the standard mapping of its HTTP status.
    fn grpc_status(&mut self, code: &RawCode) -> String {
        let derived = crate::wire::grpc_status_of_http(code.status.value);
        let Some(grpc) = &code.grpc else { return derived.to_owned() };
        if crate::wire::GRPC_STATUSES.contains(&grpc.value.as_str()) {
            return grpc.value.clone();
        }
        let mut diagnostic =
            Diagnostic::error("grpc-status", grpc.span, format!("`{}` is not a canonical gRPC status", grpc.value));
        diagnostic = match did_you_mean(&grpc.value.to_ascii_uppercase(), crate::wire::GRPC_STATUSES.iter().copied()) {
            Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
            None => diagnostic.with_help(format!(
                "use one of `google.rpc.Code`'s names, e.g. `{derived}` (the mapping of HTTP {})",
                code.status.value
            )),
        };
        self.push(diagnostic);
        derived.to_owned()
    }

    /// Reports details fields whose key is a member of the profile's own, where details
    /// fields are members of the error object (`problem`, `nested`): the body could not
    /// carry both.
    fn inline_member_clashes(&mut self, code: &RawCode, profile: &crate::wire::Profile) {
        for field in &code.details {
            if profile.reserved.contains(&field.name.value) {
                self.push(
                    Diagnostic::error(
                        "wire-member",
                        field.name.span,
                        format!(
                            "details field `{}` would take the place of the `{}` profile's own `{}` member",
                            field.name.value,
                            profile.kind.as_str(),
                            field.name.value
                        ),
                    )
                    .with_help("in this profile details fields are members of the error object: rename the field"),
                );
            }
        }
    }

    /// Reports a `see` entry that names no link in `api.links`, with the nearest id.
    pub(super) fn link_reference(&mut self, see: &Spanned<String>, links: &[&str]) {
        if !links.contains(&see.value.as_str()) {
            let mut diagnostic = Diagnostic::error(
                "unknown-link",
                see.span,
                format!("link `{}` is not defined in `api.links`", see.value),
            );
            if let Some(suggestion) = did_you_mean(&see.value, links.iter().copied()) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            self.push(diagnostic);
        }
    }
}

/// Whether the validator accepts `name` as a code, whatever the catalog's `naming` style:
/// a name in errcat's character set ([`is_wire_name`]) of at most [`MAX_CODE_LEN`]
/// characters.
pub fn is_code_name(name: &str) -> bool {
    is_wire_name(name) && name.chars().count() <= MAX_CODE_LEN
}

#[cfg(test)]
/// Tests of the code-name rule.
mod tests {
    use super::*;

    #[test]
    /// Any case style within the character set and the length limit.
    fn code_names() {
        assert!(is_code_name("MISSING_API_KEY"));
        assert!(is_code_name("E404"));
        assert!(is_code_name("missing_api_key"));
        assert!(is_code_name("AccessDeniedException"));
        assert!(is_code_name("storage.bucket_not_found"));
        assert!(is_code_name(&"A".repeat(MAX_CODE_LEN)));
        assert!(!is_code_name(&"A".repeat(MAX_CODE_LEN + 1)));
        assert!(!is_code_name("DOUBLE__UNDERSCORE"));
        assert!(!is_code_name("_LEADING"));
        assert!(!is_code_name("9LIVES"));
    }
}
