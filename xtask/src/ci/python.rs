//! CI checks of the generated Python client.
//!
//! The strict checks (`ruff check` with the rule set of the client's own `pyproject.toml`,
//! `ruff format --check`, `mypy --strict`) run on `generated/python` and on the client
//! rendered from the hostile catalog `conformance/python/hostile/catalog.yaml`, so the
//! templates are proven on any catalog the validator accepts, not only the shipped one.
//! The same checks run on the conformance harness in `conformance/python`, which pytest
//! then runs: every vector, retry scenario and end-to-end scenario against
//! `generated/python`, and the vectors and retry scenarios of the hostile catalog against
//! its own client. The client of `crates/errcat/tests/catalogs/pascal-camel.yaml`
//! (PascalCase, dotted and dashed codes, camelCase details keys) gets the strict checks and
//! the harness's vectors too, which read every typed details attribute through its Python
//! name against the raw value of its wire key.
//!
//! The example catalog of each other wire profile (`catalog/profiles/{problem,google,
//! nested}.yaml`; the shipped catalog is `flat`) and a `flat` catalog that renames every
//! member of the body (`conformance/flat-renamed/catalog.yaml`) are rendered into
//! `target/python-profiles`: each client gets the same strict checks (one `mypy --strict`
//! run for all of them), and the harness's catalog-independent vectors, code-table and
//! retry tests run against it with its own vectors.
//!
//! The tools are pinned and installed in a virtual environment under `target/ci-tools/`.
//! No run leaves caches or bytecode in the source tree: ruff's and mypy's caches live
//! under `target/ci-tools/`, pytest's cache plugin is off and Python writes no `.pyc`.

use errcat::model::Catalog;
use errcat::targets::TargetId;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::exec::{demo_binary, load_catalog, remove_dir, render_with_cli, run_command, run_in, write};
use crate::project_root;
use crate::tools::{python_venv, require, tools_dir};

/// The pinned tools, and the HTTP libraries the harness calls a real server with.
pub(super) const TOOLS: [&str; 6] = [
    "ruff==0.17.6",
    "mypy==2.4.1",
    "pytest==9.2.0",
    "requests==2.34.2",
    "types-requests==2.33.0.20261030",
    "httpx==0.28.1",
];

/// The oldest Python the generated client supports (`requires-python`).
const MIN_PYTHON: (u32, u32) = (3, 11);

/// The hostile catalog and where its rendering goes (below the repository root).
const HOSTILE_CATALOG: &str = "conformance/python/hostile/catalog.yaml";
const HOSTILE_OUT: &str = "target/python-hostile";
/// Where the client of the catalog of PascalCase codes and camelCase fields goes.
const WIRE_NAMES_OUT: &str = "target/python-wire-names";

/// The example catalog of each wire profile but `flat` (the shipped catalog's) and a `flat`
/// one with its own member names, each with the folder of [`PROFILES_OUT`] it is rendered
/// into.
const PROFILE_CATALOGS: [(&str, &str); 5] = [
    ("problem", "catalog/profiles/problem.yaml"),
    ("google", "catalog/profiles/google.yaml"),
    ("nested", "catalog/profiles/nested.yaml"),
    ("flat-renamed", "conformance/flat-renamed/catalog.yaml"),
    // Its vectors send a deprecated code and a tombstone, each decoded as its replacement.
    ("lifecycle", LIFECYCLE_CATALOG),
];
/// A catalog with a deprecated code and a tombstone, each replaced by a live code.
const LIFECYCLE_CATALOG: &str = "crates/errcat/tests/catalogs/lifecycle.yaml";
/// Where the renderings of [`PROFILE_CATALOGS`] go, below the repository root.
const PROFILES_OUT: &str = "target/python-profiles";
/// The harness's test files that hold for any catalog in any profile.
const PROFILE_TESTS: [&str; 4] = ["test_vectors.py", "test_codes.py", "test_retry.py", "test_locales.py"];

