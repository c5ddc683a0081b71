"""The embed folders under site_src/embed/: each embed's page, interactive specs (wide and
narrow, their data in one file beside them), oEmbed JSON and downloads (CSV, the SVG cards and
the PNG cards it stores: Embed.svg_cards, Embed.stored_cards), written once its pictures are
drawn."""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import fmt, phrases
from generator.charts.draw import SIZE_RE
from generator.charts.render import Renderer
from generator.charts.variants import EMBED_MAX_WIDTHS, EMBED_NARROW_MEDIA, EMBED_SIZE
from generator.embeds import CARD_SIZES, EMBED_DIR, PROVIDER, Embed, Embeds
from generator.embeds.collect import EmbedMemo
from generator.errors import TrackerError
from generator.files import write_bytes_if_changed
from generator.paths import Project, shown

ASSETS = ("embed.css", "embed.js", "resize.js")  # copied from templates/embeds/ to /embed/


def card_payload(embed: Embed, size: tuple[int, int], site_url: str, is_sample: bool,
                 t: phrases.Phrases) -> str:
    """Everything a card is drawn from but its chart, as JSON: the worker draws the chart from
    the embed's SVG, and the card's cache key hashes this and the embed's spec together. ``t``:
    the UI phrases of the card's language."""
    address = f"{site_url.split('://', 1)[-1]}{embed.credit_path}"
    credit = t.chart_credit.format(link=f"{t.site_name} · {address}")
    payload = {
        "size": list(size),
        "text": {"headline": embed.headline, "subtitle": embed.subtitle,
                 "sample": fmt.SAMPLE_NOTICE.upper() if is_sample else "",
                 "source": fmt.source_line(embed.as_of), "credit": credit, "alt": embed.alt},
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))


def inline_svg(svg: bytes, alt: str, variant: str = "wide") -> str:
    """The static chart, inline (no request, restyled by the dark theme's CSS): one image with
    one accessible name, its inner ARIA dropped (the data table carries the numbers). The page
    holds both drawings, wide and narrow, and its CSS shows the one its width calls for; the
    narrow one's ids (clip paths) are prefixed, so the two never refer to each other's. Its
    width and height attributes say the widest it is shown (EMBED_MAX_WIDTHS; embed.css fits
    it to the room the page leaves it)."""
    text = svg.decode("utf-8")
    size = draw_size(text)
    shown = EMBED_MAX_WIDTHS.get(variant, 0)
    if shown and size:
        height = round(size[1] * shown / size[0])
        text = re.sub(r'(<svg\b[^>]*?\swidth=")[\d.]+("[^>]*?\sheight=")[\d.]+"',
                      lambda m: f'{m.group(1)}{shown}{m.group(2)}{height}"', text, count=1)
    text = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", text)
    text = text.replace(' class="marks"', "", 1)
    if variant != "wide":
        prefix = f"tt-{variant}-"
        text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
        text = re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: f"{m.group(1)}{prefix}{m.group(2)}",
                      text)
    opening = (f'<svg class="tt-embed__svg tt-embed__svg--{variant}" role="img" '
               f'aria-label="{fmt.attr(alt)}"')
    # a function, not a template: a backslash in the alt text is not a regex escape
    return re.sub(r"^<svg\b", lambda _: opening, text.strip(), count=1)


def draw_size(svg: str) -> tuple[float, float] | None:
    """The drawing's own width and height (its viewBox's)."""
    found = SIZE_RE.search(svg.encode("utf-8"))
    return (float(found.group(1)), float(found.group(2))) if found else None


DATASET_NAME = re.compile(r"data-[0-9a-f]{32}")  # Altair's names: a digest of the values


def shared_data(*specs_json: str) -> tuple[list[str], dict[str, bytes]]:
    """The specs with their inline datasets moved out to JSON files beside them (file name ->
    content): the wide and narrow specs draw the same values, which inline took ~60 KB twice
    in every folder. Each reference to a dataset by name becomes a reference by URL, relative
    to the embed page that loads the spec; nothing else changes. JSON, not CSV (half the
    bytes): Vega's CSV reader builds each row with ``new Function``, which the embed pages'
    Content-Security-Policy (no 'unsafe-eval') forbids."""
    files: dict[str, bytes] = {}
    out = []
    for text in specs_json:
        spec = json.loads(text)
        datasets = spec.pop("datasets", {})
        names = {}
        for name, values in datasets.items():
            stem = name if DATASET_NAME.fullmatch(name) else \
                "data-" + hashlib.sha256(name.encode()).hexdigest()[:32]
            names[name] = f"{stem}.json"
            files[names[name]] = (json.dumps(values, sort_keys=True, separators=(",", ":"))
                                  + "\n").encode("utf-8")
        out.append(json.dumps(by_url(spec, names), sort_keys=True, separators=(",", ":")))
    return out, files


def by_url(node: object, files: dict[str, str]) -> object:
    """``node`` with every reference to a named dataset (dataset name -> file) made by URL."""
    if isinstance(node, dict):
        if len(node) == 1 and node.get("name") in files:
            return {"url": files[node["name"]], "format": {"type": "json"}}
        return {key: by_url(value, files) for key, value in node.items()}
    if isinstance(node, list):
        return [by_url(value, files) for value in node]
    return node


