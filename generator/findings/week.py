"""A week's findings together: its story (ranked, generator.findings.story) and its standing
findings (generator.findings.facts), and which of them each surface states.

- The **headline** is the first story finding, or the China/U.S. figures when the week has no
  story. It opens the week's lede (the home page's, when the week is the latest, and the week's
  ranking page's), its description (og:description, search results, the feed's summary), its
  feed entry's title, and titles every chart of the week that can show it (its frozen embeds;
  ``carried``: a chart that cannot show the headline may carry another major finding).
- **What changed this week**: the rest of the story, on the week's ranking page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.derive.movers import Mover, Movers
from generator.derive.series import Series
from generator.derive.tables import Tables
from generator.findings import paragraph, say
from generator.findings.facts import china_us, coverage, top_models, week_total
from generator.findings.finding import Finding
from generator.findings.story import CARRIED, detect_stories, mover_finding

CHANGES_LISTED = 6  # story findings under "What changed this week", after the headline


@dataclass(frozen=True)
class WeekFindings:
    week: str
    story: tuple[Finding, ...]  # ranked: the first is the headline
    total: Finding
    countries: Finding  # the China/U.S. figures
    top: Finding
    coverage: Finding

    @property
    def headline(self) -> Finding:
        return self.story[0] if self.story else self.countries

    def carried(self, kinds: Iterable[str], shows: Callable[[Finding], bool] = lambda f: True
                ) -> Finding | None:
        """The first finding of the story that a chart showing ``kinds`` of findings can carry
        as its title (``shows``: whether the chart draws its subject): the headline, or a
        finding that scores at least ``story.CARRIED``."""
        wanted = set(kinds)
        return next((f for i, f in enumerate(self.story) if f.kind in wanted and shows(f)
                     and (i == 0 or f.score >= CARRIED)), None)

    @property
    def changes(self) -> tuple[Finding, ...]:
        return self.story[1:1 + CHANGES_LISTED]

    @property
    def cards(self) -> tuple[Finding, ...]:
        """The headline figures (home page, feed): all models, China and the U.S., coverage."""
        return (self.total, *week_countries_of(self.countries), self.coverage)

    def lede(self, language: str = "en") -> str:
        """The opening paragraph: the headline, then the week's total, China/U.S. figures and
        most used models (plain text)."""
        parts = [self.total, self.countries, self.top]
        if self.story:
            parts.insert(0, self.headline)
        return paragraph((say(f, "sentence", language) for f in parts), language)

    def description(self, language: str = "en") -> str:
        """The week in two sentences: the headline and the total, or, with no story, the total
        and the China/U.S. figures."""
        parts = [self.headline, self.total] if self.story else [self.total, self.countries]
        return paragraph((say(f, "sentence", language) for f in parts), language)

    def feed_title(self, language: str = "en") -> str:
        headline = say(self.headline, "title", language)
        return say(Finding("week-title", self.week, figures={"headline": headline}), "title",
                   language)


def week_countries_of(countries: Finding) -> tuple[Finding, ...]:
    return tuple(countries.figure("present"))


def card_words(week: WeekFindings, language: str = "en") -> list[dict]:
    """The headline cards' words: each card's key, label, figure and change."""
    return [{"key": (found.subject or found.kind).lower(),
             "label": say(found, "card-label", language),
             "value": say(found, "card-value", language),
             "change": say(found, "card-change", language)} for found in week.cards]


def movers_against(movers: Movers, language: str = "en") -> str:
    """'Compared with the week of …': what a week's movers are measured against."""
    return say(Finding("embed", movers.previous or movers.week), "movers-against", language)


MOVER_KINDS = {"risers": "riser", "fallers": "faller", "climbers": "climber",
               "entrants": "entrant", "leavers": "leaver"}


def mover_items(movers: Movers, count: int, language: str = "en"
                ) -> dict[str, list[tuple[Mover, str]]]:
    """The first ``count`` of each list of the week's movers, each with the words that follow
    its name in a short list (the home page, the weekly feed)."""
    return {name: [(mover, say(mover_finding(kind, movers.week, mover, movers.previous or ""),
                               "item", language))
                   for mover in getattr(movers, name)[:count]]
            for name, kind in MOVER_KINDS.items()}


def derive_findings(tables: Tables, series: Series, movers: dict[str, Movers]
                    ) -> dict[str, WeekFindings]:
    """Every week's findings, each from the weeks up to it only."""
    stories = detect_stories(series, movers)
    return {week: WeekFindings(week=week, story=stories[week], total=week_total(tables, week),
                               countries=china_us(tables, week), top=top_models(tables, week),
                               coverage=coverage(tables, week))
            for week in tables.weeks}
