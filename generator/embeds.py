"""Embeds: a standalone page per chart that a newsroom can put in an iframe (DESIGN §7).

Every chart of the site gets ``embed/<chart-id>/`` (always the latest week). The four site-wide
charts also get ``embed/<chart-id>/<week>/`` for every published week, frozen: drawn only from the
weeks up to that one and citing the ``as_of`` at which that week's figures were first published,
so neither a later week nor a re-fetch of unchanged figures changes a byte of it. A restatement
does change it, and the page then says so.

Each embed folder holds ``index.html`` (strict CSP, no inline script or style, static SVG first),
``chart.vl.json`` (the interactive spec, loaded on interaction), ``oembed.json`` and the downloads:
the chart's CSV, PNG cards at 1200×675 and 1080×1080 and an SVG card for print, each with the
headline, subtitle, source, date and credit drawn in. Renders go through the chart render cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import re
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup

from generator import charts, fmt
from generator.charts import Caption
from generator.corrections import describe
from generator.derive import Tables
from generator.draw import render_embed_images, svg_size, wrap
from generator.errors import TrackerError
from generator.files import write_bytes_if_changed, write_text_if_changed
from generator.load import Snapshot, week_versions
from generator.pages import Site
from generator.paths import Project, shown
from generator.render import VL_VERSION, ChartPlan, Workers, cache_key, code_seed
from generator.tableio import frame_digest, records

PROVIDER = "AI Token Tracker"
EMBED_DIR = "embed"
# The postMessage types (documented on the Embed page): the embed posts its height; resize.js
# asks an embed that loaded before it for its height.
HEIGHT_MESSAGE = "ai-token-tracker:embed-height"
HEIGHT_REQUEST = "ai-token-tracker:embed-height-request"
SITE_WIDE = ("tokens-by-country", "country-share", "tokens-by-company", "top-models")
# Where each site-wide chart lives on the site (the credit link of its latest embed).
CHART_PAGES = {"tokens-by-country": "", "country-share": "countries/",
               "tokens-by-company": "companies/", "top-models": "rankings/"}
ENTITY_KINDS = {"models": "model", "companies": "company", "countries": "country"}
EMBED_SIZE = (720, 360)  # the embed chart, px (axes and legend included)
EMBED_FONT = 13
CARD_SIZES = ((1200, 675), (1080, 1080))
CARD_LAYOUT = 7  # bump when compose_card() or the PNG encoding changes: cached cards are redrawn
ASSETS = ("embed.css", "embed.js", "resize.js")  # copied from templates/embeds/ to /embed/
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
SITE_URL_RE = re.compile(r"^site_url:\s*(?:!ENV\s*\[\s*SITE_URL\s*,\s*)?[\"']?([^\"'\]\s]+)",
                         re.MULTILINE)

TOKENS_CAVEAT = ("Tokens are counted by each model's own tokenizer; the data is one router's "
                 "public traffic, not the whole market.")
COUNTRY_CAVEAT = "Country: the developer's headquarters, not the host serving the model."


# ---------------------------------------------------------------- what each embed shows

@dataclass(frozen=True)
class Note:
    text: str
    href: str = ""  # relative to the site root
    label: str = ""


@dataclass(frozen=True)
class DataTable:
    """The visually hidden table that gives screen readers the chart's numbers."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Embed:
    embed_id: str  # path under embed/: "tokens-by-country", "tokens-by-country/2026-03-30"
    chart_id: str  # the site chart it shows (its CSV is the same data)
    kind: str  # a SITE_WIDE id, or "model", "company", "country"
    week: str  # the last week the figures run to
    frozen: bool
    as_of: str
    headline: str  # states the finding
    subtitle: str  # metric, unit, period
    alt: str
    notes: tuple[Note, ...]
    credit_path: str  # the chart's page, relative to the site root
    latest_id: str
    frozen_id: str  # this week's frozen version of a latest embed ("" when there is none)
    stem: str  # download file names: f"{stem}.csv", f"{stem}-1200x675.png", ...
    # the chart without its title (HTML has it), as compact JSON: a thousand embeds' spec dicts
    # (data included) would hold hundreds of MB
    spec_json: str = field(repr=False, compare=False)
    data: pd.DataFrame = field(repr=False, compare=False)
    table: DataTable = field(repr=False, compare=False)

    @property
    def folder(self) -> str:
        return f"{EMBED_DIR}/{self.embed_id}/"

    @property
    def root(self) -> str:
        """From the embed page back to the site root."""
        return "../" * self.folder.count("/")

    def downloads(self) -> list[tuple[str, str]]:
        """(label, file name) of each download, in the order pages list them."""
        return [("PNG 1200×675", f"{self.stem}-1200x675.png"),
                ("PNG 1080×1080", f"{self.stem}-1080x1080.png"),
                ("SVG", f"{self.stem}.svg"),
                ("CSV", f"{self.stem}.csv")]


