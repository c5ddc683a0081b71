"""What every later stage (charts, pages, embeds, downloads) shares about the site being built:
the derived tables, whether they are the sample, each entity's file name, and which ``as_of``
each week cites.

The citing rule lives here and only here. The latest week's site-wide views cite the newest
``as_of`` (``Site.as_of``). Anything that ends at a given week (a past week's ranking, a frozen
embed, the history of a model, company or country) cites when that week's current figures were
first published (``Site.cited_as_of``): a weekly fetch re-reads recent weeks, and figures it finds
unchanged are not a new publication, so those pages, charts and embeds stay the same bytes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from generator.corrections import ACTION_LABELS, describe
from generator.derive import Tables
from generator.load import Snapshot, week_versions
from generator.slugs import assign_file_names
from generator.tableio import records


@dataclass(frozen=True)
class Publication:
    first_as_of: str  # when the week's current figures were first published
    restated: bool  # an earlier snapshot held other figures for the week


def week_publications(snapshots: list[Snapshot]) -> dict[str, Publication]:
    """For each complete week: the as_of at which its current figures first appeared, and
    whether they replaced other figures (a restatement). A re-fetch that returns the same
    figures is not a new publication."""
    published = {}
    for week, history in week_versions(snapshots).items():
        first = len(history) - 1
        while first > 0 and history[first - 1].tokens == history[-1].tokens:
            first -= 1
        published[week.isoformat()] = Publication(first_as_of=history[first].as_of,
                                                  restated=first > 0)
    return published


@dataclass
class Site:
    """Everything the chart, page, embed and download stages share."""

    tables: Tables
    is_sample: bool
    site_url: str  # the published address, absolute, ending in "/"
    publications: dict[str, Publication] = field(default_factory=dict)

    @functools.cached_property
    def model_files(self) -> dict[str, str]:
        """permaslug -> file name under models/ (and charts/models/, embed/models/)."""
        return assign_file_names(self.tables.models["model_permaslug"])

    @functools.cached_property
    def company_files(self) -> dict[str, str]:
        return assign_file_names(self.tables.companies["company"])

    @functools.cached_property
    def country_files(self) -> dict[str, str]:
        return assign_file_names(self.tables.countries["country"])

    @property
    def latest_week(self) -> str:
        return self.tables.latest_week

    @property
    def as_of(self) -> str:
        """What the latest week's site-wide views cite: the newest snapshot's as_of."""
        return self.snapshot_as_of[self.latest_week]

    def cited_as_of(self, week: str) -> str:
        """What anything ending at ``week`` cites: when that week's figures were first
        published (the snapshot's own as_of when there is no record of it)."""
        known = self.publications.get(week)
        return known.first_as_of if known else self.snapshot_as_of[week]

    def restated(self, week: str) -> bool:
        known = self.publications.get(week)
        return bool(known and known.restated)

    @functools.cached_property
    def snapshot_as_of(self) -> dict[str, str]:
        """week -> the as_of of the snapshot its figures come from (asked ~1,500 times)."""
        totals = self.tables.totals
        return {str(week): str(as_of) for week, as_of in zip(totals["week_start"],
                                                              totals["as_of"], strict=True)}

    def week_totals(self, week: str) -> dict:
        totals = self.tables.totals
        return records(totals[totals["week_start"] == week])[0]

    def week_models(self, week: str) -> list[dict]:
        models = self.tables.models
        return records(models[models["week_start"] == week])

    def corrections_for(self, week: str | None = None, model: str | None = None,
                        company: str | None = None) -> list[dict]:
        """The corrections touching a week, a model or a company's models, newest first, each
        with the weeks and models it touched there (for the notes on pages)."""
        touched = self.tables.corrected
        if touched.empty:
            return []
        if week is not None:
            touched = touched[touched["week_start"] == week]
        if model is not None:
            touched = touched[touched["model_permaslug"] == model]
        if company is not None:
            models = self.tables.models
            slugs = set(models.loc[models["company"] == company, "model_permaslug"])
            touched = touched[touched["model_permaslug"].isin(slugs)]
        items = []
        for entry in records(self.tables.corrections):
            mine = touched[touched["correction_id"] == entry["id"]]
            if mine.empty:
                continue
            items.append(dict(
                entry, label=ACTION_LABELS[entry["action"]],
                what=describe(entry["action"], entry["target"], entry["value"]),
                weeks=sorted(set(mine["week_start"])),
                models=sorted(set(mine["model_permaslug"]))))
        return items
