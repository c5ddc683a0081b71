"""What a finding is (see generator.findings)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One thing the figures say, as data (see the module's doc). ``name`` and ``other_name``
    are display names from outside (models, companies), escaped by whoever places the words."""

    kind: str
    week: str
    subject: str = ""  # a country code, a company, a model permaslug; "" for all models
    name: str = ""
    other: str = ""  # a second entity: the country passed, the number one replaced
    other_name: str = ""
    figures: Mapping[str, object] = field(default_factory=dict)
    base: str = ""  # what a share is of: "all" (all tokens) or "known" (a known country)
    against: str = ""  # the week compared with ("" when none)
    since: str = ""  # the week a "since" claim counts from
    claim: str = ""  # "first" (since tracking began), "since" (since ``since``) or "" (none)
    score: int = 0  # rank in the week's story (findings.story.SCORES)

    def figure(self, name: str) -> object:
        return self.figures.get(name)
