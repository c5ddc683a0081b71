"""The 404 page as a host serves it (at any missing address, any depth) and the freshness line,
in Chromium: styled, useful links that work, a search that opens the site's search, no axe
violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from conftest import QuietHandler, served
from generator.paths import Project

pytestmark = pytest.mark.browser


class PagesHandler(QuietHandler):
    """Like GitHub Pages: a missing address gets the site's 404.html, with status 404."""

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = self.directory + "/404.html"
        if code != 404:
            super().send_error(code, message, explain)
            return
        with open(page, "rb") as handle:
            body = handle.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir, PagesHandler) as url:
        yield url


def latest_week(project: Project) -> str:
    return sorted(p.name for p in (project.site_dir / "rankings").iterdir()
                  if p.name[:2] == "20")[-1]


@pytest.mark.parametrize("missing", ["nope", "models/no-such-model/", "a/b/c/d/e/"])
def test_the_404_page_works_at_any_depth(page: Page, pages_url: str, built_site: Project,
                                         missing: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and r.url != pages_url + missing
            and failed.append(f"{r.url} {r.status}"))
    response = page.goto(pages_url + missing, wait_until="load")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Page not found")
    # the theme's stylesheet loaded from the site root: the header is drawn
    assert page.locator("header.md-header").evaluate(
        "h => getComputedStyle(h).position") == "sticky"
    assert failed == []
    week = latest_week(built_site)
    page.get_by_role("link", name="The latest week's ranking").click()
    page.wait_for_url(f"{pages_url}rankings/{week}/")
    expect(page.locator("article h1")).to_contain_text("Ranking for the week of")


def test_the_404_page_links_to_the_rankings_and_home(page: Page, pages_url: str) -> None:
    page.goto(pages_url + "x/y/")
    for name, target in (("Every week's ranking", "rankings/weeks/"), ("Home", "")):
        link = page.locator("article").get_by_role("link", name=name, exact=True)
        assert link.evaluate("a => a.href") in (pages_url + target, pages_url + target + ".")


def test_the_404_search_opens_the_sites_search(page: Page, pages_url: str) -> None:
    page.goto(pages_url + "where/is/the/token/page/")
    field = page.get_by_role("searchbox", name="Search the site")
    field.fill("token")
    field.press("Enter")
    page.wait_for_url("**/?q=token")
    expect(page.locator(".md-search__input")).to_have_value("token")
    expect(page.locator(".md-search__input")).to_be_focused()


def test_the_404_page_has_no_axe_violations(page: Page, pages_url: str) -> None:
    page.goto(pages_url + "some/missing/page/", wait_until="load")
    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa"]}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_shows_when_the_data_was_updated(browser: Browser, pages_url: str,
                                              width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(pages_url)
    banner = page.locator("[data-md-component=announce] .md-banner")
    expect(banner).to_be_visible()
    expect(banner.locator("time").first).to_be_visible()
    assert banner.locator("time").first.get_attribute("datetime")
    box = banner.bounding_box()
    assert box is not None and box["y"] < 200  # at the top, not below the fold
    context.close()
