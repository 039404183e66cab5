//! CI checks of the generated TypeScript client.
//!
//! 1. Strict type checks: `tsc --noEmit` with the client's own `tsconfig.json` (strict,
//!    `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`, …), and `no-any.mjs`, which
//!    walks the syntax trees for `any` types and compiler directives (a grep would trip over
//!    the word "any" in doc comments that come from the catalog). Both run on the committed
//!    `generated/typescript` and on the client rendered from the hostile catalog
//!    `conformance/typescript/hostile/catalog.yaml`, so hostile strings are proven harmless
//!    by the real compiler. The README's TypeScript blocks of both are type-checked too,
//!    and the shipped client's are run against a local server (`readme.test.ts`).
//! 2. The harness `conformance/typescript`, compiled with the shipped client into
//!    `target/typescript-ci/harness` and run with `node --test`: every conformance vector,
//!    every retry scenario, the parser's edge cases, the shipped API as users write it, and
//!    the end-to-end scenarios against the demo service. The catalog-independent test files
//!    run a second time against the hostile client and its own vectors, and a third time
//!    against the client of `crates/errcat/tests/catalogs/pascal-camel.yaml` (PascalCase,
//!    dotted and dashed codes, camelCase details keys, which are the TypeScript property
//!    names), also type-checked strictly as in 1.
//! 3. The example catalog of each other wire profile (`catalog/profiles/{problem,google,
//!    nested}.yaml`; the shipped catalog is `flat`) and a `flat` catalog that renames every
//!    member of the body (`conformance/flat-renamed/catalog.yaml`): each client is compiled
//!    with its strict `tsconfig.json` — all in one `tsc` run, their README blocks in another
//!    —, checked by `no-any.mjs`, and the vectors tests (and, where the body has its
//!    profile's default member names, the retry tests) run against it with its own vectors.
//!
//! TypeScript and `@types/node` are installed at pinned versions under
//! `target/ci-tools/node-typescript`; Node.js itself (20 or newer) must be on PATH.

use errcat::targets::TargetId;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::exec::{demo_binary, load_catalog, remove_dir, render_with_cli, run_command, write};
use crate::project_root;
use crate::tools;

/// Node's type declarations for the harness only (the client itself uses none), pinned to
/// the oldest Node line the client supports.
pub(super) const TYPES_NODE: &str = "@types/node@20.19.43";
/// The oldest Node.js major version the client supports.
const NODE_MIN_MAJOR: u32 = 20;

/// The committed client, relative to the repository root.
const CLIENT: &str = "generated/typescript";
/// The harness, relative to the repository root.
const HARNESS: &str = "conformance/typescript";
/// The hostile catalog whose client is checked too.
const HOSTILE_CATALOG: &str = "conformance/typescript/hostile/catalog.yaml";
/// The end-to-end scenarios; the e2e tests need them and the demo service.
const E2E_SCENARIOS: &str = "conformance/e2e/scenarios.json";
/// A catalog with a deprecated code (`OOPS`, the class `OopsError`) and a tombstone.
const LIFECYCLE_CATALOG: &str = "crates/errcat/tests/catalogs/lifecycle.yaml";
/// Where the harness's tsconfig puts the compiled tests (its `outDir`).
const HARNESS_BUILD: &str = "target/typescript-ci/harness";
/// Test files (without `.test.js`) that only make sense for the shipped catalog.
const SHIPPED_ONLY_TESTS: [&str; 3] = ["shipped", "e2e", "readme"];
/// The example catalog of each wire profile but `flat` (the shipped catalog's), a `flat`
/// one with its own member names and the lifecycle catalog: the folder each is rendered
/// into, its path, and whether its body has the profile's default member names.
const PROFILE_CATALOGS: [(&str, &str, bool); 5] = [
    ("problem", "catalog/profiles/problem.yaml", true),
    ("google", "catalog/profiles/google.yaml", true),
    ("nested", "catalog/profiles/nested.yaml", true),
    ("flat-renamed", "conformance/flat-renamed/catalog.yaml", false),
    // Its vectors send a deprecated code and a tombstone, each decoded as its replacement.
    ("lifecycle", LIFECYCLE_CATALOG, true),
];
/// Test files (without `.test.js`) that hold for any catalog in any profile.
const PROFILE_TESTS: [&str; 2] = ["vectors", "locales"];
/// Test files that hold for any catalog whose body has its profile's default member names
/// (they make up bodies of their own).
const DEFAULT_NAMES_TESTS: [&str; 1] = ["retry"];

