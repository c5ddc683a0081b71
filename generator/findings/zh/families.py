"""Chinese words of what each chart family is (a ``chart`` finding, generator.findings.charts:
its subject is the family): its title and caption, its embed's subtitle and the sentence its alt
text ends with, as in generator.findings.en.families. Also the caveats an embed notes."""

from __future__ import annotations

from generator import fmt_zh
from generator.findings.en.families import FamilyWords
from generator.findings.finding import Finding
from generator.findings.zh.charts import left_out, period
from generator.findings.zh.common import company_name, in_week


def since(f: Finding) -> str:
    return fmt_zh.week_range(f.figure("first"))


ENTITY_CAPTIONS = {
    "model": "在OpenRouter上进入前50名期间的每周调用量",
    "company": "该公司进入前50名的模型的每周调用量",
    "country": "该国开发的前50名模型的每周调用量",
}


def entity_name(f: Finding) -> str:
    """The chart's model, company or country as the Chinese edition names it (the English
    ``title_name`` holds an English country name)."""
    entity, name = f.figure("entity"), f.figure("name")
    if entity == "country":
        return fmt_zh.country_name(name)
    return company_name(name) if entity == "company" else name


def entity_subtitle(f: Finding) -> str:
    entity = f.figure("entity")
    if entity == "model":
        return "在OpenRouter上进入前50名期间的每周调用量"
    where = (f"{entity_name(f)}进入排名的模型" if entity == "company"
             else f"{entity_name(f)}开发的进入排名的模型")
    return f"{where}在OpenRouter上的每周调用量"


def top_models_subtitle(f: Finding, count: int) -> str:
    return f"{in_week(f.week)}，OpenRouter上调用量最高的{count}个模型的调用量，按开发者所在国家着色"


def left_out_words(f: Finding) -> str:
    return f"；未计入：{left_out(f)}" if left_out(f) else ""


HISTORY = FamilyWords(title=lambda f: f"{entity_name(f)}：周调用量",
                      caption=lambda f: ENTITY_CAPTIONS[f.figure("entity")],
                      subtitle=entity_subtitle)

FAMILIES = {
    "tokens-by-country": FamilyWords(
        title=lambda f: "按来源国家统计的周调用量",
        caption=lambda f: ("OpenRouter上按模型开发者所在国家统计的每周调用量：中国、美国及其他所有"
                           "国家合计；灰色为前50名以外的模型和国家未知的模型"),
        subtitle=lambda f: ("OpenRouter上中国、美国及其他国家模型的每周调用量，以及国家未知的模型"
                            "（前50名以外或开发者未知）的调用量"),
        form=lambda f: (f"堆叠面积图，显示自{since(f)}当周以来中国、美国及其他国家模型的"
                        "每周调用量。")),
    "country-share": FamilyWords(
        title=lambda f: "按来源国家统计的Token份额",
        caption=lambda f: f"每周各国占{fmt_zh.OF_KNOWN}的份额",
        subtitle=lambda f: f"各国占{fmt_zh.OF_KNOWN}的份额（%），按周",
        form=lambda f: f"折线图，显示自{since(f)}当周以来各国的份额。"),
    "tokens-by-company": FamilyWords(
        title=lambda f: "按公司统计的周调用量",
        caption=lambda f: ("最近一周调用量最高的十家公司在OpenRouter上的每周调用量，其余公司合计为"
                           "浅色描边带"),
        subtitle=lambda f: "最近一周调用量最高的十家公司在OpenRouter上的每周调用量，其余合计",
        form=lambda f: f"堆叠面积图，显示自{since(f)}当周以来各公司的每周调用量。"),
    "top-models": FamilyWords(
        title=lambda f: f"{in_week(f.week)}调用量最高的模型",
        caption=lambda f: "当周在OpenRouter上的调用量，按开发者所在国家着色",
        subtitle=lambda f: top_models_subtitle(f, f.figure("count")),
        narrow_subtitle=lambda f: top_models_subtitle(
            f, min(f.figure("count"), f.figure("narrow_top") or f.figure("count"))),
        form=lambda f: (f"柱状图，显示调用量最高的{f.figure('count')}个模型，按开发者所在"
                        "国家着色。")),
    "country-growth": FamilyWords(
        title=lambda f: "环比变化：中国模型与美国模型",
        caption=lambda f: "各国周调用量较前一周的变化（%）",
        subtitle=lambda f: ((fmt_zh.listing([fmt_zh.country_models(c)
                                             for c in f.figure("countries")]) or "各国")
                            + "的周调用量较前一周的变化"),
        form=lambda f: f"折线图，显示自{since(f)}当周以来各国调用量的环比变化。"),
    "rank-movement": FamilyWords(
        title=lambda f: f"本周前{f.figure('count')}名模型的排名变化",
        caption=lambda f: (f"{in_week(f.week)}前{f.figure('count')}名模型在OpenRouter上按调用量"
                           "的每周排名；头条提到的模型以彩色显示"),
        subtitle=lambda f: f"最近一周前{f.figure('count')}名模型在OpenRouter上按调用量的每周排名",
        form=lambda f: (f"凹凸图，显示最近一周前{f.figure('count')}名模型自{since(f)}当周以来"
                        f"{f.figure('weeks')}周的排名。")),
    "free-share": FamilyWords(
        title=lambda f: "流向免费版本的Token份额",
        caption=lambda f: "进入排名的模型的免费（:free）版本占全部Token的份额，按周",
        subtitle=lambda f: f"进入排名的免费（:free）版本占{fmt_zh.OF_ALL}的份额，按周",
        form=lambda f: "折线图，显示每周的份额。"),
    "price-vs-usage": FamilyWords(
        title=lambda f: f"Token调用量与标价，{in_week(f.week)}",
        caption=lambda f: ("各模型当周的调用量与其每百万输出Token标价，两轴均为对数刻度；有付费"
                           "标价的模型中调用量最高的以彩色显示" + left_out_words(f)),
        subtitle=lambda f: (f"{in_week(f.week)}，OpenRouter上各模型的调用量与其每百万输出Token"
                            "标价，两轴均为对数刻度；免费模型和无已知标价的模型未计入"),
        form=lambda f: "散点图，显示调用量与输出价格，两轴均为对数刻度" + left_out_words(f) + "。"),
    "model": HISTORY, "company": HISTORY, "country": HISTORY,
}


