"""A chart's variants: the spec the site shows (title block included, at the size the catalogue
gives it) and the spec an embed shows (no title block, since the embed page states title,
subtitle and source in HTML; one 2:1 size and larger text for every chart, so one drawing serves
the embed page, its interactive version and both image cards)."""

from __future__ import annotations

import copy

from generator.charts.specs import utc_datetime
from generator.charts.theme import Size

EMBED_SIZE = Size(720, 360)  # axes and legend included
EMBED_FONT = 13
SHORT_HISTORY = 20  # weeks: fewer, and the week axis labels Mondays instead of months


def embed_variant(spec: dict) -> dict:
    """The site chart's spec as an embed draws it."""
    embed = {key: value for key, value in spec.items()
             if key not in ("title", "width", "height", "autosize", "padding")}
    config = copy.deepcopy(spec.get("config", {}))
    config.setdefault("axis", {}).update(labelFontSize=EMBED_FONT, titleFontSize=EMBED_FONT)
    config.setdefault("legend", {}).update(labelFontSize=EMBED_FONT, titleFontSize=EMBED_FONT)
    # a reader's font may be wider than the renderer's: keep numbers apart, labels inside
    for axis in ("axisQuantitative", "axisTemporal"):
        config.setdefault(axis, {}).update(labelOverlap="greedy", labelSeparation=8)
    embed.update(config=config, width=EMBED_SIZE.width, height=EMBED_SIZE.height,
                 padding={"left": 16, "right": 12, "top": 8, "bottom": 6},
                 autosize={"type": "fit", "contains": "padding"})
    return embed


def short_history(spec: dict, weeks: list[str]) -> dict:
    """A chart of the first few weeks: label each Monday (the usual axis labels months, which
    repeat on a short span), and draw a single week as bars or points."""
    if len(weeks) >= SHORT_HISTORY:
        return spec
    step = -(-len(weeks) // 6)
    axis = spec["encoding"]["x"].setdefault("axis", {})
    axis.pop("tickCount", None)
    axis.update(format="%-d %b",
                values=[utc_datetime(week).to_dict() for week in weeks[::step]])
    if len(weeks) == 1:
        mark = spec["mark"]["type"] if isinstance(spec["mark"], dict) else spec["mark"]
        spec["mark"] = ({"type": "bar", "width": 48} if mark == "area"
                        else {"type": "point", "filled": True, "size": 90})
    return spec
