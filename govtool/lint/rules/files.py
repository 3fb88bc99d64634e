"""File rules (GT1xx): a record file that cannot be read as a valid record.

The register loader finds these while it reads each file (`LoadProblem`, with the rule's
name); each rule here reports the loader's findings under its own name, so that each can be
selected, re-graded and explained like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import CheckFunction, LintContext, Report, rule


def _loader_rule(name: str, code: str, doc: str, severity: str = "error") -> CheckFunction:
    def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
        for problem in ctx.register.problems:
            if problem.rule == name:
                yield Report(problem.path, problem.line, problem.record, problem.message)

    check.__doc__ = doc
    check.__name__ = check.__qualname__ = name.replace("-", "_")
    return rule(name, code, severity)(check)


invalid_yaml = _loader_rule("invalid-yaml", "GT101", """\
A record file that is not valid YAML.

The whole file is unreadable, so none of its fields count: the action disappears from the
plan until the syntax is fixed. The problem points at the line where the parser gave up.
A tab in a line's indentation (as Notepad types one) is named as such on its own line: YAML
indents with spaces only.

Anti-pattern:
```yaml
title: Audit MAR charts weekly
owner: jane.smith
  due: 2026-05-31        # indented under owner by mistake
```

Best practice:
```yaml
title: Audit MAR charts weekly
owner: jane.smith
due: 2026-05-31
```
""")

duplicate_key = _loader_rule("duplicate-key", "GT102", """\
A field that appears twice in the same record or entry.

Only the first value counts. A second `due:` added at the bottom of the file is a classic way
to move a date without anyone noticing, so keep one and record a re-date instead. A field twice
in one entry of a list (`updates.0.by`) is most often two entries run together, as when both
sides of a merge conflict are kept and the second entry's `- ` line is lost: give that entry its
own `- date: ...` line rather than deleting anything from the trail.

Anti-pattern:
```yaml
due: 2026-03-31
status: open
due: 2026-06-30
```

Best practice:
```yaml
due: 2026-06-30
redates:
  - {date: 2026-03-20, from: 2026-03-31, to: 2026-06-30, reason: Supplier delay on new MAR stock}
```
""")

schema_ = _loader_rule("schema", "GT103", """\
A record that breaks the file format: a missing, unknown or mistyped field, or a bad date.

A value may also be one that is not allowed, or a date that is not a real date. The message names the field and what it should be; unknown fields suggest the closest real
one. A closed action without a `closure` entry, a completed one without `completion` or a
cancelled one without `cancellation` are reported here too.

Anti-pattern:
```yaml
id: ACT-0042
title: Weekly MAR audit
owner: jane.smith
created: 2026-02-30
due: 31/05/2026
status: done
```

Best practice:
```yaml
id: ACT-0042
title: Weekly MAR audit of 10 charts by the deputy manager
source: SRC-0007
owner: jane.smith
created: 2026-02-28
due: 2026-05-31
status: open
```
""")

id_mismatch = _loader_rule("id-mismatch", "GT104", """\
A record whose `id` is not its file name.

Links, the CLI and Git history all find a record by its file name: `actions/ACT-0042.yaml`
must hold `id: ACT-0042` (and end in `.yaml`).

Anti-pattern:
```yaml
# actions/ACT-0042.yaml
id: ACT-0043
```

Best practice:
```yaml
# actions/ACT-0042.yaml
id: ACT-0042
```
""")

duplicate_id = _loader_rule("duplicate-id", "GT105", """\
Two record files with the same `id`.

The second is ignored, so its action vanishes from the plan. This happens when a file is
copied as a template and its id left unchanged; give the copy a new ID (`govtool new` makes
ones that never collide).

Anti-pattern:
```yaml
# actions/ACT-0042.yaml and actions/ACT-0042.yml
id: ACT-0042
```

Best practice:
```yaml
# actions/ACT-0042.yaml
id: ACT-0042
# actions/ACT-7Q2K9D.yaml
id: ACT-7Q2K9D
```
""")

merge_conflict = _loader_rule("merge-conflict", "GT106", """\
An unresolved Git merge conflict left in a record.

