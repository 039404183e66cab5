//! The `api` section (name, docs URL, support, headers, links) and the `wire` section.

use std::collections::HashMap;

use super::{Checker, text, values};
use crate::diag::Diagnostic;
use crate::model::{Api, Headers, Link, Support, Uploads, Wire, WireField};
use crate::raw::RawCatalog;
use crate::span::Span;

impl Checker {
    /// Checks the `api` section (name, docs URL, support e-mail, header names, links) and
    /// resolves relative link URLs against `api.docs_url`, so renderers get absolute ones.
    pub(super) fn api(&mut self, raw: &RawCatalog) -> Api {
        let api = &raw.api;
        self.required_text(&api.name, "api.name");
        // Package names (`acme_errors`, `@acme/errors`, …) are made from the name's ASCII
        // words; it needs at least one, starting with a letter.
        if !crate::targets::words::snake(&api.name.value).starts_with(|c: char| c.is_ascii_lowercase()) {
            self.push(
                Diagnostic::error(
                    "api-name",
                    api.name.span,
                    format!("API name `{}` cannot name packages", api.name.value),
                )
                .with_help("start the name with an ASCII letter, e.g. `Acme` or `Acme Cloud`"),
            );
        }
        let docs_url = api.docs_url.value.trim().to_owned();
        if !is_http_url(&docs_url) {
            self.push(
                Diagnostic::error("invalid-url", api.docs_url.span, format!("`{docs_url}` is not an http(s) URL"))
                    .with_help("give the base URL of the API's documentation, e.g. `https://docs.example.com/`"),
            );
        }
        let docs_url = if docs_url.ends_with('/') { docs_url } else { format!("{docs_url}/") };
        let email = &api.support.email;
        if !is_email(&email.value) {
            self.push(Diagnostic::error(
                "invalid-email",
                email.span,
                format!("`{}` is not an e-mail address", email.value),
            ));
        }
        for (name, header) in [
            ("authorization", &api.headers.authorization),
            ("auth_scheme", &api.headers.auth_scheme),
            ("retry_after", &api.headers.retry_after),
            ("request_id", &api.headers.request_id),
        ] {
            if header.value.is_empty() || !header.value.bytes().all(is_token_byte) {
                self.push(
                    Diagnostic::error(
                        "invalid-header",
                        header.span,
                        format!("`{}` is not a valid HTTP header token", header.value),
                    )
                    .with_help(format!("`api.headers.{name}` takes letters, digits and `-`")),
                );
            }
        }
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut links = Vec::new();
        for link in &api.links {
            self.kebab_id(&link.id, "link");
            if let Some(first) = seen.insert(link.id.value.as_str(), link.id.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-id",
                        link.id.span,
                        format!("link `{}` is defined twice", link.id.value),
                    )
                    .with_related(first, "first defined here"),
                );
            }
            let url = link.url.value.trim();
            let url = if is_http_url(url) {
                url.to_owned()
            } else if url.contains("://") || url.starts_with("//") || url.chars().any(char::is_whitespace) {
                self.push(
                    Diagnostic::error(
                        "invalid-url",
                        link.url.span,
                        format!("`{url}` is neither an http(s) URL nor a relative path"),
                    )
                    .with_help("write an absolute `https://` URL or a path relative to `api.docs_url`"),
                );
                url.to_owned()
            } else {
                format!("{docs_url}{}", url.trim_start_matches('/'))
            };
            links.push(Link {
                id: link.id.value.clone(),
                title: link.title.value.clone(),
                url,
                description: text(&link.description),
            });
        }
        let uploads = api.uploads.as_ref().map(|uploads| Uploads {
            formats: uploads.formats.iter().map(|f| f.value.clone()).collect(),
            max_size_mb: uploads.max_size_mb.value,
            large_files: text(&uploads.large_files),
            content_type: text(&uploads.content_type),
        });
        Api {
            name: api.name.value.clone(),
            description: text(&api.description),
            docs_url,
            support: Support {
                email: email.value.clone(),
                self_service: values(&api.support.self_service),
                request_checklist: values(&api.support.request_checklist),
            },
            headers: Headers {
                authorization: api.headers.authorization.value.clone(),
                auth_scheme: api.headers.auth_scheme.value.clone(),
                retry_after: api.headers.retry_after.value.clone(),
                request_id: api.headers.request_id.value.clone(),
            },
            uploads,
            links,
            tip: text(&api.tip),
        }
    }
}

/// Builds the model of the error body from the `wire` section. There is nothing to check:
/// the field names are fixed and their texts are free.
pub(super) fn wire(raw: &RawCatalog) -> Wire {
    let w = &raw.wire;
    let field = |name: &str, field: &crate::raw::RawWireField, required: bool| WireField {
        name: name.to_owned(),
        description: field.description.value.clone(),
        example: field.example.value.clone(),
        required,
    };
    Wire {
        description: text(&w.description),
        fields: vec![
            field("error", &w.error, true),
            field("message", &w.message, true),
            field("error_code", &w.error_code, true),
            field("details", &w.details, false),
            field("retry_after", &w.retry_after, false),
        ],
    }
}

/// Whether `url` is an absolute http(s) URL with a host and no whitespace or control
/// characters; anything else would break the links renderers write.
fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Whether `email` looks like one address: one `@`, a dotted domain, no whitespace.
/// Whether it is deliverable cannot be checked offline, so it is not.
fn is_email(email: &str) -> bool {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether a byte may appear in an HTTP header name (a `token` in RFC 9110).
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}
