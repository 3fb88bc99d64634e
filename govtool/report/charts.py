"""Inline SVG charts built in Python: readable without JavaScript, printable, accessible.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says in words
what the chart shows, and text labels on the values, so that neither colour nor sight is
needed to read it. Every label is escaped; the result is :class:`Markup` for the templates.
Element IDs come from a fixed ``chart_id`` per chart so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from govtool.report.momentum import AgeBucket, BacklogPoint, MonthClosures, OwnerLoad

BLUE = "#1565c0"
RED = "#b71c1c"
GREY = "#5f6368"
GRID = "#d0d4da"
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    colour: str
    dashed: bool = False


def _nice_max(value: int) -> int:
    """A round top for the y axis: 4, 5, 10, 20, 25, 50, 100, ..."""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value  # pragma: no cover - the loop always returns


def _open(width: int, height: int, title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-labelledby="{chart_id}-t {chart_id}-d" {FONT} font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _y_axis(parts: list[str], top: int, left: int, right: int, y0: float, y1: float) -> None:
    for i in range(5):
        value = top * i // 4
        y = y0 - (y0 - y1) * i / 4
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{GREY}">{value}</text>')


def line_chart(chart_id: str, title: str, desc: str, dates: Sequence[dt.date], series: Sequence[Series]) -> Markup:
    """Weekly values as lines; every 4th date labelled, the last value of each line written out."""
    width, height, left, right, top_pad, bottom = 680, 280, 44, 590, 20, 236
    parts = _open(width, height, title, desc, chart_id)
    top = _nice_max(max((max(s.values, default=0) for s in series), default=0))
    _y_axis(parts, top, left, right, bottom, top_pad)
    count = max(len(dates), 2)

    def x(i: int) -> float:
        return left + (right - left) * i / (count - 1)

    def y(v: int) -> float:
        return bottom - (bottom - top_pad) * v / top

    for i, day in enumerate(dates):
        if (len(dates) - 1 - i) % 4 == 0:
            parts.append(f'<text x="{x(i):.1f}" y="{bottom + 18}" text-anchor="middle" fill="{GREY}">'
                         f'{escape(day.strftime("%d %b").lstrip("0"))}</text>')
    for s in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2.5"{dash}/>')
        if s.values:
            last = s.values[-1]
            parts.append(f'<circle cx="{x(len(s.values) - 1):.1f}" cy="{y(last):.1f}" r="3.5" fill="{s.colour}"/>')
            parts.append(f'<text x="{right + 8}" y="{y(last) + 4:.1f}" fill="{s.colour}" font-weight="bold">'
                         f'{last} {escape(s.name)}</text>')
    legend_x = left
    for s in series:
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{height - 12}" y2="{height - 12}" '
                     f'stroke="{s.colour}" stroke-width="2.5"{dash}/>')
        parts.append(f'<text x="{legend_x + 30}" y="{height - 8}" fill="#202124">{escape(s.name)}</text>')
        legend_x += 40 + 8 * len(s.name)
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[int], colour: str = BLUE) -> Markup:
    """Vertical bars, one per label, with the value written above each bar."""
    width, height, left, right, top_pad, bottom = 680, 250, 44, 670, 20, 210
    parts = _open(width, height, title, desc, chart_id)
    top = _nice_max(max(values, default=0))
    _y_axis(parts, top, left, right, bottom, top_pad)
    slot = (right - left) / max(len(values), 1)
    bar = slot * 0.64
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x0 = left + slot * i + (slot - bar) / 2
        h = (bottom - top_pad) * value / top
        parts.append(f'<rect x="{x0:.1f}" y="{bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x0 + bar / 2:.1f}" y="{bottom - h - 5:.1f}" text-anchor="middle" '
                     f'fill="#202124">{value}</text>')
        month, _, year = label.partition(" ")
        parts.append(f'<text x="{x0 + bar / 2:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{GREY}">'
                     f'{escape(month)}</text>')
        if year and (i == 0 or month == "Jan"):
            parts.append(f'<text x="{x0 + bar / 2:.1f}" y="{bottom + 31}" text-anchor="middle" fill="{GREY}">'
                         f'{escape(year)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]) -> Markup:
    """Horizontal bars: one row per label, one bar per series, each with its value and name."""
    row_height = 16 * len(series) + 14
    label_width, left, right = 190, 200, 560
    height = 12 + row_height * max(len(labels), 1)
    width = 680
    parts = _open(width, height, title, desc, chart_id)
    top = max((max(s.values, default=0) for s in series), default=0) or 1
    for row, label in enumerate(labels):
        y0 = 8 + row * row_height
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="{label_width}" y="{y0 + 8 + 6 * len(series):.1f}" text-anchor="end" '
                     f'fill="#202124">{escape(shown)}</text>')
        for k, s in enumerate(series):
            value = s.values[row]
            w = (right - left) * value / top
            y = y0 + k * 16
            pattern = ' stroke="#202124" stroke-width="1" stroke-dasharray="3 2"' if s.dashed else ""
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="12" fill="{s.colour}"{pattern}/>')
            parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 10}" fill="#202124">{value} {escape(s.name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# -- the momentum report's charts, from its view model's lists -----------------------------
def backlog_chart(points: Sequence[BacklogPoint]) -> Markup:
    if not points:
        return Markup("")
    first, last = points[0], points[-1]
    peak = max(points, key=lambda p: p.open)
    desc = (f"Open actions each week from {first.date:%d %B %Y} to {last.date:%d %B %Y}: "
            f"{first.open} at the start, {last.open} now (peak {peak.open} on {peak.date:%d %B %Y}); "
            f"overdue {first.overdue} at the start, {last.overdue} now.")
    return line_chart(
        "backlog", "Open backlog over the last 26 weeks", desc, [p.date for p in points],
        [Series("open", [p.open for p in points], BLUE),
         Series("overdue", [p.overdue for p in points], RED, dashed=True)],
    )


def closures_chart(months: Sequence[MonthClosures]) -> Markup:
    if not months:
        return Markup("")
    desc = "Actions closed each month: " + "; ".join(f"{m.label} {m.closed}" for m in months) + "."
    return column_chart("closures", "Actions closed per month", desc,
                        [m.label for m in months], [m.closed for m in months])


def owner_chart(owners: Sequence[OwnerLoad]) -> Markup:
    if not owners:
        return Markup("")
    desc = "Open and overdue actions per owner: " + "; ".join(
        f"{o.name} {o.open} open, {o.overdue} overdue" for o in owners) + "."
    return bar_chart("owners", "Load per owner", desc, [o.name for o in owners],
                     [Series("open", [o.open for o in owners], BLUE),
                      Series("overdue", [o.overdue for o in owners], RED, dashed=True)])


def age_chart(buckets: Sequence[AgeBucket]) -> Markup:
    if not buckets:
        return Markup("")
    desc = "Age of open actions since they were created: " + "; ".join(
        f"{b.label} {b.count}" for b in buckets) + "."
    return bar_chart("age", "Age of open actions", desc, [b.label for b in buckets],
                     [Series("open", [b.count for b in buckets], BLUE)])


CHARTS = {
    "backlog_chart": backlog_chart,
    "closures_chart": closures_chart,
    "owner_chart": owner_chart,
    "age_chart": age_chart,
}
