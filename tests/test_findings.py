"""The findings layer against its specification (generator/findings/story.py's docstring).

- Every week of the bundled sample: the story ``detect_stories`` finds equals a plain
  recomputation from the derived tables (crossovers, records and "most since", new number
  ones, streaks; the movers' first of each list), ranked by score.
- Purpose-made histories: a crossover and its reversal, a tie between two passes, a restated
  week, a country missing for a week, histories too short to claim anything (and the first
  one long enough), a crossing of two countries other than China and the U.S., a streak down,
  "the most since" at the edge of SINCE_WEEKS, and a country's first week (no record).
- No look-ahead: four more weeks after the sample change no word of an earlier week.
- One finding, every surface: the words of a crossover, and only they, head the week's lede,
  description, feed entry, frozen embed and ranking page.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from conftest import sample_data, weeks_from, write_authors, write_snapshot
from generator import fmt
from generator.build import make_site
from generator.derive.tables import Tables
from generator.findings.story import (
    MIN_HISTORY,
    SCORES,
    SINCE_WEEKS,
    STORY_PAIR,
    STREAK_WEEKS,
    TOP_COUNTRIES,
    detect_stories,
)
from generator.paths import REPO_ROOT, Project
from generator.pipeline import Prepared, prepare
from generator.site import Site

CROSSOVER_WEEK = "2026-03-02"  # the sample's first week with Chinese models ahead of U.S. ones
SAMPLE_LAST_WEEK = "2026-03-30"
SAMPLE_AS_OF = "2026-04-09T02:00:00.000Z"  # the newest snapshot of the sample
MOVER_KINDS = {"riser": "risers", "faller": "fallers", "climber": "climbers",
               "entrant": "entrants", "leaver": "leavers"}
KINDS_IN_ORDER = list(dict.fromkeys(kind for kind, _ in SCORES))


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The bundled sample, whatever data/ holds (conftest.sample_data)."""
    return Project.at(REPO_ROOT, sample_data(tmp_path_factory.mktemp("sample")))


@pytest.fixture(scope="module")
def sample(sample_project: Project) -> Prepared:
    return prepare(sample_project)


@pytest.fixture(scope="module")
def sample_stories(sample: Prepared) -> dict:
    return detect_stories(sample.series, sample.movers)


@pytest.fixture(scope="module")
def sample_site(sample_project: Project, sample: Prepared) -> Site:
    return make_site(sample_project, sample, require_real_data=False)


# ================================================================ 1. a plain recomputation
#
# Everything below, down to the tests of section 1, reads the derived tables into plain dicts
# and applies the rules of story.py's docstring in plain Python: nothing from
# generator.findings but its constants.

@dataclass(frozen=True)
class Plain:
    weeks: list[str]
    totals: dict[str, int]
    countries: dict[str, dict[str, int]]  # week -> country -> tokens
    changes: dict[str, dict[str, float | None]]  # week -> country -> wow_change
    models: dict[str, list[tuple[int, str, str, float]]]  # week -> (tokens, slug, name, share)
    companies: dict[str, list[tuple[int, str, float]]]  # week -> (tokens, company, share)


def plain(tables: Tables) -> Plain:
    weeks = sorted(tables.totals["week_start"])
    countries: dict[str, dict[str, int]] = {week: {} for week in weeks}
    changes: dict[str, dict[str, float | None]] = {week: {} for week in weeks}
    frame = tables.countries
    for week, country, tokens, change in zip(frame["week_start"], frame["country"],
                                             frame["tokens"], frame["wow_change"]):
        countries[week][country] = int(tokens)
        changes[week][country] = None if pd.isna(change) else float(change)
    models: dict[str, list] = {week: [] for week in weeks}
    frame = tables.models
    for week, slug, name, tokens, share in zip(frame["week_start"], frame["model_permaslug"],
                                               frame["model_name"], frame["tokens"],
                                               frame["share_of_total"]):
        models[week].append((int(tokens), slug, name, float(share)))
    companies: dict[str, list] = {week: [] for week in weeks}
    frame = tables.companies
    for week, company, tokens, share in zip(frame["week_start"], frame["company"],
                                            frame["tokens"], frame["share_of_attributed"]):
        companies[week].append((int(tokens), company, float(share)))
    return Plain(weeks, dict(zip(tables.totals["week_start"],
                                 map(int, tables.totals["total_tokens"]))),
                 countries, changes, models, companies)


def largest_countries(data: Plain, week: str) -> list[str]:
    tokens = data.countries[week]
    return sorted((c for c in tokens if tokens[c] > 0),
                  key=lambda c: (-tokens[c], c))[:TOP_COUNTRIES]


def claim_and_since(index: int, last: str | None) -> tuple[str, str]:
    if index + 1 < MIN_HISTORY:
        return "", ""
    return ("first", "") if last is None else ("since", last)


