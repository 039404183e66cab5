//! Checked catalog → every generated file, in memory.
//!
//! [`plan`] is a pure function: it returns relative path → contents and writes nothing
//! ([`crate::write`] does the I/O). It renders every target of the registry
//! ([`crate::targets::registry`]), or the chosen ones ([`plan_targets`]), each into its own
//! folder. Most targets are folders of minijinja templates (`templates/<target>/…/*.j2`),
//! embedded in the library and overridable file by file with [`Options::templates_dir`].
//! A template at `python/__pkg__/errors.py.j2` renders to
//! `python/scriptix_errors/errors.py`: the `.j2` suffix is dropped and the path tokens of
//! [`context::PathTokens`] are replaced. Templates whose file name starts with a single
//! `_` are partials (macros, includes) and render to nothing on their own; top-level
//! partials are shared by every target.

pub mod context;
pub mod filters;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::model::Catalog;
use crate::names::Names;
use crate::targets::{self, TargetId};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));
}

/// Generated files: path relative to the output root (always `/`-separated) → contents.
pub type Files = BTreeMap<String, String>;

/// Name of the manifest file listing everything errcat generated into an output root.
pub const MANIFEST: &str = ".errcat-manifest";

/// How to render.
#[derive(Clone, Debug)]
pub struct Options {
    /// The command that regenerates the files, named in every file's header.
    pub command: String,
    /// The catalog path as it should appear in headers (relative, `/`-separated).
    pub catalog_path: String,
    /// A folder whose templates replace (or add to) the embedded ones, file by file.
    pub templates_dir: Option<PathBuf>,
}

/// A template that failed to load or render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    /// The template's name (its path below the templates folder), when known.
    pub template: Option<String>,
    /// The line in the template, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.template, self.line) {
            (Some(template), Some(line)) => write!(f, "template `{template}` line {line}: {}", self.message),
            (Some(template), None) => write!(f, "template `{template}`: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for RenderError {}

impl RenderError {
    fn from_minijinja(error: &minijinja::Error, fallback_name: &str) -> Self {
        let mut message = error.detail().map_or_else(|| error.kind().to_string(), |d| format!("{}: {d}", error.kind()));
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            message.push_str(&format!(" (caused by: {inner})"));
            source = inner.source();
        }
        RenderError { template: Some(error.name().unwrap_or(fallback_name).to_owned()), line: error.line(), message }
    }

    fn plain(message: impl Into<String>) -> Self {
        RenderError { template: None, line: None, message: message.into() }
    }
}

/// Every generated file of every target for `catalog`, plus the manifest listing them.
/// Fails, producing nothing, if any target fails.
pub fn plan(catalog: &Catalog, options: &Options) -> Result<Files, RenderError> {
    let mut files = plan_targets(catalog, options, &TargetId::ALL)?;
    let manifest = manifest(files.keys());
    files.insert(MANIFEST.to_owned(), manifest);
    Ok(files)
}

/// Only the files of `targets`, with no manifest. Templates of other targets are not even
/// parsed, so one target can be rendered (and tested) whatever state the others are in.
pub fn plan_targets(catalog: &Catalog, options: &Options, targets: &[TargetId]) -> Result<Files, RenderError> {
    let templates = load_templates(options.templates_dir.as_deref())?;
    let job = Job {
        catalog,
        names: catalog.names(),
        notice: context::generated_notice(&options.command, &options.catalog_path),
        templates: &templates,
        context: crate::timing::timed("render: template context", || context::value(catalog, catalog.names(), options)),
    };
    // Targets render side by side: they share the read-only context and each builds its
    // own template environment. Results are merged in registry order, so the output (and
    // which error is reported first) does not depend on scheduling.
    let rendered: Vec<Result<Files, RenderError>> = std::thread::scope(|scope| {
        let job = &job;
        let handles: Vec<_> = targets
            .iter()
            .map(|id| scope.spawn(move || crate::timing::timed(&format!("target {id}"), || id.target().render(job))))
            .collect();
        handles
            .into_iter()
            .zip(targets)
            .map(|(handle, id)| {
                handle.join().unwrap_or_else(|_| Err(RenderError::plain(format!("target `{id}` panicked"))))
            })
            .collect()
    });
    let mut files = Files::new();
    for result in rendered {
        files.extend(result?);
    }
    Ok(files)
}

