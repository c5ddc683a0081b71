"""`python -m generator fetch`: the only stage that touches the network.

Fetches OpenRouter's weekly rankings (``/datasets/rankings-daily?period=week``) and the models
catalogue into write-once raw snapshots under data/raw/. Every request is made and validated
before anything is written, and the new files are then added all at once or not at all
(files.commit_new_files), so a failure at any point leaves data/ exactly as it was or exactly as
a successful run leaves it. A fetch whose figures match what is held writes nothing; a restated
week gets a new snapshot beside the old one. A lock file beside the data folder
(``.data.fetch.lock``) stops a second fetch on the same data folder while one runs. The HTTP
side (configuration, retries, bounded reads) is generator.client.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from filelock import FileLock, Timeout

from generator.client import FetchConfig, Received, decode_json, get, make_client
from generator.errors import TrackerError
from generator.files import commit_new_files, recover
from generator.load import (
    MODELS_SUBDIR,
    RANKINGS_SUBDIR,
    Snapshot,
    load_snapshots,
    parse_rankings,
    snapshot_files,
    week_versions,
)
from generator.paths import Project, shown

FIRST_WEEK = date(2025, 1, 6)  # the data begins 2025-01-01: the first whole ISO week
MAX_WINDOW_WEEKS = 52  # 364 days: inside the API's 366-day limit
REFETCH_WEEKS = 4  # recent weeks re-fetched on every run to catch restatements


# ---------------------------------------------------------------- which weeks to ask for

def last_complete_week(today: date) -> date:
    """The Monday of the newest week whose Sunday is before today (UTC): today is incomplete."""
    last_day = today - timedelta(days=1)
    sunday = last_day - timedelta(days=(last_day.isoweekday() % 7))
    return sunday - timedelta(days=6)


def complete_weeks(today: date) -> list[date]:
    last = last_complete_week(today)
    count = (last - FIRST_WEEK).days // 7 + 1
    return [FIRST_WEEK + timedelta(weeks=i) for i in range(max(0, count))]


def plan_windows(held: set[date], today: date) -> list[tuple[date, date]]:
    """(start Monday, end Sunday) windows covering the missing weeks and the last four weeks,
    each at most MAX_WINDOW_WEEKS long and made of consecutive weeks.

    With nothing held, every complete week from FIRST_WEEK is asked for (the source's history
    may begin later: see fetch_windows). Once weeks are held, history begins at the first one:
    the weeks before it had no rows when it was found and are not asked for again."""
    weeks = complete_weeks(today)
    if held:
        weeks = [w for w in weeks if w >= min(held)]
    wanted = sorted({w for w in weeks if w not in held} | set(weeks[-REFETCH_WEEKS:]))
    windows: list[tuple[date, date]] = []
    run: list[date] = []
    for week in wanted:
        if run and (week - run[-1] != timedelta(weeks=1) or len(run) == MAX_WINDOW_WEEKS):
            windows.append((run[0], run[-1] + timedelta(days=6)))
            run = []
        run.append(week)
    if run:
        windows.append((run[0], run[-1] + timedelta(days=6)))
    return windows


# ---------------------------------------------------------------- the fetch

Progress = Callable[[int, int, str], None]  # (step, steps, what is being fetched)


@dataclass
class FetchedWindow:
    start: date
    end: date
    received: Received
    snapshot: Snapshot
    added: list[date] = field(default_factory=list)
    restated: list[date] = field(default_factory=list)
    unchanged: list[date] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryStart:
    """Where a first fetch (nothing held) found the source's history to begin."""

    asked_from: date  # the first week asked for
    first_week: date  # the first week with rows

    def line(self) -> str:
        if self.first_week == self.asked_from:
            return f"History begins at the week of {self.first_week} (the first week asked for)"
        return (f"History begins at the week of {self.first_week}: the source has no rows for "
                f"the weeks from {self.asked_from} to {self.first_week - timedelta(weeks=1)}")


