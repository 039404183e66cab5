//! `cargo xtask ci --only hostile`: hostile catalogs through the real toolchains, and the
//! fuzzer.
//!
//! 1. **Toolchain tier.** [`CATALOGS`] catalogs drawn by
//!    `errcat_testkit::hostile::generate` from fixed seeds (every free-text field hostile:
//!    quotes, backslashes, `"""`, `*/`, `${`, backticks, `{{`, `</script>`, U+2028, NUL,
//!    BOM, bidirectional marks, emoji, long lines; codes such as `TYPE`, `NONE`, `SELF`)
//!    are rendered with `errcat generate`.
//!    Each client then goes through its own toolchain, and the strings it exposes are read
//!    back from the generated code and compared with the catalog's, exactly:
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
//! 2. **Fuzzer.** `cargo fuzz run -s none load_validate_render` for [`FUZZ_SECONDS`]
//!    seconds from the committed seed corpus (`fuzz/corpus/load_validate_render`); new
//!    corpus entries go to `target/fuzz-corpus`, crashes to `fuzz/artifacts`. cargo-fuzz
//!    is installed at [`CARGO_FUZZ_VERSION`] under `target/ci-tools/cargo`. `-s none`
//!    builds without sanitizers, which is what makes it work on the stable toolchain.
//!
//! Run longer by hand: `HOSTILE_CATALOGS=100 HOSTILE_FUZZ_SECONDS=3600 cargo xtask ci
//! --only hostile`.

use std::path::{Path, PathBuf};
use std::process::Command;

use errcat::load::Limits;
use errcat::model::Catalog;
use serde_json::json;

use super::{cargo, run_command, tools};
use crate::project_root;

