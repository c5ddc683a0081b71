"""Every colour a chart uses, in one place, for both themes.

Data colours (countries, companies, the two neutral bands) are the same in the light and the
dark theme: each has a relative luminance between about 0.15 and 0.30, so it keeps a 3:1 contrast
(WCAG AA for graphics) against the white page and against the dark pages (Material's slate,
#1e2029, and the embeds' #15171a). Only the chart's furniture changes with the theme: background,
text, grid and axis lines. ``dark_svg`` makes a chart's dark drawing from its light one by
swapping exactly those colours, so a dark chart costs a string substitution, not a second render.

A country keeps its colour on every chart, a company its own on every chart: by name, never by
rank. A company's colour is never a country's, and the two greys (no known country, outside the
top 50) are never a country's or a company's.

Imported by the render workers (charts.draw): the standard library only.
"""

from __future__ import annotations

import re
import zlib

# ---------------------------------------------------------------- the chart's furniture

LIGHT = {
    "background": "#ffffff",
    "text": "#333333",  # axis and legend labels and titles
    "annotation": "#444444",  # dated events: dashed rules and their labels
    "grid": "#e6e6e6",
    "domain": "#888888",  # axis lines and ticks
    "value": "#111111",  # the big number of a one-week chart
}
DARK = {
    "background": "#1e2029",  # Material's slate background: the chart sits on the page
    "text": "#d4d4d4",
    "annotation": "#c8c8c8",
    "grid": "#363945",
    "domain": "#8d939a",
    "value": "#f2f2f2",
}

# ---------------------------------------------------------------- data colours

# One colour system, measured rather than eyeballed (tests/test_colours.py measures every chart of
# a build): any two colours one chart can show together differ by at least ΔE2000 10, and by 8
# once simulated for deuteranopia and protanopia (Machado 2009). The fixed countries, the two
# greys and the spares below pass that together; the company colours pass it together with the
# greys. Inside the luminance band there is room for about a dozen such colours, no more, which is
# why each set holds about a dozen and why a company is not a tint of its country.

COUNTRY_COLOURS = {
    "CN": "#d62839",  # red
    "US": "#2f74c0",  # blue
    "FR": "#7080ff",  # periwinkle
    "DE": "#e87000",  # orange
    "GB": "#00a0c0",  # cyan
    "CA": "#f85868",  # coral
    "KR": "#008040",  # dark green
    "JP": "#c03090",  # magenta
    "IL": "#40a070",  # green
}
# Any other country: one of these, by a digest of its code (the same code, the same colour); a
# chart that shows two such countries gives the second the other one (country_colours).
SPARE_COUNTRY_COLOURS = ("#c06ca2", "#2a5aff")  # orchid, bright blue
# The two bands that are not a country: both neutral, as far apart in lightness as the band
# allows; the outside band is also drawn see-through inside an outline (theme.band_treatment).
NO_COUNTRY_COLOUR = "#6b6b6b"  # ranked models whose developer has no known country: dark grey
OUTSIDE_COLOUR = "#949494"  # usage outside the top 50, or all other companies: light grey
# The others, when a chart picks out the one its headline names (rank movement, prices).
CONTEXT_COLOUR = OUTSIDE_COLOUR
FREE_COLOUR = "#00897b"  # the one line of the free variants' share of all tokens: teal

