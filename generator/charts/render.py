"""Drawing: chart specs to SVG, embed charts to SVG and image cards, in worker processes, through
a render cache; then each chart's files under charts/.

Every render is cached under a digest of what it is drawn from: its spec (and, for a card, the
card's text) and the drawing code itself, that is the source of the modules the worker processes
run (``RENDER_MODULES``, checked by a test against what a worker really imports), generator's
fonts.conf, the font files the workers load (charts.fonts) and the installed package versions.
A change to the drawing code therefore redraws every image on the next build; an unchanged
chart is never drawn again.

Workers are spawned, never forked (a forked copy of a process whose vl-convert runtime has
threads running can deadlock), and draw at a lower priority than the main process, which goes on
writing pages while they draw. They write their renders into the cache themselves, so nothing
large travels back.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import altair as alt

from generator.charts import draw, fonts
from generator.charts.catalogue import Chart
from generator.digests import installed_versions
from generator.files import write_bytes_if_changed, write_text_if_changed

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# What a worker process imports of the generator (and so what its drawings depend on).
RENDER_MODULES = ("generator", "generator.charts", "generator.charts.draw",
                  "generator.charts.fonts", "generator.charts.palette", "generator.errors",
                  "generator.files", "generator.xmltext")
WORKER_NICENESS = 10
RENDERED = (".svg", ".png", ".spec")  # what the render cache holds (see prune_cache)


@functools.cache
def render_digest() -> str:
    """The drawing code: the worker's modules, the font configuration and files, the package
    versions."""
    return drawing_digest(fonts.font_digest())


@functools.cache
def drawing_digest(font_digest: str) -> str:
    """``render_digest`` for the font files of digest ``font_digest``."""
    digest = hashlib.sha256(json.dumps([VL_VERSION, draw.PNG_SCALE, installed_versions(),
                                        font_digest]).encode())
    for name in RENDER_MODULES:
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    digest.update(draw.FONTS_CONF.read_bytes())
    return digest.hexdigest()


def cache_key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256(f"{render_digest()}\0{kind}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Renderer:
    """The build's drawing: ``chart_svg``, ``chart_renders`` and ``embed_images`` queue what the
    cache lacks and return at once with the paths the renders will have; ``wait`` waits for all
    of them."""

    def __init__(self, cache_dir: Path, processes: int | None = None) -> None:
        self.cache_dir = cache_dir
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.pool = ProcessPoolExecutor(max_workers=processes or os.cpu_count() or 1,
                                        mp_context=multiprocessing.get_context("spawn"),
                                        initializer=draw.start_worker,
                                        initargs=(WORKER_NICENESS,))
        self.pending: list[Future] = []
        self.queued: set[Path] = set()
        self.tasks: dict[Path, Future] = {}  # each queued render's task
        self.used: set[Path] = set()  # every cache file this build needs

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # After a failure, queued drawings are dropped rather than drawn for nothing.
        self.pool.shutdown(wait=exc_type is not None, cancel_futures=exc_type is not None)

    def missing(self, *paths: Path) -> bool:
        self.used.update(paths)
        return not all(path in self.queued or path.exists() for path in paths)

    def chart_svg(self, spec_json: str, dark: bool = False) -> Path:
        """A drawing's SVG (and, with ``dark``, its dark version beside it: draw.dark_path)."""
        path = self.cache_dir / f"{cache_key('svg', spec_json)}.svg"
        wanted = (path, draw.dark_path(path)) if dark else (path,)
        if self.missing(*wanted):
            self.queued.update(wanted)
            task = self.pool.submit(draw.render_to_cache, spec_json, VL_VERSION, path, dark)
            self.pending.append(task)
            self.tasks[path] = task
        return path

    def chart_renders(self, chart: Chart) -> tuple[Path, Path, Path | None]:
        """A site chart's wide, narrow and (if it has one) desktop SVGs, each with its dark
        version."""
        return (self.chart_svg(chart.wide.spec_json, dark=True),
                self.chart_svg(chart.narrow.spec_json, dark=True),
                self.chart_svg(chart.desktop.spec_json, dark=True) if chart.desktop else None)

    def task(self, path: Path) -> Future | None:
        """The task drawing ``path``, if this build queued it."""
        return self.tasks.get(path)

    def embed_images(self, spec_json: str, cards: dict[tuple[int, int], str],
                     pngs: set[tuple[int, int]] | None = None
                     ) -> tuple[Path, dict[tuple[int, int], tuple[Path, Path | None]],
                                Future | None]:
        """An embed's chart SVG and its cards (size -> card text as JSON), each as SVG and, for
        the sizes in ``pngs`` (all when None), as PNG: (SVG path, size -> (card SVG path, card
        PNG path or None), the task drawing what the cache lacks). One task, as each card is
        drawn from the chart (drawn by the task itself unless it is there: a site chart's
        drawing, queued earlier, is usually done by then)."""
        chart = self.cache_dir / f"{cache_key('svg', spec_json)}.svg"
        paths, todo = {}, []
        for size, payload in cards.items():
            key = cache_key("card", payload, spec_json)
            png = self.cache_dir / f"{key}.png" if pngs is None or size in pngs else None
            paths[size] = card = (self.cache_dir / f"{key}.svg", png)
            if self.missing(*(path for path in card if path)):
                todo.append((payload, *card))
        chart_missing, task = self.missing(chart), None
        if todo or chart_missing:
            self.queued.update([chart, *(p for _, *card in todo for p in card if p)])
            task = self.pool.submit(draw.render_embed_images, spec_json, VL_VERSION, chart, todo)
            self.pending.append(task)
            self.tasks.setdefault(chart, task)
        return chart, paths, task

    def wait(self) -> None:
        for future in self.pending:
            future.result()
        self.pending.clear()


