//! The docs target: the Markdown error reference (`generated/docs/errors.md`), from the
//! templates in `templates/docs/`. Its Markdown spelling is [`super::markdown`], shared with
//! every package README.

/// The docs target.
pub struct Docs;

impl crate::targets::Target for Docs {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Docs
    }

    fn name(&self) -> &'static str {
        "docs"
    }

    fn describe(&self) -> &'static str {
        "Markdown error reference: status table, every code, practices, troubleshooting"
    }
}
