//! `cargo xtask bench`: errcat's benchmarks, and `BENCHMARKS.md` from their results.
//!
//! Each measurement is a separate program, so it can also be run on its own:
//!
//! - **Scaling** (`crates/errcat/benches/scaling.rs`, criterion): load + validate, every
//!   target (`render::plan`) and the Rust generator alone, on synthetic catalogs of 100 to
//!   10 000 codes (`errcat_testkit::synthetic`).
//! - **One run per stage** (`crates/errcat/benches/peak_memory.rs`): each stage of each
//!   size, 100 to 100 000 codes, in a fresh process under a memory cap, for its wall and
//!   CPU time and its peak resident memory; `generate` is what `errcat generate` does, the
//!   output tree written; at 10 000 codes also each target alone.
//! - **Baseline** ([`baseline`]): a PyYAML + Jinja2 script rendering simpler versions of
//!   five targets from the same catalogs, in the same run.
//! - **Generated clients at 10 000 codes**: `cargo xtask ci --only large` (tsc, the Python
//!   import, mypy, ruff, go vet and build, javac), read back from its JSON report.
//! - **The HTML reference at 10 000 codes**: `SITE_CATALOGS=large cargo xtask ci --only
//!   site` (the index in headless Chromium: time to a usable search, time per keystroke),
//!   read back from the browser's JSON report.
//! - **The Rust crate at 10 000 codes** ([`rust_scale`]): source per code, the build
//!   script's work in the dev profile, and `cargo build` of a crate holding the output.
//! - **Runtime parity** (`crates/bench-handwritten-errors/benches/runtime_parity.rs`,
//!   criterion): the generated `scriptix-errors` against a hand-written equivalent.
//! - **Build cost**: cold builds of both crates in target folders of their own, the no-op
//!   rebuild (the build script must be "Fresh"), the rebuild after the catalog changes,
//!   and the build-time dependency tree of `scriptix-errors`.
//!
//! `--quick` runs every benchmark once, unoptimized, on small sizes, and checks the no-op
//! rebuild and the dependency tree, in about a minute once built: the CI smoke test. It
//! writes nothing. `ERRCAT_BENCH_SIZES=1000,10000` limits the sizes of a full run.

mod baseline;
mod report;
mod rust_scale;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::exec::{cargo, run_command, target_dir};
use crate::project_root;

/// The command that writes `BENCHMARKS.md`, named in it.
const COMMAND: &str = "cargo xtask bench";
/// Sizes criterion measures; 100 000 codes take minutes per run and are measured once.
const CRITERION_SIZES: [usize; 3] = [100, 1_000, 10_000];
/// Sizes measured once per stage in a fresh process.
const ONCE_SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];
/// Stages of the once-per-stage runs, as `peak_memory --stage` names them.
const STAGES: [&str; 4] = ["check", "plan", "rust", "generate"];
/// The size at which each target is also measured alone, and the clients and the Rust
/// crate are built.
const LARGE: usize = 10_000;
/// Criterion groups of the scaling benchmark, with how `BENCHMARKS.md` names them.
const SCALING_GROUPS: [(&str, &str); 3] =
    [("load_validate", "load + validate"), ("render_plan", "render plan"), ("rust_generate", "Rust generator")];
/// Criterion groups of the parity benchmark.
const PARITY_GROUPS: [&str; 5] = ["from_str", "as_str", "status", "serialize", "deserialize"];
/// Rounds of the parity benchmark; each side's best median counts.
const PARITY_ROUNDS: usize = 3;
/// Crates no build script of a service may pull in.
const HEAVY_CRATES: [&str; 6] = ["minijinja", "clap", "similar", "schemars", "insta", "criterion"];
/// Default memory cap of one once-per-stage run, GiB (`ERRCAT_BENCH_MEMORY_CAP_GIB`).
const DEFAULT_MEMORY_CAP_GIB: u64 = 12;

/// Runs `cargo xtask bench [--quick]`.
pub fn run(args: &[String]) -> Result<(), String> {
    match args {
        [] => full(),
        [flag] if flag == "--quick" => quick(),
        _ => Err(format!("unexpected arguments: {} (usage: cargo xtask bench [--quick])", args.join(" "))),
    }
}

