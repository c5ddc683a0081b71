"""MkDocs hooks (mkdocs.yml `hooks:`): run by the site builder on every page.

Tables: every Markdown table gets class ``tt-table`` and its own scrolling wrapper, styled in
assets/tracker.css. Material's script otherwise finds each bare ``table:not([class])`` after
load and moves it into a wrapper of its own: on a ranking page (a 50-row table) that costs a
phone ~150 ms of blocked main thread (Lighthouse mobile, issue 6), for the same look.
"""

from __future__ import annotations

TABLE_OPEN = '<div class="tt-table-scroll"><table class="tt-table">'


def on_page_content(html: str, **_: object) -> str:
    """Python-Markdown writes a bare ``<table>`` only for Markdown tables (text in a cell is
    escaped, so it cannot contain one)."""
    if "<table>" not in html:
        return html
    return html.replace("<table>", TABLE_OPEN).replace("</table>", "</table></div>")
