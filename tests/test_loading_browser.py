"""What a page downloads before the reader asks for more (issue 25, "no charting library on
phones unless the reader asks"): on a phone (a touch screen, 390 px) loading and scrolling a
page never fetches the Vega bundle; each chart's "Explore" button does, and draws the live
chart; on a desktop (a mouse) resting the pointer on a chart still does. The first view of home
stays within its transfer budget, measured as the host serves it (gzip)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from benchmarks.lighthouse import GzipHandler
from conftest import served
from generator.paths import Project

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
BUNDLE = "vega-bundle"
EXPLORE = "Explore this chart (interactive)"
HOME_BUDGET = 350 * 1024  # bytes on the wire, gzip, before any interaction


@pytest.fixture(scope="module")
def site_url(built_site: Project) -> Iterator[str]:
    """The built site served as the host serves it: text compressed with gzip."""
    with served(built_site.site_dir, GzipHandler) as url:
        yield url


def a_model_page(project: Project) -> str:
    return sorted(p.parent.name for p in (project.site_dir / "models").glob("*/index.html"))[0]


PAGES = {
    "home": lambda p: "",
    "week": lambda p: "rankings/2026-03-02/",
    "model": lambda p: f"models/{a_model_page(p)}/",
}


class Requests:
    """Every URL a browser context requests."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def bundles(self) -> list[str]:
        return [url for url in self.urls if BUNDLE in url]


def read_like_a_phone(page: Page) -> None:
    """What a phone reader does without asking for a chart: touches the text, scrolls the whole
    page down in screenfuls (every chart passes through the screen) and back up."""
    page.touchscreen.tap(20, 300)
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height, 600):
        page.mouse.wheel(0, 600)
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(60)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(800)  # time for any upgrade the scrolling would have started


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_reader_who_scrolls_downloads_no_charting_library(browser: Browser,
                                                                  site_url: str,
                                                                  built_site: Project,
                                                                  name: str) -> None:
    context = browser.new_context(**PHONE)
    requests = Requests(context)
    page = context.new_page()
    page.goto(site_url + PAGES[name](built_site), wait_until="networkidle")
    read_like_a_phone(page)
    page.wait_for_load_state("networkidle")
    assert requests.bundles() == [], name
    figures = page.locator("figure.tt-chart[data-tt-spec]")
    assert figures.count() >= 1
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.get_attribute("data-tt-state") is None
        expect(figure.locator("picture.tt-chart__static--system img")).to_be_visible()
        expect(figure.get_by_role("button", name=EXPLORE)).to_have_count(1)
    context.close()


def test_pressing_explore_on_a_phone_draws_the_live_chart(browser: Browser,
                                                         site_url: str) -> None:
    context = browser.new_context(**PHONE)
    requests = Requests(context)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    figure = page.locator("figure.tt-chart[data-tt-spec]").first
    button = figure.get_by_role("button", name=EXPLORE)
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
    assert requests.bundles() == []
    button.tap()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert len(requests.bundles()) == 1
    assert figure.get_attribute("data-tt-drawn") == "narrow light"  # the phone's drawing
    live = figure.locator(".tt-chart__live svg").first
    expect(live).to_be_visible()
    assert live.locator(".mark-area path, .mark-rect path, .mark-line path").count() > 0
    expect(figure.locator("picture.tt-chart__static--system")).to_be_hidden()
    expect(figure.get_by_role("button", name=EXPLORE)).to_have_count(0)
    # the reader is taken to the chart they asked for (focus does not fall back to the page)
    assert page.evaluate("document.activeElement.classList.contains('tt-chart__live')")
    context.close()


