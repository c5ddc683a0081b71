"""The Chinese wordings (generator/findings/zh/) against the English ones, on the real findings
of the bundled sample.

- Every kind and form of finding that the English edition words in a build of the sample (every
  ``say`` of the build, recorded) is worded in Chinese too, for every finding it was asked of:
  not empty when the English is not, in Chinese, and with no run of three or more English words
  outside the names the finding carries (models, companies, labels from outside).
- The sample week of 2 March 2026: its headline says, in Chinese, that Chinese models overtook
  U.S. models for the first time, with its figures in 万亿, in its title, lede and feed title.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

import pytest

from conftest import copy_skeleton, sample_data
from generator import fmt_zh
from generator.findings import LANGUAGES, en, paragraph, say, zh
from generator.findings.finding import Finding
from generator.findings.week import WeekFindings, card_words, derive_findings
from generator.findings.zh.common import company_name, fit, width
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare

CROSSOVER_WEEK = "2026-03-02"  # the sample's first week with Chinese models ahead of U.S. ones
CJK = re.compile(r"[\u4e00-\u9fff]")
# Words the Chinese edition keeps in Latin letters, as Chinese newsrooms do.
KEPT = ("openrouter.ai/rankings", "CC BY 4.0", "OpenRouter", "Token", "prompt", "completion",
        ":free", "UTC", "AI")
ENGLISH_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:[ ]+[A-Za-z][\w'’.-]*){2,}")
# A figure that reads the same in both editions (a card's percentage, a count).
FIGURE = re.compile(r"^[0-9.,%<+\u2212–]+$")

Recorded = dict[tuple[str, str], list[Finding]]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """Every (kind, form) the English wordings are asked for in a build of the sample, each with
    the findings it was asked of: the build's stages that word findings (findings, chart specs,
    embeds and their citations, pages, feeds: generator.build.generate_files) without drawing
    a picture, which asks for no words."""
    from generator.build import make_site, write_pages
    from generator.charts.catalogue import SpecMemo, annotation_events, site_chart_jobs
    from generator.charts.theme import register_theme
    from generator.embeds import Embeds
    from generator.embeds.collect import EmbedMemo, collect_embeds
    from generator.feeds import write_feeds
    from generator.pages import PageWriter

    asked: Recorded = {}

    def recording(kind: str) -> Callable[[Finding, str], str]:
        words = en.WORDINGS[kind]

        def record(f: Finding, form: str) -> str:
            asked.setdefault((f.kind, form), []).append(f)
            return words(f, form)
        return record

    project = copy_skeleton(tmp_path_factory.mktemp("recorded"))
    with pytest.MonkeyPatch.context() as patch:
        for kind in en.WORDINGS:
            patch.setitem(LANGUAGES["en"], kind, recording(kind))
        register_theme()
        prepared = prepare(project)
        site = make_site(project, prepared, require_real_data=False)
        specs = SpecMemo(project.cache_dir / "charts")
        charts = {job.chart_id: specs.chart(job) for job in site_chart_jobs(
            site, annotation_events(prepared.annotations, prepared.registry))}
        index = Embeds(site.site_url, site.latest_week)
        for embed in collect_embeds(site, charts, specs, EmbedMemo(project, site)):
            index.by_id[embed.embed_id] = embed
            index.citation(embed)
        write_pages(PageWriter(project.site_src, project.templates_dir / "pages", site, charts,
                               index), site, prepared)
        write_feeds(site, project.site_src)
    return asked


def strings_of(value: object) -> Iterator[str]:
    """Every text a finding carries from outside (names, labels, a headline), nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Finding):
        yield from (value.name, value.other_name, value.subject, value.other)
        yield from strings_of(value.figures)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_of(item)


def english_runs(text: str, found: Finding) -> list[str]:
    """Runs of three or more English words in ``text`` once the finding's own names and the
    words kept in Latin letters are taken out."""
    for name in sorted({s for s in strings_of(found) if len(s) > 1}, key=len, reverse=True):
        text = text.replace(name, "※")
    for word in KEPT:
        text = text.replace(word, "※")
    return ENGLISH_RUN.findall(text)


def test_the_build_asks_for_every_kind_of_finding(recorded: Recorded) -> None:
    """The recording sees the build: every kind of finding, and the forms of each surface."""
    assert {kind for kind, _ in recorded} == set(en.WORDINGS)
    assert len(recorded) >= 100
    assert {("crossover", "title"), ("week-title", "title"), ("chart", "subtitle"),
            ("caveat", "note"), ("embed", "movers-against")} <= set(recorded)


