"""The retry helper and the parser with the HTTP libraries people use, against a real server.

A local HTTP server answers with a vector's response; ``requests``, ``httpx`` and
``urllib`` call it the way their documentation shows (``raise_for_status()`` included),
and a closed port and typo'd URLs give their real failures.
"""

import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, cast

import httpx
import pytest
import requests

from generated_client import VECTORS, errors, parse, retry
from local_server import Answer, LocalServer

TIMEOUT = 5.0


def vector_where(wanted: Callable[[Mapping[str, Any]], bool]) -> Mapping[str, Any] | None:
    """Return the first vector of a known code whose expectation ``wanted`` accepts."""
    vectors: list[Mapping[str, Any]] = VECTORS["vectors"]
    return next(
        (v for v in vectors if v["expect"]["kind"] == "known" and wanted(v["expect"])), None
    )


NOT_RETRIED = vector_where(lambda e: not e["retryable"] and e["status"] >= 400)
RETRIED = vector_where(lambda e: e["retryable"] and e["retry_after"] is None and e["status"] >= 500)


class Server(LocalServer):
    """A local server that answers every request with ``vector``'s response."""

    def __init__(self, vector: Mapping[str, Any] | None) -> None:
        """Start serving on a free loopback port; skip the test when there is no vector."""
        if vector is None:
            pytest.skip("the catalog has no such code")
        self.vector = vector
        self.expect: Mapping[str, Any] = vector["expect"]
        response = vector["response"]
        super().__init__(
            [Answer(response["status"], response["headers"], response["body"].encode())]
        )


@pytest.fixture
def not_retried() -> Iterator[Server]:
    """Serve a code that is never retried."""
    server = Server(NOT_RETRIED)
    yield server
    server.close()


@pytest.fixture
def retried() -> Iterator[Server]:
    """Serve a code retried with backoff."""
    server = Server(RETRIED)
    yield server
    server.close()


def closed_port_url() -> str:
    """Return a loopback URL nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def with_requests(url: str) -> Callable[[], requests.Response]:
    """Return a call as requests' documentation writes it: get, then ``raise_for_status()``."""

    def call() -> requests.Response:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        return response

    return call


def with_httpx(url: str) -> Callable[[], httpx.Response]:
    """Return a call as httpx's documentation writes it: get, then ``raise_for_status()``."""

    def call() -> httpx.Response:
        return httpx.get(url, timeout=TIMEOUT).raise_for_status()

    return call


class Counted:
    """Counts the attempts of a call."""

    def __init__(self, call: Callable[[], object]) -> None:
        """Wrap ``call``."""
        self.call = call
        self.count = 0

    def __call__(self) -> parse.ResponseLike:
        """Make one attempt (the calls here return requests or httpx responses, or raise)."""
        self.count += 1
        return cast("parse.ResponseLike", self.call())


LIBRARIES = [pytest.param(with_requests, id="requests"), pytest.param(with_httpx, id="httpx")]


def audio_chunks() -> Iterator[bytes]:
    """Yield a body that can be read once: a generator."""
    yield from (b"x" * 1000 for _ in range(100))


STREAMED_PUTS: list[Any] = [
    pytest.param(
        lambda url, audio: requests.put(url, data=audio, timeout=TIMEOUT), id="requests-file"
    ),
    pytest.param(
        lambda url, _: requests.put(url, data=audio_chunks(), timeout=TIMEOUT),
        id="requests-generator",
    ),
    pytest.param(
        lambda url, audio: httpx.put(url, content=audio, timeout=TIMEOUT), id="httpx-file"
    ),
    pytest.param(
        lambda url, _: httpx.put(url, content=audio_chunks(), timeout=TIMEOUT), id="httpx-generator"
    ),
]


@pytest.mark.parametrize("put", STREAMED_PUTS)
def test_a_streamed_body_is_never_sent_again(
    put: Callable[[str, BinaryIO], parse.ResponseLike], retried: Server, tmp_path: Path
) -> None:
    """A PUT (idempotent) whose body was a file or a generator is not retried, and says why."""
    path = tmp_path / "audio.bin"
    path.write_bytes(b"x" * 100_000)
    with path.open("rb") as audio:
        calls = Counted(lambda: put(retried.url, audio))
        with pytest.raises(errors.ApiError) as raised:
            retry.retry_call(calls, method="PUT", policy=POLICY, sleep=lambda _: None)
    assert calls.count == 1
    assert raised.value.status == retried.expect["status"]
    assert any("not retried" in note for note in getattr(raised.value, "__notes__", []))


