"""Attribute weekly rows to companies and countries, then derive the public tables (totals,
models, companies, countries: the data contract of /downloads/v1/).

Token columns stay exact int64 throughout (never float); previous-week joins use nullable Int64 so
a missing week never turns integers into floats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from generator.corrections import APPLIED_COLUMNS, CORRECTION_COLUMNS
from generator.load import OTHER, REVISION_COLUMNS, entry_variant
from generator.prices import PRICE_COLUMNS, Prices, weekly_prices
from generator.registry import Registry


@dataclass(frozen=True)
class ParsedSlug:
    base: str  # the permaslug without its ":variant"
    variant: str  # "free", "beta", ... or ""
    author: str  # the part before "/", or "" when there is none


def parse_permaslug(permaslug: str) -> ParsedSlug:
    base, _, variant = permaslug.partition(":")
    author = base.split("/", 1)[0] if "/" in base else ""
    return ParsedSlug(base, variant, author)


def has_suffix(name: str, variant: str) -> bool:
    return bool(variant) and name.casefold().endswith(f"({variant})".casefold())


def catalogue_base_name(entry: dict) -> str:
    """A catalogue entry's name without its "Vendor: " prefix, and without the "(free)" that a
    variant's own entry carries (it stands in for a base model missing from the catalogue)."""
    name = entry.get("name")
    if not isinstance(name, str):
        return ""
    name = name.split(": ", 1)[-1].strip()
    variant = entry_variant(entry)
    if has_suffix(name, variant):
        name = name[:-len(variant) - 2].strip()
    return name


def model_display_name(permaslug: str, registry: Registry, catalogue: dict[str, dict]) -> str:
    """Registry override, else the catalogue name without its "Vendor: " prefix, else the slug.

    A variant (":free") gets its suffix once, unless the registry names that exact variant.
    """
    exact = registry.models.get(permaslug)
    if exact and exact.display_name:
        return exact.display_name
    parsed = parse_permaslug(permaslug)
    base_override = registry.models.get(parsed.base)
    if base_override and base_override.display_name:
        name = base_override.display_name.strip()
    else:
        name = catalogue_base_name(catalogue.get(parsed.base) or {})
        name = name or parsed.base.split("/", 1)[-1].strip()
    return name if not parsed.variant or has_suffix(name, parsed.variant) \
        else f"{name} ({parsed.variant})"


def attribute(weekly: pd.DataFrame, registry: Registry, catalogue: dict[str, dict]) -> pd.DataFrame:
    """Add author, company, country and model_name to each weekly row (the `other` row too)."""
    slugs = sorted(set(weekly["model_permaslug"]))
    info = []
    for slug in slugs:
        parsed = parse_permaslug(slug)
        author = registry.authors.get(parsed.author) if slug != OTHER else None
        info.append({
            "model_permaslug": slug,
            "is_other": slug == OTHER,
            "author": "" if slug == OTHER else parsed.author,
            "company": author.company if author else "",
            "country": author.country if author else "",
            "model_name": "" if slug == OTHER else model_display_name(slug, registry, catalogue),
            "in_catalogue": parsed.base in catalogue,
        })
    lookup = pd.DataFrame(info, columns=["model_permaslug", "is_other", "author", "company",
                                         "country", "model_name", "in_catalogue"])
    attributed = weekly.merge(lookup, on="model_permaslug", how="left", validate="many_to_one")
    if "author_override" in attributed:  # reassign_author corrections (see corrections.py)
        for slug in sorted(set(attributed["author_override"]) - {""}):
            rows = attributed["author_override"] == slug
            author = registry.authors.get(slug)
            attributed.loc[rows, "author"] = slug
            attributed.loc[rows, "company"] = author.company if author else ""
            attributed.loc[rows, "country"] = author.country if author else ""
        attributed = attributed.drop(columns="author_override")
    return attributed


@dataclass
class Tables:
    totals: pd.DataFrame
    models: pd.DataFrame
    companies: pd.DataFrame
    countries: pd.DataFrame
    # Restatements recorded by fetch (see load.derive_revisions); empty when there are none.
    revisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVISION_COLUMNS))
    # Contributors' corrections: one row per correction (corrections.corrections_table) and one
    # per weekly row a correction touched (corrections.apply_corrections).
    corrections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=CORRECTION_COLUMNS))
    corrected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=APPLIED_COLUMNS))

    @property
    def weeks(self) -> list[str]:
        return list(self.totals["week_start"])

    @property
    def latest_week(self) -> str:
        return self.weeks[-1]


def next_week(week_start: str) -> str:
    return (date.fromisoformat(week_start) + timedelta(days=7)).isoformat()


def previous_week(week_start: str) -> str:
    return (date.fromisoformat(week_start) - timedelta(days=7)).isoformat()


