"""The feeds (generator/feeds.py), read back with a real feed parser: the weekly briefing as Atom
and JSON Feed 1.1, the corrections and restatements as Atom, and the autodiscovery links of
every page."""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

import hostile
from conftest import write_snapshot
from generator import fmt
from generator.build import make_site
from generator.feeds import WEEKS, write_feeds
from generator.paths import LINKED_DIRS, Project
from generator.pipeline import prepare
from generator.site import Site

FEEDS = ("weekly.atom", "weekly.json", "corrections.atom")


def site_of(project: Project) -> Site:
    return make_site(project, prepare(project), require_real_data=False)


def feeds_of(project: Project, folder: Path) -> dict[str, bytes]:
    """The three feeds as the build writes them, for a project's data as it stands."""
    write_feeds(site_of(project), folder)
    return {name: (folder / "feeds" / name).read_bytes() for name in FEEDS}


def parsed(content: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def site_path(project: Project, url: str, site_url: str) -> Path:
    """The built file an absolute address of the site points to."""
    assert url.startswith(site_url), url
    path = project.site_dir / url[len(site_url):].split("#")[0]
    return path / "index.html" if url.split("#")[0].endswith("/") else path


# ---------------------------------------------------------------- the built sample site

@pytest.fixture(scope="module")
def built(built_site: Project) -> dict:
    feeds = built_site.site_dir / "feeds"
    site_url = re.search(r'<link rel="self" href="([^"]*)feeds/weekly.atom"|'
                         r'href="([^"]*)feeds/weekly.atom" rel="self"',
                         (feeds / "weekly.atom").read_text(encoding="utf-8"))
    return {"weekly": parsed((feeds / "weekly.atom").read_bytes()),
            "json": json.loads((feeds / "weekly.json").read_text(encoding="utf-8")),
            "corrections": parsed((feeds / "corrections.atom").read_bytes()),
            "site_url": site_url.group(1) or site_url.group(2),
            "totals": read_csv(built_site.site_dir / "downloads/v1/totals_weekly.csv"),
            "countries": read_csv(built_site.site_dir / "downloads/v1/countries_weekly.csv")}


def test_the_weekly_feed_has_the_latest_52_weeks_newest_first(built: dict) -> None:
    weeks = [row["week_start"] for row in built["totals"]]
    entries = built["weekly"].entries
    assert len(weeks) > WEEKS  # the sample holds more: the feed stops at 52
    expected = list(reversed(weeks))[:WEEKS]
    assert [entry.id for entry in entries] == [f"{built['site_url']}rankings/{week}/"
                                               for week in expected]
    assert [entry.link for entry in entries] == [entry.id for entry in entries]
    published = [when(entry.published) for entry in entries]
    assert published == sorted(published, reverse=True)


def test_each_title_states_the_week_s_headline(built: dict, built_site: Project) -> None:
    """'Week of 2–8 March 2026: Chinese models overtook U.S. models for the first time: …': the
    week's headline finding (generator.findings), the one its page opens with; a week without
    a story states the larger of China and the U.S., worked out again from the published
    countries table."""
    site = site_of(built_site)
    by_week: dict[str, dict[str, dict]] = {}
    for row in built["countries"]:
        by_week.setdefault(row["week_start"], {})[row["country"]] = row
    storyless = 0
    for entry in built["weekly"].entries:
        week = entry.id.rstrip("/").rsplit("/", 1)[1]
        findings = site.findings[week]
        assert entry.title == findings.feed_title()
        assert entry.summary == findings.description()
        if findings.story:
            continue
        storyless += 1
        rows = [by_week[week][code] for code in ("CN", "US") if code in by_week[week]]
        lead = max(rows, key=lambda row: int(row["tokens"]))
        words = {"CN": "Chinese models", "US": "U.S. models"}[lead["country"]]
        change = float(lead["wow_change"])
        assert entry.title == (f"Week of {fmt.week_range(week)}: {words} "
                               f"{fmt.tokens_words(int(lead['tokens']))} tokens, "
                               f"{'up' if change > 0 else 'down'} "
                               f"{fmt.percent(abs(change))}"), entry.title
    titles = {entry.id.rstrip("/").rsplit("/", 1)[1]: entry.title
              for entry in built["weekly"].entries}
    assert titles["2026-03-02"].startswith("Week of 2–8 March 2026: Chinese models overtook "
                                           "U.S. models for the first time")
    assert not any("overtook" in titles[week] for week in ("2026-02-23", "2026-03-09"))


def test_each_entry_holds_the_summary_figures_movers_and_a_link(built: dict,
                                                                built_site: Project) -> None:
    for entry in built["weekly"].entries:
        content = entry.content[0].value
        assert entry.content[0].type == "text/html"
        assert "AI models on OpenRouter processed " in entry.summary
        assert html.escape(entry.summary, quote=False) in content
        assert "Gained the most tokens" in content and "Lost the most tokens" in content
        assert "Source: OpenRouter (openrouter.ai/rankings), as of" in content
        for url in re.findall(r'href="([^"]+)"', content):
            assert site_path(built_site, html.unescape(url), built["site_url"]).is_file(), url
        assert site_path(built_site, entry.link, built["site_url"]).is_file()


def test_an_entry_is_updated_when_its_figures_were_published(built: dict,
                                                             built_site: Project) -> None:
    """``updated`` is the as_of the week's page cites (its source line's datetime)."""
    for entry in built["weekly"].entries:
        page = site_path(built_site, entry.link, built["site_url"]).read_text(encoding="utf-8")
        cited = re.search(r'class="tt-source"[^>]*>[^<]*<time datetime="([^"]+)"', page)
        assert when(entry.updated) == when(cited.group(1)), entry.id
        assert when(entry.published) <= when(entry.updated)


def test_the_json_feed_has_every_field_json_feed_1_1_requires(built: dict) -> None:
    feed = built["json"]
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["feed_url"] == f"{built['site_url']}feeds/weekly.json"
    assert feed["home_page_url"] == built["site_url"]
    assert all(author.get("name") for author in feed["authors"])
    atom = built["weekly"].entries
    assert [item["id"] for item in feed["items"]] == [entry.id for entry in atom]
    for item, entry in zip(feed["items"], atom, strict=True):
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_html") or item.get("content_text")
        assert item["title"] == entry.title and item["url"] == entry.link
        assert when(item["date_published"]) == when(entry.published)  # RFC 3339
        assert when(item["date_modified"]) == when(entry.updated)


def test_the_corrections_feed_has_each_correction_and_restated_week(built: dict,
                                                                    built_site: Project) -> None:
    downloads = built_site.site_dir / "downloads/v1"
    corrections = read_csv(downloads / "corrections.csv")
    restated = {(row["new_as_of"], row["week_start"])
                for row in read_csv(downloads / "revisions.csv")}
    entries = built["corrections"].entries
    assert corrections and restated  # the sample has both
    ids = [entry.id for entry in entries]
    assert len(ids) == len(set(ids)) == len(corrections) + len(restated)
    for row in corrections:
        assert f"{built['site_url']}data/revisions/#{row['id']}" in ids
    for as_of, week in restated:
        assert any(entry.title.startswith(f"Week of {fmt.week_range(week)} restated")
                   and when(entry.updated) == when(as_of) for entry in entries), (as_of, week)
    updated = [when(entry.updated) for entry in entries]
    assert updated == sorted(updated, reverse=True)
    revisions = (built_site.site_dir / "data/revisions/index.html").read_text(encoding="utf-8")
    for entry in entries:
        assert site_path(built_site, entry.link, built["site_url"]).is_file()
        anchor = entry.link.partition("#")[2]
        assert f'id="{anchor}"' in revisions, entry.link


class Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower()
        if tag == "link" and "alternate" in rel.split() and values.get("type"):
            self.links.setdefault(values["type"], []).append(values.get("href", ""))
            # not rel="alternate" alone: Material's script would take it for another language
            # of the site and fetch a sitemap.xml beside it (test_browser sees no failed request)
            assert rel != "alternate"


def test_every_page_announces_the_feeds(built: dict, built_site: Project) -> None:
    """Every page MkDocs built (the embeds are iframes in other sites' pages: not theirs),
    with the rel token feed readers look for ("alternate") and the feed's type."""
    site = built_site.site_dir
    pages = [page for page in site.rglob("*.html")
             if page.relative_to(site).parts[0] not in LINKED_DIRS]
    assert len(pages) > 200
    for page in pages:
        parser = Alternates()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.links.get("application/atom+xml") == [
            f"{built['site_url']}feeds/weekly.atom",
            f"{built['site_url']}feeds/corrections.atom"], page
        assert parser.links.get("application/feed+json") == [
            f"{built['site_url']}feeds/weekly.json"], page


def test_the_home_page_links_the_feeds_and_the_downloads(built_site: Project) -> None:
    home = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    follow = home[home.index('id="follow-the-tracker"'):]
    for href in ("feeds/weekly.atom", "feeds/weekly.json", "feeds/corrections.atom",
                 "data/"):
        assert f'href="{href}"' in follow, href


# ---------------------------------------------------------------- small data

def test_the_same_inputs_give_the_same_feed_bytes(tiny_project: Project,
                                                  tmp_path: Path) -> None:
    first = feeds_of(tiny_project, tmp_path / "one")
    assert feeds_of(tiny_project, tmp_path / "two") == first


def test_a_restated_week_updates_its_entry_and_only_its_entry(tiny_project: Project,
                                                              tmp_path: Path) -> None:
    before = feeds_of(tiny_project, tmp_path / "before")
    write_snapshot(tiny_project.data_dir, [("2026-03-16", "openai/gpt-5-20250807", 1500),
                                           ("2026-03-16", "deepseek/deepseek-v3-20250324", 1000),
                                           ("2026-03-16", "openrouter/sonoma-alpha", 10),
                                           ("2026-03-16", "other", 90)],
                   start="2026-03-16", end="2026-03-22", as_of="2026-03-30T02:00:00.000Z")
    after = feeds_of(tiny_project, tmp_path / "after")
    old = {entry.id: entry for entry in parsed(before["weekly.atom"]).entries}
    new = {entry.id: entry for entry in parsed(after["weekly.atom"]).entries}
    assert old.keys() == new.keys()  # the same ids: a reader sees an update, not a new week
    restated = next(key for key in new if key.endswith("/rankings/2026-03-16/"))
    assert when(old[restated].updated) == when("2026-03-26T02:00:00Z")
    assert when(new[restated].updated) == when("2026-03-30T02:00:00Z")
    assert when(new[restated].published) == when("2026-03-26T02:00:00Z")  # first published
    # the week's total, 1,000 + 1,000 + 10 + 90 tokens before, with GPT-5's 1,500 after
    assert "processed 2.1 thousand tokens" in old[restated].summary
    assert "processed 2.6 thousand tokens" in new[restated].summary
    assert new[restated].content[0].value != old[restated].content[0].value
    for key in new.keys() - {restated}:
        assert (new[key].updated, new[key].content[0].value) == \
            (old[key].updated, old[key].content[0].value)
    changes = parsed(after["corrections.atom"]).entries
    assert [entry.title for entry in changes] == [
        "Week of 16–22 March 2026 restated: 1 figure changed"]
    assert "openai/gpt-5-20250807: 1,000 → 1,500 tokens" in changes[0].content[0].value


def test_the_first_week_says_there_is_nothing_to_compare_with(tiny_project: Project,
                                                              tmp_path: Path) -> None:
    entries = parsed(feeds_of(tiny_project, tmp_path)["weekly.atom"]).entries
    first = entries[-1]
    assert first.id.endswith("/rankings/2026-03-02/")
    assert first.title.endswith(" tokens in the first week of data")
    assert "no earlier week to compare" in first.content[0].value
    assert "Gained the most tokens" not in first.content[0].value


class Markup(HTMLParser):
    """The elements of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markup(fragment: str) -> Markup:
    parser = Markup()
    parser.feed(fragment)
    parser.close()
    return parser


FEED_TAGS = {"p", "ul", "ol", "li", "strong", "h3", "a"}  # all the feeds' content ever holds


def test_hostile_names_stay_text_in_every_feed(tmp_path: Path) -> None:
    from generator.derive.movers import SHORT
    from generator.paths import REPO_ROOT

    project = Project.at(REPO_ROOT, hostile.write_hostile_data(tmp_path / "data"))
    feeds = feeds_of(project, tmp_path / "out")
    site = site_of(project)
    movers = site.movers[site.latest_week].head(SHORT)
    names = [m.name for m in (*movers.risers, *movers.fallers, *movers.entrants,
                              *movers.leavers)]
    assert any("<script" in name for name in names)  # the data is as hostile as meant
    items = json.loads(feeds["weekly.json"])["items"]
    for entry, item in zip(parsed(feeds["weekly.atom"]).entries, items, strict=True):
        for fragment in (entry.content[0].value, item["content_html"]):
            found = markup(fragment)
            assert found.tags <= FEED_TAGS, found.tags - FEED_TAGS
            if entry.id.endswith(f"/rankings/{site.latest_week}/"):
                text = "".join(found.text)
                for name in names:  # each name shown as the text it is (lines folded)
                    assert " ".join(fmt.attr(name).split()) in html.escape(text), name
    changes = parsed(feeds["corrections.atom"]).entries
    assert changes  # the hostile corrections
    for entry in changes:
        found = markup(entry.content[0].value)
        assert found.tags <= FEED_TAGS, found.tags - FEED_TAGS
    assert any(hostile.SCRIPT_FLAG in "".join(markup(entry.content[0].value).text)
               for entry in changes)


def test_the_build_writes_the_feeds_and_rewrites_them_only_on_a_change(
        tmp_path: Path, tiny_data: Path) -> None:
    """The generator's stamp covers the feeds: a build with nothing changed is skipped, a
    deleted feed is written again, a new snapshot rewrites them."""
    from datetime import date

    from conftest import copy_skeleton
    from generator.build import generate

    root = tmp_path / "project"
    root.mkdir()
    project = Project.at(copy_skeleton(root).root, tiny_data)
    today = date(2026, 4, 6)
    generate(project, today=today)
    weekly = project.site_src / "feeds" / "weekly.atom"
    first = weekly.read_bytes()
    assert parsed(first).entries
    assert generate(project, today=today).unchanged
    weekly.unlink()
    assert not generate(project, today=today).unchanged
    assert weekly.read_bytes() == first
    write_snapshot(project.data_dir, [("2026-03-16", "openai/gpt-5-20250807", 1500),
                                      ("2026-03-16", "other", 90)],
                   start="2026-03-16", end="2026-03-22", as_of="2026-03-30T02:00:00.000Z")
    assert not generate(project, today=today).unchanged
    assert weekly.read_bytes() != first
