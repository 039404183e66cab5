"""Error texts in other languages: the vectors' ``localized`` cases, read in their locale.

Each case is a response and a locale; the client's title and message for it must be the
expected ones: the translation's (along the locale's fallbacks), filled with the error's
values and the language's plural form, or the catalog's own where there is none; a
``LocalizedMessage`` the server sent (``google`` profile) must be read as it was sent, and
answer for its locale and the tags under it.
"""

from collections.abc import Mapping
from typing import Any

import pytest

from generated_client import SHIPPED, VECTORS, codes, locales, parse

LOCALIZED: Mapping[str, Any] = VECTORS["localized"]
CASES: list[Mapping[str, Any]] = LOCALIZED["cases"]


def test_the_locales_are_the_catalogs() -> None:
    """The source language first, then each translation."""
    assert list(locales.LOCALES) == LOCALIZED["locales"]
    assert locales.LOCALES[0] == LOCALIZED["source"]


@pytest.mark.parametrize("case", CASES, ids=[str(case["name"]) for case in CASES])
def test_each_case_reads_as_expected(case: Mapping[str, Any]) -> None:
    """The title, message and server's translation in the case's locale are the expected ones."""
    response = case["response"]
    error = parse.from_response(response["status"], response["headers"], response["body"])
    expect = case["expect"]
    assert isinstance(error.code, codes.ErrorCode)
    assert str(error.code) == expect["code"]
    assert locales.title_in(error.code, case["locale"]) == expect["title"]
    assert locales.message_template_in(error.code, case["locale"]) == expect["template"]
    assert error.localized_message(case["locale"]) == expect["message"]
    assert locales.localized_message(error, case["locale"]) == expect["message"]
    server = error.server_localized
    read = None if server is None else {"locale": server.locale, "message": server.message}
    assert read == expect["server_localized"]


def test_errors_without_a_known_code_keep_their_message() -> None:
    """An HTTP error or an unknown code has no translation."""
    proxy = parse.from_response(502, {}, "<html>")
    assert proxy.server_localized is None
    for locale in locales.LOCALES:
        assert proxy.localized_message(locale) == proxy.message


@pytest.mark.skipif(not SHIPPED, reason="the shipped catalog's locales")
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-CH, de;q=0.9, en;q=0.8", "de-CH"),
        ("de-AT", "de"),
        ("ja, fr;q=0.5", "fr"),
        ("fr;q=0.2, de;q=0.7", "de"),
        ("de;q=0, fr;q=0.1", "fr"),
        ("*", "en"),
        ("", "en"),
        ("x-klingon;q=abc, ;;, de;q=2", "en"),
    ],
)
def test_accept_language_picks_the_best_supported_locale(header: str, expected: str) -> None:
    """By weight, then order; lookup drops subtags; ``q=0`` and malformed ranges count not."""
    assert locales.negotiate_locale(header) == expected
