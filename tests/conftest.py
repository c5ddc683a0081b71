"""Shared fixtures: raw snapshots in the exact upstream shape, and a site built once per session."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.paths import (
    GENERATED_DIRS,
    GENERATED_FILES,
    REPO_ROOT,
    ZH_DIR,
    ZH_GENERATED_DIRS,
    ZH_GENERATED_FILES,
    Project,
)

RANKINGS = Path("raw/openrouter/rankings/week")

# Every build in the suite shares one render cache (kept between runs), so a chart already drawn
# by another test is never drawn again. Safe: every render and spec is keyed on its inputs and
# on the code that makes it (test_build.test_a_change_to_the_drawing_code_redraws_every_picture).
os.environ.setdefault("TRACKER_CACHE_DIR", str(REPO_ROOT / ".cache"))
AUTHORS_HEADER = "slug,company,name_zh,country,source_url,notes\n"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path, handler_class: type = QuietHandler) -> Iterator[str]:
    """Serve a folder on a free loopback port for the duration; yields its base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def write_snapshot(data_dir: Path, rows: list[tuple[str, str, int]], *, start: str, end: str,
                   as_of: str, compress: bool = False) -> Path:
    """Write a rankings-daily response (and its .meta.json) the way the fetcher stores it.
    rows: (week_start, model_permaslug, tokens) — tokens written as decimal strings."""
    body = {
        "data": [{"date": w, "model_permaslug": s, "total_tokens": str(t)} for w, s, t in rows],
        "meta": {"as_of": as_of, "version": "v1", "start_date": start, "end_date": end},
    }
    content = json.dumps(body, indent=1).encode()
    folder = data_dir / RANKINGS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{start}_{end}.json"
    if compress:
        content = gzip.compress(content, mtime=0)
        path = path.with_name(path.name + ".gz")
    path.write_bytes(content)
    meta = {"url": "https://openrouter.ai/api/v1/datasets/rankings-daily", "status": 200,
            "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest(),
            "as_of": as_of, "meta": body["meta"]}
    (folder / f"{start}_{end}.meta.json").write_text(json.dumps(meta))
    return path


def write_authors(data_dir: Path, rows: list[tuple[str, str, str]],
                  names_zh: dict[str, str] | None = None) -> Path:
    """authors.csv with (slug, company, country) rows; ``names_zh`` the Chinese names by slug."""
    folder = data_dir / "registry"
    folder.mkdir(parents=True, exist_ok=True)
    names_zh = names_zh or {}
    lines = [f"{slug},{company},{names_zh.get(slug, '')},{country},https://example.org/{slug},\n"
             for slug, company, country in rows]
    path = folder / "authors.csv"
    path.write_text(AUTHORS_HEADER + "".join(lines))
    return path


def weeks_from(first: str, count: int) -> list[str]:
    start = date.fromisoformat(first)
    return [(start + timedelta(days=7 * i)).isoformat() for i in range(count)]


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """Three complete weeks + one in progress; a cloaked model; totals above 2**53."""
    data_dir = tmp_path / "data"
    big = 2**53 + 1  # a figure a float cannot hold exactly
    w1, w2, w3, w4 = weeks_from("2026-03-02", 4)
    rows = [
        (w1, "deepseek/deepseek-v3-20250324", big), (w1, "openai/gpt-5-20250807", 300),
        (w1, "mistralai/mistral-small-20250601", 100), (w1, "other", 50),
        (w2, "openai/gpt-5-20250807", big + 1000), (w2, "deepseek/deepseek-v3-20250324", 500),
        (w2, "openrouter/sonoma-alpha", 400), (w2, "mistralai/mistral-small-20250601", 100),
        (w2, "other", 70),
        (w3, "deepseek/deepseek-v3-20250324", 1000), (w3, "openai/gpt-5-20250807", 1000),
        (w3, "openrouter/sonoma-alpha", 10), (w3, "other", 90),
        (w4, "openai/gpt-5-20250807", 5), (w4, "other", 1),
    ]
    write_snapshot(data_dir, rows, start=w1, end=(date.fromisoformat(w4) + timedelta(days=2))
                   .isoformat(), as_of="2026-03-26T02:00:00.000Z")
    write_authors(data_dir, [("deepseek", "DeepSeek", "CN"), ("openai", "OpenAI", "US"),
                             ("mistralai", "Mistral AI", "FR")], {"deepseek": "深度求索"})
    return data_dir


@pytest.fixture
def tiny_project(tiny_data: Path) -> Project:
    return Project.at(REPO_ROOT, tiny_data)


def sample_data(folder: Path) -> Path:
    """A data folder beside ``folder`` holding the bundled sample and the hand-edited files
    (registry, annotations) of this repository, and no fetched snapshot: whatever data/ holds,
    a build from it is the sample's, so no test depends on (or skips because of) real data."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    for name in ("registry", "annotations.yaml", "sample"):
        if not (data / name).exists():
            (data / name).symlink_to(REPO_ROOT / "data" / name)
    return data


def ignore_generated(folder: str, names: list[str]) -> set[str]:
    """What the generator writes in a folder of this repository: site_src/'s and site_src/zh/'s
    generated pages, and every folder named generated."""
    generated = {"generated"}
    if Path(folder) == REPO_ROOT / "site_src":
        generated |= {*GENERATED_DIRS, *GENERATED_FILES}
    elif Path(folder) == REPO_ROOT / "site_src" / ZH_DIR:
        generated |= {*ZH_GENERATED_DIRS, *ZH_GENERATED_FILES}
    return generated & set(names)


def copy_skeleton(dest: Path, data_dir: Path | None = None) -> Project:
    """A project folder with the hand-written parts of this repository (no generated output)
    and the publishing workflow, built from ``data_dir``, else from the bundled sample
    (``sample_data``)."""
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):  # the English and Chinese editions
        shutil.copy2(REPO_ROOT / config, dest / config)
    shutil.copytree(REPO_ROOT / "site_src", dest / "site_src", ignore=ignore_generated)
    shutil.copytree(REPO_ROOT / "templates", dest / "templates", ignore=ignore_generated)
    # the publishing workflow: its schedule says when the next update is due
    (dest / ".github" / "workflows").mkdir(parents=True)
    shutil.copy2(REPO_ROOT / ".github/workflows/weekly.yml", dest / ".github/workflows")
    return Project.at(dest, data_dir or sample_data(dest))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The bundled sample, built once, in a temporary folder (whatever data/ holds).

    `make test` runs the suite in parallel processes (pytest-xdist): the first that needs this
    site builds it, under a file lock, into the run's own temporary folder, and the others wait
    and use it. Tests only read it."""
    from filelock import FileLock

    from generator.build import build

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        project = copy_skeleton(tmp_path_factory.mktemp("project"))
        build(project)
        return project
    run_folder = tmp_path_factory.getbasetemp().parent  # shared by this run's workers only
    root, done = run_folder / "built-site", run_folder / "built-site.done"
    with FileLock(run_folder / "built-site.lock"):
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)  # what a failed attempt left
            root.mkdir()
            build(copy_skeleton(root))
            done.touch()
    return Project.at(root, root / "data")


@pytest.fixture(scope="session", autouse=True)
def sample_drawn_first(request: pytest.FixtureRequest) -> None:
    """In a parallel run, every process starts by waiting for the sample site's build (one
    build, see built_site), so the many tests that build the sample again find its charts in
    the shared render cache instead of drawing them at the same time as that build."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """The Chromium at CHROMIUM_PATH: the one `make test` found or installed (tests/chromium.py),
    else Debian's /usr/bin/chromium."""
    import os

    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"],
    }
