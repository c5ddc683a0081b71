"""Page families: each module takes what it needs from the Site, builds a context dict, renders
a Jinja2 template (StrictUndefined) into Markdown under site_src/, and writes it if it changed.
Pages are written once, after the charts' specs (and so their sizes) and the embeds are known.

Every sentence a page states about a figure comes into its context worded, as plain text, by
the findings layer (generator.findings); templates escape it (``|md``, ``|attr``, ``|front``)
and call no Python for words. Filters format the numbers of table cells. Every other word of a
page (headings, captions, column heads, link texts) is a UI phrase of the writer's language,
``t`` in the templates (generator/phrases)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
import pandas as pd

from generator import fmt, phrases
from generator.charts.catalogue import Chart
from generator.charts.families import HOME
from generator.editions import FORMATTED, WORDS, edition
from generator.embeds import Embeds
from generator.files import write_text_if_changed
from generator.findings import say
from generator.findings.finding import Finding
from generator.pages import sharing
from generator.paths import new_issue_url
from generator.site import Site
from generator.tableio import records


def page_roots(source: str) -> tuple[str, str]:
    """Prefixes that lead back to the docs root from a page: one for Markdown links (relative to
    the source file) and one for raw HTML (relative to the page's URL, directory-style)."""
    path = PurePosixPath(source)
    md_depth = len(path.parent.parts)
    url_depth = md_depth if path.name == "index.md" else md_depth + 1
    return "../" * md_depth, "../" * url_depth or "./"


@dataclass
class PageWriter:
    site_src: Path
    templates: Path
    site: Site
    charts: dict[str, Chart]
    embeds: Embeds
    language: str = "en"  # which table of UI phrases the templates read (generator/phrases)
    written: set[Path] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown output: every outside string goes through |md or |attr
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        formatter = edition(self.language)
        self.fmt = formatter.fmt  # its numbers, dates and country names (generator/editions.py)
        self.env.filters.update({"md": fmt.md, "attr": fmt.attr, "code": fmt.code,
                                 "front": fmt.front, "sentence_case": fmt.sentence_case})
        self.env.filters.update({name: formatter.formatted(name) for name in FORMATTED})
        self.env.globals.update({name: formatter.formatted(name) for name in FORMATTED})
        self.env.globals.update({"sample_notice": formatter.formatted("SAMPLE_NOTICE"),
                                 **{name: formatter.formatted(name) for name in WORDS},
                                 "charts": self.charts, "embeds": self.embeds})
        self.env.globals["t"] = phrases.table(self.language)  # {{ t.week_by_week }}
        # where a reader reports a problem
        self.env.globals["new_issue_url"] = new_issue_url(self.site.repo_url)

    def say(self, finding: Finding, form: str = "sentence") -> str:
        """The words of ``finding`` in the page's language (plain text: templates escape it)."""
        return say(finding, form, self.language)

    def card(self, chart: Chart | None = None) -> str:
        """The front matter lines of a page's social card (generator/pages/sharing.py): its
        chart's, else the home page's."""
        return sharing.card_front(self.embeds, chart, self.charts[HOME])

    def render(self, template: str, source: str, card: Chart | None = None,
               **context: object) -> Path:
        md_root, url_root = page_roots(source)
        text = self.env.get_template(template).render(
            site=self.site, md_root=md_root, url_root=url_root, card=self.card(card), **context
        )
        path = self.site_src / source
        write_text_if_changed(path, text)
        self.written.add(path)
        return path


def frame_records(frame: pd.DataFrame) -> list[dict]:
    return records(frame.reset_index(drop=True))
