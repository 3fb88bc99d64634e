"""The momentum charts' axes and labels: round, evenly spaced ticks and labels that never touch.

The browser test (test_report_print.py) measures the example's charts with real fonts; these
check the layout rules on the cases the example does not have (five open actions, years of
months, two lines ending at the same value).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from govtool.report.charts import (
    CHAR_WIDTH,
    Series,
    column_chart,
    label_every,
    line_chart,
    nice_ticks,
    spread_labels,
    text_width,
)


def _texts(svg: str) -> list[tuple[float, float, str]]:
    return [(float(x), float(y), text) for x, y, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)]


def test_five_open_actions_get_an_axis_of_ones() -> None:
    """The bug that started this: a top of 5 gave 0, 1, 2, 3, 5 on evenly spaced lines."""
    assert nice_ticks(5) == [0, 1, 2, 3, 4, 5]
    assert nice_ticks(0) == nice_ticks(3) == [0, 1, 2, 3, 4]
    assert nice_ticks(11) == [0, 2, 4, 6, 8, 10, 12]
    assert nice_ticks(37) == [0, 10, 20, 30, 40]
    assert nice_ticks(101) == [0, 20, 40, 60, 80, 100, 120]


@given(st.integers(min_value=0, max_value=10**7))
def test_ticks_are_round_even_and_cover_the_data(value: int) -> None:
    ticks = nice_ticks(value)
    step = ticks[1]
    assert ticks[0] == 0 and ticks[-1] >= value and len(ticks) <= 7
    assert ticks == [step * i for i in range(len(ticks))]
    assert int(str(step)[0]) in (1, 2, 5) and set(str(step)[1:]) <= {"0"}


def test_the_y_axis_labels_sit_on_evenly_spaced_lines() -> None:
    days = [dt.date(2026, 6, 4) + dt.timedelta(weeks=i) for i in range(26)]
    svg = line_chart("t", "title", "desc", days, [Series("open", [5] * 26, "#000")])
    axis = [(y, int(text)) for x, y, text in _texts(svg) if x == 30.0]
    assert [value for _, value in axis] == [0, 1, 2, 3, 4, 5]
    gaps = {round(a[0] - b[0], 1) for a, b in itertools.pairwise(axis)}
    assert len(gaps) == 1


def test_two_lines_ending_together_keep_their_labels_apart() -> None:
    days = [dt.date(2026, 6, 4) + dt.timedelta(weeks=i) for i in range(26)]
    svg = line_chart("t", "title", "desc", days, [Series("open", [1] * 26, "#000"), Series("overdue", [1] * 26, "#f00")])
    ends = [y for _, y, text in _texts(svg) if text in ("1 open", "1 overdue")]
    assert len(ends) == 2 and abs(ends[0] - ends[1]) >= 15


def test_spread_labels_keeps_order_gap_and_bounds() -> None:
    assert spread_labels([50, 50, 50], 10, 0, 100) == [50, 60, 70]
    assert spread_labels([100, 100], 10, 0, 100) == [90, 100]
    assert spread_labels([20, 80], 10, 0, 100) == [20, 80]


def test_month_labels_thin_out_instead_of_touching() -> None:
    labels = [f"{m} {y}" for y in (2024, 2025, 2026) for m in
              ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]
    svg = column_chart("c", "title", "desc", labels, [1] * len(labels))
    months = sorted(x for x, y, text in _texts(svg) if text in {label.split()[0] for label in labels} and y > 200)
    assert 4 <= len(months) < len(labels)
    assert min(b - a for a, b in itertools.pairwise(months)) >= text_width("May") + 6
    years = [text for _, _, text in _texts(svg) if text in ("2024", "2025", "2026")]
    assert years == ["2024", "2025", "2026"]
    assert label_every(13, 34, 3 * CHAR_WIDTH) == 1
