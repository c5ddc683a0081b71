"""The findings of the charts: what each chart shows, as its alt text and the title of its
embed states it. Each takes the derived tables up to the chart's last week and the data the chart
draws (generator.charts.data), and nothing else; generator.charts.families says which chart
states which. Worded in generator/findings/en/charts.py.
"""

from __future__ import annotations

import pandas as pd

from generator.derive.tables import Tables, previous_week
from generator.findings.facts import maybe, week_rows
from generator.findings.finding import Finding
from generator.tableio import records


def ranked_rows(frame: pd.DataFrame, week: str, key: str, count: int) -> list[dict]:
    rows = week_rows(frame, week).sort_values(["tokens", key], ascending=[False, True])
    return records(rows.head(count))


def row_of(frame: pd.DataFrame, week: str, column: str, key: str) -> dict | None:
    rows = frame[(frame["week_start"] == week) & (frame[column] == key)]
    return records(rows)[0] if len(rows) else None


def figures_of(row: dict, share: str) -> dict:
    return {"tokens": int(row["tokens"]), "change": maybe(row["wow_change"]),
            "share": float(row[share])}


def pair(kind: str, tables: Tables, week: str, frame: pd.DataFrame, key: str) -> Finding:
    """The largest two countries (or companies) of the week: the first with its figures and its
    share the week before, the second with its own."""
    rows = ranked_rows(frame, week, key, 2)
    if not rows:
        return Finding(kind, week)
    lead = rows[0]
    before = row_of(frame, previous_week(week), key, lead[key])
    figures = {**figures_of(lead, "share_of_attributed"),
               "share_before": float(before["share_of_attributed"]) if before else None}
    if len(rows) > 1:
        second = figures_of(rows[1], "share_of_attributed")
        figures.update({f"other_{name}": value for name, value in second.items()})
    return Finding(kind, week, subject=lead[key], name=lead[key],
                   other=rows[1][key] if len(rows) > 1 else "",
                   other_name=rows[1][key] if len(rows) > 1 else "", figures=figures,
                   base="known", against=previous_week(week))


