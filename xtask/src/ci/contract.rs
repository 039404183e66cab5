//! CI contract test of the demo service: schemathesis, at a pinned version, reads the
//! demo's own OpenAPI document (`GET /openapi.json`, whose error components are errcat's
//! fragment of the catalog) and sends requests made from it to every route, checking that
//! each answer is one the document declares: its status, content type, headers and body.
//!
//! The demo runs in the `flat` profile (the one the document describes) as the standard
//! key `sk_test_valid`, with a rate limit the run cannot reach and a short
//! `--sync-timeout-ms`, so the seed document whose transcription outlasts it answers
//! TIMEOUT at once rather than after 30 s. What differs by operation (the deliberate 500
//! and 504 of the seed data, statuses a schema cannot foresee) is in
//! `conformance/contract/schemathesis.toml`, each with its reason.
//!
//! The document as served is first validated and linted like the fragment in the docs step
//! (openapi-spec-validator, Redocly). schemathesis is installed in a venv under
//! `target/ci-tools/`; it sends nothing beyond
//! the demo on loopback (version 4.32.5 has no telemetry).

use std::process::Command;

use crate::exec::{remove_dir, run_in, start_demo};
use crate::{project_root, tools};

/// The pinned tool.
const TOOLS: [&str; 1] = ["schemathesis==4.32.5"];

/// Per-operation settings, relative to the repository root.
const CONFIG: &str = "conformance/contract/schemathesis.toml";

/// The demo's flags for the run.
const DEMO_ARGS: [&str; 6] = ["--port", "0", "--rate-limit", "1000000", "--sync-timeout-ms", "200"];

/// The key schemathesis sends: active, may write, organization within every limit. It
/// checks that requests without it are refused (`ignored_auth`).
const AUTHORIZATION: &str = "Authorization: Bearer sk_test_valid";

/// Runs schemathesis against the demo; fails when it reports any failure or error.
pub fn run() -> Result<(), String> {
    let bin = tools::python_venv("contract", &TOOLS)?;
    let root = project_root();
    let config = root.join(CONFIG);
    // schemathesis and Hypothesis keep caches in the folder they run in (`.schemathesis/`,
    // `.hypothesis/`): a fresh one each run, so a run depends on nothing but the seed.
    let work = root.join("target").join("contract");
    remove_dir(&work)?;
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let demo = start_demo(&DEMO_ARGS)?;
    let schema = format!("{}/openapi.json", demo.base_url);
    // The document as served must be valid OpenAPI 3.1 first, by the docs step's checks.
    let document = work.join("openapi.json");
    let fetch = "import sys, urllib.request; open(sys.argv[2], 'wb').write(urllib.request.urlopen(sys.argv[1]).read())";
    run_in(&work, Command::new(bin.join("python")).args(["-c", fetch, &schema]).arg(&document))?;
    super::docs::validate_openapi(std::slice::from_ref(&document))?;
    let mut command = Command::new(bin.join("schemathesis"));
    command
        .arg("--no-color")
        .arg("--config-file")
        .arg(&config)
        .args(["run", &schema, "--header", AUTHORIZATION])
        // Every check: none is wrong for this API as a whole, and what is wrong for one
        // operation is said in CONFIG.
        .args(["--checks", "all"])
        .args(["--phases", "examples,coverage,fuzzing,stateful"])
        // About 30 s on 2 cores for the 15 operations.
        .args(["--max-examples", "100", "--seed", "1"])
        // One worker: the same requests in the same order each run (with the seed), and
        // CPython 3.11's `ast.parse`, which Hypothesis calls to describe its strategies,
        // is not safe to run on two threads at once ("AST constructor recursion depth
        // mismatch").
        .args(["--workers", "1"])
        .args(["--request-timeout", "10"])
        // No database of examples found by earlier runs.
        .args(["--generation-database", "none"])
        .env("NO_COLOR", "1")
        // Python's string hashes fixed too, for the order of sets Hypothesis draws from.
        .env("PYTHONHASHSEED", "0");
    let result = run_in(&work, &mut command);
    drop(demo);
    result.map_err(|e| format!("schemathesis found the demo at odds with its OpenAPI document (report above): {e}"))
}
