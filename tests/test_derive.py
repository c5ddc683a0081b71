from __future__ import annotations

import pandas as pd
import pytest

from generator.derive import attribute, derive_tables, model_display_name
from generator.load import load_catalogue, load_rankings
from generator.paths import Project
from generator.registry import ModelOverride, Registry, load_registry


@pytest.fixture
def tables(tiny_project: Project):
    rankings = load_rankings(tiny_project)
    registry = load_registry(tiny_project.registry_dir)
    return derive_tables(attribute(rankings.weekly, registry, load_catalogue(rankings.source_dir)))


def row(frame: pd.DataFrame, week: str, **match: str) -> pd.Series:
    selected = frame[frame.week_start == week]
    for column, value in match.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1
    return selected.iloc[0]


def test_weekly_totals_stay_exact_above_2_pow_53(tables) -> None:
    week = row(tables.totals, "2026-03-09")
    big = 2**53 + 1
    assert int(week.total_tokens) == (big + 1000) + 500 + 400 + 100 + 70
    assert int(week.other_tokens) == 70
    assert int(week.unknown_tokens) == 400  # the cloaked openrouter/ model
    assert int(week.attributed_tokens) == (big + 1000) + 500 + 100
    assert tables.totals["total_tokens"].dtype == "int64"


def test_attributed_plus_unknown_plus_other_is_the_total(tables) -> None:
    totals = tables.totals
    assert (totals.attributed_tokens + totals.unknown_tokens + totals.other_tokens
            == totals.total_tokens).all()
    by_country = tables.countries.groupby("week_start")["tokens"].sum()
    assert (by_country == totals.set_index("week_start")["attributed_tokens"]).all()


def test_coverage_is_one_minus_other_over_total(tables) -> None:
    week = row(tables.totals, "2026-03-16")
    assert week.coverage == pytest.approx(1 - 90 / 2100)


def test_ranks_order_by_tokens_then_slug(tables) -> None:
    week = tables.models[tables.models.week_start == "2026-03-16"]
    # deepseek and openai tie on 1000 tokens: the slug breaks the tie
    assert list(week.model_permaslug) == ["deepseek/deepseek-v3-20250324",
                                          "openai/gpt-5-20250807", "openrouter/sonoma-alpha"]
    assert list(week["rank"]) == [1, 2, 3]


def test_rank_change_is_previous_rank_minus_rank(tables) -> None:
    assert row(tables.models, "2026-03-09", model_permaslug="openai/gpt-5-20250807") \
        .rank_change == 1
    assert row(tables.models, "2026-03-09", model_permaslug="deepseek/deepseek-v3-20250324") \
        .rank_change == -1


def test_a_model_new_to_the_ranking_is_marked_new_with_no_rank_change(tables) -> None:
    cloaked = row(tables.models, "2026-03-09", model_permaslug="openrouter/sonoma-alpha")
    assert cloaked.is_new
    assert pd.isna(cloaked.rank_change)
    assert pd.isna(cloaked.wow_change)
    first_week = tables.models[tables.models.week_start == "2026-03-02"]
    assert not first_week.is_new.any()  # nothing to compare with: not "new", just undefined


def test_unknown_authors_are_kept_as_unattributed(tables) -> None:
    cloaked = row(tables.models, "2026-03-16", model_permaslug="openrouter/sonoma-alpha")
    assert cloaked.country == "" and cloaked.company == ""
    assert int(cloaked.tokens) == 10
    # its tokens are the week's unknown tokens, and no country's or company's
    assert int(row(tables.totals, "2026-03-16").unknown_tokens) == 10
    assert "" not in set(tables.countries["country"]) | set(tables.companies["company"])


def test_shares_and_week_on_week_change(tables) -> None:
    deepseek = row(tables.models, "2026-03-16", model_permaslug="deepseek/deepseek-v3-20250324")
    assert deepseek.share_of_total == pytest.approx(1000 / 2100)
    assert deepseek.wow_change == pytest.approx(1000 / 500 - 1)
    china = row(tables.countries, "2026-03-16", country="CN")
    assert china.share_of_attributed == pytest.approx(1000 / 2000)
    assert china.wow_change == pytest.approx(1000 / 500 - 1)
    france = tables.countries[(tables.countries.week_start == "2026-03-16")
                              & (tables.countries.country == "FR")]
    assert france.empty  # mistral left the ranking: no row rather than a zero


def test_variants_are_separate_models_with_a_suffix() -> None:
    registry = Registry(authors={}, models={})
    catalogue = {"qwen/qwen3-20250701": {"name": "Qwen: Qwen3 235B"}}
    assert model_display_name("qwen/qwen3-20250701:free", registry, catalogue) == \
        "Qwen3 235B (free)"
    assert model_display_name("qwen/qwen3-20250701", registry, catalogue) == "Qwen3 235B"
    assert model_display_name("gone/retired-1", registry, catalogue) == "retired-1"
    registry.models["qwen/qwen3-20250701"] = ModelOverride("qwen/qwen3-20250701", "Qwen3", "", None)
    assert model_display_name("qwen/qwen3-20250701:free", registry, catalogue) == "Qwen3 (free)"
