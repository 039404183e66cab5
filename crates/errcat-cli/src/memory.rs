//! A ceiling on the memory `errcat generate` uses while it renders.
//!
//! minijinja bounds the instructions a template runs (its fuel), not the size of the text
//! it builds: a user template that doubles a string forty times asks for a terabyte in a
//! few instructions, and the allocator's failure aborts the process. So while the plan
//! renders, a watchdog thread reads the process's resident size every few milliseconds
//! (`VmRSS` in `/proc/self/status`; on systems without it there is no watchdog) and, past
//! the ceiling, reports the templates being rendered ([`errcat::render::rendering_now`])
//! and ends the process with status 1. Nothing has been written by then: the output is
//! written only after every file is rendered, so the output folder stays as it was.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The ceiling when `--max-memory-mb` is not given, in MiB: far above what errcat's own
/// templates use (about 1.8 GiB at 100,000 codes).
pub const DEFAULT_MAX_MEMORY_MB: u64 = 4096;

/// How often the watchdog looks.
const POLL: Duration = Duration::from_millis(5);

/// The watchdog of one rendering; it stops when dropped.
pub struct Watchdog {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    /// Watches the process until dropped: past `max_mb` MiB resident it prints an error
    /// naming the templates being rendered and exits. `None` where the resident size
    /// cannot be read.
    pub fn start(max_mb: u64) -> Option<Watchdog> {
        resident_bytes()?;
        let limit = max_mb.saturating_mul(1024 * 1024);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("errcat-memory-watchdog".to_owned())
            .spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    if resident_bytes().is_some_and(|bytes| bytes > limit) {
                        eprintln!("{}", exceeded(max_mb, &errcat::render::rendering_now()));
                        std::process::exit(1);
                    }
                    std::thread::sleep(POLL);
                }
            })
            .ok()?;
        Some(Watchdog { stop, thread: Some(thread) })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The error for a rendering that outgrew `max_mb` while rendering `templates`.
fn exceeded(max_mb: u64, templates: &[String]) -> String {
    let during = match templates {
        [] => String::new(),
        [one] => format!(" while rendering template `{one}`"),
        many => format!(
            " while rendering templates {}",
            many.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    format!(
        "error: nothing generated: rendering used more than {max_mb} MiB of memory{during}\n  \
         = help: a template that builds text without bound (a string doubled in a loop) stops here; \
         a catalog that needs more can raise the ceiling with `--max-memory-mb`"
    )
}

/// The process's resident size in bytes, from `/proc/self/status`.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kilobytes * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_size_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let bytes = resident_bytes().expect("VmRSS");
            assert!(bytes > 1024 * 1024, "{bytes} bytes resident");
        }
    }

    #[test]
    fn the_error_names_the_templates() {
        assert!(exceeded(64, &[]).contains("more than 64 MiB of memory\n"));
        let one = exceeded(64, &["docs/errors.md.j2".to_owned()]);
        assert!(one.contains("while rendering template `docs/errors.md.j2`"), "{one}");
        let two = exceeded(64, &["a.j2".to_owned(), "b.j2".to_owned()]);
        assert!(two.contains("templates `a.j2`, `b.j2`"), "{two}");
        assert!(two.contains("--max-memory-mb"));
    }
}
