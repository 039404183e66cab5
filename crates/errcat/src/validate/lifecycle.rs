//! Lifecycle rules: `since`, `deprecated` and `removed` (tombstones). A replacement must be
//! a code that is still sent; a tombstone is never emitted, so nothing may point at it.

use std::collections::HashMap;

use super::Checker;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Deprecation, Lifecycle};
use crate::raw::{RawCatalog, RawCode};
use crate::span::Spanned;

impl Checker {
    /// A code's lifecycle, and its removal when it is a tombstone; reports empty texts.
    pub(super) fn lifecycle(&mut self, code: &RawCode) -> (Lifecycle, Option<Deprecation>) {
        if let Some(since) = &code.since {
            self.required_text(since, "since");
        }
        let deprecated = code.deprecated.as_ref().map(|deprecated| {
            self.required_text(&deprecated.reason, "deprecated.reason");
            change(&deprecated.since, &deprecated.reason, &deprecated.replaced_by)
        });
        let removal = code.removed.as_ref().map(|removed| {
            self.required_text(&removed.reason, "removed.reason");
            change(&removed.since, &removed.reason, &removed.replaced_by)
        });
        (Lifecycle { since: code.since.as_ref().map(|s| s.value.clone()), deprecated }, removal)
    }

    /// Checks every `replaced_by` (a code still sent, not the code itself, no cycle) and
    /// that troubleshooting entries name no tombstone.
    pub(super) fn replacements(&mut self, raw: &RawCatalog) {
        let removed: HashMap<&str, bool> =
            raw.codes.iter().map(|code| (code.code.value.as_str(), code.removed.is_some())).collect();
        let by_name: HashMap<&str, &RawCode> = raw.codes.iter().map(|code| (code.code.value.as_str(), code)).collect();
        let replacement_of: HashMap<&str, &str> = raw
            .codes
            .iter()
            .filter_map(|code| Some((code.code.value.as_str(), replaced_by(code)?.value.as_str())))
            .collect();
        for code in &raw.codes {
            let Some(target) = replaced_by(code) else { continue };
            let name = code.code.value.as_str();
            match removed.get(target.value.as_str()) {
                None => {
                    let mut diagnostic = Diagnostic::error(
                        "lifecycle",
                        target.span,
                        format!("code `{name}` is replaced by `{}`, which is not in the catalog", target.value),
                    );
                    let others = removed.keys().copied().filter(|other| *other != name);
                    diagnostic = match did_you_mean(&target.value, others) {
                        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                        None => diagnostic.with_help("name a code of this catalog that clients should use instead"),
                    };
                    self.push(diagnostic);
                }
                Some(true) => self.push(
                    Diagnostic::error(
                        "lifecycle",
                        target.span,
                        format!("code `{name}` is replaced by `{}`, which is removed", target.value),
                    )
                    .with_help("a replacement must still be sent: name the code that replaced it"),
                ),
                Some(false) if target.value == name => self.push(
                    Diagnostic::error("lifecycle", target.span, format!("code `{name}` is replaced by itself"))
                        .with_help("name the code clients should use instead, or drop `replaced_by`"),
                ),
                Some(false) => {
                    // Follow the chain: it must end at a code that is not replaced.
                    let mut seen = vec![name];
                    let mut at = target.value.as_str();
                    let mut cycle = false;
                    while let Some(next) = replacement_of.get(at) {
                        if seen.contains(&at) {
                            cycle = true;
                            self.push(
                                Diagnostic::error(
                                    "lifecycle",
                                    target.span,
                                    format!("the replacements of `{name}` form a cycle: {} → {at}", seen.join(" → ")),
                                )
                                .with_help("each chain of `replaced_by` must end at a code that is not replaced"),
                            );
                            break;
                        }
                        seen.push(at);
                        at = next;
                    }
                    if let (false, Some(live)) = (cycle, by_name.get(at)) {
                        self.replacement_reads_details(code, target, live);
                    }
                }
            }
        }
        for problem in &raw.troubleshooting {
            for code in problem.related_codes.iter().filter(|code| removed.get(code.value.as_str()) == Some(&true)) {
                self.push(
                    Diagnostic::error(
                        "lifecycle",
                        code.span,
                        format!("related code `{}` is removed: no target emits it", code.value),
                    )
                    .with_help("name the code that replaced it, or drop it from `related_codes`"),
                );
            }
        }
    }
}

impl Checker {
    /// Warns when clients, which read `code` as its replacement `live`, cannot find the
    /// replacement's required details in `code`'s body: each such field must be a details
    /// field of `code` too, required and of the same type. Otherwise the clients still read
    /// the code as `live`, but with `details_valid` false and no typed details.
    fn replacement_reads_details(&mut self, code: &RawCode, target: &Spanned<String>, live: &RawCode) {
        let sent = |field: &crate::raw::RawDetailField| field.message_only.as_ref().is_none_or(|only| !only.value);
        let required = |field: &crate::raw::RawDetailField| field.optional.as_ref().is_none_or(|opt| !opt.value);
        let missing: Vec<String> = live
            .details
            .iter()
            .filter(|field| sent(field) && required(field))
            .filter(|field| {
                !code.details.iter().any(|own| {
                    own.name.value == field.name.value && own.ty.value == field.ty.value && sent(own) && required(own)
                })
            })
            .map(|field| format!("`{}` ({})", field.name.value, field.ty.value))
            .collect();
        if missing.is_empty() {
            return;
        }
        let name = &code.code.value;
        self.push(
            Diagnostic::warning(
                "replacement-details",
                target.span,
                format!(
                    "clients read `{name}` as `{}`, but a body of `{name}` need not carry its required details {}",
                    live.code.value,
                    missing.join(", ")
                ),
            )
            .with_related(live.code.span, "the replacement is declared here")
            .with_help(format!(
                "declare the same fields, required and of the same type, on `{name}`, or make them optional on `{}`; \
                 otherwise clients read `{name}` with `details_valid` false and no typed details",
                live.code.value
            )),
        );
    }
}

/// The code a deprecated or removed code names as its replacement.
fn replaced_by(code: &RawCode) -> Option<&Spanned<String>> {
    code.removed
        .as_ref()
        .and_then(|removed| removed.replaced_by.as_ref())
        .or_else(|| code.deprecated.as_ref().and_then(|deprecated| deprecated.replaced_by.as_ref()))
}

fn change(
    since: &Option<Spanned<String>>,
    reason: &Spanned<String>,
    replaced_by: &Option<Spanned<String>>,
) -> Deprecation {
    Deprecation {
        since: since.as_ref().map(|s| s.value.clone()),
        reason: reason.value.clone(),
        replaced_by: replaced_by.as_ref().map(|r| r.value.clone()),
    }
}
