"""Nothing changed, nothing done: a stamp per stage records what its last successful run read
and wrote; a run whose inputs and outputs match the stamp is skipped, as make skips a target.

A stamp is removed before its stage runs and written only after it succeeds, so a failed or
interrupted run is never taken as up to date.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from generator.digests import code_digest, files_digest, source_files, tree_digest
from generator.files import write_text_if_changed
from generator.paths import GENERATED_DIRS, GENERATED_FILES, Project, repo_url


def stamp_path(project: Project, stage: str) -> Path:
    where = hashlib.sha256(f"{project.root}|{project.data_dir}|{stage}".encode()).hexdigest()
    return project.cache_dir / "stamps" / f"{where[:16]}.json"


def read_stamp(project: Project, stage: str) -> dict:
    try:
        stamp = json.loads(stamp_path(project, stage).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def clear_stamp(project: Project, stage: str) -> None:
    stamp_path(project, stage).unlink(missing_ok=True)


def write_stamp(project: Project, stage: str, stamp: dict) -> None:
    path = stamp_path(project, stage)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_if_changed(path, json.dumps(stamp, sort_keys=True))


# ---------------------------------------------------------------- the generator

def generator_inputs(project: Project, today: date, require_real_data: bool) -> str:
    """Everything the generator reads: data/, templates/ (but what it writes there), its own
    code and the installed versions, mkdocs.yml, SITE_URL, the repository's address, the
    publishing workflow (its schedule), the date and the flags."""
    data = [path for path in source_files(project.data_dir)
            if not path.is_relative_to(project.data_dir / ".staging")]
    templates = [path for path in source_files(project.templates_dir)
                 if not path.is_relative_to(project.generated_overrides)]
    return hashlib.sha256(json.dumps([
        code_digest(), today.isoformat(), require_real_data, os.environ.get("SITE_URL", ""),
        repo_url(project), str(project.root), files_digest(data, project.data_dir),
        files_digest(templates, project.templates_dir),
        files_digest([path for path in (project.mkdocs_yml, project.weekly_workflow)
                      if path.exists()], project.root),
    ]).encode()).hexdigest()


def generator_outputs(project: Project) -> list[str]:
    """Every generated file's size and modification time, as a digest per output folder."""
    roots = [*(project.site_src / name for name in (*GENERATED_DIRS, *GENERATED_FILES)),
             project.generated_overrides, project.vega_bundle.parent]
    return [tree_digest(root) for root in roots]
