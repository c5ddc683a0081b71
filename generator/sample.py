"""The deterministic SAMPLE dataset: fake OpenRouter snapshots in the exact raw format.

A fresh clone has no fetched data, yet the site must still build. This module writes a made-up but
realistic dataset under ``data/sample/`` (two weekly rankings snapshots, their ``.meta.json``
provenance files and two ``/models`` catalogue snapshots) that the loader reads whenever
``data/raw/`` holds no real snapshot; every page built from it says "Sample data - not real
figures". The figures are invented: model names look like OpenRouter's, the numbers do not come
from anywhere.

It exercises what the pipeline must handle: ``:free`` variants ranked apart from their paid twins,
a cloaked ``openrouter/...`` model, retired models missing from the catalogue, an author missing
from the registry, the ``other`` row, a restated week in two overlapping snapshots, and an
in-progress last week that must not be published.

Regenerate with ``python -m generator sample``. The output is byte-for-byte identical on every run
and machine: one seeded ``random.Random``, only ``+ - * /`` on floats (no libm functions whose last
bit may differ between platforms), no clock, no hash-ordered iteration.

The data it starts from lives beside it: generator/sample_models.py (authors, weekly anchors, each
model's lifecycle) and generator/sample_catalogue.py (the catalogue entries). The benchmark's
synthetic history (benchmarks/synthetic.py) reuses this module's lifecycle model and writers.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from generator.corrections import CORRECTIONS_FILE
from generator.sample_catalogue import (
    CATALOGUE,
    EARLIER_PRICES,
    FREE_VARIANTS,
    IMAGE_OUTPUT,
    LLAMA_TOKENIZED,
    MODEL_IDS,
    MODERATED,
    TOKENIZERS,
)
from generator.sample_models import AUTHORS, GROUP_ANCHORS, LIFECYCLES

SEED = 20250106
FIRST_WEEK = date(2025, 1, 6)
WEEKS = 66  # 2025-01-06 ... 2026-04-06; the last one is still in progress in snapshot (b)
TOP_N = 50
FADED = 0.15  # a model whose popularity fell below this share of its peak drops out of the data
T = 1_000_000_000_000  # one trillion tokens
LICENCE = "CC BY 4.0"
BASE_URL = "https://openrouter.ai/api/v1"

# The two rankings snapshots, as the weekly fetcher would have taken them (windows <= 366 days):
# (start_date, end_date, meta.as_of). They overlap on the week of 2025-12-22, restated in the
# second one.
SNAPSHOTS = (
    ("2025-01-06", "2025-12-28", "2025-12-29T02:00:00.000Z"),
    ("2025-12-22", "2026-04-08", "2026-04-09T02:00:00.000Z"),
)
# The models catalogue, as the weekly fetch stores it (only when it changed): once with the first
# rankings snapshot, and on the Monday that ended the last published week (unchanged when the
# second rankings snapshot was fetched, so not stored again).
EARLIER_CATALOGUE_DAY = "2025-12-29"
CATALOGUE_DAY = "2026-04-06"
RESTATED_WEEK = date(2025, 12, 22)

# ----------------------------------------------------------------------------- helpers


def parse_day(text: str) -> date:
    return date.fromisoformat(text)


def week_start(index: int, first: date = FIRST_WEEK) -> date:
    return first + timedelta(days=7 * index)


def _week_index(day: date) -> float:
    return (day - FIRST_WEEK).days / 7


def jitter(rng: random.Random, spread: float) -> float:
    """1 +/- spread, bell-shaped (sum of three uniforms): only basic arithmetic on floats."""
    return 1.0 + spread * (rng.random() + rng.random() + rng.random() - 1.5) / 1.5


def _group_target(index: int, column: int) -> float:
    """Full-week tokens (trillions) of one group in week `index`, interpolated between anchors."""
    points = [(_week_index(parse_day(row[0])), row[column]) for row in GROUP_ANCHORS]
    if index <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= index <= x1:
            return y0 + (y1 - y0) * (index - x0) / (x1 - x0)
    return points[-1][1]


def lifecycle(index: int, launch: str, ramp: int, peak_end: str, half: int,
               last: str | None, first: date = FIRST_WEEK) -> float:
    """Relative popularity in week `index` (0 = not served): ramp up, plateau, slow decay."""
    start = week_start(index, first)
    end = start + timedelta(days=7)
    days_live = (end - parse_day(launch)).days
    if days_live <= 0:
        return 0.0
    served = 1.0
    if last is not None:
        stop = parse_day(last)
        if stop <= start:
            return 0.0
        if stop < end:
            served = (stop - start).days / 7
    level = min(1.0, days_live / (7 * ramp))
    past_peak = ((start - parse_day(peak_end)).days + 3.5) / 7
    if past_peak > 0:
        x = past_peak / half
        level = level / (1.0 + x + 0.5 * x * x)  # halves after about 0.73 half-times
        if level < FADED:
            return 0.0  # faded out: what little use is left lives in the long tail (`other`)
    return level * served


def _rows_sorted(pool: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(pool, key=lambda item: (-item[1], item[0]))


def bucket(week: date, pool: list[tuple[str, int]], tail: int) -> list[dict]:
    """Top 50 model rows by tokens, then one `other` row with everything else."""
    ranked = _rows_sorted([item for item in pool if item[1] > 0])
    top, rest = ranked[:TOP_N], ranked[TOP_N:]
    other = tail + sum(tokens for _, tokens in rest)
    rows = [_row(week, slug, tokens) for slug, tokens in top]
    rows.append(_row(week, "other", other))
    return rows


def _row(week: date, slug: str, tokens: int) -> dict:
    return {"date": week.isoformat(), "model_permaslug": slug, "total_tokens": str(tokens)}


def _group_of(slug: str) -> str:
    return AUTHORS[slug.split("/", 1)[0]][2]


# ----------------------------------------------------------------------------- simulation


def simulate(rng: random.Random) -> tuple[list[list[tuple[str, int]]], list[int]]:
    """Tokens of every ranked model in every week (full pool, before the top-50 cut) and the
    long-tail tokens that only ever appear in `other`."""
    columns = {"US": 1, "CN": 2, "EU+": 3}
    pools: list[list[tuple[str, int]]] = []
    tails: list[int] = []
    for index in range(WEEKS):
        level = {}
        for slug, launch, ramp, peak_end, half, weight, last in LIFECYCLES:
            noise = jitter(rng, 0.18)
            level[slug] = weight * lifecycle(index, launch, ramp, peak_end, half, last) * noise
        targets = {g: _group_target(index, c) * T * jitter(rng, 0.03) for g, c in columns.items()}
        sums = {g: 0.0 for g in columns}
        for slug, *_ in LIFECYCLES:
            group = _group_of(slug)
            if group in sums:
                sums[group] += level[slug]
        pool = []
        for slug, *_ in LIFECYCLES:
            group = _group_of(slug)
            if group in sums:
                tokens = targets[group] * level[slug] / sums[group]
            else:
                tokens = level[slug] * 1_000_000_000  # absolute, weight in billions
            pool.append((slug, int(tokens)))
        modelled = sum(tokens for _, tokens in pool)
        share = 0.035 + 0.025 * rng.random()  # the long tail: 3.5-6 % of the week's total
        tail = int(modelled * share / (1 - share))
        if index == WEEKS - 1:  # in progress: only Monday to Wednesday so far
            pool = [(slug, tokens * 3 // 7) for slug, tokens in pool]
            tail = tail * 3 // 7
        pools.append(pool)
        tails.append(tail)
    return pools, tails


def restate(rng: random.Random, pool: list[tuple[str, int]], tail: int
            ) -> tuple[list[tuple[str, int]], int]:
    """A later refresh of one week: a few models' figures move by a fraction of a percent."""
    ranked = _rows_sorted(pool)
    changed = {ranked[i][0] for i in (1, 4, 9, 17, 30)}
    out = []
    for slug, tokens in pool:
        if slug in changed:
            tokens = int(tokens * (1 + (0.003 + 0.012 * rng.random()) * rng.choice((-1, 1))))
        out.append((slug, tokens))
    return out, int(tail * 1.004)


