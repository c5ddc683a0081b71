"""`python -m generator check`: validate every file under data/ and report every problem at once,
each as ``path:line: message``. Never crashes on bad input: problems are collected, not raised."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from generator.annotations import ANNOTATIONS_FILE, parse_annotations
from generator.corrections import corrections_path, match_corrections, parse_corrections
from generator.derive import parse_permaslug
from generator.errors import TrackerError
from generator.load import (
    MODELS_SUBDIR,
    OTHER,
    RANKINGS_SUBDIR,
    load_catalogue,
    load_snapshot,
    newest_weekly,
    snapshot_files,
    week_versions,
)
from generator.paths import Project, shown
from generator.registry import Problem, Registry, check_registry


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


def check_raw(source_dir: Path) -> tuple[list[str], set[str], pd.DataFrame | None]:
    """Problems in the rankings snapshots and catalogue under source_dir; the authors seen; and
    the weekly rows (None when a snapshot is broken)."""
    problems: list[str] = []
    authors: set[str] = set()
    snapshots = []
    for path in snapshot_files(source_dir / RANKINGS_SUBDIR):
        try:
            snapshot = load_snapshot(path)
        except TrackerError as exc:
            problems.append(str(exc))
            continue
        snapshots.append(snapshot)
        problems.extend(check_sidecar(path))
        authors.update(parse_permaslug(r.model_permaslug).author for r in snapshot.rows
                       if r.model_permaslug != OTHER)
    for path in snapshot_files(source_dir / MODELS_SUBDIR):
        problems.extend(check_sidecar(path))
    try:
        load_catalogue(source_dir)
    except TrackerError as exc:
        problems.append(str(exc))
    weekly = None if problems else newest_weekly(week_versions(snapshots))
    return problems, authors, weekly


def check_corrections(source_dir: Path, registry: Registry, weekly: pd.DataFrame | None,
                      registry_ok: bool) -> list[str]:
    """corrections.yaml beside the data it corrects: its own rules, then against the data."""
    path = corrections_path(source_dir)
    problems: list[Problem] = []
    corrections = parse_corrections(path, registry if registry_ok else None, problems)
    if weekly is not None:
        match_corrections(path, corrections, weekly, problems)
    return [str(p) for p in problems]


def check_annotations(project: Project, registry: Registry, registry_ok: bool,
                      slugs: set[str]) -> tuple[list[str], list[str]]:
    path = project.data_dir / ANNOTATIONS_FILE
    problems: list[Problem] = []
    annotations = parse_annotations(path, registry if registry_ok else None, problems)
    notices = [f"{shown(path)}:{a.line}: model {a.target!r} is not in the data; the "
               "annotation is not drawn" for a in annotations
               if a.scope == "model" and a.target not in slugs]
    return [str(p) for p in problems], notices


def check_data(project: Project) -> tuple[list[str], list[str]]:
    """All problems (which fail the check) and notices (which do not)."""
    registry, registry_problems = check_registry(project.registry_dir)
    problems = [str(p) for p in registry_problems]
    seen: set[str] = set()
    slugs: set[str] = set()
    for source_dir in (project.data_dir, project.sample_dir):
        raw_problems, authors, weekly = check_raw(source_dir)
        problems.extend(raw_problems)
        seen |= authors
        if weekly is not None and weekly.empty and source_dir == project.sample_dir:
            weekly = None  # no sample bundled: nothing to check its corrections against
        problems.extend(check_corrections(source_dir, registry, weekly, not registry_problems))
        if weekly is not None:
            slugs |= set(weekly["model_permaslug"])
    annotation_problems, notices = check_annotations(project, registry, not registry_problems,
                                                     slugs)
    problems.extend(annotation_problems)
    notices += [f"author {slug!r} appears in the data but not in "
                f"{shown(project.registry_dir / 'authors.csv')}: shown as Unattributed"
                for slug in sorted(seen - set(registry.authors)) if slug]
    return problems, notices
