"""List prices (generator/prices.py): which catalogue snapshot prices a week, which entry prices
a model and its free variant, what counts as a price, the new public columns in every format,
and the spend at list prices against an independent recomputation."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import fmt
from generator.derive.tables import attribute, derive_tables
from generator.downloads import datapackage, write_downloads
from generator.load import MODELS_SUBDIR, CatalogueSnapshot, load_catalogue_snapshots
from generator.paths import Project
from generator.pipeline import prepare
from generator.prices import (
    Unusable,
    per_million,
    price_snapshot,
    read_prices,
    snapshot_for,
    spend_by,
)
from generator.registry import Author, Registry

W1, W2, W3 = "2026-03-02", "2026-03-09", "2026-03-16"  # Mondays; W3 ends on 2026-03-23


def entry(model_id: str, canonical: str, prompt: object, completion: object) -> dict:
    """A /models entry in the upstream shape (the fields prices read, and a few others)."""
    return {"id": model_id, "canonical_slug": canonical, "name": f"Vendor: {model_id}",
            "created": 1767225600, "context_length": 131072,
            "pricing": {"prompt": prompt, "completion": completion, "request": "0",
                        "image": "0", "web_search": "0", "internal_reasoning": "0"}}


def write_catalogue(data_dir: Path, name: str, entries: list[dict], gz: bool = True) -> None:
    folder = data_dir / MODELS_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"data": entries}).encode()
    (folder / name).write_bytes(gzip.compress(body, mtime=0) if gz else body)


REGISTRY = Registry(authors={"acme": Author("acme", "Acme", "US", ""),
                             "lab": Author("lab", "Lab", "CN", "")}, models={})
PAID = "acme/paid-20260101"
FREE = "acme/paid-20260101:free"
NO_ENTRY = "acme/retired-20250101"
BROKEN = "lab/router-20260101"


def tables_from(data_dir: Path, rows: list[tuple[str, str, int]]):
    prices = read_prices(load_catalogue_snapshots(data_dir))
    weekly = pd.DataFrame(rows, columns=["week_start", "model_permaslug", "tokens"]) \
        .assign(as_of="2026-03-23T02:00:00.000Z")
    return derive_tables(attribute(weekly, REGISTRY, {}), prices=prices), prices


# ---------------------------------------------------------------- what a price is

@pytest.mark.parametrize("text, expected", [
    ("0.0000025", Decimal("2.5")), ("0.00001", Decimal("10")), ("0", Decimal("0")),
    ("0.0000000375", Decimal("0.0375")), ("2", Decimal("2000000")),
])
def test_a_decimal_string_per_token_is_a_price_per_million(text: str, expected: Decimal) -> None:
    assert per_million(text) == expected


@pytest.mark.parametrize("value", ["-1", "1e-6", "", " 0.1", "0.1 ", "abc", "0x10", "1,5",
                                   "\u0661", "NaN", "inf", None, 0.000001, 1, True, ["0.1"]])
def test_anything_else_is_not_a_price(value: object) -> None:
    assert per_million(value) is None


# ---------------------------------------------------------------- which snapshot, which entry

def test_a_week_is_priced_by_the_snapshot_current_when_it_ended() -> None:
    days = [date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 16)]
    assert snapshot_for(W1, days) == 0  # ends on Monday 9 March: that day's snapshot
    assert snapshot_for(W2, days) == 2  # ends on 16 March: the later of that day's two
    assert snapshot_for(W3, days) == 2  # ends on 23 March: the latest before
    assert snapshot_for("2026-02-23", days) == 0  # older than every snapshot: the earliest
    assert snapshot_for(W1, []) is None
    for week in ("2026-02-02", W1, W2, W3, "2026-06-01"):  # against a plain search
        end = date.fromisoformat(week) + timedelta(days=7)
        on_or_before = [i for i, day in enumerate(days) if day <= end]
        assert snapshot_for(week, days) == (on_or_before[-1] if on_or_before else 0)


def test_two_catalogue_snapshots_price_their_own_weeks(tmp_path: Path) -> None:
    # the price changed on Monday 16 March: weeks ending by then keep the old one
    write_catalogue(tmp_path, "2026-03-09.json", [
        entry("acme/paid", PAID, "0.000001", "0.000004"),
        entry("acme/paid:free", PAID, "0", "0")], gz=False)
    write_catalogue(tmp_path, "2026-03-16_asof-20260316T120000.json.gz", [
        entry("acme/paid", PAID, "0.0000005", "0.000002")])
    rows = [(week, slug, 1000) for week in (W1, W2, W3) for slug in (PAID, FREE)]
    tables, prices = tables_from(tmp_path, rows)
    models = tables.models.set_index(["week_start", "model_permaslug"])
    assert models.loc[(W1, PAID), "price_prompt_usd_per_mtok"] == 1.0
    assert models.loc[(W1, PAID), "price_completion_usd_per_mtok"] == 4.0
    assert models.loc[(W1, PAID), "price_as_of"] == "2026-03-09"
    for week in (W2, W3):
        assert models.loc[(week, PAID), "price_prompt_usd_per_mtok"] == 0.5
        assert models.loc[(week, PAID), "price_completion_usd_per_mtok"] == 2.0
        assert models.loc[(week, PAID), "price_as_of"] == "2026-03-16"
    # the free variant is 0 while the catalogue lists it, unknown once it no longer does
    assert models.loc[(W1, FREE), "price_prompt_usd_per_mtok"] == 0
    assert models.loc[(W1, FREE), "price_completion_usd_per_mtok"] == 0
    assert pd.isna(models.loc[(W2, FREE), "price_prompt_usd_per_mtok"])
    assert models.loc[(W2, FREE), "price_as_of"] == ""
    assert prices.warnings == []


def test_a_model_without_an_entry_or_with_a_broken_price_has_no_price(tmp_path: Path) -> None:
    write_catalogue(tmp_path, "2026-03-09.json.gz", [
        entry("acme/paid", PAID, "0.000001", "0.000004"),
        entry("lab/router", BROKEN, "-1", "-1")])
    rows = [(W1, PAID, 300), (W1, NO_ENTRY, 200), (W1, BROKEN, 100), (W2, BROKEN, 100)]
    tables, prices = tables_from(tmp_path, rows)
    models = tables.models.set_index("model_permaslug")
    for slug in (NO_ENTRY, BROKEN):
        assert models.loc[[slug], "price_prompt_usd_per_mtok"].isna().all()
        assert models.loc[[slug], "price_completion_usd_per_mtok"].isna().all()
    # one warning per snapshot and model, naming both, whatever the number of weeks
    assert prices.warnings == [f"2026-03-09.json.gz: {BROKEN!r}: pricing.prompt is '-1', not a "
                               "decimal string of USD per token; its list price is left unknown"]


def test_free_variant_tokens_are_the_weeks_free_variants(tmp_path: Path) -> None:
    rows = [(W1, PAID, 700), (W1, FREE, 250), (W1, "other", 50), (W2, PAID, 10)]
    tables, _ = tables_from(tmp_path, rows)
    totals = tables.totals.set_index("week_start")
    assert totals.loc[W1, "free_variant_tokens"] == 250
    assert totals.loc[W2, "free_variant_tokens"] == 0
    assert tables.totals["free_variant_tokens"].dtype == "int64"


def test_a_build_without_any_catalogue_has_empty_prices(tmp_path: Path) -> None:
    tables, prices = tables_from(tmp_path, [(W1, PAID, 5)])
    assert tables.models["price_prompt_usd_per_mtok"].isna().all()
    assert prices.snapshots == []


# ---------------------------------------------------------------- the public tables

def test_the_new_columns_are_in_every_format_and_the_datapackage(tmp_path: Path) -> None:
    write_catalogue(tmp_path, "2026-03-09.json.gz", [
        entry("acme/paid", PAID, "0.0000000375", "0.00000015"),
        entry("acme/paid:free", PAID, "0", "0")])
    tables, _ = tables_from(tmp_path, [(W1, PAID, 300), (W1, FREE, 200), (W1, NO_ENTRY, 100)])
    out = tmp_path / "downloads"
    write_downloads(tables, out, "2026-03-23T02:00:00.000Z", False)
    expected = {PAID: ("0.0375", "0.15"), FREE: ("0.0", "0.0"), NO_ENTRY: ("", "")}
    rows = list(csv.DictReader(io.StringIO((out / "models_weekly.csv").read_text())))
    assert {r["model_permaslug"]: (r["price_prompt_usd_per_mtok"],
                                   r["price_completion_usd_per_mtok"]) for r in rows} == expected
    as_number = {k: tuple(float(v) if v else None for v in pair) for k, pair in expected.items()}
    for records in (json.loads((out / "models_weekly.json").read_text()),
                    pq.read_table(out / "models_weekly.parquet").to_pylist()):
        assert {r["model_permaslug"]: (r["price_prompt_usd_per_mtok"],
                                       r["price_completion_usd_per_mtok"])
                for r in records} == as_number
    schema = pq.read_table(out / "models_weekly.parquet").schema
    assert str(schema.field("price_prompt_usd_per_mtok").type) == "double"
    totals = list(csv.DictReader(io.StringIO((out / "totals_weekly.csv").read_text())))
    assert totals[0]["free_variant_tokens"] == "200"
    assert json.loads((out / "totals_weekly.json").read_text())[0]["free_variant_tokens"] == 200
    assert pq.read_table(out / "totals_weekly.parquet").to_pylist()[0]["free_variant_tokens"] \
        == 200
    package = json.loads((out / "datapackage.json").read_text())
    assert package == datapackage("2026-03-23T02:00:00.000Z", False)
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]}
              for r in package["resources"]}
    for name in ("models_weekly", "models_weekly-json", "models_weekly-parquet"):
        for column in ("price_prompt_usd_per_mtok", "price_completion_usd_per_mtok"):
            assert fields[name][column]["type"] == "number"
            assert "per million tokens" in fields[name][column]["description"]
    assert fields["totals_weekly"]["free_variant_tokens"]["type"] == "integer"


# ---------------------------------------------------------------- spend at list prices

def independent_spend(project: Project) -> dict[str, tuple[Decimal, Decimal, int]]:
    """Per country, the latest week's spend at list prices worked out from the raw files
    alone: the catalogue JSON's price strings, as Decimals, and the week's tokens."""
    prepared = prepare(project)
    tables = prepared.tables
    week = tables.latest_week
    end = date.fromisoformat(week) + timedelta(days=7)
    folder = prepared.rankings.source_dir / MODELS_SUBDIR
    files = sorted(p for p in folder.iterdir() if not p.name.endswith(".meta.json"))
    chosen = [p for p in files if date.fromisoformat(p.name[:10]) <= end][-1]
    raw = json.loads(gzip.decompress(chosen.read_bytes()) if chosen.suffix == ".gz"
                     else chosen.read_bytes())
    listed = {}
    for item in raw["data"]:
        variant = item["id"].partition(":")[2]
        key = item["canonical_slug"] + (f":{variant}" if variant else "")
        listed.setdefault(key, (Decimal(item["pricing"]["prompt"]),
                                Decimal(item["pricing"]["completion"])))
    found: dict[str, list] = {}
    models = tables.models[(tables.models["week_start"] == week)
                           & (tables.models["country"] != "")]
    for slug, country, tokens in zip(models["model_permaslug"], models["country"],
                                     models["tokens"]):
        total = found.setdefault(country, [Decimal(0), Decimal(0), 0])
        if slug not in listed:
            total[2] += int(tokens)
            continue
        low, high = sorted(listed[slug])
        total[0] += int(tokens) * low
        total[1] += int(tokens) * high
    return {country: (low, high, left) for country, (low, high, left) in found.items()}


def test_spend_ranges_match_an_independent_recomputation() -> None:
    project = Project.at(None, None)  # the bundled sample: two catalogue snapshots
    expected = independent_spend(project)
    tables = prepare(project).tables
    spend = spend_by(tables.models[tables.models["week_start"] == tables.latest_week],
                     ["country"]).set_index("country")
    assert set(spend.index) == set(expected)
    all_low = sum(low for low, _, _ in expected.values())
    all_high = sum(high for _, high, _ in expected.values())
    for country, (low, high, left_out) in expected.items():
        row = spend.loc[country]
        assert row["spend_low"] == pytest.approx(float(low), rel=1e-12)
        assert row["spend_high"] == pytest.approx(float(high), rel=1e-12)
        assert row["spend_low"] <= row["spend_high"]
        assert row["unpriced_tokens"] == left_out
        assert row["priced_tokens"] + row["unpriced_tokens"] == row["tokens"]
        assert row["spend_share_low"] == pytest.approx(float(low / all_low), rel=1e-12)
        assert row["spend_share_high"] == pytest.approx(float(high / all_high), rel=1e-12)
    assert spend["spend_high"].sum() > 0


def test_a_model_whose_prompt_price_is_the_higher_still_gives_low_then_high() -> None:
    models = pd.DataFrame({"country": ["US", "US", "CN", ""], "tokens": [2_000_000, 10, 5, 9],
                           "price_prompt_usd_per_mtok": pd.array([2.5, None, 1.0, 1.0],
                                                                 dtype="Float64"),
                           "price_completion_usd_per_mtok": pd.array([2.0, None, 3.0, 1.0],
                                                                     dtype="Float64")})
    spend = spend_by(models, ["country"]).set_index("country")
    assert list(spend.index) == ["US", "CN"]  # by tokens; no known country: left out
    assert spend.loc["US", "spend_low"] == 4.0 and spend.loc["US", "spend_high"] == 5.0
    assert spend.loc["US", "unpriced_tokens"] == 10
    assert spend.loc["CN", "spend_low"] == pytest.approx(5e-6)


# ---------------------------------------------------------------- money as people write it

def test_money_and_prices_read_as_the_site_writes_figures() -> None:
    assert fmt.usd(1_234_567) == "$1.23 million" and fmt.usd_short(1_234_567) == "$1.23M"
    assert fmt.usd(812_400) == "$812 thousand" and fmt.usd(45.4) == "$45"
    assert fmt.usd(0) == "$0" and fmt.usd(0.2) == "less than $1" and fmt.usd(None) == "–"
    assert fmt.usd(999_700) == "$1 million"
    assert fmt.usd_range(1.2e6, 4.56e6) == "$1.2 million – $4.56 million"
    assert fmt.usd_range(1.2e6, 4.56e6, "short") == "$1.2M–$4.56M"
    assert fmt.usd_range(5, 5) == "$5"
    assert fmt.percent_range(0.153, 0.121) == "12.1–15.3%"
    assert fmt.percent_range(0.1, 0.1) == "10.0%" and fmt.percent_range(None, 0.1) == "–"
    assert [fmt.price(v) for v in (0.0375, 0.25, 2.5, 10, 0, 1.125, 1500.5, None)] == [
        "$0.0375", "$0.25", "$2.50", "$10", "$0", "$1.125", "$1,500.50", "–"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(pricing=JSON_VALUES, prompt=JSON_VALUES | st.from_regex(r"[0-9]{1,3}\.[0-9]{1,9}"),
       canonical=JSON_VALUES)
def test_any_catalogue_entry_gives_a_price_or_none_never_a_crash(pricing: object,
                                                                  prompt: object,
                                                                  canonical: object) -> None:
    entries = ({"id": "a/b", "canonical_slug": canonical, "pricing": pricing},
               {"id": "a/b", "canonical_slug": "a/b-1",
                "pricing": {"prompt": prompt, "completion": "0.000001"}})
    snapshot = price_snapshot(CatalogueSnapshot(date(2026, 3, 9), "x.json", entries))
    for found in snapshot.prices.values():
        assert isinstance(found, Unusable) or (found.prompt >= 0 and found.completion >= 0)
    second = snapshot.prices.get(("a/b-1", ""))
    if isinstance(prompt, str) and re.fullmatch(r"[0-9]{1,3}\.[0-9]{1,9}", prompt):
        assert second.prompt == Decimal(prompt) * 1_000_000
    else:
        assert isinstance(second, Unusable) or isinstance(prompt, str)
