//! The site target: a static, searchable HTML error reference (`generated/site/`), from the
//! templates in `templates/site/`. It needs no server and no build step: every page opens
//! from `file://` as well as from any static host.
//!
//! - `index.html` is the page at `api.reference_url`: every code in a list whose rows carry
//!   the code's anchor (`id="rate_limit_exceeded"`, what each code's default `doc_url`
//!   ends in), the search box and filters, and the search index as JSON in a
//!   `<script type="application/json">` block (see [`super::html::script_json`]). Its
//!   script sends a deep link (`index.html#rate_limit_exceeded`) on to the code's page.
//! - `codes/<code in lower case>.html`: one page per code, its stable URL.
//! - `status/<status>.html` and `categories/<id>.html`: the codes of one status or category.
//! - `troubleshooting.html`, `practices.html`, `site.css`, `site.js`.
//!
//! Every catalog text goes through the `html` filter ([`super::html::text`]) or `html_prose`
//! ([`super::html::prose`], backtick pairs as `<code>`), URLs through
//! `html_href`, JSON through `script_json`. The pages carry a Content Security Policy that
//! allows only the site's own script and style sheet, so even a mistake in escaping could
//! not run a script.

use super::html;

/// The site target.
pub struct Site;

impl crate::targets::Target for Site {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Site
    }

    fn name(&self) -> &'static str {
        "site"
    }

    fn describe(&self) -> &'static str {
        "static HTML error reference: searchable index, a page per code, status and category pages"
    }

    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("html", |s: &str| html::text(s));
        env.add_filter("html_prose", |s: &str| html::prose(s));
        env.add_filter("html_href", |s: &str| html::href(s).unwrap_or_default());
        env.add_filter("script_json", |s: &str| html::script_json(s));
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        use crate::render::Item;
        let item = |template: &str, path: String, index: usize| Item {
            template: format!("site/{template}"),
            path: format!("site/{path}"),
            vars: vec![("index", minijinja::Value::from(index))],
        };
        let mut items = Vec::new();
        for (index, code) in job.catalog.codes.iter().enumerate() {
            items.push(item("_code.html.j2", format!("codes/{}", page_of_code(&code.code)), index));
        }
        for (index, status) in job.catalog.statuses.iter().enumerate() {
            items.push(item("_status.html.j2", format!("status/{}.html", status.code), index));
        }
        for (index, category) in job.catalog.categories.iter().enumerate() {
            items.push(item("_category.html.j2", format!("categories/{}.html", category.id), index));
        }
        job.render_templates_with(self.name(), &items)
    }
}

/// The file name of a code's page below `codes/`: its anchor (the code in lower case, as
/// in its default `doc_url`) and `.html`. Codes are upper-case letters, digits and
/// underscores, so the name is safe on every file system and unique among codes.
pub fn page_of_code(code: &str) -> String {
    format!("{}.html", code.to_lowercase())
}
