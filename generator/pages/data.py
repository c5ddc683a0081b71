"""Data: the downloads of the public contract, column meanings, licence and citation."""

from __future__ import annotations

from generator.corrections import ACTION_LABELS, describe
from generator.downloads import TABLES, public_tables
from generator.pages import PageWriter, frame_records
from generator.site import Site


def render_data(writer: PageWriter, site: Site) -> None:
    frames = public_tables(site.tables)
    tables = [{"name": name, "columns": columns, "rows": len(frames[name])}
              for name, columns in TABLES.items()]
    writer.render("data.md.j2", "data/index.md", weeks=site.tables.weeks, tables=tables)


def render_revisions(writer: PageWriter, site: Site) -> None:
    """The log: contributors' corrections, then restatements recorded by fetch; newest first."""
    public = public_tables(site.tables)
    corrections = [dict(row, label=ACTION_LABELS[row["action"]],
                        what=describe(row["action"], row["target"], row["value"]))
                   for row in frame_records(public["corrections"])]
    writer.render("revisions.md.j2", "data/revisions.md", corrections=corrections,
                  revisions=frame_records(public["revisions"]))
