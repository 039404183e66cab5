//! End to end: the demo binary on loopback, driven over HTTP by a real client with the
//! scenarios the client harnesses replay (`conformance/e2e/scenarios.json`).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use scriptix_errors::{ApiError, ErrorCode};
use serde_json::Value;

const SCENARIOS: &str = include_str!("../../../conformance/e2e/scenarios.json");

fn scenarios() -> Value {
    serde_json::from_str(SCENARIOS).expect("scenarios.json is JSON")
}

/// The demo's start flags from scenarios.json.
fn scenario_args() -> Vec<String> {
    strings(&scenarios()["demo"]["args"], "demo.args")
}

/// The demo's start flags from scenarios.json for the wire profile `name`
/// (`demo.args` then `demo.profiles.<name>.args`) and the media type of its error bodies.
fn profile_args(name: &str) -> (Vec<String>, String) {
    let file = scenarios();
    let profile = &file["demo"]["profiles"][name];
    let mut args = scenario_args();
    args.extend(strings(&profile["args"], "demo.profiles.*.args"));
    let media_type = profile["content_type"].as_str().expect("demo.profiles.*.content_type is a string");
    (args, media_type.to_owned())
}

fn strings(list: &Value, what: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("{what} is a list"))
        .iter()
        .map(|a| a.as_str().unwrap_or_else(|| panic!("every item of {what} is a string")).to_owned())
        .collect()
}

/// A running demo; killed when dropped.
struct Demo {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Option<BufReader<std::process::ChildStdout>>,
    base: String,
}

impl Demo {
    fn start(args: &[String]) -> Demo {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scriptix-demo"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the demo starts");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            let _ = tx.send(line);
            stdout
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("the demo prints its address within a minute");
        let stdout = reader.join().expect("the reader thread ends");
        let base = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("listening on "))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Demo { child, stdin, stdout: Some(stdout), base }
    }

    /// Waits up to `limit` for the process to exit.
    fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait works") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One response, read completely.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.body))
    }

    fn request_id(&self) -> String {
        let id = self.headers.get("x-request-id").expect("every response has X-Request-ID");
        id.to_str().expect("ASCII request id").to_owned()
    }
}

fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new()).build_http()
}

/// Sends the request a scenario describes.
async fn send(client: &Client<HttpConnector, Full<Bytes>>, base: &str, spec: &Value) -> Answer {
    let method = spec["method"].as_str().expect("method");
    let path = spec["path"].as_str().expect("path");
    let mut builder = Request::builder().method(method).uri(format!("{base}{path}"));
    if let Some(headers) = spec["headers"].as_object() {
        for (name, value) in headers {
            builder = builder.header(name, value.as_str().expect("header values are strings"));
        }
    }
    let body = match &spec["body"] {
        Value::Null => Bytes::new(),
        body if body.get("json").is_some() => {
            builder = builder.header("content-type", "application/json");
            Bytes::from(serde_json::to_vec(&body["json"]).expect("JSON serializes"))
        }
        body => {
            let content_type = body["content_type"].as_str().expect("base64 bodies have a content_type");
            builder = builder.header("content-type", content_type);
            Bytes::from(base64_decode(body["base64"].as_str().expect("body.base64 is a string")))
        }
    };
    let request = builder.body(Full::new(body)).expect("a valid request");
    let response = tokio::time::timeout(Duration::from_secs(20), client.request(request))
        .await
        .expect("the demo answers within 20 s")
        .expect("the request succeeds");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("the body arrives").to_bytes();
    Answer { status: parts.status, headers: parts.headers, body }
}