def ahead(data: Plain, week: str, first: str, second: str) -> int:
    """+1: ``first`` had more tokens than ``second``; -1: fewer; 0: level, or either missing."""
    a, b = data.countries[week].get(first, 0), data.countries[week].get(second, 0)
    if a == 0 or b == 0 or a == b:
        return 0
    return 1 if a > b else -1


def plain_crossovers(data: Plain, index: int) -> Iterator[dict]:
    week = data.weeks[index]
    top = largest_countries(data, week)
    pairs = {frozenset(STORY_PAIR)} | {frozenset((a, b)) for a in top for b in top if a != b}
    for pair in pairs:
        a, b = sorted(pair)
        if ahead(data, week, a, b) == 0:
            continue
        winner, loser = (a, b) if ahead(data, week, a, b) > 0 else (b, a)
        before = [(w, ahead(data, w, winner, loser)) for w in data.weeks[:index]]
        decided = [(w, s) for w, s in before if s != 0]
        if not decided or decided[-1][1] != -1:  # not behind the last week they were not level
            continue
        # the last week the winner had more tokens, the loser ranked or not
        led = [w for w in data.weeks[:index]
               if data.countries[w].get(winner, 0) > data.countries[w].get(loser, 0)]
        claim, since = claim_and_since(index, led[-1] if led else None)
        tokens = data.countries[week]
        yield {"kind": "crossover", "subject": winner, "other": loser, "claim": claim,
               "since": since, "against": decided[-1][0],
               "score": SCORES["crossover", "pair" if pair == set(STORY_PAIR) else "other"],
               "figures": {"tokens": tokens[winner], "other_tokens": tokens[loser]}}


def value(data: Plain, week: str, subject: str) -> int:
    return data.totals[week] if not subject else data.countries[week].get(subject, 0)


def known(values: list[int]) -> bool:
    """The subject has MIN_HISTORY weeks with tokens, this one included: its own history."""
    return sum(1 for v in values if v > 0) >= MIN_HISTORY


def is_record(values: list[int]) -> bool:
    """The last value is above every earlier one, on a history of the subject's own
    (``known``): a country's first weeks are no record."""
    *before, now = values
    return now > 0 and known(values) and now > max(before)


def plain_records(data: Plain, index: int) -> Iterator[dict]:
    week = data.weeks[index]
    for subject in ["", *largest_countries(data, week)]:
        values = [value(data, w, subject) for w in data.weeks[:index + 1]]
        *before, now = values
        which = "total" if not subject else "pair" if subject in STORY_PAIR else "country"
        if is_record(values):
            best = max(before)
            again = is_record(values[:-1]) if index > 0 else False
            yield {"kind": "record", "subject": subject, "other": "", "claim": "",
                   "since": "", "against": "",
                   "figures": {"tokens": now, "previous": best, "previous_week": data.weeks[
                       max(i for i, v in enumerate(before) if v == best)]},
                   "score": SCORES["record", f"{which} again" if again else which]}
        elif now > 0 and known(values):
            higher = [i for i, v in enumerate(before) if v >= now]
            if higher and index - higher[-1] >= SINCE_WEEKS:
                yield {"kind": "most-since", "subject": subject, "other": "", "claim": "since",
                       "since": data.weeks[higher[-1]], "against": "",
                       "figures": {"tokens": now, "then": before[higher[-1]]},
                       "score": SCORES["most-since", which]}


def number_ones(data: Plain) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Week -> (key, name, tokens, share) of the most used model and of the company with the
    most tokens (ties: the first slug or company name)."""
    models = {week: min(rows, key=lambda r: (-r[0], r[1])) for week, rows in data.models.items()
              if rows}
    companies = {week: min(rows, key=lambda r: (-r[0], r[1]))
                 for week, rows in data.companies.items() if rows}
    return ({week: (slug, name, tokens, share) for week, (tokens, slug, name, share)
             in models.items()},
            {week: (company, company, tokens, share) for week, (tokens, company, share)
             in companies.items()})


def plain_leaders(kind: str, leaders: dict[str, tuple], weeks: list[str], index: int
                  ) -> Iterator[dict]:
    if index == 0:
        return
    now, then = leaders.get(weeks[index]), leaders.get(weeks[index - 1])
    if now is None or then is None or now[0] == then[0]:
        return
    at_one = [w for w in weeks[:index] if w in leaders and leaders[w][0] == now[0]]
    claim, since = claim_and_since(index, at_one[-1] if at_one else None)
    yield {"kind": kind, "subject": now[0], "other": then[0], "claim": claim, "since": since,
           "against": weeks[index - 1], "score": SCORES[kind, claim],
           "figures": {"tokens": now[2], "share": now[3]}}


def plain_streaks(data: Plain, index: int) -> Iterator[dict]:
    weeks = data.weeks
    for country in STORY_PAIR:
        changes = [data.changes[w].get(country) for w in weeks[:index + 1]]
        if not changes[-1]:
            continue
        rising = changes[-1] > 0
        run = 0
        for change in reversed(changes):
            if not change or (change > 0) != rising:
                break
            run += 1
        if run < STREAK_WEEKS:
            continue
        tokens = data.countries[weeks[index]][country]
        then = data.countries[weeks[index - run]][country]
        yield {"kind": "streak", "subject": country, "other": "", "claim": "",
               "since": weeks[index - run + 1], "against": weeks[index - run],
               "score": SCORES["streak", "new" if run == STREAK_WEEKS else "on"],
               "figures": {"weeks": run, "direction": 1 if rising else -1,
                           "tokens": tokens, "run_change": tokens / then - 1}}


def rounded(figures: dict) -> dict:
    return {name: round(v, 12) if isinstance(v, float) else v for name, v in figures.items()}


def as_plain(found: object, figures: dict) -> dict:
    """A Finding as the recomputation's dicts (only the figures the recomputation states)."""
    return {"kind": found.kind, "subject": found.subject, "other": found.other,
            "claim": found.claim, "since": found.since, "against": found.against,
            "score": found.score,
            "figures": rounded({name: found.figures.get(name) for name in figures})}


