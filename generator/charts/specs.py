"""Chart specs. Each ``*_chart`` takes the exact data it draws (charts.data), the text it carries
and the variant it is drawn for (charts.variants: wide or narrow), and returns an ``alt.Chart``:
no loading, no saving, no theme calls inside.

Numbers are written the site's one way: axes rewrite d3's SI suffixes ("978B", "18.9T", never
"G") and start at "0"; tooltips show strings written by generator.fmt (added to the data the
spec carries, never to the chart's CSV, which keeps the raw numbers) under plain names. Each
chart's description, its alt text, states the finding with its figures.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, timedelta

import altair as alt
import pandas as pd

from generator import fmt
from generator.charts.draw import char_ems, text_width
from generator.charts.palette import FREE_COLOUR, LIGHT, country_colour
from generator.charts.palette import company_colour as own_colour
from generator.charts.theme import (
    NEUTRAL_BANDS,
    SHORT_NAMES,
    Caption,
    colour_scale,
    company_scale,
)
from generator.charts.variants import Variant

# ---------------------------------------------------------------- numbers

# d3's SI format, with billions as "B" (d3 writes "G") and no common prefix ("0", not "0T").
SI_LABEL = "replace(format(datum.value, '~s'), 'G', 'B')"
SHORT_WEEKS = 8  # up to this many weeks, one tick per week (as room allows)
DAY_WEEKS = 26  # up to this many, ticks on Mondays; beyond, on the first of a month


def tokens_axis(variant: Variant, title: str | None = None) -> alt.Axis:
    return alt.Axis(labelExpr=SI_LABEL, tickCount=variant.ticks - 1 if variant.narrow
                    else variant.ticks, title=title)


class Shared:
    """What a chart's two drawings share, worked out once: the catalogue calls a chart function
    twice in a row with the same data, once per variant. Holding the data (not only its id)
    keeps the identity check sound."""

    def __init__(self) -> None:
        self.data: object = None
        self.found: dict = {}

    def get(self, data: pd.DataFrame, key: tuple, make: Callable[[], object]) -> object:
        if self.data is not data:
            self.data, self.found = data, {}
        if key not in self.found:
            self.found[key] = make()
        return self.found[key]


SHARED = Shared()


def labelled(data: pd.DataFrame, **columns: tuple[str, Callable]) -> pd.DataFrame:
    """The data with text columns for tooltips: name=(source column, formatter). Each distinct
    value is formatted once, and the same data is labelled once for both drawings."""
    def make() -> pd.DataFrame:
        added = {}
        for name, (source, formatter) in columns.items():
            values = data[source]
            texts = {value: formatter(value) for value in values.drop_duplicates()}
            added[name] = pd.array([texts[value] for value in values], dtype="str")
        return data.assign(**added)
    return SHARED.get(data, ("labelled", *columns), make)


def week_text(week: str) -> str:
    return fmt.week_range(str(week))


def tokens_text(tokens: object) -> str:
    return fmt.tokens_words(int(tokens))


def sunday(week: object) -> str:
    return (date.fromisoformat(str(week)) + timedelta(days=6)).isoformat()


# ---------------------------------------------------------------- the week axis

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
        room = max(1, math.floor(plot / (text_px("Sep 2025", variant) + 14)))
        step = next((s for s in (1, 2, 3, 4, 6, 12) if months / s <= room), 12)
        axis = alt.Axis(tickCount={"interval": "month", "step": step}, format="%b %Y",
                        labelAngle=0, title=None, labelFlush=True)
    return alt.X("week_start:T", timeUnit="utcyearmonthdate", title=None,
                 scale=alt.Scale(domain=domain), axis=axis)


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


# ---------------------------------------------------------------- annotations (dated events)

def annotate(chart: alt.Chart, notes: list[tuple[str, str, str]] | None, variant: Variant
             ) -> alt.Chart | alt.LayerChart:
    """Draw dated events (day, label, description) on a time-series chart as dashed rules with
    short labels, alternating two heights so neighbours do not overlap. Events outside the
    chart's weeks are left out. Without events the chart is returned unchanged."""
    if not notes or not isinstance(chart, alt.Chart):
        return chart
    weeks = sorted(chart.data["week_start"]) if isinstance(chart.data, pd.DataFrame) else []
    if not weeks or isinstance(chart.mark, str) or chart.mark.type not in ("area", "line",
                                                                           "rect"):
        return chart
    last = (date.fromisoformat(weeks[-1]) + pd.Timedelta(days=6)).isoformat()
    shown = sorted(n for n in notes if weeks[0] <= n[0] <= last)
    if not shown:
        return chart
    span = max(1, (date.fromisoformat(last) - date.fromisoformat(weeks[0])).days)
    events = pd.DataFrame([
        {"week_start": day, "label": label, "description": text, "level": i % 2,
         "when": day_text(day),
         "side": "right" if (date.fromisoformat(day) - date.fromisoformat(weeks[0])).days
         > 0.6 * span else "left"}
        for i, (day, label, text) in enumerate(shown)])
    x = alt.X("week_start:T", timeUnit="utcyearmonthdate")
    rules = alt.Chart(events).mark_rule(color=LIGHT["annotation"], strokeDash=[4, 3],
                                        strokeWidth=1).encode(
        x=x, tooltip=[alt.Tooltip("when:N", title="Date"),
                      alt.Tooltip("label:N", title="Event"),
                      alt.Tooltip("description:N", title="What happened")])
    labels = []
    for side, dx in (("left", 4), ("right", -4)):
        subset = events[events["side"] == side]
        if subset.empty:
            continue
        labels.append(alt.Chart(subset).mark_text(
            align=side, baseline="top", dx=dx, fontSize=variant.font, color=LIGHT["annotation"],
            limit=variant.label_limit,
        ).encode(x=x, y=alt.Y("level:Q", scale=alt.Scale(domain=[0, 11], reverse=True),
                              axis=None), text="label:N"))
    title, description = chart.title, chart.description
    base = chart.copy(deep=False)
    base.title = alt.Undefined
    base.description = alt.Undefined
    return alt.layer(base, rules, *labels).resolve_scale(y="independent").properties(
        title=title, description=f"{description} Dashed lines mark dated events: "
        + "; ".join(f"{label} ({day_text(day)})" for day, label, _ in shown) + ".")


