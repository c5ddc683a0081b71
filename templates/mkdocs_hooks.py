"""MkDocs hooks (mkdocs.yml `hooks:`): run by the site builder on every page.

Static files: everything under site_src/ that is not a page (chart SVGs, CSVs, embed folders, image
cards, downloads: ~8,000 files at two years of history) is hard-linked into site/ instead of
copied, falling back to a copy where a link is impossible (another file system). Copying them was
~3 s of every build on an ext4 disk, linking ~0.3 s. The generator never writes into a file in
place (it writes a new file and renames it over the old one), so a linked site/ file keeps the
bytes of the build that made it.

Folders named in $TRACKER_LINKED_LATER (comma-separated: ``embed,charts``) are left out of the
build altogether: the generator's build starts MkDocs while its workers still draw the embed
cards, and links those folders into site/ itself once both are done. Nothing the builder reads
lives there: no page, and pages point into them with HTML only (a Markdown link into them would
fail --strict, the file being absent). A plain ``mkdocs build`` has the variable unset and
copies everything.

Pages: MkDocs has no incremental mode, and converting every page's Markdown is ~60% of a build
(~600 pages at two years of history). When $TRACKER_PAGE_CACHE names a folder (the generator's
build sets it), each page's conversion is kept there under a digest of its Markdown, its place,
the Markdown configuration, this file and the library versions, with the links MkDocs resolved
in it; a page whose digest is found is not converted again. Its links are resolved again against
this build's files by MkDocs' own code (the same warnings: --strict still fails on a link whose
target is gone), and a page with a link that now resolves elsewhere is converted as usual.
Material's search entries of a page are kept the same way, under a digest of everything they
are made from. So is the page's layout in the theme (the HTML file MkDocs writes), under a digest
of everything the theme's templates read for it: the page (content, title, table of contents,
metadata, place, neighbours and ancestors), the whole navigation, mkdocs.yml, SITE_URL, the
theme overrides, this file and the versions. The one part of every page that changes weekly,
the data-status banner (generated/data_status.html), is left as a marker in the kept layout and
put in when the page is written. The build deletes the entries no build used since its start.

Tables: every Markdown table gets class ``tt-table`` and its own scrolling wrapper, styled in
assets/tracker.css. Material's script otherwise finds each bare ``table:not([class])`` after
load and moves it into a wrapper of its own: on a ranking page (a 50-row table) that costs a
phone ~150 ms of blocked main thread (Lighthouse mobile, issue 6), for the same look.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, TemplateNotFound
from markupsafe import Markup
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

PAGE_CACHE_VERSION = 2
CACHE_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")
log = logging.getLogger("mkdocs.hooks.tracker")

TABLE_OPEN = '<div class="tt-table-scroll"><table class="tt-table">'


def on_page_content(html: str, **_: object) -> str:
    """Python-Markdown writes a bare ``<table>`` only for Markdown tables (text in a cell is
    escaped, so it cannot contain one)."""
    if "<table>" not in html:
        return html
    return html.replace("<table>", TABLE_OPEN).replace("</table>", "</table></div>")


class LinkedFile(File):
    """A static file of site_src/ that goes into site/ as a hard link (see the module's doc)."""

    def copy_file(self, dirty: bool = False) -> None:
        if (dirty and not self.is_modified()) or self._content is not None:
            super().copy_file(dirty)
            return
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)
        except OSError:  # another file system, or links not allowed: copy as MkDocs does
            super().copy_file(dirty)


def on_files(files: Files, config: dict, **_: object) -> Files:
    """Only site_src/'s own static files: never the theme's (which live in the environment)."""
    later = tuple(f"{name.strip()}/" for name in
                  os.environ.get("TRACKER_LINKED_LATER", "").split(",") if name.strip())
    for file in list(files) if later else ():
        if file.src_dir == config["docs_dir"] and file.src_uri.startswith(later):
            files.remove(file)
    for file in files:
        if (type(file) is File and file.src_dir == config["docs_dir"]
                and not file.is_documentation_page()):
            file.__class__ = LinkedFile
    return files


# ---------------------------------------------------------------- the page cache
_PAGE_CACHE = {"dir": None, "seed": "", "converted": 0, "kept": 0, "layouts": 0,
               "layout_seed": None, "status": "", "nav": None, "layout_key": None}
