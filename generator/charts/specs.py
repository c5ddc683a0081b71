"""Chart specs. Each ``*_chart`` takes the exact data it draws (charts.data) and the size it is
drawn at, and returns an ``alt.Chart``: no loading, no saving, no theme calls inside."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from generator.charts.theme import (
    ANNOTATION_COLOUR,
    COUNTRY_COLOURS,
    OTHER_COLOUR,
    OTHER_COMPANIES,
    PALETTE,
    UNATTRIBUTED_COLOUR,
    Caption,
    Size,
    colour_scale,
)
from generator.fmt import country_name

# ---------------------------------------------------------------- axes and tooltips

def x_week(span: tuple[str, str] | None = None) -> alt.X:
    """The week axis; ``span`` (first, last week) fixes the domain so entity histories share it."""
    scale = alt.Undefined
    if span:
        scale = alt.Scale(domain=[utc_datetime(span[0]), utc_datetime(span[1])])
    return alt.X("week_start:T", timeUnit="utcyearmonthdate", title="Week starting (UTC)",
                 scale=scale, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8))


def utc_datetime(day: str) -> alt.DateTime:
    parsed = date.fromisoformat(day)
    return alt.DateTime(year=parsed.year, month=parsed.month, date=parsed.day, utc=True)


def y_tokens(title: str = "Tokens per week") -> alt.Y:
    return alt.Y("tokens:Q", title=title, stack=True, axis=alt.Axis(format="~s"))


def tooltip_week(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [alt.Tooltip("week_start:T", timeUnit="utcyearmonthdate", title="Week starting"),
            *extra]


# ---------------------------------------------------------------- annotations (dated events)

def annotate(chart: alt.Chart, notes: list[tuple[str, str, str]] | None
             ) -> alt.Chart | alt.LayerChart:
    """Draw dated events (day, label, description) on a time-series chart as dashed rules with
    short labels, alternating two heights so neighbours do not overlap. Events outside the
    chart's weeks are left out. Without events the chart is returned unchanged."""
    if not notes:
        return chart
    weeks = sorted(chart.data["week_start"]) if isinstance(chart.data, pd.DataFrame) else []
    if not weeks:
        return chart
    last = (date.fromisoformat(weeks[-1]) + pd.Timedelta(days=6)).isoformat()
    shown = sorted(n for n in notes if weeks[0] <= n[0] <= last)
    if not shown:
        return chart
    span = max(1, (date.fromisoformat(last) - date.fromisoformat(weeks[0])).days)
    events = pd.DataFrame([
        {"week_start": day, "label": label, "description": text, "level": i % 2,
         "side": "right" if (date.fromisoformat(day) - date.fromisoformat(weeks[0])).days
         > 0.7 * span else "left"}
        for i, (day, label, text) in enumerate(shown)])
    x = alt.X("week_start:T", timeUnit="utcyearmonthdate")
    rules = alt.Chart(events).mark_rule(color=ANNOTATION_COLOUR, strokeDash=[4, 3],
                                        strokeWidth=1).encode(
        x=x, tooltip=[alt.Tooltip("week_start:T", timeUnit="utcyearmonthdate", title="Date"),
                      alt.Tooltip("label:N", title="Event"),
                      alt.Tooltip("description:N", title="What happened")])
    labels = []
    for side, dx in (("left", 4), ("right", -4)):
        subset = events[events["side"] == side]
        if subset.empty:
            continue
        labels.append(alt.Chart(subset).mark_text(
            align=side, baseline="top", dx=dx, fontSize=11, color=ANNOTATION_COLOUR,
        ).encode(x=x, y=alt.Y("level:Q", scale=alt.Scale(domain=[0, 12], reverse=True),
                              axis=None), text="label:N"))
    title, description = chart.title, chart.description
    base = chart.copy(deep=False)
    base.title = alt.Undefined
    base.description = alt.Undefined
    return alt.layer(base, rules, *labels).resolve_scale(y="independent").properties(
        title=title, description=f"{description} Dashed lines mark dated events: "
        + "; ".join(f"{label} ({day})" for day, label, _ in shown) + ".")


def tokens_by_country_chart(data: pd.DataFrame, caption: Caption, size: Size) -> alt.Chart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    codes = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    return alt.Chart(
        data,
        title=caption.title("Weekly tokens by country of origin",
                            "Tokens processed per ISO week, by the model developer's country",
                            size.width),
        description="Stacked area chart of weekly tokens by the country of each model's "
                    "developer, with bands for unattributed models and unranked models.",
    ).mark_area(interpolate="monotone").encode(
        x=x_week(),
        y=y_tokens(),
        color=alt.Color("band:N", title=None, scale=colour_scale(bands, codes),
                        sort=bands),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=tooltip_week(alt.Tooltip("band:N", title="Band"),
                             alt.Tooltip("tokens:Q", title="Tokens", format=",")),
    )


