"""Specs of the two charts of change (charts.specs draws the others, and lends its helpers):

- ``country_growth_chart``: the change on the week of China's and the U.S.'s tokens over the
  last weeks (the figures of each week's story sentence, findings.facts), a line per country
  around a marked zero; one week with a change is a bar per country, none is a number.
- ``rank_movement_chart``: a bump chart of the latest week's top 10 models, their ranks over
  the last weeks (rank 1 at the top), each line named at its right end; a week a model was
  not in the top 50 breaks its line. Ranks below ``RANK_FLOOR`` share the bottom row. The
  model its headline names is drawn in its country's colour, the others in grey.

Same rules as charts.specs: data in (charts.data), words in (a ``ChartText``), ``alt.Chart``
out; tooltips and axis labels written by generator.fmt.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from generator import fmt
from generator.charts.axes import legend, week_span, x_week
from generator.charts.data import MOVEMENT_MODELS
from generator.charts.draw import text_width
from generator.charts.labels import end_width, label_field, labelled, model_labels, week_text
from generator.charts.palette import CONTEXT_COLOUR, LIGHT, country_colour
from generator.charts.specs import end_text, layered, line_ends, stat_chart
from generator.charts.theme import ChartText, colour_scale
from generator.charts.variants import Variant

RANK_FLOOR = 15  # the lowest rank drawn on its own row; lower ranks share the row below it


def maybe_tokens(value: object) -> str:
    return fmt.MISSING if fmt.is_missing(value) else fmt.tokens_words(int(value))


def maybe_rank(value: object) -> str:
    return "Not in the top 50" if fmt.is_missing(value) else f"#{int(value)}"


def country_colours(data: pd.DataFrame) -> tuple[list[str], alt.Scale]:
    """The countries (by name) in the order of their latest tokens, and their fixed colours."""
    latest = data[data["week_start"] == data["week_start"].max()]
    order = latest.assign(sort=latest["tokens"].fillna(-1)).sort_values(
        ["sort", "country_name"], ascending=[False, True])
    names = list(dict.fromkeys([*order["country_name"], *sorted(data["country_name"])]))
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    return names, colour_scale(names, codes)


# ---------------------------------------------------------------- week-on-week growth

def change_ticks(low: float, high: float, count: int) -> list[float]:
    """Round tick values from below ``low`` to above ``high``, zero always among them."""
    low, high = min(low, 0.0), max(high, 0.0)
    rough = (high - low or 0.1) / max(1, count)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough - 1e-12)
    start, stop = math.floor(low / step - 1e-9), math.ceil(high / step + 1e-9)
    return [round(i * step, 10) for i in range(start, stop + 1)]


def change_axis(ticks: list[float], variant: Variant) -> alt.Axis:
    """Signed percentages (generator.fmt), the grid line at zero drawn as strongly as an axis."""
    texts = [fmt.change_tick(t) for t in ticks]
    return alt.Axis(values=ticks, title=None if variant.narrow else "Change on the week",
                    labelExpr=f"{json.dumps(texts)}[indexof({json.dumps(ticks)}, datum.value)]",
                    gridColor={"condition": {"test": "datum.value === 0",
                                             "value": LIGHT["domain"]}, "value": LIGHT["grid"]})


def country_growth_chart(data: pd.DataFrame, text: ChartText,
                         variant: Variant) -> alt.Chart | alt.LayerChart:
    first, last = week_span(data)
    changes = data[data["wow_change"].notna()]
    if changes.empty:
        return stat_chart(text, variant)
    names, scale = country_colours(data)
    shown = labelled(data, week_text=("week_start", week_text),
                     change_text=("wow_change", fmt.change),
                     tokens_text=("tokens", maybe_tokens))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("country_name:N", title="Country"),
               alt.Tooltip("change_text:N", title="Change on the week"),
               alt.Tooltip("tokens_text:N", title="Tokens in the week")]
    ticks = change_ticks(float(changes["wow_change"].min()), float(changes["wow_change"].max()),
                         variant.ticks)
    y_scale = alt.Scale(domain=[ticks[0], ticks[-1]], nice=False)
    y = alt.Y("wow_change:Q", axis=change_axis(ticks, variant), scale=y_scale)
    if first == last:  # one week with a change: a bar per country, its change beside it
        colour = alt.Color("country_name:N", title=None, scale=scale, sort=names)
        return one_week_changes(shown[shown["wow_change"].notna()], names, colour, ticks,
                                tooltip, text, variant)
    ends = data[data["week_start"].astype(str) == last]
    domain = (float(ticks[0]), float(ticks[-1]))
    labels, keyed = line_ends(ends["country_name"], ends["wow_change"], fmt.change, domain,
                              variant, len(names))
    x = x_week(first, last, variant, room=end_width(list(labels["label"]), variant))
    colour = alt.Color("country_name:N", title=None, scale=scale, sort=names,
                       legend=legend(variant) if keyed else None)
    base = alt.Chart(shown).encode(x=x, y=y, color=colour, tooltip=tooltip)
    return layered(
        base.mark_line(strokeWidth=2.5, interpolate="linear"),
        base.mark_circle(size=36 if variant.narrow else 44, opacity=1),
        end_text(labels.assign(week_start=last), x, domain, variant),
        title=text.title_params(), description=text.description)


def one_week_changes(shown: pd.DataFrame, names: list[str], colour: alt.Color,
                     ticks: list[float], tooltip: list, text: ChartText,
                     variant: Variant) -> alt.LayerChart:
    """A bar per country from zero to its change, the change written at the bar's end, with
    room for it inside the plot on both sides."""
    span = ticks[-1] - ticks[0]
    room = span * (0.45 if variant.narrow else 0.3)
    low = ticks[0] - (room if ticks[0] < 0 else 0)
    domain = [low, ticks[-1] + room]
    base = alt.Chart().encode(  # the data: the layer's (charts.specs says why)
        y=alt.Y("country_name:N", title=None, sort=names,
                scale=alt.Scale(paddingInner=0.4, paddingOuter=0.3),
                axis=alt.Axis(labelLimit=variant.label_limit)),
        x=alt.X("wow_change:Q", title=None, axis=None,
                scale=alt.Scale(domain=domain, nice=False, zero=True)),
        tooltip=tooltip)
    bars = base.mark_bar().encode(color=colour.legend(None))
    rise = base.transform_filter("datum.wow_change >= 0").mark_text(
        align="left", dx=4, color=LIGHT["text"], fontSize=variant.font).encode(
        text=alt.Text("change_text:N"))
    fall = base.transform_filter("datum.wow_change < 0").mark_text(
        align="right", dx=-4, color=LIGHT["text"], fontSize=variant.font).encode(
        text=alt.Text("change_text:N"))
    zero = alt.Chart().mark_rule(color=LIGHT["domain"], strokeWidth=1).encode(
        x=alt.XDatum(0.0, type="quantitative", axis=None))
    return layered(bars, zero, rise, fall, data=shown, title=text.title_params(),
                   description=text.description)


# ---------------------------------------------------------------- rank movement (bump chart)

def rank_rows(ranks: pd.Series) -> tuple[int, bool]:
    """(the lowest rank drawn on its own row, whether lower ranks share a row below it)."""
    deepest = int(ranks.max()) if ranks.notna().any() else 1
    floor = min(max(deepest, MOVEMENT_MODELS), RANK_FLOOR)
    return floor, deepest > floor


def rank_axis(floor: int, below: bool, variant: Variant) -> alt.Axis:
    ticks = [t for t in (1, 5, 10, 15, 20) if t <= floor]
    if not below and floor - ticks[-1] >= 2:
        ticks.append(floor)
    texts = [f"#{t}" for t in ticks]
    if below:
        if floor + 1 - ticks[-1] < 3:
            ticks, texts = ticks[:-1], texts[:-1]
        ticks.append(floor + 1)
        texts.append(f"{floor + 1}+")
    return alt.Axis(values=ticks, title=None if variant.narrow else "Rank by tokens",
                    grid=True, labelExpr=f"{json.dumps(texts)}[indexof({json.dumps(ticks)}, "
                    "datum.value)]")


def rank_movement_chart(data: pd.DataFrame, text: ChartText,
                        variant: Variant) -> alt.Chart | alt.LayerChart:
    weeks = sorted(data["week_start"].astype(str).unique())
    first, last = weeks[0], weeks[-1]
    if len(weeks) == 1:
        return stat_chart(text, variant)
    floor, below = rank_rows(data["rank"])
    order = data.drop_duplicates("model_permaslug").sort_values("last_rank")
    field = label_field(variant)
    both = {k: dict(zip(order["model_permaslug"], v))
            for k, v in model_labels(list(order["model_name"]), variant).items()}
    labels = both[field]
    shown = labelled(data, week_text=("week_start", week_text),
                     tokens_text=("tokens", maybe_tokens), rank_text=("rank", maybe_rank))
    drawn = shown["rank"].astype("Float64").clip(upper=floor + 1)
    # the name at the line's end (the week_start the spec carries becomes a date in Vega)
    ends = {k: pd.array([names[s] if str(w) == last else ""
                         for s, w in zip(shown["model_permaslug"], shown["week_start"])],
                        dtype="str") for k, names in both.items()}
    picked = shown["model_permaslug"] == text.focus
    shown = shown.assign(place=drawn.astype("float64"), **ends,
                         company=shown["company"].where(shown["company"] != "", "–"),
                         picked=picked)
    room = round(min(variant.label_limit, max(text_width(label, variant.font)
                                              for label in labels.values()))) + 12
    x = x_week(first, last, variant, room=room)
    y = alt.Y("place:Q", axis=rank_axis(floor, below, variant),
              scale=alt.Scale(domain=[1, floor + 1 if below else floor], reverse=True,
                              nice=False, zero=False, padding=9))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("model_name:N", title="Model"),
               alt.Tooltip("rank_text:N", title="Rank"),
               alt.Tooltip("tokens_text:N", title="Tokens"),
               alt.Tooltip("company:N", title="Company"),
               alt.Tooltip("country_name:N", title="Country")]
    base = alt.Chart().encode(x=x, y=y)  # the data: the layer's (charts.specs says why)
    if not picked.any():  # no headline model among them: every line in its country's colour
        names, scale = country_colours(data)
        colour = alt.Color("country_name:N", title=None, scale=scale, sort=names,
                           legend=legend(variant))
        layers = [base.mark_line(strokeWidth=2.5, interpolate="linear").encode(
                      color=colour, detail=alt.Detail("model_permaslug:N"), tooltip=tooltip),
                  base.mark_circle(size=36 if variant.narrow else 48, opacity=1).encode(
                      color=colour, tooltip=tooltip)]
    else:  # the others in grey first, the one the headline names over them in its colour
        country = str(shown.loc[picked, "country"].iloc[0])
        layers = []
        for chosen, colour, width in ((False, CONTEXT_COLOUR, 2), (True, country_colour(country),
                                                                   3.5)):
            subset = base.transform_filter("datum.picked" if chosen else "!datum.picked")
            layers += [subset.mark_line(strokeWidth=width, interpolate="linear", color=colour
                                        ).encode(detail=alt.Detail("model_permaslug:N"),
                                                 tooltip=tooltip),
                       subset.mark_circle(size=(36 if variant.narrow else 48) * width / 2.5,
                                          opacity=1, color=colour).encode(tooltip=tooltip)]
    for chosen in (False, True):  # the name the headline names in bold
        layers.append(base.transform_filter(
            f"datum.{field} != '' && {'' if chosen else '!'}datum.picked").mark_text(
            align="left", baseline="middle", dx=8, fontSize=variant.font, color=LIGHT["text"],
            fontWeight="bold" if chosen else "normal", limit=room).encode(
            text=alt.Text(f"{field}:N"), tooltip=tooltip))
    return layered(*layers, data=shown, title=text.title_params(),
                   description=text.description)