# ----------------------------------------------------------------------------- catalogue


def _per_token(per_million: str) -> str:
    value = (Decimal(per_million) / Decimal(1_000_000)).normalize()
    return format(value, "f") if value else "0"




def _model_id(canonical: str) -> str:
    """The undated id OpenRouter serves a model under (canonical slugs carry a date)."""
    if canonical in MODEL_IDS:
        return MODEL_IDS[canonical]
    tail = canonical.rsplit("-", 1)[-1]
    if len(tail) == 8 and tail.isdigit():
        return canonical[:-9]
    if len(canonical) > 11 and canonical[-11] == "-" and canonical[-10:-6].isdigit():
        return canonical[:-11]  # openai/gpt-4o-2024-05-13
    return canonical


def catalogue_entry(spec: tuple, created: int, authors: dict = AUTHORS) -> dict:
    canonical, name, context, max_out, p_in, p_out, hf_id, extra, reasoning = spec
    author = canonical.split("/", 1)[0]
    prefix, company, _ = authors[author]
    inputs = ["text"] + [m for m in extra.split(",") if m]
    outputs = ["image", "text"] if canonical in IMAGE_OUTPUT else ["text"]
    if canonical.startswith(LLAMA_TOKENIZED):
        tokenizer = "Llama3" if "llama-4" not in canonical else "Llama4"
    else:
        tokenizer = TOKENIZERS.get(author, "Other")
    params = ["frequency_penalty", "max_tokens", "presence_penalty", "response_format", "seed",
              "stop", "structured_outputs", "temperature", "tool_choice", "tools", "top_p"]
    if reasoning:
        params += ["include_reasoning", "reasoning"]
    kind = "an open-weight" if hf_id else "a proprietary"
    what = "reasoning model" if reasoning else "model"
    return {
        "id": _model_id(canonical),
        "canonical_slug": canonical,
        "hugging_face_id": hf_id,
        "name": f"{prefix}: {name}",
        "created": created,
        "description": f"{name} is {kind} {what} from {company}. Sample catalogue entry "
                       "for the AI Token Tracker: not real data.",
        "context_length": context,
        "architecture": {
            "modality": "+".join(inputs) + "->" + "+".join(outputs),
            "input_modalities": inputs,
            "output_modalities": outputs,
            "tokenizer": tokenizer,
            "instruct_type": None,
        },
        "pricing": {
            "prompt": _per_token(p_in),
            "completion": _per_token(p_out),
            "request": "0",
            "image": "0",
            "web_search": "0",
            "internal_reasoning": "0",
        },
        "top_provider": {
            "context_length": context,
            "max_completion_tokens": max_out or None,
            "is_moderated": author in MODERATED,
        },
        "per_request_limits": None,
        "supported_parameters": sorted(params),
    }


