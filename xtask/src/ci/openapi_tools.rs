//! CI checks of the OpenAPI fragment with the generators people feed it to, at pinned
//! versions: what they make of it must compile, keep every member typed and required where
//! the catalog says so, and read a body with a code the fragment does not know.
//!
//! The fragment is a components-only document, so each one checked here (the shipped
//! catalog's, the hostile test catalog's of the docs step, and the example catalog's of
//! each other wire profile, whose code is an extension member in `problem`, in an
//! `ErrorInfo` of a list in `google`, in `error` in `nested`) is first wrapped into a full
//! document, `target/openapi-tools/<name>/openapi.json`: one operation whose responses are
//! every response of the fragment, so the generators emit every model.
//!
//! - **openapi-generator** (Maven plugin, in one `mvn` run of a small POM written here)
//!   with `python` and `typescript-fetch`. The Python package is installed in a venv and
//!   `openapi_tools/check_models.py` parses every code's example with its model and its
//!   status's union, a body with an unknown code with the base model, and checks that every
//!   scalar member has its real type (not `Any`) and is required exactly when the schema
//!   says so, in the body and in the objects it holds. The TypeScript is compiled with `tsc --strict` (the typescript step's pinned
//!   compiler) and `openapi_tools/check_fetch.cjs` runs the same parses through the
//!   `FromJSON`/`ToJSON` functions.
//! - **openapi-typescript**: its types must accept every code's example and a body with an
//!   unknown code, and a program written here omits each required member of each code's
//!   schema, and puts a wrong-typed value in each scalar one, under `// @ts-expect-error`,
//!   so `tsc --strict` fails if a required member became optional or a member untyped.
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
const CATALOGS: [(&str, &str); 5] = [
    ("scriptix", "catalog/scriptix.yaml"),
    ("hostile", super::docs::HOSTILE_CATALOG),
    // The other wire profiles: the code is an extension member of RFC 9457 problem details
    // (the unions' discriminator), the `reason` of an `ErrorInfo` in a list, and a member
    // of the body's `error` object (no discriminator can name either).
    ("problem", "catalog/profiles/problem.yaml"),
    ("google", "catalog/profiles/google.yaml"),
    ("nested", "catalog/profiles/nested.yaml"),
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
/// an untyped member, `unknown`, would accept), in the body and in the objects it holds
/// (`error` in `google` and `nested`); and a body with a code the document does not know,
/// wherever the profile puts it, assigned to the base schema (`ApiError`, or `Problem`).
fn required_members_program(document: &Value) -> Result<String, String> {
    let schemas = document["components"]["schemas"].as_object().ok_or("no components.schemas")?;
    let mut program = String::from(
        "// Written by `cargo xtask ci --only openapi-tools`.\nimport type { components } from \"./schema\";\n\
         type S = components[\"schemas\"];\n",
    );
    let (mut checked, mut typed) = (0, 0);
    for (index, (name, schema)) in schemas.iter().filter(|(_, s)| s.get("x-status").is_some()).enumerate() {
        let example = &schema["examples"][0];
        if !example.is_object() {
            return Err(format!("{name} has no example object"));
        }
        let ty = format!("S[{}]", json!(name));
        let _ = writeln!(program, "export const ok{index}: {ty} = {example};");
        let mut checks = Vec::new();
        member_checks(document, schema, &[], &mut checks);
        for (path, wrong) in checks {
            let shown = path.join(".");
            let edited = edit(example, &path, wrong.clone());
            match (wrong, edited) {
                (None, None) => return Err(format!("{name}: its example lacks the required member {shown}")),
                // An optional object the example leaves out: nothing to mistype.
                (Some(_), None) => {}
                (None, Some(without)) => {
                    let _ = writeln!(program, "// @ts-expect-error `{shown}` is required in {name}.");
                    let _ = writeln!(program, "export const without{index}_{checked}: {ty} = {without};");
                    checked += 1;
                }
                (Some(_), Some(mistyped)) => {
                    let _ = writeln!(program, "// @ts-expect-error `{shown}` of {name} has a type.");
                    let _ = writeln!(program, "export const mistyped{index}_{typed}: {ty} = {mistyped};");
                    typed += 1;
                }
            }
        }
    }
    if checked == 0 {
        return Err("no code's schema has a required member: nothing to check".to_owned());
    }
    let base_name = if schemas.contains_key("Problem") { "Problem" } else { "ApiError" };
    let code_member = code_member(schemas).ok_or("no schema has a code member")?;
    let (code, first) = schemas
        .values()
        .filter(|s| s.get("x-status").is_some())
        .find_map(|s| Some((s["title"].as_str()?, &s["examples"][0])))
        .ok_or("no code's schema has an example")?;
    let unknown = with_code(first, code_member, code, "ERRCAT_CODE_FROM_A_NEWER_SERVER");
    let _ = writeln!(program, "export const unknown: S[{}] = {unknown};", json!(base_name));
    eprintln!("openapi-typescript: {checked} required and {typed} typed members checked");
    Ok(program)
}

/// The name of the code member: the member open to any string (`anyOf` with `ErrorCode`),
/// or in a closed fragment (which the program's unknown code then shows) the one that is
/// `ErrorCode` itself.
fn code_member(schemas: &serde_json::Map<String, Value>) -> Option<&str> {
    let is_code = |branch: &Value| branch["$ref"].as_str().is_some_and(|r| r.ends_with("/ErrorCode"));
    let members = || schemas.values().filter_map(|s| s["properties"].as_object()).flatten();
    members()
        .find(|(_, prop)| prop["anyOf"].as_array().is_some_and(|branches| branches.iter().any(is_code)))
        .or_else(|| members().find(|(_, prop)| is_code(prop)))
        .map(|(member, _)| member.as_str())
}

/// `value` with every `member` whose value is `old` set to `new`, at any depth.
fn with_code(value: &Value, member: &str, old: &str, new: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| {
                    let item =
                        if key == member && item == old { json!(new) } else { with_code(item, member, old, new) };
                    (key.clone(), item)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|item| with_code(item, member, old, new)).collect()),
        other => other.clone(),
    }
}

