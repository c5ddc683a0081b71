"""Page families: each module loads what it needs from the Site, builds a context dict, renders a
Jinja2 template (StrictUndefined) into Markdown under site_src/, and writes it if it changed."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
import pandas as pd

from generator import fmt
from generator.corrections import ACTION_LABELS, describe
from generator.derive import Tables
from generator.files import write_text_if_changed
from generator.render import RenderedChart
from generator.tableio import records


@dataclass
class Site:
    """Everything the page families share."""

    tables: Tables
    is_sample: bool
    charts: dict[str, RenderedChart]
    model_files: dict[str, str]  # permaslug -> file name under models/
    company_files: dict[str, str]  # company -> file name under companies/
    country_files: dict[str, str]  # ISO code -> file name under countries/
    # week -> the as_of at which its current figures were first published (embeds.Publication)
    first_as_of: dict[str, str] = field(default_factory=dict)

    @property
    def latest_week(self) -> str:
        return self.tables.latest_week

    @property
    def as_of(self) -> str:
        return self.as_of_for(self.latest_week)

    def week_totals(self, week: str) -> dict:
        totals = self.tables.totals
        return records(totals[totals["week_start"] == week])[0]

    def week_models(self, week: str) -> list[dict]:
        models = self.tables.models
        return records(models[models["week_start"] == week])

    def as_of_for(self, week: str) -> str:
        return self._as_of[week]

    def cited_as_of(self, week: str) -> str:
        """What a chart ending at ``week`` cites (build.caption_for): when that week's figures
        were first published, so a model, company or country absent from a new week keeps its
        page as well as its chart."""
        return self.first_as_of.get(week) or self.as_of_for(week)

    @functools.cached_property
    def _as_of(self) -> dict[str, str]:  # asked ~1,500 times a build; the tables never change
        totals = self.tables.totals
        return {str(week): str(as_of) for week, as_of in zip(totals["week_start"],
                                                              totals["as_of"], strict=True)}

    def corrections_for(self, week: str | None = None, model: str | None = None,
                        company: str | None = None) -> list[dict]:
        """The corrections touching a week, a model or a company's models, newest first, each
        with the weeks and models it touched there (for the notes on pages)."""
        touched = self.tables.corrected
        if touched.empty:
            return []
        if week is not None:
            touched = touched[touched["week_start"] == week]
        if model is not None:
            touched = touched[touched["model_permaslug"] == model]
        if company is not None:
            models = self.tables.models
            slugs = set(models.loc[models["company"] == company, "model_permaslug"])
            touched = touched[touched["model_permaslug"].isin(slugs)]
        items = []
        for entry in records(self.tables.corrections):
            mine = touched[touched["correction_id"] == entry["id"]]
            if mine.empty:
                continue
            items.append(dict(
                entry, label=ACTION_LABELS[entry["action"]],
                what=describe(entry["action"], entry["target"], entry["value"]),
                weeks=sorted(set(mine["week_start"])),
                models=sorted(set(mine["model_permaslug"]))))
        return items


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
        self.env.filters.update({
            "md": fmt.md, "attr": fmt.attr, "front": fmt.front, "tokens_words": fmt.tokens_words,
            "tokens_short": fmt.tokens_short, "tokens_exact": fmt.tokens_exact,
            "percent": fmt.percent, "change": fmt.change, "up_down": fmt.up_down,
            "week_range": fmt.week_range, "country_name": fmt.country_name,
        })
        self.env.globals.update({"rank_move": fmt.rank_move, "source_line": fmt.source_line,
                                 "sample_notice": fmt.SAMPLE_NOTICE})

    def render(self, template: str, source: str, **context: object) -> Path:
        md_root, url_root = page_roots(source)
        text = self.env.get_template(template).render(
            site=self.site, md_root=md_root, url_root=url_root, **context
        )
        path = self.site_src / source
        write_text_if_changed(path, text)
        self.written.add(path)
        return path


def frame_records(frame: pd.DataFrame) -> list[dict]:
    return records(frame.reset_index(drop=True))
