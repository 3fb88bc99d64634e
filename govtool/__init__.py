"""govtool: improvement action plans for CQC-regulated care providers, as YAML in Git."""

__version__ = "0.1.0"
