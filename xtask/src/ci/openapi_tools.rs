//! CI checks of the OpenAPI fragment with the generators people feed it to, at pinned
//! versions: what they make of it must compile, keep every member typed and required where
//! the catalog says so, and read a body with a code the fragment does not know.
//!
//! The fragment is a components-only document, so each one checked here (the shipped
//! catalog's and the hostile test catalog's of the docs step) is first wrapped into a full
//! document, `target/openapi-tools/<name>/openapi.json`: one operation whose responses are
//! every response of the fragment, so the generators emit every model.
//!
//! - **openapi-generator** (Maven plugin, in one `mvn` run of a small POM written here)
//!   with `python` and `typescript-fetch`. The Python package is installed in a venv and
//!   `openapi_tools/check_models.py` parses every code's example with its model and its
//!   status's union, a body with an unknown code with the base model, and checks that every
//!   scalar member has its real type (not `Any`) and is required exactly when the schema
//!   says so. The TypeScript is compiled with `tsc --strict` (the typescript step's pinned
//!   compiler) and `openapi_tools/check_fetch.cjs` runs the same parses through the
//!   `FromJSON`/`ToJSON` functions.
//! - **openapi-typescript**: its types must accept every code's example, and a program
//!   written here omits each required member of each code's schema under
//!   `// @ts-expect-error`, so `tsc --strict` fails if a required member became optional.
//!
//! Downloads are cached: Maven's in `target/ci-tools/m2` (shared with the java step), the
//! venv and npm packages under `target/ci-tools/`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::exec::{remove_dir, run_command, write};
use crate::project_root;
use crate::tools;

/// openapi-generator's Maven plugin, pinned.
const OPENAPI_GENERATOR: &str = "7.25.0";
/// The generators of openapi-generator that are run.
const GENERATORS: [&str; 2] = ["python", "typescript-fetch"];
/// openapi-typescript, pinned.
const OPENAPI_TYPESCRIPT: &str = "openapi-typescript@7.13.0";
/// What the generated Python package needs (its `pyproject.toml`'s dependencies and build
/// backend), pinned, so the package installs without reaching for unpinned versions.
const PYTHON_PACKAGES: [&str; 5] = [
    "pydantic==2.12.5",
    "python-dateutil==2.9.0.post0",
    "urllib3==2.7.0",
    "typing-extensions==4.15.0",
    "setuptools==80.9.0",
];
/// The catalogs whose fragments are checked, each with the name of its folder.
const CATALOGS: [(&str, &str); 3] = [
    ("scriptix", "catalog/scriptix.yaml"),
    ("hostile", super::docs::HOSTILE_CATALOG),
    // A code member that is an extension member of RFC 9457 problem details.
    ("problem", "catalog/profiles/problem.yaml"),
];
/// The scripts of this step, relative to the repository root.
const SCRIPTS: &str = "xtask/src/ci/openapi_tools";

