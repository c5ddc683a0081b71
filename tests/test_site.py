"""The built site (committed data; the sample on a fresh clone): page families, downloads that
match an independent recomputation from the raw snapshots, no third-party requests."""

from __future__ import annotations

import csv
import html as html_module
import json
import re
from collections import defaultdict
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from generator import fmt
from generator.paths import Project

TABLES = ("totals_weekly", "models_weekly", "companies_weekly", "countries_weekly")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def recompute_from_raw(data_dir: Path) -> dict:
    """Plain-Python recomputation straight from the raw snapshots and authors.csv."""
    source = data_dir
    folder = source / "raw/openrouter/rankings/week"
    if not any(p for p in folder.glob("*.json") if not p.name.endswith(".meta.json")):
        source = data_dir / "sample"
        folder = source / "raw/openrouter/rankings/week"
    bodies = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))
              if not p.name.endswith(".meta.json")]
    weeks: dict[str, tuple[list[dict], str]] = {}
    for body in sorted(bodies, key=lambda b: b["meta"]["as_of"]):
        end = date.fromisoformat(body["meta"]["end_date"])
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in body["data"]:
            grouped[row["date"]].append(row)
        for week, rows in grouped.items():
            if date.fromisoformat(week) + timedelta(days=6) <= end:
                weeks[week] = (rows, body["meta"]["as_of"])
    with (data_dir / "registry/authors.csv").open(newline="", encoding="utf-8-sig") as handle:
        countries = {r["slug"]: r["country"] for r in csv.DictReader(handle)}
    weeks = apply_corrections(weeks, source / "corrections.yaml")
    result = {}
    for week, (rows, as_of) in sorted(weeks.items()):
        total = sum(int(r["total_tokens"]) for r in rows)
        other = sum(int(r["total_tokens"]) for r in rows if r["model_permaslug"] == "other")
        by_country: dict[str, int] = defaultdict(int)
        for r in rows:
            if r["model_permaslug"] != "other":
                author = r.get("author") or r["model_permaslug"].split(":")[0].split("/")[0]
                by_country[countries.get(author, "")] += int(r["total_tokens"])
        models = sorted((r for r in rows if r["model_permaslug"] != "other"),
                        key=lambda r: (-int(r["total_tokens"]), r["model_permaslug"]))
        result[week] = {"total": total, "other": other, "unknown": by_country.pop("", 0),
                        "countries": dict(by_country), "as_of": as_of,
                        "ranking": [r["model_permaslug"] for r in models]}
    return result


