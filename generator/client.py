"""The HTTP side of `python -m generator fetch`: configuration from the environment, GET with
bounded retries (429, 5xx and network faults, honouring Retry-After), bounded response size and
JSON depth. The API key travels only in a header: never in a URL, a message or a file.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import httpx
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
from generator.paths import repo_url

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
MAX_BODY_BYTES = 50 * 1024 * 1024
MAX_JSON_DEPTH = 64  # a rankings response is 3 levels deep, the models catalogue about 5
NESTED = f"response nested more than {MAX_JSON_DEPTH} levels deep; refused"


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


def user_agent(environ: Mapping[str, str]) -> str:
    """'ai-token-tracker/0.1.0 (+https://github.com/owner/repo)': the project and its repository
    (the TRACKER_REPO_URL setting, which the workflows set to the repository they run in)."""
    return f"ai-token-tracker/{__version__} (+{repo_url(environ=environ)})"


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
