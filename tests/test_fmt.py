from __future__ import annotations

import re

import markdown
import pytest

from generator import fmt


@pytest.mark.parametrize(("value", "text"), [
    (7_359_000_000_000, "7.36 trillion"), (3_536_400_000_000, "3.54 trillion"),
    (30_658_000_000_000, "30.7 trillion"), (18_900_000_000_000, "18.9 trillion"),
    (812_400_000_000, "812 billion"), (978_000_000_000, "978 billion"),
    (45_100_000, "45.1 million"), (7_300_000_000_000, "7.3 trillion"),
    (999_700_000_000, "1 trillion"),  # rounding that reaches the next scale moves to it
    (9_996_000_000, "10 billion"), (123_456_789_012_345, "123 trillion"),
    (12_345, "12.3 thousand"), (999, "999"), (0, "0"),
])
def test_tokens_in_words_have_three_significant_figures(value: int, text: str) -> None:
    assert fmt.tokens_words(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (18_900_000_000_000, "18.9T"), (7_359_000_000_000, "7.36T"), (978_000_000_000, "978B"),
    (45_100_000, "45.1M"), (3_410_000_000_000, "3.41T"), (999_700_000_000, "1T"),
    (1_500_000_000_000, "1.5T"), (12_345, "12.3K"), (999, "999"), (0, "0"),
])
def test_tokens_in_tables_are_compact_with_no_space_and_no_g(value: int, text: str) -> None:
    shown = fmt.tokens_short(value)
    assert shown == text
    assert " " not in shown and "G" not in shown and "e+" not in shown


def test_token_figures_have_at_most_three_significant_digits_and_no_exponent() -> None:
    for exponent in range(3, 14):  # up to 99.9 trillion tokens a week
        for mantissa in (1, 1.234567, 4.99999, 9.9951, 9.999999):
            value = int(mantissa * 10**exponent)
            for text in (fmt.tokens_words(value), fmt.tokens_short(value)):
                figure = text.split()[0].rstrip("KMBT")
                assert "e" not in figure and "G" not in text, text
                assert len(figure.replace(".", "").lstrip("0")) <= 3, text


def test_compact_figures_are_what_babel_writes_with_three_significant_figures() -> None:
    """fmt's compact formatter is Babel's format_compact_decimal (CLDR English) at three
    significant figures, halves rounded up, written without Babel's per-call cost."""
    from decimal import ROUND_HALF_UP, localcontext
    from random import Random

    from babel.numbers import format_compact_decimal

    rng = Random(7)
    values = [int(rng.uniform(1, 10) * 10 ** rng.randint(3, 13)) for _ in range(3000)]
    values += [999_500_000_000, 999_499_999_999, 7_355_000_000_000, 99_950_000, 1000, 10**12]
    for value in values:
        scaled = value / 1000 ** ((len(str(value)) - 1) // 3)
        digits = 2 if scaled < 10 else 1 if scaled < 100 else 0
        with localcontext() as context:
            context.rounding = ROUND_HALF_UP
            for style, ours in (("short", fmt.tokens_short), ("long", fmt.tokens_words)):
                babel = format_compact_decimal(value, format_type=style, locale="en",
                                               fraction_digits=digits)
                assert ours(value) == babel, (value, style)


def test_exact_tokens_keep_every_digit() -> None:
    assert fmt.tokens_exact(2**53 + 1) == "9,007,199,254,740,993"


@pytest.mark.parametrize(("value", "text"), [
    (1_204_000_000_000, "+1.2T"), (-978_000_000_000, "\u2212978B"), (0, "0"), (999, "+999"),
    (-45_100_000, "\u221245.1M"),
])
def test_a_change_in_tokens_has_a_sign_and_a_true_minus(value: int, text: str) -> None:
    assert fmt.tokens_change(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.569, "56.9%"), (0.041, "4.1%"), (0.008, "0.8%"), (0.1, "10.0%"), (0.9999, "100%"),
    (1.03, "103%"), (12.5, "1,250%"), (0.0004, "<0.1%"), (0.0, "0%"), (None, "–"),
    (float("nan"), "–"), (-0.008, "−0.8%"),
])
def test_percentages_have_one_decimal_below_100(value: float | None, text: str) -> None:
    assert fmt.percent(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.569, "+56.9%"), (0.0735, "+7.4%"), (-0.031, "−3.1%"), (-0.008, "−0.8%"),
    (1.03, "+103%"), (0.99999, "+100%"), (0.0002, "+<0.1%"), (-0.0002, "−<0.1%"),
    (0.0, "0%"), (None, "–"), (float("nan"), "–"),
])
def test_week_on_week_change_has_a_sign_and_a_true_minus(value: float | None, text: str) -> None:
    assert fmt.change(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.041, "up 4.1% on the week"), (-0.008, "down 0.8% on the week"),
    (0.0002, "up less than 0.1% on the week"), (0.0, "unchanged on the week"),
    (None, "no earlier week to compare with"),
])
def test_changes_read_up_or_down_in_prose(value: float | None, text: str) -> None:
    assert fmt.up_down(value) == text


