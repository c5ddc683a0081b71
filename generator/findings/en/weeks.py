"""English words of the standing findings (generator.findings.facts): a week's total, its
China/U.S. figures, its most used models and coverage, the headline cards, each model's,
company's and country's week and history, and spend at list prices."""

from __future__ import annotations

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


def on_the_week(f: Finding) -> str:
    """A card's change: 'Up 4.1% on the week', 'First week of data'."""
    if f.figure("first_week"):
        return "First week of data"
    return fmt.sentence_case(change(f.figure("change")))


def week_total(f: Finding, form: str) -> str:
    """'AI models on OpenRouter processed 30.7 trillion tokens in the week of …, up 30.8% on the
    week.'"""
    if form == "card-label":
        return "All models"
    if form == "card-value":
        return tokens(f.figure("tokens"))
    if form == "card-change":
        return on_the_week(f)
    if f.figure("first_week"):
        compared = " (the first week in the data, so there is no earlier week to compare with)"
    else:
        compared = f", {change(f.figure('change'))}"
    return f"AI models on OpenRouter processed {tokens(f.figure('tokens'))} tokens " \
           f"{in_week(f.week)}{compared}."


def week_country(f: Finding, form: str) -> str:
    """A story country's card: label, value, and change with the base of its share."""
    if form == "card-label":
        return opening(f.subject)
    if form == "card-value":
        return tokens(f.figure("tokens"))
    return f"{on_the_week(f)} · {fmt.percent(f.figure('share'))} {fmt.OF_KNOWN}"


def versus(f: Finding) -> str:
    """' (up 7.4%)' after a figure; nothing in the first week of the data."""
    if f.figure("first_week"):
        return ""
    if f.figure("change") is None:
        return " (none the week before)"
    return f" ({change(f.figure('change'), suffix='')})"


def countries(f: Finding, form: str) -> str:
    """The China/U.S. sentence a dated news story needs, with the base of the shares said
    ('sentence'); the week's finding in a line when it has no story ('title': 'Chinese models
    7.36 trillion tokens, up 56.9%'). The larger of the two comes first."""
    present, missing = f.figure("present"), f.figure("missing")
    if form == "title":
        return countries_title(f)
    if not present:
        names = " or ".join(fmt.DEMONYMS[code] for code in missing)
        return f"No {names} model was in the top 50 this week."
    lead = present[0]
    opened = f"{opening(lead.subject)} processed {tokens(lead.figure('tokens'))} tokens"
    moved = "" if lead.figure("first_week") else f", {change(lead.figure('change'))}"
    if not lead.figure("first_week") and lead.figure("change") is None:
        moved = ", with none in the top 50 the week before"
    if len(present) == 1:
        return (f"{opened}{moved}, {fmt.percent(lead.figure('share'))} {fmt.OF_KNOWN}; no "
                f"{fmt.DEMONYMS[missing[0]]} model was in the top 50.")
    trail = present[1]
    return (f"{opened}{moved}, against {tokens(trail.figure('tokens'))} for "
            f"{models(trail.subject)}{versus(trail)}. Of tokens from models with a known "
            f"country, {models(lead.subject)} had {fmt.percent(lead.figure('share'))} and "
            f"{models(trail.subject)} {fmt.percent(trail.figure('share'))}.")


def countries_title(f: Finding) -> str:
    present = f.figure("present")
    total = f.figure("total")
    if present:
        lead = present[0]
        who, count, moved = opening(lead.subject), lead.figure("tokens"), lead
    else:
        who, count, moved = "AI models", total.figure("tokens"), total
    if moved.figure("first_week"):
        tail = " in the first week of data"
    elif moved.figure("change") is None:
        tail = ", none in the top 50 the week before"
    else:
        tail = f", {change(moved.figure('change'), suffix='')}"
    return f"{who} {tokens(count)} tokens{tail}"


def top_models(f: Finding, form: str) -> str:
    """'The 4 most used models were A (China), B (United States), C (China) and D (France).'"""
    named = [f"{name} ({fmt.country_name(country)})" for name, country in f.figure("models")]
    if not named:
        return ""
    if len(named) == 1:
        return f"The most used model was {named[0]}."
    return f"The {len(named)} most used models were {fmt.listing(named)}."


