from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from generator.paths import REPO_ROOT


def test_the_sample_regenerates_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "sample", "--data-dir", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, env={"TZ": "Pacific/Kiritimati",
                                                            "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    committed = REPO_ROOT / "data" / "sample"
    fresh = tmp_path / "sample"
    written = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    expected = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert written == expected
    match, mismatch, errors = filecmp.cmpfiles(committed, fresh, [str(p) for p in written],
                                               shallow=False)
    assert mismatch == [] and errors == []


def test_the_synthetic_history_is_deterministic_and_loads_like_fetched_data(
        tmp_path: Path) -> None:
    from generator.load import RANKINGS_SUBDIR, load_snapshots, week_versions
    from generator.sample import synthetic_authors, write_synthetic

    authors = synthetic_authors([("openai", "OpenAI", "US"), ("deepseek", "DeepSeek", "CN")], 12)
    assert len({slug for slug, _, _ in authors}) == 12
    first = write_synthetic(tmp_path / "a", 60, authors)
    again = write_synthetic(tmp_path / "b", 60, authors)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    snapshots = load_snapshots(tmp_path / "a" / RANKINGS_SUBDIR)
    assert len(snapshots) == 2  # 52-week fetch windows
    versions = week_versions(snapshots)
    assert len(versions) == 60
    assert all(len(v[-1].tokens) == 51 and "other" in v[-1].tokens for v in versions.values())
    ranked = {slug for v in versions.values() for slug in v[-1].tokens} - {"other"}
    assert 180 <= len(ranked) <= 320  # about four new models a week
    # a weekly fetch re-reads the last four weeks, unchanged, and adds one
    write_synthetic(tmp_path / "a", 60, authors, new_weeks=1)
    later = week_versions(load_snapshots(tmp_path / "a" / RANKINGS_SUBDIR))
    assert len(later) == 61
    assert all(later[week][-1].tokens == versions[week][-1].tokens for week in versions)
