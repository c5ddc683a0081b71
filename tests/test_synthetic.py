"""The benchmark's synthetic history (benchmarks/synthetic.py): deterministic, and read by the
loader exactly like fetched data."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import synthetic_authors, write_synthetic
from generator.load import RANKINGS_SUBDIR, load_snapshots, week_versions


def test_the_synthetic_history_is_deterministic_and_loads_like_fetched_data(
        tmp_path: Path) -> None:
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