def top_companies(f: Finding, form: str) -> str:
    """'The companies whose models processed the most tokens on OpenRouter in the week of …:
    A (7.36 trillion tokens, up 4.1%), B (…) and C (…).'"""
    named = [f"{name} ({tokens(count)} tokens, {change(moved, suffix='')})"
             for name, count, moved in f.figure("companies")]
    if not named:
        return "Weekly AI tokens by the company that developed each model."
    return (f"The companies whose models processed the most tokens on OpenRouter in the week "
            f"of {fmt.week_range(f.week)}: {fmt.listing(named)}.")


def coverage(f: Finding, form: str) -> str:
    other = f.figure("other_tokens")
    if form == "card-label":
        return f"Share {fmt.OF_ALL} in the top 50"
    if form == "card-value":
        return fmt.percent(f.figure("coverage"))
    if form == "card-change":
        return f"{tokens(other)} tokens went to models outside the top 50"
    return (f"{tokens(other)} tokens ({fmt.percent(f.figure('other_share'))} {fmt.OF_ALL}) went "
            f"to models outside the top 50, so the ranking covers "
            f"{fmt.percent(f.figure('coverage'))} of the week's tokens.")


def weeks_index(f: Finding) -> str:
    """The Rankings pages' lists of weeks: ``f.week`` the first week, figures ``weeks`` (how
    many there are) and ``shown`` (how many a list shows)."""
    weeks, shown = f.figure("weeks"), f.figure("shown")
    listed = ("all tokens processed, the change on the week, the most used model, and the top "
              "50 models' share of all tokens")
    return {
        "caption": f"Every week: {listed}",
        "recent-caption": f"The last {plural(shown, 'week')}: {listed}",
        "link": f"Every week since {fmt.week_range(f.week)}: all {weeks} weeks",
        "intro": f"All {plural(weeks, 'week')} since tracking began, newest first. Each week "
                 "links to its ranking.",
        "description": f"Every week since {fmt.week_range(f.week)}: "
                       + listed.replace("processed", "processed on OpenRouter", 1) + ".",
    }


def subject_of(f: Finding) -> str:
    """How a finding about one model, company or country names it to open a sentence."""
    entity = f.figure("entity")
    if entity == "country":
        return opening(f.subject)
    if entity == "company":
        return f"{f.name}'s models"
    return f.name


def entity_week(f: Finding, form: str) -> str:
    """A model's, company's or country's latest week: the page's opening sentence and
    description ('sentence'), its history embed's headline ('title')."""
    entity, current = f.figure("entity"), f.figure("current")
    count = tokens(f.figure("tokens"))
    if form == "title":
        return entity_title(f, count)
    if entity == "model":
        return model_lede(f)
    when = f"In the week of {fmt.week_range(f.week)}" + ("" if current
                                                         else " (its last in the top 50)")
    who = models(f.subject) if entity == "country" else subject_of(f)
    text = f"{when}, {who} processed {count} tokens on OpenRouter"
    if entity == "company":
        return f"{text}, {change(f.figure('change'))}."
    return (f"{text}, {change(f.figure('change'))}: {fmt.percent(f.figure('share'))} of the "
            "tokens of models with a known country.")


def model_lede(f: Finding) -> str:
    """A model page's opening sentence (and description): 'Qwen3 Coder by Alibaba (China)
    processed 1.2 trillion tokens on OpenRouter in the week of …, rank 7 of the top 50, up 4.1%
    on the week.'"""
    company, country = f.figure("company"), f.figure("country")
    where = fmt.country_name(country) if country else "no known country"
    who = f"{f.name} by {company} ({where})" if company else f"{f.name} ({where})"
    count, rank = tokens(f.figure("tokens")), f.figure("rank")
    if not f.figure("current"):
        return (f"{who} was last in the top 50 {in_week(f.week)}, when it processed {count} "
                f"tokens on OpenRouter, rank {rank}, {change(f.figure('change'))}.")
    return (f"{who} processed {count} tokens on OpenRouter {in_week(f.week)}, rank {rank} of "
            f"the top 50, {change(f.figure('change'))}.")