def key(item: dict) -> tuple:
    return item["kind"], item["subject"], item["other"]


def mismatches(stories: dict, data: Plain, kinds: set[str],
               expected_of: Callable[[int], Iterator[dict]],
               keep: Callable[[int, dict], bool] = lambda index, item: True) -> list[tuple]:
    """(week, expected, found) of every week whose findings of ``kinds`` (those ``keep``
    keeps, given the week's index) differ from the recomputation's."""
    wrong = []
    for index, week in enumerate(data.weeks):
        expected = sorted(({**e, "figures": rounded(e["figures"])} for e in expected_of(index)
                           if keep(index, e)), key=key)
        figures = {key(e): e["figures"] for e in expected}
        found = sorted((as_plain(f, figures.get(key(vars(f)), {}))
                        for f in stories[week] if f.kind in kinds), key=key)
        found = [f for f in found if keep(index, f)]
        if found != expected:
            wrong.append((week, expected, found))
    return wrong


def test_the_sample_weeks_are_the_derived_tables_weeks(sample: Prepared,
                                                       sample_stories: dict) -> None:
    data = plain(sample.tables)
    assert data.weeks == sample.tables.weeks == list(sample_stories)
    assert len(data.weeks) == 65 and data.weeks[-1] == SAMPLE_LAST_WEEK


def test_every_sample_week_has_the_crossovers_a_plain_recomputation_finds(
        sample: Prepared, sample_stories: dict) -> None:
    data = plain(sample.tables)
    assert mismatches(sample_stories, data, {"crossover"},
                      lambda i: plain_crossovers(data, i)) == []
    found = [(w, f.subject, f.other) for w, story in sample_stories.items() for f in story
             if f.kind == "crossover"]
    assert (CROSSOVER_WEEK, "CN", "US") in found  # the check is not vacuous


def test_every_sample_week_has_the_records_of_its_largest_countries_a_plain_recomputation_finds(  # noqa: E501
        sample: Prepared, sample_stories: dict) -> None:
    data = plain(sample.tables)
    assert mismatches(sample_stories, data, {"record", "most-since"},
                      lambda i: plain_records(data, i)) == []
    kinds = {(f.kind, f.subject) for story in sample_stories.values() for f in story}
    assert {("record", ""), ("record", "CN"), ("record", "US"), ("record", "FR"),
            ("most-since", "CA"), ("most-since", "DE")} <= kinds
    scores = {f.score for story in sample_stories.values() for f in story if f.kind == "record"}
    assert {SCORES["record", "total"], SCORES["record", "total again"]} <= scores
    # Germany's first weeks in the data (2025-07-07 on) set no record "above their 0"
    germany = [f.week for story in sample_stories.values() for f in story
               if f.kind == "record" and f.subject == "DE"]
    assert "2025-07-07" not in germany and "2025-07-14" not in germany


def test_every_sample_week_has_the_new_number_ones_a_plain_recomputation_finds(
        sample: Prepared, sample_stories: dict) -> None:
    data = plain(sample.tables)
    models, companies = number_ones(data)
    for kind, leaders in (("leader", models), ("company-leader", companies)):
        assert mismatches(sample_stories, data, {kind},
                          lambda i, k=kind, found=leaders: plain_leaders(k, found, data.weeks,
                                                                         i)) == []
    claims = {(f.kind, f.claim) for story in sample_stories.values() for f in story}
    assert {("leader", "first"), ("leader", ""), ("company-leader", "first"),
            ("company-leader", "since")} <= claims


