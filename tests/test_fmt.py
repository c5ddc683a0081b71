from __future__ import annotations

import markdown
import pytest

from generator import fmt


@pytest.mark.parametrize(("value", "text"), [
    (7_359_000_000_000, "7.359 trillion"), (3_536_400_000_000, "3.536 trillion"),
    (812_400_000_000, "812.4 billion"), (45_100_000, "45.1 million"), (999, "999"),
])
def test_tokens_in_words(value: int, text: str) -> None:
    assert fmt.tokens_words(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.569, "+56.9%"), (0.0735, "+7.35%"), (-0.031, "−3.10%"), (0.99999, "+100%"),
    (0.0, "0%"), (None, "–"), (float("nan"), "–"),
])
def test_week_on_week_change(value: float | None, text: str) -> None:
    assert fmt.change(value) == text


def test_week_ranges_read_like_a_newspaper() -> None:
    assert fmt.week_range("2026-03-16") == "16–22 March 2026"
    assert fmt.week_range("2026-03-30") == "30 March – 5 April 2026"
    assert fmt.week_range("2025-12-29") == "29 December 2025 – 4 January 2026"


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "a | b", "*bold* _it_ `code`",
    "# heading", "line\nbreak", "&amp; entity", "1. list",
])
def test_outside_text_stays_literal_in_markdown(hostile: str) -> None:
    html = markdown.markdown(f"| a |\n|---|\n| {fmt.md(hostile)} |", extensions=["tables"])
    cell = html.split("<td>")[1].split("</td>")[0]
    import html as html_module

    assert html_module.unescape(cell) == " ".join(hostile.split())
    assert "<script" not in html and "href" not in html


def test_the_licence_file_covers_the_code_and_cites_the_data_as_every_chart_does() -> None:
    from generator.paths import REPO_ROOT

    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 AI Token Tracker contributors\n")
    assert "CC BY 4.0" in text
    assert fmt.source_line("{as_of}") in text  # the same source line as the charts and downloads


def test_html_text_escapes_markup_and_a_line_break_cannot_end_an_html_block() -> None:
    """In generated HTML (attributes, table cells) outside text is escaped and its whitespace
    folded: a blank line would end the HTML block, and Markdown would read the rest. A code
    block's text keeps its line breaks and quotes, escaping only markup."""
    import markdown

    hostile = 'Evil <b>"Co"</b>\n\n# Heading & more'
    assert fmt.attr(hostile) == "Evil &lt;b&gt;&quot;Co&quot;&lt;/b&gt; # Heading &amp; more"
    html = markdown.markdown(f'<table><tr><td>{fmt.attr(hostile)}</td></tr></table>\n\nAfter.')
    assert "<h1" not in html and "<b>" not in html and html.count("<table>") == 1
    assert fmt.code('<iframe src="x">\n<script>') == '&lt;iframe src="x"&gt;\n&lt;script&gt;'
