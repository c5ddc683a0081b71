"""Failure and data loss. An exception at any file operation of `fetch` leaves
data/ exactly as before or exactly as after, never partial, and the next run succeeds; the same
holds for `generate` (whose output is site_src/, never data/). Oversized and absurdly nested
responses are refused; a second concurrent fetch is turned away by the lock.

Every file operation goes through the primitives of generator.files, so ``Faults`` makes the
n-th one raise before it runs, for every n (an exception between operations n-1 and n), and
the last one raise just after it ran."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import copy_skeleton
from fakeapi import FakeDataAPI, FakeState, fake_weeks
from generator import files
from generator.build import generate
from generator.client import MAX_BODY_BYTES, FetchConfig, RetryPolicy
from generator.errors import TrackerError
from generator.fetch import fetch, lock_path
from generator.paths import GENERATED_DIRS, REPO_ROOT, Project
from helpers import data_state

KEY = "sk-or-v1-fault-test-key"
PRIMITIVES = ("write_temp", "move", "remove", "remove_tree")


class InjectedFault(Exception):
    """Raised by Faults: stands for a full disk, a permission error, a crash."""


class Faults:
    """Wraps the file primitives: counts calls and raises InjectedFault at call ``fail_at``
    (before the operation when ``after`` is False, just after it otherwise)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None,
                 after: bool = False) -> None:
        self.calls: list[str] = []
        self.fail_at, self.after, self.fired = fail_at, after, False
        for name in PRIMITIVES:
            monkeypatch.setattr(files, name, self.wrap(name, getattr(files, name)))

    def wrap(self, name: str, primitive):
        def faulty(*args, **kwargs):
            self.calls.append(name)
            due = len(self.calls) == self.fail_at
            if due and not self.after:
                self.fired = True
                raise InjectedFault(f"{name} #{len(self.calls)}")
            result = primitive(*args, **kwargs)
            if due:
                self.fired = True
                raise InjectedFault(f"after {name} #{len(self.calls)}")
            return result
        return faulty


# ---------------------------------------------------------------- fetch

@pytest.fixture
def api() -> Iterator[FakeDataAPI]:
    state = FakeState(weeks=fake_weeks("2025-01-06", 13, models=8),
                      catalogue=[{"id": "openai/model-02", "canonical_slug":
                                  "openai/model-02-20250101", "name": "OpenAI: Model 02"}])
    with FakeDataAPI(state) as fake:
        yield fake


def config(api: FakeDataAPI, today: str) -> FetchConfig:
    return FetchConfig(base_url=api.base_url, api_key=KEY, today=date.fromisoformat(today),
                       retry=RetryPolicy(attempts=2, initial_wait=0, sleep=lambda _: None))


@pytest.fixture
def held(tmp_path: Path, api: FakeDataAPI) -> Path:
    """A data folder after a first fetch; upstream then restates a week, adds one and changes
    its catalogue, so the next fetch writes a new snapshot and a new catalogue (4 files)."""
    data_dir = tmp_path / "held"
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    fetch(Project.at(REPO_ROOT, data_dir), config(api, "2025-04-02"))
    api.state.weeks["2025-03-17"]["openai/model-02-20250101"] += 777
    api.state.as_of = "2025-04-09T02:00:00.000Z"
    api.state.catalogue.append({"id": "qwen/q", "canonical_slug": "qwen/q-20250101", "name": "Q"})
    return data_dir


def expected_after(held: Path, tmp_path: Path, api: FakeDataAPI,
                   monkeypatch: pytest.MonkeyPatch) -> tuple[dict, int]:
    """What a clean run makes of ``held``, and how many file operations it takes."""
    clean = tmp_path / "clean"
    shutil.copytree(held, clean)
    with monkeypatch.context() as patch:
        counter = Faults(patch)
        report = fetch(Project.at(REPO_ROOT, clean), config(api, "2025-04-09"))
    assert len(report.written) == 4
    return data_state(clean), len(counter.calls)


