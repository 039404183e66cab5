"""End to end: provoke every code from the demo service and classify the real responses.

The demo (``crates/scriptix-demo``) is started once for this module as
``conformance/e2e/scenarios.json`` says, on a free loopback port; every scenario's
request is sent with ``urllib`` and the last response is fed to the client's parser.
``SCRIPTIX_DEMO_BIN`` names a built demo binary; without it the scenarios' own command
(``cargo run``) starts it. ``ERRCAT_DEMO_PROFILE`` (default ``flat``) names the wire
profile the demo answers in (``demo.profiles`` of the scenarios file); the client under
test must be rendered for that profile (``errcat generate --profile``).
"""

import base64
import json
import os
import queue
import re
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from fakes import CaseInsensitiveHeaders, FakeResponse
from generated_client import ROOT, codes, details, errors, parse, retry

pytestmark = pytest.mark.e2e

SCENARIOS_PATH = ROOT / "conformance" / "e2e" / "scenarios.json"
SCENARIOS: dict[str, Any] = json.loads(SCENARIOS_PATH.read_text(encoding="utf-8"))
PROFILE_NAME = os.environ.get("ERRCAT_DEMO_PROFILE") or "flat"
PROFILE: dict[str, Any] = SCENARIOS["demo"]["profiles"][PROFILE_NAME]
STARTUP_SECONDS = 300.0  # `cargo run` may have to build the demo first.
REQUEST_SECONDS = 30.0


@dataclass
class Demo:
    """A running demo service."""

    base_url: str
    process: subprocess.Popen[str]


@dataclass
class Reply:
    """One HTTP response, as received."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """Return the first header named ``name``, ignoring case."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def response(self) -> FakeResponse:
        """Return the reply as a requests-like response for the retry helper."""
        return FakeResponse(self.status, CaseInsensitiveHeaders(dict(self.headers)), self.body)


def demo_command() -> list[str]:
    """Return the command that starts the demo with the scenarios' flags."""
    binary = os.environ.get("SCRIPTIX_DEMO_BIN")
    command = [binary] if binary else list(SCENARIOS["demo"]["command"])
    return command + list(SCENARIOS["demo"]["args"]) + list(PROFILE["args"])