@dataclass
class Embeds:
    """Every embed of the build, plus what the site's pages need to offer them."""

    site_url: str
    latest_week: str
    by_id: dict[str, Embed]
    sizes: dict[str, tuple[int, int]]  # embed id -> screen chart size (px)
    heights: dict[str, int] = field(default_factory=dict)  # embed id -> snippet height (px)
    files: set[Path] = field(default_factory=set)

    def for_chart(self, chart_id: str) -> tuple[Embed | None, Embed | None]:
        """The latest embed of a site chart and, when there is one, its frozen version. A past
        week's ranking offers only its own frozen chart: the latest is the Rankings page's (and
        a past week's page then stays the same when a week is added)."""
        if chart_id in SITE_WIDE:
            return self.by_id[chart_id], self.by_id.get(f"{chart_id}/{self.latest_week}")
        if chart_id.startswith("top-models/"):
            latest = self.by_id["top-models"] if chart_id.endswith(self.latest_week) else None
            return latest, self.by_id[chart_id]
        return self.by_id[chart_id], None

    def card_png(self, chart_id: str) -> str:
        """The PNG of a site chart (relative to the site root): the 1200×675 card of the embed
        that draws the same figures (every chart id is also an embed id)."""
        embed = self.by_id[chart_id]
        return f"{embed.folder}{embed.stem}-{CARD_SIZES[0][0]}x{CARD_SIZES[0][1]}.png"

    def url(self, embed: Embed) -> str:
        return self.site_url + embed.folder

    def default_height(self, embed: Embed) -> int:
        if embed.embed_id not in self.heights:
            self.heights[embed.embed_id] = default_height(embed, *self.sizes[embed.embed_id])
        return self.heights[embed.embed_id]

    def snippet(self, embed: Embed) -> str:
        """The copy-paste HTML: the iframe (at a height that shows the whole chart without any
        script) and the resize script, which then fits it to its content."""
        title = fmt.attr(one_line(embed.headline))
        return (f'<iframe src="{fmt.attr(self.url(embed))}" title="{title}" '
                f'width="100%" height="{self.default_height(embed)}" loading="lazy" '
                f'style="width:100%;border:0"></iframe>\n'
                f'<script src="{fmt.attr(self.site_url)}embed/resize.js" async></script>')

    def citation(self, embed: Embed) -> str:
        when = (f"frozen at the week of {fmt.week_range(embed.week)}" if embed.frozen
                else "latest week")
        return (f"{PROVIDER}, “{one_line(embed.headline)}” ({when}). "
                f"{fmt.source_line(embed.as_of)} {self.url(embed)}")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# ---------------------------------------------------------------- site address

def site_url(project: Project) -> str:
    """The published address as mkdocs.yml resolves it: $SITE_URL, else the file's default.
    Snippets and oEmbed need it absolute, so the same build runs with the same value."""
    url = os.environ.get("SITE_URL", "")
    if not url and project.mkdocs_yml.exists():
        match = SITE_URL_RE.search(project.mkdocs_yml.read_text(encoding="utf-8"))
        url = match.group(1) if match else ""
    url = url or DEFAULT_SITE_URL
    if not re.match(r"^https?://[^\s\"'<>]+$", url):
        raise TrackerError(f"SITE_URL: not an http(s) address: {url!r}")
    return url.rstrip("/") + "/"


# ---------------------------------------------------------------- when figures were published

@dataclass(frozen=True)
class Publication:
    first_as_of: str  # when the week's current figures were first published
    restated: bool  # an earlier snapshot held other figures for the week


def week_publications(snapshots: list[Snapshot]) -> dict[str, Publication]:
    """For each complete week: the as_of at which its current figures first appeared, and
    whether they replaced other figures (a restatement). A re-fetch that returns the same
    figures is not a new publication, so frozen embeds keep citing the first as_of."""
    published = {}
    for week, history in week_versions(snapshots).items():
        first = len(history) - 1
        while first > 0 and history[first - 1].tokens == history[-1].tokens:
            first -= 1
        published[week.isoformat()] = Publication(first_as_of=history[first].as_of,
                                                  restated=first > 0)
    return published


# ---------------------------------------------------------------- words

def tables_up_to(tables: Tables, week: str) -> Tables:
    """The tables as they stood when ``week`` was the latest: nothing after it."""
    return Tables(*(frame[frame["week_start"] <= week].reset_index(drop=True)
                    for frame in (tables.totals, tables.models, tables.companies,
                                  tables.countries)))


def short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def period(first_week: str, last_week: str) -> str:
    """'6 Jan 2025 – 5 Apr 2026': from the first Monday to the last week's Sunday."""
    end = date.fromisoformat(last_week) + timedelta(days=6)
    return f"{short_day(date.fromisoformat(first_week))} – {short_day(end)}"


def models_of(code: str) -> str:
    return fmt.sentence_case(fmt.country_models(code))


def week_rows(frame: pd.DataFrame, week: str, by: list[str]) -> list[dict]:
    rows = frame[frame["week_start"] == week]
    return records(rows.sort_values(by, ascending=[False, *[True] * (len(by) - 1)]))


