"""The hostile dataset (tests/hostile.py) builds into a site where nothing
executes, every name shows as literal text, no file lands outside the output folders, file names
are safe and collision-free, and CSV downloads cannot run spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

import hostile
from conftest import copy_skeleton, served
from generator.build import build
from generator.errors import TrackerError
from generator.paths import (
    GENERATED_DIRS,
    GENERATED_FILES,
    ZH_DIR,
    ZH_GENERATED_DIRS,
    ZH_GENERATED_FILES,
    Project,
)
from generator.slugs import SAFE_NAME, assign_file_names, hashed_name
from generator.tableio import csv_cell, csv_row, to_csv_bytes, to_json_bytes
from helpers import folder_state

# Deep enough that six '../' from site_src/models/ still land inside the snapshot folder.
NESTING = ("n1", "n2", "n3", "n4", "n5", "n6", "n7")
# Where a slug that escaped its folder would land outside the snapshot folder.
ABSOLUTE_TARGETS = (Path("/absolute"), Path("/tmp/escaped"), Path("/escaped"))
# render cache entries (spec hashes), the Vega bundle, and build stamps (a hash of the project path)
CACHE_NAME = re.compile(r"^(?:[0-9a-f]{64}(?:\.dark)?\.(?:svg|png)"  # a drawing, its dark version
                        r"|vega-bundle-[0-9a-z.]+-[0-9.]+\.js"
                        r"|[0-9a-f]{16}\.json|(?:search-)?[0-9a-f]{64}\.json|[0-9a-f]{64}\.spec"
                        r"|layout-[0-9a-f]{64}\.html)$")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class HostileBuild:
    base: Path  # everything the test owns: the project (deep inside) and data/
    project: Project
    before: dict[str, str]
    after: dict[str, str]
    cache_files: set[str]  # render-cache files the build added
    absolute_before: dict[Path, bool]


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    base = tmp_path_factory.mktemp("hostile")
    root = base.joinpath(*NESTING, "project")
    root.mkdir(parents=True)
    copy_skeleton(root)
    project = Project.at(root, hostile.write_hostile_data(base / "data"))
    before = folder_state(base)
    absolute_before = {path: path.exists() for path in ABSOLUTE_TARGETS}
    # a render cache of its own: the suite's shared one gets other builds' files meanwhile
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TRACKER_CACHE_DIR", str(tmp_path_factory.mktemp("hostile-cache")))
        cache_before = cache_files(project.cache_dir)
        build(project)
        added = cache_files(project.cache_dir) - cache_before
    return HostileBuild(base, project, before, folder_state(base), added, absolute_before)


def cache_files(folder: Path) -> set[str]:
    return {path for path, kind in folder_state(folder).items() if kind != "dir"} \
        if folder.exists() else set()


# ---------------------------------------------------------------- nothing escapes

def output_prefixes(build: HostileBuild) -> tuple[str, ...]:
    project = build.project.root.relative_to(build.base).as_posix()
    return (f"{project}/site/",
            *(f"{project}/site_src/{folder}/" for folder in GENERATED_DIRS),
            *(f"{project}/site_src/{name}" for name in GENERATED_FILES),
            *(f"{project}/site_src/{ZH_DIR}/{folder}/" for folder in ZH_GENERATED_DIRS),
            *(f"{project}/site_src/{ZH_DIR}/{name}" for name in ZH_GENERATED_FILES),
            f"{project}/site_src/assets/generated/",
            f"{project}/templates/overrides/generated/")


def test_the_build_writes_nothing_outside_its_output_folders(hostile_build: HostileBuild) -> None:
    before, after = hostile_build.before, hostile_build.after
    prefixes = output_prefixes(hostile_build)
    changed = {path for path in after if before.get(path) != after[path]}
    outside = sorted(path for path in changed
                     if after[path] != "dir" and not path.startswith(prefixes))
    assert outside == []
    assert sorted(set(before) - set(after)) == []  # nothing outside the output was deleted
    assert {p: p.exists() for p in ABSOLUTE_TARGETS} == hostile_build.absolute_before
    # the render cache only ever gets content-addressed files
    assert [name for name in hostile_build.cache_files
            if not CACHE_NAME.match(Path(name).name)] == []
    # the data folder is read, never written
    assert {p: h for p, h in after.items() if p.startswith("data/")} == \
        {p: h for p, h in before.items() if p.startswith("data/")}


def test_every_output_file_name_is_plain_ascii(hostile_build: HostileBuild) -> None:
    site = hostile_build.project.site_dir
    bad = [path for path in site.rglob("*")
           if not re.fullmatch(r"[A-Za-z0-9._-]+", path.name) or path.name.startswith("..")]
    assert bad == []


def test_colliding_and_reserved_slugs_get_their_own_pages(hostile_build: HostileBuild) -> None:
    models = hostile_build.project.site_src / "models"
    # "index" and "readme" never overwrite the index page; a/b, A/B and a-b get three pages
    assert "# Models" in (models / "index.md").read_text()
    assert len(list(models.glob("a-b--*.md"))) == 3
    assert len(list(models.glob("index--*.md"))) == 1
    assert len(list(models.glob("readme--*.md"))) == 1
    companies = hostile_build.project.site_src / "companies"
    assert "# Companies" in (companies / "index.md").read_text()
    assert len(list(companies.glob("index--*.md"))) == 1
    ranked = {slug for slug in hostile.MODELS if slug != "other"}
    assert len(list(models.glob("*.md"))) == len(ranked) + 1


def test_social_tags_keep_hostile_names_as_text(hostile_build: HostileBuild) -> None:
    """Each page's title, description and card alt land in meta attributes: escaped once (the
    front matter's escaping undone, then redone), so each is one attribute holding the text."""
    from test_sharing import SOCIAL, Head

    class HeadTags(Head):
        def __init__(self) -> None:
            super().__init__()
            self.in_head, self.foreign = False, []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            super().handle_starttag(tag, attrs)
            self.in_head = self.in_head or tag == "head"
            if self.in_head and tag not in ("head", "meta", "link", "title", "script", "style"):
                self.foreign.append(tag)
            if any(name.startswith("on") for name, _ in attrs):
                self.foreign.append(f"{tag} with {attrs}")

        def handle_endtag(self, tag: str) -> None:
            super().handle_endtag(tag)
            self.in_head = self.in_head and tag != "head"

    site = hostile_build.project.site_dir
    files = assign_file_names([s for s in hostile.MODELS if s != "other"])
    titles = {  # permaslug -> the page's title, as given (whitespace folded)
        f"openai/{hostile.SCRIPT}": hostile.SCRIPT_FLAG,
        "mistralai/m-20260101": hostile.HYPERLINK,
        "a/b": hostile.HTML_ENTITY,
        f"cohere/{hostile.JINJA_EXPR}{hostile.JINJA_RAW}": hostile.JINJA_EXPR + hostile.JINJA_RAW,
        f"newline/{hostile.NEWLINES}": " ".join(hostile.NEWLINES.split()),
    }
    for slug, title in titles.items():
        head = HeadTags()
        head.feed((site / "models" / files[slug] / "index.html").read_text(encoding="utf-8"))
        assert head.meta["og:title"] == head.meta["twitter:title"] == [title], slug
        assert title in head.meta["og:description"][0], slug
    for path in site.rglob("*.html"):
        if path.relative_to(site).parts[0] == "embed":
            continue
        head = HeadTags()
        head.feed(path.read_text(encoding="utf-8"))
        assert head.foreign == [], path
        assert all(len(head.meta.get(key, [])) == 1 for key in SOCIAL), path


