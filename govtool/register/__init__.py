"""The register model: find a register, load and validate its records, edit them safely."""

from govtool.register.find import find_register
from govtool.register.load import load_register
from govtool.register.model import Action, Finding, Register, Risk, Source

__all__ = ["Action", "Finding", "Register", "Risk", "Source", "find_register", "load_register"]