def site_wide_words(kind: str, upto: Tables, week: str) -> tuple[str, str]:
    """Headline (the finding) and subtitle (metric, unit, period) of a site-wide chart."""
    span = period(upto.weeks[0], week)
    in_week = f"in the week of {fmt.week_range(week)}"
    if kind == "tokens-by-country":
        rows = week_rows(upto.countries, week, ["tokens", "country"])
        headline = (f"{models_of(rows[0]['country'])} processed the most tokens {in_week}: "
                    f"{fmt.tokens_words(rows[0]['tokens'])}, "
                    f"{fmt.percent(rows[0]['share_of_attributed'])} of attributed tokens"
                    if rows else f"Weekly tokens by country of origin, {in_week}")
        return headline, ("Tokens processed per week on OpenRouter, by the country of each "
                          f"model's developer; {span}")
    if kind == "country-share":
        rows = week_rows(upto.countries, week, ["tokens", "country"])
        headline = f"Share of attributed tokens by country, {in_week}"
        if rows:
            lead = rows[0]
            headline = (f"{models_of(lead['country'])} took "
                        f"{fmt.percent(lead['share_of_attributed'])} of attributed tokens "
                        f"{in_week}")
            before = upto.countries[(upto.countries["country"] == lead["country"])
                                    & (upto.countries["week_start"] < week)]
            if len(before):
                previous = float(before["share_of_attributed"].iloc[-1])
                direction = "up" if lead["share_of_attributed"] > previous else "down"
                if fmt.percent(previous) != fmt.percent(lead["share_of_attributed"]):
                    headline += f", {direction} from {fmt.percent(previous)} the week before"
        return headline, ("Each country's share of the week's tokens attributed to a country "
                          f"(%), per week; {span}")
    if kind == "tokens-by-company":
        rows = week_rows(upto.companies, week, ["tokens", "company"])
        headline = (f"{rows[0]['company']} led all companies {in_week}, with "
                    f"{fmt.tokens_words(rows[0]['tokens'])} tokens "
                    f"({fmt.percent(rows[0]['share_of_attributed'])} of attributed)"
                    if rows else f"Weekly tokens by company, {in_week}")
        return headline, ("Tokens processed per week on OpenRouter by the ten largest companies "
                          f"of the last week, the rest summed; {span}")
    rows = week_rows(upto.models, week, ["tokens", "model_permaslug"])
    count = min(len(rows), 15)
    headline = (f"{rows[0]['model_name']} was the most used model {in_week}, with "
                f"{fmt.tokens_words(rows[0]['tokens'])} tokens "
                f"({fmt.percent(rows[0]['share_of_total'])} of all tokens)"
                if rows else f"Top models, {in_week}")
    return headline, (f"Tokens processed on OpenRouter {in_week} by the {count} most used "
                      "models, coloured by the developer's country")


def entity_words(kind: str, name: str, rows: pd.DataFrame, site: Site) -> tuple[str, str]:
    """Headline and subtitle of one model's, company's or country's history."""
    latest = site.latest_week
    last = records(rows.tail(1))[0]
    # to the entity's own last week (as its chart): an absent entity's card stays the same
    span = period(site.tables.weeks[0], last["week_start"])
    current = last["week_start"] == latest
    in_week = f"in the week of {fmt.week_range(last['week_start'])}"
    if kind == "model":
        headline = (f"{name} ranked #{last['rank']} {in_week}, with "
                    f"{fmt.tokens_words(last['tokens'])} tokens" if current
                    else f"{name} was last in the top 50 {in_week}, at #{last['rank']}")
        return headline, f"Tokens processed per week on OpenRouter while in the top 50; {span}"
    subject = f"{name}'s models" if kind == "company" else models_of(name)
    headline = (f"{subject} processed {fmt.tokens_words(last['tokens'])} tokens {in_week}, "
                f"{fmt.percent(last['share_of_attributed'])} of attributed tokens" if current
                else f"{subject} were last in the top 50 {in_week}")
    where = (f"{name}'s ranked models" if kind == "company"
             else f"ranked models developed in {fmt.country_name(name)}")
    return headline, f"Tokens processed per week on OpenRouter by {where}; {span}"


def caveats(kind: str) -> list[Note]:
    notes = []
    if kind == "tokens-by-country":
        notes.append(Note("“Other models”: usage outside the top 50. “Unattributed”: ranked "
                          "models with no known country."))
    if kind == "country-share":
        notes.append(Note("Shares of attributed tokens: usage outside the top 50 and "
                          "unattributed models are left out."))
    if kind in ("tokens-by-country", "country-share", "country", "top-models"):
        notes.append(Note(COUNTRY_CAVEAT))
    notes.append(Note(TOKENS_CAVEAT))
    return notes


def restatement_notes(weeks: list[str], publications: dict[str, Publication]) -> list[Note]:
    """Say which of the chart's weeks the source restated (the chart shows the new figures)."""
    restated = [w for w in weeks if publications.get(w, Publication("", False)).restated]
    if not restated:
        return []
    newest = max(restated, key=lambda w: (publications[w].first_as_of, w))
    when = fmt.as_of_date(publications[newest].first_as_of)
    if len(restated) == 1:
        what = f"the week of {fmt.week_range(restated[0])} on {when}"
    else:
        what = (f"{len(restated)} of these weeks, most recently the week of "
                f"{fmt.week_range(newest)} on {when}")
    return [Note(f"Restated: the source revised its figures for {what}; this chart shows the "
                 "revised figures.", href="data/revisions/", label="Corrections and revisions")]


