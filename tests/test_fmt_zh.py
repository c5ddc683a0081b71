"""The Chinese formatter (generator/fmt_zh.py) against its docstring's rules: 万/亿/万亿 as
CLDR's zh_Hans_CN writes them, changes as Chinese newsrooms write them (环比上涨/下降, 持平),
dates in 年/月/日, week spans with 至, the Chinese source line, country names and lists; and the
Vega label expression against the Python formatter, drawn by Vega itself."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, localcontext
from random import Random

import pytest

from generator import fmt, fmt_zh

MINUS = "\u2212"


@pytest.mark.parametrize(("value", "text"), [
    (7_359_000_000_000, "7.36万亿"), (52_300_000_000, "523亿"), (98_000_000, "9800万"),
    (18_900_000_000_000, "18.9万亿"), (9_800_000_000, "98亿"), (812_400, "81.2万"),
    (10_000, "1万"), (9_999, "9,999"), (0, "0"), (1_000_000_000_000, "1万亿"),
    (7_000_000_000_000, "7万亿"),  # trailing zeros dropped
    (99_997_000, "1亿"),  # 9999.7万 rounds to the next unit
    (999_970_000_000, "1万亿"),
    (735_500_000, "7.36亿"),  # halves round up
    (-3_200_000_000, f"{MINUS}32亿"),
])
def test_tokens_are_written_in_wan_yi_and_wanyi(value: int, text: str) -> None:
    assert fmt_zh.tokens_words(value) == text
    assert fmt_zh.tokens_short(value) == text


def test_compact_figures_are_what_babel_writes_for_zh_hans_cn() -> None:
    """fmt_zh's compact formatter is Babel's format_compact_decimal (CLDR zh_Hans_CN) with the
    English side's fraction digits, halves rounded up."""
    from babel.numbers import format_compact_decimal

    rng = Random(26)
    values = [int(rng.uniform(1, 10) * 10 ** rng.randint(4, 14)) for _ in range(3000)]
    values += [7_359_000_000_000, 52_300_000_000, 98_000_000, 735_500_000, 10_000]
    for value in values:
        scale = 10 ** 12 if value >= 10 ** 12 else 10 ** 8 if value >= 10 ** 8 else 10 ** 4
        scaled = value / scale
        digits = 2 if scaled < 10 else 1 if scaled < 100 else 0
        if round(scaled, digits) >= 10_000:
            continue  # Babel keeps "10000万"; we move to the next unit (tested above)
        with localcontext() as context:
            context.rounding = ROUND_HALF_UP
            babel = format_compact_decimal(value, locale="zh_Hans_CN", fraction_digits=digits)
        assert fmt_zh.tokens_words(value) == babel, value


@pytest.mark.parametrize(("value", "text"), [
    (1_204_000_000_000, "+1.2万亿"), (-97_800_000_000, f"{MINUS}978亿"), (0, "0"),
    (9_999, "+9,999"),
])
def test_a_change_in_tokens_has_a_sign_and_a_true_minus(value: int, text: str) -> None:
    assert fmt_zh.tokens_change(value) == text


def test_exact_tokens_keep_every_digit() -> None:
    assert fmt_zh.tokens_exact(7_359_012_345_678) == "7,359,012,345,678"
    assert fmt_zh.tokens_exact(2**53 + 1) == "9,007,199,254,740,993"


@pytest.mark.parametrize(("fraction", "text"), [
    (0.1441, "环比上涨14.4%"), (-0.032, "环比下降3.2%"), (0.0, "环比持平"),
    (0.00004, "环比上涨不到0.1%"), (-0.0004, "环比下降不到0.1%"), (1.25, "环比上涨125%"),
    (None, "此前无数据可比"), (float("nan"), "此前无数据可比"),
])
def test_changes_are_written_as_newsrooms_write_them(fraction: object, text: str) -> None:
    assert fmt_zh.up_down(fraction) == text


