"""The Bot API as data (api.json, shipped next to this file; MIT, see api.json.LICENSE), to hold the
stand-in to the real shapes: which methods exist and what they take, and what objects must contain."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).with_name("api.json")
ARRAY = "Array of "


@lru_cache(maxsize=1)
def load() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def _method(method: str) -> dict:
    methods = load()["methods"]
    if method in methods:
        return methods[method]
    for name, spec in methods.items():
        if name.lower() == method.lower():
            return spec
    raise KeyError(f"the Bot API has no method {method}")


def has_method(method: str) -> bool:
    try:
        _method(method)
    except KeyError:
        return False
    return True


def method_fields(method: str) -> list[dict]:
    """[{"name", "types", "required", "description"}, ...] for the method's parameters."""
    return list(_method(method).get("fields", []))


def method_returns(method: str) -> list[str]:
    return list(_method(method)["returns"])


def check_object(type_name: str, obj, path: str | None = None) -> list[str]:
    """Problems with `obj` as the type: required fields missing, fields of the wrong JSON type (nested
    objects checked too), fields the type does not have. An empty list means it conforms."""
    return _check([type_name], obj, path or type_name)


def _check(types: list[str], value, path: str) -> list[str]:
    best: list[str] | None = None
    for type_name in types:
        problems = _check_one(type_name, value, path)
        if not problems:
            return []
        if best is None or len(problems) < len(best):
            best = problems
    return best or []


def _check_one(type_name: str, value, path: str) -> list[str]:
    if type_name.startswith(ARRAY):
        if not isinstance(value, list):
            return [f"{path}: expected {type_name}, got {type(value).__name__}"]
        inner = type_name[len(ARRAY):]
        return [problem for index, item in enumerate(value) for problem in _check([inner], item, f"{path}[{index}]")]
    simple = {
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "Boolean": lambda v: isinstance(v, bool),
        "True": lambda v: v is True,
        "String": lambda v: isinstance(v, str),
        "InputFile": lambda v: True,
    }
    if type_name in simple:
        return [] if simple[type_name](value) else [f"{path}: expected {type_name}, got {value!r:.60}"]
    spec = load()["types"].get(type_name)
    if spec is None:
        return [f"{path}: the Bot API has no type {type_name}"]
    if spec.get("subtypes"):
        return _check(spec["subtypes"], value, path)
    if not isinstance(value, dict):
        return [f"{path}: expected a {type_name} object, got {type(value).__name__}"]
    fields = {field["name"]: field for field in spec.get("fields", [])}
    problems = [f"{path}: {type_name} has no field {name}" for name in value if name not in fields]
    for name, field in fields.items():
        if name not in value:
            if field["required"]:
                problems.append(f"{path}: required field {name} is missing")
            continue
        problems += _check(field["types"], value[name], f"{path}.{name}")
    return problems
