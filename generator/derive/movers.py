"""Movers: how a week's ranking changed on the week before. The models that gained and lost the
most tokens (ranked by the change in tokens, not by the percentage, so a tiny model doubling
does not outrank a leader adding a trillion), the ones that climbed or dropped the most places,
and the models that entered or left the ranking.

Only models ranked in both weeks rise, fall, climb or drop; the others are entrants or leavers.
A week whose previous week is not in the data has no movers (``Movers.previous`` is None): the
pages then say so in a sentence. Worked out once per week in the pipeline (``derive_movers``);
every week's ranking page shows them in full, the home page and the weekly feed the first
three of each list (``Movers.head``), the week's findings the first of each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from generator.derive.tables import Tables, previous_week
from generator.tableio import records

LIMIT = 5  # rows of each list on a week's ranking page
SHORT = 3  # rows of each list on the home page and in the feed


@dataclass(frozen=True)
class Mover:
    slug: str
    name: str
    company: str
    country: str
    tokens: int | None  # this week; None for a model that left the ranking
    tokens_prev: int | None  # the week before; None for an entrant
    rank: int | None
    rank_prev: int | None

    @property
    def token_change(self) -> int | None:
        if self.tokens is None or self.tokens_prev is None:
            return None
        return self.tokens - self.tokens_prev

    @property
    def change(self) -> float | None:
        """The change as a fraction of the week before (0.569 = +56.9%)."""
        if self.token_change is None or not self.tokens_prev:
            return None
        return self.tokens / self.tokens_prev - 1

    @property
    def rank_change(self) -> int | None:
        """Places climbed (negative: dropped)."""
        if self.rank is None or self.rank_prev is None:
            return None
        return self.rank_prev - self.rank


@dataclass(frozen=True)
class Movers:
    week: str
    previous: str | None  # the week compared with; None when the data has no week before
    risers: tuple[Mover, ...] = ()  # most tokens gained, largest first
    fallers: tuple[Mover, ...] = ()  # most tokens lost, largest loss first
    climbers: tuple[Mover, ...] = ()  # most places climbed
    droppers: tuple[Mover, ...] = ()  # most places dropped
    entrants: tuple[Mover, ...] = ()  # ranked this week, not the week before; by rank
    leavers: tuple[Mover, ...] = ()  # ranked the week before, not this week; by earlier rank

    def head(self, count: int) -> Movers:
        """The same movers, each list cut to its first ``count``."""
        return replace(self, **{name: getattr(self, name)[:count] for name in (
            "risers", "fallers", "climbers", "droppers", "entrants", "leavers")})

    @property
    def empty(self) -> bool:
        return not any((self.risers, self.fallers, self.climbers, self.droppers,
                        self.entrants, self.leavers))


def optional_int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def derive_movers(tables: Tables) -> dict[str, Movers]:
    """Every week's movers (all of them: pages cut the lists with ``Movers.head``)."""
    groups = dict(tuple(tables.models.groupby("week_start", sort=False)))
    none = tables.models.iloc[0:0]  # a week whose every token went to models outside the top 50
    by_week = {week: groups.get(week, none) for week in tables.weeks}
    return {week: week_movers(by_week, week) for week in tables.weeks}


def week_movers(by_week: dict[str, pd.DataFrame], week: str) -> Movers:
    """The movers of ``week`` against the ISO week before it (the week the tables' changes are
    on); ``by_week``: the models table's rows of each week of the data."""
    before = previous_week(week)
    if before not in by_week:
        return Movers(week=week, previous=None)
    columns = ["model_permaslug", "model_name", "company", "country", "tokens", "rank"]
    joined = by_week[week][columns].merge(by_week[before][columns], on="model_permaslug",
                                          how="outer", suffixes=("", "_prev"),
                                          validate="one_to_one")
    movers = []
    for row in records(joined.sort_values("model_permaslug")):
        current = not pd.isna(row["rank"])
        pick = "" if current else "_prev"  # a leaver is named as it was the week before
        movers.append(Mover(
            slug=row["model_permaslug"], name=row[f"model_name{pick}"],
            company=row[f"company{pick}"] or "", country=row[f"country{pick}"] or "",
            tokens=optional_int(row["tokens"]), tokens_prev=optional_int(row["tokens_prev"]),
            rank=optional_int(row["rank"]), rank_prev=optional_int(row["rank_prev"])))
    both = [m for m in movers if m.token_change is not None]

    def top(items: list[Mover], key: object) -> tuple[Mover, ...]:
        return tuple(sorted(items, key=key))  # ties: the slug, for the same order every build

    return Movers(
        week=week, previous=before,
        risers=top([m for m in both if m.token_change > 0], lambda m: (-m.token_change, m.slug)),
        fallers=top([m for m in both if m.token_change < 0], lambda m: (m.token_change, m.slug)),
        climbers=top([m for m in both if m.rank_change > 0], lambda m: (-m.rank_change, m.rank,
                                                                        m.slug)),
        droppers=top([m for m in both if m.rank_change < 0], lambda m: (m.rank_change, m.rank,
                                                                        m.slug)),
        entrants=top([m for m in movers if m.tokens_prev is None], lambda m: (m.rank, m.slug)),
        leavers=top([m for m in movers if m.tokens is None], lambda m: (m.rank_prev, m.slug)),
    )
