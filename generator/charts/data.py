"""The exact data each chart draws (and publishes as its CSV), made from the derived tables."""

from __future__ import annotations

import pandas as pd

from generator.charts.theme import NO_COUNTRY, OTHER_COMPANIES, OTHER_COUNTRIES
from generator.derive.tables import Tables
from generator.findings.story import STORY_PAIR
from generator.fmt import country_name

TOP_MODELS = 15  # bars on a week's top-models chart
TOP_COMPANIES = 10  # bands on the company chart (the rest summed)


def tables_up_to(tables: Tables, week: str) -> Tables:
    """The tables as they stood when ``week`` was the latest: nothing after it."""
    return Tables(*(frame[frame["week_start"] <= week].reset_index(drop=True)
                    for frame in (tables.totals, tables.models, tables.companies,
                                  tables.countries)))


def country_bands_data(tables: Tables) -> pd.DataFrame:
    """Weekly tokens of the story's two countries (findings.story.STORY_PAIR: China and the
    U.S.), of all other countries together, and of no known country: ranked models whose
    developer has none and models outside the top 50 (the `other` row, which no country can
    be given either). Every week has a row per band (0 where it had none), and the bands add
    up to the week's total. ``order`` is the stacking order, from the baseline up: the two
    countries by their latest-week tokens (the larger at the bottom), then the other
    countries, then no known country."""
    countries = tables.countries
    pair = [code for code in STORY_PAIR if code in set(countries["country"])]
    grouped = countries.assign(band=[band_name(code) if code in pair else OTHER_COUNTRIES
                                     for code in countries["country"]])
    sums = grouped.groupby(["week_start", "band"])["tokens"].sum()
    unknown = tables.totals.set_index("week_start")
    order = band_order(tables, pair)
    if not (sums.index.get_level_values("band") == OTHER_COUNTRIES).any():
        del order[OTHER_COUNTRIES]
    codes = {band_name(code): code for code in pair}
    rows = []
    for week in unknown.index:
        for band in order:
            tokens = (int(unknown.loc[week, "unknown_tokens"])
                      + int(unknown.loc[week, "other_tokens"]) if band == NO_COUNTRY
                      else int(sums.get((week, band), 0)))
            rows.append((week, codes.get(band, ""), band, tokens, order[band]))
    bands = pd.DataFrame(rows, columns=["week_start", "country", "band", "tokens", "order"])
    drawn = bands.groupby("band")["tokens"].transform("sum") > 0  # a band never empty
    return bands[drawn].astype({"week_start": "str", "country": "str", "band": "str",
                                "tokens": "int64", "order": "int64"}) \
        .sort_values(["week_start", "order"]).reset_index(drop=True)


def band_order(tables: Tables, pair: list[str]) -> dict[str, int]:
    """The two countries by their latest-week tokens (ties by code), then the bands that are
    not one country."""
    latest = tables.countries[(tables.countries["week_start"] == tables.latest_week)]
    tokens = dict(zip(latest["country"], latest["tokens"]))
    ranked = sorted(pair, key=lambda code: (-int(tokens.get(code, 0)), code))
    names = [*map(band_name, ranked), OTHER_COUNTRIES, NO_COUNTRY]
    return {name: i for i, name in enumerate(names)}


def band_name(code: str) -> str:
    """A country's name, or the band of models with no known country."""
    return country_name(code) if code else NO_COUNTRY


def country_share_data(tables: Tables) -> pd.DataFrame:
    shares = tables.countries.assign(country_name=tables.countries["country"].map(country_name))
    return shares[["week_start", "country", "country_name", "tokens", "share_of_attributed"]] \
        .reset_index(drop=True)


def top_models_data(tables: Tables, week: str | None = None,
                    limit: int = TOP_MODELS) -> pd.DataFrame:
    """The top ``limit`` models of ``week`` (the tables' latest by default)."""
    week = week or tables.latest_week
    models = tables.models[(tables.models["week_start"] == week) & (tables.models["rank"] <= limit)]
    top = models.assign(country_name=models["country"].map(band_name))
    return top[["week_start", "rank", "model_permaslug", "model_name", "company", "country",
                "country_name", "tokens", "share_of_total"]].reset_index(drop=True)


