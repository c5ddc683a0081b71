"""The build: load -> attribute -> derive -> charts -> pages + downloads -> `mkdocs build`.

Only `fetch` touches the network; this stage runs offline from data/. Output is deterministic:
the same inputs give byte-identical files, and files are rewritten only when their bytes change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from generator import charts
from generator.annotations import Annotation
from generator.charts import Caption
from generator.derive import Tables
from generator.downloads import write_downloads
from generator.embeds import EMBED_DIR, finish_embeds, plan_embeds, week_publications
from generator.errors import TrackerError
from generator.files import mirror_tree, prune_tree, remove_tree, write_text_if_changed
from generator.fmt import week_range
from generator.pages import PageWriter, Site
from generator.pages.companies import render_companies
from generator.pages.countries import render_countries
from generator.pages.data import render_data, render_revisions
from generator.pages.home import render_home
from generator.pages.models import render_models
from generator.pages.rankings import render_rankings
from generator.paths import GENERATED_DIRS, GENERATED_FILES, Project
from generator.pipeline import prepare
from generator.registry import Registry
from generator.render import (
    VL_VERSION,
    ChartJob,
    Workers,
    chart_inputs,
    finish_charts,
    plan_charts,
    prune_render_cache,
)
from generator.slugs import assign_file_names

BUILD_ENV = {"TZ": "UTC", "NO_MKDOCS_2_WARNING": "1"}
STALE_AFTER_DAYS = 14


@dataclass(frozen=True)
class Generated:
    is_sample: bool
    weeks: int
    latest_week: str
    as_of: str
    pages: int
    charts: int
    seconds: float
    unchanged: bool = False  # skipped: inputs and outputs as the last build left them
    site_unchanged: bool = False  # the site builder was skipped the same way
    builder_seconds: float = 0.0  # build(): MkDocs' wall time, partly alongside the generator
    total_seconds: float = 0.0  # build(): the whole build


def annotation_notes(annotations: list[Annotation], registry: Registry
                     ) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(scope, key) -> the events to draw: key is '' (global), a permaslug, a company or a
    country code."""
    notes: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for a in annotations:
        key = a.target
        if a.scope == "company":
            key = registry.authors[a.target].company
        notes.setdefault((a.scope, key), []).append((a.date.isoformat(), a.label, a.description))
    return notes


def chart_jobs(tables: Tables, site: Site, caption: Caption,
               first_as_of: dict[str, str] | None = None,
               notes: dict[tuple[str, str], list[tuple[str, str, str]]] | None = None
               ) -> Iterator[ChartJob]:
    """Every chart of the site with the exact data it draws, and dated events drawn on the
    time series, one at a time (the first are drawn while the rest are worked out). A chart
    that ends before the latest week cites when its last week's figures were first published
    (``first_as_of``), so a weekly fetch that re-reads recent weeks unchanged redraws none."""
    first_as_of = first_as_of or {}
    notes = notes or {}
    events = notes.get(("global", ""))
    latest = tables.latest_week
    by_country = charts.country_bands_data(tables)
    shares = charts.country_share_data(tables)
    by_company = charts.company_bands_data(tables)
    top = charts.top_models_data(tables, latest)
    yield from [
        ChartJob("tokens-by-country", charts.annotate(
            charts.tokens_by_country_chart(by_country, caption), events), by_country),
        ChartJob("country-share", charts.annotate(
            charts.country_share_chart(shares, caption), events), shares),
        ChartJob("tokens-by-company", charts.annotate(
            charts.tokens_by_company_chart(by_company, caption), events), by_company),
        ChartJob("top-models", charts.top_models_chart(top, caption, week_range(latest)), top),
    ]
    for week in tables.weeks:  # each week's permanent ranking page shows its own chart
        week_top = charts.top_models_data(tables, week)
        yield lazy_chart(f"top-models/{week}", charts.top_models_chart, week_top,
                         caption_for(tables, week, caption, first_as_of), week_range(week))
    # An entity's history runs from the first published week to its own last week and cites
    # when that week was first published: a model, company or country absent from a new week
    # keeps the same chart (and cards), so a weekly build redraws only what the week touched
    # (and takes its spec as the last build made it: see lazy_chart).
    models = tables.models
    for slug, name, rows in entity_rows(models, "model_permaslug", site.model_files):
        data = rows[["week_start", "rank", "tokens", "share_of_total"]].reset_index(drop=True)
        last = rows.iloc[-1]
        yield lazy_chart(f"models/{name}", charts.model_history_chart, data,
                         entity_caption(tables, rows, caption, first_as_of),
                         str(last["model_name"]), str(last["country"]),
                         entity_span(tables, rows), events=notes.get(("model", slug)))
    companies = tables.companies
    for company, name, rows in entity_rows(companies, "company", site.company_files):
        data = rows[["week_start", "tokens", "share_of_attributed"]].reset_index(drop=True)
        yield lazy_chart(f"companies/{name}", charts.company_history_chart, data,
                         entity_caption(tables, rows, caption, first_as_of), company,
                         str(rows["country"].iloc[-1]), entity_span(tables, rows),
                         events=notes.get(("company", company)))
    countries = tables.countries
    for code, name, rows in entity_rows(countries, "country", site.country_files):
        data = rows[["week_start", "tokens", "share_of_attributed"]].reset_index(drop=True)
        yield lazy_chart(f"countries/{name}", charts.country_history_chart, data,
                         entity_caption(tables, rows, caption, first_as_of), code,
                         entity_span(tables, rows), events=notes.get(("country", code)))


