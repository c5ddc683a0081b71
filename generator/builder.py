"""The site builder: MkDocs (or Zensical) turns site_src/ into site/, and the Chinese edition
site_src/zh/ into site/zh/ (generator/edition_builds.py), then the build links the generated static
folders (charts/, embed/, and the Chinese edition's) into site/.

MkDocs has no incremental mode and lays out every page (~600 at two years of history, 5-10 s),
so it runs only when something it reads (site_src/ but the linked folders, templates/, both
configurations, SITE_URL, TRACKER_REPO_URL, the installed versions) or its output (site/ but
the linked folders) differs from its last successful run. It runs as a plain ``mkdocs build
--strict``: no hook, no plugin of ours, so Zensical (Material's successor, which reads the same
mkdocs.yml) builds the same site. The static folders hold no page and pages point into them
with HTML only, so mkdocs.yml excludes them (``exclude_docs``) rather than have the builder copy
~2,700 files; the build hard-links them into site/ afterwards (a copy where a link is
impossible).

The two editions build one after the other, each in its own process, the Chinese one while
the drawing processes still draw: at once, the two MkDocs processes (the Chinese one holds
jieba's dictionary) were the top of a cold build's peak memory. MkDocs empties site/ before it
writes the English edition there, so the Chinese one is built into a staging folder and moved
to site/zh/ when both are done. Before they start, the builder lists each edition's pages for
the theme (every page links its counterpart in the other edition).

``start`` is called as soon as every page is written, while the worker processes still draw:
the builder runs alongside them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import IO

from generator.digests import installed_versions, tree_digest
from generator.edition_builds import (
    EditionBuild,
    editions,
    write_editions,
    write_zensical_config,
    zh_site_url,
)
from generator.errors import TrackerError
from generator.files import mirror_tree
from generator.paths import LINKED_DIRS, Project, shown
from generator.search import write_search_dictionary
from generator.stamps import clear_stamp, read_stamp, write_stamp

BUILDERS = ("mkdocs", "zensical")
STAGE = "site"


def builder_inputs(project: Project, builder: str) -> str:
    found = editions(project)
    return hashlib.sha256(json.dumps([
        builder, os.environ.get("SITE_URL", ""), os.environ.get("TRACKER_REPO_URL", ""),
        str(project.root), installed_versions(),
        *(edition.config.read_text(encoding="utf-8") if edition.config.exists() else ""
          for edition in found),
        *(tree_digest(edition.docs_dir, skip=edition.skip) for edition in found),
        tree_digest(project.templates_dir),
    ]).encode()).hexdigest()


def builder_outputs(project: Project) -> str:
    return json.dumps([tree_digest(edition.site_dir, skip=edition.skip)
                       for edition in editions(project)])


def builder_command(project: Project, builder: str,
                    edition: EditionBuild | None = None) -> list[str]:
    edition = edition or editions(project)[0]
    if builder == "zensical":
        config = (edition.config if edition.build_dir == edition.site_dir
                  else write_zensical_config(project, edition))
        return [sys.executable, "-m", "zensical", "build", "--config-file", str(config)]
    # Not --quiet: MkDocs 1.6 counts strict-mode warnings only at the log level shown, so with
    # --quiet a broken link passes. Its INFO lines are dropped when it succeeds.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
            str(edition.config), "--site-dir", str(edition.build_dir)]


def builder_environment(project: Project) -> dict[str, str]:
    return {**os.environ, "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1",
            "TRACKER_ZH_SITE_URL": zh_site_url(project)}


def ensure_search_dictionary(project: Project) -> None:
    """The generator writes the Chinese search's dictionary of names (build.search_names); a
    tree the generator never ran on gets an empty one, as the search plugin warns when the file
    is missing, which fails the strict build."""
    if project.zh_site_src.is_dir() and not project.zh_search_words.exists():
        write_search_dictionary([], project.zh_search_words)


class SiteBuilder:
    """The site builder of one build: ``start`` runs it in the background (or finds it need not
    run); ``finish`` waits for it, links the static folders into site/ and stamps the result."""

    def __init__(self, project: Project, builder: str = "mkdocs") -> None:
        if builder not in BUILDERS:
            raise TrackerError(f"--builder: {builder!r} is not one of {', '.join(BUILDERS)}")
        self.project, self.builder = project, builder
        ensure_search_dictionary(project)
        self.runs: list[tuple[EditionBuild, subprocess.Popen, IO[bytes]]] = []
        self.waiting: list[EditionBuild] = []  # editions to build once the one running is done
        self.lock = threading.Lock()  # runs and waiting, between the build and the clock
        self.environment: dict[str, str] = {}
        self.started = False
        self.cancelled = False
        self.seconds = 0.0  # the builder's own wall time (both editions)
        self.since = 0.0
        self.clock: threading.Thread | None = None

    def start(self) -> None:
        self.started = True
        found = editions(self.project)
        write_editions(self.project, found)  # the theme's list of each edition's pages
        stamp = read_stamp(self.project, STAGE)
        if (stamp.get("inputs") == builder_inputs(self.project, self.builder)
                and stamp.get("outputs") == builder_outputs(self.project)):
            return
        clear_stamp(self.project, STAGE)
        self.since = time.perf_counter()
        self.environment = builder_environment(self.project)
        self.waiting = list(found)
        self.launch()

        def clock() -> None:  # each edition after the last; the builder's own time
            while True:
                with self.lock:
                    process = self.runs[-1][1] if self.runs else None
                if process is None:
                    break
                process.wait()
                with self.lock:
                    if self.cancelled or not self.launch():
                        break
            self.seconds = time.perf_counter() - self.since

        self.clock = threading.Thread(target=clock, daemon=True)
        self.clock.start()

    def launch(self) -> bool:
        """Start building the next waiting edition; False when none is left."""
        if not self.waiting:
            return False
        edition = self.waiting.pop(0)
        if edition.build_dir != edition.site_dir and edition.build_dir.exists():
            shutil.rmtree(edition.build_dir)  # what a failed or killed run left
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(
            builder_command(self.project, self.builder, edition), cwd=self.project.root,
            stdout=log, stderr=subprocess.STDOUT, env=self.environment)
        self.runs.append((edition, process, log))
        return True

    def cancel(self) -> None:
        """Stop a running builder (the build failed): no waiting edition is started."""
        with self.lock:
            self.cancelled = True
            runs, self.runs, self.waiting = self.runs, [], []
        for _, process, log in runs:
            process.kill()
            process.wait()
            log.close()

    def finish(self) -> bool:
        """Wait for the builder, put the editions in place, link the static folders into site/,
        stamp. True when the builder ran."""
        if not self.started:
            self.start()
        if self.clock is not None:
            self.clock.join()  # every edition built, one after the other
        ran = bool(self.runs)
        if self.runs:
            codes = [process.wait() for _, process, _ in self.runs]
            runs, self.runs = self.runs, []
            for (_, _, log), code in zip(runs, codes, strict=True):
                report(log, code)
            for (edition, _, _), code in zip(runs, codes, strict=True):
                if code != 0:
                    raise TrackerError(f"{shown(edition.config)}: {self.builder} build failed "
                                       f"(exit {code}); see its messages above")
            for edition, _, _ in runs:
                place(edition)
        for edition in editions(self.project):
            for name in LINKED_DIRS:
                mirror_tree(edition.docs_dir / name, edition.site_dir / name)
        write_stamp(self.project, STAGE, {"inputs": builder_inputs(self.project, self.builder),
                                          "outputs": builder_outputs(self.project)})
        return ran


def place(edition: EditionBuild) -> None:
    """Move an edition built in a staging folder to where it is published."""
    if edition.build_dir == edition.site_dir:
        return
    if edition.site_dir.exists():
        shutil.rmtree(edition.site_dir)
    edition.site_dir.parent.mkdir(parents=True, exist_ok=True)
    os.replace(edition.build_dir, edition.site_dir)


def report(log: IO[bytes], code: int) -> None:
    """Show a builder's warnings and errors (all of its output when it failed)."""
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    log.close()
    for line in output.splitlines():
        if code != 0 or line.startswith("WARNING"):
            print(line, file=sys.stderr)


def build_site(project: Project, builder: str = "mkdocs") -> bool:
    """Run the site builder on site_src/ unless nothing it reads or writes changed since its
    last successful run (the static folders are linked into site/ either way)."""
    return SiteBuilder(project, builder).finish()
