"""What an embed notes besides its chart's words (its headline and subtitle come with its chart,
charts.catalogue): restatements, corrections and the caveats of its family, all worded by the
findings layer; and the height its snippet's iframe needs to show it without any script, with
the width each drawing is shown at (``snippet_layout``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator import fmt
from generator.charts.changes import RANK_FLOOR
from generator.charts.draw import wrap
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
# With no script at all (a CMS that strips the resize script), the snippet's own height must show
# the whole embed, with little blank below it, in a phone's column (320 px), an article's
# (600 px) and a wide one (1000 px). Text wraps to more lines the narrower the column, so the
# embed sizes its chart to make up for it: the phone's column shows the narrow drawing at the
# column's width; the others show their drawing at the width (within what keeps its text
# between 11 px and the subtitle's size) that makes the embed as tall as in the phone's column.
# Estimated from the sizes embed.css sets in each column (font size, line height, bold).


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
    "wide": {"title": (24, 30, True), "subtitle": (18, 24, False), "note": (15, 21, False),
             "source": (14, 20, False), "links": (15, 21, False)},
}
PHONE = Column(304, 10, 10_000, "narrow", FONTS["phone"])
ARTICLE = Column(584, 10, 10_000, "narrow", FONTS["article"])
WIDE_COLUMN = Column(984, 14, EMBED_MAX_WIDTHS["wide"], "wide", FONTS["wide"])
COLUMNS = (PHONE, ARTICLE, WIDE_COLUMN)
SMALLEST_TEXT = 11  # px: no chart text shows smaller (charts.variants)
HTML_FONT_WIDTH = 1.1  # readers' sans-serif (e.g. DejaVu Sans) runs wider than the estimate
SLACK = 24  # px: a reader's font may wrap a line more than the estimate


def text_lines(text: str, font: tuple, width: int) -> int:
    size, _, bold = font
    return len(wrap(text, size * HTML_FONT_WIDTH, bold, width, 1000))


def text_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                column: Column, sample: bool, links: str) -> int:
    """Everything but the chart, in ``column`` (``links``: the links line's text)."""
    fonts, width = column.fonts, column.width
    height = 2 * column.padding + (32 if sample else 0)  # the sample banner

    def block(text: str, style: str) -> int:
        return text_lines(text, fonts[style], width) * fonts[style][1]
    height += block(headline, "title") + 8 + block(subtitle, "subtitle") + 10 + 10
    source = fmt.source_line(as_of) + (f" {fmt.SAMPLE_NOTICE}." if sample else "")
    height += block(source, "source") + 4
    # each note 4 px apart, the list 8 px above the links
    height += sum(block(f"{note.text} {note.label}", "note") for note in notes)
    return height + (4 * len(notes) + 4 if notes else 0) + block(links, "links")


@dataclass(frozen=True)
class Layout:
    height: int  # the snippet's iframe height, px
    widths: dict  # drawing ("wide", "narrow") -> the width it is shown at most, px


def snippet_layout(headline: str, subtitles: tuple[str, str], notes: tuple[Note, ...],
                   as_of: str, sizes: dict, sample: bool, links: str) -> Layout:
    """The iframe's default height and the width each drawing is shown at (see above);
    ``sizes``: drawing -> (its width, its height) as drawn, ``subtitles``: (wide, narrow),
    ``links``: the text of its links line (embeds.links_line).
    Where even the widest the wide drawing may be shown leaves the embed shorter in a wide
    column than in a phone's, the blank under it there is what the snippet cannot avoid."""
    def text(column: Column, variant: str) -> int:
        return text_height(headline, subtitles[variant == "narrow"], notes, as_of, column,
                           sample, links)

    def fill(column: Column, variant: str, target: int) -> tuple[int, int]:
        """(the width, the embed's height): the drawing as near ``target`` as it may be."""
        drawn_w, drawn_h = sizes[variant]
        least = drawn_w * SMALLEST_TEXT / VARIANT_FONTS[variant]
        if variant == "narrow":  # never narrower than in the phone's column
            least = max(least, PHONE.width)
        most = min(column.width, drawn_w * column.fonts["subtitle"][0] / VARIANT_FONTS[variant])
        words = text(column, variant)
        shown = round(max(least, min(most, (target - words) * drawn_w / drawn_h)))
        return shown, words + round(drawn_h * shown / drawn_w)

    drawn_w, drawn_h = sizes["narrow"]
    phone = text(PHONE, "narrow") + round(drawn_h * PHONE.width / drawn_w)
    narrow, article = fill(ARTICLE, "narrow", phone)
    wide, tall = fill(WIDE_COLUMN, "wide", phone)
    return Layout(max(phone, article, tall) + SLACK, {"wide": wide, "narrow": narrow})
