//! CI checks of the generated Go client.
//!
//! The strict checks (`gofmt -l` must print nothing, `go vet`, `go test`, and
//! staticcheck when it can be installed) run on `generated/go` and on the clients
//! rendered from the hostile catalogs in `conformance/go/hostile/`, so that the templates
//! are proven on any catalog the validator accepts, not only the shipped one. Then the
//! conformance harness in `conformance/go` runs every vector, retry scenario and
//! end-to-end scenario (against the demo service, built here) with `generated/go`, and
//! the vectors of the hostile catalog with its own client. The client of
//! `crates/errcat/tests/catalogs/pascal-camel.yaml` (PascalCase, dotted and dashed codes,
//! camelCase details keys) gets the same strict checks and its vectors, where the harness
//! reads every typed details field through its Go name against its wire key's raw value.
//!
//! The example catalogs of the other wire profiles (`catalog/profiles/{problem,google,
//! nested}.yaml`) are rendered too: their three clients pass gofmt each, and `go vet`,
//! `go test` and staticcheck once over all three (a `go.work` that uses them), then the
//! harness runs each one's vectors and retry scenarios against it. So does the client of
//! the lifecycle catalog (`crates/errcat/tests/catalogs/lifecycle.yaml`), whose vectors
//! send a deprecated code and a tombstone that it must decode as their replacements.
//!
//! The generated modules use the standard library only, so every Go command runs with
//! `GOPROXY=off` and the local toolchain (`GOTOOLCHAIN=local`); only the staticcheck
//! install reaches the module proxy. The build cache, `GOPATH` and staticcheck live
//! under `target/ci-tools/`.

use errcat::model::Catalog;
use errcat::targets::TargetId;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::exec::{capture, demo_binary, render_with_cli, run_command, run_in, write};
use crate::project_root;
use crate::tools::{require, tools_dir};

/// staticcheck, pinned; installed with `go install` into `target/ci-tools/go-bin`.
const STATICCHECK: &str = "honnef.co/go/tools/cmd/staticcheck@v0.8.2";

/// The module path of the Scriptix client, which the harness requires and replaces.
const CLIENT_MODULE: &str = "github.com/scriptix/scriptix-errors-go";

/// The hostile catalogs (below `conformance/go/hostile/`), where each renders to (below
/// `target/`), and whether the harness runs its vectors (`extreme.yaml`'s retry policy is
/// beyond what the reference retry scenarios model).
const HOSTILE: [(&str, &str, bool); 2] =
    [("catalog.yaml", "go-hostile", true), ("extreme.yaml", "go-hostile-extreme", false)];

/// The catalog with a deprecated code and a tombstone, each replaced by a live code.
const LIFECYCLE_CATALOG: &str = "crates/errcat/tests/catalogs/lifecycle.yaml";
/// Where [`LIFECYCLE_CATALOG`] is rendered, below the repository root.
const LIFECYCLE_OUT: &str = "target/go-lifecycle";

/// The wire profiles of the example catalogs `catalog/profiles/<profile>.yaml`, each
/// rendered to `target/go-profiles/<profile>`.
const PROFILES: [&str; 3] = ["problem", "google", "nested"];

