//! The TypeScript target: a typed client package (`generated/typescript`), from the
//! templates in `templates/typescript/`.
//!
//! [`syntax`] holds TypeScript's reserved words, identifier rules and string literals;
//! [`names`] the names the package gives codes, categories and fields.

pub mod names;
pub mod syntax;

/// The most codes for which the client's types are unions over every code: `ApiErrorUnion`
/// narrowing on `code`, `typedDetails` typed as the union of every code's details,
/// `CODE_INFO` typed per key. Templates see it as `ts_union_limit`.
///
/// TypeScript gives up on reducing a union of more than about 1,000 object types (error
/// TS2590, "Expression produces a union type that is too complex to represent"), and the
/// code that uses a client reduces these unions all the time: a conditional expression,
/// `??`, an inferred return type, a `catch` variable narrowed and merged. Past this limit
/// the same names stand for one type each, and `is(code)` or `instanceof` narrows an error
/// to its code's class.
pub const UNION_LIMIT: usize = 500;

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

    /// `ts_str` (a `"…"` literal, safe inside `<script>`), and the global `ts_union_limit`
    /// ([`UNION_LIMIT`]; the docs' TypeScript sample reads it too).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("ts_str", |s: &str| syntax::string_literal(s));
        env.add_global("ts_union_limit", UNION_LIMIT);
    }
}