/// Runs the TypeScript checks.
pub fn run() -> Result<(), String> {
    let root = project_root();
    require_node()?;
    let node = compiler()?;
    let tsc = node.join("node_modules").join(".bin").join("tsc");
    let typescript_package = node.join("node_modules").join("typescript");
    let work = root.join("target").join("typescript-ci");

    // Strict checks of the shipped client and of the hostile catalog's.
    let hostile = work.join("hostile");
    render_hostile(&hostile)?;
    let wire_names = work.join("wire-names");
    render(super::WIRE_NAMES_CATALOG, &wire_names)?;
    let clients = [
        (root.join(CLIENT), "shipped"),
        (hostile.join("typescript"), "hostile"),
        (wire_names.join("typescript"), "wire-names"),
    ];
    for (client, name) in &clients {
        run_command(Command::new(&tsc).arg("--noEmit").arg("-p").arg(client))?;
        run_command(
            Command::new("node")
                .arg(root.join(HARNESS).join("no-any.mjs"))
                .arg(&typescript_package)
                .arg(client.join("src")),
        )?;
        let readme = work.join(format!("readme-{name}"));
        let mut snippets = Command::new("node");
        snippets.arg(root.join(HARNESS).join("readme-snippets.mjs")).arg(client).arg(&readme);
        if *name == "shipped" {
            // Runnable too, with the shipped client the harness compiles below.
            snippets.arg("--run").arg(&typescript_package).arg(root.join(HARNESS_BUILD).join(CLIENT).join("src"));
        }
        run_command(&mut snippets)?;
        run_command(Command::new(&tsc).arg("-p").arg(&readme))?;
    }

    check_pack(&root.join(CLIENT), &node, &work.join("pack"))?;

    // A deprecated code: the client compiles strictly, and TypeScript reports a program's
    // use of it as deprecated (what editors and typescript-eslint show).
    let lifecycle = work.join("lifecycle");
    render_with_cli(LIFECYCLE_CATALOG, &lifecycle.display().to_string())?;
    let lifecycle_client = lifecycle.join("typescript");
    run_command(Command::new(&tsc).arg("--noEmit").arg("-p").arg(&lifecycle_client))?;
    run_command(
        Command::new("node")
            .arg(root.join(HARNESS).join("deprecated.mjs"))
            .arg(&typescript_package)
            .arg(&lifecycle_client)
            .arg("OopsError"),
    )?;

    // The harness with the shipped client, and the hostile client on its own.
    let harness_build = root.join(HARNESS_BUILD);
    remove_dir(&harness_build)?;
    run_command(Command::new(&tsc).arg("-p").arg(root.join(HARNESS)))?;
    mark_as_es_modules(&harness_build)?;
    let mut builds = Vec::new();
    for (dir, name) in [(&hostile, "hostile"), (&wire_names, "wire-names")] {
        let build = work.join(format!("{name}-build"));
        remove_dir(&build)?;
        run_command(Command::new(&tsc).arg("-p").arg(dir.join("typescript")).arg("--outDir").arg(&build))?;
        mark_as_es_modules(&build)?;
        builds.push((dir.join("conformance").join("vectors.json"), build));
    }

    let tests = test_files(&harness_build.join(HARNESS).join("src"))?;
    let demo = build_demo()?;
    let mut shipped = node_test(&tests);
    shipped.env("ERRCAT_TS_README", work.join("readme-shipped"));
    if let Some(demo) = &demo {
        shipped.env("ERRCAT_DEMO_BIN", demo).env("ERRCAT_E2E_SCENARIOS", root.join(E2E_SCENARIOS));
    }
    run_command(&mut shipped)?;

    let named = |names: &[&str], keep: bool| -> Vec<PathBuf> {
        tests
            .iter()
            .filter(|path| {
                names.iter().any(|name| path.file_name() == Some(format!("{name}.test.js").as_ref())) == keep
            })
            .cloned()
            .collect()
    };
    let generic = named(&SHIPPED_ONLY_TESTS, false);
    for (vectors, build) in &builds {
        run_command(
            node_test(&generic).env("ERRCAT_TS_CLIENT", build.join("index.js")).env("ERRCAT_VECTORS", vectors),
        )?;
    }

    // The Scriptix client in the demo's second profile, end to end against the demo
    // answering in it.
    if let Some(demo) = &demo {
        let out = super::render_scriptix_in_demo_profile(TargetId::TypeScript)?;
        run_command(
            Command::new("node")
                .arg(root.join(HARNESS).join("no-any.mjs"))
                .arg(&typescript_package)
                .arg(out.join("typescript").join("src")),
        )?;
        let build = out.join("build");
        remove_dir(&build)?;
        run_command(Command::new(&tsc).arg("-p").arg(out.join("typescript")).arg("--outDir").arg(&build))?;
        mark_as_es_modules(&build)?;
        run_command(
            node_test(&named(&[PROFILE_TESTS.as_slice(), &DEFAULT_NAMES_TESTS, &["e2e"]].concat(), true))
                .env("ERRCAT_TS_CLIENT", build.join("index.js"))
                .env("ERRCAT_VECTORS", out.join("conformance").join("vectors.json"))
                .env("ERRCAT_DEMO_BIN", demo)
                .env("ERRCAT_E2E_SCENARIOS", root.join(E2E_SCENARIOS))
                .env("ERRCAT_DEMO_PROFILE", super::DEMO_PROFILE),
        )?;
    }

    let tests = [named(&PROFILE_TESTS, true), named(&[PROFILE_TESTS.as_slice(), &DEFAULT_NAMES_TESTS].concat(), true)];
    profiles(&tsc, &typescript_package, &work.join("profiles"), &tests)
}

