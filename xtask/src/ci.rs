//! `cargo xtask ci`: every check of the project, one named step each.
//!
//! Steps run in order and all of them run even when one fails, so one CI run reports
//! everything; the task fails if any step failed. `--only NAME` runs chosen steps,
//! `--list` names them. Tools that are not Rust (Python, Node, Go packages) are installed
//! at pinned versions under `target/ci-tools/` by [`tools`], once per machine.

mod bench;
mod contract;
mod docs;
mod evolution;
mod go;
mod hostile;
mod java;
mod large;
mod openapi_tools;
mod python;
mod site;
mod typescript;

use std::time::{Duration, Instant};

use errcat::targets::TargetId;

use crate::codegen;
use crate::exec::{cargo, run_command};

/// The catalog of PascalCase, dotted and dashed codes and camelCase details keys, whose
/// client every language step checks strictly and runs its harness's vectors on: the wire
/// names must round-trip through every client.
const WIRE_NAMES_CATALOG: &str = "crates/errcat/tests/catalogs/pascal-camel.yaml";

/// The wire profile besides `flat` that the demo service answers in (`--profile`), and
/// whose Scriptix client each language step runs the end-to-end scenarios with.
const DEMO_PROFILE: &str = "problem";

/// Renders the Scriptix catalog re-expressed in [`DEMO_PROFILE`] (`errcat generate
/// --profile`) for `target` and its conformance vectors, into `target/<target>-scriptix-
/// <profile>`; returns that folder.
fn render_scriptix_in_demo_profile(target: TargetId) -> Result<std::path::PathBuf, String> {
    let out = format!("target/{}-scriptix-{DEMO_PROFILE}", target.name());
    crate::exec::remove_dir(&crate::project_root().join(&out))?;
    let targets = format!("{},conformance", target.name());
    crate::exec::render_with_cli_args(
        "catalog/scriptix.yaml",
        &out,
        &["--profile", DEMO_PROFILE, "--target", &targets],
    )?;
    Ok(crate::project_root().join(out))
}

/// One check.
struct Step {
    name: &'static str,
    what: &'static str,
    run: fn() -> Result<(), String>,
}

/// How CI checks one target's output with its own toolchain.
enum TargetCheck {
    /// A step of its own.
    Step(Step),
    /// Checked by another step, named with the reason.
    CoveredBy(&'static str, &'static str),
}

/// The strict check of each target. The match is exhaustive: a new target does not
/// compile until it says how CI checks it.
fn target_check(target: TargetId) -> TargetCheck {
    match target {
        TargetId::Docs | TargetId::OpenApi => TargetCheck::Step(Step {
            name: "docs",
            what: "OpenAPI validators and Markdown checks on generated docs",
            run: docs::run,
        }),
        TargetId::Python => TargetCheck::Step(Step {
            name: "python",
            what: "ruff, mypy --strict, pytest on the Python client",
            run: python::run,
        }),
        TargetId::TypeScript => TargetCheck::Step(Step {
            name: "typescript",
            what: "tsc --strict, node --test on the TypeScript client",
            run: typescript::run,
        }),
        TargetId::Go => {
            TargetCheck::Step(Step { name: "go", what: "gofmt, go vet, go test on the Go client", run: go::run })
        }
        TargetId::Java => TargetCheck::Step(Step {
            name: "java",
            what: "javac -Xlint:all -Werror, doclint, Error Prone, JUnit 5 on the Java client",
            run: java::run,
        }),
        TargetId::Rust => TargetCheck::CoveredBy(
            "clippy, test",
            "scriptix-errors builds the Rust target in build.rs; clippy and its tests check it",
        ),
        TargetId::Conformance => {
            TargetCheck::CoveredBy("python, typescript, go, java", "each client's harness runs every vector")
        }
        TargetId::Site => TargetCheck::Step(Step {
            name: "site",
            what: "the HTML reference in Chromium (Playwright, axe-core): shipped, hostile and 10,000-code catalogs",
            run: site::run,
        }),
    }
}

