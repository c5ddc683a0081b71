"""Embeds: a standalone page per chart that a newsroom can put in an iframe.

Every chart of the site gets ``embed/<chart-id>/`` (always the latest week). The site-wide charts
also get ``embed/<chart-id>/<week>/`` for every published week, frozen: drawn only from the weeks
up to that one (at most the year up to it: families.FROZEN_WEEKS) and citing the ``as_of`` at
which that week's figures were first published, so neither a later week nor a re-fetch of
unchanged figures changes a byte of it. A restatement does change it, and the page then says
so.

Each embed folder holds ``index.html`` (strict CSP, no inline script or style, static SVG
first), ``chart.vl.json`` and ``chart.narrow.vl.json`` (the interactive specs, loaded on
interaction, which share one data file beside them), ``oembed.json`` and the downloads: the
chart's CSV, an SVG card for print and PNG cards at 1200×675 and 1080×1080, each with the
headline, subtitle, source, date and credit drawn in.

PNG cards are the heaviest files (~40-70 KB each) and a folder would need two, so only the PNG
a social network needs is stored (``Embed.stored_cards``): the 1200×675 card of a latest embed,
the og:image of its chart's page, and of the week's ranking chart (the social card of that week's
ranking page and of every frozen embed of that week: one PNG a week showing that week's figures,
rather than a latest card that would show later ones). Every other card is stored as SVG only
(``Embed.svg_cards``: a frozen embed's 1200×675, and the 1080×1080 square of a latest embed;
the site-wide latest ones, eight in all, keep their square PNG too), and the embed page draws
its PNG from that SVG in the reader's browser when asked (embed.js); without JavaScript it
offers the SVG.

- this module: what an embed is (``Embed``) and the build's index of them (``Embeds``), which
  the site's pages use to offer each chart's snippets, downloads and citation;
- ``words``: notes (restatements, corrections, caveats) and the snippet's height (an embed's
  headline and subtitle come with its chart, its screen-reader table from its family);
- ``collect``: every embed of the build, worked out or recalled from the last build;
- ``write``: the embed folders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import fmt, phrases
from generator.charts.catalogue import Chart
from generator.charts.families import SITE_WIDE, WEEKLY
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
    height: int  # the snippet's iframe height, px (see words.snippet_height)
    subtitle_narrow: str = ""  # the narrow drawing's, when it draws less than the wide one
    # What it draws; None when recalled from the last build (its folder stands as it was).
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

    @property
    def svg_card(self) -> str:
        """The 1200×675 card as SVG (every embed stores it; a browser draws the PNG from it)."""
        return f"{self.stem}.svg"

    def svg_file(self, size: tuple[int, int]) -> str:
        """A card's SVG file: the 1200×675 one under the stem alone (its name since the first
        embeds), any other with its size."""
        return self.svg_card if size == CARD_SIZES[0] else f"{self.stem}-{size[0]}x{size[1]}.svg"

    def png_card(self, size: tuple[int, int]) -> str:
        return f"{self.stem}-{size[0]}x{size[1]}.png"

    @property
    def stored_cards(self) -> tuple[tuple[int, int], ...]:
        return stored_cards(self.kind, self.frozen)

    @property
    def svg_cards(self) -> tuple[tuple[int, int], ...]:
        return svg_cards(self.frozen)

    @property
    def card_links(self) -> list[tuple[str, tuple[int, int], str]]:
        return card_links(self.kind, self.frozen)

    @property
    def social_id(self) -> str:
        """The embed whose 1200×675 PNG is this page's og:image: itself, or for a frozen embed
        without a stored card, its week's ranking chart."""
        if CARD_SIZES[0] in self.stored_cards:
            return self.embed_id
        return f"{WEEKLY}/{self.embed_id.rsplit('/', 1)[-1]}"

    @property
    def social_card(self) -> str:
        """The og:image, relative to the site root."""
        social = self.social_id
        width, height = CARD_SIZES[0]
        return f"{EMBED_DIR}/{social}/ai-token-tracker-{social.replace('/', '-')}" \
               f"-{width}x{height}.png"

    def downloads(self) -> list[tuple[str, str]]:
        """(label, file name) of each stored download, in the order pages list them."""
        return [*((label, self.png_card(size) if form == "png" else self.svg_file(size))
                  for form, size, label in self.card_links if form != "drawn"),
                ("CSV", f"{self.stem}.csv")]


def stored_cards(kind: str, frozen: bool) -> tuple[tuple[int, int], ...]:
    """The sizes of the PNG cards an embed of chart family ``kind`` writes into its folder (see
    the module's doc): both for a site-wide latest embed, the 1200×675 social card for a
    history's latest embed and the week's ranking chart, none for any other frozen embed."""
    if not frozen:
        return CARD_SIZES if kind in SITE_WIDE else CARD_SIZES[:1]
    return CARD_SIZES[:1] if kind == WEEKLY else ()


def svg_cards(frozen: bool) -> tuple[tuple[int, int], ...]:
    """The sizes of the SVG cards an embed writes into its folder: every size for a latest
    embed, the 1200×675 for a frozen one."""
    return CARD_SIZES[:1] if frozen else CARD_SIZES


def card_links(kind: str, frozen: bool) -> list[tuple[str, tuple[int, int], str]]:
    """The links to an embed's cards, in the order its page and the chart's page list them:
    (form, size, label), form "png" (a stored PNG), "drawn" (a PNG the browser draws from the
    card's SVG: shown with JavaScript only) or "svg"."""
    stored = stored_cards(kind, frozen)
    return [*(("png", size, f"PNG {size[0]}×{size[1]}") for size in stored),
            *(("drawn", size, f"PNG {size[0]}×{size[1]}") for size in svg_cards(frozen)
              if size not in stored),
            *(("svg", size, "SVG" if size == CARD_SIZES[0] else f"SVG {size[0]}×{size[1]}")
              for size in svg_cards(frozen))]


def links_line(kind: str, frozen: bool, scripted: bool, language: str = "en") -> str:
    """The text of the links under an embed (templates/embeds/page.html.j2), as the snippet's
    height is worked out from: its page's credit, its data and its cards, and where its script
    runs (in a frame that no resize script sizes as anywhere else), the PNGs a browser draws."""
    t = phrases.table(language)  # the words of the page's links (generator/phrases)
    return " · ".join([t.chart_credit.format(link=t.site_name), t.get_the_data,
                       *(label for form, _, label in card_links(kind, frozen)
                         if scripted or form != "drawn")])


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
        """The PNG of a site chart (relative to the site root): the social card of the embed
        that draws the same figures (every chart id is also an embed id, and every site chart's
        embed stores its 1200×675 card)."""
        return self.by_id[chart_id].social_card

    def social_alt(self, embed: Embed) -> str:
        """What the page's social card shows (its og:image:alt)."""
        return self.by_id[embed.social_id].alt

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