/// Runs the Python checks. Every check runs even when an earlier one fails; the error
/// lists all failures.
pub fn run() -> Result<(), String> {
    require("python3", "the Python checks (Python 3.11 or newer with the venv module)")?;
    check_python_version()?;
    let bin = python_venv("python", &TOOLS)?;
    let root = project_root();
    let mut failures: Vec<String> = Vec::new();
    let mut check = |result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("python: FAILED: {message}");
            failures.push(message);
        }
    };

    let shipped = root.join("generated").join("python");
    let hostile = render_hostile().map(|()| root.join(HOSTILE_OUT));
    let wire_names = render_fresh(super::WIRE_NAMES_CATALOG, WIRE_NAMES_OUT).map(|()| root.join(WIRE_NAMES_OUT));
    let mut clients = vec![shipped.clone()];
    for rendered in [&hostile, &wire_names] {
        match rendered {
            Ok(out) => clients.push(out.join("python")),
            Err(message) => check(Err(message.clone())),
        }
    }
    for client in &clients {
        match package_of(client) {
            Ok(package) => {
                let extra: Vec<&str> = Vec::new();
                check(ruff(&bin, client, &extra));
                check(mypy(&bin, client, &client.join(&package), client, &package));
                check(stubs_match(&bin, client, &package));
            }
            Err(message) => check(Err(message)),
        }
    }

    let profiles = render_profiles();
    if let Err(message) = &profiles {
        check(Err(message.clone()));
    }
    let profiles = profiles.unwrap_or_default();
    // (rendering, client folder, package) of each profile's client.
    let mut profile_clients: Vec<(PathBuf, PathBuf, String)> = Vec::new();
    for out in profiles {
        let client = out.join("python");
        match package_of(&client) {
            Ok(package) => {
                check(ruff(&bin, &client, &[]));
                check(stubs_match(&bin, &client, &package));
                profile_clients.push((out, client, package));
            }
            Err(message) => check(Err(message)),
        }
    }
    let packages: Vec<(PathBuf, String)> =
        profile_clients.iter().map(|(_, client, package)| (client.clone(), package.clone())).collect();
    check(mypy_clients(&bin, &packages, "profiles"));

    check(lifecycle(&bin));

    let harness = root.join("conformance").join("python");
    check(ruff(&bin, &harness, &[]));
    check(mypy(&bin, &harness, &harness, &shipped, "harness"));
    let mut command = pytest(&bin, &shipped);
    match demo_binary() {
        Ok(demo) => {
            command.env("SCRIPTIX_DEMO_BIN", demo);
        }
        Err(message) => check(Err(message)),
    }
    command.arg(&harness);
    check(run_in(&root, &mut command).map_err(|e| format!("the conformance harness failed: {e}")));
    for (rendered, name) in [(&hostile, "hostile"), (&wire_names, "wire-names")] {
        let Ok(out) = rendered else { continue };
        let mut command = pytest(&bin, &out.join("python"));
        command
            .env("ERRCAT_PY_PACKAGE", package_of(&out.join("python")).unwrap_or_default())
            .env("ERRCAT_VECTORS", out.join("conformance").join("vectors.json"))
            .args(["-m", "not e2e"])
            .arg(&harness);
        check(run_in(&root, &mut command).map_err(|e| format!("the harness on the {name} client failed: {e}")));
    }
    for (out, client, package) in &profile_clients {
        let mut command = pytest(&bin, client);
        command.env("ERRCAT_PY_PACKAGE", package).env("ERRCAT_VECTORS", out.join("conformance").join("vectors.json"));
        command.args(PROFILE_TESTS.iter().map(|test| harness.join(test)));
        check(
            run_in(&root, &mut command)
                .map_err(|e| format!("the harness on the client of {} failed: {e}", out.display())),
        );
    }
    check(demo_profile_end_to_end(&bin, &harness));

    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{} Python checks failed:\n  {}", failures.len(), failures.join("\n  ")))
    }
}

