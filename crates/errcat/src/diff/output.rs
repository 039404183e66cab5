//! The three ways `errcat diff` reports: rustc-style diagnostics pointing into both files,
//! a Markdown changelog section, and JSON for tools.

use std::fmt::Write as _;

use serde_json::json;

use super::{Change, Class};
use crate::diag::{self, Diagnostic, Style};
use crate::span::Span;

/// One side of the comparison: how its path is shown, and its text.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The path as diagnostics show it (`git:HEAD~1:catalog/acme.yaml` for a catalog read
    /// from git).
    pub shown: &'a str,
    /// The catalog's text.
    pub text: &'a str,
}

/// How many changes of each class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Breaking changes.
    pub breaking: usize,
    /// Compatible changes.
    pub compatible: usize,
    /// Documentation-only changes.
    pub docs: usize,
}

/// Counts `changes` by class.
pub fn counts(changes: &[Change]) -> Counts {
    let mut counts = Counts::default();
    for change in changes {
        match change.class {
            Class::Breaking => counts.breaking += 1,
            Class::Compatible => counts.compatible += 1,
            Class::Docs => counts.docs += 1,
        }
    }
    counts
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word} change{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {}",
            plural(self.breaking, "breaking"),
            plural(self.compatible, "compatible"),
            plural(self.docs, "docs-only")
        )
    }
}

/// Every change as a diagnostic (breaking as an error, compatible as a warning, docs-only
/// as a note), shown in the new catalog where it is there and in the old one otherwise;
/// the other side's position follows as a note. Ends with the counts.
pub fn text(changes: &[Change], old: Side<'_>, new: Side<'_>, style: Style) -> String {
    let mut out = String::new();
    for change in changes {
        let rule = change.kind;
        let message = format!("{}: {}", change.class.as_str(), change.message);
        let (span, side, other, other_side, other_label) = if change.new.is_known() {
            (change.new, new, change.old, old, "was")
        } else {
            (change.old, old, change.new, new, "now")
        };
        let mut diagnostic = match change.class {
            Class::Breaking => Diagnostic::error(rule, span, message),
            Class::Compatible => Diagnostic::warning(rule, span, message),
            Class::Docs => Diagnostic::note(rule, span, message),
        };
        let mut help = change.why.clone();
        if other.is_known() {
            let _ = write!(help, " ({other_label} at {}:{}:{})", other_side.shown, other.line, other.column);
        }
        diagnostic = diagnostic.with_help(help);
        if !span.is_known() {
            // Changes of the API section or the tables have no single position worth showing.
            let _ = writeln!(
                out,
                "{}[{rule}]: {}\n  = help: {}\n",
                severity(change.class),
                diag::terminal_safe(&diagnostic.message),
                diag::terminal_safe(&change.why)
            );
            continue;
        }
        out.push_str(&diag::render_one_of(&diagnostic, side.shown, side.text, style));
        out.push_str("\n\n");
    }
    let counts = counts(changes);
    if changes.is_empty() {
        out.push_str("no changes\n");
    } else {
        let _ = writeln!(out, "{counts}");
    }
    out
}

fn severity(class: Class) -> &'static str {
    match class {
        Class::Breaking => "error",
        Class::Compatible => "warning",
        Class::Docs => "note",
    }
}

/// A Markdown changelog section: `### Breaking`, `### Compatible`, `### Documentation`,
/// each change with its reason.
pub fn markdown(changes: &[Change], heading: &str) -> String {
    let mut out = format!("## {heading}\n\n");
    if changes.is_empty() {
        out.push_str("No changes to the error catalog.\n");
        return out;
    }
    let _ = writeln!(out, "{}.\n", counts(changes));
    for (class, title) in
        [(Class::Breaking, "Breaking"), (Class::Compatible, "Compatible"), (Class::Docs, "Documentation")]
    {
        let of_class: Vec<&Change> = changes.iter().filter(|change| change.class == class).collect();
        if of_class.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title}\n");
        for change in of_class {
            let _ = writeln!(out, "- {} — {}.", markdown_text(&change.message), markdown_text(&change.why));
        }
        out.push('\n');
    }
    out
}

/// Catalog text in a Markdown list item: backticks and markup stay, line breaks and HTML
/// do not.
fn markdown_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('<', "&lt;").replace('>', "&gt;")
}

/// The changes as JSON: `{"summary": {...}, "changes": [{kind, class, code, message, why,
/// old: {path, line, column}, new: {...}}]}`.
pub fn json(changes: &[Change], old: Side<'_>, new: Side<'_>) -> String {
    let position = |span: Span, side: Side<'_>| {
        if span.is_known() {
            json!({"path": side.shown, "line": span.line, "column": span.column})
        } else {
            serde_json::Value::Null
        }
    };
    let counts = counts(changes);
    let changes: Vec<serde_json::Value> = changes
        .iter()
        .map(|change| {
            json!({
                "kind": change.kind,
                "class": change.class.as_str(),
                "code": change.code,
                "message": change.message,
                "why": change.why,
                "old": position(change.old, old),
                "new": position(change.new, new),
            })
        })
        .collect();
    let report = json!({
        "old": old.shown,
        "new": new.shown,
        "summary": {"breaking": counts.breaking, "compatible": counts.compatible, "docs": counts.docs},
        "changes": changes,
    });
    format!("{report:#}\n")
}
