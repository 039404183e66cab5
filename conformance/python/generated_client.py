"""The generated client under test.

The shipped client is ``scriptix_errors``; CI also runs the generic tests against the
client rendered from the hostile catalog, named by ``ERRCAT_PY_PACKAGE``. Type checking
always sees the shipped client, whose API every rendered client shares.
"""

import importlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

PACKAGE = os.environ.get("ERRCAT_PY_PACKAGE", "scriptix_errors")
"""The import name of the client under test."""
SHIPPED = PACKAGE == "scriptix_errors"
"""Whether the client under test is the one rendered from the shipped catalog."""
ROOT = Path(__file__).resolve().parents[2]
"""The repository root."""
VECTORS_PATH = Path(
    os.environ.get("ERRCAT_VECTORS", ROOT / "generated" / "conformance" / "vectors.json")
)
"""The conformance vectors of the catalog the client was rendered from."""

if TYPE_CHECKING:
    from scriptix_errors import codes, details, errors, locales, parse, retry
else:
    codes = importlib.import_module(f"{PACKAGE}.codes")
    details = importlib.import_module(f"{PACKAGE}.details")
    errors = importlib.import_module(f"{PACKAGE}.errors")
    locales = importlib.import_module(f"{PACKAGE}.locales")
    parse = importlib.import_module(f"{PACKAGE}.parse")
    retry = importlib.import_module(f"{PACKAGE}.retry")

__all__ = [
    "PACKAGE",
    "ROOT",
    "SHIPPED",
    "VECTORS",
    "codes",
    "details",
    "errors",
    "locales",
    "parse",
    "retry",
]


def _load_vectors() -> dict[str, Any]:
    document = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("format") != 1:
        message = f"{VECTORS_PATH}: not a format-1 vectors file"
        raise TypeError(message)
    return document


VECTORS = _load_vectors()
"""The parsed vectors file."""