def test_a_fault_at_any_file_operation_of_fetch_leaves_data_before_or_after(
        held: Path, tmp_path: Path, api: FakeDataAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    before = data_state(held)
    after, operations = expected_after(held, tmp_path, api, monkeypatch)
    assert after != before and operations >= 8
    outcomes = {"before": 0, "after": 0}
    trials = [(n, False) for n in range(1, operations + 1)] + [(operations, True)]
    for n, when_after in trials:
        data_dir = tmp_path / f"run-{n}-{when_after}"
        shutil.copytree(held, data_dir)
        project = Project.at(REPO_ROOT, data_dir)
        with monkeypatch.context() as patch:
            faults = Faults(patch, fail_at=n, after=when_after)
            with pytest.raises(InjectedFault):
                fetch(project, config(api, "2025-04-09"))
            assert faults.fired
        state = data_state(data_dir)
        assert state in (before, after), f"partial data after a fault at operation {n}"
        outcomes["before" if state == before else "after"] += 1
        fetch(project, config(api, "2025-04-09"))  # the next run succeeds
        assert data_state(data_dir) == after
    assert outcomes["before"] > 0 and outcomes["after"] > 0  # both sides of the commit point
    print(f"\nfaults: fetch: {operations} file operations, {len(trials)} faults injected, "
          f"data/ left as before {outcomes['before']}x, as after {outcomes['after']}x")


def test_a_fetch_killed_after_its_commit_point_is_finished_by_the_next_run(
        held: Path, tmp_path: Path, api: FakeDataAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    after, _ = expected_after(held, tmp_path, api, monkeypatch)
    project = Project.at(REPO_ROOT, held)
    with monkeypatch.context() as patch:
        # killed outright: the first move into data/raw/ is the last thing that happens
        Faults(patch, fail_at=7, after=True)
        patch.setattr(files, "recover", lambda root: None)
        with pytest.raises(InjectedFault):
            fetch(project, config(api, "2025-04-09"))
    assert (held / files.STAGING_DIR / files.MANIFEST).exists()
    fetch(project, config(api, "2025-04-09"))
    assert data_state(held) == after
    assert not (held / files.STAGING_DIR).exists()


def test_an_uncommitted_leftover_is_discarded_by_the_next_run(
        held: Path, tmp_path: Path, api: FakeDataAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    after, _ = expected_after(held, tmp_path, api, monkeypatch)
    staging = held / files.STAGING_DIR
    staging.mkdir()
    (staging / ".0.half.tmp").write_bytes(b'{"data": [')  # killed while staging
    fetch(Project.at(REPO_ROOT, held), config(api, "2025-04-09"))
    assert data_state(held) == after


def test_a_second_fetch_is_turned_away_while_one_runs(held: Path, api: FakeDataAPI) -> None:
    before = data_state(held)
    env = {**os.environ, "OPENROUTER_API_KEY": KEY, "OPENROUTER_BASE_URL": api.base_url}
    command = [sys.executable, "-m", "generator", "fetch", "--data-dir", str(held),
               "--today", "2025-04-09"]
    with FileLock(lock_path(held)):  # the first fetch, still running
        result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                                timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ") and "another fetch is running" in lines[-1]
    assert "Traceback" not in result.stderr
    assert data_state(held) == before
    assert api.state.requests[-1].startswith("/api/v1/models")  # nothing asked since the first
    again = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr  # the lock is free again


def test_the_response_size_limit_is_50_mb() -> None:
    assert MAX_BODY_BYTES == 50 * 1024 * 1024


BODIES = {
    "oversized": (lambda: b" " * (MAX_BODY_BYTES + 1), "response larger than 50 MB; refused"),
    "nested-beyond-python": (lambda: b"[" * 200_000 + b"]" * 200_000,
                             "nested more than 64 levels deep; refused"),
    "nested-80": (lambda: json.dumps({"data": [], "meta": {"x": json.loads("[" * 80 + "]" * 80)}})
                  .encode(), "nested more than 64 levels deep; refused"),
}


@pytest.mark.parametrize("kind", list(BODIES))
def test_oversized_or_absurdly_nested_responses_are_refused(
        held: Path, api: FakeDataAPI, kind: str) -> None:
    make_body, message = BODIES[kind]
    before = data_state(held)
    api.state.canned = [(200, {}, make_body())]
    with pytest.raises(TrackerError, match=message) as caught:
        fetch(Project.at(REPO_ROOT, held), config(api, "2025-04-09"))
    assert "\n" not in str(caught.value)
    assert data_state(held) == before


# ---------------------------------------------------------------- generate

def generated(project: Project) -> dict[str, object]:
    out = {}
    for folder in (*(project.site_src / d for d in GENERATED_DIRS), project.site_src / "index.md",
                   project.site_src / "assets" / "generated", project.generated_overrides):
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            if path.is_file():
                out[path.relative_to(project.root).as_posix()] = path.read_bytes()
    return out


def fresh(project: Project) -> None:
    """No generated output: every file of the next run is a write."""
    for folder in GENERATED_DIRS:
        shutil.rmtree(project.site_src / folder, ignore_errors=True)
    (project.site_src / "index.md").unlink(missing_ok=True)
    shutil.rmtree(project.generated_overrides, ignore_errors=True)


def test_a_fault_anywhere_in_generate_never_touches_data_and_the_next_run_recovers(
        tmp_path: Path, tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = Project.at(copy_skeleton(root).root, tiny_data)
    data_before = data_state(tiny_data)
    today = date(2026, 3, 31)
    generate(project, today=today)  # the render cache is warm: every run below does the same
    fresh(project)
    with monkeypatch.context() as patch:
        counter = Faults(patch)
        generate(project, today=today)
    reference, operations = generated(project), len(counter.calls)
    assert operations > 100
    # the first and last operations, then a spread across the whole run (a build is hundreds of
    # writes, a few seconds each); FAULTS_EVERY=1 tries every single one (about half an hour)
    step = int(os.environ.get("FAULTS_EVERY", "0")) or operations // 8
    points = sorted({1, 2, operations - 1, operations, *range(1, operations + 1, step)})
    for n, when_after in [(n, False) for n in points] + [(operations, True)]:
        fresh(project)
        with monkeypatch.context() as patch:
            faults = Faults(patch, fail_at=n, after=when_after)
            with pytest.raises(InjectedFault):
                generate(project, today=today)
            assert faults.fired
        assert data_state(tiny_data) == data_before
        generate(project, today=today)
        assert generated(project) == reference, f"fault at operation {n} left a difference"
    print(f"\nfaults: generate: {operations} file operations, {len(points) + 1} faults injected")