def day_text(day: str) -> str:
    """'20 January 2025'."""
    parsed = date.fromisoformat(day)
    return f"{parsed.day} {parsed:%B %Y}"


# ---------------------------------------------------------------- findings (alt text)

def change_against(frame: pd.DataFrame, key: str, name: object, week: str,
                   value: str = "tokens") -> float | None:
    """The change of ``name``'s value in ``week`` against the week before, if it had one."""
    rows = frame[frame[key] == name].sort_values("week_start")
    before = rows[rows["week_start"] < week]
    now = rows[rows["week_start"] == week]
    if before.empty or now.empty or str(before["week_start"].iloc[-1]) != \
            (date.fromisoformat(week) - timedelta(days=7)).isoformat():
        return None
    previous = float(before[value].iloc[-1])
    return None if previous == 0 else float(now[value].iloc[0]) / previous - 1


def with_change(text: str, change: float | None) -> str:
    return text if change is None else f"{text}, {fmt.up_down(change)}"


def models_of(code: str) -> str:
    return fmt.country_models(code) if code else "models with no known country"


# ---------------------------------------------------------------- one-week charts

def stat_chart(value: str, words: str, title: alt.TitleParams, description: str,
               variant: Variant) -> alt.LayerChart:
    """One week of data: a number, not a chart. Pages show it as text (usermeta.stat); embeds
    and image cards draw it."""
    big = round(2.6 * variant.font)
    small = variant.font + 2
    lines = [(value, big, "bold", LIGHT["value"], 0)]
    for i, line in enumerate(wrap_words(words, variant)):
        lines.append((line, small, "normal", LIGHT["text"], big + 12 + i * round(1.4 * small)))
    layers = [alt.Chart(pd.DataFrame({"text": [text]})).mark_text(
        align="left", baseline="top", x=0, y=top, fontSize=size, fontWeight=weight,
        color=colour).encode(text="text:N") for text, size, weight, colour, top in lines]
    return alt.layer(*layers).properties(
        title=title, description=description,
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
                     colour: alt.Color, sort: list[str], title: alt.TitleParams,
                     description: str, variant: Variant) -> alt.LayerChart:
    """A banded chart with one week: a bar per band (each its colour; the axis names them, so
    no legend), its value written beside it, with room for it inside the plot."""
    value, tooltip, text = value_text
    room = 1.7 if variant.narrow else 1.35
    base = alt.Chart(data).encode(
        y=alt.Y(f"{field}:N", title=None, sort=sort,
                axis=alt.Axis(labelLimit=variant.label_limit)),
        x=alt.X(f"{value}:Q", title=None, axis=None,
                scale=alt.Scale(domain=[0, float(data[value].max() or 1) * room])),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(color=colour.legend(None))
    values = base.mark_text(align="left", dx=4, color=LIGHT["text"],
                            fontSize=variant.font).encode(text=f"{text}:N")
    return alt.layer(bars, values).properties(title=title, description=description)


# ---------------------------------------------------------------- the site-wide charts

def tokens_by_country_chart(data: pd.DataFrame, caption: Caption,
                            variant: Variant) -> alt.Chart | alt.LayerChart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    codes = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    first, last = week_span(data)
    title = caption.title("Weekly tokens by country of origin",
                          "Tokens processed per week on OpenRouter, by the model developer's "
                          "country; models outside the top 50 and models with no known "
                          "country in grey")
    description = SHARED.get(data, ("description",), lambda: country_finding(data, last) + (
        f" Stacked area chart of weekly tokens by country since the week of "
        f"{fmt.week_range(first)}." if first != last else ""))
    return stacked_bands(data, "Country", colour_scale(bands, codes), bands, title, description,
                         first, last, variant)


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


def country_finding(data: pd.DataFrame, week: str) -> str:
    """'Chinese models processed 18.9 trillion tokens in the week of …, up 4.1% on the week,
    ahead of U.S. models at 8.8 trillion (down 2.0% on the week).'"""
    now = data[(data["week_start"] == week) & (data["country"] != "")] \
        .sort_values(["tokens", "band"], ascending=[False, True])
    if now.empty:
        return f"Weekly tokens by country, to the week of {fmt.week_range(week)}."
    lead = now.iloc[0]
    text = with_change(
        f"{fmt.sentence_case(models_of(lead['country']))} processed "
        f"{fmt.tokens_words(int(lead['tokens']))} tokens in the week of "
        f"{fmt.week_range(week)}", change_against(data, "band", lead["band"], week))
    if len(now) > 1:
        second = now.iloc[1]
        change = change_against(data, "band", second["band"], week)
        text += (f", ahead of {models_of(second['country'])} at "
                 f"{fmt.tokens_words(int(second['tokens']))}"
                 + (f" ({fmt.up_down(change)})" if change is not None else ""))
    return text + "."


def country_share_chart(data: pd.DataFrame, caption: Caption,
                        variant: Variant) -> alt.Chart | alt.LayerChart:
    names = list(data.sort_values(["week_start", "tokens"], ascending=[False, False])
                 ["country_name"].drop_duplicates())
    codes = [data.loc[data["country_name"] == n, "country"].iloc[0] for n in names]
    first, last = week_span(data)
    title = caption.title("Share of tokens by country of origin",
                          "Each country's share of the week's tokens from models with a known "
                          "country, per week")
    description = SHARED.get(data, ("description",), lambda: share_finding(data, last))
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
                                colour, names, title, description, variant)
    return alt.Chart(shown, title=title, description=description).mark_line(
        strokeWidth=2.5, interpolate="linear").encode(
        x=x_week(first, last, variant),
        y=alt.Y("share_of_attributed:Q", axis=share_axis, scale=alt.Scale(domainMin=0)),
        color=colour,
        tooltip=tooltip,
    )


