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
                  restatements=restatements(frame_records(public["revisions"])))


def restatement_anchor(as_of: str) -> str:
    """The anchor of the restatements as of ``as_of`` on the revisions page (the corrections
    feed links to it): 'restated-20260330T020000'."""
    return "restated-" + "".join(ch for ch in str(as_of)[:19] if ch.isalnum())


def restatements(revisions: list[dict]) -> list[dict]:
    """The restated figures grouped by the snapshot that restated them (newest first, as the
    rows come), each with the as_of dates of the figures it replaced."""
    groups: dict[str, dict] = {}
    for row in revisions:
        group = groups.setdefault(row["new_as_of"], {
            "as_of": row["new_as_of"], "anchor": restatement_anchor(row["new_as_of"]),
            "rows": [], "replaced": set()})
        group["rows"].append(row)
        group["replaced"].add(row["old_as_of"])
    return [dict(group, replaced=sorted(group["replaced"])) for group in groups.values()]
