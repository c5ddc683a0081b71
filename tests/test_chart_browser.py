"""Charts as readers see them, in a real browser (Chromium): at a 390 px phone's width every
chart's smallest text is 11 px or more as displayed (its font size times the scale the drawing
is shown at), on every page family and in a 320 px embed; the phone gets the narrow drawing, a
tablet the wide one and the desktop one as wide as its column; dark mode swaps the drawings;
hovering the interactive chart shows formatted numbers; no axis label repeats or says "G"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import served
from generator.charts.families import HOME, SITE_WIDE
from generator.paths import Project

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST = 11  # px, as displayed


@pytest.fixture(scope="module")
def site_url(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir) as url:
        yield url


def first_page(project: Project, family: str, keep=lambda name: True) -> str:
    names = sorted(p.parent.name for p in (project.site_dir / family).glob("*/index.html")
                   if p.parent.name[:2] != "20" and keep(p.parent.name))
    return f"{family}/{names[0]}/"


def a_past_week(project: Project) -> str:
    weeks = sorted(p.name for p in (project.site_dir / "rankings").iterdir()
                   if p.is_dir() and p.name[:2] == "20")
    return f"rankings/{weeks[len(weeks) // 2]}/"


def a_long_history(project: Project, family: str) -> str:
    """A model, company or country with a chart (not a one-week number), the one with the most
    weeks (the longest axis and the largest numbers)."""
    sizes = {p.stem.removesuffix(".narrow"): p.stat().st_size
             for p in (project.site_dir / "charts" / family).glob("*.narrow.svg")}
    return f"{family}/{max(sizes, key=sizes.get)}/"


PAGES = {
    "home": lambda p: "",
    "rankings": lambda p: "rankings/",
    "countries": lambda p: "countries/",
    "week": a_past_week,
    "country": lambda p: a_long_history(p, "countries"),
    "company": lambda p: a_long_history(p, "companies"),
    "model": lambda p: a_long_history(p, "models"),
}

SVG_TEXT = re.compile(r'<text\b([^>]*)>([^<]*)</text>')


def svg_texts(svg: str) -> list[tuple[str, float]]:
    """(text, font size in px) of each visible <text> of a drawing."""
    found = []
    for attributes, text in SVG_TEXT.findall(svg):
        if 'opacity="0"' in attributes or not text.strip():
            continue
        found.append((text, float(re.search(r'font-size="([\d.]+)px"', attributes).group(1))))
    return found


def shown_drawings(page: Page) -> list[dict]:
    """Each chart drawing the page shows: its file, drawn width and displayed width."""
    return page.evaluate("""() => [...document.querySelectorAll('figure.tt-chart img')]
        .filter(img => img.getBoundingClientRect().width > 0)
        .map(img => ({src: img.currentSrc, shown: img.getBoundingClientRect().width}))""")


def drawn_width(svg: str) -> float:
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))


def open_page(browser: Browser, url: str, viewport: dict, scheme: str = "light") -> Page:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    # A chart below the fold loads when scrolled to: load the drawings now instead.
    page.evaluate("() => document.querySelectorAll('figure.tt-chart img[loading=lazy]')"
                  ".forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function("() => [...document.querySelectorAll('figure.tt-chart img')]"
                           ".every(i => !i.getBoundingClientRect().width || i.complete)")
    return page


@pytest.mark.parametrize("family", PAGES)
def test_chart_text_is_at_least_11_px_on_a_phone(browser: Browser, site_url: str,
                                                  built_site: Project, family: str) -> None:
    page = open_page(browser, site_url + PAGES[family](built_site), PHONE)
    drawings = shown_drawings(page)
    assert drawings, family
    for drawing in drawings:
        assert ".narrow.svg" in drawing["src"], drawing  # drawn for the phone
        svg = urlopen(drawing["src"]).read().decode()
        scale = drawing["shown"] / drawn_width(svg)
        smallest = min(size for _, size in svg_texts(svg)) * scale
        assert smallest >= SMALLEST, (family, drawing, smallest)
    page.context.close()


def test_a_desktop_gets_the_drawing_that_fills_its_column(browser: Browser,
                                                         site_url: str) -> None:
    """At 1280 px Material's column is 938 px: the desktop drawing is drawn that wide and fills
    it, at the wide drawing's text size (shown at its own scale)."""
    page = open_page(browser, site_url, DESKTOP)
    (drawing,) = shown_drawings(page)
    assert drawing["src"].endswith("charts/tokens-by-country.desktop.svg")
    column = page.evaluate("document.querySelector('.md-content .md-typeset')"
                           ".getBoundingClientRect().width")
    svg = urlopen(drawing["src"]).read().decode()
    assert drawn_width(svg) == drawing["shown"] == column == 938
    assert min(size for _, size in svg_texts(svg)) * drawing["shown"] / drawn_width(svg) >= 14
    page.context.close()


