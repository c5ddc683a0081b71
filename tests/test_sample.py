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
