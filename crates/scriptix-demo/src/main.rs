//! `scriptix-demo`: a small service that answers like the Scriptix API for errors.
//!
//! It authenticates Bearer keys from a fixed table, validates uploads, rate-limits per
//! key, and keeps documents, custom models, glossaries and real-time sessions in memory,
//! so that every code of the catalog can be provoked by a realistic request. Every error
//! is built by `scriptix-errors`; with `--profile problem` it is answered as RFC 9457
//! problem details by `profile_errors::scriptix_problem` (see `README.md`).
//! `conformance/e2e/README.md` documents the keys, the seed data and the scenarios that
//! client harnesses replay against it.

mod app;
mod audio;
mod config;
mod openapi;
mod routes;
mod seed;

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

use config::{Command, Config};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

fn main() -> ExitCode {
    let config = match config::parse(std::env::args().skip(1)) {
        Ok(Command::Serve(config)) => config,
        Ok(Command::Help) => {
            print!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> std::io::Result<()> {
    // A document that cannot be built fails the start, not the first request for it.
    openapi::served().map_err(std::io::Error::other)?;
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let address = listener.local_addr()?;
    let stop = shutdown(config.ignore_stdin || !stdin_can_close());
    let app = app::router(Arc::new(app::AppState::new(config)));
    // The socket accepts connections from here on; harnesses wait for exactly this line.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{address}")?;
    stdout.flush()?;
    drop(stdout);
    axum::serve(listener, app).with_graceful_shutdown(stop).await?;
    eprintln!("scriptix-demo: stopped");
    Ok(())
}

/// Whether standard input is something whose end means "stop": a pipe, a socket or a
/// terminal. `/dev/null` or a file ends at once, so it is ignored rather than stopping a
/// demo that was started without an input.
fn stdin_can_close() -> bool {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else { return false };
        std::fs::File::from(fd).metadata().is_ok_and(|meta| meta.file_type().is_fifo() || meta.file_type().is_socket())
    }
    #[cfg(not(unix))]
    true
}

/// Resolves on SIGTERM, Ctrl-C or (unless `ignore_stdin`) end of standard input.
async fn shutdown(ignore_stdin: bool) {
    let (eof_tx, eof_rx) = oneshot::channel::<()>();
    if !ignore_stdin {
        // A blocking read on its own thread: the runtime's stdin support would tie up a
        // worker, and this thread ends with the process anyway.
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin();
            let mut buffer = [0_u8; 256];
            while matches!(stdin.read(&mut buffer), Ok(n) if n > 0) {}
            let _ = eof_tx.send(());
        });
    }
    let eof = async {
        match ignore_stdin {
            true => std::future::pending::<()>().await,
            false => {
                let _ = eof_rx.await;
            }
        }
    };
    let terminate = async {
        #[cfg(unix)]
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await;
    };
    tokio::select! {
        _ = eof => eprintln!("scriptix-demo: standard input closed, stopping"),
        _ = terminate => eprintln!("scriptix-demo: SIGTERM, stopping"),
        _ = tokio::signal::ctrl_c() => eprintln!("scriptix-demo: interrupted, stopping"),
    }
}