def lazy_chart(chart_id: str, draw: Callable[..., alt.Chart], data: pd.DataFrame,
               *arguments: object, events: list[tuple[str, str, str]] | None = None
               ) -> ChartJob:
    """A chart made only when its spec is not remembered from a build with the same code,
    data, arguments and events (render.plan_charts): most charts are the same every week."""
    return ChartJob(chart_id, None, data,
                    make=lambda: charts.annotate(draw(data, *arguments), events),
                    inputs=chart_inputs(chart_id, data, draw.__name__, *arguments, events))


def entity_rows(frame: pd.DataFrame, column: str, files: dict[str, str]):
    """(key, file name, its rows) for each entity, grouping once (not one filter per entity)."""
    groups = dict(tuple(frame.groupby(column, sort=False)))
    for key, name in files.items():
        yield key, name, groups[key]


def entity_span(tables: Tables, rows: pd.DataFrame) -> tuple[str, str]:
    return tables.weeks[0], str(rows["week_start"].iloc[-1])


def entity_caption(tables: Tables, rows: pd.DataFrame, caption: Caption,
                   first_as_of: dict[str, str] | None = None) -> Caption:
    return caption_for(tables, str(rows["week_start"].iloc[-1]), caption, first_as_of)


def caption_for(tables: Tables, week: str, caption: Caption,
                first_as_of: dict[str, str] | None = None) -> Caption:
    """A past week's chart cites the as_of at which that week's figures were first published
    (when known), else that of the snapshot they came from."""
    as_of = (first_as_of or {}).get(week) or str(
        tables.totals.loc[tables.totals["week_start"] == week, "as_of"].iloc[0])
    return Caption(as_of=as_of, is_sample=caption.is_sample)


def vega_bundle(project: Project) -> str:
    """The Vega + Vega-Lite + vega-embed bundle from vl-convert, cached per version."""
    cached = project.cache_dir / f"vega-bundle-{vlc.__version__}-{VL_VERSION}.js"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_text_if_changed(cached, vlc.javascript_bundle(vl_version=VL_VERSION))
    return cached.read_text(encoding="utf-8")


def stale_since(latest_week: str, today: date) -> bool:
    """True when the newest published week ended more than STALE_AFTER_DAYS before today."""
    ended = date.fromisoformat(latest_week) + timedelta(days=7)
    return (today - ended).days > STALE_AFTER_DAYS


# ---------------------------------------------------------------- nothing changed, nothing to do
# A build whose inputs (data/, templates/, the generator's code, mkdocs.yml, SITE_URL, the date,
# the library versions) and outputs are exactly as the last one left them skips the generator:
# like make, it compares fingerprints instead of re-deriving ~10,000 identical files.
STAMP_VERSION = 1
STAMPED_PACKAGES = ("altair", "vl-convert-python", "pandas", "jinja2", "pyarrow")


