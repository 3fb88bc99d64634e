"""What a lint rule is, and how rule modules declare themselves.

A rule is a generator function in a module under ``govtool/lint/rules/``, decorated with
:func:`rule`. The decorator records the rule's kebab-case name, stable code, default severity
and options; its docstring is the user documentation (an *Anti-pattern* and a *Best practice*
section). The registry, ``govtool lint --explain``, ``govtool rules`` and the docs page all
come from these declarations, so a rule is written, documented and registered in one place.

A rule yields :class:`Report` objects; the engine stamps each with the rule's name and the
severity configured for it, and turns a crash inside a rule into an internal-error problem.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from govtool.history.errors import HistoryUnavailable
from govtool.register.model import Record, Register

SEVERITIES = ("error", "warning")
T = TypeVar("T")
#: What a history rule's problem is about (:attr:`Report.change`): the index against HEAD (what
#: a commit would write), the working tree, or a commit already made.
CHANGE_KINDS = ("staged", "working", "commit")


@dataclass(frozen=True)
class Report:
    """One problem as a rule sees it: where, which record, and what is wrong and how to fix it."""

    path: Path | str
    line: int | None
    record: str | None
    message: str
    #: a rule that grades its own problems says so here (response-due: a warning before the
    #: date, an error after it); a severity set in govtool.yaml overrides it
    severity: str | None = None
    #: a problem about a change between two versions (a history rule's) names which, one of
    #: :data:`CHANGE_KINDS`: the gates read it (``lint --staged`` stops a commit for a problem
    #: about the staged changes, wherever it points; ``lint --base`` fails on one about any
    #: change it judged); None: a problem with what the register holds now
    change: str | None = None


@dataclass(frozen=True)
class Problem:
    """A problem as the user sees it (the JSON output's fields, in SPEC.md), and the change it
    is about (:attr:`Report.change`, which the outputs do not show: the message names it)."""

    rule: str
    severity: str
    path: str
    line: int | None
    record: str | None
    message: str
    change: str | None = None


def at(record: Record, field_path: tuple[str | int, ...] | str, message: str) -> Report:
    """A report on ``record`` at the line of ``field_path`` (or its nearest parent)."""
    if isinstance(field_path, str):
        field_path = (field_path,)
    return Report(record.path, record.line(*field_path), record.id, message)


@dataclass
class LintContext:
    """What every rule receives."""

    register: Register
    today: dt.date
    #: pull-request mode: history rules look only at commits after this revision
    base: str | None = None
    #: builds the history object on first use; raises HistoryUnavailable
    history_loader: Callable[[], Any] | None = None
    #: per-rule options after settings were applied: rule name -> {option: value}
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: only part of the register is linted (the records linked to what changed): rules see
    #: those records; what is kept for the next run keeps the others' share too
    partial: bool = False
    #: what :meth:`once` has worked out in this run
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)
    #: what :meth:`at_end` was given
    _at_end: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out by the first rule that asks in this run and shared with
        the rules that ask after it (two rules reading the same files look at them once)."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]  # type: ignore[no-any-return]

    def at_end(self, finish: Callable[[], None]) -> None:
        """Call ``finish`` once every rule has run (e.g. to save what a cache learnt)."""
        self._at_end.append(finish)

    def finish(self) -> None:
        """The engine's last step: what rules asked to be done at the end."""
        for finish in self._at_end:
            finish()
        self._at_end.clear()

    @cached_property
    def history(self) -> Any:
        if self.history_loader is None:
            raise HistoryUnavailable("history is not available here")
        return self.history_loader()


CheckFunction = Callable[[LintContext, Mapping[str, Any]], Iterator[Report]]


@dataclass(frozen=True)
class RuleSpec:
    name: str
    code: str
    severity: str
    options: Mapping[str, Any]
    check: CheckFunction
    needs_history: bool
    summary: str
    doc: str
    module: str
    #: Whether its errors in the files a commit changes stop that commit (``lint --staged``).
    #: False for the rules that report the plan's progress: lateness and what is not yet
    #: answered, which time alone brings and no single commit causes or can be asked to mend.
    stops_commit: bool = True


def rule(
    name: str,
    code: str,
    severity: str = "error",
    options: Mapping[str, Any] | None = None,
    needs_history: bool = False,
    stops_commit: bool = True,
) -> Callable[[CheckFunction], CheckFunction]:
    """Declare a rule: ``@rule("overdue", "GT204", options={"grace_days": 0})``."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {name}: severity must be one of {SEVERITIES}")

    def register(check: CheckFunction) -> CheckFunction:
        doc = (check.__doc__ or "").strip()
        check.__govtool_rule__ = RuleSpec(  # type: ignore[attr-defined]
            name=name,
            code=code,
            severity=severity,
            options=dict(options or {}),
            check=check,
            needs_history=needs_history,
            summary=doc.splitlines()[0] if doc else "",
            doc=doc,
            module=check.__module__,
            stops_commit=stops_commit,
        )
        return check

    return register


def all_rules() -> dict[str, RuleSpec]:
    """Every rule declared in govtool/lint/rules/, by name, in code order."""
    return dict(_discover())


def rules_in(module_name: str) -> dict[str, RuleSpec]:
    """The rules one module of govtool/lint/rules/ declares, by name, importing only it (a
    command asking about the judgement rules before it writes does not load the other 17)."""
    module = importlib.import_module(module_name)
    declared = (getattr(value, "__govtool_rule__", None) for value in vars(module).values())
    return {spec.name: spec for spec in declared if isinstance(spec, RuleSpec) and spec.module == module.__name__}


def _discover() -> list[tuple[str, RuleSpec]]:
    import govtool.lint.rules as package

    found: dict[str, RuleSpec] = {}
    for info in pkgutil.iter_modules(package.__path__):
        for name, spec in rules_in(f"{package.__name__}.{info.name}").items():
            if name in found:
                raise RuntimeError(f"rule {name} declared twice ({found[name].module}, {spec.module})")
            found[name] = spec
    return sorted(found.items(), key=lambda item: item[1].code)
