//! Categories and their code patterns: ids, titles, which codes a pattern admits, and
//! exceptions that no longer do anything.

use std::collections::HashMap;

use super::fields::is_snake_case;
use super::{Checker, text, values};
use crate::diag::Diagnostic;
use crate::model::Category;
use crate::raw::{RawCatalog, RawCode};
use crate::span::Span;

impl Checker {
    /// Checks each category's id, title and code patterns; a pattern that can never match
    /// a code is an error, since it would silently classify nothing.
    pub(super) fn categories(&mut self, raw: &RawCatalog) -> Vec<Category> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut categories = Vec::new();
        for category in &raw.categories {
            let id = &category.id;
            if !is_snake_case(&id.value) {
                self.push(
                    Diagnostic::error(
                        "category-naming",
                        id.span,
                        format!("category id `{}` is not snake_case", id.value),
                    )
                    .with_help(format!("write it as `{}`", crate::targets::words::snake(&id.value))),
                );
            }
            if let Some(first) = seen.insert(id.value.as_str(), id.span) {
                self.push(
                    Diagnostic::error("duplicate-id", id.span, format!("category `{}` is defined twice", id.value))
                        .with_related(first, "first defined here"),
                );
            }
            self.required_text(&category.title, "categories[].title");
            for pattern in &category.patterns {
                if pattern.value.is_empty()
                    || !pattern
                        .value
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '*')
                {
                    self.push(
                        Diagnostic::error(
                            "category-pattern",
                            pattern.span,
                            format!("pattern `{}` can never match a code", pattern.value),
                        )
                        .with_help("patterns use A–Z, 0–9, `_` and `*` (any run of characters), e.g. `AUTH_*`"),
                    );
                }
            }
            categories.push(Category {
                id: id.value.clone(),
                title: category.title.value.clone(),
                description: text(&category.description),
                patterns: values(&category.patterns),
                pattern_exceptions: values(&category.pattern_exceptions),
            });
        }
        categories
    }

    /// Warns when a code's name matches none of its category's patterns, unless the
    /// category lists it as an exception; the patterns are how readers guess a category.
    pub(super) fn code_pattern(&mut self, code: &RawCode, category: &crate::raw::RawCategory) {
        if category.patterns.is_empty() {
            return;
        }
        let name = &code.code.value;
        let matches = category.patterns.iter().any(|p| glob_matches(&p.value, name));
        let excepted = category.pattern_exceptions.iter().any(|e| &e.value == name);
        if !matches && !excepted {
            let patterns = category.patterns.iter().map(|p| format!("`{}`", p.value)).collect::<Vec<_>>().join(", ");
            self.push(
                Diagnostic::warning(
                    "category-pattern",
                    code.code.span,
                    format!("code `{name}` does not match the {patterns} pattern of category `{}`", category.id.value),
                )
                .with_related(category.id.span, "category defined here")
                .with_help(format!(
                    "rename the code, or list it under the category's `pattern_exceptions` if clients already depend on `{name}`"
                )),
            );
        }
    }

    /// Warns about pattern exceptions that no longer do anything: unknown codes, codes of
    /// another category, or codes that match the patterns anyway.
    pub(super) fn pattern_exceptions(&mut self, raw: &RawCatalog) {
        // The first definition of a name, as a scan would find it.
        let mut by_name: HashMap<&str, &RawCode> = HashMap::new();
        for code in &raw.codes {
            by_name.entry(code.code.value.as_str()).or_insert(code);
        }
        for category in &raw.categories {
            for exception in &category.pattern_exceptions {
                let code = by_name.get(exception.value.as_str()).copied();
                let problem = match code {
                    None => Some(format!("`{}` is not a code", exception.value)),
                    Some(code) if code.category.value != category.id.value => {
                        Some(format!("`{}` belongs to category `{}`", exception.value, code.category.value))
                    }
                    Some(_) if category.patterns.iter().any(|p| glob_matches(&p.value, &exception.value)) => {
                        Some(format!("`{}` matches the category's patterns anyway", exception.value))
                    }
                    Some(_) => None,
                };
                if let Some(problem) = problem {
                    self.push(
                        Diagnostic::warning(
                            "stale-pattern-exception",
                            exception.span,
                            format!("pattern exception: {problem}"),
                        )
                        .with_help("remove it from `pattern_exceptions`"),
                    );
                }
            }
        }
    }
}

/// `*` matches any run of characters (including none); everything else matches itself.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('*').collect();
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else { return false };
    if pieces.len() == 1 {
        return pattern == text;
    }
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    first.len() + last.len() <= text.len()
}

#[cfg(test)]
/// Tests of the glob matcher of category patterns.
mod tests {
    use super::*;

    #[test]
    /// `*` matches any run, including none, but the literal ends must not overlap.
    fn globs() {
        assert!(glob_matches("AUTH_*", "AUTH_FAILED"));
        assert!(!glob_matches("AUTH_*", "MISSING_API_KEY"));
        assert!(glob_matches("*_NOT_FOUND", "DOCUMENT_NOT_FOUND"));
        assert!(glob_matches("*_IN_*", "MODEL_IN_USE"));
        assert!(!glob_matches("A*A", "A"));
        assert!(glob_matches("A*A", "AA"));
    }
}
