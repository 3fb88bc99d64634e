"""A record saved with Windows line endings keeps them when govtool edits it."""

from __future__ import annotations

import re

from tests.cli.conftest import MILESTONE


def _crlf_only(raw: bytes) -> bool:
    return b"\n" in raw and not re.search(rb"(?<!\r)\n", raw) and not re.search(rb"\r(?!\n)", raw)


def test_an_edited_crlf_record_stays_crlf_with_its_comments(plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    text = path.read_text(encoding="utf-8")
    text = "# Agreed at the March governance meeting\n" + text.replace("\ntitle:", "  # from the inspection\ntitle:", 1)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    plan.repo.commit("Saved on Windows", date="2026-03-11")
    for command in (("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--by", "jane.smith"),
                    ("redate", plan.action, "--to", "2031-01-31", "--reason", "supplier delay", "--by", "jane.smith")):
        result = plan.run(*command)
        assert result.exit_code == 0, result.output
        raw = path.read_bytes()
        assert _crlf_only(raw), raw
    assert b"# Agreed at the March governance meeting\r\n" in raw and b"# from the inspection\r\n" in raw
    assert b"Audit tool agreed" in raw and b"supplier delay" in raw


def test_an_edited_lf_record_stays_lf(plan) -> None:
    result = plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert b"\r" not in (plan.root / "actions" / f"{plan.action}.yaml").read_bytes()