def company_bands_data(tables: Tables, limit: int = TOP_COMPANIES) -> pd.DataFrame:
    """Weekly tokens of the latest week's top companies; the rest summed as one band. A
    company's ``country`` gives its colour; ``order`` is the stacking order, from the baseline
    up (the largest company first)."""
    latest = tables.companies[tables.companies["week_start"] == tables.latest_week]
    ordered = latest.sort_values(["tokens", "company"], ascending=[False, True])
    top = list(ordered["company"])[:limit]
    countries = dict(zip(ordered["company"], ordered["country"]))
    companies = tables.companies.assign(
        band=tables.companies["company"].where(tables.companies["company"].isin(top),
                                               OTHER_COMPANIES)
    )
    banded = companies.groupby(["week_start", "band"], sort=True)["tokens"].sum().reset_index()
    order = {name: i for i, name in enumerate([*top, OTHER_COMPANIES])}
    banded["country"] = banded["band"].map(countries).fillna("").astype("str")
    banded["order"] = banded["band"].map(order).astype("int64")
    return banded[["week_start", "band", "country", "tokens", "order"]] \
        .sort_values(["week_start", "order"]).reset_index(drop=True)


def model_history_data(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[["week_start", "rank", "tokens", "share_of_total"]].reset_index(drop=True)


def group_history_data(rows: pd.DataFrame) -> pd.DataFrame:
    """A company's or a country's weekly rows."""
    return rows[["week_start", "tokens", "share_of_attributed"]].reset_index(drop=True)


GROWTH_WEEKS = 12  # weeks of week-on-week changes on the growth chart
MOVEMENT_WEEKS = 12  # weeks of ranks on the rank-movement chart
MOVEMENT_MODELS = 10  # the latest week's top 10


def country_growth_data(tables: Tables, weeks: int = GROWTH_WEEKS) -> pd.DataFrame:
    """The week-on-week change of China's and the U.S.'s tokens (findings.story.STORY_PAIR) over
    the last ``weeks`` weeks that have a week before them. A week a country has no change
    (absent, or absent the week before) is a row with an empty change: the line breaks there.
    With one week of data: that week's rows, every change empty."""
    changed = tables.weeks[1:][-weeks:] or tables.weeks[-1:]
    codes = [code for code in STORY_PAIR if code in set(tables.countries["country"])]
    grid = pd.DataFrame([(week, code) for code in codes for week in changed],
                        columns=["week_start", "country"])
    rows = grid.merge(tables.countries[["week_start", "country", "tokens", "wow_change"]],
                      on=["week_start", "country"], how="left")
    rows.insert(2, "country_name", rows["country"].map(country_name))
    return rows.astype({"tokens": "Int64", "wow_change": "Float64"}) \
        .sort_values(["week_start", "country"]).reset_index(drop=True)


def rank_movement_data(tables: Tables, weeks: int = MOVEMENT_WEEKS,
                       limit: int = MOVEMENT_MODELS) -> pd.DataFrame:
    """The latest week's top ``limit`` models and their ranks over the last ``weeks`` weeks:
    a row per model and week, the rank empty in a week the model was not in the top 50 (the
    line breaks there, never drops to a rank 0). ``last_rank`` orders the models."""
    shown = tables.weeks[-weeks:]
    models = tables.models
    top = models[(models["week_start"] == tables.latest_week) & (models["rank"] <= limit)] \
        .sort_values("rank")
    grid = pd.DataFrame([(week, slug) for slug in top["model_permaslug"] for week in shown],
                        columns=["week_start", "model_permaslug"])
    ranks = grid.merge(models[["week_start", "model_permaslug", "rank", "tokens"]],
                       on=["week_start", "model_permaslug"], how="left")
    about = top[["model_permaslug", "model_name", "company", "country", "rank"]] \
        .rename(columns={"rank": "last_rank"})
    rows = ranks.merge(about, on="model_permaslug", how="left")
    rows["country_name"] = rows["country"].map(band_name)
    return rows[["week_start", "last_rank", "model_permaslug", "model_name", "company",
                 "country", "country_name", "rank", "tokens"]] \
        .astype({"rank": "Int64", "tokens": "Int64", "last_rank": "int64"}) \
        .sort_values(["last_rank", "week_start"]).reset_index(drop=True)


# ---------------------------------------------------------------- prices and free variants

def free_share_data(tables: Tables) -> pd.DataFrame:
    """Weekly tokens of ranked ``:free`` variants and their share of all tokens."""
    totals = tables.totals
    share = totals["free_variant_tokens"] / totals["total_tokens"].where(
        totals["total_tokens"] != 0)
    return totals.assign(free_share=share.astype("float64"))[
        ["week_start", "free_variant_tokens", "total_tokens", "free_share"]] \
        .reset_index(drop=True)


def price_usage_data(tables: Tables) -> pd.DataFrame:
    """The latest week's ranked models with their list prices (empty where unknown): the chart
    plots those with a paid completion price and says how many others it leaves out."""
    week = tables.latest_week
    models = tables.models[tables.models["week_start"] == week]
    rows = models.assign(country_name=models["country"].map(band_name))
    return rows[["week_start", "rank", "model_permaslug", "model_name", "company", "country",
                 "country_name", "tokens", "price_prompt_usd_per_mtok",
                 "price_completion_usd_per_mtok"]].reset_index(drop=True)
