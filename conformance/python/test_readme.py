"""The Python README's retry examples, run as written against a local server.

The upload example opens its file inside the call, so a retried POST sends the whole file
again; the idempotency-key example is retried after a server error, with the same key on
every attempt when the catalog names the header.
"""

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generated_client import PACKAGE, SHIPPED, VECTORS, errors, parse, retry
from local_server import Answer, LocalServer

README = Path(errors.__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
OK = Answer(200, {})
TRANSCRIPTIONS = "/v1/transcriptions"
UPLOAD_SIZE = 100_151  # The size of the upload the review saw cut to 151 bytes on a retry.

pytestmark = pytest.mark.skipif(not SHIPPED, reason="the shipped catalog's policy waits briefly")


def block_with(text: str) -> str:
    """Return the README's Python block that contains ``text``."""
    found = [block for block in BLOCKS if text in block]
    assert found, f"the README has no Python block with {text!r}"
    return str(found[0])


@pytest.fixture
def throttled_once() -> Iterator[LocalServer]:
    """Serve a rate limit that asks for no wait, then success."""
    status = VECTORS["retry_policy"]["delay_statuses"][0]
    server = LocalServer([Answer(status, {parse.RETRY_AFTER_HEADER: "0"}), OK], TRANSCRIPTIONS)
    yield server
    server.close()


@pytest.fixture
def failing_once() -> Iterator[LocalServer]:
    """Serve a server error retried with backoff, then success."""
    server = LocalServer(
        [Answer(VECTORS["retry_policy"]["backoff_statuses"][0], {}), OK], TRANSCRIPTIONS
    )
    yield server
    server.close()


def test_the_upload_example_sends_the_whole_file_on_every_attempt(
    throttled_once: LocalServer, tmp_path: Path
) -> None:
    """A rate-limited POST is retried, and the retry carries the file from its start."""
    upload = tmp_path / "audio.mp3"
    upload.write_bytes(b"\x01" * UPLOAD_SIZE)
    scope: dict[str, Any] = {"URL": throttled_once.url, "HEADERS": {}, "PATH": upload}
    exec(block_with("def call_api"), scope)  # noqa: S102 - the README's own example
    assert scope["response"].status_code == 200
    sizes = [len(request.body) for request in throttled_once.received]
    assert len(sizes) == 2
    assert sizes[0] == sizes[1] > UPLOAD_SIZE


def test_the_idempotency_key_example_repeats_the_post_with_one_key(
    failing_once: LocalServer,
) -> None:
    """A POST that carries a key is retried after a server error, with the same key."""
    # The block goes on from the first one, whose imports it uses.
    scope: dict[str, Any] = {
        "URL": failing_once.url,
        "HEADERS": {},
        "requests": importlib.import_module("requests"),
        "api_errors": importlib.import_module(PACKAGE),
    }
    exec(block_with("def create_job"), scope)  # noqa: S102 - the README's own example
    assert scope["response"].status_code == 200
    assert len(failing_once.received) == 2
    # The catalog's header, else the one the README names for a catalog without it.
    header = getattr(retry, "IDEMPOTENCY_KEY_HEADER", "Idempotency-Key")
    keys = {request.headers.get(header) for request in failing_once.received}
    assert keys == {scope["key"]}


def test_a_post_without_a_key_is_not_repeated_after_a_server_error(
    failing_once: LocalServer,
) -> None:
    """The same POST without a key: one attempt, and its error."""
    import requests  # noqa: PLC0415 - only this test sends with requests directly

    with pytest.raises(errors.ApiError):
        retry.retry_call(lambda: requests.post(failing_once.url, timeout=5), method="POST")
    assert len(failing_once.received) == 1
