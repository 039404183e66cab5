//! `errcat generate` end to end: output is all or nothing, `--check` never writes, and
//! errcat removes only files its manifest lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");

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

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                pending.push(p);
            } else {
                files.insert(p.strip_prefix(dir).unwrap_or(&p).to_path_buf(), std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    files
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
    for name in ["docs", "openapi", "python", "typescript", "go", "rust", "conformance"] {
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
