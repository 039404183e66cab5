//! The PyYAML + Jinja2 baseline: `crates/errcat/benches/baseline/render.py` renders simpler
//! versions of five targets (Markdown reference, OpenAPI, Python, TypeScript, Go) from the
//! same synthetic catalogs errcat is measured on, in the same run, in a virtual environment
//! with pinned PyYAML (with its libyaml loader) and Jinja2.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::captured;
use crate::exec::target_dir;
use crate::project_root;
use crate::tools;

/// The pinned packages of the baseline.
const PACKAGES: [&str; 2] = ["PyYAML==6.0.3", "Jinja2==3.1.6"];
/// Sizes the baseline renders in a full run.
pub const SIZES: [usize; 2] = [1_000, 10_000];

/// One size's result: the baseline's own report (`seconds`, `cpu_seconds`, `load_seconds`,
/// `peak_kib`, `bytes_written`, `libyaml`).
pub struct Run {
    pub size: usize,
    pub report: Result<Value, String>,
}

/// Renders each of `sizes` with the baseline; `peak_memory` writes each catalog.
pub fn run(peak_memory: &Path, sizes: &[usize]) -> Result<Vec<Run>, String> {
    let bin = tools::python_venv("baseline", &PACKAGES)?;
    let script = project_root().join("crates/errcat/benches/baseline/render.py");
    let work = target_dir().join("bench-baseline");
    let mut runs = Vec::new();
    for &size in sizes {
        let catalog = work.join(format!("synthetic-{size}.yaml"));
        let out = work.join(format!("out-{size}"));
        std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
        let _ = std::fs::remove_dir_all(&out);
        captured(Command::new(peak_memory).args(["--size", &size.to_string(), "--write-yaml"]).arg(&catalog))?;
        let report =
            captured(Command::new(bin.join("python")).arg(&script).arg(&catalog).arg(&out)).and_then(|output| {
                let text = String::from_utf8_lossy(&output.stdout);
                serde_json::from_str::<Value>(text.trim()).map_err(|e| format!("unreadable report {text:?}: {e}"))
            });
        match &report {
            Ok(report) => eprintln!("  {size} codes: {report}"),
            Err(error) => eprintln!("  {size} codes: FAILED: {error}"),
        }
        runs.push(Run { size, report });
    }
    Ok(runs)
}