def share_finding(data: pd.DataFrame, last: str) -> str:
    """'Chinese models took 65.9% of tokens from models with a known country in the week of …,
    against 65.4% the week before; U.S. models took 30.6%.'"""
    now = data[data["week_start"] == last].sort_values(["share_of_attributed", "country"],
                                                       ascending=[False, True])
    description = f"Shares of tokens by country, to the week of {fmt.week_range(last)}."
    if not now.empty:
        lead = now.iloc[0]
        description = (f"{fmt.sentence_case(models_of(lead['country']))} took "
                       f"{fmt.percent(lead['share_of_attributed'])} of tokens from models with "
                       f"a known country in the week of {fmt.week_range(last)}")
        before = data[(data["country"] == lead["country"]) & (data["week_start"] < last)]
        if len(before):
            description += (f", against {fmt.percent(before['share_of_attributed'].iloc[-1])}"
                            " the week before")
        if len(now) > 1:
            second = now.iloc[1]
            description += (f"; {models_of(second['country'])} took "
                            f"{fmt.percent(second['share_of_attributed'])}")
        description += "."
    return description


def top_models_chart(data: pd.DataFrame, caption: Caption, week_label: str,
                     variant: Variant) -> alt.Chart:
    """The week's most used models (the top 10 in the narrow drawing), coloured by country."""
    top = data.sort_values("rank")
    if variant.narrow:
        top = top[top["rank"] <= 10]
    country_of = dict(zip(data["country_name"], data["country"]))
    names = list(dict.fromkeys(top.sort_values("tokens", ascending=False)["country_name"]))
    codes = [country_of[name] for name in names]
    title = caption.title(f"The most used models in the week of {week_label}",
                          "Tokens processed in the week on OpenRouter, coloured by the "
                          "developer's country")
    description = SHARED.get(data, ("description",), lambda: top_models_finding(data,
                                                                                week_label))
    shown = labelled(data, tokens_text=("tokens", tokens_text),
                     share_text=("share_of_total", fmt.percent))
    shown = shown.assign(company=shown["company"].where(shown["company"] != "", "–"),
                         label=pd.array(bar_labels(list(shown["model_name"]), variant),
                                        dtype="str"))
    chart = alt.Chart(shown, title=title, description=description)
    if variant.narrow:
        chart = chart.transform_filter("datum.rank <= 10")
    return chart.mark_bar().encode(
        y=alt.Y("label:N", title=None, sort=alt.SortField("rank", order="ascending"),
                axis=alt.Axis(labelLimit=variant.label_limit + 12)),
        x=alt.X("tokens:Q", axis=tokens_axis(variant, None if variant.narrow
                                             else "Tokens in the week")),
        color=alt.Color("country_name:N", title=None, scale=colour_scale(names, codes),
                        sort=names, legend=legend(variant, 1 if variant.narrow else None)),
        tooltip=[alt.Tooltip("rank:N", title="Rank"), alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens_text:N", title="Tokens"),
                 alt.Tooltip("share_text:N", title="Share of all tokens")],
    )


