"""Every embed of the build, one at a time: the site-wide charts of the latest week, the site-wide
charts frozen at every published week, and the history of every model, company and country.

A frozen embed does not change once its week is published, nor does the embed of a model,
company or country absent from a new week; yet working one out (the tables up to its week, its
chart, words and screen-reader table) and writing it costs ~10-25 ms, ~850 of them at two years
of history: most of a weekly rebuild. So each build records, per embed of these kinds, a digest
of everything it is made from and the size and time of each file it wrote (``EmbedMemo``); the
next build takes an embed whose digest and files are unchanged as it stands. Every digest covers
the generator's code and the installed versions, the embed templates, the site address, the
sample flag and the contributors' corrections; a frozen embed's, every row of the four weekly
tables up to its week and what each of those weeks cites (``week_chain``); a history's, its
chart's spec, what each of its weeks cites and whether its last week is the latest
(``history_inputs``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from generator.charts import families
from generator.charts.catalogue import Chart, SpecMemo, frozen_chart_job
from generator.charts.data import tables_up_to
from generator.charts.families import FAMILIES, SITE_WIDE, weekly_chart_id
from generator.derive.tables import Tables
from generator.digests import code_digest, files_digest, source_files
from generator.embeds import EMBED_DIR, Embed, Note, links_line, one_line
from generator.embeds.words import (
    caveats,
    embed_note,
    revision_notes,
    snippet_height,
)
from generator.files import write_text_if_changed
from generator.paths import Project
from generator.site import Site
from generator.tableio import frame_digest


def collect_embeds(site: Site, charts: dict[str, Chart], specs: SpecMemo,
                   memo: EmbedMemo) -> Iterator[Embed]:
    """Every embed, one at a time (the caller queues each one's drawing as it comes). An embed
    that ``memo`` recalls comes without its chart: nothing of it is drawn or written again."""
    for kind in SITE_WIDE:
        yield latest_embed(site, charts[kind])
    for week in site.tables.weeks:
        yield from frozen_embeds(site, week, charts, specs, memo)
    histories = {}
    for chart in charts.values():
        if not chart.family.entity:
            continue
        recalled = memo.recall(chart.chart_id, history_inputs(site, chart))
        if recalled is not None:
            yield dataclasses.replace(recalled, week=site.latest_week)
            continue
        if not histories:  # each table grouped once, when the first history is worked out
            histories = {family.entity: dict(tuple(getattr(site.tables, family.folder).groupby(
                family.key_column, sort=False))) for family in families.histories()}
        yield history_embed(site, chart, histories)


def latest_embed(site: Site, chart: Chart) -> Embed:
    latest = site.latest_week
    weeks = chart.family.drawn(site.tables.weeks)
    return make_embed(
        chart.kind, chart, False,
        [Note(embed_note(latest, "latest"), href=f"{EMBED_DIR}/{chart.kind}/{latest}/",
              label=embed_note(latest, "latest-label")), *revision_notes(site, weeks)],
        chart.family.page, site.is_sample)


def frozen_embeds(site: Site, week: str, charts: dict[str, Chart], specs: SpecMemo,
                  memo: EmbedMemo) -> Iterator[Embed]:
    """The site-wide charts as they stood when ``week`` was the latest."""
    frozen = [FAMILIES[kind] for kind in SITE_WIDE if FAMILIES[kind].frozen]
    recalled = {family.kind: memo.recall(f"{family.kind}/{week}", memo.chain[week])
                for family in frozen}
    upto: Tables | None = None
    for family in frozen:
        if recalled[family.kind] is not None:
            yield recalled[family.kind]
            continue
        upto = upto or tables_up_to(site.tables, week)
        if family.weekly:  # every week's ranking page has this chart: it is the frozen one
            chart = charts[weekly_chart_id(week)]
        else:
            chart = specs.chart(frozen_chart_job(site, family, week, upto))
        weeks = family.frozen_weeks(upto.weeks)
        yield make_embed(
            f"{family.kind}/{week}", chart, True,
            [Note(embed_note(week, "frozen"), href=f"{EMBED_DIR}/{family.kind}/",
                  label=embed_note(week, "frozen-label")), *revision_notes(site, weeks)],
            f"rankings/{week}/", site.is_sample)


def history_embed(site: Site, chart: Chart,
                  histories: dict[str, dict[str, pd.DataFrame]]) -> Embed:
    entity = chart.family.entity
    rows = histories[entity][chart.subject]
    weeks = list(rows["week_start"])
    if entity == "model":
        slugs = {chart.subject}
    else:
        models = site.tables.models
        slugs = set(models.loc[models[entity] == chart.subject, "model_permaslug"])
    return make_embed(
        chart.chart_id, chart, False,
        [Note(embed_note(site.latest_week, "latest")), *revision_notes(site, weeks, slugs)],
        f"{chart.chart_id}/", site.is_sample, week=site.latest_week)


def history_inputs(site: Site, chart: Chart) -> str:
    """What a history's embed is made from besides the build's seed: its chart's spec (its data,
    names, span, cited as_of), its headline and subtitle (whether its last week is the latest
    among them), and what each of its weeks cites and whether it was restated. Rows of other
    entities are not: an edit that moves another company's figures leaves this embed as it
    stands."""
    weeks = [str(week) for week in chart.data["week_start"]]
    return hashlib.sha256(json.dumps([
        chart.spec_json, chart.headline, chart.embed_subtitle, chart.embed_subtitle_narrow,
        chart.week == site.latest_week,
        [(week, site.cited_as_of(week), site.restated(week)) for week in weeks]]).encode()
    ).hexdigest()


def make_embed(embed_id: str, chart: Chart, frozen: bool, notes: list[Note], credit_path: str,
               sample: bool, week: str = "") -> Embed:
    description = chart.description.strip()
    headline, subtitle = one_line(chart.headline), one_line(chart.embed_subtitle)
    narrow = one_line(chart.embed_subtitle_narrow)
    alt = description or f"{headline}."  # the chart's finding, with its figures (said once)
    notes = (*notes, *caveats(chart.family, chart.week))
    height = snippet_height(
        headline, (subtitle, narrow), notes, chart.as_of,
        {"wide": (chart.wide.size.width, chart.wide.size.height),
         "narrow": (chart.narrow.size.width, chart.narrow.size.height)}, sample,
        (links_line(chart.kind, frozen, False), links_line(chart.kind, frozen, True)))
    return Embed(
        embed_id=embed_id, kind=chart.kind, week=week or chart.week, frozen=frozen,
        as_of=chart.as_of, headline=headline, subtitle=subtitle, alt=alt, notes=notes,
        credit_path=credit_path, subtitle_narrow="" if narrow == subtitle else narrow,
        height=height, chart=chart, table=chart.family.table(chart.data))


# ---------------------------------------------------------------- embeds, remembered

def week_chain(tables: Tables, cited: dict[str, tuple[str, bool]]) -> dict[str, str]:
    """Week -> a digest of every week up to that one: its table rows, the
    as_of its embeds cite and whether it was restated. The rows' own ``as_of`` (the snapshot
    each came from) is left out: a weekly fetch re-reads recent weeks, and unchanged figures
    keep citing their first publication, so their frozen embeds stay the same bytes."""
    frames = tuple(frame.drop(columns=[c for c in frame.columns if c == "as_of"])
                   for frame in (tables.totals, tables.models, tables.companies,
                                 tables.countries))
    rows = [(frame.columns, frame.dtypes, pd.util.hash_pandas_object(frame, index=False)
             .to_numpy(), frame.groupby("week_start", sort=False).indices) for frame in frames]
    running = hashlib.sha256()
    running.update(json.dumps([[list(map(str, c)), list(map(str, d))] for c, d, _, _ in rows])
                   .encode())
    chain = {}
    for week in tables.weeks:
        running.update(json.dumps([week, *cited[week]]).encode())
        for _, _, hashes, indices in rows:
            running.update(hashes[indices[week]].tobytes() if week in indices else b"-")
        chain[week] = running.hexdigest()
    return chain


class EmbedMemo:
    """The embeds of the last build and this build's (see the module's doc)."""

    def __init__(self, project: Project, site: Site) -> None:
        self.out = project.site_src / EMBED_DIR
        self.renders = project.cache_dir / "charts"
        where = hashlib.sha256(f"{project.root}|{project.data_dir}".encode()).hexdigest()[:16]
        self.path = project.cache_dir / "embeds" / f"{where}.json"
        try:
            self.old = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, dict] = {}  # recalled or remembered by this build
        self.keys: dict[str, str] = {}  # embed id -> the digest of its inputs, this build
        templates = project.templates_dir / "embeds"
        seed = hashlib.sha256(json.dumps([
            code_digest(), files_digest(source_files(templates), templates), site.site_url,
            site.is_sample]).encode())
        seed.update(frame_digest(site.tables.corrections))
        seed.update(frame_digest(site.tables.corrected))
        self.seed = seed.hexdigest()
        cited = {week: (site.cited_as_of(week), site.restated(week)) for week in site.tables.weeks}
        self.chain = week_chain(site.tables, cited)

    def recall(self, embed_id: str, inputs: str) -> Embed | None:
        """The embed as the last build recorded it, if made from the same ``inputs`` (and the
        same seed), its files as that build left them and its renders still in the cache."""
        key = self.keys[embed_id] = hashlib.sha256(
            f"{self.seed}|{embed_id}|{inputs}".encode()).hexdigest()
        record = self.old.get(embed_id) if isinstance(self.old, dict) else None
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        try:
            for name, (size, mtime) in record["files"].items():
                info = (self.out / embed_id / name).stat()
                if (info.st_size, info.st_mtime_ns) != (size, mtime):
                    return None
            if not all((self.renders / name).is_file() for name in record["renders"]):
                return None  # a render the weekly workflow's cache lost: draw it again
            embed = Embed(**record["embed"], notes=tuple(Note(**n) for n in record["notes"]))
        except (OSError, TypeError, ValueError, KeyError):
            return None
        self.new[embed_id] = record
        return embed

    def recorded(self, embed_id: str) -> dict | None:
        """What this build took from the last one for a recalled embed."""
        return self.new.get(embed_id)

    def remember(self, embed: Embed, renders: list[Path], files: list[Path]) -> None:
        if embed.embed_id not in self.keys:  # a latest site-wide embed: never recalled
            return
        fields = {f.name: getattr(embed, f.name) for f in dataclasses.fields(Embed)
                  if f.name not in ("notes", "chart", "table")}
        self.new[embed.embed_id] = {
            "key": self.keys[embed.embed_id], "embed": fields,
            "notes": [dataclasses.asdict(note) for note in embed.notes],
            "renders": [path.name for path in renders],
            "files": {path.name: [info.st_size, info.st_mtime_ns]
                      for path, info in ((path, path.stat()) for path in files)},
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_if_changed(self.path, json.dumps(dict(sorted(self.new.items())),
                                                    ensure_ascii=False, separators=(",", ":")))
