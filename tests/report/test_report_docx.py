"""`govtool report action-plan --format docx`: the plan as a Word document, read back with python-docx."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from .report_support import AS_OF, assert_written


def _plan(cli: Any, register: Path, target: Path, *args: str) -> DocumentObject:
    result = cli("report", "action-plan", "--as-of", AS_OF, *args, "-o", target, cwd=register)
    assert_written(result)
    return docx.Document(str(target))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _action_tables(document: DocumentObject) -> list[Any]:
    return [t for t in document.tables if len(t.columns) == 6]


def test_the_word_plan_holds_every_action_in_the_order_of_the_html(fixture_register: Path, cli: Any,
                                                                    tmp_path: Path) -> None:
    document = _plan(cli, fixture_register, tmp_path / "plan.docx")
    page = cli("report", "action-plan", "--format", "html", "--as-of", AS_OF, cwd=fixture_register).stdout
    view = json.loads(cli("report", "action-plan", "--format", "json", "--as-of", AS_OF, cwd=fixture_register).stdout)

    # Every action, each once, in the order the HTML lists them.
    in_word = [row.cells[0].paragraphs[1].text.split(" ")[0]
               for table in _action_tables(document) for row in table.rows[1:]]
    assert in_word == re.findall(r'<tr id="([^"]+)" class="action', page)
    every = {a["id"] for s in view["sources"] for f in s["findings"] for a in f["actions"]}
    every |= {a["id"] for s in view["sources"] for a in s["other_actions"]}
    every |= {a["id"] for a in view["risk_actions"] + view["unlinked_actions"]}
    assert len(every) >= 5 and set(in_word) == every

    # The same headings in the same order: sources as Heading 1, findings as Heading 2.
    headings = [(p.style.name, _words(p.text)) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    html_headings = [(tag, _words(re.sub(r"<[^>]+>", "", text)))
                     for tag, text in re.findall(r"<(h[123])[^>]*>(.*?)</h[123]>", page, re.S)]
    styles = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2"}
    assert headings == [(styles[tag], text) for tag, text in html_headings]
    assert ("Heading 1", _words("CQC inspection report, Fernhill Lodge (June 2026)")) in headings

    # Rows read as in the HTML: owner, due date, status, evidence.
    cells = {row.cells[0].paragraphs[1].text.split(" ")[0]: [c.text for c in row.cells]
             for table in _action_tables(document) for row in table.rows[1:]}
    assert any("Closed" in c[4] for c in cells.values())
    assert [c[5] for c in cells.values() if "Cancelled" in c[4]] == ["None: the action was cancelled"]


def test_tables_repeat_their_header_row_in_a_landscape_section(fixture_register: Path, cli: Any,
                                                               tmp_path: Path) -> None:
    document = _plan(cli, fixture_register, tmp_path / "plan.docx")
    first, tables = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and first.page_height > first.page_width
    assert tables.orientation == WD_ORIENT.LANDSCAPE and tables.page_width > tables.page_height
    assert abs(tables.page_width.mm - 297) < 1 and abs(tables.page_height.mm - 210) < 1

    body = list(document.element.body)
    section_break = next(i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    action_tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl") and len(el.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) == 6]
    assert action_tables and min(action_tables) > section_break  # every six-column table is landscape
    for table in _action_tables(document):
        header = table.rows[0]
        assert header._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert [c.text for c in header.cells] == ["Action to be taken", "Who is responsible", "Due date",
                                                  "How it will be monitored", "Progress and status",
                                                  "Evidence of completion"]


def test_the_same_register_and_date_give_the_same_bytes(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    _plan(cli, fixture_register, tmp_path / "a.docx")
    _plan(cli, fixture_register, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert docx.Document(str(tmp_path / "a.docx")).core_properties.created.date().isoformat() == AS_OF


def test_the_response_to_cqc_as_a_word_file(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    document = _plan(cli, fixture_register, tmp_path / "response.docx", "--source-type", "inspection_report")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Action plan: response to the CQC inspection report" in text
    assert "Incident: Fall in the lounge" not in text


@pytest.mark.parametrize("args, message", [
    (["action-plan", "--format", "docx"], "needs -o FILE.docx"),
    (["momentum", "--format", "docx"], "needs -o FILE.docx"),
    (["risks", "-o", "r.docx"], "'.docx' names no format this command writes"),
    (["action-plan", "--templates", ".", "-o", "p.docx"], "the Word document has a fixed layout"),
])
def test_word_output_that_cannot_be_made_is_refused(fixture_register: Path, cli: Any, args: list[str],
                                                    message: str) -> None:
    result = cli("report", *args, cwd=fixture_register)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert not list(fixture_register.glob("*.docx"))


def test_register_text_is_only_ever_text(git_repo: Any, cli: Any, tmp_path: Path) -> None:
    """Control characters (which an XML file cannot hold) show as U+FFFD; markup stays words;
    only http(s) addresses and files inside the register become links."""
    git_repo.write("govtool.yaml", 'provider: "Bell\\a Ltd"\nlocation: Home\npeople: {}\n')
    git_repo.write("sources/SRC-1.yaml", """
        id: SRC-1
        type: audit
        title: "Audit <b>bold</b> \\a"
        date: 2026-03-01
        findings:
          - {id: F1, text: "<script>alert(1)</script>"}
        """)
    git_repo.write("actions/ACT-1.yaml", """
        id: ACT-1
        title: "Fix it \\x07 now"
        source: SRC-1
        finding: F1
        owner: someone
        created: 2026-03-02
        due: 2026-04-30
        status: completed
        completion:
          date: 2026-04-20
          change: done
          evidence:
            - {url: "javascript:alert(4)", description: bad}
            - {url: "https://example.org/audit", description: good}
            - {path: "../outside.csv", description: outside}
        """)
    git_repo.commit("hostile", date="2026-05-01")
    document = _plan(cli, git_repo.path, tmp_path / "plan.docx")
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Provider: Bell\ufffd Ltd" in text
    assert "Audit <b>bold</b> \ufffd" in text and "<script>alert(1)</script>" in text
    assert "Fix it \ufffd now" in text
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://example.org/audit"]


def test_the_due_date_is_called_the_due_date_in_every_format(fixture_register: Path, cli: Any,
                                                              tmp_path: Path) -> None:
    """The trial's finding: 'Completion date: 30 Sep 2026' (the due date) beside 'Completed
    20 Sep 2026' read as a contradiction to an inspector. The column says what it holds."""
    md = cli("report", "action-plan", "--as-of", AS_OF, cwd=fixture_register).stdout
    html = cli("report", "action-plan", "--format", "html", "--as-of", AS_OF, cwd=fixture_register).stdout
    document = _plan(cli, fixture_register, tmp_path / "plan.docx")
    block = md[md.index("**ACT-A1**"):]
    assert "**Due date:** 30 Sep 2026" in block and "**Completed** 20 Sep 2026" in block
    assert '<th scope="col">Due date</th>' in html and '<td data-label="Due date">' in html
    assert {t.rows[0].cells[2].text for t in _action_tables(document)} == {"Due date"}
    words = " ".join(p.text for p in document.paragraphs) + " ".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    for text in (md, html, words):
        assert "completion date" not in text.casefold()
