"""List prices: each ranked model's prompt and completion price (USD per million tokens) in each
week, from OpenRouter's models catalogue, and the spend those prices give a week's tokens.

Which snapshot prices a week
    The fetch stores a catalogue snapshot only when the catalogue changed, named by the day it
    was taken (UTC), so a snapshot's prices hold from its day until the next snapshot's. A week
    runs from Monday 00:00 UTC to the next Monday 00:00 UTC, the day the weekly fetch takes its
    figures and the catalogue together; a snapshot's name gives only its day. So a week is
    priced by the latest snapshot dated on or before the Monday that ends it: the catalogue as
    it stood when the week closed. A week older than every snapshot is priced by the earliest
    one (the nearest the source offers). Two snapshots of one day: the later one (its name
    carries its as_of and sorts after).

Which entry prices a model
    The entry with the model's canonical slug and the same variant: ``vendor/model-date`` by the
    base model's entry (id without ``:``), ``vendor/model-date:free`` by the ``:free`` entry
    (id ``vendor/model:free``, same canonical slug), whose price is 0 when the catalogue says so.
    No such entry (a retired or cloaked model, a variant the catalogue does not list): unknown.

What a price is
    ``pricing.prompt`` and ``pricing.completion`` are strings of USD per token ("0.0000025").
    Only a plain non-negative decimal string is a price; anything else ("-1", which OpenRouter
    uses for routers whose price depends on the model they pick, a number, an exponent, text)
    leaves the model's price unknown, and the build says so once per snapshot and model
    (``Prices.warnings``): never a wrong number, never a crash. A price is known only when both
    are: the spend of a model needs both ends.

Spend
    The source counts prompt and completion tokens together, so a week's spend at list prices
    is a range: every token at the lower of the two prices to every token at the higher (the
    prompt price for nearly every model). Models without a known price are left out, and the
    tokens left out are stated beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd

from generator.load import CatalogueSnapshot, entry_variant

PER_MILLION = Decimal(1_000_000)
DECIMAL_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?")  # "0.0000025", "0", "2"; never "-1", "1e-6"
PRICE_COLUMNS = ("price_prompt_usd_per_mtok", "price_completion_usd_per_mtok")


@dataclass(frozen=True)
class ListPrice:
    """USD per million tokens, exact."""

    prompt: Decimal
    completion: Decimal


@dataclass(frozen=True)
class Unusable:
    """An entry whose pricing is not a price: why, for the warning."""

    reason: str


@dataclass(frozen=True)
class PriceSnapshot:
    day: date
    name: str
    prices: dict[tuple[str, str], ListPrice | Unusable]  # (canonical slug, variant) -> price


@dataclass
class Prices:
    snapshots: list[PriceSnapshot]
    warnings: list[str] = field(default_factory=list)


def per_million(value: object) -> Decimal | None:
    """A per-token price string as USD per million tokens; None when it is not a price."""
    if not isinstance(value, str) or not value.isascii() or not DECIMAL_TEXT.fullmatch(value):
        return None
    return (Decimal(value) * PER_MILLION).normalize()


def entry_price(entry: dict) -> ListPrice | Unusable:
    pricing = entry.get("pricing")
    if not isinstance(pricing, dict):
        return Unusable("no pricing object")
    prompt, completion = pricing.get("prompt"), pricing.get("completion")
    found = per_million(prompt), per_million(completion)
    if found[0] is None or found[1] is None:
        bad = prompt if found[0] is None else completion
        which = "prompt" if found[0] is None else "completion"
        return Unusable(f"pricing.{which} is {bad!r}, not a decimal string of USD per token")
    return ListPrice(*found)


def price_snapshot(snapshot: CatalogueSnapshot) -> PriceSnapshot:
    """Each entry's price, keyed by (canonical slug, variant); the first entry of a key wins."""
    prices: dict[tuple[str, str], ListPrice | Unusable] = {}
    for entry in snapshot.entries:
        slug = entry.get("canonical_slug") or entry.get("id")
        if not isinstance(slug, str) or not slug:
            continue
        prices.setdefault((slug.partition(":")[0], entry_variant(entry)), entry_price(entry))
    return PriceSnapshot(snapshot.day, snapshot.name, prices)


def read_prices(snapshots: list[CatalogueSnapshot]) -> Prices:
    return Prices([price_snapshot(s) for s in sorted(snapshots, key=lambda s: (s.day, s.name))])


def snapshot_for(week_start: str, days: list[date]) -> int | None:
    """Index of the snapshot that prices a week (see the module's doc); None without any."""
    if not days:
        return None
    ends = date.fromisoformat(week_start) + timedelta(days=7)
    taken = bisect_right(days, ends)  # snapshots dated on or before the Monday that ends it
    return taken - 1 if taken else 0


