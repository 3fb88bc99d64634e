"""Shell completion of record IDs (``govtool update ACT-<TAB>``), from the register's file names.

Completion runs on every key press, so it lists file names instead of loading the register:
a record's file is named after its ID. Nothing is printed on failure (no register here).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from govtool.register.find import RECORD_FOLDERS, find_register
from govtool.support.errors import GovtoolError

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def record_ids(*kinds: str) -> Completer:
    """A completer of the IDs of records of ``kinds`` (action, source, risk; all if none)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        start = ctx.find_root().params.get("directory") or Path.cwd()
        try:
            root = find_register(start)
        except GovtoolError:
            return []
        ids: list[str] = []
        for kind in kinds or tuple(RECORD_FOLDERS):
            folder = root / RECORD_FOLDERS[kind]
            if folder.is_dir():
                ids += (p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
        typed = incomplete.upper()
        return [CompletionItem(i) for i in sorted(ids) if i.upper().startswith(typed)]

    return complete