/// What the program checks of `schema` (itself or through its `allOf` parts), its members
/// at `path`: each required member (`None`: left out), and each member with a scalar type
/// and no fixed values (`Some`: a value of another type); then the same of each member that
/// is an object declared in place.
fn member_checks(document: &Value, schema: &Value, path: &[String], checks: &mut Vec<(Vec<String>, Option<Value>)>) {
    let mut add = |member: &str, wrong: Option<Value>| {
        let mut at = path.to_vec();
        at.push(member.to_owned());
        if !checks.iter().any(|(known, kind)| *known == at && kind.is_some() == wrong.is_some()) {
            checks.push((at, wrong));
        }
    };
    for part in parts(document, schema) {
        for member in part["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            add(member, None);
        }
        for (member, prop) in part["properties"].as_object().into_iter().flatten() {
            let wrong = match prop["type"].as_str() {
                _ if prop.get("enum").is_some() || prop.get("const").is_some() => continue,
                Some("string") => json!(0),
                Some("integer" | "number") => json!("0"),
                Some("boolean") => json!(0),
                _ => continue,
            };
            add(member, Some(wrong));
        }
    }
    for part in parts(document, schema) {
        for (member, prop) in part["properties"].as_object().into_iter().flatten() {
            if prop["type"] == "object" && prop["properties"].is_object() {
                let mut at = path.to_vec();
                at.push(member.clone());
                member_checks(document, prop, &at, checks);
            }
        }
    }
}

/// `example` with the member at `path` removed (`wrong` none) or set to `wrong`; none when
/// the example has no object at `path`'s parent, or (to remove) no such member.
fn edit(example: &Value, path: &[String], wrong: Option<Value>) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let mut edited = example.clone();
    let mut object = &mut edited;
    for key in parents {
        object = object.get_mut(key)?;
    }
    let object = object.as_object_mut()?;
    match wrong {
        None => {
            object.remove(last)?;
        }
        Some(value) => {
            object.insert(last.clone(), value);
        }
    }
    Some(edited)
}

/// The `allOf` parts of `schema` (references resolved in `document`), then `schema` itself:
/// what a generator merges into one type.
fn parts<'a>(document: &'a Value, schema: &'a Value) -> impl Iterator<Item = &'a Value> {
    let schemas = &document["components"]["schemas"];
    let all_of = schema["allOf"].as_array().into_iter().flatten();
    all_of.map(move |part| referenced(schemas, part).unwrap_or(part)).chain([schema])
}
