"""What the render worker processes run: a chart spec to SVG, a card to SVG and PNG.

Kept apart from the rest of the generator on purpose: a spawned worker imports only this module
(vl-convert, oxipng, the standard library, generator.files, the colours of charts.palette, the
Chinese font of charts.fonts and, for Chinese card text only, uniseg), not pandas, Altair or
Jinja, so each of the build's worker processes stays ~100 MB smaller. The render cache is keyed
on these modules' source (charts.render.RENDER_MODULES): any change here redraws every image.
"""

from __future__ import annotations

import html
import json
import os
import re
import unicodedata
from pathlib import Path

import oxipng
import vl_convert as vlc

from generator.charts.fonts import register_cjk_font
from generator.charts.palette import dark_svg
from generator.files import write_bytes_if_changed
from generator.xmltext import xml_safe

# Charts are laid out with the renderer's Liberation Sans, whose widths are Arial's: a reader's
# browser draws them in the same widths (Arial on Windows, macOS, iOS; Liberation Sans on most
# Linux), so a label measured to fit still fits. A system-ui font (DejaVu Sans on Linux, 15%
# wider) pushed right-aligned labels out of the picture ("wen3 Coder 480B").
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
PNG_SCALE = 2
# coordinates: a path's data, and a mark's or a text's position
COORDINATES = re.compile(r'\s(?:d="[^"]*"|transform="translate\([^)]*\))')
LONG_DECIMAL = re.compile(r"-?\d+\.\d\d+")
# In JSON written with ensure_ascii (every spec is), a character XML forbids can only appear as
# one of these escapes (a control character, a surrogate, U+FFFE/U+FFFF): a spec without any is
# handed to vl-convert as it is, ~4 ms faster than a dict.
XML_UNSAFE_ESCAPE = re.compile(r"\\(?:u(?:00[01]|[dD][89a-fA-F]|[fF]{3}[eEfF])|[bf])")
SIZE_RE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')
FONTS_CONF = Path(__file__).with_name("fonts.conf")
_fonts_ready = False


def use_builtin_fonts() -> None:
    """Make this process's vl-convert measure and draw text with its built-in Liberation Sans
    and, for Chinese text, Noto Sans SC from a pinned package (charts.fonts) only (once per
    process, before its first render).

    vl-convert fills its font database from the system (fontdb reads the fontconfig file named
    by FONTCONFIG_FILE) and then adds its own Liberation Sans, held in memory; text goes to the
    first face that matches. A system font is read from disk for every glyph looked up (opened,
    mapped and unmapped about 2,250 times for one card): more than half of a render's time.
    Pointed at generator/charts/fonts.conf, whose only font folder does not exist, the database
    holds the built-in faces alone: a chart SVG renders about three times faster and a card 40%
    faster, and the same on every machine whatever fonts it has. The variable is set only for
    the moment vl-convert reads it, so nothing else this process starts (a browser) sees it.
    """
    global _fonts_ready
    if _fonts_ready:
        return
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:  # the first use of vl-convert's fonts (here, adding one) builds its font database
        register_cjk_font()
        vlc.svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                       '<text y="6" font-size="6">a</text></svg>', scale=1)
    finally:
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous
    _fonts_ready = True


def start_worker(niceness: int) -> None:
    """A render worker process starts here: below the main process in priority (it goes on
    writing pages meanwhile), its renderer ready. Defined in this module, as everything a worker
    runs: a worker imports only what it unpickles, and this module imports nothing heavy."""
    os.nice(niceness)
    use_builtin_fonts()


# What vl-convert writes that draws nothing: attributes at their default or only for pointer
# and screen-reader use (a drawing is an image, read through its alt text), empty frames.
NO_OP_ATTRIBUTE = re.compile(r' (?:pointer-events="none"|aria-hidden="true"|opacity="1")(?=[ />])')
EMPTY_PATH = re.compile(r'<path class="(?:background" d="M0,0h0v0h0Z"|foreground" d="" '
                        r'display="none")/>')
