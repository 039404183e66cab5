//! CI checks of the generated Java client.
//!
//! 1. **Strict builds.** `mvn -B -Perror-prone verify` on (a copy under `target/` of) the
//!    committed `generated/java` and on the client rendered from the hostile catalog `conformance/java/hostile/
//!    catalog.yaml` (Java keywords as codes, categories and fields; text that breaks
//!    Javadoc and string literals): javac with `-Xlint:all -Xdoclint:all/protected
//!    -Werror`, Error Prone (its warnings are errors too), and the client's own JUnit test
//!    (the README example compiles, parsing never throws).
//! 2. **The harness** `conformance/java` (JUnit 5, Jackson in test scope): every
//!    conformance vector, every retry scenario and the end-to-end scenarios against the
//!    demo service (built here) with the shipped client; then its catalog-independent
//!    tests against the hostile client and that catalog's own vectors.
//! 3. **The class form of `ErrorCode`.** Past [`ENUM_LIMIT`] codes `ErrorCode` is a final
//!    class whose constants come from chunked interfaces, not an enum; the shipped and
//!    hostile catalogs are far smaller. So the client of a synthetic catalog of one code
//!    more gets the strict build and the harness's catalog-independent tests (with its own
//!    vectors) too. (`cargo xtask ci --only large` compiles the client of 10,000 codes.)
//! 4. **Wire names.** The client of `crates/errcat/tests/catalogs/pascal-camel.yaml`
//!    (PascalCase, dotted and dashed codes, camelCase details keys; rendered as the API
//!    `Scriptix`, whose package the harness imports) runs the harness's
//!    catalog-independent tests with its own vectors; that Maven run compiles the client's
//!    sources with the harness's javac flags (`-Xlint:all -Werror`, Error Prone), without
//!    the client's own `mvn verify` (doclint, its README test), to spare a slow Maven run.
//!
//! 5. **The other wire profiles, and lifecycle.** The example catalogs `catalog/profiles/
//!    {problem,google,nested}.yaml` and the catalog with a deprecated code and a tombstone
//!    (`crates/errcat/tests/catalogs/lifecycle.yaml`, whose vectors send both codes, each
//!    to be decoded as its replacement), their API renamed Scriptix so that their package is
//!    the one the harness imports: each client compiles under plain javac with `-Xlint:all
//!    -Xdoclint:all/protected -Werror`, and the harness (without Error Prone, to keep the
//!    step short) runs its catalog-independent tests, vectors and retry scenarios against it.
//! 6. **Deprecation.** The lifecycle client compiles strictly, and javac warns a program
//!    that names its deprecated code.
//!
//! Maven must be on PATH with a JDK 17 or newer. Every version is pinned in [`PINS`] and
//! the two POMs must declare the same; downloads are cached in `target/ci-tools/m2`.

use std::path::Path;
use std::process::Command;

use errcat::targets::TargetId;
use errcat::targets::java::ENUM_LIMIT;

use crate::exec::{demo_binary, load_catalog, remove_dir, run_in, write};
use crate::project_root;
use crate::tools;

/// Every version the Java builds use, by the Maven property that pins it in
/// `templates/java/pom.xml.j2` (hence `generated/java/pom.xml`) and `conformance/java/pom.xml`.
const PINS: [(&str, &str); 8] = [
    ("junit.version", "5.14.1"),
    ("error-prone.version", "2.42.0"),
    ("maven-resources-plugin.version", "3.3.1"),
    ("maven-compiler-plugin.version", "3.13.0"),
    ("maven-surefire-plugin.version", "3.5.2"),
    ("maven-jar-plugin.version", "3.4.2"),
    ("maven-install-plugin.version", "3.1.3"),
    ("jackson.version", "2.21.3"),
];

/// The committed client, relative to the repository root.
const CLIENT: &str = "generated/java";
/// The harness, relative to the repository root.
const HARNESS: &str = "conformance/java";
/// The hostile catalog whose client is checked too.
const HOSTILE_CATALOG: &str = "conformance/java/hostile/catalog.yaml";
/// The end-to-end scenarios.
const E2E_SCENARIOS: &str = "conformance/e2e/scenarios.json";
/// Where this step renders and builds, relative to the repository root.
const WORK: &str = "target/java-ci";
/// The catalogs whose clients run the harness's catalog-independent tests (without Error
/// Prone), by name: the example catalog of each other wire profile, and the catalog with a
/// deprecated code and a tombstone, each replaced by a live code that the client must decode
/// them as.
const PROFILE_CATALOGS: [(&str, &str); 4] = [
    ("problem", "catalog/profiles/problem.yaml"),
    ("google", "catalog/profiles/google.yaml"),
    ("nested", "catalog/profiles/nested.yaml"),
    ("lifecycle", LIFECYCLE_CATALOG),
];
/// The catalog with a deprecated code and a tombstone.
const LIFECYCLE_CATALOG: &str = "crates/errcat/tests/catalogs/lifecycle.yaml";

