//! Every folder under `tests/bad/` holds one broken catalog. Its diagnostics, rendered
//! exactly as `errcat check` prints them, are an insta snapshot; the catalog's
//! `# expect:` line names the rules that must fire, so a snapshot accepted by mistake
//! still fails when the right rule stops firing.

use errcat::diag::{self, Style};
use errcat::load::Limits;

#[test]
fn bad_catalogs_report_their_problems() {
    insta::glob!("bad/*/catalog.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("the case is readable");
        let case =
            path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let checked = errcat::check_str(&text, &Limits::default());
        let expected: Vec<&str> = text
            .lines()
            .find_map(|line| line.strip_prefix("# expect:"))
            .map(|rules| rules.split(',').map(str::trim).filter(|r| !r.is_empty()).collect())
            .unwrap_or_default();
        assert!(!expected.is_empty(), "{case}: the catalog needs an `# expect: RULE, …` line");
        for rule in &expected {
            assert!(
                checked.diagnostics.iter().any(|d| d.rule == *rule),
                "{case}: expected a `{rule}` diagnostic, got {:?}",
                checked.diagnostics.iter().map(|d| d.rule).collect::<Vec<_>>()
            );
        }
        // Every case is broken in a way that must stop generation, except the ones whose
        // only problems are warnings.
        let only_warnings = expected.iter().all(|r| {
            [
                "reserved-word",
                "category-pattern",
                "retry-contradicts-status",
                "empty-text",
                "api-name-non-ascii",
                "replacement-details",
            ]
            .contains(r)
        });
        assert_eq!(
            checked.catalog.is_some(),
            only_warnings,
            "{case}: catalog produced despite errors (or withheld for warnings)"
        );
        let shown = format!("{case}/catalog.yaml");
        insta::assert_snapshot!(diag::render(&checked.diagnostics, &shown, &text, Style::Plain));
    });
}

#[test]
fn the_shipped_catalog_is_clean() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
    let file = errcat::check_file(std::path::Path::new(path), &Limits::default()).expect("catalog is readable");
    assert!(file.checked.diagnostics.is_empty(), "{:#?}", file.checked.diagnostics);
    let catalog = file.checked.catalog.expect("a clean catalog is checked");
    assert_eq!(catalog.codes.len(), 28, "27 seed codes plus VALIDATION_ERROR");
    assert_eq!(catalog.statuses.len(), 15, "the seed's 14 rows plus 504");
    assert_eq!(catalog.categories.len(), 7);
}

#[test]
fn a_catalog_over_the_size_limit_is_refused_before_parsing() {
    let limits = Limits { max_bytes: 1024, ..Limits::default() };
    let checked = errcat::check_str(&"# padding\n".repeat(200), &limits);
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].rule, "catalog-too-large");
}