/// Runs the generators on each fragment and checks what they produce.
pub fn run() -> Result<(), String> {
    tools::require("mvn", "the OpenAPI generator checks (Apache Maven 3.8 or newer)")?;
    tools::require("java", "the OpenAPI generator checks (Java 11 or newer)")?;
    let root = project_root();
    let work = root.join("target").join("openapi-tools");
    let mut documents = Vec::new();
    for (name, catalog) in CATALOGS {
        let fragment = super::docs::render_fragment(catalog, &format!("openapi-tools-{name}"))?;
        let dir = work.join(name);
        remove_dir(&dir)?;
        let document = dir.join("openapi.json");
        let wrapped = wrap(&read_yaml(&fragment)?).map_err(|e| format!("{}: {e}", fragment.display()))?;
        write(&document, &serde_json::to_string_pretty(&wrapped).map_err(|e| e.to_string())?)?;
        documents.push((name, dir, document, wrapped));
    }

    generate(
        &work,
        &documents
            .iter()
            .map(|(name, dir, document, _)| (*name, dir.as_path(), document.as_path()))
            .collect::<Vec<_>>(),
    )?;

    let venv = tools::python_venv("openapi-tools", &PYTHON_PACKAGES)?;
    let tsc = super::typescript::pinned_tsc()?;
    let node = tools::npm_packages(
        "openapi-tools",
        &[OPENAPI_TYPESCRIPT, &format!("typescript@{}", super::typescript::pinned_typescript()?)],
    )?;
    let openapi_typescript = node.join("node_modules").join(".bin").join("openapi-typescript");
    let mut failures = Vec::new();
    for (name, dir, document, wrapped) in &documents {
        for result in [
            check_python(&venv, name, dir, document),
            check_fetch(&tsc, dir, document),
            check_openapi_typescript(&openapi_typescript, &tsc, dir, document, wrapped),
        ] {
            if let Err(message) = result {
                eprintln!("openapi-tools: FAILED ({name}): {message}");
                failures.push(format!("{name}: {message}"));
            }
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n")) }
}

/// The YAML document at `path`, as JSON.
fn read_yaml(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_saphyr::from_str(&text).map_err(|e| format!("{}: not YAML: {e}", path.display()))
}

/// `fragment` as a full document: one `GET /probe` whose responses are every response of
/// `components.responses`, each under the HTTP status of its schema (`x-status` of the
/// code's schema, or of the first schema of its status's union).
fn wrap(fragment: &Value) -> Result<Value, String> {
    let mut document = fragment.clone();
    let schemas = &fragment["components"]["schemas"];
    let mut responses = serde_json::Map::new();
    responses.insert("204".to_owned(), json!({"description": "Nothing went wrong."}));
    let listed = fragment["components"]["responses"].as_object().ok_or("no components.responses")?;
    for (name, response) in listed {
        let content = response["content"].as_object().and_then(|c| c.values().next());
        // A `$ref` to a code's schema or to its status's union, or an inline union.
        let schema = content.map(|c| &c["schema"]).map(|s| referenced(schemas, s).unwrap_or(s));
        let first = schema.map(|s| s["oneOf"][0].clone()).filter(|first| !first.is_null());
        let code = match first {
            Some(first) => referenced(schemas, &first),
            None => schema,
        };
        let status = code
            .and_then(|code| code["x-status"].as_u64())
            .ok_or_else(|| format!("response {name}: its schema names no code schema with an x-status"))?;
        responses.insert(status.to_string(), json!({"$ref": format!("#/components/responses/{name}")}));
    }
    document["paths"] = json!({"/probe": {"get": {"operationId": "probe", "responses": responses}}});
    Ok(document)
}

/// The schema `reference` (`{"$ref": "#/components/schemas/NAME"}`) names in `schemas`.
fn referenced<'a>(schemas: &'a Value, reference: &Value) -> Option<&'a Value> {
    let name = reference["$ref"].as_str()?.strip_prefix("#/components/schemas/")?;
    schemas.get(name)
}

/// The Python package name openapi-generator writes for the document `name`.
fn python_package(name: &str) -> String {
    format!("probe_{name}")
}

/// Runs openapi-generator's Maven plugin once, with an execution per document and
/// generator, each writing into `<dir>/<generator>`.
fn generate(work: &Path, documents: &[(&str, &Path, &Path)]) -> Result<(), String> {
    let mut executions = String::new();
    for (name, dir, document) in documents {
        for generator in GENERATORS {
            let options = match generator {
                "python" => format!("<packageName>{}</packageName>", python_package(name)),
                _ => String::new(),
            };
            let _ = write!(
                executions,
                "
          <execution>
            <id>{name}-{generator}</id>
            <phase>generate-sources</phase>
            <goals><goal>generate</goal></goals>
            <configuration>
              <inputSpec>{}</inputSpec>
              <generatorName>{generator}</generatorName>
              <output>{}</output>
              <generateApiTests>false</generateApiTests>
              <generateModelTests>false</generateModelTests>
              <generateApiDocumentation>false</generateApiDocumentation>
              <generateModelDocumentation>false</generateModelDocumentation>
              <configOptions>{options}</configOptions>
            </configuration>
          </execution>",
                xml_text(&document.display().to_string()),
                xml_text(&dir.join(generator).display().to_string()),
            );
        }
    }
    let pom = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by the openapi-tools step of `cargo xtask ci`: runs openapi-generator on each document. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>errcat.ci</groupId>
  <artifactId>openapi-tools</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>org.openapitools</groupId>
        <artifactId>openapi-generator-maven-plugin</artifactId>
        <version>{OPENAPI_GENERATOR}</version>
        <executions>{executions}
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
"#
    );
    let pom_path = work.join("pom.xml");
    write(&pom_path, &pom)?;
    let repo = tools::tools_dir().join("m2");
    run_command(
        Command::new("mvn")
            .args(["-q", "-B", "--no-transfer-progress"])
            .arg(format!("-Dmaven.repo.local={}", repo.display()))
            .arg("-f")
            .arg(&pom_path)
            .arg("generate-sources"),
    )
}