def top_models_finding(data: pd.DataFrame, week_label: str) -> str:
    """'<model> was the most used model in the week of …, with … tokens (…% of all tokens),
    ahead of <model> (…) and <model> (…).'"""
    ordered = data.sort_values("rank")
    if not len(ordered):
        return f"No model was ranked in the week of {week_label}."
    rows = [dict(zip(ordered.columns, row)) for row in ordered.head(3).itertuples(index=False)]
    lead = rows[0]
    others = [f"{row['model_name']} ({fmt.tokens_words(int(row['tokens']))})"
              for row in rows[1:]]
    return (f"{lead['model_name']} was the most used model in the week of {week_label}, with "
            f"{fmt.tokens_words(int(lead['tokens']))} tokens "
            f"({fmt.percent(lead['share_of_total'])} of all tokens)"
            + (", ahead of " + " and ".join(others) if others else "")
            + f". Bar chart of the {len(ordered)} most used models, coloured by the "
            "developer's country.")


def bar_labels(names: list[str], variant: Variant) -> list[str]:
    """Each model's label on the bar axis: its name, shortened on purpose where it is longer
    than the variant's room (the end of the name kept when it tells variants apart: "Llama 3.3
    70B… (free)"), and never the same label for two models."""
    labels = [shorten(name, variant) for name in names]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # the same name (or the same shortening) twice: number it
            labels[i] = f"{label} ({seen[label]})"
    return labels


