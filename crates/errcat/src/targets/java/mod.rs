//! The Java target: a Maven project of the client error types (`generated/java`), from
//! the templates in `templates/java/`.
//!
//! [`syntax`] holds Java's reserved words, identifier rules, string literals and Javadoc
//! text; [`names`] the names the package gives codes, categories and fields. Java wants a
//! file per public class, so besides the folder's templates the target renders partials
//! once per item: `_exception.java.j2` for each code, `_details.java.j2` for each code with
//! typed details and `_category.java.j2` for each category that has codes (a sealed class
//! needs at least one subclass). Each sees the shared context and `index`, the position of
//! its code in `catalog.codes` or of its category in `catalog.categories`.
//!
//! No class file may hold much of the catalog: the JVM caps a method (a static
//! initializer too) at 64 KB of bytecode and a class at 65,535 constants, and javac puts
//! the creation of every constant of an enum into one static initializer. So the codes are
//! cut into chunks of [`CHUNK`] (`_table.java.j2` renders each chunk's `CodeTableN`, which
//! makes the exception of one of its codes), and past [`ENUM_LIMIT`] codes `ErrorCode` is a
//! final class whose facts are rows of the chunks' tables and whose constants are declared
//! by one interface per chunk (`_constants.java.j2`, `ErrorCodesN`). Chunk templates see
//! `chunk` (its number), `start` and `end` (its codes are `catalog.codes[start:end]`).

pub mod names;
pub mod syntax;

/// The most codes for which `ErrorCode` is an enum; templates see it as `java_enum_limit`.
///
/// javac creates every constant of an enum in its one static initializer, and lists them
/// all in one `$values()` method, both capped at 64 KB of bytecode: an enum of the
/// catalog's codes stops compiling near 1,800 constants. Past this limit `ErrorCode` is a
/// final class with the same constants (`ErrorCode.QUOTA_EXCEEDED`), methods and
/// `values()`, inherited from package-private interfaces of [`CHUNK`] constants each; it
/// is no longer an enum, so code cannot `switch` over it or keep it in an `EnumSet`.
pub const ENUM_LIMIT: usize = 1_000;

/// The codes of one chunk: one `CodeTableN` class (and past [`ENUM_LIMIT`], one
/// `ErrorCodesN` interface). Its largest method, the rows of `ErrorCode` past the limit,
/// takes about 35 bytes of bytecode a code, a quarter of the 64 KB a method may have.
pub const CHUNK: usize = 500;

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
    /// (one line of it); the globals `java_enum_limit` ([`ENUM_LIMIT`]; the docs' Java
    /// sample reads it too) and `java_chunk` ([`CHUNK`]).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("java_str", |s: &str| syntax::string_literal(s));
        env.add_filter("javadoc", |s: &str| syntax::javadoc_lines(s));
        env.add_filter("javadoc_inline", |s: &str| syntax::javadoc_inline(s));
        env.add_global("java_enum_limit", ENUM_LIMIT);
        env.add_global("java_chunk", CHUNK);
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
        let codes = job.catalog.codes.len();
        for (chunk, start) in (0..codes).step_by(CHUNK).enumerate() {
            let vars = vec![
                ("chunk", minijinja::Value::from(chunk)),
                ("start", minijinja::Value::from(start)),
                ("end", minijinja::Value::from((start + CHUNK).min(codes))),
            ];
            items.push(Item {
                template: "java/_table.java.j2".to_owned(),
                path: format!("{source}/CodeTable{chunk}.java"),
                vars: vars.clone(),
            });
            if codes > ENUM_LIMIT {
                items.push(Item {
                    template: "java/_constants.java.j2".to_owned(),
                    path: format!("{source}/ErrorCodes{chunk}.java"),
                    vars,
                });
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
