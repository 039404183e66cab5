//! The `wire` section: the body's profile, the member names the catalog chose and the
//! documentation of every member.

use super::{Checker, text};
use crate::diag::Diagnostic;
use crate::model::{Api, Wire, WireField};
use crate::raw::{RawCatalog, RawWireField};
use crate::span::Spanned;
use crate::wire::{MemberChoices, Profile, ProfileKind};

/// Longest member name, in characters.
const MAX_MEMBER_LEN: usize = 64;

/// The catalog keys of the members a catalog may document or rename, with the profiles
/// that let it choose that member's name.
const RENAMABLE: [(&str, &[ProfileKind]); 6] = [
    ("error", &[ProfileKind::Flat]),
    ("message", &[ProfileKind::Flat]),
    ("error_code", &[ProfileKind::Flat, ProfileKind::Problem]),
    ("details", &[ProfileKind::Flat]),
    ("retry_after", &[ProfileKind::Flat, ProfileKind::Problem]),
    ("doc_url", &[ProfileKind::Flat]),
];

impl Checker {
    /// Builds the model of the error body from the `wire` section: the profile with the
    /// member names the catalog chose (each allowed by the profile, well-formed and
    /// distinct), and the documentation of each member.
    pub(super) fn wire(&mut self, raw: &RawCatalog, api: &Api) -> Wire {
        let w = &raw.wire;
        let kind = w.profile.as_ref().map_or(ProfileKind::Flat, |p| p.value);
        let members = [&w.error, &w.message, &w.error_code, &w.details, &w.retry_after, &w.doc_url];
        let mut chosen: Vec<String> = Vec::new();
        let mut names: [Option<String>; 6] = Default::default();
        for (((key, profiles), member), slot) in RENAMABLE.iter().zip(members).zip(&mut names) {
            let Some(name) = member.as_ref().and_then(|m| m.name.as_ref()) else { continue };
            if !profiles.contains(&kind) {
                self.push(
                    Diagnostic::error(
                        "wire-member",
                        name.span,
                        format!("the `{}` profile does not let `wire.{key}` be renamed", kind.as_str()),
                    )
                    .with_help(format!("its member names are fixed by the format; remove `wire.{key}.name`")),
                );
                continue;
            }
            if !self.member_name(name) {
                continue;
            }
            if chosen.contains(&name.value) {
                self.push(Diagnostic::error(
                    "wire-member",
                    name.span,
                    format!("two members of the body are named `{}`", name.value),
                ));
                continue;
            }
            if kind == ProfileKind::Problem && ["type", "title", "status", "detail", "instance"].contains(&&*name.value)
            {
                self.push(
                    Diagnostic::error(
                        "wire-member",
                        name.span,
                        format!("`{}` is a standard member of RFC 9457 problem details", name.value),
                    )
                    .with_help("pick another extension member name"),
                );
                continue;
            }
            chosen.push(name.value.clone());
            *slot = Some(name.value.clone());
        }
        let [title, message, code, details, retry_after, doc_url] = names;
        let choices = MemberChoices { title, message, code, details, retry_after, doc_url };
        if let Some(domain) = &w.domain
            && kind != ProfileKind::Google
        {
            self.push(
                Diagnostic::warning(
                    "wire-member",
                    domain.span,
                    format!("`wire.domain` is used by the `google` profile only, not `{}`", kind.as_str()),
                )
                .with_help("remove it, or set `wire.profile: google`"),
            );
        }
        let domain = match &w.domain {
            Some(domain) if domain.value.trim().is_empty() || domain.value.chars().any(char::is_whitespace) => {
                self.push(Diagnostic::error(
                    "wire-member",
                    domain.span,
                    "`wire.domain` must be a service name such as `pubsub.googleapis.com`",
                ));
                domain.value.clone()
            }
            Some(domain) => domain.value.clone(),
            None => host_of(&api.docs_url).to_owned(),
        };
        let profile = Profile::new(kind, &choices, &domain);
        // A chosen name may also take the default name of another member (`error_code`
        // renamed to `error` while the title keeps `error`).
        let top_level: Vec<&str> = match kind {
            ProfileKind::Flat => profile.flat_member_names(),
            ProfileKind::Problem => profile.reserved.iter().map(String::as_str).collect(),
            ProfileKind::Google | ProfileKind::Nested => Vec::new(),
        };
        for (key, member) in RENAMABLE.iter().map(|(key, _)| key).zip(members) {
            let Some(name) = member.as_ref().and_then(|m| m.name.as_ref()) else { continue };
            if chosen.contains(&name.value) && top_level.iter().filter(|n| **n == name.value).count() > 1 {
                self.push(
                    Diagnostic::error(
                        "wire-member",
                        name.span,
                        format!("`wire.{key}.name` `{}` is the name another member of the body has", name.value),
                    )
                    .with_help("every member of the body needs its own name: rename one of them"),
                );
            }
        }
        let fields = documented_members(&profile, raw);
        Wire { profile, description: text(&w.description), fields }
    }

