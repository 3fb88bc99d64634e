"""govtool digest --eml: one RFC 5322 multipart email per owner, nobody silently left out."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from .conftest import AS_OF


def read_eml(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def test_one_multipart_email_per_owner_to_their_directory_address(cli: Any, reminders: Any, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    result = cli("digest", "--as-of", AS_OF, "--eml", str(outbox), cwd=reminders.path)
    assert sorted(p.name for p in outbox.iterdir()) == ["jane.smith.eml", "sam.patel.eml"]
    jane = read_eml(outbox / "jane.smith.eml")
    assert jane["To"] == "Jane Smith <jane@example.org>"
    assert jane["From"].addresses[0].addr_spec == "author@example.org"  # Git's identity: no smtp.from set
    assert jane["Subject"].startswith("Your actions, Willowbrook House: 1 overdue")
    assert jane["Message-ID"] and jane["Date"] and jane["Auto-Submitted"] == "auto-generated"
    assert jane.get_content_type() == "multipart/alternative"
    text, html = (part.get_content() for part in jane.iter_parts())
    assert "ACT-OVER" in text and "ACT-QUIET" in text and "ACT-SOON" not in text  # Sam's action is Sam's
    assert html.startswith("<!DOCTYPE html>") and "ACT-OVER" in html
    assert (outbox / "jane.smith.eml").read_bytes().count(b"\r\n") > 10  # RFC 5322 line ends
    # Pat Lee has an overdue action and no address: said, and the exit status says it too
    assert result.exit_code == 1
    assert ("not emailed: Pat Lee (pat.lee): no email in the people directory: "
            "add it (govtool person edit pat.lee --email ADDRESS)") in result.output


def test_the_lead_gets_the_whole_register_and_smtp_from_names_the_sender(cli: Any, reminders: Any,
                                                                          tmp_path: Path) -> None:
    settings = reminders.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "smtp: {host: localhost, from: quality@willowbrook.example}\n")
    outbox = tmp_path / "outbox"
    cli("digest", "--as-of", AS_OF, "--eml", str(outbox), "--lead", "amy.jones", cwd=reminders.path)
    lead = read_eml(outbox / "whole-register.eml")
    assert lead["To"] == "Amy Jones <amy@example.org>"
    assert lead["From"].addresses[0].addr_spec == "quality@willowbrook.example"
    text = lead.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Whole register" in text and "Pat Lee" in text and "SRC-CQC1" in text


def test_a_lead_with_no_address_is_told_the_command_that_adds_one(cli: Any, reminders: Any, tmp_path: Path) -> None:
    result = cli("digest", "--as-of", AS_OF, "--eml", str(tmp_path / "outbox"), "--lead", "pat.lee", cwd=reminders.path)
    assert result.exit_code == 2
    assert ("--lead: Pat Lee (pat.lee) has no email in the people directory: "
            "add it (govtool person edit pat.lee --email ADDRESS)") in result.stderr


def test_a_name_or_address_from_the_register_cannot_add_a_header(cli: Any, reminders: Any, tmp_path: Path) -> None:
    settings = reminders.path / "govtool.yaml"
    settings.write_text(settings.read_text()
                        .replace("name: Jane Smith,", 'name: "Jane\\nBcc: victim@example.net",')
                        .replace("sam@example.org", '"sam@example.org\\r\\nBcc: victim@example.net"'))
    outbox = tmp_path / "outbox"
    result = cli("digest", "--as-of", AS_OF, "--eml", str(outbox), cwd=reminders.path)
    jane = read_eml(outbox / "jane.smith.eml")
    assert jane["Bcc"] is None and jane["To"].addresses[0].addr_spec == "jane@example.org"
    assert not (outbox / "sam.patel.eml").exists()
    assert "not emailed: Sam Patel (sam.patel):" in result.output and "is not" in result.output
    head = (outbox / "jane.smith.eml").read_bytes().split(b"\r\n\r\n")[0]
    assert not any(line.startswith(b"Bcc") for line in head.split(b"\r\n"))  # the name stays quoted in To


def test_an_owner_who_has_left_is_named_not_emailed(cli: Any, reminders: Any, tmp_path: Path) -> None:
    settings = reminders.path / "govtool.yaml"
    settings.write_text(settings.read_text().replace("email: sam@example.org}", "email: sam@example.org, left: 2026-11-30}"))
    text = cli("digest", "--as-of", AS_OF, cwd=reminders.path).output
    assert "Sam Patel (Deputy Manager) [left on 30 Nov 2026]: 0 overdue, 1 due soon" in text
    result = cli("digest", "--as-of", AS_OF, "--eml", str(tmp_path / "outbox"), cwd=reminders.path)
    assert "not emailed: Sam Patel (sam.patel): left on 2026-11-30: hand their actions to someone in post" in result.output
    assert not (tmp_path / "outbox" / "sam.patel.eml").exists() and result.exit_code == 1


def test_the_subject_counts_in_words_that_agree_with_the_number(cli: Any, reminders: Any, tmp_path: Path) -> None:
    """The trial's finding: '1 milestones' in an email subject."""
    quiet = reminders.path / "actions" / "ACT-QUIET.yaml"
    quiet.write_text(quiet.read_text().replace("milestone_due: 2026-12-12", "milestone_due: 2027-02-01"))
    outbox = tmp_path / "outbox"
    cli("digest", "--as-of", AS_OF, "--eml", str(outbox), cwd=reminders.path)
    jane = read_eml(outbox / "jane.smith.eml")
    assert jane["Subject"] == "Your actions, Willowbrook House: 1 overdue, 0 due by 16 Dec 2026, 1 milestone, 1 gone quiet"
    sam = read_eml(outbox / "sam.patel.eml")
    assert sam["Subject"] == "Your actions, Willowbrook House: 0 overdue, 1 due by 16 Dec 2026, 0 milestones, 0 gone quiet"
