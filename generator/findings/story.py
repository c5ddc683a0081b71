"""Each week's story: what changed that the figures alone do not say, found from the history up
to and including the week and nothing after it, so a published week's words never change when
later weeks arrive (unless the week itself, or one before it, is restated).

What is found (``detect_stories``), with the week before meaning the previous week of the data:

- **crossover**: a country's weekly tokens pass another's: ahead this week, behind the last
  week the two were not level (a week where either has no ranked model counts as level). Always
  checked for China and the U.S.; also for every pair of the week's five largest countries.
  Claims "for the first time since tracking began" when the country never had more tokens than
  the other before (counting weeks the other had no ranked model), else "for the first time
  since the week of …" (the last week it had more).
- **record**: the highest weekly total on record, for all models and for each of the week's
  five largest countries (a country's own history: its weeks with ranked models, at least
  ``MIN_HISTORY`` of them; ``figures["previous_week"]`` is the record it beats);
  **most-since**: not a record, but the most since a week at least ``SINCE_WEEKS`` weeks back
  that had as much.
- **leader** / **company-leader**: a new number one model or company: at #1 for the first time,
  or back at #1 for the first time since the week of … (the last week it was #1).
- **streak**: Chinese or U.S. tokens up (or down) on the week for ``STREAK_WEEKS`` or more
  weeks in a row.
- **riser**, **faller**, **climber**, **entrant**, **leaver**: the first of each of the week's
  movers (generator.derive.movers).

Nothing claims "record" or "first" on fewer than ``MIN_HISTORY`` weeks of data: a crossover or a
new number one is then stated without the claim, a record not at all.

The ranking (``SCORES``, higher first; ties by the order of ``SCORES``, then the subject): a
crossover of China and the U.S. outranks everything, a new number one model outranks a new
number one company, both outrank records; records of all models and of China or the U.S.
outrank a crossover of two smaller countries and their records; a record set the week after
another record of the same figures scores low ("records every week are not news", in a growing
market), as does a streak after its first week of reaching ``STREAK_WEEKS``. The first finding
is the week's headline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from generator.derive.movers import Mover, Movers
from generator.derive.series import Leader, Series
from generator.findings.finding import Finding

STORY_PAIR = ("CN", "US")  # the crossover always checked
TOP_COUNTRIES = 5  # crossovers and records among the week's largest countries
MIN_HISTORY = 4  # weeks of data before anything is called a record or a first
STREAK_WEEKS = 4
SINCE_WEEKS = 8  # "the most since the week of …" reaches at least this many weeks back

# (kind, a variant of it) -> score. Variants: a crossover of STORY_PAIR or of other countries;
# a claim ("first", "since") or none ("") of a new leader; a record after a record or not.
SCORES = {
    ("crossover", "pair"): 100,
    ("leader", "first"): 85, ("leader", "since"): 75, ("leader", ""): 65,
    ("company-leader", "first"): 80, ("company-leader", "since"): 70, ("company-leader", ""): 60,
    ("record", "total"): 50, ("record", "pair"): 45,
    ("streak", "new"): 40,
    ("crossover", "other"): 38,
    ("record", "country"): 35,
    ("most-since", "total"): 32, ("most-since", "pair"): 30,
    ("riser", ""): 26, ("climber", ""): 24, ("entrant", ""): 22,
    ("streak", "on"): 20,
    ("faller", ""): 18,
    ("record", "total again"): 15, ("most-since", "country"): 14,
    ("record", "pair again"): 12, ("record", "country again"): 11,
    ("leaver", ""): 10,
}
KIND_ORDER = list(dict.fromkeys(kind for kind, _ in SCORES))
# A finding that can head a chart (its embed's title, the one the chart picks out): the week's
# headline, or any other finding scoring at least this (crossovers, new number ones, records
# of all models and of China or the U.S., a streak reaching STREAK_WEEKS).
CARRIED = 40


def ranked(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (-f.score, KIND_ORDER.index(f.kind),
                                                 f.subject, f.other)))


def detect_stories(series: Series, movers: dict[str, Movers]) -> dict[str, tuple[Finding, ...]]:
    """Week -> its story findings, ranked (the first is the headline; a week may have none)."""
    stories = {}
    records: dict[str, list[bool]] = {}  # subject -> was each earlier week a record
    for index, week in enumerate(series.weeks):
        found = [*crossovers(series, index), *record_findings(series, index, records),
                 *leader_findings("leader", series.model_leaders, series.weeks, index),
                 *leader_findings("company-leader", series.company_leaders, series.weeks,
                                  index),
                 *streaks(series, index), *mover_findings(movers.get(week))]
        stories[week] = ranked(found)
    return stories


def top_countries(series: Series, week: str) -> list[str]:
    tokens = series.countries[week]
    return sorted((c for c in tokens if tokens[c] > 0), key=lambda c: (-tokens[c], c)
                  )[:TOP_COUNTRIES]


def claim_of(index: int, since: str | None) -> tuple[str, str]:
    """(claim, since): no claim on a short history; "first" when it never happened before;
    else "since" the last week it did."""
    if index + 1 < MIN_HISTORY:
        return "", ""
    return ("first", "") if since is None else ("since", since)


# ---------------------------------------------------------------- crossovers

def crossovers(series: Series, index: int) -> Iterator[Finding]:
    week = series.weeks[index]
    top = top_countries(series, week)
    pairs = {tuple(sorted(STORY_PAIR))}
    pairs.update(tuple(sorted((a, b))) for i, a in enumerate(top) for b in top[i + 1:])
    for first, second in sorted(pairs):
        found = crossover(series, index, first, second)
        if found is not None:
            yield found


def standing(series: Series, week: str, first: str, second: str) -> int:
    """+1 when ``first`` has more tokens than ``second``, -1 when fewer, 0 when level or when
    either has no ranked model that week."""
    tokens = series.countries[week]
    a, b = tokens.get(first, 0), tokens.get(second, 0)
    if not a or not b or a == b:
        return 0
    return 1 if a > b else -1


def crossover(series: Series, index: int, first: str, second: str) -> Finding | None:
    weeks = series.weeks
    now = standing(series, weeks[index], first, second)
    if now == 0:
        return None
    earlier = [(week, standing(series, week, first, second)) for week in weeks[:index]]
    decided = [(week, s) for week, s in earlier if s != 0]
    if not decided or decided[-1][1] != -now:
        return None
    ahead, behind = (first, second) if now > 0 else (second, first)
    # the last week it had more tokens: the other may have had no ranked model then
    tokens_of = series.countries
    last_ahead = next((week for week in reversed(weeks[:index])
                       if tokens_of[week].get(ahead, 0) > tokens_of[week].get(behind, 0)), None)
    claim, since = claim_of(index, last_ahead)
    tokens = series.countries[weeks[index]]
    pair = set(STORY_PAIR) == {first, second}
    return Finding("crossover", weeks[index], subject=ahead, other=behind,
                   figures={"tokens": tokens[ahead], "other_tokens": tokens[behind]},
                   against=decided[-1][0], claim=claim, since=since,
                   score=SCORES["crossover", "pair" if pair else "other"])


# ---------------------------------------------------------------- records

def record_findings(series: Series, index: int, records: dict[str, list[bool]]
                    ) -> Iterator[Finding]:
    """Records and "most since" of all models ("") and of the week's largest countries;
    ``records`` keeps, per subject, whether each week so far was a record (for the ranking)."""
    weeks = series.weeks
    week = weeks[index]
    top = set(top_countries(series, week))
    subjects = ["", *sorted(set(series.countries[week]) | set(records) - {""})]
    for subject in subjects:
        values = [value_of(series, w, subject) for w in weeks[:index + 1]]
        history = records.setdefault(subject, [])
        history.extend([False] * (index + 1 - len(history)))
        now, before = values[-1], values[:-1]
        # its own history: a country counts from the weeks it had ranked models
        known = sum(1 for value in values if value) >= MIN_HISTORY
        is_record = bool(now) and known and now > max(before)
        history[index] = is_record
        if subject and subject not in top:
            continue
        which = "total" if not subject else "pair" if subject in STORY_PAIR else "country"
        if is_record:
            again = index > 0 and history[index - 1]
            variant = f"{which} again" if again else which
            previous = max(range(len(before)), key=lambda i: (before[i], i))
            yield Finding("record", week, subject=subject,
                          figures={"tokens": now, "previous": before[previous],
                                   "previous_week": weeks[previous]},
                          score=SCORES["record", variant])
        elif now and known:
            higher = [i for i, value in enumerate(before) if value >= now]
            if higher and index - higher[-1] >= SINCE_WEEKS:
                yield Finding("most-since", week, subject=subject,
                              figures={"tokens": now, "then": before[higher[-1]]},
                              since=weeks[higher[-1]], claim="since",
                              score=SCORES["most-since", which])


def value_of(series: Series, week: str, subject: str) -> int:
    return series.totals[week] if not subject else series.countries[week].get(subject, 0)


# ---------------------------------------------------------------- new number ones

def leader_findings(kind: str, leaders: dict[str, Leader], weeks: tuple[str, ...],
                    index: int) -> Iterator[Finding]:
    if index == 0:
        return
    week, before = weeks[index], weeks[index - 1]
    now, then = leaders.get(week), leaders.get(before)
    if now is None or then is None or now.key == then.key:
        return
    last = next((w for w in reversed(weeks[:index]) if leaders.get(w) is not None
                 and leaders[w].key == now.key), None)
    claim, since = claim_of(index, last)
    yield Finding(kind, week, subject=now.key, name=now.name, other=then.key,
                  other_name=then.name, figures={"tokens": now.tokens, "share": now.share},
                  base="all" if kind == "leader" else "known", against=before, claim=claim,
                  since=since, score=SCORES[kind, claim])


# ---------------------------------------------------------------- streaks

def streaks(series: Series, index: int) -> Iterator[Finding]:
    weeks = series.weeks
    for country in STORY_PAIR:
        change = series.changes[weeks[index]].get(country)
        if not change:  # undefined, or unchanged: no streak
            continue
        run = 0
        for week in reversed(weeks[:index + 1]):
            earlier = series.changes[week].get(country)
            if not earlier or (earlier > 0) != (change > 0):
                break
            run += 1
        if run < STREAK_WEEKS:
            continue
        start = weeks[index - run + 1]
        base = weeks[index - run]  # the week before the run (a change needs one)
        tokens, then = series.countries[weeks[index]][country], series.countries[base][country]
        yield Finding("streak", weeks[index], subject=country,
                      figures={"weeks": run, "direction": 1 if change > 0 else -1,
                               "change": change, "run_change": tokens / then - 1,
                               "tokens": tokens},
                      since=start, against=base,
                      score=SCORES["streak", "new" if run == STREAK_WEEKS else "on"])


# ---------------------------------------------------------------- movers

def mover_findings(movers: Movers | None) -> Iterator[Finding]:
    """The first of each list of the week's movers."""
    if movers is None or movers.previous is None:
        return
    for kind, items in (("riser", movers.risers), ("faller", movers.fallers),
                        ("climber", movers.climbers), ("entrant", movers.entrants),
                        ("leaver", movers.leavers)):
        if items:
            yield dataclasses.replace(mover_finding(kind, movers.week, items[0],
                                                    movers.previous),
                                      score=SCORES[kind, ""])


def mover_finding(kind: str, week: str, mover: Mover, previous: str) -> Finding:
    """A mover as a finding (the home page's and the feed's lists word each one)."""
    return Finding(kind, week, subject=mover.slug, name=mover.name,
                   figures={"tokens": mover.tokens, "tokens_prev": mover.tokens_prev,
                            "rank": mover.rank, "rank_prev": mover.rank_prev,
                            "change": mover.change, "token_change": mover.token_change,
                            "places": mover.rank_change},
                   against=previous)
