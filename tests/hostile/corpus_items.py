"""The hostile corpus: the committed small files, the generated large ones, and the built ones.

Every item puts one hostile thing into an otherwise ordinary register:

- ``corpus/bad/<kind>-<name>.yaml``: a file govtool must refuse (lint reports it; an edit of
  it is refused and leaves it byte-identical). ``<kind>`` says where it goes: ``action`` to
  actions/ACT-HOSTILE.yaml, ``source``, ``risk`` likewise, ``settings`` to govtool.yaml.
- ``corpus/valid/<kind>-<name>.yaml``: a valid record whose text is hostile (markup, script,
  formulas, terminal escapes). Everything works on it, and nothing it says becomes live.
- generated items (huge fields and files, 100,000-level nesting) are written at test time,
  never committed; built items (symbolic links, FIFOs, folders) need the file system.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
DESTINATIONS = {
    "action": "actions/ACT-HOSTILE.yaml",
    "source": "sources/SRC-HOSTILE.yaml",
    "risk": "risks/RSK-HOSTILE.yaml",
    "settings": "govtool.yaml",
}

BASE_SETTINGS = """\
provider: Willowbrook Care Ltd
location: Willowbrook House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
  sam.patel: {name: Sam Patel, role: Deputy Manager}
"""
BASE_SOURCE = """\
id: SRC-BASE
type: inspection_report
title: CQC inspection report, January 2026
date: 2026-01-02
findings:
  - {id: F1, text: Medicines records were incomplete., regulation: "12", key_question: safe, level: must}
"""
BASE_ACTION = """\
# The base action: edits of other items target it
id: ACT-BASE
title: Audit 20 MAR charts each week until 4 weeks in a row are 100% complete
source: SRC-BASE
finding: F1
owner: sam.patel
priority: high
created: 2026-01-10
due: 2026-06-30
status: in_progress
measure:
  target: 100% of 20 sampled MAR charts complete, 4 weeks running
updates:
  - date: 2026-01-20
    by: sam.patel
    note: First weekly audit done, 16 of 20 complete.
    next_milestone: Second audit
    milestone_due: 2026-12-20
"""
BASE_RISK = """\
id: RSK-BASE
title: Residents receive the wrong medicine
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Weekly MAR audit, effectiveness: partial}
"""
#: A valid action kept outside the register, which symbolic links in the corpus point at.
OUTSIDE_ACTION = BASE_ACTION.replace("ACT-BASE", "ACT-HOSTILE").replace("sam.patel", "jane.smith")
SECRET = "root:x:0:0:SECRET-OUTSIDE-THE-REGISTER"


@dataclass
class Item:
    """One corpus item: a name, whether govtool must refuse it, and how to plant it."""

    name: str
    kind: str  # which record the hostile thing sits in: action, source, risk or settings
    bad: bool
    plant: Callable[[Path, Path], None]  # (register root, a folder outside it) -> None
    #: hostile content only on disk, not committed (symlinks out, FIFOs)
    commit: bool = True
    #: earlier versions of the target, committed one by one before the item is planted
    history: list[bytes] = field(default_factory=list)

    @property
    def target(self) -> Path:
        return Path(DESTINATIONS[self.kind])


def _copy_file(source: Path, destination: str) -> Callable[[Path, Path], None]:
    def plant(root: Path, outside: Path) -> None:
        (root / destination).write_bytes(source.read_bytes())

    return plant


def _write(destination: str, make: Callable[[], bytes]) -> Callable[[Path, Path], None]:
    def plant(root: Path, outside: Path) -> None:
        (root / destination).write_bytes(make())

    return plant


def committed_items() -> list[Item]:
    items = []
    for verdict in ("bad", "valid"):
        for path in sorted((CORPUS / verdict).iterdir()):
            kind = path.name.split("-", 1)[0]
            items.append(Item(path.stem, kind, verdict == "bad", _copy_file(path, DESTINATIONS[kind])))
    return items


ACTION_HEAD = """\
id: ACT-HOSTILE
title: Audit 20 MAR charts each week and reach 100% completeness
source: SRC-BASE
finding: F1
owner: jane.smith
priority: high
created: 2026-01-10
due: 2026-06-30
status: in_progress
measure:
  target: 100% of 20 sampled MAR charts complete
