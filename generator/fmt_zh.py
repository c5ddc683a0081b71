"""The Chinese edition's formatter: numbers, dates, country names and the words around them in
Simplified Chinese, as Chinese newsrooms write them, from CLDR's ``zh_Hans_CN`` (Babel's locale
data) where CLDR has the form. The counterpart of ``generator.fmt``, with the same function names
where the English one has them, and the same figures: a number reads the same in both editions,
only its words change. Escaping (``md``, ``attr``, ``code``, ``front``) is not a matter of
language and stays in ``generator.fmt``.

The rules (a chart's label or tooltip that cannot call Python uses ``tokens_label_expr``):

Tokens (万 = 10^4, 亿 = 10^8, 万亿 = 10^12: CLDR's compact units for zh_Hans_CN)
    ``tokens_words``  "7.36万亿", "18.9万亿", "523亿", "9800万", "81.2万"; below 1万 the exact
                      count ("9,999"). The scaled figure has the fraction digits the English
                      side uses (two below 10, one below 100, none from 100 up: three
                      significant figures up to 999, four from 1000 to 9999, as CLDR writes
                      "9800万"), trailing zeros dropped, halves rounded up, and a rounding
                      that reaches the next unit moves to it (9999.7万 -> "1亿").
    ``tokens_short``  the same (Chinese has no shorter form: no letter, no space).
    ``tokens_change`` signed: "+1.2万亿", "−978亿", "0".
    ``tokens_exact``  "7,359,012,345,678".
Percentages: the figures of ``generator.fmt`` (one decimal below 100%, "<0.1%", "–")
    ``percent``, ``change``, ``percent_tick``, ``change_tick`` as in fmt.
    ``up_down``       "环比上涨14.4%", "环比下降3.2%", "环比上涨不到0.1%", "环比持平";
                      ``prefix=""`` for "上涨14.4%", "下降3.2%", "持平".
    ``share``         a share with its base before it: "占全部Token的43.2%".
Dates
    ``long_date``     "2026年3月16日".  ``short_date``  "3月16日" (the year is said elsewhere).
    ``week_range``    "2026年3月16日至22日", "2026年3月30日至4月5日",
                      "2025年12月29日至2026年1月4日".
    ``week_short``    "3月16日至22日", "3月30日至4月5日", across years as ``week_range``.
Money (US dollars): "123万美元", "81.2万美元", "45美元", "不到1美元"; prices "0.0375美元".
Rank changes: ``rank_move`` "▲ 2", "▼ 1", "新上榜", "=", "–"; ``rank_move_words`` "上升2位",
    "下降1位", "新上榜", "排名不变", "此前无排名".
Countries: CLDR's zh_Hans names ("中国", "美国", "法国"); ``country_models`` "中国模型".
Listing: CLDR's "A、B和C".
"""

from __future__ import annotations

import functools
import html
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_interval
from babel.lists import format_list

from generator.fmt import (
    MINUS,
    MISSING,
    attr,
    dollars,
    is_missing,
    percent,
    percent_magnitude,
    price_digits,
    significant_digits,
    to_date,
)
from generator.fmt import change as change  # the same signs and figures in both editions
from generator.fmt import change_tick as change_tick
from generator.fmt import percent_tick as percent_tick

LOCALE = "zh_Hans_CN"
SOURCE_LINE = ("来源：OpenRouter（openrouter.ai/rankings），截至{as_of}。"
               "采用 CC BY 4.0 许可。")
SAMPLE_NOTICE = "示例数据——并非真实数字"
UNIT = "Token"  # the unit word, kept as Chinese tech newsrooms keep it

# The bases of shares (read "占{base}的43.2%").
OF_ALL = "全部Token"
OF_KNOWN = "已知国家模型Token"
NO_COUNTRY = "国家未知"
UNATTRIBUTED = "未归属"  # a country column left empty (pages' tables)
OUTSIDE_TOP_50 = "前50名以外的模型"
WEEK_SPAN = "周一至周日（UTC）"

# Shorter than CLDR's names, as newsrooms write them in running text.
SHORT_NAMES = {"AE": "阿联酋", "HK": "中国香港", "MO": "中国澳门"}


# ---------------------------------------------------------------- tokens

