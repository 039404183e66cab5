//! `errcat`: check an error catalog, generate code and docs from it, explain a code.

mod evolution;
mod memory;
mod serve;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use errcat::diag::{self, Style};
use errcat::load::Limits;
use errcat::model::{Catalog, RetryMode};
use errcat::write::{self, Mode};

/// Error catalogs: one YAML file, checked, rendered into code, docs, OpenAPI and clients.
#[derive(Parser)]
#[command(name = "errcat", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// The wire profiles `generate --profile` re-expresses a catalog in.
#[derive(Clone, Copy, ValueEnum)]
enum WireProfile {
    /// One JSON object: title, message, code, details, retry_after.
    Flat,
    /// RFC 9457 problem details (application/problem+json).
    Problem,
    /// Google AIP-193 (google.rpc.Status with ErrorInfo, RetryInfo, Help).
    Google,
    /// Stripe-style: everything inside an `error` object.
    Nested,
}

impl WireProfile {
    /// The library's name for the profile.
    fn kind(self) -> errcat::wire::ProfileKind {
        match self {
            WireProfile::Flat => errcat::wire::ProfileKind::Flat,
            WireProfile::Problem => errcat::wire::ProfileKind::Problem,
            WireProfile::Google => errcat::wire::ProfileKind::Google,
            WireProfile::Nested => errcat::wire::ProfileKind::Nested,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check a catalog and report every problem (exit 1 on errors).
    Check {
        /// The catalog YAML file.
        catalog: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Render every target from a catalog into a folder.
    Generate {
        /// The catalog YAML file.
        catalog: PathBuf,
        /// Output folder; errcat owns the files it lists in `DIR/.errcat-manifest`.
        #[arg(long)]
        out: PathBuf,
        /// Write nothing; fail if any generated file is missing, changed, unexpected or
        /// not errcat's.
        #[arg(long)]
        check: bool,
        /// Overwrite files in DIR that errcat generates but its manifest does not list
        /// (without it, errcat refuses to touch them).
        #[arg(long)]
        force: bool,
        /// A folder of templates that replace the built-in ones file by file.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Render only these targets (comma-separated; see `errcat targets`). Files of the
        /// other targets already in the folder are kept.
        #[arg(long, value_delimiter = ',')]
        target: Vec<String>,
        /// Render the catalog re-expressed in this wire profile instead of its own: the
        /// same codes, messages and details, with that profile's bodies (for a service
        /// that answers in a second body shape, and the clients that read it).
        #[arg(long, value_enum)]
        profile: Option<WireProfile>,
        /// The most memory rendering may use, in MiB: past it errcat stops, naming the
        /// templates it was rendering, and writes nothing (a guard against templates that
        /// build text without bound).
        #[arg(long, value_name = "MIB", default_value_t = memory::DEFAULT_MAX_MEMORY_MB)]
        max_memory_mb: u64,
    },
    /// List the targets `generate` renders, with their output folders.
    Targets,
    /// Explain an error code: status, meaning, causes, solution and troubleshooting.
    Explain {
        /// The code, e.g. RATE_LIMIT_EXCEEDED (case-insensitive).
        code: String,
        /// The catalog YAML file [default: $ERRCAT_CATALOG, else the only *.yaml in ./catalog].
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Compare two catalogs: every change, classified as breaking, compatible or
    /// docs-only, and why.
    Diff {
        /// The old catalog: a file, or `git:REF:PATH` for the catalog at a commit.
        old: String,
        /// The new catalog: a file, or `git:REF:PATH`.
        new: String,
        /// How to print the changes.
        #[arg(long, value_enum, default_value_t = evolution::Format::Text)]
        format: evolution::Format,
        /// Exit 1 when there are changes of this class (or worse).
        #[arg(long, value_enum)]
        deny: Option<evolution::Deny>,
    },
    /// Write the lock of published codes beside the catalog (`NAME.lock.yaml`).
    Lock {
        /// The catalog YAML file.
        catalog: PathBuf,
        /// Write nothing; fail if the lock is missing or out of date.
        #[arg(long)]
        check: bool,
    },
    /// Print the JSON Schema of the catalog format.
    Schema,
    /// Serve the HTML reference of a catalog on localhost, rendered again whenever the
    /// catalog or a template changes.
    Serve {
        /// The catalog YAML file.
        catalog: PathBuf,
        /// A folder of templates that replace the built-in ones file by file (watched too).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// The port on 127.0.0.1 (0: any free port; the URL is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = match cli.color {
        Color::Always => Style::Color,
        Color::Never => Style::Plain,
        Color::Auto if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() => Style::Color,
        Color::Auto => Style::Plain,
    };
    let result = match cli.command {
        Command::Check { catalog, deny_warnings } => check(&catalog, deny_warnings, style),
        Command::Generate { catalog, out, check, force, templates, target, profile, max_memory_mb } => {
            generate(&catalog, &out, Flags { check, force, profile, max_memory_mb }, templates, &target, style)
        }
        Command::Targets => {
            for target in errcat::targets::registry() {
                println!("{:<12} {:<14} {}", target.name(), format!("{}/", target.name()), target.describe());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { code, catalog } => explain(&code, catalog, style),
        Command::Diff { old, new, format, deny } => evolution::diff(&old, &new, format, deny, style),
        Command::Lock { catalog, check } => evolution::lock(&catalog, check, style),
        Command::Schema => {
            print!("{}", errcat::schema::catalog_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { catalog, templates, port } => {
            serve::serve(serve::Request { catalog, templates, address: format!("127.0.0.1:{port}") }, style)
        }
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}

/// Loads and checks a catalog, printing its diagnostics to stderr.
fn load(path: &Path, style: Style) -> Result<(Option<Catalog>, bool, bool), String> {
    let file = errcat::check_file(path, &Limits::default()).map_err(|e| e.to_string())?;
    eprint!("{}", file.rendered(&path.display().to_string(), style));
    let (errors, warnings) = (file.has_errors(), file.has_warnings());
    Ok((file.checked.catalog, errors, warnings))
}

fn check(path: &Path, deny_warnings: bool, style: Style) -> Result<ExitCode, String> {
    let (catalog, errors, warnings) = load(path, style)?;
    if errors || (deny_warnings && warnings) {
        return Ok(ExitCode::FAILURE);
    }
    if let Some(catalog) = catalog {
        eprintln!(
            "{}: ok ({} codes in {} categories, {} statuses)",
            path.display(),
            catalog.codes.len(),
            catalog.categories.len(),
            catalog.statuses.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `errcat generate`'s switches.
struct Flags {
    check: bool,
    force: bool,
    profile: Option<WireProfile>,
    max_memory_mb: u64,
}

fn generate(
    path: &Path,
    out: &Path,
    Flags { check, force, profile, max_memory_mb }: Flags,
    templates: Option<PathBuf>,
    targets: &[String],
    style: Style,
) -> Result<ExitCode, String> {
    let selected = select_targets(targets)?;
    let (catalog, _, _) = load(path, style)?;
    let Some(mut catalog) = catalog else {
        eprintln!("error: nothing generated: the catalog has errors");
        return Ok(ExitCode::FAILURE);
    };
    let mut command = format!("errcat generate {} --out {}", path.display(), out.display());
    if let Some(selected) = &selected {
        let names: Vec<&str> = selected.iter().map(|id| id.name()).collect();
        command.push_str(&format!(" --target {}", names.join(",")));
    }
    if let Some(profile) = profile {
        let kind = profile.kind();
        // The copy's warnings are the ones `load` already printed.
        match errcat::targets::rust::load_in_profile(path, &path.display().to_string(), kind) {
            Ok(loaded) => catalog = loaded.catalog,
            Err(diagnostics) => {
                eprint!("{diagnostics}");
                eprintln!(
                    "error: nothing generated: the catalog cannot be expressed in the `{}` profile",
                    kind.as_str()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
        command.push_str(&format!(" --profile {}", kind.as_str()));
    }
    let options = errcat::render::Options {
        command: command.clone(),
        catalog_path: path.display().to_string(),
        templates_dir: templates,
    };
    let watchdog = memory::Watchdog::start(max_memory_mb);
    let files = match &selected {
        None => errcat::render::plan(&catalog, &options),
        Some(selected) => {
            let previous = write::manifest_entries(out).map_err(|e| format!("nothing generated: {e}"))?;
            errcat::render::plan_into(&catalog, &options, selected, &previous)
        }
    }
    .map_err(|e| format!("nothing generated: {e}"))?;
    drop(watchdog);
    let mode = if check { Mode::Check } else { Mode::Write };
    let outcome = write::apply_with(out, &files, mode, write::Options { force }).map_err(|e| match e {
        write::WriteError::Unowned { .. } => {
            format!("nothing generated: {e}\nmove them away, or pass --force to let errcat overwrite them")
        }
        write::WriteError::Incomplete { .. } => e.to_string(),
        _ => format!("nothing generated: {e}"),
    })?;
    if check {
        if outcome.stale.is_empty() {
            eprintln!("{}: {} generated files are up to date", out.display(), files.len());
            return Ok(ExitCode::SUCCESS);
        }
        for stale in &outcome.stale {
            eprintln!("{stale}");
        }
        eprintln!("error: {} generated files are stale; run `{command}`", outcome.stale.len());
        let unowned = outcome.stale.iter().filter(|s| matches!(s, write::Stale::Unowned { .. })).count();
        if unowned > 0 {
            eprintln!("({unowned} of them are not errcat's: move them away, or add --force to overwrite them)");
        }
        return Ok(ExitCode::FAILURE);
    }
    eprintln!(
        "{}: {} written, {} removed, {} unchanged",
        out.display(),
        outcome.written.len(),
        outcome.removed.len(),
        outcome.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

/// The targets named on the command line; `None` when none is named (every target).
fn select_targets(names: &[String]) -> Result<Option<Vec<errcat::targets::TargetId>>, String> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut selected = Vec::new();
    for name in names {
        let Some(id) = errcat::targets::by_name(name.trim()) else {
            let known: Vec<&str> = errcat::targets::TargetId::ALL.iter().map(|id| id.name()).collect();
            return Err(format!("no target `{name}` (targets: {})", known.join(", ")));
        };
        if !selected.contains(&id) {
            selected.push(id);
        }
    }
    Ok(Some(selected))
}

fn default_catalog() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("ERRCAT_CATALOG") {
        return Ok(PathBuf::from(path));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("catalog")
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err("no catalog given: pass --catalog FILE or set ERRCAT_CATALOG".to_owned()),
        _ => Err("several catalogs in ./catalog: pass --catalog FILE".to_owned()),
    }
}

fn explain(code: &str, catalog: Option<PathBuf>, style: Style) -> Result<ExitCode, String> {
    let path = match catalog {
        Some(path) => path,
        None => default_catalog()?,
    };
    let (catalog, _, _) = load(&path, style)?;
    let Some(catalog) = catalog else {
        eprintln!("error: cannot explain: the catalog has errors");
        return Ok(ExitCode::FAILURE);
    };
    let wanted = code.trim().to_ascii_uppercase().replace('-', "_");
    let Some(entry) = catalog.code(&wanted) else {
        let names = catalog.codes.iter().map(|c| c.code.as_str());
        match diag::did_you_mean(&wanted, names) {
            Some(suggestion) => {
                eprintln!("error: no code `{code}` in {}; did you mean `{suggestion}`?", path.display())
            }
            None => eprintln!("error: no code `{code}` in {}", path.display()),
        }
        return Ok(ExitCode::FAILURE);
    };
    // Catalog text goes to a terminal: it must not be able to drive it.
    print!("{}", diag::terminal_safe(&explanation(&catalog, entry)));
    Ok(ExitCode::SUCCESS)
}

/// The `errcat explain` text of one code.
fn explanation(catalog: &Catalog, code: &errcat::model::Code) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let status = catalog.status(code.status);
    let category = catalog.category(&code.category).map_or(code.category.as_str(), |c| c.title.as_str());
    let _ = writeln!(out, "{} ({} {}, {category})", code.code, code.status, status.map_or("", |s| s.name.as_str()));
    let _ = writeln!(out, "{}: {}\n", code.title, code.message.text);
    let _ = writeln!(out, "{}\n", code.description);
    if !code.causes.is_empty() {
        let _ = writeln!(out, "Causes:");
        for cause in &code.causes {
            let _ = writeln!(out, "  - {cause}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Solution: {}", code.solution);
    for step in &code.solution_steps {
        let _ = writeln!(out, "  - {step}");
    }
    out.push('\n');
    let retry = match code.retry {
        RetryMode::Never => "do not retry; change the request first".to_owned(),
        RetryMode::Backoff => {
            format!("retry with exponential backoff (up to {} attempts)", catalog.retry_policy.max_attempts)
        }
        RetryMode::AfterDelay => format!(
            "retry after the `{}` delay (default {} s)",
            catalog.api.headers.retry_after, catalog.retry_policy.default_retry_after_seconds
        ),
    };
    let _ = writeln!(out, "Retry: {retry}");
    if code.wire_fields().next().is_some() {
        let _ = writeln!(out, "\nDetails:");
        for field in code.wire_fields() {
            let _ = writeln!(out, "  {} ({}): {}", field.name, field.ty.name(), field.description);
        }
    }
    let example = serde_json::to_string_pretty(&code.example.body).unwrap_or_default();
    let _ = writeln!(out, "\nExample response ({}):\n{example}", code.status);
    for problem in catalog.troubleshooting.iter().filter(|p| p.related_codes.contains(&code.code)) {
        let _ = writeln!(out, "\nTroubleshooting: {}", problem.problem);
        for symptom in &problem.symptoms {
            let _ = writeln!(out, "  symptom: {symptom}");
        }
        for item in &problem.checklist {
            let _ = writeln!(out, "  check: {item}");
        }
        for solution in &problem.solutions {
            let _ = writeln!(out, "  try: {solution}");
        }
    }
    let links: Vec<String> =
        code.see.iter().filter_map(|id| catalog.link(id)).map(|l| format!("{} <{}>", l.title, l.url)).collect();
    if !links.is_empty() {
        let _ = writeln!(out, "\nSee: {}", links.join(", "));
    }
    out
}
