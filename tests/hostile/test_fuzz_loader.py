"""Fuzz the loader inside the normal suite: load_yaml returns data or raises YamlProblem, and
parse_record returns a record or problems, for any bytes, quickly.

The generator builds YAML-ish bytes from the pieces that break parsers: indicators, anchors
and aliases, tags (``!!python/...`` included), flow and block nesting, quotes and escapes,
document markers, conflict markers, BOMs, invalid UTF-8 and control bytes. The longer-running
coverage-guided fuzzer is fuzz/fuzz_loader.py (atheris).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtool.register.load import parse_record
from govtool.register.yamlload import YamlProblem, load_yaml

PIECES = [
    b"id: ACT-FUZZ\n", b"title: ", b"due: 2026-02-30\n", b"status: open\n", b"updates:\n", b"  - ", b"- ", b"? ",
    b": ", b"::", b"{", b"}", b"[", b"]", b",", b"&a ", b"*a", b"&b [*a, *a, *a, *a]", b"*b", b"<<: *a\n",
    b"!!python/object/apply:os.system ['touch x']", b"!!python/name:os.system", b"!!binary aGk=", b"!!set {a}",
    b"!!omap [a: 1]", b"!local ", b"!<tag:yaml.org,2002:str> ", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"---\n",
    b"...\n", b"|\n  ", b">-\n  ", b"'it''s'", b'"\\e[31m\\x9b\\u202e\\0"', b'"\\ud800"', b"#", b" # c\n", b"\n",
    b"\t", b"\r\n", b"    ", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3\x28", b"\xe2\x82", b"\x1b[2J", b"\x85",
    b"<<<<<<< HEAD\n", b"=======\n", b">>>>>>> b\n", b"2026-13-01", b"31/12/2026", b"1e999", b".nan", b"0x1F",
    b"~", b"null", b"yes", b"<script>", b"=cmd|' /C calc'!A0", b"\xe6\x97\xa5", b"\xf0\x9f\x8f\xa5",
]
yamlish = st.lists(st.one_of(st.sampled_from(PIECES), st.binary(max_size=8)), max_size=60).map(b"".join)
nested = st.integers(1, 3000).flatmap(
    lambda depth: st.sampled_from([b"[" * depth, b"{a: " * depth, b"- " * depth, b"[" * depth + b"]" * depth])
)
KINDS = {"action": ("actions", "ACT-FUZZ"), "source": ("sources", "SRC-FUZZ"), "risk": ("risks", "RSK-FUZZ")}


@given(raw=st.one_of(yamlish, nested, st.tuples(yamlish, nested, yamlish).map(b"".join)),
       kind=st.sampled_from(sorted(KINDS)))
@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_the_loader_returns_data_or_a_yaml_problem_and_nothing_else(raw: bytes, kind: str) -> None:
    try:
        loaded = load_yaml(raw)
    except YamlProblem as problem:
        assert problem.message and problem.kind
        assert problem.line is None or problem.line >= 1
    else:
        assert loaded.data is None or isinstance(loaded.data, (dict, list, str, int, float, bool))
    folder, stem = KINDS[kind]
    record, problems = parse_record(raw, kind, Path(folder, f"{stem}.yaml"))
    assert record is not None or problems, "neither a record nor a problem"
