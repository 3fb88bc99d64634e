"""Why Git history could not be read: raised by the history reader, handled by lint and show."""

from __future__ import annotations


class HistoryUnavailable(Exception):
    """Git history cannot be read (not a repository, shallow clone): one notice, not a crash."""


class UnknownRevision(HistoryUnavailable):
    """A revision the user named (``--base``) does not exist: the run cannot do what was asked."""
