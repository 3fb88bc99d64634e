"""Link rules: every ID an action names exists, and evidence files stay inside the register."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PureWindowsPath
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.evidence import not_evidence
from govtool.register.model import Action, Register
from govtool.register.safefile import PRESENT as WALKED_PRESENT
from govtool.register.safefile import REFUSED, is_inside, plain_walk, real_path
from govtool.register.unread import unreadable
from govtool.support.closest import Closest


class _Guesser:
    """The closest existing ID for a broken link: one index per set of IDs, for one run."""

    def __init__(self) -> None:
        self.indexes: dict[int, Closest] = {}

    def __call__(self, wanted: str, known: Mapping[str, Any]) -> str:
        index = self.indexes.get(id(known))
        if index is None:
            index = self.indexes[id(known)] = Closest(known, cutoff=0.7)
        guess = index.matches(wanted)
        return f": did you mean {guess[0]}?" if guess else ""


@rule("broken-link", "GT209")
def broken_link(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A source, finding, risk, control, parent or evidence file that does not exist.

    A broken link drops the action out of the plan section it belongs to, so the finding looks
    unanswered. The message suggests the closest existing ID.

    Anti-pattern:
    ```yaml
    source: SRC-0O07        # letter O instead of zero
    finding: F7             # the source has F1 to F4
    completion:
      evidence:
        - path: evidence/mar-audit-may.pdf   # file not in the register
    ```

    Best practice:
    ```yaml
    source: SRC-0007
    finding: F4
    completion:
      evidence:
        - path: evidence/2026-05-mar-audit.pdf
          description: May MAR audit, 98% complete
    ```
    """
    register = ctx.register
    places = evidence_places(ctx)
    guess = _Guesser()
    known = record_ids(ctx)
    unread = {kind: {u.id for u in unreadable(register, kind)} for kind in ("source", "risk", "action")}
    for action in register.actions.values():
        yield from _record_links(register, action, guess, known, unread)
        yield from _evidence_files(action, places)


def _finding_ids(source: Any) -> list[str]:
    return [f.id for f in source.findings]


def _control_ids(risk: Any) -> list[str]:
    return [c.id for c in risk.controls]


#: ``LintContext.once`` key of the IDs a broken link's suggestion is chosen from
RECORD_IDS = "record-ids"


def record_ids(ctx: LintContext) -> Mapping[str, Mapping[str, Any]]:
    """Every record ID by kind ("source", "risk", "action"), in the register's order: what a
    broken link's "did you mean" is chosen from. A lint that rebuilt only part of the register
    gives the whole register's IDs here (``LintContext.once``'s key :data:`RECORD_IDS`)."""
    register = ctx.register
    return ctx.once(RECORD_IDS, lambda: {"source": register.sources, "risk": register.risks,
                                         "action": register.actions})


def _record_links(register: Register, action: Action, guess: _Guesser,
                  known_ids: Mapping[str, Mapping[str, Any]], unread: Mapping[str, set[str]]) -> Iterator[Report]:
    """The links of ``action`` to records that do not exist; a record whose file is there but
    cannot be read (``unread``: IDs by kind) is not missing, its file's own error says why."""
    # (field, ID given, record found, records of that kind, part field, part ID, part found, its parts)
    pairs = (
        ("source", action.source_id, action.source, known_ids["source"],
         "finding", action.finding_id, action.finding, _finding_ids),
        ("risk", action.risk_id, action.risk, known_ids["risk"],
         "control", action.control_id, action.control, _control_ids),
    )
    for field, wanted, found, known, part, part_wanted, part_found, part_ids in pairs:
        if wanted and found is None:
            if wanted not in unread[field]:
                yield at(action, field, f"{field} {wanted} does not exist{guess(wanted, known)}")
        elif found is not None and part_wanted and part_found is None:
            yield at(action, part, f"{field} {wanted} has no {part} {part_wanted} "
                                   f"(it has {', '.join(part_ids(found)) or 'none'})")
    parent_id = action.parent_id
    if parent_id == action.id:
        yield at(action, "parent", "an action cannot be its own parent: name the parent action's ID")
    elif parent_id and action.parent is None and parent_id not in unread["action"]:
        yield at(action, "parent", f"parent action {parent_id} does not exist{guess(parent_id, known_ids['action'])}")