/// Standard base64 (with or without padding).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:?}"),
        }
    };
    let bytes: Vec<u8> = text.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (i, c)| n | value(*c) << (18 - 6 * i));
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_code_is_answered_as_the_scenarios_expect() {
    let (args, media_type) = profile_args("flat");
    let demo = Demo::start(&args);
    let client = client();
    let file = scenarios();
    let mut seen = BTreeSet::new();
    let mut request_ids = BTreeSet::new();
    for scenario in file["scenarios"].as_array().expect("scenarios is a list") {
        let name = scenario["name"].as_str().expect("name");
        let repeat = scenario["repeat"].as_u64().unwrap_or(1);
        let mut answer = None;
        for _ in 0..repeat {
            let reply = send(&client, &demo.base, &scenario["request"]).await;
            assert!(request_ids.insert(reply.request_id()), "{name}: request ids are unique");
            answer = Some(reply);
        }
        let answer = answer.expect("repeat is at least 1");
        let expect = &scenario["expect"];
        assert_eq!(u64::from(answer.status.as_u16()), expect["status"], "{name}: status");
        assert_eq!(answer.headers["content-type"], media_type.as_str(), "{name}");
        let body = answer.json();
        assert_eq!(body["error_code"], expect["error_code"], "{name}: error_code");
        assert_eq!(body["error_code"], scenario["code"], "{name}: the scenario's code");
        if let Some(message) = expect.get("message") {
            assert_eq!(&body["message"], message, "{name}: message");
        }
        match expect.get("details") {
            Some(Value::Null) => assert!(body.get("details").is_none(), "{name}: no details expected, got {body}"),
            Some(details) => assert_eq!(&body["details"], details, "{name}: details"),
            None => {}
        }
        let header = answer.headers.get("retry-after").map(|v| v.to_str().expect("ASCII").to_owned());
        if expect["retry_after"] == true {
            let header = header.unwrap_or_else(|| panic!("{name}: Retry-After header expected"));
            let seconds: u64 = header.parse().unwrap_or_else(|_| panic!("{name}: Retry-After {header:?}"));
            assert!(seconds >= 1, "{name}");
            assert_eq!(body["retry_after"], seconds, "{name}: body and header agree");
        } else {
            assert_eq!(header, None, "{name}: no Retry-After expected");
            assert!(body.get("retry_after").is_none(), "{name}");
        }
        // The body is exactly what the generated crate reads and writes.
        let error: ApiError = serde_json::from_value(body.clone()).expect("the body is an ApiError");
        let code = error.code().unwrap_or_else(|| panic!("{name}: unknown code {}", error.error_code));
        assert_eq!(code.status(), answer.status.as_u16(), "{name}: the catalog's status");
        assert_eq!(error.title.as_deref(), Some(code.title()), "{name}: the catalog's title");
        assert_eq!(serde_json::to_value(&error).expect("serializes"), body, "{name}: round trip");
        seen.insert(code);
    }
    let all: BTreeSet<ErrorCode> = ErrorCode::ALL.into_iter().collect();
    let missing: Vec<&str> = all.difference(&seen).map(|c| c.as_str()).collect();
    assert!(missing.is_empty(), "codes no scenario provokes: {missing:?}");
}

