"""English words of the week's story (generator.findings.story): each finding as a title (feed
and embed headlines), a sentence (ledes, "What changed this week") and, for some, a mark (a label
drawn on a chart) or a list item (the words after a model's name in the movers' lists)."""

from __future__ import annotations

from collections.abc import Callable

from generator import fmt
from generator.findings.en.common import (
    in_week,
    models,
    opening,
    short_change,
    short_country,
    tokens,
)
from generator.findings.finding import Finding


def when(f: Finding, form: str) -> str:
    """'in the week of …'; 'this week' in the list of a week's own page (form 'change')."""
    return "this week" if form == "change" else in_week(f.week)


def since_words(f: Finding, short: bool = False) -> str:
    """'for the first time' / 'for the first time since the week of …' / ''."""
    if f.claim == "first":
        return "for the first time"
    if f.claim == "since":
        week = fmt.week_short(f.since) if short else fmt.week_range(f.since)
        return f"for the first time since the week of {week}"
    return ""


def crossover(f: Finding, form: str) -> str:
    a, b = f.subject, f.other
    figures = f"{tokens(f.figure('tokens'))} tokens against {tokens(f.figure('other_tokens'))}"
    if form == "mark":
        return f"{short_country(a)} passes {short_country(b)}"
    verb = "overtook" if f.claim == "first" else "passed"
    if form == "title":
        return " ".join(filter(None, [f"{opening(a)} {verb} {models(b)}",
                                      since_words(f, short=True)])) + f": {figures}"
    if f.claim == "first":
        claim = " for the first time since tracking began"
    elif f.claim == "since":
        claim = f" {since_words(f)}"
    else:
        claim = ""
    opened = "This week" if form == "change" else f"In the week of {fmt.week_range(f.week)}"
    return (f"{opened}, {models(a)} {verb} {models(b)}{claim}: "
            f"{figures}.")


def record(f: Finding, form: str) -> str:
    now, before = tokens(f.figure("tokens")), tokens(f.figure("previous"))
    if not f.subject:
        if form == "title":
            return f"A record week on OpenRouter: {now} tokens"
        return (f"AI models on OpenRouter processed a record {now} tokens {when(f, form)}, "
                f"above the {before} of the week of {fmt.week_range(f.figure('previous_week'))}.")
    if form == "title":
        return f"{opening(f.subject)} set a record: {now} tokens in a week"
    return (f"{opening(f.subject)} processed a record {now} tokens {when(f, form)}, above "
            f"their {before} of the week of {fmt.week_range(f.figure('previous_week'))}.")


def most_since(f: Finding, form: str) -> str:
    now, then = tokens(f.figure("tokens")), tokens(f.figure("then"))
    who = "AI models on OpenRouter" if not f.subject else opening(f.subject)
    whose = "" if not f.subject else "their "
    if form == "title":
        return f"{who}: {whose}most tokens since the week of {fmt.week_short(f.since)}"
    return (f"{who} processed {now} tokens {when(f, form)}, {whose}most since the week of "
            f"{fmt.week_range(f.since)} ({then}).")


def leader(f: Finding, form: str) -> str:
    share = f"{fmt.percent(f.figure('share'))} {fmt.OF_ALL}"
    if form == "title":
        if f.claim == "first":
            return f"{f.name} became the most used model for the first time"
        if f.claim == "since":
            return f"{f.name} was back at #1 {since_words(f, short=True)}"
        return f"{f.name} took the top spot from {f.other_name}"
    week = when(f, form)
    figures = f"{tokens(f.figure('tokens'))} tokens ({share})"
    if f.claim == "first":
        return (f"{f.name} was the most used model for the first time {week}, with {figures}, "
                f"taking the top spot from {f.other_name}.")
    if f.claim == "since":
        return (f"{f.name} was back at #1 {week}, {since_words(f)}, with {figures}, taking the "
                f"top spot from {f.other_name}.")
    return f"{f.name} took the top spot from {f.other_name} {week}, with {figures}."


