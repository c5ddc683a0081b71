"""What the English wordings share: how they name a country's models, a week, a change."""

from __future__ import annotations

from generator import fmt

# Short names of countries for labels drawn on charts ("China passes U.S.").
SHORT_COUNTRIES = {"US": "U.S.", "GB": "U.K.", "AE": "UAE"}


def models(code: str) -> str:
    """'Chinese models', 'U.S. models', 'models from Brazil', 'models with no known country'."""
    return fmt.country_models(code) if code else "models with no known country"


def opening(code: str) -> str:
    """``models`` to open a sentence: 'Chinese models', 'Models from Brazil'."""
    return fmt.sentence_case(models(code))


def short_country(code: str) -> str:
    return SHORT_COUNTRIES.get(code) or fmt.country_name(code)


def in_week(week: str) -> str:
    return f"in the week of {fmt.week_range(week)}"


def in_week_short(week: str) -> str:
    """'in the week of 29 Dec 2025 – 4 Jan 2026': for a title that must stay short."""
    return f"in the week of {fmt.week_short(week)}"


def dated(lead: str, week: str, rest: str = "") -> tuple[str, str, str]:
    """A title's wordings from the fullest down, for ``fit``: '<lead> in the week of 2–8 March
    2026<rest>', the same with the short week, then without the week."""
    return (f"{lead} {in_week(week)}{rest}", f"{lead} {in_week_short(week)}{rest}",
            f"{lead}{rest}")


# A title (an embed's, a card's headline) is at most this many characters: longer, it runs to
# four lines and more in a phone's column and crowds the chart out of a card.
TITLE_MAX = 100


def fit(*titles: str) -> str:
    """The first of ``titles`` (the fullest wording first, each shorter one saying less) that is
    at most TITLE_MAX characters; the last (the shortest) if none is. Never cut mid-word."""
    return next((title for title in titles if len(title) <= TITLE_MAX), titles[-1])


def tokens(value: object) -> str:
    return fmt.tokens_words(int(value))


def change(value: object, suffix: str = " on the week") -> str:
    """'up 4.1% on the week'; 'no earlier week to compare with' when undefined."""
    return fmt.up_down(value, suffix=suffix)


def short_change(value: object) -> str:
    """'up 4.1%', 'down 0.8%', 'unchanged'."""
    return fmt.up_down(value, suffix="")


def of_base(base: str) -> str:
    return fmt.OF_ALL if base == "all" else fmt.OF_KNOWN


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"
