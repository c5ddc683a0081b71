"""`make lighthouse`: Lighthouse (npm, pinned in package-lock.json) on the built site.

Serves site/ on loopback, audits six pages (home, a past week, a model, an embed, and the
rankings and countries pages with the charts of change and of prices) with the mobile preset
(Lighthouse's default: a mid-range phone on a throttled 4G connection, simulated) in Debian's
Chromium, prints the four category scores and writes benchmarks/lighthouse.json
({page: {category: score}}).

The server compresses text with gzip, as the static host (GitHub Pages) does; without it every
page would be audited as if it were served uncompressed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.90}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    """The standard library's static file handler, with gzip for text when the client asks."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass

    def send_head(self):  # noqa: ANN201 (stdlib signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not self.path.split("?")[0].endswith(("/", path.name))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: a file-like object copyfile() reads from."""

    def __init__(self, body: bytes) -> None:
        self.body, self.sent = body, False

    def read(self, size: int = -1) -> bytes:
        if self.sent:
            return b""
        self.sent = True
        return self.body

    def close(self) -> None:
        pass


def pages(site_src: Path) -> dict[str, str]:
    weeks = sorted(p.stem for p in (site_src / "rankings").glob("*.md") if p.stem != "index")
    models = sorted(p.stem for p in (site_src / "models").glob("*.md") if p.stem != "index")
    if not weeks or not models:
        raise SystemExit("lighthouse: build the site first (make site)")
    return {"home": "", "ranking": f"rankings/{weeks[len(weeks) // 2]}/",
            "model": f"models/{models[0]}/", "embed": "embed/tokens-by-country/",
            # the charts of change and of prices: rank movement, price vs usage, free share;
            # growth by country
            "rankings": "rankings/", "countries": "countries/"}


def audit(url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "lighthouse.json")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse: not installed (npm ci)")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(GzipHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    scores = {}
    try:
        for name, path in pages(REPO / "site_src").items():
            scores[name] = audit(base + path)
            print(f"{name:<8} {base + path}", flush=True)
    finally:
        server.shutdown()
    print(f"\n{'page':<8}" + "".join(f"{c:>16}" for c in CATEGORIES))
    missed = []
    for name, row in scores.items():
        print(f"{name:<8}" + "".join(f"{row[c]:>16.2f}" for c in CATEGORIES))
        missed += [f"{name} {c} {row[c]:.2f} < {TARGETS[c]:.2f}" for c in CATEGORIES
                   if row[c] is None or row[c] < TARGETS[c]]
    print("\ntargets: performance ≥ 0.95, accessibility = 1.00, best practices ≥ 0.95, "
          "SEO ≥ 0.90: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    args.out.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    sys.exit(0)


if __name__ == "__main__":
    main()
