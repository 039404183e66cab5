//! `cargo xtask ci --only site`: the static HTML reference in a real browser.
//!
//! Debian's Chromium (`/usr/bin/chromium`, installed with apt-get when missing) is driven
//! by playwright-core, with axe-core for accessibility, both pinned and installed under
//! `target/ci-tools/node-site`. `site/browser.mjs` runs every check on three kinds of
//! catalog, each rendered here with the templates on disk into `target/site/<case>/site`:
//!
//! - **shipped**: `catalog/scriptix.yaml` (`ratelimit` and `rate limit` must find
//!   `RATE_LIMIT_EXCEEDED`);
//! - **hostile**: [`HOSTILE_CATALOGS`] catalogs of `errcat_testkit::hostile` from fixed seeds
//!   (`</script>`, `<script>alert(1)</script>`, U+2028, NUL, bidirectional controls…),
//!   opened with the site's Content Security Policy bypassed so that only escaping keeps
//!   their text from running: `window.__pwned` (set by `alert`) must stay false, and each
//!   code's title, heading and message must be the page's text exactly;
//! - **large**: `errcat_testkit::synthetic::catalog(10_000)`, where the index must be
//!   searchable within 1 s of navigation and a keystroke's results must reach the screen
//!   within 50 ms (95th percentile).
//!
//! The checks: the index lists every code under its anchor; the search index's words are
//! the ones the page's JavaScript makes of the catalog's text (errcat computes them in Rust); search as you type; the status and category filters; `/`, arrows
//! and Enter; deep links (`index.html#<code>`, what each doc URL ends in) over http and
//! `file://`; the copy button (the clipboard's text is the example body); the theme toggle;
//! no horizontal scrolling on a phone; axe-core with no serious or critical violation in
//! the light and dark themes. Screenshots (`index.png`, `code.png`, `code-phone.png`,
//! `code-dark.png`) and `report.json` (the timings) stay in `target/site/<case>/` as CI
//! artifacts.
//!
//! `SITE_CATALOGS=large` (or `shipped,hostile`) runs some kinds of catalog only.
//!
//! The facts the browser compares against (`expected.json`) come from the checked catalog,
//! never from the rendered site.

use std::path::{Path, PathBuf};
use std::process::Command;

use errcat::model::Catalog;
use errcat::render::Options;
use errcat::targets::TargetId;
use serde_json::json;

use crate::exec::{remove_dir, run_command, write};
use crate::project_root;
use crate::tools;

/// playwright-core, pinned (it drives the system's Chromium; it never downloads one).
const PLAYWRIGHT: &str = "playwright-core@1.65.1";
/// axe-core, pinned.
const AXE: &str = "axe-core@4.14.1";
/// Debian's Chromium.
const CHROMIUM: &str = "/usr/bin/chromium";
/// Hostile catalogs (`SITE_HOSTILE_CATALOGS` overrides).
const HOSTILE_CATALOGS: u64 = 2;
/// Codes in the large catalog.
const LARGE_CODES: usize = 10_000;
/// Where the step works, below the repository root.
const WORK: &str = "target/site";
/// Code pages the browser opens in a large catalog (every page in the others).
const LARGE_PAGES: usize = 20;

/// Runs the browser checks on every catalog; all run even when one fails.
pub fn run() -> Result<(), String> {
    chromium()?;
    let node = tools::npm_packages("site", &[PLAYWRIGHT, AXE])?;
    let work = project_root().join(WORK);
    remove_dir(&work)?;
    let mut cases: Vec<(String, Result<Catalog, String>, String)> = Vec::new();
    cases.push((
        "shipped".to_owned(),
        crate::exec::load_catalog(crate::codegen::CATALOG, true),
        "catalog/scriptix.yaml".to_owned(),
    ));
    let hostile = std::env::var("SITE_HOSTILE_CATALOGS")
        .ok()
        .map(|value| value.parse().map_err(|_| format!("SITE_HOSTILE_CATALOGS={value} is not a number")))
        .transpose()?
        .unwrap_or(HOSTILE_CATALOGS);
    for seed in 0..hostile {
        let text = errcat_testkit::hostile::generate(seed).yaml();
        let checked = errcat::check_str(&text, &errcat::load::Limits::default());
        let catalog = checked.catalog.ok_or_else(|| format!("hostile seed {seed}: the validator refused it"));
        cases.push((format!("hostile-{seed}"), catalog, format!("errcat_testkit::hostile::generate({seed})")));
    }
    let text = errcat_testkit::synthetic::catalog(LARGE_CODES);
    let checked = errcat::check_str(&text, &errcat_testkit::synthetic::limits());
    let large = checked.catalog.ok_or_else(|| "the validator refused the synthetic catalog".to_owned());
    cases.push(("large".to_owned(), large, format!("errcat_testkit::synthetic::catalog({LARGE_CODES})")));

    // `SITE_CATALOGS=large` (or `shipped,hostile`) runs some kinds only.
    let chosen = std::env::var("SITE_CATALOGS").ok();
    let wanted = |name: &str| {
        chosen.as_deref().is_none_or(|list| list.split(',').any(|kind| name.split('-').next() == Some(kind.trim())))
    };
    let script = project_root().join("xtask/src/ci/site/browser.mjs");
    let mut failures = Vec::new();
    for (name, catalog, source) in cases.into_iter().filter(|(name, _, _)| wanted(name)) {
        let dir = work.join(&name);
        let result = catalog.and_then(|catalog| {
            let site = render(&catalog, &source, &dir)?;
            let expected = dir.join("expected.json");
            write(&expected, &expected_facts(&name, &catalog))?;
            run_command(
                Command::new("node")
                    .arg(&script)
                    .arg(node.join("node_modules"))
                    .arg(&site)
                    .arg(&expected)
                    .arg(&dir)
                    .env("CHROMIUM", CHROMIUM),
            )
        });
        if let Err(message) = result {
            failures.push(format!("{name}: {message}"));
        }
    }
    eprintln!("site: screenshots and report.json in {WORK}/<catalog>/");
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n  ")) }
}

