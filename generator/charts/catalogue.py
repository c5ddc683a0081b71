"""Every chart of the site, and each chart's spec worked out once (or recalled).

The catalogue says which charts exist, from the chart families' records (charts.families): the
site-wide charts of the latest week, a top-models chart for every week, the history of every
model, company and country, and (asked for by the embed stage) the site-wide charts frozen at a
past week. For each it gathers the words and the story from the findings layer
(generator.findings: the chart's own finding, the week's story when the chart can show it, the
first crossing of China and the U.S. on the country charts) into a ``ChartText``.
``SpecMemo.chart`` turns a ``ChartJob`` into a ``Chart``: its title, caption, alt text, and its
wide and narrow drawings' sizes and specs (from which their interactive versions are made), with
its CSV: all the pages and embeds need. The drawing itself happens later, in worker processes
(charts.render).

Working out a chart's two specs (Altair's ``to_dict``, twice) costs ~25 ms, and a new week
changes few of the ~600 charts, so the specs are remembered in the render cache under a digest
of everything they are made from: the generator's code and the installed library versions
(``digests.code_digest``), the chart's id, its data and its words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from generator import fmt
from generator.annotations import Annotation
from generator.charts import specs, variants
from generator.charts.axes import history_span, week_span
from generator.charts.data import tables_up_to
from generator.charts.families import FAMILIES, HOME, SITE_WIDE, Family, histories
from generator.charts.palette import company_colour, country_colour
from generator.charts.theme import ChartText, Event, Size
from generator.charts.variants import SITE_DESKTOP_MEDIA, SITE_NARROW_MEDIA, VARIANTS
from generator.derive.tables import Tables
from generator.digests import code_digest
from generator.files import write_bytes_if_changed
from generator.findings import charts as chart_findings
from generator.findings import facts, say
from generator.findings.finding import Finding
from generator.findings.story import STORY_PAIR
from generator.registry import Registry
from generator.site import Site
from generator.tableio import frame_digest, to_csv_bytes

Events = tuple[Event, ...]


@dataclass(frozen=True)
class ChartJob:
    """A chart to make: which, what it draws, what it says and cites."""

    chart_id: str  # its path under charts/ and embed/: "tokens-by-country", "models/<name>"
    family: Family
    week: str  # the last week it draws
    data: pd.DataFrame = field(repr=False)  # exactly what it draws (its CSV)
    text: ChartText  # its words and story (they key the remembered spec)
    headline: str  # its embed's title: the finding it states
    subtitle: str  # its embed's subtitle: metric, unit, period
    subject: str = ""  # a history's model permaslug, company or country code
    narrow_subtitle: str = ""  # the subtitle of its narrow drawing, when that draws less
    desktop: bool = False  # drawn for a page's full column too (the home page's chart only)

    @property
    def as_of(self) -> str:
        return self.text.as_of


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
    """A chart with its specs worked out: enough for pages and embeds to show it. Embeds show
    two drawings, wide and narrow; pages those, and the home page also the desktop one
    (charts.variants), which only its chart has."""

    chart_id: str
    family: Family
    week: str
    as_of: str
    subject: str
    title: str
    subtitle: str  # the caption under its title, with the unit
    description: str  # the alt text: the finding, with its figures
    stat: tuple[str, str] | None  # one week of data: (the number, what it is); else None
    wide: Drawing
    narrow: Drawing
    desktop: Drawing | None  # only the chart a page shows across its full column
    headline: str  # its embed's title
    embed_subtitle: str  # its embed's subtitle: metric, unit, period
    embed_subtitle_narrow: str  # the same, of the narrow drawing (which may draw fewer rows)
    data: pd.DataFrame = field(repr=False)
    csv: bytes = field(repr=False)
    remembered: Path | None = field(default=None, repr=False)  # its SpecMemo file

    narrow_media = SITE_NARROW_MEDIA  # when a page shows the narrow drawing
    desktop_media = SITE_DESKTOP_MEDIA  # and when the desktop one

    @property
    def kind(self) -> str:
        return self.family.kind

    @property
    def size(self) -> Size:
        return self.wide.size

    @property
    def spec_json(self) -> str:
        """The wide drawing's spec (what a chart's figures and names are drawn from)."""
        return self.wide.spec_json

    def path(self, suffix: str) -> str:
        """URL path of one of the chart's files, relative to the site root: suffix ".svg",
        ".dark.svg", ".narrow.svg", ".narrow.dark.svg", ".desktop.svg", ".desktop.dark.svg",
        ".csv" (its live specs are its embed's)."""
        return f"charts/{self.chart_id}{suffix}"


def annotation_events(annotations: list[Annotation], registry: Registry
                      ) -> dict[tuple[str, str], Events]:
    """(scope, key) -> the dated events drawn on that chart: key is '' (global), a permaslug,
    a company or a country code."""
    events: dict[tuple[str, str], list[Event]] = {}
    for a in annotations:
        key = registry.authors[a.target].company if a.scope == "company" else a.target
        events.setdefault((a.scope, key), []).append((a.date.isoformat(), a.label,
                                                      a.description))
    return {key: tuple(found) for key, found in events.items()}


def within(events: Events, data: pd.DataFrame) -> Events:
    """The events a time series of ``data`` draws: those from its first Monday to its last
    week's Sunday; none when it has a single week (drawn as bars or a number)."""
    weeks = sorted(set(map(str, data["week_start"])))
    if len(weeks) < 2:
        return ()
    end = (date.fromisoformat(weeks[-1]) + timedelta(days=6)).isoformat()
    return tuple(sorted(event for event in events if weeks[0] <= event[0] <= end))


# ---------------------------------------------------------------- the words of each chart

def first_crossing(site: Site, week: str) -> Finding | None:
    """The first week, up to ``week``, that China's and the U.S.'s tokens crossed."""
    for earlier in site.tables.weeks:
        if earlier > week:
            return None
        for found in site.findings[earlier].story:
            if found.kind == "crossover" and {found.subject, found.other} == set(STORY_PAIR):
                return found
    return None


def site_wide_job(site: Site, family: Family, week: str, upto: Tables, chart_id: str,
                  as_of: str, events: Events = (), since: str = "") -> ChartJob:
    """A site-wide chart as it stands when ``week`` is the latest (``upto``: the tables up to
    that week): its own finding, and the week's story when it can show it; with ``since``,
    drawn from that week on (its finding still made from every week)."""
    data = family.data(upto)
    own = family.finding(upto, data, week)
    if since:
        data = data[data["week_start"].astype("str") >= since].reset_index(drop=True)
    shows = (lambda f: f.subject in set(data[family.focus])) if family.focus else \
        (lambda f: True)
    story = site.findings[week].carried(family.carries, shows) if family.carries else None
    headline = story or own
    marks: Events = ()
    crossing = first_crossing(site, week) if family.marks else None
    if crossing is not None and crossing.week >= week_span(data)[0] and len(set(
            data["week_start"])) > 1:
        marks = ((crossing.week, say(crossing, "mark"), say(crossing, "sentence")),)
    events = within(events, data) if family.events else ()
    weeks = sorted(set(map(str, data["week_start"])))
    about = chart_findings.chart(family.kind, week, weeks[0] if weeks else week, len(weeks),
                                 {**own.figures, "marks": marks, "events": events,
                                  "period": not family.one_week, "last": week,
                                  "narrow_top": variants.NARROW_TOP})
    text = ChartText(
        title=say(about, "title"), caption=say(about, "caption"),
        description=" ".join(filter(None, [say(story) if story else "", say(own),
                                           say(about)])),
        as_of=as_of, is_sample=site.is_sample,
        focus=headline.subject if family.focus else "", marks=marks, events=events,
        stat=(say(own, "stat-value"), say(own, "stat")) if family.stat else ("", ""))
    return ChartJob(chart_id, family, week, data, text, say(headline, "title"),
                    say(about, "subtitle"), narrow_subtitle=say(about, "subtitle-narrow"),
                    desktop=chart_id == HOME)


def site_chart_jobs(site: Site, events: dict[tuple[str, str], Events]) -> Iterator[ChartJob]:
    """Every chart the site's pages show, the site-wide ones first. A history runs from the
    first published week to the entity's own last week and cites that week's first
    publication, so a model, company or country absent from a new week keeps its chart."""
    latest, overall = site.latest_week, events.get(("global", ""), ())
    for kind in SITE_WIDE:
        yield site_wide_job(site, FAMILIES[kind], latest, site.tables, kind, site.as_of, overall)
    for family in FAMILIES.values():
        if family.weekly:  # each week's permanent ranking page shows its own
            for week in site.tables.weeks:
                yield site_wide_job(site, family, week, tables_up_to(site.tables, week),
                                    f"{family.kind}/{week}", site.cited_as_of(week))
    yield from history_jobs(site, events)


def history_jobs(site: Site, events: dict[tuple[str, str], Events]) -> Iterator[ChartJob]:
    """The history chart of every model, company and country."""
    tables, first = site.tables, site.tables.weeks[0]
    for family in histories():
        frame = getattr(tables, family.folder)  # models, companies or countries
        files = site.files_of(family.entity)
        # grouped once, not once per entity
        groups = dict(tuple(frame.groupby(family.key_column, sort=False)))
        for key, name in files.items():
            yield history_job(site, family, key, groups[key], f"{family.folder}/{name}", first,
                              events.get((family.entity, key), ()))


def history_job(site: Site, family: Family, key: str, rows: pd.DataFrame, chart_id: str,
                first: str, events: Events) -> ChartJob:
    entity = family.entity
    last = rows.iloc[-1]
    week, country = str(last["week_start"]), str(last["country"])
    name = str(last["model_name"]) if entity == "model" else key
    data = family.data(rows)
    own = facts.history(entity, key, name, data)
    weeks = sorted(str(w) for w in data["week_start"])
    first = weeks[0] if family.own_weeks else first  # where its time axis starts
    span = history_span(weeks, first)
    events = within(events, data)
    about = chart_findings.chart(entity, week, span[0], len(weeks), {
        "entity": entity, "name": name, "events": events, "period": True, "last": week,
        "title_name": name if entity != "country" else fmt.country_name(key)})
    colour = company_colour(key) if entity == "company" else country_colour(country)
    text = ChartText(title=say(about, "title"), caption=say(about, "caption"),
                     description=" ".join(filter(None, [say(own), say(about)])),
                     as_of=site.cited_as_of(week), is_sample=site.is_sample, events=events,
                     stat=(say(own, "stat-value"), say(own, "stat")), span=(first, week),
                     colour=colour)
    headline = facts.entity_week(entity, key, name, rows, site.latest_week)
    return ChartJob(chart_id, family, week, data, text, say(headline, "title"),
                    say(about, "subtitle"), subject=key)


def frozen_chart_job(site: Site, family: Family, week: str, upto: Tables) -> ChartJob:
    """A site-wide chart as it stood when ``week`` was the latest (``upto``: the tables up to
    that week), for its frozen embed: over the weeks a frozen embed shows
    (``Family.frozen_weeks``)."""
    return site_wide_job(site, family, week, upto, f"{family.kind}/{week}",
                         site.cited_as_of(week), since=family.frozen_weeks(upto.weeks)[0])


# ---------------------------------------------------------------- specs, worked out or recalled

class SpecMemo:
    """Specs of earlier builds, in the render cache: ``<digest>.spec`` holds a JSON header line
    (title, caption, description, stat, and each drawing's size and specs) and then the
    chart's CSV."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used: set[Path] = set()  # the files this build needs (see render.prune_cache)
        self.validated: set[str] = set()  # chart families checked against the schema

    def key(self, job: ChartJob) -> str:
        digest = hashlib.sha256(json.dumps([
            code_digest(), job.chart_id, job.family.kind, job.family.draw.__name__, job.desktop,
            repr(job.text)]).encode())
        digest.update(frame_digest(job.data))
        return digest.hexdigest()

    def chart(self, job: ChartJob) -> Chart:
        path = self.folder / f"{self.key(job)}.spec"
        self.used.add(path)
        try:
            header, csv = path.read_bytes().split(b"\n", 1)
            title, subtitle, description, stat, wide, narrow, desktop = json.loads(header)
        except (OSError, ValueError):  # not remembered (or unreadable): work it out
            title, subtitle, description, stat, wide, narrow, desktop = self.work_out(job)
            csv = to_csv_bytes(job.data)
            header = json.dumps([title, subtitle, description, stat, wide, narrow,
                                 desktop]).encode()
            write_bytes_if_changed(path, header + b"\n" + csv)
        return Chart(job.chart_id, job.family, job.week, job.as_of, job.subject, title,
                     subtitle, description, tuple(stat) if stat else None, drawing(wide),
                     drawing(narrow), drawing(desktop) if desktop else None, job.headline,
                     job.subtitle, job.narrow_subtitle or job.subtitle, job.data, csv, path)

    def work_out(self, job: ChartJob) -> list:
        """[title, caption, description, stat, wide, narrow, desktop]: each drawing as [width,
        height, spec JSON]; desktop None unless the job asks for it."""
        drawings, title, subtitle, description, stat = [], "", "", "", None
        for variant in VARIANTS if job.desktop else VARIANTS[:2]:
            # told its height, a chart function can keep the labels it draws apart
            variant = replace(variant, height=variants.size(job.family.narrow_height,
                                                            variant).height)
            chart = specs.annotate(job.family.draw(job.data, job.text, variant), job.text,
                                   variant)
            # One function draws every chart of a family: checking one of them against the
            # Vega-Lite schema is enough, and skipping the check halves to_dict().
            family = f"{job.family.kind}/{variant.name}"
            meta = chart.usermeta
            stat = meta.get("stat") if isinstance(meta, dict) else None
            drawn = variants.size(job.family.narrow_height, variant, stat is not None)
            spec, title, subtitle = variants.finish(chart, variant, drawn,
                                                    family not in self.validated)
            self.validated.add(family)
            description = str(spec.get("description", ""))
            drawings.append([drawn.width, drawn.height, compact(spec)])
        value = [stat["value"], stat["words"]] if stat else None
        return [title, subtitle, description, value, *drawings, *[None] * (3 - len(drawings))]


def drawing(remembered: list) -> Drawing:
    width, height, spec_json = remembered
    return Drawing(Size(width, height), spec_json)


def compact(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"))
