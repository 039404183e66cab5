//! Raw catalog → checked [`Catalog`], or the reasons it can't be one.
//!
//! Every rule runs on every entry, and every finding is kept, so one run reports all
//! problems. A [`Catalog`] is returned only when no rule found an error; warnings come
//! with it. Rule names (the `rule` of each diagnostic) are stable: they appear in output
//! and in the bad-catalog snapshots.

// The rules live in one file per family, each adding its own `impl Checker` block, so a
// family can be read (and rewritten) without the others: `api` (the `api` section),
// `wire` (the body's profile and members), `statuses`, `categories` (with code patterns),
// `codes` (the per-code rules), `fields` (`details`), `naming` (the character set and case
// styles of codes and field names, and their case clashes), `messages` (templates),
// `examples` (read with the profile), `lifecycle` (deprecation and tombstones), `locales`
// (the source language and the list of translations), `retry` (the retry policy) and
// `guides` (practices and troubleshooting). The naming rules are
// checks over the names table, in `crate::names::clashes`. This file holds what they
// share: the orchestration in `Checker::catalog`, the lookup `Context` and small helpers.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{self, Diagnostic};
use crate::model::{Catalog, RemovedCode, RetryMode};
use crate::names::Names;
use crate::raw::RawCatalog;
use crate::span::{Span, Spanned};

mod api;
mod categories;
mod codes;
mod examples;
mod fields;
mod guides;
mod lifecycle;
mod locales;
mod messages;
mod naming;
mod retry;
mod statuses;
mod wire;

pub use categories::glob_matches;
pub use codes::is_code_name;
#[cfg(feature = "render")]
pub(crate) use examples::plain_text;
pub use messages::{parse_localized_template, parse_template};
pub use naming::{MAX_FIELD_LEN, clash_key, is_wire_name};

/// Longest accepted code, in characters.
pub const MAX_CODE_LEN: usize = 64;

/// Most attempts a retry policy may make; more would hammer a failing server.
pub const MAX_ATTEMPTS: u32 = 100;

/// The only catalog format version.
pub const FORMAT_VERSION: u32 = 1;

/// Type names generated code declares besides per-code and per-category types (the
/// naming rules live with the names table).
pub use crate::names::clashes::GENERATED_TYPE_NAMES;