/// With `--profile problem` every scenario gets the same error as RFC 9457 problem details:
/// `application/problem+json`, read by the `problem` profile (`errcat::wire::Profile::read`)
/// as the scenario's code, status, details and delay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_code_is_answered_in_the_problem_profile() {
    use errcat::wire::{Details, ProfileKind};
    use profile_errors::scriptix_problem as problem;

    let catalog_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml");
    let loaded = errcat::targets::rust::load_in_profile(catalog_path.as_ref(), catalog_path, ProfileKind::Problem)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let profile = &loaded.catalog.wire.profile;
    let (args, media_type) = profile_args("problem");
    let demo = Demo::start(&args);
    let client = client();
    let file = scenarios();
    let mut seen = BTreeSet::new();
    for scenario in file["scenarios"].as_array().expect("scenarios is a list") {
        let name = scenario["name"].as_str().expect("name");
        let repeat = scenario["repeat"].as_u64().unwrap_or(1);
        let mut answer = None;
        for _ in 0..repeat {
            answer = Some(send(&client, &demo.base, &scenario["request"]).await);
        }
        let answer = answer.expect("repeat is at least 1");
        let expect = &scenario["expect"];
        assert_eq!(u64::from(answer.status.as_u16()), expect["status"], "{name}: status");
        assert_eq!(answer.headers["content-type"], media_type.as_str(), "{name}");
        answer.request_id();
        let body = answer.json();
        let read = profile.read(body.as_object().expect("a problem body is an object"));
        assert_eq!(read.code.as_deref(), expect["error_code"].as_str(), "{name}: the code, read as a problem");
        assert_eq!(body["status"], expect["status"], "{name}: `status` is the HTTP status");
        if let Some(message) = expect.get("message") {
            assert_eq!(read.message.as_deref(), message.as_str(), "{name}: `detail` is the message");
        }
        match (expect.get("details"), &read.details) {
            (Some(Value::Null), details) => assert_eq!(*details, Details::Absent, "{name}: no details expected"),
            (Some(Value::Object(expected)), Details::Object(sent)) => assert_eq!(sent, expected, "{name}: details"),
            (Some(other), details) => panic!("{name}: details {other} expected, read {details:?}"),
            (None, _) => {}
        }
        let header = answer.headers.get("retry-after").map(|v| v.to_str().expect("ASCII").to_owned());
        assert_eq!(header.map(|h| h.parse::<u64>().expect("seconds")), read.retry_after, "{name}: header and body");
        let error: problem::ApiError = serde_json::from_value(body.clone()).expect("the body is a problem ApiError");
        let code = error.code().unwrap_or_else(|| panic!("{name}: unknown code {}", error.error_code));
        assert_eq!(read.doc_url.as_deref(), Some(code.doc_url()), "{name}: `type` is the code's documentation");
        assert_eq!(serde_json::to_value(&error).expect("serializes"), body, "{name}: round trip");
        seen.insert(code);
    }
    assert_eq!(seen.len(), problem::ErrorCode::ALL.len(), "every code is answered as a problem");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn successful_requests_work_too() {
    let demo = Demo::start(&scenario_args());
    let client = client();
    for scenario in scenarios()["successes"].as_array().expect("successes is a list") {
        let name = scenario["name"].as_str().expect("name");
        let answer = send(&client, &demo.base, &scenario["request"]).await;
        assert_eq!(u64::from(answer.status.as_u16()), scenario["expect"]["status"], "{name}: {:?}", answer.body);
        answer.request_id();
        assert!(answer.json().get("error_code").is_none(), "{name}");
    }
}

/// A deleted model is gone, a seed one too: not found, not listed, not deleted again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_seed_model_stays_deleted() {
    let demo = Demo::start(&scenario_args());
    let client = client();
    let request = |method: &str, path: &str| {
        serde_json::json!({
            "method": method, "path": path, "headers": {"Authorization": "Bearer sk_test_valid"}, "body": null
        })
    };
    let delete = request("DELETE", "/v1/models/model_new");
    assert_eq!(send(&client, &demo.base, &delete).await.status, StatusCode::NO_CONTENT);
    let get = send(&client, &demo.base, &request("GET", "/v1/models/model_new")).await;
    assert_eq!((get.status, get.json()["error_code"].clone()), (StatusCode::NOT_FOUND, "MODEL_NOT_FOUND".into()));
    assert_eq!(send(&client, &demo.base, &delete).await.status, StatusCode::NOT_FOUND);
    let list = send(&client, &demo.base, &request("GET", "/v1/models")).await.json();
    let ids: Vec<&Value> = list["models"].as_array().expect("models").iter().map(|m| &m["id"]).collect();
    assert!(!ids.contains(&&Value::from("model_new")) && ids.contains(&&Value::from("model_ready")), "{ids:?}");
}

/// `GET /openapi.json` declares what every scenario provokes: its route and method, its
/// status, and for an error a response whose schema is the code's (directly or in its
/// status's union). schemathesis (`cargo xtask ci --only contract`) checks the rest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_declares_every_scenario() {
    let demo = Demo::start(&scenario_args());
    let client = client();
    let get = serde_json::json!({"method": "GET", "path": "/openapi.json", "headers": {}, "body": null});
    let answer = send(&client, &demo.base, &get).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "application/json");
    let document = answer.json();
    let file = scenarios();
    let all = file["scenarios"].as_array().into_iter().chain(file["successes"].as_array()).flatten();
    for scenario in all {
        let name = scenario["name"].as_str().expect("name");
        let request = &scenario["request"];
        let path = request["path"].as_str().expect("path");
        let (template, item) = document["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .find(|(template, _)| matches_template(template, path))
            .unwrap_or_else(|| panic!("{name}: no path of the document matches {path}"));
        let method = request["method"].as_str().expect("method").to_ascii_lowercase();
        let status = scenario["expect"]["status"].to_string();
        let response = &item[&method]["responses"][&status];
        assert!(!response.is_null(), "{name}: {method} {template} does not declare {status}");
        let Some(code) = scenario["code"].as_str() else { continue };
        let response = resolve(&document, response);
        let schema = resolve(&document, &response["content"]["application/json"]["schema"]);
        let members: Vec<&Value> = match schema["oneOf"].as_array() {
            Some(members) => members.iter().map(|member| resolve(&document, member)).collect(),
            None => vec![schema],
        };
        assert!(members.iter().any(|m| m["title"] == code), "{name}: {status} of {method} {template} has no {code}");
    }
}

