"""Embeds without a browser: every chart has its embed page, frozen weeks never change
when a week is added, restatements are said, downloads have their promised shape, outside text
is escaped for each place it lands, and pages offer the snippets."""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import copy_skeleton, weeks_from, write_authors, write_snapshot
from generator import embeds, fmt
from generator.build import generate
from generator.charts.families import FROZEN_WEEKS, SITE_WIDE
from generator.charts.variants import EMBED_MAX_WIDTHS
from generator.embeds import words
from generator.embeds.collect import EmbedMemo
from generator.load import Publication, week_publications, week_versions
from generator.paths import Project
from helpers import tree

W1, W2, W3, W4, W5 = weeks_from("2026-03-02", 5)
FIRST_AS_OF = "2026-03-23T02:00:00.000Z"
HOSTILE_COMPANY = '<script>alert(1)</script> & "Co"'
HOSTILE_MODEL = "<img src=x onerror=alert(2)> \"GPT\" 'x'"
BASE_ROWS = [
    (W1, "deepseek/deepseek-v3-20250324", 900), (W1, "openai/gpt-5-20250807", 300),
    (W1, "mistralai/mistral-small-20250601", 100), (W1, "other", 50),
    (W2, "openai/gpt-5-20250807", 1000), (W2, "deepseek/deepseek-v3-20250324", 500),
    (W2, "mistralai/mistral-small-20250601", 120), (W2, "other", 70),
    (W3, "deepseek/deepseek-v3-20250324", 1000), (W3, "openai/gpt-5-20250807", 1100),
    (W3, "openrouter/sonoma-alpha", 10), (W3, "other", 90),
]


def write_tiny_data(data_dir: Path) -> None:
    """Three complete weeks (the fourth is in progress), a hostile company and model name."""
    write_snapshot(data_dir, [*BASE_ROWS, (W4, "openai/gpt-5-20250807", 5)],
                   start=W1, end="2026-03-24", as_of=FIRST_AS_OF)
    write_authors(data_dir, [("deepseek", "DeepSeek", "CN"), ("openai", HOSTILE_COMPANY, "US"),
                             ("mistralai", "Mistral AI", "FR")])
    (data_dir / "registry" / "models.csv").write_text(
        "permaslug,display_name,family,open_weights,notes\n"
        'openai/gpt-5-20250807,"<img src=x onerror=alert(2)> ""GPT"" \'x\'",,,\n')


def fresh_project(root: Path, data_dir: Path) -> Project:
    """The hand-written parts of this repository in ``root``, building from ``data_dir``."""
    folder = root / "project"
    folder.mkdir()
    copy_skeleton(folder)
    return Project.at(folder, data_dir)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("tiny")
    write_tiny_data(root / "data")
    project = fresh_project(root, root / "data")
    generate(project)
    return project


def embed_dir(project: Project) -> Path:
    return project.site_src / "embed"


# ---------------------------------------------------------------- which embeds exist

def test_every_chart_has_a_latest_embed_and_site_wide_charts_one_per_week(
        built_site: Project) -> None:
    site = built_site.site_dir
    weeks = sorted(p.name for p in (site / "rankings").iterdir() if p.name[:2] == "20")
    charts = [p.relative_to(site / "charts").with_suffix("").as_posix()
              for p in (site / "charts").rglob("*.csv")]  # each chart's data
    assert len(charts) > 200
    for chart_id in charts:
        assert (site / "embed" / chart_id / "index.html").is_file(), chart_id
    for chart_id in SITE_WIDE:
        for week in weeks:
            assert (site / "embed" / chart_id / week / "index.html").is_file(), (chart_id, week)
    # entity charts have the latest version only (no dated subfolders)
    assert not any(p.name[:2] == "20" for p in (site / "embed" / "models").glob("*/*")
                   if p.is_dir())
    assert (site / "embed" / "resize.js").is_file()


def test_each_embed_folder_holds_page_specs_data_oembed_and_downloads(
        built_site: Project) -> None:
    """A frozen embed stores no PNG card (its page draws one from the SVG card when asked),
    but for the week's ranking chart's 1200×675, the social card of that week's pages; its two
    specs share one data file. A site-wide latest embed stores both PNG cards; a model's latest
    embed the 1200×675 (its page's social card) and the square as SVG only."""
    embed = built_site.site_dir / "embed"
    folder = embed / "tokens-by-country" / "2025-06-02"
    stem = "ai-token-tracker-tokens-by-country-2025-06-02"
    data = [p.name for p in folder.glob("data-*.json")]
    assert data  # the values drawn, and each layer's own (the end labels) beside them
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "index.html", "chart.vl.json", "chart.narrow.vl.json", "oembed.json", f"{stem}.csv",
        f"{stem}.svg", *data])
    weekly = embed / "top-models" / "2025-06-02"
    assert sorted(p.name for p in weekly.glob("*.png")) == [
        "ai-token-tracker-top-models-2025-06-02-1200x675.png"]
    assert not [p for p in embed.glob("*/20*/*.png") if p.parent.parent.name != "top-models"]
    site_wide, model = embed / "tokens-by-country", sorted((embed / "models").iterdir())[0]
    for latest, pngs in ((site_wide, ("1080x1080", "1200x675")), (model, ("1200x675",))):
        stem = "ai-token-tracker-" + latest.relative_to(embed).as_posix().replace("/", "-")
        assert sorted(p.name for p in latest.glob("*.png")) == [
            f"{stem}-{size}.png" for size in pngs]
        assert sorted(p.name for p in latest.glob("*.svg")) == [
            f"{stem}-1080x1080.svg", f"{stem}.svg"]
        square = (latest / f"{stem}-1080x1080.svg").read_text(encoding="utf-8")
        assert 'width="1080" height="1080"' in square


