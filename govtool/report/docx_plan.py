"""The action plan as a Word document (``govtool report action-plan --format docx``).

Same content and order as the HTML plan (``action-plan.html.j2`` and ``_action.html.j2``):
title and facts, the summary, then each source on a new page with its findings and a table
of the actions answering each one, in the six columns CQC expects. The summary is on a
portrait page; the tables are in a landscape section so six columns keep readable widths.
Each table's header row repeats on every page Word or LibreOffice breaks it across.

Register text is cleaned of control characters (an XML document cannot hold them) and is
only ever text in a run: a document built here has no fields, macros or external content
other than the evidence web addresses the HTML also links. The same view model gives the same
bytes: the package's dates are the report's as-of date, not the time it was written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from govtool.report.action_plan import ActionPlan
from govtool.report.by_framework import FrameworkGrouping
from govtool.report.render import format_date, humanise, plural
from govtool.report.views import ActionView, FindingView, Header, ReopeningView, SourceView
from govtool.support.terminal import printable

#: The HTML's column headings and their share of the landscape page's width (style.css).
COLUMNS = (
    ("Action to be taken", 21),
    ("Who is responsible", 12),
    ("Due date", 10),
    ("How it will be monitored", 19),
    ("Progress and status", 21),
    ("Evidence of completion", 17),
)
#: Badge colours of style.css, with the text colour each needs for contrast.
RAG_FILL = {"red": ("B71C1C", "FFFFFF"), "amber": ("FFB300", "000000"), "green": ("2E7D32", "FFFFFF"),
            "blue": ("1565C0", "FFFFFF"), "grey": ("E0E0E0", "202124")}
LEVEL_INK = {"must": "B71C1C", "should": "1D4F91"}
ACCENT = RGBColor(0x1D, 0x4F, 0x91)
MUTED = RGBColor(0x4D, 0x51, 0x56)
MARGIN = Mm(14)
A4_SHORT, A4_LONG = Mm(210), Mm(297)


class Titled(Protocol):
    """A report with a header (title, provider, as-of date): what the page set-up and the
    title block read, so that another report's Word document (momentum) starts as the plan's."""

    @property
    def header(self) -> Header: ...


def _text(value: object) -> str:
    return printable(str(value)) if value is not None else ""


@dataclass(frozen=True)
class Piece:
    """A run of text in a paragraph, with how it looks."""

    text: str
    bold: bool = False
    muted: bool = False
    strike: bool = False
    badge: str | None = None  # a RAG colour: the run is shaded like the HTML badge
    link: str | None = None


def _add_run(paragraph: Paragraph, piece: Piece) -> None:
    """One run, its XML written directly: python-docx's ``run.bold = ...`` setters search the
    run's properties for their place on every call, and its ``OxmlElement`` parses a string
    for every element, which made the Word plan of 2,000 actions most of ``report all``.
    The XML is the one those setters write (``<w:b/>``, ``<w:b w:val="0"/>``, in schema order)."""
    if piece.link:
        _add_hyperlink(paragraph, piece.link, piece.text)
        return
    run = _sub(paragraph._p, W_R)
    properties = _sub(run, W_RPR)
    _sub(properties, W_B, {} if piece.bold or piece.badge else OFF)
    _sub(properties, W_STRIKE, {} if piece.strike else OFF)
    ink = str(MUTED) if piece.muted else None
    fill = None
    if piece.badge:
        fill, ink = RAG_FILL.get(piece.badge, RAG_FILL["grey"])
    if ink is not None:
        _sub(properties, W_COLOR, {W_VAL: ink})
    if fill is not None:
        _sub(properties, W_SHD, {W_VAL: "clear", W_COLOR_ATTR: "auto", W_FILL: fill})
    text = _text(piece.text)
    if any(c in text for c in "\t\n\r"):
        Run(run, paragraph).text = text  # tabs and line breaks become Word's own elements
    elif text:
        body = _sub(run, W_T, {XML_SPACE: "preserve"} if text != text.strip() else {})
        body.text = text


def _sub(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """A new child element, made by the parent's document (so python-docx's own element classes)."""
    child = parent.makeelement(tag, attributes or {})
    parent.append(child)
    return child


W_R, W_RPR, W_B, W_STRIKE, W_COLOR, W_SHD, W_T = (qn(f"w:{tag}") for tag in ("r", "rPr", "b", "strike", "color", "shd", "t"))
W_VAL, W_COLOR_ATTR, W_FILL, XML_SPACE = qn("w:val"), qn("w:color"), qn("w:fill"), qn("xml:space")
OFF = {W_VAL: "0"}


def _add_hyperlink(paragraph: Paragraph, href: str, text: str) -> None:
    """A real hyperlink (python-docx has no API for one) to an http(s) address."""
    relationship = paragraph.part.relate_to(
        href, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1D4F91")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    body = OxmlElement("w:t")
    body.text = _text(text)
    body.set(qn("xml:space"), "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def _paragraph(container: DocumentObject | _Cell, pieces: Iterable[Piece], style: str | None = None,
               first: bool = False) -> Paragraph:
    """A paragraph of ``pieces``; in a table cell the first one reuses the cell's empty paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph(style=style)
    if first and style:
        paragraph.style = style
    for piece in pieces:
        _add_run(paragraph, piece)
    return paragraph