/// The result of validation: the checked catalog when there was no error, and every
/// diagnostic (errors and warnings), sorted by position.
#[derive(Debug)]
pub struct Validated {
    /// The checked catalog; `None` when any error was found.
    pub catalog: Option<Catalog>,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a raw catalog.
pub fn validate(raw: &RawCatalog) -> Validated {
    let mut checker = Checker { diagnostics: Vec::new() };
    let catalog = crate::timing::timed("validate: rules", || checker.catalog(raw));
    let mut diagnostics = checker.diagnostics;
    // Every generated name is decided here, once; the naming rules check that table.
    let names = crate::timing::timed("validate: names table", || Names::new(&catalog));
    diagnostics
        .extend(crate::timing::timed("validate: naming rules", || crate::names::clashes::check(raw, &catalog, &names)));
    let _ = catalog.names.set(names);
    diag::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Validated { catalog: if has_errors { None } else { Some(catalog) }, diagnostics }
}

/// Runs the rules and collects their findings. Each rule family adds its methods in its
/// own file, so the struct itself only holds what every rule shares.
struct Checker {
    /// Every finding so far, in the order the rules made them.
    diagnostics: Vec<Diagnostic>,
}

/// Lookup tables shared by the per-code rules.
struct Context<'r> {
    /// Each status row and its retry mode, by status code, so a code can find its row.
    statuses: HashMap<u16, (&'r crate::raw::RawStatus, RetryMode)>,
    /// Each category by id. A sorted map, so suggestions are the same on every run.
    categories: BTreeMap<&'r str, &'r crate::raw::RawCategory>,
    /// The ids of `api.links`, which every `see` entry must name.
    links: Vec<&'r str>,
    /// Code names in catalog order, for suggestions.
    code_names: Vec<&'r str>,
    /// The same names, for membership tests.
    code_set: HashSet<&'r str>,
    /// The body's profile, which examples are read with.
    profile: &'r crate::wire::Profile,
    /// The docs' error reference URL, for default documentation URLs.
    reference_url: &'r str,
    /// `api.docs_url`, which relative `doc_url`s resolve against.
    docs_url: &'r str,
    /// The catalog's case styles of wire names, if it chose any.
    naming: Option<&'r crate::raw::RawNaming>,
}

impl Checker {
    /// Records one finding. Rules never stop at the first problem, so one run reports all.
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Runs every rule family over the whole catalog and assembles the model from what they
    /// return. Each rule returns a best-effort value even after an error, so later rules
    /// still run; [`validate`] drops the model when any error was pushed.
    fn catalog(&mut self, raw: &RawCatalog) -> Catalog {
        if raw.format.value != FORMAT_VERSION {
            self.push(
                Diagnostic::error(
                    "unsupported-format",
                    raw.format.span,
                    format!("catalog format {} is not supported", raw.format.value),
                )
                .with_help(format!("this errcat reads format {FORMAT_VERSION}")),
            );
        }
        let api = self.api(raw);
        let wire = self.wire(raw, &api);
        let statuses = self.statuses(raw);
        let categories = crate::timing::timed("validate: categories", || self.categories(raw));
        let context = Context {
            statuses: raw.statuses.iter().map(|s| (s.code.value, (s, s.retry.value))).collect(),
            categories: raw.categories.iter().map(|c| (c.id.value.as_str(), c)).collect(),
            links: raw.api.links.iter().map(|l| l.id.value.as_str()).collect(),
            code_names: raw.codes.iter().map(|c| c.code.value.as_str()).collect(),
            code_set: raw.codes.iter().map(|c| c.code.value.as_str()).collect(),
            profile: &wire.profile,
            reference_url: &api.reference_url,
            docs_url: &api.docs_url,
            naming: raw.naming.as_ref(),
        };
        self.unique_codes(raw);
        let (codes, removed) = crate::timing::timed("validate: codes", || {
            let mut codes = Vec::with_capacity(raw.codes.len());
            let mut removed = Vec::new();
            for entry in &raw.codes {
                let mut code = self.code(entry, &context);
                let (lifecycle, removal) = self.lifecycle(entry);
                code.lifecycle = lifecycle;
                match removal {
                    // Tombstones are never emitted: they leave the codes every target renders.
                    Some(removal) => removed.push(RemovedCode { code, removal }),
                    None => codes.push(code),
                }
            }
            (codes, removed)
        });
        let mut codes = codes;
        crate::timing::timed("validate: replacements", || self.replacements(raw));
        crate::timing::timed("validate: pattern exceptions", || self.pattern_exceptions(raw));
        // Docs order: categories in catalog order, codes in catalog order within each.
        let category_rank: HashMap<&str, usize> =
            raw.categories.iter().enumerate().map(|(i, c)| (c.id.value.as_str(), i)).collect();
        codes.sort_by_key(|code| category_rank.get(code.category.as_str()).copied().unwrap_or(usize::MAX));
        let retry_policy = self.retry_policy(raw, &statuses);
        let locales = self.locales(raw.locales.as_ref());
        let practices = self.practices(raw);
        let troubleshooting = crate::timing::timed("validate: troubleshooting", || self.troubleshooting(raw, &context));
        let log_fields = raw
            .logging
            .as_ref()
            .map(|logging| {
                for field in logging.fields.iter().filter(|f| f.value.trim().is_empty()) {
                    self.push(Diagnostic::error("empty-text", field.span, "empty logging field name"));
                }
                logging.fields.iter().map(|f| f.value.clone()).collect()
            })
            .unwrap_or_default();
        Catalog {
            format: raw.format.value,
            api,
            wire,
            statuses,
            categories,
            codes,
            retry_policy,
            log_fields,
            practices,
            troubleshooting,
            removed,
            locales,
            index: Default::default(),
            names: Default::default(),
        }
    }

    /// Reports text that users see but that is empty or only whitespace.
    fn required_text(&mut self, value: &Spanned<String>, what: &str) {
        if value.value.trim().is_empty() {
            self.push(
                Diagnostic::error("empty-text", value.span, format!("`{what}` is empty"))
                    .with_help("it is shown to users; fill it in"),
            );
        }
    }

    /// Reports an id that is not kebab-case, the one spelling ids of links, practices and
    /// troubleshooting entries take, and suggests the kebab-case form.
    fn kebab_id(&mut self, id: &Spanned<String>, what: &str) {
        let ok = !id.value.is_empty()
            && id
                .value
                .split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        if !ok {
            self.push(
                Diagnostic::error("id-naming", id.span, format!("{what} id `{}` is not kebab-case", id.value))
                    .with_help(format!("write it as `{}`", heck::ToKebabCase::to_kebab_case(id.value.as_str()))),
            );
        }
    }

    /// Reports an id already in `seen`, pointing at its first definition.
    fn unique_id<'r>(&mut self, seen: &mut HashMap<&'r str, Span>, id: &'r Spanned<String>, what: &str) {
        if let Some(first) = seen.insert(id.value.as_str(), id.span) {
            self.push(
                Diagnostic::error("duplicate-id", id.span, format!("{what} `{}` is defined twice", id.value))
                    .with_related(first, "first defined here"),
            );
        }
    }
}

/// The value of an optional text, without its span.
fn text(value: &Option<Spanned<String>>) -> Option<String> {
    value.as_ref().map(|v| v.value.clone())
}

/// The values of a list of texts, without their spans.
fn values(list: &[Spanned<String>]) -> Vec<String> {
    list.iter().map(|v| v.value.clone()).collect()
}

/// An optional flag's value; an absent flag is off.
fn flag(value: &Option<Spanned<bool>>) -> bool {
    value.as_ref().is_some_and(|v| v.value)
}
