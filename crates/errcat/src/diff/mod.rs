//! `errcat diff`: every change between two checked catalogs, classified as breaking,
//! compatible or documentation-only, with the reason and where each side says it.
//!
//! The rules are about what an error code *is* to its users: clients branch on the code,
//! read its status, category and retry rule, decode its details and fill or match its
//! message's placeholders. Changing any of those breaks someone; adding codes, deprecating
//! them and rewording their documentation does not. Where a change breaks only some
//! targets (a field made optional changes the types of the typed clients, not the docs),
//! the reason says which.
//!
//! [`changes`] compares; [`output`] writes the result as diagnostics, a Markdown changelog
//! section or JSON.

pub mod output;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::model::{Catalog, Code, DetailField, RetryMode};
use crate::span::Span;

/// How a change affects the people using the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Clients, servers or code written against the old catalog stop working.
    Breaking,
    /// Old clients keep working; new ones see something new.
    Compatible,
    /// Only documentation changes.
    Docs,
}

impl Class {
    /// How the class reads in output: `breaking`, `compatible`, `docs-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
            Class::Docs => "docs-only",
        }
    }
}

/// One change between the two catalogs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// A stable id of the kind of change, e.g. `status-changed`.
    pub kind: &'static str,
    /// Breaking, compatible or docs-only.
    pub class: Class,
    /// The code it is about, if any.
    pub code: Option<String>,
    /// What changed, in a sentence.
    pub message: String,
    /// Why it has its class (and for which targets, where they differ).
    pub why: String,
    /// Where the old catalog says it (the entry changed or removed).
    #[serde(skip)]
    pub old: Span,
    /// Where the new catalog says it.
    #[serde(skip)]
    pub new: Span,
}

/// Every change from `old` to `new`, breaking ones first, then by position in the new
/// catalog (removals by their position in the old one).
pub fn changes(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let mut found = Vec::new();
    api_changes(old, new, &mut found);
    status_table_changes(old, new, &mut found);
    category_changes(old, new, &mut found);
    code_changes(old, new, &mut found);
    found.sort_by(|a, b| {
        let position = |c: &Change| if c.new.is_known() { (1, c.new.start) } else { (0, c.old.start) };
        (a.class, position(a), a.kind, &a.message).cmp(&(b.class, position(b), b.kind, &b.message))
    });
    found
}

/// Collects changes with less ceremony.
struct Found<'a> {
    out: &'a mut Vec<Change>,
}

impl Found<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: &'static str,
        class: Class,
        code: Option<&str>,
        message: String,
        why: &str,
        old: Span,
        new: Span,
    ) {
        self.out.push(Change { kind, class, code: code.map(str::to_owned), message, why: why.to_owned(), old, new });
    }
}