def _badge(colour: str, label: str) -> Piece:
    """A RAG word shaded in its colour, as the HTML badge."""
    return Piece(f" {label} ", badge=colour)


def _date(value: dt.date | None, missing: str = "") -> str:
    return format_date(value, missing)


# -- the six cells of an action, as the HTML's action_row -----------------------------------
def _action_cell(a: ActionView) -> list[list[Piece]]:
    cancelled = a.status == "cancelled"
    lines = [[Piece(a.title or "(no title recorded)", bold=True, strike=cancelled)],
             [Piece(f"Ref {a.reference} · " if a.reference else "", muted=True), Piece(a.id, muted=True),
              Piece(f" · {humanise(a.priority)} priority" if a.priority else "", muted=True)]]
    if a.description:
        lines.append([Piece(a.description, muted=True)])
    if a.risk_link:
        link = a.risk_link
        words = "Strengthens " + (f"control {link.control_id} of " if link.control_id else "") + link.risk_id
        words += f" ({link.risk_title})" if link.risk_title else ""
        words += "" if link.found else " – not found in the risk register"
        lines.append([Piece(words, muted=True)])
    if a.parent_id:
        lines.append([Piece(f"Part of {a.parent_id}", muted=True)])
    if a.child_ids:
        lines.append([Piece("Sub-actions: " + ", ".join(a.child_ids), muted=True)])
    return lines


def _owner_cell(a: ActionView) -> list[list[Piece]]:
    if a.owner is None:
        return [[Piece("No owner recorded", muted=True)]]
    lines = [[Piece(a.owner.name, bold=True)]]
    if a.owner.role:
        lines.append([Piece(a.owner.role)])
    if a.owner.left:
        lines.append([Piece(f"Left {_date(a.owner.left)}", muted=True)])
    elif not a.owner.in_directory:
        lines.append([Piece("Not in the people directory", muted=True)])
    return lines


def _due_cell(a: ActionView) -> list[list[Piece]]:
    lines = [[Piece(_date(a.due))] if a.due else [Piece("No due date", muted=True)]]
    if a.overdue_days:
        lines.append([Piece(f"Overdue by {plural(a.overdue_days, 'day')}", bold=True)])
    if a.redate_summary:
        lines.append([Piece(a.redate_summary, muted=True)])
    return lines


def _measure_cell(a: ActionView) -> list[list[Piece]]:
    if a.measure is None:
        return [[Piece(a.measure_missing or "No measure recorded", muted=True)]]
    fields = (("Target:", a.measure.target), ("Baseline:", a.measure.baseline), ("How checked:", a.measure.method))
    return [[Piece(label, bold=True), Piece(f" {value}")] for label, value in fields if value]


