//! One synthetic catalog through one stage (or all of them), once, in a fresh process: the
//! wall and CPU time of each stage and the process's peak resident memory (`VmHWM`).
//!
//! ```text
//! cargo bench -p errcat --bench peak_memory -- --size 10000 [--stage check|plan|rust|generate|all]
//! ```
//!
//! prints one JSON object on stdout. `cargo xtask bench` runs each stage of each size in a
//! process of its own, so every figure has a peak of its own and a stage that runs out of
//! memory does not hide the others. `plan` (every target, Rust and Java included) and `rust`
//! (the Rust generator alone, what a service's build script runs) load and validate first
//! (they need the checked catalog, so their peak includes it). `generate` is what
//! `errcat generate CATALOG --out DIR` does: load and validate, render every target and write
//! the output tree into `--out DIR` (required; emptied first). The YAML text is made before
//! the peak is reset, so the peak is what errcat needs for a catalog already read into memory.
//! CPU times count every thread of the process (targets render side by side).
//!
//! Other flags: `--targets` adds each target's time and output size to the report
//! (`"targets": {"docs": {"s": …, "cpu_s": …, "bytes": …}, …}`), each rendered alone;
//! `--templates DIR` renders with the templates of `DIR` (overriding the embedded ones
//! file by file); `--write-yaml PATH` writes the synthetic catalog and exits; `--write-rust
//! PATH` writes the Rust generator's output (of the `rust` or `all` stage) to `PATH`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use errcat::model::Catalog;
use errcat::render::{self, Options};

