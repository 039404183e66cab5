//! The `api` section (name, docs URL, support, headers, links).

use std::collections::HashMap;

use super::{Checker, text, values};
use crate::diag::Diagnostic;
use crate::model::{Api, Headers, Link, Support, Uploads};
use crate::raw::RawCatalog;
use crate::span::Span;
use crate::targets::{go, java, python, rust, typescript, words};

impl Checker {
    /// Checks the `api` section (name, docs URL, support e-mail, header names, links) and
    /// resolves relative link URLs against `api.docs_url`, so renderers get absolute ones.
    pub(super) fn api(&mut self, raw: &RawCatalog) -> Api {
        let api = &raw.api;
        self.required_text(&api.name, "api.name");
        for diagnostic in api_name(&api.name.value, api.name.span) {
            self.push(diagnostic);
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
        ]
        .into_iter()
        .chain(api.headers.idempotency_key.as_ref().map(|header| ("idempotency_key", header)))
        {
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
            let url = self.resolve_url(&link.url, &docs_url);
            links.push(Link {
                id: link.id.value.clone(),
                title: link.title.value.clone(),
                url,
                description: text(&link.description),
            });
        }
        let reference_url = match &api.reference_url {
            Some(url) => self.resolve_url(url, &docs_url),
            None => format!("{docs_url}errors"),
        };
        if reference_url.contains('#') {
            let span = api.reference_url.as_ref().map_or(Span::UNKNOWN, |url| url.span);
            self.push(
                Diagnostic::error("invalid-url", span, "`api.reference_url` has a `#` fragment")
                    .with_help("each code's anchor is appended as the fragment: give the page's URL without one"),
            );
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
            reference_url,
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
                idempotency_key: api.headers.idempotency_key.as_ref().map(|header| header.value.clone()),
            },
            uploads,
            links,
            tip: text(&api.tip),
        }
    }

    /// An absolute http(s) URL as written, or a relative path resolved against `docs_url`
    /// (which ends in `/`); anything else is an `invalid-url` error (and is kept as written).
    pub(super) fn resolve_url(&mut self, url: &crate::span::Spanned<String>, docs_url: &str) -> String {
        let text = url.value.trim();
        if is_http_url(text) {
            text.to_owned()
        } else if text.contains("://") || text.starts_with("//") || text.chars().any(char::is_whitespace) {
            self.push(
                Diagnostic::error(
                    "invalid-url",
                    url.span,
                    format!("`{text}` is neither an http(s) URL nor a relative path"),
                )
                .with_help("write an absolute `https://` URL or a path relative to `api.docs_url`"),
            );
            text.to_owned()
        } else {
            format!("{docs_url}{}", text.trim_start_matches('/'))
        }
    }
}

/// The findings about `name` (at `span`) as the base of every package name.
///
/// Package names are made from the name's lowercase ASCII words
/// ([`lower_words`](words::lower_words)): `acme_cloud_errors`, `@acme-cloud/errors`,
/// `acmeclouderrors`, `com.acmecloud.errors`, `acme-cloud-errors`. Those words are valid in
/// every ecosystem once they start with a letter, are at most
/// [`MAX_PACKAGE_BASE_LEN`](words::MAX_PACKAGE_BASE_LEN) long and do not make a file name
/// Windows reserves; anything else is an `api-name` error. Letters outside ASCII are
/// dropped, which is legal but loses part of the name: an `api-name-non-ascii` warning.
fn api_name(name: &str, span: Span) -> Vec<Diagnostic> {
    let words = words::lower_words(name);
    let base = words.join("_");
    let dropped = words::dropped_letters(name);
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        let help = if dropped.is_empty() {
            "start the name with an ASCII letter, e.g. `Acme` or `Acme Cloud`".to_owned()
        } else {
            format!(
                "package names keep only ASCII letters and digits ({} would be dropped); start the name with an \
                 ASCII letter, e.g. `Acme` or `Acme Cloud`",
                letter_list(&dropped)
            )
        };
        return vec![
            Diagnostic::error("api-name", span, format!("API name `{name}` cannot name packages")).with_help(help),
        ];
    }
    let len = base.chars().count();
    if len > words::MAX_PACKAGE_BASE_LEN {
        let max = words::MAX_PACKAGE_BASE_LEN;
        return vec![
            Diagnostic::error(
                "api-name",
                span,
                format!("API name makes package names from a base of {len} characters, more than the maximum of {max}"),
            )
            .with_label(format!("its ASCII words joined with `_` make the base `{}…`", truncate(&base, 24)))
            .with_help(format!(
                "shorten `api.name` so that its ASCII words joined with `_` take at most {max} characters, e.g. \
                 `Acme Cloud`: the longest derived name, the Rust crate `<base>-errors`, must fit crates.io's \
                 limit of 64"
            )),
        ];
    }
    let java_segment = words.concat();
    let kebab = words.join("-");
    for (component, what) in [(&kebab, "a Go module path element"), (&java_segment, "the Java package folder")] {
        if is_windows_reserved(component) {
            return vec![
                Diagnostic::error(
                    "api-name",
                    span,
                    format!("API name `{name}` makes `{component}`, {what}, which Windows reserves as a device name"),
                )
                .with_help(format!(
                    "add a word, e.g. `{name} Cloud`: `go` and Windows file systems refuse `{component}`"
                )),
            ];
        }
    }
    if dropped.is_empty() {
        return Vec::new();
    }
    let java = java::names::package(name);
    vec![
        Diagnostic::warning(
            "api-name-non-ascii",
            span,
            format!("package names made from API name `{name}` drop {}", letter_list(&dropped)),
        )
        .with_label("package names keep only ASCII letters and digits")
        .with_help(format!(
            "the packages are named `{}` (Python), `{}` (npm), `{}` and `{}` (Go), `{}:{}` and `{}` (Java), `{}` \
             (Rust); to keep every letter, spell `api.name` in ASCII (headings show it as written)",
            python::names::package(name),
            typescript::names::package(name),
            go::names::module_path(name),
            go::names::package(name),
            java.group_id,
            java.artifact_id,
            java.package,
            rust::names::package(name),
        )),
    ]
}

