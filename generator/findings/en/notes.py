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


def revised(f: Finding, form: str) -> str:
    """An embed's one line on its figures' revisions ('note', then its link's words, 'label'):
    corrected or flagged by contributors, restated by the source. The corrections log has
    each one; the embed only points to it."""
    if form == "label":
        return "see the corrections log"
    corrected, flags, restated = (f.figure(name) for name in ("corrected", "flags", "restated"))
    done = [("Figures flagged by contributors" if flags == corrected else
             "Figures corrected by contributors")] if corrected else []
    if restated:
        done.append("revised by the source" if done else "Figures revised by the source")
    return " and ".join(done) + ":"


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
    """A contributor's correction: 'label' (its kind; 'label-in-heading' within a heading),
    'what' it does, the weeks it touches ('weeks'), a feed's 'title' and 'summary', and 'rows'
    (how many weekly rows)."""
    action, target = f.figure("action"), f.figure("target")
    if form == "label":
        return ACTION_LABELS[action]
    if form == "label-in-heading":
        return ACTION_LABELS[action].lower()  # inside a heading's sentence
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
    'frozen' and its link to the latest version ('frozen-label'); what a citation says of its
    version ('citation-frozen', 'citation-latest'); what a week's movers are compared with
    ('movers-against')."""
    return {
        "latest": "Updated every week.",
        "latest-label": "Frozen version",
        "frozen": f"Frozen as published for the week of {fmt.week_range(f.week)}.",
        "frozen-label": "Latest version",
        "citation-frozen": f"frozen at the week of {fmt.week_range(f.week)}",
        "citation-latest": "latest week",
        "movers-against": f"Compared with the week of {fmt.week_range(f.week)}",
    }[form]


WORDINGS = {"embed": embed, "revised": revised,
            "restated-week": restated_week, "correction": correction}
