"""Constants and helpers shared by the report tests (a plain module: test files import it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FIXTURE_REGISTER = Path(__file__).parent / "fixtures" / "register"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-26"
#: Set GOVTOOL_REGEN_GOLDEN=1 to rewrite the golden files from the current output.
REGEN_ENV = "GOVTOOL_REGEN_GOLDEN"
_VERSION = re.compile(r"govtool \d+\.\d+\.\d+\S*")


def scrub(text: str) -> str:
    """Remove what changes between releases (the version) from a report."""
    return _VERSION.sub("govtool VERSION", text)


def chromium() -> str:
    """Chromium's path; skips the test without it on a developer's machine, fails it in CI."""
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is not installed, and CI must run the browser test: apt-get install -y chromium")
    pytest.skip("Chromium is not installed (apt-get install -y chromium); CI runs this test")


class Browser:
    def __init__(self, executable: str, workdir: Path):
        self.executable = executable
        self.workdir = workdir
        self.netlog = workdir / "netlog.json"

    def run(self, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
        command = [
            self.executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={self.workdir / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--log-net-log={self.netlog}", *args, page.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    def page_requests(self) -> list[str]:
        """URLs the page itself asked the network for (Chromium's own service calls excluded)."""
        log = json.loads(self.netlog.read_text(encoding="utf-8"))
        start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        requests = [event.get("params", {}) for event in log["events"] if event["type"] == start_job]
        return [
            params["url"] for params in requests
            if "url" in params and params.get("initiator") != "not an origin"
            and not params["url"].startswith(("file:", "data:"))
        ]


#: The fixture register's actions/ACT-BROKEN.yaml is invalid YAML on purpose: a report leaves it
#: out, names it on standard error and exits 1 (tests/cli/test_unreadable_in_reports.py).
LEFT_OUT = "actions/ACT-BROKEN.yaml:4: left out, the file cannot be read"


def assert_written(result: Any) -> None:
    """The report was written: exit 0, or 1 when what it left out is the fixture's ACT-BROKEN."""
    stderr = result.stderr
    assert result.exit_code == (1 if LEFT_OUT in stderr else 0), result.output