/// The files of `targets` for an output folder whose manifest lists `previous`: the
/// manifest keeps the entries of every other target's folder, so rendering some targets
/// leaves the others' files in place.
pub fn plan_into(
    catalog: &Catalog,
    options: &Options,
    targets: &[TargetId],
    previous: &[String],
) -> Result<Files, RenderError> {
    let mut files = plan_targets(catalog, options, targets)?;
    let folders: Vec<String> = targets.iter().map(|id| format!("{}/", id.name())).collect();
    let kept: Vec<&String> =
        previous.iter().filter(|path| !folders.iter().any(|folder| path.starts_with(folder.as_str()))).collect();
    let mut listed: Vec<&String> = files.keys().chain(kept).collect();
    listed.sort();
    listed.dedup();
    let manifest = manifest(listed.into_iter());
    files.insert(MANIFEST.to_owned(), manifest);
    Ok(files)
}

/// The templates being rendered right now, by every thread, oldest first (a name repeats
/// when two threads render it): what a watchdog names when rendering grows too large
/// (`errcat generate --max-memory-mb`), since minijinja cannot bound the text one template
/// builds.
pub fn rendering_now() -> Vec<String> {
    IN_PROGRESS.lock().map(|names| names.clone()).unwrap_or_default()
}

static IN_PROGRESS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Holds a template's name in [`rendering_now`] while it renders.
struct InProgress(String);

impl InProgress {
    fn start(name: &str) -> Self {
        if let Ok(mut names) = IN_PROGRESS.lock() {
            names.push(name.to_owned());
        }
        InProgress(name.to_owned())
    }
}

impl Drop for InProgress {
    fn drop(&mut self) {
        if let Ok(mut names) = IN_PROGRESS.lock()
            && let Some(at) = names.iter().position(|name| *name == self.0)
        {
            names.remove(at);
        }
    }
}

/// What a target renders from: the checked catalog, its names, and the shared template
/// context and templates.
pub struct Job<'a> {
    /// The checked catalog.
    pub catalog: &'a Catalog,
    /// Its names table.
    pub names: &'a Names,
    /// The sentence every generated file's header carries.
    pub notice: String,
    templates: &'a BTreeMap<String, String>,
    context: Value,
}

impl Job<'_> {
    /// Renders every template below the folder `folder` that is not a partial, to its
    /// output path. Only that folder's templates and the top-level partials are parsed.
    pub fn render_templates(&self, folder: &str) -> Result<Files, RenderError> {
        self.render_templates_with(folder, &[])
    }

    /// Renders the templates of `folder` as [`Job::render_templates`] does, and each of
    /// `items` too: for languages that want one file per code or category (a Java class).
    /// The folder's templates are parsed once for all of them.
    pub fn render_templates_with(&self, folder: &str, items: &[Item]) -> Result<Files, RenderError> {
        let prefix = format!("{folder}/");
        let chosen: BTreeMap<&str, &str> = self
            .templates
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix) || (!name.contains('/') && is_partial(name)))
            .map(|(name, source)| (name.as_str(), source.as_str()))
            .collect();
        let env = environment(&chosen, template_fuel(self.catalog))?;
        let tokens = context::PathTokens::new(&self.names.packages);
        let mut files = Files::new();
        for name in chosen.keys().filter(|name| name.starts_with(&prefix) && !is_partial(name)) {
            let template = env.get_template(name).map_err(|e| RenderError::from_minijinja(&e, name))?;
            let _rendering = InProgress::start(name);
            let rendered = crate::timing::timed(&format!("template {name}"), || template.render(&self.context))
                .map_err(|e| RenderError::from_minijinja(&e, name))?;
            let path = tokens.apply(name.strip_suffix(".j2").unwrap_or(name));
            files.insert(path, rendered);
        }
        crate::timing::timed(&format!("{} items of {folder}", items.len()), || {
            self.render_items(&env, items, &mut files)
        })?;
        Ok(files)
    }

    fn render_items(&self, env: &Environment<'_>, items: &[Item], files: &mut Files) -> Result<(), RenderError> {
        for item in items {
            let name = item.template.as_str();
            let template = env.get_template(name).map_err(|e| RenderError::from_minijinja(&e, name))?;
            let vars = Value::from_iter(item.vars.iter().map(|(key, value)| (*key, value.clone())));
            let context = minijinja::value::merge_maps([vars, self.context.clone()]);
            let _rendering = InProgress::start(name);
            let rendered = template.render(context).map_err(|e| RenderError::from_minijinja(&e, name))?;
            files.insert(item.path.clone(), rendered);
        }
        Ok(())
    }
}

