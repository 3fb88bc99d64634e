"""The small plan of tests/cli (a source with two findings and one action), for imports into it."""

from tests.cli.conftest import plan  # noqa: F401 - a fixture, shared
