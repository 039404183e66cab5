//! Stage timings on stderr, for profiling: set `ERRCAT_TIMINGS=1` and every stage of a run
//! (load, validate, the template context, each target and template) prints one line with
//! its wall time and the CPU time of the thread that ran it. Off, a stage costs one check
//! of a cached flag.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `ERRCAT_TIMINGS` is set (to anything but `0` or nothing).
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("ERRCAT_TIMINGS").is_some_and(|value| !value.is_empty() && value != "0"))
}

/// Runs `f`, printing how long it took as `stage` when timings are enabled.
pub fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    let value = f();
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), thread_cpu_seconds() - cpu);
    eprintln!("errcat timing: {stage:<44} {:>9.1} ms wall {:>9.1} ms cpu", wall * 1e3, cpu * 1e3);
    value
}

/// CPU time of the calling thread so far (Linux; zero elsewhere).
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()).map_or(0.0, |ns| ns / 1e9)
}