def test_every_sample_week_has_the_streaks_a_plain_recomputation_finds(
        sample: Prepared, sample_stories: dict) -> None:
    data = plain(sample.tables)
    assert mismatches(sample_stories, data, {"streak"}, lambda i: plain_streaks(data, i)) == []
    scores = {(f.subject, f.score) for story in sample_stories.values() for f in story
              if f.kind == "streak"}
    assert {("CN", SCORES["streak", "new"]), ("CN", SCORES["streak", "on"]),
            ("US", SCORES["streak", "new"])} <= scores


def test_every_sample_week_states_the_first_of_each_list_of_its_movers(
        sample: Prepared, sample_stories: dict) -> None:
    for week, story in sample_stories.items():
        movers = sample.movers[week]
        found = {f.kind: f for f in story if f.kind in MOVER_KINDS}
        expected = {kind: getattr(movers, name)[0] for kind, name in MOVER_KINDS.items()
                    if movers.previous is not None and getattr(movers, name)}
        assert set(found) == set(expected), week
        for kind, mover in expected.items():
            f = found[kind]
            assert (f.subject, f.name, f.against, f.score) == (
                mover.slug, mover.name, movers.previous, SCORES[kind, ""]), (week, kind)
            assert (f.figure("tokens"), f.figure("tokens_prev"), f.figure("rank"),
                    f.figure("rank_prev"), f.figure("token_change"), f.figure("places")) == (
                mover.tokens, mover.tokens_prev, mover.rank, mover.rank_prev,
                mover.token_change, mover.rank_change), (week, kind)
    assert sample.movers[sample.tables.weeks[0]].previous is None
    assert not any(f.kind in MOVER_KINDS for f in sample_stories[sample.tables.weeks[0]])


def test_every_sample_week_has_no_finding_the_recomputation_does_not_explain(
        sample: Prepared, sample_stories: dict) -> None:
    known = {"crossover", "record", "most-since", "leader", "company-leader", "streak",
             *MOVER_KINDS}
    assert {f.kind for story in sample_stories.values() for f in story} <= known


def test_every_sample_story_is_ranked_by_score_then_kind_then_subject(
        sample_stories: dict) -> None:
    for week, story in sample_stories.items():
        order = [(-f.score, KINDS_IN_ORDER.index(f.kind), f.subject, f.other) for f in story]
        assert order == sorted(order), week
        for f in story:
            assert f.week == week
            assert f.score in SCORES.values()


def test_the_china_us_crossover_heads_its_week_and_is_its_only_one(
        sample: Prepared, sample_stories: dict, sample_site: Site) -> None:
    weeks = sample.tables.weeks
    index = weeks.index(CROSSOVER_WEEK)
    headline = sample_stories[CROSSOVER_WEEK][0]
    assert (headline.kind, headline.subject, headline.other, headline.claim, headline.since) == (
        "crossover", "CN", "US", "first", "")
    assert headline.score == SCORES["crossover", "pair"] == max(SCORES.values())
    assert sample_site.findings[CROSSOVER_WEEK].headline == headline
    for week in (weeks[index - 1], weeks[index + 1]):
        assert not [f for f in sample_stories[week] if f.kind == "crossover"
                    and {f.subject, f.other} == set(STORY_PAIR)], week
    pair_crossings = [w for w, story in sample_stories.items() for f in story
                      if f.kind == "crossover" and {f.subject, f.other} == set(STORY_PAIR)]
    assert pair_crossings == [CROSSOVER_WEEK]


# ================================================================ 2. purpose-made histories

CN_MODEL = "deepseek/deepseek-v3-20250324"
US_MODEL = "openai/gpt-5-20250807"
FR_MODEL = "mistralai/mistral-small-20250601"
AUTHORS = [("deepseek", "DeepSeek", "CN"), ("openai", "OpenAI", "US"),
           ("mistralai", "Mistral AI", "FR")]
B = 1_000_000_000
FIRST = "2026-01-05"
AS_OF = "2026-06-01T02:00:00.000Z"


def sunday(week: str) -> str:
    return (date.fromisoformat(week) + timedelta(days=6)).isoformat()


def write_weeks(data_dir: Path, weeks: list[dict[str, int]], *, first: str = FIRST,
                as_of: str = AS_OF, other: int = 50 * B,
                authors: list[tuple[str, str, str]] = AUTHORS) -> list[str]:
    """One snapshot of complete weeks: each a {model: billions of tokens} (a model missing
    from a week is not ranked in it), plus tokens outside the top 50."""
    starts = weeks_from(first, len(weeks))
    rows = [(start, slug, billions * B) for start, week in zip(starts, weeks)
            for slug, billions in week.items()]
    rows += [(start, "other", other) for start in starts]
    write_snapshot(data_dir, rows, start=starts[0], end=sunday(starts[-1]), as_of=as_of)
    write_authors(data_dir, authors)
    return starts


