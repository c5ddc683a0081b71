"""English: the wording of every kind of finding, in one table (finding kind -> a function of
the finding and the form asked for). A second language is a package like this one, with the
same kinds and forms, listed in generator.findings.LANGUAGES."""

from __future__ import annotations

from generator.findings.en import charts, families, notes, story, weeks

WORDINGS = {**story.WORDINGS, **weeks.WORDINGS, **charts.WORDINGS, **families.WORDINGS,
            **notes.WORDINGS}
SENTENCE_GAP = " "
