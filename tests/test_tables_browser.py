"""The generated tables in Chromium: at a desktop width every table fits its column (no box
scrolls sideways); on a 390 px phone every column of every table on the pages a reader opens
most is on screen (a phone layout: values stacked under others, shorter headings), a screen
reader still gets every value with its heading, and only a marked reference table scrolls
sideways, with a visible cue. The page itself never scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import served
from generator.paths import Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def site_url(built_site: Project) -> Iterator[str]:
    with served(built_site.site_dir) as url:
        yield url


def table_pages(project: Project) -> list[str]:
    """A past week's ranking and the latest, /models/, the revisions log, a company and a
    country page, the home page, the rankings index and its every-week page."""
    site = project.site_dir
    weeks = sorted(p.name for p in (site / "rankings").iterdir() if p.name[:2] == "20")
    companies = sorted(p.parent.name for p in (site / "companies").glob("*/index.html"))
    return ["", "rankings/", f"rankings/{weeks[0]}/", f"rankings/{weeks[-1]}/", "models/",
            "data/revisions/", "data/", f"companies/{companies[0]}/", "companies/",
            "countries/", "countries/cn/", "rankings/weeks/"]


BOXES = """() => [...document.querySelectorAll('article .tt-table-scroll')].map(box => ({
  caption: box.querySelector('caption > span')?.textContent ?? '',
  label: box.getAttribute('aria-label'), role: box.getAttribute('role'),
  tabindex: box.getAttribute('tabindex'),
  scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
}))"""


@pytest.mark.parametrize("which", range(12))
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


@pytest.mark.parametrize("which", range(12))
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


def phone_pages(project: Project) -> list[str]:
    """The pages a reader opens most (issue 25): home, a week, the rankings, a country, a
    company and a model (those with the most rows of their kind in the sample)."""
    site = project.site_dir
    pages = ["", "rankings/2026-03-02/", "rankings/", "countries/cn/", "companies/deepseek/",
             "models/deepseek-deepseek-v3-2-20251201/"]
    for path in pages:
        assert (site / path / "index.html").exists(), path
    return pages


# Every table's box: whether it scrolls sideways, every shown cell whose box leaves the screen,
# and, for a reference table, whether its scroll cue is shown (hint text on screen, shadows).
TABLE_FIT = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('article .tt-table-scroll')].map(box => {
    const table = box.querySelector('table');
    const off = [...table.querySelectorAll('th, td')].filter(cell => {
      const r = cell.getBoundingClientRect();
      return r.width > 0 && (r.left < -0.5 || r.right > width + 0.5);
    }).map(cell => cell.textContent.trim().slice(0, 30));
    const hint = box.querySelector('.tt-scroll-hint');
    const h = hint && hint.getBoundingClientRect();
    return {
      caption: table.caption.textContent, scrolls: box.scrollWidth > box.clientWidth,
      off, reference: box.classList.contains('tt-table-scroll--reference'),
      hint: !!hint && getComputedStyle(hint).display !== 'none' && h.width > 0
            && h.left >= 0 && h.right <= width && hint.textContent.includes('→'),
      shadow: getComputedStyle(box).backgroundImage.includes('gradient'),
    };
  });
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("which", range(6))
def test_every_column_of_every_table_is_on_screen(page: Page, site_url: str,
                                                  built_site: Project, which: int,
                                                  width: int) -> None:
    """At 390 px, "On the week" and every other column is on screen without scrolling
    sideways, on home, a week, the rankings, a country, a company and a model page; a table
    that does scroll must be a reference table with a visible cue. At 1280 px none scrolls."""
    path = phone_pages(built_site)[which]
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + path, wait_until="load")
    tables = page.evaluate(TABLE_FIT)
    assert tables, path
    for table in tables:
        if table["reference"] and width < 600:
            assert not table["scrolls"] or (table["hint"] and table["shadow"]), (path, table)
            continue
        assert not table["scrolls"] and table["off"] == [], (path, width, table)


# On a phone: each row's cells that are hidden (a column shown on wide screens only) and
# whether each one's text is in what the row shows; and which stacked copies are shown.
STACKED = """() => [...document.querySelectorAll('article table.tt-table[data-tt-wide-only]')]
  .flatMap(table => [...table.tBodies[0].rows].flatMap(row => [...row.cells]
    .filter(cell => getComputedStyle(cell).display === 'none')
    .map(cell => ({caption: table.caption.textContent, value: cell.textContent.trim(),
                   shown: row.innerText.includes(cell.textContent.trim())}))))"""
UNDER_SHOWN = """() => [...document.querySelectorAll('article .tt-under')]
  .filter(el => getComputedStyle(el).display !== 'none').length"""


@pytest.mark.parametrize("which", range(6))
def test_a_column_hidden_on_a_phone_has_its_value_stacked_in_the_row(
        page: Page, site_url: str, built_site: Project, which: int) -> None:
    """No value is lost to the phone layout: a column shown on wide screens only has each of
    its values shown elsewhere in the same row on a phone; on a wide screen the stacked
    copies are not there (nothing is shown or read twice)."""
    path = phone_pages(built_site)[which]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path, wait_until="load")
    hidden = page.evaluate(STACKED)
    assert hidden, path  # every one of these pages has a table with a stacked column
    assert [cell for cell in hidden if not cell["shown"]] == [], path
    assert page.evaluate(UNDER_SHOWN) > 0, path
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate(STACKED) == [] and page.evaluate(UNDER_SHOWN) == 0, path


def test_a_screen_reader_gets_every_value_with_its_heading_on_a_phone_and_a_desktop(
        page: Page, site_url: str) -> None:
    """The week's change stacked under the tokens on a phone carries its words; the short
    heading "Share" on screen keeps its long name for a screen reader; a wide screen has the
    change in its own column and reads it once."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url, wait_until="load")
    table = page.locator("article table.tt-table").first
    phone = table.aria_snapshot()
    assert 'columnheader "Share of all tokens"' in phone
    assert 'columnheader "On the week"' not in phone
    assert re.search(r'cell "[0-9.]+[KMBT]? on the week: [+−][0-9.]+%"', phone), phone[:800]
    share = table.locator("th").nth(3)
    short = share.locator(".tt-short")
    assert short.is_visible() and short.inner_text() == "Share"
    assert share.locator(".tt-long").bounding_box()["width"] <= 1  # for screen readers only
    page.set_viewport_size({"width": 1280, "height": 900})
    wide = table.aria_snapshot()
    assert 'columnheader "On the week"' in wide and "on the week:" not in wide


def test_a_reference_table_shows_a_scroll_cue_only_while_it_scrolls(
        page: Page, site_url: str) -> None:
    """The revisions log's exact figures are a wide reference table: on a phone its box
    scrolls, with a shadow at the edge and a "Scroll sideways" hint on screen, and the hint
    goes once the reader has reached the last column; on a desktop it fits and shows none."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "data/revisions/", wait_until="load")
    box = page.locator("article .tt-table-scroll--reference").first
    hint = box.locator(".tt-scroll-hint")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert hint.is_visible() and "Scroll sideways" in hint.inner_text()
    assert page.evaluate(TABLE_FIT)[0]["hint"]
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    expect(hint).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    expect(hint).to_be_hidden()
