//! The Python target: a typed client package (`generated/python`), from the templates in
//! `templates/python/`.
//!
//! [`syntax`] holds Python's reserved words, identifier rules, string literals and
//! docstrings; [`names`] the names the package gives codes, categories and fields.

pub mod names;
pub mod syntax;

/// The Python target.
#[cfg(feature = "render")]
pub struct Python;

#[cfg(feature = "render")]
impl crate::targets::Target for Python {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Python
    }

    fn name(&self) -> &'static str {
        "python"
    }

    fn describe(&self) -> &'static str {
        "Python client package: StrEnum codes, exception hierarchy, parser, retry helper"
    }

    /// `py_str` (a `"…"` literal) and `py_doc` (a docstring body).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("py_str", |s: &str| syntax::string_literal(s));
        env.add_filter("py_doc", |s: &str| syntax::docstring(s));
    }
}
