"""A compiled yes/no JSON Schema check, for the common case: a record that is valid.

jsonschema walks the schema afresh for every record, building a validator object per nested
value; on a register of thousands of records that is most of the time lint takes. Almost
every record is valid, and for a valid record the answer is all we need. So each schema is
compiled once into nested Python closures that only answer "valid?"; when the answer is
no, :mod:`govtool.register.schema` asks jsonschema for the errors, with their friendly
messages and lines, exactly as before.

Only the keywords our schemas use are compiled, with JSON Schema 2020-12's meaning (an
integer-valued float is an integer; ``true`` never equals ``1``). A schema with any other
keyword compiles to ``None`` and is always checked by jsonschema: never wrong, only slower.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from govtool.register.dates import parse_file_date

Check = Callable[[Any], bool]

#: Keywords that say nothing about validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples"})
_COMPILED = frozenset({
    "type", "enum", "const", "pattern", "format", "minLength", "minimum", "maximum", "properties",
    "additionalProperties", "required", "items", "propertyNames", "allOf", "oneOf", "not", "if", "then",
})


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: leave it to jsonschema."""


def compile_schema(schema: Any) -> Check | None:
    """A function answering "is this instance valid?", or None if the schema is not supported."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def _compile(schema: Any) -> Check:
    if schema is True:
        return _anything
    if schema is False:
        return lambda v: False
    if not isinstance(schema, dict):
        raise Unsupported(repr(schema))
    unknown = set(schema) - _COMPILED - _ANNOTATIONS
    if unknown or ("then" in schema and "if" not in schema):
        raise Unsupported(", ".join(sorted(unknown)))
    if schema.get("type") == "object":
        return _object(schema)
    if schema.get("type") == "string":
        return _string(schema)
    return _all_of([_keyword(schema, key) for key in schema if key in _COMPILED and key != "then"]) or _anything


def _anything(v: Any) -> bool:
    return True


def _all_of(found: list[Check | None]) -> Check | None:
    """One check that passes when every one of ``found`` does (None when there is nothing to check)."""
    checks = tuple(c for c in found if c is not None)
    if not checks:
        return None
    if len(checks) == 1:
        return checks[0]

    def check(v: Any) -> bool:
        for one in checks:  # a plain loop: no generator frame per value
            if not one(v):
                return False
        return True

    return check


def _string(schema: dict[str, Any]) -> Check:
    """``type: string`` with its text keywords, as one function (most values are these)."""
    shortest = schema.get("minLength", 0)
    regex = re.compile(schema["pattern"]) if "pattern" in schema else None
    is_date = schema.get("format") == "date"
    handled = ("type", "minLength", "pattern", "format", "then")
    rest = _all_of([_keyword(schema, k) for k in schema if k in _COMPILED and k not in handled])
    if regex is None and not is_date and rest is None:
        return lambda v: isinstance(v, str) and len(v) >= shortest

    def check(v: Any) -> bool:
        if not isinstance(v, str) or len(v) < shortest:
            return False
        if regex is not None and regex.search(v) is None:
            return False
        if is_date and parse_file_date(v) is None:
            return False
        return rest is None or rest(v)

    return check


def _object(schema: dict[str, Any]) -> Check:
    """``type: object`` with required, properties and additionalProperties, in one pass over the keys."""
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    additional = schema.get("additionalProperties", True)
    extra = None if additional is False else _compile(additional)
    handled = ("type", "properties", "required", "additionalProperties", "then")
    rest = _all_of([_keyword(schema, k) for k in schema if k in _COMPILED and k not in handled])

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return False
        for name in required:
            if name not in v:
                return False
        for name, item in v.items():
            sub = properties.get(name)
            if sub is None:
                if extra is None or not extra(item):
                    return False
            elif not sub(item):
                return False
        return rest is None or rest(v)

    return check


def _keyword(schema: dict[str, Any], key: str) -> Check | None:
    value = schema[key]
    if key == "type":
        names = value if isinstance(value, list) else [value]
        if any(name not in _TYPES for name in names):
            raise Unsupported(f"type {value}")
        tests = [_TYPES[name] for name in names]
        return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))
    if key == "enum":
        options = list(value)
        return lambda v: any(_equal(v, option) for option in options)
    if key == "const":
        return lambda v: _equal(v, value)
    if key == "pattern":
        regex = re.compile(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None
    if key == "format":
        if value != "date":
            return None  # jsonschema checks only the formats registered in schema.py: just "date"
        return lambda v: not isinstance(v, str) or parse_file_date(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if key == "minimum":
        return lambda v: not _is_number(v) or v >= value
    if key == "maximum":
        return lambda v: not _is_number(v) or v <= value
    if key == "required":
        names = list(value)
        return lambda v: not isinstance(v, dict) or all(name in v for name in names)
    if key == "properties":
        return _properties(value)
    if key == "additionalProperties":
        return _additional(schema.get("properties", {}), value)
    if key == "items":
        return _items(_compile(value))
    if key == "propertyNames":
        name_check = _compile(value)
        return lambda v: not isinstance(v, dict) or all(name_check(k) for k in v)
    if key == "allOf":
        return _all_of([_compile(s) for s in value]) or _anything
    if key == "oneOf":
        parts = [_compile(s) for s in value]
        return lambda v: sum(1 for p in parts if p(v)) == 1
    if key == "not":
        inner = _compile(value)
        return lambda v: not inner(v)
    if key == "if":
        condition = _compile(value)
        then = _compile(schema["then"]) if "then" in schema else (lambda v: True)
        return lambda v: not condition(v) or then(v)
    raise Unsupported(key)  # pragma: no cover - _COMPILED and the branches above agree


def _items(item: Check) -> Check:
    def check(v: Any) -> bool:
        if isinstance(v, list):
            for one in v:
                if not item(one):
                    return False
        return True

    return check


def _properties(properties: dict[str, Any]) -> Check:
    compiled = {name: _compile(sub) for name, sub in properties.items()}

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for name, item in v.items():
            sub = compiled.get(name)
            if sub is not None and not sub(item):
                return False
        return True

    return check


def _additional(properties: dict[str, Any], additional: Any) -> Check:
    known = frozenset(properties)
    if additional is False:
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    extra = _compile(additional)
    return lambda v: not isinstance(v, dict) or all(extra(item) for name, item in v.items() if name not in known)