/// One file rendered from a template (usually a partial of the target's folder) with a
/// few variables added to the shared context, such as the index of the code it is about.
#[derive(Clone, Debug)]
pub struct Item {
    /// The template's name: `java/_exception.java.j2`.
    pub template: String,
    /// The output path, relative to the output root: `java/src/main/java/…/FooException.java`.
    pub path: String,
    /// Variables the template sees besides the shared context; they win over its names.
    pub vars: Vec<(&'static str, Value)>,
}

/// The manifest: one generated path a line, sorted, after a header.
pub fn manifest<'a>(paths: impl Iterator<Item = &'a String>) -> String {
    let mut text = String::from("# Files generated by errcat; it removes only files listed here.\n");
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// Whether a template is a partial: its file name starts with one `_` (a dunder name such
/// as `__init__.py.j2` is an ordinary output file).
fn is_partial(name: &str) -> bool {
    name.rsplit('/').next().is_some_and(|file| file.starts_with('_') && !file.starts_with("__"))
}

/// The embedded templates, with `dir`'s files (if any) replacing or adding to them.
pub fn load_templates(dir: Option<&Path>) -> Result<BTreeMap<String, String>, RenderError> {
    let mut templates: BTreeMap<String, String> =
        embedded::EMBEDDED.iter().map(|(name, source)| ((*name).to_owned(), (*source).to_owned())).collect();
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(RenderError::plain(format!("templates folder {} does not exist", dir.display())));
        }
        let mut found = Vec::new();
        collect_templates(dir, dir, &mut found)?;
        for (name, path) in found {
            let source = std::fs::read_to_string(&path)
                .map_err(|e| RenderError::plain(format!("cannot read template {}: {e}", path.display())))?;
            templates.insert(name, source);
        }
    }
    Ok(templates)
}

fn collect_templates(root: &Path, dir: &Path, found: &mut Vec<(String, PathBuf)>) -> Result<(), RenderError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| RenderError::plain(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry.map_err(|e| RenderError::plain(format!("cannot read {}: {e}", dir.display())))?.path();
        if path.is_dir() {
            collect_templates(root, &path, found)?;
        } else if path.extension().is_some_and(|e| e == "j2") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            found.push((name, path));
        }
    }
    Ok(())
}

/// The instructions one template may execute for `catalog`: generous for any template
/// linear in the catalog's size (errcat's own use a small fraction of it), and a clear
/// "fuel exhausted" error naming the template for one that loops without end.
pub fn template_fuel(catalog: &Catalog) -> u64 {
    let units = catalog.codes.len()
        + catalog.categories.len()
        + catalog.statuses.len()
        + catalog.codes.iter().map(|code| code.fields.len()).sum::<usize>();
    TEMPLATE_FUEL_BASE + TEMPLATE_FUEL_PER_ITEM * units as u64
}

/// Fuel every template gets whatever the catalog's size.
const TEMPLATE_FUEL_BASE: u64 = 50_000_000;
/// Fuel a template gets per code, category, status and details field.
const TEMPLATE_FUEL_PER_ITEM: u64 = 50_000;

fn environment<'s>(templates: &BTreeMap<&'s str, &'s str>, fuel: u64) -> Result<Environment<'s>, RenderError> {
    let mut env = Environment::new();
    env.set_fuel(Some(fuel));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Every target escapes with its own filter (`py_str`, `md`, …); minijinja's
    // extension-based HTML/JSON auto-escaping would corrupt code and Markdown.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_keep_trailing_newline(true);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    filters::register(&mut env);
    for target in targets::registry() {
        target.register_filters(&mut env);
    }
    for (name, source) in templates {
        env.add_template(name, source).map_err(|e| RenderError::from_minijinja(&e, name))?;
    }
    Ok(env)
}