def countries(*pairs: tuple[int | None, int | None], fr: int = 10) -> list[dict[str, int]]:
    """Weeks of (Chinese, U.S.) billions of tokens (None: no model of that country ranked),
    with a small French model always far behind."""
    weeks = []
    for cn, us in pairs:
        week = {FR_MODEL: fr}
        if cn is not None:
            week[CN_MODEL] = cn
        if us is not None:
            week[US_MODEL] = us
        weeks.append(week)
    return weeks


def findings_of(data_dir: Path) -> dict:
    from generator.findings.week import derive_findings

    prepared = prepare(Project.at(REPO_ROOT, data_dir))
    return derive_findings(prepared.tables, prepared.series, prepared.movers)


def crossings(findings: dict) -> dict[str, list[tuple[str, str, str, str, str]]]:
    """Week -> its crossovers as (subject, other, claim, since, against)."""
    return {week: [(f.subject, f.other, f.claim, f.since, f.against) for f in found.story
                   if f.kind == "crossover"] for week, found in findings.items()}


def test_a_crossover_and_its_reversal_each_claim_since_the_last_week_the_leader_led(
        tmp_path: Path) -> None:
    from generator.findings import say

    w = write_weeks(tmp_path, countries((100, 200), (100, 200), (100, 200), (100, 200),
                                        (300, 200), (300, 200), (100, 200), (100, 200),
                                        (300, 200)))
    findings = findings_of(tmp_path)
    assert crossings(findings) == {
        w[0]: [], w[1]: [], w[2]: [], w[3]: [],
        w[4]: [("CN", "US", "first", "", w[3])],
        w[5]: [],
        w[6]: [("US", "CN", "since", w[3], w[5])],
        w[7]: [],
        w[8]: [("CN", "US", "since", w[5], w[7])],
    }
    first, back, again = (findings[w[i]].headline for i in (4, 6, 8))
    assert {f.kind for f in (first, back, again)} == {"crossover"}  # each heads its week
    assert say(first) == (f"In the week of {fmt.week_range(w[4])}, Chinese models overtook U.S. "
                          "models for the first time since tracking began: 300 billion tokens "
                          "against 200 billion.")
    assert say(back) == (f"In the week of {fmt.week_range(w[6])}, U.S. models passed Chinese "
                         f"models for the first time since the week of {fmt.week_range(w[3])}: "
                         "200 billion tokens against 100 billion.")
    assert f"for the first time since the week of {fmt.week_range(w[5])}:" in say(again)
    assert f"since the week of {fmt.week_short(w[5])}" in say(again, "title")


def test_a_tie_week_is_no_crossover_and_the_next_pass_counts_against_the_last_week_not_level(
        tmp_path: Path) -> None:
    w = write_weeks(tmp_path, countries((100, 200), (100, 200), (100, 200), (100, 200),
                                        (200, 200), (300, 200), (300, 300), (400, 300),
                                        (400, 500)))
    assert crossings(findings_of(tmp_path)) == {
        w[0]: [], w[1]: [], w[2]: [], w[3]: [],
        w[4]: [],  # level: no one passed anyone
        w[5]: [("CN", "US", "first", "", w[3])],  # against the last week not level
        w[6]: [],
        w[7]: [],  # China was already ahead the last week they were not level
        w[8]: [("US", "CN", "since", w[3], w[7])],
    }


def test_a_restated_week_changes_its_own_findings_and_none_of_an_earlier_week(
        tmp_path: Path) -> None:
    from generator.findings import say

    weeks = countries((100, 200), (110, 200), (120, 200), (130, 200), (150, 200), (160, 200))
    original, restated = tmp_path / "original", tmp_path / "restated"
    w = write_weeks(original, weeks, as_of="2026-02-16T02:00:00.000Z")
    write_weeks(restated, weeks, as_of="2026-02-16T02:00:00.000Z")
    write_snapshot(restated, [(w[4], CN_MODEL, 250 * B), (w[4], US_MODEL, 200 * B),
                              (w[4], FR_MODEL, 10 * B), (w[4], "other", 50 * B)],
                   start=w[4], end=sunday(w[4]), as_of="2026-02-23T02:00:00.000Z")
    assert prepare(Project.at(REPO_ROOT, restated)).rankings.publications[w[4]].restated
    before, after = findings_of(original), findings_of(restated)
    assert crossings(before)[w[4]] == []
    assert crossings(after)[w[4]] == [("CN", "US", "first", "", w[3])]
    assert crossings(after)[w[5]] == [("US", "CN", "since", w[3], w[4])]
    assert before[w[4]] != after[w[4]]
    assert before[w[4]].description() != after[w[4]].description()
    for week in w[:4]:
        assert before[week] == after[week], week
        assert [say(f, "title") for f in before[week].story] == \
            [say(f, "title") for f in after[week].story], week
        assert (before[week].lede(), before[week].description(), before[week].feed_title()) \
            == (after[week].lede(), after[week].description(), after[week].feed_title()), week