fn api_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let mut found = Found { out };
    let unknown = Span::UNKNOWN;
    for (what, before, after) in [
        ("api.headers.retry_after", &old.api.headers.retry_after, &new.api.headers.retry_after),
        ("api.headers.request_id", &old.api.headers.request_id, &new.api.headers.request_id),
    ] {
        if before != after {
            found.push(
                "header-renamed",
                Class::Breaking,
                None,
                format!("`{what}` changed from `{before}` to `{after}`"),
                "clients read the header by its name; old clients stop seeing it",
                unknown,
                unknown,
            );
        }
    }
    let (old_profile, new_profile) = (&old.wire.profile, &new.wire.profile);
    if old_profile.kind != new_profile.kind {
        found.push(
            "profile-changed",
            Class::Breaking,
            None,
            format!(
                "the error body's profile changed from `{}` to `{}`",
                old_profile.kind.as_str(),
                new_profile.kind.as_str()
            ),
            "every error body has another shape: clients generated from the old catalog read no code from it",
            unknown,
            unknown,
        );
    } else {
        for role in ["title", "message", "code", "details", "retry_after", "doc_url"] {
            let (before, after) = (old_profile.path(role), new_profile.path(role));
            if before != after {
                let show = |path: &Option<String>| path.as_deref().map_or("(none)".to_owned(), |p| format!("`{p}`"));
                found.push(
                    "wire-member-renamed",
                    Class::Breaking,
                    None,
                    format!("the body's {role} member changed from {} to {}", show(&before), show(&after)),
                    "clients read the member by its name; old clients stop seeing it",
                    unknown,
                    unknown,
                );
            }
        }
        if old_profile.domain != new_profile.domain {
            found.push(
                "wire-domain-changed",
                Class::Breaking,
                None,
                format!("`ErrorInfo.domain` changed from `{}` to `{}`", old_profile.domain, new_profile.domain),
                "AIP-193 identifies an error by reason and domain together: clients matching both stop matching",
                unknown,
                unknown,
            );
        }
    }
    if old.api.reference_url != new.api.reference_url && old.api.docs_url == new.api.docs_url {
        found.push(
            "reference-url-changed",
            Class::Compatible,
            None,
            format!("`api.reference_url` changed from `{}` to `{}`", old.api.reference_url, new.api.reference_url),
            "every code's documentation URL that is derived from it changes; keep the old page redirecting",
            unknown,
            unknown,
        );
    }
    if old.api.docs_url != new.api.docs_url {
        found.push(
            "docs-url-changed",
            Class::Compatible,
            None,
            format!("`api.docs_url` changed from `{}` to `{}`", old.api.docs_url, new.api.docs_url),
            "every code's documentation link changes; keep the old pages redirecting",
            unknown,
            unknown,
        );
    }
    if old.api.name != new.api.name {
        found.push(
            "api-renamed",
            Class::Breaking,
            None,
            format!("`api.name` changed from `{}` to `{}`", old.api.name, new.api.name),
            "the generated packages are named after it (`@acme/errors`, `acme_errors`, …): users must change imports",
            unknown,
            unknown,
        );
    }
    if old.api.description != new.api.description || old.wire.description != new.wire.description {
        found.push(
            "api-docs-changed",
            Class::Docs,
            None,
            "the API's or the error body's description changed".to_owned(),
            "documentation only",
            unknown,
            unknown,
        );
    }
    if old.retry_policy != new.retry_policy {
        found.push(
            "retry-policy-changed",
            Class::Compatible,
            None,
            "the retry policy (attempts, delays or jitter) changed".to_owned(),
            "clients generated from the new catalog retry on the new schedule; old ones keep theirs",
            unknown,
            unknown,
        );
    }
}

fn status_table_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let mut found = Found { out };
    let unknown = Span::UNKNOWN;
    for status in &new.statuses {
        match old.status(status.code) {
            None => found.push(
                "status-added",
                Class::Compatible,
                None,
                format!("status {} ({}) was added to the status table", status.code, status.name),
                "a new row changes nothing for existing codes",
                unknown,
                unknown,
            ),
            Some(before) if retryable(before.retry) != retryable(status.retry) => found.push(
                "status-retry-flipped",
                Class::Breaking,
                None,
                format!(
                    "status {} is now retried `{}` (was `{}`)",
                    status.code,
                    retry_name(status.retry),
                    retry_name(before.retry)
                ),
                "clients that retry by status (unknown codes, proxies' pages) now retry what they did not, or stop",
                unknown,
                unknown,
            ),
            Some(before) if before.retry != status.retry => found.push(
                "status-retry-changed",
                Class::Compatible,
                None,
                format!(
                    "status {} is now retried `{}` (was `{}`)",
                    status.code,
                    retry_name(status.retry),
                    retry_name(before.retry)
                ),
                "still retried, on another schedule",
                unknown,
                unknown,
            ),
            Some(before) if before.name != status.name || before.meaning != status.meaning => found.push(
                "status-docs-changed",
                Class::Docs,
                None,
                format!("the description of status {} changed", status.code),
                "documentation only",
                unknown,
                unknown,
            ),
            Some(_) => {}
        }
    }
    for status in old.statuses.iter().filter(|status| new.status(status.code).is_none()) {
        found.push(
            "status-removed",
            Class::Compatible,
            None,
            format!("status {} ({}) left the status table", status.code, status.name),
            "no code uses it (the new catalog is valid); clients fall back to the default for it",
            unknown,
            unknown,
        );
    }
}

