"""The PyYAML + Jinja2 baseline of errcat's benchmarks (issue 11).

What a team would write instead of errcat: load the catalog with PyYAML (its C loader when
the libyaml binding is installed, as pip's wheels have it) and render simpler versions of
errcat's five main targets (a Markdown reference, an OpenAPI fragment, Python, TypeScript and
Go clients) with Jinja2 templates. It checks nothing and escapes only what the templates need.

Usage: python render.py CATALOG OUT_DIR

Prints one JSON object: the seconds spent loading and rendering (wall and CPU), the bytes
written and the peak resident memory of the process (ru_maxrss). `cargo xtask bench` runs it
next to `errcat generate` on the same catalog, in the same run. Not shipped.
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
import yaml

TEMPLATES = Path(__file__).resolve().parent / "templates"
TARGETS = {
    "docs/errors.md": "errors.md.j2",
    "openapi/errors.yaml": "errors.yaml.j2",
    "python/errors.py": "errors.py.j2",
    "typescript/errors.ts": "errors.ts.j2",
    "go/errors.go": "errors.go.j2",
}
TYPES = {
    "python": {"string": "str", "integer": "int", "number": "float", "boolean": "bool"},
    "typescript": {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"},
    "go": {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"},
    "openapi": {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"},
}


def camel(text: str) -> str:
    """`BILLING_INVOICE_NOT_FOUND` or `resource_id` as `BillingInvoiceNotFound` / `ResourceId`."""
    return "".join(part[:1].upper() + part[1:].lower() for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def type_of(field: dict[str, Any], language: str) -> str:
    """A details field's type in `language` (`T[]` as a list of T)."""
    kind = str(field.get("type", "string"))
    names = TYPES[language]
    if kind.endswith("[]"):
        item = names.get(kind[:-2], names["string"])
        return {"python": f"list[{item}]", "typescript": f"{item}[]", "go": f"[]{item}", "openapi": "array"}[language]
    return names.get(kind, names["string"])


def main() -> None:
    catalog_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    wall, cpu = time.perf_counter(), time.process_time()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with catalog_path.open("rb") as handle:
        catalog = yaml.load(handle, Loader=loader)
    loaded_wall, loaded_cpu = time.perf_counter() - wall, time.process_time() - cpu

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["camel"] = camel
    env.filters["type_of"] = type_of
    env.filters["json"] = json.dumps
    codes_by_category: dict[str, list[dict[str, Any]]] = {}
    for code in catalog.get("codes", []):
        codes_by_category.setdefault(code["category"], []).append(code)
    written = 0
    for path, template in TARGETS.items():
        text = env.get_template(template).render(catalog=catalog, codes_by_category=codes_by_category)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    report = {
        "load_seconds": loaded_wall,
        "load_cpu_seconds": loaded_cpu,
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "bytes_written": written,
        "libyaml": loader is not yaml.SafeLoader,
        # Linux reports ru_maxrss in KiB.
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "pid": os.getpid(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
