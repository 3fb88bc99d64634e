"""Acknowledge a mistake already in a commit, in govtool.yaml's ``lint.acknowledged``.

A hand edit, a re-date or a rewritten trail entry that is committed (and perhaps pushed) cannot
always be undone: the history rules then keep reporting it. The way out is an acknowledgement
with the reason (docs/history.md), which the action plan shows under "Acknowledged mistakes in
the trail". Written by this command, nobody has to hand-edit YAML they do not know: the entry
is added with comments and key order kept, checked against the settings schema, and committed
like any other change.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from govtool.lint.config import RuleNames
from govtool.lint.rule import all_rules
from govtool.register.find import SETTINGS_FILE
from govtool.register.ids import kind_of
from govtool.services.edits import SavedChange, edit_settings, subject_line
from govtool.support.errors import GovtoolError

#: How much of the commit's hash is stored: enough to be unique in any register's history.
SHORT_HASH = 12


def acknowledge(root: Path, commit: str, *, reason: str, rule: str | None = None, record: str | None = None,
                commit_change: bool = False) -> SavedChange:
    """Add the acknowledgement of ``commit`` (for ``rule`` and ``record`` only, when given)."""
    full = _commit_named(root, commit.strip())
    reason = " ".join(reason.split())
    if not reason:
        raise GovtoolError("--reason is empty: say why the change was made and what was done about it")
    if rule is not None:
        rule = _history_rule(rule.strip())
    if record is not None:
        record = record.strip().upper()
        if kind_of(record) is None:
            raise GovtoolError(f"--record {record!r} is not a record ID (IDs look like ACT-7Q2K9D, SRC-… or RSK-…)")
    short = full[:SHORT_HASH]

    def apply(data: CommentedMap) -> SavedChange:
        entries = _acknowledged(data)
        for entry in entries:
            written = str(entry.get("commit") or "").lower() if isinstance(entry, dict) else ""
            if written and full.startswith(written) and entry.get("rule") == rule and entry.get("record") == record:
                raise GovtoolError(f"commit {short} is already acknowledged in {SETTINGS_FILE}"
                                   + (f" for {rule}" if rule else "") + (f" on {record}" if record else ""))
        entry = CommentedMap([("commit", SingleQuotedScalarString(short))])
        if rule:
            entry["rule"] = rule
        if record:
            entry["record"] = record
        entry["reason"] = reason
        entries.append(entry)
        what = " ".join(part for part in (rule, record) if part)
        return SavedChange(short, Path(SETTINGS_FILE),
                           subject_line("lint", f"acknowledged {short[:7]}" + (f" ({what})" if what else ""), reason))

    return edit_settings(root, apply, commit_change)


def _commit_named(root: Path, typed: str) -> str:
    """The full hash of the commit ``typed`` names (a hash or a prefix of one, or a name Git
    knows), or a refusal: an acknowledgement of no commit would silence nothing."""
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    if not typed or typed.startswith("-"):
        raise GovtoolError("give the commit the mistake is in, as lint names it (e.g. govtool acknowledge 1a2b3c4 ...)")
    try:
        out = run_git(root, "rev-parse", "--verify", "--quiet", f"{typed}^{{commit}}")
    except GitNotFound:
        raise GovtoolError("acknowledging a commit needs Git, which is not installed here") from None
    except GitFailed:
        raise GovtoolError(f"no commit {typed!r} in this register's Git history: copy the commit lint names "
                           "(e.g. 'commit 1a2b3c4 changed the title ...')") from None
    return out.decode("ascii").strip().lower()


def _history_rule(typed: str) -> str:
    """The history rule named (or coded) ``typed``: only those read Git, so only their problems
    are acknowledged by commit."""
    rules = {spec.name: spec for spec in all_rules().values() if spec.needs_history}
    name = RuleNames(rules).lookup(typed)
    if name is None:
        raise GovtoolError(f"--rule {typed!r} is not a rule that reads the history; those are: {', '.join(sorted(rules))}")
    return name


def _acknowledged(data: CommentedMap) -> CommentedSeq:
    """``lint.acknowledged``, created (in block style) when missing."""
    lint = data.get("lint")
    if not isinstance(lint, CommentedMap):
        if lint is not None:
            raise GovtoolError(f"'lint' in {SETTINGS_FILE} is not a section of settings: correct it by hand first")
        data["lint"] = lint = CommentedMap()
    entries = lint.get("acknowledged")
    if not isinstance(entries, CommentedSeq):
        if entries is not None:
            raise GovtoolError(f"'lint.acknowledged' in {SETTINGS_FILE} is not a list: correct it by hand first")
        lint["acknowledged"] = entries = CommentedSeq()
    lint.fa.set_block_style()
    entries.fa.set_block_style()
    return entries