/// The clients of [`PROFILE_CATALOGS`], rendered into `dir`: compiled strictly (all in one
/// `tsc` run, which also emits them for the tests), checked for `any`, their README blocks
/// type-checked (in one more run), and the tests run against each with its vectors:
/// `tests[1]` where the body has its profile's default member names, else `tests[0]`.
fn profiles(tsc: &Path, typescript_package: &Path, dir: &Path, tests: &[Vec<PathBuf>; 2]) -> Result<(), String> {
    let root = project_root();
    remove_dir(dir)?;
    let mut names = Vec::new();
    for (name, path, _) in PROFILE_CATALOGS {
        render(path, &dir.join(name))?;
        names.push(name);
    }
    let Some(first) = names.first() else { return Ok(()) };
    let clients: Vec<String> = names.iter().map(|name| format!("{name}/typescript")).collect();
    // Each client's own strict options (from the same template), emitted into one folder.
    let project = serde_json::json!({
        "extends": format!("./{first}/typescript/tsconfig.json"),
        "compilerOptions": {"rootDir": ".", "outDir": "build", "declaration": false, "declarationMap": false, "sourceMap": false},
        "include": clients.iter().map(|client| format!("{client}/src")).collect::<Vec<_>>(),
    });
    write(&dir.join("tsconfig.json"), &format!("{project:#}\n"))?;
    run_command(Command::new(tsc).arg("-p").arg(dir))?;
    mark_as_es_modules(&dir.join("build"))?;

    let mut readme_files = Vec::new();
    let mut readme_paths = serde_json::Map::new();
    for client in &clients {
        run_command(
            Command::new("node")
                .arg(root.join(HARNESS).join("no-any.mjs"))
                .arg(typescript_package)
                .arg(dir.join(client).join("src")),
        )?;
        let readme = dir.join("readme").join(client.replace('/', "-"));
        run_command(
            Command::new("node").arg(root.join(HARNESS).join("readme-snippets.mjs")).arg(dir.join(client)).arg(&readme),
        )?;
        let text =
            std::fs::read_to_string(readme.join("tsconfig.json")).map_err(|e| format!("{}: {e}", readme.display()))?;
        let config: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", readme.display()))?;
        for file in config["files"].as_array().into_iter().flatten().filter_map(serde_json::Value::as_str) {
            readme_files.push(serde_json::Value::from(readme.join(file).display().to_string()));
        }
        if let Some(paths) = config["compilerOptions"]["paths"].as_object() {
            readme_paths.extend(paths.clone());
        }
    }
    // The README blocks of the three in one run: their packages have different names.
    let first_readme = dir.join("readme").join(clients[0].replace('/', "-"));
    let mut readme_project: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(first_readme.join("tsconfig.json"))
            .map_err(|e| format!("{}: {e}", first_readme.display()))?,
    )
    .map_err(|e| format!("{}: {e}", first_readme.display()))?;
    readme_project["compilerOptions"]["paths"] = serde_json::Value::Object(readme_paths);
    readme_project["files"] = serde_json::Value::Array(readme_files);
    write(&dir.join("readme").join("tsconfig.json"), &format!("{readme_project:#}\n"))?;
    write(&dir.join("readme").join("package.json"), "{\"type\": \"module\"}\n")?;
    run_command(Command::new(tsc).arg("-p").arg(dir.join("readme")))?;

    for ((name, _, default_names), client) in PROFILE_CATALOGS.iter().zip(&clients) {
        run_command(
            node_test(&tests[usize::from(*default_names)])
                .env("ERRCAT_TS_CLIENT", dir.join("build").join(client).join("src").join("index.js"))
                .env("ERRCAT_VECTORS", dir.join(name).join("conformance").join("vectors.json")),
        )?;
    }
    Ok(())
}

