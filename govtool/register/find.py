"""Find the register the way git finds ``.git`` (from a folder upwards to govtool.yaml), and a
record's file in it by the record's ID."""

from __future__ import annotations

import os
import re
from pathlib import Path

from govtool.register.ids import PREFIXES, kind_of
from govtool.register.safefile import is_inside, read_record_head
from govtool.register.yamlload import YamlProblem
from govtool.support.errors import GovtoolError
from govtool.support.terminal import as_typed

SETTINGS_FILE = "govtool.yaml"
RECORD_FOLDERS = {"action": "actions", "source": "sources", "risk": "risks"}


def find_register(start: Path | str | None = None) -> Path:
    """Return the folder holding govtool.yaml at or above ``start`` (default: the cwd)."""
    here = Path(start) if start is not None else Path.cwd()
    if not here.exists():
        raise GovtoolError(f"no such folder: {here}")
    here = here.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        settings = folder / SETTINGS_FILE
        # Not is_file(): a govtool.yaml that is a pipe or a broken link is still this register's
        # settings, and loading them says what is wrong instead of searching further up.
        if settings.is_symlink() or (settings.exists() and not settings.is_dir()):
            return folder
    below = registers_below(here)
    if below:
        raise GovtoolError(f"no govtool register here or above {here}, but there are registers below it "
                           f"({_first_few(below)}): point at one with -C DIR (e.g. govtool -C {as_typed(_from_cwd(here / below[0]))} ...)")
    beside = [name for name in registers_below(here.parent, depth=1) if here.parent / name != here]
    if beside and here.parent != here:
        # A manager in Documents, her register in the folder beside it: she was offered 'govtool
        # init', which would have started a second register.
        raise GovtoolError(f"no govtool register here or above {here}, but there is one beside it ({_first_few(beside)}): point "
                           f"at it with -C DIR (e.g. govtool -C {as_typed(_from_cwd(here.parent / beside[0]))} ...), "
                           "or run 'govtool init' to make a new one here")
    raise GovtoolError(
        f"no govtool register here or above {here}: run 'govtool init' to make one, "
        "or point at one with -C DIR"
    )


def _first_few(names: list[str]) -> str:
    """Up to five folder names for a message, and "..." for more."""
    return ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")


def _from_cwd(folder: Path) -> str:
    """``folder`` as typed from where the command was run: what -C takes ("clients/birch" when
    -C clients was given; a consultant trial copied "govtool -C birch" and was told no such
    folder). Its full path when it is not below the working folder."""
    try:
        relative = Path(os.path.relpath(folder, Path.cwd()))
    except ValueError:  # another drive, on Windows
        return str(folder)
    return str(folder) if relative.parts[:1] == ("..",) else relative.as_posix()


#: How many folders :func:`registers_below` looks in before it gives up.
LOOK_BELOW_AT_MOST = 400


def registers_below(folder: Path, depth: int = 2) -> list[str]:
    """Registers in the folders up to ``depth`` levels below ``folder`` (a consultant's
    repository with a folder per client), as paths relative to it: what a command started at
    such a repository's top should name. Hidden folders (.git) are not looked in."""
    found: list[str] = []
    level = [folder]
    looked = 0
    for _ in range(depth):
        deeper = []
        for parent in level:
            try:
                children = sorted(child for child in parent.iterdir()
                                  if child.is_dir() and not child.is_symlink() and not child.name.startswith("."))
            except OSError:
                continue
            for child in children:
                looked += 1
                if looked > LOOK_BELOW_AT_MOST:  # a home folder, say: a hint is not worth a long wait
                    return found
                if (child / SETTINGS_FILE).is_file():
                    found.append(child.relative_to(folder).as_posix())
                else:
                    deeper.append(child)
        level = deeper
    return found


