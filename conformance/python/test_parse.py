"""Parser rules the vectors do not reach: strict JSON, headers, dates, never raising."""

import pickle
import random
from collections.abc import Iterator, Mapping

import pytest

from generated_client import VECTORS, codes, errors, parse

FIRST = VECTORS["codes"][0]
NOW = float(VECTORS["now_epoch_seconds"])


def known_body(**extra: str) -> str:
    """Return a well-formed body of the catalog's first code, with raw JSON members added."""
    members = [f'"error_code": "{FIRST["code"]}"', '"message": "m"']
    members += [f'"{key}": {value}' for key, value in extra.items()]
    return "{" + ", ".join(members) + "}"


@pytest.mark.parametrize(
    "body",
    [
        '{"message": "m", "error_code": "X", "n": NaN}',
        '{"message": "m", "error_code": "X", "n": -Infinity}',
        '{"message": "m", "error_code": "X", "n": 1e400}',
        '{"message": "m", "error_code": "X", "n": ' + "1" * 400 + "}",
        '{"message": "m", "error_code": "X", "s": "\\ud800"}',
        '{"message": "m", "error_code": "X", "s": "\\udc00\\ud800"}',
        '{"message": "m", "error_code": "X", "n": ' + "[" * 127 + "]" * 127 + "}",
        '{"message": "m", "error_code": "X"} trailing',
        "{'message': 'm', 'error_code': 'X'}",
        '{"message": "m", "error_code": "X",}',
        "\ufeff\ufeff{}",
    ],
)
def test_json_the_reference_parser_rejects_is_not_an_object(body: str) -> None:
    """Bodies serde_json rejects give an HTTP error, never a coded one."""
    error = parse.from_response(500, {}, body)
    assert error.kind is errors.ErrorKind.HTTP
    assert error.raw_body == body


def test_json_the_reference_parser_accepts() -> None:
    """Surrogate pairs, 126 nested levels and big integers are fine."""
    nested = "[" * 126 + "]" * 126
    body = (
        '{"message": "\\ud83e\\udd80", "error_code": "X", "n": '
        + nested
        + ', "i": 1'
        + "0" * 30
        + "}"
    )
    error = parse.from_response(400, {}, body)
    assert error.kind is errors.ErrorKind.UNKNOWN_CODE
    assert error.message == "\U0001f980"


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("0", 0), ("-0", 0), ("30.0", 30), ("3e1", 30), ("1.5", None), ("-1", None)],
)
def test_retry_after_is_judged_by_value(written: str, seconds: int | None) -> None:
    """Whole values count however they are written, as JavaScript sees them."""
    error = parse.from_response(429, {}, known_body(retry_after=written))
    assert error.retry_after == seconds


def test_invalid_utf8_keeps_the_body() -> None:
    """Bytes that are not UTF-8 are not JSON; the raw body keeps them, replaced."""
    body = b'{"message": "m", "error_code": "X"}\xff'
    error = parse.from_response(400, {}, body)
    assert error.kind is errors.ErrorKind.HTTP
    assert error.raw_body.endswith("\ufffd")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120),
        ("  120\t", 120),
        ("\u3000120\u00a0", 120),
        ("0000000000000000000000000000007", 7),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("+5", None),
        ("1_0", None),
        ("\uff11\uff12", None),  # Full-width digits are not ASCII digits.
        ("1.5", None),
        ("", None),
        ("Wed, 21 Oct 2026 00:01:30 GMT", 90),
        ("Xyz, 21 Oct 2026 00:01:30 GMT", 90),  # The day name is not checked.
        ("Wed,  21 Oct 2026\t00:01:30 GMT", 90),
        ("Wed, +21 Oct 2026 00:01:30 GMT", 90),
        ("Wed, 21 Oct 2026 00:01:60 GMT", 120),  # A leap second.
        ("Wed, 21 oct 2026 00:01:30 GMT", None),
        ("Wed, 21 Oct 2026 00:01:30 UTC", None),
        ("Wed, 32 Oct 2026 00:01:30 GMT", None),
        ("Wed, 21 Oct 1969 00:01:30 GMT", None),
        ("Wed, 21 Oct 2026 24:00:00 GMT", None),
        ("Wed, 21 Oct 2026 00:01 GMT", None),
        ("Wed, 21 Oct 2026 00::30 GMT", None),
        ("Wed, 21\u00a0Oct 2026 00:01:30 GMT", None),
        ("Wed, \uff12\uff11 Oct 2026 00:01:30 GMT", None),
        ("Tue, 20 Oct 2026 23:00:00 GMT", 0),
    ],
)
def test_retry_after_header(value: str, seconds: int | None) -> None:
    """Delay-seconds and IMF-fixdates, read as the reference implementation reads them."""
    error = parse.from_response(503, {parse.RETRY_AFTER_HEADER: value}, "", now=NOW)
    assert error.retry_after == seconds


def test_body_retry_after_wins_over_the_header() -> None:
    """A usable ``retry_after`` in the body is taken before the header."""
    headers = {parse.RETRY_AFTER_HEADER.upper(): "99"}
    assert parse.from_response(429, headers, known_body(retry_after="7")).retry_after == 7
    assert parse.from_response(429, headers, known_body(retry_after="true")).retry_after == 99
    assert parse.from_response(429, headers, known_body(retry_after='"7"')).retry_after == 99