def _slug_date(canonical: str) -> date:
    """The release day encoded in a canonical slug (...-20250728 or ...-2024-05-13)."""
    tail = canonical.rsplit("-", 1)[-1]
    if len(tail) == 8 and tail.isdigit():
        return date(int(tail[:4]), int(tail[4:6]), int(tail[6:]))
    return date.fromisoformat(canonical[-10:])


def catalogue(rng: random.Random) -> dict:
    """The /models snapshot: every ranked model still served, plus unranked ones, and the free
    variants still served, sorted by id."""
    entries = []
    for spec in CATALOGUE:
        launched = _slug_date(spec[0])
        seconds = (launched - date(1970, 1, 1)).days * 86400 + rng.randrange(8 * 3600, 22 * 3600)
        entries.append(catalogue_entry(spec, seconds))
    entries += free_entries(entries, parse_day(CATALOGUE_DAY))
    entries.sort(key=lambda e: e["id"])
    return {"data": entries}


def free_entries(entries: list[dict], day: date) -> list[dict]:
    """The ``:free`` entries served on ``day``: a copy of the base model's entry, every price 0."""
    base = {entry["canonical_slug"]: entry for entry in entries}
    found = []
    for canonical, withdrawn in FREE_VARIANTS:
        if canonical not in base or (withdrawn and parse_day(withdrawn) <= day):
            continue
        entry = json.loads(json.dumps(base[canonical]))
        entry["id"] += ":free"
        entry["name"] += " (free)"
        entry["pricing"] = {key: "0" for key in entry["pricing"]}
        found.append(entry)
    return found


def earlier_catalogue(current: dict) -> dict:
    """The snapshot of EARLIER_CATALOGUE_DAY: the models launched by then (free variants
    included), some at their earlier prices."""
    day = parse_day(EARLIER_CATALOGUE_DAY)
    entries = []
    for entry in current["data"]:
        if ":" in entry["id"] or _slug_date(entry["canonical_slug"]) > day:
            continue
        entry = json.loads(json.dumps(entry))
        if entry["canonical_slug"] in EARLIER_PRICES:
            prompt, completion = EARLIER_PRICES[entry["canonical_slug"]]
            entry["pricing"].update(prompt=_per_token(prompt), completion=_per_token(completion))
        entries.append(entry)
    entries += free_entries(entries, day)
    entries.sort(key=lambda e: e["id"])
    return {"data": entries}