/// The Scriptix client rendered in the demo's second wire profile (`errcat generate
/// --profile`): strict checks, its vectors, and the end-to-end scenarios against the demo
/// answering in that profile.
fn demo_profile_end_to_end(bin: &Path, harness: &Path) -> Result<(), String> {
    let out = super::render_scriptix_in_demo_profile(TargetId::Python)?;
    let client = out.join("python");
    let package = package_of(&client)?;
    ruff(bin, &client, &[])?;
    mypy(bin, &client, &client.join(&package), &client, "scriptix-demo-profile")?;
    stubs_match(bin, &client, &package)?;
    let mut command = pytest(bin, &client);
    command
        .env("ERRCAT_PY_PACKAGE", &package)
        .env("ERRCAT_VECTORS", out.join("conformance").join("vectors.json"))
        .env("ERRCAT_DEMO_PROFILE", super::DEMO_PROFILE)
        .env("SCRIPTIX_DEMO_BIN", demo_binary()?);
    command.args(PROFILE_TESTS.iter().chain(&["test_e2e.py"]).map(|test| harness.join(test)));
    run_in(&project_root(), &mut command)
        .map_err(|e| format!("the harness on the Scriptix client in the `{}` profile failed: {e}", super::DEMO_PROFILE))
}

/// The client of a catalog with a deprecated code (`crates/errcat/tests/catalogs/
/// lifecycle.yaml`): clean under ruff and `mypy --strict`, while mypy with its `deprecated`
/// error code reports a program that names the deprecated class (PEP 702, from the stubs'
/// `@deprecated`).
fn lifecycle(bin: &Path) -> Result<(), String> {
    let out = "target/python-lifecycle";
    render_with_cli(LIFECYCLE_CATALOG, out)?;
    let client = project_root().join(out).join("python");
    let package = package_of(&client)?;
    ruff(bin, &client, &[])?;
    mypy(bin, &client, &client.join(&package), &client, "lifecycle")?;
    // The program lives outside the package's folder, which ruff checks as the client.
    let user = project_root().join(out).join("user");
    let program = user.join("deprecated_user.py");
    write(&program, &format!("from {package} import OopsError\n\nprint(OopsError)\n"))?;
    let cache = tools_dir().join("mypy-cache").join("lifecycle-user");
    let output = Command::new(bin.join("mypy"))
        .current_dir(&user)
        .env("MYPYPATH", &client)
        .args(["--strict", "--enable-error-code", "deprecated", "--cache-dir"])
        .arg(cache)
        .arg("deprecated_user.py")
        .output()
        .map_err(|e| format!("cannot run mypy: {e}"))?;
    let report = String::from_utf8_lossy(&output.stdout);
    let flagged = report.lines().any(|line| line.starts_with("deprecated_user.py:") && line.ends_with("[deprecated]"));
    if !flagged {
        return Err(format!("mypy did not report the deprecated OopsError in a program:\n{report}"));
    }
    // At run time: naming the class warns at the program's line, every time; parsing a
    // response with the deprecated code does not.
    let runtime = user.join("deprecated_runtime.py");
    write(&runtime, &PYTHON_DEPRECATION_AT_RUN_TIME.replace("PACKAGE", &package))?;
    let mut command = Command::new(bin.join("python"));
    command.env("PYTHONPATH", &client).env("PYTHONDONTWRITEBYTECODE", "1").arg(&runtime);
    run_in(&user, &mut command).map_err(|e| format!("the deprecated class does not warn at run time as it should: {e}"))
}

/// A program (`PACKAGE` is replaced by the lifecycle client's) that names the deprecated
/// `OopsError` three ways and parses an `OOPS` body (read as its replacement `SLOW_DOWN`),
/// recording warnings.
const PYTHON_DEPRECATION_AT_RUN_TIME: &str = r#"
import warnings

warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from PACKAGE import OopsError
    from PACKAGE import errors
    first = errors.OopsError
    second = errors.OopsError
    assert first is second is OopsError
seen = [(w.category, w.filename, w.lineno, str(w.message)) for w in caught]
lines = sorted({line for category, filename, line, _ in seen if category is DeprecationWarning and filename == __file__})
assert lines == [7, 9, 10], seen
assert all("OopsError (OOPS) is deprecated" in message for _, _, _, message in seen), seen
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from PACKAGE import ERROR_CLASSES, ErrorCode, from_response
    error = from_response(500, {}, b'{"error": "Internal Server Error", "message": "Oops", "error_code": "OOPS"}')
    # Read as its replacement, keeping the code as sent.
    assert type(error) is ERROR_CLASSES[ErrorCode.SLOW_DOWN], error
    assert error.code is ErrorCode.SLOW_DOWN and error.wire_code == "OOPS", error
assert not [w for w in caught if w.category is DeprecationWarning], [str(w.message) for w in caught]
print("deprecated OopsError: warned at lines", lines, "and not when parsing a response")
"#;

/// Fails with a clear message when `python3` is older than [`MIN_PYTHON`].
fn check_python_version() -> Result<(), String> {
    let output = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[0], sys.version_info[1])"])
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version: Vec<u32> = text.split_whitespace().filter_map(|part| part.parse().ok()).collect();
    match version.as_slice() {
        [major, minor] if (*major, *minor) >= MIN_PYTHON => Ok(()),
        _ => Err(format!(
            "python3 is {}; the Python checks need Python {}.{} or newer",
            text.trim(),
            MIN_PYTHON.0,
            MIN_PYTHON.1
        )),
    }
}

/// Renders the hostile catalog with the errcat CLI and the templates on disk.
fn render_hostile() -> Result<(), String> {
    render_fresh(HOSTILE_CATALOG, HOSTILE_OUT)
}

/// Renders `catalog` into `out` (below the repository root), emptied first.
fn render_fresh(catalog: &str, out: &str) -> Result<(), String> {
    remove_dir(&project_root().join(out))?;
    render_with_cli(catalog, out)
}

/// Renders the Python client and the vectors of each of [`PROFILE_CATALOGS`] with the
/// templates on disk into its own folder of [`PROFILES_OUT`] (emptied first); returns the
/// folders, in the order of the catalogs.
fn render_profiles() -> Result<Vec<PathBuf>, String> {
    let root = project_root();
    let base = root.join(PROFILES_OUT);
    remove_dir(&base)?;
    let mut outs = Vec::new();
    for (name, path) in PROFILE_CATALOGS {
        let catalog = load_catalog(path, true)?;
        let options = errcat::render::Options {
            command: "cargo xtask ci --only python".to_owned(),
            catalog_path: path.to_owned(),
            templates_dir: Some(root.join("templates")),
        };
        let files = errcat::render::plan_targets(&catalog, &options, &[TargetId::Python, TargetId::Conformance])
            .map_err(|e| format!("{path}: {e}"))?;
        let out = base.join(name);
        for (file, text) in &files {
            write(&out.join(file), text)?;
        }
        outs.push(out);
    }
    Ok(outs)
}

/// One `mypy --strict` run over several clients (`(folder, package)` pairs, rendered from
/// the same templates, so with the same configuration): each run pays mypy's start-up and
/// the standard library's analysis once.
fn mypy_clients(bin: &Path, clients: &[(PathBuf, String)], cache: &str) -> Result<(), String> {
    let Some((first, _)) = clients.first() else { return Ok(()) };
    let path = std::env::join_paths(clients.iter().map(|(dir, _)| dir)).map_err(|e| e.to_string())?;
    let mut command = Command::new(bin.join("mypy"));
    command
        .env("MYPYPATH", path)
        .arg("--strict")
        .arg("--explicit-package-bases")
        .arg("--cache-dir")
        .arg(tools_dir().join("mypy-cache").join(cache))
        .args(clients.iter().map(|(dir, package)| dir.join(package)));
    run_in(first, &mut command)
}

