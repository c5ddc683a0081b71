"""What a page gives the people who share it: a social card (the 1200×675 PNG its main chart
already has for embeds, with the embed's alt text), a description that states the week's
finding, and the facts the theme's own templates need (templates/overrides: main.html reads
each page's ``card`` front matter, 404.html links to the latest week).

Everything here is plain text; the page templates pass it through ``|front`` (front matter) and
the theme facts are HTML-escaped like front matter, so the theme prints every value the same way.
"""

from __future__ import annotations

import json

import pandas as pd

from generator import fmt
from generator.charts.catalogue import Chart
from generator.embeds import CARD_SIZES, Embeds
from generator.paths import new_issue_url
from generator.site import Site
from generator.tableio import records

HOME_CHART = "tokens-by-country"  # the card of every page without a chart of its own


def card_front(embeds: Embeds, chart: Chart | None, fallback: Chart) -> str:
    """The front matter lines of a page's social card: ``card`` (absolute address of the PNG)
    and ``card_alt`` (what the chart shows). A page without a chart gets ``fallback``'s."""
    chart = chart or fallback
    return (f"card: {fmt.front(embeds.site_url + embeds.card_png(chart.chart_id))}\n"
            f"card_alt: {fmt.front(embeds.by_id[chart.chart_id].alt)}")


def theme_facts(site: Site, embeds: Embeds, home: Chart) -> str:
    """templates/overrides/generated/site_facts.html: Jinja ``set`` statements the theme
    imports (the default card, its size, the latest week, the repository). Strings are
    HTML-escaped, as front matter is, then written as string literals."""
    width, height = CARD_SIZES[0]
    facts = {
        "card": fmt.attr(embeds.site_url + embeds.card_png(home.chart_id)),
        "card_alt": fmt.attr(embeds.by_id[home.chart_id].alt),
        "card_width": width,
        "card_height": height,
        "latest_week": site.latest_week,
        "latest_week_label": fmt.attr(fmt.week_range(site.latest_week)),
        "repo_url": fmt.attr(site.repo_url),
        "new_issue_url": fmt.attr(new_issue_url(site.repo_url)),
    }
    lines = [f"{{% set {name} = {json.dumps(value, ensure_ascii=False)} %}}"
             for name, value in facts.items()]
    return ("{#- Written by the build (generator/pages/sharing.py) for templates/overrides: "
            "never edit. -#}\n" + "\n".join(lines) + "\n")


# ---------------------------------------------------------------- descriptions: the finding

def short_change(fraction: object) -> str:
    """'up 4.1%', 'down 0.8%', 'unchanged', 'no previous week to compare'."""
    return fmt.up_down(fraction).replace(" on the week", "")


def latest_row(frame: pd.DataFrame, column: str, key: str) -> dict | None:
    rows = frame[frame[column] == key].sort_values("week_start")
    return records(rows.tail(1))[0] if len(rows) else None


def companies_finding(site: Site, week: str) -> str:
    companies = site.tables.companies
    rows = records(companies[companies["week_start"] == week]
                   .sort_values(["tokens", "company"], ascending=[False, True]).head(3))
    if not rows:
        return "Weekly AI tokens by the company that developed each model."
    names = [f"{row['company']} ({fmt.tokens_words(row['tokens'])} tokens, "
             f"{short_change(row['wow_change'])})" for row in rows]
    listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return (f"The companies whose models processed the most tokens on OpenRouter in the week "
            f"of {fmt.week_range(week)}: {listing}.")


def entity_week(site: Site, row: dict) -> str:
    """'In the week of …' for the latest week, 'In the week of … (its last week ranked)'."""
    when = f"In the week of {fmt.week_range(row['week_start'])}"
    return when if row["week_start"] == site.latest_week else f"{when} (its last in the top 50)"


def country_finding(site: Site, code: str) -> str:
    row = latest_row(site.tables.countries, "country", code)
    if row is None:
        return f"Weekly tokens of AI models developed in {fmt.country_name(code)}."
    return (f"{entity_week(site, row)}, {fmt.country_models(code)} processed "
            f"{fmt.tokens_words(row['tokens'])} tokens on OpenRouter, "
            f"{fmt.up_down(row['wow_change'])}: {fmt.percent(row['share_of_attributed'])} of "
            "the tokens of models with a known country.")


def company_finding(site: Site, company: str) -> str:
    row = latest_row(site.tables.companies, "company", company)
    if row is None:
        return f"Weekly tokens of AI models developed by {company}."
    return (f"{entity_week(site, row)}, {company}'s models processed "
            f"{fmt.tokens_words(row['tokens'])} tokens on OpenRouter, "
            f"{fmt.up_down(row['wow_change'])}.")


def model_finding(site: Site, permaslug: str) -> str:
    row = latest_row(site.tables.models, "model_permaslug", permaslug)
    if row is None:
        return f"Weekly tokens processed by {permaslug} on OpenRouter."
    return (f"{entity_week(site, row)}, {row['model_name']} processed "
            f"{fmt.tokens_words(row['tokens'])} tokens on OpenRouter, rank {row['rank']} of "
            f"the top 50, {fmt.up_down(row['wow_change'])}.")