def _by(date: dt.date | None, who: str | None) -> str:
    return (f" {_date(date)}" if date else "") + (f" by {who}" if who else "")


def _progress_cell(a: ActionView) -> list[list[Piece]]:
    status = [_badge(a.rag.colour, a.rag.label)]
    if a.rag.label != a.status_label:
        status.append(Piece(f" {a.status_label}"))
    if a.rag.reason and (a.rag.colour in ("red", "amber") or a.status == "closed" and a.rag.colour == "green"):
        status.append(Piece(f" – {a.rag.reason}"))
    lines = [status]
    for step in a.trail_order:  # corrections and handovers are in the action and owner cells
        if step.kind == "redate":
            r = a.redates[step.index]
            late = f" ({plural(r.days_after_due, 'day')} after it was due)" if r.days_after_due else ""
            lines.append([Piece("Re-dated" + _by(r.date, None) + late + (f" by {r.by}" if r.by else ""), bold=True),
                          Piece(f" from {_date(r.from_, '?')} to {_date(r.to, '?')}: {r.reason or 'no reason recorded'}")])
        elif step.kind == "reopening":
            lines.append(_reopened(a.reopenings[step.index]))
    if a.cancellation:
        c = a.cancellation
        lines.append([Piece("Cancelled" + _by(c.date, c.by) + ":", bold=True), Piece(f" {c.text or 'no reason recorded'}")])
    if a.latest_update and a.status != "cancelled":
        u = a.latest_update
        when = f" ({_date(u.date)}{', ' + u.by if u.by else ''})" if u.date else ""
        lines.append([Piece(f"Latest progress{when}:", bold=True), Piece(f" {u.note or ''}")])
    if a.next_milestone:
        m = a.next_milestone
        due = f", due {_date(m.due)}" + (" (date passed)" if m.past else "") if m.due else ""
        lines.append([Piece("Next milestone:", bold=True), Piece(f" {m.text or '(not described)'}{due}")])
    if a.completion and a.completion.date:
        lines.append([Piece("Completed", bold=True),
                      Piece(_by(a.completion.date, a.completion.by) + _typed(a.completion.recorded_by))])
    if a.closure:
        c = a.closure
        lines.append([Piece("Signed off" + _by(c.date, c.by) + _typed(c.recorded_by) + ":", bold=True),
                      Piece(f" {c.text or ''}")])
    return lines


def _typed(recorded_by: str | None) -> str:
    """' (recorded by Aisha Rahman)': who typed the entry in, when not the person it names (as
    the Markdown and HTML plans say it)."""
    return f" (recorded by {recorded_by})" if recorded_by else ""


def _reopened(r: ReopeningView) -> list[Piece]:
    line = [Piece("Reopened" + _by(r.date, r.by) + ":", bold=True), Piece(f" {r.reason or 'no reason recorded'}")]
    if r.completion:
        sign_off = " and its sign-off" if r.closure else ""
        line.append(Piece(f" (set aside: the completion of {_date(r.completion.date, '?')}{sign_off}: "
                          f"{r.completion.change or 'no change recorded'})", muted=True))
    return line


def _evidence_cell(a: ActionView) -> list[list[Piece]]:
    if a.completion is None:
        return [[Piece("None: the action was cancelled" if a.status == "cancelled" else "Not yet completed", muted=True)]]
    lines = []
    if a.completion.change:
        lines.append([Piece("Change to practice:", bold=True), Piece(f" {a.completion.change}")])
    for e in a.completion.evidence:
        item = [Piece("• "), Piece(e.label, link=e.href) if e.href else Piece(e.label)]
        if e.note:
            item.append(Piece(f" ({e.note})", muted=True))
        lines.append(item)
    if not a.completion.evidence:
        lines.append([Piece("No evidence recorded", muted=True)])
    return lines


CELLS = (_action_cell, _owner_cell, _due_cell, _measure_cell, _progress_cell, _evidence_cell)


