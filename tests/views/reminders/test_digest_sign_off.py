"""The digest's whole-register section lists completed actions awaiting sign-off.

A completed action waits for its sign-off (``govtool close``), the governance meeting's job,
not the owner's: the owner is not reminded of it, but the quality lead's part of the digest
(the whole register, also the ``--lead`` email) lists every one, the longest waiting first,
so that none sits forgotten.
"""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from .conftest import AS_OF, action

DONE = ("completion:\n  date: {date}\n  by: sam.patel\n"
        "  change: 20 of 20 MAR charts complete in the last two weekly audits (was 14 of 20)\n"
        "  evidence:\n    - url: https://docs.example.org/mar-audit\n")


def _completed(reminders: Any) -> None:
    reminders.write("actions/ACT-WAIT.yaml", action("ACT-WAIT", "sam.patel", "2026-12-20", status="completed",
                                                    extra=DONE.format(date="2026-11-12")))
    reminders.write("actions/ACT-WAIT2.yaml", action("ACT-WAIT2", "pat.lee", "2027-01-20", status="completed",
                                                     extra=DONE.format(date="2026-12-02")))
    reminders.write("actions/ACT-SIGNED.yaml", action("ACT-SIGNED", "sam.patel", "2026-12-20", status="closed",
                                                      extra=DONE.format(date="2026-11-12") + (
                                                          "closure: {date: 2026-11-20, by: jane.smith,"
                                                          " note: Audits checked at the governance meeting.}\n")))
    reminders.commit("Two completed, one signed off", date="2026-12-02")


def _json(cli: Any, reminders: Any, *args: str) -> dict[str, Any]:
    result = cli("digest", "--as-of", AS_OF, "--format", "json", *args, cwd=reminders.path)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_completed_actions_awaiting_sign_off_are_listed_for_the_whole_register(cli: Any, reminders: Any) -> None:
    _completed(reminders)
    data = _json(cli, reminders)
    assert data["awaiting_sign_off"] == [
        {"id": "ACT-WAIT", "title": "Weekly audit of 10 MAR charts for ACT-WAIT", "owner": "sam.patel",
         "owner_name": "Sam Patel", "completed": "2026-11-12", "why": "awaiting sign-off for 20 days"},
        {"id": "ACT-WAIT2", "title": "Weekly audit of 10 MAR charts for ACT-WAIT2", "owner": "pat.lee",
         "owner_name": "Pat Lee", "completed": "2026-12-02", "why": "awaiting sign-off since today"},
    ]  # the closed one is signed off: not listed
    assert data["totals"]["awaiting_sign_off"] == 2
    # the owners are not reminded: their part is done
    listed = {item["id"] for o in data["owners"] for key in ("overdue", "due_soon", "milestones", "quiet")
              for item in o[key]}
    assert not listed & {"ACT-WAIT", "ACT-WAIT2", "ACT-SIGNED"}
    one_owner = _json(cli, reminders, "--owner", "sam.patel")
    assert one_owner["awaiting_sign_off"] == [] and one_owner["totals"]["awaiting_sign_off"] == 0


def test_every_format_says_it_and_the_leads_email_counts_it(cli: Any, reminders: Any, tmp_path: Path) -> None:
    _completed(reminders)
    text = cli("digest", "--as-of", AS_OF, cwd=reminders.path).output
    assert "  Completed, awaiting sign-off: 2\n" in text
    assert ("  Awaiting sign-off\n    ACT-WAIT  Weekly audit of 10 MAR charts for ACT-WAIT\n"
            "        owner Sam Patel; completed 12 Nov 2026: awaiting sign-off for 20 days\n") in text
    markdown = cli("digest", "--as-of", AS_OF, "--format", "markdown", cwd=reminders.path).output
    assert "### Awaiting sign-off" in markdown and "| Completed, awaiting sign-off | 2 |" in markdown
    assert ("| ACT-WAIT | Weekly audit of 10 MAR charts for ACT-WAIT | owner Sam Patel; completed 12 Nov 2026: "
            "awaiting sign-off for 20 days |") in markdown
    html = cli("digest", "--as-of", AS_OF, "--format", "html", cwd=reminders.path).output
    assert "<caption>Awaiting sign-off</caption>" in html
    assert "<td>owner Sam Patel; completed 12 Nov 2026: awaiting sign-off for 20 days</td>" in html

    outbox = tmp_path / "outbox"
    cli("digest", "--as-of", AS_OF, "--eml", str(outbox), "--lead", "amy.jones", cwd=reminders.path)
    lead = BytesParser(policy=policy.default).parsebytes((outbox / "whole-register.eml").read_bytes())
    assert str(lead["Subject"]).endswith(", 2 awaiting sign-off")
    assert "ACT-WAIT2" in lead.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    sam = BytesParser(policy=policy.default).parsebytes((outbox / "sam.patel.eml").read_bytes())
    assert "awaiting sign-off" not in str(sam["Subject"]) and "ACT-WAIT" not in sam.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_title_is_escaped_in_markdown_and_html(cli: Any, reminders: Any) -> None:
    _completed(reminders)
    path = reminders.path / "actions" / "ACT-WAIT.yaml"
    path.write_text(path.read_text().replace("title: Weekly", 'title: "<script>x</script> *bold* | Weekly')
                    .replace("ACT-WAIT\nsource", 'ACT-WAIT"\nsource'))
    html = cli("digest", "--as-of", AS_OF, "--format", "html", cwd=reminders.path).output
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    markdown = cli("digest", "--as-of", AS_OF, "--format", "markdown", cwd=reminders.path).output
    assert "\\<script" in markdown and "\\*bold\\*" in markdown and "\\| Weekly" in markdown
