"""Who a filter means: ``--owner`` of ``list``, ``digest``, ``calendar`` and ``report action-plan``.

Read as ``--owner`` of ``new`` and ``edit`` is read (an ID, a name, a role one person holds, a
name with its role beside it), by :func:`govtool.services.people_lookup.resolve_filter_person`.
Kept apart from :mod:`govtool.cli.options`, which brings the write side with it: a command that
only reads should not load the YAML editor to start.
"""

from __future__ import annotations

from typing import overload

import click

from govtool.register.model import Register
from govtool.services.people_lookup import resolve_filter_person
from govtool.support.terminal import printable


@overload
def filter_person(register: Register, typed: str, option: str = ...) -> str: ...
@overload
def filter_person(register: Register, typed: None, option: str = ...) -> None: ...
@overload
def filter_person(register: Register, typed: str | None, option: str = ...) -> str | None: ...


def filter_person(register: Register, typed: str | None, option: str = "--owner") -> str | None:
    """The owner value a filter keeps (an ID, or a name as the records spell it without a
    directory), None when the filter is not given; when it was found by a role or a name with a
    role beside it, say whom it was read as (standard error), as ``new action --owner`` does."""
    if typed is None:
        return None
    found = resolve_filter_person(register, typed, option)
    if found.how is not None:  # 'Registered Manager' -> jane.smith
        click.echo(printable(f"{option}: {found.how}"), err=True)
    return found.stored