def locate(root: Path, record_id: str) -> tuple[str, Path]:
    """The kind and the file (relative to the register) of the record called ``record_id``."""
    typed = record_id.strip()
    kind = kind_of(typed.upper())
    if kind is None:
        meant = _prefixed(root, typed) or _by_reference(root, typed)
        raise GovtoolError(f"{record_id!r} is not a record ID: " + (
            f"did you mean {meant}?" if meant else "IDs look like ACT-7Q2K9D, SRC-… or RSK-…"))
    folder = root / RECORD_FOLDERS[kind]
    if os.path.isfile(folder / f"{typed}.yaml"):  # the usual case: no need to list the folder
        match: str | None = typed
        stems: list[str] = []
    else:
        stems = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        match = next((s for s in stems if s.casefold() == typed.casefold()), None)
    if match is None:
        misnamed = misnamed_file(root, kind, typed)
        if misnamed is not None:
            raise Misnamed(kind, *misnamed, tracked=_tracked(root, misnamed[1]))
        import difflib  # only for a did-you-mean: the usual run finds the file

        close = difflib.get_close_matches(typed.upper(), stems, n=3, cutoff=0.7)
        hint = f": did you mean {' or '.join(close)}?" if close else ": 'govtool list' shows the actions"
        gone = next((path for path in deleted_records(root)
                     if path.parent.name == folder.name and path.stem.casefold() == typed.casefold()), None)
        if gone is not None:
            raise GovtoolError(f"unknown {kind} {typed}: {deleted_notice(root, gone)}")
        raise GovtoolError(f"unknown {kind} {typed}: there is no {folder.name}/{typed}.yaml{hint}")
    relative = Path(folder.name, f"{match}.yaml")
    if not is_inside(root / relative, root.resolve()):
        raise GovtoolError("cannot edit: symbolic link that points outside the register or loops", relative)
    return kind, relative


class Misnamed(GovtoolError):
    """The record is there, in a file renamed by hand (its ``id:`` is the ID, its name is not).

    A command that changes the record refuses it with this one line: links, the pre-commit
    check and the record's Git history all find a record by its file name, so a change saved
    to the renamed file would be committed where none of them look. A command that only reads
    (``govtool show``) shows the record and prints the line as a notice."""

    def __init__(self, kind: str, record_id: str, relative: Path, tracked: bool):
        self.kind, self.record_id, self.relative = kind, record_id, relative
        proper = Path(relative.parent, f"{record_id}.yaml").as_posix()
        command = f"{'git mv' if tracked else 'mv'} {as_typed(relative.as_posix())} {as_typed(proper)}"
        super().__init__(f"{record_id} is in {relative.as_posix()}, a file renamed by hand: rename it back "
                         f"to {proper} ({command}) and run the command again")

    @property
    def notice(self) -> str:
        """The line as a read-only command says it: nothing was refused."""
        return self.message.replace(" and run the command again", "")


def misnamed_file(root: Path, kind: str, record_id: str) -> tuple[str, Path] | None:
    """(the ID as the file spells it, the file relative to the register) of the file in
    ``kind``'s folder whose ``id:`` is ``record_id`` (case aside) although its name is not;
    None when there is none. Only a file that holds the ID's text is parsed."""
    from govtool.register.safefile import read_record_bytes  # only when the ID's file is missing
    from govtool.register.yamlload import YamlProblem, load_yaml

    folder = root / RECORD_FOLDERS[kind]
    if not folder.is_dir():
        return None
    wanted = record_id.casefold()
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or path.name.startswith(".") or not is_inside(path, root.resolve()):
            continue
        try:
            raw = read_record_bytes(path)
        except (YamlProblem, OSError):
            continue
        if wanted.encode("utf-8") not in raw.lower():
            continue
        try:
            data = load_yaml(raw).data
        except YamlProblem:
            continue
        found = data.get("id") if isinstance(data, dict) else None
        if isinstance(found, str) and found.casefold() == wanted and path.stem != found:
            return found, Path(folder.name, path.name)
    return None