def shorten(name: str, variant: Variant) -> str:
    room = variant.label_limit
    if text_width(name, variant.font) <= room:
        return name
    tail = re.search(r"\s*\([^()]{1,12}\)$", name)
    keep = tail.group(0).strip() if tail else ""
    head = name[:tail.start()] if tail else name
    suffix = "… " + keep if keep else "…"
    # The longest start of the name that fits with the suffix (trailing spaces trimmed): widths
    # only grow as characters are added, so one pass finds it (a name may be 10,000 characters).
    ems, kept = 0.0, 0
    for end, char in enumerate(head, 1):
        ems += char_ems(char)
        total = ems
        for extra in suffix:
            total += char_ems(extra)
        if total * variant.font > room:
            break
        kept = end
    return head[:kept].rstrip() + suffix


def tokens_by_company_chart(data: pd.DataFrame, caption: Caption,
                            variant: Variant) -> alt.Chart | alt.LayerChart:
    bands = list(data.sort_values("order")["band"].drop_duplicates())
    countries = [data.loc[data["band"] == b, "country"].iloc[0] for b in bands]
    first, last = week_span(data)
    title = caption.title("Weekly tokens by company",
                          "Tokens processed per week on OpenRouter by the latest week's ten "
                          "largest companies, the rest summed in grey")
    description = SHARED.get(data, ("description",),
                             lambda: company_finding(data, first, last))
    return stacked_bands(data, "Company", company_scale(bands, countries), bands, title,
                         description, first, last, variant)


def company_finding(data: pd.DataFrame, first: str, last: str) -> str:
    """'DeepSeek's models processed … tokens in the week of …, the most of any company, up …;
    Anthropic followed with ….'"""
    now = data[(data["week_start"] == last) & ~data["band"].isin(NEUTRAL_BANDS)] \
        .sort_values(["tokens", "band"], ascending=[False, True])
    description = f"Weekly tokens by company, to the week of {fmt.week_range(last)}."
    if not now.empty:
        lead = now.iloc[0]
        description = with_change(
            f"{lead['band']}'s models processed {fmt.tokens_words(int(lead['tokens']))} tokens "
            f"in the week of {fmt.week_range(last)}, the most of any company",
            change_against(data, "band", lead["band"], last))
        if len(now) > 1:
            second = now.iloc[1]
            description += (f"; {second['band']} followed with "
                            f"{fmt.tokens_words(int(second['tokens']))}")
        description += "."
    if first != last:
        description += (" Stacked area chart of weekly tokens by company since the week of "
                        f"{fmt.week_range(first)}.")
    return description


# ---------------------------------------------------------------- histories

def history_chart(data: pd.DataFrame, caption: Caption, name: str, subtitle: str,
                  colour: str, span: tuple[str, str], variant: Variant,
                  finding: str, only_week: str) -> alt.Chart:
    """Weekly tokens of one model, company or country (data: week_start, tokens, ...). Drawn
    over the whole published span (``span``: first published week, its own last week) so a
    short history reads as short; a history of SHORT_WEEKS weeks or fewer is drawn over its own
    weeks, a tick per week; a single week is a number."""
    weeks = sorted(str(w) for w in data["week_start"])
    title = caption.title(f"{name}: weekly tokens", subtitle)
    if len(weeks) == 1:
        return stat_chart(fmt.tokens_words(int(data["tokens"].iloc[0])),
                          f"tokens in the week of {fmt.week_range(weeks[0])}, {only_week}",
                          title, finding, variant)
    first, last = history_span(weeks, span[0])
    shown = labelled(data, week_text=("week_start", week_text),
                     tokens_text=("tokens", tokens_text), week_end=("week_start", sunday))
    tooltip = [alt.Tooltip("week_text:N", title="Week"),
               alt.Tooltip("tokens_text:N", title="Tokens")]
    if "rank" in shown:
        tooltip.append(alt.Tooltip("rank:N", title="Rank"))
    return alt.Chart(shown, title=title, description=finding).mark_rect(color=colour).encode(
        x=x_week(first, last, variant, bars=True),
        x2=alt.X2("week_end:T", timeUnit="utcyearmonthdate"),
        y=alt.Y("tokens:Q", axis=tokens_axis(variant, None if variant.narrow
                                             else "Tokens per week")),
        tooltip=tooltip,
    )


