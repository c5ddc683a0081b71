"""The inputs of story detection (generator.findings.story), worked out once from the derived
tables: for every week of the data, in order, the total, each country's tokens and change on
the week, and the number one model and company."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from generator.derive.tables import Tables
from generator.tableio import records


@dataclass(frozen=True)
class Leader:
    """A week's number one: a model (its permaslug) or a company."""

    key: str
    name: str
    tokens: int
    share: float  # of all tokens (a model) or of tokens with a known country (a company)


@dataclass(frozen=True)
class Series:
    weeks: tuple[str, ...]  # every week of the data, oldest first
    totals: dict[str, int]  # week -> all tokens
    countries: dict[str, dict[str, int]]  # week -> country -> tokens (only countries ranked)
    changes: dict[str, dict[str, float | None]]  # week -> country -> change on the week
    model_leaders: dict[str, Leader]  # week -> the number one model (none: no ranked model)
    company_leaders: dict[str, Leader]  # week -> the company with the most tokens


def derive_series(tables: Tables) -> Series:
    countries: dict[str, dict[str, int]] = {week: {} for week in tables.weeks}
    changes: dict[str, dict[str, float | None]] = {week: {} for week in tables.weeks}
    for row in records(tables.countries):
        countries[row["week_start"]][row["country"]] = int(row["tokens"])
        change = row["wow_change"]
        changes[row["week_start"]][row["country"]] = None if pd.isna(change) else float(change)
    models = tables.models[tables.models["rank"] == 1]
    model_leaders = {row["week_start"]: Leader(row["model_permaslug"], row["model_name"],
                                               int(row["tokens"]), float(row["share_of_total"]))
                     for row in records(models)}
    ordered = tables.companies.sort_values(["week_start", "tokens", "company"],
                                           ascending=[True, False, True])
    company_leaders = {row["week_start"]: Leader(row["company"], row["company"],
                                                 int(row["tokens"]),
                                                 float(row["share_of_attributed"]))
                       for row in records(ordered.drop_duplicates("week_start"))}
    return Series(weeks=tuple(tables.weeks),
                  totals={w: int(t) for w, t in zip(tables.totals["week_start"],
                                                    tables.totals["total_tokens"])},
                  countries=countries, changes=changes, model_leaders=model_leaders,
                  company_leaders=company_leaders)
