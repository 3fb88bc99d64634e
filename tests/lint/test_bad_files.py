"""Every kind of broken record file gets a problem on its path and line, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lint.casebuild import base_files, write_files

BROKEN = [
    # (what, file content, rule, line, text in the message)
    ("YAML syntax error", "id: ACT-BAD\ntitle: Audit\n  owner: jane.smith\n", "invalid-yaml", 3, "YAML syntax error"),
    ("not a mapping", "- id: ACT-BAD\n- title: Audit\n", "schema", 1, "not a mapping"),
    ("a plain string", "just some words\n", "schema", 1, "not a mapping"),
    ("wrong type", "id: ACT-BAD\ntitle: Audit\nsource: SRC-BASE\nfinding: F1\nowner: jane.smith\n"
     "created: 2026-03-10\ndue: 2026-12-31\nstatus: open\nupdates: {date: 2026-04-01}\n",
     "schema", 9, "updates: expected a list"),
    ("impossible date", "id: ACT-BAD\ntitle: Audit\nsource: SRC-BASE\nfinding: F1\nowner: jane.smith\n"
     "created: 2026-02-30\ndue: 2026-12-31\nstatus: open\n", "schema", 6, "not a real date"),
    ("UK date", "id: ACT-BAD\ntitle: Audit\nsource: SRC-BASE\nfinding: F1\nowner: jane.smith\n"
     "created: 2026-03-10\ndue: 31/12/2026\nstatus: open\n", "schema", 7, "YYYY-MM-DD"),
    ("non-UTF-8", "id: ACT-BAD\ntitle: Refund \u00a340\n".encode("cp1252"), "not-utf8", 2, "UTF-8"),
    ("conflict markers", "id: ACT-BAD\n<<<<<<< HEAD\ndue: 2026-12-31\n=======\ndue: 2027-01-31\n>>>>>>> b\n",
     "merge-conflict", 2, "merge-conflict marker"),
    ("duplicate keys", "id: ACT-BAD\ntitle: Audit\nsource: SRC-BASE\nfinding: F1\nowner: jane.smith\n"
     "created: 2026-03-10\ndue: 2026-12-31\nstatus: open\ndue: 2027-06-30\n", "duplicate-key", 9, "appears twice"),
    ("tab indentation", "id: ACT-BAD\nmeasure:\n\ttarget: x\n", "invalid-yaml", 3, "YAML syntax error"),
    ("unsafe tag", "id: ACT-BAD\ntitle: !!python/name:os.system ''\n", "unsafe-tag", 2, "not allowed"),
    ("binary", b"id: ACT-BAD\n\x00\x00", "not-text", None, "binary"),
]


@pytest.mark.parametrize(("what", "content", "rule", "line", "text"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_reported_on_its_path_and_line(
    tmp_path: Path, cli, what: str, content: str | bytes, rule: str, line: int | None, text: str
) -> None:
    write_files(tmp_path, base_files())
    write_files(tmp_path, {"actions/ACT-BAD.yaml": content})

    result = cli("lint", "--format", "json", "--as-of", "2026-11-26", cwd=tmp_path)

    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)
    mine = [p for p in problems if p["path"] == "actions/ACT-BAD.yaml" and p["rule"] == rule]
    assert mine, problems
    first = mine[0]
    assert first["line"] == line, first
    assert first["record"] in (None, "ACT-BAD")
    assert text in first["message"]
    assert first["severity"] == "error"
    # The rest of the register still loaded and linted without an error.
    assert all(p["path"] == "actions/ACT-BAD.yaml" for p in problems if p["severity"] == "error")


def test_a_broken_settings_file_is_a_one_line_error_with_exit_2(tmp_path: Path, cli) -> None:
    write_files(tmp_path, base_files())
    write_files(tmp_path, {"govtool.yaml": "provider: Willowbrook\nlint:\n  select: overdue\n"})
    result = cli("lint", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "govtool: error: govtool.yaml:3: lint.select: expected a list, got text 'overdue'"
    ]
