"""A week's standing findings in words (generator.findings.facts, worded in
generator/findings/en/weeks.py): the China/U.S. sentence every week's lede holds, for a week
where China leads, one where the U.S. leads, the first week of the data, and a week with one of
the two countries missing; and how the lede and the description put them together."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import weeks_from, write_authors, write_snapshot
from generator import fmt
from generator.build import make_site
from generator.findings import say
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare
from generator.site import Site

W1, W2, W3, W4 = weeks_from("2026-03-02", 4)


def country_story(site: Site, week: str) -> str:
    return say(site.findings[week].countries)


def total_sentence(site: Site, week: str) -> str:
    return say(site.findings[week].total)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """Week 1: China leads (no week before). Week 2: the U.S. leads, both grew. Week 3: no
    U.S. model in the top 50."""
    data_dir = tmp_path / "data"
    rows = [
        (W1, "deepseek/deepseek-v3-20250324", 7_359_000_000_000),
        (W1, "openai/gpt-5-20250807", 3_536_400_000_000),
        (W1, "mistralai/mistral-small-20250601", 104_600_000_000),
        (W1, "openrouter/sonoma-alpha", 50_000_000_000), (W1, "other", 1_000_000_000_000),
        (W2, "openai/gpt-5-20250807", 8_000_000_000_000),
        (W2, "deepseek/deepseek-v3-20250324", 7_300_000_000_000),
        (W2, "mistralai/mistral-small-20250601", 100_000_000_000),
        (W2, "other", 1_000_000_000_000),
        (W3, "deepseek/deepseek-v3-20250324", 7_000_000_000_000),
        (W3, "mistralai/mistral-small-20250601", 100_000_000_000),
        (W3, "other", 1_000_000_000_000),
        (W4, "deepseek/deepseek-v3-20250324", 5), (W4, "other", 1),
    ]
    write_snapshot(data_dir, rows, start=W1, end="2026-03-25", as_of="2026-03-26T02:00:00.000Z")
    write_authors(data_dir, [("deepseek", "DeepSeek", "CN"), ("openai", "OpenAI", "US"),
                             ("mistralai", "Mistral AI", "FR")])
    project = Project.at(REPO_ROOT, data_dir)
    return make_site(project, prepare(project), require_real_data=False)


def test_a_week_where_china_leads_and_there_is_no_week_before(site: Site) -> None:
    known = 7_359_000_000_000 + 3_536_400_000_000 + 104_600_000_000
    assert country_story(site, W1) == (
        "Chinese models processed 7.36 trillion tokens, against 3.54 trillion for U.S. models. "
        "Of tokens from models with a known country, Chinese models had "
        f"{fmt.percent(7_359_000_000_000 / known)} and U.S. models "
        f"{fmt.percent(3_536_400_000_000 / known)}.")
    assert "no earlier week to compare with" in total_sentence(site, W1)


def test_a_week_where_the_us_leads_says_both_changes(site: Site) -> None:
    known = 8_000_000_000_000 + 7_300_000_000_000 + 100_000_000_000
    us_change = 8_000_000_000_000 / 3_536_400_000_000 - 1
    china_change = 7_300_000_000_000 / 7_359_000_000_000 - 1
    assert country_story(site, W2) == (
        f"U.S. models processed 8 trillion tokens, up {fmt.percent(us_change)} on the week, "
        f"against 7.3 trillion for Chinese models (down {fmt.percent(-china_change)}). "
        "Of tokens from models with a known country, U.S. models had "
        f"{fmt.percent(8_000_000_000_000 / known)} and Chinese models "
        f"{fmt.percent(7_300_000_000_000 / known)}.")
    assert fmt.percent(us_change) == "126%"  # whole numbers from 100 up


def test_a_week_without_us_models_says_so(site: Site) -> None:
    story = country_story(site, W3)
    assert story.startswith("Chinese models processed 7 trillion tokens, down 4.1% on the week")
    assert story.endswith("of tokens from models with a known country; no U.S. model was in "
                          "the top 50.")


def test_the_lead_and_the_summary_tell_the_same_story(site: Site) -> None:
    findings = site.findings[W2]
    headline = say(findings.headline)
    # two weeks of data: no "for the first time"
    assert headline == ("In the week of 9–15 March 2026, U.S. models passed Chinese models: 8 "
                        "trillion tokens against 7.3 trillion.")
    summary = findings.description()
    assert summary == f"{headline} {total_sentence(site, W2)}"
    assert total_sentence(site, W2) == ("AI models on OpenRouter processed 16.4 trillion tokens "
                                        "in the week of 9–15 March 2026, up 36.1% on the week.")
    lead = findings.lede()
    assert lead.startswith(f"{headline} {total_sentence(site, W2)} {country_story(site, W2)}")
    assert "The 3 most used models were" in lead


def test_a_week_without_a_story_opens_with_its_total_and_china_us_figures(site: Site) -> None:
    findings = site.findings[W1]  # the first week: nothing to compare with
    assert findings.story == ()
    assert findings.description() == f"{total_sentence(site, W1)} {country_story(site, W1)}"
    assert findings.feed_title() == ("Week of 2–8 March 2026: Chinese models 7.36 trillion "
                                     "tokens in the first week of data")
