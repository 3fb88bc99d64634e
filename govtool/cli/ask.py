"""Options that prompt when missing on a terminal, and fail in one line when not."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TypeVar

import click

from govtool.register.dates import parse_user_date
from govtool.support.errors import GovtoolError

T = TypeVar("T")


def interactive() -> bool:
    return sys.stdin.isatty()


#: Said after an empty answer to a question that needs one, so that nobody is left at a prompt
#: that repeats itself without knowing how to leave it.
HOW_TO_STOP = "Ctrl+C stops without saving anything"


def ask(value: T | None, option: str, prompt: str, convert: Callable[[str], T] | None = None, *,
        default: str | None = None, needed: str = "an answer is needed here", takes: str = "") -> T:
    """``value`` if given; else prompt on a terminal (re-asking on bad input); else fail.
    ``default``: the answer Enter gives, offered in the prompt; ``needed``: what an empty
    answer is told (what to type), followed by how to stop; ``takes``: what the option takes,
    said when it is missing in a script ("one of audit, complaint, ...")."""
    if value is not None:
        return value
    if not interactive():
        raise GovtoolError(f"missing {option}: give it on the command line" + (f" ({takes})" if takes else ""))
    while True:
        answer = click.prompt(prompt, default=default if default is not None else "",
                              show_default=default is not None).strip()
        if not answer:
            click.echo(f"  {needed} ({HOW_TO_STOP})", err=True)
            continue
        if convert is None:
            return answer  # type: ignore[return-value]
        try:
            return convert(answer)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)


def ask_date(value: str | None, option: str, prompt: str,
             check: Callable[[dt.date], dt.date] | None = None, *, default: dt.date | None = None) -> dt.date:
    """A date given or asked for; ``check`` refuses a real date that is wrong here (asked again at a prompt).
    ``default``: the date Enter gives, offered in the prompt (a mistyped answer is asked again)."""
    def convert(text: str) -> dt.date:
        day = parse_user_date(text, option)
        return check(day) if check is not None else day

    if value is not None:
        return convert(value)
    offered = default.strftime("%d/%m/%Y") if default is not None else None
    return ask(None, option, prompt + " (YYYY-MM-DD or DD/MM/YYYY)", convert, default=offered)
