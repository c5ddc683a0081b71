"""The public data contract: /downloads/v1/ tables as CSV, JSON and Parquet, plus datapackage.json.

Columns are only ever added within v1. Token columns are exact integers. Fractions
(shares, changes, coverage) and prices (USD per million tokens) are rounded to 6 decimal places
(0.898568) in every format: plain decimals in CSV, JSON numbers, float64 in Parquet holding the
same rounded values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from generator.derive.tables import Tables
from generator.files import write_bytes_if_changed
from generator.tableio import FRACTION_DECIMALS, to_csv_bytes, to_json_bytes, to_parquet_bytes

VERSION = "v1"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # frictionless type: integer, number, string, date
    description: str


ARROW_TYPES = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string(),
               "date": pa.string()}
ROUNDED = f"rounded to {FRACTION_DECIMALS} decimal places"
NUMBERS = (f"Token columns are exact integers. Fractions (shares, changes, coverage: 0.569 = "
           f"56.9%) and prices (USD per million tokens) are {ROUNDED} (0.898568) in every "
           "format: plain decimals in CSV, JSON numbers, float64 in Parquet holding the same "
           "rounded values.")


PRICE = ("OpenRouter's list price for {which} tokens, USD per million tokens, from the models "
         "catalogue snapshot that prices the week (the latest dated on or before the Monday "
         "that ends the week, else the earliest); 0 for a free variant; empty when unknown "
         "(no catalogue entry, or a price that is not a price). A number " + ROUNDED)


def fraction(name: str, description: str) -> Column:
    return Column(name, "number", f"{description}; a fraction {ROUNDED}")


WEEK = Column("week_start", "date", "The Monday that starts the week: the week runs from Monday "
                                    "00:00 UTC, inclusive, to the next Monday 00:00 UTC, "
                                    "exclusive (an ISO week)")
COUNTRY = Column("country", "string", "ISO 3166-1 alpha-2 code of the developer's headquarters; "
                                      "empty when unknown")
WOW = Column("wow_change", "number", "Change on the previous week as a fraction (0.569 = +56.9%), "
                                     f"{ROUNDED}; empty when there is no previous figure")

TABLES: dict[str, tuple[Column, ...]] = {
    "totals_weekly": (
        WEEK,
        Column("total_tokens", "integer", "All tokens of the week, models outside the top 50 "
                                          "included"),
        Column("attributed_tokens", "integer", "Tokens from models with a known country: "
                                               "total - other - unknown"),
        Column("unknown_tokens", "integer", "Tokens of ranked models whose developer has no known "
                                            "country"),
        Column("other_tokens", "integer", "Tokens of the models outside the top 50 (OpenRouter's "
                                          "`other` row)"),
        Column("free_variant_tokens", "integer", "Tokens of ranked `:free` variants (models "
                                                 "served at no charge) in the week"),
        fraction("coverage", "The top 50 models' share of all tokens: 1 - other/total"),
        Column("as_of", "string", "When OpenRouter computed the figures (meta.as_of)"),
    ),
    "models_weekly": (
        WEEK,
        Column("rank", "integer", "1..N by tokens within the week (ties by slug)"),
        Column("rank_change", "integer", "Previous rank - this rank (positive = moved up); "
                                         "empty for a model new to the ranking"),
        Column("model_permaslug", "string", "OpenRouter's permanent model slug, variant included"),
        Column("model_name", "string", "Display name"),
        Column("author", "string", "The slug's author part (before '/')"),
        Column("company", "string", "Developer company; empty when unknown"),
        COUNTRY,
        Column("tokens", "integer", "Tokens processed in the week (prompt + completion)"),
        fraction("share_of_total", "Share of all tokens: tokens / total_tokens of the week"),
        WOW,
        Column("price_prompt_usd_per_mtok", "number", PRICE.format(which="prompt (input)")),
        Column("price_completion_usd_per_mtok", "number",
               PRICE.format(which="completion (output)")),
    ),
    "companies_weekly": (
        WEEK,
        Column("company", "string", "Developer company"),
        COUNTRY,
        Column("tokens", "integer", "Tokens of the company's ranked models in the week"),
        fraction("share_of_attributed", "Share of tokens from models with a known country: "
                                        "tokens / attributed_tokens of the week"),
        WOW,
    ),
    "countries_weekly": (
        WEEK,
        COUNTRY,
        Column("tokens", "integer", "Tokens of ranked models developed in the country"),
        fraction("share_of_attributed", "Share of tokens from models with a known country: "
                                        "tokens / attributed_tokens of the week"),
        WOW,
    ),
    "revisions": (
        WEEK,
        Column("model_permaslug", "string", "The model (or `other`) whose figure was restated"),
        Column("old_tokens", "integer", "The figure before; empty if the row was new"),
        Column("new_tokens", "integer", "The figure after; empty if the row disappeared"),
        Column("old_as_of", "string", "as_of of the snapshot that held the old figure"),
        Column("new_as_of", "string", "as_of of the snapshot with the new figure (published)"),
    ),
    "corrections": (
        Column("id", "string", "The correction's id in corrections.yaml"),
        Column("date", "date", "The day the correction was made"),
        Column("status", "string", "open, reported (to the source) or fixed_upstream"),
        Column("action", "string", "override_tokens, drop, reassign_author or flag"),
        Column("target", "string", "A model permaslug, or an author slug (drop and flag)"),
        Column("week_from", "date", "First week corrected (a Monday)"),
        Column("week_to", "date", "Last week corrected (a Monday, inclusive)"),
        Column("value", "string", "The new token figure or author slug; empty for drop/flag"),
        Column("reason", "string", "Why, as the contributor wrote it"),
        Column("source_url", "string", "The evidence"),
        Column("credit", "string", "Who found it; may be empty"),
        Column("rows_affected", "integer", "Weekly model rows the correction touched"),
        Column("tokens_before", "integer", "Sum of those rows' tokens before the correction"),
        Column("tokens_after", "integer", "The same after (0 for dropped rows)"),
    ),
}


def public_tables(tables: Tables) -> dict[str, pd.DataFrame]:
    """The four tables, exactly the contract's columns, in the contract's order."""
    sources = {"totals_weekly": tables.totals, "models_weekly": tables.models,
               "companies_weekly": tables.companies, "countries_weekly": tables.countries,
               "revisions": tables.revisions.sort_values(
                   ["new_as_of", "week_start", "model_permaslug"],
                   ascending=[False, True, True]).astype({"old_tokens": "Int64",
                                                          "new_tokens": "Int64"}),
               "corrections": tables.corrections}
    return {name: sources[name][[c.name for c in columns]].reset_index(drop=True)
            for name, columns in TABLES.items()}


def datapackage(as_of: str, is_sample: bool) -> dict:
    resources = []
    for name, columns in TABLES.items():
        schema = {"fields": [{"name": c.name, "type": c.kind, "description": c.description}
                             for c in columns]}
        for fmt, media in (("csv", "text/csv"), ("json", "application/json"),
                           ("parquet", "application/vnd.apache.parquet")):
            resources.append({
                "name": name if fmt == "csv" else f"{name}-{fmt}",
                "path": f"{name}.{fmt}",
                "format": fmt,
                "mediatype": media,
                "schema": schema,
            })
    return {
        "profile": "tabular-data-package",
        "name": "ai-token-tracker",
        "title": "AI Token Tracker: weekly tokens by model, company and country"
                 + (" (SAMPLE DATA - not real figures)" if is_sample else ""),
        "version": VERSION,
        "description": NUMBERS,
        "sample": is_sample,
        "as_of": as_of,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "OpenRouter rankings (Data API v1)",
                     "path": "https://openrouter.ai/rankings"}],
        "resources": resources,
    }


def write_downloads(tables: Tables, out_dir: Path, as_of: str, is_sample: bool) -> list[Path]:
    written = []
    for name, frame in public_tables(tables).items():
        schema = pa.schema([(c.name, ARROW_TYPES[c.kind]) for c in TABLES[name]])
        for suffix, content in ((".csv", to_csv_bytes(frame)), (".json", to_json_bytes(frame)),
                                (".parquet", to_parquet_bytes(frame, schema))):
            path = out_dir / f"{name}{suffix}"
            write_bytes_if_changed(path, content)
            written.append(path)
    path = out_dir / "datapackage.json"
    text = json.dumps(datapackage(as_of, is_sample), indent=1, ensure_ascii=False) + "\n"
    write_bytes_if_changed(path, text.encode("utf-8"))
    written.append(path)
    return written