@pytest.mark.parametrize("family, width", [("home", 1024), ("model", 1280), ("week", 1280)])
def test_a_narrower_column_gets_the_wide_drawing_at_11_px_or_more(
        browser: Browser, site_url: str, built_site: Project, family: str, width: int) -> None:
    """A tablet, and a desktop page with the navigation sidebar (its column 688 px at 1280):
    the wide drawing, never the desktop one shrunk below 11 px."""
    page = open_page(browser, site_url + PAGES[family](built_site), {"width": width,
                                                                     "height": 900})
    drawing = shown_drawings(page)[0]
    assert not drawing["src"].endswith((".narrow.svg", ".desktop.svg")), drawing
    svg = urlopen(drawing["src"]).read().decode()
    assert min(size for _, size in svg_texts(svg)) * drawing["shown"] / drawn_width(svg) >= 11
    page.context.close()


def embed_text_sizes(page: Page) -> list[float]:
    """Font size times displayed scale of every visible text of the embed's shown drawing."""
    return page.evaluate("""() => {
        const svg = [...document.querySelectorAll('.tt-embed__svg')]
            .find(s => s.getBoundingClientRect().width > 0);
        return [...svg.querySelectorAll('text')]
            .filter(t => t.getAttribute('opacity') !== '0' && t.textContent.trim())
            .map(t => { const m = t.getScreenCTM();
                        return parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b); });
    }""")


@pytest.mark.parametrize("embed", SITE_WIDE)
def test_chart_text_is_at_least_11_px_in_a_320_px_embed(browser: Browser, site_url: str,
                                                        embed: str) -> None:
    page = open_page(browser, site_url + f"embed/{embed}/", {"width": 320, "height": 900})
    expect(page.locator(".tt-embed__svg--narrow")).to_be_visible()
    expect(page.locator(".tt-embed__svg--wide")).to_be_hidden()
    sizes = embed_text_sizes(page)
    assert sizes and min(sizes) >= SMALLEST, (embed, min(sizes))
    page.context.close()


def test_a_600_px_embed_shows_the_wide_drawing_at_11_px(browser: Browser, site_url: str) -> None:
    page = open_page(browser, site_url + "embed/tokens-by-country/", {"width": 600,
                                                                       "height": 900})
    expect(page.locator(".tt-embed__svg--wide")).to_be_visible()
    expect(page.locator(".tt-embed__svg--narrow")).to_be_hidden()
    assert min(embed_text_sizes(page)) >= SMALLEST
    page.context.close()


def test_no_axis_label_repeats_or_says_g(built_site: Project) -> None:
    """Every drawing the site shows (both widths): each axis writes each label once, and
    billions as B."""
    drawings = list((built_site.site_dir / "charts").rglob("*.svg"))
    assert len(drawings) > 400
    for path in drawings:
        svg = path.read_text()
        for axis in re.findall(r'role-axis-label"[^>]*>(.*?)</g>', svg):
            labels = [text for _, text in ((a, t) for a, t in SVG_TEXT.findall(axis)
                                           if 'opacity="0"' not in a)]
            assert len(labels) == len(set(labels)), (path, labels)
            assert not [label for label in labels if re.fullmatch(r"-?[\d.]+G", label)], path


