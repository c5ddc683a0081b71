from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from generator.derive.tables import attribute, derive_tables, model_display_name
from generator.load import MODELS_SUBDIR, load_catalogue, load_rankings
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


# A base model and its ":free" variant as OpenRouter's /models lists them: two entries with the
# same canonical_slug, the variant's name already ending in "(free)".
HY3 = {
    "id": "tencent/hy3-preview", "canonical_slug": "tencent/hy3-preview-20260401",
    "hugging_face_id": "", "name": "Tencent: Hy3 Preview", "created": 1775001600,
    "description": "Hy3 Preview is Tencent's reasoning model.", "context_length": 262144,
    "architecture": {"modality": "text->text", "input_modalities": ["text"],
                     "output_modalities": ["text"], "tokenizer": "Other", "instruct_type": None},
    "pricing": {"prompt": "0.0000002", "completion": "0.0000008", "request": "0", "image": "0",
                "web_search": "0", "internal_reasoning": "0"},
    "top_provider": {"context_length": 262144, "max_completion_tokens": 65536,
                     "is_moderated": False},
    "per_request_limits": None,
    "supported_parameters": ["max_tokens", "reasoning", "temperature", "tools"],
}
HY3_FREE = {**HY3, "id": "tencent/hy3-preview:free", "name": "Tencent: Hy3 Preview (free)",
            "pricing": {**HY3["pricing"], "prompt": "0", "completion": "0"},
            "top_provider": {**HY3["top_provider"], "max_completion_tokens": 8192}}


def catalogue_snapshot(data_dir: Path, entries: list[dict]) -> Path:
    """The /models response stored the way fetch stores it (gzip, under raw/openrouter/models)."""
    folder = data_dir / MODELS_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2026-12-05.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"data": entries}).encode(), mtime=0))
    return path


@pytest.mark.parametrize("entries", [[HY3, HY3_FREE], [HY3_FREE, HY3]],
                         ids=["base-first", "variant-first"])
def test_a_free_variant_is_named_once_and_its_entry_never_replaces_the_base(
        tmp_path: Path, entries: list[dict]) -> None:
    catalogue_snapshot(tmp_path, entries)
    catalogue = load_catalogue(tmp_path)
    assert catalogue["tencent/hy3-preview-20260401"]["id"] == "tencent/hy3-preview"
    weekly = pd.DataFrame({"week_start": ["2026-11-23"] * 2, "tokens": [7, 5], "as_of": ["x"] * 2,
                           "model_permaslug": ["tencent/hy3-preview-20260401:free",
                                               "tencent/hy3-preview-20260401"]})
    names = attribute(weekly, Registry(authors={}, models={}), catalogue) \
        .set_index("model_permaslug")["model_name"]
    assert names.to_dict() == {"tencent/hy3-preview-20260401:free": "Hy3 Preview (free)",
                               "tencent/hy3-preview-20260401": "Hy3 Preview"}


def test_a_variant_entry_alone_names_its_base_without_the_suffix(tmp_path: Path) -> None:
    catalogue_snapshot(tmp_path, [HY3_FREE])  # the base model is missing from the catalogue
    catalogue = load_catalogue(tmp_path)
    registry = Registry(authors={}, models={})
    assert model_display_name("tencent/hy3-preview-20260401:free", registry, catalogue) == \
        "Hy3 Preview (free)"
    assert model_display_name("tencent/hy3-preview-20260401", registry, catalogue) == \
        "Hy3 Preview"


def test_a_registry_name_that_already_ends_in_the_variant_is_not_suffixed_again() -> None:
    registry = Registry(authors={}, models={"qwen/qwen3-20250701": ModelOverride(
        "qwen/qwen3-20250701", "Qwen3 (Free)", "", None)})
    assert model_display_name("qwen/qwen3-20250701:free", registry, {}) == "Qwen3 (Free)"