def apply_corrections(weeks: dict, path: Path) -> dict:
    """The corrections file applied in plain Python, independently of generator/corrections.py."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8-sig")) if path.exists() else None
    for entry in entries or []:
        first = str(entry.get("week") or entry["weeks"]["from"])
        last = str(entry.get("week") or entry["weeks"]["to"])
        target = entry["target"]
        for week, (rows, as_of) in list(weeks.items()):
            if not first <= week <= last:
                continue
            kept = []
            for row in rows:
                slug = row["model_permaslug"]
                hit = slug == target if "/" in target else slug.split("/")[0] == target
                if hit and entry["action"] == "drop":
                    continue
                if hit and entry["action"] == "override_tokens":
                    row = {**row, "total_tokens": str(entry["value"])}
                if hit and entry["action"] == "reassign_author":
                    row = {**row, "author": entry["value"]}
                kept.append(row)
            weeks[week] = (kept, as_of)
    return weeks


@pytest.fixture(scope="module")
def expected(built_site: Project) -> dict:
    return recompute_from_raw(built_site.data_dir)


def downloads(project: Project) -> Path:
    return project.site_dir / "downloads" / "v1"


def test_every_page_family_is_built(built_site: Project, expected: dict) -> None:
    site = built_site.site_dir
    weeks = sorted(expected)
    for page in ("index.html", "rankings/index.html", "countries/index.html",
                 "companies/index.html", "models/index.html", "data/index.html",
                 "learn/what-is-a-token/index.html", "learn/how-the-ranking-works/index.html",
                 "learn/methodology/index.html", "countries/cn/index.html",
                 "countries/us/index.html"):
        assert (site / page).is_file(), page
    for week in weeks:
        assert (site / "rankings" / week / "index.html").is_file()
    assert len(list((site / "models").glob("*/index.html"))) >= 50
    assert len(list((site / "companies").glob("*/index.html"))) >= 10


def test_totals_match_a_recomputation_from_raw(built_site: Project, expected: dict) -> None:
    rows = read_csv(downloads(built_site) / "totals_weekly.csv")
    assert [r["week_start"] for r in rows] == sorted(expected)
    for row in rows:
        week = expected[row["week_start"]]
        assert int(row["total_tokens"]) == week["total"]
        assert int(row["other_tokens"]) == week["other"]
        assert int(row["unknown_tokens"]) == week["unknown"]
        assert int(row["attributed_tokens"]) == week["total"] - week["other"] - week["unknown"]
        assert float(row["coverage"]) == pytest.approx(1 - week["other"] / week["total"],
                                                       abs=1e-6)
        assert row["as_of"] == week["as_of"]


def test_countries_and_ranks_match_a_recomputation(built_site: Project, expected: dict) -> None:
    for row in read_csv(downloads(built_site) / "countries_weekly.csv"):
        week = expected[row["week_start"]]
        attributed = week["total"] - week["other"] - week["unknown"]
        assert int(row["tokens"]) == week["countries"][row["country"]]
        assert float(row["share_of_attributed"]) == pytest.approx(
            week["countries"][row["country"]] / attributed, abs=1e-6)
    ranked: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(downloads(built_site) / "models_weekly.csv"):
        ranked[row["week_start"]].append(row["model_permaslug"])
        assert int(row["rank"]) == len(ranked[row["week_start"]])
    assert ranked == {w: e["ranking"] for w, e in expected.items()}


def test_json_and_parquet_hold_the_same_exact_figures(built_site: Project) -> None:
    for name in TABLES:
        rows = read_csv(downloads(built_site) / f"{name}.csv")
        records = json.loads((downloads(built_site) / f"{name}.json").read_text())
        table = pq.read_table(downloads(built_site) / f"{name}.parquet").to_pylist()
        assert len(rows) == len(records) == len(table)
        token_column = "total_tokens" if name == "totals_weekly" else "tokens"
        assert [int(r[token_column]) for r in rows] == [r[token_column] for r in records] \
            == [r[token_column] for r in table]
    package = json.loads((downloads(built_site) / "datapackage.json").read_text())
    assert {r["path"] for r in package["resources"]} == {
        f"{name}.{ext}" for name in (*TABLES, "revisions", "corrections")
        for ext in ("csv", "json", "parquet")}


SIX_DECIMALS = re.compile(r"-?\d+(\.\d{1,6})?")


def test_fractions_have_at_most_six_decimals_and_tokens_are_exact(built_site: Project) -> None:
    from generator.downloads import TABLES as CONTRACT

    checked = 0
    for name in TABLES:
        fractions = [c.name for c in CONTRACT[name] if c.kind == "number"]
        integers = [c.name for c in CONTRACT[name] if c.kind == "integer"]
        rows = read_csv(downloads(built_site) / f"{name}.csv")
        records = json.loads((downloads(built_site) / f"{name}.json").read_text())
        table = pq.read_table(downloads(built_site) / f"{name}.parquet")
        parquet = table.to_pylist()
        assert all(str(table.schema.field(c).type) == "double" for c in fractions)
        assert all(str(table.schema.field(c).type) == "int64" for c in integers)
        for row, record, stored in zip(rows, records, parquet):
            for column in fractions:
                if row[column] == "":
                    assert record[column] is None and stored[column] is None
                    continue
                assert SIX_DECIMALS.fullmatch(row[column]), (name, column, row[column])
                assert record[column] == float(row[column]) == stored[column]
                assert round(record[column], 6) == record[column]
                checked += 1
            for column in integers:
                assert row[column] == "" or (isinstance(record[column], int)
                                             and int(row[column]) == record[column])
    assert checked > 1000
    text = (downloads(built_site) / "totals_weekly.csv").read_text()
    assert not re.search(r"\d\.\d{7}", text)  # no full-precision float left anywhere


def test_the_contract_columns_are_exactly_as_documented(built_site: Project) -> None:
    header = {name: next(csv.reader((downloads(built_site) / f"{name}.csv").open()))
              for name in TABLES}
    assert header["models_weekly"] == [
        "week_start", "rank", "rank_change", "model_permaslug", "model_name", "author",
        "company", "country", "tokens", "share_of_total", "wow_change",
        "price_prompt_usd_per_mtok", "price_completion_usd_per_mtok"]
    assert header["totals_weekly"] == [
        "week_start", "total_tokens", "attributed_tokens", "unknown_tokens", "other_tokens",
        "free_variant_tokens", "coverage", "as_of"]
    assert header["countries_weekly"] == ["week_start", "country", "tokens",
                                          "share_of_attributed", "wow_change"]


INLINE = re.compile(r"</?(a|time|strong|em|code|span|abbr)\b[^>]*>")


def text_of(html_path: Path) -> str:
    """The page's text: inline tags dropped, block tags read as a space."""
    html = INLINE.sub("", html_path.read_text())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_states_the_latest_week_figures(built_site: Project, expected: dict) -> None:
    latest = sorted(expected)[-1]
    week = expected[latest]
    page = text_of(built_site.site_dir / "index.html")
    assert fmt.week_range(latest) in page
    assert f"processed {fmt.tokens_words(week['total'])} tokens" in page
    for code in ("CN", "US"):
        assert fmt.tokens_words(week["countries"][code]) in page
    assert "Chinese models" in page and "U.S. models" in page


