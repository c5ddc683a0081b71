"""Chart specs. Each ``*_chart`` takes the exact data it draws (charts.data), the words and
story it carries (a ``ChartText``, worked out by the findings layer) and the variant it is
drawn for (charts.variants: wide or narrow), and returns an ``alt.Chart``: no loading, no
saving, no theme calls, no sentences written inside.

Numbers are written the site's one way: axes rewrite d3's SI suffixes ("978B", "18.9T", never
"G") and start at "0" (charts.axes); tooltips show strings written by generator.fmt (added to the
data the spec carries, never to the chart's CSV, which keeps the raw numbers) under plain names
(charts.labels). The charts of change are in charts.changes, those of list prices in
charts.prices; each family's record (charts.families) says which function draws it.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from generator import fmt
from generator.charts.axes import history_span, legend, tokens_axis, week_span, x_week
from generator.charts.labels import (
    bar_labels,
    labelled,
    sunday,
    tokens_text,
    week_text,
)
from generator.charts.palette import LIGHT
from generator.charts.theme import ChartText, band_treatment, colour_scale, company_scale
from generator.charts.variants import Variant

# ---------------------------------------------------------------- events and story marks


def annotate(chart: alt.Chart, text: ChartText, variant: Variant) -> alt.Chart | alt.LayerChart:
    """Draw a time-series chart's story marks (a solid rule, its label in bold: "China passes
    U.S.") and dated events (dashed rules, short labels), alternating two heights so neighbours
    do not overlap. ``text`` holds only those within the chart's weeks (the alt text names the
    same ones). Any other chart is returned unchanged."""
    if not (text.marks or text.events) or not isinstance(chart, alt.Chart):
        return chart
    weeks = sorted(chart.data["week_start"]) if isinstance(chart.data, pd.DataFrame) else []
    if not weeks or isinstance(chart.mark, str) or chart.mark.type not in ("area", "line",
                                                                           "rect"):
        return chart
    span = max(1, (date.fromisoformat(weeks[-1]) - date.fromisoformat(weeks[0])).days + 6)
    shown = [(day, label, words, True) for day, label, words in text.marks] + \
        [(day, label, words, False) for day, label, words in sorted(text.events)]
    events = pd.DataFrame([
        {"week_start": day, "label": label, "description": words, "level": i % 2,
         "when": fmt.long_date(day), "story": story,
         "side": "right" if (date.fromisoformat(day) - date.fromisoformat(weeks[0])).days
         > 0.6 * span else "left"}
        for i, (day, label, words, story) in enumerate(shown)])
    x = alt.X("week_start:T", timeUnit="utcyearmonthdate")
    tooltip = [alt.Tooltip("when:N", title="Date"), alt.Tooltip("label:N", title="Event"),
               alt.Tooltip("description:N", title="What happened")]
    layers = []
    for story in (True, False):
        subset = events[events["story"] == story]
        if subset.empty:
            continue
        layers.append(alt.Chart(subset).mark_rule(
            color=LIGHT["text" if story else "annotation"], strokeWidth=1.5 if story else 1,
            strokeDash=[1, 0] if story else [4, 3]).encode(x=x, tooltip=tooltip))
        for side, dx in (("left", 4), ("right", -4)):
            placed = subset[subset["side"] == side]
            if placed.empty:
                continue
            layers.append(alt.Chart(placed).mark_text(
                align=side, baseline="top", dx=dx, fontSize=variant.font,
                fontWeight="bold" if story else "normal",
                color=LIGHT["text" if story else "annotation"], limit=variant.label_limit,
            ).encode(x=x, y=alt.Y("level:Q", scale=alt.Scale(domain=[0, 11], reverse=True),
                                  axis=None), text="label:N"))
    base = chart.copy(deep=False)
    base.title = alt.Undefined
    base.description = alt.Undefined
    return alt.layer(base, *layers).resolve_scale(y="independent").properties(
        title=text.title_params(), description=text.description)


# ---------------------------------------------------------------- one-week charts

def stat_chart(text: ChartText, variant: Variant) -> alt.LayerChart:
    """One week of data: a number, not a chart. Pages show it as text (usermeta.stat); embeds
    and image cards draw it."""
    value, words = text.stat
    big = round(2.6 * variant.font)
    small = variant.font + 2
    lines = [(value, big, "bold", LIGHT["value"], 0)]
    for i, line in enumerate(wrap_words(words, variant)):
        lines.append((line, small, "normal", LIGHT["text"], big + 12 + i * round(1.4 * small)))
    layers = [alt.Chart(pd.DataFrame({"text": [line]})).mark_text(
        align="left", baseline="top", x=0, y=top, fontSize=size, fontWeight=weight,
        color=colour).encode(text="text:N") for line, size, weight, colour, top in lines]
    return alt.layer(*layers).properties(
        title=text.title_params(), description=text.description,
        usermeta={"stat": {"value": value, "words": words}})


def wrap_words(words: str, variant: Variant) -> list[str]:
    per_line = max(10, int((variant.width - 20) / (0.55 * (variant.font + 2))))
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3]


def single_week_bars(data: pd.DataFrame, field: str, value_text: tuple[str, list, str],
                     colour: alt.Color, sort: list[str], text: ChartText,
                     variant: Variant) -> alt.LayerChart:
    """A banded chart with one week: a bar per band (each its colour; the axis names them, so
    no legend), its value written beside it, with room for it inside the plot."""
    value, tooltip, label = value_text
    room = 1.7 if variant.narrow else 1.35
    base = alt.Chart(data).encode(
        y=alt.Y(f"{field}:N", title=None, sort=sort,
                axis=alt.Axis(labelLimit=variant.label_limit)),
        x=alt.X(f"{value}:Q", title=None, axis=None,
                scale=alt.Scale(domain=[0, float(data[value].max() or 1) * room])),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(color=colour.legend(None), **band_treatment(field, sort))
    values = base.mark_text(align="left", dx=4, color=LIGHT["text"],
                            fontSize=variant.font).encode(text=f"{label}:N")
    return alt.layer(bars, values).properties(title=text.title_params(),
                                              description=text.description)


# ---------------------------------------------------------------- the site-wide charts

def tokens_by_country_chart(data: pd.DataFrame, text: ChartText,
                            variant: Variant) -> alt.Chart | alt.LayerChart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    codes = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    first, last = week_span(data)
    return stacked_bands(data, "Country", colour_scale(bands, codes), bands, text, first, last,
                         variant)


def tokens_by_company_chart(data: pd.DataFrame, text: ChartText,
                            variant: Variant) -> alt.Chart | alt.LayerChart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    countries = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    first, last = week_span(data)
    return stacked_bands(data, "Company", company_scale(bands, countries), bands, text, first,
                         last, variant)


def stacked_bands(data: pd.DataFrame, band_title: str, scale: alt.Scale, bands: list[str],
                  text: ChartText, first: str, last: str, variant: Variant) -> alt.Chart:
    """Weekly tokens stacked by band (a country, a company), the first band at the baseline;
    a single week is drawn as labelled bars."""
    shown = labelled(data, week_text=("week_start", week_text),
                     tokens_text=("tokens", tokens_text))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("band:N", title=band_title),
               alt.Tooltip("tokens_text:N", title="Tokens")]
    colour = alt.Color("band:N", title=None, scale=scale, sort=bands, legend=legend(variant))
    if first == last:
        return single_week_bars(shown, "band", ("tokens", tooltip, "tokens_text"), colour,
                                bands, text, variant)
    return alt.Chart(shown, title=text.title_params(), description=text.description).mark_area(
        interpolate="linear", stroke=LIGHT["background"], strokeWidth=0.5,
    ).encode(
        x=x_week(first, last, variant),
        y=alt.Y("tokens:Q", stack=True, axis=tokens_axis(
            variant, None if variant.narrow else "Tokens per week")),
        color=colour,
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=tooltip,
        **band_treatment("band", bands),
    )


def country_share_chart(data: pd.DataFrame, text: ChartText,
                        variant: Variant) -> alt.Chart | alt.LayerChart:
    names = list(data.sort_values(["week_start", "tokens"], ascending=[False, False])
                 ["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    first, last = week_span(data)
    shown = labelled(data, week_text=("week_start", week_text),
                     share_text=("share_of_attributed", fmt.percent))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("country_name:N", title="Country"),
               alt.Tooltip("share_text:N", title="Share of tokens with a known country")]
    colour = alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                       sort=names, legend=legend(variant))
    share_axis = alt.Axis(format="~%", tickCount=variant.ticks, title=None if variant.narrow
                          else "Share of tokens with a known country")
    if first == last:
        return single_week_bars(shown, "country_name", ("share_of_attributed", tooltip,
                                                        "share_text"),
                                colour, names, text, variant)
    return alt.Chart(shown, title=text.title_params(), description=text.description).mark_line(
        strokeWidth=2.5, interpolate="linear").encode(
        x=x_week(first, last, variant),
        y=alt.Y("share_of_attributed:Q", axis=share_axis, scale=alt.Scale(domainMin=0)),
        color=colour,
        tooltip=tooltip,
    )


def top_models_chart(data: pd.DataFrame, text: ChartText, variant: Variant) -> alt.LayerChart:
    """The week's most used models (the top 10 in the narrow drawing), coloured by country; the
    model the headline names (``text.focus``) at full strength with its figure written at the
    end of its bar, the others lighter."""
    top = data.sort_values("rank")
    if variant.narrow:
        top = top[top["rank"] <= 10]
    country_of = dict(zip(data["country_name"], data["country"]))
    names = list(dict.fromkeys(top.sort_values("tokens", ascending=False)["country_name"]))
    codes = [country_of[name] for name in names]
    shown = labelled(data, tokens_text=("tokens", tokens_text),
                     share_text=("share_of_total", fmt.percent),
                     figure_text=("tokens", fmt.tokens_short))
    shown = shown.assign(company=shown["company"].where(shown["company"] != "", "–"),
                         label=pd.array(bar_labels(list(shown["model_name"]), variant),
                                        dtype="str"),
                         picked=shown["model_permaslug"] == text.focus)
    base = alt.Chart(shown)
    if variant.narrow:
        base = base.transform_filter("datum.rank <= 10")
    # an explicit order: the bars' and the figure's layers share it (a sort by field does
    # not survive the union of two layers' domains, and Vega-Lite falls back to A-Z)
    y = alt.Y("label:N", title=None, sort=list(shown.sort_values("rank")["label"]),
              axis=alt.Axis(labelLimit=variant.label_limit + 12))
    room = float(shown["tokens"].max() or 1) * (1.3 if variant.narrow else 1.12)
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("tokens:Q", scale=alt.Scale(domain=[0, room]),
                axis=tokens_axis(variant, None if variant.narrow else "Tokens in the week")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names, legend=legend(variant, 1 if variant.narrow else None)),
        opacity=alt.condition("datum.picked", alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("rank:N", title="Rank"), alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens_text:N", title="Tokens"),
                 alt.Tooltip("share_text:N", title="Share of all tokens")],
    )
    figure = base.transform_filter("datum.picked").mark_text(
        align="left", dx=4, fontSize=variant.font, fontWeight="bold", color=LIGHT["text"],
    ).encode(y=y, x="tokens:Q", text="figure_text:N")
    return alt.layer(bars, figure).properties(title=text.title_params(),
                                              description=text.description)


# ---------------------------------------------------------------- histories

def history_chart(data: pd.DataFrame, text: ChartText, variant: Variant) -> alt.Chart:
    """Weekly tokens of one model, company or country (data: week_start, tokens, ...), in its
    one colour (``text.colour``). Drawn over ``text.span`` (the first
    published week to its own last) so a short history reads as short; a history of
    SHORT_WEEKS weeks or fewer over its own weeks, a tick per week; a single week is a
    number."""
    weeks = sorted(str(w) for w in data["week_start"])
    if len(weeks) == 1:
        return stat_chart(text, variant)
    first, last = history_span(weeks, text.span[0])
    shown = labelled(data, week_text=("week_start", week_text),
                     tokens_text=("tokens", tokens_text), week_end=("week_start", sunday))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("tokens_text:N", title="Tokens")]
    if "rank" in shown:
        tooltip.append(alt.Tooltip("rank:N", title="Rank"))
    return alt.Chart(shown, title=text.title_params(), description=text.description).mark_rect(
        color=text.colour).encode(
        x=x_week(first, last, variant, bars=True),
        x2=alt.X2("week_end:T", timeUnit="utcyearmonthdate"),
        y=alt.Y("tokens:Q", axis=tokens_axis(variant, None if variant.narrow
                                             else "Tokens per week")),
        tooltip=tooltip,
    )