def _evidence_files(action: Action, places: Mapping[str, str]) -> Iterator[Report]:
    completion = action.completion
    if completion is None:
        return
    for index, evidence in enumerate(completion.evidence):
        if evidence.path and places[evidence.path] == MISSING:  # outside: evidence-outside-register says so
            yield at(action, ("completion", "evidence", index, "path"),
                     f"evidence file {evidence.path} does not exist in the register: add the file or fix the path")


OUTSIDE, MISSING, PRESENT, NOT_EVIDENCE = "outside", "missing", "present", "not evidence"


def evidence_places(ctx: LintContext) -> Mapping[str, str]:
    """Where each evidence path in the register leads: OUTSIDE it, to a MISSING file, or to a
    PRESENT one. Both evidence rules read this; each distinct path is looked at once per run."""
    return ctx.once("evidence-places", lambda: _places(ctx.register))


def _places(register: Register) -> dict[str, str]:
    return places_of(register.root, (evidence.path for action in register.actions.values()
                                     for evidence in (action.completion.evidence if action.completion else ())))


#: Folders holding at least this many of the register's evidence files are listed once rather
#: than asked about file by file (a listing costs about what two ``lstat`` calls cost).
LISTED_FROM = 8


def places_of(root: Path, paths: Iterable[str | None]) -> dict[str, str]:
    """Where each of ``paths`` leads (see :func:`evidence_places`), each looked at once.

    Evidence files gather in a few folders, so a plain path (relative, no ``.``/``..``, no
    backslash) is looked up in its folder's listing when that folder holds many of them: a
    name listed as a file (not a link) is present, and since nothing on its way is a link it
    is its own real path. Anything else (a name not listed as written, which a file system
    that ignores case may still find; a link; a folder) is looked at on its own, as before."""
    places: dict[str, str] = {}
    plain_folders: set[Path] = set()  # evidence files share folders: each is looked at once
    by_folder: dict[str, dict[str, str]] = {}
    for path in paths:
        if not path or path in places:
            continue
        folder, _, name = path.rpartition("/")
        if folder and _is_plain(path):
            by_folder.setdefault(folder, {})[name] = path
            places[path] = ""  # decided below, in the order first seen
        else:
            places[path] = _place_of(root, path, plain_folders)
    for folder, names in by_folder.items():
        files = _listed_files(root, folder, names, plain_folders) if len(names) >= LISTED_FROM else set()
        for name, path in names.items():
            if name in files:
                places[path] = NOT_EVIDENCE if not_evidence(path) else PRESENT
            else:
                places[path] = _place_of(root, path, plain_folders)
    return places


def _is_plain(path: str) -> bool:
    return ("\\" not in path and "\0" not in path and ":" not in path and not path.startswith(("/", "~"))
            and all(part not in ("", ".", "..") for part in path.split("/")))


def _listed_files(root: Path, folder: str, names: Mapping[str, str], plain_folders: set[Path]) -> set[str]:
    """Which of ``names`` the folder lists as plain files, when the folder is plainly inside
    the register (no link on the way); else none (each is then looked at on its own)."""
    where = root / folder
    if plain_walk(where, root, plain_folders) != WALKED_PRESENT or where not in plain_folders:
        return set()
    try:
        with os.scandir(where) as listing:
            return {entry.name for entry in listing
                    if entry.name in names and entry.is_file(follow_symlinks=False) and not entry.is_symlink()}
    except OSError:
        return set()


