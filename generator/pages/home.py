"""Home: the latest week's headline figures, an auto-written lead, the main chart, the top 10."""

from __future__ import annotations

from generator import fmt
from generator.pages import PageWriter
from generator.site import Site
from generator.tableio import records

HEADLINE_COUNTRIES = ("CN", "US")


def country_row(site: Site, week: str, code: str) -> dict | None:
    countries = site.tables.countries
    rows = records(countries[(countries["week_start"] == week) & (countries["country"] == code)])
    return rows[0] if rows else None


def headline_cards(site: Site, week: str) -> list[dict]:
    totals = site.week_totals(week)
    cards = [{"key": "total", "label": "All models",
              "value": fmt.tokens_words(totals["total_tokens"]),
              "change": f"{fmt.change(totals['wow_change'])} on the week"}]
    for code in HEADLINE_COUNTRIES:
        row = country_row(site, week, code)
        if row:
            cards.append({
                "key": code.lower(), "label": fmt.sentence_case(fmt.country_models(code)),
                "value": fmt.tokens_words(row["tokens"]),
                "change": f"{fmt.change(row['wow_change'])} on the week · "
                          f"{fmt.percent(row['share_of_attributed'])} of attributed",
            })
    cards.append({"key": "coverage", "label": "Attributed to a top-50 model",
                  "value": fmt.percent(totals["coverage"]),
                  "change": f"{fmt.tokens_words(totals['other_tokens'])} in the other row"})
    return cards


def summary_lead(site: Site, week: str) -> str:
    """A news-style lead in Markdown: total, Chinese and U.S. tokens with growth, top four."""
    totals = site.week_totals(week)
    parts = [
        f"In the week of {fmt.week_range(week)}, AI models on OpenRouter processed "
        f"**{fmt.tokens_words(totals['total_tokens'])}** tokens, "
        f"{fmt.up_down(totals['wow_change'])}."
    ]
    china, usa = country_row(site, week, "CN"), country_row(site, week, "US")
    if china and usa:
        lead, trail = (china, usa) if china["tokens"] >= usa["tokens"] else (usa, china)
        parts.append(
            f"{fmt.sentence_case(fmt.country_models(lead['country']))} accounted for "
            f"**{fmt.tokens_words(lead['tokens'])}** tokens ({up_down_short(lead['wow_change'])}), "
            f"against {fmt.tokens_words(trail['tokens'])} for "
            f"{fmt.country_models(trail['country'])} ({up_down_short(trail['wow_change'])})."
        )
    top = site.week_models(week)[:4]
    if top:
        names = [f"{fmt.md(row['model_name'])} ({fmt.md(fmt.country_name(row['country']))})"
                 for row in top]
        listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        parts.append(f"The {len(top)} most used models were {listing}.")
    return " ".join(parts)


def up_down_short(fraction: object) -> str:
    return fmt.up_down(fraction).replace(" on the week", "")


def render_home(writer: PageWriter, site: Site) -> None:
    week = site.latest_week
    writer.render(
        "home.md.j2", "index.md",
        week=week,
        cards=headline_cards(site, week),
        lead=summary_lead(site, week),
        top10=site.week_models(week)[:10],
    )
