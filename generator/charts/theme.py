"""The site's one chart theme: fonts, colours and the text every chart carries.

Registered once per process (``register_theme``); chart functions never call it themselves.
Sizes and font sizes belong to the variant a chart is drawn for (charts.variants); colours to
charts.palette.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from generator.charts.draw import FONT
from generator.charts.fonts import CJK_FAMILY
from generator.charts.palette import (
    LIGHT,
    NO_COUNTRY_COLOUR,
    OUTSIDE_COLOUR,
    SPARE_COUNTRY_COLOURS,
    company_colours,
    country_colours,
)
from generator.fmt import SAMPLE_NOTICE, source_line
from generator.tableio import cell, rows

THEME = "tracker"
# The two bands that are not a country, as the charts name them (and their CSVs).
NO_COUNTRY = "No known country"  # ranked models whose developer has no known country
OUTSIDE_BAND = "Models outside the top 50"  # OpenRouter's `other` row
OTHER_COMPANIES = "All other companies"
OTHER_COUNTRIES = "Other countries"  # the home chart's countries besides China and the U.S.
NEUTRAL_BANDS = {NO_COUNTRY: NO_COUNTRY_COLOUR, OUTSIDE_BAND: OUTSIDE_COLOUR,
                 OTHER_COMPANIES: OUTSIDE_COLOUR, OTHER_COUNTRIES: OUTSIDE_COLOUR}
# Shorter names where a narrow chart's legend has no room for the long ones.
SHORT_NAMES = {OUTSIDE_BAND: "Outside top 50", OTHER_COMPANIES: "Other companies"}


# The faces of a chart's text, by the language of its words. Chinese: the English faces first,
# so Latin letters and digits look (and measure) as in the English charts, then the Simplified
# Chinese faces of Apple, Windows and Linux/Android systems, and last the face the render
# processes draw Chinese with (charts.fonts: PNG cards and the drawings' measured widths).
LATIN_FACES = FONT.removesuffix(", sans-serif")
FONT_STACKS = {
    "en": FONT,
    "zh": f"{LATIN_FACES}, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
          f"'{CJK_FAMILY}', 'Noto Sans CJK SC', sans-serif",
}


def font_stack(language: str) -> str:
    """The CSS font-family list of a chart's text in ``language`` ("en", "zh"), for its
    Vega-Lite config (``font``), its SVGs and its live chart."""
    return FONT_STACKS[language]


@dataclass(frozen=True)
class Size:
    width: int
    height: int


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
                # A drawing is read through its alt text (an <img>, or an <svg role="img">):
                # Vega's label on each mark was a quarter of every SVG's bytes, read by no one.
                # The live chart (variants.live) keeps them.
                "aria": False,
                "background": LIGHT["background"],
                "font": FONT,
                "view": {"stroke": None},
                "axis": {"labelColor": LIGHT["text"], "titleColor": LIGHT["text"],
                         "titleFontWeight": "normal", "gridColor": LIGHT["grid"],
                         "domainColor": LIGHT["domain"], "tickColor": LIGHT["domain"]},
                "axisY": {"domain": False, "ticks": False},
                "legend": {"labelColor": LIGHT["text"], "titleColor": LIGHT["text"],
                           "orient": "top", "symbolType": "square", "direction": "horizontal"},
                "text": {"color": LIGHT["text"]},
                "range": {"category": list(SPARE_COUNTRY_COLOURS)},
            }
        }


Event = tuple[str, str, str]  # a dated event or a story mark: (day, label, description)


@dataclass(frozen=True)
class ChartText:
    """What a chart function is told besides its data, all of it worked out before (the words
    by the findings layer, generator.findings): its title and caption (the subtitle with the
    unit), its alt text, what its headline picks out, the story marks and dated events it
    draws, and the number it shows when its data is a single week. Also the sample warning and
    the source line every chart carries (pages and embeds show them as text: charts.variants
    takes the title block out of the drawing)."""

    title: str
    caption: str
    description: str  # the alt text: the finding, with its figures
    as_of: str
    is_sample: bool
    focus: str = ""  # the model its headline names, drawn in colour and the others in grey
    marks: tuple[Event, ...] = ()  # the story drawn on it: "China passes U.S."
    events: tuple[Event, ...] = ()  # dated events (data/annotations.yaml) within its weeks
    stat: tuple[str, str] = ("", "")  # (number, words) when its data is a single week
    span: tuple[str, str] = ("", "")  # a history's weeks: (first published, its last)
    colour: str = ""  # a history's one colour (a country's; a company's own, never a country's)

    def title_params(self) -> alt.TitleParams:
        lines = [self.caption]
        if self.is_sample:
            lines.append(SAMPLE_NOTICE.upper())
        lines.append(source_line(self.as_of))
        return alt.TitleParams(text=self.title, subtitle=lines)


def colour_scale(bands: list[str], codes: list[str]) -> alt.Scale:
    """Colours in band order: each country its fixed colour, the neutral bands their greys."""
    named = country_colours([c for b, c in zip(bands, codes) if b not in NEUTRAL_BANDS])
    return alt.Scale(domain=bands, range=[NEUTRAL_BANDS.get(b) or named[c]
                                          for b, c in zip(bands, codes)])


def company_scale(bands: list[str], countries: list[str]) -> alt.Scale:
    """Each company its own colour, none a country's (by name, never by rank). ``countries`` is
    kept for the callers: a company's colour no longer depends on its country."""
    named = company_colours([b for b in bands if b not in NEUTRAL_BANDS])
    return alt.Scale(domain=bands, range=[NEUTRAL_BANDS.get(b) or named[b] for b in bands])


# The bands that are not a country nor a company, drawn see-through inside an outline of their
# grey: "outside the top 50" (and "all other companies") is told from "no known country" by more
# than a shade of grey. The outline keeps the band's 3:1 contrast on either background.
SEE_THROUGH = (OUTSIDE_BAND, OTHER_COMPANIES)
SEE_THROUGH_OPACITY = 0.3  # over white and over the dark pages, far from the no-country grey


def band_treatment(field: str, bands: list[str]) -> dict:
    """The fill opacity and outline of a banded chart's bands (``field`` names them): solid,
    with the thin separator of the background, except the see-through ones."""
    see_through = [band for band in bands if band in SEE_THROUGH]
    if not see_through:
        return {}
    test = alt.FieldOneOfPredicate(field=field, oneOf=see_through)
    # channel objects, not alt.condition's dicts: Altair turns a dict back into its channel
    # class by matching it against the schema (~2 ms each); the spec is the same
    return {
        "fillOpacity": alt.FillOpacityValue(1, condition={"test": test,
                                                          "value": SEE_THROUGH_OPACITY}),
        "stroke": alt.StrokeValue(LIGHT["background"], condition={"test": test,
                                                                  "value": OUTSIDE_COLOUR}),
        "strokeWidth": alt.StrokeWidthValue(0.5, condition={"test": test, "value": 1.5}),
    }