def test_a_frozen_history_shows_the_year_up_to_its_week(built_site: Project) -> None:
    """A frozen chart of every week shows at most the FROZEN_WEEKS up to its week (its CSV,
    its subtitle's period), so each frozen embed weighs about the same; the latest shows all."""
    embed = built_site.site_dir / "embed"
    weeks = sorted(p.name for p in (embed / "country-share").iterdir() if p.name[:2] == "20")
    assert len(weeks) > FROZEN_WEEKS  # the sample is longer than the window

    def csv_weeks(folder: Path) -> list[str]:
        lines = next(folder.glob("*.csv")).read_text(encoding="utf-8").splitlines()
        return sorted({line.split(",", 1)[0] for line in lines[1:]})

    latest = weeks[-1]
    assert csv_weeks(embed / "country-share" / latest) == weeks[-FROZEN_WEEKS:]
    assert csv_weeks(embed / "country-share") == weeks
    early = weeks[FROZEN_WEEKS // 2]
    assert csv_weeks(embed / "tokens-by-company" / early) == weeks[:FROZEN_WEEKS // 2 + 1]
    page = (embed / "country-share" / latest / "index.html").read_text(encoding="utf-8")
    first = fmt.short_date(weeks[-FROZEN_WEEKS])
    assert re.search(rf'tt-embed__subtitle">[^<]*; {re.escape(first)} – ', page), first


def test_the_height_estimate_reads_the_links_line_each_embed_shows(built_site: Project) -> None:
    """The snippet's height is worked out from the text of the embed's own links line, as a
    reader sees it without JavaScript (no PNG that a browser draws) and with it (the drawn PNGs'
    links shown): a frozen embed's is shorter than a latest one's, and where a PNG is drawn
    rather than stored, the line is longer with the script."""
    site = built_site.site_dir / "embed"
    week = sorted(p.name for p in (site / "country-share").iterdir() if p.name[:2] == "20")[0]
    model = sorted((site / "models").iterdir())[0].name
    lines = set()
    for folder, kind, frozen in (("country-share", "country-share", False),
                                 (f"country-share/{week}", "country-share", True),
                                 (f"top-models/{week}", "top-models", True),
                                 (f"models/{model}", "model", False)):
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        links = re.search(r'<p class="tt-embed__links">(.*?)</p>', page, re.S).group(1)
        for scripted in (False, True):
            shown = links if scripted else re.sub(
                r'<span class="tt-embed__png" hidden>.*?</span>', "", links)
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", shown)).split())
            assert text == embeds.links_line(kind, frozen, scripted), (folder, scripted)
            lines.add(text)
    assert len(lines) == 4  # the PNGs stored differ, and a drawn PNG shows with the script


def snippet_ranges(headline: str, notes: tuple, sizes: dict, links: tuple[str, str]) -> list:
    """Per column: (the height at which its chart's text shows at 11 px with the longer links
    line, the height at which its chart shows at its largest with the shorter)."""
    ranges = []
    for column in words.COLUMNS:
        width, height = sizes[column.variant]
        texts = [words.text_height(headline, "Tokens per week", notes, "2026-04-09", column,
                                   False, line) for line in links]
        font = words.VARIANT_FONTS[column.variant]
        largest = min(column.width, EMBED_MAX_WIDTHS[column.variant])
        ranges.append((max(texts) + height * 11 / font,
                       min(texts) + height * largest / width))
    return ranges


@pytest.mark.parametrize("narrow_height", [250, 320, 420])
@pytest.mark.parametrize("notes", [0, 4])
def test_the_snippet_height_keeps_chart_text_at_11_px_and_leaves_no_blank_where_it_can(
        narrow_height: int, notes: int) -> None:
    """The snippet's height is never below what any column needs for its chart's text to show
    at 11 px; where every column's range allows, it leaves no blank in any; where they do not
    (a tall narrow drawing under long text, a short one), it is the least that keeps 11 px."""
    headline = "Chinese models processed 18.9 trillion tokens in the week of 30 March, up 4.1%"
    listed = tuple(embeds.Note(f"Note {i}: one router's public traffic, not the whole market.")
                   for i in range(notes))
    sizes = {"wide": (720, 360), "narrow": (320, narrow_height)}
    links = (embeds.links_line("country-share", True, False),
             embeds.links_line("country-share", True, True))
    assert len(links[1]) > len(links[0])
    height = words.snippet_height(headline, ("Tokens per week",) * 2, listed, "2026-04-09",
                                  sizes, False, links)
    ranges = snippet_ranges(headline, listed, sizes, links)
    least, most = max(low for low, _ in ranges), min(high for _, high in ranges)
    assert height >= least
    assert height <= max(most, least) + 1
    assert least <= most or height <= least + 1


# ---------------------------------------------------------------- the page itself

class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "script", "body", "main", "p", "strong",
                "h1", "figure", "div", "table", "caption", "thead", "tbody", "tr", "th", "td",
                "ul", "li", "a"}


def assert_strict_page(path: Path) -> PageParser:
    """CSP meta first in <head>; no inline script, style or handler; nothing from elsewhere."""
    page = parse(path)
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")
           == "Content-Security-Policy"]
    assert len(csp) == 1 and csp[0]["content"].startswith("default-src 'self';"), path
    scripts = [a for t, a in page.tags if t == "script"]
    assert scripts and all(a.get("src") and not a["src"].startswith(("http", "//"))
                           for a in scripts), path
    inside_svg = False
    for tag, attrs in page.tags:
        inside_svg = inside_svg or tag == "svg"
        assert tag != "style", path
        assert "style" not in attrs, (path, tag)
        assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
        if not inside_svg:
            assert tag in ALLOWED_TAGS, (path, tag)
        value = attrs.get("src") or attrs.get("href") or ""
        assert not value.lower().startswith(("javascript:", "data:")), (path, tag, value)
        if tag != "link" or attrs.get("rel") not in ("canonical", "alternate"):
            # loads and links stay on this site (only the announced addresses are absolute)
            assert not value.startswith(("//", "http:", "https:")), (path, tag, value)
    return page


