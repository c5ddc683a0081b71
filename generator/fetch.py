"""`python -m generator fetch`: the only stage that touches the network.

Fetches OpenRouter's weekly rankings (``/datasets/rankings-daily?period=week``) and the models
catalogue into write-once raw snapshots under data/raw/. Every request is made and validated
before anything is written, and the new files are then added all at once or not at all
(files.commit_new_files), so a failure at any point leaves data/ exactly as it was or exactly as
a successful run leaves it. A fetch whose figures match what is held writes nothing; a restated
week gets a new snapshot beside the old one. A lock file beside the data folder
(``.data.fetch.lock``) stops a second fetch on the same data folder while one runs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from filelock import FileLock, Timeout
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from generator import __version__
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

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
FIRST_WEEK = date(2025, 1, 6)  # the data begins 2025-01-01: the first whole ISO week
MAX_WINDOW_WEEKS = 52  # 364 days: inside the API's 366-day limit
REFETCH_WEEKS = 4  # recent weeks re-fetched on every run to catch restatements
MAX_BODY_BYTES = 50 * 1024 * 1024
MAX_JSON_DEPTH = 64  # a rankings response is 3 levels deep, the models catalogue about 5
NESTED = f"response nested more than {MAX_JSON_DEPTH} levels deep; refused"
# Named in the User-Agent. In GitHub Actions the running repository is used.
DEFAULT_REPOSITORY_URL = "https://github.com/ai-token-tracker/ai-token-tracker"


class RetryableResponse(Exception):
    """A 429 or 5xx answer: worth another try, after Retry-After when the server says."""

    def __init__(self, url: str, status: int, retry_after: float | None) -> None:
        super().__init__(f"{url}: HTTP {status}")
        self.url = url
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    max_seconds: float = 300.0  # total time budget for one request, waits included
    max_wait: float = 60.0  # the longest single wait, Retry-After included
    initial_wait: float = 1.0
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class FetchConfig:
    base_url: str
    api_key: str = field(repr=False)  # never printed, logged or stored
    today: date
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    connect_timeout: float = 10.0
    read_timeout: float = 60.0


def config_from_env(environ: Mapping[str, str], today: date | None = None) -> FetchConfig:
    key = environ.get("OPENROUTER_API_KEY", "").strip()
    if not key:
        raise TrackerError("OPENROUTER_API_KEY is not set: the rankings dataset needs an "
                           "OpenRouter API key (any key works)", exit_code=2)
    base = (environ.get("OPENROUTER_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise TrackerError(f"OPENROUTER_BASE_URL {base!r} is not an http(s) URL", exit_code=2)
    attempts = environ.get("OPENROUTER_RETRY_ATTEMPTS", "6")
    if not attempts.isdigit() or not 1 <= int(attempts) <= 20:
        raise TrackerError(f"OPENROUTER_RETRY_ATTEMPTS {attempts!r}: expected 1 to 20",
                           exit_code=2)
    return FetchConfig(base_url=base, api_key=key, today=today or datetime.now(UTC).date(),
                       retry=RetryPolicy(attempts=int(attempts)))


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
    each at most MAX_WINDOW_WEEKS long and made of consecutive weeks."""
    weeks = complete_weeks(today)
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


# ---------------------------------------------------------------- HTTP

