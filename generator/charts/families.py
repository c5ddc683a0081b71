"""Every chart family of the site, one record each: the records table. The catalogue
(charts.catalogue), the drawings (charts.variants), the embeds (generator.embeds) and the pages
iterate these records and ask them; nothing else decides anything by a chart's kind.

A family is what one function draws: its data (charts.data), its spec (charts.specs,
charts.changes, charts.prices), its finding (generator.findings.charts: the alt text, and the
title of its embed unless the week's story gives one), its accessible table (charts.tables),
the page that shows it, the weeks whose figures it shows, the height of its narrow drawing and
the caveats its embed notes. Its words (title, caption, subtitle, form) are worded per language
in generator/findings/en/families.py under the same kind.

To add a chart family: write its data function, its spec and its finding (and its words), add
a record here, and put ``figure(charts["<kind>"])`` on its page's template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from generator.charts import changes, prices, specs, tables
from generator.charts import data as chart_data
from generator.derive.tables import Tables
from generator.findings import charts as findings
from generator.findings.finding import Finding

# A frozen embed (a chart as it stood at a past week, for a dated story) shows at most the year
# up to its week: drawn from the first week, each would be larger than the one before, and the
# frozen embeds of a decade would outweigh the rest of the site many times over. The latest
# charts and embeds show every week.
FROZEN_WEEKS = 52


def every_week(weeks: list[str]) -> list[str]:
    return weeks


def last_week(weeks: list[str]) -> list[str]:
    return weeks[-1:]


def last(count: int) -> Callable[[list[str]], list[str]]:
    return lambda weeks: weeks[-count:]


@dataclass(frozen=True)
class Family:
    kind: str  # its path under charts/ and embed/ (a history's: its folder, "models/<name>")
    draw: Callable[..., alt.Chart]  # draw(data, text, variant)
    data: Callable[..., pd.DataFrame]  # site-wide: of the tables up to its week; a history:
    #                                    of the entity's rows
    table: Callable[[pd.DataFrame], tables.DataTable]
    narrow_height: int  # px: the narrow drawing (the wide one is charts.variants.EMBED_SIZE)
    finding: Callable[[Tables, pd.DataFrame, str], Finding] | None = None  # site-wide
    page: str = ""  # the page that shows it (its embed's credit link), from the site root
    drawn: Callable[[list[str]], list[str]] = every_week  # the weeks whose figures it shows
    carries: frozenset[str] = frozenset()  # story kinds its headline can be (the week's)
    focus: str = ""  # the column naming what it can pick out (a model the headline names)
    caveats: tuple[str, ...] = ()  # keys of the notes its embed gives (findings wordings)
    frozen: bool = True  # a frozen embed for every published week
    weekly: bool = False  # every week's ranking page shows it (top-models/<week>): its frozen
    #                       version is that chart
    one_week: bool = False  # it shows one week's figures: no period in its subtitle
    stat: bool = False  # a single week of its data is drawn as a number (its finding's words)
    marks: bool = False  # it marks the week China and the U.S. first crossed
    events: bool = False  # it draws the dated events of data/annotations.yaml
    entity: str = ""  # a history: "model", "company" or "country" (one chart per entity)
    folder: str = ""  # a history's folder under charts/ and embed/
    own_weeks: bool = False  # a history drawn over its entity's own weeks (a model's: from
    #                          its first week in the top 50), not from the first published

    def frozen_weeks(self, weeks: list[str]) -> list[str]:
        """The weeks its frozen embed at the last of ``weeks`` shows: those it draws, at most
        the FROZEN_WEEKS up to that week."""
        return self.drawn(weeks)[-FROZEN_WEEKS:]

    @property
    def site_wide(self) -> bool:
        return not self.entity

    @property
    def key_column(self) -> str:
        """A history's column of the derived tables that names its entity."""
        return "model_permaslug" if self.entity == "model" else self.entity


SITE_WIDE_NOTES = ("tokens",)
COUNTRY_NOTES = ("country", "tokens")

FAMILIES = {family.kind: family for family in (
    Family("tokens-by-country", specs.tokens_by_country_chart, chart_data.country_bands_data,
           tables.bands_table, 420, findings.country_lead, page="",
           carries=frozenset({"crossover", "record", "most-since"}), caveats=COUNTRY_NOTES,
           marks=True, events=True),
    Family("country-share", specs.country_share_chart, chart_data.country_share_data,
           tables.share_table, 380, findings.share_lead, page="countries/",
           carries=frozenset({"crossover"}), caveats=("known-base", *COUNTRY_NOTES),
           marks=True, events=True),
    Family("tokens-by-company", specs.tokens_by_company_chart, chart_data.company_bands_data,
           tables.bands_table, 420, findings.company_lead, page="companies/",
           carries=frozenset({"company-leader"}), caveats=SITE_WIDE_NOTES, events=True),
    Family("top-models", specs.top_models_chart, chart_data.top_models_data,
           tables.top_models_table, 380, findings.top_model, page="rankings/", drawn=last_week,
           carries=frozenset({"leader"}), focus="model_permaslug", caveats=SITE_WIDE_NOTES,
           weekly=True, one_week=True),
    Family("country-growth", changes.country_growth_chart, chart_data.country_growth_data,
           tables.growth_table, 320, findings.growth, page="countries/",
           drawn=last(chart_data.GROWTH_WEEKS + 1), carries=frozenset({"streak"}),
           caveats=COUNTRY_NOTES, stat=True),
    Family("rank-movement", changes.rank_movement_chart, chart_data.rank_movement_data,
           tables.movement_table, 400, findings.rank_lead, page="rankings/",
           drawn=last(chart_data.MOVEMENT_WEEKS), carries=frozenset({"leader"}),
           focus="model_permaslug", caveats=("rank-floor", *SITE_WIDE_NOTES), stat=True),
    Family("free-share", prices.free_share_chart, chart_data.free_share_data,
           tables.free_share_table, 280, findings.free_share, page="rankings/",
           caveats=SITE_WIDE_NOTES, stat=True),
    Family("price-vs-usage", prices.price_usage_chart, chart_data.price_usage_data,
           tables.price_table, 400, findings.price_lead, page="rankings/", drawn=last_week,
           focus="model_permaslug", caveats=(*SITE_WIDE_NOTES, "price"), one_week=True,
           stat=True),
    Family("model", specs.history_chart, chart_data.model_history_data,
           tables.model_history_table, 250, entity="model", folder="models", frozen=False,
           events=True, stat=True, own_weeks=True),
    Family("company", specs.history_chart, chart_data.group_history_data,
           tables.group_history_table, 250, entity="company", folder="companies",
           frozen=False, events=True, stat=True),
    Family("country", specs.history_chart, chart_data.group_history_data,
           tables.group_history_table, 250, entity="country", folder="countries",
           caveats=("country",), frozen=False, events=True, stat=True),
)}
SITE_WIDE = tuple(kind for kind, family in FAMILIES.items() if family.site_wide)


def histories() -> list[Family]:
    """The families of one chart per model, company or country."""
    return [family for family in FAMILIES.values() if family.entity]


HOME = "tokens-by-country"  # the home page's chart: the social card of pages without one
COMPANY_CHART = "tokens-by-company"  # the Companies page's
# The chart every week's ranking page shows (its own, frozen at the week), the Rankings page's.
WEEKLY = next(kind for kind, family in FAMILIES.items() if family.weekly)


def weekly_chart_id(week: str) -> str:
    return f"{WEEKLY}/{week}"
