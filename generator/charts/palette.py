"""Every colour a chart uses, in one place, for both themes.

Data colours (countries, companies, the two neutral bands) are the same in the light and the
dark theme: each has a relative luminance between about 0.15 and 0.30, so it keeps a 3:1 contrast
(WCAG AA for graphics) against the white page and against the dark pages (Material's slate,
#1e2029, and the embeds' #15171a). Only the chart's furniture changes with the theme: background,
text, grid and axis lines. ``dark_svg`` makes a chart's dark drawing from its light one by
swapping exactly those colours, so a dark chart costs a string substitution, not a second render.

A country keeps its colour on every chart. A company takes a shade of its country's family (warm
for China, cool for the U.S.), picked by a digest of its name, never by its rank.

Imported by the render workers (charts.draw): the standard library only.
"""

from __future__ import annotations

import colorsys
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

COUNTRY_COLOURS = {
    "CN": "#d62839",  # red
    "US": "#2f74c0",  # blue
    "FR": "#8e5cc4",  # violet
    "DE": "#b3820b",  # ochre
    "GB": "#2b8a9e",  # teal blue
    "CA": "#1f9075",  # teal green
    "KR": "#5a9a32",  # green
    "JP": "#d0458f",  # pink
    "IL": "#a0642d",  # brown
}
# Any other country: one of these, by a digest of its code (the same code, the same colour).
SPARE_COUNTRY_COLOURS = ("#8a8a2a", "#5a6fd0", "#c65a12", "#3f8f4f", "#6d6fb8", "#b07a1a")
NO_COUNTRY_COLOUR = "#6b6b6b"  # ranked models whose developer has no known country: dark grey
OUTSIDE_COLOUR = "#949494"  # usage outside the top 50, or all other companies: light grey
# The others, when a chart picks out the one its headline names (rank movement, prices).
CONTEXT_COLOUR = OUTSIDE_COLOUR
FREE_COLOUR = "#00897b"  # the one line of the free variants' share of all tokens: teal

# Company shades by country: warm for China, cool for the U.S. (each country's own colour first).
COMPANY_FAMILIES = {
    "CN": ("#d62839", "#c65a12", "#9c6a3a", "#c2457a", "#a04d8f", "#d9614e"),
    "US": ("#2f74c0", "#1b88b8", "#5a6fd0", "#1d8a8a", "#6a7fa8", "#7d5cc6", "#2a9470"),
}
LUMINANCE = (0.15, 0.30)  # every data colour's relative luminance lies in this range


def digest(text: str) -> int:
    """A stable number for a name (Python's hash() changes from one process to the next)."""
    return zlib.crc32(text.encode("utf-8"))


def country_colour(code: str) -> str:
    if not code:
        return NO_COUNTRY_COLOUR
    return COUNTRY_COLOURS.get(code) or SPARE_COUNTRY_COLOURS[
        digest(code) % len(SPARE_COUNTRY_COLOURS)]


def company_family(country: str) -> tuple[str, ...]:
    """The shades a country's companies take: its family, or its colour and two variants."""
    if country in COMPANY_FAMILIES:
        return COMPANY_FAMILIES[country]
    if not country:
        return (NO_COUNTRY_COLOUR, "#7d7468", "#687380")
    base = country_colour(country)
    return (base, shade(base, 0.07), shade(base, -0.05))


def company_colour(company: str, country: str) -> str:
    """A company's own colour: a shade of its country's family, by a digest of its name."""
    family = company_family(country)
    return family[digest(company) % len(family)]


def company_colours(companies: list[tuple[str, str]]) -> dict[str, str]:
    """Colours of the companies (name, country) one chart shows together: each its own colour,
    except that two companies whose names pick the same shade are told apart (the one whose name
    sorts later takes the next free shade of its family, or a spare colour)."""
    taken: set[str] = set()
    colours = {}
    for company, country in sorted(companies):
        family = company_family(country)
        start = digest(company) % len(family)
        choices = [*family[start:], *family[:start], *SPARE_COUNTRY_COLOURS]
        colour = next((c for c in choices if c not in taken), choices[0])
        taken.add(colour)
        colours[company] = colour
    return colours


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


def shade(colour: str, lighter: float) -> str:
    """The colour a little lighter (or darker), kept within the data colours' luminance."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = min(1.0, max(0.0, light + lighter))
    for _ in range(100):
        made = "#" + "".join(f"{round(v * 255):02x}" for v in colorsys.hls_to_rgb(
            hue, light, saturation))
        value = luminance(made)
        if value < LUMINANCE[0] + 0.01:
            light += 0.005
        elif value > LUMINANCE[1] - 0.01:
            light -= 0.005
        else:
            break
    return made


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
