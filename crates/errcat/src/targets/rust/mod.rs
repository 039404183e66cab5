//! The Rust target: the source of a crate's error vocabulary (`generated/rust/errors.rs`,
//! and what build scripts and the `errcat_macros::catalog!` proc-macro generate).
//!
//! [`syntax`] holds Rust's reserved words, identifier rules and string literals; [`names`]
//! the names the crate gives codes, categories and fields.

pub mod names;
pub mod syntax;

/// The Rust target.
#[cfg(feature = "render")]
pub struct Rust;

#[cfg(feature = "render")]
impl crate::targets::Target for Rust {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Rust
    }

    fn name(&self) -> &'static str {
        "rust"
    }

    fn describe(&self) -> &'static str {
        "Rust source of ErrorCode, ErrorCategory, ApiError and details structs (as build.rs writes it)"
    }

    /// `rust_str` (a `"…"` literal), for templates that quote Rust.
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("rust_str", |s: &str| syntax::string_literal(s));
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        Ok(crate::render::Files::from([("rust/errors.rs".to_owned(), crate::rust::generate(job.catalog))]))
    }
}
