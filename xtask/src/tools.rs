//! Pinned tool installs for CI steps and benchmarks, cached under `target/ci-tools/`.
//!
//! Each installer is idempotent: it records what it installed in a stamp file and does
//! nothing when the stamp matches, so only the first run on a machine pays for it.

use std::path::PathBuf;
use std::process::Command;

use crate::exec::run_command;
use crate::project_root;

/// The folder holding every CI tool install.
pub fn tools_dir() -> PathBuf {
    project_root().join("target").join("ci-tools")
}

/// Fails with a clear message when `program` is not on PATH.
pub fn require(program: &str, what: &str) -> Result<(), String> {
    match Command::new(program).arg("--version").output() {
        Ok(output) if output.status.success() => Ok(()),
        Ok(_) | Err(_) => {
            // `go` answers `go version`, not `--version`.
            match Command::new(program).arg("version").output() {
                Ok(output) if output.status.success() => Ok(()),
                _ => Err(format!("`{program}` is not installed or not on PATH; {what} needs it")),
            }
        }
    }
}

/// A Python virtual environment at `target/ci-tools/venv-NAME` with `packages` (pinned
/// `name==version` requirements) installed; returns the venv's `bin` folder. Each step
/// uses its own `name`, so steps never fight over one environment.
pub fn python_venv(name: &str, packages: &[&str]) -> Result<PathBuf, String> {
    require("python3", "the Python checks")?;
    let venv = tools_dir().join(format!("venv-{name}"));
    let bin = venv.join("bin");
    let stamp = venv.join("errcat-requirements.txt");
    let wanted = packages.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && bin.join("python").exists() {
        return Ok(bin);
    }
    if !bin.join("python").exists() {
        run_command(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run_command(
        Command::new(bin.join("python"))
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(packages),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(bin)
}

/// npm packages (pinned `name@version`) installed under `target/ci-tools/node-NAME`;
/// returns the folder whose `node_modules/.bin` holds their commands.
pub fn npm_packages(name: &str, packages: &[&str]) -> Result<PathBuf, String> {
    require("node", "the TypeScript and OpenAPI checks")?;
    require("npm", "the TypeScript and OpenAPI checks")?;
    let dir = tools_dir().join(format!("node-{name}"));
    let stamp = dir.join("errcat-packages.txt");
    let wanted = packages.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && dir.join("node_modules").exists() {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let package_json = dir.join("package.json");
    if !package_json.exists() {
        std::fs::write(&package_json, "{\"name\": \"errcat-ci-tools\", \"private\": true}\n")
            .map_err(|e| format!("{}: {e}", package_json.display()))?;
    }
    run_command(
        Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(&dir)
            .args(["--no-audit", "--no-fund", "--save-exact", "--loglevel=error"])
            .args(packages),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(dir)
}
