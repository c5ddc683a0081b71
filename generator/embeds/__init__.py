"""Embeds: a standalone page per chart that a newsroom can put in an iframe.

Every chart of the site gets ``embed/<chart-id>/`` (always the latest week). The site-wide charts
also get ``embed/<chart-id>/<week>/`` for every published week, frozen: drawn only from the weeks
up to that one and citing the ``as_of`` at which that week's figures were first published, so
neither a later week nor a re-fetch of unchanged figures changes a byte of it. A restatement
does change it, and the page then says so.

Each embed folder holds ``index.html`` (strict CSP, no inline script or style, static SVG
first), ``chart.vl.json`` (the interactive spec, loaded on interaction), ``oembed.json`` and the
downloads: the chart's CSV, PNG cards at 1200×675 and 1080×1080 and an SVG card for print, each
with the headline, subtitle, source, date and credit drawn in.

- this module: what an embed is (``Embed``) and the build's index of them (``Embeds``), which
  the site's pages use to offer each chart's snippets, downloads and citation;
- ``words``: notes (restatements, corrections, caveats) and the snippet's height (an embed's
  headline and subtitle come with its chart, its screen-reader table from its family);
- ``collect``: every embed of the build, worked out or recalled from the last build;
- ``write``: the embed folders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import fmt
from generator.charts.catalogue import Chart
from generator.charts.tables import DataTable
from generator.findings import say
from generator.findings.finding import Finding

PROVIDER = "AI Token Tracker"
EMBED_DIR = "embed"
# The postMessage types (documented on the Embed page): the embed posts its height; resize.js
# asks an embed that loaded before it for its height.
HEIGHT_MESSAGE = "ai-token-tracker:embed-height"
HEIGHT_REQUEST = "ai-token-tracker:embed-height-request"
CARD_SIZES = ((1200, 675), (1080, 1080))


@dataclass(frozen=True)
class Note:
    text: str
    href: str = ""  # relative to the site root
    label: str = ""


@dataclass(frozen=True)
class Embed:
    embed_id: str  # path under embed/: "tokens-by-country", "tokens-by-country/2026-03-30"
    kind: str  # its chart family (charts.families)
    week: str  # the last week the figures run to
    frozen: bool
    as_of: str
    headline: str  # states the finding
    subtitle: str  # metric, unit, period (of the wide drawing: the cards')
    alt: str
    notes: tuple[Note, ...]
    credit_path: str  # the chart's page, relative to the site root
    height: int  # the snippet's iframe height, px (see words.snippet_layout)
    # What it draws; None when recalled from the last build (its folder stands as it was).
    subtitle_narrow: str = ""  # the narrow drawing's, when it draws less than the wide one
    # the widest each drawing is shown (px; a narrower column shows it narrower): see
    # words.snippet_layout
    wide_width: int = 0
    narrow_width: int = 0
    chart: Chart | None = field(default=None, repr=False, compare=False)
    table: DataTable | None = field(default=None, repr=False, compare=False)

    @property
    def folder(self) -> str:
        return f"{EMBED_DIR}/{self.embed_id}/"

    @property
    def root(self) -> str:
        """From the embed page back to the site root."""
        return "../" * self.folder.count("/")

    @property
    def stem(self) -> str:
        """Download file names: f"{stem}.csv", f"{stem}-1200x675.png", ..."""
        return "ai-token-tracker-" + self.embed_id.replace("/", "-")

    def downloads(self) -> list[tuple[str, str]]:
        """(label, file name) of each download, in the order pages list them."""
        return [*((f"PNG {w}×{h}", f"{self.stem}-{w}x{h}.png") for w, h in CARD_SIZES),
                ("SVG", f"{self.stem}.svg"), ("CSV", f"{self.stem}.csv")]


@dataclass
class Embeds:
    """Every embed of the build, plus what the site's pages need to offer them."""

    site_url: str
    latest_week: str
    by_id: dict[str, Embed] = field(default_factory=dict)

    def for_chart(self, chart: Chart) -> tuple[Embed | None, Embed | None]:
        """The latest embed of a site chart and, when there is one, its frozen version. A past
        week's ranking offers only its own frozen chart: the latest is the Rankings page's (and
        a past week's page then stays the same when a week is added)."""
        family = chart.family
        if family.entity:
            return self.by_id[chart.chart_id], None
        if chart.chart_id == family.kind:
            return self.by_id[chart.chart_id], self.by_id.get(f"{family.kind}/{self.latest_week}")
        latest = self.by_id[family.kind] if chart.week == self.latest_week else None
        return latest, self.by_id[chart.chart_id]

    def card_png(self, chart_id: str) -> str:
        """The PNG of a site chart (relative to the site root): the first card of the embed
        that draws the same figures (every chart id is also an embed id)."""
        embed = self.by_id[chart_id]
        return embed.folder + embed.downloads()[0][1]

    def url(self, embed: Embed) -> str:
        return self.site_url + embed.folder

    def snippet(self, embed: Embed) -> str:
        """The copy-paste HTML: the iframe (at a height that shows the whole chart without any
        script) and the resize script, which then fits it to its content."""
        title = fmt.attr(one_line(embed.headline))
        return (f'<iframe src="{fmt.attr(self.url(embed))}" title="{title}" '
                f'width="100%" height="{embed.height}" loading="lazy" '
                f'style="width:100%;border:0"></iframe>\n'
                f'<script src="{fmt.attr(self.site_url)}embed/resize.js" async></script>')

    def citation(self, embed: Embed) -> str:
        when = say(Finding("embed", embed.week),
                   "citation-frozen" if embed.frozen else "citation-latest")
        return (f"{PROVIDER}, “{one_line(embed.headline)}” ({when}). "
                f"{fmt.source_line(embed.as_of)} {self.url(embed)}")


def one_line(text: str) -> str:
    return " ".join(str(text).split())
