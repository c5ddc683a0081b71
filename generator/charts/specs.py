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

from collections.abc import Callable
from datetime import date

import altair as alt
import pandas as pd

from generator import fmt
from generator.charts.axes import (
    history_span,
    legend,
    nice_top,
    tokens_axis,
    week_span,
    x_week,
)
from generator.charts.draw import text_width
from generator.charts.labels import (
    end_width,
    label_field,
    labelled,
    model_labels,
    place_ends,
    stack_labels,
    sunday,
    tokens_text,
    week_text,
    wrap_label,
)
from generator.charts.palette import LIGHT
from generator.charts.theme import (
    SHORT_NAMES,
    ChartText,
    band_treatment,
    colour_scale,
    company_scale,
)
from generator.charts.variants import Variant

# ---------------------------------------------------------------- events and story marks

LATEST = "latest-values"  # the name of the layer of labels at the ends of series
INDEPENDENT_Y = alt.Resolve(scale=alt.ScaleResolveMap(y="independent"))

# Altair is slow at three things these functions avoid (the spec is the same): an encoding given
# as a string ("label:N") or a dict (alt.condition's, alt.value's) is matched against the
# schema to find its channel class (~2 ms each: pass alt.Text("label:N"), alt.OpacityValue(...)
# instead); every layer, .properties() and .resolve_scale() of a layered chart copies the
# whole chart (pass title, description and resolve to the layer: ``layered``), and the copies
# are slow (``lean``). Layers that draw the same data get it once, from layered(data=...):
# Altair would otherwise hoist it there itself, hashing each layer's DataFrame as text.
LEAN = ("axis", "scale", "legend")  # a channel's properties held as plain dicts (``lean``)
CHANNELS = ("x", "x2", "y", "color", "opacity", "fillOpacity", "stroke", "strokeWidth",
            "size", "order", "detail", "text", "tooltip")  # the channels lean looks at


def layered(*charts: alt.Chart | alt.LayerChart, **properties: object) -> alt.LayerChart:
    """``alt.layer(*charts, **properties)``, each chart made ``lean`` first."""
    return alt.layer(*(lean(chart) for chart in charts), **properties)