def history_span(weeks: list[str], published_first: str) -> tuple[str, str]:
    """The weeks a history's chart is drawn over, from the first published week to its own last
    week; a history of SHORT_WEEKS weeks or fewer over its own weeks. ``weeks`` sorted."""
    if len(weeks_between(weeks[0], weeks[-1])) <= SHORT_WEEKS:
        return weeks[0], weeks[-1]
    return published_first, weeks[-1]


def history_finding(name: str, data: pd.DataFrame, extra: str = "") -> str:
    """'<name> processed X tokens in its latest week (…), up Y% on the week; its peak was Z in
    the week of ….'"""
    ordered = data.sort_values("week_start")
    last = ordered.iloc[-1]
    week = str(last["week_start"])
    if len(ordered) == 1:
        return (f"{name} processed {fmt.tokens_words(int(last['tokens']))} tokens in the week "
                f"of {fmt.week_range(week)}{extra}.")
    text = (f"{name} processed {fmt.tokens_words(int(last['tokens']))} tokens in its latest "
            f"week ({fmt.week_range(week)}){extra}")
    previous = ordered.iloc[-2]
    if str(previous["week_start"]) == (date.fromisoformat(week) - timedelta(days=7)).isoformat() \
            and int(previous["tokens"]):
        text += f", {fmt.up_down(int(last['tokens']) / int(previous['tokens']) - 1)}"
    peak = ordered.loc[ordered["tokens"].astype("int64").idxmax()]
    if str(peak["week_start"]) == week:
        text += "; this was its peak"
    else:
        text += (f"; its peak was {fmt.tokens_words(int(peak['tokens']))} in the week of "
                 f"{fmt.week_range(str(peak['week_start']))}")
    return text + f". Bar chart of its {len(ordered)} weeks in the top 50."


def model_history_chart(data: pd.DataFrame, caption: Caption, model_name: str,
                        country: str, span: tuple[str, str], variant: Variant) -> alt.Chart:
    last = data.sort_values("week_start").iloc[-1]
    return history_chart(
        data, caption, model_name, "Tokens processed per week on OpenRouter while in the top 50",
        country_colour(country), span, variant,
        SHARED.get(data, ("finding",), lambda: history_finding(
            model_name, data, f", ranked #{int(last['rank'])}")),
        "its only week in the top 50")


def company_history_chart(data: pd.DataFrame, caption: Caption, company: str,
                          country: str, span: tuple[str, str], variant: Variant) -> alt.Chart:
    return history_chart(
        data, caption, company, "Tokens of the company's models in the top 50, per week",
        own_colour(company, country), span, variant,
        SHARED.get(data, ("finding",), lambda: history_finding(f"{company}'s models", data)),
        "the only week one of its models was in the top 50")


def country_history_chart(data: pd.DataFrame, caption: Caption, country: str,
                          span: tuple[str, str], variant: Variant) -> alt.Chart:
    return history_chart(
        data, caption, fmt.country_name(country),
        "Tokens of the top 50 models developed in the country, per week",
        country_colour(country), span, variant,
        SHARED.get(data, ("finding",), lambda: history_finding(
            fmt.sentence_case(models_of(country)), data)),
        "the only week one of its models was in the top 50")


def stacked_bands(data: pd.DataFrame, band_title: str, scale: alt.Scale, bands: list[str],
                  title: alt.TitleParams, description: str, first: str, last: str,
                  variant: Variant) -> alt.Chart:
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
                                bands, title, description, variant)
    return alt.Chart(shown, title=title, description=description).mark_area(
        interpolate="linear", stroke=LIGHT["background"], strokeWidth=0.5,
    ).encode(
        x=x_week(first, last, variant),
        y=alt.Y("tokens:Q", stack=True, axis=tokens_axis(
            variant, None if variant.narrow else "Tokens per week")),
        color=colour,
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=tooltip,
    )


# ---------------------------------------------------------------- prices and free variants