def test_a_past_week_cites_the_as_of_of_its_own_snapshot(built_site: Project,
                                                         expected: dict) -> None:
    first = sorted(expected)[0]
    page = text_of(built_site.site_dir / "rankings" / first / "index.html")
    assert fmt.source_line(expected[first]["as_of"]) in page
    chart = (built_site.site_dir / "charts/top-models" / f"{first}.csv").read_text()
    assert chart.splitlines()[1].startswith(f"{first},1,{expected[first]['ranking'][0]},")


def test_sample_build_says_so_on_every_page(built_site: Project) -> None:
    sample = not any((built_site.data_dir / "raw").glob("openrouter/rankings/week/*.json"))
    pages = list(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        has_banner = "tt-sample-banner" in page.read_text()
        assert has_banner == sample, page


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                "dns-prefetch", "manifest", "apple-touch-icon"}


class Requests(HTMLParser):
    """Collects every URL a page would load by itself (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") \
                and values.get("src"):
            self.urls.append(values["src"])
        rel = set((values.get("rel") or "").lower().split())
        if tag == "link" and values.get("href") and rel & LOADING_RELS:
            self.urls.append(values["href"])
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"])


def test_no_file_loads_anything_from_another_host(built_site: Project) -> None:
    external = re.compile(r"^(https?:)?//", re.IGNORECASE)
    for page in built_site.site_dir.rglob("*.html"):
        parser = Requests()
        parser.feed(page.read_text())
        assert parser.urls, page
        assert [u for u in parser.urls if external.match(u)] == [], page
    for sheet in built_site.site_dir.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text()), sheet
        assert "@import" not in sheet.read_text() or "//" not in sheet.read_text(), sheet


def test_each_chart_has_spec_svg_png_and_csv(built_site: Project) -> None:
    charts = built_site.site_dir / "charts"
    from generator.charts.families import SITE_WIDE

    for name in SITE_WIDE:
        for suffix in (".svg", ".csv"):
            assert (charts / f"{name}{suffix}").stat().st_size > 100, name + suffix
        spec = built_site.site_dir / "embed" / name / "chart.vl.json"  # its live chart's
        assert spec.stat().st_size > 100, spec
        # the PNG is the embed's image card, linked from the chart's caption
        card = f"embed/{name}/ai-token-tracker-{name}-1200x675.png"
        assert (built_site.site_dir / card).stat().st_size > 1000, card
        assert not (charts / f"{name}.png").exists()
    caption = (built_site.site_dir / "index.html").read_text()
    assert 'href="./embed/tokens-by-country/ai-token-tracker-tokens-by-country-1200x675.png"' \
        in caption
    assert (built_site.site_dir / "assets/generated/vega-bundle.js").stat().st_size > 500_000


def test_rebuilding_changes_no_generated_byte(built_site: Project) -> None:
    """Without its stamp and its record of the last build's embeds, the generator works out
    every page, chart file and embed again from the same inputs: not one byte changes, and no
    file is even rewritten (files are written only when their bytes change)."""
    from generator.build import generate
    from generator.stamps import stamp_path

    def files() -> dict[Path, tuple[bytes, int]]:
        return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in built_site.site_src.rglob("*")
                if p.is_file()}

    before = files()
    stamp_path(built_site, "generate").unlink()
    for memo in (built_site.cache_dir / "embeds").glob("*.json"):
        memo.unlink()
    assert not generate(built_site).unchanged  # it ran
    after = files()
    assert [p for p in before if after.get(p) != before[p]] == []
    assert after.keys() == before.keys()


def test_no_markdown_is_left_unrendered(built_site: Project) -> None:
    for page in built_site.site_dir.rglob("*.html"):
        text = text_of(page)
        assert "](" not in text and "{: ." not in text and "{{" not in text, page


def test_chart_and_embed_files_are_linked_into_the_site_and_the_rest_is_mkdocs_own(
        built_site: Project) -> None:
    """~2,700 chart and embed files at two years of history: MkDocs never sees them (mkdocs.yml
    excludes them) and the build links them in (one inode, no bytes copied)."""
    site, source = built_site.site_dir, built_site.site_src
    for name in ("charts/tokens-by-country.svg", "charts/tokens-by-country.csv",
                 "embed/resize.js"):
        assert (site / name).stat().st_ino == (source / name).stat().st_ino, name
    embed_cards = list((site / "embed").rglob("*-1200x675.png"))
    assert embed_cards and all(p.stat().st_nlink > 1 for p in embed_cards)
    for name in ("assets/tracker.css", "downloads/v1/totals_weekly.csv", "index.html"):
        assert (site / name).stat().st_nlink == 1, name  # MkDocs' own copy or page


TABLE_BOX = re.compile(r'<div class="tt-table-scroll(?: tt-table-scroll--reference)?" '
                       r'role="region" aria-label="([^"]*)" tabindex="0">'
                       r'<table class="tt-table"(?: data-tt-wide-only="[0-9 ]+")?>\s*'
                       r'<caption><span>([^<]*)</span>(?:<span class="tt-scroll-hint" '
                       r'aria-hidden="true">[^<]*</span>)?</caption>')


def test_the_english_search_index_holds_no_chinese(built_site: Project) -> None:
    """Han characters in an English page's indexed text make Material's search load jieba's
    dictionary in the English build (tens of megabytes at the top of a build's peak memory):
    Chinese text on an English page carries data-search-exclude. The Chinese edition's own
    index holds it."""
    def indexed(site: Path) -> str:
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])

    assert not re.search(r"[\u3400-\u9fff]", indexed(built_site.site_dir))
    assert re.search(r"[\u3400-\u9fff]", indexed(built_site.site_dir / "zh"))


def test_generated_tables_are_html_with_their_class_and_box(built_site: Project) -> None:
    """Material's script reworks every bare table after load (~150 ms of a phone's main thread
    on a ranking page): the generated pages write their tables as HTML, class and box included.
    Every table has a caption; its scroll box takes keyboard focus and is named after it."""
    tables = 0
    for page in built_site.site_dir.rglob("*.html"):
        parts = page.relative_to(built_site.site_dir).parts
        if parts[0] == "zh":  # the Chinese edition, the same layout under zh/
            parts = parts[1:]
        if parts[0] in ("embed", "learn"):  # embed pages have their own; Learn is hand-written
            continue
        html = page.read_text()
        assert "<table>" not in html, page
        boxes = TABLE_BOX.findall(html)
        assert len(boxes) == html.count('<table class="tt-table"'), page
        for label, caption in boxes:  # the box is named after the table's caption
            assert label == caption and caption.strip(), page
        tables += len(boxes)
    assert tables > 200
    ranking = (built_site.site_dir / "rankings" / "index.html").read_text()
    assert "navigation.instant" not in ranking


def test_every_chart_is_drawn_at_the_size_its_page_gives_it(built_site: Project) -> None:
    """Pages are written before the charts are drawn, with each chart's size from its spec."""
    from xml.etree import ElementTree

    from generator.charts.variants import DESKTOP_SIZE, STAT_HEIGHTS

    charts = list((built_site.site_dir / "charts").rglob("*.svg"))
    assert len(charts) > 100
    desktop = {(DESKTOP_SIZE.width, DESKTOP_SIZE.height),
               (DESKTOP_SIZE.width, STAT_HEIGHTS["desktop"])}  # (no interactive spec of its own)
    for svg in charts:  # x(.dark).svg: embed/x/chart.vl.json; x.narrow(.dark).svg: its narrow
        root = ElementTree.fromstring(svg.read_bytes())
        drawn = (float(root.get("width")), float(root.get("height")))
        if ".desktop." in svg.name:
            assert drawn in desktop, svg
            continue
        chart_id = (svg.relative_to(built_site.site_dir / "charts").as_posix()
                    .removesuffix(".svg").removesuffix(".dark").removesuffix(".narrow"))
        spec = json.loads((built_site.site_dir / "embed" / chart_id / (
            "chart.narrow.vl.json" if ".narrow." in svg.name else "chart.vl.json")).read_text())
        assert drawn == (spec["width"], spec["height"]), svg
    home = (built_site.site_dir / "index.html").read_text()
    assert f'width="{DESKTOP_SIZE.width}" height="{DESKTOP_SIZE.height}"' in home
    for variant in ("", ".narrow"):
        spec = json.loads((built_site.site_dir / f"embed/tokens-by-country/chart{variant}.vl.json")
                          .read_text())
        assert f'width="{spec["width"]}" height="{spec["height"]}"' in home