def test_a_generator_body_is_not_sent_again_through_httpx_mock_transport() -> None:
    """MockTransport reads a generator into memory; the request stays chunked, and says so."""
    status = RETRIED["expect"]["status"] if RETRIED is not None else 500
    transport = httpx.MockTransport(lambda _: httpx.Response(status, content=b""))
    with httpx.Client(transport=transport) as client:
        calls = Counted(lambda: client.put("http://api.test/v1/thing", content=audio_chunks()))
        with pytest.raises(errors.ApiError):
            retry.retry_call(calls, method="PUT", policy=POLICY, sleep=lambda _: None)
    assert calls.count == 1


def test_a_body_of_bytes_is_sent_again(retried: Server) -> None:
    """The same PUT with its body as bytes is retried by the policy."""
    calls = Counted(lambda: requests.put(retried.url, data=b"x" * 100_000, timeout=TIMEOUT))
    with pytest.raises(errors.ApiError):
        retry.retry_call(calls, method="PUT", policy=POLICY, sleep=lambda _: None)
    assert calls.count == POLICY.max_attempts


POLICY = retry.RetryPolicy(max_attempts=3, retry_network_errors=True, jitter=retry.Jitter.NONE)


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_status_error_is_its_api_error_and_not_a_network_failure(
    library: Callable[[str], Callable[[], Any]], not_retried: Server
) -> None:
    """``raise_for_status()`` on a code that is never retried: one attempt, its API error."""
    call = Counted(library(not_retried.url))
    with pytest.raises(errors.ApiError) as raised:
        retry.retry_call(call, method="GET", policy=POLICY, sleep=lambda _: None)
    assert call.count == 1
    assert str(raised.value.code) == not_retried.expect["code"]
    assert raised.value.request_id == not_retried.expect["request_id"]
    assert raised.value.__cause__ is not None


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_status_error_of_a_retried_code_is_retried_by_its_rules(
    library: Callable[[str], Callable[[], Any]], retried: Server
) -> None:
    """``raise_for_status()`` on a code retried with backoff: every attempt, then its error."""
    call = Counted(library(retried.url))
    sleeps: list[float] = []
    with pytest.raises(errors.ApiError) as raised:
        retry.retry_call(call, method="GET", policy=POLICY, sleep=sleeps.append, random=lambda: 0.5)
    assert call.count == POLICY.max_attempts
    assert len(sleeps) == POLICY.max_attempts - 1
    assert str(raised.value.code) == retried.expect["code"]


def test_urllib_http_error_keeps_the_body(not_retried: Server) -> None:
    """Urllib raises the response as ``HTTPError``: its headers and body parse as sent."""
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(not_retried.url, timeout=TIMEOUT)
    with raised.value as error:
        parsed = parse.from_response(error.code, error.headers, error.read())
    assert parsed.kind is errors.ErrorKind.KNOWN
    assert str(parsed.code) == not_retried.expect["code"]
    assert parsed.request_id == not_retried.expect["request_id"]

    def call() -> object:
        return urllib.request.urlopen(not_retried.url, timeout=TIMEOUT)

    counted = Counted(call)
    with pytest.raises(errors.ApiError) as api_error:
        retry.retry_call(counted, method="GET", policy=POLICY, sleep=lambda _: None)
    assert (counted.count, str(api_error.value.code)) == (1, not_retried.expect["code"])


def urllib_get(url: str) -> Callable[[], object]:
    """Return a urllib call of ``url``."""
    return lambda: urllib.request.urlopen(url, timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("make", "raised"),
    [
        pytest.param(with_requests, requests.ConnectionError, id="requests"),
        pytest.param(with_httpx, httpx.ConnectError, id="httpx"),
        pytest.param(urllib_get, urllib.error.URLError, id="urllib"),
    ],
)
def test_a_refused_connection_is_retried(
    make: Callable[[str], Callable[[], Any]], raised: type[Exception]
) -> None:
    """A closed port is a network failure that may pass: every attempt, then the failure."""
    call = Counted(make(closed_port_url()))
    with pytest.raises(raised):
        retry.retry_call(call, method="GET", policy=POLICY, sleep=lambda _: None)
    assert call.count == POLICY.max_attempts


@pytest.mark.parametrize(
    ("call", "raised"),
    [
        pytest.param(
            with_requests("htp://typo.test/"),
            requests.exceptions.InvalidSchema,
            id="requests scheme",
        ),
        pytest.param(with_requests("http://"), requests.exceptions.InvalidURL, id="requests URL"),
        pytest.param(with_httpx("htp://typo.test/"), httpx.UnsupportedProtocol, id="httpx scheme"),
        pytest.param(Path("/nonexistent/audio.wav").read_bytes, FileNotFoundError, id="a file"),
    ],
)
def test_failures_that_do_not_pass_are_raised_at_once(
    call: Callable[[], Any], raised: type[Exception]
) -> None:
    """A typo'd scheme, a malformed URL or a missing file fail the same way every time."""
    counted = Counted(call)
    with pytest.raises(raised):
        retry.retry_call(counted, method="GET", policy=POLICY, sleep=lambda _: None)
    assert counted.count == 1