def test_a_week_without_one_of_the_two_countries_claims_no_crossover_and_the_next_compares_with_the_last_week_both_were_ranked(  # noqa: E501
        tmp_path: Path) -> None:
    w = write_weeks(tmp_path, countries((100, 200), (100, 200), (100, 200), (100, 200),
                                        (150, None), (300, 200), (300, None), (300, 400),
                                        (None, 400), (300, 400)))
    assert crossings(findings_of(tmp_path)) == {
        w[0]: [], w[1]: [], w[2]: [], w[3]: [],
        w[4]: [],  # no U.S. model ranked: level, whatever China's tokens
        w[5]: [("CN", "US", "since", w[4], w[3])],  # China had more in w[4] (no U.S. model)
        w[6]: [],
        w[7]: [("US", "CN", "since", w[3], w[5])],
        w[8]: [],
        w[9]: [],  # the U.S. was ahead the last week both were ranked too
    }


# Week 2: China passes the U.S., a new most used model and company; week 3: every figure up
# (a record, were the history long enough).
SHORT = countries((100, 200), (300, 200), (400, 250))


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_history_shorter_than_min_history_claims_no_first_and_no_record(
        tmp_path: Path, count: int) -> None:
    from generator.findings import say

    assert count < MIN_HISTORY
    w = write_weeks(tmp_path, SHORT[:count])
    findings = findings_of(tmp_path)
    assert list(findings) == w
    for week, found in findings.items():
        for f in found.story:
            assert f.claim == "", (week, f)
            assert f.kind not in {"record", "most-since"}, (week, f)
            for form in ("title", "sentence"):
                words = say(f, form).lower()
                assert "first time" not in words and "record" not in words, (week, f.kind)
    if count >= 2:
        story = findings[w[1]].story
        crossover = next(f for f in story if f.kind == "crossover")
        assert (crossover.subject, crossover.other, crossover.claim) == ("CN", "US", "")
        assert story[0] == crossover
        for form in ("title", "sentence", "mark"):
            words = say(crossover, form).lower()
            assert "first" not in words and "record" not in words, form
        assert say(crossover) == (f"In the week of {fmt.week_range(w[1])}, Chinese models "
                                  "passed U.S. models: 300 billion tokens against 200 billion.")
        leaders = {f.kind: f for f in story if f.kind in {"leader", "company-leader"}}
        assert {k: (f.subject, f.claim) for k, f in leaders.items()} == {
            "leader": (CN_MODEL, ""), "company-leader": ("DeepSeek", "")}


def test_at_min_history_weeks_the_same_crossing_claims_first_and_records_count(
        tmp_path: Path) -> None:
    """The boundary of the rule above: the crossing on the MIN_HISTORY-th week."""
    assert MIN_HISTORY == 4
    w = write_weeks(tmp_path, countries((100, 200), (110, 210), (120, 220), (300, 230)))
    story = findings_of(tmp_path)[w[3]].story
    assert [(f.subject, f.other, f.claim) for f in story if f.kind == "crossover"] == [
        ("CN", "US", "first")]
    assert ("record", "") in {(f.kind, f.subject) for f in story}
    assert ("record", "CN") in {(f.kind, f.subject) for f in story}


MORE_AUTHORS = [*AUTHORS, ("tngtech", "TNG", "DE"), ("cohere", "Cohere", "CA"),
                ("ai21", "AI21 Labs", "IL"), ("sakana", "Sakana AI", "JP")]
DE_MODEL, CA_MODEL = "tngtech/deepseek-r1t2-chimera-20250708", "cohere/command-a-20250313"
IL_MODEL, JP_MODEL = "ai21/jamba-1.5-large-20240822", "sakana/tinyswallow-20250101"


def test_countries_among_the_five_largest_cross_and_smaller_ones_do_not(
        tmp_path: Path) -> None:
    from generator.findings import say

    weeks = []
    for fr, il in ((100, 10), (100, 10), (100, 10), (100, 10), (300, 30), (300, 30)):
        weeks.append({US_MODEL: 1000, CN_MODEL: 800, FR_MODEL: fr, DE_MODEL: 200, CA_MODEL: 50,
                      IL_MODEL: il, JP_MODEL: 20})
    w = write_weeks(tmp_path, weeks, authors=MORE_AUTHORS)
    findings = findings_of(tmp_path)
    # France passes Germany, both among the five largest; Israel passes Japan, the sixth and
    # seventh: not a story
    assert crossings(findings) == {**{week: [] for week in w},
                                   w[4]: [("FR", "DE", "first", "", w[3])]}
    crossover = next(f for f in findings[w[4]].story if f.kind == "crossover")
    assert crossover.score == SCORES["crossover", "other"]
    assert say(crossover) == (f"In the week of {fmt.week_range(w[4])}, French models overtook "
                              "German models for the first time since tracking began: 300 "
                              "billion tokens against 200 billion.")


