"""Rankings: the latest week with an index of every week, and one permanent page per week, each
opening with the week's story (the same lead as the home page's for that week) and
closing with its movers (pages/movers.py)."""

from __future__ import annotations

from datetime import date, timedelta

from generator.pages import PageWriter
from generator.pages.movers import week_movers
from generator.pages.story import week_lead, week_summary
from generator.site import Site
from generator.tableio import records


def render_rankings(writer: PageWriter, site: Site) -> None:
    weeks = site.tables.weeks
    leaders = (site.tables.models[site.tables.models["rank"] == 1]
               .set_index("week_start")["model_name"].to_dict())
    index = [dict(row, leader=leaders.get(row["week_start"], "–"))
             for row in records(site.tables.totals)]
    writer.render("rankings_index.md.j2", "rankings/index.md",
                  week=site.latest_week, rows=site.week_models(site.latest_week),
                  weeks=list(reversed(index)))
    for i, week in enumerate(weeks):
        writer.render(
            "ranking_week.md.j2", f"rankings/{week}.md",
            week=week,
            week_end=(date.fromisoformat(week) + timedelta(days=6)).isoformat(),
            previous=weeks[i - 1] if i > 0 else None,
            next=weeks[i + 1] if i + 1 < len(weeks) else None,
            totals=site.week_totals(week),
            rows=site.week_models(week),
            lead=week_lead(site, week),
            summary=week_summary(site, week),
            movers=week_movers(site, week),
            chart=writer.charts[f"top-models/{week}"],
        )
