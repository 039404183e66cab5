//! The `catalog-evolution` step: the shipped catalog against its lock of published codes
//! (`errcat lock --check`), and against the catalog of the previous commit (`errcat diff
//! git:HEAD~1:… --deny breaking`), so a breaking change to the Scriptix catalog cannot land
//! unnoticed.

use std::process::Command;

use crate::codegen::CATALOG;
use crate::exec::{cargo, run_command};
use crate::project_root;

/// Runs `errcat ARGS` from the workspace (built if needed), in the repository root.
fn errcat(args: &[&str]) -> Result<(), String> {
    run_command(cargo().args(["run", "-q", "-p", "errcat-cli", "--", "--color", "never"]).args(args))
}

/// Runs both checks; the diff is skipped (saying so) in a clone without the previous
/// commit, such as a shallow one.
pub fn run() -> Result<(), String> {
    errcat(&["lock", CATALOG, "--check"])?;
    let previous = format!("HEAD~1:{CATALOG}");
    let has_previous = Command::new("git")
        .args(["cat-file", "-e", &previous])
        .current_dir(project_root())
        .status()
        .is_ok_and(|status| status.success());
    if !has_previous {
        eprintln!("catalog-evolution: no {previous} in this clone (shallow, or the catalog is new): diff skipped");
        return Ok(());
    }
    errcat(&["diff", &format!("git:{previous}"), CATALOG, "--deny", "breaking"])
}
