"""Checks the models openapi-generator's `python` generator made of an errcat fragment.

Usage: check_models.py OPENAPI_JSON PACKAGE

Every code's schema (one with `x-status`): its model parses the schema's example and
writes the code back; each member with a scalar type has that type (not `Any`), and is
required exactly when the schema requires it, in the body and in the objects it holds
(`error` in the `google` and `nested` profiles). Every per-status union (`...Body`) reads
each of its codes' examples as that code's model. The base schema (`ApiError`, or
`Problem`) reads a body whose code the document does not know, keeping the code, wherever
the profile puts it. Prints one line per failure and exits 1 if there is any.
"""

import importlib
import json
import sys
import typing

import pydantic

SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# How many scalar members had their type checked.
TYPED = []
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


def model_in(annotation):
    """The pydantic model an annotation holds (`X`, `Optional[X]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def check_types(name, schema, model, failures, schemas):
    """Each scalar member of `schema` has its type in `model` and its required-ness; an
    inline object member is checked the same way against its model."""
    properties, required = effective(schema, schemas)
    for member, prop in properties.items():
        field = field_of(model, member)
        if field is None:
            failures.append(f"{name}: no field for member {member!r}")
            continue
        shown = str(field.annotation)
        wanted = SCALARS.get(prop.get("type"))
        if wanted:
            TYPED.append(f"{name}.{member}")
        if wanted and (wanted not in shown or "Any" in shown):
            failures.append(f"{name}.{member}: typed {shown}, not {wanted}")
        if (member in required) != field.is_required():
            failures.append(
                f"{name}.{member}: required is {field.is_required()} in the model, "
                f"{member in required} in the schema"
            )
        if prop.get("type") == "object" and "properties" in prop:
            inner = model_in(field.annotation)
            if inner is None:
                failures.append(f"{name}.{member}: an object member typed {shown}, not a model")
            else:
                check_types(f"{name}.{member}", prop, inner, failures, schemas)


def code_member_of(schemas, failures):
    """The name of the code member: the member open to any string (`anyOf` with
    `ErrorCode`), or in a closed fragment the one that is `ErrorCode` itself."""
    for open_only in (True, False):
        for schema in schemas.values():
            for member, prop in schema.get("properties", {}).items():
                branches = prop.get("anyOf", []) if open_only else [prop]
                if any(b.get("$ref", "").endswith("/ErrorCode") for b in branches):
                    if not open_only:
                        failures.append(f"{member}: the code member is not open to codes added later (no anyOf)")
                    return member
    raise SystemExit("check_models: no schema has a code member")


def codes_in(value, member):
    """Every value of a `member` key anywhere in `value`."""
    if isinstance(value, dict):
        found = [value[member]] if member in value else []
        return found + [v for item in value.values() for v in codes_in(item, member)]
    if isinstance(value, list):
        return [v for item in value for v in codes_in(item, member)]
    return []


def with_code(value, member, old, new):
    """`value` with each `member` whose value is `old` set to `new`."""
    if isinstance(value, dict):
        return {k: new if k == member and v == old else with_code(v, member, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [with_code(item, member, old, new) for item in value]
    return value


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

    def reads(model, name, body, code):
        """`model` reads `body` and writes `code` back."""
        try:
            back = model.from_json(json.dumps(body)).to_dict()
        except Exception as e:  # noqa: BLE001 - every failure is reported
            failures.append(f"{name}: cannot read a body with code {code!r}: {e}")
            return False
        if code not in codes_in(back, code_member):
            failures.append(f"{name}: read {code!r} as {codes_in(back, code_member)!r}")
            return False
        return True

    base_name = "Problem" if "Problem" in schemas else "ApiError"
    code_member = code_member_of(schemas, failures)
    codes = {name: s for name, s in schemas.items() if "x-status" in s}
    parsed = 0
    for name, schema in codes.items():
        model = model_of(name)
        if model is None:
            continue
        check_types(name, schema, model, failures, schemas)
        parsed += reads(model, name, schema["examples"][0], schema["title"])

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
        check_types(base_name, schemas[base_name], base_model, failures, schemas)
        first = next(iter(codes.values()))
        body, code = first["examples"][0], first["title"]
        reads(base_model, base_name, body, code)
        reads(base_model, base_name, with_code(body, code_member, code, UNKNOWN_CODE), UNKNOWN_CODE)

    for failure in failures:
        print(f"check_models: {failure}")
    print(
        f"check_models: {package}: {len(codes)} code models, {len(TYPED)} scalar members typed, {parsed} examples read, "
        f"{unions} status unions, a body with an unknown code read as {base_name}: "
        f"{len(failures)} failures"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