def free_share_chart(data: pd.DataFrame, caption: Caption,
                     variant: Variant) -> alt.Chart | alt.LayerChart:
    """The share of each week's tokens that went to ``:free`` variants: one line."""
    first, last = week_span(data)
    title = caption.title("Share of tokens that went to free variants",
                          "Tokens of the ranked models' free (:free) variants, as a share of "
                          "all tokens, per week")
    description = SHARED.get(data, ("description",), lambda: free_share_finding(data, last))
    if first == last:
        row = data.iloc[-1]
        return stat_chart(fmt.percent(row["free_share"]),
                          f"{fmt.OF_ALL} went to free variants in the week of "
                          f"{fmt.week_range(last)}", title, description, variant)
    shown = labelled(data, week_text=("week_start", week_text),
                     share_text=("free_share", fmt.percent),
                     tokens_text=("free_variant_tokens", tokens_text))
    share_axis = alt.Axis(format="~%", tickCount=variant.ticks, title=None if variant.narrow
                          else f"Share {fmt.OF_ALL}")
    return alt.Chart(shown, title=title, description=description).mark_line(
        strokeWidth=2.5, interpolate="linear", color=FREE_COLOUR).encode(
        x=x_week(first, last, variant),
        y=alt.Y("free_share:Q", axis=share_axis, scale=alt.Scale(domainMin=0)),
        tooltip=[alt.Tooltip("week_text:N", title="Week"),
                 alt.Tooltip("share_text:N", title=f"Share {fmt.OF_ALL}"),
                 alt.Tooltip("tokens_text:N", title="Tokens of free variants")],
    )


def free_share_finding(data: pd.DataFrame, last: str) -> str:
    """'Free variants took 12.3% of all tokens in the week of …, against 11.9% the week before;
    their largest share was 15.1%, in the week of ….'"""
    ordered = data.sort_values("week_start")
    now = ordered.iloc[-1]
    text = (f"Free variants took {fmt.percent(now['free_share'])} {fmt.OF_ALL} in the week of "
            f"{fmt.week_range(last)} ({fmt.tokens_words(int(now['free_variant_tokens']))} "
            "tokens)")
    if len(ordered) > 1:
        text += f", against {fmt.percent(ordered.iloc[-2]['free_share'])} the week before"
        peak = ordered.loc[ordered["free_share"].idxmax()]
        if str(peak["week_start"]) != last:
            text += (f"; their largest share was {fmt.percent(peak['free_share'])}, in the "
                     f"week of {fmt.week_range(str(peak['week_start']))}")
        text += ". Line chart of the weekly share"
    return text + "."


def price_left_out(data: pd.DataFrame) -> tuple[int, int]:
    """(free models, models without a known price) of a price-vs-usage chart's data."""
    completion = data["price_completion_usd_per_mtok"]
    return int((completion == 0).sum()), int(completion.isna().sum())


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from the one at or below ``low`` to the one at or above ``high``."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if first == last:
        last += 1
    return [float(10 ** e) if e >= 0 else float(f"1e{e}") for e in range(first, last + 1)]