/// Runs the Java checks. Every check runs even when an earlier one fails; the error lists
/// all failures.
pub fn run() -> Result<(), String> {
    tools::require("mvn", "the Java checks (Apache Maven 3.8 or newer)")?;
    tools::require("javac", "the Java checks (a JDK 17 or newer)")?;
    let root = project_root();
    let work = root.join(WORK);
    let mut failures: Vec<String> = Vec::new();
    let mut check = |result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("java: FAILED: {message}");
            failures.push(message);
        }
    };

    check(require_pins(&root.join(CLIENT).join("pom.xml")));
    check(require_pins(&root.join(HARNESS).join("pom.xml")));

    let hostile = work.join("hostile");
    let rendered = load_catalog(HOSTILE_CATALOG, false).and_then(|catalog| render(&catalog, HOSTILE_CATALOG, &hostile));
    let rendered_ok = rendered.is_ok();
    check(rendered);
    // The catalog of PascalCase, dotted and dashed codes and camelCase details keys: its
    // client is compiled by the harness run below (javac -Xlint:all -Werror and Error Prone
    // over the client's sources too), one Maven run instead of two.
    let wire_names = work.join("wire-names");
    let wire_rendered = render_wire_names(&wire_names);
    let wire_ok = wire_rendered.is_ok();
    check(wire_rendered);
    let large = work.join("class-form");
    let large_rendered = render_class_form(&large);
    let large_ok = large_rendered.is_ok();
    check(large_rendered);

    check(lifecycle(&work.join("lifecycle")));
    let mut profiles = Vec::new();
    for (profile, source) in PROFILE_CATALOGS {
        let dir = work.join(format!("profile-{profile}"));
        match render_renamed(source, &dir).and_then(|()| strict_javac(&dir)) {
            Ok(()) => profiles.push((dir, profile)),
            Err(message) => check(Err(message)),
        }
    }

    // Maven builds in the project's folder: build a copy, so that the committed tree stays clean.
    let shipped = work.join("shipped");
    match copy_dir(&root.join(CLIENT), &shipped) {
        Ok(()) => check(maven(&shipped, &[], "the shipped client")),
        Err(message) => check(Err(message)),
    }
    if rendered_ok {
        check(maven(&hostile.join("java"), &[], "the hostile client"));
    }
    if large_ok {
        check(maven(&large.join("java"), &[], "the client whose ErrorCode is a class"));
    }

    match demo_binary() {
        Ok(demo) => {
            let args = [
                format!("-Dharness.build={}", work.join("harness-shipped").display()),
                format!("-Dscriptix.demo={}", demo.display()),
                format!("-Derrcat.scenarios={}", root.join(E2E_SCENARIOS).display()),
            ];
            check(maven(&root.join(HARNESS), &args, "the conformance harness with the shipped client"));
        }
        Err(message) => check(Err(message)),
    }
    let others =
        [(rendered_ok, &hostile, "hostile"), (large_ok, &large, "class-form"), (wire_ok, &wire_names, "wire-names")];
    for (_, dir, name) in others.into_iter().filter(|(rendered, _, _)| *rendered) {
        let args = harness_args(&work, dir, name);
        check(maven(&root.join(HARNESS), &args, &format!("the conformance harness with the {name} client")));
    }
    // The profile clients take the harness without Error Prone, to keep the step's time
    // down: their code differs from the shipped client's only in how ApiErrors reads the
    // body, and javac -Xlint:all -Werror still compiles it (here and in strict_javac).
    for (dir, profile) in &profiles {
        let args = harness_args(&work, dir, &format!("profile-{profile}"));
        check(maven_with(
            &root.join(HARNESS),
            &args,
            false,
            &format!("the conformance harness with the {profile} client"),
        ));
    }

    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{} Java checks failed:\n  {}", failures.len(), failures.join("\n  ")))
    }
}

