"""``python -m govtool`` runs the command line."""

from govtool.cli import run

run()
