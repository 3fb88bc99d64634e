"""One reminder email per owner: an RFC 5322 message with a text and an HTML part.

Built with the standard library's ``email`` package (its default policy folds long headers
and encodes non-ASCII text), from the same templates as ``govtool digest``. Names and
addresses come from the register, which is untrusted: control characters and line breaks
never reach a header (a name cannot add a header of its own), and an address that does not
parse is reported, never sent to.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from govtool.register.model import Register
from govtool.register.people import git_identity, resolve_person
from govtool.report.render import format_date, plural, render
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable
from govtool.views.reminders.digest import Digest, OwnerDigest, for_owner, owner_totals


@dataclass
class Letter:
    """A message ready to write or send, and who it is for."""

    #: the people-directory ID, or "whole-register" for the quality lead's copy
    key: str
    name: str
    address: str
    message: EmailMessage

    @property
    def file_name(self) -> str:
        return f"{self.key}.eml"

    def as_file_text(self) -> str:
        """The message as an .eml file holds it: CRLF line ends, as RFC 5322 has them."""
        return self.message.as_string(policy=policy.SMTP)


@dataclass
class Undeliverable:
    """An owner with something to do whom no email can reach, and why."""

    owner: str
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name} ({self.owner}): {self.reason}"


def header_text(text: str) -> str:
    """Register text made safe for a header: no control characters, one line."""
    return " ".join(printable(text).split())


def mailbox(name: str, address: str) -> Address:
    """``Name <address>``; GovtoolError when the address does not parse as one mailbox."""
    address = address.strip()
    try:
        parsed = Address(display_name=header_text(name), addr_spec=address)
    except (HeaderParseError, ValueError, IndexError) as error:
        raise GovtoolError(f"{address!r} is not an email address ({error})") from None
    if not parsed.username or not parsed.domain or parsed.addr_spec != address:
        raise GovtoolError(f"{address!r} is not one plain email address (name@example.org)")
    return parsed


def sender_of(register: Register) -> Address:
    """Who the reminders come from: ``smtp.from``, else an ``smtp.username`` that is an
    address, else the email Git knows you by."""
    smtp = register.settings.data.get("smtp")
    smtp = smtp if isinstance(smtp, dict) else {}
    name = header_text(register.settings.location or register.settings.provider or "govtool")
    for key in ("from", "username"):
        value = smtp.get(key)
        if isinstance(value, str) and "@" in value:
            try:
                return mailbox(f"{name} reminders", value)
            except GovtoolError as error:
                raise GovtoolError(f"smtp.{key}: {error.message}", "govtool.yaml") from None
    _, email = git_identity(register.root)
    if email:
        return mailbox(f"{name} reminders", email)
    raise GovtoolError("no address to send reminders from: set smtp.from in govtool.yaml "
                       "(or your Git user.email)")


def letters(register: Register, digest: Digest, lead: str | None = None,
            templates: Path | None = None) -> tuple[list[Letter], list[Undeliverable]]:
    """One letter per owner listed in ``digest`` who has a usable address (and one for
    ``lead``, a person to send the whole digest to); the owners left out, with the reason."""
    sender = sender_of(register)
    made: list[Letter] = []
    missing: list[Undeliverable] = []
    for owner in digest.owners:
        try:
            made.append(_letter(register, for_owner(digest, owner), owner.owner, owner.name,
                                _address(owner), sender, _subject(register, digest, owner), templates))
        except GovtoolError as why:
            missing.append(Undeliverable(owner.owner, owner.name, why.message))
    if lead is not None:
        if not register.people:  # the address is the directory's: a plain name has none
            raise GovtoolError(f"--lead {lead!r}: govtool.yaml lists no people, so there is no email address to send "
                               "to: add them first (govtool person add ID --name NAME --role ROLE --email ADDRESS)")
        person = register.people[resolve_person(register.people, lead, "--lead", today=digest.as_of)]
        if not person.email:
            raise GovtoolError(f"--lead: {person.name} ({person.id}) has no email in the people directory: "
                               f"add it (govtool person edit {person.id} --email ADDRESS)")
        lead_owner = OwnerDigest(person.id, person.name, person.role, person.email, True)
        made.append(_letter(register, digest, "whole-register", person.name, _address(lead_owner), sender,
                            _subject(register, digest, None), templates))
    return made, missing


def _address(owner: OwnerDigest) -> Address:
    if owner.owner == "(no owner)":
        raise GovtoolError("these actions have no owner: give each one an owner")
    if owner.left is not None:
        raise GovtoolError(f"left on {owner.left.isoformat()}: hand their actions to someone in post")
    if not owner.in_directory:
        raise GovtoolError("not in the people directory of govtool.yaml: give the actions an owner listed there")
    if not owner.email:
        raise GovtoolError(f"no email in the people directory: add it (govtool person edit {owner.owner} --email ADDRESS)")
    return mailbox(owner.name, owner.email)


def _subject(register: Register, digest: Digest, owner: OwnerDigest | None) -> str:
    totals = digest.totals if owner is None else owner_totals(owner)
    where = register.settings.location or register.settings.provider or "the register"
    whose = "Whole register" if owner is None else "Your actions"
    return header_text(
        f"{whose}, {where}: {totals.overdue} overdue, {totals.due_soon} due by {format_date(digest.until)}, "
        f"{plural(totals.milestones, 'milestone')}, {totals.quiet} gone quiet"
        + (f", {plural(totals.reviews, 'risk review')}" if totals.reviews else "")
        + (f", {totals.awaiting_sign_off} awaiting sign-off" if totals.awaiting_sign_off else "")
    )


def _letter(register: Register, view: Digest, key: str, name: str, to: Address, sender: Address,
            subject: str, templates: Path | None) -> Letter:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.domain or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to a reminder
    message.set_content(render("digest", "text", view, templates))
    message.add_alternative(render("digest", "html", view, templates), subtype="html")
    return Letter(key, name, to.addr_spec, message)
