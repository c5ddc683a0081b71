"""Chart data and chart specs. Each ``*_chart`` takes the exact data it draws and returns an
``alt.Chart``: no loading, no saving, no theme calls inside. The theme is registered once."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from generator.derive import UNATTRIBUTED, Tables
from generator.draw import FONT
from generator.fmt import SAMPLE_NOTICE, country_name, source_line
from generator.tableio import cell, rows

THEME = "tracker"
WIDTH = 680
HEIGHT = 320
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


# Altair's own data step (copy, sanitise each column, DataFrame.to_dict) was two thirds of
# to_dict(), ~6 ms a chart. These plain column types convert a column at a time instead.
PLAIN_KINDS = {"i", "u", "f", "b"}


def chart_values(data: object) -> dict:
    """Altair's ``to_values`` for the DataFrames the charts draw: the same values (Python
    numbers, strings, None for a missing or non-finite number) a column at a time. Any other
    data, or a column of another type (dates, categories, objects), goes to Altair's own."""
    if isinstance(data, pd.DataFrame) and all(
            isinstance(name, str) for name in data.columns) and all(
            dtype.kind in PLAIN_KINDS or str(dtype) in ("str", "string")
            or str(dtype) in NULLABLE for dtype in data.dtypes):
        names = list(data.columns)
        return {"values": [dict(zip(names, map(_finite, row))) for row in rows(data)]}
    return alt.utils.data.to_values(data)


NULLABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
            "Float32", "Float64", "boolean"}


def _finite(value: object) -> object:
    """tableio's plain value, with infinities missing as well (JSON has no Infinity)."""
    value = cell(value)
    return None if isinstance(value, float) and not math.isfinite(value) else value