def deleted_records(root: Path) -> list[Path]:
    """The record files (relative to the register) that the last commit holds and the working
    tree does not: deleted by hand or with ``git rm``, the deletion not committed. Empty outside
    Git, before the first commit, or when Git cannot be run."""
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    specs = [f":(glob){folder}/*.yaml" for folder in RECORD_FOLDERS.values()]
    try:
        out = run_git(root, "diff", "HEAD", "--name-only", "--no-renames", "--diff-filter=D", "-z", "--relative",
                      "--", *specs)
    except (GitFailed, GitNotFound):
        return []
    return [Path(name) for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def deleted_notice(root: Path, relative: Path) -> str:
    """What to do about a record file deleted and not committed, in one line: rename back the
    file it was renamed to by hand, if one holds its ID; else restore it with Git and cancel
    the record, as lint's history-rewritten says (the pre-commit check refuses the deletion)."""
    kind = next((k for k, folder in RECORD_FOLDERS.items() if relative.parent.name == folder), "action")
    moved = misnamed_file(root, kind, relative.stem)
    if moved is not None:
        return Misnamed(kind, *moved, tracked=_tracked(root, moved[1])).notice
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    try:
        prefix = run_git(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()
    except (GitFailed, GitNotFound):
        prefix = ""
    path = f'":/{prefix}{relative.as_posix()}"' if prefix else relative.as_posix()
    return (f"{relative.as_posix()} was deleted and the deletion is not committed (the pre-commit check refuses it): "
            f"restore the file (git checkout HEAD -- {path}) and {instead_of_deleting(relative.stem)}: "
            "cancel, don't delete")


def instead_of_deleting(record_id: str) -> str:
    """What to do with a record that is no longer wanted, by the command that does it: said by
    lint's history-rewritten and by the commands' notice about a file deleted by hand."""
    if record_id.upper().startswith("RSK-"):
        return (f"record why it no longer applies in a review "
                f"(govtool review {record_id} --likelihood 1 --consequence 1 --note ...)")
    return f"cancel the record with the reason (govtool cancel {record_id} --reason ...)"


def _tracked(root: Path, relative: Path) -> bool:
    """Whether Git tracks the file (``git mv`` renames it back; an untracked one needs ``mv``)."""
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    try:
        return bool(run_git(root, "ls-files", "-z", "--", relative.as_posix()))
    except (GitFailed, GitNotFound):
        return False


_REFERENCE_RE = re.compile(r"^reference:[ \t]*['\"]?(.*?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def _by_reference(root: Path, typed: str) -> str | None:
    """The one action whose plan reference is ``typed`` ("3", "1.2": the number a manager knows
    it by in her spreadsheet), named with its ID, for a "did you mean"; None when no action's
    reference is, or more than one's is (each source's plan may number from 1)."""
    folder = root / RECORD_FOLDERS["action"]
    if not typed or len(typed) > 20 or not folder.is_dir():
        return None
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:  # the field sits near the top; a named pipe among the files is refused, not waited on
            head = read_record_head(path, 4096).decode("utf-8", "replace")
        except (YamlProblem, OSError):
            continue
        match = _REFERENCE_RE.search(head)
        if match and match.group(1).strip().casefold() == typed.casefold():
            found.append(path.stem)
    return f"{found[0]} (reference {typed} in the plan)" if len(found) == 1 else None


def _prefixed(root: Path, typed: str) -> str | None:
    """The one record whose ID is ``typed`` with its prefix put back (``8A4MT8``: ``ACT-8A4MT8``,
    case aside), for a "did you mean"; None when no record's is, or more than one kind's is."""
    found = []
    for kind, prefix in PREFIXES.items():
        wanted = f"{prefix}-{typed}".casefold()
        folder = root / RECORD_FOLDERS[kind]
        if kind_of(wanted.upper()) is None or not folder.is_dir():
            continue
        found += [path.stem for path in folder.glob("*.yaml") if path.stem.casefold() == wanted]
    return found[0] if len(found) == 1 else None
