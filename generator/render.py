"""Write each chart as Vega-Lite JSON, static SVG and the CSV of the data it draws.

Renders are cached by a hash of their spec (an unchanged chart is never re-rendered) and spread
across the machine's cores; every file is written only when its bytes change. A chart's PNGs are
its embed's image cards (generator/embeds.py): rasterising is the costliest step of the build, so
no second, untitled PNG is drawn here. What the worker processes run lives in generator/draw.py.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import altair as alt
import pandas as pd
import vl_convert as vlc

from generator.draw import PNG_SCALE, render_to_cache, svg_size, use_builtin_fonts
from generator.files import write_bytes_if_changed, write_text_if_changed
from generator.tableio import frame_digest, to_csv_bytes

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# Bump when draw.py renders differently, so cached renders redraw (3: the built-in font only).
SVG_FORMAT = 3
MIN_POOL_CALLS = 8  # fewer renders than this are drawn in-process
T = TypeVar("T")


@dataclass(frozen=True)
class ChartJob:
    chart_id: str  # a path under charts/, e.g. "tokens-by-country" or "models/openai-gpt-4o"
    chart: alt.Chart | None  # None: made by ``make`` when its spec is not remembered
    data: pd.DataFrame  # exactly what the chart draws (its CSV)
    make: Callable[[], alt.Chart] | None = None
    # A digest of everything the chart is made from (see chart_inputs); a spec made from the
    # same inputs before is taken from the render cache instead of made again. "" = always made.
    inputs: str = ""


SPEC_MEMO_VERSION = 2
SPEC_PACKAGES = ("altair", "pandas", "vl-convert-python")


@functools.cache
def code_seed() -> str:
    """A digest of the generator's code and the libraries that make specs."""
    digest = hashlib.sha256(json.dumps(
        [SPEC_MEMO_VERSION, [importlib.metadata.version(name) for name in SPEC_PACKAGES]]
    ).encode())
    code = Path(__file__).resolve().parent
    for path in sorted(code.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(code)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def chart_inputs(chart_id: str, data: pd.DataFrame, *arguments: object) -> str:
    """The digest a chart's spec is remembered under: the code, its id, its data and the other
    arguments it is drawn from (plain values, dataclasses and lists of them)."""
    digest = hashlib.sha256(json.dumps([code_seed(), chart_id, [repr(a) for a in arguments]])
                            .encode())
    digest.update(frame_digest(data))
    return digest.hexdigest()


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



# Workers draw at a lower priority than the main process and the site builder: a build's
# critical path is the main process writing the pages, then MkDocs (started as soon as they are
# written, see build.SiteBuilder); the drawing fills whatever CPU they leave. Same total work,
# finished sooner.
WORKER_NICENESS = 10


class Workers:
    """Worker processes shared by a build's render stages, started on first use (a build that
    draws nothing starts none, one that draws little draws in-process). Workers are spawned,
    never forked: a forked copy of a process whose vl-convert (Rust) runtime has threads running
    can deadlock.

    ``submit`` queues a call and returns at once, so the main process goes on with its own work
    (specs, pages, embeds) while the workers draw: on two cores that overlap is a quarter of a
    cold build. The first few calls wait in the main process until there are enough to be worth
    starting processes for; asking for a result before then draws them in-process."""

    def __init__(self, processes: int | None = None, eager: bool = False) -> None:
        self.processes = processes or os.cpu_count() or 1
        self.pool: ProcessPoolExecutor | None = None
        self.deferred: list[tuple[Future, Callable[..., object], tuple]] = []
        if eager and self.processes > 1:
            # Start the processes now (the pool starts one per call waiting), each getting its
            # renderer ready, while the caller has other work: they take ~0.5 s.
            for _ in range(self.processes):
                self.start().submit(use_builtin_fonts)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.run_deferred()
        else:
            for future, _, _ in self.deferred:
                future.cancel()
            self.deferred.clear()
        if self.pool is not None:
            # After a failure, calls still queued are dropped rather than drawn for nothing.
            # After success every call is done: the workers' exit (~0.2 s, their rendering
            # runtimes torn down) need not hold up the rest of the build.
            self.pool.shutdown(wait=exc_type is not None, cancel_futures=exc_type is not None)
            self.pool = None

    def start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.processes,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=os.nice, initargs=(WORKER_NICENESS,))
        return self.pool

    def submit(self, function: Callable[..., T], *args: object) -> Future:
        if self.pool is not None:
            return self.pool.submit(function, *args)
        future = _Deferred(self)
        self.deferred.append((future, function, args))
        if self.processes > 1 and len(self.deferred) >= MIN_POOL_CALLS:
            pool, waiting = self.start(), self.deferred
            self.deferred = []
            for placeholder, call, call_args in waiting:
                _forward(pool.submit(call, *call_args), placeholder)
        return future

    def run_deferred(self) -> None:
        """Draw, in this process, the calls that never reached a pool."""
        waiting, self.deferred = self.deferred, []
        for future, function, args in waiting:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(function(*args))
                except Exception as error:  # noqa: BLE001 - handed to whoever waits on it
                    future.set_exception(error)


