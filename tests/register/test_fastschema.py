"""The compiled yes/no schema check agrees with jsonschema on every instance."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtool.register.fastschema import compile_schema
from govtool.register.schema import KINDS, _validator, schema_for

# Values shaped like record fields: the texts and numbers that matter to the schemas.
_SCALARS = st.one_of(
    st.sampled_from(["", "x", "ACT-1", "SRC-1", "RSK-1", "F1", "C1", "open", "closed", "completed", "cancelled",
                     "in_progress", "high", "safe", "must", "12", "2026-03-10", "2026-02-30", "31/03/2026",
                     "https://example.org/a", "jane.smith", "effective", "inadequate", "Good"]),
    st.integers(-2, 30), st.booleans(), st.none(), st.floats(0, 6, allow_nan=False), st.text(max_size=3),
)


def _keys(schema: Any) -> list[str]:
    """Every property name anywhere in the schema, so generated mappings hit real fields."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            found.update(node.get("required", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return sorted(found)


def _instances(kind: str) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(_keys(schema_for(kind)) + ["unknown"])
    return st.recursive(_SCALARS, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=8)), max_leaves=25)


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_compiles(kind: str) -> None:
    assert compile_schema(schema_for(kind)) is not None


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_compiled_check_agrees_with_jsonschema(kind: str, data: st.DataObject) -> None:
    instance = data.draw(_instances(kind))
    fast = compile_schema(schema_for(kind))
    assert fast is not None
    assert fast(instance) == _validator(kind).is_valid(instance)


def test_valid_records_pass_and_near_misses_fail() -> None:
    fast = compile_schema(schema_for("action"))
    assert fast is not None
    good = {"id": "ACT-1", "title": "t", "source": "SRC-1", "owner": "o", "created": "2026-03-10",
            "due": "2026-04-10", "status": "open"}
    assert fast(good)
    assert not fast({**good, "due": "2026-02-30"})
    assert not fast({**good, "status": "closed"})  # closure and completion required
    assert not fast({**good, "updates": [{"date": "2026-03-11", "by": "o"}]})  # note missing
    assert not fast({**good, "priority": True})
    assert not fast({k: v for k, v in good.items() if k != "source"})


def test_unknown_keywords_fall_back_to_jsonschema() -> None:
    assert compile_schema({"type": "string", "maxLength": 3}) is None
    assert compile_schema({"$ref": "#/x"}) is None
    assert compile_schema({"if": {"type": "string"}, "then": {}, "else": {}}) is None
