"""Find and read framework files: the ones govtool ships and those a register adds.

A framework file is read like a record (the safe YAML loader, size limits, no path out of the
register) and checked against ``framework.schema.json``; a file that is not a valid framework,
or that gives one code twice, is refused in one line naming the file and line (GovtoolError,
exit 2), because a command cannot check or group findings against a framework it cannot trust.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from govtool.register.dates import parse_file_date
from govtool.register.frameworks.model import Framework, FrameworkFile, KeyQuestion, Statement
from govtool.register.safefile import is_inside, read_record_bytes
from govtool.register.schema import refuse_invalid
from govtool.register.yamlload import LoadedYaml, YamlProblem, load_yaml
from govtool.support.errors import GovtoolError

#: The register's own frameworks live here, one ``NAME.yaml`` each.
REGISTER_FOLDER = "frameworks"
#: The framework of a register whose govtool.yaml names none: the one ``quality_statement`` uses.
DEFAULT_FRAMEWORK = "cqc-saf-2023"


def shipped_files() -> list[FrameworkFile]:
    folder = Path(str(resources.files("govtool.register.frameworks").joinpath("data")))
    return [FrameworkFile(p.stem, p, "shipped", f"{p.name} (shipped with govtool)")
            for p in sorted(folder.glob("*.yaml"))]


def register_files(root: Path | None) -> list[FrameworkFile]:
    """The register's framework files; a file or folder that leads out of the register is left out."""
    if root is None:
        return []
    folder = root / REGISTER_FOLDER
    if not folder.is_dir() or not is_inside(folder, root.resolve()):
        return []
    return [FrameworkFile(p.stem, p, "register", f"{REGISTER_FOLDER}/{p.name}")
            for p in sorted(folder.glob("*.yaml")) if is_inside(p, root.resolve())]


def available(root: Path | None) -> dict[str, FrameworkFile]:
    """Every framework by name; a register's file takes the place of a shipped one of its name
    (so a register can keep the exact copy its plan was written against)."""
    found = {f.name: f for f in shipped_files()}
    found.update({f.name: f for f in register_files(root)})
    return found


def find_file(name: str, root: Path | None) -> FrameworkFile | None:
    return available(root).get(name)


def unknown_framework(name: str, root: Path | None) -> str:
    """Why ``name`` names nothing, with what does exist."""
    names = sorted(available(root))
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return (f"no framework called {name!r}: {hint}available: {', '.join(names)} "
            f"(a register adds its own as {REGISTER_FOLDER}/NAME.yaml; 'govtool frameworks' lists them)")


def load_named(name: str, root: Path | None) -> Framework:
    found = find_file(name, root)
    if found is None:
        raise GovtoolError(unknown_framework(name, root))
    return read_framework(found)


def read_framework(file: FrameworkFile) -> Framework:
    """The framework in ``file``, or a one-line GovtoolError naming the file and line."""
    try:
        doc = load_yaml(read_record_bytes(file.path))
    except YamlProblem as problem:
        raise GovtoolError(problem.message, file.display, problem.line) from None
    if not isinstance(doc.data, dict):
        raise GovtoolError("not a framework: the file must be a mapping that starts with 'name: ...'", file.display, 1)
    refuse_invalid("framework", doc, file.display)
    data = doc.data
    if data["name"] != file.name:
        raise GovtoolError(f"name {data['name']!r} does not match the file name: call the file {data['name']}.yaml "
                           f"or the framework {file.name}", file.display, doc.line_of(("name",)))
    source = data.get("source", {})
    framework = Framework(
        name=data["name"], title=data["title"], version=data["version"], status=data["status"],
        origin="shipped with govtool" if file.kind == "shipped" else file.display, publisher=data.get("publisher"), source_title=source.get("title"),
        source_url=source.get("url"), source_date=parse_file_date(source.get("date")),
    )
    _add_statements(framework, doc, file.display)
    return framework


def _add_statements(framework: Framework, doc: LoadedYaml, display: str) -> None:
    first_line: dict[str, int | None] = {}
    questions = doc.data["key_questions"]
    if not questions:
        raise GovtoolError("key_questions is empty: a framework has at least one key question",
                           display, doc.line_of(("key_questions",)))
    for k, question in enumerate(questions):
        if any(q.id == question["id"] for q in framework.key_questions):
            raise GovtoolError(f"key question {question['id']!r} appears twice: give each its own id",
                               display, doc.line_of(("key_questions", k, "id")))
        framework.key_questions.append(KeyQuestion(question["id"], question["title"]))
        if not question["statements"]:
            raise GovtoolError(f"key question {question['id']!r} has no statements",
                               display, doc.line_of(("key_questions", k, "statements")))
        for s, item in enumerate(question["statements"]):
            code, line = item["code"], doc.line_of(("key_questions", k, "statements", s, "code"))
            if code in framework.statements:
                raise GovtoolError(f"code {code!r} appears twice (first on line {first_line[code]}): "
                                   "every statement needs its own code", display, line)
            first_line[code] = line
            framework.statements[code] = Statement(code, item["title"], question["id"])


def framework_of(root: Path, name: str | None) -> Framework:
    """The framework a register's findings refer to: ``name`` (its ``framework:`` setting,
    already checked to exist) or the default."""
    return load_named(name or DEFAULT_FRAMEWORK, root)