/// `letters` as `` `é`, `Ü` `` for a diagnostic: at most eight, then how many more.
fn letter_list(letters: &[char]) -> String {
    let shown: Vec<String> = letters.iter().take(8).map(|c| format!("`{c}`")).collect();
    let shown = shown.join(", ");
    match letters.len() {
        n if n > 8 => format!("{shown} and {} more", n - 8),
        _ => shown,
    }
}

/// The first `chars` characters of `s`.
fn truncate(s: &str, chars: usize) -> String {
    s.chars().take(chars).collect()
}

/// Whether Windows reserves `name` as a device name (`CON`, `NUL`, `COM1`, …), in any case.
/// No folder can have such a name there, and `go` refuses it as a module path element.
fn is_windows_reserved(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.ends_with(|c: char| ('1'..='9').contains(&c)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::targets::words::awkward;

    fn findings(name: &str) -> Vec<(Severity, &'static str, String)> {
        api_name(name, Span::UNKNOWN).into_iter().map(|d| (d.severity, d.rule, d.message)).collect()
    }

    fn errors(name: &str) -> usize {
        findings(name).iter().filter(|(severity, ..)| *severity == Severity::Error).count()
    }

    #[test]
    fn awkward_names_are_accepted_and_long_ones_refused() {
        for name in awkward::accepted() {
            assert_eq!(errors(&name), 0, "{name:?}: {:?}", findings(&name));
        }
        for name in awkward::too_long() {
            let found = findings(&name);
            assert!(
                matches!(&found[..], [(Severity::Error, "api-name", message)] if message.contains("maximum")),
                "{found:?}"
            );
        }
    }

    #[test]
    fn every_ecosystem_gets_the_same_words() {
        for name in awkward::accepted() {
            let base = words::lower_words(&name).join("_");
            let kebab = base.replace('_', "-");
            assert_eq!(python::names::package(&name), format!("{base}_errors"));
            assert_eq!(typescript::names::package(&name), format!("@{kebab}/errors"));
            assert_eq!(rust::names::package(&name), format!("{kebab}-errors"));
            assert_eq!(go::names::module_path(&name), format!("github.com/{kebab}/{kebab}-errors-go"));
            assert_eq!(go::names::package(&name), format!("{}errors", base.replace('_', "")));
            assert_eq!(java::names::package(&name).artifact_id, format!("{kebab}-errors"));
        }
    }

    #[test]
    fn non_ascii_letters_are_a_warning() {
        let found = findings("Café Über");
        assert!(matches!(&found[..], [(Severity::Warning, "api-name-non-ascii", _)]), "{found:?}");
        assert!(found[0].2.contains("`é`, `Ü`"), "{found:?}");
        assert_eq!(findings("Acme 🚀 Cloud"), []);
        assert_eq!(findings("Scriptix"), []);
    }

    #[test]
    fn unusable_names_are_errors() {
        for name in ["", "3D Print", "日本", "---", "Con", "nul", "C On", "LPT1", "com9"] {
            assert_eq!(errors(name), 1, "{name:?}: {:?}", findings(name));
        }
        for name in ["Console", "Com", "COM10", "Lpt", "Aux Cloud"] {
            assert_eq!(errors(name), 0, "{name:?}: {:?}", findings(name));
        }
    }
}
