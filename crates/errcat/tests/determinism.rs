//! Output is a function of the catalog's meaning: generating twice gives the same bytes,
//! reordering what the format gives no meaning changes nothing, and no output carries a
//! timestamp.
//!
//! What order does mean: categories are the docs' sections in catalog order, codes keep
//! catalog order within their category (docs, Rust enum, client tables), and practices,
//! troubleshooting entries and `api.links` are listed in the docs and the site in catalog
//! order. The
//! status table is sorted by status; mapping keys never matter.

use errcat::load::Limits;
use errcat::model::Catalog;
use errcat::render::{self, Files, Options};
use errcat_testkit::hostile::{self, HostileCatalog, Yaml};

fn options() -> Options {
    Options {
        command: "errcat generate catalog.yaml --out out".into(),
        catalog_path: "catalog.yaml".into(),
        templates_dir: None,
    }
}

fn model(text: &str) -> Catalog {
    let checked = errcat::check_str(text, &Limits::default());
    checked.catalog.unwrap_or_else(|| panic!("refused: {:#?}", checked.diagnostics))
}

/// Every generated file, the Rust crate's source included.
fn outputs(text: &str) -> Files {
    let catalog = model(text);
    let mut files = render::plan(&catalog, &options()).unwrap_or_else(|e| panic!("plan failed: {e}"));
    files.insert("rust/errors.rs".into(), errcat::targets::rust::generate(&catalog));
    files
}

fn shipped() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml"))
        .expect("the shipped catalog is readable")
}

/// Paths whose contents differ between two plans.
fn differing(a: &Files, b: &Files) -> Vec<String> {
    let mut paths: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    paths.sort();
    paths.dedup();
    paths.into_iter().filter(|path| a.get(path) != b.get(path)).collect()
}

const SEEDS: std::ops::Range<u64> = 0..6;

#[test]
fn generating_twice_gives_the_same_bytes() {
    let catalogs = std::iter::once(shipped()).chain(SEEDS.map(|seed| hostile::generate(seed).yaml()));
    for text in catalogs {
        let first = outputs(&text);
        assert_eq!(differing(&first, &outputs(&text)), Vec::<String>::new());
    }
}

#[test]
fn reordering_keys_statuses_and_codes_across_categories_changes_nothing() {
    for seed in SEEDS {
        let catalog = hostile::generate(seed);
        let expected = outputs(&catalog.yaml());
        for shuffle in 1..4 {
            let reordered = catalog.reordered(seed * 100 + shuffle, &["keys", "statuses", "codes"]);
            assert_ne!(reordered.yaml(), catalog.yaml(), "seed {seed}: nothing was reordered");
            assert_eq!(differing(&expected, &outputs(&reordered.yaml())), Vec::<String>::new(), "seed {seed}");
        }
    }
}

#[test]
fn reordering_links_and_troubleshooting_changes_only_the_docs_and_the_site() {
    for seed in SEEDS {
        let catalog = hostile::generate(seed);
        let expected = outputs(&catalog.yaml());
        let reordered = catalog.reordered(seed + 7, &["links", "troubleshooting"]);
        let changed = differing(&expected, &outputs(&reordered.yaml()));
        assert!(
            changed.iter().all(|path| path.starts_with("docs/") || path.starts_with("site/")),
            "seed {seed}: {changed:?}"
        );
    }
}

#[test]
fn codes_keep_their_catalog_order_within_a_category() {
    let mut swapped_any = false;
    for seed in SEEDS {
        let catalog = hostile::generate(seed);
        let Some(swapped) = swap_two_codes_of_one_category(&catalog) else { continue };
        swapped_any = true;
        let before = model(&catalog.yaml());
        let after = model(&swapped.yaml());
        let names = |c: &Catalog| c.codes.iter().map(|code| code.code.clone()).collect::<Vec<_>>();
        assert_ne!(names(&before), names(&after), "seed {seed}: the swap is the documented order");
        let changed = differing(&outputs(&catalog.yaml()), &outputs(&swapped.yaml()));
        assert!(changed.iter().any(|path| path.starts_with("docs/")), "seed {seed}: the docs list codes in order");
    }
    assert!(swapped_any, "no generated catalog had two codes in one category");
}

/// The catalog with the first two codes that share a category swapped, if there are any.
fn swap_two_codes_of_one_category(catalog: &HostileCatalog) -> Option<HostileCatalog> {
    let mut root = catalog.root.clone();
    let Yaml::Map(entries) = &mut root else { return None };
    let (_, Yaml::Seq(codes)) = entries.iter_mut().find(|(key, _)| key == "codes")? else { return None };
    let category = |code: &Yaml| match code {
        Yaml::Map(fields) => fields.iter().find(|(k, _)| k == "category").map(|(_, v)| v.clone()),
        _ => None,
    };
    for i in 0..codes.len() {
        for j in i + 1..codes.len() {
            if category(&codes[i]) == category(&codes[j]) {
                codes.swap(i, j);
                return Some(HostileCatalog { root });
            }
        }
    }
    None
}

#[test]
fn no_output_carries_a_timestamp() {
    let text = shipped();
    let first = outputs(&text);
    // A timestamp would differ across a second boundary.
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    assert_eq!(differing(&first, &outputs(&text)), Vec::<String>::new());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date(now / 86_400);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let today = [
        format!("{year}-{month:02}-{day:02}"),
        format!("{day} {} {year}", MONTHS[(month - 1) as usize]),
        format!("{day:02} {} {year}", MONTHS[(month - 1) as usize]),
        format!("{year}/{month:02}/{day:02}"),
    ];
    let epoch_prefix = (now / 100_000).to_string();
    for (path, contents) in &first {
        for date in &today {
            assert!(!contents.contains(date.as_str()), "{path} carries today's date {date}");
        }
        assert!(!contents.contains(&epoch_prefix), "{path} carries what looks like the current Unix time");
    }
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> (i64, u32, u32) {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
