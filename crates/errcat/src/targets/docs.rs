//! The docs target: the Markdown error reference (`generated/docs/errors.md`), from the
//! templates in `templates/docs/`, and for each translation the reference of its codes in
//! its language (`docs/<tag>/errors.md`, from `docs/_localized.md.j2` with
//! [`super::localized_reference`]). Its Markdown spelling is [`super::markdown`], shared
//! with every package README.

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
        "Markdown error reference: status table, every code, practices, troubleshooting; each translation's codes"
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        let items = super::localized_reference::items(job.catalog, "_localized.md.j2", "docs", "errors.md");
        job.render_templates_with("docs", &items)
    }
}