def test_when_the_library_fails_to_load_the_static_chart_and_the_button_stay(
        browser: Browser, site_url: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.route(f"**/{BUNDLE}.js", lambda route: route.abort())
    page.goto(site_url, wait_until="networkidle")
    figure = page.locator("figure.tt-chart[data-tt-spec]").first
    figure.get_by_role("button", name=EXPLORE).tap()
    expect(figure).to_have_attribute("data-tt-state", "static", timeout=20_000)
    expect(figure.locator("picture.tt-chart__static--system img")).to_be_visible()
    expect(figure.locator(".tt-chart__live")).to_have_count(0)
    # the button is back, and a second press tries again (here: the library loads)
    page.unroute(f"**/{BUNDLE}.js")
    figure.get_by_role("button", name=EXPLORE).tap()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    context.close()


def test_the_explore_button_works_from_the_keyboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context(**PHONE)
    requests = Requests(context)
    page = context.new_page()
    page.goto(site_url + "rankings/", wait_until="networkidle")
    figure = page.locator("figure.tt-chart[data-tt-spec]").nth(1)
    button = figure.get_by_role("button", name=EXPLORE)
    button.focus()
    page.wait_for_timeout(300)
    assert requests.bundles() == []  # focus alone does not load it on a phone
    page.keyboard.press("Enter")
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert len(requests.bundles()) == 1
    others = page.locator("figure.tt-chart[data-tt-spec]:not([data-tt-state])")
    assert others.count() >= 1  # the other charts stay static until asked for
    context.close()


def test_a_desktop_reader_who_rests_the_pointer_on_a_chart_gets_the_live_chart(
        browser: Browser, site_url: str) -> None:
    context = browser.new_context(**DESKTOP)
    requests = Requests(context)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.mouse.wheel(0, 300)  # scrolling alone loads nothing
    figure = page.locator("figure.tt-chart[data-tt-spec]").first
    # nor a pointer that only passes over the chart on its way elsewhere
    figure.evaluate("figure => { for (const type of ['pointerenter', 'pointerleave']) "
                    "figure.dispatchEvent(new PointerEvent(type, {pointerType: 'mouse'})); }")
    page.wait_for_timeout(800)
    assert requests.bundles() == []
    figure.hover()
    expect(figure).to_have_attribute("data-tt-state", "live", timeout=20_000)
    assert figure.get_attribute("data-tt-drawn") == "wide light"
    assert len(requests.bundles()) == 1
    context.close()


def test_without_javascript_there_is_no_explore_button(browser: Browser,
                                                       site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url)
    expect(page.locator("figure.tt-chart picture.tt-chart__static--system img").first
           ).to_be_visible()
    assert page.locator("figure.tt-chart button").count() == 0
    context.close()


def test_the_first_view_of_home_on_a_phone_transfers_at_most_350_kb(browser: Browser,
                                                                    site_url: str) -> None:
    """Every response's bytes on the wire (the body as served, gzip for text, and its
    headers) until the page has loaded and the network is idle, at 390 px on a touch screen."""
    context = browser.new_context(**PHONE)
    responses = []
    context.on("requestfinished", lambda request: responses.append(request))
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    sizes = {request.url: request.sizes() for request in responses}
    wire = sum(size["responseBodySize"] + size["responseHeadersSize"]
               for size in sizes.values())
    compressed = [url for url in sizes if url.endswith((".js", ".css", "/"))]
    assert compressed and all(
        (request.response().headers.get("content-encoding") == "gzip")
        for request in responses if request.url in compressed)
    assert not [url for url in sizes if BUNDLE in url]
    assert wire <= HOME_BUDGET, {url: s["responseBodySize"] for url, s in sizes.items()}
    context.close()


def test_the_share_blocks_tabs_need_no_script(browser: Browser, site_url: str) -> None:
    """Material's script measures every tab set it takes over, closed or not, in a few forced
    layouts each, as the page loads (the largest part of a phone's blocking time on a page with
    a few charts: issue 25, `make lighthouse`). The tabs of the collapsed "Embed, download or
    cite" block under each chart are radio buttons and labels that need no script."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(site_url + "rankings/", wait_until="networkidle")
    shares = page.locator("details.tt-share")
    assert shares.count() >= 3
    assert page.locator(".tabbed-labels--linked, .tabbed-control").count() == 0
    # closed, its content is not rendered (the code blocks Material measures as it mounts them)
    assert shares.evaluate_all("shares => shares.every(share => [...share.children].every("
                               "child => child.matches('summary')"
                               " || getComputedStyle(child).display === 'none'))")
    share = shares.nth(1)
    share.locator("summary").tap()
    expect(share.locator("button[data-md-type='copy']").first).to_be_visible()
    labels = share.locator(".tabbed-labels > label")
    embed, download = share.locator(".tabbed-block").nth(0), share.locator(".tabbed-block").nth(1)

    def underlined() -> list[bool]:  # the chosen tab's label is underlined, the others not
        return labels.evaluate_all(
            "labels => labels.map(label =>"
            " getComputedStyle(label).borderBottomColor !== 'rgba(0, 0, 0, 0)')")

    assert underlined() == [True, False, False]
    expect(embed).to_be_visible()
    expect(download).to_be_hidden()
    labels.nth(1).tap()
    assert underlined() == [False, True, False]
    expect(download).to_be_visible()
    expect(embed).to_be_hidden()
    # from the keyboard: the tabs are a group of radio buttons, named by their labels
    share.get_by_role("radio", name="Download").focus()
    page.keyboard.press("ArrowRight")
    expect(share.get_by_role("radio", name="Cite")).to_be_checked()
    assert underlined() == [False, False, True]
    expect(share.locator("code", has_text="AI Token Tracker")).to_be_visible()
    context.close()