def test_a_change_in_prose_can_leave_out_against_what() -> None:
    assert fmt.up_down(0.074, suffix="") == "up 7.4%"


@pytest.mark.parametrize(("value", "text"), [
    (0, "0%"), (0.25, "25%"), (0.025, "2.5%"), (-0.1, "−10%"), (1.5, "150%"),
])
def test_axis_ticks_are_the_shortest_exact_percentage(value: float, text: str) -> None:
    assert fmt.percent_tick(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.25, "+25%"), (0.0, "0%"), (-0.1, "\u221210%"), (0.025, "+2.5%"), (-0.0, "0%"),
    (1.5, "+150%"),
])
def test_change_axis_ticks_carry_a_sign(value: float, text: str) -> None:
    assert fmt.change_tick(value) == text


@pytest.mark.parametrize(("change", "new", "shown", "words"), [
    (2, False, "▲ 2", "up 2 places"), (-1, False, "▼ 1", "down 1 place"),
    (0, False, "=", "no change"), (None, True, "new", "new entry"),
    (None, False, "–", "no earlier rank"),
])
def test_rank_moves_have_a_text_equivalent(change: int | None, new: bool, shown: str,
                                          words: str) -> None:
    assert fmt.rank_move(change, new) == shown
    assert fmt.rank_move_words(change, new) == words


def test_week_ranges_read_like_a_newspaper() -> None:
    assert fmt.week_range("2026-03-16") == "16–22 March 2026"
    assert fmt.week_range("2026-03-30") == "30 March – 5 April 2026"
    assert fmt.week_range("2025-12-29") == "29 December 2025 – 4 January 2026"
    assert fmt.week_short("2026-03-16") == "16–22 Mar 2026"
    assert fmt.week_short("2026-03-30") == "30 Mar – 5 Apr 2026"


def test_dates_read_as_people_write_them() -> None:
    assert fmt.long_date("2026-04-09T02:00:00.000Z") == "9 April 2026"
    assert fmt.long_date("2026-04-09") == "9 April 2026"
    assert fmt.short_date("2026-04-09") == "9 Apr 2026"


def test_the_source_line_gives_the_date_not_the_timestamp() -> None:
    line = fmt.source_line("2026-04-09T02:00:00.000Z")
    assert line == ("Source: OpenRouter (openrouter.ai/rankings), as of 9 April 2026. "
                    "Licensed under CC BY 4.0.")
    html = fmt.source_line_html("2026-04-09T02:00:00.000Z")
    assert '<time datetime="2026-04-09T02:00:00.000Z">9 April 2026</time>' in html
    assert html.startswith("Source: OpenRouter") and html.endswith("Licensed under CC BY 4.0.")
    assert re.sub(r"<[^>]+>", "", html) == line


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


def test_front_matter_values_parse_as_mkdocs_reads_them() -> None:
    """A name with an emoji, right-to-left marks, Chinese and Markdown: MkDocs' own front-matter
    reader gets the value back (HTML-escaped), and the page keeps its title and description
    (with JSON's surrogate escapes of an emoji, YAML rejected the block and MkDocs printed it
    as the page's text, Markdown and all)."""
    from mkdocs.utils import meta

    from generator import fmt

    name = "abc\u202edcba\u202c 😀🚀 通义千问 ![y](javascript:x) <svg> \"q\" \\ \x07"
    page = f"---\ntitle: {fmt.front(name)}\n---\n# Body\n"
    body, data = meta.get_data(page)
    assert body == "# Body\n"
    assert data["title"] == fmt.attr(name)
