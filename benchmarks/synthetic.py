"""A synthetic history for the benchmark (benchmarks/bench.py): the same raw format and the same
lifecycle model as the bundled sample (generator.sample), at any scale: N weeks of top-50 +
`other` buckets, about SYNTHETIC_MODELS_PER_WEEK new models a week, spread over the registry's
authors plus made-up ones. Deterministic for a seed: the same arguments give the same bytes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from generator.sample import (
    BASE_URL,
    SEED,
    bucket,
    catalogue_entry,
    dump_json,
    fetched_at,
    jitter,
    lifecycle,
    parse_day,
    week_start,
    write_with_meta,
)

SYNTHETIC_LAST_WEEK = date(2026, 11, 9)  # the last week of the base history (ended before today)
SYNTHETIC_MODELS_PER_WEEK = 3.6  # about 420 ranked models over 104 weeks
SYNTHETIC_COUNTRIES = ("US", "CN", "FR", "DE", "GB", "KR", "JP", "IN", "CA", "IL", "AE", "SG")
SYNTHETIC_LEAD = 16  # weeks of launches before the history starts
SYNTHETIC_WINDOW_WEEKS = 52  # one snapshot per fetch window, as the fetcher writes them
SYNTHETIC_REFETCH_WEEKS = 4  # a weekly fetch re-reads the last four weeks


def synthetic_authors(registry: list[tuple[str, str, str]], count: int
                      ) -> list[tuple[str, str, str]]:
    """(slug, company, country) of ``count`` authors: the registry's first, then made-up labs."""
    authors = list(registry[:count])
    number = 0
    while len(authors) < count:
        number += 1
        code = SYNTHETIC_COUNTRIES[number % len(SYNTHETIC_COUNTRIES)]
        authors.append((f"synthlab-{number:02d}", f"Synth Lab {number:02d}", code))
    return authors


