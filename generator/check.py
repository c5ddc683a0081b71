"""`python -m generator check`: validate every file under data/ and report every problem at once,
each as ``path:line: message``. Never crashes on bad input: problems are collected, not raised."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.derive import parse_permaslug
from generator.errors import TrackerError
from generator.load import (
    MODELS_SUBDIR,
    OTHER,
    RANKINGS_SUBDIR,
    load_catalogue,
    load_snapshot,
    snapshot_files,
)
from generator.paths import Project, shown
from generator.registry import check_registry


def check_sidecar(path: Path) -> list[str]:
    """The .meta.json beside a snapshot must exist and match the snapshot's bytes."""
    name = path.name.removesuffix(".gz").removesuffix(".json")
    meta_path = path.with_name(f"{name}.meta.json")
    if not meta_path.exists():
        return [f"{shown(meta_path)}:1: missing metadata sidecar for {path.name}"]
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        return [f"{shown(meta_path)}:{line}: invalid JSON: {exc}"]
    if not isinstance(meta, dict):
        return [f"{shown(meta_path)}:1: expected a JSON object"]
    problems = []
    content = path.read_bytes()
    if meta.get("sha256") != hashlib.sha256(content).hexdigest():
        problems.append(f"{shown(meta_path)}:1: sha256 does not match {path.name} (the "
                        "snapshot was edited; raw snapshots are write-once)")
    if meta.get("bytes") != len(content):
        problems.append(f"{shown(meta_path)}:1: bytes {meta.get('bytes')!r} does not match "
                        f"{path.name} ({len(content)} bytes)")
    return problems


def check_raw(source_dir: Path) -> tuple[list[str], set[str]]:
    """Problems in the rankings snapshots and catalogue under source_dir; and the authors seen."""
    problems: list[str] = []
    authors: set[str] = set()
    for path in snapshot_files(source_dir / RANKINGS_SUBDIR):
        try:
            snapshot = load_snapshot(path)
        except TrackerError as exc:
            problems.append(str(exc))
            continue
        problems.extend(check_sidecar(path))
        authors.update(parse_permaslug(r.model_permaslug).author for r in snapshot.rows
                       if r.model_permaslug != OTHER)
    for path in snapshot_files(source_dir / MODELS_SUBDIR):
        problems.extend(check_sidecar(path))
    try:
        load_catalogue(source_dir)
    except TrackerError as exc:
        problems.append(str(exc))
    return problems, authors


def check_data(project: Project) -> tuple[list[str], list[str]]:
    """All problems (which fail the check) and notices (which do not)."""
    registry, registry_problems = check_registry(project.registry_dir)
    problems = [str(p) for p in registry_problems]
    seen: set[str] = set()
    for source_dir in (project.data_dir, project.sample_dir):
        raw_problems, authors = check_raw(source_dir)
        problems.extend(raw_problems)
        seen |= authors
    notices = [f"author {slug!r} appears in the data but not in "
               f"{shown(project.registry_dir / 'authors.csv')}: shown as Unattributed"
               for slug in sorted(seen - set(registry.authors)) if slug]
    return problems, notices
