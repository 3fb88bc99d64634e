"""The ``lint:`` section of govtool.yaml, checked against the rules that exist.

Every rule name in the settings must name a real rule (a name or a code), and every option
must be one the rule declares, of the type of its default: a typo would otherwise silently
switch nothing off, which is worse than failing. Any mistake is a :class:`GovtoolError`
(exit 2) that points at the line in govtool.yaml and suggests the closest rule or option.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from govtool.lint.rule import RuleSpec
from govtool.register.find import SETTINGS_FILE
from govtool.register.model import Settings
from govtool.support.errors import GovtoolError

#: Rules the engine always runs: a crash inside a rule must never go unseen.
ALWAYS_ON = frozenset({"internal-error"})


@dataclass
class LintConfig:
    """Which rules run, at which severity, with which options, and where they are ignored."""

    rules: list[RuleSpec]
    severity: dict[str, str]
    options: dict[str, dict[str, Any]]
    #: (glob relative to the register, rule names ignored in files it matches)
    per_path_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    def ignored_at(self, path: str) -> frozenset[str]:
        """Rule names ignored for a register-relative posix path."""
        if not self.per_path_ignores:
            return frozenset()
        ignored: set[str] = set()
        for pattern, names in self.per_path_ignores:
            if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.rstrip("/") + "/*"):
                ignored |= names
        return frozenset(ignored)


class RuleNames:
    """Resolves what a user wrote (a rule name or code) to the rule's name, or fails helpfully.

    ``only_known``: the rules given are a part of all rules (a command asking about one rule
    before it writes), so a name that is none of them is some other rule's, not a mistake:
    :meth:`resolve` returns None for it and lint itself reports real typos.
    """

    def __init__(self, rules: Mapping[str, RuleSpec], only_known: bool = False):
        self.rules = rules
        self.only_known = only_known
        self.by_code = {spec.code.upper(): name for name, spec in rules.items()}

    def lookup(self, written: object) -> str | None:
        text = str(written).strip()
        if text in self.rules:
            return text
        return self.by_code.get(text.upper())

    def resolve(self, written: object, where: str, line: int | None) -> str | None:
        """The rule's name, or a settings error at ``line`` of govtool.yaml (None: another rule's)."""
        name = self.lookup(written)
        if name is None and not self.only_known:
            raise GovtoolError(f"{where}: no rule named {written!r}{self.suggest(str(written))}", SETTINGS_FILE, line)
        return name

    def suggest(self, text: str) -> str:
        import difflib  # only for a did-you-mean

        guess = difflib.get_close_matches(text.lower(), list(self.rules), n=1, cutoff=0.6)
        return f": did you mean '{guess[0]}'?" if guess else " (govtool rules lists them all)"


def load_config(settings: Settings, rules: Mapping[str, RuleSpec], only_known: bool = False) -> LintConfig:
    """Apply govtool.yaml's ``lint:`` section to the declared rules.

    ``only_known=True``: ``rules`` is a part of all rules and the settings of the others are
    passed over unchecked (``govtool complete`` reads the judgement rules' settings without
    importing every rule module; lint checks the whole section).
    """
    lint = settings.lint
    doc = settings.doc
    names = RuleNames(rules, only_known)

    def line(*path: str | int) -> int | None:
        return doc.line_of(("lint", *path)) if doc is not None else None

    def resolve_list(key: str) -> list[str]:
        resolved = (names.resolve(item, f"lint.{key}", line(key, i)) for i, item in enumerate(lint.get(key) or []))
        return [name for name in resolved if name is not None]

    selected = set(resolve_list("select")) if "select" in lint else set(rules)
    selected -= set(resolve_list("ignore"))

    severity = {name: spec.severity for name, spec in rules.items()}
    for key, level in (lint.get("severity") or {}).items():
        name = names.resolve(key, "lint.severity", line("severity", key))
        if name is None:
            continue
        if level is False:  # YAML 1.1 reads a bare ``off`` as false
            level = "off"
        if level == "off":
            selected.discard(name)
        else:
            severity[name] = level

    selected |= ALWAYS_ON & set(rules)

    options = {name: dict(spec.options) for name, spec in rules.items()}
    bands = tuple(settings.risk_bands)
    for key, given in (lint.get("options") or {}).items():
        name = names.resolve(key, "lint.options", line("options", key))
        if name is None:
            continue
        options[name] = merged_options(rules[name], given, lambda *p, k=key: line("options", k, *p), bands)

    ignores = []
    for pattern, listed in (lint.get("per_path_ignores") or {}).items():
        resolved = frozenset(
            name for i, item in enumerate(listed or [])
            if (name := names.resolve(item, f"lint.per_path_ignores.{pattern}", line("per_path_ignores", pattern, i)))
        )
        ignores.append((str(pattern).removeprefix("./"), resolved))

    active = [spec for name, spec in rules.items() if name in selected]
    return LintConfig(rules=active, severity=severity, options=options, per_path_ignores=ignores)


#: The largest number an option may hold: a century in days, more than any count needs.
MAX_OPTION_NUMBER = 36_500


def merged_options(spec: RuleSpec, given: Any, line: Any, bands: tuple[str, ...] = ()) -> dict[str, Any]:
    """The rule's options: its defaults, with ``given`` (checked) laid over them. A map option
    (intervals per band) is merged key by key, so naming one band keeps the others' defaults."""
    merged = dict(spec.options)
    for key, value in check_options(spec, given, line, bands).items():
        default = spec.options[key]
        merged[key] = {**default, **value} if isinstance(default, Mapping) else value
    return merged


