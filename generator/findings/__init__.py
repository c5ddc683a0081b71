"""The findings layer: every sentence the site states about its figures.

A finding is data: what happened (``kind``), to whom (``subject``, and ``other`` when a second
entity is involved), in which week, by how much (``figures``), of which base a share is
(``base``), against which week (``against``) and since when a claim counts (``since``). It is
made here from the derived tables only (generator.derive), and worded in one place per language
(generator/findings/en/): pages, charts, embeds and feeds ask for the words of a finding and
never write a sentence about a figure themselves, so a second language is a second set of
wordings.

- ``story``: the week's story, found from the history up to and including that week only
  (crossovers, records, new number ones, streaks, movers), ranked by a documented rule; the
  first is the week's headline.
- ``facts``: the standing findings of a week (its total, the China/U.S. figures, the most used
  models, coverage, spend), of each chart (its alt text and title) and of each model, company
  and country.
- ``charts``: what each chart shows (its alt text, its embed's title); ``week``: a week's
  findings together (its headline, lede, description, feed title, cards).
- ``en``, ``zh``: the English and Simplified Chinese wordings (the Chinese figures from
  generator.fmt_zh). ``say(finding, form)`` gives a finding's words in one of its
  forms: ``"title"`` (a headline: feed titles, embed titles), ``"sentence"`` (prose: ledes,
  descriptions, alt text), ``"change"`` (a sentence in its own week's list, "this week"),
  ``"mark"`` (a label drawn on a chart), ``"item"`` (the words after a model's name in a list),
  ``"card-label"``, ``"card-value"``, ``"card-change"`` (a headline card), ``"stat"`` and
  ``"stat-value"`` (a chart of one week drawn as a number), and a few of their own (a chart
  family's ``"caption"`` and ``"subtitle"``, a note's ``"note"``).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.findings import en, zh
from generator.findings.finding import Finding

LANGUAGES = {"en": en.WORDINGS, "zh": zh.WORDINGS}  # a language: a package of wordings
GAPS = {"en": en.SENTENCE_GAP, "zh": zh.SENTENCE_GAP}  # what stands between two sentences


def say(finding: Finding, form: str = "sentence", language: str = "en") -> str:
    """The words of ``finding`` in ``form``, in ``language`` (plain text: the caller escapes
    it for where it lands)."""
    return LANGUAGES[language][finding.kind](finding, form)


def paragraph(sentences: Iterable[str], language: str = "en") -> str:
    """Sentences as one paragraph, the empty ones left out: a space between them in English,
    nothing in Chinese (a Chinese full stop takes its own room)."""
    return GAPS[language].join(sentence for sentence in sentences if sentence)