/// Runs the Go checks. Every check runs even when an earlier one fails; the error lists
/// all failures.
pub fn run() -> Result<(), String> {
    require("go", "the Go checks (gofmt, go vet, go test; Go 1.22 or newer)")?;
    let root = project_root();
    let gofmt = gofmt()?;
    let mut failures: Vec<String> = Vec::new();
    let mut check = |result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("go: FAILED: {message}");
            failures.push(message);
        }
    };

    let mut hostile_outputs = Vec::new();
    let hostile = HOSTILE.map(|(catalog, out, harness)| (format!("conformance/go/hostile/{catalog}"), out, harness));
    let wire_names = (super::WIRE_NAMES_CATALOG.to_owned(), "go-wire-names", true);
    for (catalog, out, harness) in hostile.into_iter().chain([wire_names]) {
        let out = format!("target/{out}");
        match render_with_cli(&catalog, &out) {
            Ok(()) => hostile_outputs.push((root.join(&out), harness)),
            Err(message) => check(Err(message)),
        }
    }
    let mut profile_outputs = Vec::new();
    for profile in PROFILES {
        let out = format!("target/go-profiles/{profile}");
        match render_with_cli(&format!("catalog/profiles/{profile}.yaml"), &out) {
            Ok(()) => profile_outputs.push(root.join(&out)),
            Err(message) => check(Err(message)),
        }
    }
    let staticcheck = staticcheck();

    let mut modules = vec![root.join("generated").join("go")];
    modules.extend(hostile_outputs.iter().map(|(out, _)| out.join("go")));
    for module in &modules {
        check(gofmt_clean(&gofmt, module));
        check(go(module, &["vet", "./..."]));
        check(go(module, &["test", "-count=1", "./..."]));
        if let Some(staticcheck) = &staticcheck {
            check(run_in(module, tool_command(staticcheck, module).arg("./...")));
        }
    }

    if !profile_outputs.is_empty() {
        check(profiles(&gofmt, staticcheck.as_deref(), &profile_outputs));
    }

    let harness = root.join("conformance").join("go");
    check(gofmt_clean(&gofmt, &harness));
    check(go(&harness, &["vet", "./..."]));
    check(go(&harness, &["vet", "-tags", "hostile", "./..."]));
    if let Some(staticcheck) = &staticcheck {
        check(run_in(&harness, tool_command(staticcheck, &harness).arg("./...")));
    }
    match demo_binary() {
        Ok(demo) => {
            let mut command = go_command(&harness, true);
            command.env("SCRIPTIX_DEMO", demo).args(["test", "-count=1", "./..."]);
            check(run_in(&harness, &mut command).map_err(|e| format!("the conformance harness failed: {e}")));
        }
        Err(message) => check(Err(message)),
    }
    for (out, _) in hostile_outputs.iter().filter(|(_, harness)| *harness) {
        check(hostile_harness(&harness, out, &out.join("go")));
    }
    for out in &profile_outputs {
        check(as_client_module(out).and_then(|client| hostile_harness(&harness, out, &client)));
    }
    check(demo_profile_end_to_end(&gofmt, staticcheck.as_deref(), &harness));
    check(lifecycle(&gofmt, staticcheck.as_deref()));
    // Its vectors send a deprecated code and a tombstone, each decoded as its replacement.
    let lifecycle_out = root.join(LIFECYCLE_OUT);
    check(as_client_module(&lifecycle_out).and_then(|client| hostile_harness(&harness, &lifecycle_out, &client)));

    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{} Go checks failed:\n  {}", failures.len(), failures.join("\n  ")))
    }
}

