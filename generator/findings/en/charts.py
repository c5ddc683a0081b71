"""English words of the charts: each chart's finding (generator.findings.charts) as its alt text
('sentence') and its embed's headline ('title'), the words beside a one-week chart's number
('stat', 'stat-value'), and what each chart family is ('chart': its title, caption, embed
subtitle and the form its alt text names), keyed by family (generator.charts.families)."""

from __future__ import annotations

from datetime import date, timedelta

from generator import fmt
from generator.findings.en.common import (
    change,
    dated,
    fit,
    in_week,
    models,
    opening,
    plural,
    tokens,
)
from generator.findings.finding import Finding


def period(first_week: str, last_week: str) -> str:
    """'6 Jan 2025 – 5 Apr 2026': from the first Monday to the last week's Sunday."""
    end = date.fromisoformat(last_week) + timedelta(days=6)
    return f"{fmt.short_date(first_week)} – {fmt.short_date(end)}"


def country_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"Weekly tokens by country of origin, {in_week(f.week)}" if form == "title"
                else f"Weekly tokens by country, to the week of {fmt.week_range(f.week)}.")
    if form == "title":
        lead, count = f"{opening(f.subject)} processed the most tokens", tokens(f.figure("tokens"))
        return fit(*dated(lead, f.week, f": {count}"), lead)
    text = f"{opening(f.subject)} processed {tokens(f.figure('tokens'))} tokens {in_week(f.week)}"
    if f.figure("change") is not None:
        text += f", {change(f.figure('change'))}"
    if f.other:
        text += f", ahead of {models(f.other)} at {tokens(f.figure('other_tokens'))}"
        if f.figure("other_change") is not None:
            text += f" ({change(f.figure('other_change'))})"
    return text + "."


def share_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"Share {fmt.OF_KNOWN} by country, {in_week(f.week)}" if form == "title"
                else f"Shares of tokens by country, to the week of {fmt.week_range(f.week)}.")
    share, before = f.figure("share"), f.figure("share_before")
    if form == "title":  # the subtitle names the base in full
        took = f"{opening(f.subject)} took {fmt.percent(share)} of tokens with a known country"
        moved = ""
        if before is not None and fmt.percent(before) != fmt.percent(share):
            moved = f", {'up' if share > before else 'down'} from {fmt.percent(before)}"
        return fit(*dated(took, f.week, moved)[:2],
                   f"{took}{moved} the week before" if moved else took, took)
    took = f"{opening(f.subject)} took {fmt.percent(share)} {fmt.OF_KNOWN} {in_week(f.week)}"
    if before is not None:
        took += f", against {fmt.percent(before)} the week before"
    if f.other:
        took += f"; {models(f.other)} took {fmt.percent(f.figure('other_share'))}"
    return took + "."


def company_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"Weekly tokens by company, {in_week(f.week)}" if form == "title"
                else f"Weekly tokens by company, to the week of {fmt.week_range(f.week)}.")
    count = tokens(f.figure("tokens"))
    if form == "title":
        led = f"{f.name} led all companies"
        return fit(*dated(led, f.week, f", with {count} tokens"), led)
    text = f"{f.name}'s models processed {count} tokens {in_week(f.week)}, the most of any company"
    if f.figure("change") is not None:
        text += f", {change(f.figure('change'))}"
    if f.other:
        text += f"; {f.other_name} followed with {tokens(f.figure('other_tokens'))}"
    return text + "."


def top_model(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"Top models, {in_week(f.week)}" if form == "title"
                else f"No model was ranked in the week of {fmt.week_range(f.week)}.")
    share = f"({fmt.percent(f.figure('share'))} {fmt.OF_ALL})"
    lead = (f"{f.name} was the most used model {in_week(f.week)}, with "
            f"{tokens(f.figure('tokens'))} tokens {share}")
    if form == "title":
        top, count = f"{f.name} was the most used model", tokens(f.figure("tokens"))
        return fit(lead, *dated(top, f.week, f", with {count} tokens"), top)
    others = [f"{name} ({tokens(count)})" for name, count in f.figure("next")]
    return lead + (", ahead of " + " and ".join(others) if others else "") + "."


def growth(f: Finding, form: str) -> str:
    rows = f.figure("rows")
    if not rows:
        return (f"No change on the week yet: the data starts {in_week(f.week)}" if form == "title"
                else f"No change on the week to show yet: the data has one week, "
                     f"{fmt.week_range(f.week)}.")
    if form == "title":
        moves = [f"{models(code)} {change(value, suffix='')}" for code, value in rows]
        moves[0] += " on the week"
        told = "tokens of " + ", ".join(moves)
        return fit(f"Week of {fmt.week_range(f.week)}: {told}",
                   f"Week of {fmt.week_short(f.week)}: {told}", fmt.sentence_case(told),
                   f"Tokens of {moves[0]}")
    (lead, value), *others = rows
    text = f"In the week of {fmt.week_range(f.week)}, tokens of {models(lead)} were {change(value)}"
    for code, other in others:
        text += f"; those of {models(code)} were {change(other, suffix='')}"
    return text + "."