def country_share_chart(data: pd.DataFrame, caption: Caption, size: Size) -> alt.Chart:
    names = list(data.sort_values(["week_start", "tokens"], ascending=[False, False])
                 ["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    return alt.Chart(
        data,
        title=caption.title("Share of attributed tokens by country",
                            "Each country's share of the week's tokens attributed to a country",
                            size.width),
        description="Line chart of each country's weekly share of attributed tokens.",
    ).mark_line(strokeWidth=2.5).encode(
        x=x_week(),
        y=alt.Y("share_of_attributed:Q", title="Share of attributed tokens",
                axis=alt.Axis(format="%")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names),
        tooltip=tooltip_week(alt.Tooltip("country_name:N", title="Country"),
                             alt.Tooltip("share_of_attributed:Q", title="Share", format=".1%")),
    )


def top_models_chart(data: pd.DataFrame, caption: Caption, week_label: str,
                     size: Size) -> alt.Chart:
    names = list(data.sort_values("tokens", ascending=False)["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    return alt.Chart(
        data,
        title=caption.title(f"Top {len(data)} models, week of {week_label}",
                            "Tokens processed in the week, coloured by the developer's country",
                            size.width),
        description=f"Bar chart of the {len(data)} most used models in the week of {week_label}, "
                    "coloured by country.",
    ).mark_bar().encode(
        y=alt.Y("model_name:N", title=None, sort=alt.SortField("rank", order="ascending"),
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("tokens:Q", title="Tokens in the week", axis=alt.Axis(format="~s")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names),
        tooltip=[alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens:Q", title="Tokens", format=",")],
    )


def tokens_by_company_chart(data: pd.DataFrame, caption: Caption, size: Size) -> alt.Chart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    scale = alt.Scale(domain=bands, range=[*PALETTE[: len(bands) - 1], OTHER_COLOUR]) \
        if OTHER_COMPANIES in bands else alt.Scale(domain=bands, range=PALETTE[: len(bands)])
    return alt.Chart(
        data,
        title=caption.title("Weekly tokens by company",
                            "The latest week's ten largest companies; the rest summed",
                            size.width),
        description="Stacked area chart of weekly tokens by model developer.",
    ).mark_area(interpolate="monotone").encode(
        x=x_week(),
        y=y_tokens(),
        color=alt.Color("band:N", title=None, scale=scale, sort=bands),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=tooltip_week(alt.Tooltip("band:N", title="Company"),
                             alt.Tooltip("tokens:Q", title="Tokens", format=",")),
    )


def history_chart(data: pd.DataFrame, caption: Caption, title: str, subtitle: str,
                  colour: str, span: tuple[str, str], size: Size) -> alt.Chart:
    """Weekly tokens of one model, company or country (data: week_start, tokens, ...), drawn
    over the whole published span so a short history reads as short."""
    weeks = (date.fromisoformat(span[1]) - date.fromisoformat(span[0])).days // 7 + 1
    return alt.Chart(
        data,
        title=caption.title(title, subtitle, size.width),
        description=f"Bar chart of weekly tokens: {title}.",
    ).mark_bar(color=colour, size=max(1.5, round(0.75 * (size.width - 80) / weeks, 1))).encode(
        x=x_week(span),
        y=alt.Y("tokens:Q", title="Tokens per week", axis=alt.Axis(format="~s")),
        tooltip=tooltip_week(alt.Tooltip("tokens:Q", title="Tokens", format=",")),
    )


def model_history_chart(data: pd.DataFrame, caption: Caption, model_name: str,
                        country: str, span: tuple[str, str], size: Size) -> alt.Chart:
    return history_chart(data, caption, f"{model_name}: weekly tokens",
                         "Tokens processed per ISO week while in the top 50",
                         COUNTRY_COLOURS.get(country, UNATTRIBUTED_COLOUR), span, size)


def company_history_chart(data: pd.DataFrame, caption: Caption, company: str,
                          country: str, span: tuple[str, str], size: Size) -> alt.Chart:
    return history_chart(data, caption, f"{company}: weekly tokens",
                         "Tokens of the company's ranked models per ISO week",
                         COUNTRY_COLOURS.get(country, PALETTE[0]), span, size)


def country_history_chart(data: pd.DataFrame, caption: Caption, country: str,
                          span: tuple[str, str], size: Size) -> alt.Chart:
    return history_chart(data, caption, f"{country_name(country)}: weekly tokens",
                         "Tokens of ranked models developed in the country, per ISO week",
                         COUNTRY_COLOURS.get(country, PALETTE[0]), span, size)