def test_embed_pages_are_strict_and_complete(built_site: Project) -> None:
    pages = sorted((built_site.site_dir / "embed").rglob("index.html"))
    assert len(pages) > 400
    for path in pages[::7]:
        page = assert_strict_page(path)
        text = " ".join(page.text)
        assert "Source: OpenRouter (openrouter.ai/rankings), as of " in text, path
        assert "Licensed under CC BY 4.0." in text
        assert [a for t, a in page.tags if t == "h1"]
        assert [a for t, a in page.tags if t == "svg" and a.get("role") == "img"
                and a.get("aria-label")], path
        assert [a for t, a in page.tags if t == "th" and a.get("scope") == "col"], path
        links = [a["href"] for t, a in page.tags if t == "a"]
        assert any(h.endswith(".csv") for h in links) and any(h.endswith(".svg") for h in links)
        # a PNG card: stored, or drawn by embed.js from the SVG card (hidden without script)
        assert [a for t, a in page.tags if t == "a" and (a["href"].endswith("-1200x675.png") or (
            a.get("data-tt-png") == "1200x675" and a["href"].endswith(".svg")
            and a["download"].endswith("-1200x675.png")))], path
        # its social card: the embed's own 1200×675 PNG or its week's ranking card, at its
        # absolute address
        meta = {a.get("property") or a.get("name"): a.get("content")
                for t, a in page.tags if t == "meta"}
        assert meta["twitter:card"] == "summary_large_image", path
        card = meta["og:image"]
        assert card.startswith("http://127.0.0.1:8000/embed/") and card.endswith("-1200x675.png")
        assert (built_site.site_dir / card.removeprefix("http://127.0.0.1:8000/")).is_file()
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "675")
        assert meta["og:image:alt"] == meta["twitter:image:alt"]
        for href in links:  # every relative link resolves to a built file or folder
            target = (path.parent / href.split("#")[0]).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (path, href)


def notes_of(page: Path) -> list[str]:
    text = page.read_text()
    listed = re.search(r'<ul class="tt-embed__notes">(.*?)</ul>', text, re.S)
    return [html.unescape(n) for n in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)] \
        if listed else []


def test_an_embed_states_its_finding_once_and_its_source_right_under_the_chart(
        built_site: Project) -> None:
    embed = built_site.site_dir / "embed"
    for path in [embed / "tokens-by-country" / "index.html",
                 next((embed / "models").glob("*/index.html"))]:
        text = path.read_text()
        label = re.search(r'<svg [^>]*aria-label="([^"]*)"', text).group(1)
        headline = re.search(r'<h1 class="tt-embed__title">(.*?)</h1>', text).group(1)
        assert headline not in label, path  # the alt text is the chart's finding, said once
        assert len(label) > 40
        order = [text.index(f'class="tt-embed__{part}"')
                 for part in ("figure", "source", "notes", "links") if f"tt-embed__{part}" in text]
        assert order == sorted(order) and len(order) >= 3, path


def test_an_embed_carries_only_the_notes_its_chart_needs(built_site: Project) -> None:
    from generator.findings.en.families import CAVEATS

    COUNTRY_CAVEAT, TOKENS_CAVEAT = CAVEATS["country"][0], CAVEATS["tokens"][0]  # noqa: N806
    embed = built_site.site_dir / "embed"
    model = notes_of(next((embed / "models").glob("*/index.html")))
    assert not any(COUNTRY_CAVEAT in n or TOKENS_CAVEAT in n for n in model), model
    top = notes_of(embed / "top-models" / "index.html")
    assert any(TOKENS_CAVEAT in n for n in top) and not any(COUNTRY_CAVEAT in n for n in top)
    share = notes_of(embed / "country-share" / "index.html")
    assert any(CAVEATS["known-base"][0] in n for n in share)
    assert any(COUNTRY_CAVEAT in n for n in share)
    growth = notes_of(embed / "country-growth" / "index.html")
    assert any(COUNTRY_CAVEAT in n for n in growth) and any(TOKENS_CAVEAT in n for n in growth)
    movement = notes_of(embed / "rank-movement" / "index.html")
    assert any("share the bottom row" in n for n in movement)
    assert not any(COUNTRY_CAVEAT in n for n in movement)
    pages = list(embed.rglob("index.html"))
    for page in pages:
        notes = notes_of(page)
        # the version note, the family's caveats (at most three) and at most one line on
        # revisions, linked to the corrections log, which says what each one is
        assert len(notes) <= 5, page
        revised = [n for n in notes if "corrections log" in n]
        assert len(revised) <= 1, (page, notes)
        text = page.read_text()
        assert not re.search(r"[a-z0-9-]+/[a-z0-9.-]+-\d{8}", " ".join(notes)), notes  # no slug
        if revised:
            assert re.search(r'href="(\.\./)+data/revisions/(#[a-z0-9-]+)?"', text), page
    # the sample's contributors corrected and flagged figures: said once, not one per flag
    assert any("corrections log" in n for n in notes_of(embed / "tokens-by-country" / "index.html"))


