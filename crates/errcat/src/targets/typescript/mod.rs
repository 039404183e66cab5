//! The TypeScript target: a typed client package (`generated/typescript`), from the
//! templates in `templates/typescript/`.
//!
//! [`syntax`] holds TypeScript's reserved words, identifier rules and string literals;
//! [`names`] the names the package gives codes, categories and fields.

pub mod names;
pub mod syntax;

/// The TypeScript target.
#[cfg(feature = "render")]
pub struct TypeScript;

#[cfg(feature = "render")]
impl crate::targets::Target for TypeScript {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::TypeScript
    }

    fn name(&self) -> &'static str {
        "typescript"
    }

    fn describe(&self) -> &'static str {
        "TypeScript client package: code union, error classes, parser, retry helper"
    }

    /// `ts_str` (a `"…"` literal, safe inside `<script>`).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("ts_str", |s: &str| syntax::string_literal(s));
    }
}