def correction_notes(site: Site, weeks: list[str], models: set[str] | None = None) -> list[Note]:
    """Say which contributors' corrections changed (or flagged) the figures this chart draws,
    newest first, each linked to its entry in the log."""
    touched = site.tables.corrected
    if touched.empty:  # no correction at all (most builds): nothing to filter for 900 embeds
        return []
    touched = touched[touched["week_start"].isin(weeks)]
    if models is not None:
        touched = touched[touched["model_permaslug"].isin(models)]
    ids = set(touched["correction_id"])
    entries = [e for e in records(site.tables.corrections) if e["id"] in ids]  # newest first
    if not entries:
        return []
    newest = entries[0]
    verb = "Flagged" if newest["action"] == "flag" else "Corrected"
    what = describe(newest["action"], newest["target"], newest["value"])
    if len(entries) == 1:
        reason = newest["reason"] if newest["reason"][-1:] in ".!?" else f"{newest['reason']}."
        return [Note(f"{verb} on {newest['date']}: {what}. {reason}",
                     href=f"data/revisions/#{newest['id']}", label="Corrections log")]
    # several: one line (an embed must stay short), the log has each one
    return [Note(f"Corrected: {len(entries)} contributor corrections apply to these figures; "
                 f"the latest, on {newest['date']}: {what}.",
                 href="data/revisions/#corrections", label="Corrections log")]


# ---------------------------------------------------------------- screen-reader tables

def data_table(kind: str, data: pd.DataFrame) -> DataTable:
    """The chart's numbers in reading order: a week per row (a column per band or country),
    or the ranking."""
    if kind in ("tokens-by-country", "tokens-by-company", "country-share"):
        value, label, show = (("share_of_attributed", "country_name", fmt.percent)
                              if kind == "country-share" else ("tokens", "band", fmt.tokens_words))
        order = (list(data.sort_values("order")[label].drop_duplicates()) if "order" in data
                 else list(data.sort_values(["week_start", value], ascending=[False, False])
                           [label].drop_duplicates()))
        wide = data.pivot(index="week_start", columns=label, values=value)[order]
        rows = tuple((week, *("–" if pd.isna(cell) else show(cell) for cell in cells))
                     for week, cells in zip(wide.index, wide.itertuples(index=False, name=None)))
        what = "Share of attributed tokens" if kind == "country-share" else "Tokens"
        return DataTable(f"{what} per week (week starting)", ("Week", *order), rows)
    if kind == "top-models":
        rows = tuple((str(r["rank"]), r["model_name"], r["company"] or "–", r["country_name"],
                      fmt.tokens_words(r["tokens"]), fmt.percent(r["share_of_total"]))
                     for r in records(data))
        return DataTable("Tokens in the week by model", ("Rank", "Model", "Company", "Country",
                                                         "Tokens", "Share of all tokens"), rows)
    share = "share_of_total" if kind == "model" else "share_of_attributed"
    headers = ["Week", "Tokens", "Share of all tokens" if kind == "model"
               else "Share of attributed tokens"]
    if kind == "model":
        headers.insert(1, "Rank")
    rows = tuple((r["week_start"], *([str(r["rank"])] if kind == "model" else []),
                  fmt.tokens_words(r["tokens"]), fmt.percent(r[share])) for r in records(data))
    return DataTable("Tokens per week (week starting)", tuple(headers), rows)


# ---------------------------------------------------------------- collecting the embeds

def embed_spec(spec: dict) -> dict:
    """The chart as embeds draw it: without its title block (the page states title, subtitle
    and source in HTML, readable at any width), at one 2:1 size for every chart so the same
    drawing serves the page, the interactive version and both image cards."""
    embed = {key: value for key, value in spec.items()
             if key not in ("title", "width", "height", "autosize", "padding")}
    config = json.loads(json.dumps(spec.get("config", {})))
    config.setdefault("axis", {}).update(labelFontSize=EMBED_FONT, titleFontSize=EMBED_FONT)
    config.setdefault("legend", {}).update(labelFontSize=EMBED_FONT, titleFontSize=EMBED_FONT)
    # a reader's font may be wider than the renderer's: keep numbers apart, labels inside
    for axis in ("axisQuantitative", "axisTemporal"):
        config.setdefault(axis, {}).update(labelOverlap="greedy", labelSeparation=8)
    embed.update(config=config, width=EMBED_SIZE[0], height=EMBED_SIZE[1],
                 padding={"left": 16, "right": 12, "top": 8, "bottom": 6},
                 autosize={"type": "fit", "contains": "padding"})
    return embed


