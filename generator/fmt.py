"""Number formats, country names and escaping for each place text lands (Markdown, HTML)."""

from __future__ import annotations

import html
import json
import math
import re
from datetime import date, timedelta

import pandas as pd
import pycountry

from generator.derive import UNATTRIBUTED
from generator.xmltext import xml_text

SOURCE_LINE = ("Source: OpenRouter (openrouter.ai/rankings), as of {as_of}. "
               "Licensed under CC BY 4.0.")
SAMPLE_NOTICE = "Sample data — not real figures"

# How a headline names a country's models ("Chinese models", "U.S. models").
DEMONYMS = {
    "CN": "Chinese", "US": "U.S.", "FR": "French", "DE": "German", "GB": "British",
    "CA": "Canadian", "KR": "South Korean", "JP": "Japanese", "IL": "Israeli", "AE": "Emirati",
    "IN": "Indian", "SG": "Singaporean", "CH": "Swiss", "NL": "Dutch", "SE": "Swedish",
}
SHORT_NAMES = {"US": "United States", "GB": "United Kingdom", "KR": "South Korea",
               "TW": "Taiwan", "RU": "Russia", "IR": "Iran"}
SCALES = ((10**12, "trillion", "T"), (10**9, "billion", "B"), (10**6, "million", "M"))


def source_line(as_of: str) -> str:
    return SOURCE_LINE.format(as_of=as_of)


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


def is_missing(value: object) -> bool:
    """None, pandas NA or NaN: an undefined figure (no previous week)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def tokens_words(value: int) -> str:
    """7359000000000 -> '7.359 trillion'; 812400000000 -> '812.4 billion'."""
    value = int(value)
    for size, word, _ in SCALES:
        if abs(value) >= size:
            digits = 3 if size == 10**12 else 1
            return f"{value / size:.{digits}f} {word}"
    return f"{value:,}"


def tokens_short(value: int) -> str:
    """Compact, for tables: '7.36 T', '812 B', '45.1 M'."""
    value = int(value)
    for size, _, letter in SCALES:
        if abs(value) >= size:
            scaled = value / size
            digits = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return f"{scaled:.{digits}f} {letter}"
    return f"{value:,}"


def tokens_exact(value: int) -> str:
    return f"{int(value):,}"


def three_figures(value: float) -> str:
    """Three significant figures, never scientific: 56.9, 7.35, 0.512, 123, 100 (not 100.0)."""
    if value == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    if rounded != 0:  # rounding can carry into a new digit (99.97 -> 100.0)
        digits = max(0, 2 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:.{digits}f}"


def percent(fraction: object) -> str:
    """0.569 -> '56.9%'; empty fraction -> '–'."""
    if is_missing(fraction):
        return "–"
    return f"{three_figures(float(fraction) * 100)}%"


def change(fraction: object) -> str:
    """Signed week-on-week change: '+56.9%', '−3.10%', '–' when undefined."""
    if is_missing(fraction):
        return "–"
    value = float(fraction) * 100
    text = three_figures(abs(value))
    if text == "0" or float(text) == 0:
        return "0%"
    return f"+{text}%" if value > 0 else f"−{text}%"


def up_down(fraction: object) -> str:
    """'up 56.9%' / 'down 3.10%' / 'unchanged' for prose."""
    if is_missing(fraction):
        return "no previous week to compare"
    value = float(fraction)
    if abs(value) < 0.0005:
        return "unchanged on the week"
    return f"{'up' if value > 0 else 'down'} {three_figures(abs(value) * 100)}% on the week"


def rank_move(rank_change: object, is_new: bool) -> str:
    if is_new:
        return "new"
    if is_missing(rank_change):
        return "–"
    value = int(rank_change)
    if value > 0:
        return f"▲ {value}"
    if value < 0:
        return f"▼ {-value}"
    return "="


def week_range(week_start: str) -> str:
    """'16–22 March 2026'; across months '29 December 2025 – 4 January 2026'."""
    start = date.fromisoformat(week_start)
    end = start + timedelta(days=6)
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day}–{end.day} {end:%B %Y}"


def as_of_date(as_of: str) -> str:
    return as_of[:10]


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
    JSON-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    return json.dumps(attr(" ".join(str(text).split())))



def code(text: object) -> str:
    """Escape for the text of an HTML <code> block: &, < and > only, line breaks kept."""
    return html.escape(xml_text(str(text)), quote=False)


def attr(text: object) -> str:
    """Escape for an HTML attribute or element text (control characters HTML forbids become
    U+FFFD). Runs of whitespace fold to one space: a line break in outside text must not end an
    HTML block that a Markdown page holds (the rest would then be read as Markdown)."""
    return html.escape(" ".join(xml_text(str(text)).split()), quote=True)
