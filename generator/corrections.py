"""Corrections to the fetched figures (corrections.yaml), parsed with the line of every key so
`check` can point at the exact spot.

Corrections apply to the weekly rows before they are attributed and derived:
``override_tokens`` replaces a model's figure, ``drop`` removes a model's (or an author's) rows,
``reassign_author`` credits a model's rows to another author, and ``flag`` changes nothing but
marks the rows. Every applied correction is recorded so pages, embeds and downloads can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from generator.registry import Problem, Registry
from generator.yamlfile import (
    Entry,
    check_keys,
    choice_field,
    date_field,
    monday_field,
    raise_first,
    read_yaml_entries,
    text_field,
    unique_id,
    url_field,
)

CORRECTIONS_FILE = "corrections.yaml"

ACTIONS = ("override_tokens", "drop", "reassign_author", "flag")
STATUSES = ("open", "reported", "fixed_upstream")
AUTHOR_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

CORRECTION_KEYS = ("id", "week", "weeks", "target", "action", "value", "reason", "source_url",
                   "status", "date", "credit")

APPLIED_COLUMNS = ["correction_id", "week_start", "model_permaslug", "action", "tokens_before",
                   "tokens_after", "author_before", "author_after"]


@dataclass(frozen=True)
class Correction:
    id: str
    first_week: date
    last_week: date
    target: str
    action: str
    value: int | str | None
    reason: str
    source_url: str
    status: str
    date: date
    credit: str
    line: int  # of the entry, for messages
    target_line: int
    week_line: int

    @property
    def is_model(self) -> bool:
        return "/" in self.target or self.target == "other"

    def weeks(self) -> list[str]:
        days = (self.last_week - self.first_week).days
        return [(self.first_week + timedelta(days=d)).isoformat() for d in range(0, days + 1, 7)]


def parse_weeks(path: Path, entry: Entry, problems: list[Problem]
                ) -> tuple[date | None, date | None]:
    """The first and last Monday of ``week`` or of ``weeks: {from, to}``."""
    if "week" in entry.fields and "weeks" in entry.fields:
        problems.append(Problem(path, entry.line_of("weeks"),
                                "give either week or weeks, not both"))
        return None, None
    if "week" in entry.fields:
        day = monday_field(path, entry, "week", entry.fields["week"].value, problems)
        return day, day
    if "weeks" not in entry.fields:
        problems.append(Problem(path, entry.line, "missing required key 'week' (a Monday) "
                                                  "or 'weeks' ({from: ..., to: ...})"))
        return None, None
    weeks = entry.fields["weeks"].value
    if not isinstance(weeks, dict) or set(weeks) != {"from", "to"}:
        problems.append(Problem(path, entry.line_of("weeks"),
                                "weeks: expected {from: YYYY-MM-DD, to: YYYY-MM-DD} "
                                "(two Mondays)"))
        return None, None
    first = monday_field(path, entry, "weeks", weeks["from"], problems)
    last = monday_field(path, entry, "weeks", weeks["to"], problems)
    if first and last and last < first:
        problems.append(Problem(path, entry.line_of("weeks"),
                                f"weeks: 'to' ({last}) is before 'from' ({first})"))
    return first, last


def parse_target(path: Path, entry: Entry, problems: list[Problem]) -> str | None:
    target = text_field(path, entry, "target", problems)
    if target is not None and (any(ch.isspace() for ch in target)
                               or target.startswith("/") or target.endswith("/")):
        problems.append(Problem(path, entry.line_of("target"),
                                f"target {target!r}: expected a model permaslug "
                                "(author/model) or an author slug"))
        return None
    return target


def parse_correction(path: Path, entry: Entry, ids: dict[str, int], registry: Registry | None,
                     problems: list[Problem]) -> Correction | None:
    """One entry as a Correction; None when any of its keys has a problem (all reported)."""
    start = len(problems)
    check_keys(path, entry, CORRECTION_KEYS,
               ("id", "target", "action", "reason", "source_url", "status", "date"), problems)
    cid = unique_id(path, entry, ids, problems)
    first, last = parse_weeks(path, entry, problems)
    target = parse_target(path, entry, problems)
    action = choice_field(path, entry, "action", ACTIONS, problems)
    value = check_value(path, entry, action, target, registry, problems)
    reason = text_field(path, entry, "reason", problems)
    source_url = url_field(path, entry, "source_url", problems)
    status = choice_field(path, entry, "status", STATUSES, problems)
    when = None
    if "date" in entry.fields and entry.fields["date"].value is not None:
        when = date_field(path, entry, "date", entry.fields["date"].value, problems)
    credit = text_field(path, entry, "credit", problems) or ""
    if len(problems) > start:
        return None
    return Correction(
        id=cid, first_week=first, last_week=last, target=target, action=action,
        value=value, reason=reason, source_url=source_url, status=status, date=when,
        credit=credit, line=entry.line, target_line=entry.line_of("target"),
        week_line=entry.line_of("week" if "week" in entry.fields else "weeks"))


def parse_corrections(path: Path, registry: Registry | None,
                      problems: list[Problem]) -> list[Correction]:
    """Validate corrections.yaml on its own (shape, types, values); see match_corrections for
    the checks against the data."""
    ids: dict[str, int] = {}
    parsed = [parse_correction(path, entry, ids, registry, problems)
              for entry in read_yaml_entries(path, problems, "corrections")]
    return [correction for correction in parsed if correction is not None]


def check_value(path: Path, entry: Entry, action: str | None, target: str | None,
                registry: Registry | None, problems: list[Problem]) -> int | str | None:
    has_value = "value" in entry.fields and entry.fields["value"].value is not None
    value = entry.fields["value"].value if has_value else None
    line = entry.line_of("value")
    if action is None:
        return None
    if action in ("drop", "flag"):
        if has_value:
            problems.append(Problem(path, line, f"value: not used by {action}; remove it"))
        return None
    if not has_value:
        problems.append(Problem(path, entry.line, f"missing required key 'value' for {action}"))
        return None
    if target is not None and "/" not in target:
        problems.append(Problem(path, entry.line_of("target"),
                                f"target {target!r}: {action} needs a model permaslug "
                                "(author/model), not an author slug"))
    if action == "override_tokens":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(path, line, f"value: override_tokens needs a whole number "
                                                f"of tokens, found {value!r}"))
            return None
        if value < 0:
            problems.append(Problem(path, line, f"value: {value} is negative; tokens are 0 or "
                                                "more"))
            return None
        if value >= 2**63:
            problems.append(Problem(path, line, f"value: {value} is too large"))
            return None
        return value
    # reassign_author
    if not isinstance(value, str) or not AUTHOR_RE.match(value):
        problems.append(Problem(path, line, f"value: reassign_author needs an author slug such "
                                            f"as deepseek, found {value!r}"))
        return None
    if registry is not None and value not in registry.authors:
        problems.append(Problem(path, line, f"value: unknown author {value!r}; add it to "
                                            "data/registry/authors.csv first"))
        return None
    return value


def author_of(permaslug: str) -> str:
    base = permaslug.partition(":")[0]
    return base.split("/", 1)[0] if "/" in base else ""


def matches(correction: Correction, slugs: pd.Series) -> pd.Series:
    if correction.is_model:
        return slugs == correction.target
    return slugs.map(author_of) == correction.target


def match_corrections(path: Path, corrections: list[Correction], weekly: pd.DataFrame,
                      problems: list[Problem]) -> None:
    """Checks against the data: weeks published, targets matched, no row corrected twice."""
    published = sorted(set(weekly["week_start"]))
    latest = published[-1] if published else ""
    touched: dict[tuple[str, str], str] = {}
    for correction in corrections:
        weeks = correction.weeks()
        if weeks[-1] > latest:
            problems.append(Problem(path, correction.week_line,
                                    f"week {weeks[-1]} is not published yet (latest published "
                                    f"week: {latest or 'none'})"))
            continue
        rows = weekly[weekly["week_start"].isin(weeks) & matches(correction, weekly[
            "model_permaslug"])]
        if rows.empty:
            span = weeks[0] if len(weeks) == 1 else f"{weeks[0]} to {weeks[-1]}"
            problems.append(Problem(path, correction.target_line,
                                    f"target {correction.target!r} matches no row in {span} "
                                    "(fixed upstream, or the slug moved?)"))
            continue
        if correction.action == "flag":
            continue
        for key in zip(rows["week_start"], rows["model_permaslug"]):
            if key in touched:
                problems.append(Problem(path, correction.line,
                                        f"{correction.id}: {key[1]} in week {key[0]} is already "
                                        f"changed by {touched[key]}"))
                break
            touched[key] = correction.id


def corrections_path(source_dir: Path) -> Path:
    return source_dir / CORRECTIONS_FILE


def load_corrections(path: Path, registry: Registry, weekly: pd.DataFrame) -> list[Correction]:
    """Corrections for a build: any problem stops it with the first one and a hint."""
    problems: list[Problem] = []
    corrections = parse_corrections(path, registry, problems)
    if not problems:
        match_corrections(path, corrections, weekly, problems)
    raise_first(problems)
    return corrections


def apply_corrections(weekly: pd.DataFrame, corrections: list[Correction]
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The weekly rows with every correction applied (in file order), and one record per row
    each correction touched. Adds ``author_override`` ('' unless reassigned)."""
    weekly = weekly.copy()
    weekly["author_override"] = ""
    applied = []
    for correction in corrections:
        hit = weekly["week_start"].isin(correction.weeks()) & matches(
            correction, weekly["model_permaslug"])
        for index in weekly.index[hit]:
            row = weekly.loc[index]
            before_author = row["author_override"] or author_of(row["model_permaslug"])
            record = {"correction_id": correction.id, "week_start": row["week_start"],
                      "model_permaslug": row["model_permaslug"], "action": correction.action,
                      "tokens_before": int(row["tokens"]), "tokens_after": int(row["tokens"]),
                      "author_before": before_author, "author_after": before_author}
            if correction.action == "override_tokens":
                record["tokens_after"] = int(correction.value)
                weekly.loc[index, "tokens"] = int(correction.value)
            elif correction.action == "drop":
                record["tokens_after"] = None
            elif correction.action == "reassign_author":
                record["author_after"] = str(correction.value)
                weekly.loc[index, "author_override"] = str(correction.value)
            applied.append(record)
        if correction.action == "drop":
            weekly = weekly[~hit]
    frame = pd.DataFrame(applied, columns=APPLIED_COLUMNS).astype(
        {"tokens_before": "Int64", "tokens_after": "Int64"})
    return weekly.reset_index(drop=True).astype({"tokens": "int64"}), frame


CORRECTION_COLUMNS = ["id", "date", "status", "action", "target", "week_from", "week_to", "value",
                      "reason", "source_url", "credit", "rows_affected", "tokens_before",
                      "tokens_after"]


def corrections_table(corrections: list[Correction], applied: pd.DataFrame) -> pd.DataFrame:
    """One row per correction, newest first, with what it changed (for the log and the CSV)."""
    rows = []
    for c in corrections:
        mine = applied[applied["correction_id"] == c.id]
        rows.append({
            "id": c.id, "date": c.date.isoformat(), "status": c.status, "action": c.action,
            "target": c.target, "week_from": c.first_week.isoformat(),
            "week_to": c.last_week.isoformat(),
            "value": "" if c.value is None else str(c.value), "reason": c.reason,
            "source_url": c.source_url, "credit": c.credit, "rows_affected": len(mine),
            "tokens_before": int(mine["tokens_before"].sum()),
            "tokens_after": int(mine["tokens_after"].fillna(0).sum()),
        })
    frame = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
    frame = frame.astype({"rows_affected": "int64", "tokens_before": "int64",
                          "tokens_after": "int64"})
    return frame.sort_values(["date", "id"], ascending=[False, True]).reset_index(drop=True)
