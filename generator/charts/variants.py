"""What a chart is drawn for: the width it is shown at.

Every chart is drawn three times; embeds show the first two drawings, pages all three:

- ``WIDE``, 720 px wide (tablets and small desktop windows, embeds in an article column, both
  image cards);
- ``NARROW``, 320 px wide for phones and narrow embed columns: fewer ticks, the legend above
  the plot in two columns, labels shortened with an ellipsis, the top 10 models instead of 15;
- ``DESKTOP``, as wide as the page's column on a desktop (Material's column is 938 px from a
  1220 px window, where both sidebars show): the wide drawing's text sizes, more room.

A page picks one without JavaScript (``<picture>`` with a ``<source media>``), an embed with a
media query on its own width; the interactive version loads the same variant's spec. Text is
never smaller than ``font`` px in the drawing, and a drawing is never shown below the scale that
keeps it at 11 px or more: the wide drawing (14 px) from a column of 566 px, the narrow one
(13 px) in a column of 300 px or more (a 320 px embed, a 390 px phone).

The title, subtitle and source line are not drawn: pages and embeds show them as text
(``finish`` takes them out of the spec and hands them over).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import altair as alt

from generator.charts.theme import Size


@dataclass(frozen=True)
class Variant:
    name: str  # "wide" or "narrow": the file names' infix ("" for wide) and the spec's usermeta
    width: int
    font: int  # px, every text of the drawing
    label_limit: int  # px: a longer label (a model's name) ends in an ellipsis
    legend_columns: int
    ticks: int  # on a quantitative axis
    padding: dict
    height: int = 0  # px: the drawing's height, when the chart function is told it (catalogue)

    @property
    def narrow(self) -> bool:
        return self.name == "narrow"

    def plot_height(self, legend_rows: int = 0) -> float:
        """A cautious estimate of the plot's height (px) in a drawing ``height`` px high: less
        the padding, the week axis below and ``legend_rows`` rows of legend above. Labels
        kept apart by this estimate stay apart in the real plot, which is a little taller."""
        return (self.height or EMBED_SIZE.height) - self.padding["top"] - \
            self.padding["bottom"] - (self.font + 18) - legend_rows * (self.font + 8)


WIDE = Variant("wide", 720, 14, 230, 4, 5, {"left": 4, "right": 14, "top": 6, "bottom": 4})
NARROW = Variant("narrow", 320, 13, 118, 2, 4, {"left": 2, "right": 10, "top": 4, "bottom": 2})
DESKTOP = Variant("desktop", 938, 14, 260, 4, 6, {"left": 4, "right": 14, "top": 6,
                                                  "bottom": 4})
VARIANTS = (WIDE, NARROW, DESKTOP)
NARROW_TOP = 10  # a ranking's narrow drawing shows its top 10 (charts.specs draws it so; the
#                 narrow drawing's subtitle says so: findings/en/families.py)
EMBED_SIZE = Size(WIDE.width, 360)  # the embed's (and image cards') wide drawing
DESKTOP_SIZE = Size(DESKTOP.width, 400)
# The narrow drawing's height is each chart family's own (charts.families: a banded chart's
# legend takes a few lines above the plot).
# a one-week history: a number, not a chart
STAT_HEIGHTS = {"wide": 200, "narrow": 170, "desktop": 200}

# When each is shown. Site: Material's column is the viewport less 32 px below 960 px, so the
# wide drawing (14 px text) keeps 11 px down to a 600 px viewport. An embed's column is its
# width less 28 px.
SITE_NARROW_MEDIA = "(max-width: 599.98px)"
SITE_DESKTOP_MEDIA = "(min-width: 1220px)"  # Material's column: 938 px (more from 1600 px)
EMBED_NARROW_MEDIA = "(max-width: 593.98px)"
# The widest each drawing is shown in an embed (templates/embeds/embed.css): its text (14 px
# wide, 13 px narrow) then shows at most at the subtitle's size there (19 px, 17 px).
EMBED_MAX_WIDTHS = {"wide": 977, "narrow": 418}
NARROW_MAX_WIDTH = EMBED_MAX_WIDTHS["narrow"]


def size(narrow_height: int, variant: Variant, stat: bool = False) -> Size:
    """The size of a drawing: a family's narrow drawing is ``narrow_height`` px high."""
    if stat:
        return Size(variant.width, STAT_HEIGHTS[variant.name])
    if variant.narrow:
        return Size(variant.width, narrow_height)
    return DESKTOP_SIZE if variant.name == DESKTOP.name else EMBED_SIZE


def finish(chart: alt.TopLevelMixin, variant: Variant, drawn: Size,
           validate: bool) -> tuple[dict, str, str]:
    """(spec, title, subtitle): the chart's spec drawn at exactly ``drawn`` pixels (axes and
    legend included) with the variant's text sizes, without its title block, whose text pages
    and embeds show instead."""
    spec = chart.to_dict(validate=validate)
    title = spec.pop("title", {})
    text = title.get("text", "") if isinstance(title, dict) else title
    subtitle = title.get("subtitle", [""]) if isinstance(title, dict) else [""]
    config = copy.deepcopy(spec.get("config", {}))
    font = variant.font
    config.setdefault("axis", {}).update(labelFontSize=font, titleFontSize=font)
    config.setdefault("legend", {}).update(labelFontSize=font, titleFontSize=font,
                                           columns=variant.legend_columns,
                                           labelLimit=variant.label_limit)
    # a reader's font may be wider than the renderer's: keep labels apart
    for axis in ("axisQuantitative", "axisTemporal"):
        config.setdefault(axis, {}).update(labelOverlap="greedy", labelSeparation=8)
    spec.update(config=config, width=drawn.width, height=drawn.height, padding=variant.padding,
                autosize={"type": "fit", "contains": "padding"})
    spec.setdefault("usermeta", {})["variant"] = variant.name
    return spec, " ".join(text) if isinstance(text, list) else str(text), \
        str(subtitle[0] if isinstance(subtitle, list) else subtitle)


LINES_AND_AREAS = ("area", "line")


def live(spec: dict) -> dict:
    """The interactive version of a drawn spec: a line or an area also answers hovering at each
    week (invisible points carry its tooltip; drawn statically they would only add weight).
    Shares everything but the marks it changes with ``spec`` (no copy of the data). Its marks
    carry Vega's ARIA labels, which a drawing leaves out (theme: ``aria``)."""
    interactive = dict(spec)
    if "config" in spec:
        interactive["config"] = {k: v for k, v in spec["config"].items() if k != "aria"}
    units = [interactive]
    while "layer" in units[-1]:  # the series: the first unit, maybe in a layer of layers
        units[-1]["layer"] = [dict(unit) for unit in units[-1]["layer"]]
        units.append(units[-1]["layer"][0])
    for unit in units:
        mark = unit.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        if kind in LINES_AND_AREAS:
            # Vega-Lite draws an area with points over it at 0.7 opacity: keep the drawing's
            unit["mark"] = {"opacity": 1, **(mark if isinstance(mark, dict) else {"type": kind}),
                            "point": "transparent"}
    return interactive
