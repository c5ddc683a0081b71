"""`python -m generator diff --base REF`: what a change to data/ does to the published site.

Prepares data/ as committed at REF and the working tree exactly as the build does (registry,
corrections and annotations applied), and prints a Markdown summary for a pull request's job
summary or a contributor's terminal: registry rows changed (names, companies, countries,
evidence), weeks added or removed, totals changed, model rows changed (tokens, rank, name,
company, country), corrections added, removed or changed (with the rows each applies to or
flags), annotations added, removed or changed, tokens moved between countries and companies,
and rank changes in the latest week. Every text from the files is escaped for Markdown.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from generator import fmt
from generator.annotations import Annotation
from generator.derive.tables import Tables
from generator.errors import TrackerError
from generator.findings import say
from generator.findings.finding import Finding
from generator.paths import Project
from generator.pipeline import Prepared, prepare
from generator.registry import Author, ModelOverride, Registry

ROW_LIMIT = 25
MODEL_COLUMNS = ["tokens", "rank", "model_name", "company", "country"]
CORRECTION_FIELDS = ["action", "target", "week_from", "week_to", "value", "status", "date",
                     "reason", "source_url", "credit", "rows_affected"]


def extract_data(root: Path, ref: str, dest: Path) -> Path:
    """data/ as committed at ``ref``, unpacked under ``dest``."""
    result = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", ref, "data"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TrackerError(f"git archive {ref} data: {message[-1] if message else 'failed'}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(dest, filter="data")
    return dest / "data"


def changed_rows(before: pd.DataFrame, after: pd.DataFrame, keys: list[str],
                 columns: list[str]) -> pd.DataFrame:
    """Rows present on one side only, or whose columns differ (old and new side by side)."""
    integers = {c: "Int64" for c in columns if before[c].dtype.kind in "iu"}  # NA, not floats
    before, after = before.astype(integers), after.astype(integers)
    merged = before[keys + columns].merge(after[keys + columns], on=keys, how="outer",
                                          suffixes=("_old", "_new"), indicator=True)
    differs = merged["_merge"] != "both"
    for column in columns:
        old, new = merged[f"{column}_old"], merged[f"{column}_new"]
        differs |= (old.astype("string") != new.astype("string")).fillna(True)
    return merged[differs].sort_values(keys).reset_index(drop=True)


def cell(value: object) -> str:
    return "–" if fmt.is_missing(value) or value == "" else fmt.md(value)


def tokens_cell(value: object) -> str:
    return "–" if fmt.is_missing(value) else f"{int(value):,}"


def old_new(old: object, new: object, show: Callable[[object], str] = cell) -> str:
    """One value when it did not change, else ``old → new``."""
    if show(old) == show(new):
        return show(new)
    return f"{show(old)} → {show(new)}"


def limited(rows: list[str], total: int) -> list[str]:
    return rows + ([f"\n… and {total - ROW_LIMIT} more rows."] if total > ROW_LIMIT else [])


@dataclass(frozen=True)
class Section:
    """A part of the summary: how many changes it lists, and its Markdown lines."""
    changes: int
    lines: list[str]


# ---------------------------------------------------------------- what the files say

def keyed_changes(before: dict[str, object], after: dict[str, object]
                  ) -> list[tuple[str, object | None, object | None]]:
    """(key, old, new) for every key added, removed or whose value differs, sorted by key."""
    return [(key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)]


def author_text(author: Author | None) -> str:
    if author is None:
        return "–"
    name_zh = f" ({cell(author.name_zh)})" if author.name_zh else ""
    return f"{cell(author.company)}{name_zh}, {cell(author.country)}, {cell(author.source_url)}"


def model_text(model: ModelOverride | None) -> str:
    if model is None:
        return "–"
    weights = {True: "open weights", False: "closed weights", None: "weights not given"}
    return (f"{cell(model.display_name)}, family {cell(model.family)}, "
            f"{weights[model.open_weights]}")


def without_line(record: Author | ModelOverride) -> Author | ModelOverride:
    return dataclasses.replace(record, line=0)  # moving a row is not a change


def registry_changes(before: Registry, after: Registry) -> Section:
    rows = [f"| authors.csv | {cell(slug)} | {author_text(old)} | {author_text(new)} |"
            for slug, old, new in keyed_changes(
                {k: without_line(v) for k, v in before.authors.items()},
                {k: without_line(v) for k, v in after.authors.items()})]
    rows += [f"| models.csv | {cell(slug)} | {model_text(old)} | {model_text(new)} |"
             for slug, old, new in keyed_changes(
                 {k: without_line(v) for k, v in before.models.items()},
                 {k: without_line(v) for k, v in after.models.items()})]
    if not rows:
        return Section(0, [])
    return Section(len(rows), ["", "### Registry rows changed", "",
                               "| File | Row | Before | After |", "|---|---|---|---|",
                               *limited(rows[:ROW_LIMIT], len(rows))])


def weeks_text(first: object, last: object) -> str:
    if fmt.is_missing(first):
        return "–"
    return str(first) if first == last else f"{first} to {last}"


def correction_row(row: dict) -> str:
    """One correction added, removed or edited: what it does, its weeks, the rows it touches."""
    state = {"left_only": "removed", "right_only": "added"}.get(row["_merge"], "changed")
    side = "old" if state == "removed" else "new"
    what = say(Finding("correction", "", figures={
        "action": row[f"action_{side}"], "target": row[f"target_{side}"],
        "value": row[f"value_{side}"]}), "what")
    if state == "changed":
        edited = [f for f in CORRECTION_FIELDS
                  if f != "rows_affected" and cell(row[f"{f}_old"]) != cell(row[f"{f}_new"])]
        state = f"changed: {', '.join(edited)}" if edited else "applies to other rows"
        weeks = old_new(weeks_text(row["week_from_old"], row["week_to_old"]),
                        weeks_text(row["week_from_new"], row["week_to_new"]), str)
        rows = old_new(row["rows_affected_old"], row["rows_affected_new"], tokens_cell)
    else:
        weeks = weeks_text(row[f"week_from_{side}"], row[f"week_to_{side}"])
        rows = tokens_cell(row[f"rows_affected_{side}"])
    return f"| {cell(row['id'])} | {state} | {cell(what)} | {weeks} | {rows} |"


def correction_changes(before: Tables, after: Tables) -> Section:
    """Corrections added, removed or edited, with what each does and how many rows it applies
    to (or flags) before and after."""
    changed = changed_rows(before.corrections, after.corrections, ["id"], CORRECTION_FIELDS)
    if changed.empty:
        return Section(0, [])
    rows = [correction_row(row) for row in changed.head(ROW_LIMIT).to_dict("records")]
    return Section(len(changed), [
        "", "### Corrections changed", "",
        "| Correction | Change | What it does | Weeks | Rows it applies to |",
        "|---|---|---|---|---:|", *limited(rows, len(changed))])


def annotation_key(annotation: Annotation) -> tuple:
    return dataclasses.astuple(dataclasses.replace(annotation, line=0))


def annotation_changes(before: list[Annotation], after: list[Annotation]) -> Section:
    old = {a.id: a for a in before}
    new = {a.id: a for a in after}
    changes = keyed_changes({k: annotation_key(v) for k, v in old.items()},
                            {k: annotation_key(v) for k, v in new.items()})
    rows = []
    for key, was, now in changes[:ROW_LIMIT]:
        shown = new.get(key) or old[key]
        state = "added" if was is None else "removed" if now is None else "changed"
        scope = shown.scope + (f" {shown.target}" if shown.target else "")
        rows.append(f"| {cell(key)} | {state} | {shown.date.isoformat()} | {cell(shown.label)} "
                    f"| {cell(scope)} |")
    if not rows:
        return Section(0, [])
    return Section(len(changes), [
        "", "### Annotations changed", "", "| Annotation | Change | Date | Label | Scope |",
        "|---|---|---|---|---|", *limited(rows, len(changes))])


# ---------------------------------------------------------------- what the tables say

def with_unattributed(tables: Tables) -> pd.DataFrame:
    """Tokens per country and week, plus the ranked models with no known country as ''."""
    unknown = tables.totals[["week_start", "unknown_tokens"]].rename(
        columns={"unknown_tokens": "tokens"}).assign(country="")
    return pd.concat([tables.countries[["week_start", "country", "tokens"]], unknown])


def moved_tokens(before: pd.DataFrame, after: pd.DataFrame, key: str, title: str) -> list[str]:
    """Net tokens gained or lost per country (or company) over every published week: where a
    mapping change or a correction moved tokens to or from."""
    old = before.groupby(key)["tokens"].sum().astype("Int64")  # NA, not a float, when absent
    new = after.groupby(key)["tokens"].sum().astype("Int64")
    both = pd.concat([old.rename("old"), new.rename("new")], axis=1).fillna(0).astype("int64")
    both["change"] = both["new"] - both["old"]
    moved = both[both["change"] != 0].sort_values(["change"], key=abs, ascending=False)
    heading = f"### Tokens moved between {'countries' if key == 'country' else 'companies'}"
    if moved.empty:
        return ["", heading, "", "No tokens moved."]
    lines = ["", heading, "", "Summed over every published week (ranked models; the `other` "
             "row is not attributed).", "",
             f"| {title} | Tokens before | Tokens after | Change |", "|---|---:|---:|---:|"]
    for name, row in moved.head(ROW_LIMIT).iterrows():
        label = (fmt.country_name(name) if name else "Unattributed") if key == "country" else name
        lines.append(f"| {cell(label)} | {row['old']:,} | {row['new']:,} | {row['change']:+,} |")
    return lines


def totals_section(totals: pd.DataFrame) -> list[str]:
    if totals.empty:
        return []
    lines = ["", "### Totals changed", "",
             "| Week | Total (old → new) | Attributed (old → new) | Other (old → new) |",
             "|---|---:|---:|---:|"]
    for row in totals.head(ROW_LIMIT).itertuples():
        lines.append(
            f"| {row.week_start} | {tokens_cell(row.total_tokens_old)} → "
            f"{tokens_cell(row.total_tokens_new)} | {tokens_cell(row.attributed_tokens_old)}"
            f" → {tokens_cell(row.attributed_tokens_new)} | "
            f"{tokens_cell(row.other_tokens_old)} → {tokens_cell(row.other_tokens_new)} |")
    return lines


def models_section(models: pd.DataFrame) -> list[str]:
    if models.empty:
        return []
    rows = [f"| {row.week_start} | {cell(row.model_permaslug)} | "
            f"{old_new(row.model_name_old, row.model_name_new)} | "
            f"{old_new(row.company_old, row.company_new)} | "
            f"{old_new(row.country_old, row.country_new)} | "
            f"{old_new(row.tokens_old, row.tokens_new, tokens_cell)} | "
            f"{old_new(row.rank_old, row.rank_new)} |"
            for row in models.head(ROW_LIMIT).itertuples()]
    return ["", "### Model rows changed", "",
            "| Week | Model | Name | Company | Country | Tokens | Rank |",
            "|---|---|---|---|---|---:|---|", *limited(rows, len(models))]


def ranks_section(before: Tables, after: Tables) -> list[str]:
    latest = after.latest_week
    ranks = changed_rows(before.models[before.models["week_start"] == latest],
                         after.models[after.models["week_start"] == latest],
                         ["model_permaslug"], ["rank"])
    lines = ["", f"### Rank changes in the latest week ({latest})", ""]
    if ranks.empty:
        return lines + ["No rank changed."]
    return lines + ["| Model | Rank (old → new) |", "|---|---|"] + [
        f"| {cell(r.model_permaslug)} | {cell(r.rank_old)} → {cell(r.rank_new)} |"
        for r in ranks.head(ROW_LIMIT).itertuples()]


def summarise(before: Prepared, after: Prepared, base: str) -> str:
    old, new = before.tables, after.tables
    old_weeks, new_weeks = set(old.weeks), set(new.weeks)
    added, removed = sorted(new_weeks - old_weeks), sorted(old_weeks - new_weeks)
    totals = changed_rows(old.totals, new.totals, ["week_start"],
                          ["total_tokens", "attributed_tokens", "unknown_tokens", "other_tokens"])
    models = changed_rows(old.models, new.models, ["week_start", "model_permaslug"],
                          MODEL_COLUMNS)
    registry = registry_changes(before.registry, after.registry)
    corrections = correction_changes(old, new)
    annotations = annotation_changes(before.annotations, after.annotations)
    lines = [f"## Data diff against `{base.replace('`', '')}`", "",
             f"- Published weeks: {len(new_weeks)} (was {len(old_weeks)}); "
             f"added: {', '.join(added) or 'none'}; removed: {', '.join(removed) or 'none'}",
             f"- Registry rows changed (authors.csv, models.csv): {registry.changes}",
             f"- Weeks whose totals changed: {len(totals)}",
             f"- Model rows changed (tokens, rank, name, company or country): {len(models)}",
             f"- Corrections added, removed or changed: {corrections.changes}",
             f"- Annotations added, removed or changed: {annotations.changes}"]
    lines += registry.lines + totals_section(totals) + models_section(models)
    lines += corrections.lines + annotations.lines
    lines += moved_tokens(with_unattributed(old), with_unattributed(new), "country", "Country")
    lines += moved_tokens(old.companies, new.companies, "company", "Company")
    lines += ranks_section(old, new)
    return "\n".join(lines) + "\n"


def data_diff(project: Project, base: str) -> str:
    with tempfile.TemporaryDirectory(prefix="data-diff-") as tmp:
        base_data = extract_data(project.root, base, Path(tmp))
        before = prepare(Project.at(project.root, base_data))
        after = prepare(project)
    return summarise(before, after, base)