def synthetic_lifecycles(rng: random.Random, authors: list[str], models: int, weeks: int,
                         first: date) -> list[tuple]:
    """LIFECYCLES-shaped rows for ``models`` made-up models launched across the history, plus
    those launched in the SYNTHETIC_LEAD weeks before it, so the first week ranks 50 too."""
    rows = []
    lead = round(models * SYNTHETIC_LEAD / weeks)
    for number in range(models + lead):
        author = authors[int(len(authors) * rng.random() ** 1.5)]  # a few big labs
        launch = first + timedelta(days=int(((number - lead) / models * weeks) * 7)
                                   + rng.randrange(7))
        plateau = launch + timedelta(days=7 * (2 + rng.randrange(10)))
        weight = 10 + 150 * rng.random() ** 3
        variant = ":free" if number % 17 == 5 else ""
        slug = f"{author}/synth-{number:04d}-{launch:%Y%m%d}{variant}"
        rows.append((slug, launch.isoformat(), 1 + rng.randrange(3), plateau.isoformat(),
                     2 + rng.randrange(5), weight, None))
    for number, week in enumerate(range(weeks // 3, weeks, max(weeks // 3, 1))):
        day = first + timedelta(days=7 * week)  # a cloaked model for a few weeks, now and then
        rows.append((f"openrouter/cloaked-{number}", day.isoformat(), 1,
                     (day + timedelta(days=14)).isoformat(), 2, 150, None))
    return rows


def simulate_synthetic(rng: random.Random, lifecycles: list[tuple], weeks: int, first: date
                       ) -> tuple[list[list[tuple[str, int]]], list[int]]:
    """Tokens of every model in every week and the long tail, growing about 3x over 104 weeks."""
    pools, tails = [], []
    for index in range(weeks):
        scale = 2_000_000_000 * (1.0 + index / 52) * jitter(rng, 0.03)
        pool = []
        for slug, launch, ramp, peak_end, half, weight, last in lifecycles:
            level = lifecycle(index, launch, ramp, peak_end, half, last, first)
            pool.append((slug, int(weight * level * jitter(rng, 0.18) * scale)))
        modelled = sum(tokens for _, tokens in pool)
        share = 0.035 + 0.025 * rng.random()
        pools.append(pool)
        tails.append(int(modelled * share / (1 - share)))
    return pools, tails


def _synthetic_snapshot(folder: Path, first: date, weeks: range, pools: list, tails: list,
                        written: list[Path]) -> None:
    start = week_start(weeks[0], first)
    end = week_start(weeks[-1], first) + timedelta(days=6)
    as_of = f"{end + timedelta(days=1)}T02:00:00.000Z"
    rows: list[dict] = []
    for index in weeks:
        rows.extend(bucket(week_start(index, first), pools[index], tails[index]))
    meta = {"as_of": as_of, "version": "v1", "start_date": start.isoformat(),
            "end_date": end.isoformat()}
    url = f"{BASE_URL}/datasets/rankings-daily?start_date={start}&end_date={end}&period=week"
    write_with_meta(folder / f"{start}_{end}.json", dump_json({"data": rows, "meta": meta}),
                     {"url": url, "fetched_at": fetched_at(as_of[:10]), "as_of": as_of,
                      "meta": meta}, written)


def write_synthetic(dest: Path, weeks: int, authors: list[tuple[str, str, str]],
                    models: int | None = None, new_weeks: int = 0, seed: int = SEED) -> list[Path]:
    """A synthetic history under ``dest`` (raw/openrouter/...): ``weeks`` weeks ending on
    SYNTHETIC_LAST_WEEK in 52-week snapshots, then, for each of ``new_weeks`` later weeks, the
    snapshot a weekly fetch would add (the last four weeks, the older ones unchanged).
    ``authors`` as from synthetic_authors(); the same arguments give the same bytes."""
    rng = random.Random(seed)
    models = models if models is not None else round(weeks * SYNTHETIC_MODELS_PER_WEEK)
    first = SYNTHETIC_LAST_WEEK - timedelta(days=7 * (weeks - 1))
    lifecycles = synthetic_lifecycles(rng, [slug for slug, _, _ in authors], models, weeks,
                                      first)
    pools, tails = simulate_synthetic(rng, lifecycles, weeks + new_weeks, first)
    written: list[Path] = []
    folder = dest / "raw" / "openrouter" / "rankings" / "week"
    for start in range(0, weeks, SYNTHETIC_WINDOW_WEEKS):
        _synthetic_snapshot(folder, first, range(start, min(start + SYNTHETIC_WINDOW_WEEKS,
                                                             weeks)), pools, tails, written)
    for extra in range(weeks, weeks + new_weeks):
        _synthetic_snapshot(folder, first, range(max(0, extra - SYNTHETIC_REFETCH_WEEKS + 1),
                                                 extra + 1), pools, tails, written)
    by_slug = {slug: (company, code) for slug, company, code in authors}
    lookup = {slug: (company, company, code) for slug, (company, code) in by_slug.items()}
    entries = []
    for number, (slug, launch, *_rest) in enumerate(lifecycles):
        canonical = slug.split(":", 1)[0]
        author = canonical.split("/", 1)[0]
        if author not in lookup or number % 11 == 3:
            continue  # cloaked or retired: absent from the catalogue, as upstream
        spec = (canonical, f"Synth {number:04d}", 131072, 16384, "0.5", "1.5",
                canonical if number % 3 == 0 else "", "", number % 4 == 0)
        created = (parse_day(launch) - date(1970, 1, 1)).days * 86400 + 12 * 3600
        entries.append(catalogue_entry(spec, created, lookup))
    entries.sort(key=lambda e: e["id"])
    day = (SYNTHETIC_LAST_WEEK + timedelta(days=7 * new_weeks + 8)).isoformat()
    write_with_meta(dest / "raw" / "openrouter" / "models" / f"{day}.json",
                     dump_json({"data": entries}),
                     {"url": f"{BASE_URL}/models?output_modalities=all",
                      "fetched_at": fetched_at(day)}, written)
    return sorted(written)
