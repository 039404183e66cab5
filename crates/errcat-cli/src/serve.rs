//! `errcat serve CATALOG`: the HTML reference (the `site` target) of a catalog on
//! localhost, rendered in memory and rendered again whenever the catalog or a template
//! in `--templates` changes.
//!
//! Nothing is written to disk, and only the rendered pages can be served: a request names
//! a key of the in-memory site, never a path of the file system. A catalog edited into a
//! broken state prints its diagnostics and keeps the last good site on the air.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use errcat::diag::Style;
use errcat::targets::TargetId;

/// How often the catalog and templates are looked at for changes.
const POLL: Duration = Duration::from_millis(300);
/// The longest request head (request line and headers) read from a client.
const MAX_HEAD: u64 = 16 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The rendered site: file paths below `site/` (`index.html`, `codes/x.html`, …) and their text.
type Pages = BTreeMap<String, String>;

/// What `errcat serve` was asked for.
pub struct Request {
    /// The catalog YAML file.
    pub catalog: PathBuf,
    /// Templates that replace the built-in ones, watched like the catalog.
    pub templates: Option<PathBuf>,
    /// The address to listen on, e.g. `127.0.0.1:8000` (port 0: any free port).
    pub address: String,
}

/// Renders the site, serves it until the process is stopped, and renders it again on
/// every change. Fails (exit 1) when the catalog cannot be rendered at start.
pub fn serve(request: Request, style: Style) -> Result<ExitCode, String> {
    let Some(pages) = render(&request.catalog, request.templates.as_deref(), style)? else {
        eprintln!("error: nothing to serve: the catalog has errors");
        return Ok(ExitCode::FAILURE);
    };
    let listener =
        TcpListener::bind(&request.address).map_err(|e| format!("cannot listen on {}: {e}", request.address))?;
    let local = listener.local_addr().map_err(|e| format!("cannot listen on {}: {e}", request.address))?;
    let site = Arc::new(RwLock::new(Arc::new(pages)));
    println!("serving {} at http://{local}/ (Ctrl-C stops)", request.catalog.display());
    // The URL goes to stdout at once, for scripts and tests that wait for it.
    let _ = std::io::stdout().flush();

    let watched = site.clone();
    std::thread::spawn(move || watch(&request.catalog, request.templates.as_deref(), &watched, style));

    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let pages = site.read().map(|pages| pages.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone());
        std::thread::spawn(move || {
            let _ = answer(stream, &pages);
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// The site of the catalog at `path`, or `None` (its diagnostics printed) when it has errors.
fn render(path: &Path, templates: Option<&Path>, style: Style) -> Result<Option<Pages>, String> {
    let Some(catalog) = crate::load(path, style)?.0 else { return Ok(None) };
    let options = errcat::render::Options {
        command: format!("errcat serve {}", path.display()),
        catalog_path: path.display().to_string(),
        templates_dir: templates.map(Path::to_path_buf),
    };
    let files = errcat::render::plan_targets(&catalog, &options, &[TargetId::Site])
        .map_err(|e| format!("cannot render: {e}"))?;
    let prefix = format!("{}/", TargetId::Site.name());
    Ok(Some(
        files.into_iter().filter_map(|(path, text)| Some((path.strip_prefix(&prefix)?.to_owned(), text))).collect(),
    ))
}

/// Polls the catalog and the templates; on a change, renders the site again and puts it
/// in `site` when the catalog is good.
fn watch(catalog: &Path, templates: Option<&Path>, site: &RwLock<Arc<Pages>>, style: Style) {
    let mut seen = stamp(catalog, templates);
    loop {
        std::thread::sleep(POLL);
        let now = stamp(catalog, templates);
        if now == seen {
            continue;
        }
        seen = now;
        match render(catalog, templates, style) {
            Ok(Some(pages)) => {
                eprintln!("{}: changed, site rendered again ({} pages)", catalog.display(), pages.len());
                let mut current = site.write().unwrap_or_else(|poisoned| poisoned.into_inner());
                *current = Arc::new(pages);
            }
            Ok(None) => eprintln!("{}: has errors; still serving the last good site", catalog.display()),
            Err(e) => eprintln!("error: {e}; still serving the last good site"),
        }
    }
}

/// What identifies the current state of the watched files: each one's path, size and
/// modification time (a file that cannot be read counts as a state of its own).
fn stamp(catalog: &Path, templates: Option<&Path>) -> Vec<(PathBuf, Option<(u64, SystemTime)>)> {
    let mut files = vec![catalog.to_path_buf()];
    if let Some(dir) = templates {
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&current) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => pending.push(path),
                    Ok(_) => files.push(path),
                    Err(_) => {}
                }
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let state = std::fs::metadata(&path).ok().and_then(|m| Some((m.len(), m.modified().ok()?)));
            (path, state)
        })
        .collect()
}

