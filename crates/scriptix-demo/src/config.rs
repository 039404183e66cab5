//! Command-line flags.

use std::time::Duration;

/// How the demo runs. Every limit is a flag so tests can provoke each error cheaply.
#[derive(Clone, Debug)]
pub struct Config {
    /// Loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// Requests each standard-plan key may send per window.
    pub rate_limit: u32,
    /// Requests the free-plan key (`sk_test_free`) may send per window.
    pub free_rate_limit: u32,
    /// Length of a rate-limit window.
    pub rate_window: Duration,
    /// Largest accepted upload, in (demo) megabytes.
    pub max_upload_mb: u64,
    /// Bytes in one (demo) megabyte: lower it so a small upload counts as a large file.
    pub bytes_per_mb: u64,
    /// How long a synchronous transcription may take before it answers TIMEOUT.
    pub sync_timeout: Duration,
    /// The whole API is down for maintenance: every `/v1` request gets SERVICE_UNAVAILABLE.
    pub maintenance: bool,
    /// Real-time transcription is down for maintenance: starting a session gets
    /// SERVICE_UNAVAILABLE.
    pub realtime_maintenance: bool,
    /// Keep running when standard input closes.
    pub ignore_stdin: bool,
    /// Log one line per request to stderr.
    pub verbose: bool,
    /// The wire profile error bodies are written in.
    pub profile: Profile,
}

/// The wire profile the demo answers errors in (`--profile`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// The Scriptix catalog's own body, `application/json` (`scriptix-errors`).
    #[default]
    Flat,
    /// RFC 9457 `application/problem+json`: the same errors as the Scriptix catalog
    /// re-expressed in the `problem` profile (`profile-errors::scriptix_problem`).
    Problem,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 8080,
            rate_limit: 600,
            free_rate_limit: 5,
            rate_window: Duration::from_secs(60),
            max_upload_mb: 500,
            bytes_per_mb: 1024 * 1024,
            sync_timeout: Duration::from_secs(30),
            maintenance: false,
            realtime_maintenance: false,
            ignore_stdin: false,
            verbose: false,
            profile: Profile::Flat,
        }
    }
}

/// The `--help` text.
pub const USAGE: &str = "\
scriptix-demo: answers like the Scriptix API for errors (see conformance/e2e/README.md)

Usage: scriptix-demo [OPTIONS]

Prints `listening on http://127.0.0.1:PORT` once it accepts connections, and stops on
SIGTERM, Ctrl-C or when standard input (a pipe or a terminal) closes.

Options:
  --port N                 loopback port to listen on, 0 for a free one [default: 8080]
  --rate-limit N           requests per window for each standard-plan key [default: 600]
  --free-rate-limit N      requests per window for the free-plan key sk_test_free [default: 5]
  --rate-window-secs N     length of a rate-limit window in seconds [default: 60]
  --max-upload-mb N        largest upload in megabytes [default: 500]
  --bytes-per-mb N         bytes in one megabyte, lower it to test FILE_TOO_LARGE [default: 1048576]
  --sync-timeout-ms N      limit of a synchronous transcription [default: 30000]
  --maintenance            the whole API answers SERVICE_UNAVAILABLE
  --realtime-maintenance   starting a real-time session answers SERVICE_UNAVAILABLE
  --ignore-stdin           keep running when standard input closes
  --verbose                log one line per request to stderr
  --profile NAME           error bodies in `flat` (the Scriptix body, application/json) or
                           `problem` (RFC 9457 application/problem+json) [default: flat]
  -h, --help               show this text
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Serve with this configuration.
    Serve(Config),
    /// Print [`USAGE`].
    Help,
}

/// Parses the arguments (without the program name).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => config.port = number(&flag, &value(&flag)?)?,
            "--rate-limit" => config.rate_limit = number(&flag, &value(&flag)?)?,
            "--free-rate-limit" => config.free_rate_limit = number(&flag, &value(&flag)?)?,
            "--rate-window-secs" => config.rate_window = Duration::from_secs(positive(&flag, &value(&flag)?)?),
            "--max-upload-mb" => config.max_upload_mb = number(&flag, &value(&flag)?)?,
            "--bytes-per-mb" => config.bytes_per_mb = positive(&flag, &value(&flag)?)?,
            "--sync-timeout-ms" => config.sync_timeout = Duration::from_millis(number(&flag, &value(&flag)?)?),
            "--maintenance" => config.maintenance = true,
            "--realtime-maintenance" => config.realtime_maintenance = true,
            "--ignore-stdin" => config.ignore_stdin = true,
            "--verbose" => config.verbose = true,
            "--profile" => {
                config.profile = match value(&flag)?.as_str() {
                    "flat" => Profile::Flat,
                    "problem" => Profile::Problem,
                    other => return Err(format!("--profile: `{other}` is not `flat` or `problem`")),
                }
            }
            other => return Err(format!("unknown option `{other}` (see --help)")),
        }
    }
    Ok(Command::Serve(config))
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{flag}: `{value}` is not a valid number"))
}

fn positive(flag: &str, value: &str) -> Result<u64, String> {
    match number(flag, value)? {
        0 => Err(format!("{flag} must be at least 1")),
        n => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> Config {
        match parse(args.iter().map(|a| a.to_string())) {
            Ok(Command::Serve(config)) => config,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn flags_set_the_config() {
        let config = serve(&["--port", "0", "--free-rate-limit=3", "--bytes-per-mb", "1024", "--realtime-maintenance"]);
        assert_eq!(config.port, 0);
        assert_eq!(config.free_rate_limit, 3);
        assert_eq!(config.bytes_per_mb, 1024);
        assert!(config.realtime_maintenance);
        assert!(!config.maintenance);
        assert_eq!(config.profile, Profile::Flat);
        assert_eq!(serve(&["--profile", "problem"]).profile, Profile::Problem);
        assert_eq!(serve(&["--profile=flat"]).profile, Profile::Flat);
    }

    #[test]
    fn bad_flags_are_errors() {
        assert!(parse(["--port".to_owned()]).is_err());
        assert!(parse(["--port".to_owned(), "x".to_owned()]).is_err());
        assert!(parse(["--bytes-per-mb=0".to_owned()]).is_err());
        assert!(parse(["--nope".to_owned()]).is_err());
        assert!(parse(["--profile=google".to_owned()]).is_err());
        assert!(parse(["--profile".to_owned()]).is_err());
        assert!(matches!(parse(["-h".to_owned()]), Ok(Command::Help)));
    }
}