STATUS_PARTIAL = "generated/data_status.html"
STATUS_MARK = "<!-- tracker: data status -->"  # where a kept layout's banner goes
_ORIGINAL: dict[str, object] = {}  # the library functions this wraps, patched once a process


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    os.utime(path)  # used by this build: the builder prunes entries no build used
    return text


def _load(path: Path) -> object:
    try:
        return json.loads(_read(path) or "")
    except ValueError:
        return None


def _write(path: Path, text: str) -> None:
    """Write atomically (generator.files is not importable here: MkDocs runs in the project's
    folder, which need not hold the generator)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _store(path: Path, value: object) -> None:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not plain data: not kept
        return
    _write(path, text)


def _toc_tokens(tokens: list) -> object:
    """get_toc, recording the tokens of the page being converted (to keep with it)."""
    _PAGE_CACHE["toc"] = tokens
    return _ORIGINAL["get_toc"](tokens)


def _recorded_path_to_url(self: object, url: str) -> str:
    """MkDocs' link resolution, recording each link of the page being converted."""
    new_url = _ORIGINAL["path_to_url"](self, url)
    links = _PAGE_CACHE.get("links")
    if links is not None:
        links.append([url, new_url])
    return new_url


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render, or its kept result when the page's Markdown and place are unchanged."""
    folder: Path = _PAGE_CACHE["dir"]
    key = _digest(_PAGE_CACHE["seed"], page.file.src_uri, page.url, page.markdown or "")
    path = folder / f"{key}.json"
    kept = _load(path)
    if isinstance(kept, dict) and _replay(page, kept, config, files):
        _PAGE_CACHE["kept"] += 1
        return
    _PAGE_CACHE["links"], _PAGE_CACHE["toc"] = [], []
    try:
        type(page).render(page, config, files)
        links, tokens = _PAGE_CACHE["links"], _PAGE_CACHE["toc"]
    finally:
        _PAGE_CACHE["links"] = None
    _PAGE_CACHE["converted"] += 1
    _store(path, {"content": page.content, "toc": tokens, "links": links,
                  "title": page._title_from_render,
                  "anchors": sorted(page.present_anchor_ids or ())})


def _replay(page: Page, kept: dict, config: MkDocsConfig, files: Files) -> bool:
    """Resolve the kept page's links again against this build's files, as MkDocs does (the same
    warnings: --strict still fails on a link whose target is gone); False, and nothing set,
    when one resolves to another address than when the page was converted."""
    try:
        resolver = pages._RelativePathTreeprocessor(page.file, files, config)
        for url, new_url in kept["links"]:
            if _ORIGINAL["path_to_url"](resolver, url) != new_url:
                return False
        toc = _ORIGINAL["get_toc"](kept["toc"])
        content, title, anchors = kept["content"], kept["title"], set(kept["anchors"])
    except (KeyError, TypeError, ValueError):
        return False
    page.content, page.toc, page._title_from_render = content, toc, title
    page.present_anchor_ids = anchors
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = resolver.links_to_anchors
    return True


def _toc_plain(toc: object) -> list:
    return [[item.id, item.title, item.url, item.level, _toc_plain(item.children)]
            for item in toc]


def _search_entry(self: SearchIndex, page: Page) -> None:
    """Material's search entries of a page, kept under a digest of everything they come from."""
    folder: Path | None = _PAGE_CACHE["dir"]
    if folder is None:
        _ORIGINAL["add_entry"](self, page)
        return
    key = _digest(_PAGE_CACHE["seed"], "search", page.url, str(page.title),
                  json.dumps(page.meta, sort_keys=True, default=str),
                  json.dumps(_toc_plain(page.toc)), page.content or "")
    path = folder / f"search-{key}.json"
    kept = _load(path)
    if isinstance(kept, list):
        self.entries.extend(kept)
        return
    before = len(self.entries)
    _ORIGINAL["add_entry"](self, page)
    _store(path, self.entries[before:])


