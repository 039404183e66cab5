//! `cargo xtask ci --only large`: the clients of a 10,000-code catalog through each
//! language's strict checks, so that catalog size never breaks a generated package.
//!
//! The catalog is `errcat_testkit::synthetic::catalog(10_000)` (services of a few hundred
//! codes, every details type, additional details, `…_ACCESS_TOKEN_…` codes that password
//! linters mistake for secrets). Every target is rendered with the templates on disk into
//! `target/large/out`, then each check runs and prints its wall-clock and CPU time:
//!
//! - **TypeScript**: `tsc --noEmit` with the package's strict `tsconfig.json` in a Node heap
//!   of 1 GiB at most; the README's TypeScript blocks and a program using the parser the
//!   ways that make the compiler reduce unions (conditional expressions, `??`, an inferred
//!   return type, a narrowed `catch` variable), type-checked against the package; and
//!   esbuild's minified bundle of a program that imports only the parser, which must stay
//!   under [`PARSER_BUNDLE_BYTES_PER_CODE`].
//! - **Python**: the package compiled to bytecode (as installers do), then imported in fresh
//!   interpreters (the best of [`IMPORT_RUNS`] must be within [`PYTHON_IMPORT`]); `mypy
//!   --strict` from a cold cache (once more when over budget, see [`mypy_cold`]); the
//!   package's own ruff rules and `ruff format --check`; the stubs compared with the
//!   classes made at run time.
//! - **Go**: `go vet ./...` and `go build` of a program that uses the package (offline), in
//!   a build cache of the step's own that holds only the standard library packages the
//!   client imports: the package itself is vetted and compiled from nothing.
//! - **Java**: `javac -Xlint:all -Xdoclint:all/protected -Werror --release 17` on the
//!   client (about 20,000 files: each code's exception class and details record). Past
//!   `errcat::targets::java::ENUM_LIMIT` codes its `ErrorCode` is a class whose constants
//!   come from interfaces of 500 codes each, and the parser makes each code's exception
//!   through tables of 500 codes, since the JVM caps a method at 64 KB of bytecode (an enum
//!   of every code failed with "code too large" near 1,800 codes). Maven, Error Prone and
//!   the JUnit tests of that form run in the `java` step, on a smaller catalog.
//!
//! Each budget (the goals of issue 11) is checked on CPU time where Linux reports it (the
//! machine is shared: wall-clock time would count the others' work too), on wall-clock time
//! otherwise. The step takes about 5 minutes on a 2-core machine (javac alone about 100 s of
//! CPU and 2 GB of memory); the `java` step's harness, not this one, runs the conformance
//! vectors.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use errcat::render::Options;

use crate::exec::{capture, remove_dir, run_in, write};
use crate::project_root;
use crate::tools;

/// Codes in the catalog.
const CODES: usize = 10_000;
/// Where the step works, below the repository root.
const WORK: &str = "target/large";
/// esbuild, pinned, for the bundle-size check.
const ESBUILD: &str = "esbuild@0.28.2";
/// The largest minified bundle of a parser-only program, per code of the catalog.
const PARSER_BUNDLE_BYTES_PER_CODE: usize = 200;
/// The Node heap tsc may use, in MiB.
const TSC_HEAP_MIB: u32 = 1024;
/// Fresh interpreters the Python import is timed in; the best counts.
const IMPORT_RUNS: usize = 5;
/// The budget of `import` of the Python package.
const PYTHON_IMPORT: Duration = Duration::from_millis(150);
/// The budgets of the slow checks.
const TSC: Duration = Duration::from_secs(30);
const MYPY: Duration = Duration::from_secs(30);
const GO_VET: Duration = Duration::from_secs(30);
const GO_BUILD: Duration = Duration::from_secs(20);
/// javac of the Java client took about 100 s of CPU (2.0 GB resident) on a 2-core machine.
const JAVAC: Duration = Duration::from_secs(180);

/// A program that uses the parser the ways that make the compiler reduce the union of every
/// error type: with the discriminated union of every code's class this failed with TS2590.
const TS_USAGE: &str = r#"import { CODE_INFO, ERROR_CODES, isApiError, parseError, type ApiErrorUnion } from "./src/index.js";

export function maybe(cond: boolean): ApiErrorUnion | null {
  const err = cond ? parseError(404, {}, "{}") : null;
  return err ?? null;
}

export function inferred(status: number) {
  if (status >= 400) return parseError(status, {}, "{}");
  return undefined;
}