/// Reads one request from `stream` and writes the response; one request per connection.
fn answer(stream: TcpStream, pages: &Pages) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are read (and ignored) so the client is not cut off mid-request.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 0 && header.trim_end() != "" {
        header.clear();
    }
    let response = respond(&request_line, pages);
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !response.head_only {
        stream.write_all(response.body.as_bytes())?;
    }
    stream.flush()
}

/// One HTTP response of the server.
#[derive(Debug, PartialEq, Eq)]
struct Response {
    status: &'static str,
    content_type: &'static str,
    body: String,
    /// A `HEAD` request: the body's length is sent, not the body.
    head_only: bool,
}

/// The response to `request_line` (`GET /codes/x.html HTTP/1.1`): the page it names, the
/// folder's `index.html` for a path ending in `/`, 404 for anything else, 405 for methods
/// other than GET and HEAD, 400 for a request line that is not one.
fn respond(request_line: &str, pages: &Pages) -> Response {
    let text = |status, body: &str| Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: body.to_owned(),
        head_only: false,
    };
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return text("400 Bad Request", "not an HTTP request line\n");
    };
    if !version.starts_with("HTTP/") || !target.starts_with('/') {
        return text("400 Bad Request", "not an HTTP request line\n");
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return text("405 Method Not Allowed", "only GET and HEAD\n"),
    };
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else {
        return text("400 Bad Request", "the path is not percent-encoded UTF-8\n");
    };
    let mut key = decoded.trim_start_matches('/').to_owned();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    match pages.get(&key) {
        Some(body) => Response { status: "200 OK", content_type: content_type(&key), body: body.clone(), head_only },
        None => Response { head_only, ..text("404 Not Found", &format!("no page /{key} in this site\n")) },
    }
}

/// The media type of a site file, from its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    }
}

/// `%XX` escapes of a URL path decoded; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Pages {
        [("index.html", "<h1>index</h1>"), ("codes/rate_limit_exceeded.html", "<h1>rate</h1>"), ("site.css", "a{}")]
            .into_iter()
            .map(|(path, text)| (path.to_owned(), text.to_owned()))
            .collect()
    }

    #[test]
    fn serves_the_pages_of_the_site() {
        let index = respond("GET / HTTP/1.1\r\n", &pages());
        assert_eq!(
            (index.status, index.content_type, index.body.as_str()),
            ("200 OK", "text/html; charset=utf-8", "<h1>index</h1>")
        );
        let code = respond("GET /codes/rate_limit_exceeded.html?q=rate#top HTTP/1.1", &pages());
        assert_eq!((code.status, code.body.as_str()), ("200 OK", "<h1>rate</h1>"));
        assert_eq!(respond("GET /site.css HTTP/1.0", &pages()).content_type, "text/css; charset=utf-8");
        assert_eq!(respond("GET /codes/rate%5Flimit_exceeded.html HTTP/1.1", &pages()).status, "200 OK");
        let head = respond("HEAD / HTTP/1.1", &pages());
        assert!(head.head_only);
        assert_eq!(head.body, "<h1>index</h1>");
    }

    #[test]
    fn nothing_but_the_site_is_reachable() {
        for target in ["/../Cargo.toml", "/codes/../../catalog/scriptix.yaml", "/%2e%2e/x", "/codes/", "/etc/passwd"] {
            assert_eq!(respond(&format!("GET {target} HTTP/1.1"), &pages()).status, "404 Not Found", "{target}");
        }
        assert_eq!(respond("GET /%ff HTTP/1.1", &pages()).status, "400 Bad Request");
        assert_eq!(respond("GET /%4 HTTP/1.1", &pages()).status, "400 Bad Request");
        assert_eq!(respond("POST / HTTP/1.1", &pages()).status, "405 Method Not Allowed");
        assert_eq!(respond("GET index.html HTTP/1.1", &pages()).status, "400 Bad Request");
        assert_eq!(respond("", &pages()).status, "400 Bad Request");
        assert_eq!(respond("GET / HTTP/1.1 extra", &pages()).status, "400 Bad Request");
    }
}
