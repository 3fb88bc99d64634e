"""Fixtures shared with tests/cli: its small plan (a source with two findings and one action), and a
register nothing of which is committed yet."""

from tests.cli.conftest import plan  # noqa: F401 - a fixture, shared
from tests.cli.test_commit_contents import uncommitted_register  # noqa: F401 - a fixture, shared
