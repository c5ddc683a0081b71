"""What a page gives the people who share it: a social card (the 1200×675 PNG its main chart
already has for embeds, with the embed's alt text; a page's description, the finding it states,
comes from the findings layer), and the facts the theme's own templates need
(templates/overrides: main.html reads each page's ``card`` front matter, 404.html links to the
latest week).

Everything here is plain text; the page templates pass it through ``|front`` (front matter) and
the theme facts are HTML-escaped like front matter, so the theme prints every value the same way.
"""

from __future__ import annotations

import json

from generator import fmt
from generator.charts.catalogue import Chart
from generator.embeds import CARD_SIZES, Embeds
from generator.paths import new_issue_url
from generator.site import Site


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
