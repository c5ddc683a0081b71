"""A small local stand-in for OpenRouter's Data API, written from its documented contract:
bearer auth, YYYY-MM-DD dates, a 366-day span limit, ISO-Monday week buckets, the top 50 models
per bucket plus one `other` row sorted last, decimal-string token counts, and `meta`."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DATA_BEGINS = date(2025, 1, 1)


@dataclass
class FakeState:
    """Full-week token counts per week; partial buckets are scaled by the days requested."""

    weeks: dict[str, dict[str, int]]
    as_of: str = "2025-04-02T02:00:00.000Z"
    catalogue: list[dict] = field(default_factory=list)
    # Canned answers served (and consumed) before normal ones: (status, headers, body bytes).
    canned: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)


def monday(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def rankings_body(state: FakeState, start: date, end: date) -> dict:
    rows: list[dict] = []
    bucket = monday(start)
    while bucket <= end:
        covered = min(end, bucket + timedelta(days=6)) - max(start, bucket)
        days = covered.days + 1
        counts = state.weeks.get(bucket.isoformat(), {})
        scaled = {slug: tokens * days // 7 for slug, tokens in counts.items()}
        ranked = sorted(scaled.items(), key=lambda item: (-item[1], item[0]))
        top, rest = ranked[:50], ranked[50:]
        rows += [{"date": bucket.isoformat(), "model_permaslug": slug, "total_tokens": str(n)}
                 for slug, n in top]
        other = sum(n for _, n in rest)
        if other:
            rows.append({"date": bucket.isoformat(), "model_permaslug": "other",
                         "total_tokens": str(other)})
        bucket += timedelta(days=7)
    return {"data": rows, "meta": {"as_of": state.as_of, "version": "v1",
                                   "start_date": start.isoformat(), "end_date": end.isoformat()}}


class Handler(BaseHTTPRequestHandler):
    state: FakeState  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status: int, message: str) -> None:
        self.send(status, json.dumps({"error": {"code": status, "message": message}}).encode())

    def do_GET(self) -> None:  # noqa: N802
        self.state.requests.append(self.path)
        self.state.authorizations.append(self.headers.get("Authorization"))
        if self.state.canned:
            status, headers, body = self.state.canned.pop(0)
            self.send(status, body, headers)
            return
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path == "/api/v1/models":
            self.send(200, json.dumps({"data": self.state.catalogue}).encode())
        elif url.path == "/api/v1/datasets/rankings-daily":
            self.rankings(query)
        else:
            self.error(404, "not found")

    def rankings(self, query: dict[str, str]) -> None:
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or not auth[7:].strip():
            self.error(401, "No auth credentials found")
            return
        try:
            end = date.fromisoformat(query["end_date"]) if "end_date" in query \
                else date(2025, 4, 1)
            start = date.fromisoformat(query["start_date"]) if "start_date" in query \
                else end - timedelta(days=30)
        except ValueError:
            self.error(400, "start_date and end_date must be YYYY-MM-DD")
            return
        if query.get("period", "day") != "week":
            self.error(400, "this fake serves period=week only")
            return
        start = max(start, DATA_BEGINS)
        if (end - start).days + 1 > 366:
            self.error(400, "date range must be at most 366 days")
            return
        self.send(200, json.dumps(rankings_body(self.state, start, end)).encode())


class FakeDataAPI:
    """Runs on a free loopback port in a thread; ``base_url`` ends in /api/v1."""

    def __init__(self, state: FakeState) -> None:
        handler = type("BoundHandler", (Handler,), {"state": state})
        self.state = state
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def __enter__(self) -> FakeDataAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def fake_weeks(first: str, count: int, models: int = 60) -> dict[str, dict[str, int]]:
    """Deterministic full-week figures: `models` models from three countries plus one cloaked,
    each growing by its own rate, so ranks change and more than 50 models compete."""
    authors = ["deepseek", "qwen", "openai", "anthropic", "mistralai"]
    weeks: dict[str, dict[str, int]] = {}
    start = date.fromisoformat(first)
    for w in range(count):
        week = (start + timedelta(weeks=w)).isoformat()
        counts = {}
        for m in range(models):
            author = authors[m % len(authors)]
            base = 10**12 // (m + 1)
            counts[f"{author}/model-{m:02d}-20250101"] = base + base * w * (m % 7) // 50 + w
        counts["openrouter/fake-alpha"] = 3 * 10**11 + w
        weeks[week] = counts
    return weeks