def check_options(spec: RuleSpec, given: Any, line: Any, bands: tuple[str, ...] = ()) -> dict[str, Any]:
    """``given`` checked against the options ``spec`` declares: the name, the type of the
    default, the range of a number, and the keys of a map (the default's, or a risk band
    named in ``risk_bands``). Every mistake is an error at its line in govtool.yaml."""
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise GovtoolError(f"lint.options.{spec.name}: expected a map of option: value, got {given!r}",
                           SETTINGS_FILE, line())
    checked: dict[str, Any] = {}
    for key, value in given.items():
        where = f"lint.options.{spec.name}.{key}"
        if key not in spec.options:
            declared = list(spec.options)
            raise GovtoolError(f"lint.options.{spec.name}: unknown option {key!r}{_hint(key, declared, 'option')}",
                               SETTINGS_FILE, line(key))
        default = spec.options[key]
        if not _same_type(value, default):
            raise GovtoolError(f"{where}: expected {_type_name(default)}, got {value!r}", SETTINGS_FILE, line(key))
        if isinstance(default, Mapping):
            allowed = [*default, *(b for b in bands if b not in default)]
            for inner, number in value.items():
                if inner not in allowed:
                    raise GovtoolError(f"{where}: unknown band {inner!r}{_hint(inner, allowed, 'band')}",
                                       SETTINGS_FILE, line(key, inner))
                _check_number(f"{where}.{inner}", number, line(key, inner), whole=True)
        elif isinstance(default, (int, float)) and not isinstance(default, bool):
            _check_number(where, value, line(key), whole=isinstance(default, int))
        checked[key] = value
    return checked


def _hint(written: object, declared: list[str], what: str) -> str:
    import difflib  # only for a did-you-mean

    guess = difflib.get_close_matches(str(written), declared, n=1)
    if guess:
        return f": did you mean '{guess[0]}'?"
    return f": it takes {', '.join(declared)}" if declared else f": it takes no {what}s"


def _check_number(where: str, value: Any, line: int | None, whole: bool) -> None:
    """A number an option can use: a whole number where one is expected, from 0 to the limit."""
    kind_ok = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not kind_ok or not 0 <= value <= MAX_OPTION_NUMBER:
        raise GovtoolError(f"{where}: {value!r} is out of range: use a whole number from 0 to {MAX_OPTION_NUMBER:,}",
                           SETTINGS_FILE, line)


def _same_type(value: Any, default: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _type_name(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, (list, tuple)):
        return "a list of words"
    return "text"
