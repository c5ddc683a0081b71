"""Countries: the latest week by country (with the unattributed and other bands), one page each."""

from __future__ import annotations

from generator.charts.families import HOME
from generator.findings import facts
from generator.pages import PageWriter, frame_records
from generator.prices import week_spend
from generator.site import Site


def render_countries(writer: PageWriter, site: Site) -> None:
    countries = site.tables.countries
    week = site.latest_week
    models = site.tables.models
    spend, spend_total = week_spend(models, countries, week, ["country"])
    writer.render("countries_index.md.j2", "countries/index.md", card=writer.charts[HOME],
                  week=week, summary=site.findings[week].description(writer.language),
                  rows=frame_records(countries[countries["week_start"] == week]),
                  totals=site.week_totals(week), spend=spend,
                  spend_words=writer.say(facts.spend(week, spend_total)))
    spend_of = {row["country"]: row for row in spend}
    companies = site.tables.companies
    for code, rows in countries.groupby("country", sort=True):
        history = rows.sort_values("week_start", ascending=False)
        current = history[history["week_start"] == week]
        chart = writer.charts[f"countries/{site.country_files[code]}"]
        latest = facts.entity_week("country", code, code, rows.sort_values("week_start"), week)
        writer.render(
            "country.md.j2", f"countries/{site.country_files[code]}.md", card=chart,
            code=code,
            name=writer.fmt.country_name(code),
            demonym=writer.fmt.country_models(code),
            description=writer.say(latest),
            latest=frame_records(current)[0] if len(current) else None,
            spend_words=writer.say(facts.spend(week, spend_of.get(code), "country", code))
            if code in spend_of else "",
            chart=chart,
            models=frame_records(models[(models["week_start"] == week)
                                        & (models["country"] == code)]),
            companies=sorted(set(companies.loc[companies["country"] == code, "company"])),
            history=frame_records(history),
        )
