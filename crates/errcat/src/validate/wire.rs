//! The `wire` section: the body's profile, the member names the catalog chose and the
//! documentation of every member.

use serde_json::{Value as Json, json};

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

/// One documented member of the body: where it is, the part it carries, whether every body
/// has it, the catalog's documentation of it, and errcat's description and example for when
/// the catalog gives none.
type Row<'a> = (String, &'static str, bool, Option<&'a RawWireField>, &'static str, Json);

/// errcat's descriptions of the members several profiles share.
const TITLE: &str = "The short title of the error.";
const MESSAGE: &str = "A human-readable description of what went wrong.";
const CODE: &str = "The machine-readable code to branch on.";
const DOC_URL: &str = "The URL of the code's documentation.";
const RETRY_AFTER: &str = "Seconds to wait before retrying, when the server says.";

/// Every member of the profile's body in wire order, each with the catalog's description
/// and example where it gives them and errcat's otherwise.
fn documented_members(profile: &Profile, raw: &RawCatalog) -> Vec<WireField> {
    let (w, m) = (&raw.wire, &profile.members);
    let url = || json!("https://docs.example.com/errors#machine_readable_code");
    let details = || json!({"field_name": "Specific error details"});
    let message = || json!("Human-readable error description");
    let code = || json!("MACHINE_READABLE_CODE");
    let rows: Vec<Option<Row<'_>>> = match profile.kind {
        ProfileKind::Flat => vec![
            m.title.clone().map(|name| (name, "title", true, w.error.as_ref(), TITLE, json!("Error Type"))),
            Some((m.message.clone(), "message", true, w.message.as_ref(), MESSAGE, message())),
            Some((m.code.clone(), "code", true, w.error_code.as_ref(), CODE, code())),
            m.details.clone().map(|name| {
                (name, "details", false, w.details.as_ref(), "Facts specific to the code, when it has any.", details())
            }),
            m.retry_after
                .clone()
                .map(|name| (name, "retry_after", false, w.retry_after.as_ref(), RETRY_AFTER, json!(60))),
            m.doc_url.clone().map(|name| (name, "doc_url", true, w.doc_url.as_ref(), DOC_URL, url())),
        ],
        ProfileKind::Problem => vec![
            Some((
                "type".into(),
                "doc_url",
                true,
                w.doc_url.as_ref(),
                "A URI identifying the problem type: the URL of the code's documentation.",
                url(),
            )),
            Some(("title".into(), "title", true, w.error.as_ref(), TITLE, json!("Error Type"))),
            Some(("status".into(), "status", true, None, "The HTTP status of the response.", json!(400))),
            Some((
                "detail".into(),
                "message",
                true,
                w.message.as_ref(),
                "A human-readable explanation of this occurrence of the problem.",
                message(),
            )),
            Some((
                "instance".into(),
                "instance",
                false,
                None,
                "A URI reference identifying this occurrence, when the server gives one.",
                json!("/requests/7f9c"),
            )),
            Some((
                m.code.clone(),
                "code",
                true,
                w.error_code.as_ref(),
                "The machine-readable code to branch on (an extension member).",
                code(),
            )),
            m.retry_after.clone().map(|name| {
                (
                    name,
                    "retry_after",
                    false,
                    w.retry_after.as_ref(),
                    "Seconds to wait before retrying, when the server says (an extension member).",
                    json!(60),
                )
            }),
            Some((
                "(details fields)".into(),
                "details",
                false,
                w.details.as_ref(),
                "Each details field of the code is an extension member of its own.",
                details(),
            )),
        ],
        ProfileKind::Google => vec![
            Some(("error.code".into(), "status", true, None, "The HTTP status of the response.", json!(429))),
            Some((
                "error.message".into(),
                "message",
                true,
                w.message.as_ref(),
                "A developer-facing description of what went wrong.",
                message(),
            )),
            Some((
                "error.status".into(),
                "grpc_status",
                true,
                None,
                "The canonical gRPC status name of the code.",
                json!("RESOURCE_EXHAUSTED"),
            )),
            Some(("error.details[ErrorInfo].reason".into(), "code", true, w.error_code.as_ref(), CODE, code())),
            Some((
                "error.details[ErrorInfo].domain".into(),
                "domain",
                true,
                None,
                "The service that defines the code.",
                json!(profile.domain),
            )),
            Some((
                "error.details[ErrorInfo].metadata".into(),
                "details",
                false,
                w.details.as_ref(),
                "Facts specific to the code, every value a string (numbers, booleans and lists as JSON text).",
                details(),
            )),
            Some((
                "error.details[RetryInfo].retryDelay".into(),
                "retry_after",
                false,
                w.retry_after.as_ref(),
                "How long to wait before retrying, as a duration such as `\"60s\"`.",
                json!("60s"),
            )),
            Some(("error.details[Help].links[].url".into(), "doc_url", true, w.doc_url.as_ref(), DOC_URL, url())),
        ],
        ProfileKind::Nested => vec![
            Some(("error.type".into(), "category", true, None, "The category of the error.", json!("category_id"))),
            Some(("error.code".into(), "code", true, w.error_code.as_ref(), CODE, json!("machine_readable_code"))),
            Some(("error.message".into(), "message", true, w.message.as_ref(), MESSAGE, message())),
            Some(("error.doc_url".into(), "doc_url", true, w.doc_url.as_ref(), DOC_URL, url())),
            Some(("error.retry_after".into(), "retry_after", false, w.retry_after.as_ref(), RETRY_AFTER, json!(60))),
            Some((
                "error.(details fields)".into(),
                "details",
                false,
                w.details.as_ref(),
                "Each details field of the code is a member of `error` of its own.",
                details(),
            )),
        ],
    };
    rows.into_iter()
        .flatten()
        .map(|(name, role, required, given, description, example)| WireField {
            name,
            role,
            description: given
                .and_then(|g| g.description.as_ref())
                .map_or_else(|| description.to_owned(), |d| d.value.clone()),
            example: given.and_then(|g| g.example.as_ref()).map_or(example, |e| e.value.clone()),
            required,
        })
        .collect()
}
