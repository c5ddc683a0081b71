"""Models: an index of every model ever ranked, and one page per model (history chart, table)."""

from __future__ import annotations

import pandas as pd

from generator.findings import facts
from generator.pages import PageWriter, frame_records
from generator.site import Site


def model_summaries(site: Site) -> pd.DataFrame:
    """One row per model ever ranked: weeks ranked, best and latest rank, last week seen."""
    models = site.tables.models
    latest = models.sort_values("week_start").groupby("model_permaslug").tail(1)
    summary = models.groupby("model_permaslug").agg(
        weeks=("rank", "size"), best_rank=("rank", "min"), last_week=("week_start", "max"),
    ).reset_index()
    summary = summary.merge(
        latest[["model_permaslug", "model_name", "company", "country", "rank", "week_start",
                "in_catalogue"]],
        on="model_permaslug",
    )
    summary["latest_rank"] = [
        str(rank) if week == site.latest_week else "–"
        for rank, week in zip(summary["rank"], summary["week_start"])
    ]
    return summary.sort_values(["last_week", "rank", "model_permaslug"],
                               ascending=[False, True, True]).reset_index(drop=True)


def render_models(writer: PageWriter, site: Site, registry_models: dict) -> None:
    summaries = model_summaries(site)
    writer.render("models_index.md.j2", "models/index.md", models=frame_records(summaries))
    history = site.tables.models.sort_values("week_start", ascending=False)
    by_model: dict[str, list[dict]] = {}  # one pass over all rows, not a table per model
    for row in frame_records(history):
        by_model.setdefault(row["model_permaslug"], []).append(row)
    rows_of = dict(tuple(site.tables.models.groupby("model_permaslug", sort=False)))
    for summary in frame_records(summaries):
        slug = summary["model_permaslug"]
        override = registry_models.get(slug) or registry_models.get(slug.partition(":")[0])
        chart = writer.charts[f"models/{site.model_files[slug]}"]
        latest = facts.entity_week("model", slug, summary["model_name"], rows_of[slug],
                                   site.latest_week)
        writer.render(
            "model.md.j2", f"models/{site.model_files[slug]}.md", card=chart,
            model=summary,
            description=writer.say(latest),
            family=override.family if override else "",
            open_weights=override.open_weights if override else None,
            chart=chart,
            history=by_model[slug],
        )
