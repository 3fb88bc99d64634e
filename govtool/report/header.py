"""The block every report starts with: provider, location, rating, as-of date, caveats."""

from __future__ import annotations

import datetime as dt

from govtool import __version__
from govtool.register.model import Register
from govtool.report.views import Header


def build_header(register: Register, as_of: dt.date, title: str, subtitle: str | None = None,
                 filters: list[str] | None = None) -> Header:
    return Header(
        title=title,
        provider=register.settings.provider,
        location=register.settings.location,
        rating=register.settings.rating,
        as_of=as_of,
        generator=f"govtool {__version__}",
        subtitle=subtitle,
        filters=filters or [],
        unreadable=unreadable_files(register),
    )


def unreadable_files(register: Register) -> list[str]:
    """Record files that could not be read at all, so the report says what it cannot show."""
    loaded = {r.path.as_posix() for r in (*register.actions.values(), *register.sources.values(),
                                         *register.risks.values())}
    return sorted({p.path.as_posix() for p in register.problems} - loaded)
