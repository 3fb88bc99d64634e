"""The momentum report as a Word document (``govtool report momentum --format docx``).

Same content and order as the HTML (``momentum.html.j2``): title and facts, the headline
figures and the two quarters, the backlog week by week, closures per month, load per owner and
the age of open actions, on portrait A4. It is written with the Word plan's pieces
(:mod:`.docx_plan`: page set-up, title block, headings, tables whose header row repeats, the
same bytes for the same view), so the two documents look alike.

The HTML's charts are tables here, the figures the Markdown report gives: a chart in Word is an
image, and the charts are SVG, which Word shows only beside a PNG copy of it. Drawing that copy
needs a rasteriser (cairosvg with the cairo library, or Pillow to draw each chart again), a
heavy dependency for four simple charts whose every value the tables already give.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from govtool.report.docx_plan import (
    Piece,
    _date,
    _header,
    _heading,
    _paragraph,
    _setup,
    _table,
    document_bytes,
)
from govtool.report.momentum import Momentum
from govtool.report.render import plural


def _rows(doc: DocumentObject, headings: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[str]],
          numbers_from: int = 1) -> None:
    """A table of ``rows`` under ``headings``; columns from ``numbers_from`` on are figures."""
    table = _table(doc, headings, [Mm(w) for w in widths], len(rows))
    for values, row in zip(rows, table.rows[1:], strict=True):
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = _paragraph(cell, [Piece(value, bold=index == 0)], first=True)
            if index >= numbers_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # as the HTML's figures


def _note(doc: DocumentObject, text: str) -> None:
    _paragraph(doc, [Piece(text, muted=True)]).paragraph_format.keep_with_next = True


def _headline(doc: DocumentObject, view: Momentum) -> None:
    t, p = view.trailing_quarter, view.previous_quarter
    _heading(doc, "Headline figures", 1)
    median = "–" if view.median_days_to_close is None else str(view.median_days_to_close)
    figures = [(str(view.open), "open or in progress"), (str(view.overdue), "overdue"),
               (str(view.closed_trailing_quarter),
                f"closed in the last 91 days ({view.closed_previous_quarter} in the 91 days before)"),
               (median, "median days from created to closed"),
               (str(view.redated), view.redated_said)]
    for number, what in figures:
        _paragraph(doc, [Piece(number, bold=True), Piece(f" {what}")], style="List Bullet")
    caption = _paragraph(doc, [Piece("Trailing quarter against the previous one", bold=True)])
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)
    _rows(doc, ("Quarter", "Dates", "Created", "Closed"), (40, 70, 25, 25), [
        ("Trailing quarter", f"{_date(t.start)} to {_date(t.end)}", str(t.created), str(t.closed)),
        ("Previous quarter", f"{_date(p.start)} to {_date(p.end)}", str(p.created), str(p.closed)),
    ], numbers_from=2)
    _paragraph(doc, [Piece(f"Closures {view.closures_moved} against the previous quarter; "
                           f"{plural(t.created, 'action was', 'actions were')} added and {t.closed} closed "
                           "in the trailing quarter.")])


def build_momentum_document(view: Momentum) -> DocumentObject:
    """The momentum report as a python-docx Document, in the order of the HTML."""
    doc = Document()
    _setup(doc, view)
    _header(doc, view)
    _headline(doc, view)

    _heading(doc, f"Backlog over the last {plural(len(view.backlog), 'week')}", 1)
    _note(doc, "Actions open or in progress at the end of each week, and how many of them were overdue.")
    if view.weeks_from_plan_start:
        _note(doc, view.began_note(_date(view.plan_start), "weeks"))
    _rows(doc, ("Week ending", "Open", "Overdue"), (40, 25, 25),
          [(_date(b.date), str(b.open), str(b.overdue)) for b in view.backlog])

    _heading(doc, "Closures per month", 1)
    _note(doc, f"Actions counted by their closure (sign-off) date. "
               f"{plural(view.closed_total, 'action has', 'actions have')} been closed in all.")
    if view.months_from_plan_start:
        _note(doc, view.began_note(_date(view.plan_start), "months"))
    _rows(doc, ("Month", "Closed"), (40, 25), [(m.label, str(m.closed)) for m in view.months])

    _heading(doc, "Load per owner", 1)
    if view.owners:
        _rows(doc, ("Owner", "Role", "Open", "Overdue"), (55, 55, 25, 25),
              [(o.name, o.role or "", str(o.open), str(o.overdue)) for o in view.owners], numbers_from=2)
    else:
        _paragraph(doc, [Piece("No open actions.")])

    _heading(doc, "Age of open actions", 1)
    ages = [(b.label, str(b.count)) for b in view.age]
    if view.age_unknown:
        ages.append(("No created date", str(view.age_unknown)))
    _rows(doc, ("Age", "Open actions"), (40, 30), ages)
    h = view.header
    _paragraph(doc, [Piece(f"Generated by {h.generator} from the improvement register, as of {_date(h.as_of)}. "
                           "Slips (re-dated) come from Git's history; every other figure from the register's files "
                           "for the as-of date.", muted=True)])
    return doc


def render_momentum_docx(view: Momentum) -> bytes:
    """The .docx file's bytes; the same view gives the same bytes."""
    return document_bytes(build_momentum_document(view), view.as_of)