fn main() {
    let mut size = 1_000;
    let mut stage = "all".to_owned();
    let mut targets = false;
    let mut templates_dir = None;
    let mut yaml_out = None;
    let mut rust_out = None;
    let mut out_dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench`; other unknown flags are ignored too.
        match arg.as_str() {
            "--size" => {
                size = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| fail("--size takes a number"))
            }
            "--stage" => stage = args.next().unwrap_or_else(|| fail(STAGE_USAGE)),
            "--out" => out_dir = args.next().map(PathBuf::from),
            "--targets" => targets = true,
            "--templates" => templates_dir = args.next().map(PathBuf::from),
            "--write-yaml" => yaml_out = args.next(),
            "--write-rust" => rust_out = args.next(),
            _ => {}
        }
    }
    if !["check", "plan", "rust", "generate", "all"].contains(&stage.as_str()) {
        fail(STAGE_USAGE);
    }
    if stage == "generate" && out_dir.is_none() {
        fail("--stage generate needs --out DIR");
    }
    let text = errcat_testkit::synthetic::catalog(size);
    if let Some(path) = yaml_out {
        std::fs::write(&path, &text).unwrap_or_else(|e| fail(&format!("cannot write {path}: {e}")));
        return;
    }
    let baseline_kib = reset_peak();
    let mut report = format!("{{\"codes\": {size}, \"stage\": \"{stage}\", \"yaml_bytes\": {}", text.len());

    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let (catalog, timing) = measure(|| errcat::check_str(&text, &errcat_testkit::synthetic::limits()));
    if let Some(first) = catalog.diagnostics.first() {
        let count = catalog.diagnostics.len();
        fail(&format!("the synthetic catalog of {size} codes has {count} diagnostics; the first: {}", first.message));
    }
    let Some(catalog) = catalog.catalog else { fail("no catalog") };
    timing.write(&mut report, "check", None);

    let options =
        Options { command: "cargo xtask bench".to_owned(), catalog_path: "synthetic.yaml".to_owned(), templates_dir };
    if targets {
        per_target(&catalog, &options, &mut report);
    }
    if stage == "plan" || stage == "all" {
        let (files, timing) = measure(|| render::plan(&catalog, &options));
        let files = files.unwrap_or_else(|e| fail(&format!("render failed: {e}")));
        timing.write(&mut report, "plan", Some(files.values().map(String::len).sum()));
        let _ = write!(report, ", \"files\": {}", files.len());
    }
    if stage == "rust" || stage == "all" {
        let (rust, timing) = measure(|| errcat::targets::rust::generate(&catalog));
        timing.write(&mut report, "rust", Some(rust.len()));
        if let Some(path) = &rust_out {
            std::fs::write(path, &rust).unwrap_or_else(|e| fail(&format!("cannot write {path}: {e}")));
        }
    }
    if let (Some(out), "generate") = (&out_dir, stage.as_str()) {
        let (files, timing) = measure(|| render::plan(&catalog, &options));
        let files = files.unwrap_or_else(|e| fail(&format!("render failed: {e}")));
        timing.write(&mut report, "plan", Some(files.values().map(String::len).sum()));
        let _ = std::fs::remove_dir_all(out);
        let (written, timing) = measure(|| errcat::write::apply(out, &files, errcat::write::Mode::Write));
        written.unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
        timing.write(&mut report, "write", None);
        let _ = write!(
            report,
            ", \"files\": {}, \"generate_s\": {:.6}, \"generate_cpu_s\": {:.6}",
            files.len(),
            started.elapsed().as_secs_f64(),
            cpu_seconds() - cpu_started
        );
    }
    let _ = write!(report, ", \"baseline_kib\": {baseline_kib}, \"peak_kib\": {}}}", status_kib("VmHWM:"));
    println!("{report}");
}

/// Wall and CPU time of one stage.
struct Timing {
    wall_s: f64,
    cpu_s: f64,
}

impl Timing {
    fn write(&self, report: &mut String, name: &str, bytes: Option<usize>) {
        let _ = write!(report, ", \"{name}_s\": {:.6}, \"{name}_cpu_s\": {:.6}", self.wall_s, self.cpu_s);
        if let Some(bytes) = bytes {
            let _ = write!(report, ", \"{name}_bytes\": {bytes}");
        }
    }
}

fn measure<T>(f: impl FnOnce() -> T) -> (T, Timing) {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let value = f();
    (value, Timing { wall_s: wall.elapsed().as_secs_f64(), cpu_s: cpu_seconds() - cpu })
}

/// Adds the time and output size of each target of the registry, each rendered alone (the
/// template context built for it included), to `report`; also prints them on stderr.
fn per_target(catalog: &Catalog, options: &Options, report: &mut String) {
    report.push_str(", \"targets\": {");
    for (i, target) in errcat::targets::TargetId::ALL.into_iter().enumerate() {
        let (files, timing) = measure(|| render::plan_targets(catalog, options, &[target]));
        let files = files.unwrap_or_else(|e| fail(&e.to_string()));
        let bytes: usize = files.values().map(String::len).sum();
        let name = target.name();
        eprintln!("{name:<12} {:>8.3} s wall {:>8.3} s cpu {bytes:>12} bytes", timing.wall_s, timing.cpu_s);
        let comma = if i == 0 { "" } else { ", " };
        let _ = write!(
            report,
            "{comma}\"{name}\": {{\"s\": {:.6}, \"cpu_s\": {:.6}, \"bytes\": {bytes}, \"files\": {}}}",
            timing.wall_s,
            timing.cpu_s,
            files.len()
        );
    }
    report.push('}');
}

/// The CPU time (user and system) of every thread of this process so far, from Linux's
/// `/proc/self/stat` (in clock ticks of 1/100 s): robust to other load on the machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at the state, field 3;
    // utime and stime are fields 14 and 15.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0), returning it.
fn reset_peak() -> u64 {
    // Writing 5 to clear_refs resets VmHWM; where that is not possible the peak includes
    // making the YAML, which the baseline then shows.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kib("VmHWM:")
}

fn status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// What `--stage` takes.
const STAGE_USAGE: &str = "--stage takes check, plan, rust, generate or all";

fn fail(message: &str) -> ! {
    eprintln!("peak_memory: {message}");
    std::process::exit(1)
}
