"""Build a register around one corpus item, run every command on it in a bounded process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.corpus_items import (
    BASE_ACTION,
    BASE_RISK,
    BASE_SETTINGS,
    BASE_SOURCE,
    DESTINATIONS,
    OUTSIDE_ACTION,
    SECRET,
    Item,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "driver.py"
COMMAND_TIMEOUT = 20.0  # CPU seconds per command (the whole process also has a real-time hang guard)
MEMORY_LIMIT = 1 << 30  # bytes of address space for the whole run
LINT_FORMATS = ("text", "json", "sarif", "github")
STDOUT_REPORTS = (("action-plan", "markdown"), ("momentum", "json"), ("source", "markdown"), ("risks", "json"))
EDITING = ("update", "update-commit", "redate", "complete", "close", "cancel", "review")


def git(root: Path, *args: str, date: str = "2026-01-05") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build_register(item: Item, base: Path) -> tuple[Path, Path]:
    """A committed register holding ``item`` in ``base/register``, and a folder beside it."""
    root, outside = base / "register", base / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET + "\n")
    (outside / "ACT-HOSTILE.yaml").write_text(OUTSIDE_ACTION)
    (outside / "govtool.yaml").write_text(BASE_SETTINGS)
    for folder in ("actions", "sources", "risks", "evidence"):
        (root / folder).mkdir(parents=True)
    (root / "govtool.yaml").write_text(BASE_SETTINGS)
    (root / "sources" / "SRC-BASE.yaml").write_text(BASE_SOURCE)
    (root / "actions" / "ACT-BASE.yaml").write_text(BASE_ACTION)
    (root / "risks" / "RSK-BASE.yaml").write_text(BASE_RISK)
    (root / "evidence" / "audit.txt").write_text("March audit: 20 of 20 complete\n")
    (root / "evidence" / "leak.txt").symlink_to(outside / "secret.txt")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Start the register")
    target = root / DESTINATIONS[item.kind]
    for number, version in enumerate(item.history):
        target.write_bytes(version)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"Hostile version {number}", date=f"2026-01-{10 + number:02d}")
    item.plant(root, outside)
    if item.commit:
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", f"Add {item.name}", date="2026-02-01")
    return root, outside


def commands(item: Item, lint_available: bool) -> list[dict[str, object]]:
    """Every command, named, with ``{work}`` and ``{out}`` placeholders for the driver."""
    action = "ACT-HOSTILE" if item.kind == "action" else "ACT-BASE"
    source = "SRC-HOSTILE" if item.kind == "source" else "SRC-BASE"
    risk = "RSK-HOSTILE" if item.kind == "risk" else "RSK-BASE"
    run: list[tuple[str, list[str]]] = []
    # a new due date must still be to come: a year from the day the corpus runs, not a fixed day
    a_year_on = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    if lint_available:
        run += [(f"lint-{f}", ["lint", "--format", f]) for f in LINT_FORMATS]
    # `report all` renders every report in every format into files (the tests read them all);
    # a sample of reports to standard output covers the other way out without rendering
    # everything twice.
    run.append(("report-all", ["report", "all", "-o", "{out}/all", "--as-of", "2026-11-26"]))
    for name, fmt in STDOUT_REPORTS:
        args = ["report", name, *([source] if name == "source" else []), "--format", fmt, "--as-of", "2026-11-26"]
        run.append((f"report-{name}-{fmt}", args))
    run += [
        ("export-csv", ["export", "--format", "csv", "--as-of", "2026-11-26"]),
        ("export-json", ["export", "--format", "json", "--as-of", "2026-11-26"]),
        ("export-xlsx", ["export", "--format", "xlsx", "-o", "{out}/export.xlsx", "--as-of", "2026-11-26"]),
        ("show-action", ["show", action]),
        ("show-source", ["show", source]),
        ("show-risk", ["show", risk]),
        ("list", ["list", "--as-of", "2026-11-26"]),
        ("digest", ["digest", "--as-of", "2026-11-26"]),
        ("digest-markdown", ["digest", "--format", "markdown", "--as-of", "2026-11-26"]),
        ("digest-html", ["digest", "--format", "html", "-o", "{out}/digest.html", "--as-of", "2026-11-26"]),
        ("digest-eml", ["digest", "--eml", "{out}/eml", "--as-of", "2026-11-26"]),
        # to a file: an iCalendar feed's lines end in CRLF, which is no terminal's business
        ("calendar", ["calendar", "-o", "{out}/plan.ics"]),
        ("list-json", ["list", "--format", "json", "--as-of", "2026-11-26"]),
        ("update", ["update", action, "--note", "Week 3 audit: 19 of 20 complete", "--by", "jane.smith", "--no-commit"]),
        ("update-commit", ["update", action, "--note", "Week 4 audit: 20 of 20", "--by", "jane.smith", "--commit"]),
        ("redate", ["redate", action, "--to", a_year_on, "--reason", "Supplier delay on new MAR charts",
                    "--by", "jane.smith", "--no-commit"]),
        ("complete", ["complete", action, "--change", "20 of 20 sampled MAR charts complete for 4 weeks",
                      "--evidence", "https://example.org/audit", "--by", "jane.smith", "--no-commit"]),
        ("close", ["close", action, "--note", "Governance meeting checked the audits", "--by", "jane.smith",
                   "--no-commit"]),
        ("cancel", ["cancel", action, "--reason", "Superseded by ACT-BASE", "--by", "jane.smith", "--no-commit"]),
        ("review", ["review", risk, "--likelihood", "2", "--consequence", "4", "--note", "Audits at 100%",
                    "--by", "jane.smith", "--no-commit"]),
    ]
    return [{"name": name, "argv": ["-C", "{work}", *args]} for name, args in run]


@dataclass
class Outcome:
    """What one command did; ``stdout``/``stderr`` are read from the driver's files."""

    name: str
    argv: list[str]
    exit: int | None
    stdout: str
    stderr: str
    seconds: float
    changed: dict[str, list[str]]
    exception: str | None = None
    timeout: bool = False
    crashed: bool = False  # the whole driver died during this command

    @property
    def editing(self) -> bool:
        return self.name in EDITING


