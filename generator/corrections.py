"""Contributor-edited YAML: data corrections (corrections.yaml) and chart annotations
(annotations.yaml), parsed with the line of every key so `check` can point at the exact spot.

Corrections apply to the weekly rows before they are attributed and derived (DESIGN §3):
``override_tokens`` replaces a model's figure, ``drop`` removes a model's (or an author's) rows,
``reassign_author`` credits a model's rows to another author, and ``flag`` changes nothing but
marks the rows. Every applied correction is recorded so pages, embeds and downloads can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import yaml

from generator.errors import TrackerError
from generator.registry import Problem, Registry, is_country_code, is_http_url

CORRECTIONS_FILE = "corrections.yaml"
ANNOTATIONS_FILE = "annotations.yaml"

ACTIONS = ("override_tokens", "drop", "reassign_author", "flag")
STATUSES = ("open", "reported", "fixed_upstream")
KINDS = ("launch", "free_promotion", "price_change", "method_change", "outage", "other")
SCOPES = ("global", "model", "company", "country")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
AUTHOR_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_NODES = 100_000  # a contributor file is small; anything bigger is refused, not parsed
LABEL_MAX = 40

CORRECTION_KEYS = ("id", "week", "weeks", "target", "action", "value", "reason", "source_url",
                   "status", "date", "credit")
ANNOTATION_KEYS = ("id", "date", "label", "kind", "scope", "target", "description", "source_url")

APPLIED_COLUMNS = ["correction_id", "week_start", "model_permaslug", "action", "tokens_before",
                   "tokens_after", "author_before", "author_after"]


# ---------------------------------------------------------------- YAML with line numbers

@dataclass(frozen=True)
class Field:
    value: object
    line: int


@dataclass(frozen=True)
class Entry:
    line: int  # the line of the entry's first key
    fields: dict[str, Field]

    def line_of(self, key: str) -> int:
        return self.fields[key].line if key in self.fields else self.line


def walk(node: yaml.Node) -> Iterator[yaml.Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))


def compose(path: Path, text: str, problems: list[Problem]) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if "\t" in what or "'\\t'" in what:
            what = "a tab character: indent with spaces, not tabs"
        elif exc.context and exc.context_mark and exc.context_mark.line + 1 < line:
            # an unclosed [ or {: point at where it opened, and say where it went wrong
            what = f"{exc.context}: {what} (on line {line})"
            line = exc.context_mark.line + 1
        empty = re.search(r"^\[\]\s*$", text, re.MULTILINE)
        if empty and re.search(r"^- ", text, re.MULTILINE):
            # the committed empty list `[]` plus a first entry written below it
            line = text.count("\n", 0, empty.start()) + 1
            what = "the empty list '[]' is still here: delete this line when adding entries"
        problems.append(Problem(path, line, f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position only
        line = text.count("\n", 0, getattr(exc, "position", 0) or 0) + 1
        problems.append(Problem(path, line, f"YAML syntax error: {exc}".splitlines()[0]))
    except RecursionError:
        problems.append(Problem(path, 1, "YAML nested too deeply"))
    return None


def scalar(node: yaml.Node, constructor: yaml.SafeLoader) -> object:
    """A Python value for a node: scalars as YAML types them, lists and mappings as built."""
    return constructor.construct_object(node, deep=True)


def read_yaml_entries(path: Path, problems: list[Problem], what: str) -> list[Entry]:
    """Every entry (a mapping) of a YAML file whose document is a list. A missing file, an
    empty file or one with only comments has no entries. Accepts a UTF-8 BOM and CRLF."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        problems.append(Problem(path, 1, f"cannot read: {exc.strerror or exc}"))
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return []
    root = compose(path, text, problems)
    if root is None:
        return []
    seen: set[int] = set()
    count = 0
    for node in walk(root):
        count += 1
        if id(node) in seen:
            problems.append(Problem(path, node.start_mark.line + 1,
                                    "YAML aliases (*name) are not allowed; write the value out"))
            return []
        seen.add(id(node))
        if count > MAX_NODES:
            problems.append(Problem(path, 1, f"file too large (over {MAX_NODES} YAML nodes)"))
            return []
    if isinstance(root, yaml.ScalarNode) and root.value == "" and root.tag.endswith(":null"):
        return []
    if not isinstance(root, yaml.SequenceNode):
        problems.append(Problem(path, root.start_mark.line + 1,
                                f"expected a list of {what}, each starting with '- id: ...'"))
        return []
    constructor = yaml.SafeLoader("")
    entries = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(path, line, f"expected one of the {what} as 'key: value' "
                                                "lines, found a single value"))
            continue
        fields: dict[str, Field] = {}
        ok = True
        for key_node, value_node in item.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
                problems.append(Problem(path, key_line, "expected a plain key name"))
                ok = False
                continue
            key = key_node.value
            if key in fields:
                problems.append(Problem(path, key_line, f"duplicate key {key!r} "
                                                        f"(first on line {fields[key].line})"))
                ok = False
                continue
            try:
                value = scalar(value_node, constructor)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else "value"
                problems.append(Problem(path, key_line, f"{key}: {raw!r} is not a valid value "
                                                        f"({message})"))
                ok = False
                continue
            fields[key] = Field(value, key_line)
        if ok:
            entries.append(Entry(line, fields))
    return entries


