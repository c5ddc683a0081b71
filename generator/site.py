"""What every later stage (charts, pages, embeds, downloads, feeds) shares about the site being
built: the derived tables, each week's movers and findings, whether they are the sample, each
entity's file name, and which ``as_of`` each week cites.

The citing rule lives here and only here. The latest week's site-wide views cite the newest
``as_of`` (``Site.as_of``). Anything that ends at a given week (a past week's ranking, a frozen
embed, the history of a model, company or country) cites when that week's current figures were
first published (``Site.cited_as_of``): a weekly fetch re-reads recent weeks, and figures it finds
unchanged are not a new publication, so those pages, charts and embeds stay the same bytes.

So does the freshness rule, which every page states: the data was last updated at ``Site.as_of``
and the next update is due at the publishing workflow's next scheduled run (``next_update``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from generator.derive.movers import Movers
from generator.derive.tables import Tables
from generator.errors import TrackerError
from generator.findings import facts, say
from generator.findings.week import WeekFindings
from generator.load import Publication
from generator.paths import shown
from generator.slugs import assign_file_names
from generator.tableio import records

# ---------------------------------------------------------------- freshness

CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True)
class Schedule:
    """When the publishing workflow runs, in UTC: at one time of day on some days of the week."""

    hour: int
    minute: int
    weekdays: frozenset[int]  # date.weekday(): Monday 0 ... Sunday 6


def cron_day(token: str) -> int:
    """A cron day of the week as cron numbers it: 0 or 7 Sunday, 1 Monday ..., or 'mon'."""
    if token.lower() in CRON_DAYS:
        return CRON_DAYS.index(token.lower())
    if token.isdigit() and int(token) <= 7:
        return int(token)
    raise ValueError(f"{token!r} is not a day of the week")


def parse_cron(expression: str) -> Schedule:
    """A cron expression of the form the publishing workflow uses: 'M H * * D' with one minute
    and one hour, any day of the month and month, and days of the week as '*', numbers, names,
    ranges and lists ('30 6 * * 1', '0 7 * * mon-fri')."""
    fields = str(expression).split()
    try:
        if len(fields) != 5 or fields[2:4] != ["*", "*"]:
            raise ValueError("expected 'minute hour * * day-of-week'")
        minute, hour = int(fields[0]), int(fields[1])
        if not (0 <= minute <= 59 and 0 <= hour <= 23):
            raise ValueError("minute or hour out of range")
        days: set[int] = set()
        for part in fields[4].split(","):
            if part == "*":
                days.update(range(7))
                continue
            first, _, last = part.partition("-")
            start, end = cron_day(first), cron_day(last or first)
            if start > end:
                raise ValueError(f"{part!r} is not a range of days")
            days.update((number - 1) % 7 for number in range(start, end + 1))  # to weekday()
    except ValueError as exc:
        raise ValueError(f"cron {expression!r}: {exc}") from None
    return Schedule(hour=hour, minute=minute, weekdays=frozenset(days))


def read_schedules(workflow: Path) -> tuple[Schedule, ...]:
    """The ``on.schedule`` crons of a workflow file; none when the file is absent (a project
    folder without the publishing workflow states no next update)."""
    if not workflow.is_file():
        return ()
    try:
        document = yaml.safe_load(workflow.read_text(encoding="utf-8")) or {}
        triggers = document.get(True, document.get("on")) or {}  # YAML 1.1 reads `on` as True
        entries = triggers.get("schedule") or [] if isinstance(triggers, dict) else []
        return tuple(parse_cron(entry["cron"]) for entry in entries)
    except (yaml.YAMLError, AttributeError, TypeError, KeyError, ValueError) as exc:
        raise TrackerError(f"{shown(workflow)}: cannot read its schedule: {exc}") from None


def next_update(as_of: str, today: date, schedules: Iterable[Schedule]) -> datetime | None:
    """When the next update is due: the first scheduled run on a day after both the data's
    as-of and the day of the build. A run on the build's own day never counts: the weekly run
    builds minutes after it starts, so a run that day is this one, or one that failed (a
    missed run is then followed by the next one, not by a date in the past)."""
    after = max(date.fromisoformat(as_of[:10]), today)
    due = []
    for schedule in schedules:
        day = next(after + timedelta(days=n) for n in range(1, 8)
                   if (after + timedelta(days=n)).weekday() in schedule.weekdays)
        due.append(datetime(day.year, day.month, day.day, schedule.hour, schedule.minute,
                            tzinfo=UTC))
    return min(due, default=None)


def iso_minute(when: datetime) -> str:
    """'2026-04-13T06:30Z': for a <time datetime> attribute."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


@dataclass
class Site:
    """Everything the chart, page, embed and download stages share."""

    tables: Tables
    is_sample: bool
    site_url: str  # the published address, absolute, ending in "/"
    publications: dict[str, Publication] = field(default_factory=dict)
    repo_url: str = ""  # the project's repository (paths.repo_url)
    schedules: tuple[Schedule, ...] = ()  # the publishing workflow's (read_schedules)
    movers: dict[str, Movers] = field(default_factory=dict)  # week -> its movers (derive)
    findings: dict[str, WeekFindings] = field(default_factory=dict)  # week -> its findings

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

    def files_of(self, entity: str) -> dict[str, str]:
        """The file names of a model's, company's or country's pages (``entity``)."""
        return {"model": self.model_files, "company": self.company_files,
                "country": self.country_files}[entity]

    @property
    def latest_week(self) -> str:
        return self.tables.latest_week

    @property
    def as_of(self) -> str:
        """What the latest week's site-wide views cite: the newest snapshot's as_of."""
        return self.snapshot_as_of[self.latest_week]

    def next_update(self, today: date) -> datetime | None:
        """When the next update is due (never for the sample, which is never updated)."""
        return None if self.is_sample else next_update(self.as_of, today, self.schedules)

    def cited_as_of(self, week: str) -> str:
        """What anything ending at ``week`` cites: when that week's figures were first
        published (the snapshot's own as_of when there is no record of it)."""
        known = self.publications.get(week)
        return known.first_as_of if known else self.snapshot_as_of[week]

    def first_seen(self, week: str) -> str:
        """When the week was first published, whatever its figures then (a feed's
        ``published``); ``cited_as_of`` is when its current figures were."""
        known = self.publications.get(week)
        return known.first_seen if known and known.first_seen else self.cited_as_of(week)

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
            found = facts.correction(entry)
            items.append(dict(
                entry, label=say(found, "label"), what=say(found, "what"),
                weeks=sorted(set(mine["week_start"])),
                models=sorted(set(mine["model_permaslug"]))))
        return items


# ---------------------------------------------------------------- restatements

def restatement_anchor(as_of: str) -> str:
    """The anchor of the restatements as of ``as_of`` on the revisions page (the corrections
    feed links to it): 'restated-20260330T020000'."""
    return "restated-" + "".join(ch for ch in str(as_of)[:19] if ch.isalnum())


def restatements(revisions: list[dict]) -> list[dict]:
    """The restated figures grouped by the snapshot that restated them (newest first, as the
    rows come), each with the as_of dates of the figures it replaced."""
    groups: dict[str, dict] = {}
    for row in revisions:
        group = groups.setdefault(row["new_as_of"], {
            "as_of": row["new_as_of"], "anchor": restatement_anchor(row["new_as_of"]),
            "rows": [], "replaced": set()})
        group["rows"].append(row)
        group["replaced"].add(row["old_as_of"])
    return [dict(group, replaced=sorted(group["replaced"])) for group in groups.values()]
