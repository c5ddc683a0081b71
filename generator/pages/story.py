"""A week's story in words: the sentences the home page and every week's ranking page open with,
and the one-paragraph summary a feed, a search result or a shared link shows (the page's
description). One function per sentence, so the home page and the week's own page can never
tell the same week differently.

Everything here is plain text built from our own formatter (numbers, dates, country words);
model names from outside are escaped by the caller for the place the text lands.
"""

from __future__ import annotations

from generator import fmt
from generator.site import Site
from generator.tableio import records

STORY_COUNTRIES = ("CN", "US")


def country_row(site: Site, week: str, code: str) -> dict | None:
    countries = site.tables.countries
    rows = records(countries[(countries["week_start"] == week) & (countries["country"] == code)])
    return rows[0] if rows else None


def has_previous_week(site: Site, week: str) -> bool:
    weeks = site.tables.weeks
    return weeks.index(week) > 0


def total_sentence(site: Site, week: str) -> str:
    """'AI models on OpenRouter processed 30.7 trillion tokens in the week of 16–22 March 2026,
    up 30.8% on the week.'"""
    totals = site.week_totals(week)
    change = (f", {fmt.up_down(totals['wow_change'])}" if has_previous_week(site, week)
              else " (the first week in the data, so there is no earlier week to compare with)")
    return (f"AI models on OpenRouter processed {fmt.tokens_words(totals['total_tokens'])} "
            f"tokens in the week of {fmt.week_range(week)}{change}.")


def versus(row: dict, previous: bool) -> str:
    """' (up 7.4%)' after a figure; nothing in the first week of the data."""
    if not previous:
        return ""
    if fmt.is_missing(row["wow_change"]):
        return " (none the week before)"
    return f" ({fmt.up_down(row['wow_change'], suffix='')})"


def story_countries(site: Site, week: str) -> list[tuple[str, dict]]:
    """The story's countries present in the week's data, the larger first."""
    present = [(code, row) for code in STORY_COUNTRIES
               if (row := country_row(site, week, code)) is not None]
    return sorted(present, key=lambda item: (-item[1]["tokens"], item[0]))


def week_headline(site: Site, week: str) -> str:
    """The week's finding in one line, for a feed entry's title: 'Week of 16–22 March 2026:
    Chinese models 7.36 trillion tokens, up 56.9%' (the larger of the story's countries, as
    ``country_story`` leads with; all models when neither is ranked)."""
    present = story_countries(site, week)
    if present:
        code, row = present[0]
        who, tokens = fmt.sentence_case(fmt.country_models(code)), row["tokens"]
    else:
        row = site.week_totals(week)
        who, tokens = "AI models", row["total_tokens"]
    if not has_previous_week(site, week):
        change = " in the first week of data"
    elif fmt.is_missing(row["wow_change"]):
        change = ", none in the top 50 the week before"
    else:
        change = f", {fmt.up_down(row['wow_change'], suffix='')}"
    return f"Week of {fmt.week_range(week)}: {who} {fmt.tokens_words(tokens)} tokens{change}"


def country_story(site: Site, week: str) -> str:
    """The China/U.S. sentence a dated news story needs, with the base of the shares said:
    'Chinese models processed 7.36 trillion tokens, up 56.9% on the week, against 3.54 trillion
    for U.S. models (up 7.4%). Of tokens from models with a known country, Chinese models had
    65.9% and U.S. models 31.7%.' The larger of the two comes first, whichever it is."""
    previous = has_previous_week(site, week)
    present = story_countries(site, week)
    if not present:
        names = " or ".join(fmt.DEMONYMS[code] for code in STORY_COUNTRIES)
        return f"No {names} model was in the top 50 this week."
    lead_code, lead = present[0]
    lead_words = fmt.sentence_case(fmt.country_models(lead_code))
    change = f", {fmt.up_down(lead['wow_change'])}" if previous else ""
    if previous and fmt.is_missing(lead["wow_change"]):
        change = ", with none in the top 50 the week before"
    if len(present) == 1:
        missing = next(code for code in STORY_COUNTRIES if code != lead_code)
        return (f"{lead_words} processed {fmt.tokens_words(lead['tokens'])} tokens{change}, "
                f"{fmt.percent(lead['share_of_attributed'])} {fmt.OF_KNOWN}; no "
                f"{fmt.DEMONYMS[missing]} model was in the top 50.")
    trail_code, trail = present[1]
    return (f"{lead_words} processed {fmt.tokens_words(lead['tokens'])} tokens{change}, "
            f"against {fmt.tokens_words(trail['tokens'])} for "
            f"{fmt.country_models(trail_code)}{versus(trail, previous)}. "
            f"Of tokens from models with a known country, {fmt.country_models(lead_code)} had "
            f"{fmt.percent(lead['share_of_attributed'])} and {fmt.country_models(trail_code)} "
            f"{fmt.percent(trail['share_of_attributed'])}.")


def top_models_sentence(site: Site, week: str, name: object = str) -> str:
    """'The 4 most used models were A (China), B (United States), C and D.'; ``name`` escapes
    each model's name (it comes from outside) for where the sentence lands."""
    top = site.week_models(week)[:4]
    if not top:
        return ""
    names = [f"{name(row['model_name'])} ({name(fmt.country_name(row['country']))})"
             for row in top]
    if len(top) == 1:
        return f"The most used model was {names[0]}."
    return f"The {len(top)} most used models were {fmt.listing(names)}."


def week_lead(site: Site, week: str) -> str:
    """The opening paragraph of the home page and of the week's ranking page, in Markdown."""
    parts = [fmt.md(total_sentence(site, week)), fmt.md(country_story(site, week)),
             top_models_sentence(site, week, fmt.md)]
    return " ".join(part for part in parts if part)


def week_summary(site: Site, week: str) -> str:
    """The week in two sentences, as plain text: the page's description, which feeds, search
    results and shared links show."""
    return f"{total_sentence(site, week)} {country_story(site, week)}"
