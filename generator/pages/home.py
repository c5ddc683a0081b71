"""Home: the latest week's headline figures, the week's lead (the same one as the week's ranking
page), the main chart, the top 10, the first movers of the week and where to follow the
site (its feeds, generator/feeds.py, and downloads)."""

from __future__ import annotations

from generator import fmt
from generator.pages import PageWriter
from generator.pages.movers import SHORT, week_movers
from generator.pages.story import (
    STORY_COUNTRIES,
    country_row,
    has_previous_week,
    week_lead,
    week_summary,
)
from generator.site import Site


def headline_cards(site: Site, week: str) -> list[dict]:
    """Each card says its figure, its change and, for a share, what it is a share of."""
    totals = site.week_totals(week)
    previous = has_previous_week(site, week)

    def on_the_week(fraction: object) -> str:
        return fmt.sentence_case(fmt.up_down(fraction)) if previous else "First week of data"

    cards = [{"key": "total", "label": "All models",
              "value": fmt.tokens_words(totals["total_tokens"]),
              "change": on_the_week(totals["wow_change"])}]
    for code in STORY_COUNTRIES:
        row = country_row(site, week, code)
        if row:
            cards.append({
                "key": code.lower(), "label": fmt.sentence_case(fmt.country_models(code)),
                "value": fmt.tokens_words(row["tokens"]),
                "change": f"{on_the_week(row['wow_change'])} · "
                          f"{fmt.percent(row['share_of_attributed'])} {fmt.OF_KNOWN}",
            })
    cards.append({"key": "coverage", "label": f"Share {fmt.OF_ALL} in the top 50",
                  "value": fmt.percent(totals["coverage"]),
                  "change": f"{fmt.tokens_words(totals['other_tokens'])} tokens went to "
                            "models outside the top 50"})
    return cards


def render_home(writer: PageWriter, site: Site) -> None:
    week = site.latest_week
    writer.render(
        "home.md.j2", "index.md",
        week=week,
        cards=headline_cards(site, week),
        lead=week_lead(site, week),
        summary=week_summary(site, week),
        top10=site.week_models(week)[:10],
        movers=week_movers(site, week, limit=SHORT),
    )