def user_agent(environ: Mapping[str, str]) -> str:
    """'ai-token-tracker/0.1.0 (+https://github.com/owner/repo)': the project and its repository."""
    repository = DEFAULT_REPOSITORY_URL
    if environ.get("GITHUB_REPOSITORY"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com")
        repository = f"{server}/{environ['GITHUB_REPOSITORY']}"
    return f"ai-token-tracker/{__version__} (+{repository})"


def make_client(config: FetchConfig) -> httpx.Client:
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout)
    return httpx.Client(timeout=timeout, headers={"User-Agent": user_agent(os.environ)},
                        follow_redirects=False)


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = datetime.strptime(value, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
        except ValueError:
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def wait_for(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    """Exponential backoff with jitter, or the server's Retry-After when it gives one."""
    backoff = wait_exponential_jitter(multiplier=policy.initial_wait, max=policy.max_wait)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryableResponse) and error.retry_after is not None:
            return min(error.retry_after, policy.max_wait)
        return backoff(state)

    return wait


def server_message(body: bytes) -> str:
    try:
        payload = json.loads(body)
    except ValueError:
        return " ".join(body[:200].decode("utf-8", "replace").split()) or "no message"
    if isinstance(payload, dict):
        error = payload.get("error", payload)
        if isinstance(error, dict):
            error = error.get("message", error)
        return " ".join(str(error).split())[:300]
    return str(payload)[:300]


@dataclass(frozen=True)
class Received:
    url: str  # without any credential: the key travels in a header only
    status: int
    body: bytes
    fetched_at: str


def get(client: httpx.Client, config: FetchConfig, path: str, params: dict[str, str],
        authorised: bool) -> Received:
    """GET with bounded retries on 429, 5xx and network faults; any other failure is final."""
    url = str(httpx.URL(f"{config.base_url}{path}", params=params))
    headers = {"Authorization": f"Bearer {config.api_key}"} if authorised else {}

    def attempt() -> Received:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 429 or response.status_code >= 500:
                raise RetryableResponse(url, response.status_code, retry_after_seconds(response))
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > MAX_BODY_BYTES:
                    raise TrackerError(f"{url}: response larger than "
                                       f"{MAX_BODY_BYTES // (1024 * 1024)} MB; refused")
            status = response.status_code
        if status in (401, 403):
            raise TrackerError(f"{url}: the API key was refused (HTTP {status}); check "
                               "OPENROUTER_API_KEY")
        if status == 400:
            raise TrackerError(f"{url}: HTTP 400 for start_date={params.get('start_date')} "
                               f"end_date={params.get('end_date')}: {server_message(bytes(body))}")
        if status != 200:
            raise TrackerError(f"{url}: unexpected HTTP {status}: {server_message(bytes(body))}")
        return Received(url, status, bytes(body), datetime.now(UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"))

    retrying = Retrying(
        retry=retry_if_exception_type((RetryableResponse, httpx.TimeoutException,
                                       httpx.TransportError)),
        stop=stop_after_attempt(config.retry.attempts) | stop_after_delay(config.retry.max_seconds),
        wait=wait_for(config.retry),
        sleep=config.retry.sleep,
        reraise=True,
    )
    try:
        return retrying(attempt)
    except RetryableResponse as exc:
        raise TrackerError(f"{url}: HTTP {exc.status} after {config.retry.attempts} attempts "
                           "(rate limit or server error); try again later") from None
    except httpx.TimeoutException:
        raise TrackerError(f"{url}: timed out after {config.retry.attempts} attempts") from None
    except httpx.TransportError as exc:
        raise TrackerError(f"{url}: network error after {config.retry.attempts} attempts: "
                           f"{type(exc).__name__}: {exc}") from None


def json_depth(value: object) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1)
                         for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def decode_json(received: Received) -> object:
    try:
        payload = json.loads(received.body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TrackerError(f"{received.url}: response is not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise TrackerError(f"{received.url}: response is not valid JSON (truncated?): "
                           f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # deeper than Python can decode
        raise TrackerError(f"{received.url}: {NESTED}") from None
    if json_depth(payload) > MAX_JSON_DEPTH:
        raise TrackerError(f"{received.url}: {NESTED}")
    return payload


# ---------------------------------------------------------------- the fetch

@dataclass
class FetchedWindow:
    start: date
    end: date
    received: Received
    snapshot: Snapshot
    added: list[date] = field(default_factory=list)
    restated: list[date] = field(default_factory=list)
    unchanged: list[date] = field(default_factory=list)


@dataclass
class FetchReport:
    windows: list[FetchedWindow]
    written: list[Path]
    catalogue: str
    latest_week: date | None

    def lines(self) -> list[str]:
        added = sum(len(w.added) for w in self.windows)
        restated = sorted({d for w in self.windows for d in w.restated})
        unchanged = sum(len(w.unchanged) for w in self.windows)
        out = [f"Weeks added: {added}; restated: {len(restated)}"
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
    if not response.data:
        raise TrackerError(f"{received.url}: no rows for {start}..{end}; expected the weeks of "
                           "that window (the schema or the dataset moved?)")
    outside = [r.date for r in response.data if not start <= r.date <= end]
    if outside:
        raise TrackerError(f"{received.url}: week {outside[0]} is outside the requested "
                           f"{start}..{end}")
    return received, Snapshot(path=Path(f"{start}_{end}.json"), meta=response.meta,
                              rows=tuple(response.data))


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


Progress = Callable[[int, int, str], None]  # (step, steps, what is being fetched)


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
    fetched: list[FetchedWindow] = []
    with make_client(config) as client:
        steps = len(windows) + 1
        for i, (start, end) in enumerate(windows):
            if progress:
                progress(i, steps, f"rankings {start}..{end}")
            received, snapshot = fetch_window(client, config, start, end)
            window = FetchedWindow(start, end, received, snapshot)
            classify(window, held)
            fetched.append(window)
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
    return FetchReport(fetched, list(new_files), catalogue_note, weeks[-1] if weeks else None)
