"""Embeds in a real browser (Debian's Chromium): a host page on another origin sizes two embeds
to their content at 320, 600 and 1000 px; without JavaScript the static chart and source line
show; the CSP holds (even for the interactive chart) and no request leaves the site, no cookie;
both themes pass axe's contrast checks."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Frame, Page, expect

from conftest import served
from generator.paths import Project

pytestmark = pytest.mark.browser

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


@pytest.fixture(scope="module")
def embed_origin(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir) as url:
        yield url


def a_frozen_week(project: Project) -> str:
    return sorted(p.name for p in (project.site_dir / "embed" / "top-models").iterdir()
                  if p.is_dir())[3]


@pytest.fixture(scope="module")
def host_url(built_site: Project, embed_origin: str,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A news article on another origin (another port) with two pasted snippets, exactly as
    the site offers them (each with its own copy of the resize script)."""
    folder = tmp_path_factory.mktemp("host")
    snippets = []
    for embed in ("tokens-by-country", f"top-models/{a_frozen_week(built_site)}"):
        oembed = built_site.site_dir / "embed" / embed / "oembed.json"
        html = json.loads(oembed.read_text())["html"]
        snippets.append(html.replace(DEFAULT_SITE_URL, embed_origin))
    (folder / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<link rel='icon' href='data:,'>"
        "<title>A news article</title></head><body><h1>A news article</h1>"
        "<p>Some reporting before the chart.</p>" + snippets[0]
        + "<p>More reporting.</p>" + snippets[1] + "<p>The end.</p></body></html>")
    with served(folder) as url:
        yield url


