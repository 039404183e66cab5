//! The `errcat check` and `errcat explain` commands as a user runs them.

use std::path::PathBuf;
use std::process::{Command, Output};

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the errcat binary runs")
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_passes_the_shipped_catalog() {
    let output = errcat(&["check", "catalog/scriptix.yaml", "--deny-warnings"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("ok (28 codes in 7 categories, 15 statuses)"));
}

#[test]
fn check_exits_1_on_errors_and_points_at_the_line() {
    let output = errcat(&["check", "crates/errcat/tests/bad/duplicate-code/catalog.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("error[duplicate-code]: code `RATE_LIMITED` is defined twice"), "{text}");
    assert!(text.contains("duplicate-code/catalog.yaml:"), "{text}");
    assert!(text.contains("first defined here"), "{text}");
}

#[test]
fn warnings_pass_unless_denied() {
    let path = "crates/errcat/tests/bad/category-pattern/catalog.yaml";
    let output = errcat(&["check", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning[category-pattern]"));
    let output = errcat(&["check", path, "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let output = errcat(&["check", "no/such/catalog.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/catalog.yaml"), "{}", stderr(&output));
}

#[test]
fn explain_prints_the_reference_of_a_code() {
    let output = errcat(&["explain", "rate_limit_exceeded", "--catalog", "catalog/scriptix.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("RATE_LIMIT_EXCEEDED (429 Too Many Requests, Quotas)"), "{text}");
    for expected in [
        "Solution:",
        "Retry: retry after the `Retry-After` delay",
        "\"retry_after\": 60",
        "Troubleshooting: Rate Limits",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn explain_prints_catalog_text_that_cannot_drive_the_terminal() {
    let catalog =
        std::fs::read_to_string(repo_root().join("crates/errcat/tests/catalogs/minimal.yaml")).expect("catalog");
    let hostile = catalog.replacen(
        "description: \"Say \\\"hi\\\"",
        "description: \"\\e]0;pwned\\a\\e[2J\\u202Eevil\\e]8;;https://x\\e\\\\link Say \\\"hi\\\"",
        1,
    );
    assert_ne!(hostile, catalog, "the test must change the description");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("explain-hostile");
    std::fs::create_dir_all(&dir).expect("folder");
    let path = dir.join("catalog.yaml");
    std::fs::write(&path, hostile).expect("write");
    let output = errcat(&["explain", "NO_TOKEN", "--catalog", path.to_str().expect("UTF-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("pwned") && text.contains("evil"), "{text}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal: {text:?}");
    }
}

#[test]
fn explain_suggests_a_close_code() {
    let output = errcat(&["explain", "QUOTA_EXCEDED", "--catalog", "catalog/scriptix.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("did you mean `QUOTA_EXCEEDED`?"), "{}", stderr(&output));
}

#[test]
fn schema_prints_the_committed_schema() {
    let output = errcat(&["schema"]);
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(repo_root().join("schema/catalog.schema.json")).expect("schema is committed");
    assert_eq!(String::from_utf8_lossy(&output.stdout), committed);
}