/// Catalogs of the toolchain tier (`HOSTILE_CATALOGS` overrides).
const CATALOGS: u64 = 6;
/// Seconds of fuzzing (`HOSTILE_FUZZ_SECONDS` overrides).
const FUZZ_SECONDS: u64 = 45;
/// cargo-fuzz, pinned.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// TypeScript, pinned (the same version the client's `package.json` names).
const TYPESCRIPT: &str = "typescript@5.9.3";
/// The fuzz target.
const FUZZ_TARGET: &str = "load_validate_render";

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
    let node = tools::npm_packages("hostile", &[TYPESCRIPT])?;
    let tsc = node.join("node_modules").join(".bin").join("tsc");
    run_command(cargo().args(["build", "--quiet", "--package", "errcat-cli"]))?;
    let errcat = root.join("target").join("debug").join("errcat");
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
        let checks = [
            ("Python", check_python(&catalog, &out, &expected)),
            ("TypeScript", check_typescript(&tsc, &out, &expected)),
            ("Go", check_go(&catalog, &out, &expected)),
        ];
        for (language, result) in checks {
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

const PYTHON_READ_BACK: &str = r#"
import importlib, json, sys
out, package, expected = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
sys.path.insert(0, out + "/python")
client = importlib.import_module(package)
wrong = []
def same(what, found, wanted):
    if found != wanted:
        wrong.append(f"{what}: {found!r} != {wanted!r}")
for code in expected["codes"]:
    info = client.CODE_INFO[client.ErrorCode(code["code"])]
    for field in ("title", "message", "summary"):
        same(f"{code['code']}.{field}", getattr(info, field), code[field])
for category in expected["categories"]:
    same(f"category {category['id']}", client.CATEGORY_TITLES[client.ErrorCategory(category["id"])], category["title"])
for status in expected["statuses"]:
    same(f"status {status['code']}", client.HTTP_STATUSES[status["code"]].reason, status["name"])
if wrong:
    sys.exit("python read-back differs:\n" + "\n".join(w[:300] for w in wrong))
"#;

fn check_python(catalog: &Catalog, out: &Path, expected: &Path) -> Result<(), String> {
    let python = out.join("python");
    run_command(Command::new("python3").args(["-m", "compileall", "-q"]).arg(&python))?;
    let package = catalog.names().packages.python.clone();
    run_command(Command::new("python3").arg("-c").arg(PYTHON_READ_BACK).arg(out).arg(&package).arg(expected))
}

const NODE_READ_BACK: &str = r#"
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [dist, expectedPath] = process.argv.slice(2);
const client = await import(pathToFileURL(dist + "/index.js").href);
const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
const wrong = [];
const same = (what, found, wanted) => { if (found !== wanted) wrong.push(`${what}: ${JSON.stringify(found)} !== ${JSON.stringify(wanted)}`); };
for (const code of expected.codes) {
  const info = client.CODE_INFO[code.code];
  same(`${code.code}.title`, info?.title, code.title);
  same(`${code.code}.summary`, info?.summary, code.summary);
}
for (const status of expected.statuses) {
  const info = client.HTTP_STATUSES[status.code];
  same(`status ${status.code} name`, info?.name, status.name);
  same(`status ${status.code} meaning`, info?.meaning, status.meaning);
}
if (wrong.length > 0) {
  console.error("typescript read-back differs:\n" + wrong.map((w) => w.slice(0, 300)).join("\n"));
  process.exit(1);
}
"#;

fn check_typescript(tsc: &Path, out: &Path, expected: &Path) -> Result<(), String> {
    let client = out.join("typescript");
    let dist = out.join("typescript-dist");
    run_command(Command::new(tsc).arg("-p").arg(&client).arg("--outDir").arg(&dist))?;
    // The compiled client is an ES module package, as its package.json says.
    write(&dist.join("package.json"), "{\"type\": \"module\"}\n")?;
    let script = out.join("read-back.mjs");
    write(&script, NODE_READ_BACK)?;
    run_command(Command::new("node").arg(&script).arg(&dist).arg(expected))
}

const GO_READ_BACK: &str = r#"
import (
	"encoding/json"
	"os"
	"testing"
)

func TestHostileReadBack(t *testing.T) {
	raw, err := os.ReadFile(os.Getenv("HOSTILE_EXPECTED"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Codes []struct {
			Code, Title, Summary string
		}
		Statuses []struct {
			Code int
			Name string
		}
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	for _, want := range expected.Codes {
		info, ok := Code(want.Code).Info()
		if !ok || info.Title != want.Title || info.Summary != want.Summary {
			t.Errorf("%s: got %q / %q, want %q / %q", want.Code, info.Title, info.Summary, want.Title, want.Summary)
		}
	}
	for _, want := range expected.Statuses {
		if name, _, ok := statusRow(want.Code); !ok || name != want.Name {
			t.Errorf("status %d: got %q, want %q", want.Code, name, want.Name)
		}
	}
}
"#;

fn check_go(catalog: &Catalog, out: &Path, expected: &Path) -> Result<(), String> {
    let module = out.join("go");
    write(
        &module.join("hostile_readback_test.go"),
        &format!("package {}\n{GO_READ_BACK}", catalog.names().packages.go),
    )?;
    // `run_command` runs in the repository root; `go -C` moves into the module.
    run_command(Command::new("go").arg("-C").arg(&module).args(["vet", "./..."]))?;
    run_command(
        Command::new("go")
            .arg("-C")
            .arg(&module)
            .args(["test", "-count=1", "-run", "TestHostileReadBack", "./..."])
            .env("HOSTILE_EXPECTED", expected),
    )
}

/// Installs cargo-fuzz (pinned) and runs the fuzz target from the seed corpus.
fn fuzz() -> Result<(), String> {
    let root = project_root();
    let seconds = env_number("HOSTILE_FUZZ_SECONDS", FUZZ_SECONDS)?;
    let cargo_fuzz = install_cargo_fuzz()?;
    let corpus = root.join("target").join("fuzz-corpus");
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let seeds = root.join("fuzz").join("corpus").join(FUZZ_TARGET);
    // Built first, so that a fuzz target that does not compile is not reported as a finding.
    run_command(
        Command::new(&cargo_fuzz)
            .args(["fuzz", "build", "--sanitizer", "none", FUZZ_TARGET])
            .current_dir(root.join("fuzz")),
    )
    .map_err(|e| format!("the fuzz target does not build: {e}"))?;
    run_command(
        Command::new(&cargo_fuzz)
            .args(["fuzz", "run", "--sanitizer", "none", FUZZ_TARGET])
            .arg(&corpus)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .args(["-rss_limit_mb=2048", "-timeout=10", "-print_final_stats=1"])
            .current_dir(root.join("fuzz")),
    )
    .map_err(|e| format!("the fuzzer found a crash, hang or leak (see fuzz/artifacts/{FUZZ_TARGET}): {e}"))
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

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}
