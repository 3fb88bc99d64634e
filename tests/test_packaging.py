"""The distribution: licence, metadata and an sdist that holds the tests, docs and examples.

The sdist is built the way a release is (setuptools' PEP 517 backend) from the checkout, and
read back: what a packager or a reviewer downloads is what is checked here.
"""

from __future__ import annotations

import email
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import govtool
from tests.conftest import PROJECT_ROOT

BUILD = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tarfile.TarFile:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-c", BUILD, str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    name = done.stdout.strip().splitlines()[-1]
    return tarfile.open(out / name)


def _members(archive: tarfile.TarFile) -> set[str]:
    return {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}


def test_the_sdist_holds_the_tests_docs_examples_and_licence(sdist: tarfile.TarFile) -> None:
    members = _members(sdist)
    for expected in ("LICENSE", "README.md", ".pre-commit-hooks.yaml", "tests/conftest.py",
                     "tests/lint/data/sarif-schema-2.1.0.json", "tests/report/golden/action-plan.md",
                     "docs/ci.md", "examples/register/govtool.yaml", "schemas/action.schema.json",
                     "govtool/schemas/action.schema.json",
                     "govtool/judgement/action_wording.json"):  # the wording model vague-action reads
        assert expected in members, expected
    assert not [m for m in members if "__pycache__" in m or m.endswith(".pyc")]


def test_the_metadata_names_the_licence_urls_classifiers_and_working_floors(sdist: tarfile.TarFile) -> None:
    (info,) = [m for m in sdist.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
    handle = sdist.extractfile(info)
    assert handle is not None
    metadata = email.message_from_bytes(handle.read())
    assert metadata["License-Expression"] == "Apache-2.0" and metadata["License-File"] == "LICENSE"
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert urls["Source"] == govtool.PROJECT_URL
    classifiers = metadata.get_all("Classifier")
    assert {f"Programming Language :: Python :: 3.{n}" for n in (11, 12, 13)} <= set(classifiers)
    requires = metadata.get_all("Requires-Dist")
    assert "click>=8.2" in requires
    assert any(r.startswith("ruamel.yaml") and "<0.20" in r for r in requires)
    license_text = (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text


def test_init_writes_a_hook_that_runs_as_written_and_says_to_install_it(tmp_path: Path, cli) -> None:
    """No release tag is published (docs/ci.md pins none), so the hook init writes is the local
    one, which runs the installed govtool; its comment shows the remote form docs/ci.md gives."""
    result = cli("init", "home", "--provider", "Willowbrook Care Ltd", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Installed Git's pre-commit hook: each commit is linted first, by this govtool." in result.stdout
    config = (tmp_path / "home" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "  - repo: local\n" in config and "        entry: govtool lint --staged\n" in config
    assert "#   - repo: https://github.com/YOUR-ORG/govtool" in config and "rev: v" not in config
    hooks = (PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: govtool lint --staged" in hooks  # the same command as the published hook
