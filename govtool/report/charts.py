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

from markupsafe import Markup
from markupsafe import escape as escape_markup

from govtool.report.momentum import AgeBucket, BacklogPoint, MonthClosures, OwnerLoad
from govtool.support.terminal import printable

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


# Charts are drawn in a small coordinate box with large text, so that scaled down to a phone's
# width (about 360 px) text is still over 11 px, and on a desktop (at most 32rem wide) about 16 px.
WIDTH = 480
FONT_SIZE = 15
CHAR_WIDTH = 0.6 * FONT_SIZE  # generous average advance of a system sans-serif, to keep labels apart
LABEL_GAP = 6


def text_width(text: str) -> float:
    """An upper estimate of a label's width in chart units (no font metrics at hand)."""
    return len(text) * CHAR_WIDTH


def nice_ticks(value: int, most: int = 6) -> list[int]:
    """Evenly spaced whole-number ticks from 0 to a round top at or above ``value``.

    The step is 1, 2 or 5 times a power of ten, the smallest giving at most ``most``
    intervals: 5 gives 0-5 in ones, 11 gives 0-12 in twos, 37 gives 0-40 in tens. Small
    values still get an axis up to 4, so a chart of zeros and ones does not look alarming.
    """
    value = max(value, 4)
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            intervals = -(-value // step)
            if intervals <= most:
                return [step * i for i in range(intervals + 1)]
        magnitude *= 10


def spread_labels(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as close to ``wanted`` as possible, at least ``gap`` apart, within [low, high].

    Used for the values written at the end of each line, which would print on top of each
    other when two lines end at the same height. Order is kept.
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed: dict[int, float] = {}
    previous = low - gap
    for i in order:
        placed[i] = max(wanted[i], previous + gap)
        previous = placed[i]
    overflow = previous - high
    if overflow > 0:  # pushed past the bottom: slide the whole stack up, keeping the gaps
        previous = high + gap
        for i in reversed(order):
            placed[i] = min(placed[i] - overflow, previous - gap)
            previous = placed[i]
    return [placed[i] for i in range(len(wanted))]


def label_every(count: int, slot: float, widest: float) -> int:
    """Label every n-th of ``count`` evenly spaced positions so that labels never touch."""
    if count <= 1 or slot <= 0:
        return 1
    return max(1, math.ceil((widest + LABEL_GAP) / slot))


def escape(text: object) -> Markup:
    """Text in a chart (a person's name is register text): control characters, which XML
    cannot hold and a viewer may act on, shown as U+FFFD, then escaped as markup."""
    return escape_markup(printable(str(text)))


def _open(width: int, height: int, title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-labelledby="{chart_id}-t {chart_id}-d" {FONT} font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _y_axis(parts: list[str], ticks: Sequence[int], left: int, right: int, y0: float, y1: float) -> None:
    """Grid lines with their values, evenly spaced because the ticks are."""
    top = ticks[-1]
    for value in ticks:
        y = y0 - (y0 - y1) * value / top
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 5:.1f}" text-anchor="end" fill="{GREY}">{value}</text>')


def _short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def line_chart(chart_id: str, title: str, desc: str, dates: Sequence[dt.date], series: Sequence[Series]) -> Markup:
    """Weekly values as lines; dates labelled as often as they fit, the last value of each line written out."""
    widest_end = max((text_width(f"{max(s.values, default=0)} {s.name}") for s in series), default=0)
    width, height, top_pad, bottom = WIDTH, 262, 12, 200
    left, right = 36, int(WIDTH - widest_end - 12)
    parts = _open(width, height, title, desc, chart_id)
    ticks = nice_ticks(max((max(s.values, default=0) for s in series), default=0))
    top = ticks[-1]
    _y_axis(parts, ticks, left, right, bottom, top_pad)
    count = max(len(dates), 2)

    def x(i: int) -> float:
        return left + (right - left) * i / (count - 1)

    def y(v: int) -> float:
        return bottom - (bottom - top_pad) * v / top

    every = label_every(len(dates), (right - left) / (count - 1), max((text_width(_short_date(d)) for d in dates), default=0))
    for i, day in enumerate(dates):
        if (len(dates) - 1 - i) % every == 0:
            parts.append(f'<text x="{x(i):.1f}" y="{bottom + 26}" text-anchor="middle" fill="{GREY}">'
                         f'{escape(_short_date(day))}</text>')
    ends = spread_labels([y(s.values[-1]) + 5 if s.values else 0.0 for s in series], FONT_SIZE + 2,
                         top_pad + 5, bottom + 5)
    for s, end_y in zip(series, ends, strict=True):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2.5"{dash}/>')
        if s.values:
            last = s.values[-1]
            parts.append(f'<circle cx="{x(len(s.values) - 1):.1f}" cy="{y(last):.1f}" r="3.5" fill="{s.colour}"/>')
            parts.append(f'<text x="{right + 8}" y="{end_y:.1f}" fill="{s.colour}" font-weight="bold">'
                         f'{last} {escape(s.name)}</text>')
    legend_x: float = left
    for s in series:
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{height - 14}" y2="{height - 14}" '
                     f'stroke="{s.colour}" stroke-width="2.5"{dash}/>')
        parts.append(f'<text x="{legend_x + 30}" y="{height - 9}" fill="#202124">{escape(s.name)}</text>')
        legend_x += 30 + text_width(s.name) + 24
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[int], colour: str = BLUE) -> Markup:
    """Vertical bars, one per label, with the value written above each bar; months labelled as often as they fit."""
    width, height, left, right, top_pad, bottom = WIDTH, 250, 36, WIDTH - 4, 20, 200
    parts = _open(width, height, title, desc, chart_id)
    ticks = nice_ticks(max(values, default=0))
    top = ticks[-1]
    _y_axis(parts, ticks, left, right, bottom, top_pad)
    slot = (right - left) / max(len(values), 1)
    bar = slot * 0.64
    months = [label.partition(" ")[0] for label in labels]
    every = label_every(len(labels), slot, max((text_width(m) for m in months), default=0))
    last = len(labels) - 1
    for i, (month, value) in enumerate(zip(months, values, strict=True)):
        x0 = left + slot * i + (slot - bar) / 2
        h = (bottom - top_pad) * value / top
        parts.append(f'<rect x="{x0:.1f}" y="{bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x0 + bar / 2:.1f}" y="{bottom - h - 5:.1f}" text-anchor="middle" '
                     f'fill="#202124">{value}</text>')
        if (last - i) % every == 0:
            parts.append(f'<text x="{x0 + bar / 2:.1f}" y="{bottom + 20}" text-anchor="middle" fill="{GREY}">'
                         f'{escape(month)}</text>')
    _year_labels(parts, [label.partition(" ")[2] for label in labels], left, slot, bottom)
    parts.append("</svg>")
    return Markup("".join(parts))


