"""govtool: improvement action plans for CQC-regulated care providers, as YAML in Git."""

import os

__version__ = "0.1.0"

# GitPython refuses to be imported when it cannot find a git program; govtool then reports
# "Git cannot be run" where Git is needed (history rules, commits) instead of failing to start.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

#: Where govtool is published: the pre-commit hook's ``repo``, the rule pages linked from SARIF.
PROJECT_URL = "https://github.com/govtool/govtool"
#: Each rule's documentation, by its name (the headings of docs/rules.md).
RULES_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"
