"""govtool digest --send against a real SMTP server on localhost: STARTTLS with a certificate
made for the test, a login, a refused recipient, and no second reminder on the same day."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT

from .conftest import AS_OF
from .smtp_server import PASSWORD, USERNAME, Mailbox, smtp_server


@pytest.fixture
def mailbox(reminders: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """The register's settings point at a server started for the test, which trusts nobody's
    certificate but its own (SSL_CERT_FILE)."""
    box = Mailbox()
    folder = tmp_path / "tls"
    folder.mkdir()
    with smtp_server(folder, box) as port:
        settings = reminders.path / "govtool.yaml"
        settings.write_text(settings.read_text() + (
            f"smtp: {{host: localhost, port: {port}, starttls: true, username: {USERNAME}}}\n"))
        monkeypatch.setenv("SSL_CERT_FILE", str(folder / "cert.pem"))
        monkeypatch.setenv("GOVTOOL_SMTP_PASSWORD", PASSWORD)
        yield box


def send(cli: Any, reminders: Any, *more: str) -> Any:
    return cli("digest", "--as-of", AS_OF, "--send", *more, cwd=reminders.path)


def test_reminders_go_over_starttls_after_a_login(cli: Any, reminders: Any, mailbox: Mailbox) -> None:
    result = send(cli, reminders)
    assert sorted(mailbox.recipients) == ["jane@example.org", "sam@example.org"]
    assert mailbox.tls_on_data == [True, True] and mailbox.logins == [USERNAME]
    jane = next(message for rcpt, message in mailbox.received if rcpt == ["jane@example.org"])
    assert jane.get_content_type() == "multipart/alternative" and jane["From"].endswith(f"<{USERNAME}>")
    assert "sent to Jane Smith <jane@example.org>" in result.output
    assert result.exit_code == 1  # Pat Lee has reminders and no address
    assert "not emailed: Pat Lee (pat.lee)" in result.output


def test_a_refused_recipient_is_reported_and_the_others_still_go(cli: Any, reminders: Any, mailbox: Mailbox) -> None:
    settings = reminders.path / "govtool.yaml"
    settings.write_text(settings.read_text().replace("pat.lee: {name: Pat Lee,", "pat.lee: {name: Pat Lee, email: pat@example.org,"))
    mailbox.refuse.add("jane@example.org")
    result = send(cli, reminders)
    assert sorted(mailbox.recipients) == ["pat@example.org", "sam@example.org"]
    assert "refused: Jane Smith <jane@example.org>: 550 5.1.1 No such mailbox here" in result.output
    assert result.exit_code == 1
    # The same day again: what went is not sent twice, and the refused one is tried again.
    mailbox.refuse.clear()
    again = send(cli, reminders)
    assert sorted(mailbox.recipients) == ["jane@example.org", "pat@example.org", "sam@example.org"]
    assert "already sent today to sam@example.org" in again.output and again.exit_code == 0


def test_a_rerun_on_the_same_day_sends_nothing_unless_resend(cli: Any, reminders: Any, mailbox: Mailbox) -> None:
    send(cli, reminders)
    assert len(mailbox.received) == 2
    rerun = send(cli, reminders)
    assert len(mailbox.received) == 2 and "already sent today to jane@example.org" in rerun.output
    send(cli, reminders, "--resend")
    assert len(mailbox.received) == 4
    sent_logs = list((reminders.path / ".git" / "govtool").glob("digest-sent-*.json"))
    assert len(sent_logs) == 1 and not (reminders.path / ".govtool").exists()  # kept out of the working tree


def test_a_wrong_password_or_an_untrusted_certificate_sends_nothing(cli: Any, reminders: Any, mailbox: Mailbox,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVTOOL_SMTP_PASSWORD", "wrong")
    wrong = send(cli, reminders)
    assert wrong.exit_code == 2 and "refused the login" in wrong.output and mailbox.received == []
    monkeypatch.setenv("GOVTOOL_SMTP_PASSWORD", PASSWORD)
    monkeypatch.delenv("SSL_CERT_FILE")
    untrusted = send(cli, reminders)
    assert untrusted.exit_code == 2 and "STARTTLS with localhost" in untrusted.output and mailbox.received == []
    monkeypatch.delenv("GOVTOOL_SMTP_PASSWORD")
    missing = send(cli, reminders)
    assert missing.exit_code == 2 and "GOVTOOL_SMTP_PASSWORD" in missing.output


def test_send_without_smtp_settings_says_what_to_add(cli: Any, reminders: Any) -> None:
    result = send(cli, reminders)
    assert result.exit_code == 2 and "add 'smtp: {host:" in result.output


def test_two_sends_started_together_send_each_reminder_once(reminders: Any, mailbox: Mailbox) -> None:
    """A scheduled send and a person's, at once: the second waits for the first's sent-log."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    command = [sys.executable, "-m", "govtool", "digest", "--as-of", AS_OF, "--send"]
    runs = [subprocess.Popen(command, cwd=reminders.path, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert sorted(mailbox.recipients) == ["jane@example.org", "sam@example.org"]
    assert sum("already sent today to jane@example.org" in output for output in outputs) == 1, outputs
