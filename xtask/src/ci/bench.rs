//! The `bench-smoke` step: every benchmark compiles and runs once (`cargo xtask bench
//! --quick`), and a rebuild of `scriptix-errors` with nothing changed leaves its build
//! script fresh. Timing is not checked here: `cargo xtask bench` measures.

/// Runs the benchmarks in smoke mode.
pub fn run() -> Result<(), String> {
    crate::bench::quick()
}
