"""Data: the downloads of the public contract, column meanings, licence and citation; and the
log of corrections and restatements."""

from __future__ import annotations

from generator.downloads import TABLES, public_tables
from generator.findings import facts
from generator.pages import PageWriter, frame_records
from generator.site import Site, restatements


def render_data(writer: PageWriter, site: Site) -> None:
    frames = public_tables(site.tables)
    tables = [{"name": name, "columns": columns, "rows": len(frames[name])}
              for name, columns in TABLES.items()]
    writer.render("data.md.j2", "data/index.md", weeks=site.tables.weeks, tables=tables)


def render_revisions(writer: PageWriter, site: Site) -> None:
    """The log: contributors' corrections, then restatements recorded by fetch; newest first."""
    public = public_tables(site.tables)
    corrections = []
    for row in frame_records(public["corrections"]):
        found = facts.correction(row)
        corrections.append(dict(row, label=writer.say(found, "label-in-heading"),
                                what=writer.say(found, "what")))
    writer.render("revisions.md.j2", "data/revisions.md", corrections=corrections,
                  restatements=restatements(frame_records(public["revisions"])))