TEXT_FONT = f' font-family="{FONT}"'  # on every text, as vl-convert writes it


def tidy_svg(svg: str) -> str:
    """A drawing without what draws nothing (about a sixth of its bytes): no-op attributes and
    empty frames dropped, the font said once on the root instead of on every text, coordinates
    rounded (round_coordinates). The same picture."""
    svg = EMPTY_PATH.sub("", NO_OP_ATTRIBUTE.sub("", round_coordinates(svg)))
    if TEXT_FONT in svg and svg.startswith("<svg ") and "font-family" not in \
            svg[:svg.index(">")]:
        svg = "<svg" + TEXT_FONT + svg[4:].replace(TEXT_FONT, "")
    return svg


def round_coordinates(svg: str) -> str:
    """Path coordinates and positions to a tenth of a pixel (vl-convert writes paths in
    thousandths and positions to 15 digits): invisible, and a long stacked-area chart's SVG is a
    fifth smaller, gzipped."""
    return COORDINATES.sub(lambda path: LONG_DECIMAL.sub(
        lambda number: f"{float(number.group()):.1f}", path.group()), svg)


def render_image(spec_json: str, kind: str, vl_version: str) -> bytes:
    use_builtin_fonts()
    if XML_UNSAFE_ESCAPE.search(spec_json):  # outside text in labels must be valid XML
        spec: str | dict = xml_safe(json.loads(spec_json))
    else:
        spec = spec_json
    if kind == "svg":
        return tidy_svg(vlc.vegalite_to_svg(spec, vl_version=vl_version)).encode("utf-8")
    return vlc.vegalite_to_png(spec, vl_version=vl_version, scale=PNG_SCALE)


def dark_path(path: Path) -> Path:
    """Where a drawing's dark version is cached: beside it, "<key>.dark.svg"."""
    return path.with_name(path.name.removesuffix(".svg") + ".dark.svg")


def render_to_cache(spec_json: str, vl_version: str, path: Path, dark: bool = False) -> None:
    """A chart's SVG, written into the render cache by the worker process that draws it (so
    nothing big travels back to the main process, which goes on with its own work); with
    ``dark``, also its dark version, made from the same drawing by swapping the colours of the
    chart's furniture (palette.dark_svg): no second render."""
    svg = render_image(spec_json, "svg", vl_version)
    write_bytes_if_changed(path, svg)
    if dark:
        write_bytes_if_changed(dark_path(path), dark_svg(svg.decode("utf-8")).encode("utf-8"))


def render_embed_images(spec_json: str, vl_version: str, chart_path: Path,
                        cards: list[tuple[str, Path, Path | None]]) -> None:
    """An embed's chart SVG (unless cached) and then its cards, (payload, SVG path, PNG path or
    None for no PNG) each, written into the render cache: one task, as the cards are drawn from
    that SVG."""
    if not chart_path.exists():
        render_to_cache(spec_json, vl_version, chart_path)
    for payload_json, svg_path, png_path in cards:
        svg = card_svg(payload_json, chart_path)
        if png_path is not None:
            write_bytes_if_changed(png_path, card_png(svg))
        write_bytes_if_changed(svg_path, svg)


def svg_size(svg: bytes) -> tuple[int, int]:
    match = SIZE_RE.search(svg)
    if not match:
        return 800, 450
    return round(float(match.group(1))), round(float(match.group(2)))


# ---------------------------------------------------------------- cards (images to download)

# Rough advance widths (em) of a sans-serif such as Arial or Liberation Sans; text is wrapped a
# little short of the room, and a line estimated too long is squeezed (textLength) to fit.
NARROW = set(" .,:;'!|()[]ijlftrI-‘’·")
WIDE = set("mwMW@%—")
WRAP_SLACK = 0.94
FULL_WIDTH = ("W", "F")  # East Asian wide and fullwidth: Chinese characters and their marks


