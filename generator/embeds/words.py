"""What an embed notes besides its chart's words (its headline and subtitle come with its chart,
charts.catalogue): restatements, corrections and the caveats of its family, all worded by the
findings layer; and the height of its snippet's iframe, which shows it without any script
(``snippet_height``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator import fmt
from generator.charts.changes import RANK_FLOOR
from generator.charts.draw import WRAP_SLACK, wrap
from generator.charts.families import Family
from generator.charts.variants import EMBED_MAX_WIDTHS, VARIANTS
from generator.embeds import Note
from generator.findings import facts, say
from generator.findings.finding import Finding
from generator.site import Site
from generator.tableio import records

VARIANT_FONTS = {variant.name: variant.font for variant in VARIANTS}  # px, as drawn
CAVEAT_LINKS = {"price": "learn/list-prices/"}  # a caveat's page, when it has one


def embed_note(week: str, form: str) -> str:
    return say(Finding("embed", week), form)


def caveats(family: Family, week: str) -> list[Note]:
    """The notes this family of chart needs, and no others (charts.families)."""
    notes = []
    for key in family.caveats:
        found = Finding("caveat", week, subject=key, figures={"floor": RANK_FLOOR})
        href = CAVEAT_LINKS.get(key, "")
        notes.append(Note(say(found, "note"), href=href,
                          label=say(found, "label") if href else ""))
    return notes


def revision_notes(site: Site, weeks: list[str], models: set[str] | None = None) -> list[Note]:
    """One line, linked to the corrections log, when the source restated any of the chart's
    weeks or contributors corrected (or flagged) any of the figures it draws; the log has
    each one, the embed does not list them."""
    entries = []
    touched = site.tables.corrected
    if not touched.empty:  # no correction at all (most builds): nothing to filter for 900 embeds
        touched = touched[touched["week_start"].isin(weeks)]
        if models is not None:
            touched = touched[touched["model_permaslug"].isin(models)]
        ids = set(touched["correction_id"])
        entries = [e for e in records(site.tables.corrections) if e["id"] in ids]  # newest 1st
    found = facts.revised(weeks, {w for w in weeks if site.restated(w)}, entries)
    if found is None:
        return []
    anchor = (found.subject if found.subject else "" if found.figure("restated")
              else "corrections")
    return [Note(say(found, "note"), href="data/revisions/" + (f"#{anchor}" if anchor else ""),
                 label=say(found, "label"))]


# ---------------------------------------------------------------- the snippet's height
# With no script at all (a CMS that strips the resize script), the iframe keeps the snippet's
# height, and the embed page fills it (embed.css): its chart takes the height its text leaves,
# the drawing scaled to fit. One height serves a phone's column (320 px), an article's (600 px)
# and a wide one (1000 px), where text wraps to different lines: in each, the chart shows
# between the width that keeps its text at 11 px and the widest it may be (its text the
# subtitle's size, or the column's width). A frame shorter than that would shrink the chart's
# text below 11 px; a taller one leaves blank around it. Estimated from the sizes embed.css
# sets in each column (font size, line height, bold); a reader's font wraps differently, which
# the chart's size takes up.


@dataclass(frozen=True)
class Column:
    """One of the widths the snippet's height serves, as embed.css lays it out."""

    frame: int  # the iframe's width: a host page's viewport less its 8 px margins
    padding: int
    most: int  # the widest the content runs (embed.css: .tt-embed's max-width), px
    variant: str  # the drawing it shows
    fonts: dict  # style -> (font size, line height, bold)

    @property
    def width(self) -> int:
        return min(self.frame - 2 * self.padding, self.most)


FONTS = {  # embed.css, by column
    "phone": {"title": (18, 23, True), "subtitle": (14, 19, False), "note": (12.5, 17, False),
              "source": (12, 16, False), "links": (13, 18, False)},
    "article": {"title": (24, 30, True), "subtitle": (17, 23, False), "note": (15, 21, False),
                "source": (14, 20, False), "links": (15, 21, False)},
    "wide": {"title": (24, 30, True), "subtitle": (19, 25, False), "note": (16, 22, False),
             "source": (15, 21, False), "links": (16, 22, False)},
}
PHONE = Column(304, 10, 10_000, "narrow", FONTS["phone"])
ARTICLE = Column(584, 10, 10_000, "narrow", FONTS["article"])
WIDE_COLUMN = Column(984, 14, EMBED_MAX_WIDTHS["wide"], "wide", FONTS["wide"])
COLUMNS = (PHONE, ARTICLE, WIDE_COLUMN)
SMALLEST_TEXT = 11  # px: no chart text shows smaller (charts.variants)


def text_lines(text: str, font: tuple, width: float) -> int:
    """Lines of ``text`` in the embed's font (embed.css: the charts' font, Arial's widths), which
    fills its lines where the cards' wrap stops short (WRAP_SLACK). The estimated widths run a
    little wider than Arial's own: a line more, rarely, never one less."""
    size, _, bold = font
    return len(wrap(text, size, bold, width / WRAP_SLACK, 1000))


def text_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                column: Column, sample: bool, links: str) -> int:
    """Everything but the chart, in ``column`` (``links``: the links line's text)."""
    fonts, width = column.fonts, column.width

    def block(text: str, style: str, indent: float = 0) -> int:
        return text_lines(text, fonts[style], width - indent) * fonts[style][1]
    height = 2 * column.padding + (32 if sample else 0)  # the sample banner
    height += block(headline, "title") + 8 + block(subtitle, "subtitle") + 10 + 10
    source = fmt.source_line(as_of) + (f" {fmt.SAMPLE_NOTICE}." if sample else "")
    height += block(source, "source") + 4
    # each note indented by its bullet and 4 px apart, the list 8 px above the links
    height += sum(block(f"{note.text} {note.label}", "note", 1.1 * fonts["note"][0]) + 4
                  for note in notes)
    return height + 8 + block(links, "links")


def snippet_height(headline: str, subtitles: tuple[str, str], notes: tuple[Note, ...],
                   as_of: str, sizes: dict, sample: bool, links: tuple[str, str]) -> int:
    """The iframe's default height (see above): the least that keeps every column's chart text
    at 11 px or more, or where every column allows more, the most that leaves no blank in any.
    ``sizes``: drawing ("wide", "narrow") -> (its width, its height) as drawn, ``subtitles``:
    (wide, narrow), ``links``: the text of its links line without the embed's script and with
    it (embeds.links_line), the least worked out with the longer, the most with the shorter."""
    least, most = [], []
    for column in COLUMNS:
        shortest, longest = (text_height(headline, subtitles[column.variant == "narrow"], notes,
                                         as_of, column, sample, line) for line in links)
        drawn_w, drawn_h = sizes[column.variant]
        smallest = drawn_w * SMALLEST_TEXT / VARIANT_FONTS[column.variant]
        largest = min(column.width, EMBED_MAX_WIDTHS[column.variant])
        least.append(longest + drawn_h * smallest / drawn_w)
        most.append(shortest + drawn_h * largest / drawn_w)
    return math.ceil(max(max(least), min(most)))