/// `mvn -B -Perror-prone verify` in `dir` with the cached local repository.
fn maven(dir: &Path, args: &[String], what: &str) -> Result<(), String> {
    maven_with(dir, args, true, what)
}

/// `mvn -B verify` in `dir` with the cached local repository, with Error Prone when
/// `error_prone`.
fn maven_with(dir: &Path, args: &[String], error_prone: bool, what: &str) -> Result<(), String> {
    let repo = tools::tools_dir().join("m2");
    let mut command = Command::new("mvn");
    command.arg("-B").arg("--no-transfer-progress").arg(format!("-Dmaven.repo.local={}", repo.display()));
    if error_prone {
        command.arg("-Perror-prone");
    }
    command.args(args).arg("verify");
    run_in(dir, &mut command).map_err(|e| format!("{what}: {e}"))
}

/// The harness's arguments for the client rendered into `dir` (with its vectors): the
/// catalog-independent tests, built in `work/harness-<name>`.
fn harness_args(work: &Path, dir: &Path, name: &str) -> [String; 4] {
    [
        format!("-Dharness.build={}", work.join(format!("harness-{name}")).display()),
        format!("-Dclient.sources={}", dir.join("java").join("src").join("main").join("java").display()),
        format!("-Derrcat.vectors={}", dir.join("conformance").join("vectors.json").display()),
        "-Dharness.shipped=**/shipped/**".to_owned(),
    ]
}

/// Fails unless `pom` declares every version of [`PINS`] that it uses, as pinned there.
fn require_pins(pom: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(pom).map_err(|e| format!("{}: {e}; run `cargo xtask generate`", pom.display()))?;
    let mut wrong = Vec::new();
    for (property, version) in PINS {
        let open = format!("<{property}>");
        let Some(start) = text.find(&open) else { continue };
        let rest = &text[start + open.len()..];
        let declared = rest.split('<').next().unwrap_or_default();
        if declared != version {
            wrong.push(format!("{property} is {declared:?}, CI pins {version:?}"));
        }
    }
    for needed in ["junit.version", "maven-compiler-plugin.version", "maven-surefire-plugin.version"] {
        if !text.contains(&format!("<{needed}>")) {
            wrong.push(format!("{needed} is not pinned"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}; change templates/java/pom.xml.j2 or conformance/java/pom.xml and PINS in xtask/src/ci/java.rs \
             together",
            pom.display(),
            wrong.join(", ")
        ))
    }
}

/// Renders the Java client of `catalog` (read from `source`), and its conformance vectors,
/// into `dir` (emptied first).
fn render(catalog: &errcat::model::Catalog, source: &str, dir: &Path) -> Result<(), String> {
    let options = errcat::render::Options {
        command: "cargo xtask ci --only java".to_owned(),
        catalog_path: source.to_owned(),
        templates_dir: Some(project_root().join("templates")),
    };
    let files = errcat::render::plan_targets(catalog, &options, &[TargetId::Java, TargetId::Conformance])
        .map_err(|e| format!("cannot render {source}: {e}"))?;
    remove_dir(dir)?;
    for (path, text) in &files {
        write(&dir.join(path), text)?;
    }
    eprintln!("rendered {} files of {source} into {}", files.len(), dir.display());
    Ok(())
}

/// Renders the client of the catalog `source`, its API renamed Scriptix (so that its
/// package is the one the harness imports), and its vectors into `dir`.
fn render_renamed(source: &str, dir: &Path) -> Result<(), String> {
    let name = load_catalog(source, false)?.api.name;
    let text = std::fs::read_to_string(project_root().join(source)).map_err(|e| format!("{source}: {e}"))?;
    let from = format!("\n  name: {name}\n");
    if !text.contains(&from) {
        return Err(format!("{source}: no `api.name: {name}` line to rename"));
    }
    let text = text.replacen(&from, "\n  name: Scriptix\n", 1);
    let catalog = errcat::check_str(&text, &errcat::load::Limits::default())
        .catalog
        .ok_or_else(|| format!("{source} does not validate once its API is renamed Scriptix"))?;
    render(&catalog, &format!("{source} (its API renamed Scriptix)"), dir)
}

/// The client rendered into `dir` compiles with `javac -Xlint:all -Xdoclint:all/protected
/// -Werror`.
fn strict_javac(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    java_files(&dir.join("java").join("src").join("main").join("java"), &mut files)?;
    files.sort();
    let mut javac = Command::new("javac");
    javac.args(["--release", "17", "-encoding", "UTF-8", "-Xlint:all", "-Xdoclint:all/protected", "-Werror", "-d"]);
    javac.arg(dir.join("classes")).args(&files);
    run_in(dir, &mut javac).map_err(|e| format!("the client of {} does not compile cleanly: {e}", dir.display()))
}