def test_a_change_without_its_prefix_and_the_signed_figures_of_tables() -> None:
    assert fmt_zh.up_down(0.569, prefix="") == "上涨56.9%"
    assert fmt_zh.up_down(0, prefix="") == "持平"
    assert fmt_zh.change(-0.008) == f"{MINUS}0.8%" == fmt.change(-0.008)
    assert fmt_zh.change(None) == "–"
    assert fmt_zh.percent_tick(0.025) == "2.5%"


@pytest.mark.parametrize(("fraction", "base", "text"), [
    (0.432, fmt_zh.OF_ALL, "占全部Token的43.2%"),
    (0.5, fmt_zh.OF_KNOWN, "占已知国家模型Token的50.0%"),
    (None, fmt_zh.OF_ALL, "占全部Token的–"),
])
def test_a_share_names_its_base_first(fraction: object, base: str, text: str) -> None:
    assert fmt_zh.share(fraction, base) == text


def test_percentages_are_the_english_figures() -> None:
    for value in (0.569, 0.0735, 0.0004, 0.0, 1.03, -0.008, None):
        assert fmt_zh.percent(value) == fmt.percent(value)
    assert fmt_zh.percent_range(0.153, 0.121) == "12.1%至15.3%"
    assert fmt_zh.percent_range(0.1, 0.1) == "10.0%"
    assert fmt_zh.percent_range(None, 0.1) == "–"


@pytest.mark.parametrize(("value", "text"), [
    (1_234_567, "123万美元"), (812_000, "81.2万美元"), (45.2, "45美元"), (0.2, "不到1美元"),
    (0, "0美元"), (None, "–"), (2_000_000_000, "20亿美元"),
])
def test_dollars_are_written_in_wan_and_yi_of_dollars(value: object, text: str) -> None:
    assert fmt_zh.usd(value) == text
    assert fmt_zh.usd_short(value) == text


def test_dollar_ranges_and_prices() -> None:
    assert fmt_zh.usd_range(1_234_567, 4_560_000) == "123万美元至456万美元"
    assert fmt_zh.usd_range(100, 100.2) == "100美元"
    assert fmt_zh.price(0.0375) == "0.0375美元"
    assert fmt_zh.price(2.5) == "2.50美元"
    assert fmt_zh.price(10) == "10美元"
    assert fmt_zh.price(None) == "–"


@pytest.mark.parametrize(("move", "new", "mark", "words"), [
    (2, False, "▲ 2", "上升2位"), (-1, False, "▼ 1", "下降1位"), (0, False, "=", "排名不变"),
    (None, True, "新上榜", "新上榜"), (None, False, "–", "此前无排名"),
])
def test_rank_moves(move: object, new: bool, mark: str, words: str) -> None:
    assert fmt_zh.rank_move(move, new) == mark
    assert fmt_zh.rank_move_words(move, new) == words


def test_dates_are_written_in_year_month_day() -> None:
    assert fmt_zh.long_date("2026-03-16") == "2026年3月16日"
    assert fmt_zh.long_date("2026-04-09T02:00:00.000Z") == "2026年4月9日"
    assert fmt_zh.short_date("2026-03-16") == "3月16日"
    assert fmt_zh.as_of_words("2026-04-09T02:00:00.000Z") == "2026年4月9日"
    assert fmt_zh.as_of_words("{as_of}") == "{as_of}"


@pytest.mark.parametrize(("week", "full", "short"), [
    ("2026-03-16", "2026年3月16日至22日", "3月16日至22日"),
    ("2026-03-30", "2026年3月30日至4月5日", "3月30日至4月5日"),
    ("2025-12-29", "2025年12月29日至2026年1月4日", "2025年12月29日至2026年1月4日"),
    ("2026-02-23", "2026年2月23日至3月1日", "2月23日至3月1日"),
])
def test_week_spans_say_the_shared_month_and_year_once(week: str, full: str, short: str) -> None:
    assert fmt_zh.week_range(week) == full
    assert fmt_zh.week_short(week) == short