/// Installs Debian's Chromium with apt-get unless it is there.
fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).is_file() {
        return Ok(());
    }
    eprintln!("site: {CHROMIUM} is missing; installing Debian's chromium package");
    run_command(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", "chromium"]))
        .map_err(|e| format!("cannot install chromium ({e}); run `apt-get install chromium` as root"))
}

/// Renders the site target of `catalog` into `dir/site`; returns that folder.
fn render(catalog: &Catalog, source: &str, dir: &Path) -> Result<PathBuf, String> {
    let options = Options {
        command: "cargo xtask ci --only site".to_owned(),
        catalog_path: source.to_owned(),
        templates_dir: Some(project_root().join("templates")),
    };
    let files = errcat::render::plan_targets(catalog, &options, &[TargetId::Site]).map_err(|e| e.to_string())?;
    for (path, text) in &files {
        write(&dir.join(path), text)?;
    }
    Ok(dir.join("site"))
}

/// What the browser checks the site against, from the checked catalog.
fn expected_facts(name: &str, catalog: &Catalog) -> String {
    let codes: Vec<serde_json::Value> = catalog
        .codes
        .iter()
        .map(|code| {
            json!({
                "code": code.code,
                "title": code.title,
                "heading": code.heading,
                "message": code.message.text,
                "summary": code.summary,
                "description": code.description,
                "status": code.status,
                "category": catalog.categories.iter().position(|c| c.id == code.category),
                "example": code.example.body,
            })
        })
        .collect();
    let count = catalog.codes.len();
    let pick = |at: usize| &catalog.codes[at.min(count - 1)];
    let middle = pick(count / 2);
    let shipped = catalog.codes.iter().find(|code| code.code == "RATE_LIMIT_EXCEEDED");
    let mut searches = Vec::new();
    if let Some(code) = shipped {
        for query in ["ratelimit", "rate limit", "Rate-Limit", "rate_limit_exc", "too many requests"] {
            searches.push(json!({"query": query, "code": code.code}));
        }
    }
    for code in [pick(0), middle, pick(count - 1)] {
        let words = code.code.to_lowercase().replace('_', " ");
        searches.push(json!({"query": words, "code": code.code}));
        searches.push(json!({"query": words.replace(' ', ""), "code": code.code}));
    }
    let pages: Vec<&str> = match shipped {
        Some(code) => std::iter::once(code.code.as_str())
            .chain(catalog.codes.iter().map(|c| c.code.as_str()).filter(|c| *c != code.code))
            .collect(),
        None if count > LARGE_PAGES => {
            (0..LARGE_PAGES).map(|i| catalog.codes[i * count / LARGE_PAGES].code.as_str()).collect()
        }
        None => catalog.codes.iter().map(|c| c.code.as_str()).collect(),
    };
    let mut other_pages = Vec::new();
    if let Some(status) = catalog.statuses.iter().find(|s| s.code == middle.status) {
        other_pages.push(format!("status/{}.html", status.code));
    }
    other_pages.push(format!("categories/{}.html", middle.category));
    // Each translation's page, checked for accessibility like the others.
    other_pages.extend(catalog.locales.translations.iter().map(|t| format!("{}/index.html", t.tag)));
    let document = json!({
        "name": name,
        "codes": codes,
        "probes": {
            "searches": searches,
            "status": middle.status,
            "category": catalog.categories.iter().position(|c| c.id == middle.category),
            "deep_links": [pick(0).code, middle.code, pick(count - 1).code],
            "pages": pages,
            "other_pages": other_pages,
        },
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}
