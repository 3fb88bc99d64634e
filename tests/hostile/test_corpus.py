"""Every corpus item through every command: no crash, no hang, no leak, no code run, no file changed.

The corpus (see corpus_items.py) runs once per test session, two items at a time, each in its
own process capped at 1 GiB of address space and 20 CPU seconds per command; the tests
below then check each item's outcomes. A failing assertion names the item and the command.
"""

from __future__ import annotations

import csv
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import click
import pytest

from tests.hostile.corpus_items import DESTINATIONS, SECRET, Item, all_items
from tests.hostile.harness import Outcome, run_item

ITEMS = all_items()
BY_NAME = {item.name: item for item in ITEMS}


@dataclass
class ItemRun:
    item: Item
    outcomes: list[Outcome]
    out: Path
    marker: Path
    driver_stderr: str


def _lint_available() -> bool:
    from govtool.cli import main

    return main.get_command(click.Context(main), "lint") is not None


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ItemRun]:
    lint = _lint_available()
    # pytest's own temporary folders: removed with old runs, unlike a bare mkdtemp (which left
    # one folder of hostile registers in the system's temporary folder on every run).
    base = tmp_path_factory.mktemp("hostile")

    def one(item: Item) -> ItemRun:
        folder = base / item.name
        outcomes, out, marker, stderr = run_item(item, folder, lint)
        return ItemRun(item, outcomes, out, marker, stderr)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(one, ITEMS))
    return {run.item.name: run for run in runs}


def _label(run: ItemRun, outcome: Outcome) -> str:
    return f"{run.item.name} / {outcome.name} ({' '.join(outcome.argv[2:])})"


# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class LiveMarkup(HTMLParser):
    """Collects what a browser would act on: scripts, event handlers, dangerous links, fetches."""

    FETCHING = {("img", "src"), ("script", "src"), ("link", "href"), ("iframe", "src"), ("object", "data"),
                ("embed", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("form", "action")}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "meta") and not (tag == "meta" and _harmless_meta(attrs)):
            self.found.append(f"<{tag}> element")
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> event handler")
            scheme = value.split(":", 1)[0].lower().strip() if ":" in value else ""
            if name in ("href", "src", "action", "formaction", "xlink:href") and scheme in ("javascript", "data", "vbscript", "file"):
                if not (tag == "img" and value.startswith("data:image/")):
                    self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name in ("href", "src") and "etc/passwd" in value:
                self.found.append(f"<{tag} {name}={value[:40]!r}> links outside the register")
            if (tag, name) in self.FETCHING and re.match(r"(?i)(https?:)?//", value):
                self.found.append(f"<{tag} {name}={value[:40]!r}> fetches from the network")
            if name == "style" and re.search(r"(?i)url\(|expression\(", value):
                self.found.append(f"<{tag} style> fetches")


def _harmless_meta(attrs: list[tuple[str, str | None]]) -> bool:
    names = {name for name, _ in attrs}
    return names <= {"charset", "name", "content"}


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    if re.search(r"(?i)@import|url\(\s*['\"]?\s*(https?:)?//", html):
        parser.found.append("a stylesheet fetch from the network")
    return parser.found