def _year_labels(parts: list[str], years: Sequence[str], left: float, slot: float, bottom: int) -> None:
    """Each year once, centred under its run of months, with a tick where the year changes.

    A year whose run is too narrow for its label (December alone before January) is written
    from the run's start instead, and left out if it would still touch the next one."""
    runs: list[tuple[str, int, int]] = []  # (year, first index, last index)
    for i, year in enumerate(years):
        if runs and runs[-1][0] == year:
            runs[-1] = (year, runs[-1][1], i)
        else:
            runs.append((year, i, i))
    end_of_previous = -math.inf
    for k, (year, first, last) in enumerate(runs):
        if k:
            x = left + slot * first
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom + 4}" y2="{bottom + 24}" stroke="{GRID}"/>')
        if not year:
            continue
        start, end = left + slot * first, left + slot * (last + 1)
        width = text_width(year)
        x = max((start + end - width) / 2, start + 3)
        following = [left + slot * (f + last_of_next + 1) / 2 - width / 2 for _, f, last_of_next in runs[k + 1:k + 2]]
        if x < end_of_previous + LABEL_GAP or (following and x + width + LABEL_GAP > following[0]):
            continue
        parts.append(f'<text x="{x:.1f}" y="{bottom + 39}" fill="{GREY}">{escape(year)}</text>')
        end_of_previous = x + width


def bar_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]) -> Markup:
    """Horizontal bars: for each label its name on a line of its own (the full width, so long
    names fit a phone), then one bar per series with its value and name after it."""
    bar_height, bar_gap, name_height, row_gap = 14, 6, 22, 12
    row_height = name_height + len(series) * (bar_height + bar_gap) + row_gap
    widest_value = max((text_width(f"{v} {s.name}") for s in series for v in s.values), default=0)
    left, right = 4, int(WIDTH - widest_value - LABEL_GAP - 4)
    height = 4 + row_height * max(len(labels), 1)
    parts = _open(WIDTH, height, title, desc, chart_id)
    top = max((max(s.values, default=0) for s in series), default=0) or 1
    longest = int((WIDTH - left) / CHAR_WIDTH)
    for row, label in enumerate(labels):
        y0 = 4 + row * row_height
        shown = label if len(label) <= longest else label[:longest - 1] + "…"
        parts.append(f'<text x="{left}" y="{y0 + 16}" fill="#202124" font-weight="bold">{escape(shown)}</text>')
        for k, s in enumerate(series):
            value = s.values[row]
            w = (right - left) * value / top
            y = y0 + name_height + k * (bar_height + bar_gap)
            pattern = ' stroke="#202124" stroke-width="1" stroke-dasharray="3 2"' if s.dashed else ""
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{s.colour}"{pattern}/>')
            parts.append(f'<text x="{left + w + LABEL_GAP:.1f}" y="{y + bar_height - 2}" fill="#202124">'
                         f'{value} {escape(s.name)}</text>')
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
        "backlog", f"Open backlog over the last {len(points)} week{'' if len(points) == 1 else 's'}", desc,
        [p.date for p in points],
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