export function describe(caught: unknown): string {
  if (!isApiError(caught)) return "not an API error";
  const code = ERROR_CODES[0];
  if (code !== undefined && caught.is(code)) console.log(caught.typedDetails ?? {});
  switch (caught.kind) {
    case "known":
      return `${caught.code} in ${caught.category}: ${CODE_INFO[caught.code].title}`;
    case "unknown_code":
      return `unknown ${caught.code}`;
    case "http":
      return "http";
    default: {
      const impossible: never = caught;
      return impossible;
    }
  }
}
"#;

/// One check's outcome.
struct Outcome {
    what: String,
    wall: Duration,
    cpu: Option<Duration>,
    result: Result<(), String>,
}

/// Runs the step; every check runs even when one fails.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let work = root.join(WORK);
    let out = work.join("out");
    let mut outcomes = Vec::new();
    let started = Instant::now();
    match render(&work, &out) {
        Ok(()) => {
            outcomes.extend(typescript(&work, &out));
            outcomes.extend(python(&work, &out));
            outcomes.extend(go(&work, &out));
            outcomes.extend(java(&work, &out));
        }
        Err(message) => {
            outcomes.push(Outcome { what: "render".to_owned(), wall: Duration::ZERO, cpu: None, result: Err(message) })
        }
    }
    eprintln!("\nlarge: {CODES} codes, {:.0} s in all", started.elapsed().as_secs_f64());
    for outcome in &outcomes {
        let cpu = outcome.cpu.map_or_else(|| "      ".to_owned(), |cpu| format!("{:5.1}s", cpu.as_secs_f64()));
        let verdict = if outcome.result.is_ok() { "ok" } else { "FAILED" };
        eprintln!("  {:<44} {verdict:<7} {:7.2}s wall {cpu} cpu", outcome.what, outcome.wall.as_secs_f64());
    }
    write_report(&outcomes, started.elapsed())?;
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|outcome| outcome.result.as_ref().err().map(|e| format!("{}: {e}", outcome.what)))
        .collect();
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n  ")) }
}

/// Writes every outcome to [`crate::LARGE_REPORT`] as JSON, for `cargo xtask bench`.
fn write_report(outcomes: &[Outcome], elapsed: Duration) -> Result<(), String> {
    let checks: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|outcome| {
            serde_json::json!({
                "what": outcome.what,
                "wall_s": outcome.wall.as_secs_f64(),
                "cpu_s": outcome.cpu.map(|cpu| cpu.as_secs_f64()),
                "error": outcome.result.as_ref().err(),
            })
        })
        .collect();
    let report = serde_json::json!({"codes": CODES, "seconds": elapsed.as_secs_f64(), "checks": checks});
    write(&project_root().join(crate::LARGE_REPORT), &format!("{report:#}\n"))
}

/// Writes the synthetic catalog and renders every target of it into `out` (emptied first).
fn render(work: &Path, out: &Path) -> Result<(), String> {
    let started = Instant::now();
    let text = errcat_testkit::synthetic::catalog(CODES);
    let catalog_path = work.join("catalog.yaml");
    write(&catalog_path, &text)?;
    let checked = errcat::check_str(&text, &errcat_testkit::synthetic::limits());
    if !checked.diagnostics.is_empty() {
        return Err(format!("the synthetic catalog has {} diagnostics", checked.diagnostics.len()));
    }
    let catalog = checked.catalog.ok_or("the validator refused the synthetic catalog")?;
    let options = Options {
        command: "cargo xtask ci --only large".to_owned(),
        catalog_path: format!("{WORK}/catalog.yaml"),
        templates_dir: Some(project_root().join("templates")),
    };
    let files = errcat::render::plan(&catalog, &options).map_err(|e| e.to_string())?;
    remove_dir(out)?;
    for (path, text) in &files {
        write(&out.join(path), text)?;
    }
    eprintln!("large: rendered {} files of {CODES} codes in {:.1} s", files.len(), started.elapsed().as_secs_f64());
    Ok(())
}

