from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_snapshot
from generator.errors import TrackerError
from generator.load import load_rankings, parse_rankings, week_is_complete
from generator.paths import REPO_ROOT, Project


def test_total_tokens_strings_become_exact_integers(tiny_project: Project) -> None:
    weekly = load_rankings(tiny_project).weekly
    row = weekly[(weekly.week_start == "2026-03-02")
                 & (weekly.model_permaslug == "deepseek/deepseek-v3-20250324")]
    assert weekly["tokens"].dtype == "int64"
    assert int(row["tokens"].iloc[0]) == 2**53 + 1  # a float would give 2**53


def test_the_week_in_progress_is_never_published(tiny_project: Project) -> None:
    rankings = load_rankings(tiny_project)
    assert sorted(set(rankings.weekly.week_start)) == ["2026-03-02", "2026-03-09", "2026-03-16"]
    assert rankings.dropped_incomplete == ["2026-03-23"]


def test_a_week_is_complete_only_when_its_sunday_is_covered() -> None:
    from datetime import date

    assert week_is_complete(date(2026, 3, 16), date(2026, 3, 22))
    assert not week_is_complete(date(2026, 3, 16), date(2026, 3, 21))


def test_newest_as_of_wins_for_a_restated_week(tiny_data: Path) -> None:
    write_snapshot(tiny_data, [("2026-03-16", "openai/gpt-5-20250807", 7777),
                               ("2026-03-16", "other", 3)],
                   start="2026-03-16", end="2026-03-22", as_of="2026-03-30T02:00:00.000Z",
                   compress=True)
    weekly = load_rankings(Project.at(REPO_ROOT, tiny_data)).weekly
    week = weekly[weekly.week_start == "2026-03-16"]
    assert dict(zip(week.model_permaslug, week.tokens)) == {"openai/gpt-5-20250807": 7777,
                                                           "other": 3}
    assert set(week.as_of) == {"2026-03-30T02:00:00.000Z"}
    # the older snapshot still supplies the weeks the newer one does not hold
    assert "2026-03-02" in set(weekly.week_start)


def test_the_sample_is_used_when_no_real_snapshot_exists(tmp_path: Path) -> None:
    project = Project.at(REPO_ROOT, tmp_path)
    (tmp_path / "sample").symlink_to(REPO_ROOT / "data" / "sample")
    rankings = load_rankings(project)
    assert rankings.is_sample
    assert rankings.weekly.week_start.nunique() >= 60


def response(**changes: object) -> dict:
    body = {"data": [{"date": "2026-03-16", "model_permaslug": "a/b", "total_tokens": "12"}],
            "meta": {"as_of": "2026-03-23T02:00:00.000Z", "version": "v1",
                     "start_date": "2026-03-16", "end_date": "2026-03-22"}}
    body.update(changes)
    return body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (response(data=[{"date": "2026-03-16", "model_permaslug": "a/b", "total_tokens": 12}]),
         "total_tokens"),
        (response(data=[{"date": "2026-03-16", "model_permaslug": "a/b", "total_tokens": "-1"}]),
         "non-negative decimal string"),
        (response(data=[{"date": "2026-03-16", "slug": "a/b", "total_tokens": "1"}]),
         "model_permaslug"),
        (response(meta={"as_of": "2026-03-23T02:00:00Z", "version": "v2",
                        "start_date": "2026-03-16",
                        "end_date": "2026-03-22"}), "expected 'v1'"),
        (response(data=[{"date": "2026-03-17", "model_permaslug": "a/b", "total_tokens": "1"}]),
         "not a Monday"),
        (response(data=[{"date": "2026-03-16", "model_permaslug": "a/b", "total_tokens": "1"}] * 2),
         "duplicate row"),
        ([], "unexpected rankings shape"),
    ],
)
def test_bad_responses_fail_with_one_clear_line(body: object, expected: str) -> None:
    with pytest.raises(TrackerError) as caught:
        parse_rankings(body, "snap.json")
    message = str(caught.value)
    assert message.startswith("snap.json:1: ")
    assert expected in message
    assert "\n" not in message


def test_invalid_json_names_the_file_and_line(tiny_data: Path) -> None:
    broken = tiny_data / "raw/openrouter/rankings/week/2026-04-01_2026-04-07.json"
    broken.write_text('{"data": [\n  {"date": "2026-03-16",,\n')
    with pytest.raises(TrackerError, match=r"2026-04-01_2026-04-07\.json:2: invalid JSON"):
        load_rankings(Project.at(REPO_ROOT, tiny_data))


def test_sample_snapshots_are_in_the_exact_upstream_shape() -> None:
    folder = REPO_ROOT / "data/sample/raw/openrouter/rankings/week"
    for path in sorted(folder.glob("*_*.json")):
        if path.name.endswith(".meta.json"):
            continue
        body = json.loads(path.read_text())
        assert set(body) == {"data", "meta"}
        assert set(body["meta"]) >= {"as_of", "version", "start_date", "end_date"}
        for row in body["data"]:
            assert set(row) == {"date", "model_permaslug", "total_tokens"}
            assert isinstance(row["total_tokens"], str) and row["total_tokens"].isdigit()