def entity_title(f: Finding, count: str) -> str:
    """A history embed's headline: the fullest wording that fits (common.fit)."""
    entity, current, rank = f.figure("entity"), f.figure("current"), f.figure("rank")
    if entity == "model" and current:
        ranked = f"{f.name} ranked #{rank}"
        return fit(*dated(ranked, f.week, f", with {count} tokens"), ranked)
    if entity == "model":
        last = f"{f.name} was last in the top 50"
        return fit(*dated(last, f.week, f", at #{rank}")[:2], *dated(last, f.week))
    if not current:
        return fit(*dated(f"{subject_of(f)} were last in the top 50", f.week))
    did = f"{subject_of(f)} processed {count} tokens"
    return fit(f"{did} {in_week(f.week)}, {fmt.percent(f.figure('share'))} {fmt.OF_KNOWN}",
               *dated(did, f.week)[:2], f"{did} in the latest week")


def history(f: Finding, form: str) -> str:
    """A history chart's alt text ('sentence'), or the words beside its number when it has one
    week ('stat')."""
    entity, weeks = f.figure("entity"), f.figure("weeks")
    if form == "stat-value":
        return tokens(f.figure("tokens"))
    if form == "stat":
        only = ("its only week in the top 50" if entity == "model"
                else "the only week one of its models was in the top 50")
        return f"tokens in the week of {fmt.week_range(f.week)}, {only}"
    ranked = f", ranked #{f.figure('rank')}" if entity == "model" else ""
    count = tokens(f.figure("tokens"))
    if weeks == 1:
        return f"{subject_of(f)} processed {count} tokens {in_week(f.week)}{ranked}."
    text = f"{subject_of(f)} processed {count} tokens in its latest week " \
           f"({fmt.week_range(f.week)}){ranked}"
    if f.figure("change") is not None:
        text += f", {change(f.figure('change'))}"
    if f.figure("peak_week") == f.week:
        text += "; this was its peak"
    else:
        text += (f"; its peak was {tokens(f.figure('peak'))} in the week of "
                 f"{fmt.week_range(f.figure('peak_week'))}")
    return text + f". Bar chart of its {weeks} weeks in the top 50."


def spend(f: Finding, form: str) -> str:
    """Spend at list prices: of the week's models with a known country (no ``entity``), or of a
    country's or company's."""
    entity, priced = f.figure("entity"), f.figure("priced_tokens")
    if not entity:
        if not priced:
            return ("No model with a known country has a known list price this week, so no "
                    "spend is estimated.")
        unpriced = f.figure("unpriced_tokens")
        left = (f"Models without a known list price are left out ({tokens(unpriced)} tokens "
                "this week)." if unpriced else
                "Every one of these models has a known list price this week.")
        return (f"At OpenRouter's list prices, the week's tokens from models with a known "
                f"country would cost an estimated "
                f"{fmt.usd_range(f.figure('spend_low'), f.figure('spend_high'))}. It is a range "
                "because the source counts prompt and completion tokens together: from every "
                "token at the lower of each model's two prices (nearly always the prompt price) "
                f"to every token at the higher. {left} Below, shares of tokens are shares "
                f"{fmt.OF_KNOWN}, and shares of spend are shares of the estimated spend of the "
                "models that are counted.")
    if not priced:
        return ("None of these models has a known list price this week, so no spend is "
                "estimated.")
    whose = f"{models(f.subject)}'" if entity == "country" else f"{f.subject}'s models'"
    unpriced = f.figure("unpriced_tokens")
    left = (f"; {tokens(unpriced)} tokens of models without a known price are left out"
            if unpriced else "")
    return (f"At OpenRouter's list prices, {whose} tokens this week would cost an estimated "
            f"{fmt.usd_range(f.figure('spend_low'), f.figure('spend_high'))}, "
            f"{fmt.percent_range(f.figure('spend_share_low'), f.figure('spend_share_high'))} "
            "of the estimated spend on models with a known country and price (against "
            f"{fmt.percent(f.figure('share_of_attributed'))} of their tokens){left}. It is a "
            "range because the source counts prompt and completion tokens together.")


def week_title(f: Finding, form: str) -> str:
    """A week's feed title: 'Week of 16–22 March 2026: <the headline's title>'."""
    return f"Week of {fmt.week_range(f.week)}: {f.figure('headline')}"


WORDINGS = {
    "week-title": week_title, "week-total": week_total, "week-country": week_country,
    "countries": countries, "most-used": top_models, "top-companies": top_companies,
    "coverage": coverage, "weeks-index": lambda f, form: weeks_index(f)[form],
    "entity-week": entity_week, "history": history, "spend": spend,
}