def price_usage_chart(data: pd.DataFrame, caption: Caption,
                      variant: Variant) -> alt.Chart | alt.LayerChart:
    """Each ranked model with a paid list price: its tokens in the week against its price per
    million completion tokens, both on log scales, coloured by the developer's country. Free
    models (price 0) and models without a known price cannot be placed and are counted in the
    subtitle."""
    week = str(data["week_start"].iloc[0]) if len(data) else ""
    free, unknown = price_left_out(data)
    left_out = []
    if free:
        left_out.append(f"{free} free model{'s' if free != 1 else ''}")
    if unknown:
        left_out.append(f"{unknown} model{'s' if unknown != 1 else ''} without a known price")
    title = caption.title(
        f"Tokens against list price, week of {fmt.week_range(week)}" if week
        else "Tokens against list price",
        "Each model's tokens in the week against its list price per million completion "
        "(output) tokens, both on log scales, coloured by the developer's country"
        + (f"; left out: {' and '.join(left_out)}" if left_out else ""))
    paid = data[(data["price_completion_usd_per_mtok"].fillna(0) > 0) & (data["tokens"] > 0)]
    description = SHARED.get(data, ("description",),
                             lambda: price_usage_finding(paid, week, left_out))
    if paid.empty:
        return stat_chart("0", f"models with a paid list price in the week of "
                               f"{fmt.week_range(week)}" if week else "models with a paid "
                          "list price", title, description, variant)
    paid = paid.astype({"price_prompt_usd_per_mtok": "float64",
                        "price_completion_usd_per_mtok": "float64"})
    shown = labelled(paid, tokens_text=("tokens", tokens_text),
                     prompt_text=("price_prompt_usd_per_mtok", fmt.price),
                     completion_text=("price_completion_usd_per_mtok", fmt.price))
    shown = shown.assign(company=shown["company"].where(shown["company"] != "", "–"))
    names = list(dict.fromkeys(shown.sort_values(["tokens", "model_permaslug"],
                                                 ascending=[False, True])["country_name"]))
    country_of = dict(zip(shown["country_name"], shown["country"]))
    prices = log_ticks(float(paid["price_completion_usd_per_mtok"].min()),
                       float(paid["price_completion_usd_per_mtok"].max()))
    tokens = log_ticks(float(paid["tokens"].min()), float(paid["tokens"].max()))
    price_labels = [fmt.price(value) for value in prices]
    return alt.Chart(shown, title=title, description=description).mark_circle(
        size=60 if variant.narrow else 90, opacity=0.85).encode(
        x=alt.X("price_completion_usd_per_mtok:Q",
                scale=alt.Scale(type="log", domain=[prices[0], prices[-1]]),
                axis=alt.Axis(values=prices, title=None if variant.narrow else
                              "List price per million completion tokens (USD)",
                              labelExpr=f"{json.dumps(price_labels)}"
                                        f"[indexof({json.dumps(prices)}, datum.value)]")),
        y=alt.Y("tokens:Q", scale=alt.Scale(type="log", domain=[tokens[0], tokens[-1]]),
                axis=alt.Axis(values=tokens, labelExpr=SI_LABEL,
                              title=None if variant.narrow else "Tokens in the week")),
        color=alt.Color("country_name:N", title=None,
                        scale=colour_scale(names, [country_of[n] for n in names]), sort=names,
                        legend=legend(variant)),
        tooltip=[alt.Tooltip("model_name:N", title="Model"),
                 alt.Tooltip("company:N", title="Company"),
                 alt.Tooltip("country_name:N", title="Country"),
                 alt.Tooltip("tokens_text:N", title="Tokens"),
                 alt.Tooltip("prompt_text:N", title="Prompt price per million tokens"),
                 alt.Tooltip("completion_text:N", title="Completion price per million tokens")],
    )


def price_usage_finding(paid: pd.DataFrame, week: str, left_out: list[str]) -> str:
    """'The most used model with a paid list price in the week of …, X, lists $Y per million
    completion tokens; the N models with a paid price range from $a (A) to $b (B). …'"""
    if paid.empty:
        return f"No ranked model had a paid list price in the week of {fmt.week_range(week)}."
    ordered = paid.sort_values(["tokens", "model_permaslug"], ascending=[False, True])
    lead = ordered.iloc[0]
    by_price = paid.sort_values(["price_completion_usd_per_mtok", "model_permaslug"])
    cheapest, dearest = by_price.iloc[0], by_price.iloc[-1]
    text = (f"The most used model with a paid list price in the week of "
            f"{fmt.week_range(week)}, {lead['model_name']} "
            f"({fmt.tokens_words(int(lead['tokens']))} tokens), lists "
            f"{fmt.price(lead['price_completion_usd_per_mtok'])} per million completion tokens")
    if len(paid) > 1:
        text += (f"; the {len(paid)} models with a paid price range from "
                 f"{fmt.price(cheapest['price_completion_usd_per_mtok'])} "
                 f"({cheapest['model_name']}) to "
                 f"{fmt.price(dearest['price_completion_usd_per_mtok'])} "
                 f"({dearest['model_name']})")
    text += (". Scatter chart of tokens against completion price, both on log scales"
             + (f"; left out: {' and '.join(left_out)}" if left_out else "") + ".")
    return text
