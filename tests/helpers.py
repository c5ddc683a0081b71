"""Helpers shared by tests: what a folder holds, to assert that an operation changed nothing, or
changed exactly what it should."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path -> content)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def folder_state(folder: Path, ignore_meta: tuple[str, ...] = ()) -> dict[str, object]:
    """Every file and folder under ``folder`` (relative POSIX path -> 'dir' or the file's
    sha256). With ``ignore_meta``, a ``.meta.json`` sidecar is its fields without those keys:
    the fields that differ between two runs doing the same thing (``fetched_at``)."""
    state: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_dir():
            state[key] = "dir"
        elif ignore_meta and path.name.endswith(".meta.json"):
            state[key] = {k: v for k, v in json.loads(path.read_bytes()).items()
                          if k not in ignore_meta}
        else:
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def data_state(folder: Path) -> dict[str, object]:
    """A data folder as two runs fetching the same thing leave it: fetched_at, the only field
    that differs between them, is left out of sidecars."""
    return folder_state(folder, ignore_meta=("fetched_at",))
