"""The site's one formatter: numbers, dates, country names and the words around them, and the
escaping for each place text lands (Markdown, HTML). Pages, embeds' words, alt text, the source
line and chart labels all format through here, so a figure reads the same everywhere.

The rules (small pure functions below; a chart's JavaScript label or tooltip that cannot call
Python should mirror them exactly):

Tokens
    ``tokens_words``  prose: three significant figures and the scale in words, "7.36 trillion",
                      "18.9 trillion", "978 billion", "45.1 million", "812 thousand"; below
                      1,000 the exact count ("999"). Trailing zeros are dropped ("7.3 trillion",
                      "1 trillion"), a rounding that reaches the next scale moves to it
                      (999.7 billion -> "1 trillion").
    ``tokens_short``  tables, axes, tooltips: the same figures with a letter and no space,
                      "7.36T", "18.9T", "978B", "45.1M", "812K", "0". Never "G", never "e+".
    ``tokens_change`` a change in tokens, signed: "+1.2T", "−978B", "0".
    ``tokens_exact``  the exact integer with thousands separators, "7,359,012,345,678".
Percentages (``fraction`` is a share or change as a fraction: 0.569 = 56.9%)
    ``percent``       one decimal below 100 ("56.9%", "4.1%", "0.8%", "10.0%"), whole numbers
                      from 100 up ("100%", "1,250%"), "<0.1%" for a value that is not zero but
                      would round to it, "0%" for exactly zero, "–" when undefined. Halves
                      round up ("7.35%" -> "7.4%"), figures and percentages alike.
    ``change``        the same with a sign: "+56.9%", "+103%", "−0.8%" (a true minus, U+2212),
                      "+<0.1%", "0%", "–".
    ``up_down``       prose: "up 4.1% on the week", "down 0.8% on the week",
                      "up less than 0.1% on the week", "unchanged on the week".
    ``percent_tick``  axis ticks: the shortest exact figure, "0%", "25%", "2.5%".
    ``change_tick``   a change axis's ticks: the same with a sign, "+25%", "0%", "−10%".
Dates (ISO strings in; ISO stays in data files and ``datetime`` attributes, never in text)
    ``long_date``     "9 April 2026" (from "2026-04-09" or "2026-04-09T02:00:00.000Z").
    ``short_date``    "9 Apr 2026" (axes, tooltips, tight table cells).
    ``week_range``    "16–22 March 2026", "30 March – 5 April 2026",
                      "29 December 2025 – 4 January 2026".
    ``week_short``    "16–22 Mar 2026", "30 Mar – 5 Apr 2026" (table cells).
Money (US dollars)
    ``usd``           prose: spend as tokens are written, "$1.23 million", "$812 thousand",
                      "$45", "less than $1", "$0". ``usd_short`` tables: "$1.23M", "$812K".
    ``usd_range``     "$1.23 million – $4.56 million"; tables "$1.23M–$4.56M".
    ``percent_range`` "12.1–15.3%": two shares, the smaller first.
    ``price``         a list price per million tokens: "$0.0375", "$0.25", "$2.50", "$10".
Rank changes
    ``rank_move``     what a table shows: "▲ 2", "▼ 1", "new", "=", "–".
    ``rank_move_words``  its text equivalent: "up 2 places", "down 1 place", "new entry",
                      "no change", "no earlier rank".
Bases (say which tokens a share is of, every time)
    ``OF_ALL``        "of all tokens" (models' shares).
    ``OF_KNOWN``      "of tokens from models with a known country" (companies', countries').
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pycountry
from babel import Locale

from generator.xmltext import xml_text

SOURCE_LINE = ("Source: OpenRouter (openrouter.ai/rankings), as of {as_of}. "
               "Licensed under CC BY 4.0.")
SAMPLE_NOTICE = "Sample data — not real figures"
MINUS = "\u2212"  # a true minus sign, as print uses: "−0.8%"
MISSING = "–"  # an undefined figure (no previous week): an en dash
TENTH, ONE = Decimal("0.1"), Decimal("1")

# The bases of shares, in the words every page uses.
OF_ALL = "of all tokens"
OF_KNOWN = "of tokens from models with a known country"
# Tokens that no share of a country or company counts, named for readers.
NO_COUNTRY = "No known country"
UNATTRIBUTED = "Unattributed"  # a country column left empty (pages' tables)
OUTSIDE_TOP_50 = "Models outside the top 50"
WEEK_SPAN = "Monday to Sunday, UTC"

# How a headline names a country's models ("Chinese models", "U.S. models").
DEMONYMS = {
    "CN": "Chinese", "US": "U.S.", "FR": "French", "DE": "German", "GB": "British",
    "CA": "Canadian", "KR": "South Korean", "JP": "Japanese", "IL": "Israeli", "AE": "Emirati",
    "IN": "Indian", "SG": "Singaporean", "CH": "Swiss", "NL": "Dutch", "SE": "Swedish",
}
SHORT_NAMES = {"US": "United States", "GB": "United Kingdom", "KR": "South Korea",
               "TW": "Taiwan", "RU": "Russia", "IR": "Iran"}


# ---------------------------------------------------------------- tokens

@functools.cache
def compact_units(style: str) -> tuple[tuple[int, str], ...]:
    """English compact units from CLDR (Babel's locale data), largest first: "short" gives
    (10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"); "long" " trillion" ... "
    thousand"."""
    units = {}
    for magnitude, pattern in Locale.parse("en").compact_decimal_formats[style]["other"].items():
        text = getattr(pattern, "pattern", pattern)  # "0K", "00K", ..., "0 thousand"
        units[int(magnitude) // 10 ** (text.count("0") - 1)] = text.replace("0", "")
    return tuple(sorted(units.items(), reverse=True))


def significant_digits(value: Decimal) -> int:
    """Fraction digits that give three significant figures to a figure already scaled into
    1..999 (7.36, 18.9, 978)."""
    size = abs(value)
    return 2 if size < 10 else 1 if size < 100 else 0


def compact(value: int, style: str) -> str:
    """Three significant figures with CLDR's English compact units: "long" gives "7.36
    trillion", "short" "7.36T". The unit is picked from the rounded figure (999.7 billion is
    "1 trillion"), trailing zeros are dropped, halves round up. The same output as Babel's
    format_compact_decimal with the matching fraction digits (tests/test_fmt.py checks), at a
    fiftieth of its cost: a build formats tens of thousands of figures."""
    value = int(value)
    size = abs(value)
    units = compact_units(style)
    if size < units[-1][0]:
        return f"{value:,}".replace("-", MINUS)
    index = next(i for i, (scale, _) in enumerate(units) if size >= scale)
    while True:
        scale, unit = units[index]
        scaled = Decimal(size) / scale
        rounded = scaled.quantize(Decimal(1).scaleb(-significant_digits(scaled)), ROUND_HALF_UP)
        if rounded < 1000 or index == 0:
            break
        index -= 1  # 999.7 billion rounds to 1000: say 1 trillion
    figure = format(rounded.normalize(), ",f")
    return f"{MINUS if value < 0 else ''}{figure}{unit}"


def tokens_words(value: int) -> str:
    """Prose: 7359000000000 -> '7.36 trillion'; 812400000000 -> '812 billion'."""
    return compact(value, "long")


def tokens_short(value: int) -> str:
    """Tables, axes and tooltips: '7.36T', '978B', '45.1M', '0'."""
    return compact(value, "short")


def tokens_change(value: int) -> str:
    """A change in tokens, signed, for tables: '+1.2T', '−978B', '0'."""
    text = tokens_short(value)
    return f"+{text}" if int(value) > 0 else text


def tokens_exact(value: int) -> str:
    return f"{int(value):,}".replace("-", MINUS)


# ---------------------------------------------------------------- percentages

def is_missing(value: object) -> bool:
    """None, pandas NA or NaN: an undefined figure (no previous week)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def percent_magnitude(fraction: float) -> str:
    """The unsigned figure of a fraction, by the one rule: '56.9', '0.8', '103', '<0.1', '0'.
    Halves round up, as people round: 0.0735 is '7.4' (in binary floating point it is a
    shade under 7.35, which would round down)."""
    value = abs(Decimal(repr(float(fraction)))) * 100
    if value == 0:
        return "0"
    one_decimal = value.quantize(TENTH, ROUND_HALF_UP)
    if one_decimal == 0:  # not zero, but one decimal would say it is
        return "<0.1"
    if one_decimal >= 100:  # 99.96 rounds to 100.0: whole numbers from 100 up
        return f"{value.quantize(ONE, ROUND_HALF_UP):,}"
    return str(one_decimal)


def percent(fraction: object) -> str:
    """0.569 -> '56.9%'; 0.0004 -> '<0.1%'; 1.03 -> '103%'; undefined -> '–'."""
    if is_missing(fraction):
        return MISSING
    magnitude = percent_magnitude(float(fraction))
    return f"{MINUS if float(fraction) < 0 and magnitude != '0' else ''}{magnitude}%"


def change(fraction: object) -> str:
    """Signed change: '+56.9%', '+103%', '−0.8%', '+<0.1%', '0%', '–' when undefined."""
    if is_missing(fraction):
        return MISSING
    magnitude = percent_magnitude(float(fraction))
    if magnitude == "0":
        return "0%"
    return f"{'+' if float(fraction) > 0 else MINUS}{magnitude}%"


def up_down(fraction: object, suffix: str = " on the week") -> str:
    """Prose: 'up 56.9% on the week', 'down 0.8% on the week', 'unchanged on the week';
    ``suffix=""`` for 'up 56.9%' where the sentence already says against what."""
    if is_missing(fraction):
        return "no earlier week to compare with"
    value = float(fraction)
    magnitude = percent_magnitude(value)
    if magnitude == "0":
        return f"unchanged{suffix}"
    amount = "less than 0.1%" if magnitude == "<0.1" else f"{magnitude}%"
    return f"{'up' if value > 0 else 'down'} {amount}{suffix}"


def percent_tick(fraction: float) -> str:
    """An axis tick: the shortest exact figure, '0%', '25%', '2.5%', '−10%'."""
    value = round(float(fraction) * 100, 6)
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{text.replace('-', MINUS)}%"


def change_tick(fraction: float) -> str:
    """A change axis's tick: '+25%', '0%', '−10%', '+2.5%'."""
    value = round(float(fraction) * 100, 6)
    if value == 0:
        return "0%"
    text = percent_tick(fraction)
    return f"+{text}" if value > 0 else text


# ---------------------------------------------------------------- money (US dollars)

def dollars(value: object) -> Decimal | None:
    """A dollar amount as a Decimal (the float's shortest digits); None when undefined."""
    return None if is_missing(value) else Decimal(repr(float(value)))


def usd(value: object, style: str = "long") -> str:
    """Spend, as tokens are written: three significant figures and the scale, '$1.23 million',
    '$812 thousand', '$45' (whole dollars below a thousand); 'less than $1' for a
    non-zero amount that would round to nothing, '$0', '–' when undefined. ``style="short"``
    for tables: '$1.23M', '$812K', '<$1'."""
    amount = dollars(value)
    if amount is None:
        return MISSING
    if amount == 0:
        return "$0"
    if abs(amount) < Decimal("0.5"):
        return "<$1" if style == "short" else "less than $1"
    whole = int(abs(amount).to_integral_value(ROUND_HALF_UP))
    return f"{MINUS if amount < 0 else ''}${compact(whole, style)}"


def usd_short(value: object) -> str:
    """Tables: '$1.23M', '$812K', '$45', '<$1', '$0'."""
    return usd(value, "short")


def usd_range(low: object, high: object, style: str = "long") -> str:
    """A range of spend: '$1.23 million – $4.56 million' ('$1.23M–$4.56M' in tables); one
    figure when both ends read the same."""
    first, second = usd(low, style), usd(high, style)
    if first == second:
        return first
    return f"{first}–{second}" if style == "short" else f"{first} – {second}"


def percent_range(low: object, high: object) -> str:
    """Two shares as a range, the smaller first: '12.1–15.3%'; one figure when they read the
    same; '–' when undefined."""
    if is_missing(low) or is_missing(high):
        return MISSING
    first, second = sorted((float(low), float(high)))
    a, b = percent(first), percent(second)
    return a if a == b else f"{a.removesuffix('%')}–{b}"


def price(value: object) -> str:
    """A list price in USD per million tokens, as OpenRouter writes it: every digit it has
    (to a millionth of a dollar), cents shown once there is a fraction: '$0.0375', '$0.25',
    '$2.50', '$10', '$0'; '–' when unknown."""
    digits = price_digits(value)
    return MISSING if digits is None else f"${digits}"


def price_digits(value: object) -> str | None:
    """A list price's figure, the same in every edition: every digit it has (to a millionth
    of a dollar), cents shown once there is a fraction: '0.0375', '0.25', '2.50', '10'; None
    when unknown."""
    amount = dollars(value)
    if amount is None:
        return None
    text = format(amount.quantize(Decimal("0.000001"), ROUND_HALF_UP).normalize(), ",f")
    whole, _, cents = text.partition(".")
    return f"{whole}.{cents}0" if cents and len(cents) == 1 else text


# ---------------------------------------------------------------- rank changes

def rank_move(rank_change: object, is_new: bool) -> str:
    """What a table shows: '▲ 2', '▼ 1', 'new', '=', '–'."""
    if is_new:
        return "new"
    if is_missing(rank_change):
        return MISSING
    value = int(rank_change)
    if value > 0:
        return f"▲ {value}"
    if value < 0:
        return f"▼ {-value}"
    return "="


def rank_move_words(rank_change: object, is_new: bool) -> str:
    """The text equivalent of ``rank_move``: 'up 2 places', 'down 1 place', 'new entry'."""
    if is_new:
        return "new entry"
    if is_missing(rank_change):
        return "no earlier rank"
    value = int(rank_change)
    if value == 0:
        return "no change"
    places = "place" if abs(value) == 1 else "places"
    return f"{'up' if value > 0 else 'down'} {abs(value)} {places}"


# ---------------------------------------------------------------- dates

def to_date(value: object) -> date:
    """A date from an ISO date or timestamp ('2026-04-09', '2026-04-09T02:00:00.000Z')."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def long_date(value: object) -> str:
    """'9 April 2026'."""
    day = to_date(value)
    return f"{day.day} {day:%B %Y}"


def weekday_date(value: object) -> str:
    """'Monday 13 April 2026' (when the next update is due)."""
    return f"{to_date(value):%A} {long_date(value)}"


def short_date(value: object) -> str:
    """'9 Apr 2026'."""
    day = to_date(value)
    return f"{day.day} {day:%b %Y}"


def span(start: date, end: date, month: str) -> str:
    """Two days as one range, the shared month and year said once."""
    if start.year != end.year:
        return f"{start.day} {start:{month} %Y} – {end.day} {end:{month} %Y}"
    if start.month != end.month:
        return f"{start.day} {start:{month}} – {end.day} {end:{month} %Y}"
    return f"{start.day}–{end.day} {end:{month} %Y}"


def week_range(week_start: object) -> str:
    """'16–22 March 2026'; across months '30 March – 5 April 2026'."""
    start = to_date(week_start)
    return span(start, start + timedelta(days=6), "%B")


def week_short(week_start: object) -> str:
    """'16–22 Mar 2026', for table cells."""
    start = to_date(week_start)
    return span(start, start + timedelta(days=6), "%b")


def as_of_words(as_of: str) -> str:
    """An ``as_of`` as people write a date ('9 April 2026'); anything that is not an ISO date
    or timestamp is kept as given (a placeholder such as '{as_of}')."""
    try:
        return long_date(as_of)
    except ValueError:
        return as_of


def source_line(as_of: str) -> str:
    """'Source: OpenRouter (openrouter.ai/rankings), as of 9 April 2026. Licensed under
    CC BY 4.0.' The same line on every chart, page, embed and download."""
    return SOURCE_LINE.format(as_of=as_of_words(as_of))


def source_line_html(as_of: str) -> str:
    """The source line as HTML, its date in a <time> that keeps the exact as_of."""
    words = as_of_words(as_of)
    if words == as_of:
        return attr(source_line(as_of))
    stamp = f'<time datetime="{attr(as_of)}">{attr(words)}</time>'
    before, after = SOURCE_LINE.split("{as_of}")
    return f"{html.escape(before)}{stamp}{html.escape(after)}"


# ---------------------------------------------------------------- countries and words

def country_name(code: str) -> str:
    if not code:
        return UNATTRIBUTED
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def country_models(code: str) -> str:
    """'Chinese models', 'U.S. models', or 'models from Brazil'."""
    if code in DEMONYMS:
        return f"{DEMONYMS[code]} models"
    return f"models from {country_name(code)}"


def sentence_case(text: str) -> str:
    """Capitalise the first letter only ("U.S. models" stays as it is)."""
    return text[:1].upper() + text[1:]


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


# ---------------------------------------------------------------- escaping

# Characters Python-Markdown treats as escapable (plus "|" for tables; "<" and ">" become
# entities instead): outside text must not
# trigger any of them.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

def md(text: object) -> str:
    """Escape outside text for Markdown prose or a table cell: newlines folded to spaces, every
    Markdown control character backslash-escaped, then &, < and > turned into entities."""
    value = " ".join(xml_text(str(text)).split())
    return html.escape(MD_SPECIAL.sub(r"\\\1", value), quote=False)


def front(text: object) -> str:
    """A front-matter (YAML) string value: HTML-escaped (themes may print it unescaped), then
    JSON-quoted (a JSON string is a valid YAML double-quoted scalar), characters beyond ASCII
    kept as they are: JSON writes an emoji as two surrogate escapes, which YAML rejects, and
    MkDocs then reads the whole front matter as the page's text."""
    return json.dumps(attr(" ".join(str(text).split())), ensure_ascii=False)



def code(text: object) -> str:
    """Escape for the text of an HTML <code> block: &, < and > only, line breaks kept."""
    return html.escape(xml_text(str(text)), quote=False)


def attr(text: object) -> str:
    """Escape for an HTML attribute or element text (control characters HTML forbids become
    U+FFFD). Runs of whitespace fold to one space: a line break in outside text must not end an
    HTML block that a Markdown page holds (the rest would then be read as Markdown)."""
    return html.escape(" ".join(xml_text(str(text)).split()), quote=True)