def run_item(item: Item, base: Path, lint_available: bool) -> tuple[list[Outcome], Path, Path, str]:
    """Build, run everything in one capped process; returns outcomes, out folder, marker path, driver stderr."""
    pristine, outside = build_register(item, base)
    out, marker = base / "out", base / "pwned-marker"
    plan = commands(item, lint_available)
    job = {
        "pristine": str(pristine), "work": str(base / "work"), "out": str(out), "results": str(base / "results.jsonl"),
        "commands": plan, "timeout": COMMAND_TIMEOUT, "memory_bytes": MEMORY_LIMIT, "marker": str(marker),
        "also_watch": [str(outside)],
    }
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), GIT_CONFIG_NOSYSTEM="1")
    env.pop("GOVTOOL_DEBUG", None)
    done = subprocess.run(
        [sys.executable, str(DRIVER)], input=json.dumps(job), capture_output=True, text=True, cwd=base,
        env=env, timeout=COMMAND_TIMEOUT * len(plan) + 60,
    )
    outcomes: list[Outcome] = []
    started: int | None = None
    results = base / "results.jsonl"
    for line in results.read_text().splitlines() if results.exists() else []:
        record = json.loads(line)
        if set(record) == {"start"}:
            started = record["start"]
            continue
        started = None
        outcomes.append(Outcome(
            name=record["name"], argv=record["argv"], exit=record.get("exit"),
            stdout=Path(record["stdout"]).read_text() if "stdout" in record else "",
            stderr=Path(record["stderr"]).read_text() if "stderr" in record else "",
            seconds=record["seconds"], changed=record["changed"], exception=record.get("exception"),
            timeout=bool(record.get("timeout")),
        ))
    if started is not None or done.returncode != 0:
        name = plan[started]["name"] if started is not None else "driver"
        outcomes.append(Outcome(str(name), [], None, "", done.stderr[-2000:], 0.0, {}, crashed=True))
    return outcomes, out, marker, done.stderr
