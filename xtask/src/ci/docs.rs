//! CI checks of the generated docs artifacts.

/// Runs the docs checks.
pub fn run() -> Result<(), String> {
    Err("the docs checks are not written yet".to_owned())
}
