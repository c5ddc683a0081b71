from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.datadiff import data_diff
from generator.errors import TrackerError
from generator.paths import Project


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t.invalid",
                    *args], check=True, capture_output=True)


@pytest.fixture
def repo(tiny_data: Path) -> Project:
    root = tiny_data.parent
    git(root, "init", "-q")
    git(root, "add", "data")
    git(root, "commit", "-qm", "base")
    return Project.at(root, tiny_data)


FLAG = """\
- id: gpt5-flag
  week: 2026-03-09
  target: openai/gpt-5-20250807
  action: flag
  reason: A free promotion that week
  source_url: https://example.org/evidence
  status: open
  date: 2026-03-20
"""
ANNOTATION = """\
- id: gpt5-price-cut
  date: 2026-03-04
  label: GPT-5 price cut
  kind: price_change
  scope: model
  target: openai/gpt-5-20250807
  description: The price halved.
  source_url: https://example.org/prices
"""


def edit_authors(repo: Project, old: str, new: str) -> None:
    authors = repo.registry_dir / "authors.csv"
    assert old in authors.read_text()
    authors.write_text(authors.read_text().replace(old, new))


def test_no_change_reports_nothing_changed(repo: Project) -> None:
    summary = data_diff(repo, "HEAD")
    assert "- Registry rows changed (authors.csv, models.csv): 0" in summary
    assert "- Weeks whose totals changed: 0" in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 0" in summary
    assert "- Corrections added, removed or changed: 0" in summary
    assert "- Annotations added, removed or changed: 0" in summary
    assert "No rank changed." in summary


def test_moving_an_author_to_another_country_shows_its_rows(repo: Project) -> None:
    edit_authors(repo, "mistralai,Mistral AI,,FR", "mistralai,Mistral AI,,DE")
    summary = data_diff(repo, "HEAD")
    assert "- Registry rows changed (authors.csv, models.csv): 1" in summary
    assert ("| authors.csv | mistralai | Mistral AI, FR, https://example\\.org/mistralai | "
            "Mistral AI, DE, https://example\\.org/mistralai |") in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 2" in summary
    assert "| 2026\\-03\\-02 |" not in summary  # weeks are shown plainly
    assert ("| 2026-03-02 | mistralai/mistral\\-small\\-20250601 | mistral\\-small\\-20250601 | "
            "Mistral AI | FR → DE | 100 | 3 |") in summary
    assert "- Weeks whose totals changed: 0" in summary  # FR and DE are both attributed


def test_a_company_rename_shows_in_the_registry_the_model_rows_and_the_companies(
        repo: Project) -> None:
    edit_authors(repo, "openai,OpenAI,,US", "openai,OpenAI Global,,US")
    summary = data_diff(repo, "HEAD")
    assert "- Registry rows changed (authors.csv, models.csv): 1" in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 3" in summary
    assert "| OpenAI → OpenAI Global | US |" in summary
    # exact above 2**53: (2**53 + 1 + 1000) + 300 + 1000
    assert "| OpenAI Global | 0 | 9,007,199,254,743,293 | +9,007,199,254,743,293 |" in summary
    assert "| OpenAI | 9,007,199,254,743,293 | 0 | -9,007,199,254,743,293 |" in summary


def test_a_chinese_name_change_shows_in_the_registry_only(repo: Project) -> None:
    edit_authors(repo, "deepseek,DeepSeek,深度求索,CN", "deepseek,DeepSeek,杭州深度求索,CN")
    summary = data_diff(repo, "HEAD")
    assert "- Registry rows changed (authors.csv, models.csv): 1" in summary
    assert ("| authors.csv | deepseek | DeepSeek (深度求索), CN, https://example\\.org/deepseek | "
            "DeepSeek (杭州深度求索), CN, https://example\\.org/deepseek |") in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 0" in summary