def test_titles_fit_in_100_characters_and_subtitles_count_what_is_drawn(
        built_site: Project) -> None:
    """Every embed's title is at most 100 characters, whole words; a subtitle that states a
    count of models says how many the drawing beside it draws (the narrow drawing of the top
    models draws 10 of the wide one's 15: each has its own subtitle, shown with it)."""
    embed = built_site.site_dir / "embed"
    checked = 0
    for page in embed.rglob("index.html"):
        text = page.read_text()
        title = re.search(r'<h1 class="tt-embed__title">(.*?)</h1>', text, re.S).group(1)
        assert len(html.unescape(title)) <= 100, (page, title)
        assert not title.endswith(("…", "...")), title
        subtitles = dict(re.findall(
            r'<p class="tt-embed__subtitle(?: tt-embed__subtitle--(wide|narrow))?">(.*?)</p>',
            text))
        for variant, subtitle in subtitles.items():
            stated = re.search(r"\b(\d+) most used models", subtitle)
            if not stated:
                continue
            count = int(stated.group(1))
            for drawn in ([variant] if variant else ["wide", "narrow"]):
                assert drawn_rows(text, drawn) == count, (page, drawn, subtitle)
                checked += 1
    assert checked > 60


def drawn_rows(page: str, variant: str) -> int:
    """How many bars a drawing of the page draws."""
    svg = re.search(rf'<svg class="tt-embed__svg tt-embed__svg--{variant}".*?</svg>', page,
                    re.S).group(0)
    bars = re.search(r'class="mark-rect role-mark layer_0_marks"[^>]*>(.*?)</g>', svg, re.S)
    return bars.group(1).count("<path") if bars else -1


def test_sample_builds_say_sample_on_embeds_and_images(built_site: Project) -> None:
    folder = built_site.site_dir / "embed" / "country-share"
    page = (folder / "index.html").read_text()
    assert 'class="tt-sample-banner"' in page and fmt.SAMPLE_NOTICE in page
    assert fmt.SAMPLE_NOTICE.upper() in (folder / "ai-token-tracker-country-share.svg").read_text()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_downloads_have_their_sizes_and_carry_title_source_date_and_credit(
        built_site: Project) -> None:
    week = "2025-06-02"
    folder = built_site.site_dir / "embed" / "top-models" / week
    stem = f"ai-token-tracker-top-models-{week}"
    assert png_size(folder / f"{stem}-1200x675.png") == (1200, 675)
    latest = built_site.site_dir / "embed" / "top-models"
    assert png_size(latest / "ai-token-tracker-top-models-1080x1080.png") == (1080, 1080)
    svg = (folder / f"{stem}.svg").read_text()
    assert re.match(r'<svg [^>]*width="1200" height="675"', svg)
    page = (folder / "index.html").read_text()
    headline = re.search(r'<h1 class="tt-embed__title">(.*?)</h1>', page).group(1)
    assert fmt.week_range(week) in headline
    assert headline.split(" was ")[0] in svg  # the model named in the headline is drawn in
    assert re.search(r"Source: OpenRouter \(openrouter\.ai/rankings\), as of \d{1,2} \w+ 202\d\.",
                     svg)
    assert f"Chart: AI Token Tracker · 127.0.0.1:8000/rankings/{week}/" in svg
    # the CSV is exactly the chart's data (the same file the ranking page offers)
    assert (folder / f"{stem}.csv").read_bytes() == \
        (built_site.site_dir / "charts" / "top-models" / f"{week}.csv").read_bytes()


def test_oembed_matches_its_page(built_site: Project) -> None:
    folder = built_site.site_dir / "embed" / "tokens-by-company"
    page = parse(folder / "index.html")
    alternate = [a for t, a in page.tags if t == "link" and a.get("rel") == "alternate"]
    assert alternate[0]["type"] == "application/json+oembed"
    assert alternate[0]["href"] == "http://127.0.0.1:8000/embed/tokens-by-company/oembed.json"
    raw = (folder / "oembed.json").read_text()
    assert "<" not in raw and ">" not in raw
    body = json.loads(raw)
    assert body["type"] == "rich" and body["version"] == "1.0"
    assert body["provider_name"] == "AI Token Tracker"
    assert body["html"].startswith(
        '<iframe src="http://127.0.0.1:8000/embed/tokens-by-company/" title="')
    assert '<script src="http://127.0.0.1:8000/embed/resize.js" async></script>' in body["html"]
    assert f'height="{body["height"]}"' in body["html"] and body["width"] > 300


def test_resize_script_is_small_and_standalone(built_site: Project) -> None:
    script = (built_site.site_dir / "embed" / "resize.js").read_text()
    assert len(script.encode()) < 2048  # unminified, comments included
    assert "import" not in script and "require(" not in script and "http" not in \
        script.replace("https://SITE", "")
    assert embeds.HEIGHT_MESSAGE in script and "e.origin !== origin" in script
    page_script = (built_site.site_dir / "embed" / "embed.js").read_text()
    assert embeds.HEIGHT_MESSAGE in page_script
    assert script.count("-request") == page_script.count("-request") == 1
    assert embeds.HEIGHT_REQUEST == embeds.HEIGHT_MESSAGE + "-request"


def test_an_embed_page_transfers_less_than_60_kb_before_interaction(
        built_site: Project) -> None:
    """Compressed, as a static host serves them: the largest page of each site-wide chart,
    its stylesheet and script, and the resize script."""
    site = built_site.site_dir
    shared = sum(len(gzip.compress((site / "embed" / name).read_bytes()))
                 for name in ("embed.css", "embed.js", "resize.js"))
    shared += len((site / "assets" / "images" / "favicon.png").read_bytes())
    for chart_id in SITE_WIDE:
        pages = list((site / "embed" / chart_id).rglob("index.html"))
        largest = max(len(gzip.compress(p.read_bytes())) for p in pages)
        assert largest + shared < 60_000, chart_id


# ---------------------------------------------------------------- the site offers them

