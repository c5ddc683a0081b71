"""Chinese words of the week's story (generator.findings.story): each finding as a title (feed
and embed headlines), a sentence (ledes, the list of a week's changes) and, for some, a mark (a
label drawn on a chart) or a list item (the words after a model's name in the movers' lists)."""

from __future__ import annotations

from collections.abc import Callable

from generator import fmt_zh
from generator.findings.finding import Finding
from generator.findings.zh.common import (
    company_name,
    in_week,
    models,
    share,
    short_change,
    short_country,
    tokens,
)


def when(f: Finding, form: str) -> str:
    """'2026年3月2日至8日当周'; '本周' in the list of a week's own page (form 'change')."""
    return "本周" if form == "change" else in_week(f.week)


def since_words(f: Finding, short: bool = False) -> str:
    """'首次' / '自2026年1月5日至11日当周以来首次' / ''."""
    if f.claim == "first":
        return "首次"
    if f.claim == "since":
        week = fmt_zh.week_short(f.since) if short else fmt_zh.week_range(f.since)
        return f"自{week}当周以来首次"
    return ""


def crossover(f: Finding, form: str) -> str:
    """'中国模型首次超过美国模型：7.36万亿Token对6.9万亿Token'."""
    a, b = f.subject, f.other
    figures = f"{tokens(f.figure('tokens'))}对{tokens(f.figure('other_tokens'))}"
    if form == "mark":
        return f"{short_country(a)}超过{short_country(b)}"
    if form == "title":
        return f"{models(a)}{since_words(f, short=True)}超过{models(b)}：{figures}"
    claim = "自有数据以来首次" if f.claim == "first" else since_words(f)
    return f"{when(f, form)}，{models(a)}的周调用量{claim}超过{models(b)}：{figures}。"


def record(f: Finding, form: str) -> str:
    now, before = tokens(f.figure("tokens")), tokens(f.figure("previous"))
    previous = in_week(f.figure("previous_week"))
    if not f.subject:
        if form == "title":
            return f"OpenRouter周调用量创纪录：{now}"
        return (f"{when(f, form)}，OpenRouter上AI模型的调用量达到创纪录的{now}，高于"
                f"{previous}的{before}。")
    if form == "title":
        return f"{models(f.subject)}周调用量创纪录：{now}"
    return (f"{when(f, form)}，{models(f.subject)}的调用量达到创纪录的{now}，高于其"
            f"{previous}的{before}。")


def most_since(f: Finding, form: str) -> str:
    now, then = tokens(f.figure("tokens")), tokens(f.figure("then"))
    who = "OpenRouter上的AI模型" if not f.subject else models(f.subject)
    if form == "title":
        return f"{who}调用量为{fmt_zh.week_short(f.since)}当周以来最高"
    return f"{when(f, form)}，{who}的调用量为{now}，为{in_week(f.since)}（{then}）以来最高。"


def leader(f: Finding, form: str) -> str:
    if form == "title":
        if f.claim == "first":
            return f"{f.name}首次成为调用量最高的模型"
        if f.claim == "since":
            return f"{f.name}{since_words(f, short=True)}重回第一"
        return f"{f.name}从{f.other_name}手中夺得第一"
    week = when(f, form)
    figures = f"调用量为{tokens(f.figure('tokens'))}（{share(f.figure('share'))}）"
    took = f"从{f.other_name}手中夺得第一"
    if f.claim == "first":
        return f"{week}，{f.name}首次成为调用量最高的模型，{figures}，{took}。"
    if f.claim == "since":
        return f"{week}，{f.name}{since_words(f)}重回第一，{figures}，{took}。"
    return f"{week}，{f.name}{took}，{figures}。"


def company_leader(f: Finding, form: str) -> str:
    name, other = company_name(f.name), company_name(f.other_name)
    if form == "title":
        if f.claim == "first":
            return f"{name}首次成为调用量最高的公司"
        if f.claim == "since":
            return f"{name}{since_words(f, short=True)}成为调用量最高的公司"
        return f"{name}超过{other}，成为调用量最高的公司"
    figures = (f"其模型的调用量为{tokens(f.figure('tokens'))}"
               f"（{share(f.figure('share'), 'known')}）")
    week = when(f, form)
    if f.claim == "first":
        return f"{week}，{name}首次成为调用量最高的公司：{figures}，领先于{other}。"
    if f.claim == "since":
        return f"{week}，{name}{since_words(f)}成为调用量最高的公司：{figures}，领先于{other}。"
    return f"{week}，{name}超过{other}，成为调用量最高的公司：{figures}。"


def streak(f: Finding, form: str) -> str:
    weeks, rising = f.figure("weeks"), f.figure("direction") > 0
    moved = "上涨" if rising else "下降"
    if form == "title":
        return f"{models(f.subject)}调用量连续{weeks}周环比{moved}"
    return (f"{models(f.subject)}的调用量已连续{weeks}周环比{moved}，{when(f, form)}"
            f"{'达到' if rising else '降至'}"
            f"{tokens(f.figure('tokens'))}：较{in_week(f.against)}"
            f"{short_change(f.figure('run_change'))}。")


def mover(verb: str, reached: str) -> Callable[[Finding, str], str]:
    """Risers and fallers: the change in tokens, the percentage beside it."""
    def words(f: Finding, form: str) -> str:
        delta = f"{fmt_zh.tokens_change(f.figure('token_change'))}{fmt_zh.UNIT}"
        change = fmt_zh.change(f.figure("change"))
        if form == "item":
            return f"{delta}（{change}），排名第{f.figure('rank')}"
        if form == "title":
            return f"{f.name}调用量环比{verb}最多：{delta}"
        return (f"在两周均进入排名的模型中，{f.name}的调用量{verb}最多：{delta}，{reached}"
                f"{fmt_zh.tokens_short(f.figure('tokens'))}{fmt_zh.UNIT}（{change}），现排名第"
                f"{f.figure('rank')}。")
    return words


def climber(f: Finding, form: str) -> str:
    places = fmt_zh.rank_move_words(f.figure("places"), False)
    before, now = f.figure("rank_prev"), f.figure("rank")
    if form == "item":
        return f"排名第{now}，{places}"
    if form == "title":
        return f"{f.name}排名上升最多：从第{before}名升至第{now}名"
    return f"{f.name}排名上升最多，从第{before}名升至第{now}名（{places}）。"


def entrant(f: Finding, form: str) -> str:
    if form == "item":
        return f"{fmt_zh.tokens_short(f.figure('tokens'))}{fmt_zh.UNIT}，排名第{f.figure('rank')}"
    if form == "title":
        return f"{f.name}以第{f.figure('rank')}名进入前50名"
    return f"{f.name}以第{f.figure('rank')}名进入前50名，调用量为{tokens(f.figure('tokens'))}。"


def leaver(f: Finding, form: str) -> str:
    if form == "item":
        return (f"前一周{fmt_zh.tokens_short(f.figure('tokens_prev'))}{fmt_zh.UNIT}，排名第"
                f"{f.figure('rank_prev')}")
    if form == "title":
        return f"{f.name}跌出前50名"
    return (f"{f.name}跌出前50名；前一周其排名第{f.figure('rank_prev')}，调用量为"
            f"{tokens(f.figure('tokens_prev'))}。")


WORDINGS = {
    "crossover": crossover, "record": record, "most-since": most_since, "leader": leader,
    "company-leader": company_leader, "streak": streak, "riser": mover("增加", "达到"),
    "faller": mover("减少", "降至"), "climber": climber, "entrant": entrant, "leaver": leaver,
}
