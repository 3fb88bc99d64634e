"""Load one record and what it links to: what a command about one record needs to read.

``load_register`` reads every file, which an edit of one action does not need: the action,
govtool.yaml and the records the action names (its source, risk and parent) are all it
checks and shows. Reading only those keeps an edit's cost the same at 300 actions as at
20,000. A command that needs the records pointing *at* one (a risk's actions, someone's
actions) asks for ``linking``: in a Git repository the files that name the record are found
through an index kept by each file's stat (:mod:`.backlinks`), so only those and the files
changed since the index was made are read; outside Git every file's bytes are read, and only
those that hold the record's ID are parsed and kept.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from govtool.register.find import RECORD_FOLDERS, Misnamed, locate
from govtool.register.load import add_record, load_register, load_settings, parse_record
from govtool.register.model import Action, LoadProblem, Record, Register
from govtool.register.safefile import is_inside, read_record_bytes
from govtool.register.yamlload import YamlProblem
from govtool.support.errors import GovtoolError

#: An action's fields that name another record, and the kind each names.
ACTION_LINKS = (("source", "source"), ("risk", "risk"), ("parent", "action"))


def load_around(root: Path, record_id: str, linking: bool = False, misnamed: Misnamed | None = None) -> Register:
    """A register holding the record called ``record_id`` and the records it links to, linked.

    ``linking=True``: also every record that names it (a source's or a risk's actions, an
    action's sub-actions), found as :func:`_load_linking` says. Raises GovtoolError for an unknown ID
    or bad settings, as :func:`locate` and :func:`load_settings` do; a record file with
    problems is in ``problems`` and not in the register, as with ``load_register``.
    ``misnamed`` (what :func:`locate` raised for ``record_id``): read the record from the file
    renamed by hand that it names, as a command that only shows the record may.
    """
    root = root.resolve()
    if misnamed is not None:
        kind, relative, record_id = misnamed.kind, misnamed.relative, misnamed.record_id
    else:
        kind, relative = locate(root, record_id)
        record_id = relative.stem
    if linking:
        register = _load_linking(root, record_id)
        if register.record(record_id) is None:  # the record itself need not mention the text
            _add(register, [(kind, relative)])
    else:
        register = Register(root=root, settings=load_settings(root))
        _add(register, [(kind, relative)])
    record = register.record(record_id)
    if isinstance(record, Action):
        _add(register, _linked_files(root, register, record))
    register.link()
    return register


def _load_linking(root: Path, record_id: str) -> Register:
    """The records that name ``record_id`` (and it): found through the backlinks index, which
    reads only the files changed since it was made; outside Git, by reading every file."""
    # Imported here: an edit of one record (no ``linking``) needs no index, nor the hashing and
    # JSON store it brings.
    from govtool.register.backlinks import files_around

    files = files_around(root, record_id)
    if files is None:
        return load_register(root, wanted=mentions(record_id))
    return _load_files(root, files)


def load_owned(root: Path, person_id: str, statuses: Collection[str]) -> Register:
    """A register holding (with the settings, linked) the records ``person_id`` owns whose status
    is one of ``statuses``: found as :func:`_load_linking` finds a record's, through the
    backlinks index. Outside Git every file's bytes are read and those holding the ID parsed,
    so the register may hold more of the records that name the person."""
    from govtool.register.backlinks import files_owned

    root = root.resolve()
    files = files_owned(root, person_id, statuses)
    if files is None:
        return load_register(root, wanted=mentions(person_id))  # linked by the load
    register = _load_files(root, files)
    register.link()
    return register


def _load_files(root: Path, files: list[tuple[str, Path]]) -> Register:
    """The settings and the records of ``files`` (in a full load's order, so a duplicate ID is
    refused as there), each parsed outright."""
    register = Register(root=root, settings=load_settings(root))
    seen: dict[str, tuple[str, Path]] = {}
    for kind, relative in files:
        try:
            raw = read_record_bytes(root / relative)
        except YamlProblem as problem:  # changed since the index was made: as a full load says
            register.problems.append(LoadProblem(problem.kind, relative, problem.line, None, problem.message))
            continue
        # Parsed outright, not looked up in the parse cache: decoding the cache shard that holds
        # a file (a 32nd of the register) costs more than parsing the file, so a lookup per file
        # made a review grow with the register.
        record, problems = parse_record(raw, kind, relative)
        register.problems.extend(problems)
        if record is not None:
            add_record(register, seen, kind, relative, record)
    return register


def mentions(text: str) -> Callable[[bytes], bool]:
    """Whether a file's bytes may name ``text``: they hold it, or a backslash (a double-quoted
    YAML string can spell a value with escapes; such a file is parsed to be sure)."""
    needle = text.encode("utf-8")
    return lambda raw: needle in raw or b"\\" in raw


def _linked_files(root: Path, register: Register, action: Action) -> list[tuple[str, Path]]:
    """The files of the records ``action`` names that are not loaded yet (a missing one is left
    out: the action shows it as not found, as lint reports it)."""
    found = []
    for field, kind in ACTION_LINKS:
        linked = action.get_text(field)
        if not linked or register.record(linked) is not None:
            continue
        relative = Path(RECORD_FOLDERS[kind], f"{linked}.yaml")
        if (root / relative).is_file() and is_inside(root / relative, root):
            found.append((kind, relative))
    return found


def _add(register: Register, files: Iterable[tuple[str, Path]]) -> None:
    for kind, relative in files:
        try:
            raw = read_record_bytes(register.root / relative)
        except YamlProblem as problem:
            register.problems.append(LoadProblem(problem.kind, relative, problem.line, None, problem.message))
            continue
        record, problems = parse_record(raw, kind, relative)
        register.problems.extend(problems)
        if record is not None:
            getattr(register, RECORD_FOLDERS[kind])[record.id] = record


def loaded_record(register: Register, record_id: str) -> Record:
    """The record called ``record_id``; a file that did not load says why, with its line."""
    try:
        _, relative = locate(register.root, record_id)
        record_id = relative.stem
    except Misnamed as misnamed:  # loaded from the renamed file (load_around's ``misnamed``)
        relative, record_id = misnamed.relative, misnamed.record_id
    record = register.record(record_id)
    if record is not None:
        return record
    problem = next((p for p in register.problems if p.path == relative), None)
    if problem is None:
        raise GovtoolError("cannot read this record: run 'govtool lint' to see why", relative)
    raise GovtoolError(f"cannot read this record: {problem.message}", relative, problem.line)
