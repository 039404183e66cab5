//! `errcat diff` and `errcat lock` as a maintainer runs them, and what `errcat check` says
//! when a catalog breaks its lock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn errcat_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the errcat binary runs")
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// A fresh folder under the target folder, holding a copy of the minimal catalog.
fn workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("evolution-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    std::fs::copy(repo_root().join("crates/errcat/tests/catalogs/minimal.yaml"), dir.join("acme.yaml"))
        .expect("the minimal catalog copies");
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("readable");
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("writable");
}

#[test]
fn diff_denies_breaking_changes_only_when_asked() {
    let case = "crates/errcat/tests/diff/status-changed";
    let (old, new) = (format!("{case}/old.yaml"), format!("{case}/new.yaml"));
    let output = errcat_in(&repo_root(), &["diff", &old, &new]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("error[status-changed]: breaking: code `ACCESS_DENIED` changed status from 403 to 401")
    );
    let output = errcat_in(&repo_root(), &["diff", &old, &new, "--deny", "breaking"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let docs = "crates/errcat/tests/diff/docs-changed";
    let output = errcat_in(
        &repo_root(),
        &["diff", &format!("{docs}/old.yaml"), &format!("{docs}/new.yaml"), "--deny", "compatible"],
    );
    assert_eq!(output.status.code(), Some(0), "docs-only changes pass --deny compatible: {}", text(&output));
}

#[test]
fn diff_reads_a_catalog_from_git_and_writes_markdown() {
    // A copy of the sources without their git history (an unpacked archive) cannot read
    // `git:` catalogs; there is nothing to test then.
    let has_git = Command::new("git")
        .args(["rev-parse", "--verify", "HEAD:catalog/scriptix.yaml"])
        .current_dir(repo_root())
        .output()
        .is_ok_and(|output| output.status.success());
    if !has_git {
        eprintln!("no git history with catalog/scriptix.yaml here: skipped");
        return;
    }
    let output = errcat_in(
        &repo_root(),
        &[
            "diff",
            "git:HEAD:catalog/scriptix.yaml",
            "catalog/scriptix.yaml",
            "--format",
            "markdown",
            "--deny",
            "breaking",
        ],
    );
    // The committed catalog and the working copy agree unless someone is editing it.
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).starts_with("## Error catalog: git:HEAD:catalog/scriptix.yaml → catalog/scriptix.yaml"));
    let output = errcat_in(&repo_root(), &["diff", "git:no-such-ref:catalog/scriptix.yaml", "catalog/scriptix.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("git show no-such-ref:catalog/scriptix.yaml"), "{}", text(&output));
}

#[test]
fn diff_refuses_a_broken_catalog_with_its_diagnostics() {
    let output = errcat_in(
        &repo_root(),
        &["diff", "catalog/scriptix.yaml", "crates/errcat/tests/bad/duplicate-code/catalog.yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    let shown = text(&output);
    assert!(shown.contains("error[duplicate-code]") && shown.contains("compares valid catalogs"), "{shown}");
}

#[test]
fn the_lock_keeps_published_codes_from_disappearing_or_coming_back() {
    let dir = workspace("lock");
    let catalog = dir.join("acme.yaml");
    let output = errcat_in(&dir, &["lock", "acme.yaml"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(dir.join("acme.lock.yaml").is_file());
    assert!(errcat_in(&dir, &["lock", "acme.yaml", "--check"]).status.success());

    // Deleting a published code fails the check, and names the fix.
    let original = std::fs::read_to_string(&catalog).expect("readable");
    let start = original.find("  - code: OOPS").expect("OOPS");
    let end = original.find("\nretry_policy:").expect("retry_policy");
    std::fs::write(&catalog, format!("{}{}", &original[..start], &original[end + 1..])).expect("writable");
    let output = errcat_in(&dir, &["check", "acme.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let shown = text(&output);
    assert!(shown.contains("error[lock]: code `OOPS` was published (acme.lock.yaml)"), "{shown}");
    assert!(shown.contains("removed: {since: …, reason: …}"), "{shown}");
    // `errcat lock` refuses too: the lock never forgets a code.
    assert_eq!(errcat_in(&dir, &["lock", "acme.yaml"]).status.code(), Some(1));

    // A tombstone makes it right; the lock then records the tombstone.
    std::fs::write(&catalog, &original).expect("writable");
    edit(
        &catalog,
        "    message: \"Oops\"\n",
        "    message: \"Oops\"\n    removed: {since: \"2.0\", reason: \"Folded into SLOW_DOWN\"}\n",
    );
    let output = errcat_in(&dir, &["check", "acme.yaml"]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(errcat_in(&dir, &["lock", "acme.yaml", "--check"]).status.code(), Some(1), "the lock is out of date");
    assert!(errcat_in(&dir, &["lock", "acme.yaml"]).status.success());
    let lock = std::fs::read_to_string(dir.join("acme.lock.yaml")).expect("readable");
    assert!(lock.contains("\"OOPS\":\n    status: 500\n    removed: true"), "{lock}");

    // The tombstoned code cannot come back.
    std::fs::write(&catalog, &original).expect("writable");
    let output = errcat_in(&dir, &["check", "acme.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("code `OOPS` was removed (acme.lock.yaml has its tombstone) and is back"));
}

#[test]
fn a_broken_lock_is_a_diagnostic() {
    let dir = workspace("broken-lock");
    std::fs::write(dir.join("acme.lock.yaml"), "format: 7\ncodes: {}\n").expect("writable");
    let output = errcat_in(&dir, &["check", "acme.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("lock format 7 is not supported"), "{}", text(&output));
}
