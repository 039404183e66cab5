//! `cargo xtask bench`: errcat's benchmarks, and `BENCHMARKS.md` from their results.
//!
//! Four measurements, each a separate program so they can also be run on their own:
//!
//! - **Scaling** (`crates/errcat/benches/scaling.rs`, criterion): load + validate, the
//!   template targets with the conformance vectors (`render::plan`), and the Rust
//!   generator, on synthetic catalogs of 100 to 10 000 codes
//!   (`errcat_testkit::synthetic`).
//! - **One run per stage** (`crates/errcat/benches/peak_memory.rs`): each stage of each
//!   size, 100 to 100 000 codes, in a fresh process under a memory cap, for its wall and
//!   CPU time and its peak resident memory.
//! - **Runtime parity** (`crates/bench-handwritten-errors/benches/runtime_parity.rs`,
//!   criterion): the generated `scriptix-errors` against a hand-written equivalent.
//! - **Build cost**: cold builds of both crates in target folders of their own, the no-op
//!   rebuild (the build script must be "Fresh"), the rebuild after the catalog changes,
//!   and the build-time dependency tree of `scriptix-errors`.
//!
//! `--quick` runs every benchmark once, unoptimized, on small sizes, and checks the no-op
//! rebuild and the dependency tree, in about a minute once built: the CI smoke test. It
//! writes nothing.

use std::fmt::Write as _;
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
const STAGES: [&str; 3] = ["check", "plan", "rust"];
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
    let machine = Machine::read()?;
    let load_before = load_average();
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
            let result = once(&exe, size, stage, Some(cap)).and_then(|text| {
                serde_json::from_str::<Value>(&text).map_err(|e| format!("unreadable report {text:?}: {e}"))
            });
            match &result {
                Ok(report) => eprintln!("  {size} codes, {stage}: {report}"),
                Err(error) => eprintln!("  {size} codes, {stage}: FAILED: {error}"),
            }
            runs.push((size, stage, result));
        }
    }

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

    let load_after = load_average();
    let report = Report {
        machine,
        load: (load_before, load_after),
        elapsed: started.elapsed(),
        scaling,
        runs,
        cap,
        parity,
        build: Build { cold_generated, cold_handwritten, noop, edited, tree },
    };
    let text = report.markdown();
    std::fs::write(root.join("BENCHMARKS.md"), &text).map_err(|e| format!("cannot write BENCHMARKS.md: {e}"))?;
    eprintln!("\nwrote BENCHMARKS.md ({:.0} s in all)", started.elapsed().as_secs_f64());
    Ok(())
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
    let mut command = cargo();
    command.args(["bench", "-p", "errcat", "--bench", "peak_memory", "--no-run"]);
    // Quick mode builds what `cargo test --workspace --all-features` built already.
    if quick {
        command.args(["--all-features", "--profile", "dev"]);
    }
    command.args(["--message-format", "json-render-diagnostics"]);
    let output = captured(&mut command)?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["target"]["name"] == "peak_memory")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo built no peak_memory executable".to_owned())
}

/// One stage of one size in a fresh process, under a memory cap: its JSON report.
fn once(exe: &Path, size: usize, stage: &str, cap_gib: Option<u64>) -> Result<String, String> {
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
    command.args(["--size", &size.to_string(), "--stage", stage]);
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

/// The 1-, 5- and 15-minute load averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

struct Machine {
    cpu: String,
    cores: usize,
    memory_gib: f64,
    rustc: String,
}

impl Machine {
    fn read() -> Result<Self, String> {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| line.strip_prefix("model name").and_then(|rest| rest.split_once(':')))
            .map_or_else(|| "unknown".to_owned(), |(_, name)| name.trim().to_owned());
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_gib = meminfo
            .lines()
            .find_map(|line| line.strip_prefix("MemTotal:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0 / 1024.0);
        let rustc = captured(Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())).arg("-V"))?;
        let rustc = String::from_utf8_lossy(&rustc.stdout).trim().to_owned();
        Ok(Machine { cpu, cores, memory_gib, rustc })
    }
}

struct Build {
    cold_generated: Duration,
    cold_handwritten: Duration,
    noop: Duration,
    edited: Duration,
    tree: String,
}

