"""Deliver reminder letters through the SMTP server in settings, once a day each.

Settings (govtool.yaml): ``smtp: {host, port, starttls, username, from}``; the password comes
from the environment variable ``GOVTOOL_SMTP_PASSWORD``, never from a file in the register.
STARTTLS verifies the server's certificate against the system's trusted ones
(``SSL_CERT_FILE`` names another bundle). A recipient the server refuses is reported and the
others are still sent. What was sent is written to a sent-log after each message (inside
``.git``, or the register's ``.govtool`` folder outside Git), so a second run on the same
day sends nothing twice unless asked to. A run holds the sent-log's lock from reading it to
its last message, so two runs started together (a scheduled one and a person's) send each
letter once: the second waits, then reads what the first sent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govtool.cache.store import read_checked, register_cache_path, write_checked
from govtool.register.edit import lock_file_held
from govtool.register.model import Settings
from govtool.support.errors import GovtoolError
from govtool.views.reminders.mail import Letter

PASSWORD_VARIABLE = "GOVTOOL_SMTP_PASSWORD"
SENT_LOG_FORMAT = "govtool-digest-sent"
SENT_LOG_VERSION = 1
#: Days of the sent-log kept: enough to answer "was it sent today", small forever.
KEEP_DAYS = 31
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    username: str | None


def smtp_settings(settings: Settings) -> SmtpSettings:
    """The ``smtp:`` section (the schema has checked its types); GovtoolError when absent."""
    smtp = settings.data.get("smtp")
    if not isinstance(smtp, dict) or not smtp.get("host"):
        raise GovtoolError("--send needs an SMTP server: add 'smtp: {host: ..., port: 587, starttls: true, "
                           "username: ...}' to govtool.yaml", "govtool.yaml")
    starttls = smtp.get("starttls", True) is not False
    port = smtp.get("port")
    username = smtp.get("username")
    return SmtpSettings(str(smtp["host"]), port if isinstance(port, int) else (587 if starttls else 25),
                        starttls, username if isinstance(username, str) else None)


class SentLog:
    """Which letters went out on which day: ``{day: {key: address}}``."""

    def __init__(self, path: Path):
        self.path = path
        value, _reason = read_checked(self.path, SENT_LOG_FORMAT, SENT_LOG_VERSION)
        days = value.get("days") if isinstance(value, dict) else None
        self.days: dict[str, dict[str, str]] = days if isinstance(days, dict) else {}

    def sent(self, day: dt.date, letter: Letter) -> bool:
        return self.days.get(day.isoformat(), {}).get(letter.key) == letter.address

    def record(self, day: dt.date, letter: Letter) -> None:
        self.days.setdefault(day.isoformat(), {})[letter.key] = letter.address
        oldest = (day - dt.timedelta(days=KEEP_DAYS)).isoformat()
        self.days = {d: sent for d, sent in self.days.items() if d >= oldest}
        if not write_checked(self.path, SENT_LOG_FORMAT, SENT_LOG_VERSION, {"days": self.days}):
            raise GovtoolError(f"cannot write the sent-log {self.path}: a rerun today could send "
                               f"{letter.address} a second reminder")


@contextlib.contextmanager
def sent_log_held(root: Path) -> Iterator[SentLog]:
    """The register's sent-log, read once its lock is held; the lock is held until the block
    ends, so a second run reads the log only after the first has sent everything it will."""
    path = _sent_log_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock_file_held(path.with_name(path.name + ".lock")):
        yield SentLog(path)


def _sent_log_path(root: Path) -> Path:
    inside_git = register_cache_path(root, "digest-sent", SENT_LOG_VERSION, ".json")
    return inside_git if inside_git is not None else root / ".govtool" / "digest-sent.json"


@dataclass
class Delivery:
    sent: list[Letter] = field(default_factory=list)
    #: already sent today (no --resend)
    skipped: list[Letter] = field(default_factory=list)
    #: (letter, the server's reason)
    refused: list[tuple[Letter, str]] = field(default_factory=list)


def deliver(letters: list[Letter], smtp: SmtpSettings, log: SentLog, today: dt.date, resend: bool = False,
            progress: Callable[[int, int], None] | None = None) -> Delivery:
    """Send each letter not yet sent today; a refusal is recorded and the rest still go."""
    outcome = Delivery()
    due: list[Letter] = []
    for letter in letters:
        (due if resend or not log.sent(today, letter) else outcome.skipped).append(letter)
    if not due:
        return outcome
    password = os.environ.get(PASSWORD_VARIABLE)
    if smtp.username and not password:
        raise GovtoolError(f"smtp.username is set but {PASSWORD_VARIABLE} is not: export the password "
                           "in that environment variable")
    with _connect(smtp, password) as server:
        for number, letter in enumerate(due, 1):
            try:
                server.send_message(letter.message)
            except smtplib.SMTPRecipientsRefused as refused:
                outcome.refused.append((letter, _reason(refused.recipients.get(letter.address))))
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                outcome.refused.append((letter, _reason((error.smtp_code, error.smtp_error))))
            except (smtplib.SMTPException, OSError) as error:  # the connection is gone: none of the rest can go
                outcome.refused += [(unsent, f"not sent: the connection failed ({error})") for unsent in due[number - 1:]]
                break
            else:
                outcome.sent.append(letter)
                log.record(today, letter)
            if progress is not None:
                progress(number, len(due))
    return outcome


def _reason(answer: Any) -> str:
    if isinstance(answer, tuple) and len(answer) == 2:
        code, text = answer
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}"
    return "refused"


class _connect:
    """An SMTP session, STARTTLS and login done; the server's refusals as GovtoolError."""

    def __init__(self, smtp: SmtpSettings, password: str | None):
        self.smtp = smtp
        self.password = password
        self.server: smtplib.SMTP | None = None

    def __enter__(self) -> smtplib.SMTP:
        where = f"{self.smtp.host}:{self.smtp.port}"
        try:
            server = self.server = smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=TIMEOUT_SECONDS)
            server.ehlo()
            if self.smtp.starttls:
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if self.smtp.username:
                server.login(self.smtp.username, self.password or "")
        except smtplib.SMTPNotSupportedError:
            self._close()
            raise GovtoolError(f"the SMTP server {where} does not offer STARTTLS: set smtp.starttls: false only "
                               "for a server on this machine") from None
        except smtplib.SMTPAuthenticationError as error:
            self._close()
            raise GovtoolError(f"the SMTP server {where} refused the login for {self.smtp.username}: "
                               f"{_reason((error.smtp_code, error.smtp_error))}") from None
        except ssl.SSLError as error:
            self._close()
            raise GovtoolError(f"STARTTLS with {where} failed: {error.reason or error}") from None
        except (smtplib.SMTPException, OSError) as error:
            self._close()
            raise GovtoolError(f"cannot talk to the SMTP server {where}: {error}") from None
        return server

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            except (smtplib.SMTPException, OSError):
                self._close()

    def _close(self) -> None:
        if self.server is not None:
            self.server.close()
