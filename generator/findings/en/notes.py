"""English words of the notes about the figures themselves: weeks the source restated, and
contributors' corrections (generator.findings.facts), as an embed's note, a page's note and the
corrections feed's entries."""

from __future__ import annotations

from generator import fmt
from generator.findings.en.common import plural
from generator.findings.finding import Finding

ACTION_LABELS = {"override_tokens": "Tokens corrected", "drop": "Rows removed",
                 "reassign_author": "Developer corrected", "flag": "Flagged"}


def what(action: str, target: str, value: object) -> str:
    """What a correction does ('tokens of X set to 1,234'); escaped where it lands."""
    if action == "override_tokens":
        return f"tokens of {target} set to {int(str(value)):,}"
    if action == "drop":
        rows = "rows of" if "/" in target or target == "other" else "all models of author"
        return f"{rows} {target} removed"
    if action == "reassign_author":
        return f"{target} credited to author {value}"
    return f"{target} flagged, figures unchanged"


def sentence_end(text: str) -> str:
    return text if text[-1:] in ".!?" else f"{text}."


def restated(f: Finding, form: str) -> str:
    """An embed's note: which of its weeks the source restated."""
    when = fmt.long_date(f.figure("when"))
    if f.figure("count") == 1:
        which = f"the week of {fmt.week_range(f.week)} on {when}"
    else:
        which = (f"{f.figure('count')} of these weeks, most recently the week of "
                 f"{fmt.week_range(f.week)} on {when}")
    return f"Restated: the source revised its figures for {which}; this chart shows the " \
           "revised figures."


def corrected(f: Finding, form: str) -> str:
    """An embed's note: the contributors' corrections of its figures, the newest named."""
    done = what(f.figure("action"), f.figure("target"), f.figure("value"))
    day = fmt.long_date(f.figure("date"))
    if f.figure("count") == 1:
        verb = "Flagged" if f.figure("action") == "flag" else "Corrected"
        return f"{verb} on {day}: {done}. {sentence_end(f.figure('reason'))}"
    return (f"Corrected: {f.figure('count')} contributor corrections apply to these figures; "
            f"the latest, on {day}: {done}.")


def restated_week(f: Finding, form: str) -> str:
    """The corrections feed's entry of a restated week: 'title', 'summary', 'sentence'."""
    count = plural(f.figure("count"), "figure")
    week, as_of = fmt.week_range(f.week), fmt.long_date(f.figure("as_of"))
    if form == "title":
        return f"Week of {week} restated: {count} changed"
    if form == "summary":
        return f"The source restated {count} of the week of {week} as of {as_of}."
    replaced = ", ".join(fmt.long_date(day) for day in f.figure("replaced"))
    return (f"The source restated {count} of the week of {week}; the figures as of {as_of} "
            f"replace those as of {replaced}.")


def correction(f: Finding, form: str) -> str:
    """A contributor's correction: 'label' (its kind), 'what' it does, the weeks it touches
    ('weeks'), a feed's 'title' and 'summary', and 'rows' (how many weekly rows)."""
    action, target = f.figure("action"), f.figure("target")
    if form == "label":
        return ACTION_LABELS[action]
    done = what(action, target, f.figure("value"))
    if form == "what":
        return done
    last = f.figure("week_to") or f.week
    weeks = (f"the week of {fmt.week_range(f.week)}" if last == f.week else
             f"the weeks of {fmt.week_range(f.week)} to {fmt.week_range(last)}")
    if form == "weeks":
        return weeks
    if form == "title":
        return f"{ACTION_LABELS[action]}: {target}"
    if form == "rows":
        return plural(f.figure("rows"), "weekly row")
    return f"{fmt.sentence_case(done)}, in {weeks}. {f.figure('reason')}"


def embed(f: Finding, form: str) -> str:
    """The fixed phrases around a week's charts and lists: an embed's notes, 'latest' (an embed
    that follows the weeks) and its link to the version frozen at its week ('latest-label');
    'frozen' and its link to the latest version ('frozen-label'); the links of the notes on
    restatements and corrections; what a citation says of its version ('citation-frozen',
    'citation-latest'); what a week's movers are compared with ('movers-against')."""
    return {
        "latest": "Updated every week.",
        "latest-label": f"Version frozen at the week of {fmt.week_range(f.week)}",
        "frozen": (f"Frozen: the figures as published for the week of {fmt.week_range(f.week)}; "
                   "this chart does not change when later weeks are added."),
        "frozen-label": "Latest version",
        "restated-label": "Corrections and revisions",
        "citation-frozen": f"frozen at the week of {fmt.week_range(f.week)}",
        "citation-latest": "latest week",
        "movers-against": f"Compared with the week of {fmt.week_range(f.week)}",
        "corrected-label": "Corrections log",
    }[form]


WORDINGS = {"embed": embed, "restated": restated, "corrected": corrected,
            "restated-week": restated_week, "correction": correction}