class Watch:
    """Console errors (CSP violations are console errors), page errors, failed requests, and
    requests to any origin but the allowed ones."""

    def __init__(self, page: Page, *origins: str) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        hosts = {urlsplit(o).netloc for o in origins}
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        page.on("request", lambda r: urlsplit(r.url).netloc not in hosts
                and not r.url.startswith(("data:", "blob:", "about:"))
                and self.foreign.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.failed == []
        assert self.foreign == []


def content_height(frame: Frame) -> float:
    return frame.evaluate("document.querySelector('main').getBoundingClientRect().height")


# In the frame: the chart shows at its natural size, its drawing as wide as its column allows
# and the figure's box exactly its height (the page fills its frame, so no blank around it).
AT_NATURAL_SIZE = """() => {
    const figure = document.querySelector('.tt-embed__figure');
    const svg = [...figure.querySelectorAll('svg[viewBox]')]
        .find(s => s.getBoundingClientRect().width > 0 && !s.parentNode.closest('svg'));
    if (!svg) return false;
    const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    const scale = Math.min(box.width / view.width, box.height / view.height);
    const column = figure.getBoundingClientRect().width;
    const most = parseFloat(getComputedStyle(svg).maxWidth) || column;
    return Math.abs(view.width * scale - Math.min(column, most)) < 1
        && Math.abs(view.height * scale - figure.getBoundingClientRect().height) < 1.5;
}"""


def assert_sized_to_content(page: Page) -> None:
    frames = page.locator("iframe")
    assert frames.count() == 2
    for i in range(2):
        element = frames.nth(i)
        element.scroll_into_view_if_needed()
        frame = element.element_handle().content_frame()
        frame.wait_for_selector("main.tt-embed")
        # the resize script sets the height the embed posts: the chart then shows at its
        # natural size, and the frame holds exactly the page
        frame.wait_for_function(AT_NATURAL_SIZE, timeout=10_000)
        outer = element.evaluate("f => f.getBoundingClientRect().height")
        inner = content_height(frame)
        assert 0 <= outer - inner < 1, (i, outer, inner)
        no_scrollbar = frame.evaluate(
            "() => { const d = document.documentElement; return d.scrollHeight <= "
            "d.clientHeight && d.scrollWidth <= d.clientWidth; }")
        assert no_scrollbar, i


@pytest.mark.parametrize("width", [320, 600, 1000])
def test_host_page_sizes_each_embed_to_its_content(browser: Browser, host_url: str,
                                                   embed_origin: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watch = Watch(page, host_url, embed_origin)
    page.goto(host_url, wait_until="load")
    assert_sized_to_content(page)
    page.wait_for_load_state("networkidle")
    watch.assert_clean()
    assert context.cookies() == []
    context.close()


def test_embeds_follow_the_host_page_when_its_width_changes(browser: Browser, host_url: str,
                                                            embed_origin: str) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(host_url, wait_until="load")
    assert_sized_to_content(page)
    page.set_viewport_size({"width": 340, "height": 900})
    assert_sized_to_content(page)
    context.close()


@pytest.mark.parametrize("width", [320, 616, 680])
def test_without_javascript_the_embed_shows_its_chart_and_source(
        browser: Browser, embed_origin: str, width: int) -> None:
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(embed_origin + "embed/tokens-by-country/", wait_until="load")
    chart = page.locator(".tt-embed__chart svg:visible")
    expect(chart).to_be_visible()
    drawn_for = "narrow" if width < 594 else "wide"  # the column's drawing (charts.variants)
    assert f"tt-embed__svg--{drawn_for}" in chart.get_attribute("class")
    assert chart.bounding_box()["height"] > 100
    expect(page.locator(".tt-embed__source")).to_contain_text("Source: OpenRouter")
    context.close()


BLANK = 40  # px: the most blank in an embed in a host page without scripts
# Embeds of every family, as a host page pastes them (each in its own host page, one iframe).
HEIGHT_EMBEDS = ("tokens-by-country", "country-share", "tokens-by-company", "top-models",
                 "rank-movement", "country-growth", "free-share", "price-vs-usage")
# What the embed in a frame shows: the height of its text (all but the figure), the height of
# its chart's drawing as fitted in the figure's box, whether anything overflows the frame, the
# drawing shown (its class), the largest chart text as shown and the subtitle's size.
MEASURE_EMBED = """() => {
    const main = document.querySelector('main');
    const figure = main.querySelector('.tt-embed__figure');
    const svg = [...figure.querySelectorAll('svg[viewBox]')]
        .find(s => s.getBoundingClientRect().width > 0 && !s.parentNode.closest('svg'));
    const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    const scale = Math.min(box.width / view.width, box.height / view.height);
    const sizes = [...svg.querySelectorAll('text')].map(
        t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize));
    const sub = [...document.querySelectorAll('.tt-embed__subtitle')]
        .find(p => p.getBoundingClientRect().height > 0);
    const page = document.documentElement;
    return {
        text: main.getBoundingClientRect().height - figure.getBoundingClientRect().height,
        chart: view.height * scale, figure: figure.getBoundingClientRect().height,
        drawn_width: view.width * scale, column: figure.getBoundingClientRect().width,
        overflows: page.scrollHeight > page.clientHeight || page.scrollWidth > page.clientWidth,
        drawing: svg.getAttribute('class') || '', largest: Math.max(...sizes) * scale,
        subtitle: parseFloat(getComputedStyle(sub).fontSize),
    };
}"""


def one_snippet_host(built_site: Project, embed_origin: str, folder: Path, embed: str,
                     script: bool = True) -> str:
    oembed = built_site.site_dir / "embed" / embed / "oembed.json"
    html = json.loads(oembed.read_text())["html"].replace(DEFAULT_SITE_URL, embed_origin)
    if not script:  # a CMS that keeps the iframe and strips the resize script
        html = html[:html.index("<script")]
    name = embed.replace("/", "_") + ("" if script else "-stripped") + ".html"
    (folder / name).write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>An article</title></head><body><p>Before.</p>" + html + "</body></html>")
    return name


@pytest.fixture(scope="module")
def snippet_hosts(built_site: Project, embed_origin: str,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Host pages of one snippet each, embed -> its page's address; ``embed + " stripped"``: the
    same snippet without its resize script."""
    folder = tmp_path_factory.mktemp("hosts")
    site = built_site.site_dir / "embed"
    embeds = [*HEIGHT_EMBEDS, f"top-models/{a_frozen_week(built_site)}",
              f"rank-movement/{a_frozen_week(built_site)}",
              *(f"{kind}/{next(p.name for p in sorted((site / kind).iterdir()))}"
                for kind in ("models", "companies", "countries"))]
    names = {embed: one_snippet_host(built_site, embed_origin, folder, embed)
             for embed in embeds}
    names.update({f"{embed} stripped": one_snippet_host(built_site, embed_origin, folder, embed,
                                                        script=False) for embed in embeds})
    with served(folder) as url:
        yield {embed: url + name for embed, name in names.items()}


@pytest.mark.parametrize("scripts", ["none", "in the frame only"])
@pytest.mark.parametrize("width", [320, 600, 1000])
def test_without_javascript_the_snippet_height_fits_the_embed_at_every_width(
        browser: Browser, snippet_hosts: dict[str, str], width: int, scripts: str) -> None:
    """With no resize script (none at all, or a host page that stripped it while the embed's
    own runs), the iframe keeps the snippet's own height: in a phone's column, an article's and
    a wide one, it shows the whole embed (nothing clipped) with at most 40 px of blank in it
    (around its chart or under its last line); the column's drawing, its text never smaller
    than 11 px nor larger than the subtitle above it."""
    context = browser.new_context(java_script_enabled=scripts != "none",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    misfits = {}
    for embed, url in snippet_hosts.items():
        if embed.endswith(" stripped") != (scripts != "none"):
            continue
        page.goto(url, wait_until="load")
        element = page.locator("iframe")
        frame = element.element_handle().content_frame()
        frame.wait_for_selector("main.tt-embed")
        height = element.evaluate("f => f.getBoundingClientRect().height")
        assert height == float(element.get_attribute("height"))
        shown = frame.evaluate(MEASURE_EMBED)
        drawn_for = "narrow" if width < 594 + 16 else "wide"  # the frame's drawing
        assert f"tt-embed__svg--{drawn_for}" in shown["drawing"], (embed, width)
        assert shown["largest"] <= shown["subtitle"] + 0.05, (embed, width, shown)
        assert shown["largest"] >= 11 - 0.05, (embed, width, shown)
        blank = height - shown["text"] - shown["chart"]
        if shown["overflows"] or blank < -0.5 or blank > BLANK:
            misfits[embed] = (height, round(blank))
    assert misfits == {}, width
    context.close()


def test_opened_on_its_own_the_embed_keeps_its_natural_layout(browser: Browser,
                                                              embed_origin: str) -> None:
    """The page fills its frame only in a frame: opened on its own (with JavaScript) in a short
    window, its chart keeps the size its column gives it, and the page scrolls."""
    context = browser.new_context(viewport={"width": 1280, "height": 400})
    page = context.new_page()
    page.goto(embed_origin + "embed/tokens-by-country/", wait_until="load")
    shown = page.evaluate(MEASURE_EMBED)
    assert shown["drawn_width"] == pytest.approx(min(shown["column"], 977), abs=1)
    assert shown["chart"] == pytest.approx(shown["figure"], abs=1)
    assert shown["overflows"]
    context.close()


def test_embed_keeps_its_csp_and_origin_even_when_interactive(page: Page, embed_origin: str,
                                                              built_site: Project) -> None:
    week = a_frozen_week(built_site)
    watch = Watch(page, embed_origin)
    page.goto(embed_origin + f"embed/top-models/{week}/", wait_until="load")
    csp = page.locator("meta[http-equiv='Content-Security-Policy']")
    assert csp.get_attribute("content").startswith("default-src 'self'")
    page.hover(".tt-embed__chart")
    expect(page.locator("main")).to_have_attribute("data-tt-state", "live", timeout=20_000)
    expect(page.locator(".tt-embed__live svg")).to_be_visible()
    expect(page.locator(".tt-embed__chart")).to_be_hidden()
    bar = page.locator(".tt-embed__live svg .mark-rect path").first
    bar.hover()
    expect(page.locator("#vg-tooltip-element.visible")).to_contain_text("Rank")
    # the policy is enforced: an injected inline handler does not run, and is reported
    page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                  "'<button id=\"trap\" onclick=\"window.pwned = 1\">x</button>')")
    page.locator("#trap").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert any("Content Security Policy" in e for e in watch.errors)
    watch.errors = [e for e in watch.errors if "Content Security Policy" not in e]
    page.wait_for_load_state("networkidle")
    watch.assert_clean()
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_static_option_never_loads_the_interactive_chart(page: Page, embed_origin: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(embed_origin + "embed/country-share/?static=1", wait_until="load")
    page.hover(".tt-embed__chart")
    page.wait_for_timeout(500)
    assert not page.locator("main").get_attribute("data-tt-state")
    assert not [u for u in requested if "vega-bundle" in u or u.endswith(".vl.json")]


def luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("theme", ["light", "dark", "auto"])
def test_themes_pass_axe_and_dark_is_dark(browser: Browser, embed_origin: str,
                                          theme: str) -> None:
    context = browser.new_context(color_scheme="dark" if theme == "auto" else "light")
    page = context.new_page()
    page.goto(embed_origin + f"embed/tokens-by-company/?theme={theme}", wait_until="load")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    dark = theme in ("dark", "auto")
    assert (luminance(background) < 0.05) == dark
    assert (luminance(text) > 0.5) == dark
    chart_background = page.locator(".tt-embed__svg > rect").first.evaluate(
        "r => getComputedStyle(r).fill")
    assert (luminance(chart_background) < 0.05) == dark
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.hover(".tt-embed__chart")  # the interactive chart follows the theme too
    expect(page.locator("main")).to_have_attribute("data-tt-state", "live", timeout=20_000)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()


def test_chart_pages_offer_snippets_with_copy_buttons(page: Page, embed_origin: str) -> None:
    page.goto(embed_origin, wait_until="load")
    share = page.locator("details.tt-share").first
    share.locator("summary").click()
    expect(share.locator("code").first).to_contain_text("/embed/tokens-by-country/")
    expect(share.locator("button[data-md-type='copy']").first).to_be_attached()
    share.locator("label", has_text="Cite").click()
    expect(share.locator("code", has_text="AI Token Tracker")).to_be_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_a_models_embed_draws_its_square_png_card_in_the_browser(
        browser: Browser, embed_origin: str, built_site: Project) -> None:
    """A model's latest embed stores its 1200×675 PNG (its page's social card) and its square
    card as SVG only: "PNG 1080×1080" draws the square PNG from that SVG, at its size."""
    folder = sorted((built_site.site_dir / "embed" / "models").iterdir())[0]
    name = "ai-token-tracker-models-" + folder.name
    assert not (folder / f"{name}-1080x1080.png").exists()
    context = browser.new_context(accept_downloads=True, viewport={"width": 600, "height": 900})
    page = context.new_page()
    watch = Watch(page, embed_origin)
    page.goto(embed_origin + f"embed/models/{folder.name}/", wait_until="load")
    expect(page.get_by_role("link", name="PNG 1200×675")).to_have_attribute(
        "href", f"{name}-1200x675.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="PNG 1080×1080").click()
    assert download.value.suggested_filename == f"{name}-1080x1080.png"
    png = open(download.value.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1080, 1080)
    assert len(png) > 20_000  # drawn, not a blank canvas
    watch.assert_clean()
    context.close()


def test_a_frozen_embed_draws_its_png_card_in_the_browser(
        browser: Browser, embed_origin: str, built_site: Project) -> None:
    """A frozen embed stores no PNG: its "PNG 1200×675" link draws one from the SVG card, at
    the card's size, under the card's file name; without JavaScript that link is hidden and
    the SVG link offers the same card."""
    week = a_frozen_week(built_site)
    url = embed_origin + f"embed/tokens-by-company/{week}/"
    name = f"ai-token-tracker-tokens-by-company-{week}"
    assert not list((built_site.site_dir / "embed" / "tokens-by-company" / week).glob("*.png"))
    context = browser.new_context(accept_downloads=True, viewport={"width": 600, "height": 900})
    page = context.new_page()
    watch = Watch(page, embed_origin)
    page.goto(url, wait_until="load")
    link = page.get_by_role("link", name="PNG 1200×675")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{name}-1200x675.png"
    png = open(download.value.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 675)
    assert len(png) > 30_000  # drawn: a blank canvas of that size compresses to ~5 KB
    watch.assert_clean()
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url, wait_until="load")
    expect(page.get_by_role("link", name="PNG 1200×675")).to_have_count(0)
    expect(page.get_by_role("link", name="SVG", exact=True)).to_have_attribute(
        "href", f"{name}.svg")
    context.close()