def _place_of(root: Path, path: str, plain_folders: set[Path]) -> str:
    target = root / path
    if escapes_register(path):
        return OUTSIDE
    walked = plain_walk(target, root, plain_folders)
    if walked is not None and walked != REFUSED:
        # No link on the way: the path is where it leads, so its own name says whether it is
        # the register's machinery, and the walk whether it exists. This is every evidence
        # file of an ordinary register, known without resolving a path.
        return NOT_EVIDENCE if not_evidence(path) else (PRESENT if walked == WALKED_PRESENT else MISSING)
    if not is_inside(target, root):  # a link out, a link loop, a name the system refuses
        return OUTSIDE
    if not_evidence(path) or (target.exists() and _leads_to_machinery(target, root)):
        return NOT_EVIDENCE
    return PRESENT if target.exists() else MISSING


def _leads_to_machinery(target: Path, root: Path) -> bool:
    """Whether an evidence path inside the register leads (through links) into .git or the settings."""
    real, base = real_path(target), real_path(root)
    return real is not None and base is not None and real != base and not_evidence(real.relative_to(base).as_posix()) is not None


def escapes_register(path: str) -> bool:
    """Absolute, drive-letter or `..` paths: they point outside the register, or nowhere portable."""
    if path.startswith(("/", "\\", "~")) or PureWindowsPath(path).drive:
        return True
    normal = posixpath.normpath(path.replace("\\", "/"))
    return normal == ".." or normal.startswith("../")


@rule("evidence-outside-register", "GT210")
def evidence_outside_register(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An evidence path that leaves the register (`../`, absolute, a link out) or leads into `.git/` or `govtool.yaml`.

    Evidence must travel with the register: a path into someone's home folder or a shared
    drive means nothing to the inspector who receives the plan, and govtool never reads files
    outside the register. Copy the file into `evidence/` (`govtool complete` offers to copy a
    file it is given from elsewhere, and `--copy-evidence` does it in a script), or give a
    `url` for documents kept in another system.

    Anti-pattern:
    ```yaml
    completion:
      evidence:
        - path: ../../shared/audits/may.pdf
        - path: C:/Users/jane/Documents/audit.xlsx
    ```

    Best practice:
    ```yaml
    completion:
      evidence:
        - path: evidence/2026-05-mar-audit.pdf
        - url: https://docs.example-care.co.uk/audits/2026-05
          description: May audit in the document system
    ```
    """
    places = evidence_places(ctx)
    for action in ctx.register.actions.values():
        completion = action.completion
        if completion is None:
            continue
        for index, evidence in enumerate(completion.evidence):
            if evidence.path and places[evidence.path] == OUTSIDE:
                yield at(action, ("completion", "evidence", index, "path"),
                         f"evidence path {evidence.path} is outside the register: copy the file into "
                         "evidence/ and give its path from the register folder, or give a url")
            elif evidence.path and places[evidence.path] == NOT_EVIDENCE:
                yield at(action, ("completion", "evidence", index, "path"),
                         f"evidence path {evidence.path} leads into Git's folder or the register's settings, "
                         "which are not evidence: give the file that shows the change (e.g. in evidence/)")


@rule("finding-required", "GT211")
def finding_required(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action on a source that has findings, without saying which finding it answers.

    The action plan is read finding by finding: an action with no `finding` appears under
    none of them, and the finding it answers looks unaddressed.

    Anti-pattern:
    ```yaml
    source: SRC-0007      # an inspection report with findings F1 to F4
    title: Weekly MAR audit of 10 charts
    ```

    Best practice:
    ```yaml
    source: SRC-0007
    finding: F2
    title: Weekly MAR audit of 10 charts
    ```
    """
    for action in ctx.register.actions.values():
        source = action.source
        if source is None or action.finding_id or action.status == "cancelled":
            continue
        findings = [f.id for f in source.findings]
        if findings:
            yield at(action, "source", f"source {source.id} has findings ({', '.join(findings)}): "
                                       "add finding: with the one this action answers")
