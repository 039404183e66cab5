//! The static HTML reference (`site/…`), from the shipped catalog and from the small
//! catalogs of hostile text: insta snapshots, and checks of what every page must hold: a
//! page and an anchored index row per code, links that land on files that exist, the
//! search index parsing back to the catalog's words, and no catalog text that can open a
//! tag or end the data block. The browser tests are `cargo xtask ci --only site`.

mod targets;

use std::collections::BTreeSet;

use errcat::model::Catalog;
use errcat::render::Files;
use errcat::targets::site::{search_other, search_runs, search_words};
use targets::{CASES, Case, LIFECYCLE, MINIMAL, SHIPPED};

fn site(case: &Case) -> Files {
    targets::render_all(case, "site")
}

/// The files of a site, one after the other, for a snapshot.
fn joined(files: &Files, only: Option<&[&str]>) -> String {
    let mut out = String::new();
    for (path, text) in files {
        if only.is_some_and(|only| !only.contains(&path.as_str())) {
            continue;
        }
        out.push_str(&format!("==> {path} <==\n{text}\n"));
    }
    out
}

#[test]
fn site_snapshot_scriptix() {
    let files = site(&SHIPPED);
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("scriptix_files", paths.join("\n"));
    let chosen = ["site/index.html", "site/codes/rate_limit_exceeded.html", "site/status/429.html"];
    insta::assert_snapshot!("scriptix", joined(&files, Some(&chosen)));
    // A partial translation's page: its texts, the source's marked and in the source's `lang`.
    insta::assert_snapshot!("scriptix_fr", joined(&files, Some(&["site/fr/index.html"])));
}

#[test]
fn site_snapshot_minimal() {
    insta::assert_snapshot!("minimal", joined(&site(&MINIMAL), None));
}

#[test]
fn site_snapshot_lifecycle() {
    let files = site(&LIFECYCLE);
    let pages: Vec<&str> = files.keys().map(String::as_str).filter(|p| p.ends_with(".html")).collect();
    insta::assert_snapshot!("lifecycle", joined(&files, Some(&pages)));
}

#[test]
fn every_code_has_a_page_and_an_anchored_index_row() {
    for case in &CASES {
        let files = site(case);
        let catalog = targets::catalog(case);
        let index = &files["site/index.html"];
        for code in &catalog.codes {
            let anchor = code.code.to_lowercase();
            let page = format!("site/codes/{anchor}.html");
            assert!(files.contains_key(&page), "{}: no {page}", case.name);
            assert_eq!(
                index.matches(&format!(" id=\"{anchor}\"")).count(),
                1,
                "{}: anchor of {}",
                case.name,
                code.code
            );
            assert!(files[&page].contains(&format!("<code id=\"code-name\">{}</code>", code.code)), "{page}");
            // The page at `api.reference_url` is the index, whose rows carry these anchors.
            if code.doc_url.starts_with(&catalog.api.reference_url) {
                assert_eq!(code.doc_url, format!("{}#{anchor}", catalog.api.reference_url));
            }
        }
        let pages = files.keys().filter(|p| p.starts_with("site/codes/")).count();
        assert_eq!(pages, catalog.codes.len(), "{}", case.name);
        for status in &catalog.statuses {
            assert!(files.contains_key(&format!("site/status/{}.html", status.code)), "{}", case.name);
        }
        for category in &catalog.categories {
            assert!(files.contains_key(&format!("site/categories/{}.html", category.id)), "{}", case.name);
        }
    }
}

#[test]
fn tombstones_are_listed_with_a_badge_and_have_no_page() {
    let files = site(&LIFECYCLE);
    let catalog = targets::catalog(&LIFECYCLE);
    assert!(!catalog.removed.is_empty());
    let index = &files["site/index.html"];
    for removed in &catalog.removed {
        let anchor = removed.code.code.to_lowercase();
        assert!(!files.contains_key(&format!("site/codes/{anchor}.html")));
        assert!(!index.contains(&format!("id=\"{anchor}\"")));
        assert!(index.contains(&format!(
            "<code>{}</code> <span class=\"badge badge-removed\">Removed</span>",
            removed.code.code
        )));
    }
    let deprecated: Vec<_> = catalog.codes.iter().filter(|c| c.lifecycle.deprecated.is_some()).collect();
    assert!(!deprecated.is_empty());
    for code in deprecated {
        let page = &files[&format!("site/codes/{}.html", code.code.to_lowercase())];
        assert!(page.contains("<span class=\"badge badge-deprecated\">Deprecated</span>"), "{}", code.code);
        if let Some(by) = code.lifecycle.deprecated.as_ref().and_then(|d| d.replaced_by.as_deref()) {
            assert!(page.contains(&format!("<a href=\"{}.html\"><code>{by}</code></a>", by.to_lowercase())), "{page}");
        }
    }
}

