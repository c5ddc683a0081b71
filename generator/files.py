"""File writing: atomic, and only when the bytes change (so rebuilds touch nothing needlessly).

Every file operation of the generator goes through the few primitives at the top of this module
(``write_temp``, ``move``, ``remove``, ``remove_tree``), so a test can make any one of them fail
and check that nothing is left half-written.

``commit_new_files`` adds a set of new files to a folder all at once or not at all (the fetch
stage's write phase): the files are staged in a hidden folder beside their targets, a manifest
written last marks the commit point, then each file is moved into place. An exception before the
commit point discards the staging folder; after it, the move is finished. A run killed outright
leaves the staging folder behind, and the next run finishes or discards it the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import TrackerError

STAGING_DIR = ".staging"
MANIFEST = "manifest.json"


# ---------------------------------------------------------------- primitives

def write_temp(folder: Path, name: str, content: bytes) -> Path:
    """A new hidden temporary file in ``folder`` holding ``content``."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def move(source: Path, target: Path) -> None:
    """Atomically put ``source`` at ``target`` (same file system), replacing any file there."""
    os.replace(source, target)


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=False)


# ---------------------------------------------------------------- single files

def write_bytes_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` atomically unless it already holds exactly these bytes.

    Returns True when the file was (re)written.
    """
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path.parent, path.name, content)
    try:
        move(tmp, path)
    except BaseException:
        remove(tmp)
        raise
    return True


def write_text_if_changed(path: Path, text: str) -> bool:
    return write_bytes_if_changed(path, text.encode("utf-8"))


def prune_tree(root: Path, keep: set[Path]) -> int:
    """Delete files under ``root`` not in ``keep`` (stale generated output), then the folders
    under it left empty; returns how many files. One directory read a folder and no stat (the
    embed tree alone is ~4,000 files in ~900 folders at two years of history)."""
    return _prune(str(root), {str(path) for path in keep})


def _prune(root: str, wanted: set[str]) -> int:
    removed = 0
    emptied: set[str] = set()
    for folder, dirs, names in os.walk(root, topdown=False):  # nothing when root is missing
        kept = 0
        for name in names:
            path = os.path.join(folder, name)
            if path in wanted:
                kept += 1
            else:
                remove(Path(path))
                removed += 1
        if (not kept and folder != root
                and all(os.path.join(folder, name) in emptied for name in dirs)):
            os.rmdir(folder)
            emptied.add(folder)
    return removed


def mirror_tree(source: Path, target: Path) -> int:
    """Make ``target`` hold exactly ``source``'s files, each as a hard link to the source file
    (a copy where a link is impossible: another file system). A file already linked, or copied
    with the same size and time, is left alone: mirroring an unchanged tree costs two stats a
    file. Returns how many files were linked or copied. The generator replaces files (write and
    rename), never edits one in place, so a linked copy keeps the bytes it was linked with."""
    placed = 0
    wanted: set[str] = set()
    source_root, target_root = str(source), str(target)
    for folder, dirs, names in os.walk(source_root):  # nothing when source does not exist
        dirs.sort()
        into = target_root + folder[len(source_root):]
        made = False
        for name in sorted(names):
            src, dst = os.path.join(folder, name), os.path.join(into, name)
            wanted.add(dst)
            try:
                have, want = os.stat(dst), os.stat(src)
                if (have.st_ino, have.st_dev) == (want.st_ino, want.st_dev) or (
                        (have.st_size, have.st_mtime_ns) == (want.st_size, want.st_mtime_ns)):
                    continue  # the link, or a copy of these bytes (copy2 keeps the time)
                remove(Path(dst))
            except FileNotFoundError:
                pass
            if not made:
                os.makedirs(into, exist_ok=True)
                made = True
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
            placed += 1
    if target.is_dir():
        _prune(target_root, wanted)
        if not source.exists():
            target.rmdir()
    return placed


# ---------------------------------------------------------------- all-or-nothing sets of files

def commit_new_files(root: Path, files: dict[Path, bytes]) -> None:
    """Add ``files`` (paths under ``root`` that do not exist yet) all at once or not at all."""
    if not files:
        return
    targets = {path.resolve(): content for path, content in files.items()}
    for path in targets:
        if not path.is_relative_to(root.resolve()) or path.exists():
            raise TrackerError(f"{path}: not a new file under {root}; nothing written")
    recover(root)
    staging = root / STAGING_DIR
    staging.mkdir(parents=True)
    try:
        entries = []
        for i, (path, content) in enumerate(sorted(targets.items())):
            staged = write_temp(staging, str(i), content)
            entries.append({"staged": staged.name,
                            "target": path.relative_to(root.resolve()).as_posix()})
        manifest = json.dumps(entries, indent=1).encode("utf-8")
        move(write_temp(staging, MANIFEST, manifest), staging / MANIFEST)  # the commit point
    except BaseException:
        recover(root)  # not committed (or just committed): discard it, or finish it
        raise
    try:
        finish(root)
    except BaseException:
        recover(root)  # committed: complete the move now if we can, else the next run does
        raise


def recover(root: Path) -> None:
    """Finish a committed set of files left by an interrupted run, or discard an uncommitted one."""
    staging = root / STAGING_DIR
    if not staging.exists():
        return
    if (staging / MANIFEST).exists():
        finish(root)
    else:
        discard(staging)


def finish(root: Path) -> None:
    staging = root / STAGING_DIR
    entries = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    for entry in entries:
        staged, target = staging / entry["staged"], root / entry["target"]
        if staged.exists():  # not yet moved
            target.parent.mkdir(parents=True, exist_ok=True)
            move(staged, target)
    remove_tree(staging)


def discard(staging: Path) -> None:
    if staging.exists():
        remove_tree(staging)
