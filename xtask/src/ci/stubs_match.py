# Compares a generated Python client's stubs (`_catalog/*.pyi`) with the classes it makes at
# run time (see `stubs_match` in python.rs): python stubs_match.py CLIENT_DIR PACKAGE.
import ast, dataclasses, importlib, pathlib, sys, types

root, package = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
codes = importlib.import_module(f"{package}.codes")
errors = importlib.import_module(f"{package}.errors")
details = importlib.import_module(f"{package}.details")
stubs = pathlib.Path(root, package, "_catalog")
wrong = []


def classes(name):
    tree = ast.parse((stubs / name).read_text(encoding="utf-8"))
    return [node for node in tree.body if isinstance(node, ast.ClassDef)]


def spelled(annotation):
    """The stub spelling of a runtime annotation: int, str | None, Sequence[str], ..."""
    if isinstance(annotation, types.UnionType):
        return " | ".join(spelled(arg) for arg in annotation.__args__)
    if isinstance(annotation, types.GenericAlias):
        return f"{annotation.__origin__.__name__}[{', '.join(spelled(a) for a in annotation.__args__)}]"
    return "None" if annotation is type(None) else annotation.__name__


(enum,) = classes("codes.pyi")
stub_members = [(node.targets[0].id, node.value.value) for node in enum.body if isinstance(node, ast.Assign)]
runtime_members = [(member.name, member.value) for member in codes.ErrorCode]
if stub_members != runtime_members:
    wrong.append(f"ErrorCode: the stub has {len(stub_members)} members, the runtime {len(runtime_members)}, or they differ")

stub_errors = classes("errors.pyi")
if sorted(node.name for node in stub_errors) != sorted(cls.__name__ for cls in errors.ERROR_CLASSES.values()):
    wrong.append("the stub's exception classes are not the codes' classes")
for node in stub_errors:
    cls = getattr(errors, node.name, None)
    base = getattr(errors, node.bases[0].id, None)
    if cls is None or cls.__bases__ != (base,) or cls.__module__ != errors.__name__ or cls.__qualname__ != node.name:
        wrong.append(f"{node.name}: not a class of {errors.__name__} deriving from {node.bases[0].id}")
        continue
    typed = any(isinstance(item, ast.FunctionDef) and item.name == "typed_details" for item in node.body)
    first_line = (ast.get_docstring(node) or "").splitlines()[:1]
    if typed != bool(cls._details_class) or first_line != (cls.__doc__ or "").splitlines()[:1]:
        wrong.append(f"{node.name}: typed_details or the docstring's first line differ")

stub_details = classes("details.pyi")
if sorted(node.name for node in stub_details) != sorted(cls.__name__ for cls in details.DETAILS_TYPES.values()):
    wrong.append("the stub's details classes are not the codes' details classes")
for node in stub_details:
    cls = getattr(details, node.name, None)
    if cls is None or cls.__bases__ != (details.ErrorDetails,) or not dataclasses.is_dataclass(cls):
        wrong.append(f"{node.name}: not a dataclass of {details.__name__}")
        continue
    params = cls.__dataclass_params__
    stub_fields = [
        (item.target.id, ast.unparse(item.annotation), item.value is not None)
        for item in node.body
        if isinstance(item, ast.AnnAssign)
    ]
    runtime_fields = [
        (field.name, spelled(field.type), field.default is not dataclasses.MISSING) for field in dataclasses.fields(cls)
    ]
    if stub_fields != runtime_fields or not (params.frozen and hasattr(cls, "__slots__")):
        wrong.append(f"{node.name}: fields {stub_fields} in the stub, {runtime_fields} at run time")

if wrong:
    sys.exit("the stubs and the classes made at run time differ:\n" + "\n".join(w[:300] for w in wrong[:50]))
print(f"stubs match: ErrorCode's {len(runtime_members)} members, {len(stub_errors)} exception classes, {len(stub_details)} details classes")
