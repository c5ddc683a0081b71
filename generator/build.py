"""The build, in the pipeline's order: load -> correct -> attribute -> derive (pipeline.prepare)
-> findings (findings.week) -> chart specs (charts.catalogue) -> embeds (embeds.collect) -> pages,
downloads, feeds (feeds.py) -> site builder (builder.SiteBuilder), while worker processes draw
every picture (charts.render).

Data flows one way: each chart's spec, size and description are known before any page is
written, so every page is written once. Only ``fetch`` touches the network; this stage runs
offline from data/. Output is deterministic: the same inputs give byte-identical files, and files
are rewritten only when their bytes change.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from generator.builder import SiteBuilder
from generator.charts.catalogue import SpecMemo, annotation_events, site_chart_jobs
from generator.charts.families import HOME
from generator.charts.render import Renderer, prune_cache, write_chart_files, write_vega_bundle
from generator.charts.theme import register_theme
from generator.downloads import write_downloads
from generator.embeds import EMBED_DIR, Embeds
from generator.embeds.collect import EmbedMemo, collect_embeds
from generator.embeds.write import EmbedFolders
from generator.errors import TrackerError
from generator.feeds import write_feeds
from generator.files import prune_tree, write_text_if_changed
from generator.findings.week import derive_findings
from generator.pages import PageWriter
from generator.pages.companies import render_companies
from generator.pages.countries import render_countries
from generator.pages.data import render_data, render_revisions
from generator.pages.home import render_home
from generator.pages.models import render_models
from generator.pages.rankings import render_rankings
from generator.pages.sharing import theme_facts
from generator.paths import GENERATED_DIRS, GENERATED_FILES, Project, repo_url, site_url
from generator.pipeline import Prepared, prepare
from generator.search import write_search_dictionary
from generator.site import Site, iso_minute, read_schedules
from generator.stamps import (
    clear_stamp,
    generator_inputs,
    generator_outputs,
    read_stamp,
    write_stamp,
)

STALE_AFTER_DAYS = 14
STAGE = "generate"


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
    builder_seconds: float = 0.0  # build(): the site builder's wall time, alongside
    total_seconds: float = 0.0  # build(): the whole build
    warnings: tuple[str, ...] = ()  # e.g. a catalogue price that is not a price (prices.py)


def stale_since(latest_week: str, today: date) -> bool:
    """True when the newest published week ended more than STALE_AFTER_DAYS before today."""
    ended = date.fromisoformat(latest_week) + timedelta(days=7)
    return (today - ended).days > STALE_AFTER_DAYS


def make_site(project: Project, prepared: Prepared, require_real_data: bool) -> Site:
    rankings = prepared.rankings
    if require_real_data and rankings.is_sample:
        raise TrackerError(f"{rankings.source_dir}: refusing to build a publishable site from "
                           "the sample data (no real snapshot under data/raw/; run fetch first)")
    return Site(tables=prepared.tables, is_sample=rankings.is_sample, site_url=site_url(project),
                publications=rankings.publications, repo_url=repo_url(project),
                schedules=read_schedules(project.weekly_workflow), movers=prepared.movers,
                findings=derive_findings(prepared.tables, prepared.series, prepared.movers))


def generate(project: Project, today: date | None = None, require_real_data: bool = False,
             prune: bool = False, builder: SiteBuilder | None = None) -> Generated:
    """Everything before the site builder, unless its inputs and outputs are exactly as the last
    build left them. A ``builder`` is started as soon as the pages are written."""
    started = time.perf_counter()
    today = today or datetime.now(UTC).date()
    inputs = generator_inputs(project, today, require_real_data)
    stamp = read_stamp(project, STAGE)
    if stamp.get("inputs") == inputs and stamp.get("outputs") == generator_outputs(project):
        return dataclasses.replace(Generated(**stamp["generated"]),
                                   seconds=time.perf_counter() - started, unchanged=True)
    clear_stamp(project, STAGE)
    generated = generate_files(project, today, require_real_data, prune, builder)
    generated = dataclasses.replace(generated, seconds=time.perf_counter() - started)
    write_stamp(project, STAGE, {"inputs": inputs, "outputs": generator_outputs(project),
                                 "generated": dataclasses.asdict(generated)})
    return generated


def generate_files(project: Project, today: date, require_real_data: bool,
                   prune: bool = False, builder: SiteBuilder | None = None) -> Generated:
    """Load, derive, work out every chart and embed, write every page and file."""
    renders = project.cache_dir / "charts"
    with Renderer(renders) as renderer:  # its processes start while the data loads
        register_theme()
        prepared = prepare(project)
        site = make_site(project, prepared, require_real_data)
        if project.zh_site_src.is_dir():  # the Chinese search keeps these names whole
            write_search_dictionary(search_names(prepared), project.zh_search_words)
        specs = SpecMemo(renders)
        charts, svgs = {}, {}
        for job in site_chart_jobs(site, annotation_events(prepared.annotations,
                                                           prepared.registry)):
            charts[job.chart_id] = chart = specs.chart(job)
            svgs[job.chart_id] = renderer.chart_renders(chart)  # drawn meanwhile
        index = Embeds(site.site_url, site.latest_week)
        folders = EmbedFolders(project, index, site.is_sample, renderer,
                               EmbedMemo(project, site))
        for embed in collect_embeds(site, charts, specs, folders.memo):
            folders.add(embed)
        writer = PageWriter(project.site_src, project.templates_dir / "pages", site, charts,
                            index)
        write_pages(writer, site, prepared)
        keep = set(writer.written) | set(write_downloads(
            site.tables, project.site_src / "downloads" / "v1", site.as_of, site.is_sample))
        keep.update(write_feeds(site, project.site_src))
        write_vega_bundle(project.cache_dir, project.vega_bundle)
        writers = {"en": writer}
        if project.zh_site_src.is_dir():  # the Chinese edition's banner (its pages to come)
            writers["zh"] = PageWriter(project.zh_site_src, project.templates_dir / "pages",
                                       site, charts, index, language="zh")
        write_data_status(project, writers, site, today)
        prune_generated(project, keep)
        if builder is not None:
            builder.start()  # every page is written: the builder runs while the workers draw
        folders.write(project.templates_dir / "embeds")
        renderer.wait()
        for chart in charts.values():
            folders.files.update(write_chart_files(chart, svgs[chart.chart_id],
                                                   project.site_src / "charts"))
    for name in ("charts", EMBED_DIR):
        prune_tree(project.site_src / name, folders.files)
    if prune:
        prune_cache(renders, renderer.used | specs.used)
    return Generated(is_sample=site.is_sample, weeks=len(site.tables.weeks),
                     latest_week=site.latest_week, as_of=site.as_of, pages=len(writer.written),
                     charts=len(charts), seconds=0.0,
                     warnings=tuple(prepared.prices.warnings))


def search_names(prepared: Prepared) -> list[str]:
    """The names the Chinese search must find whole: every company's Chinese name (the
    registry's name_zh) and every model's name (generator/search.py keeps their Chinese
    words)."""
    authors = prepared.registry.authors.values()
    return [*(author.name_zh for author in authors if author.name_zh),
            *map(str, prepared.tables.models["model_name"].unique())]


def write_pages(writer: PageWriter, site: Site, prepared: Prepared) -> None:
    render_home(writer, site)
    render_rankings(writer, site)
    render_countries(writer, site)
    render_companies(writer, site)
    render_models(writer, site, prepared.registry.models)
    render_data(writer, site)
    render_revisions(writer, site)


def write_data_status(project: Project, writers: dict[str, PageWriter], site: Site,
                      today: date) -> None:
    """The banner every page shows (templates/overrides/main.html includes it), in each
    edition's language: the sample warning, or when the data was updated and the next update
    is due (with the stale-data warning when it is old); and the facts the theme's templates
    import (site_facts.html)."""
    due = site.next_update(today)
    for language, writer in writers.items():
        words = writer.fmt
        status = writer.env.get_template("data_status.html.j2").render(
            stale=not site.is_sample and stale_since(site.latest_week, today),
            is_sample=site.is_sample, notice=writer.env.globals["sample_notice"],
            as_of=site.as_of, updated=words.long_date(site.as_of),
            week=site.latest_week,
            next_update=words.weekday_date(due) if due else "",
            next_update_iso=iso_minute(due) if due else "")
        name = "data_status.html" if language == "en" else f"data_status.{language}.html"
        write_text_if_changed(project.generated_overrides / name, status)
    english = writers["en"]
    write_text_if_changed(project.generated_overrides / "site_facts.html",
                          theme_facts(site, english.embeds, english.charts[HOME]))


def prune_generated(project: Project, keep: set[Path]) -> None:
    """Delete the pages and downloads an earlier build generated and this one did not."""
    for folder in GENERATED_DIRS:
        if folder not in ("charts", EMBED_DIR):  # pruned once their files are written
            prune_tree(project.site_src / folder, keep)
    for name in GENERATED_FILES:
        if project.site_src / name not in keep:
            (project.site_src / name).unlink(missing_ok=True)


def build(project: Project, today: date | None = None, require_real_data: bool = False,
          prune: bool = False, builder: str = "mkdocs") -> Generated:
    """generate, with the site builder started as soon as the pages are written."""
    started = time.perf_counter()
    site_builder = SiteBuilder(project, builder)
    try:
        generated = generate(project, today, require_real_data, prune, site_builder)
        ran = site_builder.finish()
    except BaseException:
        site_builder.cancel()
        raise
    return dataclasses.replace(generated, site_unchanged=not ran,
                               builder_seconds=site_builder.seconds,
                               total_seconds=time.perf_counter() - started)
