//! The one writer of generated files, with a check mode.
//!
//! [`apply`] takes a finished [`Files`] plan, so a failing target never leaves a
//! half-written tree: rendering happens before any byte is written. In
//! [`Mode::Write`] it writes only files whose bytes changed (through a temporary file and
//! a rename, so readers never see a partial file) and removes files that the previous
//! run's manifest lists but this plan no longer has — nothing else. In [`Mode::Check`] it
//! writes nothing and reports every difference.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::render::{Files, MANIFEST};

/// Write the files, or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Bring the output up to date.
    Write,
    /// Change nothing; report what is out of date.
    Check,
}

/// One generated file that does not match the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// The file exists with other contents; `diff` is a short unified diff.
    Changed {
        /// Relative path.
        path: String,
        /// Unified diff from the file on disk to the expected contents, cut after a few
        /// dozen lines.
        diff: String,
    },
    /// The file should exist and does not.
    Missing {
        /// Relative path.
        path: String,
    },
    /// The previous run generated the file, and this plan does not.
    Unexpected {
        /// Relative path.
        path: String,
    },
}

impl Stale {
    /// The relative path of the file.
    pub fn path(&self) -> &str {
        match self {
            Stale::Changed { path, .. } | Stale::Missing { path } | Stale::Unexpected { path } => path,
        }
    }
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Changed { path, diff } => write!(f, "changed: {path}\n{diff}"),
            Stale::Missing { path } => write!(f, "missing: {path}"),
            Stale::Unexpected { path } => {
                write!(f, "unexpected: {path} (generated before, no longer part of the output)")
            }
        }
    }
}

/// What [`apply`] did or found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files written (write mode).
    pub written: Vec<String>,
    /// Files removed because the manifest listed them and the plan no longer has them.
    pub removed: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Differences found (check mode).
    pub stale: Vec<Stale>,
}

/// A file system failure, with the path it happened on.
#[derive(Debug)]
pub struct WriteError {
    /// The path involved.
    pub path: PathBuf,
    /// The underlying error.
    pub error: std::io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

/// Brings `root` in line with `files` (or, in check mode, reports how it differs).
pub fn apply(root: &Path, files: &Files, mode: Mode) -> Result<Outcome, WriteError> {
    for path in files.keys() {
        if !is_safe_relative(path) {
            return Err(WriteError {
                path: root.join(path),
                error: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "generated path escapes the output folder",
                ),
            });
        }
    }
    let previous = previous_manifest(root);
    let mut outcome = Outcome::default();
    let mut to_write = Vec::new();
    for (path, contents) in files {
        let target = root.join(path);
        match std::fs::read(&target) {
            Ok(existing) if existing == contents.as_bytes() => outcome.unchanged += 1,
            Ok(existing) => {
                if mode == Mode::Check {
                    let diff = short_diff(&String::from_utf8_lossy(&existing), contents, path);
                    outcome.stale.push(Stale::Changed { path: path.clone(), diff });
                }
                to_write.push((path, target, contents));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if mode == Mode::Check {
                    outcome.stale.push(Stale::Missing { path: path.clone() });
                }
                to_write.push((path, target, contents));
            }
            Err(error) => return Err(WriteError { path: target, error }),
        }
    }
    // A path the new manifest still lists (another target's file, when only some targets
    // were rendered) stays.
    let listed: std::collections::HashSet<&str> =
        files.get(MANIFEST).map(|manifest| manifest_paths(manifest).collect()).unwrap_or_default();
    let removals: Vec<String> = previous
        .into_iter()
        .filter(|path| {
            !files.contains_key(path)
                && !listed.contains(path.as_str())
                && is_safe_relative(path)
                && root.join(path).is_file()
        })
        .collect();
    if mode == Mode::Check {
        outcome.stale.extend(removals.into_iter().map(|path| Stale::Unexpected { path }));
        return Ok(outcome);
    }
    // Stage every file next to its target first; only when all are staged, rename them
    // into place. A failure while staging leaves the old tree untouched.
    let mut staged = Vec::new();
    for (path, target, contents) in to_write {
        match stage(&target, contents) {
            Ok(temporary) => staged.push((path, temporary, target)),
            Err(error) => {
                for (_, temporary, _) in &staged {
                    let _ = std::fs::remove_file(temporary);
                }
                return Err(error);
            }
        }
    }
    for (path, temporary, target) in staged {
        std::fs::rename(&temporary, &target).map_err(|error| WriteError { path: target.clone(), error })?;
        outcome.written.push(path.clone());
    }
    for path in removals {
        let target = root.join(&path);
        std::fs::remove_file(&target).map_err(|error| WriteError { path: target.clone(), error })?;
        remove_empty_parents(root, &target);
        outcome.removed.push(path);
    }
    Ok(outcome)
}