def test_a_fall_on_the_week_streak_weeks_in_a_row_is_a_streak_down(tmp_path: Path) -> None:
    from generator.findings import say

    w = write_weeks(tmp_path, countries((500, 100), (450, 100), (400, 100), (350, 100),
                                        (300, 100), (320, 100)))
    findings = findings_of(tmp_path)
    streaks = {week: [f for f in found.story if f.kind == "streak"]
               for week, found in findings.items()}
    assert [week for week, found in streaks.items() if found] == [w[4]]
    (streak,) = streaks[w[4]]  # the U.S. was unchanged: no streak either way
    assert (streak.subject, streak.since, streak.against, streak.score) == (
        "CN", w[1], w[0], SCORES["streak", "new"])
    assert (streak.figure("weeks"), streak.figure("direction"), streak.figure("tokens")) == (
        STREAK_WEEKS, -1, 300 * B)
    assert streak.figure("run_change") == pytest.approx(-0.4)
    assert say(streak, "title") == "Chinese models down on the week 4 weeks in a row"
    assert say(streak) == (f"Tokens of Chinese models fell on the week for 4 weeks in a row, to "
                           f"300 billion in the week of {fmt.week_range(w[4])}: down "
                           f"40.0% since the week of {fmt.week_range(w[0])}.")


@pytest.mark.parametrize("gap", [SINCE_WEEKS - 1, SINCE_WEEKS, SINCE_WEEKS + 1])
def test_the_most_since_reaches_at_least_since_weeks_back(tmp_path: Path, gap: int) -> None:
    """Chinese models: a peak in week 2, lower weeks, then the most since that peak ``gap``
    weeks later (the U.S. and France unchanged, so the total moves with China)."""
    cn = [300, 700, *[300] * (gap - 1), 650]
    w = write_weeks(tmp_path, countries(*((t, 100) for t in cn)))
    story = findings_of(tmp_path)[w[-1]].story
    found = sorted((f.subject, f.since, f.figure("then"), f.score) for f in story
                   if f.kind == "most-since")
    peak = (700 + 100 + 10 + 50) * B
    if gap < SINCE_WEEKS:
        assert found == []
    else:
        assert found == [("", w[1], peak, SCORES["most-since", "total"]),
                         ("CN", w[1], 700 * B, SCORES["most-since", "pair"])]
    assert [f for f in story if f.kind == "record"] == []


def test_a_country_first_ranked_after_min_history_weeks_sets_no_record_in_its_first_week(
        tmp_path: Path) -> None:
    weeks = countries((100, 200), (110, 210), (120, 220), (130, 230), (140, 240))
    weeks[-1][FR_MODEL] = 40
    for week in weeks[:-1]:
        del week[FR_MODEL]  # France's first ranked week is the last one
    w = write_weeks(tmp_path, weeks)
    story = findings_of(tmp_path)[w[-1]].story
    assert [f for f in story if f.kind in {"record", "most-since"} and f.subject == "FR"] == []


# ================================================================ 3. no look-ahead

LATER = weeks_from("2026-04-06", 4)  # the four weeks after the sample's last


def later_rows() -> list[tuple[str, str, int]]:
    """Four weeks in which U.S. models pass Chinese ones again, a new model and company lead,
    and every total is a record: any look-ahead would change an earlier week's words."""
    rows = []
    for i, week in enumerate(LATER):
        rows += [
            (week, "anthropic/claude-sonnet-4.5-20250929", (12_000 + 3_000 * i) * B),
            (week, "deepseek/deepseek-v4-20260311", (3_500 + 100 * i) * B),
            (week, "deepseek/deepseek-v4-20260311:free", 2_400 * B),
            (week, "minimax/minimax-m2.5-20260213", (1_600 - 50 * i) * B),
            (week, "google/gemini-3-flash-preview-20251217", (1_100 + 200 * i) * B),
            (week, "mistralai/devstral-2-20251209", (900 + 50 * i) * B),
            (week, "cohere/command-a-20250313", (420 + 10 * i) * B),  # Germany leaves
            (week, "ai21/jamba-1.5-large-20240822", 350 * B),  # the five largest countries
            (week, "other", 2_000 * B),
        ]
    return rows


def words_of(found: object) -> dict:
    from generator.findings import say

    return {"lede": found.lede(), "description": found.description(),
            "feed_title": found.feed_title(), "changes": [say(f) for f in found.changes],
            "titles": [say(f, "title") for f in found.story]}


