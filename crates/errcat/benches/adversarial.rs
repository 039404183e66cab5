//! Adversarial shapes (issue 14): catalogs within errcat's limits that are shaped to make
//! a naive implementation quadratic, each checked and (when valid) rendered through every
//! target once, timed. The goal: any catalog within the limits checks in ≤ 2 s and
//! generates in ≤ 5 s on a 2-core machine.
//!
//! ```text
//! cargo bench -p errcat --bench adversarial [-- --scale N]
//! ```
//!
//! prints one JSON object per shape on stdout (`shape`, `bytes`, `diagnostics`, `check_s`,
//! and `generate_s` for the valid ones). `--scale N` divides every shape's size by `N`
//! (the CI smoke run uses it on an unoptimized build). Each shape starts from the shipped
//! catalog (`catalog/scriptix.yaml`), read as data and changed:
//!
//! - `many-fields`: one code with 8 000 details fields (the field clash check once compared
//!   every pair);
//! - `long-ids`: a 60 000-character category id and link id, each with 30 references that
//!   miss by one character (did-you-mean once ran Jaro-Winkler on them uncapped);
//! - `one-line`: the catalog as one line of JSON-style YAML with 2 000 wrong codes, and a
//!   7.6 MB one with 20 000 (each diagnostic once handed the whole line to the renderer);
//! - `many-categories`: 5 000 codes in 5 000 categories (templates were quadratic in
//!   categories × codes).

use std::path::Path;
use std::time::Instant;

use errcat::render::{self, Options};
use serde_json::{Value, json};

/// One shape: its name, its text, and whether it is a valid catalog to generate from.
struct Shape {
    name: &'static str,
    text: String,
    valid: bool,
}