fn stage(target: &Path, contents: &str) -> Result<PathBuf, WriteError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|error| WriteError { path: parent.to_owned(), error })?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = parent.join(format!(".{name}.errcat-tmp"));
    std::fs::write(&temporary, contents).map_err(|error| WriteError { path: temporary.clone(), error })?;
    Ok(temporary)
}

fn previous_manifest(root: &Path) -> Vec<String> {
    manifest_entries(root)
}

/// The paths the manifest in `root` lists (none when it has no manifest).
pub fn manifest_entries(root: &Path) -> Vec<String> {
    std::fs::read_to_string(root.join(MANIFEST))
        .map(|text| manifest_paths(&text).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The paths a manifest's text lists.
fn manifest_paths(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// A relative, `/`-separated path with no `..`, no absolute root and no empty parts.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || !current.starts_with(root) || std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// A unified diff of at most 40 lines.
fn short_diff(old: &str, new: &str, path: &str) -> String {
    const MAX_LINES: usize = 40;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(2).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    let total = text.lines().count();
    let mut out = String::new();
    for line in text.lines().take(MAX_LINES) {
        let _ = writeln!(out, "    {line}");
    }
    if total > MAX_LINES {
        let _ = writeln!(out, "    … {} more diff lines", total - MAX_LINES);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(entries: &[(&str, &str)]) -> Files {
        let mut files: Files = entries.iter().map(|(p, c)| ((*p).to_owned(), (*c).to_owned())).collect();
        let manifest = crate::render::manifest(files.keys());
        files.insert(MANIFEST.to_owned(), manifest);
        files
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok();
        dir
    }

    #[test]
    fn writes_checks_and_removes_only_what_it_generated() -> Result<(), WriteError> {
        let root = temp_dir("cycle");
        std::fs::write(root.join("hand-written.txt"), "mine").ok();
        let first = plan(&[("a/one.txt", "1\n"), ("b/two.txt", "2\n")]);
        let outcome = apply(&root, &first, Mode::Write)?;
        assert_eq!(outcome.written.len(), 3);
        assert!(apply(&root, &first, Mode::Check)?.stale.is_empty());

        std::fs::write(root.join("a/one.txt"), "edited\n").ok();
        let stale = apply(&root, &first, Mode::Check)?.stale;
        assert_eq!(stale.len(), 1);
        assert!(matches!(&stale[0], Stale::Changed { path, diff } if path == "a/one.txt" && diff.contains("+1")));
        assert_eq!(std::fs::read_to_string(root.join("a/one.txt")).ok().as_deref(), Some("edited\n"), "check wrote");

        let second = plan(&[("a/one.txt", "1\n")]);
        let check = apply(&root, &second, Mode::Check)?;
        assert!(check.stale.iter().any(|s| matches!(s, Stale::Unexpected { path } if path == "b/two.txt")));
        let outcome = apply(&root, &second, Mode::Write)?;
        assert_eq!(outcome.removed, vec!["b/two.txt".to_owned()]);
        assert!(!root.join("b").exists(), "emptied folder is removed");
        assert!(root.join("hand-written.txt").exists(), "never touches other files");
        let _ = std::fs::remove_dir_all(&root);
        Ok(())
    }

    #[test]
    fn refuses_paths_outside_the_root() {
        let root = temp_dir("escape");
        let files = plan(&[("../evil.txt", "x")]);
        assert!(apply(&root, &files, Mode::Write).is_err());
        assert!(!root.parent().is_some_and(|p| p.join("evil.txt").exists()));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_failure_while_staging_changes_nothing() {
        let root = temp_dir("atomic");
        let files = plan(&[("ok.txt", "fine\n")]);
        apply(&root, &files, Mode::Write).ok();
        // A directory where a file must go makes staging that file fail.
        std::fs::create_dir_all(root.join("blocked/.x.txt.errcat-tmp")).ok();
        let files = plan(&[("ok.txt", "changed\n"), ("blocked/x.txt", "x\n")]);
        assert!(apply(&root, &files, Mode::Write).is_err());
        assert_eq!(std::fs::read_to_string(root.join("ok.txt")).ok().as_deref(), Some("fine\n"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