# -- tables, blocks and sections --------------------------------------------------------
def _repeat_as_header(row: _Row) -> None:
    """Mark ``row`` as the table's header row: Word and LibreOffice repeat it on every page."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: DocumentObject, headings: Sequence[str], widths: Sequence[Length], rows: int) -> Table:
    """A grid with a shaded header row that repeats on every page, and ``rows`` empty rows."""
    table: Table = doc.add_table(rows=rows + 1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width  # the grid LibreOffice reads; Word reads each cell's width
    for tr in table._tbl.tr_lst:  # each cell's XML directly: ``column.cells`` walks the whole table
        for tc, column_width in zip(tr.tc_lst, widths, strict=True):
            tc.width = column_width
    _repeat_as_header(table.rows[0])
    for cell, title in zip(table.rows[0].cells, headings, strict=True):
        _shade(cell, "E8EDF3")
        _paragraph(cell, [Piece(title, bold=True)], first=True)
    return table


def _action_table(doc: DocumentObject, actions: Sequence[ActionView], width: int) -> Table:
    widths = [Emu(width * share // 100) for _, share in COLUMNS]
    table = _table(doc, [title for title, _ in COLUMNS], widths, len(actions))
    for action, row in zip(actions, table.rows[1:], strict=True):
        for cell, build in zip(row.cells, CELLS, strict=True):
            if action.status == "cancelled":
                _shade(cell, "F5F5F5")
            for index, pieces in enumerate(build(action)):
                _paragraph(cell, pieces, first=index == 0)
    return table


def _facts(doc: DocumentObject, facts: Iterable[tuple[str, str]]) -> None:
    for label, value in facts:
        _paragraph(doc, [Piece(f"{label}: ", bold=True), Piece(value)])


def _heading(doc: DocumentObject, text: str, level: int, new_page: bool = False) -> Paragraph:
    heading: Paragraph = doc.add_heading(_text(text), level=level)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.page_break_before = new_page
    return heading


def _finding(doc: DocumentObject, f: FindingView, width: int) -> None:
    heading = _heading(doc, f.id + (f" · {f.regulation_label}" if f.regulation_label else ""), 2)
    if f.level:
        run = heading.add_run(f"   {f.level.upper()}")
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor.from_string(LEVEL_INK.get(f.level, "4D5156"))
    about = []
    if f.key_question_label:
        about.append(f"Key question: {f.key_question_label}")
    if f.quality_statement:
        about.append(f"Quality statement: {f.quality_statement}")
    if about:
        _paragraph(doc, [Piece(" · ".join(about), muted=True)]).paragraph_format.keep_with_next = True
    quote = _paragraph(doc, [Piece(f.text or "(finding text not recorded)")], style="Intense Quote")
    quote.paragraph_format.keep_with_next = True
    if f.actions:
        _action_table(doc, f.actions, width)
    elif f.unreadable_answers:
        _paragraph(doc, [Piece(f"No action can be shown for this finding: {', '.join(f.unreadable_answers)}, which "
                               "may answer it, could not be read. Run govtool lint to see why.", bold=True)])
    else:
        _paragraph(doc, [Piece("No action recorded for this finding.", bold=True)])


def _source(doc: DocumentObject, s: SourceView, width: int, new_page: bool) -> None:
    _heading(doc, s.heading, 1, new_page=new_page)
    _source_facts(doc, s)
    for f in s.findings:
        _finding(doc, f, width)
    if s.other_actions:
        _heading(doc, "Actions not linked to a listed finding" if s.findings else "Actions", 2)
        _action_table(doc, s.other_actions, width)
    elif not s.findings:
        _paragraph(doc, [Piece("No action recorded for this source.", bold=True)])


def _source_facts(doc: DocumentObject, s: SourceView) -> None:
    """Type, date, reference, record, the response deadline and where it stands, and the summary."""
    facts = [("Type", s.type_label), ("Date", _date(s.date, "Not recorded"))]
    if s.reference:
        facts.append(("Reference", s.reference))
    facts.append(("Record", s.id))
    if s.response:
        r = s.response
        notes = "".join(f" · Note{f' on finding {n.finding}' if n.finding else ''}: {n.reason}" for n in r.notes)
        facts.append(("Response due", f"{_date(r.due)} · {r.label}" + (f": {r.detail}" if r.detail else "") + notes))
    _facts(doc, facts)
    if s.summary:
        _paragraph(doc, [Piece(s.summary)])


def _by_framework(doc: DocumentObject, g: FrameworkGrouping, sources: Sequence[SourceView], width: int) -> None:
    """The findings grouped by the framework's statements, as the HTML and Markdown plans
    group them with ``--by-framework``: the sources first, each with its response deadline,
    then one section per statement, each finding with its source."""
    _paragraph(doc, [Piece(f"Findings grouped by {g.title} ({g.name}, version {g.version}, {g.status}).")])
    if sources:
        _heading(doc, "Sources", 1)
        for s in sources:
            _heading(doc, s.heading, 2)
            _source_facts(doc, s)
            if not s.findings and not s.other_actions:
                _paragraph(doc, [Piece("No action recorded for this source.", bold=True)])
    if not g.sections:
        _paragraph(doc, [Piece("No findings match.", muted=True)])
    for index, section in enumerate(g.sections):
        title = (f"{section.key_question} · {section.title} ({section.code})" if section.key_question
                 else section.title)
        _heading(doc, title, 1, new_page=index > 0 or bool(sources))
        for item in section.findings:
            origin = _paragraph(doc, [Piece(f"From {item.source_type_label}: {item.source_title or item.source_id} "
                                            f"(record {item.source_id})", muted=True)])
            origin.paragraph_format.keep_with_next = True
            _finding(doc, item.finding, width)
    if g.other_actions:
        _heading(doc, "Actions not linked to a listed finding", 1, new_page=bool(g.sections))
        _action_table(doc, [action for _source_id, action in g.other_actions], width)


def _summary(doc: DocumentObject, view: ActionPlan) -> None:
    s = view.summary
    _heading(doc, "Summary", 1)
    if view.response:
        _paragraph(doc, [Piece(
            "This is the provider's action plan in response to the CQC inspection report: for each regulation that "
            "was not met (and each improvement CQC said the provider should make), the action being taken, who is "
            "responsible, the date it is due, how the improvement is monitored, progress, and the evidence of "
            "completion.")])
    figures = [(s.actions, "actions shown"), (s.overdue, "overdue"),
               (s.closed_this_quarter, f"closed since {_date(s.quarter_start)} (last 91 days)"),
               (s.unanswered_findings, f"of {plural(s.findings, 'finding')} with no action")]
    for number, what in figures:
        _paragraph(doc, [Piece(str(number), bold=True), Piece(f" {what}")], style="List Bullet")
    for caption, head, rows in (
        ("Actions by status", "Status", [([Piece(c.label)], c.count) for c in s.by_status]),
        ("Actions by RAG rating", "Rating", [([_badge(c.colour, c.label)], c.count) for c in s.by_rag]),
    ):
        heading = _paragraph(doc, [Piece(caption, bold=True)])
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(8)
        table = _table(doc, (head, "Actions"), (Mm(45), Mm(20)), len(rows))
        for (pieces, count), row in zip(rows, table.rows[1:], strict=True):
            _paragraph(row.cells[0], pieces, first=True)
            _paragraph(row.cells[1], [Piece(str(count))], first=True)


def _landscape(doc: DocumentObject) -> int:
    """Start a new landscape section for the tables; the width its text may use."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_LONG, A4_SHORT
    return int(section.page_width - section.left_margin - section.right_margin)


