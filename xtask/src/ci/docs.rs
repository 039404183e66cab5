//! CI checks of the generated docs artifacts: the OpenAPI fragment, checked by two
//! independent validators at pinned versions.
//!
//! - openapi-spec-validator (PyPI) validates against the OpenAPI 3.1 JSON Schema. It reads
//!   YAML with PyYAML, a YAML 1.1 parser, so it also proves that nothing in the document
//!   depends on YAML 1.2 (a plain `NO` would be a boolean there).
//! - Redocly CLI (npm) lints with its `minimal` ruleset: resolvable `$ref`s, discriminator
//!   mappings, examples that match their schemas, and the like.
//!
//! Both run on the committed `generated/openapi/errors.yaml`, on the fragment of the
//! example catalog of each other wire profile (`catalog/profiles/`), on the fragment of the
//! catalog of PascalCase, dotted and dashed codes and camelCase details keys
//! (`crates/errcat/tests/catalogs/pascal-camel.yaml`), and on the fragment of the small
//! hostile catalog of errcat's tests in every profile (and with its `flat` members renamed),
//! all rendered here, so each profile's schemas are proven valid, and hostile strings
//! harmless, by real tools too. The Markdown reference is checked by
//! `crates/errcat/tests/docs.rs` (the `test` step): a real Markdown parser, tables, anchors
//! and every catalog string.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::exec::{load_catalog, run_command, write};
use crate::project_root;
use crate::tools;

/// The committed OpenAPI fragment, relative to the repository root.
const OPENAPI: &str = "generated/openapi/errors.yaml";
/// The hostile test catalog whose fragment is validated too, in every profile.
pub(super) const HOSTILE_CATALOG: &str = "crates/errcat/tests/catalogs/minimal.yaml";
/// The example catalogs of the profiles other than `flat`, whose fragments are validated too.
const PROFILE_CATALOGS: [&str; 3] =
    ["catalog/profiles/problem.yaml", "catalog/profiles/google.yaml", "catalog/profiles/nested.yaml"];
/// The profiles other than `flat`, the hostile catalog's own.
const OTHER_PROFILES: [&str; 3] = ["problem", "google", "nested"];

/// openapi-spec-validator, pinned.
const OPENAPI_SPEC_VALIDATOR: &str = "openapi-spec-validator==0.9.0";
/// Redocly CLI, pinned.
const REDOCLY_CLI: &str = "@redocly/cli@2.77.0";

/// Runs the docs checks.
pub fn run() -> Result<(), String> {
    let root = project_root();
    if !root.join(OPENAPI).is_file() {
        return Err(format!("{OPENAPI} is missing; run `cargo xtask generate`"));
    }
    let mut documents = vec![PathBuf::from(OPENAPI)];
    for catalog in PROFILE_CATALOGS {
        documents.push(render_fragment(catalog, &format!("docs-{}", file_stem(catalog)))?);
    }
    documents.push(render_fragment(super::WIRE_NAMES_CATALOG, "docs-wire-names")?);
    documents.push(render_fragment(HOSTILE_CATALOG, "docs-hostile")?);
    for profile in OTHER_PROFILES {
        documents.push(render_hostile_fragment_in(profile)?);
    }
    documents.push(render_hostile_fragment_renamed()?);
    validate_openapi(&documents)
}

/// Validates each OpenAPI document with openapi-spec-validator and lints it with Redocly.
pub(crate) fn validate_openapi(documents: &[PathBuf]) -> Result<(), String> {
    let venv = tools::python_venv("docs", &[OPENAPI_SPEC_VALIDATOR])?;
    for document in documents {
        run_command(Command::new(venv.join("openapi-spec-validator")).arg(document))?;
    }

    let node = tools::npm_packages("docs", &[REDOCLY_CLI])?;
    let redocly = node.join("node_modules").join(".bin").join("redocly");
    for document in documents {
        redocly_lint(&redocly, document)?;
    }
    Ok(())
}

