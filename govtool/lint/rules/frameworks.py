"""Framework rules: a finding's ``framework_ref`` must be a code of the register's framework."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.frameworks.load import framework_of
from govtool.register.frameworks.model import Framework


@rule("unknown-framework-ref", "GT503")
def unknown_framework_ref(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A finding's `framework_ref` that is not a code of the register's framework.

    `framework_ref` names the quality statement or line of enquiry a finding falls under, by
    its code in the framework that `framework:` in govtool.yaml chooses (cqc-saf-2023 when it
    names none). A code the framework does not have is a typo, or a reference to another
    framework: the report cannot group the finding or show its title. `govtool frameworks
    NAME` lists the codes; `govtool frameworks map` moves a plan from one framework to another.

    Anti-pattern:
    ```yaml
    # govtool.yaml has no framework: (so cqc-saf-2023)
    findings:
      - id: F1
        text: Medicines were not managed safely.
        framework_ref: medicine-optimisation
    ```

    Best practice:
    ```yaml
    findings:
      - id: F1
        text: Medicines were not managed safely.
        framework_ref: medicines-optimisation
    ```
    """
    referring = [(source, finding) for source in ctx.register.sources.values()
                 for finding in source.findings if finding.framework_ref is not None]
    if not referring:
        return  # the framework file is read only when a finding refers to it
    framework = ctx.once("framework", lambda: framework_of(ctx.register.root, ctx.register.settings.framework))
    for source, finding in referring:
        if framework.statement(finding.framework_ref) is None:
            yield at(source, ("findings", finding.index, "framework_ref"),
                     f"finding {finding.id}: {finding.framework_ref!r} is not a code of {framework.name}"
                     f"{_suggestion(framework, finding.framework_ref or '')}")


def _suggestion(framework: Framework, written: str) -> str:
    by_title = framework.titled(written.replace("-", " "))
    close = [by_title.code] if by_title else difflib.get_close_matches(written, list(framework.statements), n=1)
    if close:
        return f": did you mean {close[0]}?"
    return f": 'govtool frameworks {framework.name}' lists its codes"