def weekly_prices(rows: pd.DataFrame, prices: Prices | None) -> pd.DataFrame:
    """For each (week_start, model_permaslug) row: the two prices in USD per million tokens
    (nullable floats, empty when unknown) and ``price_as_of``, the day of the snapshot that
    priced the week (empty when none did). Unusable entries add a warning to ``prices``."""
    snapshots = prices.snapshots if prices else []
    days = [s.day for s in snapshots]
    warned = {w for w in prices.warnings} if prices else set()
    prompt, completion, as_of = [], [], []
    for week, slug in zip(rows["week_start"], rows["model_permaslug"]):
        index = snapshot_for(str(week), days)
        found = None
        if index is not None:
            base, _, variant = str(slug).partition(":")
            found = snapshots[index].prices.get((base, variant))
            if isinstance(found, Unusable):
                warning = (f"{snapshots[index].name}: {slug!r}: {found.reason}; its list price "
                           "is left unknown")
                if warning not in warned:
                    warned.add(warning)
                    prices.warnings.append(warning)
                found = None
        prompt.append(float(found.prompt) if found else None)
        completion.append(float(found.completion) if found else None)
        as_of.append(snapshots[index].day.isoformat() if found else "")
    return pd.DataFrame({
        PRICE_COLUMNS[0]: pd.array(prompt, dtype="Float64"),
        PRICE_COLUMNS[1]: pd.array(completion, dtype="Float64"),
        "price_as_of": pd.array(as_of, dtype="str"),
    }, index=rows.index)


# ---------------------------------------------------------------- spend at list prices

SPEND_COLUMNS = ["tokens", "priced_tokens", "unpriced_tokens", "spend_low", "spend_high",
                 "spend_share_low", "spend_share_high"]


def model_spend(tokens: int, prompt: object, completion: object) -> tuple[Decimal, Decimal]:
    """(low, high) USD of ``tokens`` at the lower and the higher of the two prices."""
    ends = sorted(Decimal(repr(float(p))) for p in (prompt, completion))
    return tuple(Decimal(int(tokens)) * end / PER_MILLION for end in ends)  # type: ignore


def spend_by(models: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Estimated spend at list prices of one week's ranked models with a known country, per
    group of ``keys`` (["country"], ["company", "country"]): tokens, the tokens with and without
    a known price, the spend range in USD, and each group's share of the spend of all groups at
    each end of the range. Sorted by tokens, as the groups' tables are."""
    known = models[models["country"] != ""]
    groups: dict[tuple, list] = {}
    for row in known[[*keys, "tokens", *PRICE_COLUMNS]].itertuples(index=False):
        key = tuple(row[:len(keys)])
        tokens, prompt, completion = row[len(keys):]
        total = groups.setdefault(key, [0, 0, Decimal(0), Decimal(0)])
        total[0] += int(tokens)
        if pd.isna(prompt) or pd.isna(completion):
            continue
        low, high = model_spend(tokens, prompt, completion)
        total[1] += int(tokens)
        total[2] += low
        total[3] += high
    all_low = sum((g[2] for g in groups.values()), Decimal(0))
    all_high = sum((g[3] for g in groups.values()), Decimal(0))
    records = []
    for key, (tokens, priced, low, high) in groups.items():
        records.append((*key, tokens, priced, tokens - priced, float(low), float(high),
                        float(low / all_low) if all_low else None,
                        float(high / all_high) if all_high else None))
    frame = pd.DataFrame.from_records(records, columns=[*keys, *SPEND_COLUMNS])
    frame = frame.astype({"tokens": "int64", "priced_tokens": "int64",
                          "unpriced_tokens": "int64", "spend_share_low": "Float64",
                          "spend_share_high": "Float64"})
    return frame.sort_values(["tokens", *keys], ascending=[False, *[True] * len(keys)]) \
        .reset_index(drop=True)


def spend_totals(spend: pd.DataFrame) -> dict:
    """The groups' spend added up: tokens, priced and unpriced tokens, spend range."""
    return {column: spend[column].sum() for column in SPEND_COLUMNS[:5]}


def week_spend(models: pd.DataFrame, groups: pd.DataFrame, week: str,
               keys: list[str]) -> tuple[list[dict], dict]:
    """A page's view of one week's spend: a row per group (countries or companies table rows of
    the week, with their ``share_of_attributed``) and the groups' total."""
    spend = spend_by(models[models["week_start"] == week], keys)
    shares = groups[groups["week_start"] == week][[*keys, "share_of_attributed"]]
    spend = spend.merge(shares, on=keys, how="left", validate="one_to_one")
    rows = [dict(zip(spend.columns, row)) for row in spend.itertuples(index=False)]
    return rows, spend_totals(spend)