def test_file_names_are_safe_and_unique_for_any_names() -> None:
    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(), max_size=30))
    def check(keys: list[str]) -> None:
        try:
            names = assign_file_names(keys)
        except TrackerError as exc:  # only a (vanishingly rare) short-hash clash may fail
            assert "\n" not in str(exc)
            return
        assert set(names) == set(keys)
        assert len(set(names.values())) == len(names)
        assert all(SAFE_NAME.match(name) and name not in ("index", "readme")
                   for name in names.values())

    check()


def test_a_plain_name_can_never_take_a_hashed_name() -> None:
    crafted = hashed_name("a-b", "a/b")  # what "a/b" becomes when it collides with "A/B"
    names = assign_file_names(["a/b", "A/B", crafted])
    assert len(set(names.values())) == 3
    assert names[crafted] != crafted


# ---------------------------------------------------------------- CSV formulas

def csv_files(build: HostileBuild) -> list[Path]:
    return sorted(build.project.site_dir.rglob("*.csv"))


def test_no_csv_cell_starts_a_formula(hostile_build: HostileBuild) -> None:
    files = csv_files(hostile_build)
    assert len(files) > 50  # downloads, chart data and embed data
    active = []
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            active += [(path.name, cell[:40]) for cell in row
                       if cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell)]
    assert active == []


