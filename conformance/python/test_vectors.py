"""Every vector of ``vectors.json``: the parser must classify it exactly as expected."""

import dataclasses
import http.client
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx
import pytest
import requests.structures

from fakes import CaseInsensitiveHeaders, response_of
from generated_client import VECTORS, codes, details, errors, parse

NOW = float(VECTORS["now_epoch_seconds"])
# AIP-193 metadata values are text: numbers, booleans and lists travel as their JSON.
METADATA_AS_TEXT = VECTORS.get("profile") == "google"
CASES = [pytest.param(vector, id=vector["name"]) for vector in VECTORS["vectors"]]


def observed(error: errors.ApiError) -> dict[str, object]:
    """Return the parsed error's fields, spelled as in the vectors file."""
    return {
        "kind": error.kind.value,
        "status": error.status,
        "code": None if error.code is None else str(error.code),
        "wire_code": error.wire_code,
        "category": None if error.category is None else error.category.value,
        "title": error.title,
        "message": error.message,
        "details": None if error.details is None else dict(error.details),
        "details_valid": error.details_valid,
        "retryable": error.retryable,
        "retry_after": error.retry_after,
        "request_id": error.request_id,
        "doc_url": error.doc_url,
        "grpc_status": error.grpc_status,
        "raw_body": error.raw_body,
    }


def check_class(error: errors.ApiError, expect: Mapping[str, Any]) -> None:
    """Check that the error's class and typed details fit its classification."""
    if expect["kind"] == "http":
        assert type(error) is errors.HttpError
    elif expect["kind"] == "unknown_code":
        assert type(error) is errors.UnknownError
    else:
        code = codes.ErrorCode(expect["code"])
        assert type(error) is errors.ERROR_CLASSES[code]
        assert isinstance(error, errors.CATEGORY_CLASSES[code.category])
        has_type = code in details.DETAILS_TYPES
        assert (error.typed_details is not None) == (has_type and expect["details_valid"])
        if error.typed_details is not None:
            check_typed(error.typed_details, error.details or {})
    assert isinstance(error, errors.ApiError)


def normal(name: str) -> str:
    """Return a name's ASCII letters and digits, lower-cased.

    A Python attribute and the wire key it stands for then compare equal: ``resource_id``
    and ``resourceId``, ``region_hint`` and ``region-hint``, ``type_`` and ``type``.
    """
    return "".join(c for c in name if c.isascii() and c.isalnum()).lower()


def check_typed(typed: details.ErrorDetails, raw: Mapping[str, object]) -> None:
    """Check each attribute of the typed details against the raw value of its wire key.

    The attribute is read through its Python name and compared with the value of the key
    with the same letters and digits; the mapping of keys not declared is compared key by
    key.
    """
    assert dataclasses.is_dataclass(typed)
    assert not isinstance(typed, type)
    for field in dataclasses.fields(typed):
        value = getattr(typed, field.name)
        if isinstance(value, Mapping):
            for key, extra in value.items():
                assert plain(extra) == sent(raw[key], extra), f"extra {key!r}"
            continue
        keys = [key for key in raw if normal(key) == normal(field.name)]
        if not keys:
            assert value is None, f"typed {field.name} = {value!r} matches no raw key"
            continue
        assert any(plain(value) == sent(raw[key], value) for key in keys), (
            f"typed {field.name} = {value!r}, raw {keys}"
        )


def sent(raw: object, typed: object) -> object:
    """Return a raw details value as its typed value reads it.

    In the ``google`` profile a value that is not a string field's is the JSON text of the
    value, which is decoded; elsewhere the raw value is the value.
    """
    if METADATA_AS_TEXT and isinstance(raw, str) and not isinstance(typed, str):
        decoded: object = json.loads(raw)
        return decoded
    return raw


def plain(value: object) -> object:
    """Return a typed value as the parsed JSON spells it (a sequence as a list)."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(item) for item in value]
    return value


@pytest.mark.parametrize("vector", CASES)
def test_vector_from_text(vector: Mapping[str, Any]) -> None:
    """The body as text, the headers as a case-sensitive dict."""
    response = vector["response"]
    error = parse.from_response(response["status"], response["headers"], response["body"], now=NOW)
    assert observed(error) == vector["expect"]
    check_class(error, vector["expect"])


@pytest.mark.parametrize("vector", CASES)
def test_vector_from_bytes_and_pairs(vector: Mapping[str, Any]) -> None:
    """The body as UTF-8 bytes, the headers as name-value pairs."""
    response = vector["response"]
    pairs = list(response["headers"].items())
    body = response["body"].encode("utf-8")
    error = parse.from_response(response["status"], pairs, body, now=NOW)
    assert observed(error) == vector["expect"]


@pytest.mark.parametrize("vector", CASES)
def test_vector_through_adapters(vector: Mapping[str, Any]) -> None:
    """The requests and httpx adapters, with case-insensitive headers."""
    expect = dict(vector["expect"])
    headers = CaseInsensitiveHeaders(vector["response"]["headers"])
    dated = headers.get(parse.RETRY_AFTER_HEADER, "").endswith("GMT")
    for adapter in (parse.from_requests, parse.from_httpx):
        got = observed(adapter(response_of(vector["response"])))
        if dated:  # An HTTP-date delay depends on the clock, and the adapters use the real one.
            got.pop("retry_after")
            expect.pop("retry_after", None)
        assert got == expect


def with_name_case(headers: Mapping[str, str], case: str) -> dict[str, str]:
    """Return the headers with their names spelled in ``case``, one of ``header_name_cases``."""
    if case == "as_sent":
        return dict(headers)
    if case == "lower":
        return {name.lower(): value for name, value in headers.items()}
    if case == "upper":
        return {name.upper(): value for name, value in headers.items()}
    msg = f"header name case {case!r} is not known to this harness"
    raise AssertionError(msg)


def http_message(headers: Mapping[str, str]) -> http.client.HTTPMessage:
    """Return the headers as urllib's responses carry them."""
    message = http.client.HTTPMessage()
    for name, value in headers.items():
        message[name] = value
    return message


HEADER_OBJECTS: list[tuple[str, Callable[[dict[str, str]], object]]] = [
    ("dict", dict),
    ("pairs", lambda headers: list(headers.items())),
    ("requests CaseInsensitiveDict", requests.structures.CaseInsensitiveDict),
    ("httpx.Headers", httpx.Headers),
    ("http.client.HTTPMessage", http_message),
]


@pytest.mark.parametrize("case", VECTORS["header_name_cases"])
@pytest.mark.parametrize(
    ("shape", "make"), HEADER_OBJECTS, ids=[shape for shape, _ in HEADER_OBJECTS]
)
def test_every_vector_through_every_header_shape(
    case: str, shape: str, make: Callable[[dict[str, str]], Any]
) -> None:
    """Each vector in each spelling of its header names, through each header object."""
    for vector in VECTORS["vectors"]:
        response = vector["response"]
        headers = make(with_name_case(response["headers"], case))
        error = parse.from_response(response["status"], headers, response["body"], now=NOW)
        assert observed(error) == vector["expect"], f"{vector['name']}: {shape}, {case} names"


def test_vectors_cover_every_code() -> None:
    """Every code of the catalog has a vector of its own."""
    names = {vector["name"] for vector in VECTORS["vectors"]}
    assert {f"code/{code.value}" for code in codes.ErrorCode} <= names
