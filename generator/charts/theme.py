"""The site's one chart theme: fonts, colours, sizes and the text every chart carries.

Registered once per process (``register_theme``); chart functions never call it themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from generator.charts.draw import FONT, wrap
from generator.derive import UNATTRIBUTED
from generator.fmt import SAMPLE_NOTICE, source_line
from generator.tableio import cell, rows

THEME = "tracker"
TITLE_SIZE = 17
OTHER_BAND = "Other models (not ranked)"
OTHER_COMPANIES = "All other companies"

# Fixed colours so a country keeps its colour on every chart; the rest cycle through PALETTE.
COUNTRY_COLOURS = {
    "CN": "#c8102e", "US": "#1f5fa8", "FR": "#7b3fa0", "DE": "#e08a00", "CA": "#2a9d8f",
    "KR": "#6a994e", "JP": "#d45087", "IL": "#5c6b73", "GB": "#264653",
}
PALETTE = ["#1f5fa8", "#c8102e", "#e08a00", "#2a9d8f", "#7b3fa0", "#6a994e", "#d45087",
           "#8d6e63", "#264653", "#b5838d", "#457b9d"]
UNATTRIBUTED_COLOUR = "#8a8a8a"
OTHER_COLOUR = "#c9c9c9"
ANNOTATION_COLOUR = "#444444"

# Every chart is drawn at a size fixed by its spec (autosize "fit": axes, legend and title
# included), so a page knows each chart's size before it is drawn.
FIT = alt.AutoSizeParams(type="fit", contains="padding")


@dataclass(frozen=True)
class Size:
    width: int
    height: int


def sized(chart: alt.TopLevelMixin, size: Size) -> alt.TopLevelMixin:
    """The chart drawn at exactly ``size`` pixels, everything included."""
    return chart.properties(width=size.width, height=size.height, autosize=FIT)


# Altair's own data step (copy, sanitise each column, DataFrame.to_dict) was two thirds of
# to_dict(), ~6 ms a chart. These plain column types convert a column at a time instead.
PLAIN_KINDS = {"i", "u", "f", "b"}
NULLABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
            "Float32", "Float64", "boolean"}


def chart_values(data: object) -> dict:
    """Altair's ``to_values`` for the DataFrames the charts draw: the same values (Python
    numbers, strings, None for a missing or non-finite number) a column at a time. Any other
    data, or a column of another type (dates, categories, objects), goes to Altair's own."""
    if isinstance(data, pd.DataFrame) and all(
            isinstance(name, str) for name in data.columns) and all(
            dtype.kind in PLAIN_KINDS or str(dtype) in ("str", "string")
            or str(dtype) in NULLABLE for dtype in data.dtypes):
        names = list(data.columns)
        return {"values": [dict(zip(names, map(finite, row))) for row in rows(data)]}
    return alt.utils.data.to_values(data)


def finite(value: object) -> object:
    """tableio's plain value, with infinities missing as well (JSON has no Infinity)."""
    value = cell(value)
    return None if isinstance(value, float) and not math.isfinite(value) else value


def register_theme() -> None:
    """Register and enable the site's one chart theme and its data step (idempotent). Altair's
    debug mode, which checks every axis, scale and encoding object against the schema as it is
    made (~11% of a weekly rebuild's generating), is turned off: the first chart of each family
    is still checked whole (charts.catalogue), and the tests check every chart of a build."""
    alt.utils.schemapi.disable_debug_mode()
    alt.data_transformers.register(THEME, chart_values)
    alt.data_transformers.enable(THEME)

    @alt.theme.register(THEME, enable=True)
    def tracker_theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                "background": "#ffffff",
                "font": FONT,
                "view": {"stroke": None},
                "title": {"anchor": "start", "fontSize": TITLE_SIZE, "fontWeight": 600,
                          "subtitleFontSize": 12, "subtitleColor": "#444444", "offset": 12,
                          "color": "#111111"},
                "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelColor": "#333333",
                         "titleColor": "#333333", "gridColor": "#e6e6e6", "domainColor": "#888888"},
                "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom",
                           "columns": 4, "symbolType": "square", "labelLimit": 220},
                "range": {"category": PALETTE},
            }
        }


@dataclass(frozen=True)
class Caption:
    """Text every chart carries: what it shows, the source line, and the sample warning."""

    as_of: str
    is_sample: bool

    def title(self, text: str, subtitle: str, width: int) -> alt.TitleParams:
        """The title wrapped to the chart's width (a long model name must not run off it)."""
        lines = [subtitle]
        if self.is_sample:
            lines.append(SAMPLE_NOTICE.upper())
        lines.append(source_line(self.as_of))
        title = wrap(text, TITLE_SIZE, True, width - 10, 2)
        return alt.TitleParams(text=title if len(title) > 1 else title[0], subtitle=lines)


def colour_scale(bands: list[str], codes: list[str]) -> alt.Scale:
    """Colours in band order: countries by their fixed colour, then grey for the unknown bands."""
    colours = []
    spare = iter(p for p in PALETTE if p not in COUNTRY_COLOURS.values())
    for band, code in zip(bands, codes):
        if band == UNATTRIBUTED:
            colours.append(UNATTRIBUTED_COLOUR)
        elif band in (OTHER_BAND, OTHER_COMPANIES):
            colours.append(OTHER_COLOUR)
        else:
            colours.append(COUNTRY_COLOURS.get(code) or next(spare, "#777777"))
    return alt.Scale(domain=bands, range=colours)