def _layout_seed(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page's layout depends on besides the page itself."""
    parts = [_PAGE_CACHE["seed"], "layout", str(config["site_url"]),
             Path(config.config_file_path).read_text(encoding="utf-8"),
             json.dumps(_nav_plain(nav.items), default=str, sort_keys=True)]
    overrides = config["theme"].custom_dir
    if overrides:
        for path in sorted(Path(overrides).rglob("*")):
            if path.is_file() and path.relative_to(overrides).as_posix() != STATUS_PARTIAL:
                parts += [path.relative_to(overrides).as_posix(),
                          path.read_text(encoding="utf-8", errors="replace")]
    return _digest(*parts)


def _nav_plain(items: list) -> list:
    return [[type(item).__name__, str(item.title), getattr(item, "url", None),
             getattr(item, "meta", None), _nav_plain(item.children or [])] for item in items]


def _neighbour(page: Page | None) -> list:
    return [page.url, str(page.title)] if page is not None else []


def on_nav(nav: Navigation, **_: object) -> Navigation:
    _PAGE_CACHE["nav"] = nav
    return nav


def on_env(env: Environment, config: MkDocsConfig, **_: object) -> Environment:
    """Every page is converted: its layout can be kept from now on, but for the banner."""
    if _PAGE_CACHE["dir"] is None or _PAGE_CACHE["nav"] is None:
        return env
    try:
        _PAGE_CACHE["status"] = env.get_template(STATUS_PARTIAL).render()
    except TemplateNotFound:  # no banner to put in: main.html includes nothing either
        return env
    env.globals["tracker_data_status"] = Markup(STATUS_MARK)
    _PAGE_CACHE["layout_seed"] = _layout_seed(config, _PAGE_CACHE["nav"])
    return env


def on_page_context(context: dict, page: Page, **_: object) -> dict:
    """A kept layout (main.html then extends tracker-kept.html, which prints it)."""
    seed = _PAGE_CACHE["layout_seed"]
    if seed is None:
        return context
    key = _digest(seed, page.file.src_uri, page.url, str(page.title), page.content or "",
                  json.dumps(_toc_plain(page.toc)),
                  json.dumps(page.meta, sort_keys=True, default=str),
                  str(page.canonical_url), str(page.edit_url), str(page.is_homepage),
                  json.dumps([_neighbour(page.previous_page), _neighbour(page.next_page),
                              [[type(a).__name__, str(a.title)] for a in page.ancestors]]))
    path = _PAGE_CACHE["dir"] / f"layout-{key}.html"
    kept = _read(path)
    if kept is None:
        _PAGE_CACHE["layout_key"] = path  # laid out now, kept in on_post_page
    else:
        context["tracker_kept"] = Markup(kept)
        _PAGE_CACHE["layouts"] += 1
    return context


def on_post_page(output: str, page: Page, **_: object) -> str:
    path = _PAGE_CACHE["layout_key"]
    if path is not None:
        _PAGE_CACHE["layout_key"] = None
        _write(path, output)
    return _with_status(output)


def on_post_template(output: str, **_: object) -> str:
    """The theme's own pages (404.html) have the marker too."""
    return _with_status(output)


def _with_status(output: str) -> str:
    if _PAGE_CACHE["layout_seed"] is None:
        return output
    return output.replace(STATUS_MARK, _PAGE_CACHE["status"], 1)


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    """With $TRACKER_PAGE_CACHE set, keep conversions there (see the module's doc)."""
    folder = os.environ.get("TRACKER_PAGE_CACHE", "")
    _PAGE_CACHE.update(dir=None, converted=0, kept=0, layouts=0, layout_seed=None, status="",
                       nav=None, layout_key=None)
    if not folder:
        return config
    Path(folder).mkdir(parents=True, exist_ok=True)
    if not _ORIGINAL:
        _ORIGINAL.update(get_toc=pages.get_toc,
                         path_to_url=pages._RelativePathTreeprocessor.path_to_url,
                         add_entry=SearchIndex.add_entry_from_context)
        pages.get_toc = _toc_tokens
        pages._RelativePathTreeprocessor.path_to_url = _recorded_path_to_url
        SearchIndex.add_entry_from_context = _search_entry
    versions = [metadata.version(name) for name in CACHE_PACKAGES]
    _PAGE_CACHE["dir"] = Path(folder)
    _PAGE_CACHE["seed"] = _digest(str(PAGE_CACHE_VERSION), *versions,
                                  Path(__file__).read_text(encoding="utf-8"),
                                  json.dumps([config["markdown_extensions"],
                                              config["mdx_configs"],
                                              config["use_directory_urls"]], default=str,
                                             sort_keys=True))
    return config


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if _PAGE_CACHE["dir"] is not None:
        page.render = functools.partial(_render, page)  # this page's conversion, kept
    return markdown


def on_post_build(**_: object) -> None:
    if _PAGE_CACHE["dir"] is not None:
        log.info(f"Page cache: {_PAGE_CACHE['kept']} pages kept, "
                 f"{_PAGE_CACHE['converted']} converted; {_PAGE_CACHE['layouts']} layouts kept")
