"""Chinese words of the standing findings (generator.findings.facts): a week's total, its
China/U.S. figures, its most used models and coverage, the headline cards, each model's,
company's and country's week and history, and spend at list prices."""

from __future__ import annotations

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


def on_the_week(f: Finding) -> str:
    """A card's change: '环比上涨4.1%', '数据首周'."""
    if f.figure("first_week"):
        return "数据首周"
    return change(f.figure("change"))


def week_total(f: Finding, form: str) -> str:
    """'2026年3月2日至8日当周，OpenRouter上AI模型的总调用量为30.7万亿Token，环比上涨30.8%。'"""
    if form == "card-label":
        return "全部模型"
    if form == "card-value":
        return fmt_zh.tokens_words(f.figure("tokens"))
    if form == "card-change":
        return on_the_week(f)
    if f.figure("first_week"):
        compared = "（这是数据中的第一周，此前无数据可比）"
    else:
        compared = f"，{change(f.figure('change'))}"
    return (f"{in_week(f.week)}，OpenRouter上AI模型的总调用量为{tokens(f.figure('tokens'))}"
            f"{compared}。")


def week_country(f: Finding, form: str) -> str:
    """A story country's card: label, value, and change with the base of its share."""
    if form == "card-label":
        return models(f.subject)
    if form == "card-value":
        return fmt_zh.tokens_words(f.figure("tokens"))
    return f"{on_the_week(f)} · {share(f.figure('share'), 'known')}"


def versus(f: Finding) -> str:
    """'（上涨7.4%）' after a figure; nothing in the first week of the data."""
    if f.figure("first_week"):
        return ""
    if f.figure("change") is None:
        return "（前一周未进入前50名）"
    return f"（{change(f.figure('change'))}）"


def countries(f: Finding, form: str) -> str:
    """The China/U.S. sentence, with the base of the shares said ('sentence'); the week's
    finding in a line when it has no story ('title'). The larger of the two comes first."""
    present, missing = f.figure("present"), f.figure("missing")
    if form == "title":
        return countries_title(f)
    if not present:
        names = "或".join(fmt_zh.country_name(code) for code in missing)
        return f"本周没有{names}模型进入前50名。"
    lead = present[0]
    opened = f"{models(lead.subject)}的周调用量为{tokens(lead.figure('tokens'))}"
    moved = "" if lead.figure("first_week") else f"，{change(lead.figure('change'))}"
    if not lead.figure("first_week") and lead.figure("change") is None:
        moved = "，前一周没有模型进入前50名"
    if len(present) == 1:
        return (f"{opened}{moved}，{share(lead.figure('share'), 'known')}；没有"
                f"{fmt_zh.country_name(missing[0])}模型进入前50名。")
    trail = present[1]
    return (f"{opened}{moved}；{models(trail.subject)}为{tokens(trail.figure('tokens'))}"
            f"{versus(trail)}。在{fmt_zh.OF_KNOWN}中，{models(lead.subject)}占"
            f"{fmt_zh.percent(lead.figure('share'))}，{models(trail.subject)}占"
            f"{fmt_zh.percent(trail.figure('share'))}。")


def countries_title(f: Finding) -> str:
    present = f.figure("present")
    total = f.figure("total")
    if present:
        lead = present[0]
        who, count, moved = models(lead.subject), lead.figure("tokens"), lead
    else:
        who, count, moved = "AI模型", total.figure("tokens"), total
    if moved.figure("first_week"):
        tail = "（数据首周）"
    elif moved.figure("change") is None:
        tail = "，前一周未进入前50名"
    else:
        tail = f"，{change(moved.figure('change'))}"
    return f"{who}周调用量{tokens(count)}{tail}"


def top_models(f: Finding, form: str) -> str:
    """'调用量最高的4个模型依次为A（中国）、B（美国）、C（中国）和D（法国）。'"""
    named = [f"{name}（{fmt_zh.country_name(country)}）" for name, country in f.figure("models")]
    if not named:
        return ""
    if len(named) == 1:
        return f"调用量最高的模型是{named[0]}。"
    return f"调用量最高的{len(named)}个模型依次为{fmt_zh.listing(named)}。"


