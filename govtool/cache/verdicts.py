"""Judgement verdicts kept between runs, so each text is judged once rather than on every commit.

The judges (:mod:`govtool.judgement`) are pure functions of the text they read, but they
take a large share of a pre-commit run: importing them compiles about ninety regular
expressions, and each action's title, owner and completion is read again every time.
A verdict is stored under a digest of the judge's name and its exact inputs; a text judged
before takes its stored verdict, and the judges are imported only when some text is new.

The cache is made for one version of the judges (a digest of govtool's version and the
judges' source and data), so any change to them makes it "other version" and every text is judged
again. It lives inside the Git directory (``<git-dir>/govtool/verdicts-<key>.json``), never
in the working tree, as checked JSON (:mod:`govtool.cache.store`): never unpickled, ignored
when corrupt. Its name carries the version, so two govtool versions used on one repository
keep one each; one no run has written for two weeks is deleted. Outside Git, or when the
judges' source cannot be read, nothing is cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import govtool
from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked

FORMAT = "govtool-verdicts"


@cache
def judges_version() -> str | None:
    """A digest of everything a verdict depends on besides its text; None when unreadable."""
    folder = Path(govtool.__file__).resolve().parent / "judgement"
    digest = hashlib.blake2b(govtool.__version__.encode(), digest_size=16)
    try:
        # the code, and the data it reads: vague-action's fitted wording model is a .json file
        sources = sorted(folder.glob("*.py")) + sorted(folder.glob("*.json"))
        for source in sources:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:
        return None
    return f"1:{digest.hexdigest()}" if sources else None


class VerdictCache:
    """The verdicts of one register: :meth:`judged` for each text, :meth:`save` at the end."""

    def __init__(self, root: Path, keep_unasked: bool = False):
        """``keep_unasked``: a run that lints part of the register keeps the verdicts it did not ask for."""
        self.keep_unasked = keep_unasked
        version = judges_version()
        self.path = register_cache_path(root, "verdicts", version, ".json") if version else None
        self._stored: dict[str, Any] = {}
        self._kept: dict[str, str | None] = {}  # the verdicts asked for in this run: the next cache
        self._changed = False
        if self.path is not None:
            value, _reason = read_checked(self.path, FORMAT, version)
            if isinstance(value, dict) and isinstance(value.get("verdicts"), dict):
                self._stored = value["verdicts"]

    def judged(self, judge: Callable[..., str | None], *inputs: Any) -> str | None:
        """``judge(*inputs)``: the problem message, or None when the inputs pass; from the
        cache when these very inputs were judged before."""
        # repr, not JSON: it tells 1 from "1" and never fails on what YAML can hold.
        text = repr((judge.__name__, inputs)).encode(errors="surrogatepass")
        key = hashlib.blake2b(text, digest_size=16).hexdigest()
        stored = self._stored.get(key, self)  # self: "not stored" (None is a stored pass)
        if stored is None or isinstance(stored, str):
            verdict = stored
        else:
            verdict = judge(*inputs)
            self._changed = True
        self._kept[key] = verdict
        return verdict

    def save(self) -> None:
        """Write when a verdict was new or one is no longer asked for."""
        if self.keep_unasked:
            self._kept = {**self._stored, **self._kept}
        if self.path is not None and (self._changed or len(self._kept) != len(self._stored)):
            if write_checked(self.path, FORMAT, judges_version(), {"verdicts": self._kept}):
                drop_stale_versions(self.path)
            self._stored, self._changed = dict(self._kept), False
