"""The package's top level re-exports the public names of its modules."""

import importlib
from types import ModuleType

import pytest

from generated_client import PACKAGE, codes, details, errors, parse, retry

MODULES = [codes, details, errors, parse, retry]


def package() -> ModuleType:
    """Import the client's package itself; it must be a regular package."""
    module = importlib.import_module(PACKAGE)
    assert getattr(module, "__file__", None) is not None, "the client has no __init__.py"
    return module


def public_names(module: ModuleType) -> set[str]:
    """Return the names a module defines (not imports) without a leading underscore."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and getattr(value, "__module__", module.__name__) == module.__name__
        and not isinstance(value, ModuleType)
    }


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_reexports(module: ModuleType) -> None:
    """Every public class, function and constant is importable from the package."""
    top = package()
    missing = sorted(name for name in public_names(module) if getattr(top, name, None) is None)
    assert not missing
    for name in public_names(module):
        assert getattr(top, name) is getattr(module, name), name


def test_every_code_class_is_at_the_top() -> None:
    """``except api_errors.SomeCodeError`` works for every code."""
    top = package()
    for cls in [*errors.ERROR_CLASSES.values(), *errors.CATEGORY_CLASSES.values()]:
        assert getattr(top, cls.__name__) is cls