def register_theme() -> None:
    """Register and enable the site's one chart theme and its data step (idempotent). Altair's
    debug mode, which checks every axis, scale and encoding object against the schema as it is
    made (~11% of a weekly rebuild's generating), is turned off: the first chart of each family
    is still checked whole (render.plan_charts), and the tests check every chart of a build."""
    alt.utils.schemapi.disable_debug_mode()
    alt.data_transformers.register(THEME, chart_values)
    alt.data_transformers.enable(THEME)

    @alt.theme.register(THEME, enable=True)
    def tracker_theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                "background": "#ffffff",
                "font": FONT,
                "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
                "title": {"anchor": "start", "fontSize": 17, "fontWeight": 600,
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

    def title(self, text: str, subtitle: str) -> alt.TitleParams:
        lines = [subtitle]
        if self.is_sample:
            lines.append(SAMPLE_NOTICE.upper())
        lines.append(source_line(self.as_of))
        return alt.TitleParams(text=text, subtitle=lines)


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


# ---------------------------------------------------------------- chart data (what each draws)

def country_bands_data(tables: Tables) -> pd.DataFrame:
    """Weekly tokens per country, plus the Unattributed and `other` bands: adds up to the total."""
    countries = tables.countries.assign(band=tables.countries["country"].map(country_name))
    extra = []
    for row in tables.totals.itertuples():
        extra.append((row.week_start, "", UNATTRIBUTED, row.unknown_tokens))
        extra.append((row.week_start, "", OTHER_BAND, row.other_tokens))
    extras = pd.DataFrame(extra, columns=["week_start", "country", "band", "tokens"])
    bands = pd.concat([countries[["week_start", "country", "band", "tokens"]], extras])
    bands["order"] = bands["band"].map(band_order(tables))
    return bands.sort_values(["week_start", "order"]).reset_index(drop=True) \
        .astype({"tokens": "int64", "order": "int64"})


def band_order(tables: Tables) -> dict[str, int]:
    """Countries by their latest-week tokens (largest at the bottom), then the unknown bands."""
    latest = tables.countries[tables.countries["week_start"] == tables.latest_week]
    seen = list(latest.sort_values(["tokens", "country"], ascending=[False, True])["country"])
    for code in sorted(set(tables.countries["country"]) - set(seen)):
        seen.append(code)
    order = {country_name(code): i for i, code in enumerate(seen)}
    order[UNATTRIBUTED] = len(order)
    order[OTHER_BAND] = len(order)
    return order


def country_share_data(tables: Tables) -> pd.DataFrame:
    shares = tables.countries.assign(country_name=tables.countries["country"].map(country_name))
    return shares[["week_start", "country", "country_name", "tokens", "share_of_attributed"]] \
        .reset_index(drop=True)


def top_models_data(tables: Tables, week: str, limit: int = 15) -> pd.DataFrame:
    models = tables.models[(tables.models["week_start"] == week) & (tables.models["rank"] <= limit)]
    top = models.assign(country_name=models["country"].map(country_name))
    return top[["week_start", "rank", "model_permaslug", "model_name", "company", "country",
                "country_name", "tokens", "share_of_total"]].reset_index(drop=True)


def company_bands_data(tables: Tables, limit: int = 10) -> pd.DataFrame:
    """Weekly tokens of the latest week's top companies; the rest summed as one band."""
    latest = tables.companies[tables.companies["week_start"] == tables.latest_week]
    ordered = latest.sort_values(["tokens", "company"], ascending=[False, True])
    top = list(ordered["company"])[:limit]
    companies = tables.companies.assign(
        band=tables.companies["company"].where(tables.companies["company"].isin(top),
                                               OTHER_COMPANIES)
    )
    banded = companies.groupby(["week_start", "band"], sort=True)["tokens"].sum().reset_index()
    order = {name: i for i, name in enumerate([*top, OTHER_COMPANIES])}
    banded["order"] = banded["band"].map(order).astype("int64")
    return banded.sort_values(["week_start", "order"]).reset_index(drop=True)


# ---------------------------------------------------------------- charts

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

ANNOTATION_COLOUR = "#444444"


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


def tokens_by_country_chart(data: pd.DataFrame, caption: Caption) -> alt.Chart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    codes = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    return alt.Chart(
        data,
        title=caption.title("Weekly tokens by country of origin",
                            "Tokens processed per ISO week, by the model developer's country"),
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
    ).properties(width=WIDTH, height=HEIGHT)


def country_share_chart(data: pd.DataFrame, caption: Caption) -> alt.Chart:
    names = list(data.sort_values(["week_start", "tokens"], ascending=[False, False])
                 ["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    return alt.Chart(
        data,
        title=caption.title("Share of attributed tokens by country",
                            "Each country's share of the week's tokens attributed to a country"),
        description="Line chart of each country's weekly share of attributed tokens.",
    ).mark_line(strokeWidth=2.5).encode(
        x=x_week(),
        y=alt.Y("share_of_attributed:Q", title="Share of attributed tokens",
                axis=alt.Axis(format="%")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names),
        tooltip=tooltip_week(alt.Tooltip("country_name:N", title="Country"),
                             alt.Tooltip("share_of_attributed:Q", title="Share", format=".1%")),
    ).properties(width=WIDTH, height=HEIGHT)


def top_models_chart(data: pd.DataFrame, caption: Caption, week_label: str) -> alt.Chart:
    names = list(data.sort_values("tokens", ascending=False)["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    return alt.Chart(
        data,
        title=caption.title(f"Top {len(data)} models, week of {week_label}",
                            "Tokens processed in the week, coloured by the developer's country"),
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
    ).properties(width=WIDTH - 200, height=22 * len(data))


def tokens_by_company_chart(data: pd.DataFrame, caption: Caption) -> alt.Chart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    scale = alt.Scale(domain=bands, range=[*PALETTE[: len(bands) - 1], OTHER_COLOUR]) \
        if OTHER_COMPANIES in bands else alt.Scale(domain=bands, range=PALETTE[: len(bands)])
    return alt.Chart(
        data,
        title=caption.title("Weekly tokens by company",
                            "The latest week's ten largest companies; the rest summed"),
        description="Stacked area chart of weekly tokens by model developer.",
    ).mark_area(interpolate="monotone").encode(
        x=x_week(),
        y=y_tokens(),
        color=alt.Color("band:N", title=None, scale=scale, sort=bands),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=tooltip_week(alt.Tooltip("band:N", title="Company"),
                             alt.Tooltip("tokens:Q", title="Tokens", format=",")),
    ).properties(width=WIDTH, height=HEIGHT)


def history_chart(data: pd.DataFrame, caption: Caption, title: str, subtitle: str,
                  colour: str, span: tuple[str, str]) -> alt.Chart:
    """Weekly tokens of one model, company or country (data: week_start, tokens, ...), drawn
    over the whole published span so a short history reads as short."""
    weeks = (date.fromisoformat(span[1]) - date.fromisoformat(span[0])).days // 7 + 1
    return alt.Chart(
        data,
        title=caption.title(title, subtitle),
        description=f"Bar chart of weekly tokens: {title}.",
    ).mark_bar(color=colour, size=max(1.5, round(0.75 * WIDTH / weeks, 1))).encode(
        x=x_week(span),
        y=alt.Y("tokens:Q", title="Tokens per week", axis=alt.Axis(format="~s")),
        tooltip=tooltip_week(alt.Tooltip("tokens:Q", title="Tokens", format=",")),
    ).properties(width=WIDTH, height=240)


def model_history_chart(data: pd.DataFrame, caption: Caption, model_name: str,
                        country: str, span: tuple[str, str]) -> alt.Chart:
    return history_chart(data, caption, f"{model_name}: weekly tokens",
                         "Tokens processed per ISO week while in the top 50",
                         COUNTRY_COLOURS.get(country, UNATTRIBUTED_COLOUR), span)


def company_history_chart(data: pd.DataFrame, caption: Caption, company: str,
                          country: str, span: tuple[str, str]) -> alt.Chart:
    return history_chart(data, caption, f"{company}: weekly tokens",
                         "Tokens of the company's ranked models per ISO week",
                         COUNTRY_COLOURS.get(country, PALETTE[0]), span)


def country_history_chart(data: pd.DataFrame, caption: Caption, country: str,
                          span: tuple[str, str]) -> alt.Chart:
    return history_chart(data, caption, f"{country_name(country)}: weekly tokens",
                         "Tokens of ranked models developed in the country, per ISO week",
                         COUNTRY_COLOURS.get(country, PALETTE[0]), span)
