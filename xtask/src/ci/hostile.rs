//! `cargo xtask ci --only hostile`: hostile catalogs through the real toolchains, and the
//! fuzzer.
//!
//! 1. **Toolchain tier.** [`CATALOGS`] catalogs drawn by
//!    `errcat_testkit::hostile::generate` from fixed seeds (every free-text field hostile:
//!    quotes, backslashes, `"""`, `*/`, `${`, backticks, `{{`, `</script>`, U+2028, NUL,
//!    BOM, bidirectional marks, emoji, long lines; codes such as `TYPE`, `NONE`, `SELF`)
//!    are rendered with `errcat generate`.
//!    Each client then goes through its own toolchain, and the strings it exposes are read
//!    back from the generated code and compared with the catalog's, exactly, by the
//!    `hostile_read_back` of its language's CI module (an exhaustive match over the
//!    targets picks them):
//!    - Python: `compileall`, then an import of the package comparing `CODE_INFO` (title,
//!      message, summary), `CATEGORY_TITLES` and `HTTP_STATUSES` (reason).
//!    - TypeScript: `tsc` with the client's strict `tsconfig.json`, then a Node script
//!      importing the compiled client comparing `CODE_INFO` (title, summary) and
//!      `HTTP_STATUSES` (name, meaning).
//!    - Go: `go vet`, then a test file dropped into the package comparing `Code.Info()`
//!      (title, summary) and the status table's reason phrases.
//!
//!    Descriptions, causes and solutions only reach doc comments and docstrings, which
//!    errcat cleans on purpose (no raw line breaks or bidirectional controls); they are
//!    proven harmless by the compilers, not read back.
//! 2. **Fuzzer.** Each of [`FUZZ_TARGETS`] runs (`cargo fuzz run -s none TARGET`) for its
//!    seconds from the committed seed corpus (`fuzz/corpus/load_validate_render`, shared);
//!    new corpus entries go to `target/fuzz-corpus/TARGET`, crashes to `fuzz/artifacts`:
//!    `load_validate_render` renders every target of each catalog that checks (a few
//!    hundred inputs a second), `load_validate` stops after the diagnostics (thousands a
//!    second, for long runs). cargo-fuzz is installed at [`CARGO_FUZZ_VERSION`] under
//!    `target/ci-tools/cargo`. `-s none` builds without sanitizers, which is what makes it
//!    work on the stable toolchain.
//!
//! Run longer by hand: `HOSTILE_CATALOGS=100 HOSTILE_FUZZ_SECONDS=3600 cargo xtask ci
//! --only hostile` (each target that long).

use std::path::PathBuf;
use std::process::Command;

use errcat::load::Limits;
use errcat::model::Catalog;
use serde_json::json;

use crate::tools;
use errcat::targets::TargetId;

use crate::exec::{built_binary, cargo, remove_dir, run_command, write};
use crate::project_root;

/// Catalogs of the toolchain tier (`HOSTILE_CATALOGS` overrides).
const CATALOGS: u64 = 6;
/// The fuzz targets, the seconds each runs (`HOSTILE_FUZZ_SECONDS` overrides both) and the
/// longest input each makes (`load_validate` keeps to small catalogs, which is what makes
/// it fast: the render target takes the seeds' length, up to whole catalogs).
const FUZZ_TARGETS: [(&str, u64, Option<u32>); 2] =
    [("load_validate_render", 45, None), ("load_validate", 20, Some(LOAD_VALIDATE_MAX_LEN))];
/// The longest input of `load_validate`, in bytes (the README's long run uses it too).
const LOAD_VALIDATE_MAX_LEN: u32 = 1024;
/// The seed corpus every target starts from.
const SEED_CORPUS: &str = "load_validate_render";
/// cargo-fuzz, pinned.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Runs the toolchain tier, then the fuzzer; both run even if the first fails.
pub fn run() -> Result<(), String> {
    let clients = toolchain_tier();
    if let Err(message) = &clients {
        eprintln!("hostile: toolchain tier FAILED: {message}");
    }
    let fuzz = fuzz();
    match (clients, fuzz) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(a), Err(b)) => Err(format!("{a}; {b}")),
        (Err(message), Ok(())) | (Ok(()), Err(message)) => Err(message),
    }
}

fn env_number(name: &str, default: u64) -> Result<u64, String> {
    match std::env::var(name) {
        Ok(value) => value.parse().map_err(|_| format!("{name}={value} is not a number")),
        Err(_) => Ok(default),
    }
}

