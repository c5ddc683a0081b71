"""Write each chart as Vega-Lite JSON, static SVG and the CSV of the data it draws.

Renders are cached by a hash of their spec (an unchanged chart is never re-rendered) and spread
across the machine's cores; every file is written only when its bytes change. A chart's PNGs are
its embed's image cards (generator/embeds.py): rasterising is the costliest step of the build, so
no second, untitled PNG is drawn here. What the worker processes run lives in generator/draw.py.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import altair as alt
import pandas as pd
import vl_convert as vlc

from generator.draw import PNG_SCALE, render_image, svg_size
from generator.files import write_bytes_if_changed, write_text_if_changed
from generator.tableio import to_csv_bytes

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# Bump when draw.py renders differently, so cached renders redraw (3: the built-in font only).
SVG_FORMAT = 3
IN_FLIGHT = 4  # calls queued per worker process
MIN_POOL_CALLS = 8  # fewer renders than this are drawn in-process
T = TypeVar("T")


@dataclass(frozen=True)
class ChartJob:
    chart_id: str  # a path under charts/, e.g. "tokens-by-country" or "models/openai-gpt-4o"
    chart: alt.Chart
    data: pd.DataFrame  # exactly what the chart draws (its CSV)


@dataclass(frozen=True)
class RenderedChart:
    chart_id: str
    width: int
    height: int
    description: str

    def path(self, suffix: str) -> str:
        """URL path of one of the chart's files, relative to the site root."""
        return f"charts/{self.chart_id}{suffix}"




def cache_key(spec_json: str, kind: str) -> str:
    salt = f"{vlc.__version__}|{VL_VERSION}|{kind}|{PNG_SCALE}|{SVG_FORMAT}|"
    return hashlib.sha256((salt + spec_json).encode("utf-8")).hexdigest()



class Workers:
    """Worker processes shared by a build's render stages, started on first use (a build that
    draws nothing starts none, one that draws little draws in-process). Workers are spawned,
    never forked: a forked copy of a process whose vl-convert (Rust) runtime has threads running
    can deadlock."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or os.cpu_count() or 1
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def map(self, function: Callable[..., T], calls: list[tuple]) -> Iterator[T]:
        """``function(*args)`` for each args of ``calls``, in order. Results are yielded as they
        come, with only a few calls in flight per worker, so memory stays flat however many
        calls there are (a cold build draws thousands of images)."""
        if self.pool is None and (self.processes == 1 or len(calls) < MIN_POOL_CALLS):
            for args in calls:
                yield function(*args)
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.processes,
                                            mp_context=multiprocessing.get_context("spawn"))
        waiting = iter(calls)
        in_flight = deque(self.pool.submit(function, *args)
                          for args in itertools.islice(waiting, self.processes * IN_FLIGHT))
        while in_flight:
            result = in_flight.popleft().result()
            following = next(waiting, None)
            if following is not None:
                in_flight.append(self.pool.submit(function, *following))
            yield result


def render_charts(jobs: list[ChartJob], charts_dir: Path, cache_dir: Path,
                  workers: Workers | None = None,
                  used: set[Path] | None = None) -> list[RenderedChart]:
    """Write every job's files under charts_dir; returns what pages need to show each chart.
    The render-cache files this build needs are added to ``used`` (see prune_render_cache)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    specs = {}  # chart id -> (spec JSON, description): the dicts themselves are not kept
    validated: set[str] = set()
    for job in jobs:
        # One function draws every chart of a family (models/..., top-models/<week>, ...):
        # checking one of them against the Vega-Lite schema is enough, and skipping the check
        # halves to_dict() (~13 ms a chart, hundreds of charts).
        family = job.chart_id.rpartition("/")[0] or job.chart_id
        spec = job.chart.to_dict(validate=family not in validated)
        validated.add(family)
        specs[job.chart_id] = (json.dumps(spec, sort_keys=True, separators=(",", ":")),
                               spec.get("description", ""))
    todo = {}
    for spec_json, _ in specs.values():
        cached = cache_dir / f"{cache_key(spec_json, 'svg')}.svg"
        if used is not None:
            used.add(cached)
        if not cached.exists():
            todo[cached] = spec_json
    calls = [(spec_json, "svg", VL_VERSION) for spec_json in todo.values()]
    with Workers() if workers is None else nullcontext(workers) as pool:
        for cached, image in zip(todo, pool.map(render_image, calls), strict=True):
            write_bytes_if_changed(cached, image)
    rendered = []
    for job in jobs:
        spec_json, description = specs[job.chart_id]
        base = charts_dir / job.chart_id
        svg = (cache_dir / f"{cache_key(spec_json, 'svg')}.svg").read_bytes()
        write_text_if_changed(base.with_name(base.name + ".vl.json"), spec_json + "\n")
        write_bytes_if_changed(base.with_name(base.name + ".svg"), svg)
        write_bytes_if_changed(base.with_name(base.name + ".csv"), to_csv_bytes(job.data))
        width, height = svg_size(svg)
        rendered.append(RenderedChart(job.chart_id, width, height, description))
    return rendered


def prune_render_cache(cache_dir: Path, used: set[Path]) -> int:
    """Delete the cached renders under ``cache_dir`` that are not in ``used``; returns how many.
    Only for a cache that serves one site (the weekly workflow's): a cache shared by several
    projects, like the test suite's, would lose what the others need."""
    removed = 0
    if cache_dir.is_dir():
        for path in sorted(cache_dir.iterdir()):
            if path.is_file() and path.suffix in (".svg", ".png") and path not in used:
                path.unlink()
                removed += 1
    return removed
