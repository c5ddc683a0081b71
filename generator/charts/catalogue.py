"""Every chart of the site, and each chart's spec worked out once (or recalled).

The catalogue says which charts exist, what each draws, what it cites and at which size it is
drawn: the site-wide charts of the latest week, a top-models chart for every past week, the
history of every model, company and country, and (asked for by the embed stage) the site-wide
charts frozen at a past week. ``SpecMemo.chart`` turns a ``ChartJob`` into a ``Chart``: its
title, subtitle and alt text, and its wide and narrow drawings' sizes and specs (from which
their interactive versions are made), with its CSV: all the pages and embeds need. The drawing
itself happens later, in worker processes (charts.render).

Working out a chart's two specs (Altair's ``to_dict``, twice) costs ~25 ms, and a new week
changes few of the ~600 charts, so the specs are remembered in the render cache under a digest
of everything they are made from: the generator's code and the installed library versions
(``digests.code_digest``), the chart's id, its data and its other arguments.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from generator.annotations import Annotation
from generator.charts import changes, specs, variants
from generator.charts import data as chart_data
from generator.charts.theme import Caption, Size
from generator.charts.variants import SITE_NARROW_MEDIA, VARIANTS
from generator.derive import Tables
from generator.digests import code_digest
from generator.files import write_bytes_if_changed
from generator.fmt import week_range
from generator.registry import Registry
from generator.site import Site
from generator.tableio import frame_digest, to_csv_bytes

# The site-wide charts of the latest week: the four of the week, the two charts of change
# (generator/charts/changes.py), and the free variants' share and the price-vs-usage chart (list
# prices: generator/prices.py), the rankings page's.
PRICE_CHARTS = ("free-share", "price-vs-usage")
SITE_WIDE = ("tokens-by-country", "country-share", "tokens-by-company", "top-models",
             "country-growth", "rank-movement", *PRICE_CHARTS)
# Frozen at a week for their embeds (top-models/<week> is a site chart of its own).
FROZEN = tuple(kind for kind in SITE_WIDE if kind != "top-models")


Events = tuple[tuple[str, str, str], ...]  # (day, label, description) of each dated event


@dataclass(frozen=True)
class ChartJob:
    """A chart to make: which, what it draws, what it cites, and the function that draws it."""

    chart_id: str  # its path under charts/ and embed/: "tokens-by-country", "models/<name>"
    kind: str  # a SITE_WIDE id, or "model", "company", "country"
    week: str  # the last week it draws
    as_of: str  # what it cites
    data: pd.DataFrame = field(repr=False)  # exactly what it draws (its CSV)
    draw: Callable[..., alt.Chart]  # a charts.specs function: draw(data, *arguments, variant)
    arguments: tuple  # plain values and dataclasses (they key the remembered spec)
    events: Events = ()
    subject: str = ""  # a history's model permaslug, company or country code


@dataclass(frozen=True)
class Drawing:
    """One variant of a chart (charts.variants): its size and the spec it is drawn from."""

    size: Size
    spec_json: str = field(repr=False)

    @property
    def live_json(self) -> str:
        """The interactive spec pages and embeds load: made when its file is written, not kept
        (two more spec strings for each of ~800 charts were a tenth of a cold build's memory)."""
        return compact(variants.live(json.loads(self.spec_json)))


@dataclass(frozen=True)
class Chart:
    """A chart with its specs worked out: enough for pages and embeds to show it. Pages and
    embeds show the same two drawings, wide and narrow (charts.variants)."""

    chart_id: str
    kind: str
    week: str
    as_of: str
    subject: str
    title: str
    subtitle: str  # with the unit
    description: str  # the alt text: the finding, with its figures
    stat: tuple[str, str] | None  # one week of data: (the number, what it is); else None
    wide: Drawing
    narrow: Drawing
    data: pd.DataFrame = field(repr=False)
    csv: bytes = field(repr=False)
    remembered: Path | None = field(default=None, repr=False)  # its SpecMemo file

    narrow_media = SITE_NARROW_MEDIA  # when a page shows the narrow drawing

    @property
    def size(self) -> Size:
        return self.wide.size

    @property
    def spec_json(self) -> str:
        """The wide drawing's spec (what a chart's figures and names are drawn from)."""
        return self.wide.spec_json

    def path(self, suffix: str) -> str:
        """URL path of one of the chart's files, relative to the site root: suffix ".svg",
        ".dark.svg", ".narrow.svg", ".narrow.dark.svg", ".vl.json", ".narrow.vl.json", ".csv"."""
        return f"charts/{self.chart_id}{suffix}"


def annotation_events(annotations: list[Annotation], registry: Registry
                      ) -> dict[tuple[str, str], Events]:
    """(scope, key) -> the dated events drawn on that chart: key is '' (global), a permaslug,
    a company or a country code."""
    events: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for a in annotations:
        key = registry.authors[a.target].company if a.scope == "company" else a.target
        events.setdefault((a.scope, key), []).append((a.date.isoformat(), a.label,
                                                      a.description))
    return {key: tuple(found) for key, found in events.items()}


def site_chart_jobs(site: Site, events: dict[tuple[str, str], Events]) -> Iterator[ChartJob]:
    """Every chart the site's pages show, the site-wide ones first. A history runs from the
    first published week to the entity's own last week and cites that week's first
    publication, so a model, company or country absent from a new week keeps its chart."""
    tables, latest, is_sample = site.tables, site.latest_week, site.is_sample
    caption = Caption(site.as_of, is_sample)
    overall = events.get(("global", ""), ())
    yield ChartJob("tokens-by-country", "tokens-by-country", latest, site.as_of,
                   chart_data.country_bands_data(tables), specs.tokens_by_country_chart,
                   (caption,), overall)
    yield ChartJob("country-share", "country-share", latest, site.as_of,
                   chart_data.country_share_data(tables), specs.country_share_chart,
                   (caption,), overall)
    yield ChartJob("tokens-by-company", "tokens-by-company", latest, site.as_of,
                   chart_data.company_bands_data(tables), specs.tokens_by_company_chart,
                   (caption,), overall)
    yield top_models_job("top-models", site, latest, caption)
    yield ChartJob("country-growth", "country-growth", latest, site.as_of,
                   chart_data.country_growth_data(tables), changes.country_growth_chart,
                   (caption,))
    yield ChartJob("rank-movement", "rank-movement", latest, site.as_of,
                   chart_data.rank_movement_data(tables), changes.rank_movement_chart,
                   (caption,))
    yield from price_chart_jobs(site, caption)
    for week in tables.weeks:  # each week's permanent ranking page shows its own chart
        yield top_models_job(f"top-models/{week}", site, week,
                             Caption(site.cited_as_of(week), is_sample))
    yield from history_jobs(site, events)


def price_chart_jobs(site: Site, caption: Caption) -> Iterator[ChartJob]:
    """The free variants' weekly share of all tokens, and the latest week's tokens against list
    price."""
    yield ChartJob("free-share", "free-share", site.latest_week, site.as_of,
                   chart_data.free_share_data(site.tables), specs.free_share_chart, (caption,))
    yield ChartJob("price-vs-usage", "price-vs-usage", site.latest_week, site.as_of,
                   chart_data.price_usage_data(site.tables), specs.price_usage_chart,
                   (caption,))


def top_models_job(chart_id: str, site: Site, week: str, caption: Caption) -> ChartJob:
    top = chart_data.top_models_data(site.tables, week)
    return ChartJob(chart_id, "top-models", week, caption.as_of, top, specs.top_models_chart,
                    (caption, week_range(week)))


def history_jobs(site: Site, events: dict[tuple[str, str], Events]) -> Iterator[ChartJob]:
    """The history chart of every model, company and country."""
    tables, first = site.tables, site.tables.weeks[0]
    families = (
        ("models", "model", "model_permaslug", tables.models, site.model_files),
        ("companies", "company", "company", tables.companies, site.company_files),
        ("countries", "country", "country", tables.countries, site.country_files),
    )
    for folder, kind, column, frame, files in families:
        groups = dict(tuple(frame.groupby(column, sort=False)))  # once, not once per entity
        for key, name in files.items():
            rows = groups[key]
            last = rows.iloc[-1]
            week = str(last["week_start"])
            caption = Caption(site.cited_as_of(week), site.is_sample)
            if kind == "model":
                draw, data = specs.model_history_chart, chart_data.model_history_data(rows)
                arguments = (caption, str(last["model_name"]), str(last["country"]))
            elif kind == "company":
                draw, data = specs.company_history_chart, chart_data.group_history_data(rows)
                arguments = (caption, key, str(last["country"]))
            else:
                draw, data = specs.country_history_chart, chart_data.group_history_data(rows)
                arguments = (caption, key)
            yield ChartJob(f"{folder}/{name}", kind, week, caption.as_of, data, draw,
                           (*arguments, (first, week)), events.get((kind, key), ()),
                           subject=key)


def frozen_chart_job(site: Site, kind: str, week: str, upto: Tables) -> ChartJob:
    """A site-wide chart as it stood when ``week`` was the latest (``upto``: the tables up to
    that week), for its frozen embed."""
    prepare, draw = {
        "tokens-by-country": (chart_data.country_bands_data, specs.tokens_by_country_chart),
        "country-share": (chart_data.country_share_data, specs.country_share_chart),
        "tokens-by-company": (chart_data.company_bands_data, specs.tokens_by_company_chart),
        "country-growth": (chart_data.country_growth_data, changes.country_growth_chart),
        "rank-movement": (chart_data.rank_movement_data, changes.rank_movement_chart),
        "free-share": (chart_data.free_share_data, specs.free_share_chart),
        "price-vs-usage": (chart_data.price_usage_data, specs.price_usage_chart),
    }[kind]
    caption = Caption(site.cited_as_of(week), site.is_sample)
    return ChartJob(f"{kind}/{week}", kind, week, caption.as_of, prepare(upto), draw,
                    (caption,))


# ---------------------------------------------------------------- specs, worked out or recalled

class SpecMemo:
    """Specs of earlier builds, in the render cache: ``<digest>.spec`` holds a JSON header line
    (title, subtitle, description, stat, and each drawing's size and specs) and then the
    chart's CSV."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used: set[Path] = set()  # the files this build needs (see render.prune_cache)
        self.validated: set[str] = set()  # chart families checked against the schema

    def key(self, job: ChartJob) -> str:
        digest = hashlib.sha256(json.dumps([
            code_digest(), job.chart_id, job.kind, job.draw.__name__, repr(job.arguments),
            job.events]).encode())
        digest.update(frame_digest(job.data))
        return digest.hexdigest()

    def chart(self, job: ChartJob) -> Chart:
        path = self.folder / f"{self.key(job)}.spec"
        self.used.add(path)
        try:
            header, csv = path.read_bytes().split(b"\n", 1)
            title, subtitle, description, stat, wide, narrow = json.loads(header)
        except (OSError, ValueError):  # not remembered (or unreadable): work it out
            title, subtitle, description, stat, wide, narrow = self.work_out(job)
            csv = to_csv_bytes(job.data)
            header = json.dumps([title, subtitle, description, stat, wide, narrow]).encode()
            write_bytes_if_changed(path, header + b"\n" + csv)
        return Chart(job.chart_id, job.kind, job.week, job.as_of, job.subject, title, subtitle,
                     description, tuple(stat) if stat else None, drawing(wide), drawing(narrow),
                     job.data, csv, path)

    def work_out(self, job: ChartJob) -> list:
        """[title, subtitle, description, stat, wide, narrow]: each drawing as [width, height,
        spec JSON]."""
        drawings, title, subtitle, description, stat = [], "", "", "", None
        for variant in VARIANTS:
            chart = specs.annotate(job.draw(job.data, *job.arguments, variant),
                                   list(job.events), variant)
            # One function draws every chart of a family: checking one of them against the
            # Vega-Lite schema is enough, and skipping the check halves to_dict().
            family = f"{job.draw.__name__}/{variant.name}"
            meta = chart.usermeta
            stat = meta.get("stat") if isinstance(meta, dict) else None
            drawn = variants.size(job.kind, variant, stat is not None)
            spec, title, subtitle = variants.finish(chart, variant, drawn,
                                                    family not in self.validated)
            self.validated.add(family)
            description = str(spec.get("description", ""))
            drawings.append([drawn.width, drawn.height, compact(spec)])
        value = [stat["value"], stat["words"]] if stat else None
        return [title, subtitle, description, value, *drawings]


def drawing(remembered: list) -> Drawing:
    width, height, spec_json = remembered
    return Drawing(Size(width, height), spec_json)


def compact(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"))