"""
TEN_MB = 10 * 1024 * 1024
DEEP = 100_000


def _huge_field() -> bytes:
    return (ACTION_HEAD + "description: " + "A" * TEN_MB + "\n").encode()


def _huge_note_under_limit() -> bytes:
    """A valid file just under the 1 MiB limit: one 900 KB note (reports must cope, and fast)."""
    note = ("Week audit <script>alert(1)</script> =cmd|' /C calc'!A0 " * 16_000)[:900_000]
    return (ACTION_HEAD + f"updates:\n  - date: 2026-02-01\n    by: jane.smith\n    note: \"{note}\"\n").encode()


def _many_updates_under_limit() -> bytes:
    """Many trail entries within the node budget: 1,500 updates (7,500 values)."""
    entries = "".join(
        f"  - {{date: 2026-02-01, by: jane.smith, note: 'Audit {i}: 20 of 20 complete'}}\n" for i in range(1_500)
    )
    return (ACTION_HEAD + "updates:\n" + entries).encode()


def _too_many_nodes() -> bytes:
    return (ACTION_HEAD + "description: [" + ", ".join(["x"] * 200_000) + "]\n").encode()


def _flow_nesting() -> bytes:
    return (ACTION_HEAD + "description: " + "[" * DEEP + "]" * DEEP + "\n").encode()


def _flow_mapping_nesting() -> bytes:
    return (ACTION_HEAD + "description: " + "{a: " * DEEP + "x" + "}" * DEEP + "\n").encode()


def _block_sequence_nesting() -> bytes:
    return (ACTION_HEAD + "description:\n" + "- " * DEEP + "x\n").encode()


def _block_mapping_nesting() -> bytes:
    """Indented block mappings, as deep as fits in a 1 MiB file (1,400 levels)."""
    lines = [" " * depth + "a:" for depth in range(1_400)]
    return (ACTION_HEAD + "description:\n" + "\n".join(" " + line for line in lines) + " x\n").encode()


def _deep_unclosed() -> bytes:
    return (ACTION_HEAD + "description: " + "[" * DEEP + "\n").encode()


def _huge_settings() -> bytes:
    return ("provider: " + "P" * TEN_MB + "\n").encode()


def _long_lines_many() -> bytes:
    """A 5 MB file of short lines: over the limit without a single long line."""
    return (ACTION_HEAD + "".join(f"# comment line {i}\n" for i in range(300_000))).encode()


def _symlink(destination: str, target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    def plant(root: Path, outside: Path) -> None:
        link = root / destination
        if link.exists() or link.is_symlink():
            link.unlink()
        os.symlink(target(root, outside), link)

    return plant


def _outside_file(root: Path, outside: Path) -> str:
    return str(outside / "ACT-HOSTILE.yaml")


def _outside_relative(root: Path, outside: Path) -> str:
    return os.path.relpath(outside / "ACT-HOSTILE.yaml", root / "actions")


def _outside_secret(root: Path, outside: Path) -> str:
    return str(outside / "secret.txt")


def _fifo(destination: str) -> Callable[[Path, Path], None]:
    def plant(root: Path, outside: Path) -> None:
        (root / destination).unlink(missing_ok=True)
        os.mkfifo(root / destination)

    return plant


def _folder(destination: str) -> Callable[[Path, Path], None]:
    def plant(root: Path, outside: Path) -> None:
        (root / destination).mkdir()
        (root / destination / "inside.yaml").write_text(ACTION_HEAD)

    return plant


def _actions_folder_outside(root: Path, outside: Path) -> None:
    """The whole actions/ folder is a link to a folder outside the register."""
    folder = outside / "actions"
    folder.mkdir()
    (folder / "ACT-HOSTILE.yaml").write_text(OUTSIDE_ACTION)
    (folder / "ACT-BASE.yaml").write_text((root / "actions" / "ACT-BASE.yaml").read_text())
    for child in (root / "actions").iterdir():
        child.unlink()
    (root / "actions").rmdir()
    os.symlink(folder, root / "actions")


def _evidence_links(root: Path, outside: Path) -> None:
    """A valid completed action whose evidence files are links out of the register."""
    (root / "evidence" / "folder-link").symlink_to(outside)
    (root / "evidence" / "loop.txt").symlink_to("loop.txt")
    (root / "actions" / "ACT-HOSTILE.yaml").write_text(ACTION_HEAD.replace("in_progress", "completed") + """\
