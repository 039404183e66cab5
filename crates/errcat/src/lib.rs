//! errcat: one YAML error catalog, checked, rendered into everything that needs it.
//!
//! The pipeline runs one way: [`load`] parses YAML into [`raw`] types with source spans,
//! [`validate`] checks them into a [`model::Catalog`], and renderers read only that model.
//! Problems are [`diag::Diagnostic`]s, collected rather than thrown, so one run reports
//! every one of them.

pub mod diag;
pub mod escape;
pub mod ident;
pub mod model;
pub mod raw;
pub mod span;