/// Every benchmark once, unoptimized and small: they compile and run. Writes nothing.
pub fn quick() -> Result<(), String> {
    let started = Instant::now();
    step("scaling benchmark, once per benchmark at 100 codes");
    checked(
        cargo()
            .args(["bench", "-p", "errcat", "--all-features", "--profile", "dev", "--bench", "scaling"])
            .args(["--", "--test"])
            .env("ERRCAT_BENCH_SIZES", "100"),
    )?;
    step("one run per stage at 100 codes");
    let exe = peak_memory_executable(true)?;
    for stage in STAGES {
        let report = once(&exe, 100, stage, None)?;
        eprintln!("  {stage}: {report}");
    }
    let report = once_with(&exe, 100, "check", None, &["--targets"])?;
    eprintln!("  each target alone: {report}");
    step("adversarial shapes, a tenth of their size");
    for shape in adversarial(true, 10)? {
        eprintln!("  {shape}");
    }
    step("baseline: PyYAML + Jinja2 at 100 codes");
    for run in baseline::run(&exe, &[100])? {
        run.report?;
    }
    step("the Rust build script's work at 100 codes, dev profile");
    rust_scale::run(&target_dir().join("bench-build"), 100, false).build_script?;
    step("runtime parity, once per benchmark");
    checked(
        cargo()
            .args(["bench", "-p", "bench-handwritten-errors", "--profile", "dev", "--bench", "runtime_parity"])
            .args(["--", "--test"]),
    )?;
    step("no-op rebuild of scriptix-errors");
    let noop = noop_rebuild(None)?;
    eprintln!("  build script fresh, {:.2} s", noop.as_secs_f64());
    step("build-time dependencies of scriptix-errors");
    let tree = build_tree(None)?;
    eprintln!("  {} crates, none of {}", tree.lines().count(), HEAVY_CRATES.join(", "));
    eprintln!("bench --quick: every benchmark ran ({:.0} s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// Every benchmark for real, then `BENCHMARKS.md`.
fn full() -> Result<(), String> {
    let root = project_root();
    let machine = report::Machine::read()?;
    let load_before = report::load_average();
    let started = Instant::now();

    step("scaling benchmark (criterion)");
    let criterion = target_dir().join("criterion");
    for (group, _) in SCALING_GROUPS {
        let _ = std::fs::remove_dir_all(criterion.join(group));
    }
    let sizes: Vec<String> = CRITERION_SIZES.iter().filter(|n| wanted(**n)).map(usize::to_string).collect();
    checked(cargo().args(["bench", "-p", "errcat", "--bench", "scaling"]).env("ERRCAT_BENCH_SIZES", sizes.join(",")))?;
    let mut scaling = Vec::new();
    for size in CRITERION_SIZES.into_iter().filter(|n| wanted(*n)) {
        let mut medians = Vec::new();
        for (group, _) in SCALING_GROUPS {
            medians.push(median_seconds(&criterion, group, &size.to_string())?);
        }
        scaling.push((size, medians));
    }

    step("one run per stage (time and peak memory)");
    let cap = memory_cap_gib();
    let exe = peak_memory_executable(false)?;
    let mut runs: Vec<(usize, &str, Result<Value, String>)> = Vec::new();
    for size in ONCE_SIZES.into_iter().filter(|n| wanted(*n)) {
        for stage in STAGES {
            let result = once(&exe, size, stage, Some(cap)).and_then(|text| parse_report(&text));
            match &result {
                Ok(report) => eprintln!("  {size} codes, {stage}: {report}"),
                Err(error) => eprintln!("  {size} codes, {stage}: FAILED: {error}"),
            }
            runs.push((size, stage, result));
        }
    }
    let targets = if wanted(LARGE) {
        eprintln!("  each target alone at {LARGE} codes");
        Some(once_with(&exe, LARGE, "check", Some(cap), &["--targets"]).and_then(|text| parse_report(&text)))
    } else {
        None
    };

    step("profile of one generate run at 10 000 codes (ERRCAT_TIMINGS=1)");
    let profile = if wanted(LARGE) { Some(profile(&exe, LARGE)) } else { None };

    step("adversarial shapes (issue 14)");
    let adversarial = adversarial(false, 1);
    if let Ok(shapes) = &adversarial {
        for shape in shapes {
            eprintln!("  {shape}");
        }
    }

    step("baseline: PyYAML + Jinja2 on the same catalogs");
    let sizes: Vec<usize> = baseline::SIZES.into_iter().filter(|size| wanted(*size)).collect();
    let baseline = baseline::run(&exe, &sizes);

    step("generated clients at 10 000 codes (cargo xtask ci --only large)");
    let clients = clients_report();

    step("the HTML reference at 10 000 codes in Chromium (cargo xtask ci --only site)");
    let site = site_report();

    step("the Rust crate at 10 000 codes");
    let rust = rust_scale::run(&root.join("target").join("bench-build"), LARGE, true);

    step("runtime parity (criterion)");
    for group in PARITY_GROUPS {
        let _ = std::fs::remove_dir_all(criterion.join(group));
    }
    // Both sides of a pair compile to the same code; on a shared machine one round can still
    // differ by more than 10 % from load alone. The best median of a few rounds is what
    // each side does when undisturbed.
    let mut parity: Vec<(&str, f64, f64)> = PARITY_GROUPS.iter().map(|group| (*group, f64::MAX, f64::MAX)).collect();
    for _ in 0..PARITY_ROUNDS {
        checked(cargo().args(["bench", "-p", "bench-handwritten-errors", "--bench", "runtime_parity"]))?;
        for (group, generated, hand) in &mut parity {
            *generated = generated.min(median_seconds(&criterion, group, "generated")?);
            *hand = hand.min(median_seconds(&criterion, group, "handwritten")?);
        }
    }

    step("build cost");
    let bench_build = root.join("target").join("bench-build");
    let generated_dir = bench_build.join("generated");
    let handwritten_dir = bench_build.join("handwritten");
    let cold_generated = cold_build("scriptix-errors", &generated_dir)?;
    let noop = noop_rebuild(Some(&generated_dir))?;
    let edited = rebuild_after_catalog_edit(&generated_dir)?;
    let cold_handwritten = cold_build("bench-handwritten-errors", &handwritten_dir)?;
    let tree = build_tree(Some(&generated_dir))?;

    let load_after = report::load_average();
    let report = report::Report {
        machine,
        load: (load_before, load_after),
        elapsed: started.elapsed(),
        scaling,
        runs,
        targets,
        profile,
        adversarial,
        baseline,
        clients,
        site,
        rust,
        cap,
        parity,
        build: report::Build { cold_generated, cold_handwritten, noop, edited, tree },
    };
    let text = report.markdown();
    std::fs::write(root.join("BENCHMARKS.md"), &text).map_err(|e| format!("cannot write BENCHMARKS.md: {e}"))?;
    eprintln!("\nwrote BENCHMARKS.md ({:.0} s in all)", started.elapsed().as_secs_f64());
    Ok(())
}

/// The `errcat timing:` lines of one `generate` run of `size` codes with `ERRCAT_TIMINGS=1`:
/// each stage, target and template with its wall and CPU time.
fn profile(exe: &Path, size: usize) -> Result<Vec<String>, String> {
    let out = target_dir().join("bench-out").join(format!("profile-{size}"));
    let output = Command::new(exe)
        .args(["--size", &size.to_string(), "--stage", "generate", "--out"])
        .arg(&out)
        .env("ERRCAT_TIMINGS", "1")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !output.status.success() {
        return Err(format!("{}: {}", output.status, String::from_utf8_lossy(&output.stderr).trim()));
    }
    let lines: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| line.strip_prefix("errcat timing: ").map(str::to_owned))
        .collect();
    Ok(lines)
}

/// A `peak_memory` report.
fn parse_report(text: &str) -> Result<Value, String> {
    serde_json::from_str::<Value>(text).map_err(|e| format!("unreadable report {text:?}: {e}"))
}

/// Runs `cargo xtask ci --only large` and reads its report back. The step fails when a
/// budget is missed, but its report is written either way: the figures are what count.
fn clients_report() -> Result<Value, String> {
    let path = project_root().join(crate::LARGE_REPORT);
    let _ = std::fs::remove_file(&path);
    let status = cargo().args(["xtask", "ci", "--only", "large"]).status();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cargo xtask ci --only large ({status:?}) wrote no {}: {e}", path.display()))?;
    parse_report(&text)
}

/// Runs the browser checks of the 10,000-code site and reads the browser's report back;
/// like [`clients_report`], the figures count even when a budget is missed.
fn site_report() -> Result<Value, String> {
    let path = project_root().join(crate::SITE_REPORT);
    let _ = std::fs::remove_file(&path);
    let status = cargo().args(["xtask", "ci", "--only", "site"]).env("SITE_CATALOGS", "large").status();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cargo xtask ci --only site ({status:?}) wrote no {}: {e}", path.display()))?;
    parse_report(&text)
}

/// Whether `size` is measured: all sizes, unless `ERRCAT_BENCH_SIZES` (a comma-separated
/// list, also read by the scaling benchmark) names some.
fn wanted(size: usize) -> bool {
    match std::env::var("ERRCAT_BENCH_SIZES") {
        Ok(list) => list.split(',').any(|n| n.trim().parse() == Ok(size)),
        Err(_) => true,
    }
}

fn step(what: &str) {
    eprintln!("\n==> bench: {what}");
}

/// Runs `command` in the repository root with its output captured; fails, showing it, on
/// a non-zero exit.
fn captured(command: &mut Command) -> Result<Output, String> {
    command.current_dir(project_root());
    let shown = format!("{command:?}");
    let output = command.output().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!(
            "{shown} exited with {}:\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Runs `command` in the repository root, streaming its output.
fn checked(command: &mut Command) -> Result<(), String> {
    run_command(command)
}

/// Builds the `peak_memory` benchmark and returns its executable.
fn peak_memory_executable(quick: bool) -> Result<PathBuf, String> {
    bench_executable("peak_memory", quick)
}

/// Builds errcat's benchmark `name` (release, or for `quick` the dev profile with every
/// feature, as `cargo test` built it already) and returns its executable.
fn bench_executable(name: &str, quick: bool) -> Result<PathBuf, String> {
    let mut command = cargo();
    command.args(["bench", "-p", "errcat", "--bench", name, "--no-run"]);
    if quick {
        command.args(["--all-features", "--profile", "dev"]);
    }
    command.args(["--message-format", "json-render-diagnostics"]);
    let output = captured(&mut command)?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["target"]["name"] == name)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo built no {name} executable"))
}

/// Runs the adversarial-shape benchmark (sizes divided by `scale`): one JSON report per
/// shape.
fn adversarial(quick: bool, scale: usize) -> Result<Vec<Value>, String> {
    let exe = bench_executable("adversarial", quick)?;
    let output = captured(Command::new(exe).args(["--scale", &scale.to_string()]))?;
    String::from_utf8_lossy(&output.stdout).lines().map(parse_report).collect()
}

/// One stage of one size in a fresh process, under a memory cap: its JSON report. The
/// `generate` stage writes below `target/bench-out/`.
fn once(exe: &Path, size: usize, stage: &str, cap_gib: Option<u64>) -> Result<String, String> {
    once_with(exe, size, stage, cap_gib, &[])
}

/// [`once`] with more arguments for `peak_memory`.
fn once_with(exe: &Path, size: usize, stage: &str, cap_gib: Option<u64>, extra: &[&str]) -> Result<String, String> {
    let mut command = match cap_gib {
        // `ulimit -v` makes a run that needs more memory fail by itself, rather than the
        // kernel's out-of-memory killer picking a process on a shared machine.
        Some(gib) => {
            let mut command = Command::new("sh");
            command.args(["-c", &format!("ulimit -v {} && exec \"$0\" \"$@\"", gib * 1024 * 1024)]).arg(exe);
            command
        }
        None => Command::new(exe),
    };
    command.args(["--size", &size.to_string(), "--stage", stage]).args(extra);
    if stage == "generate" {
        command.arg("--out").arg(target_dir().join("bench-out").join(size.to_string()));
    }
    let output = command.output().map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !output.status.success() {
        // The first line says why (`memory allocation of N bytes failed` under the cap).
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|line| !line.trim().is_empty()).unwrap_or("").trim();
        return Err(format!("{} ({first})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn memory_cap_gib() -> u64 {
    std::env::var("ERRCAT_BENCH_MEMORY_CAP_GIB").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MEMORY_CAP_GIB)
}

/// The median of a criterion benchmark, in seconds.
fn median_seconds(criterion: &Path, group: &str, id: &str) -> Result<f64, String> {
    let path = criterion.join(group).join(id).join("new").join("estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("no criterion result {}: {e}", path.display()))?;
    let estimates: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    estimates["median"]["point_estimate"]
        .as_f64()
        .map(|ns| ns / 1e9)
        .ok_or_else(|| format!("{}: no median", path.display()))
}

/// Builds `package` from nothing in `target`, returning the time it took.
fn cold_build(package: &str, target: &Path) -> Result<Duration, String> {
    eprintln!("  cold build of {package} in {}", target.display());
    let _ = std::fs::remove_dir_all(target);
    let started = Instant::now();
    captured(cargo().args(["build", "-p", package]).env("CARGO_TARGET_DIR", target))?;
    Ok(started.elapsed())
}

/// Builds `scriptix-errors` (in `target`, or the workspace's target folder), then again
/// with nothing changed: the second build must find its build script fresh. Returns the
/// time of the second build.
fn noop_rebuild(target: Option<&Path>) -> Result<Duration, String> {
    let with_target = |command: &mut Command| {
        if let Some(target) = target {
            command.env("CARGO_TARGET_DIR", target);
        }
    };
    let mut first = cargo();
    first.args(["build", "-p", "scriptix-errors"]);
    with_target(&mut first);
    captured(&mut first)?;
    let mut second = cargo();
    second.args(["build", "-v", "-p", "scriptix-errors"]);
    with_target(&mut second);
    let started = Instant::now();
    let output = captured(&mut second)?;
    let elapsed = started.elapsed();
    let log = String::from_utf8_lossy(&output.stderr);
    let reran = log.lines().any(|line| {
        line.contains("Running") && line.contains("scriptix-errors") && line.contains("build-script-build")
    });
    if reran || !log.lines().any(|line| line.trim_start().starts_with("Fresh scriptix-errors")) {
        return Err(format!("a rebuild with nothing changed ran scriptix-errors' build script again:\n{log}"));
    }
    Ok(elapsed)
}

/// The rebuild of `scriptix-errors` after the catalog's modification time changes (the
/// build script reruns; its output is byte-identical, so it writes nothing). The catalog's
/// modification time is restored afterwards.
fn rebuild_after_catalog_edit(target: &Path) -> Result<Duration, String> {
    let catalog = project_root().join(crate::codegen::CATALOG);
    let file =
        std::fs::File::options().write(true).open(&catalog).map_err(|e| format!("{}: {e}", catalog.display()))?;
    let original = file.metadata().and_then(|m| m.modified()).map_err(|e| format!("{}: {e}", catalog.display()))?;
    file.set_modified(SystemTime::now()).map_err(|e| format!("{}: {e}", catalog.display()))?;
    let started = Instant::now();
    let result = captured(cargo().args(["build", "-p", "scriptix-errors"]).env("CARGO_TARGET_DIR", target));
    let elapsed = started.elapsed();
    file.set_modified(original).map_err(|e| format!("{}: {e}", catalog.display()))?;
    result.map(|_| elapsed)
}

/// `cargo tree -p scriptix-errors -e normal,build` (`-e build` alone stops at errcat),
/// checked for crates a service's build must not pull in.
fn build_tree(target: Option<&Path>) -> Result<String, String> {
    let mut command = cargo();
    command.args(["tree", "-p", "scriptix-errors", "-e", "normal,build"]);
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    // Paths relative to the repository, so the file does not depend on where it was made.
    let root = format!("{}/", project_root().display());
    let tree = String::from_utf8_lossy(&captured(&mut command)?.stdout).replace(&root, "");
    let heavy: Vec<&str> = HEAVY_CRATES.iter().copied().filter(|name| tree.contains(&format!(" {name} v"))).collect();
    if !heavy.is_empty() {
        return Err(format!("scriptix-errors builds with {}:\n{tree}", heavy.join(", ")));
    }
    Ok(tree)
}