fn category_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let mut found = Found { out };
    let unknown = Span::UNKNOWN;
    for category in &new.categories {
        match old.category(&category.id) {
            None => found.push(
                "category-added",
                Class::Compatible,
                None,
                format!("category `{}` was added", category.id),
                "a new category changes nothing for existing codes",
                unknown,
                unknown,
            ),
            Some(before) if before.title != category.title || before.description != category.description => found.push(
                "category-docs-changed",
                Class::Docs,
                None,
                format!("the title or description of category `{}` changed", category.id),
                "documentation only",
                unknown,
                unknown,
            ),
            Some(_) => {}
        }
    }
    for category in old.categories.iter().filter(|category| new.category(&category.id).is_none()) {
        found.push(
            "category-removed",
            Class::Breaking,
            None,
            format!("category `{}` was removed", category.id),
            "the clients' class and constant of the category disappear: code that catches it stops compiling or \
             catching",
            unknown,
            unknown,
        );
    }
}

fn code_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let reference_moved = old.api.reference_url != new.api.reference_url;
    let old_removed: HashMap<&str, &crate::model::RemovedCode> =
        old.removed.iter().map(|removed| (removed.code.code.as_str(), removed)).collect();
    let new_removed: HashMap<&str, &crate::model::RemovedCode> =
        new.removed.iter().map(|removed| (removed.code.code.as_str(), removed)).collect();
    let mut found = Found { out };
    for code in &new.codes {
        let name = code.code.as_str();
        match (old.code(name), old_removed.get(name)) {
            (Some(before), _) => one_code(before, code, reference_moved, &mut found),
            (None, Some(tombstone)) => found.push(
                "tombstone-reused",
                Class::Breaking,
                Some(name),
                format!("code `{name}` was removed and is back"),
                "clients and logs that knew its old meaning read the new one wrongly; give the new error a new code",
                tombstone.code.span,
                code.span,
            ),
            (None, None) => found.push(
                "code-added",
                Class::Compatible,
                Some(name),
                format!("code `{name}` was added"),
                "old clients see an unknown code (they keep its text and fall back to its status); new ones know it",
                Span::UNKNOWN,
                code.span,
            ),
        }
    }
    for code in &old.codes {
        let name = code.code.as_str();
        if new.code(name).is_some() {
            continue;
        }
        match new_removed.get(name) {
            Some(tombstone) if code.lifecycle.deprecated.is_some() => found.push(
                "code-tombstoned",
                Class::Compatible,
                Some(name),
                format!("code `{name}` is removed (a tombstone)"),
                "it was deprecated first, and the tombstone keeps it from being reused; code that still names it in \
                 the Rust, TypeScript, Go or Java clients stops compiling, as its deprecation warned",
                code.span,
                tombstone.code.span,
            ),
            Some(tombstone) => found.push(
                "code-tombstoned-undeprecated",
                Class::Breaking,
                Some(name),
                format!("code `{name}` is removed without having been deprecated"),
                "code that names it in the typed clients stops compiling with no warning first; deprecate it in one \
                 release, remove it in a later one",
                code.span,
                tombstone.code.span,
            ),
            None => found.push(
                "code-removed",
                Class::Breaking,
                Some(name),
                format!("code `{name}` was removed without a tombstone"),
                "clients that match on it break, and nothing keeps the code from being reused with another meaning; \
                 keep the entry with `removed: {since, reason}`",
                code.span,
                Span::UNKNOWN,
            ),
        }
    }
    for tombstone in &old.removed {
        let name = tombstone.code.code.as_str();
        if new.code(name).is_none() && !new_removed.contains_key(name) {
            found.push(
                "tombstone-dropped",
                Class::Breaking,
                Some(name),
                format!("the tombstone of `{name}` was deleted"),
                "without it the code could be reused with another meaning; keep tombstones forever",
                tombstone.code.span,
                Span::UNKNOWN,
            );
        }
    }
}