def _setup(doc: DocumentObject, view: Titled) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_SHORT, A4_LONG
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)  # table cells hold many short paragraphs
    for level in (1, 2):
        doc.styles[f"Heading {level}"].font.color.rgb = ACCENT
    doc.styles["Title"].font.size = Pt(22)
    props = doc.core_properties
    props.title = _text(view.header.title)
    props.author = props.last_modified_by = _text(view.header.generator)
    props.subject = _text(view.header.location or "")
    moment = dt.datetime.combine(view.header.as_of, dt.time())
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1


def _header(doc: DocumentObject, view: Titled) -> None:
    h = view.header
    doc.add_heading(_text(h.title), level=0)
    if h.subtitle:
        _paragraph(doc, [Piece(h.subtitle, muted=True)])
    facts = [("Provider", h.provider or "Not recorded"), ("Location", h.location or "Not recorded")]
    if h.rating:
        facts.append(("CQC rating", h.rating))
    facts.append(("As of", _date(h.as_of)))
    if h.filters:
        facts.append(("Showing", "; ".join(h.filters)))
    _facts(doc, facts)
    if h.unreadable:
        count = len(h.unreadable)
        _paragraph(doc, [Piece(
            f"{plural(count, 'record file')} could not be read and {'are' if count > 1 else 'is'} not in this report: "
            f"{', '.join(h.unreadable)}. Run govtool lint to see why.", bold=True)])