def top_companies(f: Finding, form: str) -> str:
    """'2026年3月2日至8日当周，OpenRouter上模型调用量最高的公司：A（7.36万亿Token，上涨4.1%）、…'"""
    named = [f"{company_name(name)}（{tokens(count)}，{short_change(moved)}）"
             for name, count, moved in f.figure("companies")]
    if not named:
        return "按模型开发公司统计的AI周调用量。"
    return f"{in_week(f.week)}，OpenRouter上模型调用量最高的公司：{fmt_zh.listing(named)}。"


def coverage(f: Finding, form: str) -> str:
    other = f.figure("other_tokens")
    if form == "card-label":
        return f"前50名模型{share_words()}"
    if form == "card-value":
        return fmt_zh.percent(f.figure("coverage"))
    if form == "card-change":
        return f"{tokens(other)}流向前50名以外的模型"
    return (f"{tokens(other)}（{share(f.figure('other_share'))}）流向前50名以外的模型，因此本排名"
            f"覆盖了当周{fmt_zh.percent(f.figure('coverage'))}的Token。")


def share_words() -> str:
    return f"占{fmt_zh.OF_ALL}的份额"


def weeks_index(f: Finding) -> dict[str, str]:
    """The Rankings pages' lists of weeks: ``f.week`` the first week, figures ``weeks`` (how
    many there are) and ``shown`` (how many a list shows)."""
    weeks, shown = f.figure("weeks"), f.figure("shown")
    listed = f"全部Token调用量、环比变化、调用量最高的模型，以及前50名模型{share_words()}"
    since = f"自{fmt_zh.week_range(f.week)}当周以来"
    return {
        "caption": f"每一周：{listed}",
        "recent-caption": f"最近{shown}周：{listed}",
        "link": f"{since}的每一周：共{weeks}周",
        "intro": f"自开始追踪以来的全部{weeks}周，最新的在前。每一周都链接到当周排名。",
        "description": f"{since}的每一周：OpenRouter上的{listed}。",
    }


def subject_of(f: Finding) -> str:
    """How a finding about one model, company or country names it."""
    entity = f.figure("entity")
    if entity == "country":
        return models(f.subject)
    if entity == "company":
        return f"{company_name(f.name)}的模型"
    return f.name


def entity_week(f: Finding, form: str) -> str:
    """A model's, company's or country's latest week: the page's opening sentence and
    description ('sentence'), its history embed's headline ('title')."""
    entity, current = f.figure("entity"), f.figure("current")
    count = tokens(f.figure("tokens"))
    if form == "title":
        return entity_title(f, count)
    if entity == "model":
        return model_lede(f)
    when = in_week(f.week) + ("" if current else "（其最后一次进入前50名）")
    text = f"{when}，{subject_of(f)}在OpenRouter上的调用量为{count}，{change(f.figure('change'))}"
    if entity == "company":
        return f"{text}。"
    return f"{text}，{share(f.figure('share'), 'known')}。"


def model_lede(f: Finding) -> str:
    """A model page's opening sentence (and description): '2026年3月2日至8日当周，Qwen3 Coder
    （Alibaba，中国）在OpenRouter上的调用量为1.2万亿Token，在前50名中排名第7，环比上涨4.1%。'"""
    company, country = f.figure("company"), f.figure("country")
    where = fmt_zh.country_name(country) if country else fmt_zh.NO_COUNTRY
    who = f"{f.name}（{company_name(company)}，{where}）" if company else f"{f.name}（{where}）"
    count, rank = tokens(f.figure("tokens")), f.figure("rank")
    if not f.figure("current"):
        return (f"{who}最后一次进入前50名是在{in_week(f.week)}，当时在OpenRouter上的调用量为"
                f"{count}，排名第{rank}，{change(f.figure('change'))}。")
    return (f"{in_week(f.week)}，{who}在OpenRouter上的调用量为{count}，在前50名中排名第{rank}，"
            f"{change(f.figure('change'))}。")