def test_header_names_ignore_ascii_case_only() -> None:
    """``X-REQUEST-ID`` matches; a name that only matches after Unicode case folding does not."""
    name = parse.REQUEST_ID_HEADER
    assert parse.from_response(500, [(name.upper(), "a"), (name, "b")], "").request_id == "a"
    assert parse.from_response(500, {name.lower(): "c"}, "").request_id == "c"
    # Each look-alike becomes the ASCII letter under Unicode case mapping or folding.
    lookalikes = {"k": "\u212a", "s": "\u017f", "i": "\u0131"}
    letter = next(c for c in name.lower() if c in lookalikes)
    spoofed = "".join(lookalikes[letter] if c.lower() == letter else c for c in name)
    assert parse.from_response(500, {spoofed: "d"}, "").request_id is None


def test_unknown_status_message() -> None:
    """A status the table lacks gives ``HTTP <status>``; a known one adds its reason."""
    assert parse.from_response(599, {}, "").message == "HTTP 599"
    status, row = next(iter(codes.HTTP_STATUSES.items()))
    assert parse.from_response(status, {}, "").message == f"HTTP {status} {row.reason}"


class ExplodingHeaders(Mapping[str, str]):
    """Headers that fail when read."""

    def __getitem__(self, name: str) -> str:
        """Fail."""
        raise RuntimeError(name)

    def __iter__(self) -> Iterator[str]:
        """Fail."""
        message = "broken headers"
        raise RuntimeError(message)

    def __len__(self) -> int:
        """Claim one header."""
        return 1


def test_never_raises() -> None:
    """Broken headers and random bytes still give an error with the raw body."""
    error = parse.from_response(502, ExplodingHeaders(), b"<html>")
    assert type(error) is errors.HttpError
    assert (error.status, error.raw_body) == (502, "<html>")
    rng = random.Random(5)  # noqa: S311 - reproducible test data, not secrets
    pieces = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"\\u", b"d800", b"1e999", b"null", b"\xff"]
    for _ in range(500):
        body = b"".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert isinstance(parse.from_response(500, {}, body), errors.ApiError)


def test_known_error_facts_and_pickling() -> None:
    """A known code's error: its class, properties, string forms, and a pickle round trip."""
    headers = {parse.REQUEST_ID_HEADER: "req_1"}
    error = parse.from_response(FIRST["status"], headers, known_body(), now=NOW)
    code = codes.ErrorCode(FIRST["code"])
    assert error.code is code
    assert error.kind is errors.ErrorKind.KNOWN
    assert error.category is code.category
    assert error.retryable == code.retryable
    assert error.retry_mode is code.retry
    assert str(error) == f"m [HTTP {FIRST['status']}, {FIRST['code']}, request req_1]"
    assert repr(error).startswith(f"{type(error).__name__}(status={FIRST['status']}, ")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert type(copy) is type(error)
    assert (copy.code, copy.message, copy.request_id, copy.args) == (
        error.code,
        error.message,
        error.request_id,
        error.args,
    )


def test_unknown_and_http_errors_follow_the_status_table() -> None:
    """Without a known code, retryability and retry mode come from the status table."""
    for status, row in codes.HTTP_STATUSES.items():
        error = parse.from_response(status, {}, '{"message": "m", "error_code": "NEWER"}')
        assert error.retry_mode is row.retry
        assert error.retryable == (row.retry is not codes.RetryMode.NEVER)
        assert parse.from_response(status, {}, "").retry_mode is row.retry
    assert parse.from_response(599, {}, "").retry_mode is codes.RetryMode.NEVER


def test_doc_url_and_grpc_status_default_to_the_codes_or_the_http_status() -> None:
    """Without them from the body, a known code's catalog entry or the HTTP status gives them."""
    code = codes.ErrorCode(FIRST["code"])
    known = errors.ERROR_CLASSES[code]("m", status=599, code=code)
    assert (known.doc_url, known.grpc_status) == (code.doc_url, code.grpc_status)
    told = errors.ERROR_CLASSES[code](
        "m", status=599, code=code, doc_url="u", grpc_status="ABORTED"
    )
    assert (told.doc_url, told.grpc_status) == ("u", "ABORTED")
    mapped = {400: "INVALID_ARGUMENT", 402: "FAILED_PRECONDITION", 429: "RESOURCE_EXHAUSTED"}
    mapped |= {502: "INTERNAL", 504: "DEADLINE_EXCEEDED", 200: "UNKNOWN", 600: "UNKNOWN"}
    for status, name in mapped.items():
        for error in (
            errors.HttpError("m", status=status),
            errors.UnknownError("m", status=status),
        ):
            assert (error.doc_url, error.grpc_status) == (None, name)
        assert codes.grpc_status_of_http(status) == name
    assert len(codes.GRPC_STATUSES) == 17
    assert codes.GRPC_STATUSES[8] == "RESOURCE_EXHAUSTED"