/// The import name of the client in `dir`: its one folder holding a `py.typed`.
fn package_of(dir: &Path) -> Result<String, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut packages: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("py.typed").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    packages.sort();
    match packages.as_slice() {
        [package] => Ok(package.clone()),
        _ => Err(format!("{} should hold exactly one package with a py.typed, found {packages:?}", dir.display())),
    }
}

/// `ruff check` (with `extra` arguments) and `ruff format --check` in `dir`, with the
/// rules of its `pyproject.toml`.
fn ruff(bin: &Path, dir: &Path, extra: &[&str]) -> Result<(), String> {
    let cache = tools_dir().join("ruff-cache");
    let lint =
        run_in(dir, Command::new(bin.join("ruff")).env("RUFF_CACHE_DIR", &cache).args(["check", "."]).args(extra));
    let format =
        run_in(dir, Command::new(bin.join("ruff")).env("RUFF_CACHE_DIR", &cache).args(["format", "--check", "."]));
    lint.and(format)
}

/// `mypy --strict` on `target` with the configuration in `dir`, finding imports in
/// `path`; `cache` names its cache folder.
fn mypy(bin: &Path, dir: &Path, target: &Path, path: &Path, cache: &str) -> Result<(), String> {
    let cache = tools_dir().join("mypy-cache").join(cache);
    let mut command = Command::new(bin.join("mypy"));
    command
        .env("MYPYPATH", path)
        .arg("--strict")
        .arg("--explicit-package-bases")
        .arg("--cache-dir")
        .arg(cache)
        .arg(target);
    run_in(dir, &mut command)
}

/// Compares the stubs of the client in `dir` (`_catalog/*.pyi`, which declare to type
/// checkers what `codes`, `errors` and `details` make from the code table on first use)
/// with what the package makes at run time: ErrorCode's members and values, each code's
/// exception class (its base, whether it narrows `typed_details`) and details dataclass
/// (its fields, their annotations and defaults), and that neither side has a class the
/// other lacks.
pub fn stubs_match(bin: &Path, dir: &Path, package: &str) -> Result<(), String> {
    let script = tools_dir().join("stubs_match.py");
    write(&script, STUBS_MATCH)?;
    let mut command = Command::new(bin.join("python"));
    command.env("PYTHONDONTWRITEBYTECODE", "1").arg(&script).arg(dir).arg(package);
    run_in(dir, &mut command).map_err(|e| format!("the stubs of {} differ from its classes: {e}", dir.display()))
}

/// The script of [`stubs_match`]: `python stubs_match.py CLIENT_DIR PACKAGE`.
const STUBS_MATCH: &str = include_str!("stubs_match.py");

/// `python -m pytest` with `client` importable and nothing written to the source tree.
fn pytest(bin: &Path, client: &Path) -> Command {
    let mut command = Command::new(bin.join("python"));
    command.env("PYTHONPATH", client).env("PYTHONDONTWRITEBYTECODE", "1").args([
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
    ]);
    command
}

/// Imports the rendered package and compares the strings it exposes with the catalog's.
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

/// The hostile read-back of the Python client rendered into `out`: it compiles, imports,
/// and exposes exactly the strings of `expected` (see `ci::hostile`).
pub fn hostile_read_back(catalog: &Catalog, out: &Path, expected: &Path) -> Result<(), String> {
    let python = out.join("python");
    run_command(Command::new("python3").args(["-m", "compileall", "-q"]).arg(&python))?;
    let package = catalog.names().packages.python.clone();
    run_command(Command::new("python3").arg("-c").arg(PYTHON_READ_BACK).arg(out).arg(&package).arg(expected))
}
