"""Fuzz the record loader with atheris (libFuzzer): ``python fuzz/fuzz_loader.py -max_total_time=60``.

Invariant: ``load_yaml`` returns data or raises ``YamlProblem`` — nothing else — and
``parse_record`` returns a record and/or problems, for any bytes, in bounded time. Any other
exception is a finding (atheris stops and writes the input to ``crash-*``). A slow input is
a finding too: run with ``-timeout=5`` (the default here) to catch a hang.

Seeds: ``fuzz/seeds/`` (tiny valid and hostile records) plus the committed hostile corpus.
Pass a folder for new interesting inputs as the first argument, e.g.
``python fuzz/fuzz_loader.py fuzz/work fuzz/seeds tests/hostile/corpus/bad -max_total_time=300``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from govtool.register.load import parse_record
    from govtool.register.yamlload import YamlProblem, load_yaml

KINDS = ("action", "source", "risk")
FOLDERS = {"action": "actions", "source": "sources", "risk": "risks"}


def test_one_input(raw: bytes) -> None:
    try:
        load_yaml(raw)
    except YamlProblem:
        pass
    kind = KINDS[len(raw) % 3]
    stem = {"action": "ACT-FUZZ", "source": "SRC-FUZZ", "risk": "RSK-FUZZ"}[kind]
    record, problems = parse_record(raw, kind, Path(FOLDERS[kind], f"{stem}.yaml"))
    if record is None and not problems:
        raise AssertionError("parse_record returned neither a record nor a problem")


def main() -> None:
    args = list(sys.argv)
    if not any(a.startswith("-timeout=") for a in args):
        args.append("-timeout=5")
    if not any(a.startswith("-rss_limit_mb=") for a in args):
        args.append("-rss_limit_mb=1024")
    if not any(a.startswith("-max_len=") for a in args):
        args.append("-max_len=65536")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
