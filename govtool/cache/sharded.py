"""A cache in shards that are trusted only as one generation: a head file and NN.json shards.

A run that changes a few entries rewrites the few shards holding them, not the whole cache.
But entries in different shards depend on each other (a source's stored problems were found
with its actions' stored summaries), so a run that stops half way (killed, disk full) must
never leave a new entry beside a stale neighbour. Each write therefore stamps the shards it
writes with a fresh random generation, writes them first, and then the head, which names the
generation each shard must carry. A reader takes a shard only when its stamp is the one the
head names; any shard that is missing, corrupt, foreign or of another generation makes the
whole cache :attr:`ShardedCache.broken` (its user then rebuilds everything). A shard is read
and decoded only when a key in it is first asked for, or all of them at once
(:meth:`ShardedCache.every_entry`) by a user that asks for nearly every key. A write that keeps
the same keys, each in its shard, regroups nothing: it rewrites the shards its updates touch and
the head, and names every other shard's generation as it was. Every file is checked JSON
(:mod:`govtool.cache.store`), written atomically.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from govtool.cache.store import read_checked, write_checked

HEAD = "head.json"


class ShardedCache:
    """Entries by text key in ``count`` shards (CRC-32 of the key), with a small ``meta`` in the head."""

    def __init__(self, folder: Path | None, format_name: str, version: str, count: int = 32):
        self.folder, self.format, self.version, self.count = folder, format_name, version, count
        self.meta: dict[str, Any] = {}
        #: shard name ("07") -> the generation its file must carry
        self.generations: dict[str, str] = {}
        self.broken = False
        self.shards_read = 0
        self._loaded: dict[int, dict[str, Any]] = {}
        if folder is None:
            return
        head, _reason = read_checked(folder / HEAD, format_name, version)
        if (isinstance(head, dict) and isinstance(head.get("meta"), dict) and isinstance(head.get("shards"), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in head["shards"].items())):
            self.meta, self.generations = head["meta"], head["shards"]

    def number(self, key: str) -> int:
        return zlib.crc32(key.encode(errors="surrogatepass")) % self.count

    def get(self, key: str) -> Any:
        """The stored entry for ``key`` (None when there is none, or its shard cannot be trusted)."""
        return self._shard(self.number(key)).get(key)

    def every_entry(self) -> dict[str, Any]:
        """Every stored entry, reading every shard the head names: for a user that looks up
        nearly every key anyway, one pass per shard instead of a lookup per key. A key found in a
        shard not its own is left out, as :meth:`get` would never find it there."""
        found: dict[str, Any] = {}
        crc, count = zlib.crc32, self.count
        for number in range(count):
            if f"{number:02d}" in self.generations:
                found.update({key: value for key, value in self._shard(number).items()
                              if crc(key.encode(errors="surrogatepass")) % count == number})
        return found

    def _shard(self, number: int) -> dict[str, Any]:
        found = self._loaded.get(number)
        if found is not None:
            return found
        found = {}
        generation = self.generations.get(f"{number:02d}")
        if generation is not None and self.folder is not None:
            self.shards_read += 1
            body, _reason = read_checked(self.folder / f"{number:02d}.json", self.format, self.version)
            if isinstance(body, dict) and body.get("generation") == generation and isinstance(body.get("entries"), dict):
                found = body["entries"]
            else:  # missing, corrupt, forged, or left by a run that stopped before its head
                self.broken = True
        self._loaded[number] = found
        return found

    def save(self, meta: dict[str, Any], keys: Iterable[str], updates: Mapping[str, Any], full: bool) -> bool:
        """Keep an entry for every key in ``keys``: ``updates``' for those it holds, the stored one for
        the others (``full``: ``updates`` holds them all). Only shards with a change are written."""
        if self.folder is None:
            return False
        keys = list(keys)
        touched = {self.number(key) for key in updates}
        generations: dict[str, str] = {}
        by_shard: dict[int, list[str]] = {}
        if not full and self._layout_kept(keys, updates):
            for number in self._loaded:  # a shard not touched is kept as it is, the others keep their keys
                if number in touched:
                    by_shard[number] = list(self._loaded[number])
                else:
                    generations[f"{number:02d}"] = self.generations[f"{number:02d}"]
        else:
            for key in keys:
                by_shard.setdefault(self.number(key), []).append(key)
        generation = os.urandom(8).hex()  # not the secrets module: importing it costs 5 ms a run
        for number, held in sorted(by_shard.items()):
            name = f"{number:02d}"
            stored = {} if full else self._shard(number)
            if not full and number not in touched and stored.keys() == set(held) and name in self.generations:
                generations[name] = self.generations[name]  # unchanged: every key in it is kept as stored
                continue
            if any(key not in updates and key not in stored for key in held):
                return False  # the caller's promise broken: write nothing rather than a hole
            if not self._write_shard(name, generation, {key: updates[key] if key in updates else stored[key]
                                                       for key in held}):
                return False
            generations[name] = generation
        if not self._write_head(meta, generations):
            return False
        for name in set(self.generations) - set(generations):  # shards none of whose keys remain
            try:
                (self.folder / f"{name}.json").unlink()
            except OSError:
                pass
        return True

    def save_some(self, meta: dict[str, Any], updates: Mapping[str, Any]) -> bool:
        """Keep every stored key, with ``updates``' entries for the keys it holds (each already
        stored in its own shard): only the shards those keys are in, and the head, are rewritten.
        False (nothing written) when a key is not already stored or a shard cannot be trusted."""
        if self.folder is None:
            return False
        touched = {self.number(key) for key in updates}
        if any(key not in self._shard(self.number(key)) for key in updates) or self.broken:
            return False
        generation = os.urandom(8).hex()
        generations = dict(self.generations)
        for number in sorted(touched):
            name = f"{number:02d}"
            entries = {**self._shard(number), **{k: v for k, v in updates.items() if self.number(k) == number}}
            if not self._write_shard(name, generation, entries):
                return False
            generations[name] = generation
        return self._write_head(meta, generations)

    def _write_shard(self, name: str, generation: str, entries: dict[str, Any]) -> bool:
        """One shard, stamped with the generation of the write (the head is written after it)."""
        assert self.folder is not None
        return write_checked(self.folder / f"{name}.json", self.format, self.version,
                             {"generation": generation, "entries": entries})

    def _write_head(self, meta: dict[str, Any], generations: dict[str, str]) -> bool:
        """The head, naming the generation each shard must carry: written last, so it is trusted
        only when every shard it names is already in place."""
        assert self.folder is not None
        return write_checked(self.folder / HEAD, self.format, self.version, {"meta": meta, "shards": generations})

    def _layout_kept(self, keys: list[str], updates: Mapping[str, Any]) -> bool:
        """Whether ``keys`` are exactly the keys of the shards read, each stored once and in its
        own shard for those ``updates`` changes, and every shard of the head was read: then each
        shard keeps its keys, and only the shards ``updates`` touches change (no need to group
        every key by its shard again, a CRC-32 per key on every run)."""
        if self.broken:
            return False
        loaded = [self._loaded[n] for n in range(self.count) if n in self._loaded and f"{n:02d}" in self.generations]
        if (len(loaded) != len(self.generations) or len(self._loaded) != len(loaded)
                or sum(map(len, loaded)) != len(keys)):
            return False
        if any(key not in self._loaded.get(self.number(key), ()) for key in updates):
            return False
        return set(keys) == set().union(*loaded)