# ----------------------------------------------------------------------------- writing


def dump_json(obj: object) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def fetched_at(day: str) -> str:
    return f"{day}T02:15:00Z"


def _write(path: Path, payload: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    written.append(path)


def write_with_meta(path: Path, body: bytes, meta: dict, written: list[Path]) -> None:
    _write(path, body, written)
    provenance = {
        "url": meta.pop("url"),
        "fetched_at": meta.pop("fetched_at"),
        "status": 200,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
        **meta,
        "licence": LICENCE,
        "sample": True,
    }
    _write(path.with_name(path.name[: -len(".json")] + ".meta.json"), dump_json(provenance),
           written)


# Corrections to the sample's fictional figures, one of each kind of action that changes or marks
# figures, so the sample site shows how corrections look on every page they touch.
SAMPLE_CORRECTIONS = """\
# Corrections to the bundled SAMPLE data (fictional figures): they show how corrections look on
# the site. Corrections to fetched data live in data/corrections.yaml, whose header documents
# every key.
- id: sample-grok-code-double-count
  week: 2026-01-05
  target: x-ai/grok-code-fast-1-20250826
  action: override_tokens
  value: 410000000000
  reason: "Sample: a retried batch was counted twice in this week"
  source_url: https://openrouter.ai/x-ai/grok-code-fast-1
  status: reported
  date: 2026-01-20
  credit: "@sample-contributor"
- id: sample-aurora-alpha-revealed
  weeks: {from: 2026-01-12, to: 2026-02-16}
  target: openrouter/aurora-alpha
  action: reassign_author
  value: openai
  reason: "Sample: the cloaked model was later revealed as a lab's own model"
  source_url: https://openrouter.ai/openrouter/aurora-alpha
  status: fixed_upstream
  date: 2026-02-25
- id: sample-step-flash-free-promotion
  weeks: {from: 2026-02-02, to: 2026-03-02}
  target: stepfun/step-3.5-flash-20260202:free
  action: flag
  reason: "Sample: free launch promotion; usage is not comparable with paid models"
  source_url: https://openrouter.ai/stepfun/step-3.5-flash:free
  status: open
  date: 2026-03-10
"""


def write_sample(dest: Path) -> list[Path]:
    """Write the sample dataset under `dest` (e.g. data/sample) and return the paths, sorted."""
    rng = random.Random(SEED)
    pools, tails = simulate(rng)
    restated = _week_index(RESTATED_WEEK)
    assert restated == int(restated)
    later_pool, later_tail = restate(rng, pools[int(restated)], tails[int(restated)])
    written: list[Path] = []
    folder = dest / "raw" / "openrouter" / "rankings" / "week"
    for number, (start, end, as_of) in enumerate(SNAPSHOTS):
        rows: list[dict] = []
        for index in range(WEEKS):
            week = week_start(index)
            if not parse_day(start) <= week <= parse_day(end):
                continue
            pool, tail = pools[index], tails[index]
            if number == 1 and week == RESTATED_WEEK:
                pool, tail = later_pool, later_tail
            rows.extend(bucket(week, pool, tail))
        meta = {"as_of": as_of, "version": "v1", "start_date": start, "end_date": end}
        url = (f"{BASE_URL}/datasets/rankings-daily"
               f"?start_date={start}&end_date={end}&period=week")
        write_with_meta(
            folder / f"{start}_{end}.json",
            dump_json({"data": rows, "meta": meta}),
            {"url": url, "fetched_at": fetched_at(as_of[:10]), "as_of": as_of, "meta": meta},
            written,
        )
    current = catalogue(rng)
    for day, snapshot in ((EARLIER_CATALOGUE_DAY, earlier_catalogue(current)),
                          (CATALOGUE_DAY, current)):
        write_with_meta(
            dest / "raw" / "openrouter" / "models" / f"{day}.json",
            dump_json(snapshot),
            {"url": f"{BASE_URL}/models?output_modalities=all", "fetched_at": fetched_at(day)},
            written,
        )
    _write(dest / CORRECTIONS_FILE, SAMPLE_CORRECTIONS.encode("utf-8"), written)
    return sorted(written)