def test_chart_pages_offer_latest_and_frozen_snippets_with_citation(built_site: Project) -> None:
    weeks = sorted(p.name for p in (built_site.site_dir / "rankings").iterdir()
                   if p.name[:2] == "20")
    home = (built_site.site_dir / "index.html").read_text()
    assert "Embed, download or cite this chart" in home
    assert "http://127.0.0.1:8000/embed/tokens-by-country/" in home
    assert f"http://127.0.0.1:8000/embed/tokens-by-country/{weeks[-1]}/" in home
    assert "embed/resize.js" in home and "ai-token-tracker-tokens-by-country-1200x675.png" in home
    week_page = (built_site.site_dir / "rankings" / weeks[0] / "index.html").read_text()
    assert f"http://127.0.0.1:8000/embed/top-models/{weeks[0]}/" in week_page
    assert f"ai-token-tracker-top-models-{weeks[0]}-1200x675.png" in week_page
    # a past week offers its own frozen chart only (the page stays the same when a week is
    # added); the latest week's page offers both
    latest_snippet = '"http://127.0.0.1:8000/embed/top-models/"'  # in highlighted code
    assert latest_snippet not in week_page
    latest_page = (built_site.site_dir / "rankings" / weeks[-1] / "index.html").read_text()
    assert latest_snippet in latest_page
    assert f"http://127.0.0.1:8000/embed/top-models/{weeks[-1]}/" in latest_page
    learn = built_site.site_dir / "learn" / "embed" / "index.html"
    assert "ai-token-tracker:embed-height" in learn.read_text()


# ---------------------------------------------------------------- frozen means frozen

def publications_of(data_dir: Path) -> dict[str, Publication]:
    from generator.load import load_snapshot, snapshot_files

    folder = data_dir / "raw/openrouter/rankings/week"
    return week_publications(week_versions([load_snapshot(p) for p in snapshot_files(folder)]))


