"""Where things live. Every stage takes a Project so tests can build in a temporary folder."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import TrackerError

REPO_ROOT = Path(__file__).resolve().parent.parent

# Folders under site_src/ that the generator owns (git-ignored, rewritten on every build).
GENERATED_DIRS = ("rankings", "countries", "companies", "models", "data", "downloads", "feeds",
                  "charts", "embed")
GENERATED_FILES = ("index.md",)
# Generated folders of static files that the site builder never sees (mkdocs.yml excludes them):
# ~2,700 files at two years of history, which the build links into site/ itself.
LINKED_DIRS = ("charts", "embed")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# The Chinese edition: a second MkDocs tree (docs_dir site_src/zh/, config mkdocs.zh.yml, which
# inherits mkdocs.yml), built into site/zh/ when site_src/zh/ exists. Its generated folders are
# named as the English ones (git-ignored the same way); its index.md is hand-written for now.
ZH_DIR = "zh"
ZH_GENERATED_DIRS = GENERATED_DIRS
# The search's dictionary of names (generator/search.py); index.md is hand-written until the
# generator writes the Chinese home.
ZH_GENERATED_FILES = ("search-words.txt",)
# The project's repository: $TRACKER_REPO_URL (the workflows set it to the repository they run
# in), else the default that mkdocs.yml gives its repo_url. The header links to it, every page
# to its issue forms, and the fetcher names it in its User-Agent.
REPO_URL_DEFAULT_RE = re.compile(
    r"^repo_url:\s*!ENV\s*\[\s*TRACKER_REPO_URL\s*,\s*[\"']?([^\"'\]\s]+)", re.MULTILINE)
REPO_URL_RE = re.compile(r"^https?://[^\s\"'<>/]+/[^\s\"'<>?#]+$")
SITE_URL_RE = re.compile(r"^site_url:\s*(?:!ENV\s*\[\s*SITE_URL\s*,\s*)?[\"']?([^\"'\]\s]+)",
                         re.MULTILINE)


def shown(path: Path | str) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Project:
    root: Path
    data_dir: Path

    @classmethod
    def at(cls, root: Path | None = None, data_dir: Path | None = None) -> Project:
        root = (root or REPO_ROOT).resolve()
        return cls(root=root, data_dir=(data_dir or root / "data").resolve())

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def sample_dir(self) -> Path:
        return self.data_dir / "sample"

    @property
    def registry_dir(self) -> Path:
        return self.data_dir / "registry"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def generated_overrides(self) -> Path:
        """Theme partials written by the generator (the data-status banner)."""
        return self.templates_dir / "overrides" / "generated"

    @property
    def vega_bundle(self) -> Path:
        return self.site_src / "assets" / "generated" / "vega-bundle.js"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def zh_site_src(self) -> Path:
        """The Chinese edition's docs_dir (mkdocs.yml excludes it from the English build)."""
        return self.site_src / ZH_DIR

    @property
    def zh_site_dir(self) -> Path:
        return self.site_dir / ZH_DIR

    @property
    def mkdocs_zh_yml(self) -> Path:
        return self.root / "mkdocs.zh.yml"

    @property
    def zh_search_words(self) -> Path:
        """The Chinese search's user dictionary (names segmented whole: generator/search.py),
        read by mkdocs.zh.yml's search plugin and excluded from the pages."""
        return self.zh_site_src / "search-words.txt"

    @property
    def weekly_workflow(self) -> Path:
        """The publishing workflow, whose schedule says when the next update is due."""
        return self.root / ".github" / "workflows" / "weekly.yml"

    @property
    def cache_dir(self) -> Path:
        """Render caches (content-addressed, safe to share): TRACKER_CACHE_DIR or ROOT/.cache."""
        shared = os.environ.get("TRACKER_CACHE_DIR")
        return Path(shared) if shared else self.root / ".cache"


def site_url(project: Project) -> str:
    """The published address as mkdocs.yml resolves it: $SITE_URL, else the file's default.
    Snippets and oEmbed need it absolute."""
    url = os.environ.get("SITE_URL", "")
    if not url and project.mkdocs_yml.exists():
        match = SITE_URL_RE.search(project.mkdocs_yml.read_text(encoding="utf-8"))
        url = match.group(1) if match else ""
    url = url or DEFAULT_SITE_URL
    if not re.match(r"^https?://[^\s\"'<>]+$", url):
        raise TrackerError(f"SITE_URL: not an http(s) address: {url!r}")
    return url.rstrip("/") + "/"


def repo_url(project: Project | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The project's repository, without a trailing slash: $TRACKER_REPO_URL, else the default
    in mkdocs.yml (``repo_url: !ENV [TRACKER_REPO_URL, "..."]``, its one place)."""
    environ = os.environ if environ is None else environ
    project = project or Project.at()
    url = environ.get("TRACKER_REPO_URL", "").strip()
    if not url:
        text = (project.mkdocs_yml.read_text(encoding="utf-8")
                if project.mkdocs_yml.exists() else "")
        match = REPO_URL_DEFAULT_RE.search(text)
        if not match:
            raise TrackerError(f"{shown(project.mkdocs_yml)}: no default repository address: "
                               'expected repo_url: !ENV [TRACKER_REPO_URL, "https://..."]')
        url = match.group(1)
    url = url.rstrip("/")
    if not REPO_URL_RE.match(url):
        raise TrackerError(f"TRACKER_REPO_URL: not the http(s) address of a repository: {url!r}")
    return url


def new_issue_url(repository: str) -> str:
    """Where a reader reports a problem: the repository's issue forms (GitHub's chooser)."""
    return f"{repository}/issues/new/choose"