class Links(HTMLParser):
    """Every link and load of a page (href, src) and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.urls.append(values[name])
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(values[name])


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site: Project) -> None:
    """The site builder checks Markdown links (mkdocs --strict); the generated pages link from
    HTML, which no builder checks, and Zensical checks nothing: the crawl does, for every page."""
    from urllib.parse import unquote, urlsplit

    site = built_site.site_dir
    parsed: dict[Path, Links] = {}

    def page(path: Path) -> Links:
        if path not in parsed:
            parsed[path] = Links()
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    for path in pages:
        for url in page(path).urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
                continue  # another site, or the absolute addresses in snippets
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # the 404 page's links start at the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{path.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html" \
                    and unquote(parts.fragment) not in page(target).ids:
                broken.append(f"{path.relative_to(site)}: {url} (no such anchor)")
    assert broken == []


def country_change(expected: dict, weeks: list[str], i: int, code: str) -> float | None:
    before = expected[weeks[i - 1]]["countries"].get(code) if i else None
    return expected[weeks[i]]["countries"][code] / before - 1 if before else None


def test_every_week_states_the_china_us_story_with_changes_and_its_base(
        built_site: Project, expected: dict) -> None:
    """The sentence a dated news story needs, on every week's page, and the week's total in its
    description (the summary feeds and shared links show, after the week's headline), with
    figures recomputed here from the raw snapshots."""
    weeks = sorted(expected)
    for i, week in enumerate(weeks):
        figures = expected[week]
        known = figures["total"] - figures["other"] - figures["unknown"]
        path = built_site.site_dir / "rankings" / week / "index.html"
        page = text_of(path)
        codes = sorted(("CN", "US"), key=lambda c: -figures["countries"][c])
        lead, trail = codes
        words = {c: fmt.country_models(c) for c in codes}
        sentence = (f"{fmt.sentence_case(words[lead])} processed "
                    f"{fmt.tokens_words(figures['countries'][lead])} tokens")
        if i:
            sentence += f", {fmt.up_down(country_change(expected, weeks, i, lead))}"
        sentence += (f", against {fmt.tokens_words(figures['countries'][trail])} for "
                     f"{words[trail]}")
        if i:
            trail_change = country_change(expected, weeks, i, trail)
            sentence += f" ({fmt.up_down(trail_change, suffix='')})"
        sentence += (f". Of tokens from models with a known country, {words[lead]} had "
                     f"{fmt.percent(figures['countries'][lead] / known)} and {words[trail]} "
                     f"{fmt.percent(figures['countries'][trail] / known)}.")
        assert sentence in page, week
        description = re.search(r'<meta name="description" content="([^"]*)"',
                                path.read_text()).group(1)
        total = (f"AI models on OpenRouter processed {fmt.tokens_words(figures['total'])} tokens "
                 f"in the week of {fmt.week_range(week)}")
        assert total in html_module.unescape(description), week
        if i == 0:  # no week before it: no story, so the China/U.S. figures say the week
            assert sentence in html_module.unescape(description), week
    first = text_of(built_site.site_dir / "rankings" / weeks[0] / "index.html")
    assert "no earlier week to compare with" in first


def test_home_and_the_latest_week_open_with_the_same_story(built_site: Project,
                                                         expected: dict) -> None:
    latest = sorted(expected)[-1]
    lead = re.compile(r"AI models on OpenRouter processed .*? most used models were .*?\.(?= )")
    home = lead.search(text_of(built_site.site_dir / "index.html")).group(0)
    week = lead.search(text_of(built_site.site_dir / "rankings" / latest / "index.html")).group(0)
    assert home == week


class VisibleText(HTMLParser):
    """The text a reader sees: not scripts, styles, code blocks or attribute values."""

    SKIP = {"script", "style", "code", "pre", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag in self.SKIP

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in self.SKIP

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.text.append(data)


ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d(T[\d:.]+Z?)?\b")
SHORTENED_NAME = re.compile(r"…\s?\(20\d\d-\d\d-\d\d\)")


def test_no_page_shows_an_iso_date_or_timestamp(built_site: Project) -> None:
    """Dates read as people write them ("9 April 2026", "16–22 March 2026"); the ISO forms stay
    in the data files, links and datetime attributes. (A model's own name may hold a date, as
    "Claude 3.5 Sonnet (2024-06-20)": names are shown as their makers write them.)"""
    names = sorted({row["model_name"] for row in read_csv(downloads(built_site)
                                                          / "models_weekly.csv")},
                   key=len, reverse=True)
    shown = []
    for page in built_site.site_dir.rglob("*.html"):
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(parser.text)
        for name in names:
            text = text.replace(name, "")
        text = SHORTENED_NAME.sub("…", text)  # a narrow chart's "GPT-… (2024-05-13)"
        match = ISO_DATE.search(text)
        if match:
            shown.append(f"{page.relative_to(built_site.site_dir)}: {match.group(0)}")
    assert shown == []


def test_pages_say_the_base_of_every_share(built_site: Project) -> None:
    site = built_site.site_dir
    models = text_of(site / "models" / "index.html")
    assert "Tokens Share" not in models
    for page in ("countries/index.html", "companies/index.html", "countries/cn/index.html"):
        text = text_of(site / page)
        assert "Share of tokens from models with a known country" in text, page
        assert "of attributed" not in text and "WoW" not in text, page
    week = sorted(p.name for p in (site / "rankings").iterdir() if p.name[:2] == "20")[-1]
    text = text_of(site / "rankings" / week / "index.html")
    assert "Share of all tokens" in text and "On the week" in text
    assert "`other`" not in text and "other row" not in text
    home = text_of(site / "index.html")
    assert "of tokens from models with a known country" in home
    assert "Share of all tokens in the top 50" in home
    assert "Attributed to a top-50 model" not in home and "of attributed" not in home


def test_rank_moves_have_words_for_screen_readers(built_site: Project) -> None:
    html = (built_site.site_dir / "index.html").read_text()
    moves = re.findall(r'<span class="tt-move" aria-hidden="true">([^<]*)</span>'
                       r'<span class="tt-sr">, ([^<]*)</span>', html)
    assert moves
    for shown, words in moves:
        assert words in ("new entry", "no change") or re.fullmatch(
            r"(up|down) \d+ places?", words), words
        assert shown in ("new", "=") or shown[0] in "▲▼"


def test_chart_csvs_have_at_most_six_decimals(built_site: Project) -> None:
    """The CSV behind every chart, like the downloads: fractions rounded to six decimals."""
    files = list((built_site.site_dir / "charts").rglob("*.csv"))
    assert len(files) > 100
    for path in files:
        assert not re.search(r"\d\.\d{7}", path.read_text()), path


def test_the_spend_sections_say_what_is_left_out_in_words(built_site: Project) -> None:
    """The countries and companies pages explain the spend range once; a week in which every
    model has a known price says so rather than "0 tokens" left out; the table's headers are
    short enough for a phone (the intro says what the shares are of): shorter still on a
    phone, where screen readers keep the long ones."""
    for page in ("countries", "companies"):
        html = (built_site.site_dir / page / "index.html").read_text()
        table = html[html.index("Estimated spend at list prices by"):]
        heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table[:table.index("</thead>")])
        read = [re.sub(r'<span class="tt-(?:short|under)".*?</span>|<[^>]+>', "", h)
                for h in heads]
        assert read[1:] == ["Share of tokens", "Estimated spend", "Share of spend",
                            "Tokens without a price"], page
        assert re.findall(r'class="tt-short" aria-hidden="true">([^<]*)<', "".join(heads)) == \
            ["Token share", "Spend", "No price"], page
        text = text_of(built_site.site_dir / page / "index.html")
        section = text[text.index("Estimated spend at list prices"):]
        assert "(0 tokens" not in section
        assert ("Every one of these models has a known list price this week." in section) != \
            bool(re.search(r"are left out \([^)]* tokens this week\)", section))
        assert f"shares of tokens are shares {fmt.OF_KNOWN}" in section


def test_the_rankings_page_lists_recent_weeks_and_links_every_week(built_site: Project) -> None:
    """/rankings/ keeps to the last RECENT_WEEKS (its length no longer grows with the years);
    /rankings/weeks/ lists every week, newest first, each linked to its ranking."""
    from generator.pages.rankings import RECENT_WEEKS

    site = built_site.site_dir / "rankings"
    weeks = sorted((p.name for p in site.iterdir() if p.name[:2] == "20"), reverse=True)
    assert len(weeks) > RECENT_WEEKS

    def linked_weeks(page: str) -> list[str]:
        return re.findall(r'<td class="tt-week"><a href="[./]*rankings/(\d{4}-\d\d-\d\d)/"',
                          (site / page).read_text(encoding="utf-8"))

    assert linked_weeks("index.html") == weeks[:RECENT_WEEKS]
    assert linked_weeks("weeks/index.html") == weeks
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<a href="weeks/">Every week since [^<]*: all {len(weeks)} weeks</a>', index)
