"""The ``requests`` and ``httpx`` adapters, with stand-in responses."""

from fakes import CaseInsensitiveHeaders, FakeResponse, UnreadResponse
from generated_client import VECTORS, errors, parse

FIRST = VECTORS["codes"][0]
BODY = f'{{"error": "E", "message": "m", "error_code": "{FIRST["code"]}"}}'.encode()


def test_requests_like_response() -> None:
    """Status, case-insensitive headers and bytes content are read."""
    headers = CaseInsensitiveHeaders({parse.REQUEST_ID_HEADER.lower(): "req_9"})
    error = parse.from_requests(FakeResponse(FIRST["status"], headers, BODY))
    assert str(error.code) == FIRST["code"]
    assert error.request_id == "req_9"
    assert error.title == "E"


def test_httpx_like_response() -> None:
    """The same for httpx, whose headers also ignore case."""
    headers = CaseInsensitiveHeaders({parse.RETRY_AFTER_HEADER.upper(): "3"})
    error = parse.from_httpx(FakeResponse(503, headers, b""))
    assert type(error) is errors.HttpError
    assert error.retry_after == 3


def test_unreadable_body_counts_as_empty() -> None:
    """A streamed response that was never read does not make the adapter raise."""
    error = parse.from_httpx(UnreadResponse(500, {}, b""))
    assert type(error) is errors.HttpError
    assert error.raw_body == ""
