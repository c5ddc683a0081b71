"""Companies: the latest week and every company ever ranked, and one page per company."""

from __future__ import annotations

from generator.pages import PageWriter, frame_records
from generator.pages.models import model_summaries
from generator.prices import week_spend
from generator.site import Site


def render_companies(writer: PageWriter, site: Site) -> None:
    companies = site.tables.companies
    latest = companies[companies["week_start"] == site.latest_week]
    everyone = companies.groupby(["company", "country"]).agg(
        weeks=("week_start", "size"), last_week=("week_start", "max"),
    ).reset_index().sort_values(["last_week", "company"], ascending=[False, True])
    spend, spend_total = week_spend(site.tables.models, companies, site.latest_week,
                                    ["company", "country"])
    writer.render("companies_index.md.j2", "companies/index.md", week=site.latest_week,
                  rows=frame_records(latest), everyone=frame_records(everyone), spend=spend,
                  spend_total=spend_total)
    spend_of = {row["company"]: row for row in spend}
    summaries = model_summaries(site)
    by_company = dict(tuple(companies.groupby("company", sort=False)))
    models_of = dict(tuple(summaries.groupby("company", sort=False)))
    for item in frame_records(everyone):
        company = item["company"]
        history = by_company[company].sort_values("week_start", ascending=False)
        current = history[history["week_start"] == site.latest_week]
        writer.render(
            "company.md.j2", f"companies/{site.company_files[company]}.md",
            company=company,
            country=item["country"],
            latest=frame_records(current)[0] if len(current) else None,
            spend=spend_of.get(company),
            chart=writer.charts[f"companies/{site.company_files[company]}"],
            models=frame_records(models_of[company]) if company in models_of else [],
            history=frame_records(history),
        )
