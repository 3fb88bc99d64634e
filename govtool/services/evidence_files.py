"""Evidence files copied into the register for a completion.

A file kept outside the register (say, in the user's Documents folder) that the user agreed to
copy in (:class:`govtool.register.evidence.OutsideRegister`) is copied into ``evidence/`` just
before the action is saved, under a name no file there has (the name is reserved first, so
nothing already there is ever replaced, not even by a second govtool at the same moment), and
taken away again when the step is refused or its commit fails: a refusal changes nothing.
The original is left where it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from govtool.register.evidence import EVIDENCE_FOLDER, EvidenceItem, copy_name
from govtool.register.safefile import real_path
from govtool.support.atomicfile import replace_atomically
from govtool.support.errors import GovtoolError

#: How often a name is chosen again when another process takes it first.
_TRIES = 20

#: Said once, before a file is copied (or first committed) as evidence: what Git keeps.
HISTORY_WARNING = ("Evidence files stay in the register's history for good, even if deleted later: "
                   "take out the names of people who use the service first, or give a web address "
                   "to where the record is kept instead.")


@contextlib.contextmanager
def copied_in(root: Path, evidence: Sequence[tuple[EvidenceItem, str]], day: dt.date,
              ) -> Iterator[list[tuple[EvidenceItem, str]]]:
    """``evidence`` with each file to copy in copied, named by where it now is (a name taken
    meanwhile gives way to the next free one, dated by ``day``'s month); the copies are
    removed again if the block fails."""
    made: list[Path] = []
    placed: list[tuple[EvidenceItem, str]] = []
    try:
        for item, description in evidence:
            if item.copy_from is None:
                placed.append((item, description))
                continue
            relative = _copy(root, item.copy_from, item.path, day)
            made.append(root / relative)
            placed.append((EvidenceItem(path=relative, url=None, copy_from=item.copy_from), description))
        yield placed
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def copy_notes(evidence: Sequence[tuple[EvidenceItem, str]]) -> list[str]:
    """What the output says of each copy made."""
    return [f"copied {item.copy_from.name} into {item.path} (the original is where it was)"
            for item, _ in evidence if item.copy_from is not None and item.path]


def _copy(root: Path, source: Path, planned: str | None, day: dt.date) -> str:
    """Copy ``source`` to ``planned`` (or, if that is taken by now, the next free name); the
    name relative to the register."""
    root = root.resolve()
    folder = root / EVIDENCE_FOLDER
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise GovtoolError(f"cannot copy {source.name} in: {EVIDENCE_FOLDER}/ is not a folder of the register")
    folder.mkdir(exist_ok=True)
    if real_path(folder) != folder:
        raise GovtoolError(f"cannot copy {source.name} in: {EVIDENCE_FOLDER}/ leads out of the register")
    relative = planned or copy_name(root, source, day)
    for _ in range(_TRIES):
        target = root / relative
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))  # the name is ours
        except FileExistsError:
            relative = copy_name(root, source, day)
            continue
        except OSError as error:
            raise GovtoolError(f"cannot copy {source.name} into {relative}: {error.strerror or error}") from None
        try:
            with source.open("rb") as original:
                replace_atomically(target, lambda handle: shutil.copyfileobj(original, handle))
        except OSError as error:
            target.unlink(missing_ok=True)
            raise GovtoolError(f"cannot copy {source} into {relative}: {error.strerror or error}") from None
        return relative
    raise GovtoolError(f"cannot copy {source.name} in: no free name in {EVIDENCE_FOLDER}/")

