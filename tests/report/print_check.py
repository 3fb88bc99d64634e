"""Reading a printed report back as a person would: its pages, their size and every word on them.

``pdftotext -bbox`` gives each page's size and each word with its box. From that the print
tests check what a reader would notice: an empty page, a table header alone at the foot of a
page, text running off the paper, a word broken in the middle ("Margare t"), and text of the
HTML that never reached the paper. The HTML side is the report's visible text, read with the
standard library's parser.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements whose text is not printed: the page's own head, chart titles and descriptions (read
#: by screen readers, not drawn), and the table of contents (hidden in print).
UNPRINTED_TAGS = {"head", "style", "script", "title", "desc", "nav"}
#: Classes whose text is not printed: captions for screen readers, the phone-only scale key.
UNPRINTED_CLASSES = {"visually-hidden", "phone-key"}
#: Inline elements: text on either side of them runs on as one word.
INLINE_TAGS = {"a", "span", "strong", "b", "em", "i", "time", "code", "small", "abbr", "sub", "sup", "wbr", "tspan"}
VOID_TAGS = {"br", "wbr", "meta", "link", "img", "input", "hr", "col", "source"}
#: Where a word may wrap without being broken: after '/' in a path, after a hyphen.
BREAK_AFTER = re.compile(r"(?<=[/\-])")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def read_pdf(pdftotext: str, pdf: str) -> list[Page]:
    """Every page of ``pdf`` with its words, from one pdftotext run."""
    out = subprocess.run([pdftotext, "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', match[3])
        ]
        pages.append(Page(float(match[1]), float(match[2]), words))
    return pages


def phrase_at(words: list[Word], phrase: str) -> list[int]:
    """Indexes of the first word of each place ``phrase`` is written on the page, word after word."""
    wanted = phrase.split()
    return [i for i in range(len(words) - len(wanted) + 1) if [w.text for w in words[i:i + len(wanted)]] == wanted]


def body_words(page: Page, footer: str) -> list[Word]:
    """The page's words above the report's footer (which only the last page has)."""
    starts = phrase_at(page.words, footer)
    if not starts:
        return page.words
    top = page.words[starts[0]].y0
    return [w for w in page.words if w.y1 <= top]


def pieces(token: str) -> list[str]:
    """A word and the parts a line may end after ('evidence/', '2026-', ...), case-folded."""
    return [part for part in BREAK_AFTER.split(token.casefold()) if part]


class VisibleText(HTMLParser):
    """The text of an HTML report that print shows, with words kept whole across inline tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is it hidden?

    @property
    def hidden(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(tag in UNPRINTED_TAGS or bool(classes & UNPRINTED_CLASSES))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if self.stack:
            self.stack.pop()
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def words(self) -> list[str]:
        return "".join(self.parts).split()


def visible_words(page_html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(page_html)
    parser.close()
    return parser.words()


def headers_alone(page: Page, header_ends: tuple[str, ...], footer: str) -> list[str]:
    """Table headers with fewer than three words of a row under them on ``page``."""
    words = body_words(page, footer)
    alone = []
    for header in header_ends:
        for start in phrase_at(words, header):
            bottom = max(w.y1 for w in words[start:start + len(header.split())])
            if len([w for w in words if w.y0 > bottom + 1]) < 3:
                alone.append(header)
    return alone


def broken_words(pages: list[Page], page_html: str) -> tuple[set[str], set[str]]:
    """(parts of words on paper that are no word of the HTML, words of the HTML not on paper)."""
    on_paper = {part for page in pages for word in page.words for part in pieces(word.text)}
    in_html = {part for word in visible_words(page_html) for part in pieces(word)}
    return on_paper - in_html, in_html - on_paper
