"""govtool runs where POSIX-only modules and names do not exist (Windows).

CI is Linux, so these tests start Python with the POSIX-only modules made unimportable and the
POSIX-only ``os`` names removed, as they are on Windows, and then import every govtool module
and run the CLI: an import-time ``import fcntl`` or ``os.O_NONBLOCK`` fails here as it fails
on a Windows laptop.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, GitRepo
from tests.lint.casebuild import base_files, write_files

# Modules that exist only on POSIX systems (Python's docs, "Unix Specific Services").
POSIX_ONLY_MODULES = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog")
# os names that Windows' os module does not have.
POSIX_ONLY_OS_NAMES = ("O_NONBLOCK", "O_CLOEXEC", "O_NOFOLLOW", "O_DIRECTORY", "O_NOCTTY", "mkfifo",
                       "getuid", "geteuid", "getgid", "getpgid", "killpg", "setsid", "fchown", "lchown")

WITHOUT_POSIX = f"""
import os, pkgutil, importlib, sys
for name in {POSIX_ONLY_MODULES!r}:
    sys.modules[name] = None  # 'import fcntl' now raises ImportError, as on Windows
for name in {POSIX_ONLY_OS_NAMES!r}:
    if hasattr(os, name):
        delattr(os, name)
import govtool
for module in pkgutil.walk_packages(govtool.__path__, "govtool."):
    importlib.import_module(module.name)
from govtool.cli import run
sys.argv = ["govtool", *sys.argv[1:]]
run()
"""


def _run_without_posix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", WITHOUT_POSIX, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_prelude_really_removes_the_posix_only_names(tmp_path: Path) -> None:
    probe = WITHOUT_POSIX.split("import govtool")[0] + (
        "try:\n    import fcntl\nexcept ImportError:\n    print('no fcntl')\nprint(hasattr(os, 'O_NONBLOCK'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["no", "fcntl", "False"], done.stderr


def test_every_module_imports_and_lint_and_an_edit_run_without_posix_only_modules(register: GitRepo) -> None:
    write_files(register.path, base_files())  # a small register that lints clean
    register.commit("Add the plan", date="2026-01-06")

    lint = _run_without_posix("lint", "--as-of", "2026-11-26", cwd=register.path)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "Traceback" not in lint.stderr

    update = _run_without_posix("update", "ACT-BASE", "--note", "First weekly audit at 90%", "--by", "jane.smith",
                                "--commit", cwd=register.path)
    assert update.returncode == 0, update.stdout + update.stderr
    assert "First weekly audit at 90%" in (register.path / "actions" / "ACT-BASE.yaml").read_text(encoding="utf-8")
    assert register.log()[0].startswith("ACT-BASE: progress note")
