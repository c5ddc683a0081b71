"""Chinese words of the notes about the figures themselves: weeks the source restated, and
contributors' corrections (generator.findings.facts), as an embed's note, a page's note and the
corrections feed's entries."""

from __future__ import annotations

from datetime import date, timedelta

from generator import fmt_zh
from generator.findings.finding import Finding
from generator.findings.zh.common import in_week

ACTION_LABELS = {"override_tokens": "Token数已更正", "drop": "数据行已删除",
                 "reassign_author": "开发者已更正", "flag": "已标记"}


def what(action: str, target: str, value: object) -> str:
    """What a correction does ('X的Token数改为1,234'); escaped where it lands."""
    if action == "override_tokens":
        return f"{target}的Token数改为{int(str(value)):,}"
    if action == "drop":
        if "/" in target or target == "other":
            return f"{target}的数据行已删除"
        return f"作者{target}的全部模型已删除"
    if action == "reassign_author":
        return f"{target}改为归属作者{value}"
    return f"{target}已标记，数字未改动"


def weeks_of(first: str, last: str) -> str:
    """'2026年2月2日至3月8日的各周': from the first week's Monday to the last one's Sunday."""
    end = date.fromisoformat(last) + timedelta(days=6)
    return f"{fmt_zh.span(date.fromisoformat(first), end, True)}的各周"


def revised(f: Finding, form: str) -> str:
    """An embed's one line on its figures' revisions ('note', then its link's words,
    'label'): '数字经贡献者更正，并经数据源修订：'."""
    if form == "label":
        return "见更正日志"
    corrected, flags, restated = (f.figure(name) for name in ("corrected", "flags", "restated"))
    done = [("数字经贡献者标记" if flags == corrected else "数字经贡献者更正")] if corrected else []
    if restated:
        done.append("并经数据源修订" if done else "数字经数据源修订")
    return "，".join(done) + "："


def restated_week(f: Finding, form: str) -> str:
    """The corrections feed's entry of a restated week: 'title', 'summary', 'sentence'."""
    count = f"{f.figure('count')}个数字"
    week, as_of = in_week(f.week), fmt_zh.long_date(f.figure("as_of"))
    if form == "title":
        return f"{week}数据经重述：{count}有变动"
    if form == "summary":
        return f"数据源重述了{week}的{count}，截至{as_of}。"
    replaced = "、".join(fmt_zh.long_date(day) for day in f.figure("replaced"))
    return f"数据源重述了{week}的{count}；截至{as_of}的数字取代了截至{replaced}的数字。"


def correction(f: Finding, form: str) -> str:
    """A contributor's correction: 'label' (its kind; 'label-in-heading' within a heading),
    'what' it does, the weeks it touches ('weeks'), a feed's 'title' and 'summary', and 'rows'
    (how many weekly rows)."""
    action, target = f.figure("action"), f.figure("target")
    if form == "label":
        return ACTION_LABELS[action]
    if form == "label-in-heading":
        return ACTION_LABELS[action]
    done = what(action, target, f.figure("value"))
    if form == "what":
        return done
    last = f.figure("week_to") or f.week
    weeks = in_week(f.week) if last == f.week else weeks_of(f.week, last)
    if form == "weeks":
        return weeks
    if form == "title":
        return f"{ACTION_LABELS[action]}：{target}"
    if form == "rows":
        return f"{f.figure('rows')}个周数据行"
    return f"{done}，涉及{weeks}。{f.figure('reason')}"


def embed(f: Finding, form: str) -> str:
    """The fixed phrases around a week's charts and lists (see generator.findings.en.notes)."""
    week = in_week(f.week)
    return {
        "latest": "每周更新。",
        "latest-label": "固定版本",
        "frozen": f"按{week}发布时的数据固定。",
        "frozen-label": "最新版本",
        "citation-frozen": f"固定于{week}",
        "citation-latest": "最新一周",
        "movers-against": f"与{week}相比",
    }[form]


WORDINGS = {"embed": embed, "revised": revised,
            "restated-week": restated_week, "correction": correction}
