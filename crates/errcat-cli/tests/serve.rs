//! `errcat serve` end to end: the site of a catalog on localhost, rendered again when the
//! catalog changes, the last good site kept while the catalog is broken.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");

/// The server, stopped when the test ends however it ends.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `errcat serve catalog --port 0` and reads the address it prints.
fn start(catalog: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["--color", "never", "serve", "--port", "0"])
        .arg(catalog)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("errcat serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the first line");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    Server { child, address }
}

/// The status line and body of `GET path`.
fn get(server: &Server, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(&server.address).expect("connects");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", server.address).expect("request sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response read");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    (head.lines().next().unwrap_or_default().to_owned(), body.to_owned())
}

/// Waits (up to 30 s) until `GET path` has a body for which `wanted` holds.
fn until(server: &Server, path: &str, wanted: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(server, path);
        if wanted(&body) {
            return body;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{path} never changed as expected:\n{body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn scratch_catalog() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let catalog = dir.join("catalog.yaml");
    std::fs::copy(CATALOG, &catalog).expect("catalog copied");
    // And its translations, which it lists.
    let locales = Path::new(CATALOG).parent().expect("catalog folder").join("locales");
    std::fs::create_dir_all(dir.join("locales")).expect("locales folder");
    for entry in std::fs::read_dir(locales).expect("locales") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.join("locales").join(entry.file_name())).expect("locale copied");
    }
    catalog
}

#[test]
fn serves_the_site_and_renders_it_again_on_every_change() {
    let catalog = scratch_catalog();
    let server = start(&catalog);

    let (status, index) = get(&server, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(index.contains("RATE_LIMIT_EXCEEDED"), "{index}");
    let (status, page) = get(&server, "/codes/rate_limit_exceeded.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("Rate Limit Exceeded"), "{page}");
    assert_eq!(get(&server, "/../catalog.yaml").0, "HTTP/1.1 404 Not Found");

    // An edit shows on the next request.
    let original = std::fs::read_to_string(&catalog).expect("catalog");
    let edited = original.replace("You sent more requests than", "Slow down, please: you sent more requests than");
    assert_ne!(edited, original, "the catalog has the title this test edits");
    std::fs::write(&catalog, &edited).expect("catalog edited");
    until(&server, "/codes/rate_limit_exceeded.html", |body| body.contains("Slow down, please"));

    // A broken catalog keeps the last good site; the fix is picked up again.
    std::fs::write(&catalog, "format: 1\ncodes: [").expect("catalog broken");
    std::thread::sleep(Duration::from_secs(1));
    assert!(get(&server, "/codes/rate_limit_exceeded.html").1.contains("Slow down, please"));
    std::fs::write(&catalog, &original).expect("catalog restored");
    until(&server, "/codes/rate_limit_exceeded.html", |body| !body.contains("Slow down, please"));
}

#[test]
fn a_broken_catalog_is_refused_at_start() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-broken");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let catalog = dir.join("broken.yaml");
    std::fs::write(&catalog, "format: 1\ncodes: [").expect("catalog written");
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["--color", "never", "serve", "--port", "0"])
        .arg(&catalog)
        .output()
        .expect("errcat runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing to serve"));
}