fn main() {
    let mut scale = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench`; other unknown flags are ignored too.
        if arg == "--scale" {
            scale = args.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0).unwrap_or_else(|| {
                eprintln!("adversarial: --scale takes a positive number");
                std::process::exit(2)
            });
        }
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/scriptix.yaml");
    let text = std::fs::read_to_string(&shipped).unwrap_or_else(|e| fail(&format!("{}: {e}", shipped.display())));
    let base: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| fail(&format!("shipped catalog: {e}")));
    let shapes = [
        many_fields(&base, 8_000 / scale),
        long_ids(&base, 60_000 / scale, 30),
        one_line(&base, "one-line", 2_000 / scale),
        one_line(&base, "one-line-large", 20_000 / scale),
        many_categories(&base, 5_000 / scale),
    ];
    let options = Options {
        command: "cargo bench --bench adversarial".to_owned(),
        catalog_path: "adversarial.yaml".to_owned(),
        templates_dir: None,
    };
    for shape in shapes {
        let (started, cpu_started) = (Instant::now(), cpu_seconds());
        let checked = errcat::check_str(&shape.text, &errcat::load::Limits::default());
        let check_s = started.elapsed().as_secs_f64();
        let check_cpu_s = cpu_seconds() - cpu_started;
        let mut report = json!({
            "shape": shape.name,
            "bytes": shape.text.len(),
            "diagnostics": checked.diagnostics.len(),
            "check_s": check_s,
            "check_cpu_s": check_cpu_s,
        });
        if shape.valid {
            let catalog = checked.catalog.unwrap_or_else(|| {
                let first = checked.diagnostics.first().map_or("", |d| d.message.as_str());
                fail(&format!("shape {} should be valid; the first diagnostic: {first}", shape.name))
            });
            let (started, cpu_started) = (Instant::now(), cpu_seconds());
            let files = render::plan(&catalog, &options)
                .unwrap_or_else(|e| fail(&format!("shape {}: render failed: {e}", shape.name)));
            report["generate_s"] = json!(check_s + started.elapsed().as_secs_f64());
            report["generate_cpu_s"] = json!(check_cpu_s + cpu_seconds() - cpu_started);
            report["files"] = json!(files.len());
        } else if checked.diagnostics.is_empty() {
            fail(&format!("shape {} should have diagnostics", shape.name));
        }
        println!("{report}");
    }
}

/// The shipped catalog's first code without an example (its example body would no longer
/// match once the code changes), as the template of the codes a shape adds.
fn plain_code(base: &Value) -> Value {
    let mut code = base["codes"][0].clone();
    if let Some(code) = code.as_object_mut() {
        code.remove("example");
        code.remove("details");
        code.remove("see");
    }
    code
}

/// The shipped catalog with `codes` in place of its codes, its troubleshooting entries
/// (which name shipped codes) dropped.
fn with_codes(base: &Value, codes: Vec<Value>) -> Value {
    let mut catalog = base.clone();
    catalog["codes"] = Value::Array(codes);
    if let Some(catalog) = catalog.as_object_mut() {
        catalog.remove("troubleshooting");
    }
    catalog
}

fn many_fields(base: &Value, fields: usize) -> Shape {
    let mut code = base["codes"][0].clone();
    if let Some(object) = code.as_object_mut() {
        object.remove("example");
    }
    code["details"] = (0..fields)
        .map(|i| json!({"name": format!("field_{i:05}"), "type": "string", "description": "One of many fields.", "optional": true}))
        .collect();
    let mut catalog = base.clone();
    catalog["codes"][0] = code;
    Shape { name: "many-fields", text: to_yaml(&catalog), valid: true }
}

fn long_ids(base: &Value, length: usize, references: usize) -> Shape {
    let mut catalog = base.clone();
    let id: String = "a".repeat(length);
    let near_miss = |i: usize| {
        let mut id = id.clone().into_bytes();
        let at = (i * 7919) % id.len().max(1);
        id[at] = b'b';
        String::from_utf8(id).unwrap_or_default()
    };
    let mut category = base["categories"][0].clone();
    category["id"] = json!(id);
    if let Some(object) = category.as_object_mut() {
        object.remove("patterns");
        object.remove("pattern_exceptions");
    }
    if let Some(categories) = catalog["categories"].as_array_mut() {
        categories.push(category);
    }
    if let Some(links) = catalog["api"]["links"].as_array_mut() {
        let mut link = links[0].clone();
        link["id"] = json!(id);
        links.push(link);
    }
    let template = plain_code(base);
    if let Some(codes) = catalog["codes"].as_array_mut() {
        for i in 0..references {
            let mut code = template.clone();
            code["code"] = json!(format!("NEAR_MISS_{i:03}"));
            code["category"] = json!(near_miss(i));
            code["see"] = json!([near_miss(i + references)]);
            codes.push(code);
        }
    }
    if let Some(object) = catalog.as_object_mut() {
        object.remove("troubleshooting");
    }
    Shape { name: "long-ids", text: to_yaml(&catalog), valid: false }
}

fn one_line(base: &Value, name: &'static str, wrong: usize) -> Shape {
    let template = plain_code(base);
    let codes = (0..wrong)
        .map(|i| {
            let mut code = template.clone();
            code["code"] = json!(format!("WRONG_{i:05}"));
            code["status"] = json!(299);
            code["category"] = json!(format!("missing_{i}"));
            code
        })
        .collect();
    // JSON is YAML: the whole catalog in flow style on one line.
    let text = serde_json::to_string(&with_codes(base, codes)).unwrap_or_default();
    Shape { name, text, valid: false }
}

fn many_categories(base: &Value, count: usize) -> Shape {
    let template = plain_code(base);
    let category = base["categories"][0].clone();
    let categories: Vec<Value> = (0..count)
        .map(|i| {
            let mut category = category.clone();
            category["id"] = json!(format!("service_{i:05}"));
            category["title"] = json!(format!("Service {i}"));
            if let Some(object) = category.as_object_mut() {
                object.remove("patterns");
                object.remove("pattern_exceptions");
            }
            category
        })
        .collect();
    let codes = (0..count)
        .map(|i| {
            let mut code = template.clone();
            code["code"] = json!(format!("SERVICE_{i:05}_FAILED"));
            code["category"] = json!(format!("service_{i:05}"));
            code
        })
        .collect();
    let mut catalog = with_codes(base, codes);
    catalog["categories"] = Value::Array(categories);
    Shape { name: "many-categories", text: to_yaml(&catalog), valid: true }
}

/// `catalog` as block-style YAML: one JSON value per line where YAML allows it, which is
/// how a catalog written by hand looks to the loader (one mapping per code).
fn to_yaml(catalog: &Value) -> String {
    let mut text = String::new();
    if let Some(object) = catalog.as_object() {
        for (key, value) in object {
            match value.as_array() {
                Some(items) => {
                    text.push_str(key);
                    text.push_str(":\n");
                    for item in items {
                        text.push_str("  - ");
                        text.push_str(&serde_json::to_string(item).unwrap_or_default());
                        text.push('\n');
                    }
                }
                None => {
                    text.push_str(key);
                    text.push_str(": ");
                    text.push_str(&serde_json::to_string(value).unwrap_or_default());
                    text.push('\n');
                }
            }
        }
    }
    text
}

/// The CPU time (user and system) of every thread of this process so far, from Linux's
/// `/proc/self/stat` (clock ticks of 1/100 s); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name (which may hold spaces) come the state (field 3) and, at
    // fields 14 and 15, utime and stime.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn fail(message: &str) -> ! {
    eprintln!("adversarial: {message}");
    std::process::exit(1)
}
