"""Rankings: the latest week with its recent weeks, an index of every week, and one permanent
page per week, each opening with the week's story (the same lede as the home page's for that
week), listing what else changed, and closing with its movers (generator/derive/movers.py)."""

from __future__ import annotations

from datetime import date, timedelta

from generator.charts.families import WEEKLY, weekly_chart_id
from generator.derive.movers import LIMIT
from generator.findings.finding import Finding
from generator.findings.week import movers_against
from generator.pages import PageWriter
from generator.site import Site
from generator.tableio import records

# The Rankings page lists the latest weeks; every week is on its own page (rankings/weeks/),
# which grows by a row a week where the Rankings page stays the same length (a long table is
# most of what a phone's browser lays out on a page).
RECENT_WEEKS = 12


def render_rankings(writer: PageWriter, site: Site) -> None:
    weeks = site.tables.weeks
    leaders = (site.tables.models[site.tables.models["rank"] == 1]
               .set_index("week_start")["model_name"].to_dict())
    index = [dict(row, leader=leaders.get(row["week_start"], "–"))
             for row in records(site.tables.totals)]
    latest = site.findings[site.latest_week]
    newest_first = list(reversed(index))
    recent = newest_first[:RECENT_WEEKS]
    listing = Finding("weeks-index", weeks[0],
                      figures={"weeks": len(weeks), "shown": len(recent)})
    words = {form: writer.say(listing, form)
             for form in ("caption", "recent-caption", "link", "intro", "description")}
    writer.render("rankings_index.md.j2", "rankings/index.md",
                  card=writer.charts[WEEKLY],
                  week=site.latest_week, rows=site.week_models(site.latest_week),
                  summary=latest.description(writer.language), weeks=recent, words=words)
    writer.render("ranking_weeks.md.j2", "rankings/weeks.md", card=writer.charts[WEEKLY],
                  weeks=newest_first, words=words)
    for i, week in enumerate(weeks):
        findings = site.findings[week]
        chart = writer.charts[weekly_chart_id(week)]
        writer.render(
            "ranking_week.md.j2", f"rankings/{week}.md", card=chart,
            week=week,
            week_end=(date.fromisoformat(week) + timedelta(days=6)).isoformat(),
            previous=weeks[i - 1] if i > 0 else None,
            next=weeks[i + 1] if i + 1 < len(weeks) else None,
            totals=site.week_totals(week),
            rows=site.week_models(week),
            lead=findings.lede(writer.language),
            summary=findings.description(writer.language),
            changes=[writer.say(found, "change") for found in findings.changes],
            coverage=writer.say(findings.coverage),
            movers=site.movers[week].head(LIMIT),
            movers_against=movers_against(site.movers[week], writer.language),
            chart=chart,
        )