fn toolchain_tier() -> Result<(), String> {
    let root = project_root();
    let count = env_number("HOSTILE_CATALOGS", CATALOGS)?;
    tools::require("python3", "the hostile Python checks")?;
    tools::require("node", "the hostile TypeScript checks")?;
    tools::require("go", "the hostile Go checks")?;
    let typescript = format!("typescript@{}", super::typescript::pinned_typescript()?);
    let node = tools::npm_packages("hostile", &[&typescript])?;
    let tsc = node.join("node_modules").join(".bin").join("tsc");
    let errcat = built_binary("errcat-cli", "errcat")?;
    let work = root.join("target").join("hostile");
    remove_dir(&work)?;
    let mut failures = Vec::new();
    for seed in 0..count {
        let dir = work.join(format!("seed-{seed}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let text = errcat_testkit::hostile::generate(seed).yaml();
        let catalog_path = dir.join("catalog.yaml");
        write(&catalog_path, &text)?;
        let checked = errcat::check_str(&text, &Limits::default());
        let catalog =
            checked.catalog.ok_or_else(|| format!("seed {seed}: the validator refused {}", catalog_path.display()))?;
        let expected = dir.join("expected.json");
        write(&expected, &expected_strings(&catalog))?;
        let out = dir.join("out");
        run_command(Command::new(&errcat).arg("generate").arg(&catalog_path).arg("--out").arg(&out))
            .map_err(|e| format!("seed {seed}: {e}"))?;
        for target in TargetId::ALL {
            let (language, result) = match target {
                TargetId::Python => ("Python", super::python::hostile_read_back(&catalog, &out, &expected)),
                TargetId::TypeScript => ("TypeScript", super::typescript::hostile_read_back(&tsc, &out, &expected)),
                TargetId::Go => ("Go", super::go::hostile_read_back(&catalog, &out, &expected)),
                // Proven by their own steps on hostile catalogs: the docs and OpenAPI
                // validators (`docs`), the property tests and clippy (`rust`), each
                // client's harness (`conformance`), the browser (`site`).
                TargetId::Docs | TargetId::OpenApi | TargetId::Rust | TargetId::Conformance | TargetId::Site => {
                    continue;
                }
                // A Maven build per drawn catalog would cost about half a minute each; the
                // `java` step builds and tests the hand-written hostile catalog of
                // conformance/java/hostile instead (Java keywords, Javadoc breakers).
                TargetId::Java => continue,
            };
            match result {
                Ok(()) => eprintln!("hostile: seed {seed}: the {language} client builds and reads back the catalog"),
                Err(e) => failures.push(format!("seed {seed}, {language} (catalog in {}): {e}", dir.display())),
            }
        }
    }
    eprintln!("hostile: {count} hostile catalogs through python3, tsc and go, {} failures", failures.len());
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n")) }
}

/// The strings each client must read back, as JSON.
fn expected_strings(catalog: &Catalog) -> String {
    let document = json!({
        "codes": catalog.codes.iter().map(|c| json!({
            "code": c.code, "title": c.title, "message": c.message.text, "summary": c.summary,
        })).collect::<Vec<_>>(),
        "categories": catalog.categories.iter().map(|c| json!({"id": c.id, "title": c.title})).collect::<Vec<_>>(),
        "statuses": catalog.statuses.iter().map(|s| json!({
            "code": s.code, "name": s.name, "meaning": s.meaning,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Installs cargo-fuzz (pinned) and runs each fuzz target from the seed corpus.
fn fuzz() -> Result<(), String> {
    let root = project_root();
    let cargo_fuzz = install_cargo_fuzz()?;
    let seeds = root.join("fuzz").join("corpus").join(SEED_CORPUS);
    // Built first, so that a fuzz target that does not compile is not reported as a finding.
    run_command(
        Command::new(&cargo_fuzz).args(["fuzz", "build", "--sanitizer", "none"]).current_dir(root.join("fuzz")),
    )
    .map_err(|e| format!("the fuzz targets do not build: {e}"))?;
    for (target, default_seconds, max_len) in FUZZ_TARGETS {
        let seconds = env_number("HOSTILE_FUZZ_SECONDS", default_seconds)?;
        let corpus = root.join("target").join("fuzz-corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        run_command(
            Command::new(&cargo_fuzz)
                .args(["fuzz", "run", "--sanitizer", "none", target])
                .arg(&corpus)
                .arg(&seeds)
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .args(max_len.map(|bytes| format!("-max_len={bytes}")))
                .args(["-rss_limit_mb=2048", "-timeout=10", "-print_final_stats=1"])
                .current_dir(root.join("fuzz")),
        )
        .map_err(|e| format!("the fuzzer found a crash, hang or leak (see fuzz/artifacts/{target}): {e}"))?;
    }
    Ok(())
}

/// `target/ci-tools/cargo/bin/cargo-fuzz` at [`CARGO_FUZZ_VERSION`], installed once.
fn install_cargo_fuzz() -> Result<PathBuf, String> {
    let install_root = tools::tools_dir().join("cargo");
    let binary = install_root.join("bin").join("cargo-fuzz");
    let installed = Command::new(&binary)
        .arg("--version")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).contains(CARGO_FUZZ_VERSION));
    if !installed {
        run_command(
            cargo()
                .args(["install", "--locked", "--root"])
                .arg(&install_root)
                .arg(format!("cargo-fuzz@{CARGO_FUZZ_VERSION}")),
        )?;
    }
    Ok(binary)
}