def entity_title(f: Finding, count: str) -> str:
    """A history embed's headline: the fullest wording that fits (common.fit)."""
    entity, current, rank = f.figure("entity"), f.figure("current"), f.figure("rank")
    if entity == "model" and current:
        ranked = f"{f.name}排名第{rank}"
        return fit(*dated(ranked, f.week, f"，调用量为{count}"), ranked)
    if entity == "model":
        last = f"{f.name}最后一次进入前50名"
        return fit(*dated(last, f.week, f"，排名第{rank}")[:2], *dated(last, f.week))
    if not current:
        return fit(*dated(f"{subject_of(f)}最后一次进入前50名", f.week))
    did = f"{subject_of(f)}的调用量为{count}"
    return fit(f"{in_week(f.week)}，{did}，{share(f.figure('share'), 'known')}",
               *dated(did, f.week)[:2], f"最近一周，{did}")


def history(f: Finding, form: str) -> str:
    """A history chart's alt text ('sentence'), or the words beside its number when it has one
    week ('stat')."""
    entity, weeks = f.figure("entity"), f.figure("weeks")
    if form == "stat-value":
        return fmt_zh.tokens_words(f.figure("tokens"))
    if form == "stat":
        only = "其唯一一次进入前50名" if entity == "model" else "其模型唯一一次进入前50名"
        return f"Token，{in_week(f.week)}，{only}"
    ranked = f"，排名第{f.figure('rank')}" if entity == "model" else ""
    count = tokens(f.figure("tokens"))
    if weeks == 1:
        return f"{in_week(f.week)}，{subject_of(f)}的调用量为{count}{ranked}。"
    text = f"最近一周（{fmt_zh.week_range(f.week)}），{subject_of(f)}的调用量为{count}{ranked}"
    if f.figure("change") is not None:
        text += f"，{change(f.figure('change'))}"
    if f.figure("peak_week") == f.week:
        text += "；这是其峰值"
    else:
        text += f"；其峰值为{in_week(f.figure('peak_week'))}的{tokens(f.figure('peak'))}"
    return text + f"。柱状图显示其进入前50名的{weeks}周。"


def spend(f: Finding, form: str) -> str:
    """Spend at list prices: of the week's models with a known country (no ``entity``), or of a
    country's or company's."""
    entity, priced = f.figure("entity"), f.figure("priced_tokens")
    spent = fmt_zh.usd_range(f.figure("spend_low"), f.figure("spend_high"))
    why = "之所以是一个区间，是因为数据源将输入（prompt）和输出（completion）Token合并计数"
    if not entity:
        if not priced:
            return "本周没有已知国家的模型有已知标价，因此不估算花费。"
        unpriced = f.figure("unpriced_tokens")
        left = (f"没有已知标价的模型未计入（本周{tokens(unpriced)}）。" if unpriced else
                "本周这些模型均有已知标价。")
        return (f"按OpenRouter的标价计算，本周已知国家模型的Token估计花费{spent}。{why}：下限按"
                "每个模型两种价格中较低者（几乎总是输入价格）计算全部Token，上限按较高者计算。"
                f"{left}下文中，Token份额指占{fmt_zh.OF_KNOWN}的份额，花费份额指占已计入模型"
                "估计花费的份额。")
    if not priced:
        return "这些模型本周均无已知标价，因此不估算花费。"
    whose = models(f.subject) if entity == "country" else f"{company_name(f.subject)}的模型"
    unpriced = f.figure("unpriced_tokens")
    left = f"；没有已知标价的模型的{tokens(unpriced)}未计入" if unpriced else ""
    shares = fmt_zh.percent_range(f.figure("spend_share_low"), f.figure("spend_share_high"))
    return (f"按OpenRouter的标价计算，本周{whose}的Token估计花费{spent}，占已知国家且有已知标价"
            f"模型估计花费的{shares}（其Token占已知国家模型Token的"
            f"{fmt_zh.percent(f.figure('share_of_attributed'))}）{left}。{why}。")


def week_title(f: Finding, form: str) -> str:
    """A week's feed title: '【2026年3月16日至22日当周】<the headline's title>' (the week in a
    headline's lenticular brackets, as Chinese newsrooms date a headline)."""
    return f"【{in_week(f.week)}】{f.figure('headline')}"


WORDINGS = {
    "week-title": week_title, "week-total": week_total, "week-country": week_country,
    "countries": countries, "most-used": top_models, "top-companies": top_companies,
    "coverage": coverage, "weeks-index": lambda f, form: weeks_index(f)[form],
    "entity-week": entity_week, "history": history, "spend": spend,
}
