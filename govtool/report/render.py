"""The one place reports are rendered: the Jinja2 environment, its filters, and JSON.

Templates live in ``govtool/report/templates`` as ``<report>.<format>.j2`` and extend
``base.html.j2`` / ``base.md.j2``. A user folder given with ``--templates`` comes first in
the loader, so any template (or the stylesheet) can be overridden by a file of the same
name. HTML escapes every value (autoescape); Markdown escapes every value too, through
``finalize`` (see :mod:`govtool.report.markdown`). ``StrictUndefined`` makes a misspelt
field an error instead of an empty cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markupsafe import Markup, escape

from govtool.report import markdown
from govtool.report.charts import CHARTS
from govtool.support.errors import GovtoolError
from govtool.support.terminal import dumps_json, printable

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("markdown", "html", "json")
EXTENSIONS = {"markdown": "md", "html": "html", "json": "json", "text": "txt"}


# -- filters ------------------------------------------------------------------------------
def format_date(value: dt.date | None, missing: str = "") -> str:
    """'31 Mar 2026': day first, month in words, so no reader mistakes 03/04 for 4 March."""
    if value is None:
        return missing
    return f"{value.day} {value:%b %Y}"


def iso_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def ink(background: str) -> str:
    """Black or white text, whichever contrasts more with ``background`` (#rrggbb)."""
    try:
        red, green, blue = (int(background.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "#000000"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def person(view: Any) -> str:
    """'Jane Smith (Registered Manager)' from a PersonView (or '' for none)."""
    if view is None:
        return ""
    return f"{view.name} ({view.role})" if view.role else view.name


def sparkline(values: Sequence[int]) -> str:
    """▁▂▅█ — a one-line trend for Markdown, where there are no charts."""
    blocks = "▁▂▃▄▅▆▇█"
    top = max(values, default=0)
    if top == 0:
        return blocks[0] * len(values)
    return "".join(blocks[min(7, round(v * 7 / top))] for v in values)


def humanise(value: str | None) -> str:
    """'in_progress' -> 'In progress'."""
    return (value or "").replace("_", " ").capitalize()


def path_breaks(value: str | None) -> Markup:
    """A path that may wrap after each '/' (and nowhere else inside a word), escaped for HTML.

    ``<wbr>`` is a line-break opportunity that prints nothing and copies as nothing, so a long
    evidence path wraps at its folders instead of one character per line in a narrow column.
    """
    return Markup("/<wbr>").join(escape(printable(part)) for part in (value or "").split("/"))


FILTERS: dict[str, Callable[..., Any]] = {
    "date": format_date,
    "iso": iso_date,
    "plural": plural,
    "ink": ink,
    "person": person,
    "sparkline": sparkline,
    "humanise": humanise,
    "path_breaks": path_breaks,
    "md": markdown.escape,
    "mdlink": markdown.link,
}


def _html_finalize(value: object) -> object:
    """Every ``{{ value }}`` of an HTML template, before autoescaping: None prints as nothing,
    and register text loses its control characters, bidirectional ones included, so a title
    cannot display in another order than it reads (markup our own filters built is left be)."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def environment(fmt: str, user_templates: Path | None = None) -> Environment:
    """The Jinja2 environment for ``fmt`` ('html', 'markdown' or 'text'), user templates first.

    'text' is plain text for a terminal or an email's text part: nothing to escape, but
    register text still loses its control characters, as in HTML."""
    if user_templates is not None and not user_templates.is_dir():
        raise GovtoolError(f"--templates {user_templates} is not a folder")
    return _environment(fmt, user_templates.resolve() if user_templates is not None else None)


@functools.lru_cache(maxsize=8)
def _environment(fmt: str, user_templates: Path | None) -> Environment:
    """One environment per format and template folder, so templates compile once per run."""
    loaders = [FileSystemLoader(str(BUILTIN_TEMPLATES))]
    if user_templates is not None:
        loaders.insert(0, FileSystemLoader(str(user_templates)))
    html = fmt == "html"
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=html,
        undefined=StrictUndefined,
        finalize=_html_finalize if html or fmt == "text" else markdown.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(CHARTS)
    return env


# -- JSON -----------------------------------------------------------------------------------
def jsonable(value: Any) -> Any:
    """View models to JSON data: dates as ISO text, ``from_`` fields as ``from``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    return value


def to_json(view: Any) -> str:
    return dumps_json(jsonable(view), indent=2) + "\n"


# -- rendering ------------------------------------------------------------------------------
def render(report: str, fmt: str, view: Any, user_templates: Path | None = None) -> str:
    """``report`` ('action-plan', 'momentum', ...) in ``fmt`` from its view model."""
    if fmt == "json":
        return to_json(view)
    name = f"{report}.{EXTENSIONS[fmt]}.j2"
    env = environment(fmt, user_templates)
    try:
        return env.get_template(name).render(view=view, format=fmt)
    except TemplateNotFound as missing:
        raise GovtoolError(f"template {missing.name} not found (looked in --templates and the built-in ones)") from None
    except TemplateError as error:
        where, line = _template_place(error)
        raise GovtoolError(f"template error: {error.message}", where or name, line) from None


def _template_place(error: TemplateError) -> tuple[str | None, int | None]:
    """The template file and line an error comes from. A syntax error carries them; an error
    while rendering (a misspelt field) does not, but Jinja2 rewrites the traceback so that
    its frames are the templates' own lines: the innermost of those is where it went wrong."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and line:
        return filename, line
    place: tuple[str | None, int | None] = (filename, line)
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code.co_filename
        if code.endswith(".j2"):
            place = (code, frame.tb_lineno)
        frame = frame.tb_next
    return place