@dataclass
class FetchReport:
    windows: list[FetchedWindow]
    written: list[Path]
    catalogue: str
    latest_week: date | None
    history: HistoryStart | None = None

    def lines(self) -> list[str]:
        added = sum(len(w.added) for w in self.windows)
        restated = sorted({d for w in self.windows for d in w.restated})
        unchanged = sum(len(w.unchanged) for w in self.windows)
        out = [self.history.line()] if self.history else []
        out += [f"Weeks added: {added}; restated: {len(restated)}"
               + (f" ({', '.join(d.isoformat() for d in restated)})" if restated else "")
               + f"; unchanged: {unchanged}",
               f"Models catalogue: {self.catalogue}",
               f"Files written: {len(self.written)}"]
        if self.latest_week:
            out.append(f"Latest complete week: {self.latest_week.isoformat()} "
                       f"({(self.latest_week + timedelta(days=6)).isoformat()} ended)")
        return out


def fetch_window(client: httpx.Client, config: FetchConfig, start: date,
                 end: date) -> tuple[Received, Snapshot]:
    params = {"start_date": start.isoformat(), "end_date": end.isoformat(), "period": "week"}
    received = get(client, config, "/datasets/rankings-daily", params, authorised=True)
    response = parse_rankings(decode_json(received), received.url)
    outside = [r.date for r in response.data if not start <= r.date <= end]
    if outside:
        raise TrackerError(f"{received.url}: week {outside[0]} is outside the requested "
                           f"{start}..{end}")
    return received, Snapshot(path=Path(f"{start}_{end}.json"), meta=response.meta,
                              rows=tuple(response.data))


def fetch_windows(client: httpx.Client, config: FetchConfig, windows: list[tuple[date, date]],
                  held: dict[date, dict[str, int]],
                  progress: Progress | None = None) -> list[FetchedWindow]:
    """Fetch the planned windows, oldest first, each classified against the figures held.

    The source's history may begin after FIRST_WEEK (a shorter history, a mirror with less):
    while nothing is held and no window had rows, an empty window is skipped, and history
    begins at the first week with rows. After that, an empty window means the schema or the
    dataset moved, and fails. Every window is asked for once: no extra requests."""
    fetched: list[FetchedWindow] = []
    last_url = ""
    for i, (start, end) in enumerate(windows):
        if progress:
            progress(i, len(windows) + 1, f"rankings {start}..{end}")
        received, snapshot = fetch_window(client, config, start, end)
        last_url = received.url
        if not snapshot.rows:
            if held or fetched:
                raise TrackerError(f"{received.url}: no rows for {start}..{end}; expected the "
                                   "weeks of that window (the schema or the dataset moved?)")
            continue  # before the source's first week
        window = FetchedWindow(start, end, received, snapshot)
        classify(window, held)
        fetched.append(window)
    if windows and not held and not fetched:
        raise TrackerError(f"{last_url}: no rows for any week from {windows[0][0]} to "
                           f"{windows[-1][1]}; expected the source's weekly rankings "
                           "(the schema or the dataset moved?)")
    return fetched


def classify(window: FetchedWindow, held: dict[date, dict[str, int]]) -> None:
    """Compare the window's complete weeks with the newest figures held for them."""
    for version in week_versions([window.snapshot]).values():
        week = version[-1]
        if week.week not in held:
            window.added.append(week.week)
        elif held[week.week] != week.tokens:
            window.restated.append(week.week)
        else:
            window.unchanged.append(week.week)


def free_name(folder: Path, stem: str, as_of: str, content: bytes, suffix: str) -> Path | None:
    """Where a new snapshot goes: ``stem`` if free, else a name carrying its as_of. None when
    a file with exactly these bytes already exists (nothing to write)."""
    stamp = "".join(ch for ch in as_of if ch.isalnum())
    for name in (f"{stem}{suffix}", f"{stem}_asof-{stamp}{suffix}"):
        path = folder / name
        if not path.exists():
            return path
        if path.read_bytes() == content:
            return None
    for n in range(2, 1000):
        path = folder / f"{stem}_asof-{stamp}-{n}{suffix}"
        if not path.exists():
            return path
    raise TrackerError(f"{folder}: too many snapshots named {stem}")