def input_fingerprint(project: Project, today: date, require_real_data: bool) -> str:
    digest = hashlib.sha256(json.dumps([
        STAMP_VERSION, today.isoformat(), require_real_data, os.environ.get("SITE_URL", ""),
        str(project.root), str(project.data_dir),
        [importlib.metadata.version(name) for name in STAMPED_PACKAGES],
    ]).encode("utf-8"))
    code = Path(__file__).resolve().parent
    for folder in (project.data_dir, project.templates_dir, code):
        for path in sorted(folder.rglob("*")):
            if (not path.is_file() or "__pycache__" in path.parts
                    or path.is_relative_to(project.generated_overrides)):
                continue
            digest.update(f"{path.relative_to(folder)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(project.mkdocs_yml.read_bytes() if project.mkdocs_yml.exists() else b"")
    return digest.hexdigest()


def tree_digest(root: Path, skip: tuple[str, ...] = ()) -> str:
    """A digest of every file under ``root`` (or of ``root``, a file) but its top-level
    folders named in ``skip``: path, size and modification time, a stat each. The generator
    rewrites only files whose bytes change, so unchanged files keep their times."""
    top = str(root)
    if root.is_file():
        files = [(root.name, top)]
    else:
        files = []
        for folder, dirs, names in os.walk(top):  # nothing when root does not exist
            if folder == top:
                dirs[:] = [name for name in dirs if name not in skip]
            dirs.sort()
            prefix = folder[len(top) + 1:] + "/" if folder != top else ""
            files.extend((prefix + name, os.path.join(folder, name)) for name in sorted(names))
    digest = hashlib.sha256()
    for name, path in files:
        info = os.stat(path)
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def output_state(project: Project) -> list[str]:
    """Every generated file's size and modification time, as a digest per output folder."""
    roots = [*(project.site_src / name for name in (*GENERATED_DIRS, *GENERATED_FILES)),
             project.generated_overrides, project.vega_bundle.parent]
    return [tree_digest(root) for root in roots]


def stamp_path(project: Project) -> Path:
    where = hashlib.sha256(f"{project.root}|{project.data_dir}".encode()).hexdigest()[:16]
    return project.cache_dir / "stamps" / f"{where}.json"


def unchanged_since_last_build(project: Project, fingerprint: str) -> Generated | None:
    try:
        stamp = json.loads(stamp_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("inputs") != fingerprint or stamp.get("outputs") != output_state(project):
        return None
    return Generated(**stamp["generated"])


def generate(project: Project, today: date | None = None,
             require_real_data: bool = False, prune_cache: bool = False,
             builder: SiteBuilder | None = None) -> Generated:
    """Everything before the site builder: charts, pages and downloads under site_src/. A
    ``builder`` is started as soon as the pages are final, while embed/ is still written."""
    started = time.perf_counter()
    today = today or datetime.now(UTC).date()
    fingerprint = input_fingerprint(project, today, require_real_data)
    previous = unchanged_since_last_build(project, fingerprint)
    if previous is not None:
        return dataclasses.replace(previous, seconds=time.perf_counter() - started,
                                   unchanged=True)
    stamp_path(project).unlink(missing_ok=True)
    generated = generate_files(project, today, require_real_data, prune_cache, builder)
    generated = dataclasses.replace(generated, seconds=time.perf_counter() - started)
    stamp = {"inputs": fingerprint, "outputs": output_state(project),
             "generated": dataclasses.asdict(generated)}
    stamp_path(project).parent.mkdir(parents=True, exist_ok=True)
    write_text_if_changed(stamp_path(project), json.dumps(stamp))
    return generated


def prune_generated(project: Project, keep: set[Path], but: str) -> None:
    """Delete what an earlier build generated and this one did not (all but folder ``but``)."""
    for folder in GENERATED_DIRS:
        if folder != but:
            prune_tree(project.site_src / folder, keep)
    for name in GENERATED_FILES:
        if project.site_src / name not in keep:
            (project.site_src / name).unlink(missing_ok=True)


def render_pages(writer: PageWriter, site: Site, registry: Registry, with_charts: bool = True,
                 without_charts: bool = True) -> None:
    """The generated pages: those that show charts (they need site.charts) and those that do
    not (the data and revisions pages)."""
    if with_charts:
        render_home(writer, site)
        render_rankings(writer, site)
        render_countries(writer, site)
        render_companies(writer, site)
        render_models(writer, site, registry.models)
    if without_charts:
        render_data(writer, site)
        render_revisions(writer, site)


def generate_files(project: Project, today: date, require_real_data: bool,
                   prune_cache: bool = False, builder: SiteBuilder | None = None) -> Generated:
    """Load, derive, render and write every generated file."""
    started = time.perf_counter()
    # One pool of render processes for both stages, started now: its processes are ready to
    # draw by the time the first spec is made (they take ~0.5 s to start, while this process
    # loads the data on the other core).
    with Workers(eager=True) as workers:
        charts.register_theme()
        prepared = prepare(project)
        rankings, registry, tables = prepared.rankings, prepared.registry, prepared.tables
        if require_real_data and rankings.is_sample:
            raise TrackerError(f"{rankings.source_dir}: refusing to build a publishable site "
                               "from the sample data (no real snapshot under data/raw/; run "
                               "fetch first)")
        site = Site(
            tables=tables,
            is_sample=rankings.is_sample,
            charts={},
            model_files=assign_file_names(tables.models["model_permaslug"]),
            company_files=assign_file_names(tables.companies["company"]),
            country_files=assign_file_names(tables.countries["country"]),
            first_as_of={week: known.first_as_of
                         for week, known in week_publications(rankings.snapshots).items()},
        )
        caption = Caption(as_of=site.as_of, is_sample=site.is_sample)
        first_as_of = site.first_as_of
        jobs = chart_jobs(tables, site, caption, first_as_of,
                          annotation_notes(prepared.annotations, registry))  # made as drawn
        used: set[Path] = set()  # the render-cache files this build needs
        # Queue every drawing first (site charts, then each embed's chart and cards): the
        # workers draw while this process writes the pages, which need only the chart sizes.
        chart_plan = plan_charts(jobs, project.site_src / "charts",
                                 project.cache_dir / "charts", workers, used)
        # ---- Embeds (issue 4): embed/<chart>/ pages, frozen weekly versions, image downloads.
        # Pages show each chart's Embed/Download controls from `embeds` (see _macros.md.j2).
        embed_plan = plan_embeds(project, site, chart_plan, rankings.snapshots, workers, used)
        writer = PageWriter(project.site_src, project.templates_dir / "pages", site)
        writer.env.globals["embeds"] = embeds = embed_plan.index
        # ---- end of embeds
        # What needs no chart is written while the workers still draw the site's charts.
        render_pages(writer, site, registry, with_charts=False)
        downloads = write_downloads(tables, project.site_src / "downloads" / "v1", site.as_of,
                                    site.is_sample)
        write_text_if_changed(project.vega_bundle, vega_bundle(project))
        status = writer.env.get_template("data_status.html.j2").render(
            stale=not site.is_sample and stale_since(site.latest_week, today),
            is_sample=site.is_sample, notice=writer.env.globals["sample_notice"],
            as_of=site.as_of, week=site.latest_week)
        write_text_if_changed(project.generated_overrides / "data_status.html", status)
        rendered = finish_charts(chart_plan)  # the pages with charts need their sizes
        site.charts = {chart.chart_id: chart for chart in rendered}
        render_pages(writer, site, registry, without_charts=False)
        keep = set(writer.written) | set(downloads)
        for chart in rendered:
            for suffix in (".vl.json", ".svg", ".csv"):
                keep.add(project.site_src / chart.path(suffix))
        prune_generated(project, keep, but=EMBED_DIR)
        if builder is not None:
            builder.start()  # every page is final: MkDocs runs while the cards are drawn
        if finish_embeds(project, site, embed_plan):
            render_pages(writer, site, registry)  # an embed chart's size was not the planned one
            if builder is not None:
                builder.restart()
    prune_tree(project.site_src / EMBED_DIR, embeds.files)
    if prune_cache:
        prune_render_cache(project.cache_dir / "charts", used)
    return Generated(
        is_sample=site.is_sample, weeks=len(tables.weeks), latest_week=site.latest_week,
        as_of=site.as_of, pages=len(writer.written), charts=len(rendered),
        seconds=time.perf_counter() - started,
    )


# The site builder gets the same treatment: MkDocs has no incremental mode and re-renders every
# page (~600 at two years of history, 10-20 s), so a build whose builder inputs (site_src/ but
# embed/ and charts/, templates/ with the theme overrides and hooks, mkdocs.yml, SITE_URL, the
# builder's library versions) and output (site/ but embed/ and charts/) are as its last
# successful run left them skips MkDocs. The stamp is removed before MkDocs runs and written
# only after it succeeds, so a failed or interrupted build is never taken as up to date.
#
# embed/ (~900 folders of pages, cards and data: more than half the site's files) and charts/
# (~1,800 files) are not MkDocs' business: nothing it renders lives there, and pages point to
# them from HTML, which it does not check. MkDocs leaves them out (TRACKER_LINKED_LATER, read by
# templates/mkdocs_hooks.py), and the build hard-links them into site/ afterwards. So `build`
# starts MkDocs as soon as the pages are written, while the workers still draw the embed cards
# (the last ~45 s of a cold build at two years of history), instead of after them.
SITE_STAMP_VERSION = 3
BUILDER_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2")
LINKED_LATER = (EMBED_DIR, "charts")


def builder_inputs(project: Project) -> str:
    digest = hashlib.sha256(json.dumps([
        SITE_STAMP_VERSION, os.environ.get("SITE_URL", ""), str(project.root),
        [importlib.metadata.version(name) for name in BUILDER_PACKAGES],
    ]).encode("utf-8"))
    digest.update(project.mkdocs_yml.read_bytes() if project.mkdocs_yml.exists() else b"")
    digest.update(tree_digest(project.site_src, skip=LINKED_LATER).encode("ascii"))
    digest.update(tree_digest(project.templates_dir).encode("ascii"))  # overrides, hooks
    return digest.hexdigest()


def builder_outputs(project: Project) -> str:
    return tree_digest(project.site_dir, skip=LINKED_LATER)


def site_stamp_path(project: Project) -> Path:
    where = hashlib.sha256(f"{project.root}|site".encode()).hexdigest()[:16]
    return project.cache_dir / "stamps" / f"{where}.json"


def page_cache_dir(project: Project) -> Path:
    """Where the hooks keep this project's converted pages (templates/mkdocs_hooks.py)."""
    where = hashlib.sha256(f"{project.root}|pages".encode()).hexdigest()[:16]
    return project.cache_dir / "pages" / where


def prune_page_cache(folder: Path, since: float) -> int:
    """Delete the kept pages the build that started at ``since`` did not use (the hooks touch
    each one they use): they would otherwise pile up, a few hundred a week."""
    removed = 0
    for path in (*folder.glob("*.json"), *folder.glob("layout-*.html")):
        try:
            if path.stat().st_mtime < since - 5:  # a coarse file-system clock's slack
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


class SiteBuilder:
    """The site builder of one build: ``start`` runs MkDocs (--strict: a broken link or missing
    page fails) in the background, or finds it need not run; ``finish`` waits for it, links
    embed/ into site/ and stamps the result. ``start`` is called once every page under
    site_src/ is final; embed/ may still be being written until ``finish``."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.process: subprocess.Popen | None = None
        self.log = None
        self.started = False
        self.ran = False
        self.seconds = 0.0  # MkDocs' own wall time
        self._since = self._wall_since = 0.0
        self._clock: threading.Thread | None = None

    def start(self) -> None:
        project, stamp = self.project, site_stamp_path(self.project)
        self.started = True
        try:
            previous = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = None
        if (isinstance(previous, dict) and previous.get("inputs") == builder_inputs(project)
                and previous.get("outputs") == builder_outputs(project)):
            return
        stamp.unlink(missing_ok=True)
        self._set_aside()
        # Not --quiet: MkDocs 1.6 counts strict-mode warnings only at the log level shown, so
        # with --quiet a broken link passes. Its INFO lines (hundreds: the pages left out of
        # the nav) are dropped in finish(); warnings and errors are shown. The log goes to a
        # file, not a pipe: nobody reads a pipe while the generator works.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict",
                   "--config-file", str(project.mkdocs_yml), "--site-dir", str(project.site_dir)]
        self.log = tempfile.TemporaryFile()
        self._since = time.perf_counter()
        self._wall_since = time.time()
        self.process = process = subprocess.Popen(
            command, cwd=project.root, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, **BUILD_ENV, "TRACKER_LINKED_LATER": ",".join(LINKED_LATER),
                 "TRACKER_PAGE_CACHE": str(page_cache_dir(project))})
        self.ran = True

        def clock() -> None:  # MkDocs' own time, however long the generator still works
            process.wait()
            self.seconds = time.perf_counter() - self._since

        self._clock = threading.Thread(target=clock, daemon=True)
        self._clock.start()

    def _set_aside(self) -> None:
        """Move site/'s linked-later folders out of MkDocs' way while it runs: it empties site/
        first, but for hidden entries. Put back by ``finish``, they need only the files that
        changed linked again (~4,000 links at two years of history, most unchanged weekly)."""
        for name in LINKED_LATER:
            folder, aside = self.project.site_dir / name, self.project.site_dir / f".{name}"
            if folder.is_dir():
                if aside.exists():  # left by a build that failed: the newer one wins
                    remove_tree(aside)
                folder.rename(aside)

    def _put_back(self) -> None:
        for name in LINKED_LATER:
            folder, aside = self.project.site_dir / name, self.project.site_dir / f".{name}"
            if aside.is_dir():
                if folder.exists():  # not MkDocs' doing; whatever it is, mirror_tree redoes it
                    remove_tree(aside)
                else:
                    aside.rename(folder)

    def cancel(self) -> None:
        """Stop a running MkDocs (the pages changed under it, or the build failed)."""
        if self.process is not None:
            self.process.kill()
        self._release()
        self.started = self.ran = False

    def _release(self) -> None:
        """Reap the MkDocs process and close its log."""
        if self.process is not None:
            self.process.wait()
            self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def restart(self) -> None:
        self.cancel()
        self.start()

    def finish(self) -> bool:
        """Wait for MkDocs, link embed/ into site/, stamp. True when MkDocs ran."""
        if not self.started:
            self.start()
        project = self.project
        if self.process is not None:
            code = self.process.wait()
            self._clock.join()
            self.log.seek(0)
            output = self.log.read().decode("utf-8", "replace")
            self._release()
            for line in output.splitlines():
                if not line.startswith(("INFO", "  - ")) and (code != 0
                                                              or line.startswith("WARNING")):
                    print(line, file=sys.stderr)
            if code != 0:
                raise TrackerError(f"{project.mkdocs_yml}: mkdocs build --strict failed "
                                   f"(exit {code}); see its messages above")
            prune_page_cache(page_cache_dir(project), self._wall_since)
            self._put_back()
        for name in LINKED_LATER:
            mirror_tree(project.site_src / name, project.site_dir / name)
        stamp = site_stamp_path(project)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        write_text_if_changed(stamp, json.dumps(
            {"inputs": builder_inputs(project), "outputs": builder_outputs(project)}))
        return self.ran


def build_site(project: Project) -> bool:
    """Run the site builder on site_src/ unless nothing it reads or writes changed since its
    last successful run (embed/ is linked into site/ either way). True when MkDocs ran."""
    return SiteBuilder(project).finish()


def build(project: Project, today: date | None = None, require_real_data: bool = False,
          prune_cache: bool = False) -> Generated:
    """generate, with MkDocs started as soon as the pages are written (see SiteBuilder)."""
    started = time.perf_counter()
    builder = SiteBuilder(project)
    try:
        generated = generate(project, today, require_real_data, prune_cache, builder)
        ran = builder.finish()
    except BaseException:
        builder.cancel()
        raise
    return dataclasses.replace(generated, site_unchanged=not ran,
                               builder_seconds=builder.seconds,
                               total_seconds=time.perf_counter() - started)
