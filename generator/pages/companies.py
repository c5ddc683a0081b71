"""Companies: the latest week and every company ever ranked, and one page per company."""

from __future__ import annotations

from generator.charts.families import COMPANY_CHART
from generator.findings import facts
from generator.pages import PageWriter, frame_records
from generator.pages.models import model_summaries
from generator.prices import week_spend
from generator.site import Site


def render_companies(writer: PageWriter, site: Site) -> None:
    companies = site.tables.companies
    week = site.latest_week
    latest = companies[companies["week_start"] == week]
    everyone = companies.groupby(["company", "country"]).agg(
        weeks=("week_start", "size"), last_week=("week_start", "max"),
    ).reset_index().sort_values(["last_week", "company"], ascending=[False, True])
    spend, spend_total = week_spend(site.tables.models, companies, week, ["company", "country"])
    writer.render("companies_index.md.j2", "companies/index.md",
                  card=writer.charts[COMPANY_CHART], week=week,
                  summary=writer.say(facts.top_companies(site.tables, week)),
                  rows=frame_records(latest),
                  everyone=frame_records(everyone), spend=spend,
                  spend_words=writer.say(facts.spend(week, spend_total)))
    spend_of = {row["company"]: row for row in spend}
    summaries = model_summaries(site)
    by_company = dict(tuple(companies.groupby("company", sort=False)))
    models_by_company = dict(tuple(summaries.groupby("company", sort=False)))
    for item in frame_records(everyone):
        company = item["company"]
        rows = by_company[company].sort_values("week_start")
        history = rows.sort_values("week_start", ascending=False)
        current = history[history["week_start"] == week]
        chart = writer.charts[f"companies/{site.company_files[company]}"]
        writer.render(
            "company.md.j2", f"companies/{site.company_files[company]}.md", card=chart,
            company=company,
            country=item["country"],
            description=writer.say(facts.entity_week("company", company, company, rows, week)),
            latest=frame_records(current)[0] if len(current) else None,
            spend_words=writer.say(facts.spend(week, spend_of[company], "company", company))
            if company in spend_of else "",
            chart=chart,
            models=frame_records(models_by_company.get(company, summaries.iloc[0:0])),
            history=frame_records(history),
        )