def test_the_source_line_is_the_chinese_one_with_its_date() -> None:
    as_of = "2026-04-09T02:00:00.000Z"
    assert fmt_zh.source_line(as_of) == ("来源：OpenRouter（openrouter.ai/rankings），"
                                         "截至2026年4月9日。采用 CC BY 4.0 许可。")
    html = fmt_zh.source_line_html(as_of)
    assert f'<time datetime="{as_of}">2026年4月9日</time>' in html
    assert re.sub(r"<[^>]+>", "", html) == fmt_zh.source_line(as_of)
    assert fmt_zh.source_line_html("<b>") == ("来源：OpenRouter（openrouter.ai/rankings），"
                                              "截至&lt;b&gt;。采用 CC BY 4.0 许可。")


@pytest.mark.parametrize(("code", "name", "models"), [
    ("CN", "中国", "中国模型"), ("US", "美国", "美国模型"), ("FR", "法国", "法国模型"),
    ("GB", "英国", "英国模型"), ("KR", "韩国", "韩国模型"), ("AE", "阿联酋", "阿联酋模型"),
    ("", "未归属", "国家未知的模型"),
])
def test_countries_have_their_chinese_names(code: str, name: str, models: str) -> None:
    assert fmt_zh.country_name(code) == name
    assert fmt_zh.country_models(code) == models


def test_the_labels_of_tokens_with_no_country() -> None:
    assert (fmt_zh.NO_COUNTRY, fmt_zh.UNATTRIBUTED) == ("国家未知", "未归属")


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A和B"), (["A", "B", "C"], "A、B和C"),
    (["A", "B", "C", "D"], "A、B、C和D"),
])
def test_lists_are_joined_with_the_chinese_comma_and_he(items: list[str], text: str) -> None:
    assert fmt_zh.listing(items) == text


TICKS = [0, 5_000, 10_000, 98_000_000, 250_000_000, 52_300_000_000, 735_500_000,
         1_000_000_000_000, 7_359_000_000_000, 18_900_000_000_000, 123_000_000_000_000,
         -3_200_000_000, -5_000]


def test_the_vega_label_expression_writes_what_python_writes() -> None:
    """Vega draws labels from the expression; their text is tokens_short's, value by value."""
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"i": i, "value": v} for i, v in enumerate(TICKS)]},
        "transform": [{"calculate": fmt_zh.tokens_label_expr("datum.value"), "as": "label"}],
        "mark": {"type": "text", "font": "sans-serif"},
        "encoding": {"y": {"field": "i", "type": "ordinal", "axis": None},
                     "text": {"field": "label", "type": "nominal"}},
    }
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    drawn = [html_text(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert drawn == [fmt_zh.tokens_short(v) for v in TICKS]


def html_text(text: str) -> str:
    import html

    return html.unescape(text)


def test_every_language_dependent_formatter_of_fmt_has_its_chinese_counterpart() -> None:
    names = ["tokens_words", "tokens_short", "tokens_change", "tokens_exact", "percent",
             "change", "up_down", "percent_tick", "change_tick", "usd", "usd_short",
             "usd_range", "percent_range", "price", "rank_move", "rank_move_words", "long_date",
             "short_date", "week_range", "week_short", "as_of_words", "source_line",
             "source_line_html", "country_name", "country_models", "listing"]
    assert all(callable(getattr(fmt, name)) for name in names)
    assert [name for name in names if not callable(getattr(fmt_zh, name, None))] == []
    constants = ["SOURCE_LINE", "SAMPLE_NOTICE", "OF_ALL", "OF_KNOWN", "NO_COUNTRY",
                 "UNATTRIBUTED", "OUTSIDE_TOP_50", "WEEK_SPAN"]
    assert [name for name in constants if getattr(fmt_zh, name) == getattr(fmt, name)] == []
