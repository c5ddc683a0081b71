"""Safe, collision-free file names for entities whose names come from outside."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80


def safe_name(text: str) -> str:
    """Lower-case ASCII letters, digits and single dashes only ("openai/gpt-4o:free" ->
    "openai-gpt-4o-free"); never empty, never a path."""
    name = UNSAFE.sub("-", text.lower()).strip("-")[:MAX_LENGTH].strip("-")
    return name or "x"


def assign_file_names(keys: Iterable[str]) -> dict[str, str]:
    """Map each key to a safe file name; keys whose safe names collide all get a short hash."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        by_name[safe_name(key)].append(key)
    names: dict[str, str] = {}
    for name, group in by_name.items():
        for key in group:
            if len(group) == 1:
                names[key] = name
            else:
                digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
                names[key] = f"{name}-{digest}"
    return names