def rank_lead(f: Finding, form: str) -> str:
    count = f.figure("count")
    if form == "title":
        if f.figure("weeks") == 1 or not count:
            top, later = f"The top {count} models", "rank movement shows from the second week"
            return fit(*dated(top, f.week, f": {later}"))
        if f.figure("climbed"):
            gap = (date.fromisoformat(f.week) - date.fromisoformat(f.figure("climb_since"))
                   ).days // 7
            moved = (f"from #{f.figure('climb_from')} to #{f.figure('climb_to')} in "
                     f"{plural(gap, 'week')}")
            return fit(f"{f.name} climbed furthest of the week's top {count}: {moved}",
                       f"{f.name} climbed {moved}", f"{f.name} climbed furthest")
        led = f"{f.figure('leader_name')} led the top {count}"
        return fit(*dated(led, f.week, "; none of them climbed"), led)
    if not count:
        return f"No model was ranked in the week of {fmt.week_range(f.week)}."
    text = f"{f.figure('leader_name')} ranked #1 in the week of {fmt.week_range(f.week)}"
    before = f.figure("rank_before")
    if before is not None:
        text += (", new in the top 50" if before == "out" else ", as the week before"
                 if before == 1 else f", up from #{before} the week before")
    if f.figure("climbed") and f.subject != f.figure("leader"):
        text += (f"; {f.name} climbed furthest, from #{f.figure('climb_from')} in the week of "
                 f"{fmt.week_range(f.figure('climb_since'))} to #{f.figure('climb_to')}")
    return text + "."


def free_share(f: Finding, form: str) -> str:
    share = fmt.percent(f.figure("share"))
    if form == "stat-value":
        return share
    if form == "stat":
        return f"{fmt.OF_ALL} went to free variants in the week of {fmt.week_range(f.week)}"
    if form == "title":
        took = f"Free variants took {share} {fmt.OF_ALL}"
        return fit(*dated(took, f.week))
    text = (f"Free variants took {share} {fmt.OF_ALL} in the week of {fmt.week_range(f.week)} "
            f"({tokens(f.figure('tokens'))} tokens)")
    if f.figure("weeks") > 1:
        text += f", against {fmt.percent(f.figure('share_before'))} the week before"
        if f.figure("peak_week") != f.week:
            text += (f"; their largest share was {fmt.percent(f.figure('peak'))}, in the week "
                     f"of {fmt.week_range(f.figure('peak_week'))}")
    return text + "."


def left_out(f: Finding) -> str:
    parts = []
    if f.figure("free"):
        parts.append(f"{plural(f.figure('free'), 'free model')}")
    if f.figure("unknown"):
        parts.append(f"{plural(f.figure('unknown'), 'model')} without a known price")
    return " and ".join(parts)


def price_lead(f: Finding, form: str) -> str:
    if form == "stat-value":
        return "0"
    if form == "stat":
        return f"models with a paid list price in the week of {fmt.week_range(f.week)}"
    if not f.subject:
        return (f"Tokens against list price, {in_week(f.week)}" if form == "title"
                else f"No ranked model had a paid list price in the week of "
                     f"{fmt.week_range(f.week)}.")
    price = fmt.price(f.figure("price"))
    if form == "title":
        lists = f"lists {price} per million completion tokens"
        paid = f"{f.name}, the most used model with a paid list price"
        return fit(*dated(paid, f.week, f", {lists}"),
                   f"{f.name}, the most used paid model, {lists}", f"{f.name} {lists}")
    text = (f"The most used model with a paid list price in the week of "
            f"{fmt.week_range(f.week)}, {f.name} ({tokens(f.figure('tokens'))} tokens), lists "
            f"{price} per million completion tokens")
    if f.figure("count") > 1:
        (cheap, low), (dear, high) = f.figure("cheapest"), f.figure("dearest")
        text += (f"; the {f.figure('count')} models with a paid price range from "
                 f"{fmt.price(low)} ({cheap}) to {fmt.price(high)} ({dear})")
    return text + "."


def stat_of(value: str, words: str, form: str) -> str:
    return value if form == "stat-value" else words


def growth_stat(f: Finding, form: str) -> str:
    return stat_of("One week", f"of data so far ({fmt.week_range(f.week)}): a change on the week "
                   "needs a week before it", form)


def rank_stat(f: Finding, form: str) -> str:
    return stat_of("One week", f"of rankings so far ({fmt.week_range(f.week)}): rank movement "
                   "shows from the second week", form)


WORDINGS = {
    "country-lead": country_lead, "share-lead": share_lead, "company-lead": company_lead,
    "top-model": top_model, "growth": lambda f, form: (
        growth_stat(f, form) if form.startswith("stat") else growth(f, form)),
    "rank-lead": lambda f, form: (
        rank_stat(f, form) if form.startswith("stat") else rank_lead(f, form)),
    "free-variants": free_share, "price-lead": price_lead,
}