/// `value`, or what it references (`{"$ref": "#/..."}`) in `document`.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => {
            document.pointer(reference.trim_start_matches('#')).unwrap_or_else(|| panic!("{reference} resolves"))
        }
        None => value,
    }
}

/// Whether `path` is an instance of the OpenAPI path `template` (`/v1/models/{id}`).
fn matches_template(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}') && !p.is_empty()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_not_served_in_the_problem_profile() {
    let (args, _) = profile_args("problem");
    let demo = Demo::start(&args);
    let get = serde_json::json!({"method": "GET", "path": "/openapi.json", "headers": {}, "body": null});
    assert_eq!(send(&client(), &demo.base, &get).await.status, StatusCode::NOT_FOUND);
}

/// Requests axum itself would refuse outside the catalog (plain text) get catalog errors:
/// an id that is not UTF-8 is not found, a JSON body over axum's 2 MB limit is not a
/// valid body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_requests_get_catalog_errors() {
    let demo = Demo::start(&scenario_args());
    let client = client();
    let headers = serde_json::json!({"Authorization": "Bearer sk_test_valid"});
    let not_utf8 = serde_json::json!({"method": "GET", "path": "/v1/models/%FF", "headers": headers, "body": null});
    let answer = send(&client, &demo.base, &not_utf8).await;
    assert_eq!((answer.status, answer.json()["error_code"].clone()), (StatusCode::NOT_FOUND, "MODEL_NOT_FOUND".into()));
    let name = "a".repeat(3 * 1024 * 1024);
    let large = serde_json::json!({
        "method": "POST", "path": "/v1/documents", "headers": headers, "body": {"json": {"name": name}}
    });
    let answer = send(&client, &demo.base, &large).await;
    assert_eq!(
        (answer.status, answer.json()["error_code"].clone()),
        (StatusCode::BAD_REQUEST, "INVALID_FORMAT".into())
    );
    assert_eq!(answer.json()["details"], serde_json::json!({"field": "body"}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_routes_carry_a_request_id() {
    let demo = Demo::start(&scenario_args());
    let spec = serde_json::json!({"method": "GET", "path": "/nowhere", "headers": {}, "body": null});
    let answer = send(&client(), &demo.base, &spec).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.request_id().starts_with("req_"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_answers_service_unavailable_everywhere() {
    let demo = Demo::start(&["--port".into(), "0".into(), "--maintenance".into()]);
    let client = client();
    let spec = serde_json::json!({
        "method": "GET", "path": "/v1/documents/doc_1",
        "headers": {"Authorization": "Bearer sk_test_valid"}, "body": null
    });
    let answer = send(&client, &demo.base, &spec).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.json()["error_code"], "SERVICE_UNAVAILABLE");
    let health = serde_json::json!({"method": "GET", "path": "/health", "headers": {}, "body": null});
    assert_eq!(send(&client, &demo.base, &health).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_window_resets() {
    let args = ["--port", "0", "--free-rate-limit", "1", "--rate-window-secs", "1"].map(String::from);
    let demo = Demo::start(&args);
    let client = client();
    let spec = serde_json::json!({
        "method": "GET", "path": "/v1/documents",
        "headers": {"Authorization": "Bearer sk_test_free"}, "body": null
    });
    assert_eq!(send(&client, &demo.base, &spec).await.status, StatusCode::OK);
    let limited = send(&client, &demo.base, &spec).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers["retry-after"], "1");
    assert_eq!(limited.json()["message"], "Too many requests. Please try again in 1 seconds.");
    // Another key has a bucket of its own.
    let other = serde_json::json!({
        "method": "GET", "path": "/v1/documents",
        "headers": {"Authorization": "Bearer sk_test_valid"}, "body": null
    });
    assert_eq!(send(&client, &demo.base, &other).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(send(&client, &demo.base, &spec).await.status, StatusCode::OK);
}

#[test]
fn stops_when_standard_input_closes_and_prints_one_line() {
    let mut demo = Demo::start(&scenario_args());
    drop(demo.stdin.take());
    let status = demo.wait(Duration::from_secs(10)).expect("the demo stops when stdin closes");
    assert!(status.success(), "{status}");
    let mut rest = String::new();
    demo.stdout.take().expect("stdout").read_to_string(&mut rest).expect("stdout reads");
    assert_eq!(rest, "", "stdout has exactly one line");
}

#[cfg(unix)]
#[test]
fn stops_on_sigterm() {
    let mut demo = Demo::start(&scenario_args());
    let killed = Command::new("kill").args(["-TERM", &demo.child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let status = demo.wait(Duration::from_secs(10)).expect("the demo stops on SIGTERM");
    assert!(status.success(), "{status}");
}

#[test]
fn a_null_stdin_does_not_stop_it() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scriptix-demo"))
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped")).read_line(&mut line).expect("reads");
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line:?}");
    std::thread::sleep(Duration::from_millis(300));
    let running = child.try_wait().expect("try_wait works").is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(running, "a demo started with stdin from /dev/null keeps running");
}

#[test]
fn ignore_stdin_keeps_it_running() {
    let args = ["--port", "0", "--ignore-stdin"].map(String::from);
    let mut demo = Demo::start(&args);
    drop(demo.stdin.take());
    assert!(demo.wait(Duration::from_millis(500)).is_none(), "still running without stdin");
}

#[test]
fn help_and_bad_flags() {
    let help = Command::new(env!("CARGO_BIN_EXE_scriptix-demo")).arg("--help").output().expect("runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--max-upload-mb"));
    let bad = Command::new(env!("CARGO_BIN_EXE_scriptix-demo")).arg("--bogus").output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown option `--bogus`"));
}

#[test]
fn base64_decoder() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGVsbG8h"), b"hello!");
    assert_eq!(base64_decode("aA=="), b"h");
    assert_eq!(base64_decode(""), b"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_answered_in_the_language_the_request_asks_for() {
    let client = client();
    for (args, problem) in [(scenario_args(), false), (profile_args("problem").0, true)] {
        let demo = Demo::start(&args);
        let ask = |language: Option<&str>| {
            let mut headers = serde_json::Map::new();
            if let Some(language) = language {
                headers.insert("Accept-Language".to_owned(), language.into());
            }
            serde_json::json!({"method": "GET", "path": "/v1/documents", "headers": headers, "body": null})
        };
        let message = |answer: &Answer| answer.json()[if problem { "detail" } else { "message" }].clone();
        let header = |answer: &Answer, name: &str| {
            answer.headers.get(name).map(|value| value.to_str().expect("ASCII header").to_owned())
        };
        // No key: MISSING_API_KEY, in German, Swiss German (which falls back to German
        // for it), French, and the catalog's English for a language it lacks.
        for (language, expected, content_language) in [
            (Some("de-CH, de;q=0.9"), "API-Schlüssel fehlt", Some("de-CH")),
            (Some("fr-CA;q=0.8, ja"), "Clé d'API manquante", Some("fr")),
            (Some("ja"), "Missing API key", None),
            (None, "Missing API key", None),
        ] {
            let answer = send(&client, &demo.base, &ask(language)).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
            assert_eq!(message(&answer), serde_json::json!(expected), "{language:?}, problem: {problem}");
            assert_eq!(header(&answer, "content-language").as_deref(), content_language, "{language:?}");
            assert_eq!(header(&answer, "vary").as_deref(), Some("accept-language"));
            let body = answer.json();
            assert!(body.as_object().is_some_and(|body| body.values().any(|v| v == "MISSING_API_KEY")), "{body}");
        }
    }
}
