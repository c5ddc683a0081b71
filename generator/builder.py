"""The site builder: MkDocs (or Zensical) turns site_src/ into site/, then the build links the
generated static folders (charts/, embed/) into site/.

MkDocs has no incremental mode and lays out every page (~600 at two years of history, 5-10 s),
so it runs only when something it reads (site_src/ but the linked folders, templates/,
mkdocs.yml, SITE_URL, TRACKER_REPO_URL, the installed versions) or its output (site/ but the
linked folders) differs from its last successful run. It runs as a plain ``mkdocs build
--strict``: no hook, no plugin of ours, so Zensical (Material's successor, which reads the same
mkdocs.yml) builds the same site. The static folders hold no page and pages point into them
with HTML only, so mkdocs.yml excludes them (``exclude_docs``) rather than have the builder copy
~2,700 files; the build hard-links them into site/ afterwards (a copy where a link is
impossible).

``start`` is called as soon as every page is written, while the worker processes still draw:
the builder runs alongside them.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

from generator.digests import installed_versions, tree_digest
from generator.errors import TrackerError
from generator.files import mirror_tree
from generator.paths import LINKED_DIRS, Project
from generator.stamps import clear_stamp, read_stamp, write_stamp

BUILDERS = ("mkdocs", "zensical")
STAGE = "site"


def builder_inputs(project: Project, builder: str) -> str:
    return hashlib.sha256(json.dumps([
        builder, os.environ.get("SITE_URL", ""), os.environ.get("TRACKER_REPO_URL", ""),
        str(project.root), installed_versions(),
        project.mkdocs_yml.read_text(encoding="utf-8") if project.mkdocs_yml.exists() else "",
        tree_digest(project.site_src, skip=LINKED_DIRS), tree_digest(project.templates_dir),
    ]).encode()).hexdigest()


def builder_outputs(project: Project) -> str:
    return tree_digest(project.site_dir, skip=LINKED_DIRS)


def builder_command(project: Project, builder: str) -> list[str]:
    if builder == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--config-file",
                str(project.mkdocs_yml)]
    # Not --quiet: MkDocs 1.6 counts strict-mode warnings only at the log level shown, so with
    # --quiet a broken link passes. Its INFO lines are dropped when it succeeds.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
            str(project.mkdocs_yml), "--site-dir", str(project.site_dir)]


class SiteBuilder:
    """The site builder of one build: ``start`` runs it in the background (or finds it need not
    run); ``finish`` waits for it, links the static folders into site/ and stamps the result."""

    def __init__(self, project: Project, builder: str = "mkdocs") -> None:
        if builder not in BUILDERS:
            raise TrackerError(f"--builder: {builder!r} is not one of {', '.join(BUILDERS)}")
        self.project, self.builder = project, builder
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()
        self.started = False
        self.seconds = 0.0  # the builder's own wall time
        self.since = 0.0
        self.clock: threading.Thread | None = None

    def start(self) -> None:
        self.started = True
        stamp = read_stamp(self.project, STAGE)
        if (stamp.get("inputs") == builder_inputs(self.project, self.builder)
                and stamp.get("outputs") == builder_outputs(self.project)):
            return
        clear_stamp(self.project, STAGE)
        self.since = time.perf_counter()
        self.process = process = subprocess.Popen(
            builder_command(self.project, self.builder), cwd=self.project.root,
            stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1"})

        def clock() -> None:  # the builder's own time, however long the generator still works
            process.wait()
            self.seconds = time.perf_counter() - self.since

        self.clock = threading.Thread(target=clock, daemon=True)
        self.clock.start()

    def cancel(self) -> None:
        """Stop a running builder (the build failed)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        self.log.close()

    def finish(self) -> bool:
        """Wait for the builder, link the static folders into site/, stamp. True when the
        builder ran."""
        if not self.started:
            self.start()
        ran = self.process is not None
        if self.process is not None:
            code = self.process.wait()
            self.clock.join()
            self.process = None
            self.report(code)
        self.log.close()
        for name in LINKED_DIRS:
            mirror_tree(self.project.site_src / name, self.project.site_dir / name)
        write_stamp(self.project, STAGE, {"inputs": builder_inputs(self.project, self.builder),
                                          "outputs": builder_outputs(self.project)})
        return ran

    def report(self, code: int) -> None:
        """Show the builder's warnings and errors (all of its output when it failed)."""
        self.log.seek(0)
        output = self.log.read().decode("utf-8", "replace")
        for line in output.splitlines():
            if code != 0 or line.startswith("WARNING"):
                print(line, file=sys.stderr)
        if code != 0:
            raise TrackerError(f"{self.project.mkdocs_yml}: {self.builder} build failed "
                               f"(exit {code}); see its messages above")


def build_site(project: Project, builder: str = "mkdocs") -> bool:
    """Run the site builder on site_src/ unless nothing it reads or writes changed since its
    last successful run (the static folders are linked into site/ either way)."""
    return SiteBuilder(project, builder).finish()