class _Deferred(Future):
    """A call held back in the main process (see Workers.submit)."""

    def __init__(self, owner: Workers) -> None:
        super().__init__()
        self.owner = owner

    def result(self, timeout: float | None = None) -> object:
        if not self.done() and self.owner.pool is None:
            self.owner.run_deferred()
        return super().result(timeout)


def _forward(source: Future, target: Future) -> None:
    def done(finished: Future) -> None:
        if finished.cancelled():
            target.cancel()
        elif finished.exception() is not None:
            target.set_exception(finished.exception())
        else:
            target.set_result(finished.result())
    source.add_done_callback(done)


@dataclass
class ChartPlan:
    """The charts of a build, their specs worked out and their missing renders queued."""

    jobs: list[ChartJob]
    charts_dir: Path
    cache_dir: Path
    specs: dict[str, tuple[str, str]]  # chart id -> (spec JSON, description)
    pending: list[Future]
    csv: dict[int, bytes] = field(default_factory=dict)  # id(frame) -> its CSV, once made

    def csv_bytes(self, data: pd.DataFrame) -> bytes:
        """A table's CSV, made once: an embed of a chart offers the chart's own CSV. Keyed by
        the frame's identity, so only for frames alive for the whole build (jobs', embeds')."""
        if id(data) not in self.csv:
            self.csv[id(data)] = to_csv_bytes(data)
        return self.csv[id(data)]

    def spec_json(self, chart_id: str) -> str:
        return self.specs[chart_id][0]

    def svg_path(self, chart_id: str) -> Path:
        return self.cache_dir / f"{cache_key(self.spec_json(chart_id), 'svg')}.svg"


def plan_charts(jobs: Iterable[ChartJob], charts_dir: Path, cache_dir: Path,
                workers: Workers, used: set[Path] | None = None) -> ChartPlan:
    """Each job's spec, and its SVG queued for drawing unless cached: the workers start on the
    first chart while this process works out the next spec. The render-cache files this build
    needs are added to ``used`` (see prune_render_cache)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    plan = ChartPlan([], charts_dir, cache_dir, {}, [])
    validated: set[str] = set()
    queued: set[Path] = set()
    for job in jobs:
        plan.jobs.append(job)
        # One function draws every chart of a family (models/..., top-models/<week>, ...):
        # checking one of them against the Vega-Lite schema is enough, and skipping the check
        # halves to_dict() (~13 ms a chart, hundreds of charts).
        family = job.chart_id.rpartition("/")[0] or job.chart_id
        # remembered: the description (JSON), the spec and the data's CSV, a line each but
        # the CSV (which may hold line breaks); JSON text holds none
        remembered = cache_dir / f"{job.inputs}.spec" if job.inputs else None
        try:
            description_json, spec_json, csv = remembered.read_bytes().split(b"\n", 2)
            description = json.loads(description_json)
            spec_json = spec_json.decode("utf-8")
            plan.csv[id(job.data)] = csv
        except (AttributeError, OSError, ValueError):  # none (or unreadable): make it
            chart = job.chart if job.chart is not None else job.make()
            spec = chart.to_dict(validate=family not in validated)
            validated.add(family)
            spec_json = json.dumps(spec, sort_keys=True, separators=(",", ":"))
            description = spec.get("description", "")
            if remembered is not None:
                write_bytes_if_changed(remembered, b"\n".join((
                    json.dumps(description).encode(), spec_json.encode("utf-8"),
                    plan.csv_bytes(job.data))))
        plan.specs[job.chart_id] = (spec_json, description)
        cached = plan.svg_path(job.chart_id)
        if used is not None:
            used.add(cached)
            if remembered is not None:
                used.add(remembered)
        if cached not in queued and not cached.exists():
            queued.add(cached)
            plan.pending.append(workers.submit(render_to_cache, spec_json, VL_VERSION, cached))
    return plan


def finish_charts(plan: ChartPlan) -> list[RenderedChart]:
    """Wait for the plan's renders, then write every job's files under its charts folder;
    returns what pages need to show each chart."""
    for future in plan.pending:
        future.result()
    rendered = []
    for job in plan.jobs:
        spec_json, description = plan.specs[job.chart_id]
        base = plan.charts_dir / job.chart_id
        svg = plan.svg_path(job.chart_id).read_bytes()
        write_text_if_changed(base.with_name(base.name + ".vl.json"), spec_json + "\n")
        write_bytes_if_changed(base.with_name(base.name + ".svg"), svg)
        write_bytes_if_changed(base.with_name(base.name + ".csv"), plan.csv_bytes(job.data))
        width, height = svg_size(svg)
        rendered.append(RenderedChart(job.chart_id, width, height, description))
    return rendered


def prune_render_cache(cache_dir: Path, used: set[Path]) -> int:
    """Delete the cached renders (and remembered specs) under ``cache_dir`` that are not in
    ``used``; returns how many.
    Only for a cache that serves one site (the weekly workflow's): a cache shared by several
    projects, like the test suite's, would lose what the others need."""
    removed = 0
    if cache_dir.is_dir():
        for path in sorted(cache_dir.iterdir()):
            if path.is_file() and path.suffix in (".svg", ".png", ".spec") and path not in used:
                path.unlink()
                removed += 1
    return removed
