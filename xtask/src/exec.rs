//! The small jobs every task does: run a program, write or remove files, build the demo
//! service, load a catalog. One helper each, so `ci`, `bench` and `generate` share them
//! instead of importing each other.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use errcat::diag::Style;
use errcat::model::Catalog;

use crate::project_root;

/// `cargo`, as the one running this xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command in the repository root, streaming its output; fails on a non-zero exit.
pub fn run_command(command: &mut Command) -> Result<(), String> {
    run_in(&project_root(), command)
}

/// Runs `command` in `dir`, streaming its output; fails on a non-zero exit.
pub fn run_in(dir: &Path, command: &mut Command) -> Result<(), String> {
    command.current_dir(dir);
    let shown = format!("{command:?}");
    eprintln!("$ {shown}");
    let status = command.status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} in {} exited with {status}", dir.display())) }
}

/// Runs `command` in `dir` and captures its output.
pub fn capture(dir: &Path, command: &mut Command) -> Result<Output, String> {
    command.current_dir(dir).output().map_err(|e| format!("cannot run {command:?}: {e}"))
}

/// Writes `text` to `path`, creating its folder.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes the folder `dir` and everything in it; nothing to do when it does not exist.
pub fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

/// The target folder cargo uses for this workspace (`CARGO_TARGET_DIR`, relative to the
/// repository root when it is relative; else `target/`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => project_root().join(dir),
        None => project_root().join("target"),
    }
}

/// Builds the binary `name` of the workspace package `package` in the dev profile and
/// returns its path.
pub fn built_binary(package: &str, name: &str) -> Result<PathBuf, String> {
    run_command(cargo().args(["build", "-q", "-p", package, "--bin", name]))
        .map_err(|e| format!("cannot build `{package}`: {e}"))?;
    let binary = target_dir().join("debug").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() { Ok(binary) } else { Err(format!("`cargo build -p {package}` made no {}", binary.display())) }
}

/// Builds the demo service the end-to-end scenarios run against; returns its binary.
pub fn demo_binary() -> Result<PathBuf, String> {
    built_binary("scriptix-demo", "scriptix-demo")
}

/// The demo service, started by [`start_demo`]; stopped (killed) when dropped.
pub struct RunningDemo {
    child: Child,
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    pub base_url: String,
}

impl Drop for RunningDemo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the demo service and starts it with `args` (give `--port 0`); returns once it
/// prints that it accepts connections. Its log goes to this process's standard error.
pub fn start_demo(args: &[&str]) -> Result<RunningDemo, String> {
    let binary = demo_binary()?;
    let mut command = Command::new(&binary);
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!("$ {command:?}");
    let mut child = command.spawn().map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("the demo has no standard output")?;
    let (sender, receiver) = mpsc::channel();
    // The demo prints one line, `listening on http://127.0.0.1:PORT`, once it is ready.
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = sender.send(BufReader::new(stdout).read_line(&mut line).map(|_| line));
    });
    let mut demo = RunningDemo { child, base_url: String::new() };
    let line = match receiver.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(line)) => line,
        Ok(Err(e)) => return Err(format!("cannot read the demo's standard output: {e}")),
        Err(_) => return Err("the demo did not say it was listening within 30 s".to_owned()),
    };
    demo.base_url = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("the demo printed {line:?}, not `listening on URL`"))?
        .to_owned();
    Ok(demo)
}

/// The checked catalog at `relative` (to the repository root), through errcat's front
/// door; its diagnostics are printed, and an error fails (a warning too, with
/// `deny_warnings`).
pub fn load_catalog(relative: &str, deny_warnings: bool) -> Result<Catalog, String> {
    let file = errcat::check_file(&project_root().join(relative), &errcat::load::Limits::default())
        .map_err(|e| e.to_string())?;
    let has_warnings = file.has_warnings();
    let (catalog, warnings) = file
        .into_catalog(relative, Style::Plain)
        .map_err(|rendered| format!("{rendered}{relative} has errors; nothing generated"))?;
    eprint!("{warnings}");
    if deny_warnings && has_warnings {
        return Err(format!("{relative} has warnings; the shipped catalog must be clean"));
    }
    Ok(catalog)
}

/// Renders `catalog` into `out` (both relative to the repository root) with the errcat CLI
/// and the templates on disk, as a user would.
pub fn render_with_cli(catalog: &str, out: &str) -> Result<(), String> {
    render_with_cli_args(catalog, out, &[])
}

/// [`render_with_cli`] with more `errcat generate` arguments (`--profile problem`,
/// `--target python,conformance`, …).
pub fn render_with_cli_args(catalog: &str, out: &str, more: &[&str]) -> Result<(), String> {
    run_command(
        cargo()
            .args(["run", "-q", "-p", "errcat-cli", "--", "--color", "never", "generate"])
            .args([catalog, "--out", out, "--templates", "templates"])
            .args(more),
    )
    .map_err(|e| format!("cannot render {catalog}: {e}"))
}