def ended(label: str) -> str:
    """A label as a sentence: '。' added unless it ends with a full stop already."""
    return label if label.endswith(("。", ".")) else f"{label}。"


def chart(f: Finding, form: str) -> str:
    """A chart family's words: 'title', 'caption', 'subtitle' (with its period; of its narrow
    drawing: 'subtitle-narrow'), 'sentence' (the end of its alt text)."""
    words = FAMILIES[f.subject]
    if form == "title":
        return words.title(f)
    if form == "caption":
        return words.caption(f)
    if form in ("subtitle", "subtitle-narrow"):
        said = (words.narrow_subtitle if form == "subtitle-narrow" and words.narrow_subtitle
                else words.subtitle)(f)
        return f"{said}；{period(f.figure('first'), f.figure('last') or f.week)}" \
            if f.figure("period") else said
    parts = [words.form(f)] if f.figure("weeks") > 1 else []
    for week, label, _ in f.figure("marks") or ():
        parts.append(f"实线标出{in_week(week)}：{ended(label)}")
    events = f.figure("events") or ()
    if events:
        parts.append("虚线标出有日期的事件：" + "；".join(
            f"{label}（{fmt_zh.long_date(day)}）" for day, label, _ in events) + "。")
    return "".join(part for part in parts if part)


# ---------------------------------------------------------------- caveats (an embed's notes)

CAVEATS = {
    "known-base": ("份额不含前50名以外的模型和国家未知的模型。", ""),
    "rank-floor": ("排名低于第{floor}名的模型同在最底一行；空缺表示该周未进入前50名。", ""),
    "country": ("国家：指开发者总部所在地，而非模型运行地。", ""),
    "tokens": ("仅为一家路由平台（OpenRouter）的公开流量，并非整个市场。", ""),
    "price": ("标价并非用户实际支付的价格。", "标价能说明什么、不能说明什么"),
}


def caveat(f: Finding, form: str) -> str:
    """A caveat (its subject a key of CAVEATS): 'note' its text, 'label' its link's words."""
    text, label = CAVEATS[f.subject]
    return label if form == "label" else text.format(**f.figures)


WORDINGS = {"chart": chart, "caveat": caveat}