def meta_for(received: Received, stored: bytes, extra: dict) -> bytes:
    meta = {"url": received.url, "fetched_at": received.fetched_at, "status": received.status,
            "bytes": len(stored), "sha256": hashlib.sha256(stored).hexdigest(),
            **extra, "licence": "CC BY 4.0", "source": "OpenRouter (openrouter.ai/rankings)"}
    return (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def meta_path(path: Path) -> Path:
    stem = path.name.removesuffix(".gz").removesuffix(".json")
    return path.with_name(f"{stem}.meta.json")


def newest_catalogue(folder: Path) -> bytes | None:
    files = snapshot_files(folder)
    if not files:
        return None
    raw = files[-1].read_bytes()
    return gzip.decompress(raw) if files[-1].suffix == ".gz" else raw


def fetch_catalogue(client: httpx.Client, config: FetchConfig) -> Received:
    received = get(client, config, "/models", {"output_modalities": "all"}, authorised=False)
    payload = decode_json(received)
    entries = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TrackerError(f"{received.url}: expected an object with a 'data' list of models")
    if any(not isinstance(e.get("id"), str) for e in entries):
        raise TrackerError(f"{received.url}: a model entry has no string 'id'")
    return received


def lock_path(data_dir: Path) -> Path:
    """The fetch lock of a data folder: beside it (``.data.fetch.lock``), so that the lock file
    itself never changes what data/ holds."""
    return data_dir.parent / f".{data_dir.name}.fetch.lock"


def fetch(project: Project, config: FetchConfig, progress: Progress | None = None) -> FetchReport:
    """Fetch under the data folder's lock: a second fetch at the same time fails at once."""
    project.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path(project.data_dir), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise TrackerError(f"{shown(lock.lock_file)}: another fetch is running on "
                           f"{shown(project.data_dir)}; "
                           "nothing was fetched (try again when it has finished)") from None
    try:
        recover(project.data_dir)  # finish (or discard) the writes of an interrupted run
        return fetch_unlocked(project, config, progress)
    finally:
        lock.release()


def fetch_unlocked(project: Project, config: FetchConfig,
                   progress: Progress | None = None) -> FetchReport:
    """Fetch everything first, then write all new files at once: a failure leaves data/ as it
    was, or (once the new files are committed) as a successful run leaves it."""
    rankings_dir = project.data_dir / RANKINGS_SUBDIR
    models_dir = project.data_dir / MODELS_SUBDIR
    held_snapshots = load_snapshots(rankings_dir)  # a broken held snapshot stops us here
    held = {week: history[-1].tokens for week, history in week_versions(held_snapshots).items()}
    windows = plan_windows(set(held), config.today)
    with make_client(config) as client:
        steps = len(windows) + 1
        fetched = fetch_windows(client, config, windows, held, progress)
        if progress:
            progress(steps - 1, steps, "models catalogue")
        catalogue = fetch_catalogue(client, config)
        if progress:
            progress(steps, steps, "done")

    # Write phase: nothing above touched the disk. Sidecar and snapshot go in together.
    new_files: dict[Path, bytes] = {}
    for window in fetched:
        if not (window.added or window.restated):
            continue  # same figures as held (only as_of moved): keep git quiet
        path = free_name(rankings_dir, f"{window.start}_{window.end}", window.snapshot.meta.as_of,
                         window.received.body, ".json")
        if path is None:
            continue
        meta = meta_for(window.received, window.received.body,
                        {"as_of": window.snapshot.meta.as_of,
                         "meta": window.snapshot.meta.model_dump(mode="json")})
        new_files[meta_path(path)] = meta
        new_files[path] = window.received.body
    if newest_catalogue(models_dir) == catalogue.body:
        catalogue_note = "unchanged"
    else:
        stored = gzip.compress(catalogue.body, mtime=0)
        path = free_name(models_dir, config.today.isoformat(), catalogue.fetched_at, stored,
                         ".json.gz")
        if path is None:
            catalogue_note = "unchanged"
        else:
            new_files[meta_path(path)] = meta_for(catalogue, stored, {"encoding": "gzip"})
            new_files[path] = stored
            catalogue_note = f"new snapshot {path.name}"
    commit_new_files(project.data_dir, new_files)
    weeks = complete_weeks(config.today)
    history = None
    if not held and fetched:
        history = HistoryStart(windows[0][0], min(r.date for r in fetched[0].snapshot.rows))
    return FetchReport(fetched, list(new_files), catalogue_note, weeks[-1] if weeks else None,
                       history)