def full_width(char: str) -> bool:
    return unicodedata.east_asian_width(char) in FULL_WIDTH


def char_ems(char: str) -> float:
    """One character's rough advance width, in ems (a Chinese character or mark: one em)."""
    if full_width(char):
        return 1.0
    if char in NARROW:
        return 0.29
    if char in WIDE:
        return 0.86
    if char.isupper():
        return 0.68
    if char.isdigit():
        return 0.56
    return 0.53


def text_width(text: str, size: float, bold: bool = False) -> float:
    ems = 0.0
    for char in text:
        ems += char_ems(char)
    return ems * size * (1.07 if bold else 1.0)


def wrap(text: str, size: float, bold: bool, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width``; whatever is left after ``max_lines`` joins the last line
    (which is then squeezed to fit with textLength). Chinese text: ``wrap_breaks``."""
    if any(full_width(char) for char in text):
        return wrap_breaks(text, size, bold, width, max_lines)
    lines: list[str] = []
    used, space = 0.0, text_width(" ", size, bold)
    for word in text.split():
        needed = text_width(word, size, bold)
        if lines and used + space + needed <= width * WRAP_SLACK:
            lines[-1], used = f"{lines[-1]} {word}", used + space + needed
        elif len(lines) < max_lines:
            lines.append(word)
            used = needed
        else:
            lines[-1], used = f"{lines[-1]} {word}", used + space + needed
    return lines or [""]


def wrap_breaks(text: str, size: float, bold: bool, width: float, max_lines: int) -> list[str]:
    """``wrap`` for text with Chinese characters, which has no spaces between words: lines
    break where Unicode's line breaking rules (UAX #14, by uniseg) allow, as a browser's do:
    between two Chinese characters, never before a closing mark such as "，" or inside a number
    or a Latin word. Imported here: an English build never loads it."""
    from uniseg.linebreak import line_break_units

    lines: list[str] = []
    for unit in line_break_units(text):
        joined = lines[-1] + unit if lines else unit
        if lines and text_width(joined.rstrip(), size, bold) <= width * WRAP_SLACK:
            lines[-1] = joined
        elif len(lines) < max_lines:
            lines.append(unit)
        else:
            lines[-1] = joined
    return [line.strip() for line in lines] or [""]


def svg_text(x: float, y: float, text: str, size: float, colour: str, width: float,
             bold: bool = False) -> str:
    squeeze = (f' textLength="{width:g}" lengthAdjust="spacingAndGlyphs"'
               if text_width(text, size, bold) > width else "")
    weight = ' font-weight="700"' if bold else ""
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{weight} fill="{colour}"{squeeze}>'
            f"{html.escape(text)}</text>")


def card_layout(width: int, height: int) -> dict:
    """The card's margins and text sizes. A square card's chart takes the card's whole width
    (its height is what the chart's proportions give), and its headline and subtitle the
    largest of ``headline`` sizes that fits the room above the chart (``compose_card``), so
    neither a band of blank under a short chart nor a chart shrunk under a long title."""
    if width == height:
        return {"margin": 48, "headline": (60, 56, 52, 48, 44, 40, 36), "headline_lines": 5,
                "subtitle_ratio": 0.5, "subtitle_lines": 4, "footer": 18}
    return {"margin": 40, "headline": (30,), "headline_lines": 2, "subtitle_ratio": 17 / 30,
            "subtitle_lines": 2, "footer": 14}


def title_block(text: dict, layout: dict, room: float, size: int) -> tuple[list, float]:
    """The sample notice, headline and subtitle at headline size ``size``: ([(size, line,
    colour, bold, its baseline below the block's top)], the block's height)."""
    lines, y = [], -6.0
    if text["sample"]:
        y += 20
        lines.append((18, text["sample"], "#b00020", True, y))
        y += 12
    subtitle = round(size * layout["subtitle_ratio"])
    for font, most, colour, bold, key in (
            (size, layout["headline_lines"], "#111111", True, "headline"),
            (subtitle, layout["subtitle_lines"], "#444444", False, "subtitle")):
        y += 6
        for line in wrap(text[key], font, bold, room, most):
            y += round(font * 1.22)
            lines.append((font, line, colour, bold, y))
    return lines, y


def compose_card(payload: dict, chart_svg: str) -> str:
    """Headline, subtitle, the embed's chart scaled to the room left, then source and credit:
    one SVG of exactly the card's size (``card_layout``)."""
    width, height = payload["size"]
    text = payload["text"]
    layout = card_layout(width, height)
    margin = layout["margin"]
    room = width - 2 * margin
    chart_w, chart_h = svg_size(chart_svg.encode("utf-8"))
    footer_size = layout["footer"]
    line_height = round(footer_size * 1.4)
    footer_lines = [*wrap(text["source"], footer_size, False, room, 2), text["credit"]]
    footer_top = height - margin + 14 - line_height * len(footer_lines)
    # the chart at the card's full width, unless that leaves the title too little room
    full_width = chart_h * room / chart_w if chart_w > 0 else 0
    for size in layout["headline"]:
        block, block_h = title_block(text, layout, room, size)
        if margin + block_h + 16 + full_width + 12 <= footer_top:
            break
    parts = [svg_text(margin, margin + y, line, font, colour, room, bold)
             for font, line, colour, bold, y in block]
    y = margin + block_h
    if len(layout["headline"]) > 1:  # a square: the room left over goes between the blocks
        y += max(0, (footer_top - 12 - full_width - 16 - y) / 2)
    for i, line in enumerate(footer_lines):
        parts.append(svg_text(margin, footer_top + line_height * (i + 1), line, footer_size,
                              "#4d4d4d", room))
    plot_top = round(y + 16)
    plot_h = footer_top - 12 - plot_top
    opening = re.match(r"<svg\b[^>]*>", chart_svg)
    closing = chart_svg.rfind("</svg>")
    nested = ""
    if opening and closing > opening.end() and plot_h > 0 and chart_w > 0 and chart_h > 0:
        # The chart keeps its proportions: as large as the room allows, centred under the
        # headline. A scaled group, not a nested <svg>: the rasteriser draws a nested viewport
        # into a clipped layer of the card's full size, which doubled the time of every card.
        scale = min(room / chart_w, plot_h / chart_h)
        left = margin + (room - chart_w * scale) / 2
        nested = (f'<g transform="translate({left:.2f},{plot_top}) scale({scale:.5f})">'
                  + chart_svg[opening.end():closing] + "</g>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="{html.escape(FONT)}">'
            f"<title>{html.escape(text['headline'])}</title><desc>{html.escape(text['alt'])}</desc>"
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
            + "".join(parts) + nested + "</svg>\n")


def optimised_png(png: bytes) -> bytes:
    """The same pixels in fewer bytes (oxipng's quickest level: the rasteriser's PNGs are RGBA
    and lightly deflated; a card stored with the fewest colours and bits its pixels need is
    about a seventh of the size). Rows unfiltered: a card is flat colours and text, and trying
    the other filters doubled the time (~35 ms a card) for 2% fewer bytes."""
    return oxipng.optimize_from_memory(png, level=0, filter=[oxipng.RowFilter.NoOp])


def card_svg(payload_json: str, chart_svg_path: Path) -> bytes:
    """One card as SVG (run in a worker process, which reads the chart's SVG)."""
    return compose_card(xml_safe(json.loads(payload_json)),  # valid XML text
                        chart_svg_path.read_text(encoding="utf-8")).encode("utf-8")


def card_png(svg: bytes) -> bytes:
    """A card's SVG drawn as PNG."""
    use_builtin_fonts()
    return optimised_png(vlc.svg_to_png(svg.decode("utf-8"), scale=1))