/// Lints `document` with Redocly's `minimal` ruleset; fails on any error or warning.
fn redocly_lint(redocly: &Path, document: &Path) -> Result<(), String> {
    let mut command = Command::new(redocly);
    command
        .current_dir(project_root())
        .args(["lint", "--extends=minimal", "--format=json"])
        // The document is a library of components for other specs to reference, so by
        // construction it has no operations: nothing in `paths` uses its responses and
        // headers (`no-unused-components`), and it knows no server of its own
        // (`no-empty-servers`); the spec that merges it has both.
        .args(["--skip-rule=no-unused-components", "--skip-rule=no-empty-servers"])
        .arg(document)
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    let shown = format!("{command:?}");
    eprintln!("$ {shown}");
    let output = command.output().map_err(|e| format!("cannot run {shown}: {e}"))?;
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("{shown}: no JSON report ({e}); it said:\n{}", String::from_utf8_lossy(&output.stderr)))?;
    let count = |kind: &str| report["totals"][kind].as_u64().unwrap_or(u64::MAX);
    let (errors, warnings) = (count("errors"), count("warnings"));
    for problem in report["problems"].as_array().into_iter().flatten() {
        let at = problem["location"][0]["pointer"].as_str().unwrap_or("?");
        let line = &problem["location"][0]["start"]["line"];
        eprintln!(
            "{}:{line}: {} {}: {} ({at})",
            document.display(),
            problem["severity"].as_str().unwrap_or("?"),
            problem["ruleId"].as_str().unwrap_or("?"),
            problem["message"].as_str().unwrap_or("?"),
        );
    }
    if output.status.success() && errors == 0 && warnings == 0 {
        eprintln!("{}: Redocly minimal ruleset: no problems", document.display());
        Ok(())
    } else {
        Err(format!("{}: Redocly found {errors} errors and {warnings} warnings", document.display()))
    }
}

/// Renders the OpenAPI fragment of `catalog` (relative to the repository root) with the
/// templates on disk into `target/ci-tools/<folder>/errors.yaml` and returns its path.
pub(super) fn render_fragment(catalog: &str, folder: &str) -> Result<PathBuf, String> {
    let root = project_root();
    let loaded = load_catalog(catalog, false)?;
    let options = errcat::render::Options {
        command: "cargo xtask ci --only docs".to_owned(),
        catalog_path: catalog.to_owned(),
        templates_dir: Some(root.join("templates")),
    };
    let files = errcat::render::plan_targets(&loaded, &options, &[errcat::targets::TargetId::OpenApi])
        .map_err(|e| e.to_string())?;
    let text = files.get("openapi/errors.yaml").ok_or("the openapi templates rendered no errors.yaml")?;
    let path = tools::tools_dir().join(folder).join("errors.yaml");
    write(&path, text)?;
    Ok(path)
}

/// Renders the fragment of [`HOSTILE_CATALOG`] in `profile`
/// ([`errcat_testkit::profiles::in_profile`]), the catalog written next to it, and returns
/// the fragment's path.
fn render_hostile_fragment_in(profile: &str) -> Result<PathBuf, String> {
    let root = project_root();
    let text = std::fs::read_to_string(root.join(HOSTILE_CATALOG)).map_err(|e| format!("{HOSTILE_CATALOG}: {e}"))?;
    let folder = format!("docs-hostile-{profile}");
    let catalog = tools::tools_dir().join(&folder).join("catalog.yaml");
    let text = errcat_testkit::profiles::in_profile(&text, profile)
        .ok_or_else(|| format!("{HOSTILE_CATALOG} cannot be put in the `{profile}` profile"))?;
    write(&catalog, &text)?;
    let relative =
        catalog.strip_prefix(&root).map_err(|_| format!("{} is outside the repository", catalog.display()))?;
    render_fragment(&relative.to_string_lossy(), &folder)
}

/// Renders the fragment of [`HOSTILE_CATALOG`] with its `flat` members renamed
/// ([`errcat_testkit::profiles::with_renamed_members`]: a dotted code member the
/// discriminator names, a documentation URL member) and returns its path.
fn render_hostile_fragment_renamed() -> Result<PathBuf, String> {
    let root = project_root();
    let text = std::fs::read_to_string(root.join(HOSTILE_CATALOG)).map_err(|e| format!("{HOSTILE_CATALOG}: {e}"))?;
    let text = errcat_testkit::profiles::with_renamed_members(&text)
        .ok_or_else(|| format!("{HOSTILE_CATALOG} does not document every `flat` member"))?;
    let catalog = tools::tools_dir().join("docs-hostile-renamed").join("catalog.yaml");
    write(&catalog, &text)?;
    let relative =
        catalog.strip_prefix(&root).map_err(|_| format!("{} is outside the repository", catalog.display()))?;
    render_fragment(&relative.to_string_lossy(), "docs-hostile-renamed")
}

/// The file name of `path` without its extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").unwrap_or(name)
}
