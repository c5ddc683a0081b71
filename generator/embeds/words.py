"""What an embed notes besides its chart's words (its headline and subtitle come with its chart,
charts.catalogue): restatements, corrections and the caveats of its family, all worded by the
findings layer; and the height its snippet's iframe needs to show it without any script."""

from __future__ import annotations

from generator import fmt
from generator.charts.changes import RANK_FLOOR
from generator.charts.draw import wrap
from generator.charts.families import Family
from generator.charts.variants import embed_chart_height
from generator.embeds import Note
from generator.findings import facts, say
from generator.findings.finding import Finding
from generator.site import Site
from generator.tableio import records

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


def restatement_notes(site: Site, weeks: list[str]) -> list[Note]:
    """Say which of the chart's weeks the source restated (the chart shows the new figures)."""
    cited = {week: site.cited_as_of(week) for week in weeks}
    found = facts.restated(weeks, cited, {w for w in weeks if site.restated(w)})
    if found is None:
        return []
    return [Note(say(found, "note"), href="data/revisions/",
                 label=embed_note(found.week, "restated-label"))]


def correction_notes(site: Site, weeks: list[str], models: set[str] | None = None) -> list[Note]:
    """Say which contributors' corrections changed (or flagged) the figures this chart draws,
    newest first, the newest linked to its entry in the log (several: one line, the log has
    each one)."""
    touched = site.tables.corrected
    if touched.empty:  # no correction at all (most builds): nothing to filter for 900 embeds
        return []
    touched = touched[touched["week_start"].isin(weeks)]
    if models is not None:
        touched = touched[touched["model_permaslug"].isin(models)]
    ids = set(touched["correction_id"])
    entries = [e for e in records(site.tables.corrections) if e["id"] in ids]  # newest first
    found = facts.corrected(entries)
    if found is None:
        return []
    anchor = found.subject if len(entries) == 1 else "corrections"
    return [Note(say(found, "note"), href=f"data/revisions/#{anchor}",
                 label=embed_note(found.week, "corrected-label"))]


# ---------------------------------------------------------------- the snippet's height
# With no script at all (a CMS that strips the resize script), the snippet's own height shows the
# whole embed in an article column (600 px) with no blank below it, and in a phone's column
# (320 px) at least the whole chart (the source line under it and the notes then scroll in the
# frame). Estimated from the sizes embed.css sets (font size, line height, bold) and the chart's
# drawing for that column (charts.variants).
PADDING = 14
LINE = {"title": (21, 27, True), "subtitle": (15, 21, False), "note": (13.5, 19, False),
        "source": (13, 18, False), "links": (14, 20, False)}
HTML_FONT_WIDTH = 1.15  # readers' sans-serif (e.g. DejaVu Sans) runs wider than the estimate
# the links line of templates/embeds/page.html.j2
LINKS = "Chart: AI Token Tracker · Get the data · PNG 1200×675 · PNG 1080×1080 · SVG"
ARTICLE, PHONE = 600, 300  # an article column; a phone's (320 px less the host page's margins)


def text_lines(text: str, style: str, width: int) -> int:
    size, _, bold = LINE[style]
    return len(wrap(text, size * HTML_FONT_WIDTH, bold, width, 1000))


def content_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                   column: int, chart_height: int, through_chart: bool = False) -> int:
    width = column - 2 * PADDING
    height = PADDING + 26  # the sample banner, or a line of slack
    height += text_lines(headline, "title", width) * LINE["title"][1] + 8
    height += text_lines(subtitle, "subtitle", width) * LINE["subtitle"][1] + 10
    height += chart_height + 10
    if through_chart:
        return height
    height += text_lines(fmt.source_line(as_of), "source", width) * LINE["source"][1] + 12
    for note in notes:
        height += text_lines(f"{note.text} {note.label}", "note", width) * LINE["note"][1] + 4
    return height + text_lines(LINKS, "links", width) * LINE["links"][1] + PADDING + 12


def snippet_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                   narrow_height: int, stat: bool) -> int:
    """The iframe's default height: see above."""
    return max(
        content_height(headline, subtitle, notes, as_of, ARTICLE,
                       embed_chart_height(narrow_height, ARTICLE - 2 * PADDING, stat)),
        content_height(headline, subtitle, notes, as_of, PHONE,
                       embed_chart_height(narrow_height, PHONE - 2 * PADDING, stat),
                       through_chart=True))
