"""The generated tables in Chromium: at a desktop width every table fits its column (no box
scrolls sideways); on a 390 px phone the rank, model and tokens of every row are on screen
before any scrolling, and the page itself never scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import served
from generator.paths import Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def site_url(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir) as url:
        yield url


def table_pages(project: Project) -> list[str]:
    """A past week's ranking and the latest, /models/, the revisions log, a company and a
    country page, the home page and the rankings index."""
    site = project.site_dir
    weeks = sorted(p.name for p in (site / "rankings").iterdir() if p.name[:2] == "20")
    companies = sorted(p.parent.name for p in (site / "companies").glob("*/index.html"))
    return ["", "rankings/", f"rankings/{weeks[0]}/", f"rankings/{weeks[-1]}/", "models/",
            "data/revisions/", "data/", f"companies/{companies[0]}/", "companies/",
            "countries/", "countries/cn/"]


BOXES = """() => [...document.querySelectorAll('article .tt-table-scroll')].map(box => ({
  caption: box.querySelector('caption')?.textContent ?? '',
  label: box.getAttribute('aria-label'), role: box.getAttribute('role'),
  tabindex: box.getAttribute('tabindex'),
  scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
}))"""


@pytest.mark.parametrize("which", range(11))
def test_no_table_scrolls_sideways_at_a_desktop_width(page: Page, site_url: str,
                                                      built_site: Project, which: int) -> None:
    path = table_pages(built_site)[which]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path, wait_until="load")
    boxes = page.evaluate(BOXES)
    assert boxes, path
    for box in boxes:
        assert box["scrollWidth"] <= box["clientWidth"], (path, box)
        assert box["caption"] and box["label"] == box["caption"], (path, box)
        assert box["role"] == "region" and box["tabindex"] == "0", (path, box)


# Every row's cells of the leading columns, up to and including "Tokens" (or the first two
# where a table has no tokens column): where their right edges are on the screen.
LEADING_CELLS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('article table.tt-table')) {
    const headings = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
    const tokens = headings.indexOf('Tokens');
    const last = tokens >= 0 ? tokens : Math.min(1, headings.length - 1);
    for (const row of table.tBodies[0].rows) {
      for (let i = 0; i <= last && i < row.cells.length; i++) {
        const box = row.cells[i].getBoundingClientRect();
        out.push({table: table.caption.textContent, column: headings[i],
                  right: Math.round(box.right)});
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("which", range(11))
def test_a_phone_shows_rank_model_and_tokens_without_scrolling(
        page: Page, site_url: str, built_site: Project, which: int) -> None:
    path = table_pages(built_site)[which]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path, wait_until="load")
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path
    cells = page.evaluate(LEADING_CELLS)
    assert cells, path
    if path.startswith("rankings/20"):
        assert {c["column"] for c in cells} >= {"Rank", "Model", "Tokens"}
    off_screen = [c for c in cells if c["right"] > width]
    assert off_screen == [], (path, off_screen[:3])


def test_a_table_box_takes_keyboard_focus(page: Page, site_url: str,
                                          built_site: Project) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "models/", wait_until="load")
    box = page.locator("article .tt-table-scroll").first
    box.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('tt-table-scroll')")
    before = box.evaluate("b => b.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert box.evaluate("b => b.scrollWidth > b.clientWidth") is False \
        or box.evaluate("b => b.scrollLeft") > before
