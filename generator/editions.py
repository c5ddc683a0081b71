"""The site's editions: English at the root and Simplified Chinese under zh/. An edition is a
language and what follows from it, said once here: the formatter of its numbers and dates
(generator/fmt.py, generator/fmt_zh.py), the language its findings are worded in
(generator/findings/en/, .../zh/) and its UI phrases read from (generator/phrases/), where its
pages live under site_src/ and site/, and the language tag its HTML carries.

Escaping (``fmt.md``, ``fmt.attr``, ``fmt.code``, ``fmt.front``) is not a matter of language:
every edition escapes with generator.fmt's.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from generator import fmt, fmt_zh
from generator.paths import ZH_DIR  # where the Chinese tree is (its builder: edition_builds.py)

# The filters and globals a page template reads from its edition's formatter (every edition's
# formatter has each of them: tests/test_editions_fmt.py checks it).
FORMATTED = ("tokens_words", "tokens_short", "tokens_exact", "tokens_change", "percent",
             "change", "up_down", "week_range", "week_short", "long_date", "short_date",
             "weekday_date", "country_name", "country_models", "usd", "usd_short", "price",
             "rank_move", "rank_move_words", "source_line", "source_line_html", "usd_range",
             "percent_range")
WORDS = ("SAMPLE_NOTICE", "OF_ALL", "OF_KNOWN", "NO_COUNTRY", "OUTSIDE_TOP_50", "WEEK_SPAN")


@dataclass(frozen=True)
class Edition:
    language: str  # findings.say's and phrases.table's language
    fmt: ModuleType  # its numbers, dates, country names and fixed words
    prefix: str  # its folder under site_src/ and site/: "" (the root) or "zh/"
    html_lang: str  # its <html lang>, and its hreflang

    def formatted(self, name: str) -> object:
        """One of its formatter's functions or words (FORMATTED, WORDS)."""
        return getattr(self.fmt, name)


EDITIONS = {
    "en": Edition("en", fmt, "", "en"),
    "zh": Edition("zh", fmt_zh, f"{ZH_DIR}/", "zh-Hans"),
}


def edition(language: str) -> Edition:
    try:
        return EDITIONS[language]
    except KeyError:
        raise ValueError(f"no edition in language {language!r} (one of "
                         f"{', '.join(EDITIONS)}: generator/editions.py)") from None
