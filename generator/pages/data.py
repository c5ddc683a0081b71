"""Data: the downloads of the public contract, column meanings, licence and citation."""

from __future__ import annotations

from generator.downloads import TABLES, public_tables
from generator.pages import PageWriter, Site, frame_records


def render_data(writer: PageWriter, site: Site) -> None:
    frames = public_tables(site.tables)
    tables = [{"name": name, "columns": columns, "rows": len(frames[name])}
              for name, columns in TABLES.items()]
    writer.render("data.md.j2", "data/index.md", weeks=site.tables.weeks, tables=tables)


def render_revisions(writer: PageWriter, site: Site) -> None:
    """Restatements recorded by fetch, newest first, grouped by the refresh that made them."""
    revisions = public_tables(site.tables)["revisions"]
    writer.render("revisions.md.j2", "data/revisions.md", revisions=frame_records(revisions))