# The companies' own colours: none is a country's (nor within ΔE2000 7 of one, spares
# included), so a company is never mistaken for a country from one chart to the next.
COMPANY_COLOURS = (
    "#7842ff",  # violet
    "#5a90ff",  # sky blue
    "#fc5a00",  # orange
    "#729660",  # sage
    "#9c8ac0",  # lavender
    "#a25a06",  # brown
    "#d80072",  # crimson
    "#966096",  # mauve
    "#36a224",  # green
    "#6c72c6",  # slate blue
    "#4e7842",  # moss
    "#fc5490",  # pink
)
# The companies most often shown together, each its own colour for good. Any other company takes
# one by a digest of its name, and gives way on a chart that shows the company owning it.
COMPANY_OWN = {
    "DeepSeek": "#7842ff",
    "Google": "#5a90ff",
    "Anthropic": "#fc5a00",
    "Zhipu AI": "#729660",
    "Meta": "#9c8ac0",
    "Mistral AI": "#a25a06",
    "Alibaba": "#d80072",
    "Moonshot AI": "#966096",
    "OpenAI": "#36a224",
    "xAI": "#6c72c6",
    "Amazon": "#4e7842",
    "MiniMax": "#fc5490",
}
LUMINANCE = (0.145, 0.30)  # every data colour's relative luminance lies in this range


def digest(text: str) -> int:
    """A stable number for a name (Python's hash() changes from one process to the next)."""
    return zlib.crc32(text.encode("utf-8"))


def country_colour(code: str) -> str:
    if not code:
        return NO_COUNTRY_COLOUR
    return COUNTRY_COLOURS.get(code) or SPARE_COUNTRY_COLOURS[
        digest(code) % len(SPARE_COUNTRY_COLOURS)]


def country_colours(codes: list[str]) -> dict[str, str]:
    """Colours of the countries (codes) one chart shows together: each its own, except that two
    countries without a fixed colour that pick the same spare are told apart (the one whose code
    sorts later takes a spare no country of the chart uses, while one is left)."""
    colours = {code: country_colour(code) for code in codes
               if code in COUNTRY_COLOURS or not code}
    taken = set(colours.values())
    for code in sorted(set(codes) - set(colours)):
        own = country_colour(code)
        free = [spare for spare in SPARE_COUNTRY_COLOURS if spare not in taken]
        colours[code] = free[0] if own in taken and free else own
        taken.add(colours[code])
    return colours


def company_colour(company: str) -> str:
    """A company's own colour: its fixed one, else one of the company colours by its name."""
    return COMPANY_OWN.get(company) or COMPANY_COLOURS[digest(company) % len(COMPANY_COLOURS)]


def company_colours(companies: list[str]) -> dict[str, str]:
    """Colours of the companies one chart shows together, each its own colour (by name, never by
    rank) unless another company of the chart has it: the companies of COMPANY_OWN keep theirs,
    then every other whose colour is still free, and any that met one takes the next company
    colour no company of the chart wears (in the order of their names). A chart of more
    companies than colours repeats some."""
    ordered = sorted(companies, key=lambda name: (name not in COMPANY_OWN, name))
    colours: dict[str, str] = {}
    for company in ordered:
        if company_colour(company) not in colours.values():
            colours[company] = company_colour(company)
    for company in ordered:
        if company not in colours:
            start = COMPANY_COLOURS.index(company_colour(company))
            choices = [*COMPANY_COLOURS[start:], *COMPANY_COLOURS[:start]]
            taken = set(colours.values())
            colours[company] = next((c for c in choices if c not in taken), choices[0])
    return {company: colours[company] for company in companies}


# ---------------------------------------------------------------- contrast arithmetic

def luminance(colour: str) -> float:
    """WCAG's relative luminance of '#rrggbb'."""
    def linear(part: str) -> float:
        value = int(part, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


# ---------------------------------------------------------------- the dark drawing

# Only presentation attributes that name one of the light furniture colours change; data colours
# are never one of them (a test checks), so bands, lines and bars keep their colours.
SWAPS = {LIGHT[key]: DARK[key] for key in LIGHT}
COLOUR_ATTRIBUTE = re.compile(r'\b(fill|stroke)="(#[0-9a-fA-F]{6})"')


def dark_svg(svg: str) -> str:
    """The chart's dark drawing: its light SVG with the furniture colours swapped."""
    return COLOUR_ATTRIBUTE.sub(
        lambda found: f'{found.group(1)}="{SWAPS.get(found.group(2).lower(), found.group(2))}"',
        svg)
