"""Caches kept inside the Git directory (see the package docstring written below)."""
