"""Text drawn from the data: the formatted tooltips a chart's spec carries (written by
generator.fmt, added once to the data both drawings share) and the labels of model names,
shortened on purpose where they are longer than the room."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from generator import fmt
from generator.charts.draw import char_ems, text_width
from generator.charts.variants import NARROW, WIDE, Variant


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


def label_field(variant: Variant) -> str:
    """The column of a variant's model labels (model_labels)."""
    return "label_narrow" if variant.narrow else "label"


def model_labels(names: list[str], variant: Variant) -> dict[str, list[str]]:
    """The model labels of both drawings (bar_labels), as columns of the data they share:
    ``label`` the wide drawing's, ``label_narrow`` the narrow one's, ``variant``'s own among
    them; each drawing shows its own (label_field). With only its own, the two drawings' data
    differed by that column and each embed stored it twice."""
    return {label_field(v): bar_labels(names, variant if v.narrow == variant.narrow else v)
            for v in (WIDE, NARROW)}


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


# ---------------------------------------------------------------- labels at the end of a series

LINE_GAP = 1.3  # font sizes between the middles of two labels at the end of series


def spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions (px from the top) as near to ``wanted`` as they can be, in the same order,
    neighbours at least ``gap`` apart and all within ``low``..``high`` (when they fit: the
    caller keeps no more than fit)."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    placed = [0.0] * len(wanted)
    previous: float | None = None
    for i in order:  # down from the top, each below the one before
        placed[i] = max(wanted[i], low, previous + gap if previous is not None else low)
        previous = placed[i]
    following: float | None = None
    for i in reversed(order):  # then up from the bottom, each above the one after
        placed[i] = min(placed[i], high, following - gap if following is not None else high)
        following = placed[i]
    return placed


def end_labels(ends: pd.DataFrame, domain: tuple[float, float], plot: float,
               variant: Variant) -> pd.DataFrame:
    """The labels written at the ends of series: ``ends`` has a row per series with its
    ``label`` (the text), ``value`` (where the series ends, in the y scale's units) and
    ``weight`` (the larger kept first when not all fit in the plot's ``plot`` px). Returns the
    rows kept, each with ``at``: where its label's middle goes (in the y scale's units), as
    near its value as room allows and never overlapping its neighbours."""
    gap = variant.font * LINE_GAP
    fits = max(1, int(plot // gap))
    kept = ends.sort_values(["weight", "label"], ascending=[False, True]).head(fits)
    low, high = domain
    scale = plot / ((high - low) or 1.0)
    wanted = [(high - float(value)) * scale for value in kept["value"]]
    placed = spread(wanted, gap, gap / 2, plot - gap / 2)
    return kept.assign(at=[high - at / scale for at in placed]).reset_index(drop=True)


def end_width(labels: list[str], variant: Variant) -> int:
    """The room (px) the widest of ``labels`` takes beside the plot, with its gap."""
    return round(max((text_width(label, variant.font) for label in labels), default=0)) + 10


def wrap_label(text: str, room: float, font: float) -> list[str]:
    """A label's words in lines of at most ``room`` px (a word longer than that on its own
    line): written whole, never cut short."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", font) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def place_ends(ends: pd.DataFrame, domain: tuple[float, float], variant: Variant,
               series: int) -> tuple[pd.DataFrame, bool]:
    """(the labels at the ends of a chart's ``series`` series, whether it still needs a
    legend). ``ends``: a row per series that has a latest value, with its ``name``, ``text``
    (the value as the site writes it: "8.4T", "52.1%"), ``value`` and ``weight`` (see
    ``end_labels``). The wide drawing names each series beside its value ("China 8.4T") and
    needs no legend when every series is named; the narrow one, short of room, writes the
    value alone under a legend. A series with no name (the one line of a chart) has its value
    alone."""
    named = not variant.narrow
    ends = ends.assign(label=pd.array(
        [f"{name} {text}" if named and name else str(text) for name, text in
         zip(ends["name"], ends["text"])], dtype="str"))
    rows = math.ceil(series / variant.legend_columns)
    labels = end_labels(ends, domain, variant.plot_height(0 if named else rows), variant)
    if named and len(labels) < series:  # some series unnamed: a legend names them all
        labels = end_labels(ends, domain, variant.plot_height(rows), variant)
    return labels, not named or len(labels) < series


def stack_labels(boxes: list[tuple[float, float, int]], gap: float = 0.3) -> list[float]:
    """Where each label goes, as its top in lines from the plot's top: ``boxes`` are the
    labels' (left px, right px, number of lines), in the order they are placed. Each goes
    as high as it can without overlapping one placed before it (``gap`` lines between two
    that share the same columns)."""
    placed: list[tuple[float, float, float, float]] = []  # left, right, top, bottom
    tops = []
    for left, right, lines in boxes:
        beside = [box for box in placed if box[0] < right and left < box[1]]
        candidates = sorted({0.0, *(box[3] + gap for box in beside)})
        top = next(at for at in candidates if all(
            at + lines <= box[2] or box[3] <= at for box in beside))
        placed.append((left, right, top, top + lines))
        tops.append(top)
    return tops
