"""`python -m generator check`: validate every file under data/ and report every problem at once,
each as ``path:line: message``. Never crashes on bad input: problems are collected, not raised."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from generator.annotations import ANNOTATIONS_FILE, parse_annotations
from generator.corrections import (
    CORRECTIONS_FILE,
    corrections_path,
    match_corrections,
    parse_corrections,
)
from generator.derive.tables import parse_permaslug
from generator.errors import TrackerError
from generator.load import (
    MODELS_SUBDIR,
    OTHER,
    RANKINGS_SUBDIR,
    load_catalogue_snapshots,
    load_snapshot,
    newest_weekly,
    snapshot_files,
    week_versions,
)
from generator.paths import Project, shown
from generator.registry import (
    CLOAKED_AUTHORS,
    Problem,
    Registry,
    check_registry,
    first_crlf_line,
)

# corrections.yaml on a checkout without fetched data: the build uses the sample's corrections
NO_FETCHED_DATA = (
    "this checkout has no fetched data (no snapshot under data/raw/), and data/corrections.yaml "
    "applies to fetched weeks only, so this correction cannot be checked or shown: to preview a "
    "correction, write it in data/sample/corrections.yaml with a week and a model of the bundled "
    "sample and run `make site` (do not commit that file), or fetch the data first (`make "
    "fetch`, with OPENROUTER_API_KEY set)")


def unused_corrections(project: Project) -> str | None:
    """A build from the sample leaves data/corrections.yaml out: say so when it holds entries
    (a contributor previewing a correction would otherwise see nothing happen)."""
    path = project.data_dir / CORRECTIONS_FILE
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # absent, or unreadable: `make check` says what is wrong with it
    return f"{shown(path)}: {NO_FETCHED_DATA}" if entries else None


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
        load_catalogue_snapshots(source_dir)  # every snapshot prices some week
    except TrackerError as exc:
        problems.append(str(exc))
    weekly = None if problems else newest_weekly(week_versions(snapshots))
    return problems, authors, weekly


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)  # each fails the check
    warnings: list[str] = field(default_factory=list)  # shown (in CI as annotations), pass
    notices: list[str] = field(default_factory=list)  # for information


def check_corrections(source_dir: Path, registry: Registry, weekly: pd.DataFrame | None,
                      registry_ok: bool) -> list[str]:
    """corrections.yaml beside the data it corrects: its own rules, then against the data."""
    path = corrections_path(source_dir)
    problems: list[Problem] = []
    corrections = parse_corrections(path, registry if registry_ok else None, problems)
    if weekly is not None and weekly.empty and corrections:
        problems.append(Problem(path, corrections[0].week_line, NO_FETCHED_DATA))
    elif weekly is not None:
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


def check_model_overrides(registry: Registry, path: Path, slugs: set[str]) -> list[str]:
    """A models.csv row must name a model of the data (or the base of a variant such as
    ':free'): one that matches nothing changes nothing, silently."""
    known = slugs | {parse_permaslug(slug).base for slug in slugs}
    return [str(Problem(path, model.line, f"permaslug {slug!r} matches no model in the data, "
                                          "so this row changes nothing: copy the OpenRouter "
                                          "slug from the model's page on the site"))
            for slug, model in registry.models.items() if slug not in known]


def line_ending_warnings(paths: list[Path]) -> list[str]:
    """Contributor files re-saved with Windows line endings: every line shows as changed."""
    warnings = []
    for path in paths:
        line = first_crlf_line(path.read_bytes()) if path.is_file() else None
        if line is not None:
            warnings.append(f"{shown(path)}:{line}: this file has Windows line endings (CRLF): "
                            "save it with Unix (LF) line endings, or the pull request shows "
                            "every line as changed")
    return warnings


def unknown_author_notices(project: Project, registry: Registry, authors: set[str]) -> list[str]:
    """Authors of the fetched data that the registry lacks. Cloaked authors are meant to be
    missing, and so is the bundled sample's made-up unmapped lab: neither is mentioned."""
    return [f"author {slug!r} appears in the fetched data but not in "
            f"{shown(project.registry_dir / 'authors.csv')}: shown as Unattributed"
            for slug in sorted(authors - set(registry.authors) - set(CLOAKED_AUTHORS)) if slug]


def check_data(project: Project) -> CheckResult:
    """All problems (which fail the check), warnings and notices (which do not)."""
    registry, registry_problems = check_registry(project.registry_dir)
    result = CheckResult(problems=[str(p) for p in registry_problems])
    slugs: set[str] = set()
    data_ok = True
    for source_dir in (project.data_dir, project.sample_dir):
        raw_problems, authors, weekly = check_raw(source_dir)
        result.problems.extend(raw_problems)
        data_ok = data_ok and weekly is not None
        if weekly is not None and weekly.empty and source_dir == project.sample_dir:
            weekly = None  # no sample bundled: nothing to check its corrections against
        result.problems.extend(check_corrections(source_dir, registry, weekly,
                                                 not registry_problems))
        if weekly is not None:
            slugs |= set(weekly["model_permaslug"])
        if source_dir == project.data_dir:
            result.notices += unknown_author_notices(project, registry, authors)
    annotation_problems, notices = check_annotations(project, registry, not registry_problems,
                                                     slugs)
    result.problems.extend(annotation_problems)
    result.notices += notices
    if data_ok and slugs:
        result.problems.extend(check_model_overrides(registry, project.registry_dir
                                                     / "models.csv", slugs))
    result.warnings += line_ending_warnings(editable_files(project))
    return result


def editable_files(project: Project) -> list[Path]:
    return [project.registry_dir / "authors.csv", project.registry_dir / "models.csv",
            corrections_path(project.data_dir), project.data_dir / ANNOTATIONS_FILE]


LOCATED_RE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)


def github_annotation(kind: str, text: str) -> str:
    """A ``path:line: message`` line as a GitHub Actions workflow command (``::warning file=…,
    line=…::message``), so CI shows it on the pull request's changed file."""
    def escape(value: str, properties: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if properties else value

    match = LOCATED_RE.match(text)
    if not match:
        return f"::{kind}::{escape(text)}"
    return (f"::{kind} file={escape(match['file'], True)},line={match['line']}::"
            f"{escape(match['message'])}")
