//! Every folder under `tests/bad/` holds one broken catalog (and, for a broken translation,
//! its locale files). Its diagnostics, rendered exactly as `errcat check` prints them, are
//! an insta snapshot; the catalog's `# expect:` line names the rules that must fire, so a
//! snapshot accepted by mistake still fails when the right rule stops firing.

use errcat::diag::{self, Style};
use errcat::load::Limits;

#[test]
fn bad_catalogs_report_their_problems() {
    insta::glob!("bad/*/catalog.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("the case is readable");
        let case =
            path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let file = errcat::check_file(path, &Limits::default()).expect("the case is readable");
        let expected: Vec<&str> = text
            .lines()
            .find_map(|line| line.strip_prefix("# expect:"))
            .map(|rules| rules.split(',').map(str::trim).filter(|r| !r.is_empty()).collect())
            .unwrap_or_default();
        assert!(!expected.is_empty(), "{case}: the catalog needs an `# expect: RULE, …` line");
        for rule in &expected {
            assert!(
                file.all_diagnostics().any(|d| d.rule == *rule),
                "{case}: expected a `{rule}` diagnostic, got {:?}",
                file.all_diagnostics().map(|d| d.rule).collect::<Vec<_>>()
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
                "translation-stale",
                "translation-coverage",
                "locale-unlisted",
            ]
            .contains(r)
        });
        assert_eq!(
            file.checked.catalog.is_some(),
            only_warnings,
            "{case}: catalog produced despite errors (or withheld for warnings)"
        );
        let shown = format!("{case}/catalog.yaml");
        insta::assert_snapshot!(file.rendered(&shown, Style::Plain));
    });
}

#[test]
fn the_shipped_catalog_is_clean() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
    let file = errcat::check_file(std::path::Path::new(path), &Limits::default()).expect("catalog is readable");
    // Notes say how much of each partial translation falls back; nothing else is allowed.
    assert!(
        file.all_diagnostics().all(|d| d.rule == "translation-coverage" && d.severity == diag::Severity::Note),
        "{}",
        file.rendered(path, Style::Plain)
    );
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

#[test]
fn the_shipped_translations_fall_back_and_choose_plural_forms() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
    let file = errcat::check_file(std::path::Path::new(path), &Limits::default()).expect("catalog is readable");
    let catalog = file.checked.catalog.expect("a clean catalog is checked");
    assert_eq!(catalog.locales.source, "en");
    let tags: Vec<&str> = catalog.locales.translations.iter().map(|t| t.tag.as_str()).collect();
    assert_eq!(tags, ["de", "de-CH", "fr"]);
    let [de, de_ch, fr] = &catalog.locales.translations[..] else { panic!("three translations") };
    assert_eq!(de.codes.len(), catalog.codes.len(), "German is complete");
    assert!(de_ch.codes.len() < catalog.codes.len() && fr.codes.len() < catalog.codes.len(), "the others are partial");
    assert_eq!(de_ch.fallbacks, ["de", "en"]);
    assert_eq!(fr.fallbacks, ["en"]);
    assert_eq!(fr.plural_categories.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["one", "many", "other"]);
    let rate_limit = |translation: &errcat::model::Translation, seconds: &str| {
        let rules = errcat::locale::PluralRules::for_tag(&translation.tag);
        translation.codes["RATE_LIMIT_EXCEEDED"].message.fill_in(rules, |_| seconds.to_owned())
    };
    assert_eq!(rate_limit(de, "1"), "Zu viele Anfragen. Bitte versuchen Sie es in 1 Sekunde erneut.");
    assert_eq!(rate_limit(de, "30"), "Zu viele Anfragen. Bitte versuchen Sie es in 30 Sekunden erneut.");
    assert_eq!(rate_limit(fr, "0"), "Trop de requêtes. Veuillez réessayer dans 0 seconde.");
    assert_eq!(rate_limit(fr, "1000000"), "Trop de requêtes. Veuillez réessayer dans 1000000 de secondes.");
}
