"""The hand-edited registry: author slug -> company, country; optional per-model overrides.

Parsing keeps each row's line number so that `check` can say exactly where a problem is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pycountry

from generator.errors import TrackerError
from generator.paths import shown

AUTHOR_COLUMNS = ("slug", "company", "name_zh", "country", "source_url", "notes")
# Columns added to a file after contributors had copies of it: what to do when one is missing.
ADDED_COLUMNS = {"name_zh": "name_zh (the company's Chinese name, for the Chinese edition) goes "
                            "after company: leave it empty where a company has no Chinese name"}
# Besides letters and digits, the only characters a Chinese company name needs; nothing that
# means something in HTML, Markdown, CSV or a template.
NAME_ZH_PUNCTUATION = frozenset(" ·・-（）()")
MODEL_COLUMNS = ("permaslug", "display_name", "family", "open_weights", "notes")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
BOOLEANS = {"true": True, "false": False, "": None}
# Author slugs of OpenRouter's cloaked models: their developer is unknown until revealed, so
# they are never in the registry and always Unattributed.
CLOAKED_AUTHORS = ("openrouter", "stealth")
# Codes people write for a country that ISO 3166-1 spells otherwise.
NOT_ISO = {"UK": "use GB for the United Kingdom", "EL": "use GR for Greece",
           "EN": "England is part of the United Kingdom: use GB"}
SAVE_CSV = ("save the file as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8), or as "
            "UTF-8 in your editor")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        # one line, whatever text from the file a message quotes
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{shown(self.path)}:{self.line}: {message}"


@dataclass(frozen=True)
class Author:
    slug: str
    company: str
    country: str
    source_url: str
    name_zh: str = ""  # the company's usual Chinese name; empty where it has none
    line: int = 0  # in authors.csv, for messages


@dataclass(frozen=True)
class ModelOverride:
    permaslug: str
    display_name: str
    family: str
    open_weights: bool | None
    line: int = 0  # in models.csv, for messages


@dataclass
class Registry:
    authors: dict[str, Author]
    models: dict[str, ModelOverride]


# ---------------------------------------------------------------- reading contributor files

def decode_text(path: Path, raw: bytes, problems: list[Problem], save_as: str) -> str | None:
    """The text of a contributor-edited file (a UTF-8 BOM dropped). Not UTF-8: a problem on the
    line of the first bad byte, naming the character and how to save the file instead."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = body[exc.start:exc.start + 1]
        line = body.count(b"\n", 0, exc.start) + 1
        try:
            what = f"{byte.decode('cp1252')!r} is written as Windows-1252 (byte 0x{byte[0]:02X})"
        except UnicodeDecodeError:
            what = f"byte 0x{byte[0]:02X} is not UTF-8"
        problems.append(Problem(path, line, f"not UTF-8 text: {what}; {save_as}"))
        return None


def first_crlf_line(raw: bytes) -> int | None:
    """The first line that ends with Windows' CR LF, if any."""
    at = raw.find(b"\r\n")
    return None if at < 0 else raw.count(b"\n", 0, at) + 1


def header_problem(header: list[str], columns: tuple[str, ...]) -> str | None:
    unknown = [h for h in header if h not in columns]
    missing = [c for c in columns if c not in header]
    parts = []
    if unknown:
        parts.append(f"unknown column(s) {', '.join(unknown)}")
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if len(set(header)) != len(header):
        parts.append("duplicate column names")
    hints = [ADDED_COLUMNS[c] for c in missing if c in ADDED_COLUMNS]
    if not parts:
        return None
    return "; ".join([*parts, f"expected {','.join(columns)}", *hints])


def field_count_problem(record: list[str], expected: int) -> str:
    """Too many fields is nearly always a comma inside a value: show the value quoted."""
    message = f"expected {expected} fields, found {len(record)}"
    if len(record) < expected:
        return message
    extra = len(record) - expected
    for index in range(1, len(record) - extra):
        if record[index].startswith(" "):  # "NewLab, Inc." split after its comma
            value = ",".join(record[index - 1:index + extra]).replace('"', '""')
            return (f'{message}: a value with a comma must be in double quotes, as in '
                    f'"{value}"')
    return f'{message}: a value with a comma must be in double quotes, e.g. "Example, Inc."'


