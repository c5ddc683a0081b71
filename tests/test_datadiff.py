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


def test_no_change_reports_nothing_changed(repo: Project) -> None:
    summary = data_diff(repo, "HEAD")
    assert "- Weeks whose totals changed: 0" in summary
    assert "- Model rows changed (tokens, rank, company or country): 0" in summary
    assert "No rank changed." in summary


def test_moving_an_author_to_another_country_shows_its_rows(repo: Project) -> None:
    authors = repo.registry_dir / "authors.csv"
    authors.write_text(authors.read_text().replace("mistralai,Mistral AI,FR",
                                                   "mistralai,Mistral AI,DE"))
    summary = data_diff(repo, "HEAD")
    assert "- Model rows changed (tokens, rank, company or country): 2" in summary
    assert "| 2026\\-03\\-02 |" not in summary  # weeks are shown plainly
    assert "mistralai/mistral\\-small\\-20250601 |" in summary
    assert "| FR → DE |" in summary
    assert "- Weeks whose totals changed: 0" in summary  # FR and DE are both attributed


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