def lean(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    """The same chart (and spec), its mark's properties and its channels' axis, scale and
    legend held as the plain dicts its spec shows. An Altair object holds each of its
    properties, set or not (a mark ~100, an axis ~75), and Altair copies every layer's whole
    object tree several times (each alt.layer twice, to_dict twice more): plain dicts are
    copied several times faster. A layered chart is returned as it is."""
    if not isinstance(chart, alt.Chart):
        return chart
    made = chart.copy(deep=False)
    if isinstance(chart.mark, alt.SchemaBase):
        made.mark = chart.mark.to_dict(validate=False)
    if isinstance(chart.encoding, alt.SchemaBase):
        made.encoding = chart.encoding.copy(deep=False)
        for name in CHANNELS:
            channel = held(made.encoding, name)
            objects = [key for key in LEAN if isinstance(held(channel, key), alt.SchemaBase)]
            if objects:  # a copy: a channel may be shared with other layers
                made.encoding[name] = channel = channel.copy(deep=False)
                for key in objects:
                    channel[key] = channel[key].to_dict(validate=False)
    return made


def held(obj: object, key: str) -> object:
    """An Altair object's property ``key`` (alt.Undefined when unset or not one of its)."""
    try:
        return obj[key] if isinstance(obj, alt.SchemaBase) else alt.Undefined
    except KeyError:
        return alt.Undefined


def annotate(chart: alt.Chart | alt.LayerChart, text: ChartText,
             variant: Variant) -> alt.Chart | alt.LayerChart:
    """Draw a time-series chart's story marks (a solid rule, its label in bold: "China passes
    U.S.") and dated events (dashed rules, short labels), alternating two heights so neighbours
    do not overlap; a label longer than the room is wrapped, never cut short. ``text`` holds
    only those within the chart's weeks (the alt text names the same ones). The time series is
    the chart, or the first layer of a layered one (its labels the others); any other chart is
    returned unchanged."""
    own = list(chart.layer) if isinstance(chart, alt.LayerChart) else [chart]
    series = own[0]
    if not (text.marks or text.events) or not isinstance(series, alt.Chart):
        return chart
    weeks = sorted(series.data["week_start"]) if isinstance(series.data, pd.DataFrame) else []
    if not weeks or isinstance(series.mark, str) or series.mark["type"] not in (
            "area", "line", "rect"):  # (a lean chart's mark is a dict: ``lean``)
        return chart
    span = max(1, (date.fromisoformat(weeks[-1]) - date.fromisoformat(weeks[0])).days + 6)
    shown = sorted([(day, label, words, True) for day, label, words in text.marks] +
                   [(day, label, words, False) for day, label, words in text.events])
    # where each rule falls across the plot (its domain may run on past the last week, to
    # leave room for labels at the ends of series)
    scale = series.encoding.x["scale"] if isinstance(series.encoding.x, alt.X) else None
    domain = scale["domain"] if isinstance(scale, (alt.Scale, dict)) else None  # (lean)
    start, end = (date(d["year"], d["month"], d["date"]) for d in domain) if isinstance(
        domain, list) else (date.fromisoformat(weeks[0]), date.fromisoformat(weeks[-1]))
    plot = variant.width - (56 if variant.narrow else 76)
    rows, boxes = [], []
    for day, label, words, story in shown:
        lines = wrap_label(label, variant.label_limit, variant.font)
        offset = (date.fromisoformat(day) - date.fromisoformat(weeks[0])).days
        side = "right" if offset > 0.6 * span else "left"
        at = plot * (date.fromisoformat(day) - start).days / max(1, (end - start).days)
        wide = max(text_width(line, variant.font, story) for line in lines) + 4
        left = at - wide if side == "right" else at
        boxes.append((left, left + wide, len(lines)))
        rows.append({"week_start": day, "label": label, "lines": "\n".join(lines),
                     "description": words, "when": fmt.long_date(day), "story": story,
                     "side": side})
    for row, top in zip(rows, stack_labels(boxes)):
        row["level"] = top
    events = pd.DataFrame(rows)
    x = alt.X("week_start:T", timeUnit="utcyearmonthdate")
    tooltip = [alt.Tooltip("when:N", title="Date"), alt.Tooltip("label:N", title="Event"),
               alt.Tooltip("description:N", title="What happened")]
    line = variant.font * 1.25
    levels = alt.Scale(domain=[0, max(1.0, variant.plot_height() / line)], reverse=True)
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
                align=side, baseline="top", dx=dx, fontSize=variant.font, lineHeight=line,
                lineBreak="\n",
                fontWeight="bold" if story else "normal",
                color=LIGHT["text" if story else "annotation"],
            ).encode(x=x, y=alt.Y("level:Q", scale=levels, axis=None),
                     text=alt.Text("lines:N")))
    base = chart.copy(deep=False)  # its layers (series and labels) share their y scale
    base.title = alt.Undefined
    base.description = alt.Undefined
    return layered(base, *layers, resolve=INDEPENDENT_Y, title=text.title_params(),
                   description=text.description)


