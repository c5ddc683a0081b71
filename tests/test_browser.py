"""The built site in a real browser (Debian's Chromium, driven by Playwright): pages load with no
console error and no failed or third-party request, charts show statically and then upgrade to
the interactive chart, the dark toggle works, and axe finds no WCAG 2.2 A/AA violation."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import served
from generator.paths import Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def site_url(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir) as url:
        yield url


class Watch:
    """Console errors, failed requests and requests to other hosts seen by a page."""

    def __init__(self, page: Page, origin: str) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(origin).netloc
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        page.on("request", lambda r: urlsplit(r.url).netloc not in (host, "")
                and not r.url.startswith(("data:", "blob:")) and self.foreign.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.failed == []
        assert self.foreign == []


def latest_and_past_week(project: Project) -> tuple[str, str]:
    weeks = sorted(p.name for p in (project.site_dir / "rankings").iterdir()
                   if p.is_dir() and p.name[:2] == "20")
    return weeks[-1], weeks[0]


def a_model_page(project: Project) -> str:
    return sorted(p.parent.name for p in (project.site_dir / "models").glob("*/index.html"))[0]


def pages(project: Project) -> list[str]:
    _, past = latest_and_past_week(project)
    return ["", f"rankings/{past}/", f"models/{a_model_page(project)}/"]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["home", "past-ranking", "model"])
def test_page_loads_cleanly_and_charts_upgrade(page: Page, site_url: str, built_site: Project,
                                               which: int) -> None:
    path = pages(built_site)[which]
    watch = Watch(page, site_url)
    page.goto(site_url + path, wait_until="load")
    expect(page.locator("h1").first).to_be_visible()
    first = page.locator("figure.tt-chart").first
    static = first.locator("picture.tt-chart__static--system img")
    # loaded (it may already be swapped for the live chart; the no-JS test sees it shown)
    assert static.evaluate("img => img.complete && img.naturalWidth > 0")
    first.hover()  # the reader points at it (in view at load, it stays static until then)
    expect(first).to_have_attribute("data-tt-state", "live", timeout=20_000)
    expect(first.locator(".tt-chart__live svg").first).to_be_visible()
    expect(static).to_be_hidden()
    marks = first.locator(".tt-chart__live svg").locator(
        ".mark-area path, .mark-rect path, .mark-line path")
    assert marks.count() > 0
    assert page.locator("table tbody tr").count() >= 1
    page.wait_for_load_state("networkidle")
    watch.assert_clean()


def test_vega_loads_only_when_the_reader_points_at_a_chart(page: Page, site_url: str) -> None:
    # (a desktop: a phone loads it only from the chart's Explore button, test_loading_browser)
    bundles: list[str] = []
    page.on("request", lambda r: "vega-bundle" in r.url and bundles.append(r.url))
    page.goto(site_url, wait_until="networkidle")
    first = page.locator("figure.tt-chart").first
    expect(first.locator("picture.tt-chart__static--system img")).to_be_visible()
    page.mouse.wheel(0, 40)  # the reader scrolls: the charts stay static
    page.wait_for_timeout(500)
    assert bundles == [] and first.get_attribute("data-tt-state") is None
    first.hover()  # the reader rests the pointer on the chart
    expect(first).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert len(bundles) == 1


def test_static_chart_is_shown_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    image = page.locator("figure.tt-chart picture.tt-chart__static--system img").first
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth > 0")
    context.close()


TOGGLE = "form.md-header__option label:visible"


def scheme_meta(page: Page) -> str:
    return page.evaluate("document.querySelector('meta[name=color-scheme]').content")


def test_the_dark_toggle_switches_the_colour_scheme(page: Page, site_url: str) -> None:
    """The header's toggle (site_src/assets/palette.js, in place of Material's script for it):
    a press or Enter switches the scheme, and the next page opens in the reader's choice."""
    page.emulate_media(color_scheme="light")
    watch = Watch(page, site_url)
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to dark mode")
    page.locator(TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(body).to_have_attribute("data-md-color-media", "(prefers-color-scheme: dark)")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to light mode")
    assert scheme_meta(page) == "dark"  # the browser's scroll bars and controls, dark too
    page.goto(site_url + "rankings/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to light mode")
    assert scheme_meta(page) == "dark"
    # the choice is applied by the header's inline script, before palette.js (or any other
    # script file) has loaded: no flash of the other scheme
    bare = page.context.new_page()
    bare.route("**/*.js", lambda route: route.abort())
    bare.goto(site_url + "countries/")
    expect(bare.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    bare.close()
    page.bring_to_front()  # a page in the background draws no frames (palette.js waits for one)
    page.locator("input.md-option").first.focus()  # where the Tab key lands
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # the system's, again (written in the next frame)
    expect(page.locator('meta[name="color-scheme"]')).to_have_attribute("content", "light dark")
    watch.assert_clean()


def test_a_reader_whose_system_is_dark_gets_the_dark_scheme(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to light mode")
    assert scheme_meta(page) == "light dark"
    context.close()


# Every change, as a page loads, of what restyles the whole page: Material's "switching colours"
# mark, the scheme, the page's color-scheme tag (a value written again unchanged is no change).
RESTYLES = """
window.ttRestyles = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.target.nodeName === "META" && r.target.name !== "color-scheme") continue;
    if (r.oldValue === r.target.getAttribute(r.attributeName)) continue;
    window.ttRestyles.push(`${r.target.nodeName} ${r.attributeName}`);
  }
}).observe(document, {
  subtree: true, attributes: true, attributeOldValue: true,
  attributeFilter: ["data-md-color-switching", "data-md-color-scheme", "content"],
});
"""


def test_loading_a_page_restyles_nothing_for_the_colour_scheme(browser, site_url: str) -> None:
    """Material's script for the toggle marked the whole page as switching colours and wrote
    its color-scheme as every page loaded: three restyles of every element (on a page with a
    long table, the largest part of a phone's blocking time). Where the colours are already
    right, as for a reader of the system's scheme, the page is left as it is."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RESTYLES)
    page = context.new_page()
    for path in ("", "rankings/"):  # a first visit, then a page with the choice stored
        page.goto(site_url + path, wait_until="load")
        expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to dark mode")
        page.wait_for_timeout(300)
        assert page.evaluate("window.ttRestyles") == [], path
    context.close()


def first_page_in(project: Project, family: str) -> str:
    return sorted(p.parent.name for p in (project.site_dir / family).glob("*/index.html")
                  if p.parent.name[:2] != "20")[0]


PAGE_FAMILIES = {
    "home": lambda p: "",
    "rankings": lambda p: "rankings/",
    "every-week": lambda p: "rankings/weeks/",
    "week": lambda p: f"rankings/{latest_and_past_week(p)[1]}/",
    "countries": lambda p: "countries/",
    "country": lambda p: f"countries/{first_page_in(p, 'countries')}/",
    "companies": lambda p: "companies/",
    "company": lambda p: f"companies/{first_page_in(p, 'companies')}/",
    "models": lambda p: "models/",
    "model": lambda p: f"models/{a_model_page(p)}/",
    "learn-token": lambda p: "learn/what-is-a-token/",
    "learn-ranking": lambda p: "learn/how-the-ranking-works/",
    "learn-methodology": lambda p: "learn/methodology/",
    "learn-embed": lambda p: "learn/embed/",
    "data": lambda p: "data/",
    "revisions": lambda p: "data/revisions/",
    "embed": lambda p: "embed/tokens-by-country/",
}


@pytest.mark.parametrize("family", PAGE_FAMILIES)
def test_every_page_family_has_no_axe_violations(page: Page, site_url: str,
                                                 built_site: Project, family: str) -> None:
    path = PAGE_FAMILIES[family](built_site)
    assert (built_site.site_dir / path / "index.html").is_file(), path
    page.goto(site_url + path, wait_until="load")
    # WCAG 2.2 AA too: its target-size rule is the one Lighthouse's accessibility score counts
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_the_search_dialog_has_a_name(page: Page, site_url: str) -> None:
    # axe's aria-dialog-name (a best practice, so not in the WCAG run above; Lighthouse counts it)
    page.goto(site_url, wait_until="load")
    expect(page.locator(".md-search[role=dialog]")).to_have_attribute("aria-label", "Search")


def test_sample_banner_is_visible_on_a_learn_page(page: Page, site_url: str,
                                                  built_site: Project) -> None:
    page.goto(site_url + "learn/what-is-a-token/")
    expect(page.locator(".tt-sample-banner")).to_be_visible()
    expect(page.locator(".tt-sample-banner")).to_contain_text("Sample data — not real figures")


def test_phone_width_has_no_horizontal_page_scroll(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    context.close()


def test_charts_upgrade_after_navigating_to_another_page(page: Page, site_url: str) -> None:
    watch = Watch(page, site_url)
    page.goto(site_url, wait_until="networkidle")
    page.locator("figure.tt-chart").first.hover()
    expect(page.locator("figure.tt-chart").first).to_have_attribute("data-tt-state", "live",
                                                                    timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.locator("a.md-tabs__link", has_text="Countries").click()
    page.wait_for_url("**/countries/")
    page.locator("figure.tt-chart").first.hover()
    expect(page.locator("figure.tt-chart").first).to_have_attribute("data-tt-state", "live",
                                                                    timeout=20_000)
    watch.assert_clean()