Keep the right side of the conflict, delete the `<<<<<<<`, `=======` and `>>>>>>>`
lines, and commit. For a trail (updates, redates) the right answer is usually both sides'
entries, oldest first, each under its own list (a progress note under `updates:`, a re-date
under `redates:`) and each starting with its own `- date: ...` line. While the conflict is
there the file is not read, so the rules that look across records (a finding with no action,
a link to a record) hold back where the file may be the record they miss.

Anti-pattern:
```yaml
<<<<<<< HEAD
due: 2026-05-31
=======
due: 2026-06-30
>>>>>>> feature
```

Best practice:
```yaml
due: 2026-06-30
```
""")

not_utf8 = _loader_rule("not-utf8", "GT107", """\
A record file that is not UTF-8 text.

Usually a file saved by a Windows editor in a legacy encoding (e.g. a pound sign or an accented
name in Windows-1252). Save it as UTF-8.

Anti-pattern:
```yaml
title: Refund the £40 charge   # saved as Windows-1252
```

Best practice:
```yaml
title: Refund the £40 charge   # saved as UTF-8
```
""")

not_text = _loader_rule("not-text", "GT108", """\
A binary file (it contains NUL bytes) in a record folder.

Record folders hold YAML only. Put documents such as audit spreadsheets or PDFs in
`evidence/` and point at them from an action's completion.

Anti-pattern:
```yaml
# actions/audit.yaml is really a spreadsheet
```

Best practice:
```yaml
completion:
  evidence:
    - path: evidence/2026-05-mar-audit.xlsx
      description: May MAR audit, 98% complete
```
""")

unsafe_tag = _loader_rule("unsafe-tag", "GT109", """\
A YAML tag (`!something`) in a record.

Records hold plain text, numbers, dates, lists and maps. Tags can ask some YAML libraries to
build arbitrary objects, so govtool refuses every tag and reads nothing from the file.

Anti-pattern:
```yaml
title: !!python/object/apply:os.system ["echo hi"]
```

Best practice:
```yaml
title: Weekly MAR audit of 10 charts
```
""")

too_complex = _loader_rule("too-complex", "GT110", """\
A record nested too deep or with too many values (an alias bomb).

A real record nests three levels deep and holds a few hundred values. Files far beyond that
are refused unread, so that a hostile file cannot exhaust memory or time.

Anti-pattern:
```yaml
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
```

Best practice:
```yaml
title: Weekly MAR audit of 10 charts
```
""")

file_too_large = _loader_rule("file-too-large", "GT111", """\
A record file larger than 1 MiB.

A real action is a few kilobytes. Large content (audit results, photos) belongs in
`evidence/`, linked from the action.

Anti-pattern:
```yaml
completion:
  change: "<the whole audit spreadsheet pasted here>"
```

Best practice:
```yaml
completion:
  change: MAR completeness rose from 82% to 98% in three consecutive weekly audits
  evidence:
    - path: evidence/2026-05-mar-audit.xlsx
```
""")

unsafe_path = _loader_rule("unsafe-path", "GT112", """\
A record file that is a symbolic link to somewhere outside the register.

Every register file is untrusted; following a link out of the register could read files the
register's owner never meant to publish in a report. Replace the link with the file itself.

Anti-pattern:
```yaml
# actions/ACT-0042.yaml -> /home/jane/notes.yaml
```

Best practice:
```yaml
# actions/ACT-0042.yaml is a plain file in the register
id: ACT-0042
```
""")

orphaned_temp_file = _loader_rule("orphaned-temp-file", "GT115", """\
A temporary file that a govtool write left behind when it was stopped part-way.

govtool writes a file by writing a temporary copy beside it (`.ACT-7Q2K9D.yaml.k3j9x2.tmp`)
and renaming it over the original, so a write killed part-way leaves the original whole and
this litter beside it. It may hold a half-written copy: delete it (nothing reads it).

Anti-pattern:
```yaml
# actions/.ACT-7Q2K9D.yaml.k3j9x2.tmp, two days old
```

Best practice:
```yaml
# actions/ACT-7Q2K9D.yaml only
```
""", severity="warning")