completion:
  date: 2026-03-01
  by: jane.smith
  change: 20 of 20 sampled MAR charts complete in March
  evidence:
    - {path: evidence/leak.txt, description: link to a secret}
    - {path: evidence/folder-link/secret.txt, description: through a linked folder}
    - {path: evidence/folder-link, description: the linked folder}
    - {path: evidence/../../outside/secret.txt, description: dot-dot}
    - {path: evidence/loop.txt, description: a link to itself}
    - {path: "evidence/nul\\0byte.txt", description: a NUL byte}
""")


def _outside_action(root: Path, outside: Path) -> None:
    (root / DESTINATIONS["action"]).write_text(OUTSIDE_ACTION)


def generated_items() -> list[Item]:
    action = DESTINATIONS["action"]
    return [
        Item("gen-action-huge-field-10mb", "action", True, _write(action, _huge_field)),
        Item("gen-action-huge-file-many-lines", "action", True, _write(action, _long_lines_many)),
        Item("gen-action-too-many-values", "action", True, _write(action, _too_many_nodes)),
        Item("gen-action-flow-nesting-100k", "action", True, _write(action, _flow_nesting)),
        Item("gen-action-flow-map-nesting-100k", "action", True, _write(action, _flow_mapping_nesting)),
        Item("gen-action-block-nesting-100k", "action", True, _write(action, _block_sequence_nesting)),
        Item("gen-action-block-map-nesting", "action", True, _write(action, _block_mapping_nesting)),
        Item("gen-action-deep-unclosed-100k", "action", True, _write(action, _deep_unclosed)),
        Item("gen-settings-huge-10mb", "settings", True, _write("govtool.yaml", _huge_settings)),
        Item("gen-action-huge-note-valid", "action", False, _write(action, _huge_note_under_limit)),
        Item("gen-action-many-updates-valid", "action", False, _write(action, _many_updates_under_limit)),
        Item("link-action-to-etc-passwd", "action", True, _symlink(action, _outside_secret), commit=False),
        Item("link-action-outside-absolute", "action", True, _symlink(action, _outside_file), commit=False),
        Item("link-action-outside-relative", "action", True, _symlink(action, _outside_relative), commit=False),
        Item("link-action-loop", "action", True, _symlink(action, lambda r, o: "ACT-HOSTILE.yaml"), commit=False),
        Item("link-action-dangling", "action", True, _symlink(action, lambda r, o: "missing.yaml"), commit=False),
        Item("link-settings-outside", "settings", True,
             _symlink("govtool.yaml", lambda r, o: str(o / "govtool.yaml")), commit=False),
        Item("link-actions-folder-outside", "action", True, _actions_folder_outside, commit=False),
        Item("link-evidence-outside", "action", False, _evidence_links, commit=False),
        Item("fifo-action", "action", True, _fifo(action), commit=False),
        Item("fifo-settings", "settings", True, _fifo("govtool.yaml"), commit=False),
        Item("folder-named-like-action", "action", True, _folder(action), commit=False),
        # hostile versions only in Git history: the history reader parses every old blob
        Item("history-only-hostile-blobs", "action", False, _outside_action, history=[
            (CORPUS / "bad" / "action-alias-bomb.yaml").read_bytes(),
            (CORPUS / "bad" / "action-python-object-apply.yaml").read_bytes(),
            _flow_nesting(), _huge_field(), b"\xff\xfe" + ACTION_HEAD.encode("utf-16-le"),
            (CORPUS / "bad" / "action-merge-conflict.yaml").read_bytes(),
        ]),
    ]


def all_items() -> list[Item]:
    return committed_items() + generated_items()
