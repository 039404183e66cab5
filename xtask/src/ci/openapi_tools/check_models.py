"""Checks the models openapi-generator's `python` generator made of an errcat fragment.

Usage: check_models.py OPENAPI_JSON PACKAGE

Every code's schema (one with `x-status`): its model parses the schema's example and
writes the code back; each member with a scalar type has that type (not `Any`), and is
required exactly when the schema requires it. Every per-status union (`...Body`) reads
each of its codes' examples as that code's model. The base schema (`ApiError`, or
`Problem`) reads a body whose code the document does not know, keeping the code.
Prints one line per failure and exits 1 if there is any.
"""

import importlib
import json
import sys

SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
UNKNOWN_CODE = "ERRCAT_CODE_FROM_A_NEWER_SERVER"


def field_of(model, member):
    """The pydantic field of `model` that holds the JSON member `member`."""
    for name, field in model.model_fields.items():
        if (field.alias or name) == member:
            return field
    return None


def effective(schema, schemas):
    """The members and required members of `schema` with those of its `allOf` parts."""
    properties, required = {}, set()
    parts = [schemas[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p for p in schema.get("allOf", [])]
    for part in [*parts, schema]:
        for member, prop in part.get("properties", {}).items():
            properties.setdefault(member, {}).update(prop)
        required.update(part.get("required", []))
    return properties, required


def check_types(name, schema, model, failures, schemas):
    """Each scalar member of `schema` has its type in `model` and its required-ness."""
    properties, required = effective(schema, schemas)
    for member, prop in properties.items():
        field = field_of(model, member)
        if field is None:
            failures.append(f"{name}: no field for member {member!r}")
            continue
        shown = str(field.annotation)
        wanted = SCALARS.get(prop.get("type"))
        if wanted and (wanted not in shown or "Any" in shown):
            failures.append(f"{name}.{member}: typed {shown}, not {wanted}")
        if (member in required) != field.is_required():
            failures.append(
                f"{name}.{member}: required is {field.is_required()} in the model, "
                f"{member in required} in the schema"
            )


def code_member_of(base, base_name, failures):
    """The code member of the base schema: the one open to any string (`anyOf`)."""
    for member, prop in base["properties"].items():
        if "anyOf" in prop:
            return member
    failures.append(f"{base_name}: its code member is not open to codes added later (no anyOf)")
    return next(m for m, p in base["properties"].items() if p.get("$ref", "").endswith("/ErrorCode"))


def main():
    document_path, package = sys.argv[1], sys.argv[2]
    with open(document_path, encoding="utf-8") as f:
        document = json.load(f)
    schemas = document["components"]["schemas"]
    models = importlib.import_module(f"{package}.models")
    failures = []

    def model_of(name):
        model = getattr(models, name, None)
        if model is None:
            failures.append(f"{package}.models has no {name}")
        return model

    base_name = "Problem" if "Problem" in schemas else "ApiError"
    base = schemas[base_name]
    code_member = code_member_of(base, base_name, failures)
    codes = {name: s for name, s in schemas.items() if "x-status" in s}
    parsed = 0
    for name, schema in codes.items():
        model = model_of(name)
        if model is None:
            continue
        check_types(name, schema, model, failures, schemas)
        body = schema["examples"][0]
        try:
            back = model.from_json(json.dumps(body)).to_dict()
            if back.get(code_member) != body[code_member]:
                failures.append(f"{name}: read {body[code_member]!r} as {back.get(code_member)!r}")
            parsed += 1
        except Exception as e:  # noqa: BLE001 - every failure is reported
            failures.append(f"{name}: cannot read its example: {e}")

    for name, response in document["components"].get("responses", {}).items():
        for content in response.get("content", {}).values():
            if "$ref" not in content["schema"]:
                failures.append(f"response {name}: an inline schema, which generators name InlineObject")
    unions = 0
    for name, schema in schemas.items():
        if not (name.endswith("Body") and "oneOf" in schema):
            continue
        union = model_of(name)
        if union is None:
            continue
        unions += 1
        for branch in schema["oneOf"]:
            code_name = branch["$ref"].rsplit("/", 1)[1]
            body = codes[code_name]["examples"][0]
            try:
                instance = union.from_json(json.dumps(body)).actual_instance
                if type(instance).__name__ != code_name:
                    failures.append(f"{name}: read {code_name}'s example as {type(instance).__name__}")
            except Exception as e:  # noqa: BLE001
                failures.append(f"{name}: cannot read {code_name}'s example: {e}")

    base_model = model_of(base_name)
    if base_model is not None:
        check_types(base_name, base, base_model, failures, schemas)
        for body in (next(iter(codes.values()))["examples"][0],):
            unknown = dict(body, **{code_member: UNKNOWN_CODE})
            for sent in (body, unknown):
                try:
                    back = base_model.from_json(json.dumps(sent)).to_dict()
                    if back.get(code_member) != sent[code_member]:
                        failures.append(f"{base_name}: read {sent[code_member]!r} as {back.get(code_member)!r}")
                except Exception as e:  # noqa: BLE001
                    failures.append(f"{base_name}: cannot read a body with code {sent[code_member]!r}: {e}")

    for failure in failures:
        print(f"check_models: {failure}")
    print(
        f"check_models: {package}: {len(codes)} code models typed, {parsed} examples read, "
        f"{unions} status unions, a body with an unknown code read as {base_name}: "
        f"{len(failures)} failures"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
