"""Slips: the changes of an action's due date, as Git's history holds them.

A slip is a move of the due date. A re-date entry says why the date moved, but the move is
what a plan's reader counts: a due date changed by hand with no entry (a silent re-date, which
lint's ``silent-redate`` reports) slipped all the same, and an entry typed up later than the
move, or dated back (``--date``), does not say when the date moved. Git does: each slip is the
commit that changed ``due`` (from the record's last readable version, as the history rules
compare, :mod:`.memory`), on that commit's day. Re-date entries that arrived with the record
itself (a plan typed in or imported with its past re-dates) were never seen moving by Git: they
stand on their own dates, and one with no readable date counts on any day.

For a past day only what the branch held at the end of it counts (as ``lint --as-of`` reads
history, :func:`~govtool.support.gitcommand.commit_standing_on`): the commits made on or
before it, and none of the staged or uncommitted changes, which are today's.

The committed slips are kept for the tip they were read at (``history-slips-v*-*.json`` beside
the history cache): a report on an unchanged tip reads that small file, not every version of
every record; the staged and uncommitted changes are read each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from govtool.history import cache as history_cache
from govtool.history import engine, gitlog
from govtool.history.model import Change, due_moved
from govtool.register.dates import parse_file_date
from govtool.support.gitcommand import GitFailed, commit_standing_on


@dataclass(frozen=True)
class Slip:
    """One move of an action's due date."""

    record: str
    #: the day it counts from: the commit's, or for an entry that arrived with the record its
    #: own date (None: an entry with no readable date, or a move not yet committed)
    day: dt.date | None
    #: "commit", "staged" or "working" for a move Git saw; "entry" for an entry that arrived
    #: with the record
    seen_in: str
    #: the commit that moved the date (None: not committed, or an entry that arrived with the record)
    commit: str | None = None
    #: the due date it moved (None: not a readable date)
    moved_from: dt.date | None = None


def slips(root: Path, as_of: dt.date, past: bool, use_cache: bool = True) -> list[Slip]:
    """Every slip of an action in the register at ``root`` on or before ``as_of``, oldest first
    (committed ones, then the staged and uncommitted ones).

    ``past``: ``as_of`` is a day before today, read as the branch stood at its end (only the
    commits made on or before it); else every commit, the staged and the uncommitted changes.
    Raises :class:`~govtool.history.errors.HistoryUnavailable` outside Git or in a shallow clone.
    """
    view = engine.open_view(root)
    tip = gitlog.head_sha(view.repo)
    committed = _committed(view, tip, use_cache) if tip is not None else []
    later = _commits_after(view, as_of, tip) if past else set()
    found = [slip for slip in committed if (slip.commit is None or slip.commit not in later) and _by(slip, as_of)]
    uncommitted, _reader, _tip = engine.read_changes(view, include_uncommitted=True, committed=False)
    found += [slip for slip in _slips_of(uncommitted) if (slip.seen_in == "entry" or not past) and _by(slip, as_of)]
    return found


def _by(slip: Slip, as_of: dt.date) -> bool:
    """An entry that arrived with its record counts from its own date; a move Git saw is
    already cut to the commits held on the day."""
    return slip.seen_in != "entry" or slip.day is None or slip.day <= as_of


def _committed(view: engine.RepositoryView, tip: str, use_cache: bool) -> list[Slip]:
    """Every committed slip up to ``tip``, from the slips file when it was made for ``tip``."""
    path = history_cache.slips_file(view.repo.common_dir, view.paths)
    rows = history_cache.load_slips(path, view.paths, tip) if use_cache else None
    if rows is not None:
        return [Slip(record, parse_file_date(day), seen_in, sha, parse_file_date(moved_from))
                for record, sha, day, seen_in, moved_from in rows]
    changes, _reader, _tip = engine.read_changes(view, head=tip, use_cache=use_cache, include_uncommitted=False)
    found = list(_slips_of(changes))
    if use_cache:
        history_cache.save_slips(path, view.paths, tip, [
            (s.record, s.commit, s.day.isoformat() if s.day else None, s.seen_in,
             s.moved_from.isoformat() if s.moved_from else None) for s in found])
    return found


def _slips_of(changes: Iterable[Change]) -> Iterable[Slip]:
    for change in changes:
        if change.after is None or change.after.get("kind") != "action":
            continue
        if change.created:
            yield from _arrived_with(change)
        elif (moved := due_moved(change)) is not None:
            commit, moved_from = change.where.commit, parse_file_date(moved[0])
            if commit is None:
                yield Slip(change.record_id, None, change.where.kind, moved_from=moved_from)
            else:
                yield Slip(change.record_id, parse_file_date(commit.day), "commit", commit.sha, moved_from)


def _arrived_with(change: Change) -> Iterable[Slip]:
    """The re-date entries a new record came with, each on its own date."""
    assert change.after is not None
    entries = change.after.get("redates") or []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            yield Slip(change.record_id, parse_file_date(entry.get("date")), "entry",
                       moved_from=parse_file_date(entry.get("from")))
        else:
            yield Slip(change.record_id, None, "entry")


def _commits_after(view: engine.RepositoryView, day: dt.date, tip: str | None) -> set[str]:
    """The commits of ``tip``'s history that the branch did not hold at the end of ``day``."""
    if tip is None:
        return set()
    standing = commit_standing_on(view.repo.top, day)
    if standing is None:
        try:
            return set(view.repo.text("rev-list", tip).split())
        except GitFailed:
            return set()
    return gitlog.commits_in_range(view.repo, standing, tip) or set()
