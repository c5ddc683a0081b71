"""Chinese words of the charts: each chart's finding (generator.findings.charts) as its alt text
('sentence') and its embed's headline ('title'), the words beside a one-week chart's number
('stat', 'stat-value'), keyed by finding kind as in generator.findings.en.charts."""

from __future__ import annotations

from datetime import date, timedelta

from generator import fmt_zh
from generator.findings.finding import Finding
from generator.findings.zh.common import (
    change,
    company_name,
    dated,
    fit,
    in_week,
    models,
    share,
    short_change,
    tokens,
)


def period(first_week: str, last_week: str) -> str:
    """'2025年1月6日至2026年4月5日': from the first Monday to the last week's Sunday."""
    end = date.fromisoformat(last_week) + timedelta(days=6)
    return f"{fmt_zh.long_date(first_week)}至{fmt_zh.long_date(end)}"


def up_to(f: Finding, what: str) -> str:
    """'截至2026年3月2日至8日当周的按国家统计的周调用量。'"""
    return f"截至{in_week(f.week)}的{what}。"


def country_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"按来源国家统计的周调用量，{in_week(f.week)}" if form == "title"
                else up_to(f, "按国家统计的周调用量"))
    if form == "title":
        lead = f"{models(f.subject)}调用量最高"
        return fit(*dated(lead, f.week, f"：{tokens(f.figure('tokens'))}"), lead)
    text = f"{in_week(f.week)}，{models(f.subject)}的调用量为{tokens(f.figure('tokens'))}"
    if f.figure("change") is not None:
        text += f"，{change(f.figure('change'))}"
    if f.other:
        text += f"，领先于{models(f.other)}的{tokens(f.figure('other_tokens'))}"
        if f.figure("other_change") is not None:
            text += f"（{change(f.figure('other_change'))}）"
    return text + "。"


def share_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"按国家统计的{fmt_zh.OF_KNOWN}份额，{in_week(f.week)}" if form == "title"
                else up_to(f, "按国家统计的Token份额"))
    now, before = f.figure("share"), f.figure("share_before")
    if form == "title":  # the subtitle names the base in full
        took = f"{models(f.subject)}{share(now, 'known')}"
        moved = ""
        if before is not None and fmt_zh.percent(before) != fmt_zh.percent(now):
            moved = (f"，较前一周的{fmt_zh.percent(before)}"
                     f"{'上升' if now > before else '下降'}")
        return fit(*dated(took, f.week, moved)[:2], f"{took}{moved}", took)
    took = f"{in_week(f.week)}，{models(f.subject)}{share(now, 'known')}"
    if before is not None:
        took += f"，前一周为{fmt_zh.percent(before)}"
    if f.other:
        took += f"；{models(f.other)}占{fmt_zh.percent(f.figure('other_share'))}"
    return took + "。"


def company_lead(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"按公司统计的周调用量，{in_week(f.week)}" if form == "title"
                else up_to(f, "按公司统计的周调用量"))
    count, name = tokens(f.figure("tokens")), company_name(f.name)
    if form == "title":
        led = f"{name}的调用量在所有公司中最高"
        return fit(*dated(led, f.week, f"，为{count}"), led)
    text = f"{in_week(f.week)}，{name}的模型调用量为{count}，在所有公司中最高"
    if f.figure("change") is not None:
        text += f"，{change(f.figure('change'))}"
    if f.other:
        text += f"；{company_name(f.other_name)}次之，为{tokens(f.figure('other_tokens'))}"
    return text + "。"


def top_model(f: Finding, form: str) -> str:
    if not f.subject:
        return (f"调用量最高的模型，{in_week(f.week)}" if form == "title"
                else f"{in_week(f.week)}没有模型进入排名。")
    count = tokens(f.figure("tokens"))
    lead = (f"{in_week(f.week)}，{f.name}是调用量最高的模型，调用量为{count}"
            f"（{share(f.figure('share'))}）")
    if form == "title":
        top = f"{f.name}是调用量最高的模型"
        return fit(lead, *dated(top, f.week, f"，调用量为{count}"), top)
    others = [f"{name}（{tokens(value)}）" for name, value in f.figure("next")]
    return lead + ("，领先于" + "和".join(others) if others else "") + "。"


def growth(f: Finding, form: str) -> str:
    rows = f.figure("rows")
    if not rows:
        return (f"尚无环比变化：数据始于{in_week(f.week)}" if form == "title"
                else f"尚无环比变化可显示：数据只有一周，即{fmt_zh.week_range(f.week)}。")
    if form == "title":
        moves = [f"{models(code)}调用量{change(value, prefix='' if i else '环比')}"
                 for i, (code, value) in enumerate(rows)]
        told = "，".join(moves)
        return fit(f"{fmt_zh.week_range(f.week)}当周：{told}",
                   f"{fmt_zh.week_short(f.week)}当周：{told}", told, moves[0])
    (lead, value), *others = rows
    text = f"{in_week(f.week)}，{models(lead)}的调用量{change(value)}"
    for code, other in others:
        text += f"；{models(code)}的调用量{short_change(other)}"
    return text + "。"