/// `text` as XML character data.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Installs the generated Python package in the venv and runs `check_models.py` on it.
fn check_python(venv: &Path, name: &str, dir: &Path, document: &Path) -> Result<(), String> {
    let package = dir.join("python");
    run_command(
        Command::new(venv.join("python"))
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(["--no-deps", "--no-build-isolation", "--force-reinstall"])
            .arg(&package),
    )?;
    run_command(
        Command::new(venv.join("python"))
            .arg("-B")
            .arg(project_root().join(SCRIPTS).join("check_models.py"))
            .arg(document)
            .arg(python_package(name)),
    )
}

/// Compiles the typescript-fetch output with `tsc --strict` and runs `check_fetch.cjs` on
/// the JavaScript.
fn check_fetch(tsc: &Path, dir: &Path, document: &Path) -> Result<(), String> {
    let source = dir.join("typescript-fetch");
    let dist = dir.join("typescript-fetch-dist");
    run_command(
        Command::new(tsc)
            .args(["--strict", "--target", "es2020", "--module", "commonjs", "--lib", "es2020,dom"])
            .args(["--skipLibCheck", "--outDir"])
            .arg(&dist)
            .arg(source.join("index.ts")),
    )?;
    run_command(Command::new("node").arg(project_root().join(SCRIPTS).join("check_fetch.cjs")).arg(document).arg(&dist))
}

/// Runs openapi-typescript on the document and `tsc --strict --noEmit` on a program that
/// assigns every code's example to its schema's type and, under `@ts-expect-error`, the
/// example without each of its required members.
fn check_openapi_typescript(
    openapi_typescript: &Path,
    tsc: &Path,
    dir: &Path,
    document: &Path,
    wrapped: &Value,
) -> Result<(), String> {
    let out = dir.join("openapi-typescript");
    let types = out.join("schema.d.ts");
    run_command(Command::new(openapi_typescript).arg(document).arg("-o").arg(&types))?;
    let program = out.join("required.ts");
    write(&program, &required_members_program(wrapped)?)?;
    run_command(
        Command::new(tsc)
            .args(["--strict", "--noEmit", "--target", "es2020", "--lib", "es2020", "--skipLibCheck"])
            .arg(&program),
    )
}