def csv_error_message(exc: csv.Error) -> str:
    text = str(exc)
    if "expected after" in text:
        return ('a double quote inside a quoted value must be doubled, as in "The ""Lab"""; '
                "or the quoted value has text after its closing quote")
    if "end of data" in text or "EOF" in text:
        return "a double quote opened on this line is never closed"
    return f"not valid CSV ({text})"


def read_csv_rows(
    path: Path, columns: tuple[str, ...], problems: list[Problem], as_written: tuple[str, ...] = ()
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with their line numbers. Accepts a UTF-8 BOM and CRLF line endings.
    Values are stripped of surrounding spaces, except in the columns ``as_written``."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(path, 1, "file is missing"))
        return []
    text = decode_text(path, raw, problems, SAVE_CSV)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    line = 0
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(path, 1, f"empty file; expected header {','.join(columns)}"))
            return []
        header = [h.strip() for h in header]
        message = header_problem(header, columns)
        if message:
            problems.append(Problem(path, 1, message))
            return []
        line = reader.line_num
        for record in reader:
            start, line = line + 1, reader.line_num
            if not record or all(not cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(Problem(path, start, field_count_problem(record, len(header))))
                continue
            rows.append((start, {h: cell if h in as_written else cell.strip()
                                 for h, cell in zip(header, record)}))
    except csv.Error as exc:
        problems.append(Problem(path, line + 1, csv_error_message(exc)))
    return rows


# ---------------------------------------------------------------- values

def is_country_code(code: str) -> bool:
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def country_advice(value: str) -> str:
    """How to write ``value`` (not a valid code) as an ISO 3166-1 alpha-2 code."""
    if not value:
        return "give the headquarters' two-letter code, e.g. CN, US, FR"
    if value.upper() in NOT_ISO:
        return NOT_ISO[value.upper()]
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return "expected two capital letters, e.g. CN, US, FR"
    if value.upper() == country.alpha_2:
        return f"use {country.alpha_2} (in capitals)"
    return f"use {country.alpha_2} for {country.name}"


def country_problem(value: str) -> str:
    return f"country {value!r} is not an ISO 3166-1 alpha-2 code: {country_advice(value)}"


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def company_key(company: str) -> str:
    """A company's name as compared for sameness: case, spaces and punctuation ignored (a name
    of punctuation only is compared as it is)."""
    return "".join(ch for ch in company.casefold() if ch.isalnum()) or company


def is_han(ch: str) -> bool:
    """A Chinese character (a CJK unified or compatibility ideograph)."""
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED IDEOGRAPH",
                                                "CJK COMPATIBILITY IDEOGRAPH"))


def name_zh_problem(value: str) -> str | None:
    """What is wrong with a company's Chinese name, if anything. Empty is fine (no Chinese
    name); otherwise it has a Chinese character, no spaces around it, and only letters, digits,
    single spaces and NAME_ZH_PUNCTUATION, so it reads the same wherever it lands."""
    if not value:
        return None
    if value != value.strip():
        return f"name_zh {value!r} has spaces before or after it: remove them"
    odd = next((ch for ch in value if not ch.isalnum() and ch not in NAME_ZH_PUNCTUATION), None)
    if odd is not None:
        return (f"name_zh {value!r}: the character {odd!r} is not allowed (only Chinese "
                "characters, letters, digits, spaces and · - （ ）): write the name as the "
                "company writes it, without markup")
    if "  " in value:
        return f"name_zh {value!r} has two spaces in a row: write one"
    if not any(is_han(ch) for ch in value):
        return (f"name_zh {value!r} has no Chinese character: write the company's usual "
                "Chinese name (e.g. 深度求索 for DeepSeek), or leave it empty where it has none "
                "(the site then shows the company's name as it is)")
    return None


# ---------------------------------------------------------------- the two files