def test_four_later_weeks_change_no_word_of_an_earlier_week(tmp_path: Path,
                                                           sample_site: Site) -> None:
    from generator.findings.week import derive_findings

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copytree(REPO_ROOT / "data" / "sample", data_dir / "sample")
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    shutil.copy2(REPO_ROOT / "data" / "annotations.yaml", data_dir / "annotations.yaml")
    as_of = "2026-04-30T02:00:00.000Z"
    assert as_of > SAMPLE_AS_OF
    write_snapshot(data_dir / "sample", later_rows(), start=LATER[0], end=sunday(LATER[-1]),
                   as_of=as_of)
    later = prepare(Project.at(REPO_ROOT, data_dir))
    assert later.rankings.is_sample
    assert later.tables.weeks == [*sample_site.tables.weeks, *LATER]
    extended = derive_findings(later.tables, later.series, later.movers)
    # the new weeks have stories an earlier week could have leaked
    new = {(f.kind, f.subject) for week in LATER for f in extended[week].story}
    assert {("crossover", "US"), ("leader", "anthropic/claude-sonnet-4.5-20250929"),
            ("company-leader", "Anthropic"), ("record", "")} <= new
    for week in sample_site.tables.weeks:
        published, now = sample_site.findings[week], extended[week]
        assert words_of(published) == words_of(now), week
        assert published.story == now.story, week


# ================================================================ 4. one finding, every surface

HEADLINE, SENTENCE = "XX-HEADLINE-XX", "XX-SENTENCE-XX."


def test_the_words_of_a_crossover_reach_every_surface_of_its_week(
        sample_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.findings as findings
    from generator.charts.catalogue import frozen_chart_job
    from generator.charts.data import tables_up_to
    from generator.charts.families import FAMILIES, WEEKLY, weekly_chart_id
    from generator.embeds import Embeds
    from generator.feeds import week_entry
    from generator.findings import en
    from generator.pages import PageWriter
    from generator.pages.rankings import render_rankings

    assert findings.LANGUAGES["en"] is en.WORDINGS
    words = en.WORDINGS["crossover"]

    def crossover(f: object, form: str) -> str:
        return {"title": HEADLINE, "sentence": SENTENCE}.get(form) or words(f, form)

    monkeypatch.setitem(en.WORDINGS, "crossover", crossover)
    monkeypatch.setitem(findings.LANGUAGES["en"], "crossover", crossover)

    site, week = sample_site, CROSSOVER_WEEK
    found = site.findings[week]
    assert found.headline.kind == "crossover"
    assert found.lede().startswith(f"{SENTENCE} AI models on OpenRouter processed")
    assert found.description().startswith(f"{SENTENCE} AI models on OpenRouter processed")
    assert found.feed_title() == f"Week of {fmt.week_range(week)}: {HEADLINE}"
    assert HEADLINE in week_entry(site, week).title
    job = frozen_chart_job(site, FAMILIES["tokens-by-country"], week,
                           tables_up_to(site.tables, week))
    assert job.headline == HEADLINE
    assert job.text.description.startswith(SENTENCE)
    # a week without a crossover keeps its own headline
    other = site.findings["2026-03-09"]
    assert HEADLINE not in other.feed_title() and SENTENCE not in other.lede()

    # the week's ranking page: what render_rankings gives the page's template
    pages = {}

    def capture(self: PageWriter, template: str, source: str, card: object = None,
                **context: object) -> Path:
        pages[source] = (template, context)
        return self.site_src / source

    monkeypatch.setattr(PageWriter, "render", capture)
    charts = {WEEKLY: None, **{weekly_chart_id(w): None for w in site.tables.weeks}}
    writer = PageWriter(tmp_path / "site_src", REPO_ROOT / "templates" / "pages", site, charts,
                        Embeds(site.site_url, site.latest_week))
    render_rankings(writer, site)
    template, context = pages[f"rankings/{week}.md"]
    assert context["summary"].startswith(SENTENCE)  # the front matter's description
    assert context["lead"].startswith(SENTENCE)  # the page's opening paragraph
    assert HEADLINE not in context["lead"]
    assert SENTENCE not in " ".join(context["changes"])  # the headline is not listed again
    source = (REPO_ROOT / "templates" / "pages" / template).read_text()
    front, body = source.split("\n---\n", 1)
    assert "description: {{ summary | front }}" in front
    assert "{{ lead | md }}" in body


# ================================================================ 5. a short history

def test_the_three_weeks_of_tiny_data_claim_no_first_and_no_record(tiny_data: Path) -> None:
    findings = findings_of(tiny_data)
    assert len(findings) == 3 < MIN_HISTORY
    stories = [f for found in findings.values() for f in found.story]
    assert stories  # it has a story: movers, a crossover, new number ones
    assert [f for f in stories if f.claim in {"first", "since"}] == []
    assert [f for f in stories if f.kind in {"record", "most-since"}] == []
