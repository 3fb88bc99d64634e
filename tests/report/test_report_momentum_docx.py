"""`govtool report momentum -o momentum.docx`: the momentum report as a Word document, read back
with python-docx. Before, a Word file was refused: only the action plan could be one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from .report_support import AS_OF, assert_written


def _momentum(cli: Any, register: Path, target: Path) -> DocumentObject:
    result = cli("report", "momentum", "--as-of", AS_OF, "-o", target, cwd=register)
    assert_written(result)
    return docx.Document(str(target))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_the_word_momentum_report_has_the_html_headings_and_every_figure(fixture_register: Path, cli: Any,
                                                                          tmp_path: Path) -> None:
    document = _momentum(cli, fixture_register, tmp_path / "momentum.docx")
    page = cli("report", "momentum", "--format", "html", "--as-of", AS_OF, cwd=fixture_register).stdout
    view = json.loads(cli("report", "momentum", "--format", "json", "--as-of", AS_OF, cwd=fixture_register).stdout)

    headings = [(p.style.name, _words(p.text)) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    html_headings = [(tag, _words(re.sub(r"<[^>]+>", "", text)))
                     for tag, text in re.findall(r"<(h[12])[^>]*>(.*?)</h[12]>", page, re.S)]
    assert headings == [({"h1": "Title", "h2": "Heading 1"}[tag], text) for tag, text in html_headings]

    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{view['open']} open or in progress" in text and f"{view['overdue']} overdue" in text
    assert f"{view['redated']} open action{'' if view['redated'] == 1 else 's'} re-dated at least once" in text
    tables = {table.rows[0].cells[0].text: [[c.text for c in row.cells] for row in table.rows[1:]]
              for table in document.tables}
    # the charts' figures, as tables: every week, every month, every owner, every age
    assert [row[1:] for row in tables["Week ending"]] == [[str(b["open"]), str(b["overdue"])] for b in view["backlog"]]
    assert [row[1] for row in tables["Month"]] == [str(n) for n in view["closed_by_month"].values()]
    assert [row[2:] for row in tables["Owner"]] == [[str(o["open"]), str(o["overdue"])] for o in view["by_owner"].values()]
    assert [row[1] for row in tables["Age"]][:5] == [str(b["count"]) for b in view["age"]]
    assert tables["Quarter"][0][2:] == [str(view["trailing_quarter"]["created"]), str(view["trailing_quarter"]["closed"])]
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # repeats on each page

    section = document.sections[0]
    assert len(document.sections) == 1 and section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1


def _one_action_committed(git_repo: Any) -> None:
    """One audit (1 Nov 2026) and one open action on it, created 10 Nov, owned by 'jane'."""
    git_repo.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: Audit\ndate: 2026-11-01\n")
    git_repo.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Check 10 MAR charts weekly\nsource: SRC-1\n"
                                         "owner: jane\npriority: low\ncreated: 2026-11-10\ndue: 2027-03-31\nstatus: open\n")
    git_repo.commit("register", date="2026-12-02")


def test_the_word_momentum_report_says_when_the_plan_began(git_repo: Any, cli: Any, tmp_path: Path) -> None:
    git_repo.write("govtool.yaml", "provider: Test Care Ltd\nlocation: Test House\npeople: {}\n")
    _one_action_committed(git_repo)
    result = cli("report", "momentum", "--as-of", "2027-02-05", "-o", tmp_path / "m.docx", cwd=git_repo.path)
    assert_written(result)
    document = docx.Document(str(tmp_path / "m.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Backlog over the last 13 weeks" in text
    assert "The plan began on 10 Nov 2026 (its first action's created date): the months before it are not shown." in text
    months = next(t for t in document.tables if t.rows[0].cells[0].text == "Month")
    assert [row.cells[0].text for row in months.rows[1:]] == ["Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027"]


def test_the_same_register_and_date_give_the_same_word_bytes(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    _momentum(cli, fixture_register, tmp_path / "a.docx")
    _momentum(cli, fixture_register, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert docx.Document(str(tmp_path / "a.docx")).core_properties.created.date().isoformat() == AS_OF


def test_register_text_in_the_word_momentum_report_is_only_text(git_repo: Any, cli: Any, tmp_path: Path) -> None:
    """An owner's name with control characters (which XML cannot hold) opens in Word, shown as U+FFFD."""
    git_repo.write("govtool.yaml", 'provider: "Bell\\a Ltd"\nlocation: Home\n'
                                   'people:\n  jane: {name: "Jane\\e[2J Smith", role: "<b>Manager</b>"}\n')
    _one_action_committed(git_repo)
    result = cli("report", "momentum", "--as-of", "2026-12-02", "-o", tmp_path / "m.docx", cwd=git_repo.path)
    assert_written(result)
    document = docx.Document(str(tmp_path / "m.docx"))
    owners = next(t for t in document.tables if t.rows[0].cells[0].text == "Owner")
    assert [c.text for c in owners.rows[1].cells] == ["Jane\ufffd[2J Smith", "<b>Manager</b>", "1", "0"]
    assert "Provider: Bell\ufffd Ltd" in "\n".join(p.text for p in document.paragraphs)