/// The changes of one code present in both catalogs. `reference_moved`: the docs' error
/// reference moved, which changes every derived documentation URL (reported once, for the
/// API).
fn one_code(old: &Code, new: &Code, reference_moved: bool, found: &mut Found<'_>) {
    let name = Some(new.code.as_str());
    let code = &new.code;
    let (was, is) = (old.span, new.span);
    if old.status != new.status {
        found.push(
            "status-changed",
            Class::Breaking,
            name,
            format!("code `{code}` changed status from {} to {}", old.status, new.status),
            "clients and proxies that act on the status (retries, alerts, HTTP-level handling) behave differently",
            old.spans.status,
            new.spans.status,
        );
    }
    // A status change moves a derived gRPC status along with it: reported as the status change.
    let derived = |code: &Code| crate::wire::grpc_status_of_http(code.status) == code.grpc_status;
    if old.grpc_status != new.grpc_status && !(old.status != new.status && derived(old) && derived(new)) {
        found.push(
            "grpc-status-changed",
            Class::Breaking,
            name,
            format!("code `{code}` changed gRPC status from `{}` to `{}`", old.grpc_status, new.grpc_status),
            "gRPC clients and services that map the code by its status behave differently",
            old.spans.grpc_status,
            new.spans.grpc_status,
        );
    }
    if old.doc_url != new.doc_url && !reference_moved {
        found.push(
            "doc-url-changed",
            Class::Compatible,
            name,
            format!("code `{code}`'s documentation URL changed from `{}` to `{}`", old.doc_url, new.doc_url),
            "bodies and clients point to the new page; keep the old one redirecting",
            old.spans.doc_url,
            new.spans.doc_url,
        );
    }
    if old.category != new.category {
        found.push(
            "category-changed",
            Class::Breaking,
            name,
            format!("code `{code}` moved from category `{}` to `{}`", old.category, new.category),
            "its exception class gets another base class: `except`/`catch` on the old category no longer catches it",
            old.spans.category,
            new.spans.category,
        );
    }
    if old.retryable != new.retryable {
        found.push(
            "retry-flipped",
            Class::Breaking,
            name,
            format!("code `{code}` is now retried `{}` (was `{}`)", retry_name(new.retry), retry_name(old.retry)),
            "clients now retry a request they gave up on, or give up on one they retried",
            old.spans.retry,
            new.spans.retry,
        );
    } else if old.retry != new.retry {
        found.push(
            "retry-changed",
            Class::Compatible,
            name,
            format!("code `{code}` is now retried `{}` (was `{}`)", retry_name(new.retry), retry_name(old.retry)),
            "still retried, on another schedule",
            old.spans.retry,
            new.spans.retry,
        );
    }
    match (old.retry_after, new.retry_after) {
        (Some(_), None) => found.push(
            "retry-after-removed",
            Class::Breaking,
            name,
            format!("code `{code}` no longer carries `retry_after`"),
            "clients that wait for it fall back to backoff, and typed clients lose the field",
            old.spans.retry_after,
            new.spans.retry_after,
        ),
        (None, Some(_)) => found.push(
            "retry-after-added",
            Class::Compatible,
            name,
            format!("code `{code}` now carries `retry_after`"),
            "old clients ignore it; new ones wait as told",
            old.spans.retry_after,
            new.spans.retry_after,
        ),
        _ => {}
    }
    field_changes(old, new, found);
    let (before, after) = (placeholders(old), placeholders(new));
    let added: Vec<&str> = after.difference(&before).copied().collect();
    let removed: Vec<&str> = before.difference(&after).copied().collect();
    if !added.is_empty() || !removed.is_empty() {
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("adds {}", quoted(&added)));
        }
        if !removed.is_empty() {
            parts.push(format!("drops {}", quoted(&removed)));
        }
        found.push(
            "placeholders-changed",
            Class::Breaking,
            name,
            format!("the message of `{code}` {}", parts.join(" and ")),
            "a message's placeholders are its signature: clients that fill or parse it, and every translation, \
             must change with it",
            old.spans.message,
            new.spans.message,
        );
    } else if old.message.text != new.message.text {
        found.push(
            "message-changed",
            Class::Compatible,
            name,
            format!("the wording of `{code}`'s message changed"),
            "the placeholders are the same; clients must not match on the wording",
            old.spans.message,
            new.spans.message,
        );
    }
    if old.title != new.title {
        found.push(
            "title-changed",
            Class::Compatible,
            name,
            format!("the `error` title of `{code}` changed from `{}` to `{}`", old.title, new.title),
            "it is sent in every body; clients branch on `error_code`, not on it",
            old.spans.title,
            new.spans.title,
        );
    }
    lifecycle_changes(old, new, found);
    let docs_changed = old.summary != new.summary
        || old.heading != new.heading
        || old.description != new.description
        || old.causes != new.causes
        || old.solution != new.solution
        || old.solution_steps != new.solution_steps
        || old.see != new.see
        // An example errcat derived follows the code's other facts, already compared.
        || ((old.example.from_catalog || new.example.from_catalog) && old.example.body != new.example.body);
    if docs_changed {
        found.push(
            "docs-changed",
            Class::Docs,
            name,
            format!("the documentation of `{code}` changed"),
            "summary, description, causes, solution, links or example: documentation only",
            was,
            is,
        );
    }
}