/// Every relative `href` and `src` of every page names a file of the site (anchors within
/// the index and the troubleshooting page included).
#[test]
fn relative_links_land_on_files_and_anchors_that_exist() {
    for case in &CASES {
        let files = site(case);
        for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
            for target in attributes(text, "href").into_iter().chain(attributes(text, "src")) {
                if target.starts_with("https://") || target.starts_with("http://") || target.starts_with("mailto:") {
                    continue;
                }
                if target == "data:," {
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((target.as_str(), ""));
                let resolved = if file.is_empty() { path.clone() } else { resolve(folder, file) };
                let Some(page) = files.get(&resolved) else {
                    panic!("{}: {path} links to {target}, which is not a file of the site", case.name);
                };
                if !anchor.is_empty() {
                    assert!(page.contains(&format!(" id=\"{anchor}\"")), "{}: {path} links to {target}", case.name);
                }
            }
        }
    }
}

fn attributes(html: &str, name: &str) -> Vec<String> {
    let marker = format!(" {name}=\"");
    html.split(&marker).skip(1).filter_map(|rest| rest.split('"').next()).map(|v| v.replace("&amp;", "&")).collect()
}

fn resolve(folder: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The JSON block parses back to every code's text exactly, and nothing in it can end the
/// `<script>` element or open a comment.
#[test]
fn the_search_index_parses_back_to_the_catalog() {
    let mut seeds = vec![];
    for seed in 0..4 {
        let text = errcat_testkit::hostile::generate(seed).yaml();
        let checked = errcat::check_str(&text, &errcat::load::Limits::default());
        seeds.push(checked.catalog.unwrap_or_else(|| panic!("hostile seed {seed} refused")));
    }
    let catalogs: Vec<Catalog> = CASES.iter().map(targets::catalog).chain(seeds).collect();
    for catalog in &catalogs {
        let options =
            errcat::render::Options { command: "test".into(), catalog_path: "test.yaml".into(), templates_dir: None };
        let files =
            errcat::render::plan_targets(catalog, &options, &[errcat::targets::TargetId::Site]).expect("renders");
        let index = &files["site/index.html"];
        let start = index.find("<script type=\"application/json\" id=\"search-index\">").expect("a data block");
        let body = &index[start..];
        let body = &body[body.find('>').expect("the tag ends") + 1..];
        let end = body.find("</script>").expect("the block ends");
        let json = &body[..end];
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('\u{2028}'), "{json}");
        let data: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let records = data["codes"].as_array().expect("codes");
        assert_eq!(records.len(), catalog.codes.len());
        for (record, code) in records.iter().zip(&catalog.codes) {
            let runs = |text: &str| search_runs(&search_words(text));
            let rest = format!("{} {} {}", code.summary, code.message.text, code.description);
            assert_eq!(record[0], code.code.as_str());
            assert_eq!(record[1], code.summary.as_str());
            assert_eq!(record[2], code.status);
            assert_eq!(record[5], runs(&code.code).as_str());
            assert_eq!(record[6], runs(&code.title).as_str());
            let known = format!("{} {}", code.code, code.title);
            assert_eq!(record[7], search_other(&rest, &known).as_str());
            // Every word of the text is in the record, so the search finds it.
            let all = format!(
                "{}{}{}",
                record[5].as_str().unwrap_or(""),
                record[6].as_str().unwrap_or(""),
                record[7].as_str().unwrap_or("")
            );
            for word in search_words(&format!("{known} {rest}")) {
                assert!(all.contains(&format!(" {word}")), "{word} of {}", code.code);
            }
            assert_eq!(record[8], search_words(&code.code).concat().as_str());
        }
        // Outside the data block, the only scripts are the site's own file.
        let scripts = index.matches("<script").count();
        assert_eq!(scripts, 2, "the site.js tag and the data block only");
        for (path, page) in files.iter().filter(|(p, _)| p.ends_with(".html") && p.as_str() != "site/index.html") {
            assert_eq!(page.matches("<script").count(), 1, "{path}");
        }
        // Every code's title shows as escaped text.
        for code in &catalog.codes {
            let page = &files[&format!("site/codes/{}.html", code.code.to_lowercase())];
            let title = errcat::targets::html::text(&code.title);
            assert!(page.contains(&format!("<dd id=\"code-title\">{title}</dd>")), "{}", code.code);
        }
    }
}

#[test]
fn the_site_carries_its_content_security_policy() {
    let files = site(&MINIMAL);
    let pages: BTreeSet<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
    for path in pages {
        assert!(files[path].contains("script-src 'self'; style-src 'self'"), "{path}");
    }
}
