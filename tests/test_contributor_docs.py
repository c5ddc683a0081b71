"""What a contributor reads points only at what they can open: no design notes or issue numbers
from outside the repository, no link to a missing file."""

from __future__ import annotations

import re

from generator.paths import REPO_ROOT

CONTRIBUTOR_FILES = [REPO_ROOT / "CONTRIBUTING.md", REPO_ROOT / "SECURITY.md",
                     REPO_ROOT / ".github" / "pull_request_template.md",
                     *sorted((REPO_ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")),
                     *sorted((REPO_ROOT / "data").glob("*.yaml")),
                     *sorted((REPO_ROOT / "data" / "registry").glob("*.csv"))]
OUTSIDE = re.compile(r"DESIGN|§\s*\d|\bissue \d+", re.IGNORECASE)


def test_contributor_files_cite_no_document_outside_the_repository() -> None:
    found = [f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
             for path in CONTRIBUTOR_FILES
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert found == []


def test_every_relative_link_in_contributing_opens_a_file() -> None:
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#\s]+)", text) if "://" not in t]
    assert targets  # the README link at least
    assert [t for t in targets if not (REPO_ROOT / t).exists()] == []


def test_every_relative_link_of_the_readmes_opens_a_file() -> None:
    """The README is the map: each place it points at exists (and data/README.md's too)."""
    for readme in (REPO_ROOT / "README.md", REPO_ROOT / "data" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        targets = [t for t in re.findall(r"\]\(([^)#\s]+)", text) if "://" not in t]
        assert targets, readme
        assert [t for t in targets if not (readme.parent / t).exists()] == [], readme
        named = re.findall(r"`(generator/[\w/]+\.py|generator/[\w/]+/)`", text)
        assert [n for n in named if not (REPO_ROOT / n).exists()] == [], readme
