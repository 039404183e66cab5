//! Every folder under `tests/diff/` holds a before/after pair of catalogs (`old.yaml`,
//! `new.yaml`). What `errcat diff` prints for them, as diagnostics and as a Markdown
//! changelog section, is an insta snapshot; the `# expect:` line of `new.yaml` names the
//! kinds of change that must be found, so a snapshot accepted by mistake still fails when
//! a rule stops firing.

use errcat::diag::Style;
use errcat::diff::{self, Class, output::Side};
use errcat::load::Limits;
use errcat::model::Catalog;

fn checked(text: &str, what: &str) -> Catalog {
    let checked = errcat::check_str(text, &Limits::default());
    assert!(!checked.has_errors(), "{what} has errors: {:#?}", checked.diagnostics);
    checked.catalog.unwrap_or_else(|| panic!("{what} is not a catalog"))
}

#[test]
fn each_pair_reports_its_changes() {
    insta::glob!("diff/*/new.yaml", |path| {
        let dir = path.parent().expect("a case folder");
        let case = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let old_text = std::fs::read_to_string(dir.join("old.yaml")).expect("old.yaml is readable");
        let new_text = std::fs::read_to_string(path).expect("new.yaml is readable");
        let (old, new) =
            (checked(&old_text, &format!("{case}/old.yaml")), checked(&new_text, &format!("{case}/new.yaml")));
        let changes = diff::changes(&old, &new);
        let expected: Vec<&str> = new_text
            .lines()
            .find_map(|line| line.strip_prefix("# expect:"))
            .map(|kinds| kinds.split(',').map(str::trim).filter(|k| !k.is_empty()).collect())
            .expect("new.yaml has an `# expect:` line");
        for kind in &expected {
            assert!(
                changes.iter().any(|change| change.kind == *kind),
                "{case}: expected a `{kind}` change, got {:?}",
                changes.iter().map(|change| change.kind).collect::<Vec<_>>()
            );
        }
        if expected.is_empty() {
            assert!(changes.is_empty(), "{case}: expected no changes, got {changes:#?}");
        }
        let (old_shown, new_shown) = (format!("{case}/old.yaml"), format!("{case}/new.yaml"));
        let old_side = Side { shown: &old_shown, text: &old_text };
        let new_side = Side { shown: &new_shown, text: &new_text };
        let text = diff::output::text(&changes, old_side, new_side, Style::Plain);
        let markdown = diff::output::markdown(&changes, "Changes");
        insta::assert_snapshot!(format!("{text}\n--- markdown ---\n\n{markdown}"));
    });
}

#[test]
fn a_catalog_compared_with_itself_has_no_changes() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml"))
        .expect("the shipped catalog is readable");
    let catalog = checked(&text, "the shipped catalog");
    assert!(diff::changes(&catalog, &catalog).is_empty());
}

#[test]
fn json_names_both_positions_and_counts_each_class() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/diff/status-changed");
    let old_text = std::fs::read_to_string(format!("{dir}/old.yaml")).expect("readable");
    let new_text = std::fs::read_to_string(format!("{dir}/new.yaml")).expect("readable");
    let changes = diff::changes(&checked(&old_text, "old"), &checked(&new_text, "new"));
    let json = diff::output::json(
        &changes,
        Side { shown: "old.yaml", text: &old_text },
        Side { shown: "new.yaml", text: &new_text },
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["summary"]["breaking"], 1, "{json}");
    let change = &value["changes"][0];
    assert_eq!(change["kind"], "status-changed");
    assert_eq!(change["class"], "breaking");
    assert_eq!(change["old"]["path"], "old.yaml");
    assert!(change["old"]["line"].as_u64().is_some_and(|line| line > 0), "{json}");
    assert!(change["new"]["line"].as_u64().is_some_and(|line| line > 0), "{json}");
    assert!(changes.iter().all(|change| change.class == Class::Breaking));
}
