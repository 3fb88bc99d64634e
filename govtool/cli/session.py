"""What a command needs from its surroundings: where it runs, the register, today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govtool.register.as_of import register_as_of
from govtool.register.find import find_register
from govtool.register.load import load_register
from govtool.register.model import Register

#: What a past --as-of means, in the words of every command's help and of the docs.
AS_OF_PAST = ("A past DATE shows the register as it stood that day: today's files with every trail entry "
              "and record dated after DATE left out.")


@dataclass
class Session:
    start: Path
    today: dt.date = field(default_factory=dt.date.today)

    def root_at(self, path: Path | None = None) -> Path:
        """The register at ``path`` (relative to -C) or found upwards from the start folder."""
        return find_register(self.start / path if path is not None else self.start)

    @cached_property
    def root(self) -> Path:
        return self.root_at()

    def load(self, root: Path | None = None) -> Register:
        return load_register(root or self.root)

    def load_as_of(self, day: dt.date, root: Path | None = None) -> Register:
        """The register ``--as-of day`` shows: as it stood at the end of ``day`` when that is
        before today (later entries and records left out), else as the files hold it."""
        return register_as_of(self.load(root), day, self.today)