/// The program of [`check_openapi_typescript`]: per code's schema (one with `x-status`),
/// its example assigned to its type, then under `@ts-expect-error` the example without
/// each required member and with a value of the wrong type in each scalar member (which
/// an untyped member, `unknown`, would accept); and a body with a code the document does not know assigned to the
/// base schema (`ApiError`, or `Problem`).
fn required_members_program(document: &Value) -> Result<String, String> {
    let schemas = document["components"]["schemas"].as_object().ok_or("no components.schemas")?;
    let mut program = String::from(
        "// Written by `cargo xtask ci --only openapi-tools`.\nimport type { components } from \"./schema\";\n\
         type S = components[\"schemas\"];\n",
    );
    let (mut checked, mut typed) = (0, 0);
    for (index, (name, schema)) in schemas.iter().filter(|(_, s)| s.get("x-status").is_some()).enumerate() {
        let example = schema["examples"][0].as_object().ok_or_else(|| format!("{name} has no example object"))?;
        let ty = format!("S[{}]", json!(name));
        let _ = writeln!(program, "export const ok{index}: {ty} = {};", Value::Object(example.clone()));
        for member in required_members(document, schema) {
            let mut without = example.clone();
            if without.remove(&member).is_none() {
                return Err(format!("{name}: its example lacks the required member {member}"));
            }
            let _ = writeln!(program, "// @ts-expect-error `{member}` is required in {name}.");
            let _ = writeln!(program, "export const without{index}_{checked}: {ty} = {};", Value::Object(without));
            checked += 1;
        }
        for (member, wrong) in scalar_members(document, schema) {
            let mut mistyped = example.clone();
            mistyped.insert(member.clone(), wrong);
            let _ = writeln!(program, "// @ts-expect-error `{member}` of {name} has a type.");
            let _ = writeln!(program, "export const mistyped{index}_{typed}: {ty} = {};", Value::Object(mistyped));
            typed += 1;
        }
    }
    if checked == 0 {
        return Err("no code's schema has a required member: nothing to check".to_owned());
    }
    let base_name = if schemas.contains_key("Problem") { "Problem" } else { "ApiError" };
    let base = &schemas[base_name];
    // The code member: open to any string (`anyOf`), or (in a closed fragment, which the
    // assignment below then shows) the `ErrorCode` enum itself.
    let properties = base["properties"].as_object().ok_or_else(|| format!("{base_name} has no properties"))?;
    let code_member = properties
        .iter()
        .find(|(_, prop)| prop.get("anyOf").is_some())
        .or_else(|| {
            properties.iter().find(|(_, prop)| prop["$ref"].as_str().is_some_and(|r| r.ends_with("/ErrorCode")))
        })
        .map(|(member, _)| member.clone())
        .ok_or_else(|| format!("{base_name} has no code member"))?;
    let first = schemas
        .values()
        .find_map(|s| s.get("x-status").and(s["examples"][0].as_object()))
        .ok_or("no code's schema has an example")?;
    let mut unknown = first.clone();
    unknown.insert(code_member, json!("ERRCAT_CODE_FROM_A_NEWER_SERVER"));
    let _ = writeln!(program, "export const unknown: S[{}] = {};", json!(base_name), Value::Object(unknown));
    eprintln!("openapi-typescript: {checked} required and {typed} typed members checked");
    Ok(program)
}

/// The members `schema` requires, itself or through its `allOf` parts (resolved in
/// `document`), each once.
fn required_members(document: &Value, schema: &Value) -> Vec<String> {
    let mut required: Vec<String> = Vec::new();
    for part in parts(document, schema) {
        for member in part["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !required.iter().any(|known| known == member) {
                required.push(member.to_owned());
            }
        }
    }
    required
}

/// The members of `schema` (itself or through its `allOf` parts) with a scalar type and
/// no fixed values, each with a value of another type.
fn scalar_members(document: &Value, schema: &Value) -> Vec<(String, Value)> {
    let mut members: Vec<(String, Value)> = Vec::new();
    for part in parts(document, schema) {
        for (member, prop) in part["properties"].as_object().into_iter().flatten() {
            let wrong = match prop["type"].as_str() {
                _ if prop.get("enum").is_some() || prop.get("const").is_some() => continue,
                Some("string") => json!(0),
                Some("integer" | "number") => json!("0"),
                Some("boolean") => json!(0),
                _ => continue,
            };
            if !members.iter().any(|(known, _)| known == member) {
                members.push((member.clone(), wrong));
            }
        }
    }
    members
}

/// The `allOf` parts of `schema` (references resolved in `document`), then `schema` itself:
/// what a generator merges into one type.
fn parts<'a>(document: &'a Value, schema: &'a Value) -> impl Iterator<Item = &'a Value> {
    let schemas = &document["components"]["schemas"];
    let all_of = schema["allOf"].as_array().into_iter().flatten();
    all_of.map(move |part| referenced(schemas, part).unwrap_or(part)).chain([schema])
}
