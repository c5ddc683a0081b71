"""Digests that key the build's caches and stamps.

A cache is only as good as its key: each one covers everything that shapes the cached output,
code included. ``code_digest`` is the generator's own source and the version of every installed
package (no hand-bumped format numbers); ``files_digest`` hashes the bytes of chosen files;
``tree_digest`` is a cheap stat digest of a folder the build itself writes (the generator only
rewrites a file when its bytes change, so an unchanged file keeps its size and time).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import platform
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # generator/


@functools.cache
def installed_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of every package installed in this environment, and Python's."""
    found = {(dist.metadata["Name"] or "").lower(): dist.version
             for dist in importlib.metadata.distributions()}
    return (("python", platform.python_version()), *sorted(found.items()))


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """A digest of each file's path (relative to ``root``) and bytes."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def source_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` but Python's byte-code caches."""
    return [path for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts]


@functools.cache
def code_digest() -> str:
    """The generator's code (every file of the package) and the installed versions."""
    return hashlib.sha256(json.dumps([
        files_digest(source_files(PACKAGE), PACKAGE), installed_versions()]).encode()
    ).hexdigest()


def tree_digest(root: Path, skip: tuple[str, ...] = ()) -> str:
    """A digest of every file under ``root`` (or of ``root``, a file) but its top-level
    entries named in ``skip``: path, size and modification time, a stat each."""
    top = str(root)
    if root.is_file():
        files = [(root.name, top)]
    else:
        files = []
        for folder, dirs, names in os.walk(top):  # nothing when root does not exist
            if folder == top:
                dirs[:] = [name for name in dirs if name not in skip]
                names = [name for name in names if name not in skip]
            dirs.sort()
            prefix = folder[len(top) + 1:] + "/" if folder != top else ""
            files.extend((prefix + name, os.path.join(folder, name)) for name in sorted(names))
    digest = hashlib.sha256()
    for name, path in files:
        info = os.stat(path)
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
