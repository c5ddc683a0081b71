"""The axes and legends of the charts: the week axis (a tick per week for a short history, no
label ever repeated), the token axis ("978B", "18.9T", never "G"; "0", not "0T") and the legend
above the plot."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import altair as alt
import pandas as pd

from generator.charts.theme import SHORT_NAMES
from generator.charts.variants import Variant

# d3's SI format, with billions as "B" (d3 writes "G") and no common prefix ("0", not "0T").
SI_LABEL = "replace(format(datum.value, '~s'), 'G', 'B')"
SHORT_WEEKS = 8  # up to this many weeks, one tick per week (as room allows)
DAY_WEEKS = 26  # up to this many, ticks on Mondays; beyond, on the first of a month


def tokens_axis(variant: Variant, title: str | None = None) -> alt.Axis:
    return alt.Axis(labelExpr=SI_LABEL, tickCount=variant.ticks - 1 if variant.narrow
                    else variant.ticks, title=title)


def utc_datetime(day: str) -> alt.DateTime:
    parsed = date.fromisoformat(day)
    return alt.DateTime(year=parsed.year, month=parsed.month, date=parsed.day, utc=True)


def weeks_between(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=7 * i)).isoformat()
            for i in range((end - start).days // 7 + 1)]


def text_px(text: str, variant: Variant) -> float:
    """A generous estimate of a label's width at the variant's font size."""
    return 0.6 * variant.font * len(text)


def x_week(first: str, last: str, variant: Variant, bars: bool = False,
           room: int = 0) -> alt.X:
    """The week axis from week ``first`` to week ``last``. No label repeats: up to SHORT_WEEKS
    weeks, a tick per week; up to DAY_WEEKS, a tick every few Mondays; beyond, on the first of
    every month or every few months. Only the labels that fit are written (the year on the
    first one). ``bars``: each week is drawn as a band from its Monday to its Sunday (x to x2),
    all inside the plot. ``room``: px kept free at the right of the last week (for labels at
    the end of lines), the domain running on past it."""
    weeks = weeks_between(first, last)
    units = len(weeks) if bars else max(1, len(weeks) - 1)  # weeks the domain spans
    plot = variant.width - (56 if variant.narrow else 76) - room
    extra = math.ceil(7 * units * room / plot) if room else 0
    end = (date.fromisoformat(last) + timedelta(days=(7 if bars else 0) + extra)).isoformat()
    domain = [utc_datetime(first), utc_datetime(end)]
    if len(weeks) <= DAY_WEEKS:
        widest = text_px("30 Sep 2026", variant) + 12
        step = 1 if len(weeks) <= SHORT_WEEKS else math.ceil(widest / (plot / units))
        ticks = weeks[::step]
        every = max(1, math.ceil(widest / (plot * step / units)))
        texts = [day_label(week, i == 0) if i % every == 0 else "" for i, week in
                 enumerate(ticks)]
        axis = alt.Axis(values=[utc_datetime(w) for w in ticks], labelAngle=0, title=None,
                        labelFlush=True, labelExpr=(
                            f"{json.dumps(texts)}[indexof({json.dumps(list(map(date_ms, ticks)))}"
                            ", time(datum.value))]"))
    else:
        months = units / 4.35
        fits = max(1, math.floor(plot / (text_px("Sep 2025", variant) + 14)))
        step = next((s for s in (1, 2, 3, 4, 6, 12) if months / s <= fits), 12)
        # the first of every ``step``-th month up to the last week: none in the room left
        # past it for labels
        axis = alt.Axis(values=[utc_datetime(day) for day in month_starts(first, last, step)],
                        format="%b %Y", labelAngle=0, title=None, labelFlush=True)
    return alt.X("week_start:T", timeUnit="utcyearmonthdate", title=None,
                 scale=alt.Scale(domain=domain), axis=axis)


def month_starts(first: str, last: str, step: int) -> list[str]:
    """The first days of the months from ``first`` to ``last`` whose number (January 0) is a
    multiple of ``step``."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    year, month = start.year, start.month + (start.day > 1)
    days = []
    while date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1) <= end:
        day = date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        if (day.month - 1) % step == 0:
            days.append(day.isoformat())
        month += 1
    return days


def day_label(week: str, with_year: bool) -> str:
    """'6 Jan', or '6 Jan 2025' on the axis's first label and on the first Monday of a year."""
    day = date.fromisoformat(week)
    return f"{day.day} {day:%b %Y}" if with_year or (day.month == 1 and day.day <= 7) \
        else f"{day.day} {day:%b}"


def date_ms(day: str) -> int:
    parsed = date.fromisoformat(day)
    return (parsed - date(1970, 1, 1)).days * 86_400_000


def week_span(data: pd.DataFrame) -> tuple[str, str]:
    weeks = sorted(data["week_start"].astype(str))
    return weeks[0], weeks[-1]


def history_span(weeks: list[str], published_first: str) -> tuple[str, str]:
    """The weeks a history's chart is drawn over, from ``published_first`` (the first published
    week; a model's own first week: charts.families ``own_weeks``) to its own last week; a
    history of SHORT_WEEKS weeks or fewer over its own weeks. ``weeks`` sorted."""
    if len(weeks_between(weeks[0], weeks[-1])) <= SHORT_WEEKS:
        return weeks[0], weeks[-1]
    return published_first, weeks[-1]


def legend(variant: Variant, columns: int | None = None) -> alt.Legend:
    """Above the plot, in the order the bands stack (the baseline's first); the long names of
    the grey bands shortened where the room is short. A legend starts where the plot does:
    beside a bar chart's long labels, ``columns`` keeps it inside the drawing."""
    columns = columns or variant.legend_columns
    if not variant.narrow:
        return alt.Legend(orient="top", columns=columns)
    cases = " : ".join(f"datum.label == {quoted(long)} ? {quoted(short)}"
                       for long, short in SHORT_NAMES.items())
    return alt.Legend(orient="top", columns=columns, labelExpr=f"{cases} : datum.label")


def quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def nice_top(value: float, count: int) -> float:
    """The top of a quantitative scale from 0 up to ``value``, rounded up to a step of about
    ``count`` ticks (1, 2 or 5 times a power of ten, chosen as d3 chooses its ticks'): an
    explicit domain, so labels placed in the scale's units land where the chart draws them."""
    if value <= 0:
        return 1.0
    rough = value / max(1, count)
    power = 10 ** math.floor(math.log10(rough))
    error = rough / power
    step = power * (10 if error >= 7.07 else 5 if error >= 3.16 else 2 if error >= 1.41 else 1)
    return float(math.ceil(value / step - 1e-9) * step)
