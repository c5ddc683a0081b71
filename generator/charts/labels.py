"""Text drawn from the data: the formatted tooltips a chart's spec carries (written by
generator.fmt, added once to the data both drawings share) and the labels of model names,
shortened on purpose where they are longer than the room."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from generator import fmt
from generator.charts.draw import char_ems, text_width
from generator.charts.variants import Variant


class Shared:
    """What a chart's two drawings share, worked out once: the catalogue calls a chart function
    twice in a row with the same data, once per variant. Holding the data (not only its id)
    keeps the identity check sound."""

    def __init__(self) -> None:
        self.data: object = None
        self.found: dict = {}

    def get(self, data: pd.DataFrame, key: tuple, make: Callable[[], object]) -> object:
        if self.data is not data:
            self.data, self.found = data, {}
        if key not in self.found:
            self.found[key] = make()
        return self.found[key]


SHARED = Shared()


def labelled(data: pd.DataFrame, **columns: tuple[str, Callable]) -> pd.DataFrame:
    """The data with text columns for tooltips: name=(source column, formatter). Each distinct
    value is formatted once, and the same data is labelled once for both drawings."""
    def make() -> pd.DataFrame:
        added = {}
        for name, (source, formatter) in columns.items():
            values = data[source]
            texts = {value: formatter(value) for value in values.drop_duplicates()}
            added[name] = pd.array([texts[value] for value in values], dtype="str")
        return data.assign(**added)
    return SHARED.get(data, ("labelled", *columns), make)


def week_text(week: str) -> str:
    return fmt.week_range(str(week))


def tokens_text(tokens: object) -> str:
    return fmt.tokens_words(int(tokens))


def sunday(week: object) -> str:
    return (date.fromisoformat(str(week)) + timedelta(days=6)).isoformat()


def bar_labels(names: list[str], variant: Variant) -> list[str]:
    """Each model's label on the bar axis: its name, shortened on purpose where it is longer
    than the variant's room (the end of the name kept when it tells variants apart: "Llama 3.3
    70B… (free)"), and never the same label for two models."""
    labels = [shorten(name, variant) for name in names]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # the same name (or the same shortening) twice: number it
            labels[i] = f"{label} ({seen[label]})"
    return labels


def shorten(name: str, variant: Variant) -> str:
    room = variant.label_limit
    if text_width(name, variant.font) <= room:
        return name
    tail = re.search(r"\s*\([^()]{1,12}\)$", name)
    keep = tail.group(0).strip() if tail else ""
    head = name[:tail.start()] if tail else name
    suffix = "… " + keep if keep else "…"
    # The longest start of the name that fits with the suffix (trailing spaces trimmed): widths
    # only grow as characters are added, so one pass finds it (a name may be 10,000 characters).
    ems, kept = 0.0, 0
    for end, char in enumerate(head, 1):
        ems += char_ems(char)
        total = ems
        for extra in suffix:
            total += char_ems(extra)
        if total * variant.font > room:
            break
        kept = end
    return head[:kept].rstrip() + suffix
