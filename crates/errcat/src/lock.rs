//! The lock of published codes: `CATALOG.lock.yaml` beside the catalog (`acme.yaml` →
//! `acme.lock.yaml`), written by `errcat lock` and committed. It lists every code ever
//! published with its status, its message's placeholder signature and its details types,
//! and which codes are tombstones. Codes are never taken out of it.
//!
//! [`check`] compares a catalog with its lock: a locked code that disappeared without a
//! tombstone, or a tombstoned code that is back, is an error (`lock`); a status,
//! placeholder signature or details type that differs from the lock is a warning until
//! `errcat lock` records it. [`crate::check_file`] runs it whenever the lock exists.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::model::{Catalog, Code};
use crate::span::Span;

/// The version of the lock format this errcat reads and writes.
pub const LOCK_FORMAT: u32 = 1;

/// The lock file of the catalog at `catalog`: same folder, `STEM.lock.yaml`.
pub fn path_for(catalog: &Path) -> PathBuf {
    let stem = catalog.file_stem().map_or_else(|| "catalog".into(), |stem| stem.to_string_lossy().into_owned());
    catalog.with_file_name(format!("{stem}.lock.yaml"))
}

/// A parsed lock: every published code by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// The lock format, [`LOCK_FORMAT`].
    pub format: u32,
    /// Every code ever published.
    #[serde(default)]
    pub codes: BTreeMap<String, LockedCode>,
}

/// What a client may rely on for one published code.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedCode {
    /// The HTTP status.
    pub status: u16,
    /// The message's placeholders, sorted, without repeats.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// The details fields sent: name → type, with `?` after the type of an optional one.
    #[serde(default)]
    pub details: BTreeMap<String, String>,
    /// The code is a tombstone: never sent again, never reused.
    #[serde(default)]
    pub removed: bool,
}

impl LockedCode {
    /// What the lock records for `code`.
    fn of(code: &Code, removed: bool) -> LockedCode {
        let mut placeholders: Vec<String> = code.message.placeholders().map(str::to_owned).collect();
        placeholders.sort();
        placeholders.dedup();
        let details = code
            .wire_fields()
            .map(|field| (field.name.clone(), format!("{}{}", field.ty.name(), if field.optional { "?" } else { "" })))
            .collect();
        LockedCode { status: code.status, placeholders, details, removed }
    }
}

/// Reads a lock's text; the error says what is wrong, for a diagnostic.
pub fn parse(text: &str) -> Result<Lock, String> {
    let lock: Lock = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    if lock.format != LOCK_FORMAT {
        return Err(format!("lock format {} is not supported (this errcat reads format {LOCK_FORMAT})", lock.format));
    }
    Ok(lock)
}

/// The lock of `catalog`, keeping every code of `previous` (published codes never leave
/// the lock): live codes as they are now, tombstones marked removed.
pub fn updated(catalog: &Catalog, previous: Option<&Lock>) -> Lock {
    let mut codes = previous.map(|lock| lock.codes.clone()).unwrap_or_default();
    for code in &catalog.codes {
        codes.insert(code.code.clone(), LockedCode::of(code, false));
    }
    for removed in &catalog.removed {
        codes.insert(removed.code.code.clone(), LockedCode::of(&removed.code, true));
    }
    Lock { format: LOCK_FORMAT, codes }
}

/// The lock as the text `errcat lock` writes: sorted, one code per entry, stable.
pub fn render(lock: &Lock, catalog_shown: &str) -> String {
    let mut out = format!(
        "# The published codes of {catalog_shown}, written by `errcat lock`: commit it. A code\n\
         # never leaves this file; `errcat check` fails when one disappears from the catalog\n\
         # without a tombstone (`removed:`), or when a tombstoned code comes back.\n\
         format: {LOCK_FORMAT}\ncodes:\n"
    );
    // Names are written as JSON strings (valid YAML), whatever characters they hold.
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    for (name, code) in &lock.codes {
        let _ = writeln!(out, "  {}:", quoted(name));
        let _ = writeln!(out, "    status: {}", code.status);
        if !code.placeholders.is_empty() {
            let names: Vec<String> = code.placeholders.iter().map(|name| quoted(name)).collect();
            let _ = writeln!(out, "    placeholders: [{}]", names.join(", "));
        }
        if !code.details.is_empty() {
            let fields: Vec<String> =
                code.details.iter().map(|(name, ty)| format!("{}: {}", quoted(name), quoted(ty))).collect();
            let _ = writeln!(out, "    details: {{{}}}", fields.join(", "));
        }
        if code.removed {
            out.push_str("    removed: true\n");
        }
    }
    out
}