fn field_changes(old: &Code, new: &Code, found: &mut Found<'_>) {
    let name = Some(new.code.as_str());
    let code = &new.code;
    let before: HashMap<&str, &DetailField> = old.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    for field in &new.fields {
        let f = &field.name;
        let Some(was) = before.get(f.as_str()) else {
            if field.message_only {
                continue;
            }
            let (class, why) = if field.optional {
                (Class::Compatible, "old clients ignore it; new ones read it when it is there")
            } else {
                (
                    Class::Breaking,
                    "clients built from the new catalog reject the details of servers not yet sending it; add it as \
                     optional first",
                )
            };
            let required = if field.optional { "optional" } else { "required" };
            found.push(
                "field-added",
                class,
                name,
                format!("`{code}` has a new {required} details field `{f}`"),
                why,
                old.span,
                field.span,
            );
            continue;
        };
        if was.ty != field.ty {
            found.push(
                "field-retyped",
                Class::Breaking,
                name,
                format!(
                    "details field `{f}` of `{code}` changed type from `{}` to `{}`",
                    was.ty.name(),
                    field.ty.name()
                ),
                "typed clients reject the new values, and code using the field no longer compiles",
                was.span,
                field.span,
            );
        }
        match (was.message_only, field.message_only) {
            (false, true) => found.push(
                "field-removed",
                Class::Breaking,
                name,
                format!("details field `{f}` of `{code}` is no longer sent (now message-only)"),
                "clients reading it find nothing",
                was.span,
                field.span,
            ),
            (true, false) => found.push(
                "field-added",
                Class::Compatible,
                name,
                format!("details field `{f}` of `{code}` is now sent in `details`"),
                "old clients ignore it; new ones read it",
                was.span,
                field.span,
            ),
            _ => {}
        }
        if !field.message_only && !was.message_only {
            match (was.optional, field.optional) {
                (true, false) => found.push(
                    "field-made-required",
                    Class::Breaking,
                    name,
                    format!("details field `{f}` of `{code}` is now required"),
                    "clients built from the new catalog reject details without it, which servers sent until now",
                    was.span,
                    field.span,
                ),
                (false, true) => found.push(
                    "field-made-optional",
                    Class::Breaking,
                    name,
                    format!("details field `{f}` of `{code}` is now optional"),
                    "old clients that rely on it fail when it is missing; in Rust, Go, Java and TypeScript its type \
                     becomes optional and code reading it must change (the docs and OpenAPI only say so)",
                    was.span,
                    field.span,
                ),
                _ => {}
            }
        }
        if was.description != field.description {
            found.push(
                "field-docs-changed",
                Class::Docs,
                name,
                format!("the description of details field `{f}` of `{code}` changed"),
                "documentation only",
                was.span,
                field.span,
            );
        }
    }
    let after: BTreeSet<&str> = new.fields.iter().map(|f| f.name.as_str()).collect();
    for field in old.fields.iter().filter(|f| !f.message_only && !after.contains(f.name.as_str())) {
        found.push(
            "field-removed",
            Class::Breaking,
            name,
            format!("details field `{}` of `{code}` was removed", field.name),
            "clients and code reading it find nothing; typed clients no longer have it",
            field.span,
            new.span,
        );
    }
    match (&old.additional_details, &new.additional_details) {
        (Some(_), None) => found.push(
            "additional-details-removed",
            Class::Breaking,
            name,
            format!("`{code}` no longer has additional details"),
            "clients reading the extra keys find nothing",
            old.span,
            new.span,
        ),
        (None, Some(_)) => found.push(
            "additional-details-added",
            Class::Compatible,
            name,
            format!("`{code}` now has additional details"),
            "old clients ignore the extra keys",
            old.span,
            new.span,
        ),
        (Some(was), Some(is)) if was.ty != is.ty => found.push(
            "additional-details-retyped",
            Class::Breaking,
            name,
            format!("the additional details of `{code}` changed type from `{}` to `{}`", was.ty.name(), is.ty.name()),
            "typed clients reject the new values",
            old.span,
            new.span,
        ),
        _ => {}
    }
}