@functools.cache
def compact_units() -> tuple[tuple[int, str], ...]:
    """The Chinese compact units from CLDR, largest first: (10**12, "万亿"), (10**8, "亿"),
    (10**4, "万"). CLDR's zh "short" and "long" forms are the same."""
    units = {}
    patterns = Locale.parse(LOCALE).compact_decimal_formats["short"]["other"]
    for magnitude, pattern in patterns.items():
        text = getattr(pattern, "pattern", pattern)  # "0万", "00万", ..., "000万亿"
        unit = text.replace("0", "")
        if unit:  # CLDR writes thousands in full ("0")
            units[int(magnitude) // 10 ** (text.count("0") - 1)] = unit
    return tuple(sorted(units.items(), reverse=True))


def compact(value: int) -> str:
    """'7.36万亿', '523亿', '9800万', '9,999': the same output as Babel's
    format_compact_decimal for zh_Hans_CN with the English side's fraction digits (tests check),
    halves rounded up, without Babel's per-call cost."""
    value = int(value)
    size = abs(value)
    units = compact_units()
    if size < units[-1][0]:
        return f"{value:,}".replace("-", MINUS)
    index = next(i for i, (scale, _) in enumerate(units) if size >= scale)
    while True:
        scale, unit = units[index]
        scaled = Decimal(size) / scale
        rounded = scaled.quantize(Decimal(1).scaleb(-significant_digits(scaled)), ROUND_HALF_UP)
        if index == 0 or rounded * scale < units[index - 1][0]:
            break
        index -= 1  # 9999.7万 rounds to 10000万: say 1亿
    return f"{MINUS if value < 0 else ''}{format(rounded.normalize(), 'f')}{unit}"


def tokens_words(value: int) -> str:
    """Prose: 7359000000000 -> '7.36万亿'; 52300000000 -> '523亿'."""
    return compact(value)


def tokens_short(value: int) -> str:
    """Tables, axes and tooltips: the same as in prose ('7.36万亿')."""
    return compact(value)


def tokens_change(value: int) -> str:
    """A change in tokens, signed: '+1.2万亿', '−978亿', '0'."""
    text = compact(value)
    return f"+{text}" if int(value) > 0 else text


def tokens_exact(value: int) -> str:
    return f"{int(value):,}".replace("-", MINUS)


def tokens_label_expr(field: str = "datum.value") -> str:
    """A Vega expression writing the number in ``field`` as ``tokens_short`` does ('7.36万亿',
    '523亿', '9800万', '9,999'): Vega's d3-format knows SI prefixes, not 万 and 亿. For axes
    (``labelExpr``) and tooltips (a ``calculate`` transform). It differs from Python only where
    a rounding reaches the next unit (9999.7万), which an axis's round ticks never are; d3
    writes negatives with a true minus, as fmt does."""
    size, sign = f"abs({field})", f"({field} < 0 ? '{MINUS}' : '')"
    cases = []
    for scale, unit in compact_units():
        scaled = f"{size} / {scale}"
        digits = f"({scaled} < 10 ? '.2~f' : {scaled} < 100 ? '.1~f' : '.0f')"
        cases.append(f"{size} >= {scale} ? {sign} + format({scaled}, {digits}) + '{unit}'")
    return " : ".join(cases) + f" : format({field}, ',')"


# ---------------------------------------------------------------- percentages

def up_down(fraction: object, prefix: str = "环比") -> str:
    """Prose: '环比上涨14.4%', '环比下降3.2%', '环比上涨不到0.1%', '环比持平'; ``prefix=""``
    where the sentence already says against what ('上涨14.4%')."""
    if is_missing(fraction):
        return "此前无数据可比"
    value = float(fraction)
    magnitude = percent_magnitude(value)
    if magnitude == "0":
        return f"{prefix}持平"
    amount = "不到0.1%" if magnitude == "<0.1" else f"{magnitude}%"
    return f"{prefix}{'上涨' if value > 0 else '下降'}{amount}"


def share(fraction: object, base: str = OF_ALL) -> str:
    """A share with its base said first: '占全部Token的43.2%'."""
    return f"占{base}的{percent(fraction)}"


def percent_range(low: object, high: object) -> str:
    """'12.1%至15.3%', the smaller first; one figure when both read the same."""
    if is_missing(low) or is_missing(high):
        return MISSING
    first, second = (percent(v) for v in sorted((float(low), float(high))))
    return first if first == second else f"{first}至{second}"


# ---------------------------------------------------------------- money (US dollars)

def usd(value: object, style: str = "long") -> str:
    """Spend: '123万美元', '45美元', '不到1美元', '0美元', '–' when undefined (the same in
    tables: ``style`` is accepted for fmt's signature)."""
    amount = dollars(value)
    if amount is None:
        return MISSING
    if amount == 0:
        return "0美元"
    if abs(amount) < Decimal("0.5"):
        return "不到1美元"
    whole = int(abs(amount).to_integral_value(ROUND_HALF_UP))
    return f"{MINUS if amount < 0 else ''}{compact(whole)}美元"


def usd_short(value: object) -> str:
    return usd(value, "short")


def usd_range(low: object, high: object, style: str = "long") -> str:
    """'123万美元至456万美元'; one figure when both ends read the same."""
    first, second = usd(low), usd(high)
    return first if first == second else f"{first}至{second}"


def price(value: object) -> str:
    """A list price per million tokens: '0.0375美元', '2.50美元', '10美元'; '–' unknown."""
    digits = price_digits(value)  # the English edition's figure
    return MISSING if digits is None else f"{digits}美元"


# ---------------------------------------------------------------- rank changes

def rank_move(rank_change: object, is_new: bool) -> str:
    """What a table shows: '▲ 2', '▼ 1', '新上榜', '=', '–'."""
    if is_new:
        return "新上榜"
    if is_missing(rank_change):
        return MISSING
    value = int(rank_change)
    return f"▲ {value}" if value > 0 else f"▼ {-value}" if value < 0 else "="


def rank_move_words(rank_change: object, is_new: bool) -> str:
    """'上升2位', '下降1位', '新上榜', '排名不变', '此前无排名'."""
    if is_new:
        return "新上榜"
    if is_missing(rank_change):
        return "此前无排名"
    value = int(rank_change)
    if value == 0:
        return "排名不变"
    return f"{'上升' if value > 0 else '下降'}{abs(value)}位"


# ---------------------------------------------------------------- dates

def long_date(value: object) -> str:
    """'2026年3月16日'."""
    day = to_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def weekday_date(value: object) -> str:
    """'2026年4月13日（星期一）' (when the next update is due)."""
    return f"{long_date(value)}（{WEEKDAYS[to_date(value).weekday()]}）"


def short_date(value: object) -> str:
    """'3月16日'."""
    day = to_date(value)
    return f"{day.month}月{day.day}日"


@functools.cache
def span(start: date, end: date, with_year: bool) -> str:
    """Two days in one year by CLDR's interval ('3月16日至22日', '3月30日至4月5日'), the year
    before them when asked; across years both dates in full."""
    if start.year != end.year:
        return f"{long_date(start)}至{long_date(end)}"
    days = format_interval(start, end, "MMMd", locale=LOCALE)
    return f"{start.year}年{days}" if with_year else days


def week_range(week_start: object) -> str:
    """'2026年3月16日至22日'; '2026年3月30日至4月5日'; '2025年12月29日至2026年1月4日'."""
    start = to_date(week_start)
    return span(start, start + timedelta(days=6), True)


def week_short(week_start: object) -> str:
    """'3月16日至22日', '3月30日至4月5日'; across years as ``week_range``."""
    start = to_date(week_start)
    return span(start, start + timedelta(days=6), False)


def as_of_words(as_of: str) -> str:
    """'2026年4月9日'; anything that is not an ISO date or timestamp kept as given."""
    try:
        return long_date(as_of)
    except ValueError:
        return as_of


def source_line(as_of: str) -> str:
    """'来源：OpenRouter（openrouter.ai/rankings），截至2026年4月9日。采用 CC BY 4.0 许可。'"""
    return SOURCE_LINE.format(as_of=as_of_words(as_of))


def source_line_html(as_of: str) -> str:
    """The source line as HTML, its date in a <time> that keeps the exact as_of."""
    words = as_of_words(as_of)
    if words == as_of:
        return attr(source_line(as_of))
    stamp = f'<time datetime="{attr(as_of)}">{attr(words)}</time>'
    before, after = SOURCE_LINE.split("{as_of}")
    return f"{html.escape(before)}{stamp}{html.escape(after)}"


# ---------------------------------------------------------------- countries and words

@functools.cache
def country_name(code: str) -> str:
    """CLDR's zh_Hans name: '中国', '美国', '法国'; '未归属' for no country."""
    if not code:
        return UNATTRIBUTED
    return SHORT_NAMES.get(code) or Locale.parse(LOCALE).territories.get(code, code)


def country_models(code: str) -> str:
    """'中国模型', '美国模型', '巴西模型'; '国家未知的模型' for no country."""
    return f"{country_name(code)}模型" if code else "国家未知的模型"


def listing(items: list[str]) -> str:
    """CLDR's list: 'A', 'A和B', 'A、B和C'."""
    return format_list(list(items), locale=LOCALE) if items else ""

