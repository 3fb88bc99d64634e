"""The JSON Schemas are the field documentation: every property says what it is for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from govtool.register.schema import KINDS, schema_for

#: Keywords whose sub-schemas are conditions on fields, not fields.
CONDITIONS = {"if", "then", "else", "not", "allOf", "anyOf", "oneOf"}


def object_schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every sub-schema that declares fields, outside conditions."""
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for key, child in node.items():
            if key in CONDITIONS:
                continue
            if key == "properties":
                for sub in child.values():
                    yield from object_schemas(sub)
            elif isinstance(child, dict):
                yield from object_schemas(child)


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description(kind: str) -> None:
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    missing = [name for obj in object_schemas(schema) for name, field in obj["properties"].items()
               if not field.get("description")]
    assert missing == []


@pytest.mark.parametrize("kind", ["action", "source", "risk"])
def test_unknown_fields_are_errors_at_every_level(kind: str) -> None:
    objects = list(object_schemas(schema_for(kind)))
    assert len(objects) > 1
    assert all(obj.get("additionalProperties") is False for obj in objects)
