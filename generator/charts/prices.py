"""Specs of the charts of list prices and free variants (the data: charts.data; the prices:
generator.prices): the share of each week's tokens that went to ``:free`` variants, and each
ranked model's tokens against its list price. Same rules as charts.specs."""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from generator import fmt
from generator.charts.axes import SI_LABEL, nice_top, week_span, x_week
from generator.charts.labels import (
    end_width,
    label_field,
    labelled,
    model_labels,
    tokens_text,
    week_text,
)
from generator.charts.palette import CONTEXT_COLOUR, FREE_COLOUR, LIGHT, country_colour
from generator.charts.specs import end_text, layered, line_ends, stat_chart
from generator.charts.theme import ChartText
from generator.charts.variants import Variant

OTHERS = "Other models"  # the grey points beside the one a headline names


def free_share_chart(data: pd.DataFrame, text: ChartText,
                     variant: Variant) -> alt.Chart | alt.LayerChart:
    """The share of each week's tokens that went to ``:free`` variants: one line."""
    first, last = week_span(data)
    if first == last:
        return stat_chart(text, variant)
    shown = labelled(data, week_text=("week_start", week_text),
                     share_text=("free_share", fmt.percent),
                     tokens_text=("free_variant_tokens", tokens_text))
    share_axis = alt.Axis(format="~%", tickCount=variant.ticks, title=None if variant.narrow
                          else f"Share {fmt.OF_ALL}")
    top = nice_top(float(data["free_share"].max() or 0), variant.ticks)
    ends = data[data["week_start"].astype(str) == last]
    # one line: its latest share needs no name
    labels, _ = line_ends(pd.Series([""] * len(ends)), ends["free_share"].reset_index(drop=True),
                          fmt.percent, (0.0, top), variant, 1)
    x = x_week(first, last, variant, room=end_width(list(labels["label"]), variant))
    line = alt.Chart(shown).mark_line(
        strokeWidth=2.5, interpolate="linear", color=FREE_COLOUR).encode(
        x=x,
        y=alt.Y("free_share:Q", axis=share_axis, scale=alt.Scale(domain=[0, top], nice=False)),
        tooltip=[alt.Tooltip("week_text:N", title="Week"),
                 alt.Tooltip("share_text:N", title=f"Share {fmt.OF_ALL}"),
                 alt.Tooltip("tokens_text:N", title="Tokens of free variants")],
    )
    return layered(line, end_text(labels.assign(week_start=last), x, (0.0, top), variant),
                   title=text.title_params(), description=text.description)


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from the one at or below ``low`` to the one at or above ``high``."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if first == last:
        last += 1
    return [float(10 ** e) if e >= 0 else float(f"1e{e}") for e in range(first, last + 1)]


def price_usage_chart(data: pd.DataFrame, text: ChartText,
                      variant: Variant) -> alt.Chart | alt.LayerChart:
    """Each ranked model with a paid list price: its tokens in the week against its price per
    million completion tokens, both on log scales. The model the headline names
    (``text.focus``) in its country's colour and named beside its point, the others grey. Free
    models (price 0) and models without a known price cannot be placed; the caption counts
    them."""
    paid = data[(data["price_completion_usd_per_mtok"].fillna(0) > 0) & (data["tokens"] > 0)]
    if paid.empty:
        return stat_chart(text, variant)
    paid = paid.astype({"price_prompt_usd_per_mtok": "float64",
                        "price_completion_usd_per_mtok": "float64"})
    shown = labelled(paid, tokens_text=("tokens", tokens_text),
                     prompt_text=("price_prompt_usd_per_mtok", fmt.price),
                     completion_text=("price_completion_usd_per_mtok", fmt.price))
    picked = shown["model_permaslug"] == text.focus
    focus = shown[picked]
    shade = focus["country_name"].iloc[0] if len(focus) else OTHERS
    shown = shown.assign(company=shown["company"].where(shown["company"] != "", "–"),
                         shade=pd.array([shade if p else OTHERS for p in picked], dtype="str"),
                         picked=picked,
                         **{k: pd.array(v, dtype="str") for k, v in
                            model_labels(list(shown["model_name"]), variant).items()})
    prices = log_ticks(float(paid["price_completion_usd_per_mtok"].min()),
                       float(paid["price_completion_usd_per_mtok"].max()))
    tokens = log_ticks(float(paid["tokens"].min()), float(paid["tokens"].max()))
    price_labels = [fmt.price(value) for value in prices]
    x = alt.X("price_completion_usd_per_mtok:Q",
              scale=alt.Scale(type="log", domain=[prices[0], prices[-1]]),
              axis=alt.Axis(values=prices, title=None if variant.narrow else
                            "List price per million completion tokens (USD)",
                            labelExpr=f"{json.dumps(price_labels)}"
                                      f"[indexof({json.dumps(prices)}, datum.value)]"))
    y = alt.Y("tokens:Q", scale=alt.Scale(type="log", domain=[tokens[0], tokens[-1]]),
              axis=alt.Axis(values=tokens, labelExpr=SI_LABEL,
                            title=None if variant.narrow else "Tokens in the week"))
    colours = [country_colour(str(focus["country"].iloc[0]))] if len(focus) else []
    # the data: the layer's, or the chart's own when it has no other layer (charts.specs)
    points = alt.Chart().mark_circle(opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("shade:N", title=None, legend=None,
                        scale=alt.Scale(domain=[*([shade] if len(focus) else []), OTHERS],
                                        range=[*colours, CONTEXT_COLOUR])),
        size=alt.SizeValue(50 if variant.narrow else 70, condition={
            "test": "datum.picked", "value": 150 if variant.narrow else 200}),
        order=alt.Order("picked:N"),
        tooltip=[alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens_text:N", title="Tokens"),
                 alt.Tooltip("prompt_text:N", title="Prompt price per million tokens"),
                 alt.Tooltip("completion_text:N", title="Completion price per million tokens")])
    if focus.empty:
        return points.properties(data=shown, title=text.title_params(),
                                 description=text.description)
    # the name on the side of the point with more room (log scale: where it sits in the domain)
    at = math.log10(float(focus["price_completion_usd_per_mtok"].iloc[0]))
    right = (at - math.log10(prices[0])) / (math.log10(prices[-1]) - math.log10(prices[0])) > 0.55
    name = alt.Chart().transform_filter("datum.picked").mark_text(
        align="right" if right else "left", dx=-10 if right else 10, fontSize=variant.font,
        fontWeight="bold", color=LIGHT["text"]).encode(
            x=x, y=y, text=alt.Text(f"{label_field(variant)}:N"))
    return layered(points, name, data=shown, title=text.title_params(),
                   description=text.description)