fn steps() -> Vec<Step> {
    let mut steps = vec![
        Step { name: "fmt", what: "rustfmt --check on the workspace", run: fmt },
        Step { name: "clippy", what: "clippy -D warnings on every target", run: clippy },
        Step { name: "test", what: "cargo test --workspace", run: test },
        Step { name: "generate-check", what: "cargo xtask generate --check", run: generate_check },
        Step {
            name: "catalog-evolution",
            what: "errcat lock --check and errcat diff --deny breaking against the previous commit",
            run: evolution::run,
        },
    ];
    for target in TargetId::ALL {
        if let TargetCheck::Step(step) = target_check(target)
            && !steps.iter().any(|s| s.name == step.name)
        {
            steps.push(step);
        }
    }
    steps.extend([
        Step {
            name: "openapi-tools",
            what: "openapi-generator (python, typescript-fetch) and openapi-typescript on the OpenAPI fragment, their output compiled and run",
            run: openapi_tools::run,
        },
        Step {
            name: "contract",
            what: "schemathesis against the demo service and its /openapi.json (the catalog's error components)",
            run: contract::run,
        },
        Step {
            name: "large",
            what: "a 10,000-code catalog through tsc, mypy, ruff, a Python import, go vet/build and javac",
            run: large::run,
        },
        Step { name: "hostile", what: "hostile catalogs through python3, tsc and go; the fuzzer", run: hostile::run },
        Step {
            name: "bench-smoke",
            what: "every benchmark once, unoptimized; no-op rebuild is fresh",
            run: bench::run,
        },
    ]);
    steps
}

/// Prints how CI checks each target (`cargo xtask ci --targets`).
fn list_targets() {
    for target in TargetId::ALL {
        match target_check(target) {
            TargetCheck::Step(step) => println!("{:<12} step `{}`", target.name(), step.name),
            TargetCheck::CoveredBy(steps, why) => println!("{:<12} {steps}: {why}", target.name()),
        }
    }
}

/// Runs the steps named in `args` (all of them when none is named).
pub fn run(args: &[String]) -> Result<(), String> {
    let all = steps();
    if args.iter().any(|a| a == "--targets") {
        list_targets();
        return Ok(());
    }
    if args.iter().any(|a| a == "--list") {
        for step in &all {
            println!("{:<16} {}", step.name, step.what);
        }
        return Ok(());
    }
    let mut only = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--only" => only.push(rest.next().ok_or("--only takes a step name")?.clone()),
            other => return Err(format!("unexpected argument `{other}` (see `cargo xtask ci --list`)")),
        }
    }
    for name in &only {
        if !all.iter().any(|s| s.name == name) {
            return Err(format!("no step `{name}` (see `cargo xtask ci --list`)"));
        }
    }
    let chosen: Vec<&Step> = all.iter().filter(|s| only.is_empty() || only.iter().any(|o| o == s.name)).collect();
    let mut results: Vec<(&str, Duration, Result<(), String>)> = Vec::new();
    for step in chosen {
        eprintln!("\n==> {} ({})", step.name, step.what);
        let started = Instant::now();
        let result = (step.run)();
        if let Err(message) = &result {
            eprintln!("==> {} FAILED: {message}", step.name);
        }
        results.push((step.name, started.elapsed(), result));
    }
    eprintln!("\nci summary:");
    for (name, elapsed, result) in &results {
        let verdict = if result.is_ok() { "ok" } else { "FAILED" };
        eprintln!("  {name:<16} {verdict:<7} {:>7.1}s", elapsed.as_secs_f64());
    }
    // Said again at the end, where a log's tail shows it: a failure's own lines may be
    // thousands of lines above, under the later steps' output.
    for (name, _, result) in &results {
        if let Err(message) = result {
            eprintln!("\n{name} failed:\n  {message}");
        }
    }
    let failed = results.iter().filter(|(_, _, r)| r.is_err()).count();
    println!("ci: {} passed, {failed} failed", results.len() - failed);
    if failed == 0 { Ok(()) } else { Err(format!("{failed} ci steps failed")) }
}

fn fmt() -> Result<(), String> {
    run_command(cargo().args(["fmt", "--all", "--", "--check"]))
}

fn clippy() -> Result<(), String> {
    run_command(cargo().args(["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"]))
}

fn test() -> Result<(), String> {
    run_command(cargo().args(["test", "--workspace", "--all-features"]))
}

fn generate_check() -> Result<(), String> {
    codegen::generate(codegen::Mode::Check)
}
