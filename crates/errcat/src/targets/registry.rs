//! The registry of targets: what `errcat generate` can render, in order.

use minijinja::Environment;

use crate::render::{Files, Job, RenderError};

/// Identifies a target. Code that must do something for every target (a CI check, a
/// conformance harness) matches on it exhaustively, so adding a variant fails to compile
/// until each such place handles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetId {
    /// The Markdown error reference.
    Docs,
    /// The OpenAPI 3.1 fragment.
    OpenApi,
    /// The Python client package.
    Python,
    /// The TypeScript client package.
    TypeScript,
    /// The Go client package.
    Go,
    /// The Java client (a Maven project).
    Java,
    /// The Rust crate's source (what build scripts and the proc-macro generate).
    Rust,
    /// The conformance vectors every client passes.
    Conformance,
    /// The static HTML error reference.
    Site,
}

impl TargetId {
    /// Every target, in the order they render.
    pub const ALL: [TargetId; 9] = [
        TargetId::Docs,
        TargetId::OpenApi,
        TargetId::Python,
        TargetId::TypeScript,
        TargetId::Go,
        TargetId::Java,
        TargetId::Rust,
        TargetId::Conformance,
        TargetId::Site,
    ];

    /// The target's name on the command line and its output folder: `python`.
    pub fn name(self) -> &'static str {
        self.target().name()
    }

    /// The target's implementation.
    pub fn target(self) -> &'static dyn Target {
        match self {
            TargetId::Docs => &crate::targets::docs::Docs,
            TargetId::OpenApi => &crate::targets::openapi::OpenApi,
            TargetId::Python => &crate::targets::python::Python,
            TargetId::TypeScript => &crate::targets::typescript::TypeScript,
            TargetId::Go => &crate::targets::go::Go,
            TargetId::Java => &crate::targets::java::Java,
            TargetId::Rust => &crate::targets::rust::Rust,
            TargetId::Conformance => &crate::targets::conformance::Conformance,
            TargetId::Site => &crate::targets::site::Site,
        }
    }
}

impl std::fmt::Display for TargetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One output of errcat: a folder of files rendered from the checked catalog.
///
/// The defaults serve targets made of minijinja templates: their templates live in a
/// folder named like the target (`templates/python/…`), and [`Target::render`] renders
/// each of them. A target computed in Rust overrides `render`.
pub trait Target: Sync {
    /// The target's id.
    fn id(&self) -> TargetId;

    /// The target's name on the command line, which is also its output folder below
    /// `--out` and its template folder.
    fn name(&self) -> &'static str;

    /// One line saying what the target renders.
    fn describe(&self) -> &'static str;

    /// Adds the filters this target's templates use (its literal and comment dialects).
    /// Every target's filters are available to every template, so the docs can quote a
    /// Python sample.
    fn register_filters(&self, env: &mut Environment<'_>) {
        let _ = env;
    }

    /// The target's files, paths relative to the output root (`python/…`).
    fn render(&self, job: &Job<'_>) -> Result<Files, RenderError> {
        job.render_templates(self.name())
    }
}

/// Every target, in the order they render.
pub fn registry() -> impl Iterator<Item = &'static dyn Target> {
    TargetId::ALL.into_iter().map(TargetId::target)
}

/// The target called `name`, if there is one.
pub fn by_name(name: &str) -> Option<TargetId> {
    TargetId::ALL.into_iter().find(|id| id.name() == name)
}
