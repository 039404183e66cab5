//! The targets errcat generates, one module each, and the registry that lists them.
//!
//! A target is everything errcat knows about one output: a language module
//! (`rust`, `python`, `typescript`, `go`, `java`) owns that language's reserved words and
//! identifier rules and string and comment dialect (`syntax`), the names it gives codes,
//! categories and fields (`names`), its template filters and its template folder; `docs`,
//! `openapi`, `site` and `conformance` own theirs. Shared spelling lives in [`words`] (casing) and
//! [`text`] (the literal engine, comments, JSON), [`markdown`], [`html`] and [`yaml`].
//!
//! [`Lang`] lists the languages whose identifiers the names table decides. With the
//! `render` feature, [`registry`] lists every [`Target`] in the order they render; every
//! consumer that must handle each target (the CI steps of `cargo xtask ci`, say) matches
//! on [`TargetId`] exhaustively, so a new target cannot be forgotten anywhere.

pub mod go;
pub mod html;
pub mod java;
pub mod markdown;
pub mod openapi;
pub mod python;
pub mod rust;
pub mod text;
pub mod typescript;
pub mod words;
pub mod yaml;

#[cfg(feature = "render")]
pub mod conformance;
#[cfg(feature = "render")]
pub mod docs;
#[cfg(feature = "render")]
pub mod localized_reference;
#[cfg(feature = "render")]
pub mod localized_vectors;
#[cfg(feature = "render")]
mod registry;
#[cfg(feature = "render")]
pub mod site;

#[cfg(feature = "render")]
pub use registry::{Target, TargetId, by_name, registry};

/// A language whose generated identifiers the names table decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Lang {
    /// Rust (edition 2024).
    Rust,
    /// Python 3.
    Python,
    /// TypeScript (and the JavaScript it compiles to).
    TypeScript,
    /// Go.
    Go,
    /// Java (17 and newer).
    Java,
}

impl Lang {
    /// Every language, in declaration order.
    pub const ALL: [Lang; 5] = [Lang::Rust, Lang::Python, Lang::TypeScript, Lang::Go, Lang::Java];

    /// The language's display name: `"Rust"`, `"Python"`, `"TypeScript"`, `"Go"` or `"Java"`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::Python => "Python",
            Lang::TypeScript => "TypeScript",
            Lang::Go => "Go",
            Lang::Java => "Java",
        }
    }

    /// Words that cannot be an identifier in this language as generated code uses it: its
    /// keywords (strict, reserved, and contextual ones where they bite), plus names that
    /// would shadow something generated code relies on, such as `Option` in Rust, `str` in
    /// Python, `Error` in TypeScript, `error` in Go or `String` in Java.
    pub fn reserved_words(self) -> &'static [&'static str] {
        match self {
            Lang::Rust => &rust::syntax::RESERVED,
            Lang::Python => python::syntax::RESERVED,
            Lang::TypeScript => typescript::syntax::RESERVED,
            Lang::Go => go::syntax::RESERVED,
            Lang::Java => java::syntax::RESERVED,
        }
    }

    /// Whether `ident` is one of [`Lang::reserved_words`] (exact, case-sensitive). A hash
    /// lookup: the rules ask it for every code of catalogs with thousands.
    pub fn is_reserved(self, ident: &str) -> bool {
        static SETS: std::sync::OnceLock<[std::collections::HashSet<&'static str>; Lang::ALL.len()]> =
            std::sync::OnceLock::new();
        let sets = SETS.get_or_init(|| Lang::ALL.map(|lang| lang.reserved_words().iter().copied().collect()));
        sets[self as usize].contains(ident)
    }

    /// `ident` made a usable identifier of this language (see each `syntax::escape_ident`).
    pub fn escape_ident(self, ident: &str) -> String {
        match self {
            Lang::Rust => rust::syntax::escape_ident(ident),
            Lang::Python => python::syntax::escape_ident(ident),
            Lang::TypeScript => typescript::syntax::escape_ident(ident),
            Lang::Go => go::syntax::escape_ident(ident),
            Lang::Java => java::syntax::escape_ident(ident),
        }
    }
}