/// A catalog with a deprecated code and a tombstone (`crates/errcat/tests/catalogs/
/// lifecycle.yaml`): its client compiles with `-Xlint:all -Werror`, while a program naming
/// the deprecated `ErrorCode.OOPS` gets javac's `[deprecation]` warning.
fn lifecycle(dir: &Path) -> Result<(), String> {
    let source = LIFECYCLE_CATALOG;
    let catalog = load_catalog(source, false)?;
    render(&catalog, source, dir)?;
    let package = &catalog.names().packages.java.package;
    let sources = dir.join("java").join("src").join("main").join("java");
    let mut files = Vec::new();
    java_files(&sources, &mut files)?;
    files.sort();
    let classes = dir.join("classes");
    let javac = |args: &[&str]| {
        let mut command = Command::new("javac");
        command.args(["--release", "17", "-encoding", "UTF-8", "-Xlint:all", "-Werror"]).args(args);
        command
    };
    let mut client = javac(&["-Xdoclint:all/protected", "-d"]);
    client.arg(&classes).args(&files);
    run_in(dir, &mut client).map_err(|e| format!("the lifecycle client does not compile cleanly: {e}"))?;
    let program = dir.join("user").join("demo").join("User.java");
    write(
        &program,
        &format!(
            "package demo;\n\nimport {package}.ErrorCode;\n\n/** Names a deprecated code. */\npublic final class User {{\n    \
             private User() {{}}\n\n    /** @return the deprecated code */\n    public static ErrorCode code() {{\n        \
             return ErrorCode.OOPS;\n    }}\n}}\n"
        ),
    )?;
    let output = javac(&["-cp"])
        .arg(&classes)
        .arg("-d")
        .arg(dir.join("user-classes"))
        .arg(&program)
        .output()
        .map_err(|e| format!("cannot run javac: {e}"))?;
    let report = String::from_utf8_lossy(&output.stderr);
    if output.status.success() || !report.contains("[deprecation] OOPS in ErrorCode has been deprecated") {
        return Err(format!("javac did not report the deprecated ErrorCode.OOPS in a program:\n{report}"));
    }
    Ok(())
}

/// Every `.java` file below `dir`.
pub(super) fn java_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            java_files(&path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "java") {
            found.push(path);
        }
    }
    Ok(())
}

/// Renders the client of a synthetic catalog of [`ENUM_LIMIT`] + 1 codes, whose
/// `ErrorCode` is a class, into `dir`. Its API is called Scriptix, as the hostile
/// catalog's is, so that its package is the one the harness imports.
fn render_class_form(dir: &Path) -> Result<(), String> {
    let codes = ENUM_LIMIT + 1;
    let text = errcat_testkit::synthetic::catalog(codes).replacen("\n  name: Synthetic\n", "\n  name: Scriptix\n", 1);
    let catalog = errcat::check_str(&text, &errcat_testkit::synthetic::limits())
        .catalog
        .ok_or("the validator refused the synthetic catalog")?;
    render(&catalog, &format!("synthetic catalog of {codes} codes"), dir)
}

/// Renders the catalog of PascalCase codes and camelCase details keys as the API
/// `Scriptix`, so that its package is the `com.scriptix.errors` the harness imports.
fn render_wire_names(dir: &Path) -> Result<(), String> {
    let source = super::WIRE_NAMES_CATALOG;
    let path = project_root().join(source);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !text.contains("\n  name: Nimbus\n") {
        return Err(format!("{source} no longer names its API `Nimbus`; change render_wire_names"));
    }
    let text = text.replacen("\n  name: Nimbus\n", "\n  name: Scriptix\n", 1);
    let catalog = errcat::check_str(&text, &errcat::load::Limits::default())
        .catalog
        .ok_or_else(|| format!("the validator refused {source} named Scriptix"))?;
    render(&catalog, source, dir)
}

/// Copies the folder `from` to `to` (emptied first), leaving out build output (`target`).
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    remove_dir(to)?;
    copy_tree(from, to)
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", from.display()))?.path();
        let Some(name) = path.file_name() else { continue };
        if path.is_dir() {
            if name != "target" {
                copy_tree(&path, &to.join(name))?;
            }
        } else {
            std::fs::copy(&path, to.join(name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