/// The catalog's disagreements with its lock (`lock_shown` names the lock file in
/// messages).
pub fn check(catalog: &Catalog, lock: &Lock, lock_shown: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let tombstones: BTreeMap<&str, &Code> =
        catalog.removed.iter().map(|removed| (removed.code.code.as_str(), &removed.code)).collect();
    for (name, locked) in &lock.codes {
        match (catalog.code(name), tombstones.get(name.as_str())) {
            (None, None) => diagnostics.push(
                Diagnostic::error(
                    "lock",
                    Span::UNKNOWN,
                    format!("code `{name}` was published ({lock_shown}) and is no longer in the catalog"),
                )
                .with_help(format!(
                    "clients may still match on it: put its entry back, or keep it as a tombstone with \
                     `removed: {{since: …, reason: …}}` so that `{name}` is never reused"
                )),
            ),
            (Some(code), _) if locked.removed => diagnostics.push(
                Diagnostic::error(
                    "lock",
                    code.span,
                    format!("code `{name}` was removed ({lock_shown} has its tombstone) and is back"),
                )
                .with_label("a removed code keeps its old meaning for the clients and logs that saw it")
                .with_help("give this error a new code, and keep the tombstone of the old one"),
            ),
            (Some(code), _) => drift(code, locked, lock_shown, &mut diagnostics),
            (None, Some(_)) => {}
        }
    }
    diagnostics
}

/// Warnings for what changed in a published code since it was locked.
fn drift(code: &Code, locked: &LockedCode, lock_shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let now = LockedCode::of(code, false);
    let name = &code.code;
    let mut differences = Vec::new();
    if now.status != locked.status {
        differences.push(format!("status {} (locked: {})", now.status, locked.status));
    }
    if now.placeholders != locked.placeholders {
        differences.push(format!(
            "message placeholders [{}] (locked: [{}])",
            now.placeholders.join(", "),
            locked.placeholders.join(", ")
        ));
    }
    if now.details != locked.details {
        let show = |details: &BTreeMap<String, String>| {
            details.iter().map(|(name, ty)| format!("{name}: {ty}")).collect::<Vec<_>>().join(", ")
        };
        differences.push(format!("details {{{}}} (locked: {{{}}})", show(&now.details), show(&locked.details)));
    }
    if !differences.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                "lock",
                code.span,
                format!("published code `{name}` differs from {lock_shown}: {}", differences.join("; ")),
            )
            .with_help("`errcat diff` says whether that breaks clients; `errcat lock` records it once it is meant"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(text: &str) -> Catalog {
        let checked = crate::check_str(text, &crate::load::Limits::default());
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        checked.catalog.expect("a catalog")
    }

    fn minimal() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/catalogs/minimal.yaml"))
            .expect("the minimal catalog is readable")
    }

    #[test]
    fn the_lock_reads_back_what_it_writes() {
        let lock = updated(&catalog(&minimal()), None);
        assert_eq!(lock.codes.len(), 4);
        let slow = &lock.codes["SLOW_DOWN"];
        assert_eq!(slow.status, 429);
        assert_eq!(slow.placeholders, ["retry_after"]);
        assert_eq!(slow.details.get("limit").map(String::as_str), Some("integer"));
        assert_eq!(lock.codes["ACCESS_DENIED"].details.get("roles").map(String::as_str), Some("string[]?"));
        let text = render(&lock, "minimal.yaml");
        assert_eq!(parse(&text), Ok(lock));
    }

    #[test]
    fn a_published_code_never_leaves_the_lock() {
        let text = minimal();
        let lock = updated(&catalog(&text), None);
        let start = text.find("  - code: OOPS").expect("OOPS");
        let end = text.find("\nretry_policy:").expect("retry_policy");
        let without = format!("{}{}", &text[..start], &text[end + 1..]);
        let smaller = catalog(&without);
        let diagnostics = check(&smaller, &lock, "minimal.lock.yaml");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert!(diagnostics[0].is_error() && diagnostics[0].message.contains("`OOPS` was published"));
        // `errcat lock` keeps it too: the updated lock still lists it.
        assert!(updated(&smaller, Some(&lock)).codes.contains_key("OOPS"));
    }

    #[test]
    fn a_tombstone_keeps_the_code_and_cannot_come_back() {
        let text = minimal();
        let lock = updated(&catalog(&text), None);
        let tombstoned = text.replace(
            "    message: \"Oops\"\n",
            "    message: \"Oops\"\n    removed: {since: \"2.0\", reason: \"No longer sent\"}\n",
        );
        let with_tombstone = catalog(&tombstoned);
        assert!(with_tombstone.code("OOPS").is_none(), "a tombstone is not a live code");
        assert!(check(&with_tombstone, &lock, "lock").is_empty());
        let locked = updated(&with_tombstone, Some(&lock));
        assert!(locked.codes["OOPS"].removed);
        let diagnostics = check(&catalog(&text), &locked, "lock");
        assert!(diagnostics.iter().any(|d| d.is_error() && d.message.contains("is back")), "{diagnostics:#?}");
    }

    #[test]
    fn a_changed_published_code_is_a_warning_naming_both_sides() {
        let text = minimal();
        let lock = updated(&catalog(&text), None);
        let changed = catalog(
            &text.replace("  - code: ACCESS_DENIED\n    status: 403", "  - code: ACCESS_DENIED\n    status: 401"),
        );
        let diagnostics = check(&changed, &lock, "lock");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert!(!diagnostics[0].is_error());
        assert!(diagnostics[0].message.contains("status 401 (locked: 403)"), "{}", diagnostics[0].message);
    }

    #[test]
    fn the_lock_sits_beside_the_catalog() {
        assert_eq!(path_for(Path::new("catalog/acme.yaml")), Path::new("catalog/acme.lock.yaml"));
    }
}
