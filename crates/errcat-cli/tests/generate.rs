//! `errcat generate` end to end: output is all or nothing, `--check` never writes, errcat
//! overwrites and removes only files its manifest lists, never follows a symlink below
//! `--out`, and one run at a time writes a folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
/// A small catalog with other files than the shipped one.
const MINIMAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../errcat/tests/catalogs/minimal.yaml");

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("generate-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat")).args(args).output().expect("errcat runs")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Every file below `dir` with its bytes (a symlink with its target, never followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let p = entry.path();
            let Ok(metadata) = std::fs::symlink_metadata(&p) else { continue };
            let name = p.strip_prefix(dir).unwrap_or(&p).to_path_buf();
            if metadata.file_type().is_symlink() {
                let target = std::fs::read_link(&p).unwrap_or_default();
                files.insert(name, format!("-> {}", target.display()).into_bytes());
            } else if metadata.is_dir() {
                pending.push(p);
            } else {
                files.insert(name, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    files
}

/// Every folder below `dir` (an empty one too).
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                found.push(entry.path());
                pending.push(entry.path());
            }
        }
    }
    found.sort();
    found
}

/// No temporary file and no lock is left in `dir`.
fn assert_clean(dir: &Path) {
    for path in snapshot(dir).keys() {
        let name = path.to_string_lossy();
        assert!(!name.contains(".errcat-tmp") && !name.ends_with(".errcat-lock"), "left behind: {name}");
    }
}

/// `errcat` with `args`, killed after 60 seconds (a read without bound never ends).
fn errcat_within_a_minute(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("errcat runs");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("errcat {args:?} ran for a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_catalog_error_writes_nothing() {
    let dir = scratch("catalog-error");
    let bad = dir.join("bad.yaml");
    let text = std::fs::read_to_string(CATALOG).expect("catalog").replacen("status: 401", "status: 999", 1);
    std::fs::write(&bad, text).expect("write");
    let out = dir.join("out");
    let output = errcat(&["generate", path(&bad), "--out", path(&out)]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("nothing generated"), "{}", stderr(&output));
    assert!(snapshot(&out).is_empty(), "{:?}", snapshot(&out).keys());
}

#[test]
fn a_template_error_writes_nothing_and_keeps_the_previous_output() {
    let dir = scratch("template-error");
    let out = dir.join("out");
    assert!(errcat(&["generate", CATALOG, "--out", path(&out)]).status.success());
    let before = snapshot(&out);
    assert!(before.len() > 5);
    // One broken template among the working ones: a typo'd variable, strict undefined.
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("docs")).expect("templates");
    std::fs::write(templates.join("docs/errors.md.j2"), "# {{ catalog.api.nmae }}\n").expect("write");
    // And a changed catalog, so the good targets would change if anything were written.
    let changed = dir.join("changed.yaml");
    let text = std::fs::read_to_string(CATALOG).expect("catalog").replacen("Missing API key", "No API key", 2);
    std::fs::write(&changed, text).expect("write");
    copy_locales(&dir);
    let output = errcat(&["generate", path(&changed), "--out", path(&out), "--templates", path(&templates)]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("nothing generated") && message.contains("docs/errors.md.j2"), "{message}");
    assert!(snapshot(&out) == before, "a failed generation changed the output");
}