def with_previous_week(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Join each row to the same entity's row of the previous ISO week (columns get ``_prev``)."""
    previous = frame[["week_start", *keys, *columns]].copy()
    previous["week_start"] = previous["week_start"].map(next_week)
    previous = previous.astype({c: "Int64" for c in columns if frame[c].dtype.kind in "iu"})
    previous = previous.rename(columns={c: f"{c}_prev" for c in columns})
    return frame.merge(previous, on=["week_start", *keys], how="left", validate="one_to_one")


def growth(current: pd.Series, previous: pd.Series) -> pd.Series:
    """current / previous - 1 as nullable floats; empty where there is no previous figure."""
    prev = previous.astype("Float64")
    result = current.astype("Float64") / prev - 1
    return result.mask(prev.isna() | (prev == 0))


def derive_totals(attributed: pd.DataFrame) -> pd.DataFrame:
    free = attributed["model_permaslug"].str.partition(":")[2] == "free"
    rows = attributed.assign(
        other=attributed["tokens"].where(attributed["is_other"], 0),
        unknown=attributed["tokens"].where(~attributed["is_other"] & (attributed["country"] == ""),
                                           0),
        free=attributed["tokens"].where(free & ~attributed["is_other"], 0),
    )
    totals = rows.groupby("week_start", sort=True).agg(
        total_tokens=("tokens", "sum"),
        other_tokens=("other", "sum"),
        unknown_tokens=("unknown", "sum"),
        free_variant_tokens=("free", "sum"),
        as_of=("as_of", "first"),
    ).reset_index()
    totals["attributed_tokens"] = (
        totals["total_tokens"] - totals["other_tokens"] - totals["unknown_tokens"]
    )
    totals["coverage"] = 1 - totals["other_tokens"] / totals["total_tokens"]
    totals = with_previous_week(totals, [], ["total_tokens"])
    totals["wow_change"] = growth(totals["total_tokens"], totals["total_tokens_prev"])
    return totals[["week_start", "total_tokens", "attributed_tokens", "unknown_tokens",
                   "other_tokens", "free_variant_tokens", "coverage", "as_of", "wow_change"]] \
        .astype({"free_variant_tokens": "int64"})


def derive_models(attributed: pd.DataFrame, totals: pd.DataFrame,
                  prices: Prices | None = None) -> pd.DataFrame:
    models = attributed[~attributed["is_other"]].sort_values(
        ["week_start", "tokens", "model_permaslug"], ascending=[True, False, True]
    ).reset_index(drop=True)
    models["rank"] = (models.groupby("week_start").cumcount() + 1).astype("int64")
    models = with_previous_week(models, ["model_permaslug"], ["rank", "tokens"])
    weeks = set(totals["week_start"])
    has_previous_week = models["week_start"].map(lambda w: previous_week(w) in weeks)
    models["rank_change"] = (models["rank_prev"] - models["rank"]).astype("Int64")
    models["is_new"] = has_previous_week & models["rank_prev"].isna()
    models = models.merge(totals[["week_start", "total_tokens"]], on="week_start", how="left")
    models["share_of_total"] = models["tokens"] / models["total_tokens"]
    models["wow_change"] = growth(models["tokens"], models["tokens_prev"])
    models = pd.concat([models, weekly_prices(models, prices)], axis=1)
    return models[["week_start", "rank", "rank_change", "model_permaslug", "model_name", "author",
                   "company", "country", "tokens", "share_of_total", "wow_change", "is_new",
                   "in_catalogue", "as_of", *PRICE_COLUMNS, "price_as_of"]]


def derive_groups(attributed: pd.DataFrame, totals: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Tokens per week and group (company or country) over attributed rows, with share and WoW."""
    known = attributed[~attributed["is_other"] & (attributed["country"] != "")]
    grouped = known.groupby(["week_start", *keys], sort=True)["tokens"].sum().reset_index()
    grouped = grouped.merge(totals[["week_start", "attributed_tokens"]], on="week_start")
    grouped["share_of_attributed"] = grouped["tokens"] / grouped["attributed_tokens"]
    grouped = with_previous_week(grouped, keys, ["tokens"])
    grouped["wow_change"] = growth(grouped["tokens"], grouped["tokens_prev"])
    grouped = grouped.sort_values(["week_start", "tokens", *keys],
                                  ascending=[True, False, *[True] * len(keys)])
    return grouped[["week_start", *keys, "tokens", "share_of_attributed", "wow_change"]] \
        .reset_index(drop=True)


def derive_tables(attributed: pd.DataFrame, revisions: pd.DataFrame | None = None,
                  corrections: pd.DataFrame | None = None,
                  corrected: pd.DataFrame | None = None,
                  prices: Prices | None = None) -> Tables:
    """The public tables; ``prices`` (prices.read_prices) gives models their list prices."""
    totals = derive_totals(attributed)
    extra = {}
    if corrections is not None:
        extra["corrections"] = corrections
    if corrected is not None:
        extra["corrected"] = corrected
    return Tables(
        totals=totals,
        models=derive_models(attributed, totals, prices),
        companies=derive_groups(attributed, totals, ["company", "country"]),
        countries=derive_groups(attributed, totals, ["country"]),
        revisions=pd.DataFrame(columns=REVISION_COLUMNS) if revisions is None else revisions,
        **extra,
    )