def test_chinese_words_every_kind_and_form_english_words_in_the_sample(
        recorded: Recorded) -> None:
    assert set(LANGUAGES["zh"]) == set(LANGUAGES["en"])
    problems = []
    for (kind, form), found in sorted(recorded.items()):
        in_chinese = False
        for f in found:
            english, chinese = en.WORDINGS[kind](f, form), say(f, form, "zh")
            if not isinstance(chinese, str) or (english and not chinese):
                problems.append((kind, form, f.week, "no words", chinese))
                continue
            in_chinese = in_chinese or bool(CJK.search(chinese))
            if runs := english_runs(chinese, f):
                problems.append((kind, form, f.week, runs, chinese))
        english_only = all(FIGURE.match(en.WORDINGS[kind](f, form) or "0") for f in found)
        if not in_chinese and not english_only:
            problems.append((kind, form, "never in Chinese", say(found[0], form, "zh")))
    assert problems == []


def test_the_check_for_english_finds_an_english_template_phrase() -> None:
    """The test above can fail: an English wording in the Chinese table is caught."""
    found = Finding("week-total", CROSSOVER_WEEK, figures={"tokens": 10**12, "change": 0.1})
    english = en.WORDINGS["week-total"](found, "sentence")
    assert english_runs(english, found)
    assert english_runs(say(found, "sentence", "zh"), found) == []
    named = Finding("entrant", CROSSOVER_WEEK, name="Some Long Model Name", figures={
        "rank": 3, "tokens": 10**9})
    assert english_runs(say(named, "sentence", "zh"), named) == []  # names stay as given


@pytest.fixture(scope="module")
def sample_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, WeekFindings]:
    project = Project.at(REPO_ROOT, sample_data(tmp_path_factory.mktemp("sample")))
    prepared = prepare(project)
    return derive_findings(prepared.tables, prepared.series, prepared.movers)


def test_the_week_of_2_march_2026_says_chinese_models_overtook_us_models_for_the_first_time(
        sample_findings: dict[str, WeekFindings]) -> None:
    week = sample_findings[CROSSOVER_WEEK]
    headline = week.headline
    assert (headline.kind, headline.subject, headline.other, headline.claim) == (
        "crossover", "CN", "US", "first")
    china, us = (fmt_zh.tokens_words(headline.figure(name)) for name in ("tokens", "other_tokens"))
    assert china.endswith("万亿") and us.endswith("万亿")
    title = say(headline, "title", "zh")
    assert title == f"中国模型首次超过美国模型：{china}Token对{us}Token"
    assert week.feed_title("zh") == f"【2026年3月2日至8日当周】{title}"
    lede = week.lede("zh")
    assert lede.startswith(f"2026年3月2日至8日当周，中国模型的周调用量自有数据以来首次超过"
                           f"美国模型：{china}Token对{us}Token。")
    assert "万亿" in week.description("zh") and CJK.search(week.description("zh"))
    cards = card_words(week, "zh")
    assert [card["label"] for card in cards[:3]] == ["全部模型", "中国模型", "美国模型"]
    assert all(card["value"].endswith(("万亿", "亿", "%")) for card in cards)


def test_a_chinese_paragraph_has_no_space_between_its_sentences(
        sample_findings: dict[str, WeekFindings]) -> None:
    week = sample_findings[CROSSOVER_WEEK]
    for text in (week.lede("zh"), week.description("zh")):
        assert "。" in text and "。 " not in text, text
    assert ". " in week.lede("en")  # English keeps its space
    assert paragraph(["一。", "", "二。"], "zh") == "一。二。"
    assert paragraph(["One.", "", "Two."], "en") == "One. Two."


def test_the_chinese_wordings_are_registered_beside_the_english() -> None:
    assert LANGUAGES == {"en": en.WORDINGS, "zh": zh.WORDINGS}
    assert company_name("DeepSeek") == "DeepSeek"  # the seam: source names for now


def test_a_chinese_title_counts_a_character_as_two_letters() -> None:
    assert width("中国模型：8.4万亿Token") == 4 * 2 + 2 + 3 + 2 * 2 + 5
    assert fit("中" * 50, "短") == "中" * 50
    assert fit("中" * 51, "短") == "短"


def variants(f: Finding) -> Iterator[Finding]:
    """The finding as the sample has it, and with each other claim it could make."""
    yield f
    for claim in ("first", "since", ""):
        if claim != f.claim:
            yield dataclasses.replace(f, claim=claim, since=f.since or f.week)


def test_chinese_words_every_form_and_claim_english_words_for_the_sample_findings(
        recorded: Recorded) -> None:
    """Beyond what the sample's build asks: each finding in every form the English words for
    its kind (a title, a sentence, a week's own list), with every claim."""
    forms: dict[str, set[str]] = {}
    for kind, form in recorded:
        forms.setdefault(kind, set()).update({form, "title", "sentence", "change"})
    problems, checked = [], 0
    for (kind, _), found in sorted(recorded.items()):
        for original in found[:5]:
            for f in variants(original):
                for form in sorted(forms[kind]):
                    try:
                        english = en.WORDINGS[kind](f, form)
                    except (KeyError, TypeError, AttributeError):
                        continue  # a form this kind has not
                    chinese = say(f, form, "zh")
                    checked += 1
                    if (english and not chinese) or english_runs(chinese, f):
                        problems.append((kind, form, f.claim, chinese))
    assert checked > 1000
    assert problems == []