def country_lead(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The country whose models processed the most tokens, and the runner-up."""
    return pair("country-lead", tables, week, tables.countries, "country")


def share_lead(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The largest country's share of tokens with a known country, against the week before."""
    return pair("share-lead", tables, week, tables.countries, "country")


def company_lead(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    return pair("company-lead", tables, week, tables.companies, "company")


def top_model(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The most used model of the week and the next two (``data``: the chart's bars)."""
    rows = records(data.sort_values("rank"))
    if not rows:
        return Finding("top-model", week, figures={"count": 0})
    lead = rows[0]
    return Finding("top-model", week, subject=lead["model_permaslug"], name=lead["model_name"],
                   figures={"tokens": int(lead["tokens"]), "share": float(lead["share_of_total"]),
                            "next": tuple((row["model_name"], int(row["tokens"]))
                                          for row in rows[1:3]),
                            "count": len(rows)}, base="all")


def growth(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The change on the week of each country the growth chart draws, the larger first."""
    now = data[(data["week_start"] == week) & data["wow_change"].notna()] \
        .sort_values(["tokens", "country"], ascending=[False, True])
    return Finding("growth", week, figures={
        "rows": tuple((row["country"], float(row["wow_change"])) for row in records(now)),
        "countries": tuple(dict.fromkeys(data["country"]))}, against=previous_week(week))


def biggest_climb(data: pd.DataFrame) -> tuple[str, str, int, str, int] | None:
    """(permaslug, name, its first rank in the chart's weeks, that week, its latest rank) of the
    model of a rank-movement chart that climbed furthest; None if none climbed."""
    best = None
    for slug, rows in data.dropna(subset=["rank"]).sort_values("week_start").groupby(
            "model_permaslug", sort=False):
        start, end = rows.iloc[0], rows.iloc[-1]
        climb = int(start["rank"]) - int(end["rank"])
        key = (climb, -int(end["rank"]))
        if climb > 0 and (best is None or key > best[0]):
            best = (key, (str(slug), str(end["model_name"]), int(start["rank"]),
                          str(start["week_start"]), int(end["rank"])))
    return best[1] if best else None


def rank_lead(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The rank-movement chart's story: the model that climbed furthest over the chart's weeks
    (its subject, the one the chart picks out), else its last week's number one; and that
    number one with its rank the week before."""
    weeks = sorted(data["week_start"].astype(str).unique())
    now = data[data["week_start"] == week].sort_values("rank")
    if now.empty:
        return Finding("rank-lead", week, figures={"weeks": len(weeks), "count": 0})
    lead = records(now.head(1))[0]
    before = None
    if len(weeks) > 1:
        rows = data[(data["week_start"] == weeks[-2])
                    & (data["model_permaslug"] == lead["model_permaslug"])]["rank"]
        before = "out" if not len(rows) or pd.isna(rows.iloc[0]) else int(rows.iloc[0])
    climb = biggest_climb(data) if len(weeks) > 1 else None
    figures = {"leader": lead["model_permaslug"], "leader_name": lead["model_name"],
               "rank_before": before, "weeks": len(weeks), "first": weeks[0],
               "count": int(data["model_permaslug"].nunique()), "climbed": climb is not None}
    subject, name = lead["model_permaslug"], lead["model_name"]
    if climb is not None:
        subject, name, start, since, end = climb
        figures.update(climb_from=start, climb_since=since, climb_to=end)
    return Finding("rank-lead", week, subject=subject, name=name, figures=figures,
                   against=weeks[-2] if len(weeks) > 1 else "")


def free_share(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The share of all tokens that went to free variants, against the week before, and its
    peak."""
    ordered = data.sort_values("week_start")
    now = records(ordered.tail(1))[0]
    figures = {"share": float(now["free_share"]), "tokens": int(now["free_variant_tokens"]),
               "weeks": len(ordered)}
    if len(ordered) > 1:
        figures["share_before"] = float(ordered.iloc[-2]["free_share"])
        peak = records(ordered.loc[[ordered["free_share"].idxmax()]])[0]
        figures.update(peak=float(peak["free_share"]), peak_week=str(peak["week_start"]))
    return Finding("free-variants", week, figures=figures, base="all",
                   against=str(ordered.iloc[-2]["week_start"]) if len(ordered) > 1 else "")


def price_left_out(data: pd.DataFrame) -> tuple[int, int]:
    """(free models, models without a known price) of a price-vs-usage chart's data."""
    completion = data["price_completion_usd_per_mtok"]
    return int((completion == 0).sum()), int(completion.isna().sum())


def paid_models(data: pd.DataFrame) -> pd.DataFrame:
    """The models a price-vs-usage chart can place: a paid completion price and tokens."""
    return data[(data["price_completion_usd_per_mtok"].fillna(0) > 0) & (data["tokens"] > 0)]


def price_lead(tables: Tables, data: pd.DataFrame, week: str) -> Finding:
    """The most used model with a paid list price, the cheapest and the dearest."""
    free, unknown = price_left_out(data)
    paid = paid_models(data)
    figures: dict = {"free": free, "unknown": unknown, "count": len(paid)}
    if paid.empty:
        return Finding("price-lead", week, figures=figures)
    lead = records(paid.sort_values(["tokens", "model_permaslug"],
                                    ascending=[False, True]).head(1))[0]
    by_price = records(paid.sort_values(["price_completion_usd_per_mtok", "model_permaslug"]))
    figures.update(tokens=int(lead["tokens"]), price=float(lead["price_completion_usd_per_mtok"]),
                   cheapest=(by_price[0]["model_name"],
                             float(by_price[0]["price_completion_usd_per_mtok"])),
                   dearest=(by_price[-1]["model_name"],
                            float(by_price[-1]["price_completion_usd_per_mtok"])))
    return Finding("price-lead", week, subject=lead["model_permaslug"], name=lead["model_name"],
                   figures=figures)


def chart(kind: str, week: str, first: str, weeks: int, figures: dict) -> Finding:
    """What a chart is (its title, caption, subtitle and the form its alt text names): ``kind``
    is its family (generator.charts.families), ``first`` the first of the ``weeks`` weeks it
    draws; ``figures`` what its words need besides (its finding's figures, its marks and
    events, whether its subtitle gives a period)."""
    return Finding("chart", week, subject=kind, figures={**figures, "first": first,
                                                         "weeks": weeks})
