"""MkDocs hooks (mkdocs.yml `hooks:`): run by the site builder on every page.

Static files: everything under site_src/ that is not a page (chart SVGs, CSVs, embed folders, image
cards, downloads: ~8,000 files at two years of history) is hard-linked into site/ instead of
copied, falling back to a copy where a link is impossible (another file system). Copying them was
~3 s of every build on an ext4 disk, linking ~0.3 s. The generator never writes into a file in
place (it writes a new file and renames it over the old one), so a linked site/ file keeps the
bytes of the build that made it.

Folders named in $TRACKER_LINKED_LATER (comma-separated, e.g. ``embed``) are left out of the
build altogether: the generator's build starts MkDocs while its workers still draw the embed
cards, and links those folders into site/ itself once both are done. Nothing the builder reads
lives there (no page, and no Markdown link points into them). A plain ``mkdocs build`` has
the variable unset and copies everything.

Tables: every Markdown table gets class ``tt-table`` and its own scrolling wrapper, styled in
assets/tracker.css. Material's script otherwise finds each bare ``table:not([class])`` after
load and moves it into a wrapper of its own: on a ranking page (a 50-row table) that costs a
phone ~150 ms of blocked main thread (Lighthouse mobile, issue 6), for the same look.
"""

from __future__ import annotations

import os

from mkdocs.structure.files import File, Files

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