/// `npm pack` of a copy of the client at `client` (with the pinned compiler as its
/// `node_modules`, from `node`) builds `dist/` first (`prepack`) and ships it: the
/// tarball holds `dist/index.js`, `dist/index.d.ts` and `package.json`.
fn check_pack(client: &Path, node: &Path, dir: &Path) -> Result<(), String> {
    remove_dir(dir)?;
    let copy = dir.join("client");
    for file in ["package.json", "tsconfig.json", "README.md"] {
        let text = std::fs::read_to_string(client.join(file)).map_err(|e| format!("{}: {e}", client.display()))?;
        write(&copy.join(file), &text)?;
    }
    let sources = std::fs::read_dir(client.join("src")).map_err(|e| format!("{}: {e}", client.display()))?;
    for entry in sources {
        let path = entry.map_err(|e| e.to_string())?.path();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        write(&copy.join("src").join(path.file_name().unwrap_or_default()), &text)?;
    }
    std::os::unix::fs::symlink(node.join("node_modules"), copy.join("node_modules"))
        .map_err(|e| format!("{}: {e}", copy.display()))?;
    let output = Command::new("npm")
        .current_dir(&copy)
        .args(["pack", "--json", "--ignore-scripts=false", "--pack-destination"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run npm pack: {e}"))?;
    if !output.status.success() {
        return Err(format!("npm pack failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    // npm prints the prepack script's output before the JSON report.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = stdout.find('[').map_or("", |at| &stdout[at..]);
    let packed: serde_json::Value =
        serde_json::from_str(report).map_err(|e| format!("npm pack --json printed no report ({e}): {stdout}"))?;
    let files: Vec<&str> =
        packed[0]["files"].as_array().into_iter().flatten().filter_map(|file| file["path"].as_str()).collect();
    let missing: Vec<&str> =
        ["dist/index.js", "dist/index.d.ts", "package.json"].into_iter().filter(|want| !files.contains(want)).collect();
    if missing.is_empty() {
        eprintln!("npm pack: {} files, dist/ built by prepack", files.len());
        Ok(())
    } else {
        Err(format!("the npm tarball lacks {missing:?}; it holds {files:?}"))
    }
}

/// Fails unless `node` is Node.js 20 or newer.
fn require_node() -> Result<(), String> {
    tools::require("node", "the TypeScript checks")?;
    let output = Command::new("node").arg("--version").output().map_err(|e| format!("cannot run node: {e}"))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let major: Option<u32> = version.strip_prefix('v').and_then(|v| v.split('.').next()).and_then(|m| m.parse().ok());
    match major {
        Some(major) if major >= NODE_MIN_MAJOR => Ok(()),
        _ => Err(format!(
            "the TypeScript checks need Node.js {NODE_MIN_MAJOR} or newer; `node --version` says {version:?}"
        )),
    }
}

/// The TypeScript version the client's `package.json` pins (from
/// `templates/typescript/package.json.j2`, where it is written once): CI checks with exactly
/// that compiler, so "it compiles" means the same thing for the client's users.
/// The pinned compiler (and Node's types) installed under `target/ci-tools/`; returns the
/// folder whose `node_modules/.bin` holds `tsc`.
fn compiler() -> Result<std::path::PathBuf, String> {
    tools::npm_packages("typescript", &[&format!("typescript@{}", pinned_typescript()?), TYPES_NODE])
}

/// The pinned `tsc` of [`compiler`], for the other steps that compile TypeScript.
pub(super) fn pinned_tsc() -> Result<std::path::PathBuf, String> {
    Ok(compiler()?.join("node_modules").join(".bin").join("tsc"))
}

pub fn pinned_typescript() -> Result<String, String> {
    let path = project_root().join(CLIENT).join("package.json");
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}; run `cargo xtask generate`", path.display()))?;
    let package: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match package["devDependencies"]["typescript"].as_str() {
        Some(version) if !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            Ok(version.to_owned())
        }
        other => Err(format!("{}: devDependencies.typescript is {other:?}, not an exact version", path.display())),
    }
}

/// Renders the TypeScript client of [`HOSTILE_CATALOG`], and its conformance vectors, into
/// `dir` (emptied first).
fn render_hostile(dir: &Path) -> Result<(), String> {
    render(HOSTILE_CATALOG, dir)
}

/// Renders the TypeScript client of `source` and its conformance vectors into `dir`
/// (emptied first).
fn render(source: &str, dir: &Path) -> Result<(), String> {
    let root = project_root();
    let catalog = load_catalog(source, false)?;
    let options = errcat::render::Options {
        command: "cargo xtask ci --only typescript".to_owned(),
        catalog_path: source.to_owned(),
        templates_dir: Some(root.join("templates")),
    };
    let targets = [TargetId::TypeScript, TargetId::Conformance];
    let files = errcat::render::plan_targets(&catalog, &options, &targets).map_err(|e| e.to_string())?;
    remove_dir(dir)?;
    for (path, text) in &files {
        write(&dir.join(path), text)?;
    }
    eprintln!("rendered {} files of {source} into {}", files.len(), dir.display());
    Ok(())
}

/// Builds the demo service for the end-to-end tests and returns its binary, or `None`
/// (with a notice) while the scenarios file does not exist yet.
fn build_demo() -> Result<Option<PathBuf>, String> {
    let root = project_root();
    if !root.join(E2E_SCENARIOS).is_file() {
        eprintln!("note: {E2E_SCENARIOS} does not exist; the end-to-end tests will fail until it does");
        return Ok(None);
    }
    demo_binary().map(Some)
}

/// `node --test` on `files`, with the spec reporter.
fn node_test(files: &[PathBuf]) -> Command {
    let mut command = Command::new("node");
    command.args(["--test", "--test-reporter=spec"]).args(files);
    command
}

/// The compiled test files (`*.test.js`) in `dir`, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.ends_with(".test.js")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no compiled tests in {}", dir.display()));
    }
    Ok(files)
}

/// Compiled output outside a package is CommonJS to Node; the harness and client are ES
/// modules.
fn mark_as_es_modules(dir: &Path) -> Result<(), String> {
    write(&dir.join("package.json"), "{\"type\": \"module\"}\n")
}

/// Imports the compiled client and compares the strings it exposes with the catalog's.
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

/// The hostile read-back of the TypeScript client rendered into `out`: it compiles with
/// `tsc` (its strict tsconfig), and the compiled module exposes exactly the strings of
/// `expected` (see `ci::hostile`).
pub fn hostile_read_back(tsc: &Path, out: &Path, expected: &Path) -> Result<(), String> {
    let client = out.join("typescript");
    let dist = out.join("typescript-dist");
    run_command(Command::new(tsc).arg("-p").arg(&client).arg("--outDir").arg(&dist))?;
    // The compiled client is an ES module package, as its package.json says.
    write(&dist.join("package.json"), "{\"type\": \"module\"}\n")?;
    let script = out.join("read-back.mjs");
    write(&script, NODE_READ_BACK)?;
    run_command(Command::new("node").arg(&script).arg(&dist).arg(expected))
}
