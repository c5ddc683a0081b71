"""What the Chinese wordings share: how they name a country's models, a company, a week, a
change, and how long a title may be."""

from __future__ import annotations

from generator import fmt_zh


def company_name(company: str) -> str:
    """How the Chinese edition names a company (a finding's subject or name: the source's
    name). SEAM: the registry's ``name_zh`` column (data/registry/authors.csv) is not read yet,
    so this gives the source's name ('DeepSeek'); once it is, a company with a Chinese name
    reads '深度求索（DeepSeek）'. Every company named in these wordings passes through here."""
    return company


def models(code: str) -> str:
    """'中国模型', '美国模型', '巴西模型', '国家未知的模型'."""
    return fmt_zh.country_models(code)


def short_country(code: str) -> str:
    return fmt_zh.country_name(code)


def in_week(week: str) -> str:
    """'2026年3月2日至8日当周'."""
    return f"{fmt_zh.week_range(week)}当周"


def in_week_short(week: str) -> str:
    """'3月2日至8日当周': for a title that must stay short."""
    return f"{fmt_zh.week_short(week)}当周"


def dated(lead: str, week: str, rest: str = "") -> tuple[str, str, str]:
    """A title's wordings from the fullest down, for ``fit``: '2026年3月2日至8日当周，<lead><rest>',
    the same with the short week, then without the week."""
    return (f"{in_week(week)}，{lead}{rest}", f"{in_week_short(week)}，{lead}{rest}",
            f"{lead}{rest}")


# A title is at most as wide as 100 Latin letters (generator.findings.en.common.TITLE_MAX): a
# Chinese character is as wide as two.
TITLE_MAX = 100


def width(text: str) -> int:
    """The width of ``text`` in Latin letters: two for a CJK character or full-width
    punctuation (U+2E80 on: radicals, ideographs, 、。，：（）), one otherwise."""
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def fit(*titles: str) -> str:
    """The first of ``titles`` (the fullest first) at most TITLE_MAX wide; else the last."""
    return next((title for title in titles if width(title) <= TITLE_MAX), titles[-1])


def tokens(value: object) -> str:
    """'7.36万亿Token'."""
    return f"{fmt_zh.tokens_words(int(value))}{fmt_zh.UNIT}"


def change(value: object, prefix: str = "环比") -> str:
    """'环比上涨4.1%'; '此前无数据可比' when undefined."""
    return fmt_zh.up_down(value, prefix=prefix)


def short_change(value: object) -> str:
    """'上涨4.1%', '下降0.8%', '持平'."""
    return fmt_zh.up_down(value, prefix="")


def of_base(base: str) -> str:
    return fmt_zh.OF_ALL if base == "all" else fmt_zh.OF_KNOWN


def share(value: object, base: str = "all") -> str:
    """'占全部Token的43.2%' ('all') or '占已知国家模型Token的43.2%' ('known')."""
    return fmt_zh.share(value, of_base(base))
