"""Load raw OpenRouter snapshots from data/ into tidy weekly rows.

Rules: ``total_tokens`` is a decimal string parsed into an exact integer; buckets
start on the ISO Monday; a week is complete only when its Sunday is on or before the snapshot's
``meta.end_date``; when several snapshots hold the same week, the newest ``as_of`` wins.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.errors import TrackerError
from generator.paths import Project, shown

OTHER = "other"
RANKINGS_SUBDIR = Path("raw/openrouter/rankings/week")
MODELS_SUBDIR = Path("raw/openrouter/models")


class RankingRow(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    date: date
    model_permaslug: str = Field(min_length=1)
    total_tokens: int

    @field_validator("total_tokens", mode="before")
    @classmethod
    def parse_decimal_string(cls, value: object) -> int:
        # Upstream sends a decimal *string*; anything else means the schema moved.
        if not isinstance(value, str) or not value.isascii() or not value.isdigit():
            raise ValueError("must be a non-negative decimal string such as \"1234567890\"")
        return int(value)


class RankingMeta(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    as_of: str = Field(min_length=1)
    version: str
    start_date: date
    end_date: date

    @field_validator("as_of")
    @classmethod
    def iso_timestamp(cls, value: str) -> str:
        # as_of lands in captions, citations and file names: only a timestamp is accepted
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("must be an ISO 8601 timestamp such as "
                             "\"2026-05-12T02:00:00.000Z\"") from None
        if not value.isascii() or not value[:1].isdigit() or any(c.isspace() for c in value):
            raise ValueError("must be an ISO 8601 timestamp such as \"2026-05-12T02:00:00.000Z\"")
        return value

    @field_validator("version")
    @classmethod
    def known_version(cls, value: str) -> str:
        if value != "v1":
            raise ValueError(f"expected 'v1', got {value!r}")
        return value


class RankingResponse(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    data: list[RankingRow]
    meta: RankingMeta


@dataclass(frozen=True)
class Snapshot:
    path: Path
    meta: RankingMeta
    rows: tuple[RankingRow, ...]


@dataclass
class Rankings:
    """Weekly rows (complete weeks only) plus where they came from."""

    weekly: pd.DataFrame  # week_start (YYYY-MM-DD), model_permaslug, tokens (int64), as_of
    snapshots: list[Snapshot]
    is_sample: bool
    source_dir: Path
    revisions: pd.DataFrame  # see derive_revisions
    publications: dict[str, Publication]  # week -> when its current figures were published
    dropped_incomplete: list[str] = field(default_factory=list)


def read_json_file(path: Path) -> object:
    """Read a .json or .json.gz file; a broken file is a TrackerError naming it."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        return json.loads(raw.decode("utf-8-sig"))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise TrackerError(f"{shown(path)}:1: cannot read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise TrackerError(
            f"{shown(path)}:1: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    except json.JSONDecodeError as exc:
        raise TrackerError(f"{shown(path)}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    except RecursionError:
        raise TrackerError(f"{shown(path)}:1: JSON nested too deeply; refused") from None


def describe_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"field {where}: {first['msg']}{more}"


def parse_rankings(payload: object, source: str) -> RankingResponse:
    """Validate a rankings-daily response body (already JSON-decoded)."""
    try:
        response = RankingResponse.model_validate(payload)
    except ValidationError as exc:
        raise TrackerError(
            f"{source}:1: unexpected rankings shape: {describe_validation_error(exc)}"
        ) from None
    seen: set[tuple[date, str]] = set()
    for row in response.data:
        key = (row.date, row.model_permaslug)
        if key in seen:
            raise TrackerError(
                f"{source}:1: duplicate row for {row.model_permaslug!r} "
                f"in week {row.date}"
            )
        seen.add(key)
        if row.date.isoweekday() != 1:
            raise TrackerError(f"{source}:1: week bucket {row.date} is not a Monday")
    return response


def snapshot_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.name.endswith((".json", ".json.gz")) and not p.name.endswith(".meta.json")
    )


def data_source(project: Project) -> tuple[Path, bool]:
    """The folder holding raw/ to build from: real data when there is any, else the sample."""
    if snapshot_files(project.data_dir / RANKINGS_SUBDIR):
        return project.data_dir, False
    if snapshot_files(project.sample_dir / RANKINGS_SUBDIR):
        return project.sample_dir, True
    raise TrackerError(
        f"{shown(project.data_dir / RANKINGS_SUBDIR)}: no rankings snapshot, and no sample "
        f"under {shown(project.sample_dir)} (run `python -m generator sample`)"
    )


def load_snapshot(path: Path) -> Snapshot:
    response = parse_rankings(read_json_file(path), shown(path))
    return Snapshot(path=path, meta=response.meta, rows=tuple(response.data))


def week_is_complete(week_start: date, end_date: date) -> bool:
    """A week is complete only if its Sunday is on or before the snapshot's end date."""
    return week_start + timedelta(days=6) <= end_date


@dataclass(frozen=True)
class WeekVersion:
    """One snapshot's complete figures for one week: {model_permaslug: tokens}."""

    week: date
    as_of: str
    snapshot: str  # file name, for provenance and a deterministic tie-break
    tokens: dict[str, int]


def week_versions(snapshots: list[Snapshot]) -> dict[date, list[WeekVersion]]:
    """Every complete version of every week, oldest as_of first (ties by file name).

    The in-progress week of a snapshot (its Sunday after meta.end_date) is never a version.
    """
    versions: dict[date, list[WeekVersion]] = {}
    for snap in sorted(snapshots, key=lambda s: (s.meta.as_of, s.path.name)):
        by_week: dict[date, dict[str, int]] = {}
        for row in snap.rows:
            by_week.setdefault(row.date, {})[row.model_permaslug] = row.total_tokens
        for week, tokens in sorted(by_week.items()):
            if week_is_complete(week, snap.meta.end_date):
                versions.setdefault(week, []).append(
                    WeekVersion(week, snap.meta.as_of, snap.path.name, tokens))
    return dict(sorted(versions.items()))


@dataclass(frozen=True)
class Publication:
    first_as_of: str  # when the week's current figures were first published
    restated: bool  # an earlier snapshot held other figures for the week
    first_seen: str = ""  # when the week was first published, in any figures (its first as_of)


def week_publications(versions: dict[date, list[WeekVersion]]) -> dict[str, Publication]:
    """For each complete week: the as_of at which its current figures first appeared, and
    whether they replaced other figures (a restatement). A re-fetch that returns the same
    figures is not a new publication."""
    published = {}
    for week, history in versions.items():
        first = len(history) - 1
        while first > 0 and history[first - 1].tokens == history[-1].tokens:
            first -= 1
        published[week.isoformat()] = Publication(first_as_of=history[first].as_of,
                                                  restated=first > 0,
                                                  first_seen=history[0].as_of)
    return published


def load_snapshots(folder: Path) -> list[Snapshot]:
    return [load_snapshot(p) for p in snapshot_files(folder)]


def load_rankings(project: Project) -> Rankings:
    source_dir, is_sample = data_source(project)
    snapshots = load_snapshots(source_dir / RANKINGS_SUBDIR)
    versions = week_versions(snapshots)
    weekly = newest_weekly(versions)
    if weekly.empty:
        raise TrackerError(
            f"{shown(source_dir / RANKINGS_SUBDIR)}: no complete week in any snapshot"
        )
    held = {row.date for snap in snapshots for row in snap.rows}
    return Rankings(
        weekly=weekly,
        snapshots=snapshots,
        is_sample=is_sample,
        source_dir=source_dir,
        revisions=derive_revisions(versions),
        publications=week_publications(versions),
        dropped_incomplete=sorted(w.isoformat() for w in held - set(versions)),
    )


def newest_weekly(versions: dict[date, list[WeekVersion]]) -> pd.DataFrame:
    """One row per complete week and model, from the newest snapshot holding the week."""
    records = []
    for week, history in versions.items():
        newest = history[-1]  # the newest as_of wins
        for slug, tokens in newest.tokens.items():
            records.append((week.isoformat(), slug, tokens, newest.as_of))
    return pd.DataFrame.from_records(
        records, columns=["week_start", "model_permaslug", "tokens", "as_of"]
    ).astype({"week_start": "str", "model_permaslug": "str", "tokens": "int64", "as_of": "str"})


REVISION_COLUMNS = ["week_start", "model_permaslug", "old_tokens", "new_tokens", "old_as_of",
                    "new_as_of"]


def derive_revisions(versions: dict[date, list[WeekVersion]]) -> pd.DataFrame:
    """Restatements: each model whose figure for a week changed between successive snapshots
    (a model that appears or disappears has an empty old or new figure)."""
    records = []
    for week, history in versions.items():
        for old, new in zip(history, history[1:]):
            for slug in sorted(set(old.tokens) | set(new.tokens)):
                before, after = old.tokens.get(slug), new.tokens.get(slug)
                if before != after:
                    records.append((week.isoformat(), slug, before, after, old.as_of, new.as_of))
    revisions = pd.DataFrame.from_records(records, columns=REVISION_COLUMNS)
    return revisions.astype({"week_start": "str", "model_permaslug": "str", "old_tokens": "Int64",
                             "new_tokens": "Int64", "old_as_of": "str", "new_as_of": "str"})


def entry_variant(entry: dict) -> str:
    """The variant a catalogue entry is for: "free" for id ``vendor/model:free``, else ""."""
    model_id = entry.get("id")
    return model_id.partition(":")[2] if isinstance(model_id, str) else ""


@dataclass(frozen=True)
class CatalogueSnapshot:
    """One /models snapshot: the day it was taken (its file name's date, UTC) and its entries."""

    day: date
    name: str  # the file name, for messages and a deterministic order within a day
    entries: tuple[dict, ...]


def catalogue_day(path: Path) -> date:
    """The day in a catalogue snapshot's name (``2026-04-09.json.gz``,
    ``2026-04-09_asof-….json.gz``): the fetch names each snapshot by the day it was taken."""
    try:
        return date.fromisoformat(path.name[:10])
    except ValueError:
        raise TrackerError(f"{shown(path)}:1: a models catalogue snapshot's name must start "
                           "with the day it was taken (YYYY-MM-DD)") from None


def catalogue_entries(path: Path) -> tuple[dict, ...]:
    payload = read_json_file(path)
    entries = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        raise TrackerError(f"{shown(path)}:1: expected an object with a 'data' list of models")
    return tuple(entry for entry in entries if isinstance(entry, dict))


def load_catalogue_snapshots(source_dir: Path) -> list[CatalogueSnapshot]:
    """Every /models snapshot, oldest first (by day, then file name: a second snapshot of the
    same day carries its as_of in its name and sorts after the first). The fetch stores a
    snapshot only when the catalogue changed, so each one holds until the next."""
    files = snapshot_files(source_dir / MODELS_SUBDIR)
    found = [CatalogueSnapshot(catalogue_day(path), path.name, catalogue_entries(path))
             for path in files]
    return sorted(found, key=lambda snapshot: (snapshot.day, snapshot.name))


def load_catalogue(source_dir: Path) -> dict[str, dict]:
    """The newest /models snapshot, keyed by canonical_slug. Empty when none was fetched.

    A variant has an entry of its own (id ``vendor/model:free``, name "Vendor: Model (free)")
    with its base model's canonical_slug: the base model's entry keeps that key, whichever
    comes first; a variant's entry stands in only for a base model the catalogue lacks."""
    files = snapshot_files(source_dir / MODELS_SUBDIR)
    if not files:
        return {}
    return catalogue_by_slug(catalogue_entries(files[-1]))


def catalogue_by_slug(entries: tuple[dict, ...]) -> dict[str, dict]:
    """One snapshot's entries keyed by canonical_slug (see load_catalogue)."""
    catalogue: dict[str, dict] = {}
    for entry in entries:
        slug = entry.get("canonical_slug") or entry.get("id")
        if not isinstance(slug, str) or not slug:
            continue
        if slug in catalogue and entry_variant(entry) and not entry_variant(catalogue[slug]):
            continue  # never let a variant's entry replace its base model's
        catalogue[slug] = entry
    return catalogue