def end_text(labels: pd.DataFrame, x: alt.X, domain: tuple[float, float],
             variant: Variant) -> alt.Chart:
    """The latest value of each series written at its right end (charts.labels.place_ends:
    ``labels`` holds the last week, the text and where it goes in the y scale's units). It
    shares the series' y scale and axis: no axis or title of its own, which would replace
    theirs when Vega-Lite merges the layers' axes."""
    return alt.Chart(labels, name=LATEST).mark_text(
        align="left", baseline="middle", dx=6, fontSize=variant.font, color=LIGHT["text"],
    ).encode(x=x, y=alt.Y("at:Q", scale=alt.Scale(domain=list(domain), nice=False,
                                                  zero=False)), text=alt.Text("label:N"))


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
        color=colour).encode(text=alt.Text("text:N"))
        for line, size, weight, colour, top in lines]
    return layered(*layers, title=text.title_params(), description=text.description,
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
    base = alt.Chart().encode(  # the data: the layer's
        y=alt.Y(f"{field}:N", title=None, sort=sort,
                axis=alt.Axis(labelLimit=variant.label_limit)),
        x=alt.X(f"{value}:Q", title=None, axis=None,
                scale=alt.Scale(domain=[0, float(data[value].max() or 1) * room])),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(color=colour.legend(None), **band_treatment(field, sort))
    values = base.mark_text(align="left", dx=4, color=LIGHT["text"],
                            fontSize=variant.font).encode(text=alt.Text(f"{label}:N"))
    return layered(bars, values, data=data, title=text.title_params(),
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
    """Weekly tokens stacked by band (a country, a company), the first band at the baseline,
    each band's latest tokens written at its right end; a single week is drawn as labelled
    bars."""
    shown = labelled(data, week_text=("week_start", week_text),
                     tokens_text=("tokens", tokens_text))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("band:N", title=band_title),
               alt.Tooltip("tokens_text:N", title="Tokens")]
    if first == last:
        colour = alt.Color("band:N", title=None, scale=scale, sort=bands)
        return single_week_bars(shown, "band", ("tokens", tooltip, "tokens_text"), colour,
                                bands, text, variant)
    ticks = variant.ticks - 1 if variant.narrow else variant.ticks
    top = nice_top(float(data.groupby("week_start")["tokens"].sum().max()), ticks)
    ends = data[data["week_start"].astype(str) == last].sort_values("order")
    middles = ends["tokens"].cumsum() - ends["tokens"] / 2  # of each band, stacked
    labels, keyed = place_ends(pd.DataFrame({
        "name": [SHORT_NAMES.get(band, band) for band in ends["band"]],
        "text": [fmt.tokens_short(int(t)) for t in ends["tokens"]],
        "value": middles.astype("float64"), "weight": ends["tokens"].astype("float64"),
    })[list(ends["tokens"] > 0)], (0.0, top), variant, len(bands))
    x = x_week(first, last, variant, room=end_width(list(labels["label"]), variant))
    colour = alt.Color("band:N", title=None, scale=scale, sort=bands,
                       legend=legend(variant) if keyed else None)
    areas = alt.Chart(shown).mark_area(
        interpolate="linear", stroke=LIGHT["background"], strokeWidth=0.5,
    ).encode(
        x=x,
        y=alt.Y("tokens:Q", stack=True, scale=alt.Scale(domain=[0, top], nice=False),
                axis=tokens_axis(variant, None if variant.narrow else "Tokens per week")),
        color=colour,
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=tooltip,
        **band_treatment("band", bands),
    )
    return layered(areas, end_text(labels.assign(week_start=last), x, (0.0, top), variant),
                   title=text.title_params(), description=text.description)


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
    share_axis = alt.Axis(format="~%", tickCount=variant.ticks, title=None if variant.narrow
                          else "Share of tokens with a known country")
    if first == last:
        colour = alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                           sort=names)
        return single_week_bars(shown, "country_name", ("share_of_attributed", tooltip,
                                                        "share_text"),
                                colour, names, text, variant)
    top = nice_top(float(data["share_of_attributed"].max()), variant.ticks)
    ends = data[data["week_start"].astype(str) == last]
    labels, keyed = line_ends(ends["country_name"], ends["share_of_attributed"], fmt.percent,
                              (0.0, top), variant, len(names))
    x = x_week(first, last, variant, room=end_width(list(labels["label"]), variant))
    colour = alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                       sort=names, legend=legend(variant) if keyed else None)
    lines = alt.Chart(shown).mark_line(strokeWidth=2.5, interpolate="linear").encode(
        x=x,
        y=alt.Y("share_of_attributed:Q", axis=share_axis,
                scale=alt.Scale(domain=[0, top], nice=False)),
        color=colour,
        tooltip=tooltip,
    )
    return layered(lines, end_text(labels.assign(week_start=last), x, (0.0, top), variant),
                   title=text.title_params(), description=text.description)


def line_ends(names: pd.Series, values: pd.Series, write: Callable[[object], str],
              domain: tuple[float, float], variant: Variant,
              series: int) -> tuple[pd.DataFrame, bool]:
    """The labels at the ends of lines (those with a latest value), each value written by
    ``write`` (generator.fmt), and whether a legend is still needed (labels.place_ends)."""
    present = values.notna().to_numpy()
    kept = values[present].astype("float64")
    return place_ends(pd.DataFrame({
        "name": list(names[present]), "text": [write(v) for v in kept],
        "value": list(kept), "weight": [abs(v) for v in kept]}), domain, variant, series)


