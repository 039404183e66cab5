//! The Java target: a Maven project of the client error types (`generated/java`), from
//! the templates in `templates/java/`.
//!
//! [`syntax`] holds Java's reserved words, identifier rules, string literals and Javadoc
//! text; [`names`] the names the package gives codes, categories and fields. Java wants a
//! file per public class, so besides the folder's templates the target renders three
//! partials once per item: `_exception.java.j2` for each code, `_details.java.j2` for each
//! code with typed details and `_category.java.j2` for each category that has codes (a
//! sealed class needs at least one subclass). Each sees the shared context and `index`,
//! the position of its code in `catalog.codes` or of its category in `catalog.categories`.

pub mod names;
pub mod syntax;

/// The Java target.
#[cfg(feature = "render")]
pub struct Java;

#[cfg(feature = "render")]
impl crate::targets::Target for Java {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Java
    }

    fn name(&self) -> &'static str {
        "java"
    }

    fn describe(&self) -> &'static str {
        "Java 17 client (Maven): ErrorCode enum, sealed exceptions, details records, parser, retry helper"
    }

    /// `java_str` (a `"…"` literal), `javadoc` (lines of Javadoc text) and `javadoc_inline`
    /// (one line of it).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("java_str", |s: &str| syntax::string_literal(s));
        env.add_filter("javadoc", |s: &str| syntax::javadoc_lines(s));
        env.add_filter("javadoc_inline", |s: &str| syntax::javadoc_inline(s));
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        use crate::render::Item;
        let source = format!("java/src/main/java/{}", job.names.packages.java.path);
        let item = |template: &str, class: &str, index: usize| Item {
            template: format!("java/{template}"),
            path: format!("{source}/{class}.java"),
            vars: vec![("index", minijinja::Value::from(index))],
        };
        let mut items = Vec::new();
        for (index, (code, names)) in job.catalog.codes.iter().zip(&job.names.codes).enumerate() {
            items.push(item("_exception.java.j2", &names.java.exception, index));
            if code.wire_fields().next().is_some() || code.additional_details.is_some() {
                items.push(item("_details.java.j2", &names.java.details, index));
            }
        }
        let used: std::collections::HashSet<&str> =
            job.catalog.codes.iter().map(|code| code.category.as_str()).collect();
        for (index, (category, names)) in job.catalog.categories.iter().zip(&job.names.categories).enumerate() {
            if used.contains(category.id.as_str()) {
                items.push(item("_category.java.j2", &names.java.exception, index));
            }
        }
        job.render_templates_with(self.name(), &items)
    }
}
