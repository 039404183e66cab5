//! The Go target: a client package (`generated/go`), from the templates in
//! `templates/go/`.
//!
//! [`syntax`] holds Go's reserved words, identifier rules and string literals; [`names`]
//! the names the package gives codes, categories and fields.

pub mod names;
pub mod syntax;

/// The Go target.
#[cfg(feature = "render")]
pub struct Go;

#[cfg(feature = "render")]
impl crate::targets::Target for Go {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Go
    }

    fn name(&self) -> &'static str {
        "go"
    }

    fn describe(&self) -> &'static str {
        "Go client package: typed codes, errors.Is/As sentinels, parser, context-aware retry"
    }

    /// `go_str` (an interpreted `"…"` literal).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("go_str", |s: &str| syntax::string_literal(s));
    }
}