CHART_FILES = (".svg", ".dark.svg", ".narrow.svg",
               ".narrow.dark.svg", ".desktop.svg", ".desktop.dark.svg", ".csv")


def write_chart_files(chart: Chart, renders: tuple[Path, Path, Path | None],
                      charts_dir: Path) -> list[Path]:
    """A site chart's files under charts/ (each only if its bytes changed): its drawings (wide,
    narrow and, for the home page's chart, desktop; light and dark) and its CSV. Its live chart
    loads the specs and data of its embed (the same chart: embed/<chart id>/chart.vl.json)."""
    wide, narrow, desktop = renders
    contents = {
        ".svg": wide.read_bytes(), ".dark.svg": draw.dark_path(wide).read_bytes(),
        ".narrow.svg": narrow.read_bytes(), ".narrow.dark.svg": draw.dark_path(narrow).read_bytes(),
        ".csv": chart.csv,
    }
    if desktop is not None:
        contents[".desktop.svg"] = desktop.read_bytes()
        contents[".desktop.dark.svg"] = draw.dark_path(desktop).read_bytes()
    base = charts_dir / chart.chart_id
    files = []
    for suffix in CHART_FILES:
        if suffix not in contents:
            continue
        path = base.with_name(base.name + suffix)
        write_bytes_if_changed(path, contents[suffix])
        files.append(path)
    return files


def write_vega_bundle(cache_dir: Path, target: Path) -> None:
    """The Vega + Vega-Lite + vega-embed bundle from vl-convert (cached per version)."""
    import vl_convert as vlc

    cached = cache_dir / f"vega-bundle-{vlc.__version__}-{VL_VERSION}.js"
    if not cached.exists():
        write_text_if_changed(cached, vlc.javascript_bundle(vl_version=VL_VERSION))
    write_bytes_if_changed(target, cached.read_bytes())


def prune_cache(cache_dir: Path, used: set[Path]) -> int:
    """Delete the cached renders and specs under ``cache_dir`` that are not in ``used``;
    returns how many. Only for a cache that serves one site (the weekly workflow's)."""
    removed = 0
    if cache_dir.is_dir():
        for path in sorted(cache_dir.iterdir()):
            if path.is_file() and path.suffix in RENDERED and path not in used:
                path.unlink()
                removed += 1
    return removed
