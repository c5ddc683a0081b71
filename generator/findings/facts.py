"""The standing findings: what every week, every model, company and country, and every list of
spend states, whatever the story (generator.findings.story). Made from the derived tables
only; worded in generator/findings/en/.

A change "on the week" is always the tables' ``wow_change`` (against the previous ISO week, empty
when that week has no figure), never a comparison with whatever row came before.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from generator import fmt
from generator.derive.tables import Tables, previous_week
from generator.findings.finding import Finding
from generator.findings.story import STORY_PAIR
from generator.tableio import records

TOP_NAMED = 4  # models the week's lede names


def maybe(value: object) -> object:
    """A figure, or None when undefined (no previous week): never a NaN in a finding."""
    return None if fmt.is_missing(value) or value is pd.NA else value


def week_rows(frame: pd.DataFrame, week: str) -> pd.DataFrame:
    return frame[frame["week_start"] == week]


# ---------------------------------------------------------------- a week

def week_total(tables: Tables, week: str) -> Finding:
    """All tokens of the week and their change on the week."""
    row = records(week_rows(tables.totals, week))[0]
    return Finding("week-total", week, figures={
        "tokens": int(row["total_tokens"]), "change": maybe(row["wow_change"]),
        "first_week": week == tables.weeks[0]}, base="all",
        against=previous_week(week))


def week_countries(tables: Tables, week: str) -> tuple[Finding, ...]:
    """Chinese and U.S. models' tokens, change and share in the week (each one ranked that
    week), the larger first."""
    rows = week_rows(tables.countries, week)
    found = []
    for row in records(rows[rows["country"].isin(STORY_PAIR)]):
        found.append(Finding("week-country", week, subject=row["country"], figures={
            "tokens": int(row["tokens"]), "change": maybe(row["wow_change"]),
            "share": float(row["share_of_attributed"]),
            "first_week": week == tables.weeks[0]}, base="known",
            against=previous_week(week)))
    return tuple(sorted(found, key=lambda f: (-f.figures["tokens"], f.subject)))


def china_us(tables: Tables, week: str) -> Finding:
    """The China/U.S. story of the week: both, one or neither ranked (``week-country``
    findings of each one ranked)."""
    present = week_countries(tables, week)
    return Finding("countries", week, subject=present[0].subject if present else "",
                   other=present[1].subject if len(present) > 1 else "",
                   figures={"present": present, "total": week_total(tables, week),
                            "missing": tuple(c for c in STORY_PAIR
                                             if c not in {f.subject for f in present})},
                   base="known")


def top_models(tables: Tables, week: str, count: int = TOP_NAMED) -> Finding:
    rows = week_rows(tables.models, week).sort_values("rank").head(count)
    return Finding("most-used", week, figures={
        "models": tuple((row["model_name"], row["country"]) for row in records(rows))})


def top_companies(tables: Tables, week: str, count: int = 3) -> Finding:
    """The companies whose models processed the most tokens in the week."""
    rows = week_rows(tables.companies, week).sort_values(["tokens", "company"],
                                                         ascending=[False, True]).head(count)
    return Finding("top-companies", week, figures={"companies": tuple(
        (row["company"], int(row["tokens"]), maybe(row["wow_change"])) for row in records(rows))})


def coverage(tables: Tables, week: str) -> Finding:
    """How much of the week the ranking covers: tokens of models outside the top 50."""
    row = records(week_rows(tables.totals, week))[0]
    total = int(row["total_tokens"])
    return Finding("coverage", week, figures={
        "other_tokens": int(row["other_tokens"]), "total": total,
        "other_share": int(row["other_tokens"]) / total if total else None,
        "coverage": float(row["coverage"])}, base="all")


# ---------------------------------------------------------------- a model, company, country

def entity_week(kind: str, key: str, name: str, rows: pd.DataFrame, latest: str) -> Finding:
    """A model's, company's or country's latest week (its last in the top 50, when that is not
    the latest week of the data): ``rows`` are its rows of the derived table, oldest first."""
    row = records(rows.tail(1))[0]
    figures = {"entity": kind, "tokens": int(row["tokens"]), "change": maybe(row["wow_change"]),
               "current": row["week_start"] == latest}
    if kind == "model":
        figures.update(rank=int(row["rank"]), share=float(row["share_of_total"]),
                       company=str(row["company"] or ""), country=str(row["country"] or ""))
    else:
        figures.update(share=float(row["share_of_attributed"]))
    return Finding("entity-week", row["week_start"], subject=key, name=name, figures=figures,
                   base="all" if kind == "model" else "known",
                   against=previous_week(row["week_start"]))


def history(kind: str, key: str, name: str, data: pd.DataFrame) -> Finding:
    """A history chart's finding: the entity's last week, its change on the week (only when
    the week before is in its rows), its peak and how many weeks it was ranked."""
    ordered = data.sort_values("week_start")
    last = records(ordered.tail(1))[0]
    week = str(last["week_start"])
    change = None
    if len(ordered) > 1:
        previous = records(ordered.iloc[-2:-1])[0]
        if previous["week_start"] == previous_week(week) and int(previous["tokens"]):
            change = int(last["tokens"]) / int(previous["tokens"]) - 1
    peak = records(ordered.loc[[ordered["tokens"].astype("int64").idxmax()]])[0]
    return Finding("history", week, subject=key, name=name, figures={
        "entity": kind, "tokens": int(last["tokens"]), "change": change,
        "rank": int(last["rank"]) if "rank" in last else None, "weeks": len(ordered),
        "peak": int(peak["tokens"]), "peak_week": str(peak["week_start"])},
        against=previous_week(week))


# ---------------------------------------------------------------- spend at list prices

def spend(week: str, row: dict | None, entity: str = "", key: str = "") -> Finding:
    """Spend at list prices (generator.prices.week_spend): of all groups (``entity`` "") or of
    one country or company."""
    figures = {"entity": entity}
    if row:
        figures.update({name: maybe(row.get(name)) for name in (
            "priced_tokens", "unpriced_tokens", "spend_low", "spend_high", "spend_share_low",
            "spend_share_high", "share_of_attributed")})
    return Finding("spend", week, subject=key, figures=figures, base="known")


# ---------------------------------------------------------------- notes of charts and feeds

def revised(weeks: list[str], restated_weeks: set[str], entries: list[dict]) -> Finding | None:
    """How a chart's figures were revised: how many of its ``weeks`` the source restated, and
    how many contributors' corrections (the log's ``entries``, newest first) touch them, of
    which how many only flag figures. Its subject: the one correction, when there is one and
    nothing else (the log's anchor)."""
    restated = sum(week in restated_weeks for week in weeks)
    if not restated and not entries:
        return None
    newest = entries[0] if entries else {}
    return Finding("revised", str(newest.get("week_from", max(weeks))),
                   subject=newest["id"] if len(entries) == 1 and not restated else "",
                   figures={"restated": restated, "corrected": len(entries),
                            "flags": sum(entry["action"] == "flag" for entry in entries)})


def restated_week(week: str, rows: list[dict], as_of: str, replaced: list[str]) -> Finding:
    """A week restated by a snapshot (the corrections feed's entry)."""
    return Finding("restated-week", week, figures={"count": len(rows), "as_of": as_of,
                                                   "replaced": tuple(replaced)})


def correction(entry: dict) -> Finding:
    """A contributor's correction (the corrections feed's entry)."""
    return Finding("correction", str(entry["week_from"]), subject=entry["id"], figures={
        "action": entry["action"], "target": entry["target"], "value": entry["value"],
        "reason": entry["reason"], "week_to": str(entry["week_to"]),
        "rows": int(entry["rows_affected"])})


def week_findings(tables: Tables, week: str) -> Iterator[Finding]:
    """The standing findings of a week, in the order its lede states them."""
    yield week_total(tables, week)
    yield china_us(tables, week)
    yield top_models(tables, week)