/// `mypy --strict` on `package` from a cold cache, within [`MYPY`]. A run over the budget
/// gets one more cold run, and the better one counts: a neighbour's burst on a shared
/// machine inflates CPU time too, and at 10,000 codes mypy needs about 26 s of the 30 (18 s
/// of it in the `ErrorCode` stub: mypy 2.4 rescans every member of an enum for each
/// member's assignment, so the time grows with the square of the codes).
fn mypy_cold(work: &Path, bin: &Path, client: &Path, package: &str) -> Outcome {
    let run = || {
        let cache = work.join("mypy-cache");
        if let Err(message) = remove_dir(&cache) {
            return failed("python: mypy", message);
        }
        let mut mypy = Command::new(bin.join("mypy"));
        mypy.env("MYPYPATH", client)
            .args(["--strict", "--explicit-package-bases", "--cache-dir"])
            .arg(&cache)
            .arg(package);
        timed("python: mypy --strict (cold cache)", client, &mut mypy, Some(MYPY))
    };
    let spent = |outcome: &Outcome| outcome.cpu.unwrap_or(outcome.wall);
    let first = run();
    if first.result.is_ok() || spent(&first) <= MYPY {
        return first;
    }
    let second = run();
    if spent(&second) < spent(&first) { second } else { first }
}

/// Runs `command` in `dir` as the check `what`, within `budget` when one is given.
fn timed(what: &str, dir: &Path, command: &mut Command, budget: Option<Duration>) -> Outcome {
    let cpu_before = children_cpu();
    let started = Instant::now();
    let mut result = run_in(dir, command);
    let wall = started.elapsed();
    let cpu = children_cpu().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    if let (Ok(()), Some(budget)) = (&result, budget) {
        let spent = cpu.unwrap_or(wall);
        if spent > budget {
            result =
                Err(format!("took {:.1} s, over its budget of {:.0} s", spent.as_secs_f64(), budget.as_secs_f64()));
        }
    }
    Outcome { what: what.to_owned(), wall, cpu, result }
}

/// The CPU time (user and system) of this process's waited-for children, from Linux's
/// `/proc/self/stat`; `None` elsewhere.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at the state, field 3;
    // cutime and cstime are fields 16 and 17, in clock ticks of 1/100 s on Linux.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn failed(what: &str, message: String) -> Outcome {
    Outcome { what: what.to_owned(), wall: Duration::ZERO, cpu: None, result: Err(message) }
}

fn typescript(work: &Path, out: &Path) -> Vec<Outcome> {
    let root = project_root();
    let client = out.join("typescript");
    let tools = super::typescript::pinned_typescript().and_then(|version| {
        let typescript =
            tools::npm_packages("typescript", &[&format!("typescript@{version}"), super::typescript::TYPES_NODE])?;
        let esbuild = tools::npm_packages("large", &[ESBUILD])?;
        Ok((typescript, esbuild))
    });
    let (typescript, esbuild) = match tools {
        Ok(tools) => tools,
        Err(message) => return vec![failed("typescript tools", message)],
    };
    let tsc = typescript.join("node_modules").join("typescript").join("bin").join("tsc");
    let node_tsc = || {
        let mut command = Command::new("node");
        command.arg(format!("--max-old-space-size={TSC_HEAP_MIB}")).arg(&tsc);
        command
    };
    let mut outcomes = vec![timed(
        "typescript: tsc --noEmit (strict tsconfig)",
        &client,
        node_tsc().args(["--noEmit", "-p", "."]),
        Some(TSC),
    )];

    let readme = work.join("typescript-readme");
    let snippets = Command::new("node")
        .arg(root.join("conformance").join("typescript").join("readme-snippets.mjs"))
        .arg(&client)
        .arg(&readme)
        .status();
    outcomes.push(match snippets {
        Ok(status) if status.success() => {
            timed("typescript: tsc on the README's blocks", &readme, node_tsc().args(["-p", "."]), Some(TSC))
        }
        other => failed("typescript: README blocks", format!("readme-snippets.mjs: {other:?}")),
    });

    // The usage program is compiled with the package's own options.
    let usage = write(&client.join("large-usage.ts"), TS_USAGE).and_then(|()| {
        write(
            &client.join("large-usage.tsconfig.json"),
            "{\"extends\": \"./tsconfig.json\", \"compilerOptions\": {\"noEmit\": true, \"rootDir\": \".\"}, \
             \"include\": [], \"files\": [\"large-usage.ts\"]}\n",
        )
    });
    outcomes.push(match usage {
        Ok(()) => timed(
            "typescript: tsc on a program using the parser",
            &client,
            node_tsc().args(["-p", "large-usage.tsconfig.json"]),
            Some(TSC),
        ),
        Err(message) => failed("typescript: usage program", message),
    });

    let entry = client.join("parser-only.ts");
    let bundle = work.join("parser-only.min.js");
    let bundled =
        write(&entry, "import { parseError } from \"./src/index.js\";\nconsole.log(parseError(500, {}, \"\").kind);\n")
            .map(|()| {
                let mut command = Command::new(esbuild.join("node_modules").join(".bin").join("esbuild"));
                command
                    .arg(&entry)
                    .args(["--bundle", "--minify", "--format=esm", "--platform=neutral", "--log-level=warning"])
                    .arg(format!("--outfile={}", bundle.display()));
                timed("typescript: esbuild of a parser-only program", &client, &mut command, None)
            })
            .unwrap_or_else(|message| failed("typescript: parser-only bundle", message));
    outcomes.push(check_bundle(bundled, &bundle));
    outcomes
}