def test_refetched_unchanged_weeks_keep_their_first_as_of(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    write_snapshot(data_dir, BASE_ROWS, start=W1, end="2026-03-22", as_of=FIRST_AS_OF)
    write_snapshot(data_dir, [r for r in BASE_ROWS if r[0] != W1],
                   start=W2, end="2026-03-22", as_of="2026-03-30T02:00:00.000Z")
    published = publications_of(data_dir)
    assert published[W2] == Publication(FIRST_AS_OF, restated=False, first_seen=FIRST_AS_OF)
    changed = [(w, s, t + 1 if w == W3 and s.startswith("openai") else t)
               for w, s, t in BASE_ROWS if w != W1]
    write_snapshot(data_dir, changed, start=W2, end="2026-03-23",
                   as_of="2026-04-06T02:00:00.000Z")
    published = publications_of(data_dir)
    assert published[W2] == Publication(FIRST_AS_OF, restated=False, first_seen=FIRST_AS_OF)
    # restated: its figures date from the restatement; the week itself from its first fetch
    assert published[W3] == Publication("2026-04-06T02:00:00.000Z", restated=True,
                                         first_seen=FIRST_AS_OF)


def test_frozen_embeds_do_not_change_when_a_week_is_added(tiny: Project,
                                                          tmp_path: Path) -> None:
    # a copy of the tiny project, so the module's build stays as it was
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = Project.at(tiny.root, data_dir)
    before = tree(embed_dir(project))
    # next week's fetch: re-fetches the last weeks (unchanged, newer as_of) and adds W4
    rows = [r for r in BASE_ROWS if r[0] != W1] + [
        (W4, "openai/gpt-5-20250807", 1200), (W4, "deepseek/deepseek-v3-20250324", 800),
        (W4, "other", 95), (W5, "openai/gpt-5-20250807", 3)]
    write_snapshot(data_dir, rows, start=W2, end="2026-03-31", as_of="2026-03-31T02:00:00.000Z")
    try:
        generate(project)
        after = tree(embed_dir(project))
        frozen = [name for name in before if re.match(r"[a-z-]+/2026-\d\d-\d\d/", name)]
        folders = {name.rsplit("/", 1)[0] for name in frozen}
        assert len(folders) == len(SITE_WIDE) * 3  # each chart, three weeks
        assert len(frozen) >= len(folders) * 7  # page, 2 specs, data, oEmbed, CSV, SVG card
        changed = [name for name in frozen if after.get(name) != before[name]]
        assert changed == []
        assert f"tokens-by-country/{W4}/index.html" in after
        assert after["tokens-by-country/index.html"] != before["tokens-by-country/index.html"]
    finally:
        generate(tiny)  # back to the module's data


def test_an_entity_absent_from_a_new_week_keeps_its_embed_and_images(tiny: Project,
                                                                    tmp_path: Path) -> None:
    # Mistral's model, company and country were last ranked in W2: a new week redraws nothing
    # of theirs (the weekly build's cost is the new week's charts, not every entity's)
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = Project.at(tiny.root, data_dir)
    before = tree(embed_dir(project))
    pages = {name: (project.site_src / name).read_bytes() for name in (
        "models/mistralai-mistral-small-20250601.md", "companies/mistral-ai.md",
        "countries/fr.md", f"rankings/{W1}.md")}
    rows = [r for r in BASE_ROWS if r[0] != W1] + [
        (W4, "openai/gpt-5-20250807", 1200), (W4, "deepseek/deepseek-v3-20250324", 800),
        (W4, "other", 95), (W5, "openai/gpt-5-20250807", 3)]
    write_snapshot(data_dir, rows, start=W2, end="2026-03-31", as_of="2026-03-31T02:00:00.000Z")
    try:
        generate(project)
        after = tree(embed_dir(project))
        absent = [n for n in before if re.match(r"(models/mistralai|companies/mistral"
                                                r"|countries/fr)[^/]*/.*\.(png|svg|json)$", n)]
        # two specs, oembed.json, SVG and two PNGs each, and their data files
        assert len([n for n in absent if "/data-" not in n]) == 3 * 6
        assert all(any(n.startswith(folder) and "/data-" in n for n in absent)
                   for folder in ("models/mistralai", "companies/mistral", "countries/fr"))
        assert [n for n in absent if after[n] != before[n]] == []
        gpt = [n for n in before if n.startswith("models/openai") and n.endswith(".png")]
        assert gpt and all(after[n] != before[n] for n in gpt)  # still ranked: redrawn
        # their pages too stay the same bytes (the site builder then keeps their conversion)
        assert {name: (project.site_src / name).read_bytes() for name in pages} == pages
    finally:
        generate(tiny)


def test_a_restated_week_changes_its_frozen_embed_and_says_so(tiny: Project,
                                                              tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = Project.at(tiny.root, data_dir)
    before = tree(embed_dir(project))
    rows = [(w, s, t + 7 if (w, s) == (W3, "openai/gpt-5-20250807") else t)
            for w, s, t in BASE_ROWS if w != W1]
    write_snapshot(data_dir, rows, start=W2, end="2026-03-22", as_of="2026-03-28T02:00:00.000Z")
    try:
        generate(project)
        after = tree(embed_dir(project))
        page = after[f"top-models/{W3}/index.html"].decode()
        assert "Figures revised by the source:" in page and "corrections log" in page
        assert "as of 28 March 2026" in page
        for chart_id in SITE_WIDE:  # the week before is untouched
            assert after[f"{chart_id}/{W2}/index.html"] == before[f"{chart_id}/{W2}/index.html"]
    finally:
        generate(tiny)


def test_a_frozen_embed_is_byte_identical_across_two_builds(tiny: Project,
                                                            tmp_path: Path) -> None:
    second = fresh_project(tmp_path, tiny.data_dir)  # its own (cold) render cache
    generate(second)
    first_tree, second_tree = tree(embed_dir(tiny)), tree(embed_dir(second))
    assert first_tree.keys() == second_tree.keys()
    assert [n for n in first_tree if first_tree[n] != second_tree[n]] == []


def recalls(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Embed id -> whether the build took it as the last build left it (EmbedMemo.recall)."""
    seen: dict[str, bool] = {}
    real = EmbedMemo.recall

    def recall(self: EmbedMemo, embed_id: str, inputs: str) -> embeds.Embed | None:
        found = real(self, embed_id, inputs)
        seen[embed_id] = found is not None
        return found

    monkeypatch.setattr(EmbedMemo, "recall", recall)
    return seen


def site_wide(seen: dict[str, bool]) -> dict[str, bool]:
    return {name: found for name, found in seen.items() if name.split("/")[0] in SITE_WIDE}


def test_a_new_week_takes_the_earlier_frozen_embeds_as_they_stand(
        tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The weekly rebuild works out and writes only the new week's frozen embeds; the files are
    the same bytes as a build that worked everything out."""
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = fresh_project(tmp_path, data_dir)
    generate(project)
    write_snapshot(data_dir, [r for r in BASE_ROWS if r[0] != W1] + [
        (W4, "openai/gpt-5-20250807", 1200), (W4, "deepseek/deepseek-v3-20250324", 800),
        (W4, "other", 95), (W5, "openai/gpt-5-20250807", 3)],
        start=W2, end="2026-03-31", as_of="2026-03-31T02:00:00.000Z")
    seen = recalls(monkeypatch)
    generate(project)
    assert site_wide(seen) == {f"{kind}/{week}": week != W4 for week in (W1, W2, W3, W4)
                               for kind in SITE_WIDE}
    # so are the embeds of a model, company or country absent from the new week
    assert {name: seen[name] for name in ("models/mistralai-mistral-small-20250601",
                                          "companies/mistral-ai", "countries/fr",
                                          "models/openai-gpt-5-20250807", "countries/us")} == {
        "models/mistralai-mistral-small-20250601": True, "companies/mistral-ai": True,
        "countries/fr": True, "models/openai-gpt-5-20250807": False, "countries/us": False}
    # the same files as a build from scratch (no memo, other folder)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert tree(embed_dir(project)) == tree(embed_dir(generate_into(scratch, data_dir)))


def test_a_registry_edit_works_out_again_only_the_embeds_whose_figures_it_moves(
        tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mistral AI moves from France to Germany: its model's and the countries' embeds and every
    frozen site-wide embed are made again; DeepSeek's, and its company's (whose chart names no
    country and wears the company's own colour), are taken as they stand."""
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = fresh_project(tmp_path, data_dir)
    generate(project)
    authors = data_dir / "registry" / "authors.csv"
    authors.write_text(authors.read_text().replace("Mistral AI,,FR", "Mistral AI,,DE"))
    seen = recalls(monkeypatch)
    generate(project)
    assert {name: seen[name] for name in (
        "models/deepseek-deepseek-v3-20250324", "companies/deepseek", "countries/cn",
        "models/mistralai-mistral-small-20250601", "companies/mistral-ai", "countries/de")} == {
        "models/deepseek-deepseek-v3-20250324": True, "companies/deepseek": True,
        "countries/cn": True, "models/mistralai-mistral-small-20250601": False,
        # a company's colour is its own, not its country's: its chart draws the same
        "companies/mistral-ai": True, "countries/de": False}
    assert not any(site_wide(seen).values())  # every week had Mistral's figures
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert tree(embed_dir(project)) == tree(embed_dir(generate_into(scratch, data_dir)))


def generate_into(root: Path, data_dir: Path) -> Project:
    project = fresh_project(root, data_dir)
    generate(project)
    return project


def test_a_restatement_or_an_edited_file_is_worked_out_again(
        tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(tiny.data_dir, data_dir)
    project = fresh_project(tmp_path, data_dir)
    generate(project)
    page = embed_dir(project) / f"country-share/{W1}/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</h1>", b" (edited by hand)</h1>"))
    # W3 restated: its frozen embeds and those after it are made again, not those before
    rows = [(w, s, t + 7 if (w, s) == (W3, "openai/gpt-5-20250807") else t)
            for w, s, t in BASE_ROWS if w != W1]
    write_snapshot(data_dir, rows, start=W2, end="2026-03-22", as_of="2026-03-28T02:00:00.000Z")
    seen = recalls(monkeypatch)
    generate(project)
    assert site_wide(seen) == {
        f"{kind}/{week}": week == W2 or (week == W1 and kind != "country-share")
        for week in (W1, W2, W3) for kind in SITE_WIDE}
    assert page.read_bytes() == original  # restored
    assert "revised by the source" in (embed_dir(project) / f"top-models/{W3}/index.html"
                                       ).read_text()
    # another site address: every frozen embed is made again (its snippet and oEmbed say it)
    seen.clear()
    monkeypatch.setenv("SITE_URL", "https://tracker.example.org/")
    generate(project)
    assert seen and not any(seen.values())


def headline_of(page: Path) -> str:
    return html.unescape(re.search(r'<h1 class="tt-embed__title">(.*?)</h1>',
                                   page.read_text(), re.S).group(1))


def test_the_charts_of_change_state_their_finding_at_every_week(tiny: Project) -> None:
    """The growth and rank-movement embeds, latest and frozen: one week has no change (and
    says so), later weeks name the figures."""
    folder = embed_dir(tiny)
    assert headline_of(folder / f"country-growth/{W1}/index.html") == (
        f"No change on the week yet: the data starts in the week of {fmt.week_range(W1)}")
    # W2 against W1: U.S. models 300 -> 1,000 tokens, Chinese models 900 -> 500
    assert headline_of(folder / f"country-growth/{W2}/index.html") == (
        f"Week of {fmt.week_range(W2)}: tokens of U.S. models "
        f"{fmt.up_down(1000 / 300 - 1, suffix='')} on the week, Chinese models "
        f"{fmt.up_down(500 / 900 - 1, suffix='')}")
    assert headline_of(folder / f"rank-movement/{W1}/index.html") == (
        f"The top 3 models in the week of {fmt.week_range(W1)}: rank movement shows from the "
        "second week")
    # W3: GPT went from #2 (W1) to #1; DeepSeek fell; the cloaked model is new
    assert headline_of(folder / "rank-movement/index.html") == (
        f"{HOSTILE_MODEL} climbed from #2 to #1 in 2 weeks")  # the full wording runs past 100
    page = (folder / "rank-movement/index.html").read_text()
    table = re.search(r"<table>(.*?)</table>", page, re.S).group(1)
    assert "Rank by tokens per week" in table
    # a model per row, a week per column; the cloaked model was not ranked before W3
    assert re.search(r'<th scope="row">[^<]+</th><td>–</td><td>–</td><td>3</td></tr>', table)


# ---------------------------------------------------------------- outside text stays text

def test_hostile_names_stay_text_in_pages_images_and_oembed(tiny: Project) -> None:
    folder = embed_dir(tiny)
    pages = sorted(folder.rglob("index.html"))
    assert len(pages) >= 20
    seen_hostile = 0
    for path in pages:
        assert_strict_page(path)
        raw = path.read_text()
        assert "<script>alert" not in raw and "<img src=x" not in raw, path
        seen_hostile += "alert(1)&lt;/script&gt;" in raw or "&lt;img src=x onerror" in raw
    assert seen_hostile > 5
    company = next(p for p in (folder / "companies").iterdir() if p.name.startswith("script"))
    body = json.loads((company / "oembed.json").read_text())
    assert 'title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;&#x27;s models' \
        in body["html"]
    assert body["title"].startswith(HOSTILE_COMPANY)  # JSON string: the name itself
    for svg in folder.rglob("*.svg"):
        text = svg.read_text()
        assert "<script" not in text and "<img" not in text and "onerror=alert(2)>" \
            not in text.replace("onerror=alert(2)&gt;", ""), svg


def test_site_pages_show_hostile_names_only_as_text_in_snippets(tiny: Project) -> None:
    from generator.builder import build_site

    build_site(tiny)
    pages = list(tiny.site_dir.rglob("*.html"))
    for path in pages:
        raw = path.read_text()
        assert "<script>alert" not in raw and "<img src=x" not in raw, path
    companies = (tiny.site_dir / "companies" / "index.html").read_text()
    # the snippet (HTML to paste, so escaped) and the citation (plain text) as code-block text
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in companies
    assert "“&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\" led all companies" in \
        companies.replace("&quot;", '"')


def test_a_title_too_long_for_100_characters_says_less_in_whole_words() -> None:
    from generator.findings import say
    from generator.findings.en.common import TITLE_MAX, fit
    from generator.findings.finding import Finding

    assert fit("a " * 60, "a shorter title") == "a shorter title"
    assert fit("fits", "shorter") == "fits"

    def top(name: str) -> str:
        return say(Finding("top-model", "2025-12-29", subject="lab/model", name=name, figures={
            "tokens": 1_070_000_000_000, "share": 0.078, "next": (), "count": 15}, base="all"),
            "title")
    short, long = top("GLM 5"), top("A Long Model Name of Forty-Two Characters")
    assert "29 December 2025 – 4 January 2026" in short or "29 Dec 2025" in short
    assert len(short) <= TITLE_MAX and len(long) <= TITLE_MAX
    assert long.startswith("A Long Model Name of Forty-Two Characters was ")
    assert "1.07 trillion" in long  # the figure stays; the week goes (the subtitle has it)


def test_a_square_card_gives_its_room_to_the_chart_and_a_larger_title() -> None:
    """The 1080×1080 card: the chart across the card's width, the headline in large type, and
    no band of blank wider than a tenth of the card between title, chart and footer."""
    from generator.charts.draw import compose_card

    chart = ('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="360" '
             'viewBox="0 0 720 360"><rect width="720" height="360"/></svg>')
    text = {"headline": "MiniMax M2.5 climbed furthest of the week's top 10: from #31 to #4 in "
                        "7 weeks", "subtitle": "Rank by tokens per week on OpenRouter of the "
            "last week's top 10 models; 12 Jan 2026 – 5 Apr 2026", "sample": "",
            "source": "Source: OpenRouter, as of 9 April 2026.", "credit": "Chart: X",
            "alt": "alt"}
    for size, widest_gap in (((1080, 1080), 108), ((1200, 675), 68)):
        svg = compose_card({"size": list(size), "text": text}, chart)
        left, top, scale = map(float, re.search(
            r'translate\(([\d.]+),([\d.]+)\) scale\(([\d.]+)\)', svg).groups())
        baselines = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"', svg)]
        title_bottom = max(y for y in baselines if y < top)
        footer_top = min(y for y in baselines if y > top) - 20
        if size[0] == size[1]:
            assert 720 * scale >= size[0] - 2 * 48 - 1  # the chart spans the card
        assert top - title_bottom <= widest_gap and footer_top - (top + 360 * scale) <= widest_gap
    square = compose_card({"size": [1080, 1080], "text": text}, chart)
    assert 'font-size="56"' in square or 'font-size="60"' in square  # large type, not 46


def inline_data(node: object, folder: Path, datasets: dict) -> object:
    """A spec's data referred to by URL put back as named datasets (into ``datasets``)."""
    if isinstance(node, dict):
        if "url" in node:
            assert node == {"url": node["url"], "format": {"type": "json"}}
            assert "/" not in node["url"]  # beside the spec
            name = node["url"].removesuffix(".json")
            datasets[name] = json.loads((folder / node["url"]).read_text())
            return {"name": name}
        return {key: inline_data(value, folder, datasets) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_data(value, folder, datasets) for value in node]
    return node


def test_embed_specs_load_their_data_from_one_shared_file(built_site: Project) -> None:
    """The wide and narrow specs of an embed refer to their values by URL, in a file beside
    them, instead of each inlining them; the site's own chart (a week's ranking chart is also
    its frozen embed) turns live from the same two specs, not copies of them."""
    week = "2025-06-02"
    folder = built_site.site_dir / "embed" / "top-models" / week
    for name in ("chart.vl.json", "chart.narrow.vl.json"):
        text = (folder / name).read_text()
        assert '"datasets"' not in text and '"values"' not in text
        datasets: dict = {}
        inline_data(json.loads(text), folder, datasets)
        assert datasets and all(datasets.values())
    page = (built_site.site_dir / "rankings" / week / "index.html").read_text()
    figure = re.search(r'<figure class="tt-chart[^>]*>', page).group()
    assert f'data-tt-spec="../../embed/top-models/{week}/chart.vl.json"' in figure
    assert f'data-tt-spec-narrow="../../embed/top-models/{week}/chart.narrow.vl.json"' in figure
    assert not list((built_site.site_dir / "charts").rglob("*.vl.json"))
    folder = built_site.site_dir / "embed" / "tokens-by-company" / week
    wide, narrow = (set(re.findall(r'"url":"(data-[0-9a-f]+\.json)"', (folder / name).read_text()))
                    for name in ("chart.vl.json", "chart.narrow.vl.json"))
    files = sorted(folder.glob("data-*.json"))
    assert wide & narrow and wide | narrow == {p.name for p in files}  # shared, none unused
    assert len({p.read_bytes() for p in files}) == len(files)  # each dataset stored once


@contextlib.contextmanager
def served_apart(folder: Path) -> Iterator[str]:
    """A folder served by another process: vl-convert holds this one's interpreter while it
    fetches, so a server thread here would never answer."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                               "--directory", str(folder), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def test_embed_specs_draw_the_same_from_their_data_file(built_site: Project) -> None:
    """vl-convert draws an embed's spec, its data fetched over HTTP as a browser would, exactly
    as it draws the same spec with the values inline."""
    import vl_convert as vlc

    from generator.charts.render import VL_VERSION

    embed = built_site.site_dir / "embed"
    folders = [embed / "tokens-by-company" / "2025-06-02", embed / "tokens-by-country",
               sorted((embed / "models").iterdir())[0]]

    def data_by(node: object, swap: Callable[[dict], dict]) -> object:
        if isinstance(node, dict):
            return swap(node) if "url" in node else {k: data_by(v, swap) for k, v in node.items()}
        if isinstance(node, list):
            return [data_by(value, swap) for value in node]
        return node

    with served_apart(built_site.site_dir) as root:
        for folder in folders:
            where = root + folder.relative_to(built_site.site_dir).as_posix() + "/"
            for name in ("chart.vl.json", "chart.narrow.vl.json"):
                spec = json.loads((folder / name).read_text())
                fetched = data_by(spec, lambda d, at=where: {**d, "url": at + d["url"]})
                inline = data_by(spec, lambda d, at=folder: {"values": json.loads(
                    (at / d["url"]).read_text())})
                assert fetched != spec != inline
                drawn = vlc.vegalite_to_svg(fetched, vl_version=VL_VERSION)
                assert drawn == vlc.vegalite_to_svg(inline, vl_version=VL_VERSION)
                assert drawn.count("<path") > 10, (folder, name)  # the marks are there