def oembed_json(index: Embeds, embed: Embed) -> bytes:
    """The page's static oEmbed response (type rich), discovered from its <link rel=alternate>."""
    width, height = CARD_SIZES[0]
    body = {
        "version": "1.0", "type": "rich", "provider_name": PROVIDER,
        "provider_url": index.site_url, "title": embed.headline,
        "html": index.snippet(embed), "width": EMBED_SIZE.width, "height": embed.height,
        "thumbnail_url": index.site_url + embed.social_card, "thumbnail_width": width,
        "thumbnail_height": height,
    }
    text = json.dumps(body, ensure_ascii=True, indent=1)
    # No raw markup characters even if someone serves this file as HTML.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("ascii")


@dataclass
class Queued:
    embed: Embed
    chart_svg: Path  # the wide drawing (the cards are drawn from it)
    narrow_svg: Path
    cards: dict[tuple[int, int], tuple[Path, Path | None]]  # size -> (card SVG, card PNG)
    tasks: list[Future]
    remembered: Path | None  # its chart's SpecMemo file
    written: list[Path]  # its files written when it was queued (all but its pictures and page)


@dataclass
class EmbedFolders:
    """The embed folders of a build: ``add`` writes an embed's specs, data and CSV and queues
    its pictures (or keeps a recalled embed's folder as it stands), ``write`` writes every
    page and picture as its pictures are done. An embed is kept from ``add`` on without its
    chart (pages need none of it; the page its table): the specs of ~900 charts waiting for
    their drawing were the largest part of a long history's build memory."""

    project: Project
    index: Embeds
    is_sample: bool
    renderer: Renderer
    memo: EmbedMemo
    language: str = "en"  # the UI phrases of its pages and cards (generator/phrases)
    queued: list[Queued] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)  # every file under embed/ this build keeps

    @property
    def out(self) -> Path:
        return self.project.site_src / EMBED_DIR

    def add(self, embed: Embed) -> None:
        chart = embed.chart
        if chart is None:  # recalled: its folder and renders stand as the last build left
            self.index.by_id[embed.embed_id] = embed
            record = self.memo.recorded(embed.embed_id)
            self.files.update(self.out / embed.embed_id / name for name in record["files"])
            self.renderer.used.update(self.renderer.cache_dir / name
                                      for name in record["renders"])
            return
        # its SVG cards (downloads, and what a browser draws a PNG from) and its stored PNGs
        sizes = dict.fromkeys([*embed.svg_cards, *embed.stored_cards])
        t = phrases.table(self.language)
        cards = {size: card_payload(embed, size, self.index.site_url, self.is_sample, t)
                 for size in sizes}
        svg, paths, task = self.renderer.embed_images(chart.wide.spec_json, cards,
                                                      set(embed.stored_cards))
        narrow = self.renderer.chart_svg(chart.narrow.spec_json)
        tasks = [t for t in (task, self.renderer.task(svg), self.renderer.task(narrow)) if t]
        (wide_spec, narrow_spec), data = shared_data(chart.wide.live_json, chart.narrow.live_json)
        contents = {"chart.vl.json": (wide_spec + "\n").encode("utf-8"),
                    "chart.narrow.vl.json": (narrow_spec + "\n").encode("utf-8"), **data,
                    f"{embed.stem}.csv": chart.csv,
                    "oembed.json": oembed_json(self.index, embed)}
        light = replace(embed, chart=None)
        self.index.by_id[embed.embed_id] = light
        self.queued.append(Queued(light, svg, narrow, paths, tasks, chart.remembered,
                                  self.write_files(embed, contents)))

    def write(self, templates: Path) -> None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates), undefined=jinja2.StrictUndefined,
            autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
        env.globals["t"] = phrases.table(self.language, markup=True)
        page = env.get_template("page.html.j2")
        for item in self.queued:  # in queue order: an earlier task drew whatever this one shares
            for task in item.tasks:
                task.result()
            files = self.write_folder(item, page)
            needed = [item.chart_svg, item.narrow_svg,
                      *(path for card in item.cards.values() for path in card if path)]
            if item.remembered is not None:
                needed.append(item.remembered)
            self.memo.remember(item.embed, needed, files)
        self.memo.save()
        for name in ASSETS:
            source = templates / name
            if not source.is_file():
                raise TrackerError(f"{shown(source)}: missing (the embed pages need it)")
            write_bytes_if_changed(self.out / name, source.read_bytes())
            self.files.add(self.out / name)

    def write_folder(self, item: Queued, page: jinja2.Template) -> list[Path]:
        """The page and the pictures of a queued embed, once drawn: with the files written when
        it was queued, the folder's every file."""
        embed = item.embed
        contents = {
            "index.html": page.render(
                embed=embed, embeds=self.index, is_sample=self.is_sample,
                sample_notice=fmt.SAMPLE_NOTICE, source_line=fmt.source_line(embed.as_of),
                chart=Markup(inline_svg(item.chart_svg.read_bytes(), embed.alt, "wide")
                             + inline_svg(item.narrow_svg.read_bytes(), embed.alt, "narrow")),
                narrow_media=EMBED_NARROW_MEDIA, card_size=CARD_SIZES[0],
            ).encode("utf-8"),
        }
        for size in embed.svg_cards:
            contents[embed.svg_file(size)] = item.cards[size][0].read_bytes()
        for size in embed.stored_cards:
            contents[embed.png_card(size)] = item.cards[size][1].read_bytes()
        return [*item.written, *self.write_files(embed, contents)]

    def write_files(self, embed: Embed, contents: dict[str, bytes]) -> list[Path]:
        """Files of an embed's folder (each only if its bytes changed)."""
        folder = self.out / embed.embed_id
        written = []
        for name, content in contents.items():
            write_bytes_if_changed(folder / name, content)
            written.append(folder / name)
        self.files.update(written)
        return written
