"""The fetch stage: planning, HTTP behaviour (mocked with pytest-httpx), and end to end against
a local fake of the Data API (tests/fakeapi.py). No test touches the internet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest
from pytest_httpx import HTTPXMock

from fakeapi import FakeDataAPI, FakeState, fake_weeks
from generator.client import FetchConfig, RetryPolicy, config_from_env
from generator.errors import TrackerError
from generator.fetch import complete_weeks, fetch, last_complete_week, plan_windows
from generator.load import load_rankings
from generator.paths import REPO_ROOT, Project
from helpers import tree

BASE = "https://api.test/api/v1"
KEY = "sk-or-v1-secret-test-key"
TODAY = date(2025, 4, 2)  # a Wednesday: complete weeks run to Sunday 2025-03-30


# ---------------------------------------------------------------- planning

def test_the_current_week_is_never_complete() -> None:
    assert last_complete_week(date(2025, 4, 2)) == date(2025, 3, 24)
    assert last_complete_week(date(2025, 3, 31)) == date(2025, 3, 24)  # Monday: Sunday just ended
    assert last_complete_week(date(2025, 3, 30)) == date(2025, 3, 17)  # Sunday still running


def test_first_run_backfills_from_2025_in_windows_of_at_most_366_days() -> None:
    windows = plan_windows(set(), date(2026, 11, 29))
    assert windows[0][0] == date(2025, 1, 6)
    assert windows[-1][1] == date(2026, 11, 22)
    for start, end in windows:
        assert start.isoweekday() == 1 and end.isoweekday() == 7
        assert (end - start).days + 1 <= 366
    covered = sum(((end - start).days + 1) // 7 for start, end in windows)
    assert covered == len(complete_weeks(date(2026, 11, 29)))


def test_later_runs_fetch_missing_weeks_and_the_last_four() -> None:
    weeks = complete_weeks(TODAY)
    held = set(weeks[:-1]) - {weeks[2]}  # a hole, and the newest week missing
    assert plan_windows(held, TODAY) == [
        (weeks[2], weeks[2].replace(day=weeks[2].day + 6)),
        (weeks[-4], date(2025, 3, 30)),
    ]


def test_once_weeks_are_held_history_begins_at_the_first_of_them() -> None:
    today = date(2026, 12, 8)  # complete weeks run to 2026-11-30
    weeks = complete_weeks(today)
    held = {w for w in weeks if date(2026, 5, 4) <= w < date(2026, 11, 30)} - {date(2026, 6, 1)}
    assert plan_windows(held, today) == [(date(2026, 6, 1), date(2026, 6, 7)),
                                         (date(2026, 11, 9), date(2026, 12, 6))]


@pytest.mark.parametrize("today", [date(2026, 12, 5), date(2030, 1, 1), date(2040, 12, 31)])
def test_a_backfill_stays_far_inside_the_apis_request_limits(today: date) -> None:
    # 30 requests a minute and 500 a day: one per 52-week window plus the catalogue
    windows = plan_windows(set(), today)
    assert len(windows) == -(-len(complete_weeks(today)) // 52)
    assert len(windows) + 1 < 30


# ---------------------------------------------------------------- HTTP (mocked)

def rankings(rows: list[dict] | None = None, **meta: str) -> dict:
    return {"data": rows if rows is not None else [
        {"date": "2025-03-24", "model_permaslug": "openai/gpt-5-20250807", "total_tokens": "9"},
        {"date": "2025-03-24", "model_permaslug": "other", "total_tokens": "1"}],
        "meta": {"as_of": "2025-04-01T02:00:00.000Z", "version": "v1",
                 "start_date": "2025-03-24", "end_date": "2025-03-30", **meta}}


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def config(sleeps: list[float]) -> FetchConfig:
    return FetchConfig(base_url=BASE, api_key=KEY, today=TODAY,
                       retry=RetryPolicy(attempts=3, max_seconds=60, max_wait=30,
                                         initial_wait=0.01, sleep=sleeps.append))


@pytest.fixture
def held_data(tmp_path: Path) -> Project:
    """Every complete week but the last four already held, so one small window is fetched."""
    data_dir = tmp_path / "data"
    from conftest import write_snapshot

    weeks = complete_weeks(TODAY)[:-4]
    write_snapshot(data_dir, [(w.isoformat(), "openai/gpt-5-20250807", 5) for w in weeks],
                   start=weeks[0].isoformat(), end="2025-03-02",
                   as_of="2025-03-03T02:00:00.000Z")
    return Project.at(REPO_ROOT, data_dir)


def window_url() -> str:
    return f"{BASE}/datasets/rankings-daily?start_date=2025-03-03&end_date=2025-03-30&period=week"


def add_catalogue(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/models?output_modalities=all",
                            json={"data": [{"id": "openai/gpt-5",
                                            "canonical_slug": "openai/gpt-5-20250807"}]})


def four_weeks() -> dict:
    rows = []
    for week in ("2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24"):
        rows += [{"date": week, "model_permaslug": "openai/gpt-5-20250807", "total_tokens": "7"},
                 {"date": week, "model_permaslug": "other", "total_tokens": "2"}]
    return rankings(rows, start_date="2025-03-03")


def test_a_503_then_success_is_retried(httpx_mock: HTTPXMock, config: FetchConfig,
                                       held_data: Project, sleeps: list[float]) -> None:
    httpx_mock.add_response(url=window_url(), status_code=503)
    httpx_mock.add_response(url=window_url(), json=four_weeks())
    add_catalogue(httpx_mock)
    report = fetch(held_data, config)
    assert sum(len(w.added) for w in report.windows) == 4
    assert len(sleeps) == 1


def test_429_honours_retry_after(httpx_mock: HTTPXMock, config: FetchConfig, held_data: Project,
                                 sleeps: list[float]) -> None:
    httpx_mock.add_response(url=window_url(), status_code=429, headers={"Retry-After": "7"})
    httpx_mock.add_response(url=window_url(), json=four_weeks())
    add_catalogue(httpx_mock)
    fetch(held_data, config)
    assert sleeps == [7.0]


def test_the_requests_carry_the_key_only_in_a_header(httpx_mock: HTTPXMock, config: FetchConfig,
                                                     held_data: Project) -> None:
    httpx_mock.add_response(url=window_url(), json=four_weeks())
    add_catalogue(httpx_mock)
    report = fetch(held_data, config)
    ranking_request, catalogue_request = httpx_mock.get_requests()
    assert ranking_request.headers["Authorization"] == f"Bearer {KEY}"
    assert "Authorization" not in catalogue_request.headers  # the catalogue needs no key
    assert ranking_request.headers["User-Agent"].startswith("ai-token-tracker/")
    assert "github.com" in ranking_request.headers["User-Agent"]
    for path in report.written:
        assert KEY.encode() not in path.read_bytes()


def failure_cases() -> list:
    def respond(**kwargs):
        return lambda mock: mock.add_response(url=window_url(), **kwargs)

    def rows(**change):
        row = {"date": "2025-03-24", "model_permaslug": "a/b", "total_tokens": "5", **change}
        return rankings([row])

    return [
        pytest.param([respond(status_code=503)] * 3, "HTTP 503 after 3 attempts", id="503s"),
        pytest.param([respond(status_code=429, headers={"Retry-After": "0"})] * 3,
                     "HTTP 429 after 3 attempts", id="429s"),
        pytest.param([lambda m: m.add_exception(httpx.ReadTimeout("slow"), url=window_url())] * 3,
                     "timed out after 3 attempts", id="timeouts"),
        pytest.param([respond(status_code=401, json={"error": {"message": "No auth"}})],
                     "the API key was refused (HTTP 401)", id="401"),
        pytest.param([respond(status_code=400, json={"error": {"message": "bad start_date"}})],
                     "HTTP 400 for start_date=2025-03-03 end_date=2025-03-30: bad start_date",
                     id="400"),
        pytest.param([respond(content=json.dumps(four_weeks()).encode()[:-40])],
                     "response is not valid JSON (truncated?)", id="truncated"),
        pytest.param([respond(json={"data": [{"date": "2025-03-24", "slug": "a/b",
                                              "total_tokens": "1"}],
                                    "meta": four_weeks()["meta"]})],
                     "field data.0.model_permaslug: Field required", id="renamed-field"),
        pytest.param([respond(json=rows(total_tokens="-5"))], "non-negative decimal string",
                     id="negative"),
        pytest.param([respond(json=rows(total_tokens="12e3"))], "non-negative decimal string",
                     id="non-numeric"),
        pytest.param([respond(json=rankings([rows()["data"][0]] * 2))], "duplicate row",
                     id="duplicates"),
        pytest.param([respond(json=rankings([]))], "no rows for 2025-03-03..2025-03-30",
                     id="empty-data"),
        pytest.param([respond(json=rankings(version="v2"))], "field meta.version: Value error, "
                     "expected 'v1'", id="unknown-version"),
        pytest.param([respond(json=rows(date="2024-12-30"))], "outside the requested",
                     id="week-outside-window"),
    ]


@pytest.mark.parametrize(("responses", "message"), failure_cases())
def test_failures_are_one_clear_line_and_leave_data_untouched(
        httpx_mock: HTTPXMock, config: FetchConfig, held_data: Project, responses: list,
        message: str) -> None:
    for add in responses:
        add(httpx_mock)
    before = tree(held_data.data_dir)
    with pytest.raises(TrackerError) as caught:
        fetch(held_data, config)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text and KEY not in text
    assert text.startswith(window_url())
    assert tree(held_data.data_dir) == before


def test_a_missing_key_is_exit_2() -> None:
    with pytest.raises(TrackerError) as caught:
        config_from_env({})
    assert caught.value.exit_code == 2
    assert "OPENROUTER_API_KEY" in str(caught.value)


def test_the_base_url_defaults_to_openrouter() -> None:
    assert config_from_env({"OPENROUTER_API_KEY": "k"}).base_url == \
        "https://openrouter.ai/api/v1"
    assert config_from_env({"OPENROUTER_API_KEY": "k", "OPENROUTER_BASE_URL":
                            "http://127.0.0.1:1/api/v1/"}).base_url == "http://127.0.0.1:1/api/v1"


# ---------------------------------------------------------------- end to end (local fake API)

def run_fetch(data_dir: Path, base_url: str, today: str, key: str = KEY
              ) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENROUTER_API_KEY": key, "OPENROUTER_BASE_URL": base_url,
           "OPENROUTER_RETRY_ATTEMPTS": "3"}
    return subprocess.run([sys.executable, "-m", "generator", "fetch", "--data-dir",
                           str(data_dir), "--today", today], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def fake_api():
    state = FakeState(weeks=fake_weeks("2025-01-06", 13),
                      catalogue=[{"id": "openai/model-02", "canonical_slug":
                                  "openai/model-02-20250101", "name": "OpenAI: Model 02"}])
    with FakeDataAPI(state) as api:
        yield api


@pytest.fixture
def fake_data(tmp_path: Path) -> Path:
    import shutil

    data_dir = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    return data_dir


def test_fetch_then_build_publishes_exactly_the_served_weeks(fake_api: FakeDataAPI,
                                                            fake_data: Path,
                                                            tmp_path: Path) -> None:
    from conftest import copy_skeleton
    from generator.build import generate

    result = run_fetch(fake_data, fake_api.base_url, "2025-04-02")
    assert result.returncode == 0, result.stderr
    assert "Weeks added: 12; restated: 0; unchanged: 0" in result.stdout
    assert "Latest complete week: 2025-03-24" in result.stdout
    assert KEY not in result.stdout + result.stderr
    assert all(a == f"Bearer {KEY}" for a, r in zip(fake_api.state.authorizations,
                                                    fake_api.state.requests)
               if "rankings" in r)

    skeleton = tmp_path / "project"
    skeleton.mkdir()
    project = Project.at(copy_skeleton(skeleton).root, fake_data)
    generated = generate(project)  # the site builder only copies what this writes
    import csv

    with (project.site_src / "downloads/v1/totals_weekly.csv").open() as handle:
        totals = {r["week_start"]: int(r["total_tokens"]) for r in csv.DictReader(handle)}
    served = {w: sum(c.values()) for w, c in fake_api.state.weeks.items()}
    complete = {w: n for w, n in served.items() if w <= "2025-03-24"}
    assert totals == complete  # every served complete week, exactly; the week in progress not
    assert not generated.is_sample
    assert "tt-sample-banner" not in \
        (project.generated_overrides / "data_status.html").read_text(encoding="utf-8")


def test_a_second_fetch_with_unchanged_upstream_writes_nothing(fake_api: FakeDataAPI,
                                                              fake_data: Path) -> None:
    assert run_fetch(fake_data, fake_api.base_url, "2025-04-02").returncode == 0
    before = tree(fake_data)
    fake_api.state.as_of = "2025-04-03T02:00:00.000Z"  # a new refresh, same figures
    again = run_fetch(fake_data, fake_api.base_url, "2025-04-03")
    assert again.returncode == 0, again.stderr
    assert "Weeks added: 0; restated: 0; unchanged: 4" in again.stdout
    assert tree(fake_data) == before


def test_a_restatement_makes_one_new_snapshot_and_exactly_one_revision(
        fake_api: FakeDataAPI, fake_data: Path) -> None:
    assert run_fetch(fake_data, fake_api.base_url, "2025-04-02").returncode == 0
    before = tree(fake_data)
    fake_api.state.weeks["2025-03-17"]["openai/model-02-20250101"] += 12345
    fake_api.state.as_of = "2025-04-03T02:00:00.000Z"
    result = run_fetch(fake_data, fake_api.base_url, "2025-04-03")
    assert result.returncode == 0, result.stderr
    assert "restated: 1 (2025-03-17)" in result.stdout
    added = sorted(set(tree(fake_data)) - set(before))
    assert added == ["raw/openrouter/rankings/week/2025-03-03_2025-03-30.json",
                     "raw/openrouter/rankings/week/2025-03-03_2025-03-30.meta.json"]
    assert all(tree(fake_data)[k] == v for k, v in before.items())  # nothing old rewritten
    revisions = load_rankings(Project.at(REPO_ROOT, fake_data)).revisions
    assert len(revisions) == 1
    row = revisions.iloc[0]
    assert (row.week_start, row.model_permaslug) == ("2025-03-17", "openai/model-02-20250101")
    assert int(row.new_tokens) - int(row.old_tokens) == 12345


def test_a_new_week_is_added_on_the_next_run(fake_api: FakeDataAPI, fake_data: Path) -> None:
    assert run_fetch(fake_data, fake_api.base_url, "2025-04-02").returncode == 0
    result = run_fetch(fake_data, fake_api.base_url, "2025-04-08")
    assert result.returncode == 0, result.stderr
    assert "Weeks added: 1; restated: 0; unchanged: 3" in result.stdout
    weekly = load_rankings(Project.at(REPO_ROOT, fake_data)).weekly
    assert weekly.week_start.max() == "2025-03-31"


@pytest.mark.parametrize("canned", [
    [(503, {}, b"{}")] * 8,
    [(429, {"Retry-After": "0"}, b"{}")] * 8,
    [(200, {}, b'{"data": [{"date": "2025-01-06", "model_perma')],
    [(200, {}, json.dumps({"rows": [], "meta": {}}).encode())],
], ids=["503", "429", "truncated", "renamed"])
def test_the_cli_fails_cleanly_against_a_failing_server(fake_api: FakeDataAPI, fake_data: Path,
                                                        canned: list) -> None:
    assert run_fetch(fake_data, fake_api.base_url, "2025-04-02").returncode == 0
    before = tree(fake_data)
    fake_api.state.canned = list(canned)
    result = run_fetch(fake_data, fake_api.base_url, "2025-04-09")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: http://127.0.0.1:")
    assert "Traceback" not in result.stderr
    assert tree(fake_data) == before


# ---------------------------------------------------------------- a source with a shorter history

SHORT_TODAY = "2026-12-05"  # a Saturday: complete weeks run to Sunday 2026-11-29


@pytest.fixture
def short_api():
    """Rows only from the week of 2026-10-12 (8 weeks, the last one still in progress on
    SHORT_TODAY), as a source keeping a shorter history or a mirror holding less would serve."""
    state = FakeState(weeks=fake_weeks("2026-10-12", 8, models=8), as_of="2026-12-05T02:00:00Z",
                      catalogue=[{"id": "openai/model-02", "canonical_slug":
                                  "openai/model-02-20250101", "name": "OpenAI: Model 02"}])
    with FakeDataAPI(state) as api:
        yield api


def rankings_requests(api: FakeDataAPI) -> list[str]:
    return [r for r in api.state.requests if "rankings-daily" in r]


def test_a_short_history_begins_at_the_first_week_with_rows_and_builds_exactly_it(
        short_api: FakeDataAPI, fake_data: Path, tmp_path: Path) -> None:
    import csv

    from conftest import copy_skeleton
    from generator.build import build

    result = run_fetch(fake_data, short_api.base_url, SHORT_TODAY)
    assert result.returncode == 0, result.stderr
    history = [line for line in result.stdout.splitlines() if "History begins" in line]
    assert history == ["History begins at the week of 2026-10-12: the source has no rows for "
                       "the weeks from 2025-01-06 to 2026-10-05"]
    assert "Weeks added: 7; restated: 0; unchanged: 0" in result.stdout
    # Two 52-week windows (the first one empty) and the catalogue: nothing more
    assert rankings_requests(short_api) == [
        "/api/v1/datasets/rankings-daily?start_date=2025-01-06&end_date=2026-01-04&period=week",
        "/api/v1/datasets/rankings-daily?start_date=2026-01-05&end_date=2026-11-29&period=week"]
    assert len(short_api.state.requests) == 3

    (tmp_path / "project").mkdir()
    project = Project.at(copy_skeleton(tmp_path / "project").root, fake_data)
    build(project)
    with (project.site_dir / "downloads/v1/totals_weekly.csv").open() as handle:
        totals = {r["week_start"]: int(r["total_tokens"]) for r in csv.DictReader(handle)}
    served = {w: sum(c.values()) for w, c in short_api.state.weeks.items()}
    assert totals == {w: n for w, n in served.items() if w <= "2026-11-23"}


def test_after_a_short_backfill_the_next_run_asks_only_for_new_and_recent_weeks(
        short_api: FakeDataAPI, fake_data: Path) -> None:
    assert run_fetch(fake_data, short_api.base_url, SHORT_TODAY).returncode == 0
    short_api.state.requests.clear()
    result = run_fetch(fake_data, short_api.base_url, "2026-12-08")
    assert result.returncode == 0, result.stderr
    assert "Weeks added: 1; restated: 0; unchanged: 3" in result.stdout
    assert "History begins" not in result.stdout
    assert rankings_requests(short_api) == [
        "/api/v1/datasets/rankings-daily?start_date=2026-11-09&end_date=2026-12-06&period=week"]


def test_an_empty_window_after_weeks_with_rows_still_fails(fake_data: Path) -> None:
    state = FakeState(weeks=fake_weeks("2025-01-06", 40, models=8))  # nothing after 2025-10-06
    with FakeDataAPI(state) as api:
        result = run_fetch(fake_data, api.base_url, SHORT_TODAY)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {api.base_url}/datasets/rankings-daily?start_date=2026-01-05&end_date=2026-11-29"
        "&period=week: no rows for 2026-01-05..2026-11-29; expected the weeks of that window "
        "(the schema or the dataset moved?)")
    assert not (fake_data / "raw").exists()  # nothing written


def test_a_source_with_no_rows_at_all_fails(fake_data: Path) -> None:
    before = tree(fake_data)
    with FakeDataAPI(FakeState(weeks={})) as api:
        result = run_fetch(fake_data, api.base_url, SHORT_TODAY)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].endswith(
        "no rows for any week from 2025-01-06 to 2026-11-29; expected the source's weekly "
        "rankings (the schema or the dataset moved?)")
    assert tree(fake_data) == before