def build_document(view: ActionPlan) -> DocumentObject:
    """The plan as a python-docx Document, in the order of the HTML plan."""
    doc = Document()
    _setup(doc, view)
    _header(doc, view)
    _summary(doc, view)
    width = _landscape(doc)
    if view.by_framework is not None:
        _by_framework(doc, view.by_framework, view.sources, width)
    else:
        if not view.sources:
            _paragraph(doc, [Piece("No sources match.", muted=True)])
        for index, src in enumerate(view.sources):
            _source(doc, src, width, new_page=index > 0)
    for title, intro, actions in (
        ("Actions from the risk register",
         "Actions raised to strengthen a control on the risk register, with no other source.", view.risk_actions),
        ("Actions whose source is missing",
         "These actions name a source that is not in the register; they are shown so that nothing is hidden.",
         view.unlinked_actions),
    ):
        if actions:
            _heading(doc, title, 1, new_page=True)
            _paragraph(doc, [Piece(intro)])
            _action_table(doc, actions, width)
    if view.unexplained:  # as the HTML plan: the same plan in either form
        _heading(doc, "Changes to the trail not yet explained", 1, new_page=True)
        _paragraph(doc, [Piece(UNEXPLAINED_INTRO)])
        for u in view.unexplained:
            _paragraph(doc, [Piece(u.record, bold=True), Piece(f": {u.what}")], style="List Bullet")
    if view.acknowledged:  # as the HTML plan: the same plan in either form
        _heading(doc, "Acknowledged mistakes in the trail", 1, new_page=True)
        _paragraph(doc, [Piece("Changes that broke the trail and could not be undone, acknowledged in "
                               "the register's settings with the reason.")])
        for m in view.acknowledged:
            _paragraph(doc, [Piece(m.record, bold=True), Piece(f": {m.where}: {m.what}. Reason given: {m.reason}")],
                       style="List Bullet")
    h = view.header
    _paragraph(doc, [Piece(
        f"Generated by {h.generator} from the improvement register, as of {_date(h.as_of)}. Status colours: "
        "Red = overdue or off track; Amber = open or in progress, on track; Green = completed, awaiting sign-off; "
        "Blue = closed, complete and assured; Cancelled = stopped, with the reason recorded.", muted=True)])
    return doc


#: The Word plan's words for the section the HTML and Markdown templates also hold.
UNEXPLAINED_INTRO = ("Changes made to these actions outside govtool that their trail does not explain: govtool lint reports each one until it is put right or acknowledged with its reason.")


def render_docx(view: ActionPlan) -> bytes:
    """The .docx file's bytes; the same view gives the same bytes (zip entries dated as-of)."""
    return document_bytes(build_document(view), view.header.as_of)


def document_bytes(document: DocumentObject, as_of: dt.date) -> bytes:
    """A document's .docx bytes, every zip entry dated ``as_of``: the same document, the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()