/// The client of a catalog with a deprecated code (`crates/errcat/tests/catalogs/
/// lifecycle.yaml`): clean under gofmt, go vet and staticcheck itself, while a program that
/// names the deprecated code gets staticcheck's SA1019 ("deprecated") for it.
fn lifecycle(gofmt: &Path, staticcheck: Option<&Path>) -> Result<(), String> {
    let out = LIFECYCLE_OUT;
    render_with_cli(LIFECYCLE_CATALOG, out)?;
    let module = project_root().join(out).join("go");
    gofmt_clean(gofmt, &module)?;
    go(&module, &["vet", "./..."])?;
    let Some(staticcheck) = staticcheck else { return Ok(()) };
    run_in(&module, tool_command(staticcheck, &module).arg("./..."))?;
    let go_mod = std::fs::read_to_string(module.join("go.mod")).map_err(|e| format!("{}: {e}", module.display()))?;
    let path = go_mod
        .lines()
        .find_map(|line| line.strip_prefix("module "))
        .map(str::trim)
        .ok_or("the lifecycle client's go.mod names no module")?;
    let program = project_root().join(out).join("user");
    std::fs::create_dir_all(&program).map_err(|e| format!("{}: {e}", program.display()))?;
    let files = [
        (
            "go.mod",
            format!("module errcat.example/user\n\ngo 1.22\n\nrequire {path} v0.0.0\n\nreplace {path} => ../go\n"),
        ),
        (
            "main.go",
            format!(
                "// Package main names a deprecated code of the client.\npackage main\n\nimport (\n\t\"fmt\"\n\n\t\
                 client \"{path}\"\n)\n\nfunc main() {{\n\tfmt.Println(client.CodeOops)\n}}\n"
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(program.join(name), text).map_err(|e| format!("{name}: {e}"))?;
    }
    let output = capture(&program, tool_command(staticcheck, &program).arg("./..."))?;
    let report = String::from_utf8_lossy(&output.stdout);
    if output.status.success() || !report.contains("SA1019") || !report.contains("CodeOops") {
        return Err(format!("staticcheck did not flag the deprecated CodeOops in a user program:\n{report}"));
    }
    Ok(())
}

/// The strict checks of the profile catalogs' clients (rendered into `outs`): gofmt on
/// each, then one `go vet`, one `go test` and one staticcheck over all of them, in a
/// workspace (`target/go-profiles/go.work`) that uses the three modules.
fn profiles(gofmt: &Path, staticcheck: Option<&Path>, outs: &[PathBuf]) -> Result<(), String> {
    let dir = project_root().join("target").join("go-profiles");
    let mut work = String::from("// The clients of catalog/profiles/, checked together.\ngo 1.22\n\nuse (\n");
    let mut patterns = Vec::new();
    for out in outs {
        let module = out.join("go");
        gofmt_clean(gofmt, &module)?;
        work.push_str(&format!("\t{}\n", module.display()));
        patterns.push(format!("{}/...", module.display()));
    }
    work.push_str(")\n");
    let work_file = dir.join("go.work");
    std::fs::write(&work_file, work).map_err(|e| format!("{}: {e}", work_file.display()))?;
    // A workspace does not take `-mod=mod`; the modules have no dependencies anyway.
    let in_workspace = |mut command: Command| {
        command.env("GOWORK", &work_file).env_remove("GOFLAGS");
        command.args(&patterns);
        command
    };
    let mut vet = go_command(&dir, true);
    vet.arg("vet");
    run_in(&dir, &mut in_workspace(vet))?;
    let mut test = go_command(&dir, true);
    test.args(["test", "-count=1"]);
    run_in(&dir, &mut in_workspace(test))?;
    if let Some(staticcheck) = staticcheck {
        run_in(&dir, &mut in_workspace(tool_command(staticcheck, &dir)))?;
    }
    Ok(())
}

/// A copy of the client rendered into `out` whose go.mod declares the Scriptix client's
/// module path (`out/harness-client`), so that the harness, which imports that path,
/// builds against it.
fn as_client_module(out: &Path) -> Result<PathBuf, String> {
    let (module, copy) = (out.join("go"), out.join("harness-client"));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    let entries = std::fs::read_dir(&module).map_err(|e| format!("{}: {e}", module.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", module.display()))?.path();
        if path.extension().is_some_and(|ext| ext == "go") {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, copy.join(name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let go_mod = std::fs::read_to_string(module.join("go.mod")).map_err(|e| format!("{}: {e}", module.display()))?;
    let go_mod: String = go_mod
        .lines()
        .map(|line| if line.starts_with("module ") { format!("module {CLIENT_MODULE}\n") } else { format!("{line}\n") })
        .collect();
    std::fs::write(copy.join("go.mod"), go_mod).map_err(|e| format!("{}: {e}", copy.display()))?;
    Ok(copy)
}

/// Runs the harness with the vectors of the catalog rendered into `out` against
/// `client`, a module with the Scriptix client's path: a go.mod next to the output
/// replaces the client module with it, and the `hostile` tag leaves out the tests that
/// use the Scriptix catalog's names.
fn hostile_harness(harness: &Path, out: &Path, client: &Path) -> Result<(), String> {
    let modfile = harness_modfile(out, client)?;
    let vectors = out.join("conformance").join("vectors.json");
    let mut command = go_command(harness, true);
    command.env("ERRCAT_VECTORS", &vectors).arg("test").arg("-count=1").arg("-tags").arg("hostile");
    command.arg(format!("-modfile={}", modfile.display())).arg("./...");
    run_in(harness, &mut command).map_err(|e| format!("the harness on {} failed: {e}", vectors.display()))
}

/// A go.mod for the harness, written into `out`, that replaces the Scriptix client's
/// module with `client`; returns its path (for `-modfile`).
fn harness_modfile(out: &Path, client: &Path) -> Result<PathBuf, String> {
    let modfile = out.join("harness.go.mod");
    let text = format!(
        "// The conformance harness of conformance/go, run against {client}.\n\
         module errcat.example/conformance/go\n\ngo 1.22\n\nrequire {CLIENT_MODULE} v0.0.0\n\n\
         replace {CLIENT_MODULE} => {client}\n",
        client = client.display(),
    );
    std::fs::write(&modfile, text).map_err(|e| format!("{}: {e}", modfile.display()))?;
    Ok(modfile)
}

/// The Scriptix client rendered in the demo's second wire profile (`errcat generate
/// --profile`): gofmt, go vet and staticcheck on it, its vectors and retry scenarios (as for
/// any catalog), then the end-to-end scenarios against the demo answering in that profile.
/// The harness's other Scriptix tests write `flat` bodies of their own, so only
/// `TestEndToEnd` runs untagged.
fn demo_profile_end_to_end(gofmt: &Path, staticcheck: Option<&Path>, harness: &Path) -> Result<(), String> {
    let out = super::render_scriptix_in_demo_profile(TargetId::Go)?;
    let module = out.join("go");
    gofmt_clean(gofmt, &module)?;
    go(&module, &["vet", "./..."])?;
    if let Some(staticcheck) = staticcheck {
        run_in(&module, tool_command(staticcheck, &module).arg("./..."))?;
    }
    hostile_harness(harness, &out, &module)?;
    let modfile = harness_modfile(&out, &module)?;
    let mut command = go_command(harness, true);
    command
        .env("ERRCAT_VECTORS", out.join("conformance").join("vectors.json"))
        .env("ERRCAT_DEMO_PROFILE", super::DEMO_PROFILE)
        .env("SCRIPTIX_DEMO", demo_binary()?)
        .args(["test", "-count=1", "-run", "^TestEndToEnd$"])
        .arg(format!("-modfile={}", modfile.display()))
        .arg("./...");
    run_in(harness, &mut command)
        .map_err(|e| format!("the harness on the Scriptix client in the `{}` profile failed: {e}", super::DEMO_PROFILE))
}

/// `gofmt`, from the toolchain that `go` belongs to.
fn gofmt() -> Result<PathBuf, String> {
    let output = go_command(&project_root(), true)
        .args(["env", "GOROOT"])
        .output()
        .map_err(|e| format!("cannot run `go env GOROOT`: {e}"))?;
    let goroot = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let gofmt = Path::new(&goroot).join("bin").join("gofmt");
    if output.status.success() && gofmt.exists() {
        Ok(gofmt)
    } else {
        require("gofmt", "the Go checks").map(|()| PathBuf::from("gofmt"))
    }
}

/// `gofmt -l` on `dir` must list no file.
fn gofmt_clean(gofmt: &Path, dir: &Path) -> Result<(), String> {
    let output = capture(dir, Command::new(gofmt).arg("-l").arg("."))?;
    let listed = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!("gofmt failed in {}: {}", dir.display(), String::from_utf8_lossy(&output.stderr)));
    }
    if !listed.trim().is_empty() {
        return Err(format!(
            "gofmt would change these files in {}: {}",
            dir.display(),
            listed.trim().replace('\n', ", ")
        ));
    }
    Ok(())
}

/// staticcheck, installed at the pinned version on first use; `None` (with a note) when
/// it cannot be installed, for example without access to the module proxy.
fn staticcheck() -> Option<PathBuf> {
    let bin = tools_dir().join("go-bin");
    let program = bin.join("staticcheck");
    let stamp = bin.join("errcat-staticcheck.txt");
    if program.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(STATICCHECK) {
        return Some(program);
    }
    let mut command = go_command(&project_root(), false);
    command.env("GOBIN", &bin).env("GOFLAGS", "-modcacherw").args(["install", STATICCHECK]);
    match run_in(&project_root(), &mut command) {
        Ok(()) if program.exists() => {
            let _ = std::fs::write(&stamp, STATICCHECK);
            Some(program)
        }
        _ => {
            eprintln!("go: note: skipping staticcheck: `go install {STATICCHECK}` did not succeed");
            None
        }
    }
}

/// `go ARGS` in `dir`, offline.
fn go(dir: &Path, args: &[&str]) -> Result<(), String> {
    run_in(dir, go_command(dir, true).args(args))
}

/// A `go` command with the CI environment: the local toolchain only, modules resolved
/// without a go.sum of their own (`-mod=mod`), no workspace file, caches under
/// `target/ci-tools/`, and no module proxy when `offline`.
pub(super) fn go_command(dir: &Path, offline: bool) -> Command {
    let mut command = tool_command(Path::new("go"), dir);
    if !offline {
        // The proxy this machine is set up with (environment or `go env -w`).
        match std::env::var_os("GOPROXY") {
            Some(proxy) => command.env("GOPROXY", proxy),
            None => command.env_remove("GOPROXY"),
        };
    }
    command
}

/// `program` (`go`, or a tool that runs it) with the CI environment of [`go_command`],
/// offline.
fn tool_command(program: &Path, dir: &Path) -> Command {
    let tools = tools_dir();
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOWORK", "off")
        .env("GOCACHE", tools.join("go-build"))
        .env("GOPATH", tools.join("gopath"))
        .env("GOPROXY", "off");
    command
}

/// A test of the rendered package comparing what it exposes with the catalog's strings.
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

/// The hostile read-back of the Go client rendered into `out`: it vets, and a test
/// dropped into the package finds exactly the strings of `expected` (see `ci::hostile`).
pub fn hostile_read_back(catalog: &Catalog, out: &Path, expected: &Path) -> Result<(), String> {
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
