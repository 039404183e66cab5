//! `BENCHMARKS.md` from one run's results: every figure computed, each goal of issue 11
//! checked against them.

use std::fmt::Write as _;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use super::baseline;
use super::rust_scale::RustScale;
use super::{COMMAND, HEAVY_CRATES, LARGE, ONCE_SIZES, PARITY_ROUNDS, captured};

/// The 1-, 5- and 15-minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

pub struct Machine {
    cpu: String,
    cores: usize,
    memory_gib: f64,
    rustc: String,
}

impl Machine {
    pub fn read() -> Result<Self, String> {
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

/// The build-cost measurements of `scriptix-errors` and the hand-written crate.
pub struct Build {
    pub cold_generated: Duration,
    pub cold_handwritten: Duration,
    pub noop: Duration,
    pub edited: Duration,
    pub tree: String,
}

/// Everything one `cargo xtask bench` run measured.
pub struct Report<'a> {
    pub machine: Machine,
    pub load: (String, String),
    pub elapsed: Duration,
    /// Criterion medians (seconds) per size, in the order of [`super::SCALING_GROUPS`].
    pub scaling: Vec<(usize, Vec<f64>)>,
    pub runs: Vec<(usize, &'a str, Result<Value, String>)>,
    /// Each target alone at [`LARGE`] codes (a `peak_memory --targets` report).
    pub targets: Option<Result<Value, String>>,
    /// The stage timings of one `generate` run at [`LARGE`] codes (`ERRCAT_TIMINGS`).
    pub profile: Option<Result<Vec<String>, String>>,
    /// One report per adversarial shape.
    pub adversarial: Result<Vec<Value>, String>,
    pub baseline: Result<Vec<baseline::Run>, String>,
    /// `cargo xtask ci --only large`'s report.
    pub clients: Result<Value, String>,
    /// The browser's report of the 10,000-code site (`cargo xtask ci --only site`).
    pub site: Result<Value, String>,
    pub rust: RustScale,
    pub cap: u64,
    /// (group, generated, hand-written) medians in seconds.
    pub parity: Vec<(&'a str, f64, f64)>,
    pub build: Build,
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

    pub fn markdown(&self) -> String {
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
        // The load after the run counts the benchmarks' own work; only the load before it says
        // whether others were busy. The 1-minute figure at the start is what matters.
        let busy = self
            .load
            .0
            .split_whitespace()
            .next()
            .and_then(|one| one.parse::<f64>().ok())
            .is_some_and(|one_minute| one_minute > m.cores as f64 * 0.5);
        if busy {
            md.push_str(
                "**The machine was shared with other builds during this run** (see the load average): wall-clock \
                 figures are noisy and pessimistic. Criterion's medians and the CPU times of the once-per-stage \
                 runs are the figures to compare.\n\n",
            );
        }
        self.goals_section(&mut md);
        self.scaling_section(&mut md);
        self.once_section(&mut md);
        self.targets_section(&mut md);
        self.profile_section(&mut md);
        self.gaps_section(&mut md);
        self.adversarial_section(&mut md);
        self.baseline_section(&mut md);
        self.clients_section(&mut md);
        self.site_section(&mut md);
        self.rust_section(&mut md);
        self.parity_section(&mut md);
        self.build_section(&mut md);
        md
    }

    /// The `peak_memory` report of `stage` at `size`, when it ran and succeeded.
    fn report(&self, size: usize, stage: &str) -> Option<&Value> {
        self.run(size, stage)?.as_ref().ok()
    }

    /// The peak resident memory of `stage` at `size`, KiB.
    fn peak_kib(&self, size: usize, stage: &str) -> Option<f64> {
        self.report(size, stage)?["peak_kib"].as_f64()
    }

    /// A check of the large-catalog CI step whose name starts with `prefix`.
    fn client_check(&self, prefix: &str) -> Option<&Value> {
        self.clients.as_ref().ok()?["checks"]
            .as_array()?
            .iter()
            .find(|check| check["what"].as_str().is_some_and(|what| what.starts_with(prefix)))
    }

    /// The baseline's report at `size`.
    fn baseline_at(&self, size: usize) -> Option<&Value> {
        self.baseline.as_ref().ok()?.iter().find(|run| run.size == size)?.report.as_ref().ok()
    }

    fn goals_section(&self, md: &mut String) {
        md.push_str(
            "## Goals of issue 11\n\n\
             Each goal against this run's figures (the sections below have every figure and how it was \
             measured). Time goals on a shared 2-core machine are read on CPU time where wall-clock time \
             would count other processes' work; both are shown.\n\n\
             | Goal | This run | Met |\n|---|---|:---:|\n",
        );
        let mut row = |goal: &str, figure: String, met: Option<bool>| {
            let met = match met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "—",
            };
            let _ = writeln!(md, "| {goal} | {figure} | {met} |");
        };
        let generate = self.report(LARGE, "generate");
        let wall = generate.and_then(|r| r["generate_s"].as_f64());
        let cpu = generate.and_then(|r| r["generate_cpu_s"].as_f64());
        let both = |wall: Option<f64>, cpu: Option<f64>| match (wall, cpu) {
            (Some(wall), Some(cpu)) => format!("{} wall, {} CPU", time(wall), time(cpu)),
            _ => "not measured".to_owned(),
        };
        row(
            "10 000 codes through every target (`errcat generate`: load, validate, render, write) in ≤ 0.5 s wall",
            both(wall, cpu),
            wall.map(|wall| wall <= 0.5),
        );
        row("… stretch goal ≤ 0.25 s", both(wall, cpu), wall.map(|wall| wall <= 0.25));
        let peak = self.peak_kib(LARGE, "generate");
        row("… in ≤ 100 MiB peak", peak.map_or("not measured".to_owned(), mib), peak.map(|kib| kib <= 100.0 * 1024.0));
        let check = self.report(LARGE, "check");
        let check_wall = check.and_then(|r| r["check_s"].as_f64());
        row(
            "load + validate of 10 000 codes ≤ 0.15 s",
            both(check_wall, check.and_then(|r| r["check_cpu_s"].as_f64())),
            check_wall.map(|wall| wall <= 0.15),
        );
        let per_code =
            |size: usize| self.report(size, "generate")?["generate_cpu_s"].as_f64().map(|cpu| cpu / size as f64);
        match (per_code(1_000), per_code(100_000)) {
            (Some(small), Some(large)) => row(
                "time per code within 1.3× from 1 000 to 100 000 codes (`generate`, CPU)",
                format!("{} → {} per code: {:.2}×", time(small), time(large), large / small),
                Some(large / small <= 1.3),
            ),
            _ => row(
                "time per code within 1.3× from 1 000 to 100 000 codes",
                "a `generate` run did not finish".to_owned(),
                Some(false),
            ),
        }
        let peak = self.peak_kib(100_000, "generate");
        row(
            "100 000 codes complete in under 2 GiB (`generate` peak)",
            peak.map_or_else(|| "did not finish".to_owned(), mib),
            Some(peak.is_some_and(|kib| kib < 2.0 * 1024.0 * 1024.0)),
        );
        let ratio = match (self.baseline_at(LARGE), wall, cpu) {
            (Some(base), Some(wall), Some(cpu)) => {
                let (base_wall, base_cpu) = (base["seconds"].as_f64(), base["cpu_seconds"].as_f64());
                base_wall.zip(base_cpu).map(|(base_wall, base_cpu)| (base_wall / wall, base_cpu / cpu))
            }
            _ => None,
        };
        row(
            "≥ 5× faster than the PyYAML + Jinja2 baseline at 10 000 codes",
            ratio.map_or("not measured".to_owned(), |(wall, cpu)| format!("{wall:.1}× wall, {cpu:.1}× CPU")),
            ratio.map(|(_, cpu)| cpu >= 5.0),
        );
        let client = |prefix: &str, budget: Option<f64>| -> (String, Option<bool>) {
            match self.client_check(prefix) {
                Some(check) => {
                    let cpu = check["cpu_s"].as_f64();
                    let wall = check["wall_s"].as_f64().unwrap_or(0.0);
                    let figure = match cpu {
                        Some(cpu) => format!("{} CPU, {} wall", time(cpu), time(wall)),
                        None => format!("{} wall", time(wall)),
                    };
                    let ok = check["error"].is_null();
                    let within = budget.is_none_or(|budget| cpu.unwrap_or(wall) <= budget);
                    (figure, Some(ok && within))
                }
                None => ("not measured".to_owned(), None),
            }
        };
        let (figure, met) = client("typescript: tsc --noEmit", Some(30.0));
        row("TypeScript: `tsc --noEmit` passes, ≤ 30 s, in a Node heap of 1 GiB", figure, met);
        let (_, met) = client("typescript: esbuild", None);
        let bundle = self.client_check("typescript: esbuild").and_then(|c| c["what"].as_str()).unwrap_or("—");
        row(
            "TypeScript: a parser-only program's bundle stays small (≤ 200 bytes per code, minified)",
            bundle.trim_start_matches("typescript: esbuild of a parser-only program").trim().to_owned(),
            met,
        );
        let import = self.client_check("python: import");
        row(
            "Python: `import` ≤ 150 ms",
            import
                .and_then(|c| c["what"].as_str())
                .unwrap_or("not measured")
                .trim_start_matches("python: import ")
                .to_owned(),
            import.map(|c| c["error"].is_null()),
        );
        let (figure, met) = client("python: mypy", Some(30.0));
        row("Python: `mypy --strict` ≤ 30 s (cold cache)", figure, met);
        let (figure, met) = client("python: ruff check", None);
        row("Python: the shipped ruff configuration is clean", figure, met);
        let (figure, met) = client("go: go vet", Some(30.0));
        row("Go: `go vet` ≤ 30 s", figure, met);
        let (figure, met) = client("go: go build", Some(20.0));
        row("Go: `go build` of a program using the package ≤ 20 s", figure, met);
        let (figure, met) = client("java: javac", None);
        row("Java (not a goal of the issue; the client is new): `javac -Xlint:all -Werror`", figure, met);
        let source = self.report(LARGE, "rust").and_then(|r| r["rust_bytes"].as_f64()).map(|b| b / LARGE as f64);
        row(
            "Rust: generated source ≤ 1 KB per code",
            source.map_or("not measured".to_owned(), |bytes| format!("{bytes:.0} bytes per code")),
            source.map(|bytes| bytes <= 1024.0),
        );
        let script = self.rust.build_script.as_ref().ok();
        row(
            "Rust: the build script ≤ 1 s in the dev profile",
            script.map_or("not measured".to_owned(), |s| {
                format!(
                    "{} (load + validate {}, generate {})",
                    time((s.load + s.generate).as_secs_f64()),
                    time(s.load.as_secs_f64()),
                    time(s.generate.as_secs_f64())
                )
            }),
            script.map(|s| (s.load + s.generate).as_secs_f64() <= 1.0),
        );
        let build = self.rust.crate_build.as_ref().ok();
        row(
            "Rust: `cargo build` of the generated crate ≤ 15 s",
            build.map_or("not measured".to_owned(), |b| {
                format!(
                    "{} after an edit of the crate; {} cold",
                    time(b.incremental.as_secs_f64()),
                    time(b.cold.as_secs_f64())
                )
            }),
            build.map(|b| b.incremental.as_secs_f64() <= 15.0),
        );
        let worst = self.parity.iter().map(|(_, generated, hand)| generated / hand).fold(0.0_f64, f64::max);
        row(
            "Rust: runtime within 1.1× of the hand-written crate at 28 codes (`from_str`, `as_str`, `status`, serde)",
            format!("worst ratio {worst:.2}"),
            (!self.parity.is_empty()).then_some(worst <= 1.1),
        );
        row(
            "… and at 10 000 codes",
            "not measured by this run: there is no hand-written crate of 10 000 codes (see below)".to_owned(),
            None,
        );
        md.push('\n');
    }

    fn scaling_section(&self, md: &mut String) {
        md.push_str(
            "## Scaling: criterion medians\n\n\
             Synthetic catalogs from `errcat_testkit::synthetic` (realistic entries: one category per 250 codes with \
             naming patterns and legacy exceptions, every details type, optional and message-only fields, \
             additional details, `retry_after`, long descriptions with markup, causes, solution steps, examples, \
             codes holding TOKEN or PASSWORD). *Every target* is `render::plan`: docs, OpenAPI, Python, \
             TypeScript, Go, Java, Rust and the conformance vectors, rendered side by side; *Rust generator* is \
             `errcat::targets::rust::generate` alone (what `scriptix-errors`' build script runs). Benchmark: \
             `crates/errcat/benches/scaling.rs`.\n\n\
             | Codes | load + validate | every target | Rust generator alone | load + every target | per code |\n\
             |---:|---:|---:|---:|---:|---:|\n",
        );
        for (size, medians) in &self.scaling {
            let total = medians[0] + medians[1];
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
             *generate* is what `errcat generate CATALOG --out DIR` does (load, validate, every target, the \
             output tree written into an empty folder); *CPU* counts every thread of the process; *peak* is \
             `VmHWM`, the peak resident memory, including the catalog's YAML text.\n\n\
             | Codes | YAML | load + validate (CPU) | every target (CPU) | Rust alone (CPU) | generate (CPU) | generate, CPU per code | output | peak: check / plan / Rust / generate |\n\
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
            let yaml = self
                .report(size, "check")
                .and_then(|r| r["yaml_bytes"].as_f64())
                .map_or("—".to_owned(), |bytes| format!("{:.1} MB", bytes / 1e6));
            let output = self.report(size, "plan").and_then(|r| r["plan_bytes"].as_f64());
            let per_code = self.stage_seconds(size, "generate", "cpu_s").map(|cpu| cpu / size as f64);
            let _ = writeln!(
                md,
                "| {} | {yaml} | {} | {} | {} | {} | {} | {} | {} / {} / {} / {} |",
                thousands(size),
                cell("check"),
                cell("plan"),
                cell("rust"),
                cell("generate"),
                per_code.map_or("—".to_owned(), time),
                output.map_or("—".to_owned(), |bytes| format!("{:.0} MB", bytes / 1e6)),
                peak("check"),
                peak("plan"),
                peak("rust"),
                peak("generate"),
            );
        }
        md.push('\n');
    }

    fn targets_section(&self, md: &mut String) {
        let Some(result) = &self.targets else { return };
        let _ = write!(
            md,
            "## Each target alone at {} codes\n\n\
             `peak_memory --targets`: each target rendered by itself (`render::plan_targets` with one target, \
             its template context built for it), in one process after the catalog is loaded.\n\n",
            thousands(LARGE)
        );
        let targets = match result {
            Ok(report) => report["targets"].as_object().cloned().unwrap_or_default(),
            Err(error) => {
                let _ = writeln!(md, "Failed: {error}\n");
                return;
            }
        };
        md.push_str("| Target | wall | CPU | output | files |\n|---|---:|---:|---:|---:|\n");
        let mut rows: Vec<(&String, &Value)> = targets.iter().collect();
        rows.sort_by(|a, b| {
            b.1["cpu_s"].as_f64().partial_cmp(&a.1["cpu_s"].as_f64()).unwrap_or(std::cmp::Ordering::Equal)
        });
        for (name, target) in rows {
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {:.1} MB | {} |",
                time(target["s"].as_f64().unwrap_or(0.0)),
                time(target["cpu_s"].as_f64().unwrap_or(0.0)),
                target["bytes"].as_f64().unwrap_or(0.0) / 1e6,
                thousands(target["files"].as_u64().unwrap_or(0) as usize)
            );
        }
        md.push('\n');
    }

    fn profile_section(&self, md: &mut String) {
        let Some(profile) = &self.profile else { return };
        let _ = write!(
            md,
            "## Where the time goes: a profile of `generate` at {} codes\n\n\
             One `peak_memory --stage generate` run with `ERRCAT_TIMINGS=1`: every stage, target and \
             template errcat times, with its wall time and the CPU time of the thread that ran it (targets \
             render on threads of their own, side by side, so their wall times overlap).\n\n",
            thousands(LARGE)
        );
        match profile {
            Ok(lines) if !lines.is_empty() => {
                md.push_str("```text\n");
                for line in lines {
                    md.push_str(line);
                    md.push('\n');
                }
                md.push_str("```\n\n");
            }
            Ok(_) => md.push_str("This errcat prints no timings (no `ERRCAT_TIMINGS` support).\n\n"),
            Err(error) => {
                let _ = writeln!(md, "The run failed: {error}\n");
            }
        }
    }

    /// `(stage, wall ms, cpu ms)` of each line of the profile.
    fn profile_stages(&self) -> Vec<(String, f64, f64)> {
        let Some(Ok(lines)) = &self.profile else { return Vec::new() };
        lines
            .iter()
            .filter_map(|line| {
                // `STAGE   12.3 ms wall   11.0 ms cpu`
                let (stage, rest) = line.split_once("  ")?;
                let numbers: Vec<f64> = rest.split_whitespace().filter_map(|word| word.parse().ok()).collect();
                match numbers.as_slice() {
                    [wall, cpu] => Some((stage.trim().to_owned(), *wall, *cpu)),
                    _ => None,
                }
            })
            .collect()
    }

    /// The CPU milliseconds of the profile's stage `stage`.
    fn stage_cpu_ms(&self, stage: &str) -> Option<f64> {
        self.profile_stages().into_iter().find(|(name, _, _)| name == stage).map(|(_, _, cpu)| cpu)
    }

    /// Where each goal that is not met loses its time, from this run's profile and figures.
    fn gaps_section(&self, md: &mut String) {
        let stages = self.profile_stages();
        if stages.is_empty() {
            return;
        }
        let ms = |value: Option<f64>| value.map_or("—".to_owned(), |ms| time(ms / 1e3));
        let targets: Vec<(String, f64)> = stages
            .iter()
            .filter_map(|(name, _, cpu)| name.strip_prefix("target ").map(|target| (target.to_owned(), *cpu)))
            .collect();
        let mut sorted = targets.clone();
        sorted.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
        let total: f64 = targets.iter().map(|(_, cpu)| cpu).sum();
        let largest: Vec<String> =
            sorted.iter().take(3).map(|(name, cpu)| format!("{name} {}", time(cpu / 1e3))).collect();
        let output = self.report(LARGE, "plan").and_then(|r| r["plan_bytes"].as_f64());
        let write = self.report(LARGE, "generate").and_then(|r| r["write_s"].as_f64());
        let files = self.report(LARGE, "generate").and_then(|r| r["files"].as_u64());
        let _ = write!(
            md,
            "## What is left, goal by goal\n\n\
             From the profile above (CPU of the thread that ran each stage) and the tables of this run.\n\n\
             - **Load + validate** ({} at {} codes, of which the YAML parse {}, the schema walk {}, the typed \
             catalog {} and the validator {}; goal 0.15 s). The parse is serde-saphyr building a tree with a \
             span for every value; the schema walk and the validator are linear. Reaching 0.15 s needs the \
             tree built straight from the parser's events (granit-parser, which serde-saphyr already uses), \
             keeping today's budgets, duplicate-key checks and diagnostics — not done.\n\
             - **Every target in 0.5 s** ({} of CPU over {} targets, side by side on {} cores; the largest: {}; \
             the template context {}; writing {} files {}). The targets are minijinja templates, as the issue \
             requires; a perf profile (2026-12-02) spreads their time over minijinja's interpreter \
             (`Vm::eval_impl`, macro calls about 19 %, reference-count clones of shared context values about \
             6 %, allocation), with no template line that dominates. The output itself is {} per code. \
             Left: fewer macro calls per field in the TypeScript and Python templates, and the spelling of \
             each language's types in the context instead of a lookup per use.\n\
             - **100 MiB peak**: a plan holds every output before writing it ({} at {} codes) on top of the \
             loaded catalog; streaming each target's files to the writer as it finishes would bound the peak \
             by the largest target, at the cost of the all-or-nothing staging (which would then stage on disk).\n",
            ms(self.stage_cpu_ms("load").zip(self.stage_cpu_ms("validate")).map(|(load, validate)| load + validate)),
            thousands(LARGE),
            ms(self.stage_cpu_ms("load: YAML parse")),
            ms(self.stage_cpu_ms("load: schema walk")),
            ms(self.stage_cpu_ms("load: typed deserialize")),
            ms(self.stage_cpu_ms("validate")),
            time(total / 1e3),
            targets.len(),
            self.machine.cores,
            largest.join(", "),
            ms(self.stage_cpu_ms("render: template context")),
            files.map_or("—".to_owned(), |files| thousands(files as usize)),
            write.map_or("—".to_owned(), time),
            output.map_or("—".to_owned(), |bytes| format!("{:.1} KB", bytes / LARGE as f64 / 1e3)),
            output.map_or("—".to_owned(), |bytes| format!("{:.0} MB", bytes / 1e6)),
            thousands(LARGE),
        );
        if let Ok(build) = &self.rust.crate_build {
            let _ = writeln!(
                md,
                "- **`cargo build` of the generated crate** ({} after an edit, about {} per code): rustc's time \
                 goes to each code's details struct and its trait impls (serde, `Clone`, `PartialEq`, \
                 `ErrorDetails`); the accessors are tables. Reaching 15 s needs an API change, such as details \
                 structs behind a cargo feature or in a crate of their own.",
                time(build.incremental.as_secs_f64()),
                time(build.incremental.as_secs_f64() / LARGE as f64)
            );
        }
        if let Ok(script) = &self.rust.build_script {
            let _ = writeln!(
                md,
                "- **The build script in the dev profile** ({} to load and validate, {} to generate): unoptimized \
                 YAML parsing and validation; a workspace with a large catalog sets \
                 `[profile.dev.build-override] opt-level = 3` (README), or commits the output of `errcat \
                 generate` instead of running the build script.",
                time(script.load.as_secs_f64()),
                time(script.generate.as_secs_f64())
            );
        }
        self.scale_gaps(md);
        md.push_str(
            "- **Runtime parity at 10 000 codes**: there is no hand-written crate of 10 000 codes to compare \
             with; the generated lookups are tables indexed by the discriminant and `FromStr` a perfect hash, \
             whose cost does not grow with the catalog.\n\n",
        );
    }

    /// The gaps of the baseline ratio, the growth per code and the 100 000-code peak.
    fn scale_gaps(&self, md: &mut String) {
        let generate = self.report(LARGE, "generate");
        let (ours_cpu, ours_bytes, ours_files) = (
            generate.and_then(|r| r["generate_cpu_s"].as_f64()),
            generate.and_then(|r| r["plan_bytes"].as_f64()),
            generate.and_then(|r| r["files"].as_f64()),
        );
        let base = self.baseline_at(LARGE);
        if let (Some(cpu), Some(bytes), Some(files), Some(base)) = (ours_cpu, ours_bytes, ours_files, base) {
            let (base_cpu, base_load, base_bytes) = (
                base["cpu_seconds"].as_f64().unwrap_or(f64::NAN),
                base["load_cpu_seconds"].as_f64().unwrap_or(f64::NAN),
                base["bytes_written"].as_f64().unwrap_or(f64::NAN),
            );
            let check = generate.and_then(|r| r["check_cpu_s"].as_f64()).unwrap_or(f64::NAN);
            let _ = writeln!(
                md,
                "- **≥ 5× faster than the PyYAML + Jinja2 baseline** (at {} codes: {} against {} of CPU). The two \
                 do different work: errcat writes {:.1}× the bytes ({:.0} MB in {} files, against {:.0} MB in 5), \
                 checks the catalog and renders eight targets; per megabyte of output it spends {} against the \
                 script's {}. Loading is already the faster side: {} for errcat's checked load, {} for \
                 libyaml's untyped one; the gap is rendering the larger output. The goal needs less \
                 output per code (above) and a cheaper render per byte.",
                thousands(LARGE),
                time(cpu),
                time(base_cpu),
                bytes / base_bytes,
                bytes / 1e6,
                thousands(files as usize),
                base_bytes / 1e6,
                time(cpu / (bytes / 1e6)),
                time(base_cpu / (base_bytes / 1e6)),
                time(check),
                time(base_load),
            );
        }
        let per_code = |size: usize, key: &str| {
            self.report(size, "generate").and_then(|r| r[key].as_f64()).map(|cpu| cpu / size as f64)
        };
        let growth: Vec<String> =
            [("check_cpu_s", "load + validate"), ("plan_cpu_s", "rendering"), ("write_cpu_s", "writing")]
                .iter()
                .filter_map(|(key, name)| {
                    let (small, large) = (per_code(1_000, key)?, per_code(100_000, key)?);
                    (small > 0.0).then(|| format!("{name} {:.2}×", large / small))
                })
                .collect();
        if !growth.is_empty() {
            let _ = writeln!(
                md,
                "- **Time per code from 1 000 to 100 000 codes**, per stage of `generate` (CPU per code at 100 000 \
                 over 1 000): {}. A profile of a 100 000-code run with `ERRCAT_TIMINGS=1` \
                 (2026-12-02) showed the Java target's per-file rendering, the template context and the \
                 conformance vectors growing faster than the code count; not profiled further yet.",
                growth.join(", ")
            );
        }
        if let Some(peak) = self.peak_kib(100_000, "generate") {
            let output = self.report(100_000, "plan").and_then(|r| r["plan_bytes"].as_f64()).unwrap_or(f64::NAN);
            let catalog = self.peak_kib(100_000, "check").unwrap_or(f64::NAN);
            let _ = writeln!(
                md,
                "- **100 000 codes under 2 GiB** ({} peak): the checked catalog alone peaks at {}, and the plan \
                 holds {:.2} GB of output before writing it; the same streaming as for the 100 MiB goal would \
                 bound it.",
                mib(peak),
                mib(catalog),
                output / 1e9
            );
        }
    }

    fn adversarial_section(&self, md: &mut String) {
        md.push_str(
            "## Adversarial shapes (issue 14)\n\n\
             `crates/errcat/benches/adversarial.rs`: the shipped catalog reshaped to make a naive \
             implementation quadratic, each loaded and checked (`check`) and, when valid, rendered through \
             every target (`generate`, check included, nothing written), once, in one release process. \
             Goal: ≤ 2 s to check and ≤ 5 s to generate.\n\n\
             | Shape | size | diagnostics | check (CPU) | generate (CPU) | met |\n|---|---:|---:|---:|---:|:---:|\n",
        );
        let shapes = match &self.adversarial {
            Ok(shapes) => shapes,
            Err(error) => {
                let _ = writeln!(md, "\nThe benchmark failed: {error}\n");
                return;
            }
        };
        for shape in shapes {
            let check = shape["check_s"].as_f64().unwrap_or(f64::INFINITY);
            let generate = shape["generate_s"].as_f64();
            let met = check <= 2.0 && generate.is_none_or(|generate| generate <= 5.0);
            let describe = match shape["shape"].as_str().unwrap_or("?") {
                "many-fields" => "`many-fields`: one code with 8 000 details fields",
                "long-ids" => "`long-ids`: a 60 000-character category and link id, 30 near-miss references each",
                "one-line" => "`one-line`: one line of JSON-style YAML, 2 000 wrong codes",
                "one-line-large" => "`one-line-large`: one line, 20 000 wrong codes",
                "many-categories" => "`many-categories`: 5 000 codes in 5 000 categories",
                other => other,
            };
            let check_cell = format!("{} ({})", time(check), time(shape["check_cpu_s"].as_f64().unwrap_or(0.0)));
            let generate_cell = generate.map_or("— (invalid)".to_owned(), |generate| {
                format!("{} ({})", time(generate), time(shape["generate_cpu_s"].as_f64().unwrap_or(0.0)))
            });
            let _ = writeln!(
                md,
                "| {describe} | {:.1} MB | {} | {check_cell} | {generate_cell} | {} |",
                shape["bytes"].as_f64().unwrap_or(0.0) / 1e6,
                thousands(shape["diagnostics"].as_u64().unwrap_or(0) as usize),
                if met { "yes" } else { "**no**" }
            );
        }
        md.push('\n');
    }

    fn baseline_section(&self, md: &mut String) {
        md.push_str(
            "## Against a PyYAML + Jinja2 script\n\n\
             `crates/errcat/benches/baseline/render.py` (not shipped) is what a team might write instead: PyYAML's \
             libyaml loader and Jinja2 templates rendering simpler versions of five targets (a Markdown \
             reference, an OpenAPI fragment, Python, TypeScript and Go files of enums, classes and details \
             types) from the same catalog, checking nothing. Both sides are timed in-process from the first \
             byte read to the last byte written (interpreter start and imports not counted); errcat's figure is \
             the `generate` stage above, which renders more targets and larger ones.\n\n\
             | Codes | baseline: load (CPU) | baseline: all (CPU) | baseline: output / peak | errcat generate (CPU) | errcat: output / peak | errcat faster, wall / CPU |\n\
             |---:|---:|---:|---:|---:|---:|---:|\n",
        );
        let runs = match &self.baseline {
            Ok(runs) => runs,
            Err(error) => {
                let _ = writeln!(md, "\nThe baseline did not run: {error}\n");
                return;
            }
        };
        for run in runs {
            let Ok(base) = &run.report else {
                let _ = writeln!(
                    md,
                    "| {} | failed: {} | | | | | |",
                    thousands(run.size),
                    run.report.as_ref().err().map_or("", |e| e.as_str()).replace('|', "/")
                );
                continue;
            };
            let f = |key: &str| base[key].as_f64().unwrap_or(0.0);
            let ours = self.report(run.size, "generate");
            let ours_wall = ours.and_then(|r| r["generate_s"].as_f64());
            let ours_cpu = ours.and_then(|r| r["generate_cpu_s"].as_f64());
            let ours_out = self.report(run.size, "plan").and_then(|r| r["plan_bytes"].as_f64());
            let _ = writeln!(
                md,
                "| {} | {} ({}) | {} ({}) | {:.0} MB / {} | {} | {} / {} | {} |",
                thousands(run.size),
                time(f("load_seconds")),
                time(f("load_cpu_seconds")),
                time(f("seconds")),
                time(f("cpu_seconds")),
                f("bytes_written") / 1e6,
                mib(f("peak_kib")),
                ours_wall.zip(ours_cpu).map_or("—".to_owned(), |(w, c)| format!("{} ({})", time(w), time(c))),
                ours_out.map_or("—".to_owned(), |b| format!("{:.0} MB", b / 1e6)),
                self.peak_kib(run.size, "generate").map_or("—".to_owned(), mib),
                ours_wall.zip(ours_cpu).map_or("—".to_owned(), |(w, c)| format!(
                    "{:.1}× / {:.1}×",
                    f("seconds") / w,
                    f("cpu_seconds") / c
                )),
            );
        }
        md.push('\n');
    }

    fn clients_section(&self, md: &mut String) {
        let _ = write!(
            md,
            "## Generated clients at {} codes\n\n\
             `cargo xtask ci --only large` (`xtask/src/ci/large.rs`): every target of a synthetic catalog of \
             {} codes rendered with the templates on disk, then each language's checks, each timed (CPU of the \
             child processes where Linux reports it; budgets are checked on it).\n\n",
            thousands(LARGE),
            thousands(LARGE)
        );
        let report = match &self.clients {
            Ok(report) => report,
            Err(error) => {
                let _ = writeln!(md, "The step did not report: {error}\n");
                return;
            }
        };
        md.push_str("| Check | wall | CPU | result |\n|---|---:|---:|---|\n");
        for check in report["checks"].as_array().into_iter().flatten() {
            let result = match check["error"].as_str() {
                None => "ok".to_owned(),
                Some(error) => format!("**failed**: {}", error.lines().next().unwrap_or("").replace('|', "/")),
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {result} |",
                check["what"].as_str().unwrap_or("?").replace('|', "/"),
                time(check["wall_s"].as_f64().unwrap_or(0.0)),
                check["cpu_s"].as_f64().map_or("—".to_owned(), time),
            );
        }
        md.push('\n');
    }

    fn site_section(&self, md: &mut String) {
        md.push_str(
            "## The HTML reference at 10 000 codes\n\n\
             `SITE_CATALOGS=large cargo xtask ci --only site` (`xtask/src/ci/site/browser.mjs`): the site of \
             the synthetic catalog in headless Chromium (Debian's, driven by playwright-core) over a local \
             server. *Searchable* is `performance.now()` when the script has read the search index and the \
             search box works, from navigation; a keystroke is timed from the input event to the results in \
             the DOM (*handled*) and to the next frame (*on screen*), each the best of 3 rounds. Goals: \
             searchable within 1 s, a keystroke on screen within 50 ms (95th percentile).\n\n",
        );
        let report = match &self.site {
            Ok(report) => report,
            Err(error) => {
                let _ = writeln!(md, "The step did not report: {error}\n");
                return;
            }
        };
        let index = &report["index"]["best"];
        let keys = &report["keystroke"];
        let ms = |value: &Value| value.as_f64().map_or("—".to_owned(), |ms| format!("{ms:.1} ms"));
        md.push_str("| measure | value |\n|---|---:|\n");
        let _ = writeln!(md, "| index page | {:.1} MB |", index["bytes"].as_f64().unwrap_or(0.0) / 1e6);
        let _ = writeln!(md, "| DOM interactive | {} |", ms(&index["domInteractive"]));
        let _ = writeln!(md, "| searchable | {} |", ms(&index["ready"]));
        let _ = writeln!(
            md,
            "| keystroke handled, median / max | {} / {} |",
            ms(&keys["handled_median_ms"]),
            ms(&keys["handled_max_ms"])
        );
        let _ = writeln!(
            md,
            "| keystroke on screen, median / 95th percentile / max | {} / {} / {} |",
            ms(&keys["painted_median_ms"]),
            ms(&keys["painted_p95_ms"]),
            ms(&keys["painted_max_ms"])
        );
        let failed: Vec<&str> = report["checks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|check| check["ok"].as_bool() == Some(false))
            .filter_map(|check| check["what"].as_str())
            .collect();
        let _ = writeln!(md, "| keystrokes timed | {} |", keys["count"].as_u64().unwrap_or(0));
        if failed.is_empty() {
            md.push_str("\nEvery browser check passed.\n\n");
        } else {
            let _ = writeln!(md, "\n**Failed:** {}.\n", failed.join("; "));
        }
    }

    fn rust_section(&self, md: &mut String) {
        let _ = write!(
            md,
            "## The Rust crate at {} codes\n\n\
             What a service pays when its catalog has {} codes (`xtask/src/bench/rust_scale.rs`). The build \
             script's work (`errcat::targets::rust::load` and `generate`) is timed in xtask, which is built in \
             the dev profile like a build script; `cargo build` (dev) is of a crate whose `lib.rs` includes \
             the generated source, with `serde` and `serde_json` as its only dependencies.\n\n",
            thousands(LARGE),
            thousands(LARGE)
        );
        match &self.rust.build_script {
            Ok(s) => {
                let _ = writeln!(
                    md,
                    "- Generated source: {:.1} MB, {:.0} bytes per code.\n\
                     - Build script, dev profile: load + validate {}, generate {}.",
                    s.source_bytes as f64 / 1e6,
                    s.source_bytes as f64 / LARGE as f64,
                    time(s.load.as_secs_f64()),
                    time(s.generate.as_secs_f64())
                );
            }
            Err(error) => {
                let _ = writeln!(md, "- Build script: failed: {error}");
            }
        }
        match &self.rust.crate_build {
            Ok(b) => {
                let _ = writeln!(
                    md,
                    "- `cargo build`: {} cold (serde and serde_json included), {} after an edit of the crate alone.",
                    time(b.cold.as_secs_f64()),
                    time(b.incremental.as_secs_f64())
                );
            }
            Err(error) => {
                let _ = writeln!(md, "- `cargo build`: failed: {}", error.lines().next().unwrap_or(""));
            }
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
