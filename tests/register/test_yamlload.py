"""The record loader: line numbers, duplicate keys, and refusal of hostile YAML."""

from __future__ import annotations

import pytest

from govtool.register.yamlload import YamlProblem, load_yaml


def test_records_the_line_of_every_field_and_list_item() -> None:
    doc = load_yaml(b"id: ACT-1\ntitle: x\nupdates:\n  - date: 2026-01-02\n    note: a\n  - date: 2026-02-03\n")
    assert doc.line_of(("title",)) == 2
    assert doc.line_of(("updates", 1, "date")) == 6
    assert doc.line_of(("updates", 0, "missing")) == 4  # nearest parent
    assert doc.data["updates"][0]["date"] == "2026-01-02"  # dates stay as written


def test_duplicate_key_keeps_the_first_and_is_reported() -> None:
    doc = load_yaml(b"id: ACT-1\ndue: 2026-01-01\ndue: 2027-01-01\n")
    assert doc.data["due"] == "2026-01-01"
    assert doc.duplicates == [(("due",), 3, 2)]


@pytest.mark.parametrize(
    ("raw", "kind", "line"),
    [
        (b"a: !!python/object/apply:os.system [echo hacked]\n", "unsafe-tag", 1),
        (b"a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n", "merge-conflict", 2),
        (b"a: [1,\n", "invalid-yaml", 2),
        (b"title: caf\xe9\n", "not-utf8", 1),
        (b"\x00\x01binary", "not-text", None),
        (b"[" * 200_000 + b"]" * 200_000, "too-complex", 1),
        (b"- " * 100_000 + b"x", "too-complex", 1),
    ],
)
def test_hostile_input_becomes_one_problem(raw: bytes, kind: str, line: int | None) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(raw)
    assert caught.value.kind == kind
    assert caught.value.line == line


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(YamlProblem) as caught:
        load_yaml("\n".join(lines).encode())
    assert caught.value.kind == "too-complex"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('id: A\ntitle: "unclosed\nowner: x\ndue: 2026-01-01\nstatus: open\n', 2,
         'while scanning a quoted scalar that starts here: found unexpected end of stream (noticed at line 6)'),
        ("id: A\nfindings: [F1, F2\nowner: x\nstatus: open\n", 2, "while parsing a flow sequence that starts here"),
        ("id: A\n  title: x\n", 2, "mapping values are not allowed"),
    ],
)
def test_a_syntax_error_is_reported_where_it_starts_with_pyyaml_context(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text.encode())
    assert caught.value.line == line
    assert words in caught.value.message


def test_lint_and_edit_both_point_at_the_unclosed_quote(register, cli) -> None:
    register.write("actions/ACT-QUOTE.yaml", 'id: ACT-QUOTE\ntitle: "Audit MAR charts\nowner: jane.smith\n'
                                            "created: 2026-01-05\ndue: 2026-06-30\nstatus: open\n")
    linted = cli("lint", "--as-of", "2026-02-01", cwd=register.path)
    assert "actions/ACT-QUOTE.yaml:2: error invalid-yaml YAML syntax error: while scanning a quoted scalar" in linted.stdout
    edited = cli("update", "ACT-QUOTE", "--note", "Re-audit begun", "--by", "jane.smith", "--no-commit", cwd=register.path)
    assert edited.exit_code == 2 and "actions/ACT-QUOTE.yaml:2:" in edited.stderr, edited.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: A\nmeasure:\n\ttarget: 95% in date\n", 3),  # "found character that cannot start any token"
        ("id: A\nupdates:\n\t- date: 2026-12-03\n", 3),
        ("id: A\nupdates:\n  - date: 2026-12-03\n\t  by: jane\n", 4),  # noticed a line after the scalar began
        ("people:\n  jane:\n    name: Jane\n  \trole: RM\n", 4),
    ],
)
def test_a_tab_in_the_indentation_is_named_as_a_tab_on_its_line(text: str, line: int) -> None:
    """A tab typed in Notepad gave "found character that cannot start any token", which does not
    say what the character is or how to fix it."""
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text.encode())
    assert caught.value.line == line
    assert "a tab in the indentation: YAML indents with spaces only: replace the tab with spaces" in caught.value.message


def test_a_tab_inside_a_value_is_no_fault() -> None:
    assert load_yaml(b"id: A\nowner:\tjane\n").data == {"id": "A", "owner": "jane"}


def test_lint_and_a_command_both_name_the_tab_and_its_line(register, cli) -> None:
    register.write("actions/ACT-TAB.yaml", "id: ACT-TAB\ntitle: Audit 10 MAR charts weekly\nowner: jane.smith\n"
                                          "created: 2026-01-05\ndue: 2026-06-30\nstatus: open\nmeasure:\n"
                                          "\ttarget: 98% complete\n")
    linted = cli("lint", "--as-of", "2026-02-01", cwd=register.path)
    assert "actions/ACT-TAB.yaml:8: error invalid-yaml YAML syntax error: a tab in the indentation" in linted.stdout
    updated = cli("update", "ACT-TAB", "--note", "Audit begun", "--by", "jane.smith", "--no-commit", cwd=register.path)
    assert updated.exit_code == 2 and "actions/ACT-TAB.yaml:8:" in updated.stderr and "a tab" in updated.stderr


@pytest.mark.parametrize(("text", "line", "words"), [
    # a key indented under a line that has its value already: indentation, not quotes
    ("id: ACT-1\ntitle: Audit\n  owner: jane.smith\n", 3, "indented further than line 2 above it"),
    ("measure:\n  baseline: 3\ntarget: 5\n  method: audit\n", 4, "indented further than line 3 above it"),
    # a value holding ': ' on one line: quotes
    ("title: Replace the call bell: room 14\n", 1, "put the whole value in quotes"),
])
def test_mapping_values_not_allowed_is_explained_by_its_likely_cause(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as raised:
        load_yaml(text.encode())
    assert raised.value.line == line and words in str(raised.value)
    assert ("quotes" in str(raised.value)) == ("quotes" in words)