# ---------------------------------------------------------------- field checks

def check_keys(path: Path, entry: Entry, allowed: tuple[str, ...], required: tuple[str, ...],
               problems: list[Problem]) -> bool:
    ok = True
    for key, field in entry.fields.items():
        if key not in allowed:
            problems.append(Problem(path, field.line, f"unknown key {key!r}; expected one of "
                                                      f"{', '.join(allowed)}"))
            ok = False
    for key in required:
        if key not in entry.fields or entry.fields[key].value in (None, ""):
            problems.append(Problem(path, entry.line, f"missing required key {key!r}"))
            ok = False
    return ok


def text_field(path: Path, entry: Entry, key: str, problems: list[Problem]) -> str | None:
    if key not in entry.fields or entry.fields[key].value is None:
        return None
    value = entry.fields[key].value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.append(Problem(path, entry.line_of(key), f"{key}: expected text, found "
                                                          f"{type_name(value)}"))
        return None
    text = str(value).strip()
    if not text:
        return None
    if any(ch in text for ch in "\x00\r") or (key != "description" and "\n" in text):
        problems.append(Problem(path, entry.line_of(key), f"{key}: expected one line of text"))
        return None
    return text


def type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def date_field(path: Path, entry: Entry, key: str, value: object,
               problems: list[Problem]) -> date | None:
    """A YAML date (2026-03-02) or a quoted ISO date string."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(Problem(path, entry.line_of(key),
                            f"{key}: {value!r} is not a date (expected YYYY-MM-DD)"))
    return None


def monday_field(path: Path, entry: Entry, key: str, value: object,
                 problems: list[Problem]) -> date | None:
    day = date_field(path, entry, key, value, problems)
    if day is not None and day.isoweekday() != 1:
        monday = day - timedelta(days=day.isoweekday() - 1)
        problems.append(Problem(path, entry.line_of(key),
                                f"{key}: {day} is a {day.strftime('%A')}; weeks start on a "
                                f"Monday (that week's Monday is {monday})"))
        return None
    return day


def url_field(path: Path, entry: Entry, key: str, problems: list[Problem]) -> str | None:
    url = text_field(path, entry, key, problems)
    if url is not None and not is_http_url(url):
        problems.append(Problem(path, entry.line_of(key),
                                f"{key}: {url!r} is not an http(s) URL"))
        return None
    return url


def choice_field(path: Path, entry: Entry, key: str, choices: tuple[str, ...],
                 problems: list[Problem]) -> str | None:
    value = text_field(path, entry, key, problems)
    if value is not None and value not in choices:
        problems.append(Problem(path, entry.line_of(key),
                                f"{key}: unknown {key} {value!r}; expected one of "
                                f"{', '.join(choices)}"))
        return None
    return value


def unique_id(path: Path, entry: Entry, ids: dict[str, int],
              problems: list[Problem]) -> str | None:
    value = text_field(path, entry, "id", problems)
    if value is None:
        return None
    if not ID_RE.match(value):
        problems.append(Problem(path, entry.line_of("id"),
                                f"id {value!r}: expected lower-case letters, digits, '.', '_' or "
                                "'-' (at most 80), e.g. deepseek-v3-2025-03-double-count"))
        return None
    if value in ids:
        problems.append(Problem(path, entry.line_of("id"),
                                f"duplicate id {value!r} (first on line {ids[value]})"))
        return None
    ids[value] = entry.line_of("id")
    return value


# ---------------------------------------------------------------- corrections

@dataclass(frozen=True)
class Correction:
    id: str
    first_week: date
    last_week: date
    target: str
    action: str
    value: int | str | None
    reason: str
    source_url: str
    status: str
    date: date
    credit: str
    line: int  # of the entry, for messages
    target_line: int
    week_line: int

    @property
    def is_model(self) -> bool:
        return "/" in self.target or self.target == "other"

    def weeks(self) -> list[str]:
        days = (self.last_week - self.first_week).days
        return [(self.first_week + timedelta(days=d)).isoformat() for d in range(0, days + 1, 7)]

    def describe(self) -> str:
        return describe(self.action, self.target, self.value)


ACTION_LABELS = {"override_tokens": "Tokens corrected", "drop": "Rows removed",
                 "reassign_author": "Developer corrected", "flag": "Flagged"}


def describe(action: str, target: str, value: object) -> str:
    """What a correction does, in words (for the log and chart notes; escape where it lands)."""
    if action == "override_tokens":
        return f"tokens of {target} set to {int(str(value)):,}"
    if action == "drop":
        what = "rows of" if "/" in target or target == "other" else "all models of author"
        return f"{what} {target} removed"
    if action == "reassign_author":
        return f"{target} credited to author {value}"
    return f"{target} flagged, figures unchanged"


def parse_corrections(path: Path, registry: Registry | None,
                      problems: list[Problem]) -> list[Correction]:
    """Validate corrections.yaml on its own (shape, types, values); see match_corrections for
    the checks against the data."""
    corrections: list[Correction] = []
    ids: dict[str, int] = {}
    for entry in read_yaml_entries(path, problems, "corrections"):
        start = len(problems)
        check_keys(path, entry, CORRECTION_KEYS,
                   ("id", "target", "action", "reason", "source_url", "status", "date"), problems)
        cid = unique_id(path, entry, ids, problems)
        first = last = None
        if "week" in entry.fields and "weeks" in entry.fields:
            problems.append(Problem(path, entry.line_of("weeks"),
                                    "give either week or weeks, not both"))
        elif "week" in entry.fields:
            first = last = monday_field(path, entry, "week", entry.fields["week"].value, problems)
        elif "weeks" in entry.fields:
            weeks = entry.fields["weeks"].value
            if not isinstance(weeks, dict) or set(weeks) != {"from", "to"}:
                problems.append(Problem(path, entry.line_of("weeks"),
                                        "weeks: expected {from: YYYY-MM-DD, to: YYYY-MM-DD} "
                                        "(two Mondays)"))
            else:
                first = monday_field(path, entry, "weeks", weeks["from"], problems)
                last = monday_field(path, entry, "weeks", weeks["to"], problems)
                if first and last and last < first:
                    problems.append(Problem(path, entry.line_of("weeks"),
                                            f"weeks: 'to' ({last}) is before 'from' ({first})"))
        else:
            problems.append(Problem(path, entry.line, "missing required key 'week' (a Monday) "
                                                      "or 'weeks' ({from: ..., to: ...})"))
        target = text_field(path, entry, "target", problems)
        if target is not None and (any(ch.isspace() for ch in target)
                                   or target.startswith("/") or target.endswith("/")):
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r}: expected a model permaslug "
                                    "(author/model) or an author slug"))
            target = None
        action = choice_field(path, entry, "action", ACTIONS, problems)
        value = check_value(path, entry, action, target, registry, problems)
        reason = text_field(path, entry, "reason", problems)
        source_url = url_field(path, entry, "source_url", problems)
        status = choice_field(path, entry, "status", STATUSES, problems)
        when = None
        if "date" in entry.fields and entry.fields["date"].value is not None:
            when = date_field(path, entry, "date", entry.fields["date"].value, problems)
        credit = text_field(path, entry, "credit", problems) or ""
        if len(problems) == start:
            corrections.append(Correction(
                id=cid, first_week=first, last_week=last, target=target, action=action,
                value=value, reason=reason, source_url=source_url, status=status, date=when,
                credit=credit, line=entry.line, target_line=entry.line_of("target"),
                week_line=entry.line_of("week" if "week" in entry.fields else "weeks")))
    return corrections


def check_value(path: Path, entry: Entry, action: str | None, target: str | None,
                registry: Registry | None, problems: list[Problem]) -> int | str | None:
    has_value = "value" in entry.fields and entry.fields["value"].value is not None
    value = entry.fields["value"].value if has_value else None
    line = entry.line_of("value")
    if action is None:
        return None
    if action in ("drop", "flag"):
        if has_value:
            problems.append(Problem(path, line, f"value: not used by {action}; remove it"))
        return None
    if not has_value:
        problems.append(Problem(path, entry.line, f"missing required key 'value' for {action}"))
        return None
    if target is not None and "/" not in target:
        problems.append(Problem(path, entry.line_of("target"),
                                f"target {target!r}: {action} needs a model permaslug "
                                "(author/model), not an author slug"))
    if action == "override_tokens":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(path, line, f"value: override_tokens needs a whole number "
                                                f"of tokens, found {value!r}"))
            return None
        if value < 0:
            problems.append(Problem(path, line, f"value: {value} is negative; tokens are 0 or "
                                                "more"))
            return None
        if value >= 2**63:
            problems.append(Problem(path, line, f"value: {value} is too large"))
            return None
        return value
    # reassign_author
    if not isinstance(value, str) or not AUTHOR_RE.match(value):
        problems.append(Problem(path, line, f"value: reassign_author needs an author slug such "
                                            f"as deepseek, found {value!r}"))
        return None
    if registry is not None and value not in registry.authors:
        problems.append(Problem(path, line, f"value: unknown author {value!r}; add it to "
                                            "data/registry/authors.csv first"))
        return None
    return value


def author_of(permaslug: str) -> str:
    base = permaslug.partition(":")[0]
    return base.split("/", 1)[0] if "/" in base else ""


def matches(correction: Correction, slugs: pd.Series) -> pd.Series:
    if correction.is_model:
        return slugs == correction.target
    return slugs.map(author_of) == correction.target


def match_corrections(path: Path, corrections: list[Correction], weekly: pd.DataFrame,
                      problems: list[Problem]) -> None:
    """Checks against the data: weeks published, targets matched, no row corrected twice."""
    published = sorted(set(weekly["week_start"]))
    latest = published[-1] if published else ""
    touched: dict[tuple[str, str], str] = {}
    for correction in corrections:
        weeks = correction.weeks()
        if weeks[-1] > latest:
            problems.append(Problem(path, correction.week_line,
                                    f"week {weeks[-1]} is not published yet (latest published "
                                    f"week: {latest or 'none'})"))
            continue
        rows = weekly[weekly["week_start"].isin(weeks) & matches(correction, weekly[
            "model_permaslug"])]
        if rows.empty:
            span = weeks[0] if len(weeks) == 1 else f"{weeks[0]} to {weeks[-1]}"
            problems.append(Problem(path, correction.target_line,
                                    f"target {correction.target!r} matches no row in {span} "
                                    "(fixed upstream, or the slug moved?)"))
            continue
        if correction.action == "flag":
            continue
        for key in zip(rows["week_start"], rows["model_permaslug"]):
            if key in touched:
                problems.append(Problem(path, correction.line,
                                        f"{correction.id}: {key[1]} in week {key[0]} is already "
                                        f"changed by {touched[key]}"))
                break
            touched[key] = correction.id


def corrections_path(source_dir: Path) -> Path:
    return source_dir / CORRECTIONS_FILE


def load_corrections(path: Path, registry: Registry, weekly: pd.DataFrame) -> list[Correction]:
    """Corrections for a build: any problem stops it with the first one and a hint."""
    problems: list[Problem] = []
    corrections = parse_corrections(path, registry, problems)
    if not problems:
        match_corrections(path, corrections, weekly, problems)
    raise_first(problems)
    return corrections


def raise_first(problems: list[Problem]) -> None:
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise TrackerError(f"{problems[0]}{more}; run `python -m generator check` for all")


def apply_corrections(weekly: pd.DataFrame, corrections: list[Correction]
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The weekly rows with every correction applied (in file order), and one record per row
    each correction touched. Adds ``author_override`` ('' unless reassigned)."""
    weekly = weekly.copy()
    weekly["author_override"] = ""
    applied = []
    for correction in corrections:
        hit = weekly["week_start"].isin(correction.weeks()) & matches(
            correction, weekly["model_permaslug"])
        for index in weekly.index[hit]:
            row = weekly.loc[index]
            before_author = row["author_override"] or author_of(row["model_permaslug"])
            record = {"correction_id": correction.id, "week_start": row["week_start"],
                      "model_permaslug": row["model_permaslug"], "action": correction.action,
                      "tokens_before": int(row["tokens"]), "tokens_after": int(row["tokens"]),
                      "author_before": before_author, "author_after": before_author}
            if correction.action == "override_tokens":
                record["tokens_after"] = int(correction.value)
                weekly.loc[index, "tokens"] = int(correction.value)
            elif correction.action == "drop":
                record["tokens_after"] = None
            elif correction.action == "reassign_author":
                record["author_after"] = str(correction.value)
                weekly.loc[index, "author_override"] = str(correction.value)
            applied.append(record)
        if correction.action == "drop":
            weekly = weekly[~hit]
    frame = pd.DataFrame(applied, columns=APPLIED_COLUMNS).astype(
        {"tokens_before": "Int64", "tokens_after": "Int64"})
    return weekly.reset_index(drop=True).astype({"tokens": "int64"}), frame


