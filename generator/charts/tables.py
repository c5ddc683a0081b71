"""The accessible table of each chart family: the chart's numbers in reading order, which an
embed gives screen readers (visually hidden) beside its drawing. Each family's record
(charts.families) names its function; each takes exactly the data the chart draws."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from generator import fmt
from generator.tableio import records


@dataclass(frozen=True)
class DataTable:
    """The visually hidden table that gives screen readers the chart's numbers."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def by_week(data: pd.DataFrame, label: str, value: str, show: object, what: str,
            order: list[str]) -> DataTable:
    """A week per row, a column per band (``label``), in ``order``."""
    wide = data.pivot(index="week_start", columns=label, values=value)[order]
    rows = tuple((fmt.short_date(week), *("–" if pd.isna(cell) else show(cell) for cell in cells))
                 for week, cells in zip(wide.index, wide.itertuples(index=False, name=None)))
    return DataTable(f"{what} per week (week starting)", ("Week", *order), rows)


def bands_table(data: pd.DataFrame) -> DataTable:
    """Weekly tokens by band (country or company), in the order they stack."""
    order = list(data.sort_values("order")["band"].drop_duplicates())
    return by_week(data, "band", "tokens", fmt.tokens_words, "Tokens", order)


def share_table(data: pd.DataFrame) -> DataTable:
    order = list(data.sort_values(["week_start", "share_of_attributed"],
                                  ascending=[False, False])["country_name"].drop_duplicates())
    return by_week(data, "country_name", "share_of_attributed", fmt.percent,
                   f"Share {fmt.OF_KNOWN}", order)


def growth_table(data: pd.DataFrame) -> DataTable:
    wide = data.pivot(index="week_start", columns="country_name", values="wow_change")
    return DataTable("Change on the week of tokens, per week (week starting)",
                     ("Week", *wide.columns),
                     tuple((fmt.short_date(week), *map(fmt.change, cells)) for week, cells
                           in zip(wide.index, wide.itertuples(index=False, name=None))))


def movement_table(data: pd.DataFrame) -> DataTable:
    wide = data.pivot(index="model_permaslug", columns="week_start", values="rank")
    names = data.drop_duplicates("model_permaslug").sort_values("last_rank")
    return DataTable("Rank by tokens per week (week starting) of the latest week's top models; "
                     "– where a model was not in the top 50",
                     ("Model", *map(fmt.short_date, wide.columns)),
                     tuple((name, *(fmt.MISSING if fmt.is_missing(rank) else str(rank)
                                    for rank in wide.loc[slug]))
                           for slug, name in zip(names["model_permaslug"], names["model_name"])))


def top_models_table(data: pd.DataFrame) -> DataTable:
    rows = tuple((str(r["rank"]), r["model_name"], r["company"] or "–", r["country_name"],
                  fmt.tokens_words(r["tokens"]), fmt.percent(r["share_of_total"]))
                 for r in records(data))
    return DataTable("Tokens in the week by model", ("Rank", "Model", "Company", "Country",
                                                     "Tokens", f"Share {fmt.OF_ALL}"), rows)


def free_share_table(data: pd.DataFrame) -> DataTable:
    rows = tuple((fmt.short_date(r["week_start"]), fmt.tokens_words(r["free_variant_tokens"]),
                  fmt.percent(r["free_share"])) for r in records(data))
    return DataTable("Tokens of free variants per week (week starting)",
                     ("Week", "Tokens of free variants", f"Share {fmt.OF_ALL}"), rows)


def price_table(data: pd.DataFrame) -> DataTable:
    rows = tuple((str(r["rank"]), r["model_name"], r["country_name"],
                  fmt.tokens_words(r["tokens"]), fmt.price(r["price_prompt_usd_per_mtok"]),
                  fmt.price(r["price_completion_usd_per_mtok"])) for r in records(data))
    return DataTable("Tokens in the week and list prices per million tokens, by model",
                     ("Rank", "Model", "Country", "Tokens", "Prompt price", "Completion price"),
                     rows)


def model_history_table(data: pd.DataFrame) -> DataTable:
    rows = tuple((fmt.short_date(r["week_start"]), str(r["rank"]), fmt.tokens_words(r["tokens"]),
                  fmt.percent(r["share_of_total"])) for r in records(data))
    return DataTable("Tokens per week (week starting)",
                     ("Week", "Rank", "Tokens", f"Share {fmt.OF_ALL}"), rows)


def group_history_table(data: pd.DataFrame) -> DataTable:
    rows = tuple((fmt.short_date(r["week_start"]), fmt.tokens_words(r["tokens"]),
                  fmt.percent(r["share_of_attributed"])) for r in records(data))
    return DataTable("Tokens per week (week starting)",
                     ("Week", "Tokens", f"Share {fmt.OF_KNOWN}"), rows)