/// Fails `outcome` when the bundle is larger than its budget; names its size.
fn check_bundle(mut outcome: Outcome, bundle: &Path) -> Outcome {
    if outcome.result.is_ok() {
        let limit = PARSER_BUNDLE_BYTES_PER_CODE * CODES;
        outcome.result = match std::fs::metadata(bundle) {
            Ok(meta) if usize::try_from(meta.len()).unwrap_or(usize::MAX) <= limit => {
                outcome.what = format!("{} ({} KB)", outcome.what, meta.len() / 1024);
                Ok(())
            }
            Ok(meta) => Err(format!("the bundle is {} bytes, over {limit}", meta.len())),
            Err(e) => Err(format!("{}: {e}", bundle.display())),
        };
    }
    outcome
}

fn python(work: &Path, out: &Path) -> Vec<Outcome> {
    let client = out.join("python");
    let bin = match tools::python_venv("python", &super::python::TOOLS) {
        Ok(bin) => bin,
        Err(message) => return vec![failed("python tools", message)],
    };
    let package = errcat_package_name(&client);
    let Some(package) = package else {
        return vec![failed("python", format!("no package in {}", client.display()))];
    };
    let python = bin.join("python");
    let mut outcomes = vec![timed(
        "python: compileall (as installers do)",
        &client,
        Command::new(&python).args(["-m", "compileall", "-q"]).arg(&package),
        None,
    )];
    outcomes.push(import_time(&python, &client, &package));
    outcomes.push(mypy_cold(work, &bin, &client, &package));
    let ruff_cache = tools::tools_dir().join("ruff-cache");
    outcomes.push(timed(
        "python: ruff check (the package's rules)",
        &client,
        Command::new(bin.join("ruff")).env("RUFF_CACHE_DIR", &ruff_cache).args(["check", "."]),
        None,
    ));
    outcomes.push(timed(
        "python: ruff format --check",
        &client,
        Command::new(bin.join("ruff")).env("RUFF_CACHE_DIR", &ruff_cache).args(["format", "--check", "."]),
        None,
    ));
    let started = Instant::now();
    outcomes.push(Outcome {
        what: "python: stubs match the classes made".to_owned(),
        result: super::python::stubs_match(&bin, &client, &package),
        wall: started.elapsed(),
        cpu: None,
    });
    outcomes
}

