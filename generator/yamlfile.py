"""Contributor-edited YAML files read with the line of every key, so `check` can point at the
exact spot; and the field validators that corrections.yaml and annotations.yaml share.

Every problem is appended to a list of ``Problem`` (never raised), so one run reports them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from generator.errors import TrackerError
from generator.registry import Problem, decode_text, is_http_url

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
MAX_NODES = 100_000  # a contributor file is small; anything bigger is refused, not parsed


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


INDENT_ADVICE = ("this line does not line up with the lines above it: the keys of an entry start "
                 "in the same column (two spaces in, under the 'id' of its '- id:' line), and "
                 "each entry starts with '- ' at the start of a line")
SAVE_YAML = "save the file as UTF-8 in your editor (GitHub's web editor always does)"
KEY_VALUE_RE = re.compile(r"^\s*(?:-\s+)?([^\s:#][^:#]*?):\s+(.*?)\s*$")


def quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar, in the quotes that need no escaping if possible."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def quote_advice(lines: list[str], line: int, why: str) -> str:
    """Put the value of ``line`` in quotes, showing the line as it should be written."""
    match = KEY_VALUE_RE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if not match or not match.group(2):
        return f"put the value in quotes ({why})"
    key, value = match.groups()
    return f"{key}: put the value in quotes ({why}), as in {key}: {quoted(value)}"


def value_of(lines: list[str], line: int) -> str:
    match = KEY_VALUE_RE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(2) if match else ""


def bad_start(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> str | None:
    """The character a plain value may not start with, when that is what went wrong."""
    found = re.search(r"found character '(.)' that cannot start", exc.problem or "")
    if found:
        return found.group(1)
    if "alias" in (exc.context or "") or "alias" in (exc.problem or ""):
        return "*"
    if "anchor" in (exc.context or ""):
        return "&"
    if "block scalar" in (exc.context or ""):
        return value_of(lines, line)[:1] or "|"
    return None


def yaml_problem(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """The line to fix and what to do, in plain words, for a YAML parser error."""
    problem, context = exc.problem or "", exc.context or ""
    at = exc.problem_mark.line + 1 if exc.problem_mark else 1
    opened = exc.context_mark.line + 1 if exc.context_mark else at
    if "\t" in problem or "'\\t'" in problem:
        return at, "a tab character: indent with spaces, not tabs"
    if "quoted scalar" in context and "end of stream" in problem:
        return opened, "the quote opened on this line is never closed"
    if "escape" in problem:
        return at, ("inside double quotes a backslash starts an escape: use single quotes, "
                    "or write \\\\ for a backslash")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return opened, (f"the '{bracket}' opened on this line is not closed before line {at}: "
                        "close it, or put the whole value in quotes if it is part of the text")
    if "simple key" in context:
        return opened, "expected 'key: value', with a space after the colon"
    start = bad_start(exc, lines, at)
    if start:
        return at, quote_advice(lines, at, f"a value cannot start with '{start}'")
    if "mapping values are not allowed" in problem and ": " in value_of(lines, at):
        return at, quote_advice(lines, at, "it contains ': '")
    if "<scalar>" in problem:
        return at, quote_advice(lines, at, "it starts with a quote or a bracket that closes "
                                           "before its end")
    if "mapping values are not allowed" in problem or "expected <block end>" in problem:
        return at, INDENT_ADVICE
    return at, f"this line is not valid YAML ({problem or context})"


def compose(path: Path, text: str, problems: list[Problem]) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line, what = yaml_problem(exc, text.splitlines())
        empty = re.search(r"^\[\]\s*$", text, re.MULTILINE)
        if empty and re.search(r"^- ", text, re.MULTILINE):
            # the committed empty list `[]` plus a first entry written below it
            line = text.count("\n", 0, empty.start()) + 1
            what = "the empty list '[]' is still here: delete this line when adding entries"
        problems.append(Problem(path, line, f"YAML syntax error: {what}"))
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: a position only
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.append(Problem(path, line, f"YAML syntax error: a control character "
                                             f"(#x{code:04x}) that YAML does not allow: delete it"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path, 1, f"YAML syntax error: {exc}".splitlines()[0]))
    except RecursionError:
        problems.append(Problem(path, 1, "YAML nested too deeply"))
    return None


def scalar(node: yaml.Node, constructor: yaml.SafeLoader) -> object:
    """A Python value for a node: scalars as YAML types them, lists and mappings as built."""
    return constructor.construct_object(node, deep=True)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text (a UTF-8 BOM dropped); None, with a problem, when it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        problems.append(Problem(path, 1, f"cannot read: {exc.strerror or exc}"))
        return None
    return decode_text(path, raw, problems, SAVE_YAML)


def node_problem(path: Path, root: yaml.Node) -> Problem | None:
    """Aliases (a node reached twice) and oversized files are refused before anything is built."""
    seen: set[int] = set()
    for count, node in enumerate(walk(root), start=1):
        if id(node) in seen:
            return Problem(path, node.start_mark.line + 1,
                           "YAML aliases (*name) are not allowed; write the value out")
        seen.add(id(node))
        if count > MAX_NODES:
            return Problem(path, 1, f"file too large (over {MAX_NODES} YAML nodes)")
    return None


def entry_of(path: Path, item: yaml.MappingNode, constructor: yaml.SafeLoader,
             problems: list[Problem]) -> Entry | None:
    """One list item's keys and values with their lines; None when any key is unusable."""
    fields: dict[str, Field] = {}
    ok = True
    for key_node, value_node in item.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
            problems.append(Problem(path, key_line, "expected a plain key name"))
            ok = False
            continue
        key = key_node.value
        if key == "id" and key in fields:  # the next entry, written without its '- '
            problems.append(Problem(path, key_line, f"duplicate key 'id' (first on line "
                                                    f"{fields[key].line}): a new entry starts "
                                                    "with '- ' before its id, as in '- id: ...'"))
            return None
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
    return Entry(item.start_mark.line + 1, fields) if ok else None


def read_yaml_entries(path: Path, problems: list[Problem], what: str) -> list[Entry]:
    """Every entry (a mapping) of a YAML file whose document is a list. A missing file, an
    empty file or one with only comments has no entries. Accepts a UTF-8 BOM and CRLF."""
    text = read_text(path, problems)
    root = None if text is None else compose(path, text, problems)
    if root is None:
        return []
    problem = node_problem(path, root)
    if problem is not None:
        problems.append(problem)
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
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(path, item.start_mark.line + 1,
                                    f"expected one of the {what} as 'key: value' lines, found "
                                    "a single value"))
            continue
        entry = entry_of(path, item, constructor, problems)
        if entry is not None:
            entries.append(entry)
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



def raise_first(problems: list[Problem]) -> None:
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise TrackerError(f"{problems[0]}{more}; run `python -m generator check` for all")

