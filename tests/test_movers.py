"""Movers (generator/derive/movers.py): who rose, fell, climbed, dropped, entered and left, on the
small fixture worked out by hand, on every week of the sample against a plain recomputation,
and on the built pages (ranking weeks in full, the home page short)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.build import make_site
from generator.derive.movers import LIMIT, SHORT, Movers
from generator.paths import Project
from generator.pipeline import prepare
from generator.site import Site
from generator.tableio import records

GPT, DEEPSEEK = "openai/gpt-5-20250807", "deepseek/deepseek-v3-20250324"
SONOMA, MISTRAL = "openrouter/sonoma-alpha", "mistralai/mistral-small-20250601"


def site_of(project: Project) -> Site:
    return make_site(project, prepare(project), require_real_data=False)


def week_movers(site: Site, week: str, limit: int | None = LIMIT) -> Movers:
    """The week's movers as the pipeline worked them out, each list cut to ``limit``."""
    movers = site.movers[week]
    return movers if limit is None else movers.head(limit)


def slugs(movers: tuple) -> list[str]:
    return [m.slug for m in movers]


def test_movers_of_the_fixture_weeks_worked_out_by_hand(tiny_project: Project) -> None:
    site = site_of(tiny_project)
    big = 2**53 + 1
    # week 3 against week 2: DeepSeek 500 -> 1000 and rank 2 -> 1 (a tie at 1000 goes to the
    # first slug); GPT-5 big+1000 -> 1000 and 1 -> 2; Sonoma 400 -> 10; Mistral left (rank 4)
    third = week_movers(site, "2026-03-16")
    assert third.previous == "2026-03-09"
    assert slugs(third.risers) == [DEEPSEEK]
    assert third.risers[0].token_change == 500 and third.risers[0].change == 1.0
    assert slugs(third.fallers) == [GPT, SONOMA]  # the largest loss first
    assert third.fallers[0].token_change == 1000 - (big + 1000)  # exact, past 2**53
    assert (third.fallers[1].tokens, third.fallers[1].tokens_prev) == (10, 400)
    assert [(m.slug, m.rank_prev, m.rank) for m in third.climbers] == [(DEEPSEEK, 2, 1)]
    assert [(m.slug, m.rank_prev, m.rank) for m in third.droppers] == [(GPT, 1, 2)]
    assert third.entrants == ()
    assert [(m.slug, m.rank_prev, m.tokens_prev, m.tokens, m.rank) for m in third.leavers] == [
        (MISTRAL, 4, 100, None, None)]
    assert third.leavers[0].company == "Mistral AI"  # named as it was the week before
    # week 2 against week 1: Sonoma entered at rank 3; Mistral unchanged is no mover
    second = week_movers(site, "2026-03-09")
    assert [(m.slug, m.rank, m.tokens) for m in second.entrants] == [(SONOMA, 3, 400)]
    assert MISTRAL not in slugs(second.risers) + slugs(second.fallers)
    assert second.leavers == ()


def test_the_first_week_has_no_previous_week_and_no_movers(tiny_project: Project) -> None:
    first = week_movers(site_of(tiny_project), "2026-03-02")
    assert first.previous is None and first.empty


def test_each_mover_has_a_model_page(tiny_project: Project) -> None:
    site = site_of(tiny_project)
    movers = week_movers(site, "2026-03-16", limit=None)
    everyone = [*movers.risers, *movers.fallers, *movers.leavers]
    assert everyone and all(m.slug in site.model_files for m in everyone)


def recompute(models: list[dict], week: str, before: str) -> dict[str, set]:
    """Plain Python: who is in which list, from the two weeks' rows."""
    now = {r["model_permaslug"]: r for r in models if r["week_start"] == week}
    then = {r["model_permaslug"]: r for r in models if r["week_start"] == before}
    both = now.keys() & then.keys()
    return {
        "risers": {s for s in both if now[s]["tokens"] > then[s]["tokens"]},
        "fallers": {s for s in both if now[s]["tokens"] < then[s]["tokens"]},
        "climbers": {s for s in both if now[s]["rank"] < then[s]["rank"]},
        "droppers": {s for s in both if now[s]["rank"] > then[s]["rank"]},
        "entrants": now.keys() - then.keys(),
        "leavers": then.keys() - now.keys(),
    }


def test_every_sample_week_matches_a_plain_recomputation(built_site: Project) -> None:
    site = site_of(built_site)
    models = records(site.tables.models)
    weeks = site.tables.weeks
    for i, week in enumerate(weeks):
        movers = week_movers(site, week, limit=None)
        if i == 0:
            assert movers.previous is None
            continue
        expected = recompute(models, week, weeks[i - 1])
        for name, wanted in expected.items():
            got = getattr(movers, name)
            assert set(slugs(got)) == wanted, (week, name)
        gains = [m.token_change for m in movers.risers]
        losses = [m.token_change for m in movers.fallers]
        assert gains == sorted(gains, reverse=True) and losses == sorted(losses)
        assert [m.rank for m in movers.entrants] == sorted(m.rank for m in movers.entrants)
        short = week_movers(site, week)
        assert short.risers == movers.risers[:LIMIT]


class Section(HTMLParser):
    """The text and links of the part of a page after an element with a given id."""

    def __init__(self, anchor: str) -> None:
        super().__init__()
        self.anchor, self.inside = anchor, False
        self.text: list[str] = []
        self.links: list[str] = []
        self.captions = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id") == self.anchor:
            self.inside = True
        if self.inside and tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if self.inside and tag == "caption":
            self.captions += 1

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def section(path: Path, anchor: str) -> Section:
    parser = Section(anchor)
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.inside, f"{path}: no #{anchor}"
    return parser


def test_every_week_page_shows_its_movers_and_the_first_says_why_not(
        built_site: Project) -> None:
    site = built_site.site_dir
    weeks = sorted(p.name for p in (site / "rankings").iterdir() if p.name[:2] == "20")
    first = " ".join(section(site / "rankings" / weeks[0] / "index.html", "movers").text)
    assert "first week in the data" in first and "no earlier week" in first
    for week in weeks[1:]:
        found = section(site / "rankings" / week / "index.html", "movers")
        text = " ".join(found.text)
        assert found.captions == 6, week
        for caption in ("Gained the most tokens", "Lost the most tokens",
                        "Climbed the most places", "Dropped the most places",
                        "New in the ranking this week", "Left the ranking this week"):
            assert caption in text, (week, caption)
        assert "ranked by the change in their tokens" in text
        assert "WoW" not in text
        assert any(link.startswith("../../models/") for link in found.links), week


def test_the_home_page_shows_three_of_each_and_links_to_the_rest(built_site: Project) -> None:
    html = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    lists = re.search(r'<div class="tt-movers">(.*?)</div>', html, re.S)
    assert lists, "no movers on the home page"
    for heading in ("Gained the most tokens", "Lost the most tokens", "New in the ranking"):
        assert f">{heading}</h3>" in lists.group(1)
    for items in re.findall(r"<ol>(.*?)</ol>", lists.group(1), re.S):
        assert 1 <= items.count("<li>") <= SHORT
    week = re.search(r'href="rankings/(20\d\d-\d\d-\d\d)/#movers"', html)
    assert week, "no link to the week's movers"

# Fitting a 390 px phone and a 1280 px desktop: tests/test_tables_browser.py measures every
# table of the home page and of the latest week's ranking page, the movers' included.
