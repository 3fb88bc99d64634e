"""The HTML report in a real browser: headless Chromium renders it and prints it to A4 PDF.

Skipped only when Chromium is missing on a developer's machine; in CI (CI=true) a missing
browser fails the run, because this is the only check that the report really prints.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .report_support import AS_OF, Browser, assert_written, chromium

A4_POINTS = (595.28, 841.89)
TITLES = [
    "Weekly MAR audit of every chart by the clinical lead, 0 gaps for 8 weeks",
    "PRN protocol agreed with the GP for each of the 6 people prescribed PRN medicines",
    "Sensor mats tested every night and logged, 100% of nights in the monthly check",
]


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    return Browser(chromium(), tmp_path / "browser")


@pytest.fixture
def plan_html(fixture_register: Path, cli: Any, tmp_path: Path) -> Path:
    target = tmp_path / "out" / "action-plan.html"
    target.parent.mkdir()  # -o writes into a folder that exists (a missing one is refused)
    result = cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=fixture_register)
    assert_written(result)
    return target


def test_browser_renders_the_plan_without_network(browser: Browser, plan_html: Path) -> None:
    dom = browser.run(plan_html, "--dump-dom").stdout
    assert re.search(r"<h1>\s*Improvement action plan\s*</h1>", dom)
    assert 'lang="en-GB"' in dom
    assert len(re.findall(r"<h2[ >]", dom)) >= 3  # summary and one per source
    for title in TITLES:
        assert title in dom
    assert "No action recorded for this finding." in dom
    assert "<script" not in dom.lower() and "<link" not in dom.lower()
    assert browser.page_requests() == []


def test_the_network_check_can_fail(browser: Browser, tmp_path: Path) -> None:
    """The detector above sees a page that loads a remote image (so an empty list means something)."""
    page = tmp_path / "remote.html"
    page.write_text('<!DOCTYPE html><html lang="en-GB"><body><img src="http://127.0.0.1:9/x.png" alt=""></body></html>')
    browser.run(page, "--dump-dom")
    assert browser.page_requests() == ["http://127.0.0.1:9/x.png"]


def test_plan_prints_to_a4_pdf(browser: Browser, plan_html: Path, tmp_path: Path) -> None:
    pdf_path = tmp_path / "plan.pdf"
    browser.run(plan_html, f"--print-to-pdf={pdf_path}", "--no-pdf-header-footer")
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages > 1  # the sources start on new pages
    boxes = {tuple(float(n) for n in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)}
    assert boxes, "no MediaBox in the PDF"
    for x0, y0, width, height in boxes:
        assert (x0, y0) == (0, 0)
        # The plan prints on landscape A4, so its six columns keep readable widths.
        assert abs(width - A4_POINTS[1]) < 2 and abs(height - A4_POINTS[0]) < 2, (width, height)
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = " ".join(text.split())
        for needle in ("Improvement action plan", "ACT-A1", "ACT-R1", "Fernhill Care Ltd",
                       "No action recorded for this finding."):
            assert needle in flat, needle


def test_screenshots_on_a_phone_and_a_desktop(browser: Browser, plan_html: Path, tmp_path: Path) -> None:
    """Screenshots for a person to look at (kept under GOVTOOL_SCREENSHOTS if set)."""
    keep = Path(os.environ.get("GOVTOOL_SCREENSHOTS", tmp_path))
    keep.mkdir(parents=True, exist_ok=True)
    for name, size in (("phone", "390,2400"), ("desktop", "1280,2400")):
        shot = keep / f"action-plan-{name}.png"
        browser.run(plan_html, f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars")
        assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000


def test_the_plan_by_framework_lists_each_source_with_its_response_deadline(
        browser: Browser, fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    """Grouped by the framework, the plan still names each source once with its response
    deadline, and the contents' links to the sources lead somewhere in the rendered page."""
    source = fixture_register / "sources" / "SRC-CQC1.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2026-07-01\n",
                                                                 "date: 2026-07-01\nresponse_due: 2026-07-29\n"))
    target = tmp_path / "out" / "by-framework.html"
    target.parent.mkdir()
    assert_written(cli("report", "action-plan", "--by-framework", "--as-of", AS_OF, "-o", target,
                       cwd=fixture_register))
    dom = browser.run(target, "--dump-dom").stdout
    contents = re.search(r'<nav class="toc".*?</nav>', dom, re.S)
    assert contents is not None
    links = re.findall(r'href="#([^"]+)"', contents.group(0))
    assert links == ["SRC-CQC1", "SRC-INC1"]
    for link in links:
        assert f'id="{link}"' in dom
    flat = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "Response due 29 Jul 2026 · Overdue by 120 days" in flat
    assert browser.page_requests() == []