def test_csv_keeps_numbers_and_quotes_text_while_json_and_parquet_keep_it_exact(
        hostile_build: HostileBuild) -> None:
    downloads = hostile_build.project.site_dir / "downloads" / "v1"
    with (downloads / "models_weekly.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    mistral = [r for r in rows if r["model_permaslug"] == "mistralai/m-20260101"]
    assert mistral[1]["wow_change"] == "-0.9875"  # 8000 -> 100: a number, untouched
    assert mistral[1]["model_name"] == "'" + hostile.HYPERLINK
    assert mistral[1]["company"] == "'" + hostile.HYPERLINK
    assert {r["company"] for r in rows} >= {"'-1+2 negative-looking", "'+1+2 plus", "'@SUM(1) at",
                                            "'=1 tab \r=1 cr", hostile.NEWLINES.strip()}
    assert {r["model_permaslug"] for r in rows} >= {"'+plus/m", "'-minus/m", "'@at/m",
                                                    "'" + hostile.HYPERLINK + "/m"}
    records = json.loads((downloads / "models_weekly.json").read_text(encoding="utf-8"))
    parquet = pq.read_table(downloads / "models_weekly.parquet").to_pylist()
    for exact in (records, parquet):
        assert {r["company"] for r in exact} >= {hostile.HYPERLINK, "+1+2 plus", "@SUM(1) at"}
        assert {r["model_permaslug"] for r in exact} >= {"+plus/m", "nul/before\x00after",
                                                         f"amazon/{'n' * 10_000}"}
        assert min(r["wow_change"] for r in exact if r["wow_change"] is not None) < 0


def test_a_carriage_return_inside_a_csv_cell_is_quoted() -> None:
    frame = pd.DataFrame({"name": ["a\rb", "c\nd", "=1", "ok"], "change": [-0.5, 1.0, None, 2.0],
                          "tokens": pd.array([-3, 2**60, 5, 6], dtype="int64")})
    text = to_csv_bytes(frame).decode()
    assert text.endswith("\n") and "\r\n" not in text.replace('"a\rb"', "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["name", "change", "tokens"], ["a\rb", "-0.5", "-3"],
                    ["c\nd", "1.0", str(2**60)], ["'=1", "", "5"], ["ok", "2.0", "6"]]
    assert json.loads(to_json_bytes(frame))[2]["name"] == "=1"


def test_a_csv_without_carriage_returns_is_quoted_the_same_in_one_go() -> None:
    """Without a CR anywhere, the whole table goes through one csv writer (fast path): every
    line is what the row-by-row writer makes of it."""
    frame = pd.DataFrame({
        "name": pd.array(["c\nd", "=1", 'q"q', None, "x,y"], dtype="string[pyarrow]"),
        "n": pd.array([1, None, 3, -4, 2**62], dtype="Int64"),
        "share": [0.1, float("nan"), -0.25, 1e-9, 2.0]})
    expected = csv_row(["name", "n", "share"]) + "".join(
        csv_row([csv_cell(v) for v in row]) for row in frame.itertuples(index=False))
    assert to_csv_bytes(frame).decode() == expected
    assert list(csv.reader(io.StringIO(expected, newline="")))[1:3] == [
        ["c\nd", "1", "0.1"], ["'=1", "", ""]]


# ---------------------------------------------------------------- in Chromium

@pytest.fixture(scope="session")
def hostile_url(hostile_build: HostileBuild) -> Iterator[str]:
    with served(hostile_build.project.site_dir) as url:
        yield url


def site_pages(build: HostileBuild) -> tuple[list[str], list[str]]:
    """Every page of the site (each family) and every embed, as URL paths."""
    site = build.project.site_dir
    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    paths = ["" if p == "./" else p for p in paths]
    embeds = [p for p in paths if p.startswith("embed/")]
    pages = [p for p in paths if not p.startswith(("embed/", "search/"))]
    return pages, embeds


# Anything an injected payload could leave behind: a run flag, inline handlers, script URLs.
INSPECT = """() => {
  const found = [];
  if (window.__pwned !== undefined) found.push('window.__pwned set');
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
      const url = /^(href|src|action|formaction|xlink:href)$/.test(a.name);
      if (url && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
    }
  }
  for (const s of document.scripts)
    if (/pwned|alert\\(/.test(s.textContent)) found.push('script: ' + s.textContent.slice(0, 60));
  return found;
}"""


def visit(page: Page, url: str, dialogs: list[str]) -> list[str]:
    page.goto(url, wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy charts go live
    page.wait_for_timeout(50)
    found = []
    for frame in page.frames:
        found += [f"{frame.url}: {item}" for item in frame.evaluate(INSPECT)]
    return found + [f"{url}: dialog {d}" for d in dialogs]


@pytest.mark.browser
def test_no_hostile_name_runs_a_script_on_any_page_or_embed(
        browser: Browser, hostile_build: HostileBuild, hostile_url: str) -> None:
    pages, embeds = site_pages(hostile_build)
    families = {p.split("/", 1)[0] for p in pages}
    assert families >= {"", "rankings", "countries", "companies", "models", "data", "learn"}
    assert len(embeds) > 20
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    findings = []
    for path in pages + embeds:
        findings += visit(page, hostile_url + path, dialogs)
        dialogs.clear()
    context.close()
    assert findings == []


def h1(page: Page) -> str:
    return page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')")


@pytest.mark.browser
def test_hostile_names_show_literally_and_tables_stay_whole(
        page: Page, hostile_build: HostileBuild, hostile_url: str) -> None:
    files = assign_file_names([s for s in hostile.MODELS if s != "other"])
    expected = {  # permaslug -> the page's heading, exactly as given (whitespace folded)
        f"openai/{hostile.SCRIPT}": hostile.SCRIPT_FLAG,  # the catalogue name, vendor cut
        "x-ai/grok-20260101": f"{hostile.MD_LINK} {hostile.MD_IMAGE}",
        f"cohere/{hostile.JINJA_EXPR}{hostile.JINJA_RAW}": hostile.JINJA_EXPR + hostile.JINJA_RAW,
        "nvidia/nemotron-20260101": hostile.JINJA_RAW + " {% endraw %} {# c #}",
        "google/gemini-20260101": f"{hostile.BACKTICKS} {hostile.PIPES}",
        "tngtech/chimera-20260101": hostile.LONG,
        "mistralai/m-20260101": hostile.HYPERLINK,
        "upstage/solar-20260101": f"{hostile.RTL} {hostile.EMOJI_CHINESE}",
        "a/b": hostile.HTML_ENTITY,
        f"newline/{hostile.NEWLINES}": " ".join(hostile.NEWLINES.split()),
    }
    for slug, heading in expected.items():
        page.goto(f"{hostile_url}models/{files[slug]}/")
        assert h1(page) == heading
        assert page.locator("article h1").count() == 1
        slug_shown = page.locator("article li", has_text="OpenRouter slug:").locator("code")
        assert slug_shown.inner_text() == " ".join(slug.replace("\x00", "\ufffd").split())
    for week in hostile.WEEKS:
        page.goto(f"{hostile_url}rankings/{week}/")
        assert page.locator("article h1").count() == 1
        shape = page.evaluate("""() => {
          const table = [...document.querySelectorAll('article table')]
            .find(t => t.querySelector('th')?.textContent.trim() === 'Rank');
          return [...table.tBodies[0].rows].map(r => r.cells.length);
        }""")
        ranked = [s for s, tokens in hostile.MODELS.items()
                  if s != "other" and tokens[hostile.WEEKS.index(week)] is not None]
        assert shape == [5] * len(ranked)  # rank, model (company, country), tokens, share, change
        text = page.locator("article").inner_text()
        for payload in (hostile.SCRIPT, hostile.IMG, hostile.JINJA_EXPR, hostile.PIPES,
                        hostile.HYPERLINK, hostile.EMOJI_CHINESE, hostile.MD_LINK):
            assert payload in text


@pytest.mark.browser
def test_hostile_correction_text_shows_literally_in_the_log_and_notes(
        page: Page, hostile_build: HostileBuild, hostile_url: str) -> None:
    page.goto(f"{hostile_url}data/revisions/")
    log = page.locator("article").inner_text()
    for entry in hostile.CORRECTIONS:
        assert " ".join(entry["reason"].split()) in log
    assert hostile.HYPERLINK in log and "@SUM(1)" in log  # credits, as written
    evidence = page.locator("article a", has_text="https://example.org/a?q=").get_attribute("href")
    assert evidence == hostile.CORRECTIONS[0]["source_url"]
    page.goto(f"{hostile_url}rankings/{hostile.WEEKS[1]}/")
    note = page.locator("article .admonition", has_text="Corrected figures").inner_text()
    assert hostile.CORRECTION_REASON in note
    with (hostile_build.project.site_dir / "downloads/v1/corrections.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {row["credit"] for row in rows} == {"'" + hostile.HYPERLINK, "'@SUM(1)", ""}


def test_an_as_of_that_is_not_a_timestamp_is_refused() -> None:
    # as_of lands in captions, citations and file names: only a timestamp gets that far
    from generator.load import parse_rankings

    for as_of in ("2026-03-17T02:00:00Z<script>", "2026-03-17\n```", "now", "２０２６-03-17"):
        payload = {"data": [], "meta": {"as_of": as_of, "version": "v1",
                                        "start_date": "2026-03-02", "end_date": "2026-03-08"}}
        with pytest.raises(TrackerError, match="ISO 8601") as caught:
            parse_rankings(payload, "snap.json")
        assert "\n" not in str(caught.value)