def author_problems(slug: str, row: dict[str, str], first_line: dict[str, int]) -> list[str]:
    problems = []
    if not SLUG_RE.match(slug):
        problems.append(f"slug {slug!r}: expected lower-case letters, digits, '.', '_' or '-' "
                        "(the part of the OpenRouter slug before '/')")
    elif slug in first_line:
        problems.append(f"duplicate slug {slug!r} (first on line {first_line[slug]})")
    elif slug in CLOAKED_AUTHORS:
        problems.append(f"slug {slug!r}: {slug}/... models are cloaked, so their developer is "
                        "not known: leave them out of the registry (they stay Unattributed); "
                        "once a developer is revealed, credit the model to it with a "
                        "reassign_author correction in data/corrections.yaml")
    if not row["company"]:
        problems.append(f"company is empty for {slug!r}")
    name_zh = name_zh_problem(row["name_zh"])
    if name_zh:
        problems.append(name_zh)
    if not is_country_code(row["country"]):
        problems.append(country_problem(row["country"]))
    if not is_http_url(row["source_url"]):
        problems.append(f"source_url {row['source_url']!r} is not an http(s) URL")
    return problems


def company_problems(path: Path, authors: list[Author]) -> list[Problem]:
    """One company, one spelling, one Chinese name and one country: rows that disagree with the
    company's first row (a second spelling would show as a second company on the site)."""
    problems = []
    first: dict[str, Author] = {}
    for author in authors:
        seen = first.setdefault(company_key(author.company), author)
        if seen.company != author.company:
            problems.append(Problem(path, author.line, f"company {author.company!r} is written "
                                    f"{seen.company!r} on line {seen.line}: write it the same "
                                    "way on every row, or the site shows two companies"))
        elif seen.country != author.country:
            problems.append(Problem(path, author.line, f"company {author.company!r} has country "
                                    f"{seen.country} on line {seen.line} but {author.country} "
                                    "here: a company has one headquarters country"))
        elif seen.name_zh != author.name_zh:
            problems.append(Problem(path, author.line, f"company {author.company!r} has name_zh "
                                    f"{seen.name_zh!r} on line {seen.line} but "
                                    f"{author.name_zh!r} here: give every row of a company the "
                                    "same Chinese name (or leave it empty on every row)"))
    return problems


def parse_authors(path: Path, problems: list[Problem]) -> dict[str, Author]:
    authors: dict[str, Author] = {}
    first_line: dict[str, int] = {}
    for line, row in read_csv_rows(path, AUTHOR_COLUMNS, problems, as_written=("name_zh",)):
        slug = row["slug"]
        messages = author_problems(slug, row, first_line)
        problems.extend(Problem(path, line, message) for message in messages)
        if not messages:
            first_line[slug] = line
            authors[slug] = Author(slug, row["company"], row["country"], row["source_url"],
                                   name_zh=row["name_zh"], line=line)
    problems.extend(company_problems(path, list(authors.values())))
    return authors


def parse_models(path: Path, problems: list[Problem]) -> dict[str, ModelOverride]:
    models: dict[str, ModelOverride] = {}
    first_line: dict[str, int] = {}
    if not path.exists():
        return models  # optional file
    for line, row in read_csv_rows(path, MODEL_COLUMNS, problems):
        slug = row["permaslug"]
        ok = True
        if "/" not in slug or any(ch.isspace() for ch in slug):
            problems.append(Problem(path, line, f"permaslug {slug!r}: expected author/model, "
                                                "the OpenRouter slug on the model's page"))
            ok = False
        elif slug in first_line:
            problems.append(Problem(path, line, f"duplicate permaslug {slug!r} "
                                                f"(first on line {first_line[slug]})"))
            ok = False
        weights = row["open_weights"].lower()
        if weights not in BOOLEANS:
            problems.append(Problem(path, line, f"open_weights {row['open_weights']!r}: "
                                                "expected true, false or empty"))
            ok = False
        if ok:
            first_line[slug] = line
            models[slug] = ModelOverride(slug, row["display_name"], row["family"],
                                         BOOLEANS[weights], line)
    return models


def check_registry(registry_dir: Path) -> tuple[Registry, list[Problem]]:
    problems: list[Problem] = []
    authors = parse_authors(registry_dir / "authors.csv", problems)
    models = parse_models(registry_dir / "models.csv", problems)
    return Registry(authors, models), problems


def load_registry(registry_dir: Path) -> Registry:
    """The registry for a build: any problem stops the build with the first one and a hint."""
    registry, problems = check_registry(registry_dir)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise TrackerError(f"{problems[0]}{more}; run `python -m generator check` for all")
    return registry