def company_leader(f: Finding, form: str) -> str:
    if form == "title":
        if f.claim == "first":
            return f"{f.name} led all companies for the first time"
        if f.claim == "since":
            return f"{f.name} led all companies {since_words(f, short=True)}"
        return f"{f.name} overtook {f.other_name} as the leading company"
    figures = (f"its models processed {tokens(f.figure('tokens'))} tokens "
               f"({fmt.percent(f.figure('share'))} {fmt.OF_KNOWN})")
    week = when(f, form)
    if f.claim == "first":
        return f"{f.name} led all companies for the first time {week}: {figures}, ahead of " \
               f"{f.other_name}."
    if f.claim == "since":
        return f"{f.name} led all companies {week}, {since_words(f)}: {figures}, ahead of " \
               f"{f.other_name}."
    return f"{f.name} overtook {f.other_name} as the leading company {week}: {figures}."


def streak(f: Finding, form: str) -> str:
    weeks, rising = f.figure("weeks"), f.figure("direction") > 0
    moved = "up" if rising else "down"
    if form == "title":
        return f"{opening(f.subject)} {moved} on the week {weeks} weeks in a row"
    return (f"Tokens of {models(f.subject)} {'rose' if rising else 'fell'} on the week for "
            f"{weeks} weeks in a row, to {tokens(f.figure('tokens'))} {when(f, form)}: "
            f"{short_change(f.figure('run_change'))} since the week of "
            f"{fmt.week_range(f.against)}.")


def mover(verb: str) -> Callable[[Finding, str], str]:
    """Risers and fallers: the change in tokens, the percentage beside it."""
    def words(f: Finding, form: str) -> str:
        delta, change = fmt.tokens_change(f.figure("token_change")), fmt.change(f.figure("change"))
        if form == "item":
            return f"{delta} tokens ({change}), rank {f.figure('rank')}"
        if form == "title":
            return f"{f.name} {verb} the most tokens on the week: {delta}"
        return (f"{f.name} {verb} the most tokens of any model ranked both weeks: {delta} to "
                f"{fmt.tokens_short(f.figure('tokens'))} ({change}), now #{f.figure('rank')}.")
    return words


def climber(f: Finding, form: str) -> str:
    places = fmt.rank_move_words(f.figure("places"), False)
    if form == "item":
        return f"rank {f.figure('rank')}, {places}"
    if form == "title":
        return f"{f.name} climbed the most places: #{f.figure('rank_prev')} to #{f.figure('rank')}"
    return (f"{f.name} climbed the most places, from #{f.figure('rank_prev')} to "
            f"#{f.figure('rank')} ({places}).")


def entrant(f: Finding, form: str) -> str:
    if form == "item":
        return f"{fmt.tokens_short(f.figure('tokens'))} tokens, rank {f.figure('rank')}"
    if form == "title":
        return f"{f.name} entered the top 50 at #{f.figure('rank')}"
    return (f"{f.name} entered the top 50 at #{f.figure('rank')}, with "
            f"{tokens(f.figure('tokens'))} tokens.")


def leaver(f: Finding, form: str) -> str:
    if form == "item":
        return (f"{fmt.tokens_short(f.figure('tokens_prev'))} tokens the week before, rank "
                f"{f.figure('rank_prev')}")
    if form == "title":
        return f"{f.name} left the top 50"
    return (f"{f.name} left the top 50; it was #{f.figure('rank_prev')} the week before, with "
            f"{tokens(f.figure('tokens_prev'))} tokens.")


WORDINGS = {
    "crossover": crossover, "record": record, "most-since": most_since, "leader": leader,
    "company-leader": company_leader, "streak": streak, "riser": mover("gained"),
    "faller": mover("lost"), "climber": climber, "entrant": entrant, "leaver": leaver,
}
