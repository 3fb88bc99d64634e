"""Each run imports only the module holding its command: the table that says where a command
lives must agree with the modules, and a run must not load the others."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys

import pytest

from govtool.cli import COMMAND_MODULES, commands
from tests.conftest import EXAMPLE_REGISTER, PROJECT_ROOT

MODULES = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


def where_each_command_lives() -> dict[str, str]:
    found = {}
    for module in MODULES:
        for command in importlib.import_module(f"{commands.__name__}.{module}").COMMANDS:
            found[command.name] = module
    return found


def test_every_command_is_found_where_the_table_says() -> None:
    for name, module in where_each_command_lives().items():
        assert COMMAND_MODULES.get(name, name) == module, f"add {name!r}: {module!r} to COMMAND_MODULES"
    assert set(COMMAND_MODULES) <= set(where_each_command_lives())  # no entry for a command that is gone


@pytest.mark.parametrize("args", [("list",), ("update", "--help"), ("rules",), ("show", "ACT-2GNJEH")])
def test_a_run_loads_only_its_own_command_module(args: tuple[str, ...]) -> None:
    script = (
        "import json, sys\nfrom govtool.cli import main\n"
        "try:\n    main(args=sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('govtool.cli.commands.'))\n"
        "print(json.dumps(loaded), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=EXAMPLE_REGISTER, env=env,
                          capture_output=True, text=True, timeout=60)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert loaded == [where_each_command_lives()[args[0]]]
