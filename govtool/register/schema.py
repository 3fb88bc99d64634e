"""Validate loaded records against the JSON Schemas, with a line and a fix for each error."""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from govtool.register.dates import parse_file_date, read_typed_date
from govtool.register.fastschema import Check, compile_schema
from govtool.register.yamlload import LoadedYaml
from govtool.support.errors import GovtoolError

if TYPE_CHECKING:
    import jsonschema

KINDS = ("action", "source", "risk", "settings", "framework", "mapping")


@dataclass(frozen=True)
class SchemaError:
    line: int | None
    message: str


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of a record kind, read from the installed package."""
    # pkgutil.get_data reads it through the package's loader, as importlib.resources would,
    # without importing importlib.resources (and the zipfile module it brings).
    raw = pkgutil.get_data("govtool", f"schemas/{kind}.schema.json")
    assert raw is not None  # the schemas are package data, always installed with the package
    schema: dict[str, Any] = json.loads(raw.decode("utf-8"))
    return schema


def _is_real_date(value: object) -> bool:
    return not isinstance(value, str) or parse_file_date(value) is not None


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    import jsonschema  # only to explain a record the fast check refused: most runs never need it

    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(_is_real_date)
    schema = schema_for(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=formats)


@cache
def _fast_check(kind: str) -> Check | None:
    return compile_schema(schema_for(kind))


def validate(kind: str, loaded: LoadedYaml) -> list[SchemaError]:
    """Every schema error in a loaded record, in file order."""
    fast = _fast_check(kind)
    if fast is not None and fast(loaded.data):
        return []  # valid: jsonschema is only needed to explain what is wrong
    errors: list[SchemaError] = []
    misplaced = _misplaced_entries(kind, loaded.data)
    for (name, index), other in misplaced.items():
        entry = loaded.data[name][index]
        errors.append(SchemaError(loaded.line_of((name, index)), (
            f"{name}[{index}] has the fields of {_article_for(other)} '{other}' entry ({', '.join(entry)}), not "
            f"those of a '{name}' entry: move the whole entry, from its '- ' line, under '{other}:' (resolving a "
            "merge conflict, each side's entries go back under their own list)")))
    for error in _validator(kind).iter_errors(loaded.data):
        if tuple(error.absolute_path)[:2] in misplaced:
            continue  # said once above, for the whole entry
        errors.extend(_explain(error, loaded))
    errors.sort(key=lambda e: (e.line or 0, e.message))
    return errors


def _entry_lists(kind: str) -> dict[str, frozenset[str]]:
    """The record's lists of entries (``updates``, ``redates``, ``reviews`` …) and the fields an
    entry of each may have."""
    found: dict[str, frozenset[str]] = {}
    for name, spec in schema_for(kind).get("properties", {}).items():
        items = spec.get("items") if isinstance(spec, dict) and spec.get("type") == "array" else None
        if isinstance(items, dict) and items.get("additionalProperties") is False and "properties" in items:
            found[name] = frozenset(items["properties"])
        # (a list whose entries may hold anything tells no entry apart)
    return found


def _misplaced_entries(kind: str, data: object) -> dict[tuple[str, int], str]:
    """(list, index) -> the other list an entry belongs under: an entry with a field its own
    list's entries cannot have, every one of whose fields an entry of the other list can (the
    list asking for the fewest fields it lacks, when several would take it)."""
    lists = _entry_lists(kind) if isinstance(data, dict) else {}
    found: dict[tuple[str, int], str] = {}
    for name, allowed in lists.items():
        entries = data.get(name) if isinstance(data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            if not isinstance(entry, dict) or not entry or set(entry) <= allowed:
                continue
            fits = [other for other, fields in lists.items() if other != name and set(entry) <= fields]
            if fits:
                found[(name, index)] = min(fits, key=lambda other: len(lists[other] - set(entry)))
    return found


def _article_for(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def refuse_invalid(kind: str, doc: LoadedYaml, display: str) -> None:
    """For a file read whole or not at all (settings, a framework, a mapping): one GovtoolError
    naming the file and the line of its first duplicate key or schema error, if it has any."""
    for key_path, line, first in doc.duplicates:
        raise GovtoolError(f"'{key_path[-1]}' appears twice (first on line {first}): keep one", display, line)
    errors = validate(kind, doc)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise GovtoolError(errors[0].message + more, display, errors[0].line)


def _explain(error: jsonschema.ValidationError, loaded: LoadedYaml) -> list[SchemaError]:
    path = tuple(error.absolute_path)
    line = loaded.line_of(path)
    where = _dotted(path)
    # jsonschema types these as "anything a schema may hold"; ours are always mappings and plain values.
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    wanted: Any = error.validator_value
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        return [
            SchemaError(loaded.line_of(path + (key,)), _unknown_field(where, key, allowed))
            for key in error.instance
            if key not in allowed
        ]
    if error.validator == "oneOf" and where.endswith("]") and "evidence" in where:
        return [SchemaError(line, f"{where}: give exactly one of 'path' or 'url'")]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        field = f"{where}.{missing}" if where else missing
        return [SchemaError(line, f"missing required field '{field}'{_why_required(error, missing)}")]
    if error.validator == "enum":
        options = ", ".join(str(v) for v in wanted)
        return [SchemaError(line, f"{where}: {error.instance!r} is not one of: {options}")]
    if error.validator == "format" and wanted == "date":
        if isinstance(error.instance, str) and not _matches(schema.get("pattern"), error.instance):
            return []  # not written YYYY-MM-DD at all: the pattern's error says so, once
        return [SchemaError(line, f"{where}: {error.instance!r} is not a real date")]
    if error.validator == "pattern" and "format" in schema:
        return [SchemaError(line, f"{where}: {error.instance!r} is not a date: write YYYY-MM-DD{_meant(error.instance)}")]
    if error.validator == "pattern" and where in {"id", "source", "risk", "parent"}:
        prefix = str(wanted).split("-")[0].lstrip("^")
        return [SchemaError(line, f"{where}: {error.instance!r} is not an ID: {prefix}- then letters, digits or hyphens")]
    if error.validator == "type":
        quote = ""
        if wanted == "string" and isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool):
            # 'reference: 1.2' or 'reference: 1.10' (read as 1.1): text in quotes is kept as typed
            quote = f": put it in quotes, exactly as typed, so it is kept as text ({where}: '{error.instance}')"
        return [SchemaError(line, f"{where or 'the file'}: expected {_article(error.validator_value)}, "
                                  f"got {_describe(error.instance)}{quote}")]
    if error.validator == "minLength":
        return [SchemaError(line, f"{where}: must not be empty")]
    return [SchemaError(line, f"{where}: {error.message}" if where else error.message)]


def _matches(pattern: object, text: str) -> bool:
    import re  # only to explain a date written another way

    return not isinstance(pattern, str) or re.search(pattern, text) is not None


def _meant(value: object) -> str:
    """`` (2026-12-03)`` for a date written another way that reads as one (03/12/2026, day first)."""
    if not isinstance(value, str):
        return ""
    try:
        read = read_typed_date(value)
    except ValueError:
        return ""
    return f" ({read.date.isoformat()})" if read.note is None else ""


def _why_required(error: jsonschema.ValidationError, missing: str) -> str:
    """For the status-dependent requirements, say which state needs the field."""
    status = error.instance.get("status") if isinstance(error.instance, dict) else None
    if missing in {"completion", "closure", "cancellation"} and status:
        return f" (status is {status})"
    if missing == "source":
        return " (an action answers a source finding, or names a risk and control)"
    return ""


def _unknown_field(where: str, key: str, allowed: list[str]) -> str:
    name = f"{where}.{key}" if where else key
    import difflib  # only to explain a misspelt key

    guess = difflib.get_close_matches(key, allowed, n=1)
    hint = f": did you mean '{guess[0]}'?" if guess else f": allowed fields are {', '.join(allowed)}"
    return f"unknown field '{name}'{hint}"


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _article(type_name: object) -> str:
    names = {"object": "a mapping of fields", "array": "a list", "string": "text", "integer": "a whole number"}
    if isinstance(type_name, list):
        return " or ".join(names.get(str(t), str(t)) for t in type_name)
    return names.get(str(type_name), str(type_name))


def _describe(value: object) -> str:
    if value is None:
        return "nothing (empty value)"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    ) + (f" {value!r}" if isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(repr(value)) < 40 else "")