FORMULA_START = tuple("=+-@\t\r")


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_nothing_crashes_hangs_or_runs_code(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    assert run.outcomes, f"{name}: the driver ran nothing: {run.driver_stderr[-1000:]}"
    for outcome in run.outcomes:
        label = _label(run, outcome)
        assert not outcome.crashed, f"{label}: the process died: {outcome.stderr}"
        assert not outcome.timeout, f"{label}: used 20 CPU seconds without finishing"
        assert outcome.exception is None, f"{label}: exception escaped: {outcome.exception}"
        assert outcome.exit in (0, 1, 2), f"{label}: exit {outcome.exit}: {outcome.stderr}"
        assert "Traceback" not in outcome.stderr + outcome.stdout, f"{label}: traceback: {outcome.stderr}"
        errors = [line for line in outcome.stderr.splitlines() if line.startswith("govtool: error:")]
        assert len(errors) <= 1, f"{label}: more than one error line: {outcome.stderr}"
        if outcome.exit == 2:
            assert errors or outcome.stderr.startswith("Usage:"), f"{label}: exit 2 without an error line: {outcome.stderr!r}"
    assert not run.marker.exists(), f"{name}: a !!python payload ran"
    assert "Exception ignored" not in run.driver_stderr, f"{name}: {run.driver_stderr[-1500:]}"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_file_changed_except_by_a_successful_edit(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    for outcome in run.outcomes:
        label = _label(run, outcome)
        if not outcome.editing or outcome.exit != 0:
            assert outcome.changed == {}, f"{label}: exit {outcome.exit} yet changed {outcome.changed}"
            continue
        work = [where for where in outcome.changed if where.endswith("/work")]
        assert list(outcome.changed) == work, f"{label}: changed files outside the register: {outcome.changed}"
        target = "risks/" if outcome.name == "review" else "actions/"
        allowed = {p for p in outcome.changed[work[0]] if p.startswith(target)} | {".git/refs/heads/main"}
        assert set(outcome.changed[work[0]]) <= allowed, f"{label}: changed {outcome.changed}"


@pytest.mark.parametrize("name", sorted(n for n, item in BY_NAME.items() if item.bad))
def test_a_bad_file_is_reported_and_never_edited(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    item = run.item
    target = DESTINATIONS[item.kind]
    for outcome in run.outcomes:
        label = _label(run, outcome)
        if item.kind == "settings":
            assert outcome.exit == 2, f"{label}: a broken govtool.yaml must stop every command: exit {outcome.exit}"
            assert "govtool.yaml" in outcome.stderr, f"{label}: the error does not name the file: {outcome.stderr}"
            continue
        edits_target = outcome.editing and (
            (item.kind == "risk" and outcome.name == "review") or (item.kind == "action" and outcome.name != "review")
        )
        if edits_target:
            assert outcome.exit == 2, f"{label}: an edit of a bad file must be refused: exit {outcome.exit}"
            assert outcome.changed == {}
        if outcome.name == "lint-json":
            problems = json.loads(outcome.stdout)
            assert outcome.exit == 1, f"{label}: exit {outcome.exit}"
            reported = {p["path"] for p in problems if p["severity"] == "error"}
            assert reported & {target, str(Path(target).parent)}, f"{label}: {problems}"


def _outputs(run: ItemRun) -> list[tuple[str, str]]:
    """(label, text) for every stream and every text file the commands produced."""
    texts = []
    for outcome in run.outcomes:
        texts.append((_label(run, outcome) + " stdout", outcome.stdout))
        texts.append((_label(run, outcome) + " stderr", outcome.stderr))
    for path in sorted(run.out.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".md", ".json", ".csv"):
            texts.append((f"{run.item.name} / {path.relative_to(run.out)}", path.read_text(encoding="utf-8")))
    return texts


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_nothing_leaks_and_terminal_output_is_inert(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    for label, text in _outputs(run):
        assert SECRET not in text, f"{label}: a file outside the register was read into the output"
        if " stdout" in label or " stderr" in label:
            bad = TERMINAL_UNSAFE.search(text)
            assert bad is None, f"{label}: raw control character {bad.group()!r} reaches the terminal"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_html_is_escaped_and_self_contained(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    pages = sorted(run.out.rglob("*.html"))
    for page in pages:
        found = live_markup(page.read_text(encoding="utf-8"))
        assert not found, f"{name} / {page.relative_to(run.out)}: {found}"


MARKDOWN_LIVE = [
    re.compile(r"(?<!\\)<(script|img|a|iframe)", re.I),
    re.compile(r"(?<!\\)\]\(\s*<?\s*javascript:", re.I),
]


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_markdown_is_inert(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    texts = [(o.name, o.stdout) for o in run.outcomes if o.name.endswith("-markdown")]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(run.out.rglob("*.md"))]
    for label, text in texts:
        for pattern in MARKDOWN_LIVE:
            found = pattern.search(text)
            assert found is None, f"{name} / {label}: live markup {found.group()!r}"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_spreadsheet_cells_are_defused(corpus_runs: dict[str, ItemRun], name: str) -> None:
    run = corpus_runs[name]
    for outcome in run.outcomes:
        if outcome.name == "export-csv" and outcome.exit == 0:
            csv.field_size_limit(1 << 24)
            for row in csv.reader(io.StringIO(outcome.stdout)):
                for cell in row:
                    assert not cell.startswith(FORMULA_START), f"{name}: CSV cell would run as a formula: {cell[:60]!r}"
    book_path = run.out / "export.xlsx"
    if book_path.exists():
        from openpyxl import load_workbook

        book = load_workbook(book_path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{name}: xlsx cell {cell.coordinate} is a formula: {cell.value!r}"


@pytest.mark.parametrize("name", sorted(n for n, item in BY_NAME.items() if not item.bad))
def test_a_valid_hostile_record_still_works(corpus_runs: dict[str, ItemRun], name: str) -> None:
    """Markup in a valid record is data: the reports, exports and edits all work on it."""
    run = corpus_runs[name]
    for outcome in run.outcomes:
        if outcome.name.startswith(("report", "export", "show", "list")):
            assert outcome.exit == 0, f"{_label(run, outcome)}: exit {outcome.exit}: {outcome.stderr}"
        elif outcome.editing and outcome.exit != 0:  # only the lifecycle's order, or lint's
            # judgement of the completion it would record or sign off, may refuse it
            assert re.search(r"is (completed|closed|cancelled|in progress|open)|completion-without-change:",
                             outcome.stderr), (
                f"{_label(run, outcome)}: exit {outcome.exit}: {outcome.stderr}")


def test_template_syntax_in_the_register_is_never_evaluated(corpus_runs: dict[str, ItemRun]) -> None:
    run = corpus_runs["action-markup-everywhere"]
    exported = next(o for o in run.outcomes if o.name == "export-json")
    assert "{{ 7*7 }}" in exported.stdout
    html = (run.out / "all" / "action-plan.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in html and "&lt;script&gt;" in html