def short_history(spec: dict, weeks: list[str]) -> dict:
    """A frozen chart of the first few weeks: label each Monday (the site-wide axis labels
    months, which repeat on a short span), and draw a single week as bars or points."""
    if len(weeks) >= 20:
        return spec
    step = -(-len(weeks) // 6)
    axis = spec["encoding"]["x"].setdefault("axis", {})
    axis.pop("tickCount", None)
    axis.update(format="%-d %b",
                values=[charts.utc_datetime(week).to_dict() for week in weeks[::step]])
    if len(weeks) == 1:
        mark = spec["mark"]["type"] if isinstance(spec["mark"], dict) else spec["mark"]
        spec["mark"] = ({"type": "bar", "width": 48} if mark == "area"
                        else {"type": "point", "filled": True, "size": 90})
    return spec


def stem_for(embed_id: str) -> str:
    return "ai-token-tracker-" + embed_id.replace("/", "-")


def collect_embeds(site: Site, plan: ChartPlan, publications: dict[str, Publication],
                   memo: FrozenMemo | None = None) -> Iterator[Embed]:
    """Every embed, one at a time (the caller queues each one's renders as it comes). A frozen
    embed that ``memo`` recalls (same inputs, files as the last build left them) comes as it
    was recorded, without its spec, data or table: nothing of it is drawn or written again."""
    tables, latest = site.tables, site.latest_week
    by_id = {job.chart_id: job for job in plan.jobs}

    def saved_spec(chart_id: str) -> dict:
        # the chart stage's own spec, exactly as it is drawn: not a second to_dict()
        return json.loads(plan.spec_json(chart_id))

    def as_of_for(week: str) -> str:
        known = publications.get(week)
        return known.first_as_of if known else site.as_of_for(week)

    for chart_id in SITE_WIDE:
        headline, subtitle = site_wide_words(chart_id, tables, latest)
        frozen_id = f"{chart_id}/{latest}"
        weeks = [latest] if chart_id == "top-models" else tables.weeks
        yield make_embed(
            chart_id, chart_id, chart_id, latest, False, site.as_of, headline, subtitle,
            [*restatement_notes(weeks, publications), *correction_notes(site, weeks),
             Note("Updated every week.", href=f"{EMBED_DIR}/{frozen_id}/",
                  label=f"Version frozen at the week of {fmt.week_range(latest)}")],
            CHART_PAGES[chart_id], frozen_id, saved_spec(chart_id), by_id[chart_id].data)

    frozen = {
        "tokens-by-country": (charts.tokens_by_country_chart, charts.country_bands_data),
        "country-share": (charts.country_share_chart, charts.country_share_data),
        "tokens-by-company": (charts.tokens_by_company_chart, charts.company_bands_data),
    }
    for week in tables.weeks:
        recalled = {kind: memo.recall(f"{kind}/{week}", week) if memo else None
                    for kind in SITE_WIDE}
        if all(recalled.values()):
            yield from recalled.values()
            continue
        upto = tables_up_to(tables, week)
        caption = Caption(as_of=as_of_for(week), is_sample=site.is_sample)
        for kind in SITE_WIDE:
            if recalled[kind] is not None:
                yield recalled[kind]
                continue
            if kind == "top-models":
                chart_id = f"top-models/{week}"
                spec, data, weeks = saved_spec(chart_id), by_id[chart_id].data, [week]
            else:
                draw, prepare = frozen[kind]
                data = prepare(upto)
                # validated once already: the same chart functions drew the site's charts
                spec = short_history(draw(data, caption).to_dict(validate=False), upto.weeks)
                chart_id, weeks = kind, upto.weeks
            headline, subtitle = site_wide_words(kind, upto, week)
            yield make_embed(
                f"{kind}/{week}", chart_id, kind, week, True, caption.as_of, headline, subtitle,
                [Note(f"Frozen: the figures as published for the week of {fmt.week_range(week)}; "
                      "this chart does not change when later weeks are added.",
                      href=f"{EMBED_DIR}/{kind}/", label="Latest version"),
                 *restatement_notes(weeks, publications), *correction_notes(site, weeks)],
                f"rankings/{week}/", "", spec, data, latest_id=kind)

    names = {
        "models": {f: s for s, f in site.model_files.items()},
        "companies": {f: c for c, f in site.company_files.items()},
        "countries": {f: c for c, f in site.country_files.items()},
    }
    grouped: dict[tuple[str, str], dict[str, pd.DataFrame]] = {}

    def rows_of(table: str, column: str, key: str) -> pd.DataFrame:
        """An entity's rows of a table (grouped once, when the first is asked for)."""
        if (table, column) not in grouped:
            grouped[table, column] = dict(tuple(getattr(tables, table).groupby(column,
                                                                               sort=False)))
        return grouped[table, column][key]

    for chart_id in plan.specs:
        family, _, file_name = chart_id.partition("/")
        if family not in ENTITY_KINDS:
            continue
        kind, key = ENTITY_KINDS[family], names[family][file_name]
        data = by_id[chart_id].data
        # An entity's embed is made from its chart and its weeks: one absent from the latest
        # week is recalled as the last build left it (see FrozenMemo).
        last_week = str(data["week_start"].iloc[-1])
        if memo is not None and last_week in memo.chain:
            chart = hashlib.sha256(plan.spec_json(chart_id).encode()).hexdigest()
            recalled = memo.recall(chart_id, last_week, f"{chart}|{last_week == latest}")
            if recalled is not None:
                yield dataclasses.replace(recalled, week=latest)
                continue
        column = {"model": "model_permaslug", "company": "company", "country": "country"}[kind]
        if kind == "model":
            history = rows_of("models", column, key)
            name = str(history["model_name"].iloc[-1])
        else:
            history = rows_of("companies" if kind == "company" else "countries", column, key)
            name = key
        headline, subtitle = entity_words(kind, name, history, site)
        weeks = list(history["week_start"])
        models = set(rows_of("models", column, key)["model_permaslug"])
        yield make_embed(
            chart_id, chart_id, kind, latest, False, as_of_for(weeks[-1]), headline, subtitle,
            [*restatement_notes(weeks, publications), *correction_notes(site, weeks, models),
             Note("Updated every week.")],
            f"{chart_id}/", "", saved_spec(chart_id), data)


def make_embed(embed_id: str, chart_id: str, kind: str, week: str, frozen: bool, as_of: str,
               headline: str, subtitle: str, notes: list[Note], credit_path: str, frozen_id: str,
               spec: dict, data: pd.DataFrame, latest_id: str = "") -> Embed:
    description = str(spec.get("description", "")).strip()
    alt = f"{description} {one_line(headline)}." if description else f"{one_line(headline)}."
    return Embed(
        embed_id=embed_id, chart_id=chart_id, kind=kind, week=week, frozen=frozen, as_of=as_of,
        headline=one_line(headline), subtitle=one_line(subtitle), alt=alt,
        notes=(*notes, *caveats(kind)), credit_path=credit_path,
        latest_id=latest_id or embed_id, frozen_id=frozen_id, stem=stem_for(embed_id),
        spec_json=json.dumps(embed_spec(spec), sort_keys=True, separators=(",", ":")),
        data=data, table=data_table(kind, data),
    )


# ---------------------------------------------------------------- embeds, remembered
# A frozen embed does not change once its week is published, nor does the embed of a model,
# company or country absent from a new week; yet working one out (the tables up to its week, its
# chart's spec, words and screen-reader table) and writing it costs ~10-25 ms, 420 + ~430 of
# them at two years of history: most of a weekly rebuild's generating. So each build records,
# per embed of these kinds, a digest of everything it is made from and the size and time of
# each file it wrote (in the cache folder, beside the renders); the next build takes an embed
# whose digest and files are unchanged as it stands. The digest covers the generator's code,
# the embed templates, the library versions, the site address, the sample flag, the
# contributors' corrections, each week's cited as_of and restated flag and every row of the
# four weekly tables up to the embed's (last) week; for an entity, its chart's spec and whether
# that week is the latest too. Files are checked by size and time, as the build's stamps do:
# the generator rewrites a file only when its bytes change.
MEMO_VERSION = 2
MEMO_PACKAGES = ("jinja2", "markupsafe")  # and code_seed's


def week_chain(tables: Tables, cited: dict[str, tuple[str, bool]], seed: bytes
               ) -> dict[str, str]:
    """Week -> a digest of ``seed`` and, for every week up to that one, of its table rows, the
    as_of its embeds cite and whether it was restated. The rows' own ``as_of`` (the snapshot
    each came from) is left out: a weekly fetch re-reads recent weeks, and unchanged figures
    keep citing their first publication, so their frozen embeds stay the same bytes."""
    frames = tuple(frame.drop(columns=[c for c in frame.columns if c == "as_of"])
                   for frame in (tables.totals, tables.models, tables.companies,
                                 tables.countries))
    rows = [(frame.columns, frame.dtypes, pd.util.hash_pandas_object(frame, index=False)
             .to_numpy(), frame.groupby("week_start", sort=False).indices) for frame in frames]
    running = hashlib.sha256(seed)
    running.update(json.dumps([[list(map(str, c)), list(map(str, d))] for c, d, _, _ in rows])
                   .encode())
    chain = {}
    for week in tables.weeks:
        running.update(json.dumps([week, *cited[week]]).encode())
        for _, _, hashes, indices in rows:
            running.update(hashes[indices[week]].tobytes() if week in indices else b"-")
        chain[week] = running.hexdigest()
    return chain


class FrozenMemo:
    """The frozen embeds of the last build, and this build's (see above)."""

    def __init__(self, project: Project, site: Site, publications: dict[str, Publication],
                 base_url: str) -> None:
        self.out = project.site_src / EMBED_DIR
        self.renders = project.cache_dir / "charts"
        where = hashlib.sha256(f"{project.root}|{project.data_dir}".encode()).hexdigest()[:16]
        self.path = project.cache_dir / "embeds" / f"{where}.json"
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            self.old = stored["embeds"] if stored.get("version") == MEMO_VERSION else {}
        except (OSError, ValueError, AttributeError, KeyError):
            self.old = {}
        self.new: dict[str, dict] = {}  # recalled or remembered by this build
        self.keys: dict[str, str] = {}  # embed id -> the digest of its inputs, this build
        seed = hashlib.sha256(json.dumps([
            MEMO_VERSION, code_seed(), base_url, site.is_sample,
            [importlib.metadata.version(name) for name in MEMO_PACKAGES]]).encode())
        templates = project.templates_dir / "embeds"
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                seed.update(f"{path.relative_to(templates)}\0".encode())
                seed.update(hashlib.sha256(path.read_bytes()).digest())
        seed.update(frame_digest(site.tables.corrections))
        seed.update(frame_digest(site.tables.corrected))
        cited = {week: (publications[week].first_as_of, publications[week].restated)
                 if week in publications else (site.as_of_for(week), False)
                 for week in site.tables.weeks}
        self.chain = week_chain(site.tables, cited, seed.digest())

    def recall(self, embed_id: str, week: str, extra: str = "") -> Embed | None:
        """The embed as the last build recorded it, if made from the same inputs: those up to
        ``week`` (see above) and ``extra`` (what else it is made from)."""
        key = self.keys[embed_id] = hashlib.sha256(
            f"{self.chain[week]}|{embed_id}|{extra}".encode()).hexdigest()
        record = self.old.get(embed_id)
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        try:
            for name, (size, mtime) in record["files"].items():
                info = (self.out / embed_id / name).stat()
                if (info.st_size, info.st_mtime_ns) != (size, mtime):
                    return None
            if not all((self.renders / name).is_file() for name in record["renders"]):
                return None  # a render the weekly workflow's cache lost: draw it again
            embed = Embed(**record["embed"], notes=tuple(Note(**n) for n in record["notes"]),
                          spec_json="", data=pd.DataFrame(), table=DataTable("", (), ()))
        except (OSError, TypeError, ValueError, KeyError):
            return None
        self.new[embed_id] = record
        return embed

    def recalled(self, embed_id: str) -> dict | None:
        return self.new.get(embed_id)

    def remember(self, embed: Embed, size: tuple[int, int], renders: list[Path],
                 files: list[str]) -> None:
        folder = self.out / embed.embed_id
        stats = {name: (folder / name).stat() for name in files}
        fields = {f.name: getattr(embed, f.name) for f in dataclasses.fields(Embed)
                  if f.name not in ("notes", "spec_json", "data", "table")}
        self.new[embed.embed_id] = {
            "key": self.keys[embed.embed_id], "embed": fields,
            "notes": [dataclasses.asdict(note) for note in embed.notes], "size": list(size),
            "renders": [path.name for path in renders],
            "files": {name: [info.st_size, info.st_mtime_ns] for name, info in stats.items()},
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_if_changed(self.path, json.dumps(
            {"version": MEMO_VERSION, "embeds": dict(sorted(self.new.items()))},
            ensure_ascii=False, separators=(",", ":")))


# ---------------------------------------------------------------- cards (images to download)











def card_payload(embed: Embed, size: tuple[int, int], site_url_: str, is_sample: bool) -> str:
    """Everything a card is drawn from but its chart, as JSON: the worker draws the chart from
    the embed's SVG, and the card's cache key hashes this and the embed's spec together (the
    spec is not sent along: a cold build queues ~1,800 cards at once)."""
    credit = f"Chart: {PROVIDER} · {site_url_.split('://', 1)[-1]}{embed.credit_path}"
    payload = {
        "layout": CARD_LAYOUT, "size": list(size),
        "text": {"headline": embed.headline, "subtitle": embed.subtitle,
                 "sample": fmt.SAMPLE_NOTICE.upper() if is_sample else "",
                 "source": fmt.source_line(embed.as_of), "credit": credit, "alt": embed.alt},
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))










# ---------------------------------------------------------------- the pages

def inline_svg(svg: bytes, alt: str) -> str:
    """The static chart, inline (no request, restyled by the dark theme's CSS): one image with
    one accessible name, its inner ARIA dropped (the data table carries the numbers)."""
    text = svg.decode("utf-8")
    text = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", text)
    text = text.replace(' class="marks"', "", 1)
    opening = f'<svg class="tt-embed__svg" role="img" aria-label="{fmt.attr(alt)}"'
    # a function, not a template: a backslash in the alt text is not a regex escape
    return re.sub(r"^<svg\b", lambda _: opening, text.strip(), count=1)


# The snippet's height: enough for the whole embed in a typical article column (640 px) and, in
# a phone's column (320 px), at least down to the source line, with no script at all. Estimated
# from the sizes embed.css sets (font size, line height, bold).
PADDING = 14
LINE = {"title": (21, 27, True), "subtitle": (15, 21, False), "note": (13.5, 19, False),
        "source": (13, 18, False), "links": (14, 20, False)}
HTML_FONT_WIDTH = 1.15  # readers' sans-serif (e.g. DejaVu Sans) runs wider than the estimate
COLUMNS = (640, 300)  # an article column; a phone's (320 px less the host page's margins)


def text_lines(text: str, style: str, width: int) -> int:
    size, _, bold = LINE[style]
    return len(wrap(text, size * HTML_FONT_WIDTH, bold, width, 1000))


def content_height(embed: Embed, chart_w: int, chart_h: int, column: int,
                   through_source: bool = False) -> int:
    width = column - 2 * PADDING
    height = PADDING + 26  # the sample banner, or a line of slack
    height += text_lines(embed.headline, "title", width) * LINE["title"][1] + 8
    height += text_lines(embed.subtitle, "subtitle", width) * LINE["subtitle"][1] + 10
    height += round(width * chart_h / max(chart_w, 1)) + 10
    for note in embed.notes:
        height += text_lines(f"{note.text} {note.label}", "note", width) * LINE["note"][1] + 4
    height += text_lines(fmt.source_line(embed.as_of), "source", width) * LINE["source"][1] + 12
    if through_source:
        return height
    return height + 2 * LINE["links"][1] + PADDING + 12


def default_height(embed: Embed, chart_w: int, chart_h: int) -> int:
    article, phone = COLUMNS
    return max(content_height(embed, chart_w, chart_h, article),
               content_height(embed, chart_w, chart_h, phone, through_source=True))


@dataclass
class EmbedPlan:
    """The embeds of a build, their renders queued: enough for the site's pages to offer them
    (every embed chart is drawn at EMBED_SIZE) before the pictures exist."""

    index: Embeds
    charts: ChartPlan  # the site's charts: an embed of one reuses its CSV
    # (embed, chart SVG path, card paths by size, the task drawing what is missing); an embed
    # the memo recalled is not planned: its files stand
    planned: list[tuple[Embed, Path, dict[tuple[int, int], tuple[Path, Path]], Future | None]]
    memo: FrozenMemo | None = None


def plan_embeds(project: Project, site: Site, charts: ChartPlan, snapshots: list[Snapshot],
                workers: Workers, used: set[Path] | None = None) -> EmbedPlan:
    """Work out every embed and queue its chart SVG and cards (one task per embed, drawn in the
    background while the site's pages are written); the render-cache files they need are added
    to ``used``."""
    base_url = site_url(project)
    cache_dir = project.cache_dir / "charts"
    cache_dir.mkdir(parents=True, exist_ok=True)
    index = Embeds(site_url=base_url, latest_week=site.latest_week, by_id={}, sizes={})
    publications = week_publications(snapshots)
    memo = FrozenMemo(project, site, publications, base_url)
    plan = EmbedPlan(index, charts, [], memo)
    queued: set[Path] = set()
    for embed in collect_embeds(site, charts, publications, memo):
        index.by_id[embed.embed_id] = embed
        record = memo.recalled(embed.embed_id)
        if record is not None:  # as the last build left it: nothing to draw or write
            index.sizes[embed.embed_id] = (record["size"][0], record["size"][1])
            index.files.update(project.site_src / EMBED_DIR / embed.embed_id / name
                               for name in record["files"])
            if used is not None:
                used.update(cache_dir / name for name in record["renders"])
            continue
        index.sizes[embed.embed_id] = EMBED_SIZE  # checked against the drawing when it is done
        chart_path = cache_dir / f"{cache_key(embed.spec_json, 'svg')}.svg"
        cards, todo = {}, []
        for size in CARD_SIZES:
            payload = card_payload(embed, size, base_url, site.is_sample)
            key = cache_key(f"{payload}\n{embed.spec_json}", "card")
            cards[size] = paths = (cache_dir / f"{key}.svg", cache_dir / f"{key}.png")
            if paths[1] not in queued and not (paths[0].exists() and paths[1].exists()):
                queued.add(paths[1])
                todo.append((payload, *paths))
        task = None
        if todo or (chart_path not in queued and not chart_path.exists()):
            queued.add(chart_path)
            task = workers.submit(render_embed_images, embed.spec_json, VL_VERSION, chart_path,
                                  todo)
        plan.planned.append((embed, chart_path, cards, task))
        if used is not None:
            used.add(chart_path)
            for paths in cards.values():
                used.update(paths)
    return plan


def finish_embeds(project: Project, site: Site, plan: EmbedPlan) -> list[str]:
    """Write every embed page, its spec, oEmbed JSON and downloads under site_src/embed/, each
    as soon as its pictures are drawn. Returns the ids of embeds whose chart came out at another
    size than planned: their snippet heights are corrected here, but pages written before with
    the planned size are stale."""
    index = plan.index
    out = project.site_src / EMBED_DIR
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir / "embeds"),
        undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    page = env.get_template("page.html.j2")

    def write(embed: Embed, chart_path: Path,
              cards: dict[tuple[int, int], tuple[Path, Path]]) -> list[str]:
        folder = out / embed.embed_id
        files = {
            "index.html": page.render(
                embed=embed, embeds=index, is_sample=site.is_sample,
                sample_notice=fmt.SAMPLE_NOTICE, source_line=fmt.source_line(embed.as_of),
                chart=Markup(inline_svg(chart_path.read_bytes(), embed.alt)),
                latest=index.by_id[embed.latest_id],
                frozen=index.by_id.get(embed.frozen_id)).encode("utf-8"),
            "chart.vl.json": (embed.spec_json + "\n").encode("utf-8"),
            "oembed.json": oembed_json(index, embed),
            f"{embed.stem}.csv": plan.charts.csv_bytes(embed.data),
            f"{embed.stem}.svg": cards[CARD_SIZES[0]][0].read_bytes(),
        }
        for (width, height), (_, png_path) in cards.items():
            files[f"{embed.stem}-{width}x{height}.png"] = png_path.read_bytes()
        for name, content in files.items():
            write_bytes_if_changed(folder / name, content)
            index.files.add(folder / name)
        return list(files)

    resized, written = [], {}
    for embed, chart_path, cards, task in plan.planned:
        if task is not None:
            task.result()  # in queue order: an earlier task drew whatever this one shares
        size = svg_size(chart_path.read_bytes())
        if size != index.sizes[embed.embed_id]:
            index.sizes[embed.embed_id] = size
            index.heights.pop(embed.embed_id, None)
            resized.append(embed.embed_id)
        written[embed.embed_id] = write(embed, chart_path, cards)
    if resized:  # an embed page's snippets may show any other embed: write them all again
        for embed, chart_path, cards, _ in plan.planned:
            write(embed, chart_path, cards)
    if plan.memo is not None:
        for embed, chart_path, cards, _ in plan.planned:
            if embed.embed_id in plan.memo.keys:  # a frozen or an entity's embed
                plan.memo.remember(embed, index.sizes[embed.embed_id],
                                   [chart_path, *(p for paths in cards.values() for p in paths)],
                                   written[embed.embed_id])
        plan.memo.save()
    for name in ASSETS:
        source = project.templates_dir / "embeds" / name
        if not source.is_file():
            raise TrackerError(f"{shown(source)}: missing (the embed pages need it)")
        write_bytes_if_changed(out / name, source.read_bytes())
        index.files.add(out / name)
    return resized


def oembed_json(index: Embeds, embed: Embed) -> bytes:
    """The page's static oEmbed response (type rich), discovered from its <link rel=alternate>."""
    width, _ = index.sizes[embed.embed_id]
    card = f"{embed.stem}-1200x675.png"
    body = {
        "version": "1.0", "type": "rich", "provider_name": PROVIDER,
        "provider_url": index.site_url, "title": embed.headline,
        "html": index.snippet(embed), "width": width, "height": index.default_height(embed),
        "thumbnail_url": index.url(embed) + card, "thumbnail_width": 1200,
        "thumbnail_height": 675,
    }
    text = json.dumps(body, ensure_ascii=True, indent=1)
    # No raw markup characters even if someone serves this file as HTML.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("ascii")
