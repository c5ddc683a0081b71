"""`make bench`: build a synthetic history at scale and measure the build and the pages.

A benchmark, not a test: it prints a table and writes benchmarks/results.json. It times a cold
build, a rebuild with nothing changed, a rebuild after one new week, a rebuild after one author's
country changes in data/registry/authors.csv (what a contributor waits for), and the same site
built by Zensical (`zensical build`, from benchmarks/requirements.lock). The synthetic
history is made by benchmarks/synthetic.py (the sample's lifecycle model, any scale) in
the raw upstream format, in a temporary project folder with its own render cache, so nothing in
the working tree or its cache is touched. Figures depend on the machine and on whatever else runs
on it: the load average before and after is recorded with them.

    python benchmarks/bench.py                 # 104 weeks, scaling run at 26/52/104/208 weeks
    python benchmarks/bench.py --quick         # 26 weeks, scaling at 13/26 (for development)
    python benchmarks/bench.py --weeks 52 --scaling 26,52 --no-zensical
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import synthetic_authors, write_synthetic  # noqa: E402
from generator.paths import GENERATED_DIRS, GENERATED_FILES, ZH_GENERATED_FILES  # noqa: E402

AUTHORS = 60
ENV = {"TZ": "UTC", "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
# What a browser transfers: text compressed as a static host serves it (gzip), images as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt", ".map")
EXCLUDED = ("assets/generated/vega-bundle.js",)  # shared and cached; loaded on interaction
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
          "is_mobile": True, "has_touch": True}
TARGETS = {  # key: (limit, "max" | "min")
    "cold_build_s": 90, "noop_rebuild_s": 8, "noop_generator_s": 2, "new_week_rebuild_s": 15,
    "registry_edit_rebuild_s": 20, "peak_rss_mb": 800, "page_kb.home": 150, "page_kb.embed": 60,
    "mb_per_added_week": 1.5, "home_html_kb": 150,
}


# ---------------------------------------------------------------- a project at a chosen scale

def make_project(root: Path, weeks: int, new_weeks: int = 0) -> None:
    """A copy of the repository's hand-written site with a synthetic history under data/raw/."""
    source = REPO / "site_src"
    # what the generator writes: at the top of site_src/ and of the Chinese tree (whose home
    # page is hand-written for now)
    skip = {source: {*GENERATED_DIRS, *GENERATED_FILES, "generated"},
            source / "zh": {*GENERATED_DIRS, *ZH_GENERATED_FILES}}
    if not (root / "mkdocs.yml").exists():
        for config in ("mkdocs.yml", "mkdocs.zh.yml"):  # both editions, as the repository
            shutil.copy2(REPO / config, root / config)
        shutil.copytree(REPO / "templates", root / "templates",
                        ignore=shutil.ignore_patterns("generated"))
        shutil.copytree(source, root / "site_src", ignore=lambda folder, names: [
            name for name in names if name in skip.get(Path(folder), ())])
        registry = root / "data" / "registry"
        registry.mkdir(parents=True)
        shutil.copy2(REPO / "data" / "registry" / "models.csv", registry / "models.csv")
        with (REPO / "data" / "registry" / "authors.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        known = [(r["slug"], r["company"], r["country"]) for r in rows]
        with (registry / "authors.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["slug", "company", "name_zh", "country", "source_url", "notes"])
            for slug, company, country in sorted(synthetic_authors(known, AUTHORS)):
                row = next((r for r in rows if r["slug"] == slug), {})
                source = row.get("source_url", "https://example.org/synthetic-benchmark-author")
                writer.writerow([slug, company, row.get("name_zh", ""), country, source, ""])
    with (root / "data" / "registry" / "authors.csv").open(encoding="utf-8") as handle:
        authors = [(r["slug"], r["company"], r["country"]) for r in csv.DictReader(handle)]
    write_synthetic(root / "data", weeks, authors, new_weeks=new_weeks)


def edit_registry(root: Path) -> str:
    """What a contributor's one-line pull request does: move the first author of the project's
    data/registry/authors.csv (one with many models in the synthetic history) to another
    country. Returns the edit, e.g. 'ai21: IL -> US'."""
    path = root / "data" / "registry" / "authors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("country")
    author = rows[1]
    before = author[column]
    author[column] = "CA" if before == "US" else "US"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return f"{author[0]}: {before} -> {author[column]}"


# ---------------------------------------------------------------- timing and memory

@dataclass
class Run:
    seconds: float
    peak_mb: float


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Wall time and peak resident memory of the command's whole process tree (sampled)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    watched = psutil.Process(process.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total = 0
            try:
                for proc in [watched, *watched.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed (exit {code})")
    return Run(seconds, peak / 2**20)


@dataclass
class Build:
    run: Run  # the whole `generator build`: wall time and peak memory of its process tree
    generator_s: float  # the generator, to its end
    builder_s: float  # MkDocs' own wall time: it starts once the pages are written, while the
    # generator's workers still draw the embed cards, so the two overlap

    @property
    def seconds(self) -> float:
        return self.run.seconds

    @property
    def peak_mb(self) -> float:
        return self.run.peak_mb


def build(root: Path, env: dict[str, str]) -> Build:
    """What `make site` runs: `python -m generator build` (generator and site builder, each
    skipped when nothing it reads or writes changed), with the build's own timings."""
    timings = root.parent / f"{root.name}-timings.json"
    run = run_measured([sys.executable, "-m", "generator", "build", "--root", str(root),
                        "--timings", str(timings)], REPO, env)
    figures = json.loads(timings.read_text(encoding="utf-8"))
    return Build(run, figures["generator_s"], figures["builder_s"])


def environment(cache: Path) -> dict[str, str]:
    env = {**os.environ, **ENV, "TRACKER_CACHE_DIR": str(cache)}
    env.pop("SITE_URL", None)
    return env


# ---------------------------------------------------------------- the built site

def site_figures(site: Path) -> dict:
    """Pages, the site's size on disk (what GitHub Pages counts against its 1 GB: every file
    once) and the home page's HTML as written (not compressed)."""
    pages = sum(1 for _ in site.rglob("*.html"))
    embeds = sum(1 for _ in (site / "embed").rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": pages, "embed_pages": embeds, "site_pages": pages - embeds,
            "site_mb": round(size / 1e6, 1),
            "home_html_kb": round((site / "index.html").stat().st_size / 1e3, 1)}


def growth(scaling: list[dict]) -> float | None:
    """MB the site grows by per added week: the slope between the two longest histories
    built (the growth of the years to come, not the average since the first week)."""
    points = sorted((point["weeks"], point["site_mb"]) for point in scaling)
    if len(points) < 2 or points[-1][0] == points[-2][0]:
        return None
    (weeks_a, mb_a), (weeks_b, mb_b) = points[-2:]
    return round((mb_b - mb_a) / (weeks_b - weeks_a), 3)


def sample_pages(root: Path) -> dict[str, str]:
    """The four pages whose transfer is measured: URLs relative to the site root."""
    weeks = sorted(p.stem for p in (root / "site_src" / "rankings").glob("*.md")
                   if p.stem != "index")
    models = sorted(p.stem for p in (root / "site_src" / "models").glob("*.md")
                    if p.stem != "index")
    past = weeks[len(weeks) // 2]
    return {"home": "", "ranking": f"rankings/{past}/", "model": f"models/{models[0]}/",
            "embed": "embed/tokens-by-country/"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def transferred(site: Path, url: str) -> tuple[int, int]:
    """(bytes on the wire with gzip for text, raw bytes) of one same-site URL."""
    path = urlsplit(url).path.lstrip("/")
    file = site / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    if not file.is_file() or path.endswith(EXCLUDED):
        return 0, 0
    body = file.read_bytes()
    wire = len(gzip.compress(body, 6)) if file.suffix in COMPRESSED else len(body)
    return wire, len(body)


def page_weights(site: Path, pages: dict[str, str]) -> dict[str, dict[str, float]]:
    """KB each page transfers until it has loaded and the network is idle, in a mobile-sized
    Chromium (lazy images below the fold are not loaded; a chart in view loads its spec)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                               "--directory", str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        out = {}
        with sync_playwright() as player:
            browser = player.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                args=["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"])
            for name, path in pages.items():
                context = browser.new_context(**MOBILE)
                page = context.new_page()
                urls: list[str] = []
                page.on("request", lambda request, urls=urls: urls.append(request.url))
                page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="load")
                page.wait_for_load_state("networkidle")
                sizes = [transferred(site, url) for url in dict.fromkeys(urls)]
                out[name] = {"kb": round(sum(w for w, _ in sizes) / 1024, 1),
                             "raw_kb": round(sum(r for _, r in sizes) / 1024, 1),
                             "requests": len(urls)}
                context.close()
            browser.close()
        return out
    finally:
        server.terminate()
        server.wait()


def zensical_build(root: Path, env: dict[str, str]) -> tuple[float, float]:
    """`zensical build` on the same mkdocs.yml and site_src/: from a clean cache, then again
    with nothing changed (Zensical, unlike MkDocs, rebuilds incrementally)."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    command = [str(Path(sys.executable).with_name("zensical")), "build", "--config-file",
               str(root / "mkdocs.yml")]
    cold = run_measured([*command, "--clean"], root, env).seconds
    return cold, run_measured(command, root, env).seconds


# ---------------------------------------------------------------- the run

def cold_build(weeks: int, work: Path) -> tuple[Path, dict[str, str], Build]:
    root = work / f"project-{weeks}w"
    root.mkdir()
    make_project(root, weeks)
    env = environment(work / f"cache-{weeks}w")
    return root, env, build(root, env)


def report(results: dict) -> str:
    def flag(key: str, value: float) -> str:
        if key not in TARGETS:
            return ""
        return f"≤ {TARGETS[key]:g}  {'ok' if value <= TARGETS[key] else 'MISSED'}"

    rows = [
        ("cold full build (s)", "cold_build_s", results["cold_build_s"]),
        ("  generator (s)", "generator_s", results["generator_s"]),
        ("  builder: mkdocs (s), alongside", "builder_s", results["builder_s"]),
        ("no-change rebuild (s)", "noop_rebuild_s", results["noop_rebuild_s"]),
        ("  generator (s)", "noop_generator_s", results["noop_generator_s"]),
        ("rebuild after one new week (s)", "new_week_rebuild_s", results["new_week_rebuild_s"]),
        ("  generator (s)", "new_week_generator_s", results["new_week_generator_s"]),
        ("  builder: mkdocs (s), alongside", "new_week_builder_s",
         results["new_week_builder_s"]),
        (f"rebuild after a registry edit (s): {results['registry_edit']}",
         "registry_edit_rebuild_s", results["registry_edit_rebuild_s"]),
        ("  generator (s)", "registry_edit_generator_s", results["registry_edit_generator_s"]),
        ("  builder: mkdocs (s), alongside", "registry_edit_builder_s",
         results["registry_edit_builder_s"]),
        ("peak RSS, whole build (MB)", "peak_rss_mb", results["peak_rss_mb"]),
        ("pages built (HTML)", "pages", results["pages"]),
        ("  of which embed pages", "embed_pages", results["embed_pages"]),
        ("site size (MB)", "site_mb", results["site_mb"]),
        ("  added per week, longest two scaling builds (MB)", "mb_per_added_week",
         results["mb_per_added_week"]),
        (f"home page HTML at {results['longest_weeks']} weeks (KB)", "home_html_kb",
         results["home_html_kb_longest"]),
    ]
    for name, figure in results["page_kb"].items():
        rows.append((f"{name} page before interaction (KB, gzip)", f"page_kb.{name}", figure))
    rows.append(("zensical build, same site (s)", "zensical_build_s",
                 results["zensical_build_s"]))
    rows.append(("  again, nothing changed (s)", "zensical_noop_rebuild_s",
                 results["zensical_noop_rebuild_s"]))
    lines = [f"AI Token Tracker benchmark: {results['weeks']} weeks, {results['models']} models, "
             f"{results['authors']} authors",
             f"machine: {results['machine']}; load average before/after: "
             f"{results['loadavg_before']} / {results['loadavg_after']}", ""]
    width = max(len(r[0]) for r in rows) + 2
    for label, key, value in rows:
        shown = "n/a" if value is None else f"{value:g}"
        target = flag(key, value) if value is not None else ""
        lines.append(f"{label:<{width}}{shown:>10}   {target}")
    lines.append("")
    lines.append("scaling (cold full build):  weeks   seconds   s/week   site MB  home KB")
    for point in results["scaling"]:
        lines.append(f"{'':<28}{point['weeks']:>6}  {point['seconds']:>8.1f}  "
                     f"{point['seconds'] / point['weeks']:>7.2f}  {point['site_mb']:>8.1f}  "
                     f"{point['home_html_kb']:>7.1f}")
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--scaling", default=None,
                        help="comma-separated week counts for the scaling run ('' = none; "
                             "default 26,52,104,208, or 13,26 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="26 weeks, scaling at 13 and 26 (for development)")
    parser.add_argument("--no-zensical", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    args = parser.parse_args()
    if args.quick:
        args.weeks = 26
    if args.scaling is None:
        args.scaling = "13,26" if args.quick else "26,52,104,208"
    return args


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def build_figures(prefix: str, run: Build) -> dict:
    """A build's wall time and the generator's and MkDocs' shares of it, as results keys."""
    return {f"{prefix}_rebuild_s": round(run.seconds, 1),
            f"{prefix}_generator_s": round(run.generator_s, 1),
            f"{prefix}_builder_s": round(run.builder_s, 1)}


def measure(args: argparse.Namespace, work: Path) -> tuple[dict, dict]:
    """Every build of the one project: cold, no change, one new week, one registry edit, then
    the same site_src/ built by Zensical; and the built site's pages. Also the cold build's
    scaling point (seconds, site size, home page), for the scaling run."""
    say(f"cold build of {args.weeks} weeks in {work} ...")
    root, env, cold = cold_build(args.weeks, work)
    say(f"cold {cold.seconds:.1f} s (generator {cold.generator_s:.1f} s, peak "
        f"{cold.peak_mb:.0f} MB); no-change rebuild ...")
    noop = build(root, env)
    say(f"no-change rebuild {noop.seconds:.1f} s (generator {noop.generator_s:.1f} s)")
    figures = site_figures(root / "site")
    point = {"weeks": args.weeks, "seconds": round(cold.seconds, 1),
             "site_mb": figures["site_mb"], "home_html_kb": figures["home_html_kb"]}
    pages = sample_pages(root)
    say("page weights ...")
    weights = page_weights(root / "site", pages)
    say("one new week ...")
    make_project(root, args.weeks, new_weeks=1)
    new_week = build(root, env)
    say(f"new week {new_week.seconds:.1f} s (generator {new_week.generator_s:.1f} s, peak "
        f"{new_week.peak_mb:.0f} MB); a registry edit ...")
    edit = edit_registry(root)
    registry_edit = build(root, env)
    say(f"registry edit ({edit}) {registry_edit.seconds:.1f} s (generator "
        f"{registry_edit.generator_s:.1f} s)")
    zensical = zensical_noop = None
    if not args.no_zensical:
        say("zensical ...")
        zensical, zensical_noop = (round(x, 1) for x in zensical_build(root, env))
    builds = {"cold": cold, "noop": noop, "new_week": new_week, "registry_edit": registry_edit}
    return {
        "models": len(list((root / "site_src" / "models").glob("*.md"))) - 1,
        "cold_build_s": round(cold.seconds, 1),
        "generator_s": round(cold.generator_s, 1),
        "builder_s": round(cold.builder_s, 1),
        "noop_rebuild_s": round(noop.seconds, 1),
        "noop_generator_s": round(noop.generator_s, 1),
        **build_figures("new_week", new_week),
        **build_figures("registry_edit", registry_edit),
        "registry_edit": edit,
        "peak_rss_mb": round(max(run.peak_mb for run in builds.values())),
        "peak_rss_by_build_mb": {name: round(run.peak_mb) for name, run in builds.items()},
        **figures,
        "page_kb": {name: weight["kb"] for name, weight in weights.items()},
        "page_raw_kb": {name: weight["raw_kb"] for name, weight in weights.items()},
        "page_urls": pages,
        "zensical_build_s": zensical,
        "zensical_noop_rebuild_s": zensical_noop,
    }, point


def scaling_run(weeks_list: list[int], measured: dict, work: Path) -> list[dict]:
    """Cold builds at other history lengths (the measured one is reused): the time of each,
    the site's size and the home page's HTML. Each project is deleted once measured."""
    scaling = []
    for weeks in weeks_list:
        if weeks == measured["weeks"]:
            point = measured
        else:
            say(f"scaling, cold build of {weeks} weeks ...")
            root, _, run = cold_build(weeks, work)
            figures = site_figures(root / "site")
            point = {"weeks": weeks, "seconds": round(run.seconds, 1),
                     "site_mb": figures["site_mb"], "home_html_kb": figures["home_html_kb"]}
            say(f"{weeks} weeks cold {run.seconds:.1f} s, site {figures['site_mb']} MB")
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(work / f"cache-{weeks}w", ignore_errors=True)
        scaling.append(point)
    return scaling


def main() -> None:
    args = parse_args()
    scale = [int(w) for w in args.scaling.split(",") if w.strip()]
    loadavg_before = [round(x, 2) for x in os.getloadavg()]
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        measured, point = measure(args, work)
        scaling = scaling_run(scale, point, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    memory = psutil.virtual_memory().total / 2**30
    results = {
        "weeks": args.weeks, "authors": AUTHORS, **measured, "scaling": scaling,
        "mb_per_added_week": growth(scaling),
        "longest_weeks": max([args.weeks, *scale]),
        "home_html_kb_longest": max([point, *scaling], key=lambda p: p["weeks"])["home_html_kb"],
        "machine": f"{os.cpu_count()} cores, {memory:.0f} GB, {platform.system()} "
                   f"{platform.release()}, Python {platform.python_version()}",
        "loadavg_before": loadavg_before,
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print()
    print(report(results))
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