#[test]
fn check_never_writes() {
    let dir = scratch("check");
    let out = dir.join("out");
    let output = errcat(&["generate", CATALOG, "--out", path(&out), "--check"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("missing:"), "{}", stderr(&output));
    assert!(snapshot(&out).is_empty(), "--check wrote into an empty folder");

    assert!(errcat(&["generate", CATALOG, "--out", path(&out)]).status.success());
    assert!(errcat(&["generate", CATALOG, "--out", path(&out), "--check"]).status.success());
    // Edit one file, remove another, leave a stale one: --check reports all, fixes none.
    let files = snapshot(&out);
    let mut paths = files.keys().filter(|p| !p.ends_with(".errcat-manifest"));
    let (edited, removed) = (paths.next().expect("a file").clone(), paths.next().expect("a file").clone());
    std::fs::write(out.join(&edited), "edited by hand\n").expect("write");
    std::fs::remove_file(out.join(&removed)).expect("remove");
    let before = snapshot(&out);
    let output = errcat(&["generate", CATALOG, "--out", path(&out), "--check"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains(&format!("changed: {}", edited.display())), "{message}");
    assert!(message.contains(&format!("missing: {}", removed.display())), "{message}");
    assert!(snapshot(&out) == before, "--check changed the output");
}

#[test]
fn stale_generated_files_go_and_everything_else_stays() {
    let dir = scratch("owned");
    let out = dir.join("out");
    assert!(errcat(&["generate", CATALOG, "--out", path(&out)]).status.success());
    // A file the previous run generated (listed in the manifest) that this run does not.
    std::fs::create_dir_all(out.join("retired")).expect("mkdir");
    std::fs::write(out.join("retired/old.md"), "generated once\n").expect("write");
    // Hand-written files next to generated ones, and a manifest entry pointing outside.
    std::fs::write(out.join("docs/NOTES.md"), "mine\n").expect("write");
    std::fs::write(out.join("README.md"), "mine too\n").expect("write");
    std::fs::write(dir.join("outside.txt"), "not errcat's\n").expect("write");
    let manifest = out.join(".errcat-manifest");
    let mut listed = std::fs::read_to_string(&manifest).expect("manifest");
    listed.push_str("retired/old.md\n../outside.txt\n/etc/hostname\n");
    std::fs::write(&manifest, listed).expect("write");

    let output = errcat(&["generate", CATALOG, "--out", path(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!out.join("retired/old.md").exists(), "the stale file is still there");
    assert!(!out.join("retired").exists(), "its emptied folder is still there");
    assert_eq!(std::fs::read_to_string(out.join("docs/NOTES.md")).ok().as_deref(), Some("mine\n"));
    assert_eq!(std::fs::read_to_string(out.join("README.md")).ok().as_deref(), Some("mine too\n"));
    assert!(dir.join("outside.txt").exists(), "a manifest entry reached outside the output folder");
    let manifest = std::fs::read_to_string(out.join(".errcat-manifest")).expect("manifest");
    assert!(!manifest.contains("retired/") && !manifest.contains("outside"), "{manifest}");
    // Nothing but errcat's own temporary files' absence: every write went through a rename.
    assert!(snapshot(&out).keys().all(|p| !p.to_string_lossy().contains(".errcat-tmp")));
}

#[test]
fn some_targets_render_alone_and_keep_the_others_files() {
    let dir = scratch("targets");
    let out = dir.join("out");
    assert!(errcat(&["generate", CATALOG, "--out", path(&out)]).status.success());
    let everything = snapshot(&out);
    assert!(everything.keys().any(|p| p.starts_with("python")) && everything.keys().any(|p| p.starts_with("rust")));

    // A stale docs file comes back; the other targets' files and manifest entries stay.
    std::fs::write(out.join("docs/errors.md"), "stale").expect("write");
    let output = errcat(&["generate", CATALOG, "--out", path(&out), "--target", "docs,openapi"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let after = snapshot(&out);
    let manifest = ".errcat-manifest";
    for (file, bytes) in &everything {
        // The rendered targets' headers name the command that made them, `--target` included.
        let rendered = file.starts_with("docs") || file.starts_with("openapi");
        if !rendered && !file.ends_with(manifest) {
            assert!(after.get(file) == Some(bytes), "{} changed or went missing", file.display());
        }
    }
    assert!(after[Path::new("docs/errors.md")].starts_with(b"<!-- Generated by"), "docs/errors.md is still stale");
    let listed = String::from_utf8_lossy(&after[Path::new(manifest)]).into_owned();
    assert!(listed.contains("python/README.md") && listed.contains("docs/errors.md"), "{listed}");

    // The same command in check mode finds nothing to do.
    let check = errcat(&["generate", CATALOG, "--out", path(&out), "--target", "docs,openapi", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    let unknown = errcat(&["generate", CATALOG, "--out", path(&out), "--target", "cobol"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no target `cobol` (targets: docs, openapi, python"), "{}", stderr(&unknown));
}

#[test]
fn targets_lists_every_target_with_its_folder() {
    let output = errcat(&["targets"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for name in ["docs", "openapi", "python", "typescript", "go", "rust", "conformance", "site"] {
        assert!(text.lines().any(|line| line.starts_with(name) && line.contains(&format!("{name}/"))), "{text}");
    }
}

#[test]
fn a_template_that_never_ends_runs_out_of_fuel_and_names_itself() {
    let dir = scratch("endless-template");
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("docs")).expect("templates");
    let endless = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n";
    std::fs::write(templates.join("docs/errors.md.j2"), endless).expect("write");
    let out = dir.join("out");
    let started = std::time::Instant::now();
    let output =
        errcat(&["generate", CATALOG, "--out", path(&out), "--templates", path(&templates), "--target", "docs"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("docs/errors.md.j2") && message.contains("fuel"), "{message}");
    assert!(snapshot(&out).is_empty(), "{:?}", snapshot(&out).keys());
    eprintln!("ran out of fuel after {:?}", started.elapsed());
}

/// A template that doubles a string forty times (a terabyte, in 41 instructions: fuel does
/// not stop it) is stopped at the memory ceiling, named, with nothing written and the
/// previous tree kept, instead of aborting the process when the allocator gives up.
#[test]
fn a_template_that_builds_text_without_bound_stops_at_the_memory_ceiling() {
    if !std::path::Path::new("/proc/self/status").is_file() {
        eprintln!("no /proc/self/status here: the watchdog does not run");
        return;
    }
    let dir = scratch("huge-template");
    let out = dir.join("out");
    let first = errcat(&["generate", CATALOG, "--out", path(&out), "--target", "docs"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("docs")).expect("templates");
    let doubling: String = std::iter::once("{% set s = \"0123456789abcdef\" %}\n")
        .chain(std::iter::repeat_n("{% set s = s ~ s %}\n", 40))
        .chain(std::iter::once("{{ s | length }}\n"))
        .collect();
    std::fs::write(templates.join("docs/errors.md.j2"), doubling).expect("write");
    let output = errcat(&[
        "generate",
        CATALOG,
        "--out",
        path(&out),
        "--templates",
        path(&templates),
        "--target",
        "docs",
        "--max-memory-mb",
        "256",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("more than 256 MiB"), "{message}");
    assert!(message.contains("template `docs/errors.md.j2`"), "{message}");
    assert!(message.contains("--max-memory-mb"), "{message}");
    assert!(snapshot(&out) == before, "the previous tree changed");
}

/// A file errcat would generate that no manifest lists (a hand-written `docs/errors.md`)
/// is not overwritten without `--force`; `--check` lists it as not errcat's.
#[test]
fn files_errcat_does_not_own_are_kept_unless_forced() {
    let dir = scratch("unowned");
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("docs")).expect("mkdir");
    std::fs::write(out.join("docs/errors.md"), "our own error page\n").expect("write");
    let before = snapshot(&out);
    let output = errcat(&["generate", MINIMAL, "--out", path(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("not errcat's") && message.contains("\n    docs/errors.md"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert!(snapshot(&out) == before, "a refused run wrote");
    assert_eq!(folders(&out), [out.join("docs")]);

    let check = errcat(&["generate", MINIMAL, "--out", path(&out), "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    assert!(message.contains("unowned: docs/errors.md") && message.contains("stale"), "{message}");
    assert!(message.contains("--force"), "{message}");

    let forced = errcat(&["generate", MINIMAL, "--out", path(&out), "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read(out.join("docs/errors.md")).expect("read").starts_with(b"<!-- Generated by"));
    // Errcat's now: the next run needs no --force.
    std::fs::write(out.join("docs/errors.md"), "edited\n").expect("write");
    assert!(errcat(&["generate", MINIMAL, "--out", path(&out)]).status.success());
    assert!(errcat(&["generate", MINIMAL, "--out", path(&out), "--check"]).status.success());
}

/// A folder where a generated file goes makes the run fail before anything changes.
#[test]
fn a_folder_in_the_way_changes_nothing() {
    let dir = scratch("folder-in-the-way");
    let out = dir.join("out");
    assert!(errcat(&["generate", MINIMAL, "--out", path(&out)]).status.success());
    std::fs::remove_file(out.join("openapi/errors.yaml")).expect("remove");
    std::fs::create_dir_all(out.join("openapi/errors.yaml")).expect("mkdir");
    let (before, before_folders) = (snapshot(&out), folders(&out));
    let output = errcat(&["generate", CATALOG, "--out", path(&out)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("openapi/errors.yaml: is in the way"), "{}", stderr(&output));
    assert!(snapshot(&out) == before);
    assert_eq!(folders(&out), before_folders);
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::symlink;

    use super::*;

    /// Reproduction 1: a symlink at the temporary name the old writer predicted
    /// (`.errors.md.errcat-tmp`) was written through.
    #[test]
    fn a_symlink_at_a_predictable_temporary_name_is_not_followed() {
        let dir = scratch("temp-symlink");
        let out = dir.join("out");
        std::fs::create_dir_all(out.join("docs")).expect("mkdir");
        std::fs::write(dir.join("victim"), "x\n").expect("write");
        symlink(dir.join("victim"), out.join("docs/.errors.md.errcat-tmp")).expect("symlink");
        let output = errcat(&["generate", MINIMAL, "--out", path(&out)]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(std::fs::read_to_string(dir.join("victim")).expect("victim"), "x\n");
        assert!(std::fs::read(out.join("docs/errors.md")).expect("read").starts_with(b"<!-- Generated by"));
    }

    /// Reproduction 2: a symlinked folder below --out was written through.
    #[test]
    fn a_symlinked_folder_is_refused() {
        let dir = scratch("folder-symlink");
        let (out, elsewhere) = (dir.join("out"), dir.join("elsewhere"));
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::create_dir_all(&elsewhere).expect("mkdir");
        std::fs::write(elsewhere.join("errors.md"), "not errcat's\n").expect("write");
        symlink(&elsewhere, out.join("docs")).expect("symlink");
        let before = snapshot(&dir);
        for extra in [&[][..], &["--force"], &["--check"], &["--target", "docs"]] {
            let output = errcat(&[&["generate", MINIMAL, "--out", path(&out)][..], extra].concat());
            assert_eq!(output.status.code(), Some(2), "{extra:?}");
            let message = stderr(&output);
            let wanted = format!("{}: is a symbolic link", out.join("docs").display());
            assert!(message.contains(&wanted), "{extra:?}: {message}");
            assert!(snapshot(&dir) == before, "{extra:?} changed something");
        }
        // A link as the generated file itself is refused the same way.
        std::fs::remove_file(out.join("docs")).expect("remove");
        std::fs::create_dir_all(out.join("docs")).expect("mkdir");
        symlink(elsewhere.join("errors.md"), out.join("docs/errors.md")).expect("symlink");
        let before = snapshot(&dir);
        let output = errcat(&["generate", MINIMAL, "--out", path(&out), "--force"]);
        assert!(stderr(&output).contains("docs/errors.md: is a symbolic link"), "{}", stderr(&output));
        assert!(snapshot(&dir) == before);
    }

    /// Reproduction 3: a manifest entry below a symlinked folder deleted a file outside
    /// --out and its emptied folder.
    #[test]
    fn removal_never_follows_a_symlink() {
        let dir = scratch("removal-symlink");
        let (out, elsewhere) = (dir.join("out"), dir.join("elsewhere"));
        assert!(errcat(&["generate", MINIMAL, "--out", path(&out)]).status.success());
        std::fs::create_dir_all(elsewhere.join("sub")).expect("mkdir");
        std::fs::write(elsewhere.join("sub/b.txt"), "not errcat's\n").expect("write");
        symlink(&elsewhere, out.join("escape")).expect("symlink");
        let manifest = out.join(".errcat-manifest");
        let mut listed = std::fs::read_to_string(&manifest).expect("manifest");
        listed.push_str("escape/sub/b.txt\n");
        std::fs::write(&manifest, listed).expect("write");
        let before = snapshot(&dir);
        let output = errcat(&["generate", MINIMAL, "--out", path(&out)]);
        assert_eq!(output.status.code(), Some(2));
        let wanted = format!("{}: is a symbolic link", out.join("escape").display());
        assert!(stderr(&output).contains(&wanted), "{}", stderr(&output));
        assert!(snapshot(&dir) == before);
        assert!(elsewhere.join("sub/b.txt").exists());
    }

    /// Reproduction 6: a manifest or a generated file that is a symlink to /dev/zero made
    /// errcat read without bound.
    #[test]
    fn dev_zero_is_never_read() {
        let dir = scratch("dev-zero");
        let out = dir.join("out");
        std::fs::create_dir_all(out.join("docs")).expect("mkdir");
        symlink("/dev/zero", out.join(".errcat-manifest")).expect("symlink");
        for extra in [&[][..], &["--check"], &["--target", "docs"]] {
            let output = errcat_within_a_minute(&[&["generate", MINIMAL, "--out", path(&out)][..], extra].concat());
            assert_eq!(output.status.code(), Some(2), "{extra:?}");
            assert!(stderr(&output).contains(".errcat-manifest: is a symbolic link"), "{}", stderr(&output));
        }
        std::fs::remove_file(out.join(".errcat-manifest")).expect("remove");
        symlink("/dev/zero", out.join("docs/errors.md")).expect("symlink");
        let output = errcat_within_a_minute(&["generate", MINIMAL, "--out", path(&out), "--check"]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains("docs/errors.md: is a symbolic link"), "{}", stderr(&output));
    }

    /// Reproduction 4, a full disk: a write that fails while staging (EFBIG under `ulimit
    /// -f`, with SIGXFSZ ignored as the probe ran it) leaves neither a partial temporary
    /// file nor a folder, in a fresh folder as in an existing tree.
    #[test]
    fn a_write_that_fails_midway_leaves_nothing() {
        let dir = scratch("efbig");
        let out = dir.join("out");
        let limited = |catalog: &str| {
            let script = r#"trap '' XFSZ; ulimit -f 8 || exit 99; exec "$0" "$@""#;
            Command::new("sh")
                .args(["-c", script, env!("CARGO_BIN_EXE_errcat"), "generate", catalog, "--out", path(&out)])
                .output()
                .expect("sh runs")
        };
        let output = limited(CATALOG);
        if output.status.code() == Some(99) {
            eprintln!("skipped: ulimit -f is not available");
            return;
        }
        assert!(!output.status.success());
        assert!(stderr(&output).contains("File too large"), "{}", stderr(&output));
        assert!(!out.exists(), "{:?}", snapshot(&dir).keys());

        assert!(errcat(&["generate", MINIMAL, "--out", path(&out)]).status.success());
        let (before, before_folders) = (snapshot(&out), folders(&out));
        let output = limited(CATALOG);
        assert!(!output.status.success());
        assert!(snapshot(&out) == before, "a failed run changed the tree");
        assert_eq!(folders(&out), before_folders);
    }

    /// Reproduction 4, a rename failing midway: one generated file made immutable
    /// (`chattr +i`; needs root and a file system that has the flag, else skipped). The
    /// run fails, and the tree is the previous one, byte for byte, without temporary files.
    #[test]
    fn a_rename_that_fails_midway_rolls_everything_back() {
        struct Immutable(PathBuf);
        impl Drop for Immutable {
            fn drop(&mut self) {
                let _ = Command::new("chattr").arg("-i").arg(&self.0).output();
            }
        }
        let dir = scratch("immutable");
        let out = dir.join("out");
        assert!(errcat(&["generate", MINIMAL, "--out", path(&out)]).status.success());
        let frozen = out.join("python/README.md");
        let chattr = Command::new("chattr").arg("+i").arg(&frozen).output();
        if !chattr.is_ok_and(|output| output.status.success()) {
            eprintln!("skipped: chattr +i is not available here");
            return;
        }
        let _guard = Immutable(frozen.clone());
        if std::fs::OpenOptions::new().append(true).open(&frozen).is_ok() {
            eprintln!("skipped: the immutable flag does not hold here");
            return;
        }
        let (before, before_folders) = (snapshot(&out), folders(&out));
        // Another catalog: every file changes, some are added, some removed.
        let output = errcat(&["generate", CATALOG, "--out", path(&out)]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("nothing generated"), "{}", stderr(&output));
        assert!(snapshot(&out) == before, "a failed rename left a mixed tree");
        assert_eq!(folders(&out), before_folders);
    }

    /// Reproduction 4, concurrent runs: a lock held by a live process makes a run fail
    /// naming it, and two runs started together into one folder (different catalogs) never
    /// mix their trees: each writes all of its tree or fails on the lock.
    #[test]
    fn one_run_at_a_time_writes_a_folder() {
        let dir = scratch("concurrent");
        let out = dir.join("out");
        let reference = |catalog: &str| {
            let _ = std::fs::remove_dir_all(&out);
            assert!(errcat(&["generate", catalog, "--out", path(&out)]).status.success());
            snapshot(&out)
        };
        let (full, minimal) = (reference(CATALOG), reference(MINIMAL));

        let lock = out.join(".errcat-lock");
        std::fs::write(&lock, format!("{}\n", std::process::id())).expect("write");
        let before = snapshot(&out);
        let output = errcat(&["generate", CATALOG, "--out", path(&out)]);
        assert_eq!(output.status.code(), Some(2));
        let wanted = format!("another errcat generate is writing {} (pid {})", out.display(), std::process::id());
        assert!(stderr(&output).contains(&wanted), "{}", stderr(&output));
        assert!(snapshot(&out) == before);
        std::fs::remove_file(&lock).expect("remove");

        let mut refused = 0;
        for round in 0..6 {
            let catalogs = if round % 2 == 0 { [CATALOG, MINIMAL] } else { [MINIMAL, CATALOG] };
            let children: Vec<_> = catalogs
                .iter()
                .map(|catalog| {
                    Command::new(env!("CARGO_BIN_EXE_errcat"))
                        .args(["generate", catalog, "--out", path(&out)])
                        .stderr(std::process::Stdio::piped())
                        .spawn()
                        .expect("errcat runs")
                })
                .collect();
            for child in children {
                let output = child.wait_with_output().expect("output");
                if !output.status.success() {
                    assert!(stderr(&output).contains("another errcat generate is writing"), "{}", stderr(&output));
                    refused += 1;
                }
            }
            let now = snapshot(&out);
            assert!(now == full || now == minimal, "round {round}: a mixed tree");
            assert_clean(&out);
        }
        eprintln!("{refused} of 12 runs met the lock");
    }
}

#[test]
fn an_output_folder_name_cannot_end_a_readme_header_comment() {
    let dir = scratch("html-header");
    let out = dir.join("o --><img src=x onerror=alert(1)><!--");
    let output = errcat(&["generate", CATALOG, "--out", path(&out), "--target", "typescript,python,go"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for readme in ["typescript/README.md", "python/README.md", "go/README.md"] {
        let text = std::fs::read_to_string(out.join(readme)).expect("README");
        let header = text.lines().take_while(|line| line.starts_with("<!--")).collect::<Vec<_>>().join("\n");
        assert!(!header.contains("<img"), "{readme}: {header}");
        assert_eq!(header.matches("-->").count(), header.lines().count(), "{readme}: {header}");
    }
}

#[test]
fn profile_re_expresses_the_catalog_in_another_wire_profile() {
    let dir = scratch("profile");
    let (flat, problem) = (dir.join("flat"), dir.join("problem"));
    assert!(errcat(&["generate", CATALOG, "--out", path(&flat), "--target", "openapi,conformance"]).status.success());
    let output = errcat(&[
        "generate",
        CATALOG,
        "--out",
        path(&problem),
        "--target",
        "openapi,conformance",
        "--profile",
        "problem",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |out: &Path, file: &str| std::fs::read_to_string(out.join(file)).expect("generated file");
    assert!(!read(&flat, "openapi/errors.yaml").contains("application/problem+json"));
    let openapi = read(&problem, "openapi/errors.yaml");
    assert!(openapi.contains("application/problem+json"), "the problem fragment names its media type");
    assert!(openapi.contains("--profile problem"), "the header says how to regenerate it");
    // The same codes in the other body shape: the vectors' bodies are problem details.
    let vectors: serde_json::Value = serde_json::from_str(&read(&problem, "conformance/vectors.json")).expect("JSON");
    assert_eq!(vectors["profile"], "problem");
    let flat_vectors: serde_json::Value = serde_json::from_str(&read(&flat, "conformance/vectors.json")).expect("JSON");
    assert_eq!(flat_vectors["profile"], "flat");
    // An unknown profile is refused by name.
    let output = errcat(&["generate", CATALOG, "--out", path(&dir.join("x")), "--profile", "aip"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("aip"), "{}", stderr(&output));
}

/// Copies the shipped catalog's locale files into `dir/locales`, for a copy of the catalog
/// written to `dir`.
fn copy_locales(dir: &std::path::Path) {
    let from = std::path::Path::new(CATALOG).parent().expect("catalog folder").join("locales");
    std::fs::create_dir_all(dir.join("locales")).expect("locales folder");
    for entry in std::fs::read_dir(&from).expect("locales") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.join("locales").join(entry.file_name())).expect("copy");
    }
}
