"""Simplified Chinese: the wording of every kind of finding, in one table (finding kind -> a
function of the finding and the form asked for), the counterpart of generator.findings.en with
the same kinds and forms, worded as Chinese tech newsrooms write (周调用量, 环比上涨, 万亿,
3月16日至22日, "Token" kept as the unit word), its figures from generator.fmt_zh."""

from __future__ import annotations

from generator.findings.zh import charts, families, notes, story, weeks

WORDINGS = {**story.WORDINGS, **weeks.WORDINGS, **charts.WORDINGS, **families.WORDINGS,
            **notes.WORDINGS}
SENTENCE_GAP = ""  # a Chinese full stop (。) takes its own room