def top_models_chart(data: pd.DataFrame, text: ChartText, variant: Variant) -> alt.LayerChart:
    """The week's most used models (the top 10 in the narrow drawing), coloured by country,
    each bar's figure written at its end; the model the headline names (``text.focus``) at
    full strength and its figure in bold, the others lighter."""
    top = data.sort_values("rank")
    if variant.narrow:
        top = top[top["rank"] <= 10]
    country_of = dict(zip(data["country_name"], data["country"]))
    names = list(dict.fromkeys(top.sort_values("tokens", ascending=False)["country_name"]))
    codes = [country_of[name] for name in names]
    shown = labelled(data, tokens_text=("tokens", tokens_text),
                     share_text=("share_of_total", fmt.percent),
                     figure_text=("tokens", fmt.tokens_short))
    labels = model_labels(list(shown["model_name"]), variant)
    field = label_field(variant)
    shown = shown.assign(company=shown["company"].where(shown["company"] != "", "–"),
                         **{k: pd.array(v, dtype="str") for k, v in labels.items()},
                         picked=shown["model_permaslug"] == text.focus)
    base = alt.Chart()  # the data: the layer's
    if variant.narrow:
        base = base.transform_filter("datum.rank <= 10")
    # an explicit order: the bars' and the figure's layers share it (a sort by field does
    # not survive the union of two layers' domains, and Vega-Lite falls back to A-Z)
    y = alt.Y(f"{field}:N", title=None, sort=list(shown.sort_values("rank")[field]),
              axis=alt.Axis(labelLimit=variant.label_limit + 12))
    room = float(shown["tokens"].max() or 1) * (1.3 if variant.narrow else 1.12)
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("tokens:Q", scale=alt.Scale(domain=[0, room]),
                axis=tokens_axis(variant, None if variant.narrow else "Tokens in the week")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names, legend=legend(variant, 1 if variant.narrow else None)),
        opacity=alt.OpacityValue(0.55, condition={"test": "datum.picked", "value": 1.0}),
        tooltip=[alt.Tooltip("rank:N", title="Rank"), alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens_text:N", title="Tokens"),
                 alt.Tooltip("share_text:N", title="Share of all tokens")],
    )
    # each bar's figure at its end, the picked one's in bold
    figures = [base.transform_filter(f"{'' if picked else '!'}datum.picked").mark_text(
        align="left", dx=4, fontSize=variant.font, fontWeight="bold" if picked else "normal",
        color=LIGHT["text"]).encode(y=y, x=alt.X("tokens:Q"), text=alt.Text("figure_text:N"))
        for picked in (False, True)]
    return layered(bars, *figures, data=shown, title=text.title_params(),
                   description=text.description)


# ---------------------------------------------------------------- histories

def history_chart(data: pd.DataFrame, text: ChartText, variant: Variant) -> alt.Chart:
    """Weekly tokens of one model, company or country (data: week_start, tokens, ...), in its
    one colour (``text.colour``), its latest figure beside its last bar. Drawn over
    ``text.span`` (from the first published week, or a model's own first week, to its own
    last) so a short history reads as short; a history of SHORT_WEEKS weeks or fewer over its
    own weeks, a tick per week; a single week is a number."""
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
    value = fmt.tokens_short(int(data.sort_values("week_start")["tokens"].iloc[-1]))
    x = x_week(first, last, variant, bars=True, room=end_width([value], variant))
    top = nice_top(float(data["tokens"].max()), variant.ticks)
    y = alt.Y("tokens:Q", scale=alt.Scale(domain=[0, top], nice=False),
              axis=tokens_axis(variant, None if variant.narrow else "Tokens per week"))
    bars = alt.Chart(shown).mark_rect(color=text.colour).encode(
        x=x, x2=alt.X2("week_end:T", timeUnit="utcyearmonthdate"), y=y, tooltip=tooltip)
    # its latest week's figure beside its last bar
    latest = pd.DataFrame({"week_start": [sunday(last)], "label": [value],
                           "at": [float(data.sort_values("week_start")["tokens"].iloc[-1])]})
    return layered(bars, end_text(latest, x, (0.0, top), variant),
                   title=text.title_params(), description=text.description)