def rank_lead(f: Finding, form: str) -> str:
    count = f.figure("count")
    if form == "title":
        if f.figure("weeks") == 1 or not count:
            return fit(*dated(f"前{count}名模型", f.week, "：排名变化从第二周起显示"))
        if f.figure("climbed"):
            gap = (date.fromisoformat(f.week) - date.fromisoformat(f.figure("climb_since"))
                   ).days // 7
            moved = f"{gap}周内从第{f.figure('climb_from')}名升至第{f.figure('climb_to')}名"
            return fit(f"{f.name}在本周前{count}名中上升最多：{moved}", f"{f.name}{moved}",
                       f"{f.name}上升最多")
        led = f"{f.figure('leader_name')}在前{count}名中排名第一"
        return fit(*dated(led, f.week, "；其中没有模型排名上升"), led)
    if not count:
        return f"{in_week(f.week)}没有模型进入排名。"
    text = f"{in_week(f.week)}，{f.figure('leader_name')}排名第一"
    before = f.figure("rank_before")
    if before is not None:
        text += ("，新进入前50名" if before == "out" else "，与前一周相同"
                 if before == 1 else f"，前一周为第{before}名")
    if f.figure("climbed") and f.subject != f.figure("leader"):
        text += (f"；{f.name}上升最多，从{in_week(f.figure('climb_since'))}的第"
                 f"{f.figure('climb_from')}名升至第{f.figure('climb_to')}名")
    return text + "。"


def free_share(f: Finding, form: str) -> str:
    percent = fmt_zh.percent(f.figure("share"))
    if form == "stat-value":
        return percent
    if form == "stat":
        return f"{in_week(f.week)}，全部Token中流向免费版本的份额"
    took = f"免费版本{share(f.figure('share'))}"
    if form == "title":
        return fit(*dated(took, f.week))
    text = f"{in_week(f.week)}，{took}（{tokens(f.figure('tokens'))}）"
    if f.figure("weeks") > 1:
        text += f"，前一周为{fmt_zh.percent(f.figure('share_before'))}"
        if f.figure("peak_week") != f.week:
            text += (f"；其最高份额为{fmt_zh.percent(f.figure('peak'))}，出现在"
                     f"{in_week(f.figure('peak_week'))}")
    return text + "。"


def left_out(f: Finding) -> str:
    """'3个免费模型和2个无已知标价的模型'."""
    parts = []
    if f.figure("free"):
        parts.append(f"{f.figure('free')}个免费模型")
    if f.figure("unknown"):
        parts.append(f"{f.figure('unknown')}个无已知标价的模型")
    return "和".join(parts)


def price_lead(f: Finding, form: str) -> str:
    if form == "stat-value":
        return "0"
    if form == "stat":
        return f"个模型有付费标价（{in_week(f.week)}）"
    if not f.subject:
        return (f"Token调用量与标价，{in_week(f.week)}" if form == "title"
                else f"{in_week(f.week)}，进入排名的模型均无付费标价。")
    price = fmt_zh.price(f.figure("price"))
    lists = f"每百万输出Token标价{price}"
    if form == "title":
        paid = f"{f.name}是有付费标价的模型中调用量最高的"
        return fit(*dated(paid, f.week, f"，{lists}"), f"{f.name}是调用量最高的付费模型，{lists}",
                   f"{f.name}{lists}")
    text = (f"{in_week(f.week)}，有付费标价的模型中调用量最高的是{f.name}"
            f"（{tokens(f.figure('tokens'))}），{lists}")
    if f.figure("count") > 1:
        (cheap, low), (dear, high) = f.figure("cheapest"), f.figure("dearest")
        text += (f"；{f.figure('count')}个有付费标价的模型价格从{fmt_zh.price(low)}（{cheap}）"
                 f"到{fmt_zh.price(high)}（{dear}）不等")
    return text + "。"


def stat_of(value: str, words: str, form: str) -> str:
    return value if form == "stat-value" else words


def growth_stat(f: Finding, form: str) -> str:
    return stat_of("1周", f"的数据（{fmt_zh.week_range(f.week)}）：环比变化需要前一周的数据",
                   form)


def rank_stat(f: Finding, form: str) -> str:
    return stat_of("1周", f"的排名（{fmt_zh.week_range(f.week)}）：排名变化从第二周起显示", form)


WORDINGS = {
    "country-lead": country_lead, "share-lead": share_lead, "company-lead": company_lead,
    "top-model": top_model, "growth": lambda f, form: (
        growth_stat(f, form) if form.startswith("stat") else growth(f, form)),
    "rank-lead": lambda f, form: (
        rank_stat(f, form) if form.startswith("stat") else rank_lead(f, form)),
    "free-variants": free_share, "price-lead": price_lead,
}