CORRECTION_COLUMNS = ["id", "date", "status", "action", "target", "week_from", "week_to", "value",
                      "reason", "source_url", "credit", "rows_affected", "tokens_before",
                      "tokens_after"]


def corrections_table(corrections: list[Correction], applied: pd.DataFrame) -> pd.DataFrame:
    """One row per correction, newest first, with what it changed (for the log and the CSV)."""
    rows = []
    for c in corrections:
        mine = applied[applied["correction_id"] == c.id]
        rows.append({
            "id": c.id, "date": c.date.isoformat(), "status": c.status, "action": c.action,
            "target": c.target, "week_from": c.first_week.isoformat(),
            "week_to": c.last_week.isoformat(),
            "value": "" if c.value is None else str(c.value), "reason": c.reason,
            "source_url": c.source_url, "credit": c.credit, "rows_affected": len(mine),
            "tokens_before": int(mine["tokens_before"].sum()),
            "tokens_after": int(mine["tokens_after"].fillna(0).sum()),
        })
    frame = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
    frame = frame.astype({"rows_affected": "int64", "tokens_before": "int64",
                          "tokens_after": "int64"})
    return frame.sort_values(["date", "id"], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------- annotations

@dataclass(frozen=True)
class Annotation:
    id: str
    date: date
    label: str
    kind: str
    scope: str
    target: str
    description: str
    source_url: str
    line: int


def parse_annotations(path: Path, registry: Registry | None,
                      problems: list[Problem]) -> list[Annotation]:
    annotations: list[Annotation] = []
    ids: dict[str, int] = {}
    for entry in read_yaml_entries(path, problems, "annotations"):
        start = len(problems)
        check_keys(path, entry, ANNOTATION_KEYS,
                   ("id", "date", "label", "kind", "scope", "description", "source_url"), problems)
        aid = unique_id(path, entry, ids, problems)
        when = None
        if "date" in entry.fields and entry.fields["date"].value is not None:
            when = date_field(path, entry, "date", entry.fields["date"].value, problems)
        label = text_field(path, entry, "label", problems)
        if label is not None and len(label) > LABEL_MAX:
            problems.append(Problem(path, entry.line_of("label"),
                                    f"label: {len(label)} characters; keep it to {LABEL_MAX} "
                                    "(the description holds the detail)"))
        kind = choice_field(path, entry, "kind", KINDS, problems)
        scope = choice_field(path, entry, "scope", SCOPES, problems)
        target = text_field(path, entry, "target", problems) or ""
        if scope == "global" and target:
            problems.append(Problem(path, entry.line_of("target"),
                                    "target: a global annotation has no target; remove it"))
        elif scope in ("model", "company", "country") and not target:
            problems.append(Problem(path, entry.line, f"missing required key 'target' for scope "
                                                      f"{scope}"))
        elif scope == "country" and not is_country_code(target):
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r} is not an ISO 3166-1 alpha-2 code"))
        elif scope == "model" and "/" not in target:
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r}: expected a model permaslug "
                                    "(author/model)"))
        elif scope == "company" and registry is not None and target not in registry.authors:
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r}: unknown author slug (see "
                                    "data/registry/authors.csv)"))
        description = text_field(path, entry, "description", problems)
        source_url = url_field(path, entry, "source_url", problems)
        if len(problems) == start:
            annotations.append(Annotation(aid, when, label, kind, scope, target, description,
                                          source_url, entry.line))
    return sorted(annotations, key=lambda a: (a.date, a.id))


def load_annotations(path: Path, registry: Registry) -> list[Annotation]:
    problems: list[Problem] = []
    annotations = parse_annotations(path, registry, problems)
    raise_first(problems)
    return annotations
