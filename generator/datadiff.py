"""`python -m generator diff --base REF`: what a change to data/ does to the published tables.

Derives the tables from data/ as committed at REF and from the working tree, and prints a
Markdown summary (for a pull request's job summary): weeks added or removed, totals changed,
model rows changed, tokens moved between countries and companies, and rank changes in the
latest week. Corrections are applied on both sides, exactly as the build applies them.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pandas as pd

from generator import fmt
from generator.derive import Tables
from generator.errors import TrackerError
from generator.paths import Project
from generator.pipeline import prepare

ROW_LIMIT = 25


def tables_for(project: Project) -> Tables:
    return prepare(project).tables


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
    return "–" if fmt.is_missing(value) else fmt.md(value)


def tokens_cell(value: object) -> str:
    return "–" if fmt.is_missing(value) else f"{int(value):,}"


def with_unattributed(tables: Tables) -> pd.DataFrame:
    """Tokens per country and week, plus the ranked models with no known country as ''."""
    unknown = tables.totals[["week_start", "unknown_tokens"]].rename(
        columns={"unknown_tokens": "tokens"}).assign(country="")
    return pd.concat([tables.countries[["week_start", "country", "tokens"]], unknown])


def moved_tokens(before: pd.DataFrame, after: pd.DataFrame, key: str, title: str) -> list[str]:
    """Net tokens gained or lost per country (or company) over every published week: where a
    mapping change or a correction moved tokens to or from."""
    old = before.groupby(key)["tokens"].sum()
    new = after.groupby(key)["tokens"].sum()
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


def summarise(before: Tables, after: Tables, base: str) -> str:
    lines = [f"## Data diff against `{base.replace('`', '')}`", ""]
    old_weeks, new_weeks = set(before.weeks), set(after.weeks)
    added, removed = sorted(new_weeks - old_weeks), sorted(old_weeks - new_weeks)
    lines.append(f"- Published weeks: {len(new_weeks)} (was {len(old_weeks)}); "
                 f"added: {', '.join(added) or 'none'}; removed: {', '.join(removed) or 'none'}")
    totals = changed_rows(before.totals, after.totals, ["week_start"],
                          ["total_tokens", "attributed_tokens", "unknown_tokens", "other_tokens"])
    models = changed_rows(before.models, after.models, ["week_start", "model_permaslug"],
                          ["tokens", "rank", "company", "country"])
    lines.append(f"- Weeks whose totals changed: {len(totals)}")
    lines.append(f"- Model rows changed (tokens, rank, company or country): {len(models)}")
    if len(totals):
        lines += ["", "### Totals changed", "",
                  "| Week | Total (old → new) | Attributed (old → new) | Other (old → new) |",
                  "|---|---:|---:|---:|"]
        for row in totals.head(ROW_LIMIT).itertuples():
            lines.append(
                f"| {row.week_start} | {tokens_cell(row.total_tokens_old)} → "
                f"{tokens_cell(row.total_tokens_new)} | {tokens_cell(row.attributed_tokens_old)}"
                f" → {tokens_cell(row.attributed_tokens_new)} | "
                f"{tokens_cell(row.other_tokens_old)} → {tokens_cell(row.other_tokens_new)} |")
    if len(models):
        lines += ["", "### Model rows changed", "",
                  "| Week | Model | Tokens (old → new) | Rank | Country |",
                  "|---|---|---:|---|---|"]
        for row in models.head(ROW_LIMIT).itertuples():
            lines.append(
                f"| {row.week_start} | {cell(row.model_permaslug)} | "
                f"{tokens_cell(row.tokens_old)} → {tokens_cell(row.tokens_new)} | "
                f"{cell(row.rank_old)} → {cell(row.rank_new)} | "
                f"{cell(row.country_old)} → {cell(row.country_new)} |")
        if len(models) > ROW_LIMIT:
            lines.append(f"\n… and {len(models) - ROW_LIMIT} more rows.")
    lines += moved_tokens(with_unattributed(before), with_unattributed(after), "country",
                          "Country")
    lines += moved_tokens(before.companies, after.companies, "company", "Company")
    latest = after.latest_week
    ranks = changed_rows(before.models[before.models["week_start"] == latest],
                         after.models[after.models["week_start"] == latest],
                         ["model_permaslug"], ["rank"])
    lines += ["", f"### Rank changes in the latest week ({latest})", ""]
    if len(ranks):
        lines += ["| Model | Rank (old → new) |", "|---|---|"]
        lines += [f"| {cell(r.model_permaslug)} | {cell(r.rank_old)} → {cell(r.rank_new)} |"
                  for r in ranks.head(ROW_LIMIT).itertuples()]
    else:
        lines.append("No rank changed.")
    return "\n".join(lines) + "\n"


def data_diff(project: Project, base: str) -> str:
    with tempfile.TemporaryDirectory(prefix="data-diff-") as tmp:
        base_data = extract_data(project.root, base, Path(tmp))
        before = tables_for(Project.at(project.root, base_data))
        after = tables_for(project)
    return summarise(before, after, base)