struct Report<'a> {
    machine: Machine,
    load: (String, String),
    elapsed: Duration,
    /// Criterion medians (seconds) per size, in the order of [`SCALING_GROUPS`].
    scaling: Vec<(usize, Vec<f64>)>,
    runs: Vec<(usize, &'a str, Result<Value, String>)>,
    cap: u64,
    /// (group, generated, hand-written) medians in seconds.
    parity: Vec<(&'a str, f64, f64)>,
    build: Build,
}

/// Seconds, shown in a unit that suits them.
fn time(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.1} ms", seconds * 1e3)
    } else if seconds >= 1e-4 {
        format!("{:.0} µs", seconds * 1e6)
    } else if seconds >= 1e-6 {
        format!("{:.2} µs", seconds * 1e6)
    } else {
        format!("{:.1} ns", seconds * 1e9)
    }
}

fn mib(kib: f64) -> String {
    if kib >= 1024.0 * 1024.0 {
        format!("{:.2} GiB", kib / 1024.0 / 1024.0)
    } else {
        format!("{:.0} MiB", kib / 1024.0)
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

impl Report<'_> {
    fn run(&self, size: usize, stage: &str) -> Option<&Result<Value, String>> {
        self.runs.iter().find(|(s, st, _)| *s == size && *st == stage).map(|(_, _, r)| r)
    }

    /// The once-per-stage time of `stage` at `size` (`check` from the `check` run).
    fn stage_seconds(&self, size: usize, stage: &str, key: &str) -> Option<f64> {
        self.run(size, stage)?.as_ref().ok()?[format!("{stage}_{key}")].as_f64()
    }

    fn markdown(&self) -> String {
        let mut md = String::new();
        let m = &self.machine;
        let _ = write!(
            md,
            "# Benchmarks\n\n\
             Measured by `{COMMAND}`, which runs every benchmark below and rewrites this file. \
             `cargo xtask bench --quick` runs them once each, unoptimized, as CI's `bench-smoke` step.\n\n\
             ## Machine\n\n\
             | | |\n|---|---|\n\
             | CPU | {} ({} cores available) |\n\
             | Memory | {:.1} GiB |\n\
             | Rust | {} |\n\
             | Load average (1, 5, 15 min) | {} before, {} after |\n\
             | Duration of the run | {:.0} min |\n\n",
            m.cpu,
            m.cores,
            m.memory_gib,
            m.rustc,
            self.load.0,
            self.load.1,
            self.elapsed.as_secs_f64() / 60.0
        );
        let busy = [&self.load.0, &self.load.1]
            .iter()
            .filter_map(|load| load.split_whitespace().next()?.parse::<f64>().ok())
            .any(|one_minute| one_minute > m.cores as f64 * 0.5);
        if busy {
            md.push_str(
                "**The machine was shared with other builds during this run** (see the load average): wall-clock \
                 figures are noisy and pessimistic. Criterion's medians and the CPU times of the once-per-stage \
                 runs are the figures to compare.\n\n",
            );
        }
        self.scaling_section(&mut md);
        self.once_section(&mut md);
        self.goals_section(&mut md);
        self.parity_section(&mut md);
        self.build_section(&mut md);
        md
    }

    fn scaling_section(&self, md: &mut String) {
        md.push_str(
            "## Scaling: criterion medians\n\n\
             Synthetic catalogs from `errcat_testkit::synthetic` (realistic entries: one category per 250 codes with \
             naming patterns and legacy exceptions, every details type, optional and message-only fields, \
             additional details, `retry_after`, long descriptions, causes, solution steps, examples given or \
             derived). *Render plan* is every template target (docs, OpenAPI, Python, TypeScript, Go) plus the \
             conformance vectors; *Rust generator* is `errcat::targets::rust::generate` (what `scriptix-errors`' build \
             script runs). Benchmark: `crates/errcat/benches/scaling.rs`.\n\n\
             | Codes | load + validate | render plan | Rust generator | all targets | per code |\n\
             |---:|---:|---:|---:|---:|---:|\n",
        );
        for (size, medians) in &self.scaling {
            let total: f64 = medians.iter().sum();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | **{}** | {} |",
                thousands(*size),
                time(medians[0]),
                time(medians[1]),
                time(medians[2]),
                time(total),
                time(total / *size as f64)
            );
        }
        md.push('\n');
    }

    fn once_section(&self, md: &mut String) {
        let _ = write!(
            md,
            "## One run per stage: time and peak memory\n\n\
             Each stage of each size in a fresh process (`crates/errcat/benches/peak_memory.rs`), capped at {} GiB \
             of address space so that a stage needing more fails alone instead of starving the machine. \
             *CPU* is the process's own CPU time (unaffected by other load); *peak* is `VmHWM`, the peak \
             resident memory, including the YAML text and, for the render plan and the Rust generator, the \
             checked catalog they need. 100 000 codes are measured only here (one run takes minutes).\n\n\
             | Codes | YAML | load + validate (CPU) | render plan (CPU) | Rust generator (CPU) | all targets, CPU | per code, CPU | output | peak: check / plan / Rust |\n\
             |---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            self.cap
        );
        for size in ONCE_SIZES.into_iter().filter(|n| self.runs.iter().any(|(size, _, _)| size == n)) {
            let cell = |stage: &str| match self.run(size, stage) {
                Some(Ok(report)) => format!(
                    "{} ({})",
                    time(report[format!("{stage}_s")].as_f64().unwrap_or(0.0)),
                    time(report[format!("{stage}_cpu_s")].as_f64().unwrap_or(0.0))
                ),
                Some(Err(error)) => format!("failed: {}", error.replace('|', "/")),
                None => "—".to_owned(),
            };
            let peak = |stage: &str| match self.run(size, stage) {
                Some(Ok(report)) => mib(report["peak_kib"].as_f64().unwrap_or(0.0)),
                Some(Err(_)) => format!("> {} GiB", self.cap),
                None => "—".to_owned(),
            };
            let cpu: Option<f64> =
                STAGES.iter().map(|stage| self.stage_seconds(size, stage, "cpu_s")).sum::<Option<f64>>();
            let yaml = self
                .run(size, "check")
                .and_then(|r| r.as_ref().ok())
                .and_then(|r| r["yaml_bytes"].as_f64())
                .map_or("—".to_owned(), |bytes| format!("{:.1} MB", bytes / 1e6));
            let output: Option<f64> = ["plan", "rust"]
                .iter()
                .map(|stage| self.run(size, stage)?.as_ref().ok()?[format!("{stage}_bytes")].as_f64())
                .sum();
            let _ = writeln!(
                md,
                "| {} | {yaml} | {} | {} | {} | {} | {} | {} | {} / {} / {} |",
                thousands(size),
                cell("check"),
                cell("plan"),
                cell("rust"),
                cpu.map_or("—".to_owned(), time),
                cpu.map_or("—".to_owned(), |cpu| time(cpu / size as f64)),
                output.map_or("—".to_owned(), |bytes| format!("{:.0} MB", bytes / 1e6)),
                peak("check"),
                peak("plan"),
                peak("rust"),
            );
        }
        md.push('\n');
    }

    fn goals_section(&self, md: &mut String) {
        md.push_str("## Goals\n\n");
        let median = self.scaling.iter().find(|(size, _)| *size == 10_000).map(|(_, m)| m.iter().sum::<f64>());
        let cpu = STAGES.iter().map(|stage| self.stage_seconds(10_000, stage, "cpu_s")).sum::<Option<f64>>();
        // One core: the CPU time of the three stages (wall time adds the machine's other load).
        match cpu.or(median) {
            Some(total) => {
                let verdict = if total < 0.5 { "**met**" } else { "**not met**" };
                let _ = writeln!(
                    md,
                    "- *10 000 codes through every target in under 0.5 s on one core*: {verdict} — {} of CPU \
                     (load + validate, render plan, Rust generator); criterion medians add up to {}.",
                    time(total),
                    median.map_or("—".to_owned(), time)
                );
            }
            None => md.push_str("- *10 000 codes through every target in under 0.5 s*: not measured.\n"),
        }
        let per_code = |size: usize| -> Option<f64> {
            STAGES
                .iter()
                .map(|stage| self.stage_seconds(size, stage, "cpu_s"))
                .sum::<Option<f64>>()
                .map(|s| s / size as f64)
        };
        let mut line =
            String::from("- *Time per code roughly constant from 1 000 to 100 000 codes* (CPU per code, all stages):");
        for size in [1_000, 10_000, 100_000] {
            let _ = write!(line, " {}: {};", thousands(size), per_code(size).map_or("not measured".to_owned(), time));
        }
        if let (Some(small), Some(large)) = (per_code(1_000), per_code(100_000)) {
            let ratio = large / small;
            let verdict = if ratio <= 1.5 { "**met**" } else { "**not met**" };
            let _ = write!(line, " ratio 100 000 / 1 000 = {ratio:.2}: {verdict}.");
        } else {
            line.push_str(" **not met**: a stage of the 100 000-code run did not finish (see the table above).");
        }
        md.push_str(&line);
        md.push('\n');
        for (stage, name) in STAGES.iter().zip(["load + validate", "render plan", "Rust generator"]) {
            let at = |size: usize| self.stage_seconds(size, stage, "cpu_s").map(|cpu| cpu / size as f64);
            let _ = match (at(1_000), at(100_000)) {
                (Some(small), Some(large)) => writeln!(
                    md,
                    "  - {name}: {} per code at 1 000 codes, {} at 100 000 ({:.2}×).",
                    time(small),
                    time(large),
                    large / small
                ),
                (Some(small), None) => {
                    writeln!(md, "  - {name}: {} per code at 1 000 codes; 100 000 did not finish.", time(small))
                }
                _ => Ok(()),
            };
        }
        md.push('\n');
        self.gap_notes(md);
    }

    /// What the figures mean where a goal is missed: where the time and memory go, what was
    /// fixed and what is left, computed from the 10 000-code runs where possible.
    fn gap_notes(&self, md: &mut String) {
        let at = |stage: &str, key: &str| self.stage_seconds(10_000, stage, key).map(|v| v / 10_000.0);
        let per_code = |value: Option<f64>| value.map_or("—".to_owned(), time);
        let output = ["plan", "rust"]
            .iter()
            .map(|stage| self.run(10_000, stage)?.as_ref().ok()?[format!("{stage}_bytes")].as_f64())
            .sum::<Option<f64>>();
        let plan_rate = match (output, self.stage_seconds(10_000, "plan", "cpu_s"), self.run(10_000, "plan")) {
            (Some(_), Some(cpu), Some(Ok(report))) => report["plan_bytes"].as_f64().map(|bytes| bytes / cpu / 1e6),
            _ => None,
        };
        let rust_peak = self
            .run(10_000, "rust")
            .and_then(|r| r.as_ref().ok())
            .and_then(|r| r["peak_kib"].as_f64())
            .map_or("—".to_owned(), |kib| format!("{:.0} KB", kib / 10_000.0));
        let plan_growth =
            match (self.stage_seconds(1_000, "plan", "cpu_s"), self.stage_seconds(100_000, "plan", "cpu_s")) {
                (Some(small), Some(large)) => Some(large / 100.0 / small),
                _ => None,
            };
        let _ = write!(
            md,
            "### Where the time goes, and what is left\n\n\
             - **Output volume.** At 10 000 codes errcat writes {} of output per code over all targets (docs, \
             OpenAPI, three clients, conformance vectors, Rust). The template targets render at about {} MB/s \
             of output ({} of CPU per code); the 0.5 s goal for 10 000 codes leaves 0.05 ms per code for \
             everything, which template-rendered targets of this size cannot reach however the templates are \
             written. Meeting it would take emitters written in Rust instead of templates, which STYLE.md rules \
             out for the client targets.\n\
             - **The Rust generator** ({} of CPU and {} of peak memory per code) writes formatted source \
             item by item (no syntax tree, no re-parse for formatting): accessors are `static` tables indexed \
             by the discriminant, `FromStr` a perfect hash table above 256 codes, and each code adds one \
             documented variant, one constructor and one `errcat_details!` struct, under 1 KB of source. \
             Compiling that output is what costs at scale: rustc spends about 20 ms of CPU per code in the dev \
             profile, mostly on the details structs' trait impls.\n\
             - **Load + validate** ({} of CPU per code) parses the YAML twice: into a tree for the schema \
             check that reports every problem at once, then into the typed catalog.\n\
             - **Quadratic steps fixed in the library**: code and category lookups go through an index built \
             once (`Catalog::code`, `Catalog::category`, used per conformance vector and per generated item); \
             the validator's pattern-exception and related-code checks use maps instead of scanning every \
             code; the template context gathers each category's codes and each code's troubleshooting entries \
             in one pass and is converted to template values once per plan instead of once per template; the \
             docs templates use the context's `code_entries` and `troubleshooting` instead of filtering every \
             code per category and every problem per code. Catalogs over 64 MiB (100 000 synthetic codes \
             are 150 MB; they need a raised `Limits::max_bytes`) no longer stop at the YAML parser's default \
             budget for scalar text, which the loader now scales with the input like its other budgets.\n",
            output.map_or("—".to_owned(), |bytes| format!("{:.1} KB", bytes / 10_000.0 / 1e3)),
            plan_rate.map_or("—".to_owned(), |rate| format!("{rate:.0}")),
            per_code(at("plan", "cpu_s")),
            per_code(at("rust", "cpu_s")),
            rust_peak,
            per_code(at("check", "cpu_s")),
        );
        match plan_growth {
            Some(growth) if growth > 1.5 => {
                let _ = writeln!(
                    md,
                    "- **Left: quadratic lookups in the client templates.** The render plan costs {growth:.1}× as \
                     much per code at 100 000 codes as at 1 000. The Python, TypeScript and Go templates still \
                     find each code's category by filtering all categories (`selectattr(\"id\", …)` in \
                     `python/__pkg__/codes.py.j2` and `errors.py.j2`, the loop over `catalog.categories` in \
                     `go/codes.go.j2`), list each category's codes by filtering all codes \
                     (`typescript/src/errors.ts.j2`), and build the details list by repeated concatenation \
                     (`python/__pkg__/__init__.py.j2`). The context now carries what they need \
                     (`code.category_idents`, `category.code_entries`, `code.has_details`); with those the \
                     output is byte-identical and the growth disappears."
                );
            }
            Some(growth) => {
                let _ =
                    writeln!(md, "- The render plan costs {growth:.2}× as much per code at 100 000 codes as at 1 000.");
            }
            None => {}
        }
        md.push('\n');
    }

    fn parity_section(&self, md: &mut String) {
        let _ = write!(
            md,
            "## Runtime parity: generated against hand-written\n\n\
             `crates/bench-handwritten-errors` holds the same 28 codes written by hand (a `thiserror` enum, a \
             `Copy` code enum with `match` lookups, `serde` details and the same `ApiError` body). Each benchmark \
             covers all 28 codes (for bodies: one body per code, details included). The best criterion median \
             of {PARITY_ROUNDS} rounds (one round on a shared machine can differ by 10 % from load alone: the \
             generated and the hand-written `from_str`, `as_str` and `status` are the same `match`, and both \
             `ApiError`s derive the same serde code); benchmark: \
             `crates/bench-handwritten-errors/benches/runtime_parity.rs`.\n\n\
             | Operation (all 28 codes) | generated | hand-written | generated / hand-written | within 10 % |\n\
             |---|---:|---:|---:|:---:|\n",
        );
        for (group, generated, hand) in &self.parity {
            let ratio = generated / hand;
            let ok = if ratio <= 1.10 { "yes" } else { "**no**" };
            let name = match *group {
                "from_str" => "`ErrorCode::from_str`",
                "as_str" => "`ErrorCode::as_str`",
                "status" => "`ErrorCode::status`",
                "serialize" => "`ApiError` → JSON",
                _ => "JSON → `ApiError`",
            };
            let _ = writeln!(md, "| {name} | {} | {} | {ratio:.2} | {ok} |", time(*generated), time(*hand));
        }
        md.push('\n');
    }

    fn build_section(&self, md: &mut String) {
        let b = &self.build;
        let _ = write!(
            md,
            "## Build cost for services\n\n\
             `cargo build -p <crate>` (dev profile) in an empty target folder of its own \
             (`target/bench-build/`), so every dependency is compiled; the wall time includes it.\n\n\
             | Build | Time |\n|---|---:|\n\
             | `scriptix-errors` (generated by its build script), cold | {} |\n\
             | `bench-handwritten-errors` (hand-written, `thiserror`), cold | {} |\n\
             | difference | {} |\n\
             | `scriptix-errors`, nothing changed (build script *Fresh*, checked with `cargo build -v`) | {} |\n\
             | `scriptix-errors` after the catalog's modification time changes (build script reruns) | {} |\n\n\
             The cold build of the generated crate costs the build script's dependencies (errcat without its \
             `render` and `schema` features: the YAML loader, the validator and the Rust generator, which \
             needs only `proc-macro2`) on top of what the hand-written crate compiles (`serde`, `serde_json`, \
             `thiserror`). They are compiled once per target folder; afterwards a service pays nothing: the \
             build script does not rerun unless the catalog or `build.rs` changes.\n\n\
             Dependency tree (`cargo tree -p scriptix-errors -e normal,build`: the crate's dependencies, then \
             what its build script needs); no template engine, CLI or test crate ({}) is in it:\n\n```text\n{}```\n",
            time(b.cold_generated.as_secs_f64()),
            time(b.cold_handwritten.as_secs_f64()),
            time(b.cold_generated.as_secs_f64() - b.cold_handwritten.as_secs_f64()),
            time(b.noop.as_secs_f64()),
            time(b.edited.as_secs_f64()),
            HEAVY_CRATES.join(", "),
            b.tree
        );
    }
}
