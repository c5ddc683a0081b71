"""Home: the latest week's headline figures, its headline finding above the main chart, the
week's lede (the same one as the week's ranking page), the top 10, the first movers of the week
and where to follow the site (its feeds, generator/feeds.py, and downloads)."""

from __future__ import annotations

from generator.charts.families import HOME
from generator.derive.movers import SHORT
from generator.findings.week import card_words, mover_items
from generator.pages import PageWriter
from generator.site import Site


def render_home(writer: PageWriter, site: Site) -> None:
    week = site.latest_week
    findings = site.findings[week]
    writer.render(
        "home.md.j2", "index.md", card=writer.charts[HOME],
        week=week,
        cards=card_words(findings, writer.language),
        headline=writer.say(findings.headline, "title"),
        lead=findings.lede(writer.language),
        summary=findings.description(writer.language),
        top10=site.week_models(week)[:10],
        movers=site.movers[week],
        items=mover_items(site.movers[week], SHORT, writer.language),
    )