    /// Whether a chosen member name is usable: 1 to 64 ASCII letters, digits, `_`, `-`
    /// and `.`, starting with a letter or `_`. Reports it otherwise.
    fn member_name(&mut self, name: &Spanned<String>) -> bool {
        let value = &name.value;
        let ok = value.len() <= MAX_MEMBER_LEN
            && value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && value.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        if !ok {
            self.push(
                Diagnostic::error("wire-member", name.span, format!("`{value}` is not a usable member name"))
                    .with_help(format!(
                        "member names are 1 to {MAX_MEMBER_LEN} ASCII letters, digits, `_`, `-` and `.`, \
                         starting with a letter or `_`"
                    )),
            );
        }
        ok
    }
}

/// The host of an http(s) URL (`docs.example.com` of `https://docs.example.com/x`).
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':']).next().unwrap_or(rest)
}

/// Every member of the profile's body in wire order, each with the catalog's description
/// and example where it gives them and errcat's otherwise.
fn documented_members(profile: &Profile, raw: &RawCatalog) -> Vec<WireField> {
    let w = &raw.wire;
    let m = &profile.members;
    let mut fields = Vec::new();
    let mut push = |name: String,
                    role: &'static str,
                    required: bool,
                    given: Option<&RawWireField>,
                    description: &str,
                    example: serde_json::Value| {
        let description =
            given.and_then(|g| g.description.as_ref()).map_or_else(|| description.to_owned(), |d| d.value.clone());
        let example = given.and_then(|g| g.example.as_ref()).map_or(example, |e| e.value.clone());
        fields.push(WireField { name, role, description, example, required });
    };
    let details_example = serde_json::json!({"field_name": "Specific error details"});
    match profile.kind {
        ProfileKind::Flat => {
            if let Some(title) = &m.title {
                push(
                    title.clone(),
                    "title",
                    true,
                    w.error.as_ref(),
                    "The short title of the error.",
                    "Error Type".into(),
                );
            }
            push(
                m.message.clone(),
                "message",
                true,
                w.message.as_ref(),
                "A human-readable description of what went wrong.",
                "Human-readable error description".into(),
            );
            push(
                m.code.clone(),
                "code",
                true,
                w.error_code.as_ref(),
                "The machine-readable code to branch on.",
                "MACHINE_READABLE_CODE".into(),
            );
            if let Some(details) = &m.details {
                push(
                    details.clone(),
                    "details",
                    false,
                    w.details.as_ref(),
                    "Facts specific to the code, when it has any.",
                    details_example,
                );
            }
            if let Some(retry_after) = &m.retry_after {
                push(
                    retry_after.clone(),
                    "retry_after",
                    false,
                    w.retry_after.as_ref(),
                    "Seconds to wait before retrying, when the server says.",
                    60.into(),
                );
            }
            if let Some(doc_url) = &m.doc_url {
                push(
                    doc_url.clone(),
                    "doc_url",
                    true,
                    w.doc_url.as_ref(),
                    "The URL of the code's documentation.",
                    "https://docs.example.com/errors#machine_readable_code".into(),
                );
            }
        }
        ProfileKind::Problem => {
            push(
                "type".into(),
                "doc_url",
                true,
                w.doc_url.as_ref(),
                "A URI identifying the problem type: the URL of the code's documentation.",
                "https://docs.example.com/errors#machine_readable_code".into(),
            );
            push("title".into(), "title", true, w.error.as_ref(), "The short title of the error.", "Error Type".into());
            push("status".into(), "status", true, None, "The HTTP status of the response.", 400.into());
            push(
                "detail".into(),
                "message",
                true,
                w.message.as_ref(),
                "A human-readable explanation of this occurrence of the problem.",
                "Human-readable error description".into(),
            );
            push(
                "instance".into(),
                "instance",
                false,
                None,
                "A URI reference identifying this occurrence, when the server gives one.",
                "/requests/7f9c".into(),
            );
            push(
                m.code.clone(),
                "code",
                true,
                w.error_code.as_ref(),
                "The machine-readable code to branch on (an extension member).",
                "MACHINE_READABLE_CODE".into(),
            );
            if let Some(retry_after) = &m.retry_after {
                push(
                    retry_after.clone(),
                    "retry_after",
                    false,
                    w.retry_after.as_ref(),
                    "Seconds to wait before retrying, when the server says (an extension member).",
                    60.into(),
                );
            }
            push(
                "(details fields)".into(),
                "details",
                false,
                w.details.as_ref(),
                "Each details field of the code is an extension member of its own.",
                details_example,
            );
        }
        ProfileKind::Google => {
            push("error.code".into(), "status", true, None, "The HTTP status of the response.", 429.into());
            push(
                "error.message".into(),
                "message",
                true,
                w.message.as_ref(),
                "A developer-facing description of what went wrong.",
                "Human-readable error description".into(),
            );
            push(
                "error.status".into(),
                "grpc_status",
                true,
                None,
                "The canonical gRPC status name of the code.",
                "RESOURCE_EXHAUSTED".into(),
            );
            push(
                "error.details[ErrorInfo].reason".into(),
                "code",
                true,
                w.error_code.as_ref(),
                "The machine-readable code to branch on.",
                "MACHINE_READABLE_CODE".into(),
            );
            push(
                "error.details[ErrorInfo].domain".into(),
                "domain",
                true,
                None,
                "The service that defines the code.",
                profile.domain.clone().into(),
            );
            push(
                "error.details[ErrorInfo].metadata".into(),
                "details",
                false,
                w.details.as_ref(),
                "Facts specific to the code, every value a string (numbers, booleans and lists as JSON text).",
                serde_json::json!({"field_name": "Specific error details"}),
            );
            push(
                "error.details[RetryInfo].retryDelay".into(),
                "retry_after",
                false,
                w.retry_after.as_ref(),
                "How long to wait before retrying, as a duration such as `\"60s\"`.",
                "60s".into(),
            );
            push(
                "error.details[Help].links[].url".into(),
                "doc_url",
                true,
                w.doc_url.as_ref(),
                "The URL of the code's documentation.",
                "https://docs.example.com/errors#machine_readable_code".into(),
            );
        }
        ProfileKind::Nested => {
            push("error.type".into(), "category", true, None, "The category of the error.", "category_id".into());
            push(
                "error.code".into(),
                "code",
                true,
                w.error_code.as_ref(),
                "The machine-readable code to branch on.",
                "machine_readable_code".into(),
            );
            push(
                "error.message".into(),
                "message",
                true,
                w.message.as_ref(),
                "A human-readable description of what went wrong.",
                "Human-readable error description".into(),
            );
            push(
                "error.doc_url".into(),
                "doc_url",
                true,
                w.doc_url.as_ref(),
                "The URL of the code's documentation.",
                "https://docs.example.com/errors#machine_readable_code".into(),
            );
            push(
                "error.retry_after".into(),
                "retry_after",
                false,
                w.retry_after.as_ref(),
                "Seconds to wait before retrying, when the server says.",
                60.into(),
            );
            push(
                "error.(details fields)".into(),
                "details",
                false,
                w.details.as_ref(),
                "Each details field of the code is a member of `error` of its own.",
                details_example,
            );
        }
    }
    fields
}