def ready_pattern() -> re.Pattern[str]:
    """Return the pattern of the demo's ready line, with the port as a group."""
    line = SCENARIOS["demo"]["ready_line"]
    return re.compile(re.escape(line).replace("PORT", r"(\d+)"))


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    """Start the demo, wait for its ready line, and stop it afterwards."""
    process = subprocess.Popen(
        demo_command(),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    pattern = ready_pattern()
    try:
        while True:
            line = lines.get(timeout=STARTUP_SECONDS)
            if line is None:
                pytest.fail(f"the demo exited before it was ready: {demo_command()}")
            if match := pattern.search(line):
                break
        yield Demo(f"http://127.0.0.1:{match.group(1)}", process)
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def send(demo: Demo, request: Mapping[str, Any]) -> Reply:
    """Send one scenario request and return the response, whatever its status."""
    headers = dict(request["headers"])
    body = request["body"]
    data: bytes | None = None
    if isinstance(body, dict) and "json" in body:
        data = json.dumps(body["json"]).encode()
        headers.setdefault("Content-Type", "application/json")
    elif isinstance(body, dict) and "base64" in body:
        data = base64.b64decode(body["base64"])
        headers.setdefault("Content-Type", body["content_type"])
    elif body is not None:
        pytest.fail(f"unknown request body form: {body!r}")
    http_request = urllib.request.Request(
        demo.base_url + request["path"], data=data, headers=headers, method=request["method"]
    )
    try:
        with urllib.request.urlopen(http_request, timeout=REQUEST_SECONDS) as response:
            return Reply(response.status, response.getheaders(), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, list(error.headers.items()), error.read())


def run_scenario(demo: Demo, scenario: Mapping[str, Any]) -> Reply:
    """Send the scenario's request ``repeat`` times and return the last response."""
    replies = [send(demo, scenario["request"]) for _ in range(int(scenario.get("repeat", 1)))]
    return replies[-1]


@pytest.mark.parametrize(
    "scenario", [pytest.param(s, id=s["name"]) for s in SCENARIOS["scenarios"]]
)
def test_error_scenario(demo: Demo, scenario: Mapping[str, Any]) -> None:
    """The real response is classified as the scenario's code, with all its facts."""
    reply = run_scenario(demo, scenario)
    expect = scenario["expect"]
    error = parse.from_response(reply.status, reply.headers, reply.body)
    assert (error.status, str(error.code)) == (expect["status"], expect["error_code"]), reply.body
    assert reply.header("Content-Type") == PROFILE["content_type"]
    code = codes.ErrorCode(expect["error_code"])
    assert type(error) is errors.ERROR_CLASSES[code]
    assert error.kind is errors.ErrorKind.KNOWN
    if "message" in expect:  # Absent where the message names a changing value.
        assert error.message == expect["message"]
    assert (None if error.details is None else dict(error.details)) == expect["details"]
    assert error.details_valid
    assert (error.typed_details is not None) == (code in details.DETAILS_TYPES)
    request_id = reply.header(SCENARIOS["demo"]["request_id_header"])
    assert request_id
    assert error.request_id == request_id
    header = reply.header(SCENARIOS["demo"]["retry_after_header"])
    if expect["retry_after"]:
        assert error.retry_after is not None
        assert error.retry_after > 0
        if header is not None:
            assert error.retry_after == int(header)
    else:
        assert error.retry_after is None
        assert header is None


@pytest.mark.parametrize(
    "scenario", [pytest.param(s, id=s["name"]) for s in SCENARIOS.get("successes", [])]
)
def test_success_scenario(demo: Demo, scenario: Mapping[str, Any]) -> None:
    """Requests that succeed are not errors."""
    reply = run_scenario(demo, scenario)
    assert reply.status == scenario["expect"]["status"]


def scenario_named(code: str) -> Mapping[str, Any]:
    """Return the scenario that provokes ``code``."""
    return next(s for s in SCENARIOS["scenarios"] if s["expect"]["error_code"] == code)


def test_retry_call_honours_the_servers_retry_after(demo: Demo) -> None:
    """The retry helper sleeps exactly the demo's ``Retry-After``, then gives up."""
    scenario = scenario_named("RATE_LIMIT_EXCEEDED")
    run_scenario(demo, scenario)  # Use up the rate limit (again).
    sleeps: list[float] = []
    replies: list[Reply] = []

    def call() -> FakeResponse:
        replies.append(send(demo, scenario["request"]))
        return replies[-1].response()

    with pytest.raises(errors.ERROR_CLASSES[codes.ErrorCode.RATE_LIMIT_EXCEEDED]) as raised:
        retry.retry_call(call, method="GET", sleep=sleeps.append)
    assert raised.value.request_id == replies[-1].header(parse.REQUEST_ID_HEADER)
    header = SCENARIOS["demo"]["retry_after_header"]
    waits = [float(reply.header(header) or "nan") for reply in replies[:-1]]
    assert sleeps == waits
    assert len(replies) == retry.DEFAULT_RETRY_POLICY.max_attempts


def test_retry_call_backs_off_on_server_errors(demo: Demo) -> None:
    """A 503 is retried with backoff until attempts run out, then raised as its code."""
    scenario = scenario_named("SERVICE_UNAVAILABLE")
    sleeps: list[float] = []
    attempts = 0

    def call() -> FakeResponse:
        nonlocal attempts
        attempts += 1
        return send(demo, scenario["request"]).response()

    with pytest.raises(errors.ERROR_CLASSES[codes.ErrorCode.SERVICE_UNAVAILABLE]):
        retry.retry_call(call, method="GET", sleep=sleeps.append, random=lambda: 0.5)
    policy = retry.DEFAULT_RETRY_POLICY
    assert attempts == policy.max_attempts
    expected = [policy.backoff_ms(n, 0.5) / 1000 for n in range(1, policy.max_attempts)]
    assert sleeps == pytest.approx(expected)