def hover_tooltips(page: Page, figure: str, marks: str, count: int = 6) -> list[str]:
    texts = []
    items = page.locator(f"{figure} .tt-chart__live svg {marks}")
    total = items.count()
    assert total, marks
    for i in range(0, total, max(1, total // count)):
        box = items.nth(i).bounding_box()
        if not box or box["width"] * box["height"] == 0 and box["width"] + box["height"] == 0:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tooltip = page.locator("#vg-tooltip-element.visible")
        try:
            tooltip.wait_for(timeout=2000)
        except Exception:  # noqa: BLE001 (a point under another: no tooltip, try the next)
            continue
        texts.append(tooltip.inner_text())
    return texts


@pytest.mark.parametrize("path, marks", [
    ("", ".mark-symbol path"),  # the stacked areas: invisible points carry the tooltips
    ("countries/", ".mark-symbol path"),
    ("rankings/", ".mark-rect path"),
])
def test_hovering_the_interactive_chart_shows_formatted_numbers(page: Page, site_url: str,
                                                                path: str, marks: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + path, wait_until="load")
    figure = page.locator("figure.tt-chart").first
    figure.hover()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    texts = hover_tooltips(page, "figure.tt-chart", marks)
    assert texts, path
    for text in texts:
        assert "e+" not in text and not re.search(r"\d{10}", text), text
        assert "Band" not in text and "week_start" not in text and "Tokens" in text, text
        tokens = re.search(r"Tokens\s+(.*)", text).group(1).strip()
        assert re.fullmatch(r"\d[\d.,]*( (trillion|billion|million))?", tokens), text
    labels = page.locator("figure.tt-chart .tt-chart__live svg .role-axis-label text")
    shown = [labels.nth(i).text_content() for i in range(labels.count())
             if labels.nth(i).get_attribute("opacity") != "0"]
    assert shown and not [label for label in shown if label.endswith("G")]


def point_tooltips(page: Page, url: str, chart: str) -> tuple[str, list[str]]:
    """The tooltips of a point chart's points, once its figure on the page at ``url`` (desktop
    width) has turned interactive: (the figure's selector, the tooltips' texts)."""
    page.set_viewport_size(DESKTOP)
    page.goto(url, wait_until="load")
    selector = f'figure.tt-chart[data-tt-spec$="embed/{chart}/chart.vl.json"]'
    figure = page.locator(selector)
    figure.scroll_into_view_if_needed()
    figure.hover()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    return selector, hover_tooltips(page, selector, ".mark-symbol path")


@pytest.mark.parametrize("path, chart, field, value", [
    ("countries/", "country-growth", "Change on the week", r"(\+|−)?[\d.]+%|0%"),
    ("rankings/", "rank-movement", "Rank", r"#\d+"),
])
def test_hovering_a_chart_of_change_shows_formatted_figures(page: Page, site_url: str,
                                                           path: str, chart: str, field: str,
                                                           value: str) -> None:
    """The growth chart's points and the bump chart's points: the week, the country or model,
    and the change or the rank, written the site's way."""
    selector, texts = point_tooltips(page, site_url + path, chart)
    assert texts, chart
    for text in texts:
        assert "e+" not in text and not re.search(r"\d{10}", text), text
        assert "Week" in text and "week_start" not in text and "place" not in text, text
        shown = re.search(rf"{field}\s+(\S+)", text).group(1)
        assert re.fullmatch(value, shown), text
        assert "-" not in shown  # a true minus
    labels = page.locator(f"{selector} .tt-chart__live svg .role-axis-label text")
    shown = [labels.nth(i).text_content() for i in range(labels.count())
             if labels.nth(i).get_attribute("opacity") != "0"]
    assert len(shown) == len(set(shown)) and shown


@pytest.mark.parametrize("chart, field, value", [
    ("price-vs-usage", "Completion price per million tokens", r"\$\d[\d,]*(\.\d+)?"),
    ("free-share", "Tokens of free variants", r"\d[\d.,]*( (trillion|billion|million))?"),
])
def test_hovering_the_price_charts_shows_formatted_numbers(page: Page, site_url: str,
                                                           chart: str, field: str,
                                                           value: str) -> None:
    _, texts = point_tooltips(page, site_url + "rankings/", chart)
    assert texts, field
    for text in texts:
        assert "e+" not in text and not re.search(r"\d{10}", text), text
        assert "_usd_" not in text and "week_start" not in text, text
        shown = re.search(rf"{field}\s+(.*)", text).group(1).strip()
        assert re.fullmatch(value, shown), text


def test_the_phones_interactive_chart_is_the_narrow_one(browser: Browser, site_url: str) -> None:
    page = open_page(browser, site_url, PHONE)
    figure = page.locator("figure.tt-chart").first
    figure.get_by_role("button", name="Explore this chart (interactive)").click()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert figure.get_attribute("data-tt-drawn") == "narrow light"
    width = page.evaluate("document.querySelector('.tt-chart__live svg').getAttribute('width')")
    assert float(width) == 320
    page.context.close()


def switch_scheme(page: Page, scheme: str, media: str) -> None:
    """What Material's toggle does to the page (without the click: on a desktop the pointer
    would pass over a chart on its way, and could turn it interactive)."""
    page.evaluate("([scheme, media]) => { document.body.setAttribute('data-md-color-media', media);"
                  " document.body.setAttribute('data-md-color-scheme', scheme); }",
                  [scheme, media])


def test_a_reader_who_switches_to_dark_gets_the_dark_drawing(browser: Browser,
                                                             site_url: str) -> None:
    page = open_page(browser, site_url, PHONE, scheme="light")
    (drawing,) = shown_drawings(page)
    assert drawing["src"].endswith("tokens-by-country.narrow.svg")
    switch_scheme(page, "slate", "(prefers-color-scheme: dark)")
    page.wait_for_function("() => [...document.querySelectorAll('figure.tt-chart img')]"
                           ".some(i => i.getBoundingClientRect().width && i.complete)")
    (drawing,) = shown_drawings(page)
    assert drawing["src"].endswith("tokens-by-country.narrow.dark.svg")
    page.context.close()


def test_dark_mode_swaps_the_charts(browser: Browser, site_url: str, built_site: Project) -> None:
    page = open_page(browser, site_url + PAGES["model"](built_site), DESKTOP, scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    (drawing,) = shown_drawings(page)
    assert drawing["src"].endswith(".dark.svg")
    svg = urlopen(drawing["src"]).read().decode()
    assert 'fill="#1e2029"' in svg and 'fill="#ffffff"' not in svg
    # the light drawing is not even fetched (lazy, and hidden)
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in loaded if u.endswith(".svg") and not u.endswith(".dark.svg")
                and "/charts/" in u]
    # the reader switches to light: the light drawing shows
    switch_scheme(page, "default", "(prefers-color-scheme: light)")
    page.wait_for_function("() => [...document.querySelectorAll('figure.tt-chart img')]"
                           ".some(i => i.getBoundingClientRect().width && i.complete)")
    (drawing,) = shown_drawings(page)
    assert not drawing["src"].endswith(".dark.svg")
    # and the interactive chart follows the scheme when it changes again
    figure = page.locator("figure.tt-chart").first
    figure.hover()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert figure.get_attribute("data-tt-drawn") == "wide light"
    switch_scheme(page, "slate", "(prefers-color-scheme: dark)")
    expect(figure).to_have_attribute("data-tt-drawn", "wide dark", timeout=20_000)
    live = page.evaluate("document.querySelector('.tt-chart__live svg').outerHTML")
    assert "background-color: rgb(30, 32, 41)" in live  # the slate page's #1e2029
    assert "#ffffff" not in live and "#333333" not in live
    assert "#d4d4d4" in live  # the dark scheme's text
    page.context.close()


OUTSIDE = """svg => { const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')]
        .filter(t => t.getAttribute('opacity') !== '0' && t.textContent.trim())
        .map(t => [t.textContent, t.getBoundingClientRect()])
        .filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1
                           || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        .map(([text]) => text); }"""


def test_no_label_of_a_drawing_runs_out_of_it_in_chromium(page: Page,
                                                          built_site: Project) -> None:
    """Chromium draws the drawings with its own fonts, not the renderer's: every label still
    lies inside its drawing (a long model name on the bar axis, a legend, the last tick)."""
    charts = built_site.site_dir / "charts"
    stems = [charts / name for name in SITE_WIDE]
    stems += [p.with_name(p.name.removesuffix(".narrow.svg"))
              for p in sorted((charts / "top-models").glob("*.narrow.svg"))[::6]]
    stems.append(charts / a_long_history(built_site, "models").rstrip("/"))
    drawings = [stem.with_name(stem.name + suffix) for stem in stems
                for suffix in (".svg", ".narrow.svg", ".desktop.svg")
                if suffix != ".desktop.svg" or stem.name == HOME]
    for path in drawings:
        page.set_content(f"<!DOCTYPE html><body style='margin:0'>{path.read_text()}</body>")
        assert page.evaluate(OUTSIDE, page.locator("svg").first.element_handle()) == [], path


@pytest.mark.parametrize("width", [320, 600, 1000])
def test_no_label_runs_out_of_an_embeds_chart(browser: Browser, site_url: str,
                                             width: int) -> None:
    for embed in SITE_WIDE:
        page = open_page(browser, site_url + f"embed/{embed}/", {"width": width, "height": 900})
        svg = page.locator(".tt-embed__svg:visible").element_handle()
        assert page.evaluate(OUTSIDE, svg) == [], (embed, width)
        page.context.close()
