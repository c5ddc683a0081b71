"""Every UI phrase of the generated pages, one table per language (``LANGUAGES``): headings,
captions, column heads, button and link texts, notices. The page writer (generator/pages) and
the embed pages (generator/embeds/write.py) take a language and read its table as ``t``:

    {{ t.week_by_week }}                              a phrase
    {{ t.week_of.format(week=week | week_range) }}    a phrase with a named placeholder

A key missing from a language's table fails the build with the key and the language named
(``MissingPhrase``), never an empty string. Sentences that state a figure are not phrases: they
come from the findings layer (generator/findings/)."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from generator.phrases import en, zh

# language code -> its page families' dicts (generator/phrases/en.py: FAMILIES)
LANGUAGES: dict[str, tuple[dict[str, str], ...]] = {"en": en.FAMILIES, "zh": zh.FAMILIES}


class MissingPhrase(LookupError):
    """A template or module asked a language's table for a key it does not have."""

    def __str__(self) -> str:
        key, language = self.args
        return (f"no UI phrase {key!r} in the {language!r} table "
                f"(generator/phrases/{language}.py)")


class Phrases:
    """One language's phrases, read as attributes (``t.week_of``) or items (``t["week_of"]``).
    An unknown key raises MissingPhrase (a LookupError, which Jinja lets through instead of
    turning it into an undefined value)."""

    def __init__(self, language: str, entries: dict[str, str]) -> None:
        self._language = language
        self._entries = entries

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):  # Python's and Jinja's own probes (__html__, _entries, ...)
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> str:
        try:
            return self._entries[key]
        except KeyError:
            raise MissingPhrase(key, self._language) from None


def joined(language: str, families: Iterable[dict[str, str]]) -> dict[str, str]:
    """The families' dicts as one table; a key in two families is a mistake (which one would a
    template get?)."""
    entries: dict[str, str] = {}
    for family in families:
        for key, phrase in family.items():
            if key in entries:
                raise ValueError(f"UI phrase {key!r} is in two families of the {language!r} "
                                 f"table (generator/phrases/{language}.py)")
            entries[key] = phrase
    return entries


def keys(language: str) -> set[str]:
    """Every key of a language's table."""
    return set(joined(language, LANGUAGES[language]))


def table(language: str, markup: bool = False) -> Phrases:
    """A language's phrases. ``markup=True`` for an autoescaped template (the embed pages): the
    phrases are trusted HTML (markupsafe.Markup), and ``.format`` then escapes what fills
    their placeholders unless it is Markup itself."""
    if language not in LANGUAGES:
        raise KeyError(f"no UI phrases for the language {language!r} "
                       f"(generator.phrases.LANGUAGES: {', '.join(sorted(LANGUAGES))})")
    entries = joined(language, LANGUAGES[language])
    if markup:
        entries = {key: Markup(phrase) for key, phrase in entries.items()}
    return Phrases(language, entries)