/// The Python package in `client`: its one folder holding a `py.typed`.
fn errcat_package_name(client: &Path) -> Option<String> {
    let entries = std::fs::read_dir(client).ok()?;
    entries
        .filter_map(Result::ok)
        .find(|entry| entry.path().join("py.typed").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
}

/// `import PACKAGE` in [`IMPORT_RUNS`] fresh interpreters, each timing itself; the best must
/// be within [`PYTHON_IMPORT`].
fn import_time(python: &Path, client: &Path, package: &str) -> Outcome {
    let script =
        format!("import time; start = time.perf_counter(); import {package}; print(time.perf_counter() - start)");
    let started = Instant::now();
    let mut best: Option<f64> = None;
    for _ in 0..IMPORT_RUNS {
        let output = Command::new(python).current_dir(client).arg("-c").arg(&script).output();
        match output {
            Ok(output) if output.status.success() => {
                let seconds: Option<f64> = String::from_utf8_lossy(&output.stdout).trim().parse().ok();
                best = match (best, seconds) {
                    (Some(best), Some(seconds)) => Some(best.min(seconds)),
                    (None, seconds) | (seconds, None) => seconds,
                };
            }
            other => return failed("python: import", format!("{python:?} -c {script:?}: {other:?}")),
        }
    }
    let best = best.unwrap_or(f64::INFINITY);
    let result = if best <= PYTHON_IMPORT.as_secs_f64() {
        Ok(())
    } else {
        Err(format!("import took {:.0} ms, over {} ms", best * 1000.0, PYTHON_IMPORT.as_millis()))
    };
    Outcome {
        what: format!("python: import (best of {IMPORT_RUNS}: {:.0} ms)", best * 1000.0),
        wall: started.elapsed(),
        cpu: None,
        result,
    }
}

fn go(work: &Path, out: &Path) -> Vec<Outcome> {
    if let Err(message) = tools::require("go", "the large Go checks") {
        return vec![failed("go", message)];
    }
    let module = out.join("go");
    // A build cache of this run's own, holding the standard library only: the package is
    // checked and built from nothing, as it is after a catalog change, while the standard
    // library costs what it costs a user (compiled once per machine).
    let cache = work.join("go-cache");
    let go = |dir: &Path| {
        let mut command = super::go::go_command(dir, true);
        command.env("GOCACHE", &cache);
        command
    };
    let imports = remove_dir(&cache).and_then(|()| {
        let output = capture(&module, go(&module).args(["list", "-f", "{{join .Imports \"\\n\"}}", "./..."]))?;
        if !output.status.success() {
            return Err(format!("go list: {}", String::from_utf8_lossy(&output.stderr)));
        }
        let listed = String::from_utf8_lossy(&output.stdout);
        let mut imports: Vec<String> =
            listed.lines().map(str::trim).filter(|i| !i.is_empty() && !i.contains('.')).map(str::to_owned).collect();
        imports.sort();
        imports.dedup();
        Ok(imports)
    });
    let warmed = imports.and_then(|imports| {
        run_in(&module, go(&module).arg("build").args(&imports))?;
        run_in(&module, go(&module).arg("vet").args(&imports))
    });
    if let Err(message) = warmed {
        return vec![failed("go: a build cache of the standard library", message)];
    }
    let mut outcomes =
        vec![timed("go: go vet ./... (cold package cache)", &module, go(&module).args(["vet", "./..."]), Some(GO_VET))];
    let program = work.join("go-program");
    let go_mod = format!(
        "module errcat.example/large\n\ngo 1.22\n\nrequire {path} v0.0.0\n\nreplace {path} => {module}\n",
        path = go_module_path(&module).unwrap_or_default(),
        module = module.display(),
    );
    let main = format!(
        "package main\n\nimport (\n\t\"fmt\"\n\n\tclient \"{}\"\n)\n\nfunc main() {{\n\terr := client.Parse(404, nil, []byte(`{{}}`))\n\tfmt.Println(err.Kind, len(client.AllCodes()))\n}}\n",
        go_module_path(&module).unwrap_or_default()
    );
    let written = write(&program.join("go.mod"), &go_mod).and_then(|()| write(&program.join("main.go"), &main));
    outcomes.push(match written {
        Ok(()) => timed(
            "go: go build of a program using the package",
            &program,
            go(&program).args(["build", "-o", "large-program", "."]),
            Some(GO_BUILD),
        ),
        Err(message) => failed("go: program", message),
    });
    outcomes
}

/// The module path in `module`'s `go.mod`.
fn go_module_path(module: &Path) -> Option<String> {
    let text = std::fs::read_to_string(module.join("go.mod")).ok()?;
    text.lines().find_map(|line| line.strip_prefix("module ")).map(|path| path.trim().to_owned())
}

fn java(work: &Path, out: &Path) -> Vec<Outcome> {
    if let Err(message) = tools::require("javac", "the large Java check (a JDK 17 or newer)") {
        return vec![failed("java", message)];
    }
    let sources = out.join("java").join("src").join("main").join("java");
    let mut files = Vec::new();
    if let Err(message) = super::java::java_files(&sources, &mut files) {
        return vec![failed("java", message)];
    }
    files.sort();
    let list = work.join("java-sources.txt");
    let classes = work.join("java-classes");
    let text: String = files.iter().map(|file| format!("{}\n", file.display())).collect();
    if let Err(message) = write(&list, &text).and_then(|()| remove_dir(&classes)) {
        return vec![failed("java", message)];
    }
    let mut javac = Command::new("javac");
    javac
        .args(["-J-Xmx3g", "--release", "17", "-encoding", "UTF-8", "-Xlint:all", "-Xdoclint:all/protected", "-Werror"])
        .arg("-d")
        .arg(&classes)
        .arg(format!("@{}", list.display()));
    let what = format!("java: javac -Xlint:all -Werror ({} files)", files.len());
    vec![timed(&what, work, &mut javac, Some(JAVAC))]
}