def test_a_display_name_change_shows_in_the_registry_and_the_model_rows(repo: Project) -> None:
    (repo.registry_dir / "models.csv").write_text(
        "permaslug,display_name,family,open_weights,notes\n"
        "openai/gpt-5-20250807,GPT-5,GPT-5,false,\n")
    summary = data_diff(repo, "HEAD")
    assert ("| models.csv | openai/gpt\\-5\\-20250807 | – | "
            "GPT\\-5, family GPT\\-5, closed weights |") in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 3" in summary
    assert "| gpt\\-5\\-20250807 → GPT\\-5 | OpenAI | US |" in summary


def test_a_new_author_without_models_in_the_data_still_shows(repo: Project) -> None:
    authors = repo.registry_dir / "authors.csv"
    authors.write_text(authors.read_text() + "examplelab,Example Lab,,SE,https://example.org/a,\n")
    summary = data_diff(repo, "HEAD")
    assert "- Registry rows changed (authors.csv, models.csv): 1" in summary
    assert "| authors.csv | examplelab | – | Example Lab, SE, https://example\\.org/a |" in summary
    assert "- Model rows changed (tokens, rank, name, company or country): 0" in summary


def test_a_flag_correction_shows_with_the_rows_it_flags(repo: Project) -> None:
    (repo.data_dir / "corrections.yaml").write_text(FLAG)
    summary = data_diff(repo, "HEAD")
    assert "- Model rows changed (tokens, rank, name, company or country): 0" in summary
    assert "- Corrections added, removed or changed: 1" in summary
    assert ("| gpt5\\-flag | added | openai/gpt\\-5\\-20250807 flagged, figures unchanged | "
            "2026-03-09 | 1 |") in summary


def test_an_edited_correction_names_what_changed(repo: Project) -> None:
    (repo.data_dir / "corrections.yaml").write_text(FLAG)
    git(repo.root, "add", "data")
    git(repo.root, "commit", "-qm", "flag")
    (repo.data_dir / "corrections.yaml").write_text(
        FLAG.replace("status: open", "status: reported")
        .replace("week: 2026-03-09", "weeks: {from: 2026-03-02, to: 2026-03-09}"))
    summary = data_diff(repo, "HEAD")
    assert ("| gpt5\\-flag | changed: week_from, status | openai/gpt\\-5\\-20250807 flagged, "
            "figures unchanged | 2026-03-09 → 2026-03-02 to 2026-03-09 | 1 → 2 |") in summary


def test_an_added_annotation_is_listed(repo: Project) -> None:
    (repo.data_dir / "annotations.yaml").write_text(ANNOTATION)
    summary = data_diff(repo, "HEAD")
    assert "- Annotations added, removed or changed: 1" in summary
    assert ("| gpt5\\-price\\-cut | added | 2026-03-04 | GPT\\-5 price cut | "
            "model openai/gpt\\-5\\-20250807 |") in summary


def test_text_from_the_files_is_escaped_in_the_summary(repo: Project) -> None:
    edit_authors(repo, "openai,OpenAI,,US", "openai,OpenAI | <b>x</b>,,US")
    summary = data_diff(repo, "HEAD")
    assert "OpenAI \\| &lt;b&gt;x&lt;/b&gt;" in summary
    assert "<b>" not in summary


def test_a_restated_figure_shows_in_totals_and_ranks(repo: Project) -> None:
    from conftest import write_snapshot

    write_snapshot(repo.data_dir, [("2026-03-16", "openai/gpt-5-20250807", 5000),
                                   ("2026-03-16", "deepseek/deepseek-v3-20250324", 1000),
                                   ("2026-03-16", "other", 90)],
                   start="2026-03-16", end="2026-03-22", as_of="2026-03-30T02:00:00.000Z")
    summary = data_diff(repo, "HEAD")
    assert "- Weeks whose totals changed: 1" in summary
    assert "| 2026-03-16 | 2,100 → 6,090 |" in summary
    assert "### Rank changes in the latest week (2026-03-16)" in summary
    assert "| deepseek/deepseek\\-v3\\-20250324 | 1 → 2 |" in summary


def test_an_unknown_base_is_one_clear_error(repo: Project) -> None:
    with pytest.raises(TrackerError, match="git archive no-such-ref data"):
        data_diff(repo, "no-such-ref")
