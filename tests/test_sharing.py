"""Sharing and freshness: every page's social card and its tags, the next-update rule, the
data-status line, the 404 page, and the repository address as one setting."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import copy_skeleton
from generator import client
from generator.build import generate
from generator.errors import TrackerError
from generator.paths import REPO_ROOT, Project, new_issue_url, repo_url
from generator.site import Schedule, next_update, parse_cron, read_schedules

MONDAY_0630 = Schedule(hour=6, minute=30, weekdays=frozenset({0}))


# ---------------------------------------------------------------- the next update

def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_the_next_update_is_the_first_weekly_run_after_the_data() -> None:
    # as of Thursday 9 April 2026, built that day: the Monday after
    assert next_update("2026-04-09T02:00:00.000Z", date(2026, 4, 9), [MONDAY_0630]) == \
        at("2026-04-13T06:30")


def test_the_weekly_run_itself_announces_the_following_monday() -> None:
    # the source refreshed at 02:00 on Monday; the 06:30 run builds the same day
    assert next_update("2026-04-13T02:00:00.000Z", date(2026, 4, 13), [MONDAY_0630]) == \
        at("2026-04-20T06:30")


def test_the_next_update_crosses_the_year_end() -> None:
    assert next_update("2026-12-28T02:00:00.000Z", date(2026, 12, 28), [MONDAY_0630]) == \
        at("2027-01-04T06:30")
    assert next_update("2027-01-01T02:00:00.000Z", date(2027, 1, 2), [MONDAY_0630]) == \
        at("2027-01-04T06:30")


def test_after_a_missed_run_the_next_update_is_the_next_run_not_a_past_date() -> None:
    # data as of 30 March; the runs of 6 and 13 April failed; built by hand on 15 April
    assert next_update("2026-03-30T02:00:00.000Z", date(2026, 4, 15), [MONDAY_0630]) == \
        at("2026-04-20T06:30")
    # built on the Monday of a failed run: that run is over, the next is a week later
    assert next_update("2026-03-30T02:00:00.000Z", date(2026, 4, 13), [MONDAY_0630]) == \
        at("2026-04-20T06:30")


def test_several_schedules_give_the_earliest_run_and_none_gives_no_date() -> None:
    weekdays = parse_cron("0 7 * * mon-fri")
    assert next_update("2026-04-10T02:00:00.000Z", date(2026, 4, 10),  # a Friday
                       [MONDAY_0630, weekdays, parse_cron("15 23 * * 0")]) == \
        at("2026-04-12T23:15")  # the Sunday
    assert next_update("2026-04-10T02:00:00.000Z", date(2026, 4, 10), []) is None


def test_cron_days_of_the_week_read_as_github_reads_them() -> None:
    assert parse_cron("30 6 * * 1") == MONDAY_0630
    assert parse_cron("30 6 * * MON") == MONDAY_0630
    assert parse_cron("0 0 * * 0").weekdays == parse_cron("0 0 * * 7").weekdays == {6}
    assert parse_cron("0 0 * * 1-3,5").weekdays == {0, 1, 2, 4}
    assert parse_cron("0 0 * * *").weekdays == set(range(7))


@pytest.mark.parametrize("cron", ["30 6 1 * 1", "30 6 * 4 *", "*/5 6 * * 1", "30 24 * * 1",
                                  "30 6 * * 8", "30 6 * * fri-mon", "30 6 * *", "every monday"])
def test_a_schedule_the_rule_cannot_follow_is_refused(cron: str) -> None:
    with pytest.raises(ValueError, match="cron"):
        parse_cron(cron)


def test_the_rule_reads_the_publishing_workflows_own_schedule(tmp_path: Path) -> None:
    assert read_schedules(Project.at(REPO_ROOT).weekly_workflow) == (MONDAY_0630,)
    assert read_schedules(tmp_path / "absent.yml") == ()
    broken = tmp_path / "weekly.yml"
    broken.write_text('on:\n  schedule:\n    - cron: "30 6 1 * 1"\n')
    with pytest.raises(TrackerError, match="weekly.yml: cannot read its schedule"):
        read_schedules(broken)


# ---------------------------------------------------------------- the data-status line

@pytest.fixture
def real_project(tmp_path: Path, tiny_data: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    return Project.at(copy_skeleton(root).root, tiny_data)


def status(project: Project) -> str:
    return (project.generated_overrides / "data_status.html").read_text()


def test_every_page_says_when_the_data_was_updated_and_the_next_update_is_due(
        real_project: Project) -> None:
    # tiny_data: as of Thursday 26 March 2026, newest week 16-22 March
    generate(real_project, today=date(2026, 3, 26))
    line = status(real_project)
    assert 'Updated <time datetime="2026-03-26T02:00:00.000Z">26 March 2026</time>' in line
    assert "latest week 16–22 March 2026" in line
    assert ('next update due <time datetime="2026-03-30T06:30Z">Monday 30 March 2026</time>'
            in line)
    assert "T02:00" not in line.replace('datetime="2026-03-26T02:00:00.000Z"', "")
    main = (real_project.templates_dir / "overrides" / "main.html").read_text()
    assert '{% include "generated/data_status.html" ignore missing %}' in main


def test_stale_data_still_says_when_the_next_run_is_due(real_project: Project) -> None:
    generate(real_project, today=date(2026, 4, 15))  # the runs of 30 March to 13 April missed
    line = status(real_project)
    assert "The data may be stale" in line
    assert 'last updated <time datetime="2026-03-26T02:00:00.000Z">26 March 2026</time>' in line
    assert "next update due <time datetime=\"2026-04-20T06:30Z\">Monday 20 April 2026</time>" \
        in line


def test_a_project_without_the_publishing_workflow_promises_no_date(real_project: Project
                                                                    ) -> None:
    real_project.weekly_workflow.unlink()
    generate(real_project, today=date(2026, 3, 26))
    assert "Updated <time" in status(real_project)
    assert "next update" not in status(real_project)


def test_the_sample_says_it_is_the_sample_and_is_never_updated(built_site: Project) -> None:
    home = (built_site.site_dir / "index.html").read_text()
    assert "Sample data — not real figures" in home and "never updated" in home
    assert "next update" not in home


# ---------------------------------------------------------------- social cards

class Head(HTMLParser):
    """The meta tags (property or name -> every content) and the <title> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(values.get("content") or "")
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def head_of(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


SOCIAL = ("og:type", "og:site_name", "og:title", "og:description", "og:image", "og:image:type",
          "og:image:width", "og:image:height", "og:image:alt", "twitter:card", "twitter:title",
          "twitter:description", "twitter:image", "twitter:image:alt")


def site_pages(project: Project) -> list[Path]:
    """Every page the site builder made (the embeds are pages of their own)."""
    return sorted(p for p in project.site_dir.rglob("*.html")
                  if p.relative_to(project.site_dir).parts[0] not in ("embed", "charts"))


def card_file(project: Project, url: str) -> Path:
    from generator.paths import site_url

    root = site_url(project)
    assert url.startswith(root), url
    return project.site_dir / url[len(root):]


def test_every_page_has_a_social_card_that_is_a_file_of_the_site(built_site: Project) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 100
    problems = []
    for path in pages:
        meta = head_of(path).meta
        shown = path.relative_to(built_site.site_dir).as_posix()
        missing = [key for key in SOCIAL if len(meta.get(key, [])) != 1 or not meta[key][0]]
        if missing:
            problems.append(f"{shown}: missing or repeated {missing}")
            continue
        card = card_file(built_site, meta["og:image"][0])
        if not card.is_file() or card.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            problems.append(f"{shown}: og:image {meta['og:image'][0]} is not a PNG of the site")
        if meta["twitter:card"] != ["summary_large_image"] or \
                meta["twitter:image"] != meta["og:image"]:
            problems.append(f"{shown}: twitter tags {meta['twitter:card']}")
        if (meta["og:image:width"], meta["og:image:height"]) != (["1200"], ["675"]):
            problems.append(f"{shown}: card size")
        if path.name != "404.html" and len(meta.get("og:url", [])) != 1:
            problems.append(f"{shown}: no og:url")
    assert problems == []


def meta_of(project: Project, page: str) -> dict[str, str]:
    return {key: values[0] for key, values in
            head_of(project.site_dir / page / "index.html").meta.items()}


def test_each_page_shares_its_own_chart_and_others_the_home_chart(built_site: Project) -> None:
    from generator.paths import site_url

    root = site_url(built_site)
    weeks = sorted(p.name for p in (built_site.site_dir / "rankings").iterdir()
                   if p.name[:2] == "20")
    model = sorted(p.parent.name for p in (built_site.site_dir / "models").glob("*/index.html"))[0]
    home = f"{root}embed/tokens-by-country/ai-token-tracker-tokens-by-country-1200x675.png"
    expected = {
        "": home,
        "learn/what-is-a-token": home,
        "data": home,
        "models": home,
        "rankings": f"{root}embed/top-models/ai-token-tracker-top-models-1200x675.png",
        f"rankings/{weeks[0]}": f"{root}embed/top-models/{weeks[0]}/"
                                f"ai-token-tracker-top-models-{weeks[0]}-1200x675.png",
        "companies": f"{root}embed/tokens-by-company/"
                     "ai-token-tracker-tokens-by-company-1200x675.png",
        f"models/{model}": f"{root}embed/models/{model}/"
                           f"ai-token-tracker-models-{model}-1200x675.png",
    }
    for page, card in expected.items():
        meta = meta_of(built_site, page)
        assert meta["og:image"] == card, page
        assert meta["og:url"] == root + (f"{page}/" if page else ""), page


def test_the_description_states_the_weeks_finding(built_site: Project) -> None:
    """A page's description (og:description) is its week's: the headline finding and the total,
    worded by the findings layer (or, in a week without a story, the total and the China/U.S.
    figures)."""
    from generator import fmt
    from generator.build import make_site
    from generator.findings import say
    from generator.pipeline import prepare

    site = make_site(built_site, prepare(built_site), require_real_data=False)
    weeks = site.tables.weeks
    latest = site.findings[weeks[-1]]
    home = meta_of(built_site, "")
    assert home["og:description"].startswith(say(latest.headline)[:40])
    total = fmt.tokens_words(int(site.tables.totals["total_tokens"].iloc[-1]))
    assert f"AI models on OpenRouter processed {total} tokens" in home["og:description"]
    assert home["og:description"] == home["description"] == home["twitter:description"]
    first = meta_of(built_site, f"rankings/{weeks[0]}")  # no week before it: no story
    assert first["og:description"].startswith("AI models on OpenRouter processed ")
    assert f"in the week of {fmt.week_range(weeks[0])}" in first["og:description"]
    crossing = meta_of(built_site, "rankings/2026-03-02")
    assert crossing["og:description"].startswith(
        "In the week of 2–8 March 2026, Chinese models overtook U.S. models for the first time "
        "since tracking began")
    for week in ("2026-02-23", "2026-03-09"):
        assert "overtook" not in meta_of(built_site, f"rankings/{week}")["og:description"]
    # the frozen country embeds of that week carry the same headline; the weeks around do not
    for kind in ("tokens-by-country", "country-share"):
        titles = {week: re.search(r'<h1 class="tt-embed__title">([^<]*)</h1>', (
            built_site.site_dir / "embed" / kind / week / "index.html").read_text()).group(1)
            for week in ("2026-02-23", "2026-03-02", "2026-03-09")}
        assert titles["2026-03-02"].startswith("Chinese models overtook U.S. models for the "
                                               "first time: "), kind
        assert not any("overtook" in titles[week] for week in ("2026-02-23", "2026-03-09"))
    china = meta_of(built_site, "countries/cn")
    assert "Chinese models processed" in china["og:description"]
    assert home["og:image:alt"]  # the embed's alt text: the figures, not the chart type


# ---------------------------------------------------------------- the 404 page

class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "form":
            self.forms.append(values)


def test_the_404_page_links_from_the_site_root_path(built_site: Project, tmp_path: Path) -> None:
    """The host serves 404.html at any missing address: its links start at site_url's path, so
    they work at any depth, a GitHub project site (/repo/) included."""
    weeks = sorted(p.name for p in (built_site.site_dir / "rankings").iterdir()
                   if p.name[:2] == "20")
    for site_url, site_dir in (("http://127.0.0.1:8000/", built_site.site_dir),
                               ("https://example.org/tracker/", tmp_path / "site")):
        if site_dir != built_site.site_dir:  # the site builder alone, at another address
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                            str(site_dir)], cwd=built_site.root, check=True,
                           capture_output=True,
                           env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"})
        base = urlsplit(site_url).path
        page = Links()
        page.feed((site_dir / "404.html").read_text(encoding="utf-8"))
        inside = [link for link in page.links if not urlsplit(link).netloc]
        assert inside and all(link.startswith(base) for link in inside), inside
        for link in (f"{base}rankings/{weeks[-1]}/", f"{base}rankings/"):
            assert link in inside
            assert (site_dir / link[len(base):] / "index.html").is_file()
        actions = [form.get("action") for form in page.forms
                   if form.get("class") == "tt-404-search"]
        assert actions in ([base], [f"{base}."])  # the home page, which opens the search
        assert "Page not found" in (site_dir / "404.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the repository, one setting

DEFAULT_REPO_URL = "https://github.com/ai-token-tracker/ai-token-tracker"


def test_the_repository_address_has_one_default_and_one_override(tmp_path: Path) -> None:
    assert repo_url(environ={}) == DEFAULT_REPO_URL  # mkdocs.yml's
    assert repo_url(environ={"TRACKER_REPO_URL": "https://github.com/someone/fork/"}) == \
        "https://github.com/someone/fork"
    assert new_issue_url("https://github.com/someone/fork") == \
        "https://github.com/someone/fork/issues/new/choose"
    for bad in ("github.com/someone/fork", "https://github.com", "javascript:alert(1)",
                'https://github.com/a/b"><script>'):
        with pytest.raises(TrackerError, match="TRACKER_REPO_URL"):
            repo_url(environ={"TRACKER_REPO_URL": bad})
    other = Project.at(tmp_path)
    other.mkdocs_yml.write_text('repo_url: !ENV [TRACKER_REPO_URL, "https://example.org/a/b"]\n')
    assert repo_url(other, environ={}) == "https://example.org/a/b"
    other.mkdocs_yml.write_text("repo_url: https://example.org/a/b\n")
    with pytest.raises(TrackerError, match="no default repository address"):
        repo_url(other, environ={})


def test_the_fetcher_names_the_repository_in_its_user_agent() -> None:
    assert client.user_agent({}).endswith(f"(+{DEFAULT_REPO_URL})")
    assert client.user_agent({"TRACKER_REPO_URL": "https://git.example.org/me/tracker"}) \
        .endswith("(+https://git.example.org/me/tracker)")


def test_pages_link_to_the_repository_and_its_issue_forms(built_site: Project) -> None:
    issues = new_issue_url(repo_url())
    for page in ("index.html", "learn/methodology/index.html", "data/revisions/index.html",
                 "404.html"):
        links = Links()
        links.feed((built_site.site_dir / page).read_text(encoding="utf-8"))
        assert issues in links.links, page
    revisions = Links()
    revisions.feed((built_site.site_dir / "data/revisions/index.html").read_text())
    assert f"{repo_url()}/blob/HEAD/CONTRIBUTING.md" in revisions.links
    home = (built_site.site_dir / "index.html").read_text()
    assert f'href="{repo_url()}"' in home  # the header's repository link
    assert 'data-md-component="source"' not in home  # which would ask api.github.com


def test_the_default_repository_address_is_written_once() -> None:
    text = (REPO_ROOT / "mkdocs.yml").read_text()
    assert f'repo_url: !ENV [TRACKER_REPO_URL, "{DEFAULT_REPO_URL}"]\n' in text
    code = [path for path in (REPO_ROOT / "generator").rglob("*.py")
            if DEFAULT_REPO_URL in path.read_text(encoding="utf-8")]
    assert code == []