fn lifecycle_changes(old: &Code, new: &Code, found: &mut Found<'_>) {
    let name = Some(new.code.as_str());
    let code = &new.code;
    match (&old.lifecycle.deprecated, &new.lifecycle.deprecated) {
        (None, Some(deprecation)) => {
            let instead = deprecation.replaced_by.as_ref().map_or(String::new(), |by| format!(" in favour of `{by}`"));
            found.push(
                "code-deprecated",
                Class::Compatible,
                name,
                format!("code `{code}` is deprecated{instead}"),
                "it is still sent; every target now warns where code names it",
                old.span,
                new.span,
            );
        }
        (Some(_), None) => found.push(
            "code-undeprecated",
            Class::Compatible,
            name,
            format!("code `{code}` is no longer deprecated"),
            "the warnings go away",
            old.span,
            new.span,
        ),
        (Some(was), Some(is)) if was.replaced_by != is.replaced_by => found.push(
            "replacement-changed",
            Class::Compatible,
            name,
            format!(
                "the replacement of deprecated `{code}` changed from {} to {}",
                was.replaced_by.as_deref().map_or("none".to_owned(), |c| format!("`{c}`")),
                is.replaced_by.as_deref().map_or("none".to_owned(), |c| format!("`{c}`"))
            ),
            "new clients decode it as the new replacement",
            old.span,
            new.span,
        ),
        _ => {}
    }
}

/// The placeholder names of a code's message, without repeats.
fn placeholders(code: &Code) -> BTreeSet<&str> {
    code.message.placeholders().collect()
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{{{name}}}`")).collect::<Vec<_>>().join(", ")
}

fn retryable(mode: RetryMode) -> bool {
    mode != RetryMode::Never
}

fn retry_name(mode: RetryMode) -> &'static str {
    match mode {
        RetryMode::Never => "never",
        RetryMode::Backoff => "backoff",
        RetryMode::AfterDelay => "after_delay",
    }
}
