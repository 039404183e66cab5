//! Maintainer tasks for the errcat repository, run as `cargo xtask <task>`.
//!
//! - `generate [--check]`: render everything from `catalog/scriptix.yaml` into
//!   `generated/` and the catalog schema into `schema/`; with `--check`, write nothing and
//!   fail listing every stale, missing or unexpected file.
//! - `ci`: every check of the project, in the order CI runs them.
//! - `synthetic CODES FILE`: write a realistic catalog of `CODES` codes.
//! - `bench [--quick]`: run the benchmarks and write `BENCHMARKS.md` (`--quick`: run each
//!   once, as a smoke test, and write nothing).

mod bench;
mod ci;
mod codegen;
mod exec;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where `cargo xtask ci --only large` writes its figures (JSON), below the repository
/// root; `cargo xtask bench` runs that step and reads them.
const LARGE_REPORT: &str = "target/large/report.json";
/// Where `cargo xtask ci --only site` writes the browser's report of the 10,000-code site.
const SITE_REPORT: &str = "target/site/large/report.json";

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  generate [--check]   regenerate generated/ and schema/ from catalog/scriptix.yaml
                       (--check: write nothing, fail if anything is stale)
  ci [--only STEP]...  run every check of the project (or only the named steps)
  ci --list            list the steps of `ci`
  ci --targets         say how `ci` checks each target
  bench [--quick]      run the benchmarks and write BENCHMARKS.md
                       (--quick: run each once, unoptimized, and write nothing)
  synthetic CODES FILE write a realistic catalog of CODES codes to FILE (the large
                       catalog the benchmarks and the large-catalog CI step use)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => match &args[1..] {
            [] => codegen::generate(codegen::Mode::Write),
            [flag] if flag == "--check" => codegen::generate(codegen::Mode::Check),
            _ => Err(format!("unexpected arguments: {}\n\n{USAGE}", args[1..].join(" "))),
        },
        Some("ci") => ci::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("synthetic") => match &args[1..] {
            [codes, file] => codes
                .parse::<usize>()
                .map_err(|_| format!("`{codes}` is not a number of codes"))
                .and_then(|codes| exec::write(Path::new(file), &errcat_testkit::synthetic::catalog(codes))),
            _ => Err(format!("synthetic takes CODES and FILE\n\n{USAGE}")),
        },
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the workspace holding this xtask).
pub fn project_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("xtask"), PathBuf::from);
    manifest.parent().map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf)
}
