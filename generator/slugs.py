"""Safe, collision-free file names for entities whose names come from outside.

A safe name is lower-case ASCII letters and digits joined by single dashes, so it can never be a
path (no '/', '\\', '..', ':' or NUL) and never contains '--'. Keys whose safe names collide, or
whose safe name is reserved by the site ('index', 'readme'), get '--' and a hash of the key: a
plain name can never equal a hashed one, whatever the upstream sends.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from generator.errors import TrackerError

UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80
# Names the site builder treats specially inside a folder (MkDocs makes README.md an index).
RESERVED = frozenset({"index", "readme"})
SAFE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[0-9a-f]{8})?$")


def safe_name(text: str) -> str:
    """Lower-case ASCII letters, digits and single dashes only ("openai/gpt-4o:free" ->
    "openai-gpt-4o-free"); never empty, never a path."""
    name = UNSAFE.sub("-", text.lower()).strip("-")[:MAX_LENGTH].strip("-")
    return name or "x"


def hashed_name(name: str, key: str) -> str:
    return f"{name}--{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def assign_file_names(keys: Iterable[str]) -> dict[str, str]:
    """Map each key to a safe file name, deterministically. Keys whose safe names collide (or
    are reserved) all get a short hash; two keys left with the same name fail the build."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        by_name[safe_name(key)].append(key)
    names: dict[str, str] = {}
    for name, group in by_name.items():
        for key in group:
            plain = len(group) == 1 and name not in RESERVED
            names[key] = name if plain else hashed_name(name, key)
    clashes = [name for name, count in Counter(names.values()).items() if count > 1]
    if clashes:
        keys_of = sorted(key for key, name in names.items() if name == clashes[0])
        raise TrackerError(f"{len(keys_of)} names map to the same file name {clashes[0]!r}: "
                           + ", ".join(repr(key[:60]) for key in keys_of))
    return names
