//! Embeds the default templates (the workspace's `templates/` folder) into the library, so
//! the `errcat` binary renders without the repository at hand. `--templates DIR` and
//! `render::Options::templates_dir` override them file by file at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut code = String::from(
        "/// Default templates: (name, source), sorted by name.\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    if std::env::var_os("CARGO_FEATURE_RENDER").is_some() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        files.sort();
        for (name, path) in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string());
        }
    }
    code.push_str("];\n");
    std::fs::write(out.join("embedded_templates.rs"), code).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "j2") {
            let name = path.strip_prefix(root).expect("below root").to_string_lossy().replace('\\', "/");
            files.push((name, path));
        }
    }
}
